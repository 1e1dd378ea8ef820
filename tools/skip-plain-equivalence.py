#!/usr/bin/env python3
"""Equivalence proof for the surviving mutants of `skip_plain` in src/webhook/json_scan.rs
(docs/MUTATION-TESTING.md): the word-at-a-time test `has_less(w, 0x20) | has_zero(w ^ 0x22..) |
has_zero(w ^ 0x5c..)` with one `&` of `has_less` or `has_zero` mutated to `|` or `^` (cargo-mutants'
replacements). A mutant could change the scanner's result only if, for some 8-byte word holding a
special byte (below 0x20, `"` or `\`), the mutated test were zero (the word would be skipped).

Exhaustive over all 2^64 words without enumerating them: a depth-first search over the bytes from
the lowest, pruned as soon as the low bytes of the test are nonzero (byte k of each term depends only
on bytes 0..k), with the states merged by (k, the borrow out of byte k of each subtraction, special
byte seen) -- which is all that later bytes depend on. Prints, for each mutant form, a word it misses
or "never" (the first line is the original form, checked the same way).

    python3 tools/skip-plain-equivalence.py
"""
ONES=0x0101010101010101; HIGH=0x8080808080808080; M=2**64-1
def terms(kind_less, kind_zero):
    def less(w,n): return op(kind_less, (w-ONES*n)&M, (~w)&M)
    def zero(w): return op(kind_zero, (w-ONES)&M, (~w)&M)
    return less, zero
def op(kind, sub, nw):
    if kind=='orig': return sub & nw & HIGH
    if kind=='or1': return sub | (nw & HIGH)
    if kind=='xor1': return sub ^ (nw & HIGH)
    if kind=='or2': return (sub & nw) | HIGH
    if kind=='xor2': return (sub & nw) ^ HIGH
def special(w): return any(((w>>(8*k))&255) < 0x20 or ((w>>(8*k))&255) in (0x22,0x5c) for k in range(8))
# per-byte search: term byte k depends only on bytes 0..k (borrow). DFS over bytes with full recompute on prefix
def search(kl, kz):
    less, zero = terms(kl, kz)
    def test(w): return less(w,0x20) | zero(w ^ (ONES*0x22)) | zero(w ^ (ONES*0x5c))
    # DFS: choose bytes low to high; prune when low k bytes of test(prefix) are nonzero. Byte k of the result
    # depends on bytes 0..k only, so the prefix check is exact; memoize on the borrows (approximated by the
    # prefix's low bytes of the three subtractions' results).
    found=[]
    seen=set()
    def dfs(k, w):
        if found: return
        if k==8:
            if test(w)==0 and special(w): found.append(w)
            return
        for b in range(256):
            w2 = w | (b<<(8*k))
            mask=(1<<(8*(k+1)))-1
            if test(w2) & mask: continue
            # state: borrows out of byte k of the 3 subtractions + whether special seen
            s=(k, (w2-ONES*0x20)>>(8*(k+1)) & 1 if False else ((w2 & mask) < ((ONES*0x20)&mask)), ((w2^(ONES*0x22))&mask) < (ONES&mask), ((w2^(ONES*0x5c))&mask) < (ONES&mask), special(w2 & mask) if k<7 else None)
            if s in seen: continue
            seen.add(s)
            dfs(k+1, w2)
    dfs(0,0)
    return found
for kl in ['orig','or1','xor1','or2','xor2']:
    for kz in ['orig','or1','xor1','or2','xor2']:
        if (kl=='orig')==(kz=='orig') and not (kl=='orig' and kz=='orig'): continue
        f=search(kl,kz)
        print(kl,kz, 'MISSES special in', f[0].to_bytes(8,'little') if f else 'never')

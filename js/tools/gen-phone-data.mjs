#!/usr/bin/env node
// Generates `src/validate/phone/data.rs` from `libphonenumber-js/metadata.max.json`.
//
// Run from `js/`:  node tools/gen-phone-data.mjs
//
// What is kept: per territory (country or non-geographic entity) the calling code, the IDD prefix pattern,
// the national-prefix-for-parsing pattern (falling back to the national prefix, as libphonenumber-js does)
// and its transform rule, the leading-digits pattern, the general national-number pattern and possible
// lengths, and every number type's pattern (and its possible lengths where checking them can change an
// answer). Formatting rules, example numbers, default IDD prefixes and extension prefixes are dropped
// (parsing and validation never read them).
//
// Every pattern is parsed here and compiled to a small bytecode that `src/validate/phone/pattern.rs`
// interprets; anything outside the supported regex subset fails the generation. The compiled programs are
// checked against JavaScript's own RegExp on generated strings before anything is written.

import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parsePattern } from './phone-pattern.mjs'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const OUT = join(here, '..', '..', 'src', 'validate', 'phone', 'data.rs')

const lpnPackage = JSON.parse(readFileSync(require.resolve('libphonenumber-js/package.json'), 'utf8'))
const metadata = JSON.parse(readFileSync(require.resolve('libphonenumber-js/metadata.max.json'), 'utf8'))

if (metadata.version !== 4) throw new Error(`unexpected metadata format version ${metadata.version}`)

// ---------------------------------------------------------------------------------------------------
// Bytecode. Keep in sync with `src/validate/phone/pattern.rs`.
//
// The encoding mirrors the structure of the regular expression (group open, `|`, group close) and carries
// no jump offsets, so a sub-pattern compiles to the same bytes wherever it appears and gzip finds the
// repetitions (an encoding with jump offsets was measured 25% larger gzipped). The Rust side computes the
// jump table of a pattern once, on first use.
//
//   0..=9          literal digit
//   10             any digit (\d)
//   11             group open (?:
//   12             optional group open (?:...)? (greedy)
//   13             `|`
//   14             group close
//   15 slot        save the position into capture slot `slot` (2 * group, 2 * group + 1)
//   16             assert end of input (`$`)
//   17 lo hi       digit class, 10-bit mask (little endian)
//   18 min max A   greedy repetition {min,max} of the single-digit atom A
//   19 A           A? (greedy)
//   20..=38        \d{n} for n = opcode - 18, in 2..=20
//   39             end of the pattern: MATCH
//   40..=255       digit class CLASS_MASKS[opcode - 40]
// Alternations are always inside a group (a top-level alternation is wrapped in one).

export const OP = {
  ANY: 10,
  OPEN: 11,
  OPEN_OPT: 12,
  BAR: 13,
  CLOSE: 14,
  SAVE: 15,
  END: 16,
  CLASS: 17,
  REP: 18,
  OPT1: 19,
  ANYN: 18,
  PATTERN_END: 39,
  TABLE: 40,
}
const MAX_GROUPS = 3

// Chosen after parsing every pattern: the most frequent class masks get one-byte opcodes.
let classTable = []

function atomBytes(mask) {
  if (mask === 0x3ff) return [OP.ANY]
  for (let d = 0; d < 10; d++) if (mask === 1 << d) return [d]
  const k = classTable.indexOf(mask)
  if (k >= 0) return [OP.TABLE + k]
  return [OP.CLASS, mask & 0xff, mask >> 8]
}

function singleMask(node) {
  if (node.t === 'class') return node.mask
  if (node.t === 'group' && !node.capture) return singleMask(node.body)
  return null
}

function emitGroupBody(node) {
  // Alternatives separated by BAR (the caller emits the open/close).
  if (node.t === 'alt') {
    const out = []
    node.branches.forEach((b, k) => {
      if (k > 0) out.push(OP.BAR)
      out.push(...emit(b))
    })
    return out
  }
  return emit(node)
}

function emit(node) {
  switch (node.t) {
    case 'class':
      return atomBytes(node.mask)
    case 'end':
      return [OP.END]
    case 'seq':
      return node.items.flatMap(emit)
    case 'alt':
      return [OP.OPEN, ...emitGroupBody(node), OP.CLOSE]
    case 'group': {
      const body = emit(node.body)
      if (!node.capture) return body
      return [OP.SAVE, 2 * node.index, ...body, OP.SAVE, 2 * node.index + 1]
    }
    case 'rep': {
      const { min, max, body } = node
      const single = singleMask(body)
      if (single !== null) {
        if (min === 1 && max === 1) return atomBytes(single)
        if (min === 0 && max === 1) return [OP.OPT1, ...atomBytes(single)]
        if (single === 0x3ff && min === max && min >= 2 && min <= 20) return [OP.ANYN + min]
        return [OP.REP, min, max, ...atomBytes(single)]
      }
      if (max > 1 && JSON.stringify(body).includes('"capture":true')) throw new Error('repeated capture group')
      // `min` copies, then (max - min) nested greedy optional groups.
      const one = emit(body)
      let optional = []
      for (let k = 0; k < max - min; k++) {
        const inner = k === 0 && max - min === 1 ? emitOptionalBody(body) : [...one, ...optional]
        optional = [OP.OPEN_OPT, ...inner, OP.CLOSE]
      }
      const out = []
      for (let k = 0; k < min; k++) out.push(...one)
      out.push(...optional)
      return out
    }
  }
  throw new Error(`unknown node ${node.t}`)
}

// The body of `(?:a|b)?` can put its alternatives straight into the optional group.
function emitOptionalBody(body) {
  let n = body
  while (n.t === 'group' && !n.capture) n = n.body
  return emitGroupBody(n)
}

export function compile(src) {
  const { ast, groups } = parsePattern(src)
  if (groups > MAX_GROUPS) throw new Error(`too many capture groups in ${src}`)
  return emit(ast)
}

function collectMasks(node, counts) {
  if (node.t === 'class') {
    const m = node.mask
    if (m !== 0x3ff && (m & (m - 1)) !== 0) counts.set(m, (counts.get(m) || 0) + 1)
  } else if (node.t === 'seq') node.items.forEach((n) => collectMasks(n, counts))
  else if (node.t === 'alt') node.branches.forEach((n) => collectMasks(n, counts))
  else if (node.t === 'group' || node.t === 'rep') collectMasks(node.body, counts)
}

export function chooseClassTable(sources) {
  const counts = new Map()
  for (const src of sources) collectMasks(parsePattern(src).ast, counts)
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])
  classTable = sorted.slice(0, 256 - OP.TABLE).map((e) => e[0])
  return classTable
}

// Instruction length (opcode + operands) at `pc`.
function insnLen(p, pc) {
  const op = p[pc]
  if (op === OP.SAVE) return 2
  if (op === OP.CLASS) return 3
  if (op === OP.REP) return 3 + (p[pc + 3] === OP.CLASS ? 3 : 1)
  if (op === OP.OPT1) return 1 + (p[pc + 1] === OP.CLASS ? 3 : 1)
  return 1
}

// For each group open and `|`, the position of the next `|` or group close of the same group.
export function jumpTable(p) {
  const next = new Array(p.length).fill(-1)
  const stack = []
  for (let pc = 0; pc < p.length; pc += insnLen(p, pc)) {
    const op = p[pc]
    if (op === OP.OPEN || op === OP.OPEN_OPT) stack.push(pc)
    else if (op === OP.BAR) {
      next[stack.pop()] = pc
      stack.push(pc)
    } else if (op === OP.CLOSE) next[stack.pop()] = pc
  }
  if (stack.length) throw new Error('unbalanced groups')
  return next
}

function atomMask(p, pc) {
  const op = p[pc]
  if (op <= 9) return 1 << op
  if (op === OP.ANY) return 0x3ff
  if (op === OP.CLASS) return p[pc + 1] | (p[pc + 2] << 8)
  if (op >= OP.TABLE) return classTable[op - OP.TABLE]
  throw new Error('bad atom')
}

// A JavaScript interpreter for the bytecode with the same semantics as the Rust one (backtracking,
// first alternative first, greedy), used to check the compiler against RegExp. Returns null (no
// match) or { end, caps, steps }.
export function runJs(p, s, full) {
  const next = jumpTable(p)
  const caps = new Array(2 * (MAX_GROUPS + 1)).fill(-1)
  let result = null
  let steps = 0
  const ok = (mask, pos) => {
    const d = pos < s.length ? s.charCodeAt(pos) - 48 : -1
    return d >= 0 && d <= 9 && (mask & (1 << d)) !== 0
  }
  const closeOf = (pc) => {
    while (p[pc] !== OP.CLOSE) pc = next[pc]
    return pc
  }
  function run(pc, pos) {
    for (;;) {
      steps++
      if (pc >= p.length) {
        if (full && pos !== s.length) return false
        result = { end: pos, caps: caps.slice() }
        return true
      }
      const op = p[pc]
      if (op <= OP.ANY || op === OP.CLASS || op >= OP.TABLE) {
        if (!ok(atomMask(p, pc), pos)) return false
        pc += insnLen(p, pc)
        pos++
      } else if (op >= OP.ANYN + 2) {
        const n = op - OP.ANYN
        for (let k = 0; k < n; k++) if (!ok(0x3ff, pos + k)) return false
        pc++
        pos += n
      } else if (op === OP.REP || op === OP.OPT1) {
        const min = op === OP.REP ? p[pc + 1] : 0
        const max = op === OP.REP ? p[pc + 2] : 1
        const mask = atomMask(p, op === OP.REP ? pc + 3 : pc + 1)
        const after = pc + insnLen(p, pc)
        let k = 0
        while (k < max && ok(mask, pos + k)) k++
        for (; k >= min; k--) if (run(after, pos + k)) return true
        return false
      } else if (op === OP.OPEN || op === OP.OPEN_OPT) {
        if (op === OP.OPEN_OPT) {
          if (runGroup(pc, pos)) return true
          pc = closeOf(pc) + 1
          continue
        }
        // Try every alternative but the last with backtracking; fall into the last one.
        let start = pc + 1
        let sep = next[pc]
        while (p[sep] === OP.BAR) {
          if (run(start, pos)) return true
          start = sep + 1
          sep = next[sep]
        }
        pc = start
      } else if (op === OP.BAR) {
        pc = closeOf(pc) + 1
      } else if (op === OP.CLOSE) {
        pc++
      } else if (op === OP.SAVE) {
        const slot = p[pc + 1]
        const old = caps[slot]
        caps[slot] = pos
        if (run(pc + 2, pos)) return true
        caps[slot] = old
        return false
      } else if (op === OP.END) {
        if (pos !== s.length) return false
        pc++
      } else throw new Error(`bad op ${op}`)
    }
  }
  // Enter the group at `pc` as a plain group (all alternatives, each followed by the continuation).
  function runGroup(pc, pos) {
    let start = pc + 1
    let sep = next[pc]
    for (;;) {
      if (run(start, pos)) return true
      if (p[sep] !== OP.BAR) return false
      start = sep + 1
      sep = next[sep]
    }
  }
  const matched = run(0, 0)
  return matched ? { ...result, steps } : null
}

// ---------------------------------------------------------------------------------------------------
// Deterministic random strings for the self-check.
function rng(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
function sample(node, r) {
  switch (node.t) {
    case 'class': {
      const ds = []
      for (let d = 0; d < 10; d++) if (node.mask & (1 << d)) ds.push(d)
      return String(ds[Math.floor(r() * ds.length)])
    }
    case 'end':
      return ''
    case 'seq':
      return node.items.map((n) => sample(n, r)).join('')
    case 'group':
      return sample(node.body, r)
    case 'alt':
      return sample(node.branches[Math.floor(r() * node.branches.length)], r)
    case 'rep': {
      const n = node.min + Math.floor(r() * (node.max - node.min + 1))
      let out = ''
      for (let k = 0; k < n; k++) out += sample(node.body, r)
      return out
    }
  }
}
function mutate(s, r) {
  const pos = Math.floor(r() * (s.length + 1))
  const d = String(Math.floor(r() * 10))
  switch (Math.floor(r() * 4)) {
    case 0:
      return s.slice(0, pos) + s.slice(pos + 1)
    case 1:
      return s.slice(0, pos) + d + s.slice(pos)
    case 2:
      return s.slice(0, pos) + d + s.slice(pos + 1)
    default:
      return s + String(Math.floor(r() * 1e6))
  }
}

function selfCheck(src, prog) {
  const { ast } = parsePattern(src)
  const full = new RegExp('^(?:' + src + ')$')
  const prefix = new RegExp('^(?:' + src + ')')
  const r = rng(src.length * 7919 + src.charCodeAt(0))
  const inputs = ['']
  for (let k = 0; k < 60; k++) {
    const s = sample(ast, r)
    inputs.push(s, mutate(s, r), mutate(mutate(s, r), r))
  }
  for (let k = 0; k < 30; k++) {
    let s = ''
    const n = Math.floor(r() * 14)
    for (let j = 0; j < n; j++) s += String(Math.floor(r() * 10))
    inputs.push(s)
  }
  for (const s of inputs) {
    const a = full.test(s)
    const fullRun = runJs(prog, s, true)
    const b = fullRun !== null
    maxSteps = Math.max(maxSteps, fullRun ? fullRun.steps : 0)
    if (a !== b) throw new Error(`self-check (full) failed for ${src} on ${s}: RegExp ${a}, bytecode ${b}`)
    const m = prefix.exec(s)
    const ours = runJs(prog, s, false)
    if (!m !== !ours) throw new Error(`self-check (prefix) failed for ${src} on ${s}`)
    if (m) {
      if (m[0].length !== ours.end) throw new Error(`self-check (prefix length) failed for ${src} on ${s}`)
      for (let g = 1; g < m.length; g++) {
        const start = ours.caps[2 * g]
        const end = ours.caps[2 * g + 1]
        const got = start < 0 || end < 0 ? undefined : s.slice(start, end)
        if (got !== m[g]) throw new Error(`self-check (group ${g}) failed for ${src} on ${s}: ${m[g]} vs ${got}`)
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// The data stream.
//
// One byte string holding, for each territory in calling-code order (the main country of a calling code
// first, then the others in libphonenumber-js order; non-geographic entities in their own groups):
//
//   country        2 ASCII bytes, or 0 0 for a non-geographic entity
//   calling code   length byte, ASCII digits
//   flags          u16 LE: bit 0 IDD prefix, bit 1 national prefix for parsing, bit 2 leading digits,
//                  bit 3 transform rule, bit 4 + k number type k has a (non-empty) pattern
//   lengths        count byte, possible lengths (one byte each)
//   type lengths   for each type present: 0 when the type's possible lengths filter nothing out (every
//                  length its pattern can match is possible; true of all types in 1.13.16), else a
//                  count byte and the lengths
//   transform      if present: length byte, ASCII (digits and $1..$3)
//   patterns       national number pattern, then IDD, national prefix for parsing, leading digits and the
//                  types present, in that order, each followed by PATTERN_END (39)
//
// Type k is in libphonenumber-js metadata order: fixed line, mobile, toll free, premium rate, personal
// number, voicemail, UAN, pager, VoIP, shared cost. An empty type pattern ("same as fixed line") is
// stored as absent: libphonenumber-js treats both the same way when typing and validating numbers.
// The national prefix for parsing falls back to the national prefix, as in libphonenumber-js.

const allSources = new Set()
for (const d of [...Object.values(metadata.countries), ...Object.values(metadata.nonGeographic)]) {
  for (const src of [d[1], d[2], d[7] || d[5], d[10]]) if (src) allSources.add(src)
  for (const t of d[11] || []) if (t && t[0]) allSources.add(t[0])
}
chooseClassTable(allSources)

const compiled = new Map()
let maxSteps = 0
function pattern(src, what) {
  if (typeof src !== 'string' || src === '') throw new Error(`bad pattern for ${what}`)
  let prog = compiled.get(src)
  if (!prog) {
    prog = compile(src)
    selfCheck(src, prog)
    compiled.set(src, prog)
  }
  return [...prog, OP.PATTERN_END]
}

function lengthList(list, what) {
  if (!Array.isArray(list) || list.length === 0 || list.length > 31) throw new Error(`bad possible lengths for ${what}`)
  let prev = 0
  for (const n of list) {
    if (!Number.isInteger(n) || n < 1 || n > 31 || n <= prev) throw new Error(`bad possible lengths for ${what}`)
    prev = n
  }
  return [list.length, ...list]
}

function groupCount(src) {
  return parsePattern(src).groups
}

// The lengths of the strings a pattern matches (the subset has no unbounded repetition).
function patternLengths(node) {
  const add = (a, b) => {
    const r = new Set()
    for (const x of a) for (const y of b) r.add(x + y)
    return r
  }
  switch (node.t) {
    case 'class':
      return new Set([1])
    case 'end':
      return new Set([0])
    case 'seq':
      return node.items.reduce((acc, it) => add(acc, patternLengths(it)), new Set([0]))
    case 'alt':
      return new Set(node.branches.flatMap((b) => [...patternLengths(b)]))
    case 'group':
      return patternLengths(node.body)
    case 'rep': {
      const one = patternLengths(node.body)
      const out = new Set()
      let acc = new Set([0])
      for (let k = 0; k <= node.max; k++) {
        if (k >= node.min) for (const x of acc) out.add(x)
        acc = add(acc, one)
      }
      return out
    }
  }
  throw new Error(`unknown node ${node.t}`)
}

// Territory order.
const callingCodes = Object.keys(metadata.country_calling_codes).concat(Object.keys(metadata.nonGeographic))
callingCodes.sort((a, b) => Number(a) - Number(b))
if (new Set(callingCodes).size !== callingCodes.length) throw new Error('calling code both geographic and not')
const territories = []
for (const cc of callingCodes) {
  const countries = metadata.country_calling_codes[cc]
  if (countries) {
    if (countries.length === 1 && countries[0].length === 3) throw new Error(`old-style non-geographic ${cc}`)
    for (const country of countries) {
      if (!/^[A-Z]{2}$/.test(country)) throw new Error(`bad country ${country}`)
      const d = metadata.countries[country]
      if (!d) throw new Error(`no metadata for ${country}`)
      if (d[0] !== cc) throw new Error(`${country} calling code mismatch`)
      territories.push({ id: country, d })
    }
  } else {
    territories.push({ id: null, d: metadata.nonGeographic[cc] })
  }
}
for (const country of Object.keys(metadata.countries)) {
  if (!territories.some((t) => t.id === country)) throw new Error(`${country} has no calling code group`)
}
if (territories.length > 255) throw new Error('too many territories')

const headers = []
const data = []
for (const { id, d } of territories) {
  const what = id || `+${d[0]}`
  const cc = d[0]
  if (typeof cc !== 'string' || !/^[1-9]\d{0,2}$/.test(cc)) throw new Error(`bad calling code for ${what}`)
  const types = d[11]
  if (!Array.isArray(types) || types.length === 0) throw new Error(`${what} has no type patterns`)
  const npfpSrc = d[7] || d[5] || ''
  const transform = d[8] || ''
  if (transform) {
    if (!/^(?:\d|\$[1-3])*$/.test(transform)) throw new Error(`unsupported transform rule ${transform} for ${what}`)
    if (!npfpSrc) throw new Error(`transform rule without national prefix for parsing for ${what}`)
    const maxRef = Math.max(0, ...[...transform.matchAll(/\$(\d)/g)].map((m) => Number(m[1])))
    if (maxRef > groupCount(npfpSrc)) throw new Error(`transform rule ${transform} refers to a missing group for ${what}`)
  }
  let flags = 0
  if (d[1]) flags |= 1
  if (npfpSrc) flags |= 2
  if (d[10]) flags |= 4
  if (transform) flags |= 8
  const typeBytes = []
  const typePatterns = []
  for (let k = 0; k < 10; k++) {
    const t = types[k]
    if (!t) continue
    if (!Array.isArray(t) || typeof t[0] !== 'string') throw new Error(`bad type ${k} for ${what}`)
    if (t[0] === '') continue
    flags |= 1 << (4 + k)
    // libphonenumber-js checks `type[1] || numberingPlan.possibleLengths()` before the pattern; the
    // check can only change the answer if the pattern matches a length outside that list.
    const effective = t[1] || d[3]
    const needed = [...patternLengths(parsePattern(t[0]).ast)].some((n) => !effective.includes(n))
    typeBytes.push(...(needed ? lengthList(effective, `${what} type ${k}`) : [0]))
    typePatterns.push(...pattern(t[0], `${what} type ${k}`))
  }
  const header = [
    ...(id ? [id.charCodeAt(0), id.charCodeAt(1)] : [0, 0]),
    cc.length,
    ...[...cc].map((c) => c.charCodeAt(0)),
    flags & 0xff,
    flags >> 8,
    ...lengthList(d[3], what),
    ...typeBytes,
    ...(transform ? [transform.length, ...[...transform].map((c) => c.charCodeAt(0))] : []),
  ]
  headers.push(...header)
  data.push(...pattern(d[2], `${what} national number`))
  if (d[1]) data.push(...pattern(d[1], `${what} IDD prefix`))
  if (npfpSrc) data.push(...pattern(npfpSrc, `${what} national prefix for parsing`))
  if (d[10]) data.push(...pattern(d[10], `${what} leading digits`))
  data.push(...typePatterns)
}
if (data.length >= 0xfffe) throw new Error('pattern data too large for u16 offsets')

// ---------------------------------------------------------------------------------------------------
// Emit Rust.

function hexBytes(bytes) {
  const lines = []
  for (let k = 0; k < bytes.length; k += 32) {
    lines.push(
      bytes
        .slice(k, k + 32)
        .map((b) => '\\x' + b.toString(16).padStart(2, '0'))
        .join('') + '\\',
    )
  }
  return lines.join('\n')
}
function numList(nums, perLine, indent, fmt = String) {
  const lines = []
  for (let k = 0; k < nums.length; k += perLine) {
    lines.push(indent + nums.slice(k, k + perLine).map(fmt).join(', ') + ',')
  }
  return lines.join('\n')
}
const hex = (n) => '0x' + n.toString(16)

const out = `// @generated by js/tools/gen-phone-data.mjs — do not edit; re-run the script instead
// (from js/: \`node tools/gen-phone-data.mjs\`).
//
// Source: libphonenumber-js ${lpnPackage.version} (metadata.max.json), MIT licence,
// Copyright (c) 2016 @catamphetamine. Its metadata derives from Google's libphonenumber
// (https://github.com/google/libphonenumber), Apache License 2.0, Copyright (C) 2009 The Libphonenumber Authors.
//
// Kept: calling codes, IDD prefixes, national prefix for parsing + transform rules, leading digits,
// national number patterns, possible lengths, number type patterns. Dropped: formatting rules, example
// numbers, default IDD prefixes, extension prefixes. The layout of \`HEADERS\` and \`PATTERNS\` and the
// pattern bytecode are described in the generator; \`tables.rs\` and \`pattern.rs\` read them.

//! Phone metadata generated from libphonenumber-js ${lpnPackage.version} (\`metadata.max.json\`).

/// Version of libphonenumber-js the data was generated from.
pub const SOURCE_VERSION: &str = "${lpnPackage.version}";

/// Number of territories (countries and non-geographic entities) in [\`HEADERS\`].
pub const TERRITORY_COUNT: usize = ${territories.length};

/// Masks of the one-byte digit-class opcodes (opcode - 40), most frequent first.
pub static CLASS_MASKS: [u16; ${classTable.length}] = [
${numList(classTable, 16, '    ', hex)}
];

/// Territory headers, in territory order (${headers.length} bytes).
pub static HEADERS: &[u8; ${headers.length}] = b"\\
${hexBytes(headers)}
";

/// Compiled patterns of each territory, in territory order, each ending with opcode 39 (${data.length} bytes).
pub static PATTERNS: &[u8; ${data.length}] = b"\\
${hexBytes(data)}
";
`

writeFileSync(OUT, out)
// Format like the rest of the crate (rustfmt ships with the toolchain; skipped if missing).
const fmt = spawnSync('rustfmt', ['--edition', '2021', OUT], { stdio: 'inherit' })
if (fmt.error) console.warn(`rustfmt not run: ${fmt.error.message}`)
else if (fmt.status !== 0) throw new Error('rustfmt failed on the generated file')
console.log(
  `wrote ${OUT}: ${territories.length} territories, ${compiled.size} distinct patterns, ${headers.length} header bytes, ${data.length} pattern bytes; self-check max steps ${maxSteps}`,
)

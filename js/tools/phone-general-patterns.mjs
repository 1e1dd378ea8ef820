#!/usr/bin/env node
// Does a territory's general national-number pattern say anything its number-type patterns do not?
// (If it matched exactly the union of the type patterns, the metadata could drop it.) Compares the two
// languages exactly — every pattern of the metadata is a finite language over the digits — by walking
// the product of their subset automata, for every territory of libphonenumber-js/metadata.max.json.
//
//   node tools/phone-general-patterns.mjs          (from js/)
//
// Prints, per territory, whether general == union(types), general ⊋ union (with a shortest digit
// string only the general pattern accepts) or neither, and a summary. Result with libphonenumber-js
// 1.13.16: equal for 9 of 254 territories; the general pattern is broader for 243 (e.g. US: `3\d{6}`,
// seven-digit local numbers no type accepts) and narrower in part for AT and DE. The parser reads the
// general pattern where libphonenumber-js does (national prefix stripping, numbers written without
// `+`), so it stays in the data (docs/BENCHMARKS.md, "Sizes: floors").
import { createRequire } from 'node:module'
import { parsePattern } from './phone-pattern.mjs'

const require = createRequire(import.meta.url)
const metadata = require('libphonenumber-js/metadata.max.json')
const quiet = process.argv.includes('--quiet')

/** Thompson automaton of one or more patterns (their union). `$` edges are passable only at the end. */
function automaton(sources) {
  const eps = []
  const endEdges = []
  const digitEdges = []
  const state = () => {
    eps.push([])
    endEdges.push([])
    digitEdges.push([])
    return eps.length - 1
  }
  function build(node, from) {
    switch (node.t) {
      case 'class': {
        const to = state()
        digitEdges[from].push([node.mask, to])
        return to
      }
      case 'end': {
        const to = state()
        endEdges[from].push(to)
        return to
      }
      case 'seq':
        return node.items.reduce((s, it) => build(it, s), from)
      case 'group':
        return build(node.body, from)
      case 'alt': {
        const to = state()
        for (const b of node.branches) {
          const s = state()
          eps[from].push(s)
          eps[build(b, s)].push(to)
        }
        return to
      }
      case 'rep': {
        const to = state()
        let s = from
        for (let k = 0; k < node.max; k++) {
          if (k >= node.min) eps[s].push(to)
          const n = state()
          eps[s].push(n)
          s = build(node.body, n)
        }
        eps[s].push(to)
        return to
      }
    }
    throw new Error(`unknown node ${node.t}`)
  }
  const start = state()
  const accept = state()
  for (const src of sources) {
    const s = state()
    eps[start].push(s)
    eps[build(parsePattern(src).ast, s)].push(accept)
  }
  return { eps, endEdges, digitEdges, start, accept }
}

function closure(a, states, atEnd) {
  const out = new Set(states)
  const stack = [...states]
  while (stack.length) {
    const s = stack.pop()
    for (const t of atEnd ? [...a.eps[s], ...a.endEdges[s]] : a.eps[s]) {
      if (!out.has(t)) {
        out.add(t)
        stack.push(t)
      }
    }
  }
  return out
}
const accepts = (a, set) => closure(a, set, true).has(a.accept)
function step(a, set, d) {
  const next = []
  for (const s of set) for (const [mask, t] of a.digitEdges[s]) if (mask & (1 << d)) next.push(t)
  return closure(a, next, false)
}
const key = (set) => [...set].sort((x, y) => x - y).join(',')

/** Shortest strings accepted by only one of the two automata (breadth first), or null. */
function compare(a, b) {
  const queue = [[closure(a, [a.start], false), closure(b, [b.start], false), '']]
  const seen = new Set()
  let onlyA = null
  let onlyB = null
  while (queue.length && (onlyA === null || onlyB === null)) {
    const [x, y, w] = queue.shift()
    const k = `${key(x)}|${key(y)}`
    if (seen.has(k)) continue
    seen.add(k)
    const inA = accepts(a, x)
    const inB = accepts(b, y)
    if (inA && !inB && onlyA === null) onlyA = w
    if (inB && !inA && onlyB === null) onlyB = w
    if (x.size === 0 && y.size === 0) continue
    for (let d = 0; d < 10; d++) queue.push([step(a, x, d), step(b, y, d), w + d])
  }
  return { onlyA, onlyB }
}

const counts = { equal: 0, broader: 0, other: 0 }
const all = [...Object.entries(metadata.countries), ...Object.entries(metadata.nonGeographic).map(([cc, d]) => [`+${cc}`, d])]
for (const [id, d] of all) {
  const types = (d[11] || []).slice(0, 10).filter((t) => t && t[0]).map((t) => t[0])
  const { onlyA, onlyB } = compare(automaton([d[2]]), automaton(types))
  if (onlyA === null && onlyB === null) counts.equal++
  else if (onlyB === null) {
    counts.broader++
    if (!quiet) console.log(`${id}: general pattern is broader, e.g. ${onlyA}`)
  } else {
    counts.other++
    if (!quiet) console.log(`${id}: types accept ${onlyB}, which the general pattern does not${onlyA === null ? '' : `; general accepts ${onlyA}`}`)
  }
}
console.log(`${all.length} territories: general == union of types ${counts.equal}, general broader ${counts.broader}, neither ${counts.other}`)

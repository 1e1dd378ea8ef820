// A deterministic corpus of phone number inputs covering every country and non-geographic calling code
// of libphonenumber-js's max metadata, for side-by-side tests of our validator against
// libphonenumber-js/max.
//
//   import { generatePhoneCorpus } from './support/phone-corpus.mjs'
//   const cases = generatePhoneCorpus({ seed: 1 })   // [{ input, defaultCountry }], ~30k cases
//
// Sources of numbers, per territory: the example mobile number (`examples.mobile.json`), random members
// of the general national-number pattern and of every number-type pattern (a small random-string-from-
// regex generator over the metadata's regex subset). Each number is written in E.164, in national format
// with the country as default (formatted by libphonenumber-js), in international format, and mutated
// (one digit dropped, added or changed). A share of the numbers is also written with an IDD prefix from
// another country, without the `+` but with the country as default, with an extension, with other
// punctuation, and with full-width or Arabic-Indic digits.

import { createRequire } from 'node:module'
import { parsePhoneNumber } from 'libphonenumber-js/max'
import { rng } from './rng.mjs'

const require = createRequire(import.meta.url)
const metadata = require('libphonenumber-js/metadata.max.json')
const examples = require('libphonenumber-js/examples.mobile.json')

/** Samples per number-type pattern, per territory. */
const SAMPLES_PER_TYPE = 3
/** Samples of the general national-number pattern, per territory. */
const SAMPLES_GENERAL = 2

// Default countries used for IDD-prefixed input, with their (plain-digit) IDD prefix.
const IDD_FROM = [
  ['US', '011'],
  ['CA', '011'],
  ['GB', '00'],
  ['DE', '00'],
  ['FR', '00'],
  ['JP', '010'],
  ['AU', '0011'],
  ['BR', '0014'],
  ['IN', '00'],
  ['MX', '00'],
  ['NG', '009'],
  ['CN', '00'],
  ['KZ', '00'],
  ['AR', '00'],
]

// --- random strings from the metadata's regex subset ------------------------------------------------
// Digits, `\d`, `[...]` with ranges, `(?:...)`, `(...)`, `|`, `?`, `{n}`, `{n,m}`, `$`.

function parseRegex(src) {
  let i = 0
  const fail = () => {
    throw new Error(`unsupported pattern ${src} at ${i}`)
  }
  function alt() {
    const branches = [seq()]
    while (src[i] === '|') {
      i++
      branches.push(seq())
    }
    return { t: 'alt', branches }
  }
  function seq() {
    const items = []
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      let a = atom()
      for (;;) {
        if (src[i] === '?') {
          i++
          a = { t: 'rep', min: 0, max: 1, body: a }
        } else if (src[i] === '{') {
          const m = /^\{(\d+)(?:,(\d+))?\}/.exec(src.slice(i))
          if (!m) fail()
          i += m[0].length
          a = { t: 'rep', min: +m[1], max: m[2] === undefined ? +m[1] : +m[2], body: a }
        } else break
      }
      items.push(a)
    }
    return { t: 'seq', items }
  }
  function atom() {
    const c = src[i]
    if (c >= '0' && c <= '9') {
      i++
      return { t: 'set', digits: [c] }
    }
    if (c === '\\' && src[i + 1] === 'd') {
      i += 2
      return { t: 'set', digits: [...'0123456789'] }
    }
    if (c === '$') {
      i++
      return { t: 'seq', items: [] }
    }
    if (c === '[') {
      i++
      const digits = new Set()
      while (src[i] !== ']') {
        if (i >= src.length) fail()
        if (src[i] === '\\' && src[i + 1] === 'd') {
          for (const d of '0123456789') digits.add(d)
          i += 2
        } else if (src[i + 1] === '-' && src[i + 2] !== ']') {
          for (let d = +src[i]; d <= +src[i + 2]; d++) digits.add(String(d))
          i += 3
        } else {
          digits.add(src[i])
          i++
        }
      }
      i++
      return { t: 'set', digits: [...digits] }
    }
    if (c === '(') {
      i += src[i + 1] === '?' ? 3 : 1
      const body = alt()
      if (src[i] !== ')') fail()
      i++
      return body
    }
    fail()
  }
  const ast = alt()
  if (i !== src.length) fail()
  return ast
}

function sampleNode(node, r) {
  switch (node.t) {
    case 'set':
      return node.digits[Math.floor(r() * node.digits.length)]
    case 'seq':
      return node.items.map((n) => sampleNode(n, r)).join('')
    case 'alt':
      return sampleNode(node.branches[Math.floor(r() * node.branches.length)], r)
    case 'rep': {
      const n = node.min + Math.floor(r() * (node.max - node.min + 1))
      let s = ''
      for (let k = 0; k < n; k++) s += sampleNode(node.body, r)
      return s
    }
  }
  throw new Error('bad node')
}

const parsed = new Map()
/** A random string matching `pattern` (deterministic for a given `r`). */
export function randomFromPattern(pattern, r) {
  let ast = parsed.get(pattern)
  if (!ast) {
    ast = parseRegex(pattern)
    parsed.set(pattern, ast)
  }
  return sampleNode(ast, r)
}

// --- mutations ---------------------------------------------------------------------------------------

function digitPositions(s) {
  const out = []
  for (let k = 0; k < s.length; k++) if (s[k] >= '0' && s[k] <= '9') out.push(k)
  return out
}

/** One digit dropped, added or changed (`kind` 0, 1, 2). */
function mutate(s, kind, r) {
  const pos = digitPositions(s)
  if (pos.length === 0) return s
  const at = pos[Math.floor(r() * pos.length)]
  const d = String(Math.floor(r() * 10))
  if (kind === 0) return s.slice(0, at) + s.slice(at + 1)
  if (kind === 1) return s.slice(0, at) + d + s.slice(at)
  const other = String((+s[at] + 1 + Math.floor(r() * 9)) % 10)
  return s.slice(0, at) + other + s.slice(at + 1)
}

const FULLWIDTH = (s) => s.replace(/[0-9]/g, (c) => String.fromCharCode(0xff10 + +c))
const ARABIC_INDIC = (s) => s.replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + +c))

const EXTENSIONS = [' ext. 123', ' x12', ' #45', ';ext=678', ' ext 9', ', ext. 12', ' доб. 5', ' extension 44']
const PUNCTUATION = [
  (s) => s.replace(/ /g, '-'),
  (s) => s.replace(/ /g, '.'),
  (s) => s.replace(/ /g, ''),
  (s) => s.replace(/ /g, '\u00A0'),
  (s) => ' ' + s + ' ',
  (s) => s.replace(/ /g, ' / '),
]

// --- corpus ------------------------------------------------------------------------------------------

function territoryNumbers(d, example, r) {
  const nns = []
  if (example) nns.push(example)
  for (let k = 0; k < SAMPLES_GENERAL; k++) nns.push(randomFromPattern(d[2], r))
  for (const t of d[11] || []) {
    if (!t || !t[0]) continue
    for (let k = 0; k < SAMPLES_PER_TYPE; k++) nns.push(randomFromPattern(t[0], r))
  }
  return [...new Set(nns)]
}

/**
 * A deterministic array of `{ input, defaultCountry }` (defaultCountry: alpha-2 or null) covering every
 * country and non-geographic calling code of libphonenumber-js/max metadata.
 * @param {{ seed?: number }} [options]
 * @returns {{ input: string, defaultCountry: string | null }[]}
 */
export function generatePhoneCorpus({ seed = 1 } = {}) {
  const r = rng(seed)
  const cases = []
  const seen = new Set()
  const add = (input, defaultCountry) => {
    const key = `${defaultCountry}\u0000${input}`
    if (seen.has(key)) return
    seen.add(key)
    cases.push({ input, defaultCountry })
  }
  const pick = (list) => list[Math.floor(r() * list.length)]

  const territories = [
    ...Object.keys(metadata.countries)
      .sort()
      .map((c) => ({ country: c, d: metadata.countries[c] })),
    ...Object.keys(metadata.nonGeographic)
      .sort()
      .map((cc) => ({ country: null, d: metadata.nonGeographic[cc] })),
  ]

  for (const { country, d } of territories) {
    const cc = d[0]
    for (const nn of territoryNumbers(d, country && examples[country], r)) {
      const e164 = `+${cc}${nn}`
      let pn
      try {
        pn = parsePhoneNumber(e164)
      } catch {
        pn = undefined
      }
      const international = pn ? pn.formatInternational() : `+${cc} ${nn}`
      const national = pn && country ? pn.formatNational() : nn

      add(e164, null)
      add(international, country && r() < 0.5 ? country : null)
      if (country) add(national, country)
      // Mutations of the E.164 and national forms.
      for (let kind = 0; kind < 3; kind++) {
        add(mutate(e164, kind, r), r() < 0.7 || !country ? null : country)
        if (country && r() < 0.5) add(mutate(national, kind, r), country)
      }
      // A share of other writings.
      const x = r()
      if (x < 0.08) {
        const [from, idd] = pick(IDD_FROM)
        add(`${idd} ${international.slice(1)}`, from)
      } else if (x < 0.14 && country) {
        add(international.slice(1), country) // calling code without '+'
      } else if (x < 0.2) {
        add(international + pick(EXTENSIONS), country && r() < 0.5 ? country : null)
      } else if (x < 0.26) {
        add(pick(PUNCTUATION)(international), null)
      } else if (x < 0.3 && country) {
        add(pick(PUNCTUATION)(national), country)
      } else if (x < 0.32) {
        add((r() < 0.5 ? FULLWIDTH : ARABIC_INDIC)(international), null)
      } else if (x < 0.34 && country) {
        // The number with another country of the same calling code, or an unrelated one, as default.
        add(national, pick(['US', 'GB', 'RU', 'FR', 'DE', 'AU']))
      }
    }
  }

  // Hand-picked edge cases (errors, short inputs, letters, extensions, tel: URIs without context).
  for (const [input, dc] of [
    ['', null],
    ['   ', 'US'],
    ['+', null],
    ['+1', null],
    ['1', 'US'],
    ['12', 'US'],
    ['123', 'US'],
    ['abc', null],
    ['+1 212 abc 1234', null],
    ['+0 123 456 789', null],
    ['+999 123 456 789', null],
    ['2125551234', null],
    ['+1 212 555 1234 ext. 5', null],
    ['+1 212 555 1234 x 5', null],
    ['+1 (212) 555-1234#', null],
    ['1'.repeat(251), 'US'],
    ['+1 ' + '2'.repeat(20), null],
    ['tel:+1-212-555-1234', null],
    ['＋1 212 555 1234', 'US'],
    ['011 44 20 7946 0958', 'US'],
    ['00 49 30 123456', 'DE'],
    ['0111523456789', 'AR'],
    ['011 15 2345 6789', 'AR'],
  ]) {
    add(input, dc)
  }
  return cases
}

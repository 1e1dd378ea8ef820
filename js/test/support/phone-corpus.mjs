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
//
// Two classes of national input get their own generators, for every country that has them (drawn from
// a separate random stream, so the rest of the corpus is the same for a given seed):
// - `transform`: national numbers written the way the country's national-prefix-for-parsing rule
//   rewrites (`national_prefix_transform_rule`: NANPA seven-digit local numbers, AR `0 11 15 …`, BR
//   carrier codes, GG/IM/JE, JP, MG, SM, ...), built by choosing the rule's captured group so that the
//   rewrite gives a number of one of the country's types;
// - `idd`: national input whose digits begin with a match of the country's international call prefix
//   (toll-free `00800…` where `00` is also the IDD, national numbers that start like the IDD, and the
//   IDD followed by a national number), where the international reading may fail.
// Each case carries a `kind` (`e164`, `international`, `national`, `mutation`, `idd-from`, `no-plus`,
// `extension`, `punctuation`, `digits`, `other-default`, `transform`, `idd`, `edge`).

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
  let groups = 0
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
      const capture = src[i + 1] !== '?'
      i += capture ? 1 : 3
      const index = capture ? ++groups : 0
      const body = alt()
      if (src[i] !== ')') fail()
      i++
      return capture ? { t: 'group', index, body } : body
    }
    fail()
  }
  const ast = alt()
  if (i !== src.length) fail()
  return ast
}

/** A random string of `node`; a capture group whose index is in `forced` produces that text. */
function sampleNode(node, r, forced) {
  switch (node.t) {
    case 'set':
      return node.digits[Math.floor(r() * node.digits.length)]
    case 'seq':
      return node.items.map((n) => sampleNode(n, r, forced)).join('')
    case 'alt':
      return sampleNode(node.branches[Math.floor(r() * node.branches.length)], r, forced)
    case 'group':
      return forced && node.index in forced ? forced[node.index] : sampleNode(node.body, r, forced)
    case 'rep': {
      const n = node.min + Math.floor(r() * (node.max - node.min + 1))
      let s = ''
      for (let k = 0; k < n; k++) s += sampleNode(node.body, r, forced)
      return s
    }
  }
  throw new Error('bad node')
}

const parsed = new Map()
/** A random string matching `pattern` (deterministic for a given `r`); `forced` maps capture group
 *  numbers to the text they must produce. */
export function randomFromPattern(pattern, r, forced) {
  let ast = parsed.get(pattern)
  if (!ast) {
    ast = parseRegex(pattern)
    parsed.set(pattern, ast)
  }
  return sampleNode(ast, r, forced)
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
  const add = (input, defaultCountry, kind) => {
    const key = `${defaultCountry}\u0000${input}`
    if (seen.has(key)) return
    seen.add(key)
    cases.push({ input, defaultCountry, kind })
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

      add(e164, null, 'e164')
      add(international, country && r() < 0.5 ? country : null, 'international')
      if (country) add(national, country, 'national')
      // Mutations of the E.164 and national forms.
      for (let kind = 0; kind < 3; kind++) {
        add(mutate(e164, kind, r), r() < 0.7 || !country ? null : country, 'mutation')
        if (country && r() < 0.5) add(mutate(national, kind, r), country, 'national-mutation')
      }
      // A share of other writings.
      const x = r()
      if (x < 0.08) {
        const [from, idd] = pick(IDD_FROM)
        add(`${idd} ${international.slice(1)}`, from, 'idd-from')
      } else if (x < 0.14 && country) {
        add(international.slice(1), country, 'no-plus') // calling code without '+'
      } else if (x < 0.2) {
        add(international + pick(EXTENSIONS), country && r() < 0.5 ? country : null, 'extension')
      } else if (x < 0.26) {
        add(pick(PUNCTUATION)(international), null, 'punctuation')
      } else if (x < 0.3 && country) {
        add(pick(PUNCTUATION)(national), country, 'national-punctuation')
      } else if (x < 0.32) {
        add((r() < 0.5 ? FULLWIDTH : ARABIC_INDIC)(international), null, 'digits')
      } else if (x < 0.34 && country) {
        // The number with another country of the same calling code, or an unrelated one, as default.
        add(national, pick(['US', 'GB', 'RU', 'FR', 'DE', 'AU']), 'other-default')
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
    add(input, dc, 'edge')
  }

  // The two national classes, from their own random stream (the cases above do not change).
  const r2 = rng((seed ^ 0x7a3c91) >>> 0)
  for (const { country, d } of territories) {
    if (!country) continue
    for (const input of transformInputs(country, d, r2)) add(input, country, 'transform')
    for (const input of iddLookalikeInputs(country, d, r2)) add(input, country, 'idd')
  }
  return cases
}

/** National numbers of `d` drawn from its number-type patterns (and the general pattern). */
function nationalSamples(d, r, perType) {
  const out = []
  for (const t of d[11] || []) if (t && t[0]) for (let k = 0; k < perType; k++) out.push(randomFromPattern(t[0], r))
  for (let k = 0; k < perType; k++) out.push(randomFromPattern(d[2], r))
  return out
}

/** Transform rules have the form `<literal digits>$<group>` (checked; others are skipped). */
const TRANSFORM_RULE = /^(\d*)\$(\d)$/

/** Up to TRANSFORM_PER_COUNTRY national inputs that the national-prefix-for-parsing rule rewrites. */
export const TRANSFORM_PER_COUNTRY = 16

/**
 * National inputs of `country` written so that its national-prefix-for-parsing pattern captures a
 * group and the transform rule rewrites it into a number of one of the country's types: the rule
 * `<lit>$k` gives `lit + group k + rest`, so for a sampled number N starting with `lit` the group is
 * chosen as a slice of N and the pattern is sampled around it. Each is kept only when the real
 * RegExp confirms the capture and the rewrite; written plain, with a space after the rewritten
 * part, and with one digit dropped.
 */
export function transformInputs(country, d, r) {
  const npfp = d[7]
  const rule = d[8]
  const m = rule && TRANSFORM_RULE.exec(rule)
  if (!npfp || !m) return []
  const [, lit, k] = [m[0], m[1], Number(m[2])]
  const re = new RegExp(`^(?:${npfp})`)
  const out = new Set()
  /** Keeps `input` when the real RegExp captures the rule's group and, if `nn` is given, the
   *  rewrite gives `nn`; also the input with a space after the matched part and with a digit dropped. */
  const keep = (input, nn) => {
    const x = re.exec(input)
    const last = x ? x.length - 1 : 0
    if (!x || !x[k] || !x[last]) return false
    if (nn !== undefined && lit + x[k] + input.slice(x[0].length) !== nn) return false
    out.add(input)
    const cut = x[0].length
    if (cut > 0 && cut < input.length) out.add(`${input.slice(0, cut)} ${input.slice(cut)}`)
    out.add(mutate(input, 0, r))
    return true
  }
  for (const nn of nationalSamples(d, r, 12)) {
    if (out.size >= TRANSFORM_PER_COUNTRY) break
    if (!nn.startsWith(lit) || nn.length <= lit.length) continue
    const body = nn.slice(lit.length)
    // group lengths from the longest (a whole-number group, as NANPA's 7 digits) down; a few
    // samples each (the group may sit in one branch of an alternation)
    search: for (let len = body.length; len >= 1; len--) {
      const group = body.slice(0, len)
      for (let attempt = 0; attempt < 4; attempt++) {
        if (keep(randomFromPattern(npfp, r, { [k]: group }) + body.slice(len), nn)) break search
      }
    }
  }
  // Where no number of the country's types can be written that way (e.g. JP's `000…` group), the
  // rule's own inputs: the pattern sampled freely, then a few more digits.
  for (let attempt = 0; out.size < TRANSFORM_PER_COUNTRY / 2 && attempt < 200; attempt++) {
    keep(randomFromPattern(npfp, r) + randomFromPattern('\\d{0,6}', r))
  }
  return [...out].slice(0, TRANSFORM_PER_COUNTRY)
}

/** Up to IDD_PER_COUNTRY national inputs that begin with the international call prefix. */
export const IDD_PER_COUNTRY = 12

/**
 * National inputs of `country` whose digits begin with a match of its IDD prefix pattern: the
 * country's own numbers that start that way (written as the national format, with the national
 * prefix, or bare), the IDD followed by a national number of the country (which the international
 * reading may reject), and the toll-free `<IDD>800…` form.
 */
export function iddLookalikeInputs(country, d, r) {
  if (!d[1]) return []
  const idd = new RegExp(`^(?:${d[1]})`)
  const out = new Set()
  const own = []
  for (const nn of nationalSamples(d, r, 40)) {
    const forms = [nn]
    if (d[5]) forms.push(d[5] + nn)
    try {
      forms.push(parsePhoneNumber(`+${d[0]}${nn}`).formatNational())
    } catch {
      // not formattable: the digits are enough
    }
    for (const f of forms) if (idd.test(f.replace(/\D/g, ''))) own.push(f)
  }
  for (const f of own.slice(0, IDD_PER_COUNTRY / 2)) out.add(f)
  for (let k = 0; out.size < IDD_PER_COUNTRY && k < 40; k++) {
    const prefix = randomFromPattern(d[1], r)
    const x = r()
    if (x < 0.3) out.add(`${prefix}800 ${randomFromPattern('\\d{8}', r)}`)
    else if (x < 0.8) out.add(`${prefix}${randomFromPattern(d[2], r)}`)
    else out.add(`${prefix}0${randomFromPattern('\\d{6,9}', r)}`)
  }
  return [...out]
}

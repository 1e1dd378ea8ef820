#!/usr/bin/env node
// Development harness: runs the phone corpus through libphonenumber-js/max and through the native
// `phone_oracle` example (our Rust validator), and prints the agreement per metric and the disagreeing
// cases.
//
// Run from js/:  node tools/phone-agreement-native.mjs [--seed N] [--show N] [--out file.jsonl]
//                                                         [--no-build]
// It builds the example with `cargo build --release --example phone_oracle` first (unless --no-build).

import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import parsePhoneNumberFromString, {
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  isSupportedCountry,
} from 'libphonenumber-js/max'
import { generatePhoneCorpus } from '../test/support/phone-corpus.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const seed = Number(arg('--seed', '1'))
const show = Number(arg('--show', '15'))
const outFile = arg('--out', null)

// libphonenumber-js checks a `phone-context` with global (`/g`) regular expressions whose `lastIndex`
// survives between calls, so a valid context is refused every other time. A failing test resets
// `lastIndex`; this call makes both expressions fail once so the next check starts fresh. (Our
// implementation always answers like a fresh expression.)
const freshRegexState = () => parsePhoneNumberFromString('1;phone-context=+')

/** What libphonenumber-js/max answers, in the oracle's output shape. */
export function lpnResult(input, defaultCountry) {
  const dc = defaultCountry || undefined
  freshRegexState()
  const vl = validatePhoneNumberLength(input, dc)
  freshRegexState()
  const possibility = vl === undefined ? 'IS_POSSIBLE' : vl
  const pn = parsePhoneNumberFromString(input, { defaultCountry: dc, extract: false })
  if (!pn) {
    let error = 'UNKNOWN'
    freshRegexState()
    try {
      parsePhoneNumberWithError(input, {
        defaultCountry: dc && isSupportedCountry(dc) ? dc : undefined,
        extract: false,
      })
    } catch (e) {
      error = e.message
    }
    return {
      error,
      e164: null,
      country: null,
      nationalNumber: null,
      ext: null,
      possible: false,
      valid: false,
      type: null,
      possibility,
    }
  }
  return {
    error: null,
    e164: pn.number,
    country: pn.country || null,
    nationalNumber: pn.nationalNumber,
    ext: pn.ext || null,
    possible: pn.isPossible(),
    valid: pn.isValid(),
    type: pn.getType() || null,
    possibility,
  }
}

// `--fuzz N`: N random strings over an alphabet of digits, punctuation, extension labels and letters
// instead of the corpus (exercises viability, extension and error paths).
function fuzzCases(n, seed) {
  let s = seed >>> 0
  const r = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const atoms = [
    ...'0123456789'.split(''), ...'0123456789'.split(''), ...'0123456789'.split(''),
    '+', '＋', ' ', '-', '.', '(', ')', '/', '~', '～', '\u00A0', '\t', ',', ';', '#', '＃', ':', '．',
    'x', 'X', 'ext', 'EXT.', 'extn', 'extensión', 'extensio\u0301n', 'ｅｘｔ', 'ｘ', 'доб', 'ДОБ', 'anexo', 'int',
    'ｉｎｔ', ';ext=', ',,', 'tel:', ';phone-context=+1', ';isub=', 'a', 'é', '\u0661', '\u06F5', '５', '\u{1F600}',
    '00', '011', '8', '15', '1', '44', '7',
  ]
  const countries = [null, null, 'US', 'GB', 'DE', 'FR', 'RU', 'KZ', 'AR', 'BR', 'MX', 'IN', 'AU', 'JP', 'CN',
    'NG', 'IT', 'CA', 'PR', 'GG', 'BY', 'CO', 'XX', 'us']
  const out = []
  const numeric = [...'0123456789'.repeat(6).split(''), ' ', '-', '(', ')', '.', 'x', ' ext ', '#', ',,', '0', '00']
  for (let k = 0; k < n; k++) {
    // Half the cases look like numbers: a `+` or not, mostly digits, a few separators and labels.
    const numberLike = r() < 0.5
    const pool = numberLike ? numeric : atoms
    const len = numberLike ? 4 + Math.floor(r() * 16) : Math.floor(r() * 30)
    let input = numberLike && r() < 0.5 ? '+' : ''
    for (let j = 0; j < len; j++) input += pool[Math.floor(r() * pool.length)]
    out.push({ input, defaultCountry: countries[Math.floor(r() * countries.length)] })
  }
  return out
}

const fuzz = Number(arg('--fuzz', '0'))
const corpus = fuzz ? fuzzCases(fuzz, seed) : generatePhoneCorpus({ seed })
console.log(`${fuzz ? 'fuzz' : 'corpus'}: ${corpus.length} cases (seed ${seed})`)

let t0 = performance.now()
const expected = corpus.map((c) => lpnResult(c.input, c.defaultCountry))
console.log(`libphonenumber-js: ${(((performance.now() - t0) / corpus.length) * 1e6).toFixed(0)} ns/case (parse twice + checks)`)

if (!args.includes('--no-build')) {
  const build = spawnSync('cargo', ['build', '--release', '--example', 'phone_oracle'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  if (build.status !== 0) process.exit(1)
}
const exe = join(root, 'target', 'release', 'examples', 'phone_oracle')
t0 = performance.now()
const run = spawnSync(exe, [], {
  input: corpus.map((c) => JSON.stringify(c)).join('\n') + '\n',
  maxBuffer: 1 << 30,
  encoding: 'utf8',
})
if (run.status !== 0) {
  console.error(run.stderr)
  process.exit(1)
}
console.log(`oracle process: ${(performance.now() - t0).toFixed(0)} ms total`)
const actual = run.stdout.trim().split('\n').map((l) => JSON.parse(l))
if (actual.length !== corpus.length) throw new Error(`oracle printed ${actual.length} lines`)

const metrics = {
  'parse ok/error': (e, a) => (e.error === null) === (a.error === null),
  'error kind': (e, a) => e.error === a.error,
  e164: (e, a) => e.e164 === a.e164,
  country: (e, a) => e.country === a.country,
  nationalNumber: (e, a) => e.nationalNumber === a.nationalNumber,
  ext: (e, a) => e.ext === a.ext,
  isPossible: (e, a) => e.possible === a.possible,
  isValid: (e, a) => e.valid === a.valid,
  type: (e, a) => e.type === a.type,
  possibility: (e, a) => e.possibility === a.possibility,
  'e164 + country': (e, a) => e.e164 === a.e164 && e.country === a.country,
  'all of the above': (e, a) =>
    e.error === a.error &&
    e.e164 === a.e164 &&
    e.country === a.country &&
    e.nationalNumber === a.nationalNumber &&
    e.ext === a.ext &&
    e.possible === a.possible &&
    e.valid === a.valid &&
    e.type === a.type &&
    e.possibility === a.possibility,
}

const disagreements = []
for (const [name, same] of Object.entries(metrics)) {
  let ok = 0
  const bad = []
  corpus.forEach((c, k) => {
    if (same(expected[k], actual[k])) ok++
    else bad.push(k)
  })
  const pct = ((ok / corpus.length) * 100).toFixed(3)
  console.log(`${name.padEnd(18)} ${ok}/${corpus.length} = ${pct}%`)
  if (name === 'all of the above') for (const k of bad) disagreements.push(k)
}

if (disagreements.length) {
  console.log(`\nfirst ${Math.min(show, disagreements.length)} of ${disagreements.length} disagreements:`)
  for (const k of disagreements.slice(0, show)) {
    const e = expected[k]
    const a = actual[k]
    const diff = Object.keys(e)
      .filter((f) => JSON.stringify(e[f]) !== JSON.stringify(a[f]))
      .map((f) => `${f}: lpn=${JSON.stringify(e[f])} ours=${JSON.stringify(a[f])}`)
    console.log(`  ${JSON.stringify(corpus[k].input)} dc=${corpus[k].defaultCountry}  ${diff.join('; ')}`)
  }
}
// Per kind of input (the corpus's `kind`): agreement on all of the above.
if (!fuzz) {
  const per = {}
  corpus.forEach((c, k) => {
    const p = (per[c.kind] ??= [0, 0])
    p[1]++
    if (metrics['all of the above'](expected[k], actual[k])) p[0]++
  })
  console.log(`\nby kind: ${Object.entries(per).map(([kind, [ok, n]]) => `${kind} ${ok}/${n}`).join(', ')}`)
}
const tally = (f) => {
  const m = new Map()
  for (const e of expected) m.set(f(e), (m.get(f(e)) || 0) + 1)
  return [...m.entries()].map(([k, v]) => `${k}: ${v}`).join(', ')
}
console.log(`\nlibphonenumber-js outcomes: ${tally((e) => e.error || (e.valid ? 'valid' : e.possible ? 'possible, invalid' : 'impossible'))}`)
if (outFile) {
  writeFileSync(
    outFile,
    disagreements.map((k) => JSON.stringify({ case: corpus[k], lpn: expected[k], ours: actual[k] })).join('\n') + '\n',
  )
  console.log(`wrote ${disagreements.length} disagreements to ${outFile}`)
}

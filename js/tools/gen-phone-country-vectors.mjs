#!/usr/bin/env node
// Writes tests/vectors/phone_countries.json: for EVERY country of libphonenumber-js's max metadata
// and every non-geographic calling code, at least PER_CLASS valid and PER_CLASS invalid inputs with
// the answers of libphonenumber-js/max. Run from js/:  node tools/gen-phone-country-vectors.mjs
//
// The inputs are drawn from the seeded agreement corpus (test/support/phone-corpus.mjs: example
// numbers, random members of every number-type pattern, national formats, mutations, transform-rule
// and IDD-like national input), a few of each kind, so a whole territory that breaks (every number of
// a small country made invalid, or valid) fails the native test (tests/it/phone.rs), not only the
// JS agreement test.

import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import parsePhoneNumberFromString, { isPossiblePhoneNumber, isValidPhoneNumber } from 'libphonenumber-js/max'
import { generatePhoneCorpus } from '../test/support/phone-corpus.mjs'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const OUT = join(here, '..', '..', 'tests', 'vectors', 'phone_countries.json')
const lpnVersion = JSON.parse(readFileSync(require.resolve('libphonenumber-js/package.json'), 'utf8')).version
const metadata = require('libphonenumber-js/metadata.max.json')

/** Valid and invalid inputs per territory. */
export const PER_CLASS = 10
/** At most this many inputs of one corpus kind per territory and class, so the kinds mix. */
const PER_KIND = 3

// libphonenumber-js validates a `phone-context` with global regular expressions whose `lastIndex`
// survives between calls; a failing check resets it, so every answer below is a fresh one.
const fresh = () => parsePhoneNumberFromString('1;phone-context=+')

function answer(input, dc) {
  fresh()
  const possible = isPossiblePhoneNumber(input, dc)
  fresh()
  const valid = isValidPhoneNumber(input, dc)
  fresh()
  const pn = parsePhoneNumberFromString(input, { defaultCountry: dc, extract: false })
  return {
    possible,
    valid,
    e164: pn && pn.isPossible() ? pn.number : null,
    country: (pn && pn.isPossible() && pn.country) || null,
    type: (pn && pn.isPossible() && pn.getType()) || null,
  }
}

// The territory a corpus case belongs to: its default country, else the calling code's main
// country as libphonenumber-js parses it, else `+<code>` for non-geographic numbers.
function territory(input, dc) {
  if (dc) return dc
  fresh()
  const pn = parsePhoneNumberFromString(input, { extract: false })
  if (!pn) return null
  return pn.country ?? `+${pn.countryCallingCode}`
}

const corpus = generatePhoneCorpus({ seed: 20261202 })
const buckets = new Map() // territory -> { valid: [], invalid: [], kinds: Map }
for (const { input, defaultCountry, kind } of corpus) {
  const dc = defaultCountry ?? undefined
  const t = territory(input, dc)
  if (!t) continue
  let b = buckets.get(t)
  if (!b) buckets.set(t, (b = { valid: [], invalid: [], kinds: new Map() }))
  const a = answer(input, dc)
  const cls = a.valid ? 'valid' : 'invalid'
  if (b[cls].length >= PER_CLASS) continue
  const kindKey = `${cls}:${kind}`
  if ((b.kinds.get(kindKey) ?? 0) >= PER_KIND) continue
  b.kinds.set(kindKey, (b.kinds.get(kindKey) ?? 0) + 1)
  b[cls].push([input, defaultCountry ?? null, a.possible, a.valid, a.e164, a.country, a.type])
}
// Second pass without the per-kind cap, for territories the mix leaves short.
for (const { input, defaultCountry } of corpus) {
  const dc = defaultCountry ?? undefined
  const t = territory(input, dc)
  const b = t && buckets.get(t)
  if (!b) continue
  const a = answer(input, dc)
  const cls = a.valid ? 'valid' : 'invalid'
  if (b[cls].length >= PER_CLASS || b[cls].some((v) => v[0] === input && v[1] === (defaultCountry ?? null))) continue
  b[cls].push([input, defaultCountry ?? null, a.possible, a.valid, a.e164, a.country, a.type])
}

// Third pass, for the few non-geographic codes whose corpus mutations parse under another code: each
// valid number as a tel: URI and dash-separated, and one digit longer, one shorter, last digit changed.
for (const b of buckets.values()) {
  for (const [input, dc] of b.valid.slice()) {
    fresh()
    const pn = parsePhoneNumberFromString(input, { defaultCountry: dc ?? undefined, extract: false })
    for (const v of [pn.getURI(), pn.formatInternational().replace(/ /g, '-')]) {
      const a = answer(v, dc ?? undefined)
      if (!a.valid || b.valid.length >= PER_CLASS || b.valid.some((x) => x[0] === v && x[1] === dc)) continue
      b.valid.push([v, dc, a.possible, a.valid, a.e164, a.country, a.type])
    }
    if (b.invalid.length >= PER_CLASS) continue
    for (const v of [`${input}0`, input.slice(0, -1), input.slice(0, -1) + ((+input.at(-1) + 5) % 10)]) {
      const a = answer(v, dc ?? undefined)
      if (a.valid || b.invalid.length >= PER_CLASS || b.invalid.some((x) => x[0] === v && x[1] === dc)) continue
      b.invalid.push([v, dc, a.possible, a.valid, a.e164, a.country, a.type])
    }
  }
}

const expectedTerritories = [
  ...Object.keys(metadata.countries),
  ...Object.keys(metadata.nonGeographic ?? {}).map((code) => `+${code}`),
].sort()
const territories = {}
const short = []
for (const t of expectedTerritories) {
  const b = buckets.get(t) ?? { valid: [], invalid: [] }
  if (b.valid.length < PER_CLASS || b.invalid.length < PER_CLASS) short.push(`${t}: ${b.valid.length} valid, ${b.invalid.length} invalid`)
  territories[t] = [...b.valid, ...b.invalid]
}
if (short.length) {
  console.error(`territories with fewer than ${PER_CLASS} valid or invalid inputs:\n  ${short.join('\n  ')}`)
  process.exit(1)
}

const out = {
  source: `libphonenumber-js ${lpnVersion} (max metadata, MIT, by catamphetamine; metadata from Google's libphonenumber, Apache-2.0), generated by js/tools/gen-phone-country-vectors.mjs from the seeded corpus of js/test/support/phone-corpus.mjs`,
  $schema_note:
    `territories: ISO country (or +<calling code> for non-geographic numbers) -> at least ${PER_CLASS} valid then at least ${PER_CLASS} invalid ` +
    'vectors [input, defaultCountry, possible, valid, e164, country, type] where possible = isPossiblePhoneNumber(input, defaultCountry), ' +
    'valid = isValidPhoneNumber(input, defaultCountry), and e164 / country / type = number, country and getType() of ' +
    'parsePhoneNumber(input, { defaultCountry, extract: false }) when it parses and isPossible(), else null.',
  perClass: PER_CLASS,
  territories,
}
writeFileSync(OUT, JSON.stringify(out).replace(/\],\[/g, '],\n[').replace(/:\[\[/g, ':[\n[') + '\n')
console.log(`wrote ${OUT}: ${Object.keys(territories).length} territories, ${Object.values(territories).flat().length} vectors`)

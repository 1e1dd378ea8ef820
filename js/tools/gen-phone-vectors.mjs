#!/usr/bin/env node
// Writes tests/vectors/phone.json: curated phone inputs with the answers of libphonenumber-js/max.
// Run from js/:  node tools/gen-phone-vectors.mjs
//
// Shared by the native Rust tests (tests/it/phone.rs), the wasm tests and the JS tests of the built package.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { iddLookalikeInputs, transformInputs } from '../test/support/phone-corpus.mjs'
import { rng } from '../test/support/rng.mjs'
import parsePhoneNumberFromString, {
  parsePhoneNumberWithError,
  validatePhoneNumberLength,
  isSupportedCountry,
  getExampleNumber,
} from 'libphonenumber-js/max'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))
const OUT = join(here, '..', '..', 'tests', 'vectors', 'phone.json')
const lpnVersion = JSON.parse(readFileSync(require.resolve('libphonenumber-js/package.json'), 'utf8')).version
const examples = require('libphonenumber-js/examples.mobile.json')

// libphonenumber-js validates a `phone-context` with global regular expressions whose `lastIndex`
// survives between calls; a failing check resets it, so every answer below is a fresh one.
const fresh = () => parsePhoneNumberFromString('1;phone-context=+')

function expected(input, defaultCountry) {
  const dc = defaultCountry || undefined
  fresh()
  const vl = validatePhoneNumberLength(input, dc)
  fresh()
  const pn = parsePhoneNumberFromString(input, { defaultCountry: dc, extract: false })
  let error = null
  if (!pn) {
    fresh()
    try {
      parsePhoneNumberWithError(input, { defaultCountry: dc && isSupportedCountry(dc) ? dc : undefined, extract: false })
      throw new Error(`no error for ${input}`)
    } catch (e) {
      error = e.message
    }
  }
  return {
    possible: pn ? pn.isPossible() : false,
    valid: pn ? pn.isValid() : false,
    e164: pn ? pn.number : null,
    country: (pn && pn.country) || null,
    nationalNumber: pn ? pn.nationalNumber : null,
    ext: (pn && pn.ext) || null,
    error,
    possibility: vl === undefined ? 'IS_POSSIBLE' : vl === 'NOT_A_NUMBER' ? null : vl,
    type: (pn && pn.getType()) || null,
  }
}

const cases = []
const seen = new Set()
const add = (input, defaultCountry, note) => {
  const key = `${defaultCountry || ''}\u0000${input}`
  if (seen.has(key)) return
  seen.add(key)
  cases.push({ input, defaultCountry: defaultCountry || null, note })
}

// E.164 and human international formats, one example mobile number per country of a wide selection.
const SELECTION = [
  'US', 'CA', 'PR', 'JM', 'BS', 'GB', 'GG', 'JE', 'IM', 'IE', 'DE', 'FR', 'IT', 'VA', 'ES', 'PT', 'NL', 'BE',
  'CH', 'AT', 'SE', 'NO', 'SJ', 'FI', 'AX', 'DK', 'PL', 'RU', 'KZ', 'UA', 'TR', 'IL', 'SA', 'AE', 'EG', 'MA',
  'EH', 'NG', 'KE', 'ZA', 'GH', 'RE', 'YT', 'SH', 'TA', 'CW', 'BQ', 'GP', 'BL', 'MF', 'IN', 'PK', 'BD', 'CN',
  'HK', 'JP', 'KR', 'SG', 'ID', 'PH', 'VN', 'TH', 'AU', 'CC', 'CX', 'NZ', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE',
  'VE',
]
for (const c of SELECTION) {
  const n = getExampleNumber(c, examples)
  add(n.number, null, `E.164 ${c} example mobile`)
  add(n.formatInternational(), null, `international format ${c}`)
  add(n.formatNational(), c, `national format ${c}`)
}
// Non-geographic calling codes.
for (const e164 of ['+80012345678', '+80812345678', '+870773111632', '+878101234567890', '+881612345678',
  '+882345678901', '+883510012345', '+888123456789', '+979123456789']) {
  add(e164, null, 'non-geographic')
}

// Human formats.
for (const [input, dc] of [
  ['+1 (212) 555-1234', null],
  ['+1.212.555.1234', null],
  ['+1-212-555-1234', null],
  ['1 (212) 555-1234', 'US'],
  ['(212) 555-1234', 'US'],
  ['212.555.1234', 'US'],
  ['212 555 1234', 'CA'],
  ['555-1234', 'US'],
  ['+44 (0) 20 7946 0958', null],
  ['+44 20 7946 0958', null],
  ['020 7946 0958', 'GB'],
  ['07700 900123', 'GB'],
  ['+49 (0)30 123456', null],
  ['030 123456', 'DE'],
  ['+33 1 23 45 67 89', null],
  ['01 23 45 67 89', 'FR'],
  ['06 12 34 56 78', 'FR'],
  ['+52 55 1234 5678', null],
  ['55 1234 5678', 'MX'],
  ['+55 11 91234-5678', null],
  ['(11) 91234-5678', 'BR'],
  ['0 xx 11 91234-5678', 'BR'],
  ['+91 98765 43210', null],
  ['098765 43210', 'IN'],
  ['+61 4 1234 5678', null],
  ['0412 345 678', 'AU'],
  ['+81 90-1234-5678', null],
  ['090-1234-5678', 'JP'],
  ['+86 138 0013 8000', null],
  ['138 0013 8000', 'CN'],
  ['+234 802 123 4567', null],
  ['0802 123 4567', 'NG'],
  ['+7 912 345-67-89', null],
  ['8 (912) 345-67-89', 'RU'],
  ['8 800 555 35 35', 'RU'],
  ['+7 701 123 4567', null],
  ['8 701 123 4567', 'KZ'],
  ['+44 1481 256789', null],
  ['01481 256789', 'GB'],
  ['+44 1534 456789', null],
  ['+44 7624 369230', null],
  ['07624 369230', 'GB'],
  ['+1 613 555 0123', null],
  ['+1 787 555 0123', null],
  ['+1 242 359 1234', null],
  ['+1 345 323 1234', null],
  ['464 1234', 'AG'],
  ['+262 262 16 1234', null],
  ['+262 269 61 1234', null],
  ['+590 590 27 1234', null],
  ['+599 9 518 1234', null],
  ['+599 715 1234', null],
  ['+358 18 123456', null],
  ['+47 79 12 34 56', null],
  ['+212 528 123456', null],
]) {
  add(input, dc, 'human format')
}

// Argentina: national prefix 0, mobile `15` after the area code becomes `9` + area code.
for (const [input, dc] of [
  ['+54 9 11 2345-6789', null],
  ['011 15-2345-6789', 'AR'],
  ['11 15-2345-6789', 'AR'],
  ['0351 15 123 4567', 'AR'],
  ['+54 11 2345-6789', null],
  ['011 2345-6789', 'AR'],
]) {
  add(input, dc, 'AR national prefix and mobile 15')
}

// IDD prefixes with a default country, and international numbers without '+'.
for (const [input, dc] of [
  ['011 44 20 7946 0958', 'US'],
  ['011 49 30 123456', 'CA'],
  ['00 49 30 123456', 'DE'],
  ['00 1 212 555 1234', 'FR'],
  ['0011 44 20 7946 0958', 'AU'],
  ['010 1 212 555 1234', 'JP'],
  ['8 10 1 212 555 1234', 'RU'],
  ['00 7 912 345 67 89', 'KZ'],
  ['011 0 20 7946 0958', 'US'],
  ['011', 'US'],
  ['44 20 7946 0958', 'GB'],
  ['49 30 123456', 'DE'],
  ['1 212 555 1234', 'US'],
  ['33 1 23 45 67 89', 'FR'],
]) {
  add(input, dc, 'IDD prefix / calling code without +')
}

// Extensions.
for (const [input, dc] of [
  ['+1 212 555 1234 ext. 123', null],
  ['+1 212 555 1234 ext 123', null],
  ['+1 212 555 1234 x123', null],
  ['+1 212 555 1234 #123', null],
  ['+1 212-555-1234-910#', null],
  ['+1 212 555 1234;ext=123', null],
  ['+1 212 555 1234,,123', null],
  ['+1 212 555 1234 extension 7', null],
  ['+1 212 555 1234 EXT: 7', null],
  ['212 555 1234 x 7', 'US'],
  ['+44 20 7946 0958 ext. 1234', null],
  ['+7 912 345 67 89 доб. 12', null],
  ['+52 55 1234 5678 anexo 12', null],
  ['+1 212 555 1234 ext. 123456789012345678901', null],
  // labels: ambiguous ones (x, #, ~, int) and what may follow a label
  ['+1 212 555 1234 int 7', null],
  ['+1 212 555 1234 int. 7', null],
  ['+1 212 555 1234 \uFF49\uFF4E\uFF54 7', null],
  ['+1 212 555 1234 ~7', null],
  ['+1 212 555 1234 extq 7', null],
  ['+1 212 555 1234 ext: 7', null],
  ['+1 212 555 1234 ext.- 7', null],
  ['+1 212 555 1234 extq7', null],
  // auto-dialling (`;`, `,,`) and comma forms: an optional label end (`:` `.`), then only separators
  ['+1 212 555 1234;.5', null],
  ['+1 212 555 1234,,:5', null],
  ['+1 212 555 1234,.5', null],
  ['+1 212 555 1234;-5', null],
  ['+1 212 555 1234;a5', null],
  ['+1 212 555 1234,,a5', null],
  ['+1 212 555 1234,a5', null],
]) {
  add(input, dc, 'extension')
}

// Unicode digits and plus signs.
for (const [input, dc] of [
  ['＋１ ２１２ ５５５ １２３４', null],
  ['＋１ ２１２ ５５５ １２３４', 'US'],
  ['+\u0669\u0666\u0666 50 123 4567', null],
  ['+\u06F9\u06F8 912 345 6789', null],
  ['+1\u00A0212\u00A0555\u00A01234', null],
  ['+1 212\u2013555\u20131234', null],
]) {
  add(input, dc, 'unicode digits and punctuation')
}

// RFC 3966.
for (const [input, dc] of [
  ['tel:+1-212-555-1234', null],
  ['tel:212-555-1234;phone-context=+1', null],
  ['tel:2079460958;phone-context=+44', 'US'],
  ['tel:212-555-1234;phone-context=', null],
  ['tel:2125551234;phone-context=example.com', 'US'],
  ['+1 212 555 1234;isub=12345', null],
  ['tel:2125551234;phone-context=+1-212', null],
  ['tel:2125551234;phone-context=+1(2).3', null],
  ['tel:2125551234;phone-context=+1a', null],
  ['tel:2125551234;phone-context=+-', null],
]) {
  add(input, dc, 'RFC 3966')
}

// Errors and lengths.
for (const [input, dc, note] of [
  ['', null, 'empty'],
  ['', 'US', 'empty'],
  ['   ', 'US', 'spaces only'],
  ['abc', 'US', 'letters'],
  ['+1 212 abc 1234', null, 'letters inside'],
  ['call me', null, 'letters'],
  ['+', null, 'plus only'],
  ['+1', null, 'calling code only'],
  ['1', 'US', 'one digit'],
  ['12', 'US', 'two digits'],
  ['1 2', 'US', 'two digits with space'],
  ['123', 'US', 'three digits'],
  ['2125551234', null, 'national without default country'],
  ['2125551234', 'XX', 'unknown default country'],
  ['2125551234', 'us', 'lower-case default country'],
  ['+0 123 456 789', null, 'calling code starting with 0'],
  ['+999 123 456 789', null, 'unknown calling code'],
  ['+1 212 555 12', null, 'too short'],
  ['+1 212 555 123456', null, 'too long'],
  ['+49 30 12', null, 'too short DE'],
  ['+49 30 1234567890123456', null, 'too long DE'],
  ['+1 222222222222222222222', null, 'national number over 17 digits'],
  ['1'.repeat(251), 'US', 'input over 250 characters'],
  ['+1 212 555 1234' + ' '.repeat(236), null, 'exactly 250 characters'],
  ['+61 2 1234 567', null, 'invalid length AU'],
  ['+1 123 456 7890', null, 'possible but not valid'],
  ['+44 20 7946 095', null, 'GB too short'],
]) {
  add(input, dc, note)
}

// National input rewritten by a country's national-prefix transform rule (every country with one),
// and national input beginning with the digits of the country's international call prefix (every
// country with one): the generators of the agreement corpus (test/support/phone-corpus.mjs), a few each.
{
  const metadata = require('libphonenumber-js/metadata.max.json')
  const r = rng(20261202)
  for (const [country, d] of Object.entries(metadata.countries).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const input of transformInputs(country, d, r).slice(0, 3)) add(input, country, 'national prefix rewritten by the transform rule')
    for (const input of iddLookalikeInputs(country, d, r).slice(0, 1)) add(input, country, 'national input starting with the IDD prefix')
  }
  for (const [input, dc] of [
    ['00800 1234 5678', 'DE'],
    ['0080012345678', 'FR'],
    ['00798 1234 5678', 'KR'],
    ['011 15 2345-6789', 'AR'],
    ['0 11 15 2345-6789', 'AR'],
    ['268 4601234', 'AG'],
    ['460 1234', 'AG'],
    ['0 xx 21 2345 6789', 'BR'],
  ]) {
    add(input, dc, 'transform / IDD-like, hand-picked')
  }
}

const vectors = cases.map(({ input, defaultCountry, note }) => ({
  input,
  defaultCountry,
  ...expected(input, defaultCountry),
  note,
}))

const out = {
  source: `libphonenumber-js ${lpnVersion} (max metadata), generated by js/tools/gen-phone-vectors.mjs`,
  $schema_note:
    'Each vector: input (string) and defaultCountry (ISO alpha-2 or null) as given to ' +
    'parsePhoneNumber(input, { defaultCountry, extract: false }) of libphonenumber-js/max; the expected answers: ' +
    'possible = isPossiblePhoneNumber (parses and isPossible()), valid = isValidPhoneNumber (parses and isValid()), ' +
    'e164 / country / nationalNumber / ext = the parsed number (null when it does not parse; country null for ' +
    'non-geographic numbers), type = getType() (FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE, PREMIUM_RATE, ' +
    'SHARED_COST, VOIP, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL, or null), error = the ParseError that ' +
    'parsePhoneNumberWithError throws when it does not parse (NOT_A_NUMBER, INVALID_COUNTRY, TOO_SHORT, TOO_LONG; ' +
    'an unsupported defaultCountry is ignored, as parsePhoneNumber does), possibility = validatePhoneNumberLength(input, ' +
    'defaultCountry): IS_POSSIBLE when it returns undefined, else TOO_SHORT, TOO_LONG, INVALID_LENGTH or INVALID_COUNTRY ' +
    '(INVALID_COUNTRY also for an unsupported defaultCountry), null for NOT_A_NUMBER. note is a human description.',
  vectors,
}

mkdirSync(dirname(OUT), { recursive: true })
writeFileSync(OUT, JSON.stringify(out, null, 1) + '\n')
console.log(`wrote ${OUT}: ${vectors.length} vectors`)

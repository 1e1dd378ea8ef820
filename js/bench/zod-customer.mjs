// A zod v4 schema of the create-customer payload (`POST /customers`), written to be a fair
// equivalent of `validateCustomer(input)` (mode 'create', default options) for the benchmark:
// the same fields, the same required/optional rules, the same limits. What zod cannot do cheaply
// is approximated and noted inline:
//   - phone: an E.164 regex (oms-wasm also reads national formats and checks per-country number
//     ranges; the bench inputs are E.164, where both agree);
//   - addresses: full US rules (state code or name, ZIP format, ZIP prefix belongs to the state —
//     the same prefix table oms-wasm uses, from Google's address data); other countries: alpha-2
//     country and a generic postal code (oms-wasm checks ~180 countries' formats);
//   - email: zod's own `z.email()` pattern.
// The fiat-provisioning rule of the OMS Get-started page is a refine (the bench compares a fiat KYC
// form, validateCustomer with `requireFiatFields: true`): a create without `endorsements`, or with
// `usd`, needs a structured address, a phone, a birth date and a government ID (an SSN or ITIN for US
// residents).
import * as z from 'zod';

// ISO 3166-1 alpha-2 (249 official codes + XK), the same list as src/validate/country.rs
const COUNTRY_CODES = new Set(
  ('ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCD' +
    'CFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGF' +
    'GGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKN' +
    'KPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNA' +
    'NCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSI' +
    'SJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVI' +
    'VNVUWFWSXKYEYTZAZMZW').match(/../g),
);

// US states and territories: code=names=ZIP prefixes (src/validate/address_data.rs, Google's data)
const US_STATES_DATA =
  'AL=alabama=3[56];AK=alaska=99[5-9];AS=american samoa=96799;AZ=arizona=8[56];AR=arkansas=71[6-9]|72;AA=armed forces americas=340;AE=armed forces europe,armed forces africa,armed forces middle east,armed forces canada=09;AP=armed forces pacific=96[2-6];CA=california=9[0-5]|96[01];CO=colorado=8[01];CT=connecticut=06;DE=delaware=19[7-9];DC=district of columbia,washington dc=20[02-5]|569;FL=florida=3[23]|34[1-9];GA=georgia=3[01]|398|39901;GU=guam=969[12]d|9693[12];HI=hawaii=967[0-8]|9679[0-8]|968;ID=idaho=83[2-9];IL=illinois=6[0-2];IN=indiana=4[67];IA=iowa=5[0-2];KS=kansas=6[67];KY=kentucky=4[01]|42[0-7];LA=louisiana=70|71[0-5];ME=maine=039|04;MH=marshall islands=969[67];MD=maryland=20[6-9]|21;MA=massachusetts=01|02[0-7]|05501|05544;MI=michigan=4[89];FM=micronesia,federated states of micronesia=9694[1-4];MN=minnesota=55|56[0-7];MS=mississippi=38[6-9]|39[0-7];MO=missouri=6[3-5];MT=montana=59;NE=nebraska=6[89];NV=nevada=889|89;NH=new hampshire=03[0-8];NJ=new jersey=0[78];NM=new mexico=87|88[0-4];NY=new york=1[0-4]|06390|00501|00544;NC=north carolina=2[78];ND=north dakota=58;MP=northern mariana islands,northern marianas,northern mariana is=9695[0-2];OH=ohio=4[3-5];OK=oklahoma=7[34];OR=oregon=97;PW=palau=96939|96940;PA=pennsylvania=1[5-8]|19[0-6];PR=puerto rico=00[679];RI=rhode island=02[89];SC=south carolina=29;SD=south dakota=57;TN=tennessee=37|38[0-5];TX=texas=7[5-9]|885|73301|73344;UT=utah=84;VT=vermont=05;VI=virgin islands,us virgin islands,united states virgin islands=008;VA=virginia=201|2[23]|24[0-6];WA=washington=98|99[0-4];WV=west virginia=24[7-9]|2[56];WI=wisconsin=5[34];WY=wyoming=82|83[01]|83414';
const US_STATES = new Map(); // code or folded name → { code, zip: RegExp }
for (const entry of US_STATES_DATA.split(';')) {
  const [code, names, prefixes] = entry.split('=');
  const state = { code, zip: new RegExp(`^(?:${prefixes.replace(/d/g, '\\d')})`) };
  US_STATES.set(code, state);
  for (const n of names.split(',')) US_STATES.set(n, state);
}
const foldState = (s) => s.trim().toLowerCase().replace(/[.\s]+/g, ' ');

const E164 = /^\+[1-9]\d{6,14}$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
const SSN = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/;
const ITIN_GROUP = (g) => (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;

const country = z
  .string()
  .trim()
  .max(64)
  .transform((s) => s.toUpperCase())
  .refine((c) => COUNTRY_CODES.has(c), { message: 'must be an ISO 3166-1 alpha-2 country code' });

const name = z.string().trim().min(1).max(100).regex(/\p{L}/u, { message: 'must contain letters' });

function realDate(s) {
  const m = YMD.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? { y, mo, d } : null;
}
function ageOn(b, today) {
  let age = today.getFullYear() - b.y;
  if (today.getMonth() + 1 < b.mo || (today.getMonth() + 1 === b.mo && today.getDate() < b.d)) age--;
  return age;
}
function todayYmd() {
  const t = new Date();
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}
const birthDate = z
  .string()
  .trim()
  .regex(YMD, { message: 'use YYYY-MM-DD' })
  .superRefine((s, ctx) => {
    const b = realDate(s);
    if (!b) ctx.addIssue({ code: 'custom', message: 'must be a real date' });
    else if (s < '1900-01-01') ctx.addIssue({ code: 'custom', message: 'must be on or after 1900-01-01' });
    else if (s > todayYmd()) ctx.addIssue({ code: 'custom', message: 'cannot be in the future' });
    else if (ageOn(b, new Date()) < 18) ctx.addIssue({ code: 'custom', message: 'must be at least 18 years old' });
  });

const address = z
  .strictObject({
    line1: z.string().trim().min(1).max(100),
    line2: z.string().trim().max(100).optional(),
    city: z.string().trim().min(1).max(100),
    state: z.string().trim().max(100).optional(),
    country,
    zipCode: z.string().trim().max(20).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.country !== 'US') return;
    if (!a.state) ctx.addIssue({ code: 'custom', path: ['state'], message: 'state is required in the US' });
    if (!a.zipCode) ctx.addIssue({ code: 'custom', path: ['zipCode'], message: 'zipCode is required in the US' });
    const st = a.state ? US_STATES.get(a.state.toUpperCase()) ?? US_STATES.get(foldState(a.state)) : undefined;
    if (a.state && !st) ctx.addIssue({ code: 'custom', path: ['state'], message: 'not a US state' });
    if (a.zipCode) {
      if (!/^\d{5}(?:[- ]?\d{4})?$/.test(a.zipCode)) ctx.addIssue({ code: 'custom', path: ['zipCode'], message: 'ZIP must be 12345 or 12345-6789' });
      else if (st && !st.zip.test(a.zipCode)) ctx.addIssue({ code: 'custom', path: ['zipCode'], message: 'ZIP is not in this state' });
    }
  });

const identityDocument = z
  .strictObject({
    type: z.enum(['ssn', 'itin', 'passport', 'driversLicense']),
    number: z.string().trim().min(1).max(64),
    issuingCountry: country.optional(),
  })
  .superRefine((doc, ctx) => {
    const at = { code: 'custom', path: ['number'] };
    if (doc.type === 'ssn' || doc.type === 'itin') {
      if (doc.issuingCountry && doc.issuingCountry !== 'US') ctx.addIssue({ code: 'custom', path: ['issuingCountry'], message: 'must be US' });
      const m = SSN.exec(doc.number);
      if (!m) return ctx.addIssue({ ...at, message: `not a 9-digit ${doc.type}` });
      const [area, group, serial] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const itinShape = m[1][0] === '9' && ITIN_GROUP(group);
      if (doc.type === 'ssn') {
        if (itinShape) ctx.addIssue({ ...at, message: 'looks like an ITIN' });
        else if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) ctx.addIssue({ ...at, message: 'impossible SSN' });
      } else if (!itinShape) ctx.addIssue({ ...at, message: 'impossible ITIN' });
    } else if (!doc.issuingCountry) {
      ctx.addIssue({ code: 'custom', path: ['issuingCountry'], message: 'issuingCountry is required' });
    } else if (doc.type === 'passport') {
      const n = doc.number.replace(/ /g, '');
      const [lo, hi] = doc.issuingCountry === 'US' ? [6, 9] : [5, 20];
      if (!/^[A-Za-z0-9]+$/.test(n) || n.length < lo || n.length > hi) ctx.addIssue({ ...at, message: 'not a passport number' });
    } else if (!/^[A-Za-z0-9][A-Za-z0-9 -]{0,23}$/.test(doc.number)) {
      ctx.addIssue({ ...at, message: "not a driver's license number" });
    }
  });

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
const metadata = z
  .record(z.string().min(1).max(40).refine((k) => !RESERVED.has(k), { message: 'reserved key' }), z.string().max(500))
  .refine((m) => Object.keys(m).length <= 20, { message: 'at most 20 keys' });

// The OMS Get-started page's provisioning rule, as oms-wasm's `requireFiatFields: true` applies it
// (the bench compares a fiat KYC form: validateCustomer(input, { requireFiatFields: true })).
const FIAT_FIELDS = ['phone', 'birthDate', 'residentialAddress', 'identifyingInformation'];

export const zodCustomer = z
  .strictObject({
    type: z.literal('individual').optional(),
    firstName: name.optional(),
    middleName: name.optional(),
    lastName: name.optional(),
    email: z.string().trim().max(254).pipe(z.email()).optional(),
    phone: z.string().trim().regex(E164, { message: 'must be E.164' }).optional(),
    birthDate: birthDate.optional(),
    nationality: country.optional(),
    ipAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
    externalId: z.string().trim().max(256).optional(),
    signedAgreement: z.boolean().optional(),
    residentialAddress: address.optional(),
    identifyingInformation: z
      .array(identityDocument)
      .max(8)
      .refine((docs) => new Set(docs.map((d) => d.type)).size === docs.length, { message: 'one document per type' })
      .optional(),
    endorsements: z.array(z.enum(['basic', 'cryptoCustody', 'usd'])).optional(),
    metadata: metadata.optional(),
  })
  .superRefine((c, ctx) => {
    const usd = c.endorsements === undefined || c.endorsements.includes('usd');
    if (!usd) return;
    for (const f of FIAT_FIELDS) {
      const v = c[f];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) ctx.addIssue({ code: 'custom', path: [f], message: `${f} is required for usd` });
    }
    const us = c.residentialAddress?.country === 'US';
    const docs = c.identifyingInformation ?? [];
    if (us && docs.length && !docs.some((d) => d.type === 'ssn' || d.type === 'itin')) ctx.addIssue({ code: 'custom', path: ['identifyingInformation'], message: 'an SSN or ITIN for US customers' });
  });

/**
 * The bench inputs: valid and invalid create-customer payloads (each invalid one breaks one rule
 * both validators check). `{ name, input, ok }`, `ok` = the expected verdict.
 */
export function customerInputs() {
  const base = (n) => ({
    type: 'individual',
    firstName: 'Alice',
    lastName: `Nguyen${n}`,
    email: `alice.${n}@example.com`,
    phone: '+12125551234',
    birthDate: '1990-04-12',
    nationality: 'US',
    ipAddress: '203.0.113.7',
    externalId: `user-${n}`,
    signedAgreement: true,
    residentialAddress: { line1: '350 5th Ave', city: 'New York', state: 'NY', country: 'US', zipCode: '10118' },
    identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '212-55-1234' }],
  });
  const with_ = (n, patch) => Object.assign(base(n), patch);
  const addr = (patch) => ({ line1: '350 5th Ave', city: 'New York', state: 'NY', country: 'US', zipCode: '10118', ...patch });
  const valid = [
    ['full identity set', base(1)],
    ['California, ZIP+4, middle name, metadata', with_(2, { middleName: 'Mai', residentialAddress: addr({ line1: '1 Infinite Loop', city: 'Cupertino', state: 'CA', zipCode: '95014-2083' }), phone: '+14155550132', metadata: { plan: 'gold', ref: 'abc' } })],
    ['ITIN', with_(3, { identifyingInformation: [{ type: 'itin', number: '912-70-1234' }] })],
    ['cryptoCustody only (no fiat fields)', { firstName: 'Bob', lastName: 'Lee', email: 'bob@example.com', endorsements: ['cryptoCustody'] }],
    ['basic only, minimal', { firstName: 'Zoë', endorsements: ['basic'] }],
    ['UK resident, British passport', with_(4, { nationality: 'GB', phone: '+447400123456', residentialAddress: { line1: '10 Downing St', city: 'London', country: 'GB', zipCode: 'SW1A 2AA' }, identifyingInformation: [{ type: 'passport', issuingCountry: 'GB', number: '123456789' }] })],
    ['IPv6, endorsements usd + cryptoCustody', with_(5, { ipAddress: '2001:db8::1', endorsements: ['cryptoCustody', 'usd'] })],
    ['Texas', with_(6, { residentialAddress: addr({ line1: '1100 Congress Ave', city: 'Austin', state: 'TX', zipCode: '78701' }) })],
  ];
  const invalid = [
    ['phone not E.164', with_(10, { phone: '+1 2' })],
    ['birth date 1990-02-30', with_(11, { birthDate: '1990-02-30' })],
    ['birth date MM/DD/YYYY', with_(12, { birthDate: '04/12/1990' })],
    ['under 18', with_(13, { birthDate: `${new Date().getFullYear() - 10}-01-01` })],
    ['birth date before 1900', with_(14, { birthDate: '1850-01-01' })],
    ['nationality alpha-3', with_(15, { nationality: 'USA' })],
    ['nationality UK (reserved)', with_(16, { nationality: 'UK' })],
    ['US state unknown', with_(17, { residentialAddress: addr({ state: 'ZZ' }) })],
    ['ZIP not in state', with_(18, { residentialAddress: addr({ zipCode: '94105' }) })],
    ['ZIP format', with_(19, { residentialAddress: addr({ zipCode: '1011' }) })],
    ['address as one string', with_(20, { residentialAddress: '350 5th Ave, New York, NY 10118' })],
    ['SSN area 000', with_(21, { identifyingInformation: [{ type: 'ssn', number: '000-55-1234' }] })],
    ['SSN area 666', with_(22, { identifyingInformation: [{ type: 'ssn', number: '666-55-1234' }] })],
    ['SSN serial 0000', with_(23, { identifyingInformation: [{ type: 'ssn', number: '212-55-0000' }] })],
    ['SSN that is an ITIN', with_(24, { identifyingInformation: [{ type: 'ssn', number: '912-70-1234' }] })],
    ['SSN format', with_(25, { identifyingInformation: [{ type: 'ssn', number: '21255123' }] })],
    ['unknown endorsement', with_(26, { endorsements: ['gold'] })],
    ['metadata 21 keys', with_(27, { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) })],
    ['metadata number value', with_(28, { metadata: { n: 5 } })],
    ['unknown key', with_(29, { nickname: 'Al' })],
    ['missing birth date with usd', (() => { const c = base(30); delete c.birthDate; return c; })()],
    ['missing address with usd', (() => { const c = base(31); delete c.residentialAddress; return c; })()],
    ['name without letters', with_(32, { firstName: '1234' })],
    ['email malformed', with_(33, { email: 'alice@@example' })],
    ['ip malformed', with_(34, { ipAddress: '300.1.1.1' })],
    ['type business', with_(35, { type: 'business' })],
    ['not an object', 'alice'],
  ];
  return [...valid.map(([name, input]) => ({ name, input, ok: true })), ...invalid.map(([name, input]) => ({ name, input, ok: false }))];
}

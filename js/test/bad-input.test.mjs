// Table-driven bad input against every export of the built package: each call gives issues (or,
// for throwing APIs, a coded OmsError), never a wasm trap, and afterwards the same instance still
// validates a good customer exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as oms from 'oms-wasm';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

function cyclic() {
  const a = { line1: 'x' };
  a.self = a;
  a.list = [a];
  return a;
}
function deep(n) {
  let v = { leaf: true };
  for (let i = 0; i < n; i++) v = { residentialAddress: v, identifyingInformation: [v] };
  return v;
}
const throwingGetter = Object.defineProperty({}, 'firstName', { enumerable: true, get() { throw new Error('boom'); } });
const hostileProxy = new Proxy({}, {
  get() { throw new Error('get trap'); },
  ownKeys() { throw new Error('ownKeys trap'); },
  getPrototypeOf() { throw new Error('proto trap'); },
  has() { throw new Error('has trap'); },
  getOwnPropertyDescriptor() { throw new Error('gopd trap'); },
});
const sparseHuge = [];
sparseHuge.length = 1e6;

export const JUNK = {
  undefined: undefined,
  null: null,
  true: true,
  zero: 0,
  negZero: -0,
  NaN: NaN,
  Infinity: -Infinity,
  bigint: 10n,
  symbol: Symbol('s'),
  function: () => 1,
  emptyArray: [],
  nestedArrays: [[[[[]]]]],
  emptyObject: {},
  nullProto: Object.create(null),
  date: new Date(0),
  map: new Map([['a', 1]]),
  regexp: /x/,
  boxedString: new String('+12125551234'),
  typedArray: new Uint8Array(16),
  promise: Promise.resolve(1),
  tenMegabytes: TEN_MB,
  loneHighSurrogate: '\uD800',
  loneLowSurrogateInside: 'ab\uDC00cd',
  nulChar: 'a\u0000b',
  replacementChar: '\uFFFD',
  emoji: '👩‍👩‍👧‍👦',
  cyclic: cyclic(),
  deep10k: deep(10000),
  throwingGetter,
  hostileProxy,
  sparseHuge,
  protoKey: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  hugeObject: Object.fromEntries(Array.from({ length: 100000 }, (_, i) => [`k${i}`, i])),
  numericKeys: { 0: 'a', 1: 'b', length: 2 },
};

const VALIDATORS = ['validatePhone', 'validateAddress', 'validateTaxId', 'validateBirthDate', 'validateEmail', 'validateCustomer'];
const CODES = new Set(oms.issueCodes());

export const GOOD_CUSTOMER = {
  type: 'individual',
  firstName: 'Alice',
  lastName: 'Smith',
  email: 'alice@example.com',
  phone: '+1 (212) 555-1234',
  birthDate: '1990-04-12',
  nationality: 'US',
  residentialAddress: { line1: '350 5th Ave', city: 'New York', state: 'NY', country: 'US', zipCode: '10118' },
  identifyingInformation: [{ type: 'ssn', number: '123-45-6789', issuingCountry: 'US' }],
  signedAgreement: true,
  endorsements: ['basic', 'cryptoCustody', 'usd'],
};

/** A refusal: `ok: false` with well-formed issues of known codes; returns the first issue's code. */
function checkRefused(r, label) {
  assert.equal(typeof r, 'object', label);
  assert.equal(r.ok, false, `${label}: accepted (${JSON.stringify(r.value)?.slice(0, 200)})`);
  assert.ok(Array.isArray(r.issues) && r.issues.length > 0, `${label}: issues`);
  for (const i of r.issues) {
    assert.ok(CODES.has(i.code), `${label}: unknown code ${i.code}`);
    assert.ok(Array.isArray(i.path), `${label}: path`);
    assert.equal(typeof i.message, 'string', `${label}: message`);
    assert.ok(i.message.length < 600, `${label}: message length ${i.message.length}`);
  }
  return r.issues[0].code;
}

/**
 * The expected first issue code of junk given as the value: a string is read and judged (never
 * `invalid_type`: too long, bad encoding or not a valid value); undefined and null are `required`
 * for the string validators and `invalid_type` for the object ones; any other primitive (and a
 * function, a boxed string) is `invalid_type`; an object is the wrong type, or lacks the required
 * fields, or (validateCustomer) has unknown keys.
 */
function expectedCodes(fn, junk) {
  const objectValidator = ['validateAddress', 'validateTaxId', 'validateCustomer'].includes(fn);
  if (typeof junk === 'string') {
    if (objectValidator) return ['invalid_type'];
    if (junk.length > 1e6) return ['too_long', 'phone_too_long'];
    if (!junk.isWellFormed()) return ['invalid_encoding'];
    return ['invalid_encoding', 'invalid_phone', 'invalid_date', 'invalid_email'];
  }
  if (junk == null) return objectValidator ? ['invalid_type'] : ['required'];
  if (typeof junk !== 'object') return ['invalid_type'];
  return ['invalid_type', 'required', 'unknown_key'];
}

/** validateCustomer has no required field: an empty object is a valid (empty) individual. */
const ACCEPTED = new Set(['validateCustomer(emptyObject)', 'validateCustomer(nullProto)']);

function goodCustomerStillValidates() {
  const r = oms.validateCustomer(GOOD_CUSTOMER, { today: '2026-01-15' });
  assert.equal(r.ok, true, JSON.stringify(r.issues));
  assert.equal(r.value.phone, '+12125551234');
  assert.equal(r.value.identifyingInformation[0].number, '123-45-6789');
}

for (const fn of VALIDATORS) {
  test(`${fn}: every kind of junk as input and as options gives issues, never a trap`, () => {
    for (const [name, junk] of Object.entries(JUNK)) {
      const label = `${fn}(${name})`;
      if (ACCEPTED.has(label)) {
        assert.deepEqual(oms[fn](junk), { ...oms[fn](junk), ok: true, value: { type: 'individual' } }, label);
        assert.equal(oms[fn](junk, { messages: junk }).ok, true, label);
      } else {
        const code = checkRefused(oms[fn](junk), label);
        assert.ok(expectedCodes(fn, junk).includes(code), `${label}: ${code}, expected one of ${expectedCodes(fn, junk)}`);
        assert.equal(checkRefused(oms[fn](junk, { messages: junk }), `${fn}(${name}, { messages: ${name} })`), code, 'messages change no code');
      }
      // 'x' is no valid value of any validator, whatever the options
      checkRefused(oms[fn]('x', junk), `${fn}('x', ${name} as options)`);
    }
    goodCustomerStillValidates();
  });
}

/**
 * Junk in one field of a good customer is refused, except what is a real value there: undefined and
 * null (every field is optional, and so are line2 and issuingCountry inside an address and a
 * document; not as a list item or a metadata value), an empty list of endorsements or documents, `signedAgreement: true`, and any
 * well-formed string as externalId or metadata value. Besides, an empty object ({} or a
 * null-prototype one) where the email, phone, birth date, nationality, IP address, address or metadata
 * go reads as absent, as validatePhone({}) reads as no phone (`required`): listed here as observed, so
 * a change of that rule shows up.
 */
function fieldAccepts(where, name, junk) {
  if (junk == null) return !['endorsements[0]', 'metadata.k', 'address.line1', 'address.city', 'address.state', 'address.country', 'address.zipCode', 'document.type', 'document.number'].includes(where);
  if (name === 'emptyObject' || name === 'nullProto') return ['customer.email', 'customer.phone', 'customer.birthDate', 'customer.nationality', 'customer.ipAddress', 'customer.residentialAddress', 'customer.metadata'].includes(where);
  if (name === 'emptyArray') return where === 'customer.endorsements' || where === 'customer.identifyingInformation';
  if (where === 'customer.signedAgreement') return junk === true;
  if (where === 'customer.externalId' || where === 'metadata.k') return ['emoji', 'replacementChar'].includes(name);
  return false;
}

test('validateCustomer: junk in every field, every address field and every document field', () => {
  const fields = Object.keys(GOOD_CUSTOMER).concat(['middleName', 'externalId', 'ipAddress', 'metadata']);
  const check = (where, name, junk, input) => {
    const r = oms.validateCustomer(input);
    if (fieldAccepts(where, name, junk)) assert.equal(r.ok, true, `${where} = ${name}: ${JSON.stringify(r.issues)}`);
    else checkRefused(r, `${where} = ${name}`);
  };
  for (const [name, junk] of Object.entries(JUNK)) {
    for (const f of fields) check(`customer.${f}`, name, junk, { ...GOOD_CUSTOMER, [f]: junk });
    for (const f of ['line1', 'line2', 'city', 'state', 'country', 'zipCode']) {
      check(`address.${f}`, name, junk, { ...GOOD_CUSTOMER, residentialAddress: { ...GOOD_CUSTOMER.residentialAddress, [f]: junk } });
    }
    for (const f of ['type', 'number', 'issuingCountry']) {
      check(`document.${f}`, name, junk, { ...GOOD_CUSTOMER, identifyingInformation: [{ ...GOOD_CUSTOMER.identifyingInformation[0], [f]: junk }] });
    }
    check('endorsements[0]', name, junk, { ...GOOD_CUSTOMER, endorsements: [junk] });
    check('metadata.k', name, junk, { ...GOOD_CUSTOMER, metadata: { k: junk } });
  }
  goodCustomerStillValidates();
});

test('oversized and malformed strings get the right codes', () => {
  assert.equal(oms.validatePhone(TEN_MB).issues[0].code, 'phone_too_long');
  assert.equal(oms.validateCustomer({ ...GOOD_CUSTOMER, firstName: TEN_MB }).issues[0].code, 'too_long');
  assert.equal(oms.validateCustomer({ ...GOOD_CUSTOMER, firstName: 'Al\uD800ice' }).issues[0].code, 'invalid_encoding');
  assert.deepEqual(oms.validateCustomer({ ...GOOD_CUSTOMER, lastName: 'a\u0000b' }).issues.map((i) => [i.code, i.path]), [['invalid_encoding', ['lastName']]]);
  // a genuine U+FFFD is a character like any other
  assert.equal(oms.validateCustomer({ ...GOOD_CUSTOMER, middleName: 'J\uFFFD' }).ok, true);
});

test('__proto__ and constructor keys are reported, never followed, and nothing is polluted', () => {
  const r = oms.validateCustomer(JUNK.protoKey);
  assert.equal(r.ok, false);
  const unknown = r.issues.filter((i) => i.code === 'unknown_key').map((i) => i.path[0]);
  assert.deepEqual(unknown.sort(), ['__proto__', 'constructor']);
  const m = oms.validateCustomer({ ...GOOD_CUSTOMER, metadata: JSON.parse('{"__proto__": "x"}') });
  assert.deepEqual(m.issues.map((i) => [i.code, i.path]), [['invalid_value', ['metadata', '__proto__']]]);
  assert.equal({}.polluted, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test('setIssueMessages and version accept junk without trapping', () => {
  for (const [name, junk] of Object.entries(JUNK)) {
    assert.equal(typeof oms.setIssueMessages(junk), 'boolean', name);
  }
  oms.setIssueMessages(null);
  assert.match(oms.version(), /^\d+\.\d+\.\d+$/);
  goodCustomerStillValidates();
});

test('Standard Schema objects accept junk', () => {
  for (const schema of [oms.customerSchema, oms.addressSchema, oms.phoneSchema]) {
    for (const junk of Object.values(JUNK)) {
      const r = schema['~standard'].validate(junk);
      assert.ok('value' in r || Array.isArray(r.issues));
    }
  }
  goodCustomerStillValidates();
});

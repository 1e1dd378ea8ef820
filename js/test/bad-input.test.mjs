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

function checkResult(r, label) {
  assert.equal(typeof r, 'object', label);
  assert.equal(typeof r.ok, 'boolean', label);
  if (!r.ok) {
    assert.ok(Array.isArray(r.issues) && r.issues.length > 0, `${label}: issues`);
    for (const i of r.issues) {
      assert.ok(CODES.has(i.code), `${label}: unknown code ${i.code}`);
      assert.ok(Array.isArray(i.path), `${label}: path`);
      assert.equal(typeof i.message, 'string', `${label}: message`);
      assert.ok(i.message.length < 600, `${label}: message length ${i.message.length}`);
    }
  }
}

function goodCustomerStillValidates() {
  const r = oms.validateCustomer(GOOD_CUSTOMER, { today: '2026-01-15' });
  assert.equal(r.ok, true, JSON.stringify(r.issues));
  assert.equal(r.value.phone, '+12125551234');
  assert.equal(r.value.identifyingInformation[0].number, '123-45-6789');
}

for (const fn of VALIDATORS) {
  test(`${fn}: every kind of junk as input and as options gives issues, never a trap`, () => {
    for (const [name, junk] of Object.entries(JUNK)) {
      checkResult(oms[fn](junk), `${fn}(${name})`);
      checkResult(oms[fn]('x', junk), `${fn}('x', ${name} as options)`);
      checkResult(oms[fn](junk, { messages: junk }), `${fn}(${name}, { messages: ${name} })`);
    }
    goodCustomerStillValidates();
  });
}

test('validateCustomer: junk in every field, every address field and every document field', () => {
  const fields = Object.keys(GOOD_CUSTOMER).concat(['middleName', 'externalId', 'ipAddress', 'metadata']);
  for (const [name, junk] of Object.entries(JUNK)) {
    for (const f of fields) checkResult(oms.validateCustomer({ ...GOOD_CUSTOMER, [f]: junk }), `customer.${f} = ${name}`);
    for (const f of ['line1', 'line2', 'city', 'state', 'country', 'zipCode']) {
      checkResult(oms.validateCustomer({ ...GOOD_CUSTOMER, residentialAddress: { ...GOOD_CUSTOMER.residentialAddress, [f]: junk } }), `address.${f} = ${name}`);
    }
    for (const f of ['type', 'number', 'issuingCountry']) {
      checkResult(oms.validateCustomer({ ...GOOD_CUSTOMER, identifyingInformation: [{ ...GOOD_CUSTOMER.identifyingInformation[0], [f]: junk }] }), `document.${f} = ${name}`);
    }
    checkResult(oms.validateCustomer({ ...GOOD_CUSTOMER, endorsements: [junk] }), `endorsements[0] = ${name}`);
    checkResult(oms.validateCustomer({ ...GOOD_CUSTOMER, metadata: { k: junk } }), `metadata.k = ${name}`);
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

// validateCustomer has two ways into wasm (pkg-template/validate.mjs): the payload as one
// `JSON.stringify` string parsed in wasm (`validateCustomerText`, the fast path), and the walk of
// the JS object (`validateCustomer` of the bindings). They must give the same result for every
// input: every customer vector, the bench payloads, and inputs built to sit on each edge of what the
// fast path takes (undefined, -0, fractions, lone surrogates, long strings, deep nesting, holes,
// Dates, null-prototype objects, toJSON, getters). Each input runs through both bindings directly,
// and through the public function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateCustomer } from 'oms-wasm';
// the module instance the package initialised (same URL): the two bindings, side by side
import * as raw from '../node_modules/oms-wasm/wasm/oms_wasm.mjs';
import { validatorCases } from './support/vectors.mjs';
import { customerInputs } from '../bench/zod-customer.mjs';

const TODAY = { today: '2026-06-01' };
const base = () => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+12125551234',
  birthDate: '1990-01-31',
  residentialAddress: { line1: '1 Main St', city: 'New York', state: 'NY', zipCode: '10001', country: 'US' },
  identifyingInformation: [{ type: 'ssn', number: '123-45-6789' }],
  metadata: { crm: 'x1' },
});

/** Inputs around every edge of the fast path; `fast` says whether the text path must take it. */
function edgeInputs() {
  const list = [];
  const add = (name, fast, mutate) => {
    const v = base();
    const out = mutate(v) ?? v;
    list.push({ name, fast, input: out });
  };
  add('plain', true, () => {});
  add('empty object', true, () => ({}));
  add('null fields', true, (v) => { v.middleName = null; v.email = null; });
  add('booleans and an integer', true, (v) => { v.signedAgreement = true; v.firstName = 42; });
  add('negative integer', true, (v) => { v.lastName = -7; });
  add('escapes and non-ASCII', true, (v) => { v.firstName = 'Zoë "Q" \\ \n\t\u0001 😀'; });
  add('a key named __proto__', true, (v) => JSON.parse(JSON.stringify({ ...v, __proto__x: 1 }).replace('__proto__x', '__proto__')));
  add('null-prototype object', true, (v) => Object.assign(Object.create(null), v));
  add('unknown keys and nested arrays', true, (v) => { v.extra = [[['deep']], { a: [true, null] }]; });
  add('containers down to depth 11', true, (v) => { let x = 'leaf'; for (let i = 0; i < 10; i++) x = [x]; v.extra = x; });
  add('string of 65,536 units', true, (v) => { v.externalId = 'a'.repeat(65536); });
  add('1,000 metadata keys', true, (v) => { v.metadata = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 'v'])); });
  // what the text path must not take (or must decline): the object walk decides
  add('undefined field', false, (v) => { v.middleName = undefined; });
  add('-0', false, (v) => { v.firstName = -0; });
  add('fraction', false, (v) => { v.firstName = 1.5; });
  add('huge integer', false, (v) => { v.firstName = 1e16; });
  add('NaN', false, (v) => { v.firstName = NaN; });
  add('lone surrogate value', false, (v) => { v.firstName = 'Ada\ud800'; });
  add('lone surrogate key', false, (v) => { v['k\udc00'] = 'x'; });
  add('string of 65,537 units', false, (v) => { v.externalId = 'a'.repeat(65537); });
  add('a container at depth 12', false, (v) => { let x = 'leaf'; for (let i = 0; i < 12; i++) x = [x]; v.extra = x; });
  add('1,001 metadata keys', false, (v) => { v.metadata = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, 'v'])); });
  add('array hole', false, (v) => { v.identifyingInformation = [, { type: 'ssn', number: '123-45-6789' }]; }); // eslint-disable-line no-sparse-arrays
  add('Date', false, (v) => { v.birthDate = new Date(Date.UTC(1990, 0, 31)); });
  add('toJSON', false, (v) => { v.residentialAddress.toJSON = () => 'x'; });
  add('function value', false, (v) => { v.firstName = () => 'Ada'; });
  add('symbol value', false, (v) => { v.firstName = Symbol('x'); });
  add('bigint value', false, (v) => { v.firstName = 10n; });
  add('Map', false, (v) => { v.metadata = new Map([['a', 'b']]); });
  add('class instance', false, (v) => { v.residentialAddress = new (class A { constructor() { this.line1 = 'x'; } })(); });
  add('getter that throws', false, (v) => { Object.defineProperty(v, 'email', { enumerable: true, get() { throw new Error('no'); } }); });
  add('cycle', false, (v) => { v.extra = v; });
  list.push({ name: 'top-level string', fast: true, input: 'not an object' });
  list.push({ name: 'top-level null', fast: true, input: null });
  list.push({ name: 'top-level array', fast: true, input: [base()] });
  list.push({ name: 'top-level undefined', fast: false, input: undefined });
  return list;
}

const OPTIONS = [undefined, null, TODAY, { ...TODAY, requireFiatFields: true }, { ...TODAY, mode: 'update', fields: ['firstName', 'phone'], minAge: 21 }, { ...TODAY, strictPhone: true, phoneDefaultCountry: 'GB' }, { ...TODAY, mode: 'bogus', minAge: 1.5 }];

function bothPaths(input, options) {
  let text;
  try {
    text = raw.validateCustomerText(JSON.stringify(input), options == null ? undefined : JSON.stringify(options));
  } catch {
    text = undefined; // JSON.stringify throws on a bigint or a cycle: the glue never sends those
  }
  return { text, walk: raw.validateCustomer(input, options) };
}

test('the text path and the object walk agree on every customer vector', () => {
  const cases = validatorCases().filter((c) => c.fn === 'validateCustomer');
  assert.ok(cases.length >= 20, `only ${cases.length} customer vectors`);
  let taken = 0;
  for (const c of cases) {
    const { text, walk } = bothPaths(c.input, c.options);
    if (text !== undefined) {
      taken++;
      assert.deepEqual(text, walk, c.name);
    }
    assert.deepEqual(validateCustomer(c.input, c.options), walk, `${c.name} (public function)`);
  }
  // the vectors are JSON files: the text path must take every one
  assert.equal(taken, cases.length, 'the text path declined a JSON vector');
});

test('the text path and the object walk agree on the bench payloads under every option set', () => {
  for (const c of customerInputs()) {
    for (const o of OPTIONS) {
      const { text, walk } = bothPaths(c.input, o);
      // (a fraction in the options, minAge 1.5, is declined: the walk reports it)
      if (o?.minAge !== 1.5) assert.notEqual(text, undefined, `${c.name}: declined`);
      if (text !== undefined) assert.deepEqual(text, walk, `${c.name} ${JSON.stringify(o)}`);
      assert.deepEqual(validateCustomer(c.input, o), walk, `${c.name} (public function)`);
    }
  }
});

test('edges: the text path takes exactly what it can reproduce, and the public function agrees with the walk', () => {
  for (const { name, fast, input } of edgeInputs()) {
    for (const o of [undefined, { ...TODAY, requireFiatFields: true }]) {
      const { text, walk } = bothPaths(input, o);
      if (fast) {
        assert.notEqual(text, undefined, `${name}: the text path declined`);
        assert.deepEqual(text, walk, name);
      } else if (text !== undefined) {
        // the glue never sends these (jsonExact says no); if the text is sent anyway, it must
        // still not disagree — unless JSON itself lost information (undefined, Date, -0, ...),
        // which is why the glue checks first
        assert.ok(['undefined field', '-0', 'huge integer', 'NaN', 'array hole', 'Date', 'toJSON', 'function value', 'symbol value', 'Map', 'class instance'].includes(name), `${name}: the text path took what it must decline`);
      }
      assert.deepEqual(validateCustomer(input, o), walk, `${name} (public function)`);
    }
  }
});

test('options with messages take the object walk (functions cannot cross as JSON)', () => {
  const input = { email: 'not an email' };
  const plain = validateCustomer(input, TODAY);
  assert.equal(plain.ok, false);
  const code = plain.issues[0].code;
  const templated = validateCustomer(input, { ...TODAY, messages: { [code]: 'Check {field}.' } });
  assert.match(templated.issues[0].message, /^Check /);
  const fn = validateCustomer(input, { ...TODAY, messages: { [code]: () => 'from a function' } });
  assert.equal(fn.issues[0].message, 'from a function');
});

test('the same wasm instance keeps working after hostile inputs on either path', () => {
  for (const { input } of edgeInputs()) {
    try {
      validateCustomer(input);
    } catch (e) {
      assert.fail(`threw: ${e}`);
    }
  }
  assert.equal(validateCustomer(base(), TODAY).ok, true);
});

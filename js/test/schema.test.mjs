// Standard Schema v1 objects and localized messages, on the built package in Node ESM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressSchema, customerSchema, init, issueCodes, OmsValidationError, phoneSchema, setIssueMessages, validateAddress, validatePhone, version } from 'oms-wasm';

test('the Node ESM entry is ready at import; init() resolves at once', async () => {
  assert.match(version(), /^\d+\.\d+\.\d+$/);
  await init();
});

test('~standard: version 1, vendor, validate → { value } | { issues: [{ message, path }] }', () => {
  for (const s of [customerSchema, addressSchema, phoneSchema]) {
    assert.equal(s['~standard'].version, 1);
    assert.equal(s['~standard'].vendor, 'oms-wasm');
    assert.equal(typeof s['~standard'].validate, 'function');
  }
  assert.deepEqual(phoneSchema['~standard'].validate('+1 212 555 1234'), { value: '+12125551234' });
  const bad = addressSchema['~standard'].validate({ line1: '1 Main St', city: 'Springfield', country: 'US' });
  assert.ok(bad.issues.length >= 2);
  for (const i of bad.issues) {
    assert.equal(typeof i.message, 'string');
    assert.ok(Array.isArray(i.path));
  }
  assert.deepEqual(bad.issues.map((i) => i.path.join('.')).sort(), ['state', 'zipCode']);
});

test('schema helpers: safeParse, parse, with()', () => {
  assert.equal(phoneSchema.with({ defaultCountry: 'GB' }).parse('020 7946 0958'), '+442079460958');
  assert.equal(phoneSchema.safeParse('020 7946 0958').ok, false);
  // a later with() overrides an earlier one, and keeps what it does not mention
  assert.equal(phoneSchema.with({ defaultCountry: 'US' }).with({ defaultCountry: 'GB' }).parse('020 7946 0958'), '+442079460958');
  assert.equal(phoneSchema.with({ defaultCountry: 'GB' }).with({}).parse('020 7946 0958'), '+442079460958');
  const update = customerSchema.with({ mode: 'update' });
  assert.deepEqual(update.parse({ firstName: ' Ada ' }), { firstName: 'Ada' });
  // pick(fields): only those fields are validated (a form step); the others are not judged
  const step = customerSchema.pick(['firstName', 'lastName']);
  assert.deepEqual(step.safeParse({ firstName: 'Ada', lastName: 'L', birthDate: 'not a date' }).ok, true);
  assert.equal(customerSchema.safeParse({ firstName: 'Ada', lastName: 'L', birthDate: 'not a date' }).ok, false);
  assert.deepEqual(step.safeParse({ firstName: 'A\u0000', birthDate: 'x' }).issues.map((i) => i.path), [['firstName']]);
  assert.throws(() => customerSchema.parse({ type: 'business', endorsements: ['basic'] }), (e) => {
    assert.ok(e instanceof OmsValidationError);
    assert.equal(e.code, 'validation_failed');
    assert.deepEqual(e.issues.map((i) => [i.code, i.path]), [['invalid_enum', ['type']]]);
    return true;
  });
});

test('messages: per-call templates and functions, global overrides, and precedence', () => {
  const input = { line1: '1 Main St', city: 'Springfield', state: 'IL', country: 'US' };
  const fr = validateAddress(input, { messages: { required: 'Le champ {field} est obligatoire ({path}).' } });
  assert.equal(fr.issues[0].message, 'Le champ zipCode est obligatoire (zipCode).');
  const fn = validateAddress(input, { messages: { required: (i) => `${i.code}@${i.path.join('/')}` } });
  assert.equal(fn.issues[0].message, 'required@zipCode');
  const throwing = validateAddress(input, { messages: { required: () => { throw new Error('x'); } } });
  assert.equal(throwing.issues[0].message, 'ZIP / postal code is required for addresses in US.');

  assert.equal(setIssueMessages({ required: 'GLOBAL {field}', phone_too_short: 'trop court' }), true);
  try {
    assert.equal(validateAddress(input).issues[0].message, 'GLOBAL zipCode');
    assert.equal(validatePhone('+1 212').issues[0].message, 'trop court');
    assert.equal(validateAddress(input, { messages: { required: 'LOCAL' } }).issues[0].message, 'LOCAL');
    // schemas cannot take options, so they see the global messages
    assert.equal(addressSchema['~standard'].validate(input).issues[0].message, 'GLOBAL zipCode');
  } finally {
    setIssueMessages(null);
  }
  assert.notEqual(validateAddress(input).issues[0].message, 'GLOBAL zipCode');
  assert.equal(setIssueMessages('nope'), false);
});

test('issueCodes lists every code once', () => {
  const codes = issueCodes();
  assert.equal(new Set(codes).size, codes.length);
  for (const c of ['invalid_type', 'required', 'required_for_fiat', 'phone_not_valid', 'invalid_ssn', 'too_young']) assert.ok(codes.includes(c), c);
});

test('unknown options are invalid_option issues on an "options" path', () => {
  const r = validatePhone('+12125551234', { defaultcountry: 'US' });
  assert.deepEqual(r.issues.map((i) => [i.code, i.path]), [['invalid_option', ['options', 'defaultcountry']]]);
  assert.deepEqual(validatePhone('+12125551234', 'US').issues.map((i) => [i.code, i.path]), [['invalid_option', ['options']]]);
  assert.deepEqual(validatePhone('+12125551234', { defaultCountry: 'XX' }).issues.map((i) => i.path), [['options', 'defaultCountry']]);
});

// The built package through require() (Node CommonJS): ready at require time, same answers as ESM.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const oms = require('oms-wasm');

test('require("oms-wasm") is ready synchronously', () => {
  assert.match(oms.version(), /^\d+\.\d+\.\d+$/);
  const r = oms.validatePhone('+1 (212) 555-1234');
  assert.equal(r.ok, true);
  assert.equal(r.value.e164, '+12125551234');
  assert.equal(r.value.country, 'US');
});

test('CJS entry runs every shared vector', async () => {
  const { mismatch, phoneCases, validatorCases } = await import('./support/vectors.mjs');
  const cases = [...validatorCases(), ...phoneCases()];
  const failures = cases.map((c) => [c, mismatch(oms[c.fn](c.input, c.options), c.expect)]).filter(([, m]) => m);
  assert.deepEqual(failures.map(([c, m]) => `${c.file} ${c.name}: ${m}`), []);
});

test('CJS error classes and schemas', () => {
  assert.ok(new oms.OmsValidationError('m', 'c') instanceof oms.OmsError);
  assert.throws(() => oms.customerSchema.parse({ type: 'business' }), (e) => e instanceof oms.OmsValidationError && e.code === 'validation_failed' && e.issues.length > 0);
  assert.equal(oms.phoneSchema.parse('+44 20 7946 0958'), '+442079460958');
});

test('CJS entry builds and parses every golden API vector', async () => {
  const { runAll } = await import('./support/api-vectors.mjs');
  const { failures, count } = runAll(oms);
  assert.ok(count >= 150);
  assert.deepEqual(failures, []);
  assert.throws(() => oms.parseResponse('customers.get', 404, '{}'), (e) => e instanceof oms.OmsApiError && e.status === 404 && e.code === 'not_found');
});

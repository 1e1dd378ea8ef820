// The built package inside workerd (Miniflare): a Worker importing `oms-wasm` by name runs every
// shared vector; the `.wasm` arrives as a compiled module and is instantiated with initSync.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startWorker } from './support/workerd.mjs';
import { mismatch, phoneCases, validatorCases } from './support/vectors.mjs';

let mf;
before(async () => {
  mf = await startWorker(fileURLToPath(new URL('./support/validate-worker.mjs', import.meta.url)));
});
after(async () => {
  await mf?.dispose();
});

async function call(calls) {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(calls) });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

test('every shared vector gives the same answer in workerd', async () => {
  const cases = [...validatorCases(), ...phoneCases()];
  const { version, results } = await call(cases.map(({ fn, input, options }) => ({ fn, input, options })));
  assert.match(version, /^\d+\.\d+\.\d+/);
  const failures = [];
  cases.forEach((c, i) => {
    const m = mismatch(results[i], c.expect);
    if (m) failures.push(`${c.file} ${c.name}: ${m}`);
  });
  assert.deepEqual(failures, [], `${failures.length}/${cases.length} failed in workerd`);
});

test('bad input in workerd gives issues and the instance keeps working', async () => {
  const junk = [null, 42, [], 'x'.repeat(1 << 20), '\uD800', { __proto__: null }, { line1: { deep: [1, 2, { a: 'b' }] } }];
  const fns = ['validatePhone', 'validateAddress', 'validateTaxId', 'validateBirthDate', 'validateEmail', 'validateCustomer'];
  const calls = fns.flatMap((fn) => junk.map((input) => ({ fn, input, options: { today: undefined } })));
  const { results } = await call(calls);
  results.forEach((r, i) => {
    assert.equal(r.threw, undefined, `${calls[i].fn} threw: ${r.message}`);
    assert.equal(typeof r.ok, 'boolean', `${calls[i].fn}`);
  });
  const { results: after } = await call([{ fn: 'validatePhone', input: '+1 212 555 1234' }]);
  assert.equal(after[0].ok, true);
  assert.equal(after[0].value.e164, '+12125551234');
});

// Shared known-answer vectors (tests/vectors/*.json) against the BUILT package, imported by name
// in Node ESM. The same files run natively (cargo test) and in wasm (wasm-bindgen-test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as oms from 'oms-wasm';
import { mismatch, phoneCases, validatorCases } from './support/vectors.mjs';

const cases = [...validatorCases(), ...phoneCases()];

test('vector files are present', () => {
  const files = new Set(cases.map((c) => c.file));
  for (const f of ['phone.json', 'address.json', 'tax_id.json', 'birth_date.json', 'email.json', 'customer.json']) {
    assert.ok(files.has(f), `missing tests/vectors/${f}`);
  }
  assert.ok(cases.length > 300, `only ${cases.length} cases`);
});

for (const file of [...new Set(cases.map((c) => c.file))]) {
  test(`vectors: ${file}`, () => {
    const failures = [];
    let n = 0;
    for (const c of cases.filter((x) => x.file === file)) {
      const fn = oms[c.fn];
      assert.equal(typeof fn, 'function', `export ${c.fn}`);
      const r = fn(c.input, c.options);
      const m = mismatch(r, c.expect);
      if (m) failures.push(`${c.name}: ${m}`);
      n++;
    }
    assert.deepEqual(failures, [], `${failures.length}/${n} cases failed`);
  });
}

test('issue messages never contain the input value', () => {
  for (const c of cases) {
    if (typeof c.input !== 'string' || c.input.trim().length < 4) continue;
    const r = oms[c.fn](c.input, c.options);
    if (r.ok) continue;
    for (const i of r.issues) {
      assert.ok(!i.message.includes(c.input.trim()), `${c.name}: message echoes the input: ${i.message}`);
      for (const p of Object.values(i.params ?? {})) assert.ok(!String(p).includes(c.input.trim()), `${c.name}: param echoes the input`);
    }
  }
});

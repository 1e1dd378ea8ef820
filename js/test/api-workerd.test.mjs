// The request layer inside workerd (Miniflare): a Worker importing `oms-wasm` by name builds every
// golden request and parses every response example of the shared vectors, with the same answers as
// Node and native Rust; errors are real OmsError subclasses there too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startWorker } from './support/workerd.mjs';
import { buildCases, buildMismatch, responseCases, responseMismatch } from './support/api-vectors.mjs';

let mf;
before(async () => {
  mf = await startWorker(fileURLToPath(new URL('./support/call-worker.mjs', import.meta.url)));
});
after(async () => {
  await mf?.dispose();
});

async function call(calls) {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(calls) });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

test('every golden build and response vector gives the same answer in workerd', async () => {
  const builds = buildCases();
  const responses = responseCases();
  const results = await call([
    ...builds.map((c) => ({ fn: 'buildRequest', args: [c.operation, c.params, c.options] })),
    ...responses.map((c) => ({ fn: 'parseResponse', args: [c.operation, c.status, c.bodyText, c.headers] })),
  ]);
  const failures = [];
  builds.forEach((c, i) => {
    const r = results[i];
    // put back the non-enumerable `warnings` the worker sent beside the value
    if (r.warnings && r.value) Object.defineProperty(r.value, 'warnings', r.warnings);
    const m = buildMismatch(r, c);
    if (m) failures.push(`${c.file} ${c.name}: ${m}`);
  });
  responses.forEach((c, i) => {
    const r = results[builds.length + i];
    const m = responseMismatch(r, c);
    if (m) failures.push(`${c.file} ${c.name}: ${m}`);
    if (r.threw) assert.equal(r.instanceOfOmsError, true);
  });
  assert.ok(results.length >= 150);
  assert.deepEqual(failures, [], `${failures.length}/${results.length} failed in workerd`);
});

test('bad input in workerd gives coded errors and the instance keeps working', async () => {
  const junk = [null, 42, [], 'x'.repeat(1 << 20), '\uD800', { customerId: { deep: [1, { a: 'b' }] } }];
  const calls = junk.flatMap((p) => [
    { fn: 'buildRequest', args: ['customers.update', p, { accessToken: 't' }] },
    { fn: 'parseResponse', args: ['customers.get', 200, p] },
  ]);
  const results = await call([...calls, { fn: 'buildRequest', args: ['customers.get', { customerId: 'cst_1' }, { accessToken: 't' }] }]);
  for (const r of results.slice(0, -1)) {
    if (r.threw) {
      assert.equal(r.instanceOfOmsError, true, r.message);
      assert.equal(typeof r.code, 'string');
    }
  }
  assert.equal(results.at(-1).value.url, 'https://sandbox-api.polygon.technology/v0.9/customers/cst_1');
});

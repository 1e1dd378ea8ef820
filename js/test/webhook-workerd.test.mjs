// Webhook verification inside workerd (Miniflare), importing oms-wasm by name: every shared vector
// in every payload × header shape (a real workerd Headers, Uint8Array/ArrayBuffer/DataView bodies).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startWorker } from './support/workerd.mjs';
import { HEADER_SHAPES, PAYLOAD_SHAPES } from './support/webhook-cases.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

let mf;
before(async () => {
  mf = await startWorker(fileURLToPath(new URL('./support/webhook-vectors-worker.mjs', import.meta.url)));
});
after(async () => {
  await mf?.dispose();
});

test('every webhook vector gives the same answer in workerd', async () => {
  const cases = webhookCases();
  const calls = [];
  for (const c of cases) for (let v = 0; v < PAYLOAD_SHAPES.length * HEADER_SHAPES.length; v++) calls.push({ case: c, variant: v });
  const problems = [];
  // in batches (the 1 MiB case is generated inside the worker, not posted)
  for (let i = 0; i < calls.length; i += 100) {
    const batch = calls.slice(i, i + 100);
    const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(batch) });
    assert.equal(res.status, 200, await res.clone().text());
    const results = await res.json();
    results.forEach((r, j) => problems.push(...webhookMismatches(batch[j].case, r)));
  }
  assert.deepEqual(problems, [], `${problems.length} problems in ${calls.length} runs`);
});

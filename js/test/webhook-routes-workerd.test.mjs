// Webhook verification routes inside workerd (Miniflare), importing oms-wasm by name: without
// nodejs_compat the wasm route is the only fast route (and the default); with nodejs_compat the
// runtime has node:crypto's synchronous HMAC, which is the default, and the wasm route still works
// when forced. Every shared vector, in every payload × header shape, through each route.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startWorker } from './support/workerd.mjs';
import { HEADER_SHAPES, PAYLOAD_SHAPES } from './support/webhook-cases.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

const worker = fileURLToPath(new URL('./support/webhook-routes-worker.mjs', import.meta.url));
const workers = {};
before(async () => {
  workers.plain = await startWorker(worker);
  workers.compat = await startWorker(worker, { compatibilityFlags: ['nodejs_compat'] });
});
after(async () => {
  for (const mf of Object.values(workers)) await mf?.dispose();
});

async function run(mf, force) {
  const calls = [];
  for (const c of webhookCases()) for (let v = 0; v < PAYLOAD_SHAPES.length * HEADER_SHAPES.length; v++) calls.push({ case: c, variant: v });
  const problems = [];
  const used = {};
  for (let i = 0; i < calls.length; i += 100) {
    const batch = calls.slice(i, i + 100);
    const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify({ force, calls: batch }) });
    const out = await res.json();
    assert.equal(res.status, 200, JSON.stringify(out));
    out.results.forEach((r, j) => problems.push(...webhookMismatches(batch[j].case, r)));
    for (const [k, n] of Object.entries(out.used)) used[k] = (used[k] ?? 0) + n;
  }
  assert.deepEqual(problems, [], `${problems.length} problems in ${calls.length} runs`);
  return used;
}

test('workerd without nodejs_compat: the wasm route by default, every vector; the complete check forced', async () => {
  const used = await run(workers.plain, undefined);
  assert.ok(used.wasm >= 200 && !used.native, JSON.stringify(used));
  const complete = await run(workers.plain, 'complete');
  assert.deepEqual(Object.keys(complete), ['complete']);
});

test('workerd with nodejs_compat: node:crypto HMAC by default, and the wasm route forced, every vector', async () => {
  const used = await run(workers.compat, undefined);
  assert.ok(used.native >= 200 && !used.wasm, JSON.stringify(used));
  const wasm = await run(workers.compat, 'wasm');
  assert.ok(wasm.wasm >= 200 && !wasm.native, JSON.stringify(wasm));
});

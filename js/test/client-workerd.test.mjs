// OmsClient inside workerd (Miniflare): a Worker bundling the built package calls the emulator on
// 127.0.0.1 through the global fetch — the Get-started flow, single flight, a Workers-KV tokenStore
// shared by two clients, timeouts and aborts. Counts come from the emulator's request log.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startWorker } from './support/workerd.mjs';
import { startEmulator } from './support/emulator.mjs';

let emu;
let mf;
before(async () => {
  emu = await startEmulator();
  mf = await startWorker(fileURLToPath(new URL('./support/client-worker.mjs', import.meta.url)), {
    bindings: { OMS_BASE_URL: emu.baseUrl, OMS_API_KEY: emu.apiKey, OMS_API_SECRET: emu.apiSecret },
    kvNamespaces: ['TOKENS'],
  });
});
after(async () => {
  await mf?.dispose();
  await emu?.stop();
});
beforeEach(async () => {
  await emu.clearFaults();
  await emu.reset();
  await emu.clearRequests();
});

async function run(action) {
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify({ action }) });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  return body;
}
const tokenExchanges = async () => (await emu.requests({ path: '/auth/token' })).length;

test('workerd: the Get-started flow end to end, hooks and toJSON without secrets', async () => {
  const r = await run('flow');
  assert.equal(r.status, 'completed');
  assert.ok(Number(r.balance) > 0);
  assert.equal(r.steps.length, 7);
  assert.equal(await tokenExchanges(), 1);
  const text = JSON.stringify(r);
  assert.ok(!text.includes(emu.apiSecret) && !text.includes('eyJ') && !text.includes('212-55-1234'));
  assert.ok(r.hooks.some((h) => h.operation === 'sandbox.cashIns.authCommit' && h.status === 200));
});

test('workerd: 100 concurrent calls share one token exchange', async () => {
  const r = await run('concurrent');
  assert.equal(r.n, 100);
  assert.equal(await tokenExchanges(), 1);
});

test('workerd: a Workers KV tokenStore shares one token between two clients', async () => {
  const r = await run('kv');
  assert.equal(r.same, true);
  assert.deepEqual(r.storedKeys, ['accessToken', 'expiresAt']);
  assert.equal(r.a + r.b, 1);
  assert.equal(await tokenExchanges(), 1);
});

test('workerd: timeouts and aborts give OmsConnectionError timeout / aborted', async () => {
  await emu.faults({ rules: [{ method: 'GET', path: '/customers/*', latencyMs: 400 }] });
  const r = await run('timeout');
  assert.deepEqual(r.timeout, { name: 'OmsConnectionError', code: 'timeout', isConnection: true });
  assert.deepEqual(r.aborted, { name: 'OmsConnectionError', code: 'aborted' });
});

// Edge at scale on Durable Objects (oms-wasm/cloudflare), in workerd through Miniflare, against
// the emulator: one token exchange for hundreds of concurrent requests that each build a new
// OmsClient (durableTokens), one more after the token expires on the emulator's clock; and each
// webhook event processed exactly once across concurrent duplicate deliveries (webhookInbox),
// also when the handler fails on the first attempt. Counts come from the emulator's request log
// and from a separate Durable Object that tallies the handler's runs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { signWebhook } from 'oms-wasm';
import { startEmulator } from './support/emulator.mjs';
import { startWorker } from './support/workerd.mjs';

const WEBHOOK_SECRET = `whsec_${'5a'.repeat(32)}`;
let emu;
let mf;
let customerId;

before(async () => {
  emu = await startEmulator();
  mf = await startWorker(fileURLToPath(new URL('./support/edge-worker.mjs', import.meta.url)), {
    bindings: {
      OMS_BASE_URL: emu.baseUrl,
      OMS_API_KEY: emu.apiKey,
      OMS_API_SECRET: emu.apiSecret,
      WEBHOOK_SECRET,
      INBOX_SHARDS: '8',
    },
    durableObjects: { OMS_TOKENS: 'OmsTokenBroker', OMS_INBOX: 'WebhookInbox', TALLY: 'Tally' },
  });
  // a customer to read (created with the emulator's own credentials, outside the Worker)
  const tok = await (await fetch(`${emu.baseUrl}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiKey: emu.apiKey, apiSecret: emu.apiSecret }) })).json();
  const c = await fetch(`${emu.baseUrl}/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok.accessToken}`, 'idempotency-key': 'edge-customer-1' },
    body: JSON.stringify({ type: 'individual', firstName: 'Edge' }),
  });
  customerId = (await c.json()).id;
  assert.match(customerId, /^cst_/);
});
after(async () => {
  await mf?.dispose();
  await emu?.stop();
});

const exchanges = async () => (await emu.requests({ method: 'POST', path: '/auth/token' })).length;

async function calls(n) {
  const res = await Promise.all(
    Array.from({ length: n }, () => mf.dispatchFetch('http://worker/call', { method: 'POST', body: JSON.stringify({ customerId }) }).then((r) => r.json())),
  );
  const failed = res.filter((r) => !r.ok);
  assert.deepEqual(failed, [], `${failed.length} of ${n} calls failed`);
  // no client exchanged a token itself: the broker did
  assert.ok(res.every((r) => r.exchanges === 0));
}

test('durableTokens: 300 concurrent requests, each with a new OmsClient, share one token exchange; one more after expiry, one more after a revocation', async () => {
  await emu.clearRequests();
  await calls(300);
  assert.equal(await exchanges(), 1, 'token exchanges for the first 300 calls');
  // the token expires on the emulator's clock: every client gets a 401, reports the token to the
  // broker, and the broker replaces it once
  await emu.control('POST', '/clock/advance', { hours: 2 });
  await calls(300);
  assert.equal(await exchanges(), 2, 'token exchanges after the expiry');
  // the server revokes the token (a key rotation on its side): one re-exchange, every call succeeds
  const revoked = await emu.control('POST', '/tokens/revoke', {});
  assert.ok(revoked.revoked >= 1);
  await calls(300);
  assert.equal(await exchanges(), 3, 'token exchanges after the revocation');
  // nothing but the token exchange and the reads reached OMS
  const other = (await emu.requests()).filter((r) => !r.path.endsWith('/auth/token') && !r.path.includes(`/customers/${customerId}`));
  assert.deepEqual(other.map((r) => `${r.method} ${r.path}`), []);
});

async function deliver(event, copy) {
  const body = JSON.stringify({ type: 'cashIn.completed', timestamp: new Date().toISOString(), data: event.data });
  const headers = signWebhook({ payload: body, secret: WEBHOOK_SECRET, id: event.id });
  // like OMS: a 409 (busy) or a 5xx is retried later, a 2xx ends the delivery
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const res = await mf.dispatchFetch('http://worker/webhooks', { method: 'POST', headers, body });
    const out = await res.json();
    if (res.status === 200) return out.status;
    assert.ok(res.status === 409 || res.status === 500, `copy ${copy} of ${event.id}: ${res.status} ${JSON.stringify(out)}`);
    await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
  }
  throw new Error(`${event.id} was never accepted`);
}

test('webhookInbox: 1,000 concurrent deliveries of 400 events (2–3 copies each, 10 % failing once) run the handler once per event', async () => {
  const events = Array.from({ length: 400 }, (_, i) => ({ id: `msg_edge_${i}`, data: { id: `ci_${i}`, failFirst: i % 10 === 0 } }));
  const deliveries = [];
  events.forEach((e, i) => {
    const copies = i < 200 ? 3 : 2; // 600 + 400 = 1,000
    for (let c = 0; c < copies; c += 1) deliveries.push([e, c]);
  });
  assert.equal(deliveries.length, 1000);
  deliveries.sort(() => Math.random() - 0.5);
  const outcomes = await Promise.all(deliveries.map(([e, c]) => deliver(e, c)));
  const tally = await (await mf.dispatchFetch('http://worker/tally')).json();
  for (const e of events) {
    const t = tally[e.id];
    assert.ok(t, `${e.id} never ran`);
    assert.equal(t.ok, 1, `${e.id} ran ${t.ok} times`);
    assert.equal(t.failed, e.data.failFirst ? 1 : 0, `${e.id} failed ${t.failed} times`);
  }
  assert.equal(Object.keys(tally).length, 400);
  const processed = outcomes.filter((o) => o === 'processed').length;
  assert.equal(processed, 400, 'one delivery of each event was the processing one');
  assert.equal(outcomes.filter((o) => o === 'duplicate').length, 600);
});

test('oms-wasm/cloudflare outside workerd (Node ESM and CJS) fails with a clear coded error', async () => {
  const { createRequire } = await import('node:module');
  const { OmsError } = await import('oms-wasm');
  const esm = await import('oms-wasm/cloudflare');
  const cjs = createRequire(import.meta.url)('oms-wasm/cloudflare');
  for (const m of [esm, cjs]) {
    assert.throws(() => m.durableTokens({}), (e) => e instanceof OmsError && e.code === 'unsupported_runtime' && /workerd/.test(e.message));
    assert.throws(() => new m.WebhookInbox(), (e) => e.code === 'unsupported_runtime');
  }
});

test('durableTokens and webhookInbox refuse what is not a Durable Object namespace, and bad options', async () => {
  const r = await (await mf.dispatchFetch('http://worker/misuse')).json();
  assert.deepEqual(r, [
    'OmsError:invalid_argument',
    'OmsError:invalid_argument',
    'OmsError:invalid_argument',
    'OmsError:invalid_argument',
    'OmsValidationError:invalid_params',
  ]);
});

// The Cloudflare Worker example (js/examples/webhook-worker) in workerd through Miniflare, with its
// WebhookInbox Durable Object and a real (local) Workers KV: signed deliveries verify from
// request.arrayBuffer() + request.headers, retries are processed once (by webhook-id), tampering
// and replays are rejected with coded errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { signWebhook } from 'oms-wasm';
import { startWorker } from './support/workerd.mjs';

const SECRET = `whsec_${randomBytes(32).toString('hex')}`;
const OLD_SECRET = `whsec_${randomBytes(32).toString('hex')}`;
let mf;

before(async () => {
  mf = await startWorker(fileURLToPath(new URL('../examples/webhook-worker/worker.mjs', import.meta.url)), {
    kvNamespaces: ['EVENT_LOG'],
    durableObjects: { OMS_INBOX: 'WebhookInbox' },
    bindings: { OMS_WEBHOOK_SECRET: SECRET, OMS_WEBHOOK_SECRET_PREVIOUS: OLD_SECRET },
  });
});
after(async () => {
  await mf?.dispose();
});

function delivery(type, { secret = SECRET, id, timestamp, data = { id: 'ci_123', object: 'cashIn', status: 'completed' } } = {}) {
  const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  const headers = signWebhook({ payload, secret, id, timestamp });
  return { payload, headers };
}

async function post({ payload, headers }, path = '/webhooks/oms') {
  const res = await mf.dispatchFetch(`http://worker${path}`, { method: 'POST', body: payload, headers });
  return { status: res.status, body: await res.json().catch(() => null) };
}

test('a signed delivery is verified, processed once, and its retry is recognised', async () => {
  const d = delivery('cashIn.completed');
  const first = await post(d);
  assert.deepEqual(first, { status: 200, body: { received: 'cashIn.completed', id: d.headers['webhook-id'] } });
  const kv = await mf.getKVNamespace('EVENT_LOG');
  // the handler ran before the answer
  assert.deepEqual(JSON.parse(await kv.get(`oms-event-log:${d.headers['webhook-id']}`)), { type: 'cashIn.completed', resource: 'ci_123' });
  await kv.delete(`oms-event-log:${d.headers['webhook-id']}`);
  const retry = await post(d);
  assert.deepEqual(retry.body, { duplicate: true, id: d.headers['webhook-id'] });
  // ...and not again for the retry
  assert.equal(await kv.get(`oms-event-log:${d.headers['webhook-id']}`), null);
});

test('header names in any case; the previous secret still verifies during rotation', async () => {
  const d = delivery('transaction.fiatToCrypto.completed', { secret: OLD_SECRET });
  const upper = Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toUpperCase(), v]));
  const r = await post({ payload: d.payload, headers: upper });
  assert.equal(r.status, 200);
  assert.equal(r.body.received, 'transaction.fiatToCrypto.completed');
});

test('a tampered body, a wrong secret, an old timestamp and missing headers are rejected with codes', async () => {
  const d = delivery('cashIn.completed');
  const tampered = await post({ payload: d.payload.replace('ci_123', 'ci_999'), headers: d.headers });
  assert.equal(tampered.status, 400);
  assert.equal(tampered.body.error, 'no_matching_signature');
  assert.ok(!tampered.body.message.includes(SECRET.slice(6, 20)));

  const wrong = await post(delivery('cashIn.completed', { secret: `whsec_${randomBytes(32).toString('hex')}` }));
  assert.equal(wrong.body.error, 'no_matching_signature');

  const old = await post(delivery('cashIn.completed', { timestamp: Math.floor(Date.now() / 1000) - 3600 }));
  assert.equal(old.body.error, 'timestamp_too_old');

  const { 'webhook-signature': _, ...noSig } = d.headers;
  const missing = await post({ payload: d.payload, headers: noSig });
  assert.equal(missing.body.error, 'missing_header');

  const notFound = await mf.dispatchFetch('http://worker/elsewhere', { method: 'POST', body: d.payload, headers: d.headers });
  assert.equal(notFound.status, 404);
});

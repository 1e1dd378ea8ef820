// Webhook verification through require() (Node CommonJS): every shared vector once, classes usable
// with instanceof.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const oms = require('oms-wasm');

test('CJS: verifyWebhook / verifyWebhookSignature / signWebhook run every webhook vector', async () => {
  const { runCase } = await import('./support/webhook-cases.mjs');
  const { webhookCases, webhookMismatches } = await import('./support/webhook-vectors.mjs');
  const cases = webhookCases();
  const problems = cases.flatMap((c, i) => webhookMismatches(c, runCase(oms, c, i)));
  assert.deepEqual(problems, []);
  assert.ok(cases.length >= 80);
});

test('CJS: a signed delivery verifies; a tampered one throws WebhookVerificationError', () => {
  const secret = 'whsec_' + '0f'.repeat(32);
  const payload = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const headers = oms.signWebhook({ payload, secret });
  const e = oms.verifyWebhook(Buffer.from(payload), headers, secret);
  assert.equal(e.type, 'cashIn.completed');
  assert.equal(e.keyEncoding, 'hex');
  assert.throws(() => oms.verifyWebhook(payload + ' ', headers, secret), (err) => err instanceof oms.WebhookVerificationError && err instanceof oms.OmsError && err.code === 'no_matching_signature');
});

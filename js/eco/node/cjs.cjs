// Node.js CommonJS (also run by Bun): the three entries required by name, ready at require. Also
// checks `instanceof` across module formats: an error from the CJS build against the ESM classes.
const root = require('oms-wasm');
const validate = require('oms-wasm/validate');
const webhooks = require('oms-wasm/webhooks');

(async () => {
  const { runChecks } = await import('../common/checks-core.mjs');
  const r = await runChecks({ root, validate, webhooks });
  const esm = await import('oms-wasm');
  const secret = `whsec_${'ab'.repeat(32)}`;
  let fromCjs;
  try {
    root.verifyWebhook('{}', { 'webhook-id': 'm', 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' }, secret, { now: 1 });
  } catch (e) {
    fromCjs = e;
  }
  r.cjsErrorIsEsmClass = fromCjs instanceof esm.WebhookVerificationError && fromCjs instanceof esm.OmsError;
  console.log(JSON.stringify(r));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});

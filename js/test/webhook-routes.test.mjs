// The two HMAC routes of webhook verification (pkg-template/webhooks.mjs), forced in turn through the
// testing hook `globalThis[Symbol.for('oms-wasm.webhooks.route')]`, against the BUILT package in Node:
//   - 'wasm': the fast route with the wasm core's HMAC (what browsers and workerd without
//     nodejs_compat use);
//   - 'native': the fast route with node:crypto's HMAC (Node, Deno, Bun, Workers with nodejs_compat);
//   - 'complete': the wasm core's complete check only (what every failure goes through).
// Every shared vector, in every payload × header shape, gives the same answer through each, the
// forced route is the one that verified, and the key cache (16 secrets) stays right when secrets
// come and go.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as oms from 'oms-wasm';
import * as webhooks from 'oms-wasm/webhooks';
import { HEADER_SHAPES, PAYLOAD_SHAPES, runCase } from './support/webhook-cases.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

const ROUTE = Symbol.for('oms-wasm.webhooks.route');
const cases = webhookCases();
const SHAPES = PAYLOAD_SHAPES.length * HEADER_SHAPES.length;

afterEach(() => {
  delete globalThis[ROUTE];
});

for (const [name, mod] of [
  ['oms-wasm', oms],
  ['oms-wasm/webhooks', webhooks],
]) {
  for (const force of ['wasm', 'native', 'complete']) {
    test(`${name}, route '${force}': every vector in every payload × header shape`, () => {
      const hook = { force, used: {} };
      globalThis[ROUTE] = hook;
      const problems = [];
      for (const c of cases) for (let v = 0; v < SHAPES; v++) problems.push(...webhookMismatches(c, runCase(mod, c, v)));
      assert.deepEqual(problems, []);
      // the forced route verified the well-formed deliveries; the rest went to the complete check
      const other = ['wasm', 'native', 'complete'].filter((r) => r !== force && r !== 'complete');
      for (const r of other) assert.equal(hook.used[r], undefined, `${r} was used`);
      if (force === 'complete') assert.deepEqual(Object.keys(hook.used), ['complete']);
      else assert.ok(hook.used[force] >= 200, JSON.stringify(hook.used));
    });
  }
}

test('by default Node verifies through node:crypto (the native route)', () => {
  const hook = { used: {} };
  globalThis[ROUTE] = hook;
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const h = oms.signWebhook({ payload: body, secret });
  assert.equal(oms.verifyWebhook(body, h, secret).type, 'cashIn.completed');
  assert.deepEqual(hook.used, { native: 1 });
});

test('the key cache: 40 secrets in turn, rotation lists, encodings pinned or not, each route', () => {
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const secrets = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `whsec_${randomBytes(32).toString('hex')}` : i % 3 === 1 ? `whsec_${randomBytes(24).toString('base64')}` : `raw-secret-${randomBytes(12).toString('hex')}`));
  const enc = (s) => (s.startsWith('raw-') ? 'raw' : /^whsec_[0-9a-f]{64}$/.test(s) ? 'hex' : 'base64');
  for (const force of ['wasm', 'native']) {
    const hook = { force, used: {} };
    globalThis[ROUTE] = hook;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < secrets.length; i++) {
        const s = secrets[i];
        const h = oms.signWebhook({ payload: body, secret: s, timestamp: 1_700_000_000 });
        const other = secrets[(i + 7) % secrets.length];
        assert.equal(oms.verifyWebhookSignature(body, h, s, { now: 1_700_000_000 }).keyEncoding, enc(s));
        assert.equal(oms.verifyWebhookSignature(body, h, [other, s], { now: 1_700_000_000 }).keyEncoding, enc(s));
        assert.equal(oms.verifyWebhookSignature(body, h, s, { now: 1_700_000_000, secretEncoding: enc(s) }).keyEncoding, enc(s));
        assert.throws(() => oms.verifyWebhookSignature(body, h, other, { now: 1_700_000_000 }), (e) => e.code === 'no_matching_signature');
      }
    }
    assert.ok(hook.used[force] >= 3 * 40 * 3, JSON.stringify(hook.used));
  }
});

test('the fast route leaves nothing of the secret reachable: results and errors', () => {
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const h = oms.signWebhook({ payload: body, secret });
  for (const force of ['wasm', 'native']) {
    globalThis[ROUTE] = { force };
    const e = oms.verifyWebhook(body, h, secret);
    const shown = JSON.stringify(e) + JSON.stringify(oms) + JSON.stringify(webhooks);
    assert.ok(!shown.includes(secret.slice(6)));
    try {
      oms.verifyWebhook(`${body} `, h, secret);
      assert.fail('verified');
    } catch (err) {
      assert.ok(!JSON.stringify(err).includes(secret.slice(6)) && !err.message.includes(secret.slice(6)) && !String(err.stack).includes(secret.slice(6)));
    }
  }
});

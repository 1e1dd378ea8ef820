// Webhook verification, side by side in one Node process on the same 2 KB delivery:
//   oms-wasm verifyWebhook / verifyWebhookSignature on Node's default route (the fast route with
//     node:crypto's HMAC, as in Deno, Bun and Workers with nodejs_compat), then the same calls with
//     the wasm route forced (the wasm core's HMAC: what browsers and workerd without nodejs_compat run)
//   standardwebhooks Webhook#verify (sync JS: fast-sha256 + @stablelib/base64), same key bytes as base64
//   stripe.webhooks.constructEventAsync with Stripe.createSubtleCryptoProvider() (what Workers users
//     have today: async WebCrypto), Stripe's own `t=…,v1=<hex>` header
//   node:crypto createHmac + timingSafeEqual (the native floor; not available in Workers)
// Prints µs/op (median of interleaved rounds) and ratios vs verifyWebhook.
//
//   node bench/webhook.mjs        (or as part of `make bench`)
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { signWebhook, verifyWebhook, verifyWebhookSignature } from 'oms-wasm';

/** ns per call of a sync or async `fn`, run for ~`ms` milliseconds. */
async function measure(fn, ms, isAsync, route) {
  if (route) globalThis[ROUTE] = { force: route };
  try {
    return await measureLoop(fn, ms, isAsync);
  } finally {
    delete globalThis[ROUTE];
  }
}

/** The testing hook of pkg-template/webhooks.mjs that forces a verification route. */
const ROUTE = Symbol.for('oms-wasm.webhooks.route');

async function measureLoop(fn, ms, isAsync) {
  let calls = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 100; i++) {
      const r = isAsync ? await fn() : fn();
      if (r) sink++;
    }
    calls += 100;
    now = process.hrtime.bigint();
  }
  if (sink !== calls) throw new Error('a contender failed to verify');
  return Number(now - start) / calls;
}

function delivery() {
  const data = { id: 'txn_01HF8ZK3', object: 'transaction', status: 'completed', sourceAmount: '125.00', destinationAmount: '124.61', customerId: 'cus_01HF8ZJQ', notes: [] };
  const event = { type: 'transaction.fiatToCrypto.completed', timestamp: new Date().toISOString(), data };
  let body = JSON.stringify(event);
  while (body.length < 2048) {
    data.notes.push(`note ${data.notes.length}: ${'x'.repeat(40)}`);
    body = JSON.stringify(event);
  }
  return body;
}

export async function webhookBench({ rounds = 7, ms = 300 } = {}) {
  const body = delivery();
  const bytes = new TextEncoder().encode(body);
  const key = randomBytes(32);
  const omsSecret = `whsec_${key.toString('hex')}`;
  const swSecret = `whsec_${key.toString('base64')}`;
  const headers = signWebhook({ payload: body, secret: omsSecret });
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];

  const sw = new Webhook(swSecret);
  if (sw.verify(body, headers).type !== 'transaction.fiatToCrypto.completed') throw new Error('standardwebhooks disagrees');

  const stripe = new Stripe('sk_test_bench');
  const stripeSecret = `whsec_${key.toString('hex')}`;
  const stripeHeader = stripe.webhooks.generateTestHeaderString({ payload: body, secret: stripeSecret, timestamp: Number(ts) });
  const subtle = Stripe.createSubtleCryptoProvider();

  const sigBytes = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
  const nodeFloor = () => {
    const mac = createHmac('sha256', key).update(`${id}.${ts}.`).update(body).digest();
    return timingSafeEqual(mac, sigBytes);
  };

  const contenders = [
    { name: 'oms-wasm verifyWebhook (string body)', fn: () => verifyWebhook(body, headers, omsSecret).type },
    { name: 'oms-wasm verifyWebhook (Uint8Array body)', fn: () => verifyWebhook(bytes, headers, omsSecret).type },
    { name: 'oms-wasm verifyWebhookSignature', fn: () => verifyWebhookSignature(body, headers, omsSecret).id },
    { name: 'oms-wasm verifyWebhook, wasm route (string body)', fn: () => verifyWebhook(body, headers, omsSecret).type, route: 'wasm' },
    { name: 'oms-wasm verifyWebhook, wasm route (Uint8Array body)', fn: () => verifyWebhook(bytes, headers, omsSecret).type, route: 'wasm' },
    { name: 'oms-wasm signature only, wasm route', fn: () => verifyWebhookSignature(body, headers, omsSecret).id, route: 'wasm' },
    { name: 'standardwebhooks Webhook#verify', fn: () => sw.verify(body, headers).type },
    { name: 'stripe constructEventAsync (SubtleCrypto)', fn: async () => (await stripe.webhooks.constructEventAsync(body, stripeHeader, stripeSecret, 300, subtle)).type, isAsync: true },
    { name: 'node:crypto createHmac + timingSafeEqual', fn: nodeFloor },
  ];
  for (const c of contenders) await measure(c.fn, 100, c.isAsync, c.route); // warm-up (JIT, wasm tier-up)
  const samples = contenders.map(() => []);
  for (let r = 0; r < rounds; r++) for (const [i, c] of contenders.entries()) samples[i].push(await measure(c.fn, ms, c.isAsync, c.route));
  const rows = contenders.map((c, i) => {
    const s = samples[i].sort((a, b) => a - b);
    return { name: c.name, usPerOp: s[Math.floor(s.length / 2)] / 1000 };
  });
  const ours = rows[0].usPerOp;
  console.log(`\nwebhook verification, one ${bytes.length}-byte delivery (median of ${rounds} interleaved rounds of ~${ms} ms)`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const ratio = r.usPerOp / ours;
    const rel = r === rows[0] ? '(baseline)' : ratio >= 1 ? `${ratio.toFixed(2)}× the time of verifyWebhook` : `${(1 / ratio).toFixed(2)}× faster than verifyWebhook`;
    console.log(`  ${r.name.padEnd(w)}  ${r.usPerOp.toFixed(2).padStart(8)} µs/op   ${rel}`);
  }
  const at = (re) => rows.find((r) => re.test(r.name)).usPerOp;
  const swRow = at(/standardwebhooks/);
  const sig = at(/verifyWebhookSignature$/);
  const wasm = at(/wasm route \(string body\)/);
  const wasmBytes = at(/wasm route \(Uint8Array body\)/);
  const floor = at(/node:crypto/);
  const ratio = (x) => `${(swRow / x).toFixed(2)}×`;
  console.log(`  → vs standardwebhooks, default (native HMAC) route: ${ratio(ours)} verifyWebhook, ${ratio(sig)} signature only (goal ≥ 3×): ${swRow / ours >= 3 ? 'met' : 'NOT met'}`);
  console.log(`  → vs standardwebhooks, wasm route: ${ratio(wasm)} verifyWebhook (string), ${ratio(wasmBytes)} (Uint8Array) (goal ≥ 2×): ${swRow / Math.max(wasm, wasmBytes) >= 2 ? 'met' : 'NOT met'}`);
  console.log(`  → above the node:crypto HMAC floor: ${(ours - floor).toFixed(2)} µs (native route), ${(wasm - floor).toFixed(2)} µs (wasm route)`);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await webhookBench();

// Deliveries per second through the WebhookInbox (oms-wasm/cloudflare) in workerd via Miniflare:
// signed deliveries of distinct events posted to a Worker that verifies each one and processes it
// through the inbox, with 1 shard and with 16 (every event claimed, handled, completed). Part of
// `make bench`; a local figure (Miniflare runs every Durable Object in one process, so more shards
// mostly spread the storage work; on Cloudflare each shard is its own object and machine).
//   node bench/edge-inbox.mjs [--events 2000] [--concurrency 64]
import { fileURLToPath } from 'node:url';
import { signWebhook } from 'oms-wasm';
import { startWorker } from '../test/support/workerd.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const EVENTS = arg('--events', 2000);
const CONCURRENCY = arg('--concurrency', 64);
const SECRET = `whsec_${'7c'.repeat(32)}`;

async function run(shards, round) {
  const mf = await startWorker(fileURLToPath(new URL('../test/support/edge-worker.mjs', import.meta.url)), {
    bindings: { OMS_BASE_URL: 'http://127.0.0.1:9/v0.9', OMS_API_KEY: 'sk_sdbx_bench', OMS_API_SECRET: 'bench_secret_value', WEBHOOK_SECRET: SECRET, INBOX_SHARDS: String(shards) },
    durableObjects: { OMS_TOKENS: 'OmsTokenBroker', OMS_INBOX: 'WebhookInbox', TALLY: 'Tally' },
  });
  try {
    const deliveries = Array.from({ length: EVENTS }, (_, i) => {
      const body = JSON.stringify({ type: 'cashIn.completed', timestamp: new Date().toISOString(), data: { id: `ci_${round}_${i}` } });
      return { body, headers: signWebhook({ payload: body, secret: SECRET, id: `msg_bench_${shards}_${round}_${i}` }) };
    });
    let next = 0;
    let ok = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < deliveries.length) {
          const d = deliveries[next++];
          const res = await mf.dispatchFetch('http://worker/webhooks', { method: 'POST', headers: d.headers, body: d.body });
          if (res.status === 200 && (await res.json()).status === 'processed') ok += 1;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    if (ok !== EVENTS) throw new Error(`${EVENTS - ok} deliveries were not processed`);
    return EVENTS / seconds;
  } finally {
    await mf.dispose();
  }
}

const rows = [];
for (const shards of [1, 16]) {
  const rates = [];
  for (let round = 0; round < 3; round += 1) rates.push(await run(shards, round));
  rates.sort((a, b) => a - b);
  rows.push({ shards, median: rates[1], min: rates[0], max: rates[2] });
}
console.log(`\nWebhookInbox in Miniflare: ${EVENTS} distinct signed deliveries, ${CONCURRENCY} concurrent, 3 rounds`);
console.log('| Shards | Deliveries/s (median) | Range |');
console.log('|---|---|---|');
for (const r of rows) console.log(`| ${r.shards} | ${Math.round(r.median)} | ${Math.round(r.min)}–${Math.round(r.max)} |`);

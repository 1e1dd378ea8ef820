// `make demo`: the OMS Get-started flow, offline. Starts the local OMS emulator, runs the
// Get-started Worker (examples/get-started/worker.mjs) in workerd through Miniflare — the Worker
// holds the credentials, the emulator delivers signed webhooks to the Worker's own route — and
// prints each step. No credentials or flags needed.
//
// Against the real sandbox instead of the emulator (needs early-access credentials; the sandbox must
// be able to reach PUBLIC_URL for the webhook steps):
//   OMS_BASE_URL=https://sandbox-api.polygon.technology/v0.9 OMS_API_KEY=sk_sdbx_… OMS_API_SECRET=… make demo
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../test/support/emulator.mjs';
import { startWorker } from '../test/support/workerd.mjs';

const line = (s = '') => console.log(s);
const real = process.env.OMS_BASE_URL;
let emulator;
let mf;
let exitCode = 1;
try {
  let credentials;
  if (real) {
    if (!process.env.OMS_API_KEY || !process.env.OMS_API_SECRET) throw new Error('OMS_BASE_URL is set: also set OMS_API_KEY and OMS_API_SECRET');
    credentials = { baseUrl: real, apiKey: process.env.OMS_API_KEY, apiSecret: process.env.OMS_API_SECRET };
    line(`OMS API: ${real}`);
  } else {
    emulator = await startEmulator();
    credentials = { baseUrl: emulator.baseUrl, apiKey: emulator.apiKey, apiSecret: emulator.apiSecret };
    line(`OMS emulator: ${emulator.baseUrl} (demo credentials; set OMS_BASE_URL to use the real sandbox)`);
  }
  mf = await startWorker(fileURLToPath(new URL('./get-started/worker.mjs', import.meta.url)), {
    host: '127.0.0.1',
    port: 0,
    kvNamespaces: ['DEMO_KV'],
    durableObjects: { OMS_TOKENS: 'OmsTokenBroker', OMS_INBOX: 'WebhookInbox' },
    bindings: {
      OMS_API_KEY: credentials.apiKey,
      OMS_API_SECRET: credentials.apiSecret,
      OMS_BASE_URL: credentials.baseUrl,
      ...(process.env.PUBLIC_URL ? { PUBLIC_URL: process.env.PUBLIC_URL } : {}),
    },
  });
  const workerUrl = await mf.ready;
  line(`Worker (workerd): ${workerUrl.origin} — holds the credentials, receives webhooks at /webhooks/oms`);
  line();
  const res = await fetch(new URL('/get-started', workerUrl), { method: 'POST' });
  const out = await res.json();
  if (!res.ok) {
    line(`✗ ${out.error} ${out.code}${out.status ? ` (HTTP ${out.status})` : ''}: ${out.message}`);
    for (const i of out.issues ?? []) line(`   ${i.path.join('.')} ${i.code}: ${i.message}`);
  } else {
    out.steps.forEach((s, i) => line(`${String(i + 1).padStart(2)}. ${s}`));
    line();
    line(out.ok ? 'Done: the whole Get-started flow ran offline.' : 'The flow did not complete (see the steps above).');
    exitCode = out.ok ? 0 : 1;
  }
} catch (e) {
  line(`✗ ${e?.stack ?? e}`);
} finally {
  await mf?.dispose();
  emulator?.stop();
}
process.exit(exitCode);

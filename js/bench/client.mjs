// OmsClient call overhead: the same GET /customers/{id} through `client.customers.get` and through a
// raw `fetch` with a pre-fetched token, sequentially, interleaved rounds (the order alternating
// round by round), median µs/op.
//   1. against the emulator on 127.0.0.1 (what a call costs end to end);
//   2. against an in-process fetch returning a canned Response (the client's own CPU cost:
//      validation, building, hooks-free dispatch, parsing into the typed value).
// Run alone with `node bench/client.mjs`, or import { benchClient } (it starts its own emulator
// unless given { baseUrl, apiKey, apiSecret }).
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { OmsClient } from 'oms-wasm';
import { startEmulator } from '../test/support/emulator.mjs';
import { fullCustomer } from '../test/support/client-flow.mjs';

async function timeSeq(fn, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / n / 1000; // µs/op
}

async function compareAsync(title, contenders, { n, rounds, warmup }) {
  // Warm-up: long enough for V8 to optimize both sides (the client's wasm included) before the
  // first sample. With 100 calls and 6 rounds, the median still held unoptimized rounds: the
  // in-process anchor took 39 µs instead of 25 and the overhead read +97…+113 µs instead of
  // +57…+66 (same build, same process, 2026-12-03).
  for (const c of contenders) await timeSeq(c.fn, warmup);
  const samples = contenders.map(() => []);
  // the order alternates round by round (issue #18): whoever runs second may find a warmer (or
  // busier) event loop and heap
  for (let r = 0; r < rounds; r++) {
    const order = contenders.map((_, i) => i);
    if (r % 2) order.reverse();
    for (const i of order) samples[i].push(await timeSeq(contenders[i].fn, n));
  }
  const rows = contenders.map((c, i) => {
    const s = samples[i].sort((a, b) => a - b);
    return { name: c.name, usPerOp: s[Math.floor(s.length / 2)] };
  });
  const [base, client] = rows;
  console.log(`\n${title}  (${n} sequential calls × ${rounds} rounds, median)`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`  ${r.name.padEnd(w)}  ${r.usPerOp.toFixed(1).padStart(8)} µs/op`);
  const overhead = client.usPerOp - base.usPerOp;
  const ratio = client.usPerOp / base.usPerOp;
  console.log(`  → client overhead ${overhead.toFixed(1)} µs/call (${ratio.toFixed(2)}× the raw fetch)`);
  return { title, raw: base.usPerOp, client: client.usPerOp, overheadUs: overhead, ratio };
}

/** Returns `{ emulator: {...}, inProcess: {...} }` with µs/op for raw fetch and the client, the overhead and the ratio. */
export async function benchClient({ baseUrl, apiKey, apiSecret, n = 300, rounds = 15 } = {}) {
  let emu;
  if (!baseUrl) {
    emu = await startEmulator();
    ({ baseUrl, apiKey, apiSecret } = emu);
  }
  try {
    const client = new OmsClient({ apiKey, apiSecret, baseUrl });
    const customer = await client.customers.create(fullCustomer(1));
    const url = `${baseUrl}/customers/${customer.id}`;
    const tokenRes = await fetch(`${baseUrl}/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ apiKey, apiSecret }),
    });
    const { accessToken } = await tokenRes.json();
    const headers = { Accept: 'application/json', Authorization: `Bearer ${accessToken}` };

    // 1. The client's own cost first, while nothing else has run in this process: a fetch that
    // answers at once with the same body. (Measured after the loopback rounds, every part — the
    // anchor too — was slower: the HTTP client's pooled sockets and the heap they left.)
    const body = await (await fetch(url, { headers })).text();
    const canned = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    const tokenBody = JSON.stringify({ accessToken: 'eyJ.local.sig', tokenType: 'bearer', expiresIn: 3600, expiresAt: new Date(Date.now() + 3.6e6).toISOString() });
    const localWithToken = new OmsClient({
      apiKey, apiSecret, baseUrl,
      fetch: async (u, init) => (u.endsWith('/auth/token') ? new Response(tokenBody, { status: 200 }) : canned(u, init)),
    });
    const inProcess = await compareAsync('GET /customers/{id} with an in-process fetch (client CPU cost)', [
      { name: 'raw fetch + res.json()', fn: async () => (await canned(url, { headers })).json() },
      { name: 'client.customers.get', fn: () => localWithToken.customers.get(customer.id) },
    ], { n: n * 3, rounds, warmup: n * 7 });

    // 2. End to end against the emulator on loopback.
    const emulator = await compareAsync('GET /customers/{id} against the emulator', [
      { name: 'raw fetch + res.json()', fn: async () => (await fetch(url, { headers })).json() },
      { name: 'client.customers.get', fn: () => client.customers.get(customer.id) },
    ], { n, rounds, warmup: n });
    return { emulator, inProcess };
  } finally {
    await emu?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`OmsClient overhead — Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`);
  const r = await benchClient();
  console.log(`\n${JSON.stringify(r)}`);
}

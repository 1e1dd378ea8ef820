#!/usr/bin/env node
// Fault soak: a few thousand OmsClient calls against a fresh local emulator with injected faults
// (500 / 503 / 429 + Retry-After / connections dropped before and after processing, ~20% of all
// requests, token exchanges included) and token expiries (the emulator clock jumps past the token
// TTL every few hundred calls while calls are in flight), mixing creates (customers, wallets,
// cash-ins) and reads, with bounded concurrency. Then, with faults off, it reads back everything the
// emulator holds and compares it with what the client reported.
//
//   node js/scripts/soak.mjs [--calls 3000] [--concurrency 8] [--fault-rate 0.2] [--expire-every 250]
//                            [--max-retries 6] [--seed 1] [--max-seconds 110] [--json]
//
// Prints calls, faults injected, retries, token exchanges, duplicates, lost writes, unhandled
// rejections; exits 1 when a must-be-0 number is not 0 (or the run did not finish in time).
// Needs the built package installed (`./scripts/test.sh install-pkg`) and target/debug/oms-emulator.
import { fileURLToPath } from 'node:url';
import { OmsApiError, OmsClient, OmsConnectionError } from 'oms-wasm';
import { startEmulator } from '../test/support/emulator.mjs';
import { fullCustomer } from '../test/support/client-flow.mjs';
import { rng } from '../test/support/rng.mjs';

const TOKEN_TTL = 3600;

const MIX = [
  ['customers.create', 0.35],
  ['wallets.create', 0.15],
  ['cashIns.create', 0.1],
  ['customers.get', 0.15],
  ['wallets.balance', 0.08],
  ['cashIns.get', 0.07],
  ['customers.list', 0.05],
  ['cashLocations.list', 0.05],
];

/**
 * Runs the soak; returns the report (see `mustBeZero` for what has to be 0).
 * `log(line)` receives progress lines (default: none).
 */
export async function runSoak({
  calls = 3000,
  concurrency = 8,
  faultRate = 0.2,
  expireEvery = 250,
  maxRetries = 6,
  seed = 1,
  maxSeconds = 110,
  log = () => {},
} = {}) {
  const started = Date.now();
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  const emu = await startEmulator(['--token-ttl', String(TOKEN_TTL), '--seed', String(seed)]);
  try {
    const counters = { attempts: 0, retries: 0, tokenExchangeAttempts: 0, tokenExchanges: 0, status401: 0, networkErrors: 0 };
    let counting = false;
    const client = new OmsClient({
      apiKey: emu.apiKey,
      apiSecret: emu.apiSecret,
      baseUrl: emu.baseUrl,
      maxRetries,
      timeoutMs: 10_000,
      onRequest: (i) => {
        if (!counting) return;
        counters.attempts++;
        if (i.attempt > 1) counters.retries++;
        if (i.operation === 'auth.token') counters.tokenExchangeAttempts++;
      },
      onResponse: (i) => {
        if (!counting) return;
        if (i.operation === 'auth.token' && i.status === 200) counters.tokenExchanges++;
        if (i.status === 401) counters.status401++;
        if (i.error) counters.networkErrors++;
      },
    });

    // one cash location for every cash-in, read before the faults start with another client (so the
    // soak client's first token exchange happens under faults too)
    const setup = new OmsClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.baseUrl });
    const location = (await setup.cashLocations.list({ provider: 'greendot', latitude: 40.7128, longitude: -74.006 })).data[0];
    await emu.clearRequests();
    counting = true;

    const p = faultRate / 5;
    await emu.faults({
      seed,
      rules: [{ error500: p, error503: p, rateLimit429: p, retryAfterSeconds: 1, drop: p, dropAfterProcessing: p }],
    });

    // what the client learned
    const customers = []; // { id, externalId }
    const customerByExt = new Map();
    const noWallet = []; // customer ids without a wallet (and no wallet create in flight)
    const walletTried = new Map(); // customerId → number of wallet creates attempted
    const wallets = []; // { id, customerId }
    const cashInSlots = []; // { customerId, walletId } with fewer than 3 cash-ins (daily count limit)
    const cashInTried = new Map(); // customerId → attempts
    const cashIns = []; // { id, customerId }
    const failed = new Map(); // op → { code → n }
    const unknownCreates = []; // creates that failed on the client side (outcome unknown to it)
    const opsDone = new Map();
    let nextCustomer = 0;
    let advances = 0;

    const random = rng(seed);
    const pick = (xs) => xs[Math.floor(random() * xs.length)];
    const chooseOp = () => {
      let r = random();
      for (const [op, w] of MIX) if ((r -= w) < 0) return op;
      return MIX[0][0];
    };

    async function one(i) {
      if (expireEvery > 0 && i > 0 && i % expireEvery === 0) {
        // every token the client holds expires now, while the other workers' calls are in flight
        await emu.advance({ seconds: TOKEN_TTL + 1 });
        advances++;
      }
      let op = chooseOp();
      if (op === 'wallets.create' && !noWallet.length) op = 'customers.create';
      if (op === 'cashIns.create' && !cashInSlots.length) op = noWallet.length ? 'wallets.create' : 'customers.create';
      if (op === 'customers.get' && !customers.length) op = 'customers.create';
      if (op === 'wallets.balance' && !wallets.length) op = 'customers.list';
      if (op === 'cashIns.get' && !cashIns.length) op = 'cashLocations.list';
      opsDone.set(op, (opsDone.get(op) ?? 0) + 1);
      try {
        switch (op) {
          case 'customers.create': {
            const n = nextCustomer++;
            const body = { ...fullCustomer(n), externalId: `soak-${n}` };
            try {
              const c = await client.customers.create(body);
              customers.push({ id: c.id, externalId: body.externalId });
              customerByExt.set(body.externalId, c.id);
              noWallet.push(c.id);
            } catch (e) {
              unknownCreates.push({ op, externalId: body.externalId, code: e.code, idempotencyKey: e.idempotencyKey });
              throw e;
            }
            break;
          }
          case 'wallets.create': {
            const customerId = noWallet.splice(Math.floor(random() * noWallet.length), 1)[0];
            walletTried.set(customerId, (walletTried.get(customerId) ?? 0) + 1);
            try {
              const w = await client.wallets.create({ customerId, asset: 'usdc', chain: 'polygon' });
              wallets.push({ id: w.id, customerId });
              cashInSlots.push({ customerId, walletId: w.id, left: 3 });
            } catch (e) {
              unknownCreates.push({ op, customerId, code: e.code, idempotencyKey: e.idempotencyKey });
              throw e;
            }
            break;
          }
          case 'cashIns.create': {
            const slotIndex = Math.floor(random() * cashInSlots.length);
            const slot = cashInSlots[slotIndex];
            if (--slot.left === 0) cashInSlots.splice(slotIndex, 1);
            cashInTried.set(slot.customerId, (cashInTried.get(slot.customerId) ?? 0) + 1);
            try {
              const ci = await client.cashIns.create({
                customerId: slot.customerId,
                source: { asset: 'usd', network: 'cash', indicatedAmount: '50.00' },
                destination: { wallet: { id: slot.walletId }, asset: 'usdc', network: 'polygon' },
                cash: { locationId: location.id, locationReference: location.locationReference },
              });
              cashIns.push({ id: ci.id, customerId: slot.customerId });
            } catch (e) {
              unknownCreates.push({ op, customerId: slot.customerId, code: e.code, idempotencyKey: e.idempotencyKey });
              throw e;
            }
            break;
          }
          case 'customers.get': {
            const c = pick(customers);
            const got = await client.customers.get(c.id);
            if (got.id !== c.id) throw new Error(`customers.get ${c.id} returned ${got.id}`);
            break;
          }
          case 'wallets.balance':
            await client.wallets.balance(pick(wallets).id);
            break;
          case 'cashIns.get': {
            const ci = pick(cashIns);
            const got = await client.cashIns.get(ci.id);
            if (got.id !== ci.id) throw new Error(`cashIns.get ${ci.id} returned ${got.id}`);
            break;
          }
          case 'customers.list':
            await client.customers.list({ limit: 10 });
            break;
          case 'cashLocations.list':
            await client.cashLocations.list({ provider: 'greendot', latitude: 40.7128, longitude: -74.006 });
            break;
        }
      } catch (e) {
        const code = e instanceof OmsApiError ? `${e.status} ${e.code}` : e instanceof OmsConnectionError ? `connection ${e.code}` : `${e?.name ?? 'Error'} ${e?.code ?? e?.message}`;
        const m = failed.get(op) ?? new Map();
        m.set(code, (m.get(code) ?? 0) + 1);
        failed.set(op, m);
      }
    }

    // bounded concurrency: `concurrency` workers pull call numbers in order
    let next = 0;
    let timedOut = false;
    const deadline = started + maxSeconds * 1000;
    let lastReport = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          if (Date.now() > deadline) {
            timedOut = true;
            return;
          }
          await one(next++);
          if (Date.now() - lastReport > 10_000) {
            lastReport = Date.now();
            log(`  … ${next}/${calls} calls, ${((Date.now() - started) / 1000).toFixed(0)} s`);
          }
        }
      }),
    );
    const callsMade = [...opsDone.values()].reduce((a, b) => a + b, 0);
    const soakSeconds = (Date.now() - started) / 1000;

    // ---- what the emulator saw (faults fired, its request log of the soak phase)
    const faultState = await emu.control('GET', '/faults');
    await emu.clearFaults();
    counting = false;
    const reqLog = await emu.requests();
    const logComplete = reqLog.length > 0 && reqLog[0].seq !== undefined ? reqLog.length < 10_000 : true;
    const faultsByKind = {};
    for (const e of reqLog) if (e.fault) faultsByKind[e.fault] = (faultsByKind[e.fault] ?? 0) + 1;
    const faultsFired = (faultState.rules ?? []).reduce((a, r) => a + (r.fired ?? 0), 0);
    const tokenExchangesInLog = reqLog.filter((e) => e.method === 'POST' && e.path.endsWith('/auth/token') && e.status === 200).length;
    const replayed = reqLog.filter((e) => e.replayed).length;

    // ---- read back everything, faults off
    const verifier = new OmsClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.baseUrl, maxRetries: 2 });
    const emuCustomers = [];
    for await (const c of verifier.customers.list({ limit: 100 })) emuCustomers.push(c);
    const byExt = new Map();
    for (const c of emuCustomers) byExt.set(c.externalId, (byExt.get(c.externalId) ?? []).concat(c.id));
    const emuWallets = [];
    for (const customerId of walletTried.keys()) {
      for await (const w of verifier.wallets.list({ customerId, limit: 100 })) emuWallets.push({ id: w.id, customerId });
    }
    const emuCashIns = [];
    for await (const ci of verifier.cashIns.list({ limit: 100 })) emuCashIns.push({ id: ci.id, customerId: ci.customerId });

    const count = (xs, key) => xs.reduce((m, x) => m.set(x[key], (m.get(x[key]) ?? 0) + 1), new Map());
    const emuWalletsPer = count(emuWallets, 'customerId');
    const emuCashInsPer = count(emuCashIns, 'customerId');
    const duplicates = {
      customers: [...byExt.values()].filter((ids) => ids.length > 1).reduce((a, ids) => a + ids.length - 1, 0),
      wallets: [...emuWalletsPer].reduce((a, [c, n]) => a + Math.max(0, n - (walletTried.get(c) ?? 0)), 0),
      cashIns: [...emuCashInsPer].reduce((a, [c, n]) => a + Math.max(0, n - (cashInTried.get(c) ?? 0)), 0),
    };
    const emuCustomerIds = new Set(emuCustomers.map((c) => c.id));
    const emuWalletIds = new Set(emuWallets.map((w) => w.id));
    const emuCashInIds = new Set(emuCashIns.map((c) => c.id));
    const clientCustomerIds = new Set(customers.map((c) => c.id));
    const clientWalletIds = new Set(wallets.map((w) => w.id));
    const clientCashInIds = new Set(cashIns.map((c) => c.id));
    const lost = {
      // the client was told "created" but the emulator does not have it
      notStored: customers.filter((c) => !emuCustomerIds.has(c.id)).length + wallets.filter((w) => !emuWalletIds.has(w.id)).length + cashIns.filter((c) => !emuCashInIds.has(c.id)).length,
      // the emulator has it but the client never learned about it (e.g. a create that failed on the client side but was processed)
      unknownToClient:
        emuCustomers.filter((c) => !clientCustomerIds.has(c.id)).length + emuWallets.filter((w) => !clientWalletIds.has(w.id)).length + emuCashIns.filter((c) => !clientCashInIds.has(c.id)).length,
    };
    // a customer id the client holds under one externalId must be the emulator's id for it
    const mismatched = customers.filter((c) => !(byExt.get(c.externalId) ?? []).includes(c.id)).length;
    lost.notStored += mismatched;

    await new Promise((r) => setTimeout(r, 50)); // let a stray rejection surface
    const failedCalls = [...failed.values()].reduce((a, m) => a + [...m.values()].reduce((x, y) => x + y, 0), 0);
    return {
      calls: callsMade,
      requested: calls,
      concurrency,
      seconds: soakSeconds,
      timedOut,
      ops: Object.fromEntries(opsDone),
      attempts: counters.attempts,
      faultsInjected: faultsFired,
      faultsByKind,
      logComplete,
      retries: counters.retries,
      replayedByEmulator: replayed,
      tokenExchanges: counters.tokenExchanges,
      tokenExchangesInLog,
      tokenExchangeAttempts: counters.tokenExchangeAttempts,
      clockAdvances: advances,
      status401: counters.status401,
      connectionErrors: counters.networkErrors,
      failedCalls,
      failedByOp: Object.fromEntries([...failed].map(([op, m]) => [op, Object.fromEntries(m)])),
      unknownCreates,
      created: { customers: customers.length, wallets: wallets.length, cashIns: cashIns.length },
      stored: { customers: emuCustomers.length, wallets: emuWallets.length, cashIns: emuCashIns.length },
      duplicates,
      duplicatesTotal: duplicates.customers + duplicates.wallets + duplicates.cashIns,
      lostWrites: lost,
      lostWritesTotal: lost.notStored + lost.unknownToClient,
      unhandledRejections: unhandled.length,
      unhandledSamples: unhandled.slice(0, 3).map((e) => String(e?.stack ?? e)),
    };
  } finally {
    await emu.stop();
    process.off('unhandledRejection', onUnhandled);
  }
}

/** The numbers that must be 0, by name. */
export function mustBeZero(r) {
  return { duplicates: r.duplicatesTotal, 'lost writes': r.lostWritesTotal, 'unhandled rejections': r.unhandledRejections, 'calls not made (time budget)': r.timedOut ? r.requested - r.calls : 0 };
}

export function formatReport(r) {
  const kinds = Object.entries(r.faultsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  const failedList = Object.entries(r.failedByOp).map(([op, m]) => `${op}: ${Object.entries(m).map(([c, n]) => `${c} ×${n}`).join(', ')}`).join('; ');
  const z = mustBeZero(r);
  const mark = (n) => (n === 0 ? 'ok' : 'FAIL');
  return [
    `fault soak: ${r.calls} calls (${Object.entries(r.ops).map(([k, n]) => `${k} ${n}`).join(', ')}), concurrency ${r.concurrency}, ${r.seconds.toFixed(1)} s`,
    `  attempts sent          ${r.attempts}`,
    `  faults injected        ${r.faultsInjected} (${kinds || 'none'}${r.logComplete ? '' : '; request log overflowed, kinds partial'}) = ${((100 * r.faultsInjected) / Math.max(1, r.attempts)).toFixed(1)}% of attempts`,
    `  retries                ${r.retries} (attempt > 1, incl. replays after a 401); ${r.replayedByEmulator} answered from the idempotency record`,
    `  token expiries         ${r.clockAdvances} clock jumps past the ${TOKEN_TTL} s TTL → ${r.status401} × 401`,
    `  token exchanges        ${r.tokenExchanges} succeeded (${r.tokenExchangeAttempts} attempts; the emulator issued ${r.tokenExchangesInLog}${r.tokenExchangesInLog > r.tokenExchanges ? ': a token answer dropped after processing is one the client never saw' : ''})`,
    `  calls failed           ${r.failedCalls}${failedList ? ` (${failedList})` : ''} (gave up after retries; reported, not a must-be-0)`,
    `  created / stored       customers ${r.created.customers}/${r.stored.customers}, wallets ${r.created.wallets}/${r.stored.wallets}, cash-ins ${r.created.cashIns}/${r.stored.cashIns}`,
    `  duplicates             ${r.duplicatesTotal} (customers ${r.duplicates.customers}, wallets ${r.duplicates.wallets}, cash-ins ${r.duplicates.cashIns})   ${mark(z.duplicates)}`,
    `  lost writes            ${r.lostWritesTotal} (told created but not stored ${r.lostWrites.notStored}; stored but unknown to the client ${r.lostWrites.unknownToClient})   ${mark(z['lost writes'])}`,
    `  unhandled rejections   ${r.unhandledRejections}   ${mark(z['unhandled rejections'])}`,
    ...(r.timedOut ? [`  TIME BUDGET EXCEEDED: ${r.requested - r.calls} of ${r.requested} calls not made   FAIL`] : []),
    ...r.unhandledSamples.map((s) => `    ${s.split('\n')[0]}`),
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const num = (name, dflt) => {
    const i = args.indexOf(name);
    if (i < 0) return dflt;
    const v = Number(args[i + 1]);
    if (!Number.isFinite(v)) {
      console.error(`${name} needs a number`);
      process.exit(2);
    }
    return v;
  };
  const opts = {
    calls: num('--calls', 3000),
    concurrency: num('--concurrency', 8),
    faultRate: num('--fault-rate', 0.2),
    expireEvery: num('--expire-every', 250),
    maxRetries: num('--max-retries', 6),
    seed: num('--seed', 1),
    maxSeconds: num('--max-seconds', 110),
    log: (l) => console.log(l),
  };
  console.log(`fault soak: ${opts.calls} calls, concurrency ${opts.concurrency}, ~${Math.round(opts.faultRate * 100)}% faults, token expiry every ${opts.expireEvery} calls, maxRetries ${opts.maxRetries}, seed ${opts.seed}`);
  const r = await runSoak(opts);
  console.log(formatReport(r));
  if (args.includes('--json')) console.log(JSON.stringify(r));
  const bad = Object.entries(mustBeZero(r)).filter(([, n]) => n !== 0);
  if (bad.length) {
    console.log(`\nFAILED: ${bad.map(([k, n]) => `${k} = ${n}`).join(', ')}`);
    process.exit(1);
  }
  console.log('\nall must-be-0 numbers are 0');
}

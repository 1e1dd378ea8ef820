// OmsClient from the BUILT package against the local emulator (target/debug/oms-emulator, built by
// `cargo build -p oms-emulator`), in Node: the Get-started flow, token expiry mid-flow, 100 concurrent
// calls on an expired token, 300 creates under 20% injected faults, timeouts and aborts, secrets in
// hooks and errors, validation before sending. Counts come from the emulator's request log.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { OmsApiError, OmsClient, OmsConnectionError, OmsValidationError } from 'oms-wasm';
import { startEmulator } from './support/emulator.mjs';
import { fullCustomer, getStarted } from './support/client-flow.mjs';

let emu;
before(async () => {
  emu = await startEmulator();
});
after(async () => {
  await emu?.stop();
});
beforeEach(async () => {
  await emu.clearFaults();
  await emu.reset();
  await emu.clearRequests();
});

const newClient = (options = {}) => new OmsClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.baseUrl, ...options });
const tokenExchanges = async () => (await emu.requests({ path: '/auth/token' })).length;

test('the Get-started flow end to end', async () => {
  const client = newClient();
  const r = await getStarted(client);
  assert.match(r.customer.id, /^cst_/);
  assert.equal(r.customer.status, 'active');
  assert.match(r.wallet.address, /^0x[0-9a-fA-F]{40}$/);
  assert.match(r.code, /^[A-Z]{3} \d{5}$/);
  assert.equal(r.auth.responseText, 'Approved');
  assert.equal(r.completed.status, 'completed');
  assert.ok(Number(r.balance.balance) > 0, `balance ${r.balance.balance}`);
  assert.equal(await tokenExchanges(), 1);
  const log = await emu.requests();
  assert.ok(log.filter((e) => e.method === 'POST' && !e.path.endsWith('/auth/token')).every((e) => e.idempotencyKey), 'every POST carried an Idempotency-Key');
  assert.ok(log.every((e) => e.status >= 200 && e.status < 300), JSON.stringify(log.map((e) => [e.path, e.status])));
});

test('the token expires mid-flow (emulator clock): exactly one refresh, the flow completes', async () => {
  const client = newClient();
  const r = await getStarted(client, {
    between: async (step) => {
      if (step === 'location') await emu.advance({ seconds: 3601 });
    },
  });
  assert.equal(r.completed.status, 'completed');
  assert.equal(await tokenExchanges(), 2);
  // the call that got the 401 was replayed with the same Idempotency-Key
  const log = await emu.requests();
  const unauthorized = log.filter((e) => e.status === 401);
  assert.equal(unauthorized.length, 1);
  const replay = log[log.indexOf(unauthorized[0]) + 2]; // 401, the token exchange, the replay
  assert.equal(replay.path, unauthorized[0].path);
  assert.equal(replay.idempotencyKey, unauthorized[0].idempotencyKey);
  assert.ok(replay.status >= 200 && replay.status < 300);
});

test('100 concurrent calls with an expired token: exactly one token exchange', async () => {
  const client = newClient();
  const customer = await client.customers.create(fullCustomer(1));
  assert.equal(await tokenExchanges(), 1);
  await emu.advance({ hours: 2 });
  const results = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? client.customers.get(customer.id) : client.wallets.list(customer.id))));
  assert.equal(results.length, 100);
  assert.equal(await tokenExchanges(), 2);
  // and with a fresh client (nothing cached), 100 concurrent first calls: one exchange
  const fresh = newClient();
  await Promise.all(Array.from({ length: 100 }, () => fresh.customers.get(customer.id)));
  assert.equal(await tokenExchanges(), 3);
});

test('300 customer creates with 20% injected 500/503/429/dropped connections: exactly 300 customers, no duplicates', async () => {
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  try {
    await emu.faults({
      seed: 42,
      rules: [
        { method: 'POST', path: '/customers', error500: 0.04, error503: 0.04, rateLimit429: 0.04, retryAfterSeconds: 1, drop: 0.04, dropAfterProcessing: 0.04 },
      ],
    });
    const client = newClient({ maxRetries: 10 });
    const N = 300;
    const created = new Array(N);
    let next = 0;
    // 25 workers in parallel
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < N) {
          const i = next++;
          created[i] = await client.customers.create(fullCustomer(1000 + i));
        }
      }),
    );
    assert.equal(created.filter(Boolean).length, N);
    const log = await emu.requests({ method: 'POST', path: '/customers' });
    const faults = log.filter((e) => e.fault);
    const kinds = new Set(faults.map((e) => e.fault));
    assert.ok(faults.length >= 0.1 * N, `only ${faults.length} faults injected`);
    for (const k of ['error500', 'error503', 'rateLimit429', 'drop', 'dropAfterProcessing']) assert.ok(kinds.has(k), `no ${k} fault`);
    assert.ok(log.some((e) => e.replayed), 'some retries were answered from the idempotency record');
    // every attempt of one create used the same key; distinct creates used distinct keys
    const keysByExternalId = new Map();
    for (const e of log) {
      const ext = e.body?.externalId;
      if (!ext) continue;
      keysByExternalId.set(ext, (keysByExternalId.get(ext) ?? new Set()).add(e.idempotencyKey));
    }
    assert.equal(keysByExternalId.size, N);
    assert.ok([...keysByExternalId.values()].every((s) => s.size === 1));

    await emu.clearFaults();
    const ids = [];
    for await (const c of client.customers.list({ limit: 100 })) ids.push(c.externalId);
    assert.equal(ids.length, N, `${ids.length} customers in the emulator`);
    assert.equal(new Set(ids).size, N, 'no duplicates');
    assert.equal(new Set(created.map((c) => c.id)).size, N);
  } finally {
    await new Promise((r) => setTimeout(r, 50));
    process.off('unhandledRejection', onUnhandled);
  }
  assert.deepEqual(unhandled, []);
});

test('timeouts and caller aborts against the emulator give OmsConnectionError timeout / aborted', async () => {
  const client = newClient();
  const customer = await client.customers.create(fullCustomer(2));
  await emu.faults({ rules: [{ method: 'GET', path: '/customers/*', latencyMs: 400 }] });
  await assert.rejects(client.customers.get(customer.id, { timeoutMs: 100, maxRetries: 1 }), (e) => {
    assert.ok(e instanceof OmsConnectionError);
    assert.equal(e.code, 'timeout');
    assert.equal(e.attempts, 2);
    return true;
  });
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(client.customers.get(customer.id, { signal: ac.signal }), (e) => e instanceof OmsConnectionError && e.code === 'aborted');
  // still fine afterwards, with the default timeout
  assert.equal((await client.customers.get(customer.id)).id, customer.id);
  await emu.clearFaults();
  // a closed port: network
  const dead = new OmsClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: 'http://127.0.0.1:9/v0.9', maxRetries: 1 });
  await assert.rejects(dead.customers.get(customer.id), (e) => e instanceof OmsConnectionError && e.code === 'network');
});

test('invalid input is rejected before sending: the emulator log shows nothing', async () => {
  const client = newClient();
  await assert.rejects(
    client.customers.create({ ...fullCustomer(3), phone: '+1 555', birthDate: '2031-02-30', identifyingInformation: [{ type: 'ssn', number: '000-12-3456' }] }),
    (e) => {
      assert.ok(e instanceof OmsValidationError);
      assert.deepEqual(e.issues.map((i) => i.path.join('.')).sort(), ['birthDate', 'identifyingInformation.0.number', 'phone']);
      assert.ok(!JSON.stringify(e.issues).includes('000-12-3456') && !e.message.includes('2031-02-30'));
      return true;
    },
  );
  await assert.rejects(client.wallets.create({ customerId: '', asset: 'usdc' }), OmsValidationError);
  assert.deepEqual(await emu.requests(), []);
});

test('API errors carry status, code, message, requestId?, body — and nothing secret', async () => {
  const client = newClient();
  await assert.rejects(client.customers.get('cst_doesnotexist'), (e) => {
    assert.ok(e instanceof OmsApiError);
    assert.equal(e.status, 404);
    assert.equal(e.code, 'not_found');
    assert.equal(typeof e.message, 'string');
    assert.equal(typeof e.body, 'object');
    return true;
  });
  const bad = new OmsClient({ apiKey: emu.apiKey, apiSecret: 'wrong-secret-value-123', baseUrl: emu.baseUrl });
  await assert.rejects(bad.customers.get('cst_x'), (e) => {
    assert.ok(e instanceof OmsApiError);
    assert.equal(e.status, 401);
    assert.ok(!`${e.message} ${JSON.stringify(e.body)} ${e.stack}`.includes('wrong-secret-value-123'));
    return true;
  });
});

test('hooks and errors of a full run contain none of the secrets', async () => {
  const captured = [];
  const client = newClient({
    maxRetries: 6,
    onRequest: (i) => captured.push(JSON.stringify(i)),
    onResponse: (i) => captured.push(JSON.stringify(i)),
  });
  await emu.faults({ seed: 3, rules: [{ error503: 0.15, drop: 0.05, retryAfterSeconds: 0 }] });
  const r = await getStarted(client, { between: async (s) => s === 'location' && emu.advance({ seconds: 3601 }) });
  await emu.clearFaults();
  captured.push(JSON.stringify(client), inspect(client), JSON.stringify(r.steps));
  // three calls that must fail (an unknown customer, an unknown path: 404 from the emulator; a bad
  // birth date: refused before sending), and whose errors are captured too
  const failing = [
    [() => client.customers.get('cst_nope'), (e) => e instanceof OmsApiError && e.status === 404],
    [() => client.request('GET', '/nope'), (e) => e instanceof OmsApiError && e.status === 404],
    [() => client.customers.create({ ...fullCustomer(9), birthDate: 'x' }), (e) => e instanceof OmsValidationError && e.issues.some((i) => i.path.includes('birthDate'))],
  ];
  for (const [call, expected] of failing) {
    await assert.rejects(call(), (e) => {
      captured.push(e.message, JSON.stringify(e), JSON.stringify(e.body ?? null), JSON.stringify(e.issues ?? null), inspect(e));
      return expected(e);
    });
  }
  // the tokens the emulator issued in this run (read from its log would be redacted: ask it for one more)
  const text = captured.join('\n');
  assert.ok(captured.length > 20);
  for (const secret of [emu.apiSecret, '212-55-1234', '1990-04-12', 'Bearer ', 'eyJ']) {
    assert.ok(!text.includes(secret), `found ${secret} in the captured output`);
  }
  assert.ok(!/"(headers|body)"/.test(captured.filter((c) => c.startsWith('{"operation"')).join('')), 'no headers or bodies in hooks');
});

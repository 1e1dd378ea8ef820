// OmsClient from the BUILT package against a scripted `fetch` (no server): the transport's rules one
// by one — validation before sending, single-flight token exchange, 401 refresh-and-replay with the
// same Idempotency-Key, retries and Retry-After, timeouts and aborts, hooks, tokenStore, lists, the
// raw escape hatch, secrets, browser refusal, junk input. The emulator runs are in client.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { inspect } from 'node:util';
import { fileURLToPath } from 'node:url';
import { OmsApiError, OmsClient, OmsConnectionError, OmsError, OmsValidationError } from 'oms-wasm';

const SECRET = 'oms_secret_Zq8vX2pL9tKw4mNb';
const KEY = 'sk_sdbx_unit_4f2a9c';
const BASE = 'https://oms.test/v0.9';

const json = (status, body, headers = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const tokenResponse = (n, expiresIn = 3600) =>
  json(200, { accessToken: `eyJhbGciOiJSUzI1NiJ9.tok${n}.sig`, tokenType: 'bearer', expiresIn, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A scripted fetch: `handler(call, calls)` answers each request (`call.path` is relative to BASE). */
function scripted(handler) {
  const calls = [];
  let tokens = 0;
  const fetch = async (url, init) => {
    const call = { url, path: url.slice(BASE.length), method: init.method, headers: { ...init.headers }, body: init.body, signal: init.signal };
    calls.push(call);
    if (call.path === '/auth/token') {
      const r = await handler(call, calls);
      return r ?? tokenResponse(++tokens);
    }
    return handler(call, calls);
  };
  return { fetch, calls, api: () => calls.filter((c) => c.path !== '/auth/token'), exchanges: () => calls.filter((c) => c.path === '/auth/token').length };
}

function client(fetch, options = {}) {
  return new OmsClient({ apiKey: KEY, apiSecret: SECRET, baseUrl: BASE, fetch, ...options });
}

const WEBHOOK = { url: 'https://example.com/oms' };
const okWebhook = () => json(201, { id: 'whk_1', object: 'webhook', url: WEBHOOK.url });

test('invalid params are rejected before anything is sent (no token exchange either)', async () => {
  const s = scripted(() => okWebhook());
  const c = client(s.fetch);
  await assert.rejects(c.webhooks.create({ url: 42, extra: true }), (e) => {
    assert.ok(e instanceof OmsValidationError && e instanceof OmsError);
    assert.equal(e.code, 'invalid_params');
    assert.deepEqual(e.issues.map((i) => i.path.join('.')).sort(), ['extra', 'url']);
    return true;
  });
  await assert.rejects(c.customers.create({ type: 'individual', email: 'not-an-email', endorsements: ['basic'] }), OmsValidationError);
  await assert.rejects(c.call('nope.nothing', {}), (e) => e.code === 'unknown_operation');
  await assert.rejects(c.webhooks.create(WEBHOOK, { idempotencyKey: '' }), (e) => e.code === 'invalid_idempotency_key');
  await assert.rejects(c.webhooks.create(WEBHOOK, { timeout: 5 }), (e) => e instanceof OmsValidationError && e.issues[0].message.includes('timeoutMs'));
  assert.equal(s.calls.length, 0);
});

test('one token exchange shared by 100 concurrent calls, then cached', async () => {
  const s = scripted(async (call) => {
    if (call.path === '/auth/token') {
      await sleep(30);
      return undefined;
    }
    return json(200, { id: 'cst_1', object: 'customer' });
  });
  const c = client(s.fetch);
  const results = await Promise.all(Array.from({ length: 100 }, () => c.customers.get('cst_1')));
  assert.equal(results.length, 100);
  assert.ok(results.every((r) => r.id === 'cst_1'));
  assert.equal(s.exchanges(), 1);
  await c.customers.get({ customerId: 'cst_1' });
  assert.equal(s.exchanges(), 1);
  assert.ok(s.api().every((x) => x.headers.Authorization === 'Bearer eyJhbGciOiJSUzI1NiJ9.tok1.sig'));
  assert.equal(JSON.parse(JSON.stringify(c)).tokenExchanges, 1);
});

test('the token exchange body carries the key and secret; tokens near expiry are refreshed ahead', async () => {
  const s = scripted((call) => (call.path === '/auth/token' ? tokenResponse(s.exchanges(), 1) : json(200, { id: 'cst_1' })));
  const c = client(s.fetch);
  await c.customers.get('cst_1');
  const exchange = s.calls[0];
  assert.equal(exchange.method, 'POST');
  assert.deepEqual(JSON.parse(exchange.body), { apiKey: KEY, apiSecret: SECRET });
  assert.equal(exchange.headers.Authorization, undefined);
  // a 1 s token has a 100 ms refresh margin (10% of its lifetime)
  await sleep(950);
  await c.customers.get('cst_1');
  assert.equal(s.exchanges(), 2);
});

test('a 401 refreshes once and replays with the same Idempotency-Key; a second 401 is returned', async () => {
  let rejectTok1 = true;
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    if (rejectTok1 && call.headers.Authorization.includes('tok1')) return json(401, { error: { code: 'unauthorized', message: 'token expired' } });
    return okWebhook();
  });
  const c = client(s.fetch);
  const w = await c.webhooks.create(WEBHOOK);
  assert.equal(w.id, 'whk_1');
  const [first, replay] = s.api();
  assert.equal(s.exchanges(), 2);
  assert.ok(first.headers['Idempotency-Key']);
  assert.equal(replay.headers['Idempotency-Key'], first.headers['Idempotency-Key']);
  assert.match(replay.headers.Authorization, /tok2/);

  // always 401: one refresh, then the error
  const s2 = scripted((call) => (call.path === '/auth/token' ? undefined : json(401, { error: { code: 'unauthorized', message: 'no' } })));
  const c2 = client(s2.fetch);
  await assert.rejects(c2.webhooks.create(WEBHOOK), (e) => e instanceof OmsApiError && e.status === 401 && e.code === 'unauthorized');
  assert.equal(s2.exchanges(), 2);
  assert.equal(s2.api().length, 2);
});

test('a burst of 401s for one token causes one refresh (generation check)', async () => {
  let valid = 'tok1';
  const s = scripted(async (call) => {
    if (call.path === '/auth/token') {
      await sleep(20);
      return undefined;
    }
    return call.headers.Authorization.includes(valid) ? json(200, { id: 'cst_1' }) : json(401, { error: { code: 'unauthorized' } });
  });
  const c = client(s.fetch);
  await c.customers.get('cst_1');
  valid = 'tok2'; // the server forgets tok1 (e.g. its clock moved past the expiry)
  const all = await Promise.all(Array.from({ length: 50 }, () => c.customers.get('cst_1')));
  assert.equal(all.length, 50);
  assert.equal(s.exchanges(), 2);
});

test('retries 5xx and 429 with the same Idempotency-Key; honours Retry-After; gives up at maxRetries', async () => {
  let n = 0;
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    n++;
    if (n === 1) return json(503, { error: { code: 'unavailable' } });
    if (n === 2) return json(429, { error: { code: 'rate_limited' } }, { 'retry-after': '1' });
    return okWebhook();
  });
  const c = client(s.fetch);
  const t0 = Date.now();
  await c.webhooks.create(WEBHOOK, { idempotencyKey: 'whk-create-001' });
  assert.ok(Date.now() - t0 >= 1000, 'waited for Retry-After');
  const keys = s.api().map((x) => x.headers['Idempotency-Key']);
  assert.deepEqual(keys, ['whk-create-001', 'whk-create-001', 'whk-create-001']);

  const s2 = scripted((call) => (call.path === '/auth/token' ? undefined : json(500, { error: { code: 'boom', message: 'internal' } }, { 'x-request-id': 'req_42' })));
  const c2 = client(s2.fetch, { maxRetries: 1 });
  await assert.rejects(c2.webhooks.create(WEBHOOK), (e) => {
    assert.ok(e instanceof OmsApiError);
    assert.equal(e.status, 500);
    assert.equal(e.code, 'server_error');
    assert.equal(e.requestId, 'req_42');
    assert.deepEqual(e.body, { error: { code: 'boom', message: 'internal' } });
    assert.match(e.idempotencyKey, /^[0-9a-f-]{36}$/);
    return true;
  });
  assert.equal(s2.api().length, 2);
  await assert.rejects(c2.webhooks.create(WEBHOOK, { maxRetries: 0 }), OmsApiError);
  assert.equal(s2.api().length, 3);
});

test('Retry-After as an HTTP date: measured from the response Date header, else from the local clock', async () => {
  // The server's clock says 12:00:00 and asks for 12:00:02: a 2 s wait, whatever the local clock says.
  let n = 0;
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    n++;
    if (n === 1) return json(503, {}, { date: 'Tue, 01 Dec 2026 12:00:00 GMT', 'retry-after': 'Tue, 01 Dec 2026 12:00:02 GMT' });
    return okWebhook();
  });
  const t0 = Date.now();
  await client(s.fetch).webhooks.create(WEBHOOK);
  const waited = Date.now() - t0;
  assert.ok(waited >= 2000 && waited < 10_000, `waited ${waited} ms`);
  // No Date header: the date is compared with the local clock; one far in the future (> 60 s) is
  // not waited for: the 503 is returned at once, with the delay it asked for.
  const far = new Date(Date.now() + 3_600_000).toUTCString();
  const s2 = scripted((call) => (call.path === '/auth/token' ? undefined : json(503, {}, { 'retry-after': far })));
  await assert.rejects(client(s2.fetch).webhooks.create(WEBHOOK), (e) => {
    assert.equal(e.status, 503);
    assert.ok(s2.api().length === 1, 'not retried');
    // measured from the local clock (no Date header): about an hour
    assert.ok(e.retryAfterSeconds > 3500 && e.retryAfterSeconds <= 3600, `retryAfterSeconds ${e.retryAfterSeconds}`);
    return true;
  });
});

test('a Retry-After beyond 60 s is not waited for; 409 and 4xx are never retried', async () => {
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    if (call.path === '/webhooks') return json(429, {}, { 'retry-after': '120' });
    return json(409, { error: { code: 'idempotency_conflict', message: 'key reused' } });
  });
  const c = client(s.fetch);
  const t0 = Date.now();
  await assert.rejects(c.webhooks.create(WEBHOOK), (e) => e.status === 429 && e.retryAfterSeconds === 120 && e.code === 'rate_limited');
  assert.ok(Date.now() - t0 < 1000);
  await assert.rejects(c.webhooks.update({ webhookId: 'whk_1', enabled: false }), (e) => e.status === 409 && e.code === 'conflict');
  assert.equal(s.api().length, 2);
});

test('PATCH without a key is not replayed after a 5xx; with idempotencyKey it is', async () => {
  let n = 0;
  const s = scripted((call) => (call.path === '/auth/token' ? undefined : ++n <= 2 ? json(503, {}) : json(200, { id: 'whk_1' })));
  const c = client(s.fetch);
  await assert.rejects(c.webhooks.update({ webhookId: 'whk_1', enabled: false }), (e) => e.status === 503);
  assert.equal(s.api().length, 1);
  assert.equal(s.api()[0].headers['Idempotency-Key'], undefined);
  const w = await c.webhooks.update({ webhookId: 'whk_1', enabled: false }, { idempotencyKey: 'patch-1' });
  assert.equal(w.id, 'whk_1');
  assert.deepEqual(s.api().slice(1).map((x) => x.headers['Idempotency-Key']), ['patch-1', 'patch-1']);
});

test('network errors are retried, then OmsConnectionError code network', async () => {
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    throw new TypeError('fetch failed');
  });
  const c = client(s.fetch);
  await assert.rejects(c.customers.get('cst_1'), (e) => {
    assert.ok(e instanceof OmsConnectionError);
    assert.equal(e.code, 'network');
    assert.equal(e.attempts, 3);
    assert.match(e.message, /GET \/v0\.9\/customers\/cst_1/);
    return true;
  });
  assert.equal(s.api().length, 3);
});

test('timeouts: a hung fetch (even one ignoring its signal) gives OmsConnectionError timeout', async () => {
  let sawSignal;
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    sawSignal = call.signal;
    return new Promise(() => {}); // never settles, ignores the signal
  });
  const c = client(s.fetch, { timeoutMs: 50, maxRetries: 1 });
  const t0 = Date.now();
  await assert.rejects(c.customers.get('cst_1'), (e) => e instanceof OmsConnectionError && e.code === 'timeout' && e.attempts === 2);
  assert.ok(Date.now() - t0 < 2000);
  assert.equal(sawSignal.aborted, true, 'the AbortController was aborted');
  // per-request override, and a slow body read counts too
  const s2 = scripted((call) =>
    call.path === '/auth/token'
      ? undefined
      : new Response(new ReadableStream({ start(ctl) { ctl.enqueue(new TextEncoder().encode('{"id":')); } }), { status: 200 }),
  );
  const c2 = client(s2.fetch);
  await assert.rejects(c2.customers.get('cst_1', { timeoutMs: 80, maxRetries: 0 }), (e) => e.code === 'timeout');
});

test("the fetch's signal: read early, late, through new Request(url, init) or a spread, or never, it is the attempt's", async () => {
  // `init.signal` is a getter (made only when a fetch reads it): each way a fetch may read it
  // sees the same signal, aborted by the timeout.
  const seen = {};
  const s = scripted(async (call) => {
    if (call.path === '/auth/token') return undefined;
    return new Promise(() => {}); // hangs; the attempt times out
  });
  const spying = async (url, init) => {
    const path = url.slice(BASE.length);
    if (path === '/customers/request') seen.request = new Request(url, init).signal;
    if (path === '/customers/spread') seen.spread = { ...init }.signal;
    if (path === '/customers/late') setTimeout(() => (seen.late = init.signal), 120);
    if (path === '/customers/never') seen.keys = Object.keys(init);
    return s.fetch(url, path === '/customers/never' ? { method: init.method, headers: init.headers } : init);
  };
  const c = client(spying, { timeoutMs: 40, maxRetries: 0 });
  for (const id of ['request', 'spread', 'late', 'never']) {
    await assert.rejects(c.customers.get(id), (e) => e instanceof OmsConnectionError && e.code === 'timeout', id);
  }
  await sleep(150);
  assert.equal(seen.request.aborted, true, 'new Request(url, init) carries the signal, aborted by the timeout');
  assert.equal(seen.spread.aborted, true, 'a spread copy of init carries the signal');
  assert.ok(seen.late instanceof AbortSignal && seen.late.aborted, 'read after the timeout: already aborted');
  assert.deepEqual(seen.keys.sort(), ['headers', 'method', 'redirect', 'signal'], 'signal is an enumerable key of init');
});

test('a streamed body (bytes, decoded by the core) and a text() body give the same answers, invalid UTF-8 and BOMs included', async () => {
  const enc = new TextEncoder();
  const bodies = [
    enc.encode('{"id":"cst_1","firstName":"Zoë","lastName":"Ōtsuka 🙂"}'),
    Uint8Array.of(0xef, 0xbb, 0xbf, ...enc.encode('{"id":"cst_bom"}')), // one leading BOM is removed
    Uint8Array.of(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...enc.encode('{"id":"cst_2bom"}')), // only one
    Uint8Array.of(...enc.encode('{"id":"cst_'), 0xff, 0xfe, ...enc.encode('x","lastName":"'), 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82, ...enc.encode('"}')),
    Uint8Array.of(...enc.encode('{"id":"cst_3","firstName":"'), 0xf0, 0x9f, 0x99, ...enc.encode('"}')), // a truncated 4-byte sequence
    Uint8Array.of(0xf4, 0x90, 0x80, 0x80, 0xf8, 0x80), // out of range, not JSON
    new Uint8Array(0),
  ];
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < 40; i++) {
    const b = enc.encode(`{"id":"cst_r${i}","firstName":"é`);
    const junk = Array.from({ length: 1 + Math.floor(rand() * 12) }, () => Math.floor(rand() * 256));
    bodies.push(Uint8Array.of(...b, ...junk, ...enc.encode('"}')));
  }
  const answer = async (p) => {
    try {
      return { ok: await p };
    } catch (e) {
      return { code: e.code, status: e.status, message: e.message.replace(/req_[\w-]+/g, 'req'), body: e.body };
    }
  };
  for (const [i, bytes] of bodies.entries()) {
    // the stream in random chunks, split inside multi-byte sequences too
    const chunks = [];
    for (let at = 0; at < bytes.length; ) {
      const n = 1 + Math.floor(rand() * 7);
      chunks.push(bytes.slice(at, at + n));
      at += n;
    }
    const streamed = () => new Response(new ReadableStream({ start(c) { for (const x of chunks) c.enqueue(x); c.close(); } }), { status: 200, headers: { 'content-type': 'application/json' } });
    const text = new TextDecoder().decode(bytes);
    const textOnly = () => ({ status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: undefined, text: async () => text });
    for (const make of [streamed, textOnly]) assert.ok(make());
    const viaBytes = client(scripted((call) => (call.path === '/auth/token' ? undefined : streamed())).fetch);
    const viaText = client(scripted((call) => (call.path === '/auth/token' ? undefined : textOnly())).fetch);
    assert.deepEqual(await answer(viaBytes.customers.get('cst_1')), await answer(viaText.customers.get('cst_1')), `body ${i} through customers.get`);
    assert.deepEqual(await answer(viaBytes.request('GET', '/customers/cst_1')), await answer(viaText.request('GET', '/customers/cst_1')), `body ${i} through request (raw)`);
  }
});

test('response headers reach the core from a real Headers, from an object with get() only, and from a plain record', async () => {
  // the transport reads a real Headers in one pass and anything else name by name (or hands it to
  // the core as it is): the request id of an error comes through each way
  const headerObjects = {
    headers: () => new Headers({ 'content-type': 'application/json', 'X-Request-Id': 'req_h' }),
    getOnly: () => ({ get: (n) => ({ 'content-type': 'application/json', 'x-request-id': 'req_h' })[n] ?? null }),
    record: () => ({ 'content-type': 'application/json', 'x-request-id': 'req_h' }),
  };
  for (const [kind, make] of Object.entries(headerObjects)) {
    const s = scripted((call) =>
      call.path === '/auth/token' ? undefined : { status: 404, headers: make(), body: undefined, text: async () => '{"error":{"code":"not_found"}}' },
    );
    await assert.rejects(client(s.fetch).customers.get('cst_1'), (e) => {
      assert.ok(e instanceof OmsApiError, kind);
      assert.equal(e.status, 404, kind);
      assert.equal(e.requestId, 'req_h', kind);
      return true;
    });
  }
});

test('caller aborts: before, during the request and during a backoff wait give code aborted', async () => {
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    if (call.path === '/customers/slow') return new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    return json(503, {});
  });
  const c = client(s.fetch);
  const pre = AbortSignal.abort();
  await assert.rejects(c.customers.get('cst_1', { signal: pre }), (e) => e instanceof OmsConnectionError && e.code === 'aborted');
  assert.equal(s.calls.length, 0, 'nothing sent for an aborted signal');

  const ac = new AbortController();
  const p = c.customers.get('slow', { signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(p, (e) => e.code === 'aborted');

  const ac2 = new AbortController();
  const t0 = Date.now();
  const p2 = c.customers.get('cst_1', { signal: ac2.signal, maxRetries: 5 });
  setTimeout(() => ac2.abort(), 100);
  await assert.rejects(p2, (e) => e.code === 'aborted');
  assert.ok(Date.now() - t0 < 3000, 'the backoff wait ends on abort');
});

test('caller aborts with a cached token: an aborted signal sends nothing, an abort during a request aborts its fetch, a Retry-After wait ends on abort', async () => {
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    if (call.path === '/customers/hang') return new Promise(() => {}); // ignores its signal
    if (call.path === '/customers/later') return json(503, {}, { 'retry-after': '30' });
    return json(200, { id: 'cst_1' });
  });
  const c = client(s.fetch);
  await c.customers.get('cst_1'); // the token is cached from here on
  const sent = s.api().length;
  await assert.rejects(c.customers.get('cst_1', { signal: AbortSignal.abort() }), (e) => e instanceof OmsConnectionError && e.code === 'aborted');
  assert.equal(s.api().length, sent, 'nothing sent for an aborted signal');

  const ac = new AbortController();
  const p = c.customers.get('hang', { signal: ac.signal, maxRetries: 0 });
  setTimeout(() => ac.abort(), 50);
  await assert.rejects(p, (e) => e instanceof OmsConnectionError && e.code === 'aborted');
  const hung = s.api().at(-1);
  assert.equal(hung.path, '/customers/hang');
  assert.equal(hung.signal.aborted, true, "the caller's abort aborts the fetch in flight");

  const ac2 = new AbortController();
  const t0 = Date.now();
  const p2 = c.customers.get('later', { signal: ac2.signal, maxRetries: 2 });
  setTimeout(() => ac2.abort(), 100);
  await assert.rejects(p2, (e) => e.code === 'aborted');
  assert.ok(Date.now() - t0 < 10_000, 'the 30 s Retry-After wait ends on abort');
});

test('redirect-shaped and oversized answers from any fetch are refused unread', async () => {
  const MAX = 32 * 1024 * 1024;
  const never = () => new ReadableStream({ pull: () => new Promise(() => {}) }); // a body that never ends
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    // a browser's `redirect: 'manual'` answer: status 0, type opaqueredirect, no body
    if (call.path === '/customers/opaque') return { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null, text: async () => '' };
    // a 3xx whose body never ends: refused without reading it (no wait for the timeout)
    if (call.path === '/customers/moved') return new Response(never(), { status: 302, headers: { location: 'https://evil.test/' } });
    // a test double with text() only, over the cap
    if (call.path === '/customers/huge') return { status: 200, headers: new Headers(), body: undefined, text: async () => 'x'.repeat(MAX + 1) };
    return json(200, { id: 'cst_1' });
  });
  const c = client(s.fetch, { timeoutMs: 2000, maxRetries: 0 });
  await assert.rejects(c.customers.get('opaque'), (e) => e instanceof OmsApiError && e.code === 'redirect_refused' && e.status === 0);
  await assert.rejects(c.customers.get('moved'), (e) => e instanceof OmsApiError && e.code === 'redirect_refused' && e.status === 302);
  await assert.rejects(c.customers.get('huge'), (e) => e instanceof OmsApiError && e.code === 'response_too_large' && e.status === 200);
  assert.equal((await c.customers.get('cst_1')).id, 'cst_1', 'the instance keeps working');
});

test('hooks see method, url, status, attempt, elapsed, request id — and a throwing hook changes nothing', async () => {
  const seen = [];
  let n = 0;
  const s = scripted((call) => (call.path === '/auth/token' ? undefined : ++n === 1 ? json(500, {}) : okWebhook()));
  const c = client(s.fetch, {
    onRequest(info) {
      seen.push(['req', info]);
      throw new Error('hook bug');
    },
    onResponse: async (info) => {
      seen.push(['res', info]);
      throw new Error('async hook bug'); // a rejected promise: must not become an unhandled rejection
    },
  });
  const unhandled = [];
  const onUnhandled = (e) => unhandled.push(e);
  process.on('unhandledRejection', onUnhandled);
  await c.webhooks.create(WEBHOOK);
  await sleep(20);
  process.off('unhandledRejection', onUnhandled);
  assert.deepEqual(unhandled, []);
  const res = seen.filter(([k]) => k === 'res').map(([, i]) => i);
  assert.deepEqual(res.map((i) => [i.operation, i.method, i.status, i.attempt]), [
    ['auth.token', 'POST', 200, 1],
    ['webhooks.create', 'POST', 500, 1],
    ['webhooks.create', 'POST', 201, 2],
  ]);
  for (const [kind, info] of seen) {
    const allowed = kind === 'req' ? ['operation', 'method', 'url', 'attempt'] : ['operation', 'method', 'url', 'attempt', 'elapsedMs', 'status', 'requestId', 'error'];
    for (const k of Object.keys(info)) assert.ok(allowed.includes(k), `${kind} hook got ${k}`);
    assert.equal(typeof info.url, 'string');
    const text = JSON.stringify(info);
    assert.ok(!text.includes(SECRET) && !text.includes('eyJ'), 'no secret or token in hooks');
  }
});

test("onResponse's elapsedMs is the request's time: a slow onRequest hook is not in it, a slow fetch is", async () => {
  const busy = (ms) => {
    const end = Date.now() + ms;
    while (Date.now() < end);
  };
  const elapsed = [];
  const s = scripted(async (call) => {
    if (call.path === '/auth/token') return undefined;
    if (call.path === '/customers/slow') await sleep(80);
    return json(200, { id: 'cst_1' });
  });
  const c = client(s.fetch, {
    onRequest: (info) => info.operation === 'customers.get' && busy(80),
    onResponse: (info) => info.operation === 'customers.get' && elapsed.push(info.elapsedMs),
  });
  await c.customers.get('cst_1');
  await c.customers.get('slow');
  assert.equal(elapsed.length, 2);
  assert.ok(elapsed[0] < 60, `a fast fetch after an 80 ms onRequest hook took ${elapsed[0]} ms`);
  assert.ok(elapsed[1] >= 70, `a fetch that answers after 80 ms took ${elapsed[1]} ms`);
});

test('tokenStore: a stored token is used; a new token is stored; a failing store is ignored', async () => {
  const stored = { accessToken: 'eyJstored.a.b', expiresAt: Date.now() + 3_600_000 };
  const s = scripted((call) => (call.path === '/auth/token' ? undefined : json(200, { id: 'cst_1' })));
  const store = { gets: 0, sets: [], async get() { this.gets++; return stored; }, async set(t) { this.sets.push(t); } };
  const c = client(s.fetch, { tokenStore: store });
  await c.customers.get('cst_1');
  assert.equal(s.exchanges(), 0);
  assert.equal(s.api()[0].headers.Authorization, 'Bearer eyJstored.a.b');

  const empty = { sets: [], get: async () => null, async set(t) { this.sets.push(t); } };
  const c2 = client(s.fetch, { tokenStore: empty });
  await c2.customers.get('cst_1');
  assert.equal(s.exchanges(), 1);
  assert.equal(empty.sets.length, 1);
  assert.match(empty.sets[0].accessToken, /^eyJ/);
  assert.ok(Math.abs(empty.sets[0].expiresAt - (Date.now() + 3_600_000)) < 10_000);

  const broken = { get: async () => { throw new Error('KV down'); }, set: () => { throw new Error('KV down'); } };
  const c3 = client(s.fetch, { tokenStore: broken });
  assert.equal((await c3.customers.get('cst_1')).id, 'cst_1');

  const expired = { get: async () => ({ accessToken: 'eyJold.a.b', expiresAt: new Date(Date.now() - 1000).toISOString() }), set: async () => {} };
  const c4 = client(s.fetch, { tokenStore: expired });
  await c4.customers.get('cst_1');
  assert.equal(s.exchanges(), 3, 'an expired stored token is not used');
});

test('lists: await gives the first page, for await walks every page via nextCursor/cursor', async () => {
  const pages = {
    '': { data: [{ id: 'cst_1' }, { id: 'cst_2' }], hasMore: true, nextCursor: 'c2' },
    c2: { data: [{ id: 'cst_3' }], hasMore: true, cursor: 'c3' },
    c3: { data: [{ id: 'cst_4' }], hasMore: false },
  };
  const s = scripted((call) => {
    if (call.path === '/auth/token') return undefined;
    const u = new URL(call.url);
    if (u.pathname.endsWith('/cash-locations')) return json(200, { data: [{ id: 'loc_1' }], hasMore: true, nextCursor: 'zzz' });
    return json(200, pages[u.searchParams.get('startingAfter') ?? '']);
  });
  const c = client(s.fetch);
  const first = await c.customers.list({ limit: 2 });
  assert.deepEqual(first.data.map((x) => x.id), ['cst_1', 'cst_2']);
  assert.equal(first.nextCursor, 'c2');
  const ids = [];
  for await (const cst of c.customers.list({ limit: 2 })) ids.push(cst.id);
  assert.deepEqual(ids, ['cst_1', 'cst_2', 'cst_3', 'cst_4']);
  const urls = s.api().slice(1).map((x) => new URL(x.url).search);
  assert.deepEqual(urls, ['?limit=2', '?limit=2&startingAfter=c2', '?limit=2&startingAfter=c3']);
  let n = 0;
  for await (const page of c.customers.list().pages()) n += page.data.length;
  assert.equal(n, 4);
  // a list without paging params is one page even if the server sends a cursor
  const locs = [];
  for await (const l of c.cashLocations.list({ provider: 'pcs', latitude: 40.7, longitude: -74 })) locs.push(l.id);
  assert.deepEqual(locs, ['loc_1']);
  // awaited, then iterated: the first page is requested once
  const before1 = s.api().length;
  const once = c.customers.list({ limit: 2 });
  assert.equal((await once).data.length, 2);
  const again = [];
  for await (const cst of once) again.push(cst.id);
  assert.deepEqual(again, ['cst_1', 'cst_2', 'cst_3', 'cst_4']);
  assert.equal(s.api().length - before1, 3, 'three pages, three requests');
  // unawaited lists send nothing
  const before = s.calls.length;
  c.customers.list();
  await sleep(5);
  assert.equal(s.calls.length, before);
});

test('lists: a cursor the server already gave ends the iteration (no endless pagination loop)', async () => {
  // the server repeats a cursor: the same one forever, or a cycle a -> b -> a
  for (const [pages, wantUrls] of [
    [{ '': 'a', a: 'a' }, ['', '?startingAfter=a']],
    [{ '': 'a', a: 'b', b: 'a' }, ['', '?startingAfter=a', '?startingAfter=b']],
  ]) {
    const s = scripted((call) => {
      if (call.path === '/auth/token') return undefined;
      const at = new URL(call.url).searchParams.get('startingAfter') ?? '';
      return json(200, { data: [{ id: `cst_${at || 'first'}` }], hasMore: true, nextCursor: pages[at] });
    });
    const c = client(s.fetch);
    const ids = [];
    // bounded here so that a missing guard fails the assertion instead of hanging the test
    for await (const cst of c.customers.list()) {
      ids.push(cst.id);
      if (ids.length > 20) break;
    }
    assert.deepEqual(s.api().map((x) => new URL(x.url).search), wantUrls);
    assert.equal(ids.length, wantUrls.length, `one page per distinct cursor: ${ids}`);
    let n = 0;
    for await (const page of c.customers.list().pages()) if (++n > 20) break;
    assert.equal(n, wantUrls.length);
  }
});

test('lists: iteration stops at hasMore false, an empty or missing cursor, an empty page; endingBefore is dropped', async () => {
  for (const [last, why] of [
    [{ data: [{ id: 'cst_2' }], hasMore: false, nextCursor: 'c3' }, 'hasMore false despite a cursor'],
    [{ data: [{ id: 'cst_2' }], hasMore: true, nextCursor: '' }, 'an empty cursor'],
    [{ data: [{ id: 'cst_2' }], hasMore: true }, 'no cursor'],
    [{ data: [], hasMore: true, nextCursor: 'c3' }, 'an empty page'],
  ]) {
    const s = scripted((call) => {
      if (call.path === '/auth/token') return undefined;
      const at = new URL(call.url).searchParams.get('startingAfter');
      if (at === null) return json(200, { data: [{ id: 'cst_1' }], hasMore: true, nextCursor: 'c2' });
      if (at === 'c2') return json(200, last);
      return json(200, { data: [{ id: 'cst_never' }], hasMore: false });
    });
    const ids = [];
    for await (const cst of client(s.fetch).customers.list({ endingBefore: 'cst_9', limit: 1 })) {
      ids.push(cst.id);
      if (ids.length > 10) break;
    }
    assert.deepEqual(ids, ['cst_1', ...last.data.map((x) => x.id)], why);
    // the first page as asked; the next one after the cursor only (endingBefore would contradict it)
    assert.deepEqual(s.api().map((x) => new URL(x.url).search), ['?limit=1&endingBefore=cst_9', '?limit=1&startingAfter=c2'], why);
  }
});

test('large responses (a 100-item page is well over 64 KiB) are read whole', async () => {
  const data = Array.from({ length: 100 }, (_, i) => ({ id: `cst_${i}`, object: 'customer', firstName: 'x'.repeat(2000) }));
  const s = scripted((call) => (call.path === '/auth/token' ? undefined : json(200, { data, hasMore: false })));
  const page = await client(s.fetch).customers.list({ limit: 100 });
  assert.equal(page.data.length, 100);
  assert.equal(page.data[99].firstName.length, 2000);
});

test('request(method, path, options): the raw escape hatch', async () => {
  const s = scripted((call) => (call.path === '/auth/token' ? undefined : call.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { ok: true, echo: call.body ?? null })));
  const c = client(s.fetch);
  assert.deepEqual(await c.request('GET', '/customers', { query: { email: 'a@b.co', limit: 5 } }), { ok: true, echo: null });
  const r = await c.request('post', '/virtual-accounts', { body: { rail: 'ach' } });
  assert.equal(r.echo, '{"rail":"ach"}');
  assert.equal(await c.request('DELETE', '/webhooks/whk_1'), null);
  const [get, post] = s.api();
  assert.equal(get.url, `${BASE}/customers?email=a%40b.co&limit=5`);
  assert.match(post.headers['Idempotency-Key'], /^[0-9a-f-]{36}$/);
  await assert.rejects(c.request('GET', 'https://evil.example/'), (e) => e instanceof OmsValidationError && e.issues[0].path[0] === 'path');
  await assert.rejects(c.request('PUT', '/x'), (e) => e instanceof OmsValidationError && e.issues[0].path[0] === 'method');
});

test('secrets never appear in JSON.stringify, inspect, errors or error bodies', async () => {
  const s = scripted((call) =>
    call.path === '/auth/token' ? undefined : json(400, { error: { code: 'bad', message: `rejected ${SECRET} and ${call.headers.Authorization}` } }),
  );
  const c = client(s.fetch);
  await assert.rejects(c.customers.get('cst_1'), (e) => {
    const text = `${e.message} ${JSON.stringify(e.body)} ${e.stack} ${inspect(e)}`;
    assert.ok(!text.includes(SECRET), text);
    assert.ok(!text.includes('tok1.sig'), text);
    assert.match(e.message, /\[redacted\]/);
    return true;
  });
  const text = `${JSON.stringify(c)} ${inspect(c, { depth: 5 })} ${String(c)}`;
  assert.ok(!text.includes(SECRET) && !text.includes('eyJ') && !text.includes(KEY), text);
  const facts = c.toJSON();
  assert.equal(facts.apiKey, 'sk_sdbx_…');
  assert.equal(facts.hasToken, true);
  assert.equal(facts.timeoutMs, 30000);
  assert.equal(facts.maxRetries, 2);
});

test('constructor options are checked; the error never echoes them', () => {
  const bad = [
    undefined,
    null,
    'sk_sdbx_x',
    {},
    { apiKey: KEY },
    { apiKey: KEY, apiSecret: '' },
    { apiKey: KEY, apiSecret: SECRET, timeoutMs: 0 },
    { apiKey: KEY, apiSecret: SECRET, maxRetries: 11 },
    { apiKey: KEY, apiSecret: SECRET, fetch: 'no' },
    { apiKey: KEY, apiSecret: SECRET, tokenStore: {} },
    { apiKey: KEY, apiSecret: SECRET, environment: 'staging' },
    { apiKey: KEY, apiSecret: SECRET, baseUrl: 'ftp://x' },
    { apiKey: KEY, apiSecret: SECRET, baseUrl: BASE, environment: 'sandbox' },
    { apiKey: KEY, apiSecret: SECRET, apisecret: SECRET },
  ];
  for (const o of bad) {
    assert.throws(() => new OmsClient(o), (e) => {
      assert.ok(e instanceof OmsValidationError, `${inspect(o)}: ${e}`);
      assert.ok(Array.isArray(e.issues) && e.issues.length > 0);
      assert.ok(!JSON.stringify(e.issues).includes(SECRET) && !e.message.includes(SECRET));
      return true;
    });
  }
  const c = new OmsClient({ apiKey: KEY, apiSecret: SECRET, environment: 'production' });
  assert.equal(c.toJSON().baseUrl, 'https://api.polygon.technology/v0.9');
  assert.equal(new OmsClient({ apiKey: KEY, apiSecret: SECRET }).toJSON().baseUrl, 'https://sandbox-api.polygon.technology/v0.9');
});

test('junk into every method rejects with an OmsError and the instance keeps working', async () => {
  const s = scripted((call) => (call.path === '/auth/token' ? undefined : json(200, { id: 'cst_1' })));
  const c = client(s.fetch);
  const junk = [undefined, null, 0, NaN, -1, 'x'.repeat(100_000), '\uD800', [], [[[]]], { __proto__: null }, Symbol('s'), 10n, () => {}, new Date(), new Map(), { customerId: { toString() { throw new Error('x'); } } }];
  const methods = [
    (j) => c.customers.create(j),
    (j) => c.customers.get(j),
    (j) => c.customers.update(j),
    (j) => c.wallets.balance(j),
    (j) => c.quotes.create(j),
    (j) => c.cashIns.create(j),
    (j) => c.webhooks.update(j),
    (j) => c.sandbox.cashIns.authCommit(j),
    (j) => c.customers.get('cst_1', j),
    (j) => c.call(j, j, j),
    (j) => c.request(j, j, j),
    (j) => c.request('GET', '/x', { query: j, body: j }),
  ];
  for (const m of methods) {
    for (const j of junk) {
      try {
        await m(j);
      } catch (e) {
        assert.ok(e instanceof OmsError, `not an OmsError: ${e}`);
      }
    }
  }
  assert.equal((await c.customers.get('cst_1')).id, 'cst_1');
});

test('in a browser page the constructor refuses credentials unless dangerouslyAllowBrowser', () => {
  const pkg = fileURLToPath(new URL('../node_modules/oms-wasm/index.node.mjs', import.meta.url));
  const script = `
    globalThis.window = globalThis; globalThis.document = {};
    const { OmsClient } = await import(${JSON.stringify(pkg)});
    const out = {};
    try { new OmsClient({ apiKey: 'sk_sdbx_a', apiSecret: 'shh-secret-value' }); out.refused = false; }
    catch (e) { out.refused = true; out.name = e.name; out.code = e.code; out.message = e.message; }
    out.allowed = !!new OmsClient({ apiKey: 'sk_sdbx_a', apiSecret: 'shh-secret-value', dangerouslyAllowBrowser: true });
    delete globalThis.document;
    out.worker = !!new OmsClient({ apiKey: 'sk_sdbx_a', apiSecret: 'shh-secret-value' });
    console.log(JSON.stringify(out));`;
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
  assert.equal(out.refused, true);
  assert.equal(out.name, 'OmsError');
  assert.equal(out.code, 'browser_not_allowed');
  assert.match(out.message, /apiSecret/);
  assert.match(out.message, /server or an edge function/);
  assert.match(out.message, /dangerouslyAllowBrowser: true/);
  assert.ok(!out.message.includes('shh-secret-value'));
  assert.equal(out.allowed, true);
  assert.equal(out.worker, true, 'a worker (no document) is not a browser page');
});

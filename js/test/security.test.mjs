// Security regressions of the built package, tried as an attacker would against loopback servers:
// redirects never followed (Node, workerd, Deno; a second server must receive nothing), token
// responses never leaking into errors, credentials scrubbed from parsed error bodies and request
// ids, hooks without query values, capped response bodies, http only to loopback, and the webhook
// edge cases (short secrets, lone surrogates, oversize headers).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import {
  OmsApiError,
  OmsClient,
  OmsValidationError,
  buildRequest,
  parseResponse,
  signWebhook,
  verifyWebhook,
  verifyWebhookSignature,
} from 'oms-wasm';
import { startHostileServers } from './support/hostile-servers.mjs';
import { SECRET, redirectScenarios } from './support/redirect-scenarios.mjs';
import { startWorker } from './support/workerd.mjs';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJlX3ZhbHVl';
let srv;
before(async () => {
  srv = await startHostileServers();
});
after(async () => {
  await srv?.close();
});

/** Checks the results of redirectScenarios (any runtime) and the servers' logs. */
function checkRedirects(r, runtime) {
  for (const [name, status] of [['token307', 307], ['post302', 302], ['get301', 301]]) {
    const o = r[name];
    assert.equal(o.ok, false, `${runtime} ${name}: followed the redirect and got ${JSON.stringify(o.value)}`);
    assert.deepEqual([o.name, o.code, o.status], ['OmsApiError', 'redirect_refused', status], `${runtime} ${name}: ${o.message}`);
    assert.ok(o.message.includes(srv.evilBase), `${runtime} ${name}: the message names the Location origin: ${o.message}`);
    assert.ok(!o.text.includes(SECRET) && !o.text.includes(JWT), `${runtime} ${name}: a credential in the error`);
  }
  assert.deepEqual(srv.evilRequests(), [], `${runtime}: the second origin received requests`);
  // never retried: one attempt per redirect (the token exchange succeeds in the last two)
  const oms = srv.omsRequests().map((x) => `${x.method} ${x.url}`);
  assert.deepEqual(oms, [
    'POST /v0.9/auth/token',
    'POST /v0.9/auth/token',
    'POST /v0.9/customers/cst_1/wallets',
    'POST /v0.9/auth/token',
    'GET /v0.9/customers/cst_1',
  ], runtime);
}

test('Node: redirects are never followed (307 on the token exchange, 302 on a POST, 301 on a GET)', async () => {
  srv.requests.length = 0;
  const set = async (on) => {
    srv.state.redirectToken = on;
  };
  checkRedirects(await redirectScenarios(OmsClient, srv.omsBase, set), 'node');
});

test('Node: a custom fetch that follows redirects anyway is refused (response.redirected)', async () => {
  const fetchFollowing = async (url, init) => {
    assert.equal(init.redirect, 'manual');
    const res = await fetch(url, { ...init, redirect: 'follow' });
    return res;
  };
  srv.requests.length = 0;
  srv.state.redirectToken = true;
  const c = new OmsClient({ apiKey: 'sk_sdbx_k', apiSecret: SECRET, baseUrl: srv.omsBase, fetch: fetchFollowing, maxRetries: 0 });
  await assert.rejects(c.customers.get('cst_2'), (e) => e instanceof OmsApiError && e.code === 'redirect_refused');
  srv.state.redirectToken = false;
  // (the secret did reach the evil server through this fetch: only the answer is refused)
  assert.equal(JSON.parse(JSON.stringify(c)).hasToken, false);
});

test('workerd: redirects are never followed', async () => {
  srv.requests.length = 0;
  const mf = await startWorker(fileURLToPath(new URL('./support/redirect-worker.mjs', import.meta.url)));
  try {
    const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify({ omsBase: srv.omsBase, control: srv.control }) });
    checkRedirects(await res.json(), 'workerd');
  } finally {
    await mf.dispose();
  }
});

test('Deno: redirects are never followed', async () => {
  const js = fileURLToPath(new URL('..', import.meta.url));
  const deno = join(js, 'node_modules', '.bin', 'deno');
  assert.ok(existsSync(deno), `the deno binary (npm dev dependency) is missing at ${deno}: run npm ci in js/`);
  const project = mkdtempSync(join(tmpdir(), 'oms-deno-redirect-'));
  try {
    writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', dependencies: { 'oms-wasm': '*' } }));
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(join(js, 'node_modules', 'oms-wasm'), join(project, 'node_modules', 'oms-wasm'), 'dir');
    for (const f of ['redirect-deno.mjs', 'redirect-scenarios.mjs']) copyFileSync(join(js, 'test', 'support', f), join(project, f));
    srv.requests.length = 0;
    const { stdout } = await promisify(execFile)(
      deno,
      ['run', '--quiet', '--no-prompt', '--allow-read', '--allow-net=127.0.0.1', '--allow-env=OMS_BASE,CONTROL', 'redirect-deno.mjs'],
      { cwd: project, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', OMS_BASE: srv.omsBase, CONTROL: srv.control }, timeout: 60_000 },
    );
    checkRedirects(JSON.parse(stdout.trim().split('\n').at(-1)), 'deno');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('a malformed token response never puts the new token into the error (client and parseResponse)', async () => {
  const bodies = [
    JSON.stringify({ accessToken: JWT, tokenType: 'bearer', expiresIn: '3600' }),
    JSON.stringify({ accessToken: JWT, tokenType: 'bearer', expiresIn: 1.5 }),
    JSON.stringify({ accessToken: JWT, tokenType: 'bearer', expiresIn: 3600 }).slice(0, 60),
    `{"accessToken":"${JWT}","expiresIn":"x","nested":{"refresh_token":"opaque-refresh-123456"}}`,
  ];
  for (const body of bodies) {
    const fetch = async () => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    const c = new OmsClient({ apiKey: 'sk_sdbx_k', apiSecret: SECRET, baseUrl: 'https://oms.test/v0.9', fetch, maxRetries: 0 });
    let err;
    await c.customers.get('cst_1').catch((e) => {
      err = e;
    });
    assert.ok(err instanceof OmsApiError, `no error for ${body}`);
    assert.equal(err.code, 'invalid_response', body);
    let parsed;
    try {
      parseResponse('auth.token', 200, body);
    } catch (e) {
      parsed = e;
    }
    assert.equal(parsed?.code, 'invalid_response', body);
    for (const e of [err, parsed]) {
      const shown = JSON.stringify(e) + inspect(e, { depth: 5 }) + String(e.stack) + JSON.stringify(e.body);
      assert.ok(!shown.includes(JWT) && !shown.includes('opaque-refresh-123456'), `token leaked: ${shown}`);
    }
  }
});

test('error bodies, messages and request ids are scrubbed of credentials, also behind JSON escapes', async () => {
  const escaped = SECRET.replace(/_/g, '\\u005f');
  const fetch = async (url) => {
    if (url.endsWith('/auth/token')) return new Response(JSON.stringify({ accessToken: JWT, tokenType: 'bearer', expiresIn: 3600 }), { status: 200 });
    return new Response(`{"error":{"code":"bad","message":"echo ${escaped}"},"echo":"${escaped}","token":"${JWT}","${escaped}":1}`, {
      status: 400,
      headers: { 'content-type': 'application/json', 'x-request-id': SECRET },
    });
  };
  const hooks = [];
  const c = new OmsClient({ apiKey: 'sk_sdbx_k', apiSecret: SECRET, baseUrl: 'https://oms.test/v0.9', fetch, onResponse: (i) => hooks.push(i) });
  let err;
  await c.customers.get('cst_1').catch((e) => {
    err = e;
  });
  assert.equal(err?.code, 'bad_request');
  const shown = JSON.stringify(err) + inspect(err, { depth: 6 }) + JSON.stringify(err.body) + JSON.stringify(hooks);
  assert.ok(!shown.includes(SECRET) && !shown.includes(JWT), `credential leaked: ${shown}`);
  assert.equal(err.requestId, undefined);
  assert.ok(hooks.every((h) => h.requestId === undefined));
  assert.equal(err.body.echo, '[redacted]');
});

test('hook payloads carry the path and the query parameter names, never query values', async () => {
  const fetch = async (url) => {
    if (url.endsWith('/auth/token')) return new Response(JSON.stringify({ accessToken: JWT, tokenType: 'bearer', expiresIn: 3600 }), { status: 200 });
    return new Response('{"data":[],"hasMore":false}', { status: 200, headers: { 'x-request-id': 'req_42' } });
  };
  const seen = [];
  const c = new OmsClient({ apiKey: 'sk_sdbx_k', apiSecret: SECRET, baseUrl: 'https://oms.test/v0.9', fetch, onRequest: (i) => seen.push(i), onResponse: (i) => seen.push(i) });
  await c.customers.list({ email: 'alice.private@example.com', externalId: 'user-secret-77' });
  await c.request('GET', '/customers', { query: { email: 'bob.private@example.com' } });
  const text = JSON.stringify(seen);
  assert.ok(!text.includes('alice') && !text.includes('user-secret-77') && !text.includes('bob.private'), text);
  const list = seen.filter((h) => h.operation === 'customers.list');
  assert.deepEqual(list[0].query, ['email', 'externalId']);
  assert.equal(list[0].url, 'https://oms.test/v0.9/customers');
  assert.ok(seen.some((h) => h.operation === 'GET /customers' && h.requestId === 'req_42'));
});

test('a response body over the cap is stopped at the cap and not retried', async () => {
  srv.requests.length = 0;
  srv.sent.big = 0;
  const c = new OmsClient({ apiKey: 'sk_sdbx_k', apiSecret: SECRET, baseUrl: srv.omsBase, maxRetries: 2, timeoutMs: 20_000 });
  await assert.rejects(c.customers.get('cst_big'), (e) => {
    assert.ok(e instanceof OmsApiError, String(e));
    assert.deepEqual([e.code, e.status], ['response_too_large', 200]);
    return true;
  });
  await assert.rejects(c.customers.get('cst_huge_length'), (e) => e.code === 'response_too_large');
  const gets = srv.omsRequests().filter((r) => r.method === 'GET').map((r) => r.url);
  assert.deepEqual(gets, ['/v0.9/customers/cst_big', '/v0.9/customers/cst_huge_length']);
  // stopped near the 32 MiB cap, not after the whole 40 MiB
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(srv.sent.big < 38 * 1024 * 1024, `the server sent ${srv.sent.big} bytes`);
});

test('plain http only to loopback hosts unless dangerouslyAllowInsecureHttp; a base URL without a version is completed', () => {
  const opts = { apiKey: 'sk_sdbx_k', apiSecret: SECRET, fetch: async () => new Response('{}') };
  for (const baseUrl of ['http://oms.example.com/v0.9', 'http://10.0.0.7:8787/v0.9', 'http://127.0.0.1.nip.io/v0.9']) {
    assert.throws(() => new OmsClient({ ...opts, baseUrl }), (e) => {
      assert.ok(e instanceof OmsValidationError, String(e));
      assert.deepEqual(e.issues.map((i) => i.path.join('.')), ['options.baseUrl']);
      assert.match(e.issues[0].message, /dangerouslyAllowInsecureHttp/);
      return true;
    }, baseUrl);
    assert.throws(() => buildRequest('auth.token', { apiKey: 'k', apiSecret: SECRET }, { baseUrl }), (e) => e.code === 'invalid_base_url');
  }
  for (const baseUrl of ['http://127.0.0.1:9/v0.9', 'http://localhost:9/v0.9', 'http://[::1]:9/v0.9', 'https://oms.example.com/v0.9']) {
    assert.ok(new OmsClient({ ...opts, baseUrl }));
  }
  assert.ok(new OmsClient({ ...opts, baseUrl: 'http://10.0.0.7:8787/v0.9', dangerouslyAllowInsecureHttp: true }));
  assert.equal(JSON.parse(JSON.stringify(new OmsClient({ ...opts, baseUrl: 'http://127.0.0.1:8787' }))).baseUrl, 'http://127.0.0.1:8787/v0.9');
});

test('webhooks: keys under 16 bytes, lone-surrogate payloads and oversize headers have their own codes', () => {
  const secret = `whsec_${'ab'.repeat(32)}`;
  const body = '{"type":"cashIn.completed","data":{"id":"ci_1"}}';
  const now = 1_767_225_600;
  const h = signWebhook({ payload: body, secret, id: 'msg_1', timestamp: now });
  const code = (fn) => {
    try {
      fn();
      return 'no error';
    } catch (e) {
      return `${e.name}:${e.code}`;
    }
  };
  for (const weak of ['whsec_AA', 'whsec_c2hvcnQ=', 'short']) {
    assert.equal(code(() => verifyWebhook(body, h, weak, { now })), 'WebhookVerificationError:secret_too_short', weak);
    assert.equal(code(() => signWebhook({ payload: body, secret: weak })), 'WebhookVerificationError:secret_too_short', weak);
  }
  // a string with an unpaired surrogate is not a body as received; refused by both verifiers
  const lone = '{"type":"cashIn.completed","data":{"note":"\ud800"}}';
  const hl = signWebhook({ payload: new TextEncoder().encode(lone), secret, id: 'msg_2', timestamp: now });
  assert.equal(code(() => verifyWebhook(lone, hl, secret, { now })), 'WebhookVerificationError:invalid_payload');
  assert.equal(code(() => verifyWebhookSignature(lone, hl, secret, { now })), 'WebhookVerificationError:invalid_payload');
  // ...while the same text with a real U+FFFD verifies
  const fffd = lone.replace('\ud800', '\ufffd');
  assert.equal(verifyWebhook(fffd, hl, secret, { now }).data.note, '\ufffd');
  // a header over the cap is not "missing"
  for (const name of ['webhook-signature', 'webhook-id']) {
    const big = { ...h, [name]: `v1,${'A'.repeat(70_000)}` };
    assert.equal(code(() => verifyWebhook(body, big, secret, { now })), 'WebhookVerificationError:header_too_large', name);
    assert.equal(code(() => verifyWebhook(body, new Headers(big), secret, { now })), 'WebhookVerificationError:header_too_large', name);
  }
  assert.equal(verifyWebhook(body, h, secret, { now }).id, 'msg_1');
});

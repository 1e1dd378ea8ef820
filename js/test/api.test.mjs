// The request layer of the BUILT package in Node ESM: the shared golden vectors
// (tests/vectors/api, tests/vectors/responses — the same files cargo test runs natively), the
// Get-started requests as the guide documents them, errors as real classes with stable codes, and
// bad input of every type giving coded errors while the instance keeps working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as oms from 'oms-wasm';
import { buildCases, capture, responseCases, runAll } from './support/api-vectors.mjs';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzZWNyZXQtdG9rZW4ifQ.c2lnbmF0dXJl';

test('every golden request build and response parse (shared vectors)', () => {
  const { failures, count } = runAll(oms);
  assert.ok(count >= 150, `only ${count} cases`);
  assert.deepEqual(failures, [], `${failures.length}/${count} failed`);
});

test('every operation has a golden build and a parsed response example', () => {
  const ops = oms.operations();
  assert.equal(ops.length, 31);
  const builds = buildCases();
  const responses = responseCases();
  for (const op of ops) {
    assert.ok(builds.some((c) => c.operation === op && c.expect.url), `no golden build for ${op}`);
    assert.ok(responses.some((c) => c.operation === op && c.expect.ok), `no response example for ${op}`);
    const info = oms.describeOperation(op);
    assert.equal(info.name, op);
    assert.match(info.method, /^(GET|POST|PATCH|DELETE)$/);
    assert.equal(info.idempotencyKey, info.method === 'POST' && op !== 'auth.token');
  }
  assert.equal(oms.describeOperation('nope'), undefined);
  assert.equal(oms.describeOperation(42), undefined);
});

test('a generated Idempotency-Key is a fresh UUID v4 per build; a given one is sent as is', () => {
  const params = { customerId: 'cst_1', asset: 'usdc', chain: 'polygon' };
  const a = oms.buildRequest('wallets.create', params, { accessToken: TOKEN });
  const b = oms.buildRequest('wallets.create', params, { accessToken: TOKEN });
  assert.match(a.headers['Idempotency-Key'], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a.headers['Idempotency-Key'], b.headers['Idempotency-Key']);
  const c = oms.buildRequest('wallets.create', params, { accessToken: TOKEN, idempotencyKey: 'wlt-alice-001' });
  assert.equal(c.headers['Idempotency-Key'], 'wlt-alice-001');
  const get = oms.buildRequest('customers.get', { customerId: 'cst_1' }, { accessToken: TOKEN });
  assert.equal(get.headers['Idempotency-Key'], undefined);
});

test('path segments are percent-encoded; base URL from environment, apiVersion or baseUrl', () => {
  const r = oms.buildRequest('customers.get', { customerId: 'cst_a/b?c' }, { accessToken: TOKEN, baseUrl: 'http://127.0.0.1:8080/v0.13' });
  assert.equal(r.url, 'http://127.0.0.1:8080/v0.13/customers/cst_a%2Fb%3Fc');
  assert.equal(oms.buildRequest('quotes.get', { quoteId: 'qt_1' }, { accessToken: TOKEN, environment: 'production', apiVersion: 'v0.11' }).url, 'https://api.polygon.technology/v0.11/quotes/qt_1');
});

test('invalid params throw OmsValidationError with every issue, and nothing is built', () => {
  const r = capture(() => oms.buildRequest('customers.create', { firstName: 5, phone: '123', ssn: '123-45-6789' }, { accessToken: TOKEN }));
  assert.equal(r.threw, true);
  assert.equal(r.name, 'OmsValidationError');
  assert.equal(r.code, 'invalid_params');
  const codes = r.issues.map((i) => `${i.code}@${i.path.join('.')}`);
  assert.ok(codes.includes('invalid_type@firstName'), codes.join(' '));
  assert.ok(codes.some((c) => c.startsWith('unknown_key@ssn')), codes.join(' '));
  // Never stricter than the API: provisioning readiness is not an issue (it is in `warnings`
  // when the build succeeds; see readiness.test.mjs).
  assert.ok(!codes.some((c) => c.startsWith('required_for_fiat') || c.startsWith('recommended_for_fiat')), codes.join(' '));
  try {
    oms.buildRequest('customers.create', { firstName: 5 }, { accessToken: TOKEN });
  } catch (e) {
    assert.ok(e instanceof oms.OmsValidationError && e instanceof oms.OmsError && e instanceof Error);
  }
});

test('every build error code is a real OmsError (negative test per code)', () => {
  const cases = [
    ['unknown_operation', () => oms.buildRequest('customers.delete', {}, { accessToken: TOKEN })],
    ['unknown_operation', () => oms.buildRequest(undefined, {})],
    ['missing_access_token', () => oms.buildRequest('customers.get', { customerId: 'cst_1' })],
    ['invalid_access_token', () => oms.buildRequest('customers.get', { customerId: 'cst_1' }, { accessToken: 'a\nb' })],
    ['invalid_base_url', () => oms.buildRequest('customers.get', { customerId: 'cst_1' }, { accessToken: TOKEN, baseUrl: 'ftp://x' })],
    ['invalid_idempotency_key', () => oms.buildRequest('wallets.create', { customerId: 'c', asset: 'usdc', chain: 'polygon' }, { accessToken: TOKEN, idempotencyKey: 'é' })],
    ['invalid_params', () => oms.buildRequest('customers.get', {}, { accessToken: TOKEN })],
    ['invalid_params', () => oms.buildRequest('customers.get', { customerId: 'cst_1' }, { accessToken: TOKEN, bogus: 1 })],
  ];
  for (const [code, fn] of cases) {
    const r = capture(fn);
    assert.equal(r.threw, true, code);
    assert.equal(r.code, code, `${code}: got ${r.code} ${r.message}`);
    assert.ok(!String(r.message).includes(TOKEN), 'no token in messages');
  }
});

test('parseResponse: typed values, OmsApiError with status/code/requestId/Retry-After, coded argument errors', () => {
  const c = oms.parseResponse('customers.get', 200, '{"id":"cst_1","firstName":"Ada","somethingNew":{"x":1}}');
  assert.deepEqual(c, { id: 'cst_1', firstName: 'Ada', somethingNew: { x: 1 } });
  const headerForms = [new Headers({ 'X-Request-Id': 'req_1', 'Retry-After': '7' }), { 'x-request-id': 'req_1', 'retry-after': ['7'] }, [['X-Request-ID', 'req_1'], ['retry-after', '7']]];
  for (const h of headerForms) {
    const e = capture(() => oms.parseResponse('customers.list', 429, '{"message":"slow down"}', h));
    assert.equal(e.name, 'OmsApiError');
    assert.deepEqual([e.code, e.status, e.message, e.requestId, e.retryAfterSeconds], ['rate_limited', 429, 'slow down', 'req_1', 7]);
  }
  // Retry-After as an HTTP date, measured from the response's Date header
  const dated = capture(() => oms.parseResponse('customers.list', 503, '{}', { date: 'Tue, 01 Dec 2026 12:00:00 GMT', 'retry-after': 'Tue, 01 Dec 2026 12:00:30 GMT' }));
  assert.equal(dated.retryAfterSeconds, 30);
  const undated = capture(() => oms.parseResponse('customers.list', 503, '{}', { 'retry-after': 'Tue, 01 Dec 2026 12:00:30 GMT' }));
  assert.equal(undated.retryAfterSeconds, undefined);
  const np = capture(() => oms.parseResponse('wallets.balance', 400, '{"error":"provider account not provisioned for this customer"}'));
  assert.equal(np.code, 'provider_account_not_provisioned');
  for (const [args, code] of [
    [['customers.get', '200', '{}'], 'invalid_argument'],
    [['customers.get', 99, '{}'], 'invalid_argument'],
    [['customers.get', 200, { id: 'cst_1' }], 'invalid_argument'],
    [[null, 200, '{}'], 'invalid_argument'],
    [['nope', 200, '{}'], 'unknown_operation'],
    [['customers.get', 200, 'not json'], 'invalid_response'],
  ]) {
    const r = capture(() => oms.parseResponse(...args));
    assert.equal(r.code, code, `${JSON.stringify(args)} → ${r.code} ${r.message}`);
  }
});

test('bad input of every type gives coded errors; the same instance keeps working', () => {
  const junk = [undefined, null, 0, -1, NaN, Infinity, 10n, true, 'x', 'x'.repeat(10 << 20), '\uD800', Symbol('s'), () => 1, [], [1, [2]], new Date(), new Map(), { __proto__: null }, JSON.parse('{"__proto__":{"polluted":1}}'), new Proxy({}, { ownKeys() { throw new Error('trap'); } })];
  const ops = oms.operations();
  let n = 0;
  for (const op of ops) {
    for (const params of junk) {
      for (const options of [undefined, { accessToken: TOKEN }, params]) {
        const r = capture(() => oms.buildRequest(op, params, options));
        if (r.threw) {
          assert.equal(typeof r.code, 'string', `${op}: ${r.message}`);
          assert.ok(r.name.startsWith('Oms'), `${op}: ${r.name} ${r.message}`);
        }
        n++;
      }
    }
    for (const body of junk) {
      for (const status of [200, 201, 404, 500, 'x', null]) {
        const r = capture(() => oms.parseResponse(op, status, body, body));
        if (r.threw) assert.equal(typeof r.code, 'string', `${op}: ${r.message}`);
        n++;
      }
    }
  }
  assert.ok(n > 5000);
  assert.equal({}.polluted, undefined);
  // the instance still works
  const ok = oms.buildRequest('customers.get', { customerId: 'cst_1' }, { accessToken: TOKEN });
  assert.equal(ok.url, 'https://sandbox-api.polygon.technology/v0.9/customers/cst_1');
  assert.equal(oms.validatePhone('+1 212 555 1234').ok, true);
});

test('a huge response body (a 100-item page of ~5 KB transactions) parses', () => {
  const item = { id: 'txn_1', object: 'transaction', status: 'completed', metadata: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v'.repeat(200)])) };
  const body = JSON.stringify({ data: Array.from({ length: 100 }, (_, i) => ({ ...item, id: `txn_${i}` })), hasMore: true, nextCursor: 'c' });
  assert.ok(body.length > 400_000);
  const page = oms.parseResponse('transactions.list', 200, body);
  assert.equal(page.data.length, 100);
  assert.equal(page.nextCursor, 'c');
});

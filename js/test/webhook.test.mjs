// Webhook verification from JavaScript, against the BUILT package (Node ESM): the shared vectors
// (tests/vectors/webhook.json) in every payload and header shape, their independent re-derivation
// with node:crypto, Node's real http server (Buffer body, req.headers), interop with the
// `standardwebhooks` library, options (`now` as a Date), and bad input of every type giving coded
// errors while the instance keeps working. No message ever contains the secret or a signature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import * as oms from 'oms-wasm';
import { verifyWebhook, verifyWebhookSignature, signWebhook, WebhookVerificationError, OmsError } from 'oms-wasm';
import { HEADER_SHAPES, PAYLOAD_SHAPES, decodeBody, runCase } from './support/webhook-cases.mjs';
import { CODES, tag, webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

const cases = webhookCases();
const SHAPES = PAYLOAD_SHAPES.length * HEADER_SHAPES.length;

test('the vector file has a negative case for every code', () => {
  assert.ok(cases.length >= 80, `${cases.length} cases`);
  for (const code of CODES) assert.ok(cases.some((c) => c.expect.code === code || c.event?.code === code), code);
});

test('every vector, in every payload shape (string, Uint8Array, ArrayBuffer, DataView) × header shape (object, Headers)', () => {
  const problems = [];
  let runs = 0;
  for (const c of cases) {
    for (let v = 0; v < SHAPES; v++) {
      problems.push(...webhookMismatches(c, runCase(oms, c, v)));
      runs++;
    }
  }
  assert.deepEqual(problems, [], `${problems.length} problems in ${runs} runs`);
});

test('generated signatures re-derive with node:crypto (independent of oms-wasm and of the Python generator)', () => {
  let n = 0;
  for (const c of cases) {
    const body = decodeBody(c.body);
    for (const s of c.signers ?? []) {
      const want = `v1,${tag(Buffer.from(s.keyHex, 'hex'), s.id, s.timestamp, body).toString('base64')}`;
      const sig = c.headers.find(([k]) => k.toLowerCase() === 'webhook-signature')[1];
      assert.ok(sig.split(' ').includes(want), `${c.name}: ${want}`);
      n++;
    }
  }
  assert.ok(n >= 10);
});

// ---- a delivery of our own

const SECRET = `whsec_${randomBytes(32).toString('hex')}`;
const body = JSON.stringify({ type: 'transaction.fiatToCrypto.completed', timestamp: new Date().toISOString(), data: { id: 'txn_1', object: 'transaction', status: 'completed', padding: 'x'.repeat(500) } });
const good = () => signWebhook({ payload: body, secret: SECRET });
const verifiesGood = () => {
  const h = good();
  const e = verifyWebhook(body, h, SECRET);
  assert.equal(e.type, 'transaction.fiatToCrypto.completed');
  assert.equal(e.id, h['webhook-id']);
};

test('signWebhook defaults: a random msg_ id and the current time; verifyWebhook round-trips', () => {
  const h = good();
  assert.match(h['webhook-id'], /^msg_[0-9a-z]{24}$/);
  assert.notEqual(h['webhook-id'], good()['webhook-id']);
  assert.ok(Math.abs(Number(h['webhook-timestamp']) - Date.now() / 1000) < 5);
  assert.match(h['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}=$/);
  const e = verifyWebhook(new TextEncoder().encode(body), new Headers(h), SECRET);
  assert.deepEqual(Object.keys(e).sort(), ['body', 'data', 'id', 'keyEncoding', 'timestamp', 'type']);
  assert.equal(e.keyEncoding, 'hex');
  assert.equal(e.timestamp, Number(h['webhook-timestamp']));
  assert.equal(e.data.id, 'txn_1');
  assert.equal(e.body.data.status, 'completed');
  const s = verifyWebhookSignature(body, h, [SECRET]);
  assert.deepEqual(s, { id: h['webhook-id'], timestamp: e.timestamp, keyEncoding: 'hex' });
});

test('now as a Date or seconds, toleranceSeconds, secretEncoding', () => {
  const h = signWebhook({ payload: body, secret: SECRET, id: 'msg_1', timestamp: 1_700_000_000 });
  assert.equal(verifyWebhook(body, h, SECRET, { now: new Date(1_700_000_300_999) }).id, 'msg_1');
  assert.throws(() => verifyWebhook(body, h, SECRET, { now: new Date(1_700_000_302_000) }), (e) => e.code === 'timestamp_too_old');
  assert.equal(verifyWebhook(body, h, SECRET, { now: 1_699_999_700 }).id, 'msg_1');
  assert.throws(() => verifyWebhook(body, h, SECRET, { now: 1_699_999_699 }), (e) => e.code === 'timestamp_too_new');
  assert.equal(verifyWebhook(body, h, SECRET, { now: 1_700_003_600, toleranceSeconds: 3600 }).id, 'msg_1');
  assert.equal(verifyWebhook(body, h, SECRET, { now: 1_700_000_000, secretEncoding: 'hex' }).keyEncoding, 'hex');
  assert.throws(() => verifyWebhook(body, h, SECRET, { now: 1_700_000_000, secretEncoding: 'raw' }), (e) => e.code === 'no_matching_signature' && e.message.includes("'hex'"));
  // unusable options are OmsError invalid_option (a programming mistake, not a bad delivery)
  for (const options of [{ now: Date.now() }, { now: 'now' }, { now: new Date(NaN) }, { toleranceSeconds: -1 }, { toleranceSeconds: 1.5 }, { secretEncoding: 'utf8' }, 42, 'x']) {
    assert.throws(() => verifyWebhook(body, h, SECRET, options), (e) => e instanceof OmsError && !(e instanceof WebhookVerificationError) && e.code === 'invalid_option', JSON.stringify(options));
  }
  assert.throws(() => verifyWebhook(body, h, SECRET, { now: Date.now() }), /milliseconds/);
});

test("Node's http server: a Buffer body and req.headers (lower-case names, array values)", async () => {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        const e = verifyWebhook(Buffer.concat(chunks), req.headers, SECRET);
        res.writeHead(200).end(JSON.stringify({ type: e.type, id: e.id }));
      } catch (e) {
        res.writeHead(400).end(JSON.stringify({ code: e.code }));
      }
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const post = (payload, headers) =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.address().port, method: 'POST', path: '/', headers }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(payload);
    });
  try {
    const h = good();
    const ok = await post(body, { ...h, 'Content-Type': 'application/json' });
    assert.deepEqual(ok, { status: 200, body: { type: 'transaction.fiatToCrypto.completed', id: h['webhook-id'] } });
    const tampered = await post(body.replace('txn_1', 'txn_2'), h);
    assert.deepEqual(tampered, { status: 400, body: { code: 'no_matching_signature' } });
  } finally {
    await new Promise((r) => server.close(r));
  }
  // plain objects with array values, as some frameworks hand them over
  const h = good();
  const arrays = { 'webhook-id': [h['webhook-id']], 'webhook-timestamp': [h['webhook-timestamp'], h['webhook-timestamp']], 'webhook-signature': ['v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', h['webhook-signature']], other: undefined };
  assert.equal(verifyWebhook(body, arrays, SECRET).id, h['webhook-id']);
});

test('interop with the standardwebhooks library (base64 secrets both ways; its hex pitfall)', () => {
  const key = randomBytes(32);
  const swSecret = `whsec_${key.toString('base64')}`;
  const wh = new Webhook(swSecret);
  const ts = new Date();
  const sig = wh.sign('msg_sw', ts, body);
  const headers = { 'webhook-id': 'msg_sw', 'webhook-timestamp': String(Math.floor(ts / 1000)), 'webhook-signature': sig };
  assert.equal(verifyWebhook(body, headers, swSecret).keyEncoding, 'base64');
  // ours → theirs
  const ours = signWebhook({ payload: body, secret: swSecret });
  assert.equal(wh.verify(body, ours).type, 'transaction.fiatToCrypto.completed');
  // an OMS hex secret given to standardwebhooks is base64-decoded into a 48-byte key; `auto` still
  // verifies such deliveries, and reports the decoding so it can be pinned
  const whHex = new Webhook(SECRET);
  const sigHex = whHex.sign('msg_hex', ts, body);
  const e = verifyWebhook(body, { 'webhook-id': 'msg_hex', 'webhook-timestamp': String(Math.floor(ts / 1000)), 'webhook-signature': sigHex }, SECRET);
  assert.equal(e.keyEncoding, 'base64');
  // ... while standardwebhooks rejects what OMS (hex key) signs
  assert.throws(() => whHex.verify(body, good()));
});

test('bad input of every type gives a coded error, and the same instance still verifies', () => {
  const h = good();
  const lone = '\uD800';
  const junk = [undefined, null, 0, 42, -1, NaN, Infinity, true, 12345678901234567890n, Symbol('s'), () => 1, {}, [], [1, 2], { length: 3 }, new Map([['webhook-id', 'x']]), new Date(), /re/, new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } }), 'x'.repeat(1 << 21), lone, `whsec_${lone}`, new Uint16Array(4), new SharedArrayBuffer(8), Promise.resolve(body)];
  const seen = new Set();
  for (const j of junk) {
    const calls = {
      payload: () => verifyWebhook(j, h, SECRET),
      headers: () => verifyWebhook(body, j, SECRET),
      secret: () => verifyWebhook(body, h, j),
      secretArray: () => verifyWebhook(body, h, [SECRET, j]),
      options: () => verifyWebhookSignature(body, h, SECRET, j),
      headerValue: () => verifyWebhook(body, { ...h, 'webhook-signature': j }, SECRET),
      headerId: () => verifyWebhook(body, { ...h, 'webhook-id': j }, SECRET),
      sign: () => signWebhook(j),
      signSecret: () => signWebhook({ payload: body, secret: j }),
      signPayload: () => signWebhook({ payload: j, secret: SECRET }),
    };
    // The expected outcome of each call: options are read from any object (absent keys keep the
    // defaults; a throwing proxy reads as no options), so any object, undefined or null as options
    // verifies the good delivery; a string without lone surrogates or a typed array is a payload
    // that can be signed (and the signature verifies); every other call throws a coded error.
    const succeeds = (what) =>
      (what === 'options' && (j == null || typeof j === 'object')) ||
      (what === 'signPayload' && ((typeof j === 'string' && j.isWellFormed()) || ArrayBuffer.isView(j)));
    for (const [what, call] of Object.entries(calls)) {
      let result;
      try {
        result = call();
      } catch (e) {
        assert.ok(!succeeds(what), `${what} ${String(typeof j)}: threw ${e?.code} instead of succeeding`);
        assert.ok(e instanceof OmsError, `${what} ${String(typeof j)}: ${e}`);
        assert.equal(typeof e.code, 'string', `${what}: no code`);
        assert.ok(e.message.length > 10);
        assert.ok(!e.message.includes(SECRET.slice(6)) && !JSON.stringify(e).includes(SECRET.slice(6)), `${what}: the secret leaked`);
        assert.ok(!e.message.includes(h['webhook-signature'].slice(3)), `${what}: the signature leaked`);
        seen.add(e.code);
        verifiesGood();
        continue;
      }
      assert.ok(succeeds(what), `${what} ${String(typeof j)} ${junk.indexOf(j)}: accepted instead of throwing`);
      if (what === 'options') {
        assert.deepEqual([result.id, result.timestamp], [h['webhook-id'], Number(h['webhook-timestamp'])]);
      } else {
        assert.match(result['webhook-signature'], /^v1,[A-Za-z0-9+/]{43}=$/);
        assert.equal(verifyWebhookSignature(j, result, SECRET).id, result['webhook-id'], 'the signature of a junk payload verifies');
      }
      verifiesGood();
    }
  }
  // headers from a Headers instance whose values have lone surrogates cannot exist (ByteString),
  // but a plain object can hold them:
  assert.throws(() => verifyWebhook(body, { ...h, 'webhook-id': `msg_${lone}` }, SECRET), (e) => e.code === 'missing_header');
  assert.throws(() => verifyWebhook(body, h, `${SECRET}${lone}`), (e) => e.code === 'invalid_secret');
  for (const code of ['invalid_payload', 'missing_header', 'invalid_secret', 'invalid_option']) assert.ok(seen.has(code), code);
  verifiesGood();
});

test('errors are WebhookVerificationError with a code, and JSON.stringify never shows the secret', () => {
  const h = good();
  const attempts = [
    () => verifyWebhook(body + ' ', h, SECRET),
    () => verifyWebhook(JSON.stringify(JSON.parse(body), null, 1), h, SECRET),
    () => verifyWebhook(body, h, `${SECRET}\n`),
    () => verifyWebhook(body, h, SECRET.slice(0, -2)),
    () => verifyWebhook(body, h, SECRET.slice(6)), // the prefix is optional: 64 hex characters still verify
    () => verifyWebhook(body, { ...h, 'webhook-timestamp': String(Date.now()) }, SECRET),
    () => verifyWebhook(body, h, [SECRET.replace(/.$/, '0'), SECRET.replace(/.$/, '1')], { secretEncoding: 'raw' }),
  ];
  const codes = [];
  for (const f of attempts) {
    try {
      f();
      codes.push('verified');
    } catch (e) {
      assert.ok(e instanceof WebhookVerificationError);
      assert.equal(e.name, 'WebhookVerificationError');
      const json = JSON.stringify(e);
      for (const s of [SECRET, SECRET.slice(6), SECRET.slice(6, 30), h['webhook-signature'].slice(3)]) {
        assert.ok(!e.message.includes(s) && !json.includes(s) && !String(e.stack).includes(s), e.message);
      }
      codes.push(e.code);
    }
  }
  assert.deepEqual(codes, ['no_matching_signature', 'no_matching_signature', 'invalid_secret', 'no_matching_signature', 'verified', 'invalid_timestamp', 'no_matching_signature']);
});

test('the re-serialized-body mistake is diagnosed with the Worker fix', () => {
  const h = good();
  const reserialized = JSON.stringify(JSON.parse(body), null, 2);
  assert.throws(() => verifyWebhook(reserialized, h, SECRET), (e) => e.code === 'no_matching_signature' && e.message.includes('await request.text()') && e.message.includes('JSON.stringify(await request.json())'));
  assert.throws(() => verifyWebhook(JSON.parse(body), h, SECRET), (e) => e.code === 'invalid_payload' && e.message.includes('request.arrayBuffer()'));
});

test('a 1 MiB body and a binary body verify; verifyWebhook rejects the binary one as invalid_payload', () => {
  const big = new Uint8Array(1 << 20).map((_, i) => (i * 31 + 7) & 0xff);
  const h = signWebhook({ payload: big, secret: SECRET });
  assert.equal(verifyWebhookSignature(big, h, SECRET).keyEncoding, 'hex');
  assert.equal(verifyWebhookSignature(new DataView(big.buffer), new Headers(h), SECRET).id, h['webhook-id']);
  assert.throws(() => verifyWebhook(big, h, SECRET), (e) => e.code === 'invalid_payload');
});

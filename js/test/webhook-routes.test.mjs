// The two HMAC routes of webhook verification (pkg-template/webhooks.mjs), forced in turn through the
// testing hook `globalThis[Symbol.for('oms-wasm.webhooks.route')]`, against the BUILT package in Node:
//   - 'wasm': the fast route with the wasm core's HMAC (what browsers and workerd without
//     nodejs_compat use);
//   - 'native': the fast route with node:crypto's HMAC (Node, Deno, Bun, Workers with nodejs_compat);
//   - 'complete': the wasm core's complete check only (what every failure goes through).
// Every shared vector, in every payload × header shape, gives the same answer through each, the
// forced route is the one that verified, and the key cache (16 secrets) stays right when secrets
// come and go.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as oms from 'oms-wasm';
import * as webhooks from 'oms-wasm/webhooks';
import { HEADER_SHAPES, PAYLOAD_SHAPES, runCase } from './support/webhook-cases.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

const ROUTE = Symbol.for('oms-wasm.webhooks.route');
const cases = webhookCases();
const SHAPES = PAYLOAD_SHAPES.length * HEADER_SHAPES.length;

afterEach(() => {
  delete globalThis[ROUTE];
});

for (const [name, mod] of [
  ['oms-wasm', oms],
  ['oms-wasm/webhooks', webhooks],
]) {
  for (const force of ['wasm', 'native', 'complete']) {
    test(`${name}, route '${force}': every vector in every payload × header shape`, () => {
      const hook = { force, used: {} };
      globalThis[ROUTE] = hook;
      const problems = [];
      for (const c of cases) for (let v = 0; v < SHAPES; v++) problems.push(...webhookMismatches(c, runCase(mod, c, v)));
      assert.deepEqual(problems, []);
      // the forced route verified the well-formed deliveries; the rest went to the complete check
      const other = ['wasm', 'native', 'complete'].filter((r) => r !== force && r !== 'complete');
      for (const r of other) assert.equal(hook.used[r], undefined, `${r} was used`);
      if (force === 'complete') assert.deepEqual(Object.keys(hook.used), ['complete']);
      else assert.ok(hook.used[force] >= 200, JSON.stringify(hook.used));
    });
  }
}

test('by default Node verifies through node:crypto (the native route)', () => {
  const hook = { used: {} };
  globalThis[ROUTE] = hook;
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const h = oms.signWebhook({ payload: body, secret });
  assert.equal(oms.verifyWebhook(body, h, secret).type, 'cashIn.completed');
  assert.deepEqual(hook.used, { native: 1 });
});

test('the key cache: 40 secrets in turn, rotation lists, encodings pinned or not, each route', () => {
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const secrets = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `whsec_${randomBytes(32).toString('hex')}` : i % 3 === 1 ? `whsec_${randomBytes(24).toString('base64')}` : `raw-secret-${randomBytes(12).toString('hex')}`));
  const enc = (s) => (s.startsWith('raw-') ? 'raw' : /^whsec_[0-9a-f]{64}$/.test(s) ? 'hex' : 'base64');
  for (const force of ['wasm', 'native']) {
    const hook = { force, used: {} };
    globalThis[ROUTE] = hook;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < secrets.length; i++) {
        const s = secrets[i];
        const h = oms.signWebhook({ payload: body, secret: s, timestamp: 1_700_000_000 });
        const other = secrets[(i + 7) % secrets.length];
        assert.equal(oms.verifyWebhookSignature(body, h, s, { now: 1_700_000_000 }).keyEncoding, enc(s));
        assert.equal(oms.verifyWebhookSignature(body, h, [other, s], { now: 1_700_000_000 }).keyEncoding, enc(s));
        assert.equal(oms.verifyWebhookSignature(body, h, s, { now: 1_700_000_000, secretEncoding: enc(s) }).keyEncoding, enc(s));
        assert.throws(() => oms.verifyWebhookSignature(body, h, other, { now: 1_700_000_000 }), (e) => e.code === 'no_matching_signature');
      }
    }
    assert.ok(hook.used[force] >= 3 * 40 * 3, JSON.stringify(hook.used));
  }
});

test('the fast route leaves nothing of the secret reachable: results and errors', () => {
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const h = oms.signWebhook({ payload: body, secret });
  for (const force of ['wasm', 'native']) {
    globalThis[ROUTE] = { force };
    const e = oms.verifyWebhook(body, h, secret);
    const shown = JSON.stringify(e) + JSON.stringify(oms) + JSON.stringify(webhooks);
    assert.ok(!shown.includes(secret.slice(6)));
    try {
      oms.verifyWebhook(`${body} `, h, secret);
      assert.fail('verified');
    } catch (err) {
      assert.ok(!JSON.stringify(err).includes(secret.slice(6)) && !err.message.includes(secret.slice(6)) && !String(err.stack).includes(secret.slice(6)));
    }
  }
});

// ---- verifyWebhook's envelope check (the glue's strict JSON over the engine's JSON.parse)

/**
 * The oracle: JSON.parse, then the strict rules on the text (duplicate keys dropped by JSON.parse
 * count too): no unpaired surrogate escape, at most 127 levels of nesting.
 */
function strictParse(text) {
  let v;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  // the escapes, in order (in valid JSON every backslash starts one)
  const escapes = [...text.matchAll(/\\(?:u([0-9a-fA-F]{4})|.)/g)];
  for (let k = 0; k < escapes.length; k++) {
    const code = escapes[k][1] === undefined ? -1 : parseInt(escapes[k][1], 16);
    const next = escapes[k + 1];
    const adjacent = next && next.index === escapes[k].index + 6 && next[1] !== undefined;
    if (code >= 0xd800 && code <= 0xdbff) {
      const lo = adjacent ? parseInt(next[1], 16) : -1;
      if (!(lo >= 0xdc00 && lo <= 0xdfff)) return undefined;
      k++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return undefined;
  }
  // nesting outside strings
  let depth = 0;
  let max = 0;
  for (let i = 0, inString = false; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ']' || c === '}') depth--;
  }
  return max <= 127 ? v : undefined;
}

function seeded(seed) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

test('the envelope check accepts exactly strict JSON objects with a string type (random and edge bodies)', () => {
  const secret = `whsec_${randomBytes(32).toString('hex')}`;
  const rnd = seeded(20261202);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const base = [
    '{"type":"cashIn.completed","data":{"id":"ci_1","n":[1,2.5e-3,-0,true,null],"s":"a\\u00e9\\ud83d\\ude00\\n"}}',
    '{"type":"x","type":"y","data":null}',
    '{"\\u0074ype":"t","data":{"a":{"b":[{"c":"d"}]}}}',
    `{"type":"deep","data":${'['.repeat(125)}${']'.repeat(125)}}`,
    `{"type":"deep","data":${'['.repeat(126)}${']'.repeat(126)}}`,
    `{"type":"deep","data":${'{"a":'.repeat(126)}1${'}'.repeat(126)}}`,
    `{"type":"many","data":[${'{},'.repeat(200)}{}]}`,
    '{"type":"s","data":"\\ud800"}',
    '{"type":"s","data":"\\udc00\\ud800"}',
    '{"type":"s","data":"\\\\ud800"}',
    '{"type":"s","data":"\\ud800\\u0041"}',
    '\ufeff{"type":"bom"}',
    '{"type":""}',
    '{"type":1}',
    '{"data":{}}',
    '[{"type":"x"}]',
    '"str"',
    ' {"type" : "ws" } \n',
    '{"type":"x",}',
    '{"type":"x"',
    '{"type":"ctl\u0001"}',
    '{"type":"n","data":[01]}',
    '{"type":"n","data":[1.]}',
    '{"type":"n","data":[1e400,-0.0e+1]}',
  ];
  const MUT = ['{', '}', '[', ']', '"', '\\', '\\u', '\\ud800', '\\udc00', ',', ':', ' ', '\n', '0', '-', 'e', 'x', '\u00e9', '\ud83d\ude00', 'null', 'tru'];
  const bodies = [...base];
  for (let i = 0; i < 1500; i++) {
    let s = pick(base);
    for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
      const at = Math.floor(rnd() * (s.length + 1));
      s = rnd() < 0.5 ? s.slice(0, at) + pick(MUT) + s.slice(at) : s.slice(0, at) + s.slice(at + 1 + Math.floor(rnd() * 3));
    }
    bodies.push(s);
  }
  let accepted = 0;
  for (const force of ['native', 'wasm', 'complete']) {
    globalThis[ROUTE] = { force };
    for (const text of bodies) {
      if (!text.isWellFormed()) continue; // a string payload must be well-formed text (its own code)
      const h = oms.signWebhook({ payload: text, secret, timestamp: 1_700_000_000 });
      const want = strictParse(text);
      const wantOk = want !== undefined && typeof want === 'object' && want !== null && !Array.isArray(want) && typeof want.type === 'string' && want.type !== '';
      for (const payload of [text, new TextEncoder().encode(text)]) {
        let got;
        try {
          got = oms.verifyWebhook(payload, h, secret, { now: 1_700_000_000 });
        } catch (e) {
          assert.equal(e.code, 'invalid_payload', `${JSON.stringify(text)}: ${e.message}`);
          assert.ok(!wantOk, `${JSON.stringify(text)} rejected: ${e.message}`);
          if (want === undefined) assert.match(e.message, /is not JSON \((syntax error|unexpected end) at line \d+, column \d+\)/);
          continue;
        }
        assert.ok(wantOk, `${JSON.stringify(text)} accepted`);
        assert.deepEqual(got.body, want);
        assert.equal(got.type, want.type);
        assert.deepEqual(got.data, Object.hasOwn(want, 'data') ? want.data : null);
        accepted++;
      }
    }
  }
  assert.ok(accepted > 300, `${accepted}`);
});

test('the envelope errors say where, in bytes, as the core does', () => {
  const secret = `whsec_${'ab'.repeat(32)}`;
  const cases = [
    ['not json', 'syntax error at line 1, column 2'],
    ['{"type":"x"', 'unexpected end at line 1, column 12'],
    ['{\n "type": "x",\n "data": [1,]\n}', 'syntax error at line 3, column 13'],
    ['{"type":"é\\ud800"}', 'syntax error at line 1, column 18'],
    ['', 'unexpected end at line 1, column 1'],
    [new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), 'syntax error at line 1, column 3'],
    [`{"type":"d","data":${'['.repeat(127)}${']'.repeat(127)}}`, 'syntax error at line 1, column 146'],
  ];
  for (const [body, where] of cases) {
    const h = oms.signWebhook({ payload: body, secret, timestamp: 1_700_000_000 });
    assert.throws(() => oms.verifyWebhook(body, h, secret, { now: 1_700_000_000 }), (e) => e.code === 'invalid_payload' && e.message.includes(`(${where})`), JSON.stringify(body));
  }
  const h = oms.signWebhook({ payload: '[1]', secret, timestamp: 1_700_000_000 });
  assert.throws(() => oms.verifyWebhook('[1]', h, secret, { now: 1_700_000_000 }), /is not a JSON object \(an event is \{ type, timestamp, data \}\)/);
});

// Webhooks: synchronous verification in every runtime, and a signing helper for tests.
//
// This glue reads the JS values (payload bytes, headers, secrets, options) and hands the wasm core
// strings, bytes and numbers. Two routes give the same answers:
//  - the fast route, for a well-formed delivery (one value per header, whole-second timestamp within
//    the tolerance, usable secrets, `v1,<base64>` entries): the HMAC of each candidate key is
//    compared in constant time with the entries. Keys are derived once per secret (the wasm core's
//    decoding) and kept in a bounded cache (16 secrets); the HMAC is the runtime's synchronous
//    native one where there is one (node:crypto in Node, Deno, Bun, and Workers with
//    nodejs_compat), else the wasm core's, from the cached keyed state;
//  - the complete check of the wasm core (src/webhook/), for everything else, and for every failure:
//    it decides, and its error codes and diagnostics are the only ones thrown.
// The fast route only ever answers "verified" where the complete check verifies too (tests force
// each route over the shared vectors: js/test/webhook-routes.test.mjs).
import * as raw from './wasm/oms_wasm.mjs';
import { OmsError, WebhookVerificationError } from './errors.mjs';
import { notReady, state } from './state.mjs';

const NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'];
const ENCODINGS = { auto: 0, hex: 1, base64: 2, raw: 3 };
const KEY_ENCODINGS = ['hex', 'base64', 'raw']; // bits 1, 2, 4 of the core's key masks
const MAX_PAYLOAD = 32 * 1024 * 1024;
const MAX_STRING_UNITS = 65536; // longer strings are not copied into wasm
const MAX_HEADER_BYTES = 16384;
const MAX_PLAUSIBLE_SECONDS = 99_999_999_999;
const EMPTY = new Uint8Array(0);

const usage = (message) => new OmsError(message, 'invalid_option');
/** A core result `!{code}\n{message}` as the error it names. */
function failure(r) {
  const nl = r.indexOf('\n');
  return new WebhookVerificationError(r.slice(nl + 1), r.slice(1, nl));
}
function get(o, k) {
  try {
    return o[k];
  } catch {
    return undefined;
  }
}
function isArray(v) {
  try {
    return Array.isArray(v);
  } catch {
    return false; // a revoked Proxy
  }
}

// ---- strings and bytes

/** Whether a string is well-formed UTF-16 (no unpaired surrogate: `\p{Cs}` in a `u` regex is one). */
const wellFormed = String.prototype.isWellFormed ? (s) => s.isWellFormed() : (s) => !/\p{Cs}/u.test(s);

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// The intrinsic getters (internal slots: a subclass cannot override them with values that lie).
const getter = (proto, k) => Object.getOwnPropertyDescriptor(proto, k).get;
const TYPED = Object.getPrototypeOf(Uint8Array.prototype);
const typedWindow = [getter(TYPED, 'buffer'), getter(TYPED, 'byteOffset'), getter(TYPED, 'byteLength')];
const viewWindow = [getter(DataView.prototype, 'buffer'), getter(DataView.prototype, 'byteOffset'), getter(DataView.prototype, 'byteLength')];
const bufferLength = getter(ArrayBuffer.prototype, 'byteLength');

/**
 * The payload: a well-formed string, a Uint8Array of the exact bytes, or what is wrong with it
 * (the core's payload problems: 1 unpaired surrogates, 2 an object, 3 not a string or bytes,
 * 4 over 32 MiB).
 */
function payloadOf(p) {
  if (typeof p === 'string') return wellFormed(p) ? p : 1;
  if (p === null || typeof p !== 'object') return 3;
  let view;
  try {
    if (ArrayBuffer.isView(p)) {
      const [buffer, offset, length] = p instanceof DataView ? viewWindow : typedWindow;
      let w;
      try {
        w = [buffer.call(p), offset.call(p), length.call(p)];
      } catch {
        w = [viewWindow[0].call(p), viewWindow[1].call(p), viewWindow[2].call(p)];
      }
      bufferLength.call(w[0]); // an ArrayBuffer, not a SharedArrayBuffer
      view = new Uint8Array(w[0], w[1], w[2]);
    } else {
      bufferLength.call(p);
      view = new Uint8Array(p);
    }
  } catch {
    return 2;
  }
  return view.length > MAX_PAYLOAD ? 4 : view;
}

// ---- headers, secrets, options

/** Rust's `char::is_whitespace` (what the core trims), at either end. */
const EDGE_SPACE = /^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

function addValue(list, v) {
  if (typeof v !== 'string') return;
  if (v.length > MAX_STRING_UNITS) list.push(null); // too large (not copied)
  else if (wellFormed(v)) list.push(v);
}

const asciiLower = (s) => s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) | 32));

/**
 * The raw values of the three headers (`null`: too long to copy) from a `Headers`-like object (with
 * a `get` method) or a plain object (names in any case, string or string[] values); `undefined`
 * when `h` is not an object.
 */
function headerValues(h) {
  if (h === null || typeof h !== 'object') return undefined;
  const out = [[], [], []];
  const getFn = get(h, 'get');
  if (typeof getFn === 'function') {
    for (let i = 0; i < 3; i++) {
      try {
        addValue(out[i], getFn.call(h, NAMES[i]));
      } catch {
        // a throwing get: no value
      }
    }
    return out;
  }
  let keys;
  try {
    keys = Object.keys(h);
  } catch {
    return undefined;
  }
  for (let k = 0, n = Math.min(keys.length, 1000); k < n; k++) {
    const key = keys[k];
    if (key.length !== 10 && key.length !== 17) continue;
    let i = NAMES.indexOf(key);
    if (i < 0) i = NAMES.indexOf(asciiLower(key));
    if (i < 0) continue;
    let v;
    try {
      v = h[key];
    } catch {
      continue;
    }
    if (typeof v === 'string' || !isArray(v)) addValue(out[i], v);
    else {
      const len = get(v, 'length');
      const m = typeof len === 'number' && len >= 0 && len % 1 === 0 ? Math.min(len, 64) : 0;
      for (let j = 0; j < m; j++) addValue(out[i], get(v, j));
    }
  }
  return out;
}

/** A usable single header value for the fast route, else undefined. */
function single(list) {
  if (list.length !== 1) return undefined;
  const v = list[0];
  if (v === null || v.length === 0 || EDGE_SPACE.test(v)) return undefined;
  if (v.length * 3 > MAX_HEADER_BYTES && encoder.encode(v).length > MAX_HEADER_BYTES) return undefined;
  return v;
}

const secretOk = (s) => typeof s === 'string' && s.length <= MAX_STRING_UNITS && wellFormed(s);

/** One secret or an array of 1 to 32: the list, or undefined (secret_not_a_string). */
function secretList(s) {
  if (typeof s === 'string') return secretOk(s) ? [s] : undefined;
  if (!isArray(s)) return undefined;
  const n = get(s, 'length');
  if (!(typeof n === 'number' && n > 0 && n <= 32 && n % 1 === 0)) return undefined;
  const out = [];
  for (let i = 0; i < n; i++) {
    const v = get(s, i);
    if (!secretOk(v)) return undefined;
    out.push(v);
  }
  return out;
}

function encodingOf(v) {
  if (v === undefined || v === null) return 0;
  const e = typeof v === 'string' && Object.prototype.hasOwnProperty.call(ENCODINGS, v) ? ENCODINGS[v] : undefined;
  if (e === undefined) throw usage("options.secretEncoding must be 'auto', 'hex', 'base64' or 'raw'.");
  return e;
}

const dateTime = Date.prototype.getTime;
function isDate(v) {
  try {
    return v instanceof Date;
  } catch {
    return false; // a Proxy whose getPrototypeOf throws
  }
}

/** `{ tol, now, enc }` from the options, or throws OmsError `invalid_option`. */
function optionsOf(o) {
  if (o === undefined || o === null) return { tol: 300, now: Math.floor(Date.now() / 1000), enc: 0 };
  if (typeof o !== 'object') throw usage('options must be an object.');
  let tol = get(o, 'toleranceSeconds');
  if (tol === undefined || tol === null) tol = 300;
  else if (!(typeof tol === 'number' && tol >= 0 && tol % 1 === 0 && tol <= 1e9)) throw usage('options.toleranceSeconds must be a whole number of seconds ≥ 0.');
  const n = get(o, 'now');
  let now;
  if (n === undefined || n === null) now = Math.floor(Date.now() / 1000);
  else if (isDate(n)) {
    let ms;
    try {
      ms = dateTime.call(n);
    } catch {
      ms = NaN;
    }
    if (!Number.isFinite(ms)) throw usage('options.now is an invalid Date.');
    now = Math.floor(ms / 1000);
  } else if (typeof n === 'number' && Number.isFinite(n) && n > 1e11) {
    throw usage('options.now looks like milliseconds (Date.now()); pass Unix seconds (Math.floor(Date.now() / 1000)) or a Date.');
  } else if (typeof n === 'number' && Number.isFinite(n) && n >= 0) now = Math.floor(n);
  else throw usage('options.now must be Unix seconds or a Date.');
  return { tol, now, enc: encodingOf(get(o, 'secretEncoding')) };
}

// ---- the HMAC: the runtime's native one, or the wasm core's

const ROUTE = Symbol.for('oms-wasm.webhooks.route');
let nodeCrypto; // undefined: not looked up yet; null: none

/** node:crypto when the runtime has it synchronously (Node, Deno, Bun; workerd with nodejs_compat). */
function findNodeCrypto() {
  try {
    const p = globalThis.process;
    const load = p && p.getBuiltinModule;
    const c = typeof load === 'function' ? load.call(p, 'node:crypto') : undefined;
    if (c && typeof c.createHmac === 'function' && typeof c.createHash === 'function') {
      // one known answer (RFC 4231 test case 2) before trusting it
      const t = c.createHmac('sha256', 'Jefe').update('what do ya want ').update(encoder.encode('for nothing?')).digest('base64');
      if (t !== 'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=') return null;
      // node:crypto's one-shot hash() (Node ≥ 20.12) skips createHmac's object: HMAC from the pads
      try {
        oneShot = c.hash;
        if (typeof oneShot !== 'function' || padTag(pads(encoder.encode('Jefe'), c), 'what do ya want ', 'for nothing?') !== t) oneShot = undefined;
      } catch {
        oneShot = undefined;
      }
      return c;
    }
  } catch {
    // no native HMAC
  }
  return null;
}

let oneShot; // node:crypto's hash(), when it gives the right answer

/** HMAC's inner and outer pads of `key` (hashed first when longer than a block). */
function pads(key, c) {
  const k = key.length > 64 ? c.createHash('sha256').update(key).digest() : key;
  const p = [new Uint8Array(64).fill(0x36), new Uint8Array(64).fill(0x5c)];
  for (let i = 0; i < k.length; i++) (p[0][i] ^= k[i]), (p[1][i] ^= k[i]);
  return p;
}

let scratch = new Uint8Array(4096);
const outer = new Uint8Array(96);

/** The base64 HMAC-SHA256 of `{prefix}{body}` from `pads`, with two one-shot hashes. */
function padTag([ipad, opad], prefix, body) {
  const need = 64 + 3 * prefix.length + (typeof body === 'string' ? 3 * body.length : body.length);
  if (need > scratch.length) scratch = new Uint8Array(need * 2);
  scratch.set(ipad);
  let n = 64 + encoder.encodeInto(prefix, scratch.subarray(64)).written;
  if (typeof body === 'string') n += encoder.encodeInto(body, scratch.subarray(n)).written;
  else scratch.set(body, n), (n += body.length);
  outer.set(opad);
  outer.set(oneShot('sha256', scratch.subarray(0, n), 'buffer'), 64);
  return oneShot('sha256', outer, 'base64');
}

/**
 * Which route verifies: the native HMAC when there is one. Tests force a route, and count the
 * routes taken, through `globalThis[Symbol.for('oms-wasm.webhooks.route')] = { force: 'wasm' |
 * 'native' | 'complete', used: {} }` (a testing hook, not an API).
 */
function route() {
  if (nodeCrypto === undefined) nodeCrypto = findNodeCrypto();
  const t = globalThis[ROUTE];
  if (t === undefined) return nodeCrypto ? 'native' : 'wasm';
  if (t.force === 'native' && !nodeCrypto) throw new Error('oms-wasm: no native HMAC in this runtime');
  return t.force ?? (nodeCrypto ? 'native' : 'wasm');
}
function count(r) {
  const t = globalThis[ROUTE];
  if (t?.used) t.used[r] = (t.used[r] ?? 0) + 1;
}

// The key cache: per encoding, secret → { slot, encs, keys? } (`keys`: the native route's key
// buffers, made on first use). 16 secrets at most (the wasm core's slots); the oldest is dropped.
const SLOTS = 16;
const cache = [new Map(), new Map(), new Map(), new Map()];
const owners = []; // slot → [map, secret]
let nextSlot = 0;

function keyed(secret, enc) {
  const map = cache[enc];
  let e = map.get(secret);
  if (e !== undefined) return e;
  const slot = nextSlot;
  const mask = raw.__whKey(slot, secret, enc);
  if (mask === 0) return undefined; // not usable: the complete check says why
  nextSlot = (nextSlot + 1) % SLOTS;
  const old = owners[slot];
  if (old) old[0].delete(old[1]);
  owners[slot] = [map, secret];
  e = { slot, encs: KEY_ENCODINGS.filter((_, i) => mask & (1 << i)), keys: undefined };
  map.set(secret, e);
  return e;
}

/** The native route's keys of a cache entry: per candidate, the key and (with hash()) its HMAC pads. */
function nativeKeys(e, secret, enc) {
  if (e.keys === undefined) {
    const b = raw.__whKeyBytes(secret, enc);
    const keys = [];
    for (let i = 0; i + 5 <= b.length; ) {
      const n = b[i + 1] | (b[i + 2] << 8) | (b[i + 3] << 16) | (b[i + 4] << 24);
      const key = b.slice(i + 5, i + 5 + n);
      keys.push({ key, pads: oneShot ? pads(key, nodeCrypto) : undefined });
      i += 5 + n;
    }
    b.fill(0);
    e.keys = keys;
  }
  return e.keys;
}

/** Constant-time equality of two strings of the same length (the tags' base64). */
function same(a, b) {
  let d = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/**
 * The fast route: the key encoding that verified, or undefined (the complete check decides). Only
 * a delivery the complete check verifies is verified here.
 */
function fast(r, payload, hs, secrets, o) {
  const id = single(hs[0]);
  const ts = single(hs[1]);
  const sig = single(hs[2]);
  if (id === undefined || ts === undefined || sig === undefined) return undefined;
  if (ts.length > 15 || !/^[0-9]+$/.test(ts)) return undefined;
  const t = Number(ts);
  if (t > MAX_PLAUSIBLE_SECONDS || o.now - t > o.tol || t - o.now > o.tol) return undefined;
  const entries = sig.split(' ');
  const keys = [];
  for (const s of secrets) {
    const e = keyed(s, o.enc);
    if (e === undefined) return undefined;
    keys.push(e);
  }
  const prefix = `${id}.${ts}.`;
  // wasm-bindgen copies a string into wasm memory with a JS loop: a long body goes as its UTF-8
  // bytes, encoded into a reused buffer
  let body = payload;
  if (r === 'wasm' && typeof payload === 'string' && payload.length >= 256) {
    if (3 * payload.length > scratch.length) scratch = new Uint8Array(6 * payload.length);
    body = scratch.subarray(0, encoder.encodeInto(payload, scratch).written);
  }
  for (let k = 0; k < keys.length; k++) {
    const e = keys[k];
    for (let i = 0; i < e.encs.length; i++) {
      let tag;
      if (r === 'native') {
        const key = nativeKeys(e, secrets[k], o.enc)[i];
        // (bodies over 1 MiB stream through createHmac instead of a copy)
        if (key.pads && (typeof payload === 'string' ? payload.length : payload.length) <= 1 << 20) tag = padTag(key.pads, prefix, payload);
        else tag = nodeCrypto.createHmac('sha256', key.key).update(prefix).update(payload).digest('base64');
      } else if (typeof body === 'string') tag = raw.__whMacText(e.slot, i, prefix + body);
      else tag = raw.__whMac(e.slot, i, prefix, body);
      const want = `v1,${tag}`;
      for (const entry of entries) if (entry.length === want.length && same(entry, want)) return e.encs[i];
    }
  }
  return undefined;
}

/** The wasm core's complete check (its answer and diagnostics): `{ id, timestamp, keyEncoding }` or throws. */
function complete(problem, payload, hs, secrets, o) {
  raw.__whBegin();
  if (hs) for (let i = 0; i < 3; i++) for (const v of hs[i]) raw.__whHeader(i, v === null ? undefined : v);
  if (secrets) for (const s of secrets) raw.__whSecret(s);
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : payload ?? EMPTY;
  const r = raw.__whRun(problem, bytes, o.tol, o.now, o.enc);
  if (r[0] === '!') throw failure(r);
  const a = r.indexOf('\n');
  const b = r.indexOf('\n', a + 1);
  return { id: r.slice(b + 1), timestamp: Number(r.slice(a + 1, b)), keyEncoding: r.slice(0, a) };
}

/** Reads the arguments and verifies: `[{ id, timestamp, keyEncoding }, payload]`, or throws. */
function verify(payloadArg, headersArg, secretArg, optionsArg) {
  if (!state.ready) notReady();
  const o = optionsOf(optionsArg);
  const p = payloadOf(payloadArg);
  if (typeof p === 'number') complete(p, undefined, undefined, undefined, o);
  const hs = headerValues(headersArg);
  if (hs === undefined) complete(5, undefined, undefined, undefined, o);
  const secrets = secretList(secretArg);
  if (secrets === undefined) complete(6, undefined, undefined, undefined, o);
  const r = route();
  if (r !== 'complete') {
    const keyEncoding = fast(r, p, hs, secrets, o);
    if (keyEncoding !== undefined) {
      count(r);
      return [{ id: hs[0][0], timestamp: Number(hs[1][0]), keyEncoding }, p];
    }
  }
  count('complete');
  return [complete(0, p, hs, secrets, o), p];
}

/** Verifies a delivery's signature over the exact payload bytes: `{ id, timestamp, keyEncoding }`. */
export function verifyWebhookSignature(payload, headers, secret, options) {
  return verify(payload, headers, secret, options)[0];
}

// ---- verifyWebhook's envelope: a JSON object with a non-empty string `type`, in strict JSON (RFC
// 8259, UTF-8, no unpaired surrogate escapes such as "\ud800", at most 127 levels of nesting: what
// the core's Rust scanner and serde_json accept). The engine's JSON.parse builds the objects; what
// it accepts beyond strict JSON is looked at only when the text could hold it.

const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Whether `text` has at least 128 `{` and `[` (only then can it nest deeper than 127 levels). */
function manyBrackets(text) {
  let n = 0;
  for (const c of ['{', '[']) for (let i = text.indexOf(c); i >= 0 && n < 128; i = text.indexOf(c, i + 1)) n++;
  return n >= 128;
}

/** Where UTF-8 `b` stops being valid (its length when it is). */
function utf8ValidUpTo(b) {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const lo = k > 1 ? 0x80 : c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
      const hi = k > 1 ? 0xbf : c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
      if (!(b[i + k] >= lo && b[i + k] <= hi)) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** The offset of the first byte where `b` is not strict JSON, or -1 (the core's scanner, in JS). */
function jsonErrorAt(b) {
  let i = utf8ValidUpTo(b);
  if (i < b.length) return i;
  i = 0;
  const fail = () => {
    throw i;
  };
  const ws = () => {
    while (b[i] === 32 || b[i] === 9 || b[i] === 10 || b[i] === 13) i++;
  };
  const expect = (c) => {
    if (b[i] !== c) fail();
    i++;
  };
  const digits = () => {
    if (!(b[i] >= 48 && b[i] <= 57)) fail();
    while (b[i] >= 48 && b[i] <= 57) i++;
  };
  const hex4 = () => {
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const c = b[i];
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) fail();
      v = v * 16 + d;
      i++;
    }
    return v;
  };
  const string = () => {
    for (;;) {
      const c = b[i];
      if (c === 34) return void i++;
      if (c === 92) {
        const e = b[++i];
        i++;
        if (e === 117) {
          const hi = hex4();
          if (hi >= 0xdc00 && hi <= 0xdfff) fail();
          if (hi >= 0xd800 && hi <= 0xdbff) {
            if (b[i] !== 92 || b[i + 1] !== 117) fail();
            i += 2;
            const lo = hex4();
            if (lo < 0xdc00 || lo > 0xdfff) fail();
          }
        } else if (![34, 92, 47, 98, 102, 110, 114, 116].includes(e)) {
          i--;
          fail();
        }
      } else if (c === undefined || c < 0x20) fail();
      else i++;
    }
  };
  const list = (d, close, item) => {
    ws();
    if (b[i] === close) return void i++;
    for (;;) {
      ws();
      item(d);
      ws();
      if (b[i] === 44) i++;
      else if (b[i] === close) return void i++;
      else fail();
    }
  };
  const member = (d) => {
    expect(34);
    string();
    ws();
    expect(58);
    ws();
    value(d);
  };
  const value = (d) => {
    const c = b[i];
    if ((c === 123 || c === 91) && d >= 127) fail();
    if (c === 123) i++, list(d + 1, 125, member);
    else if (c === 91) i++, list(d + 1, 93, value);
    else if (c === 34) i++, string();
    else if (c === 116 || c === 102 || c === 110) for (const x of c === 116 ? 'true' : c === 102 ? 'false' : 'null') expect(x.charCodeAt(0));
    else if (c === 45 || (c >= 48 && c <= 57)) {
      if (c === 45) i++;
      if (b[i] === 48) i++;
      else digits();
      if (b[i] === 46) i++, digits();
      if (b[i] === 101 || b[i] === 69) {
        i++;
        if (b[i] === 43 || b[i] === 45) i++;
        digits();
      }
    } else fail();
  };
  try {
    ws();
    if (b[i] === 123) i++, list(1, 125, member);
    else value(0);
    ws();
    if (i !== b.length) fail();
    return -1;
  } catch (at) {
    if (typeof at !== 'number') throw at;
    return at;
  }
}

const invalidPayload = (why) => new WebhookVerificationError(`the signature is valid but the body${why}`, 'invalid_payload');
const EVENT_FORM = ' (an event is { type, timestamp, data })';
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** The verified body `p` (string or bytes) parsed as an event envelope, or the core's `invalid_payload` error. */
function envelope(p) {
  let text;
  try {
    text = typeof p === 'string' ? p : decoder.decode(p);
  } catch {
    // not UTF-8: jsonErrorAt says where
  }
  let body;
  if (text !== undefined && !(text.indexOf('\\u') >= 0 && SURROGATE_ESCAPE.test(text)) && !manyBrackets(text)) {
    try {
      body = JSON.parse(text);
    } catch {
      // jsonErrorAt says where
    }
  }
  if (body === undefined) {
    const b = typeof p === 'string' ? encoder.encode(p) : p;
    const at = jsonErrorAt(b);
    if (at >= 0) {
      const line = b.subarray(0, at).reduce((n, c) => n + (c === 10), 1);
      const column = at - (at > 0 ? b.lastIndexOf(10, at - 1) : -1);
      throw invalidPayload(` is not JSON (${at >= b.length ? 'unexpected end' : 'syntax error'} at line ${line}, column ${column}); use verifyWebhookSignature for non-JSON bodies`);
    }
    body = JSON.parse(text);
  }
  if (typeof body !== 'object' || body === null || isArray(body)) throw invalidPayload(` is not a JSON object${EVENT_FORM}`);
  if (!hasOwn(body, 'type')) throw invalidPayload(` has no \`type\`${EVENT_FORM}`);
  if (typeof body.type !== 'string' || body.type === '') throw invalidPayload("'s `type` is not a non-empty string");
  return body;
}

/** Verifies a delivery and parses it: `{ id, timestamp, type, data, body, keyEncoding }`. */
export function verifyWebhook(payload, headers, secret, options) {
  const [v, p] = verify(payload, headers, secret, options);
  const body = envelope(p);
  return { id: v.id, timestamp: v.timestamp, keyEncoding: v.keyEncoding, type: body.type, data: hasOwn(body, 'data') ? body.data : null, body };
}

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Signs a payload like OMS does; returns the three `webhook-*` headers (for tests). */
export function signWebhook(input) {
  if (!state.ready) notReady();
  if (input === null || typeof input !== 'object') throw usage('signWebhook takes { payload, secret, id?, timestamp? }.');
  const payload = payloadOf(get(input, 'payload'));
  const secret = get(input, 'secret');
  let problem = typeof payload === 'number' ? payload : secretOk(secret) ? 0 : 6;
  let id = get(input, 'id');
  let timestamp = get(input, 'timestamp');
  let enc = 0;
  if (problem === 0) {
    if (id === undefined || id === null) {
      id = 'msg_';
      for (let i = 0; i < 24; i++) id += ALPHABET[Math.min(Math.floor(Math.random() * 32), 31)];
    } else if (!(typeof id === 'string' && id.length > 0 && id.length <= MAX_STRING_UNITS && wellFormed(id) && encoder.encode(id).length <= 256)) {
      throw usage('id must be a non-empty string of at most 256 characters.');
    }
    if (timestamp === undefined || timestamp === null) timestamp = Math.floor(Date.now() / 1000);
    else if (typeof timestamp === 'number' && timestamp >= 1e11) throw usage('timestamp looks like milliseconds; pass Unix seconds.');
    else if (!(typeof timestamp === 'number' && Number.isFinite(timestamp) && timestamp >= 0 && timestamp % 1 === 0)) throw usage('timestamp must be whole Unix seconds.');
    enc = encodingOf(get(input, 'secretEncoding'));
  }
  const bytes = typeof payload === 'string' ? encoder.encode(payload) : typeof payload === 'number' ? EMPTY : payload;
  const r = raw.__whSign(problem, bytes, problem ? '' : secret, problem ? '' : id, problem ? 0 : timestamp, enc);
  if (r[0] === '!') throw failure(r);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': r };
}

// The fetch client's I/O. Every decision is the wasm core's (src/wasm/client.rs over src/client/:
// building, the token, 401 refresh-and-replay, retries and their backoff, redirects and oversized
// bodies refused, parsing, errors, hooks): it hands out one action at a time as a short string, and
// this file performs it and reports what happened, until the call is done.
//
//   S<id> <timeoutMs> <headerCount> <hasBody>\n method \n url \n (name \n value \n)* body
//                                   → fetch (redirect: 'manual'), read the body under the cap,
//                                     everything raced against the attempt's timeout and the
//                                     caller's signal → core.received(...) / core.failed(...)
//   W<id> <ms>                      → sleep (abortable) → core.woke(id)
//   T<id>                           → await core.token(id) (cache, provider, store or exchange)
//   D<id>\n json                    → the result (JSON text; empty for a token exchange)
//
// The caller's signal aborted before an attempt or during a sleep → core.aborted(id), which throws.
// Doing the I/O here instead of through wasm-bindgen imports costs two wasm calls for a call whose
// token is cached (begin, received) instead of ~40 crossings and a Rust future per call.
import * as raw from './wasm/oms_wasm.mjs';

/** Largest response body read, in bytes (the core's `MAX_BODY_BYTES`, 32 MiB). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
const TIMEOUT = Symbol('timeout');
const ABORT = Symbol('abort');
const noop = () => {};
const Headers_ = typeof Headers === 'function' ? Headers : undefined;
// `decode` without `stream` keeps no state between calls: one decoder serves every body
const utf8 = new TextDecoder();

/** `new OmsClientCore(options)` wired to this transport. */
export function newCore(options) {
  let transport;
  const core = new raw.OmsClientCore(options, (id, action) => drive(core, transport, id, action, undefined));
  const [fetchFn, fetchThis, names] = core.transport();
  const list = names.split('\n');
  transport = { fetchFn, fetchThis, names: list, wanted: new Set(list) };
  return { core, transport };
}

/** `client.request(operation, params, options)`. */
export function request(wired, operation, params, options) {
  return run(wired, () => wired.core.begin(operation, params, options), options);
}

/** `client.requestRaw(method, path, options)`. */
export function requestRaw(wired, method, path, options) {
  return run(wired, () => wired.core.beginRaw(method, path, options), options);
}

/** Starts a call with `begin` (which throws for invalid input: a rejected promise) and drives it. */
function run({ core, transport }, begin, options) {
  let action;
  try {
    action = begin();
  } catch (e) {
    return Promise.reject(e);
  }
  return drive(core, transport, idOf(action), action, signalOf(options));
}

function idOf(action) {
  let end = action.indexOf(' ');
  const nl = action.indexOf('\n');
  if (end < 0 || (nl >= 0 && nl < end)) end = nl < 0 ? action.length : nl;
  return Number(action.slice(1, end));
}

/** The caller's `signal` when it has an AbortSignal's shape (the core refused any other value). */
function signalOf(options) {
  try {
    const s = options?.signal;
    return typeof s?.aborted === 'boolean' && typeof s.addEventListener === 'function' ? s : undefined;
  } catch {
    return undefined;
  }
}

const aborted = (signal) => {
  try {
    return signal?.aborted === true;
  } catch {
    return false;
  }
};

/** Performs call `id` from `action` until it is done: resolves to the parsed result. */
async function drive(core, transport, id, action, signal) {
  try {
    for (;;) {
      switch (action.charCodeAt(0)) {
        case 68: { // D
          const nl = action.indexOf('\n');
          return nl < 0 ? undefined : JSON.parse(action.slice(nl + 1));
        }
        case 83: // S
          action = aborted(signal) ? core.aborted(id) : await attempt(core, transport, id, action, signal);
          break;
        case 87: // W
          await sleep(Number(action.slice(action.indexOf(' ') + 1)), signal);
          action = aborted(signal) ? core.aborted(id) : core.woke(id);
          break;
        case 84: // T
          action = aborted(signal) ? core.aborted(id) : await core.token(id);
          break;
        default:
          throw new TypeError('oms-wasm: unknown transport action');
      }
    }
  } finally {
    core.release(id);
  }
}

function sleep(ms, signal) {
  if (!(ms > 0) || aborted(signal)) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** One attempt: fetch + body read, raced against the timeout and the caller's signal. */
async function attempt(core, transport, id, action, signal) {
  // S<id> <timeout> <n> <hasBody>
  let at = action.indexOf('\n');
  const head = action.slice(0, at).split(' ');
  const timeoutMs = Number(head[1]);
  const n = Number(head[2]);
  const line = () => {
    const start = at + 1;
    at = action.indexOf('\n', start);
    return action.slice(start, at);
  };
  const method = line();
  const url = line();
  const headers = {};
  for (let i = 0; i < n; i++) {
    const k = line();
    headers[k] = line();
  }
  // OMS never redirects API calls; following one would carry the secret or the token (and a
  // replayed POST) to whatever origin `Location` names.
  // `signal` is a getter: every fetch that honours it reads it (undici, workerd, browsers, Deno,
  // a wrapper spreading `init`), and one that never reads it (an in-process handler, a test
  // double) does not pay for making it — in Node 20 the controller's signal costs ~4 µs. On a
  // timeout or an abort, `controller.abort()` aborts the signal whether or not it was read yet.
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const init = controller
    ? {
        method,
        headers,
        redirect: 'manual',
        get signal() {
          return controller.signal;
        },
      }
    : { method, headers, redirect: 'manual' };
  if (head[3] === '1') init.body = action.slice(at + 1);

  let fail;
  const deadline = new Promise((_, reject) => {
    fail = reject;
  });
  deadline.catch(noop);
  const timer = setTimeout(fail, timeoutMs, TIMEOUT);
  const onAbort = () => fail(ABORT);
  signal?.addEventListener('abort', onAbort, { once: true });
  const race = (p) => Promise.race([p, deadline]);
  let report;
  try {
    const res = await race(transport.fetchFn.call(transport.fetchThis, url, init));
    const status = Number(res?.status);
    const hs = res?.headers;
    let h = hs;
    if (Headers_ !== undefined && hs instanceof Headers_) {
      // one pass over a real `Headers` (lowercase names, repeated ones joined as `get` joins
      // them): ~0.2 µs for a few headers where seven `get`s take ~1.2 µs in Node 20
      h = '';
      for (const [name, v] of hs) if (transport.wanted.has(name)) h += `${name}\n${v}\n`;
    } else if (typeof hs?.get === 'function') {
      h = '';
      for (const name of transport.names) {
        const v = hs.get(name);
        if (typeof v === 'string') h += `${name}\n${v}\n`;
      }
    }
    // Redirects are never followed (`redirect: 'manual'`): a 3xx, a browser's opaque redirect,
    // or a response a custom fetch reached by following one is refused unread.
    if ((status >= 300 && status < 400) || res?.redirected === true || res?.type === 'opaqueredirect') {
      cancel(res?.body);
      report = () => core.received(id, status, 1, h, '');
    } else {
      // the read as a whole is raced (not each chunk); left behind by a timeout or an abort, it
      // ends with the fetch's aborted stream, its rejection handled here
      const reading = readBody(res, hs);
      reading.catch(noop);
      const body = await race(reading);
      report =
        body === undefined
          ? () => core.received(id, status, 2, h, '')
          : typeof body === 'string'
            ? () => core.received(id, status, 0, h, body)
            : () => core.receivedBytes(id, status, h, body) ?? core.received(id, status, 0, h, utf8.decode(body));
    }
  } catch (e) {
    const failure = e === ABORT || aborted(signal) ? 2 : e === TIMEOUT ? 0 : 1;
    if (failure !== 1) controller?.abort();
    report = () => core.failed(id, failure, failure === 1 ? e : undefined);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
  return report();
}

function cancel(target) {
  try {
    const p = target?.cancel?.();
    if (typeof p?.then === 'function') p.then(undefined, noop);
  } catch {
    // nothing to release
  }
}

/**
 * The body under MAX_BODY_BYTES (`undefined` when over it): streamed through `body.getReader()`
 * and stopped at the cap, never downloaded whole first. A `Content-Length` over the cap is refused
 * before reading; a smaller one is not trusted (a compressed body can inflate far beyond it).
 * Through `text()` only when the response has no stream (a test double): a string then; otherwise
 * the bytes: the core takes UTF-8 without a BOM as it is, and anything else is decoded here as
 * `text()` decodes it (invalid UTF-8 replaced, a leading BOM removed).
 */
async function readBody(res, headers) {
  const stream = res.body;
  let length;
  try {
    length = Number(headers?.get?.('content-length')?.trim() || NaN);
  } catch {
    length = NaN;
  }
  if (length > MAX_BODY_BYTES) {
    cancel(stream);
    return undefined;
  }
  if (typeof stream?.getReader !== 'function') {
    if (typeof res.text !== 'function') throw new TypeError('the fetch response has no text()');
    const text = await res.text();
    if (typeof text !== 'string') return '';
    return text.length > MAX_BODY_BYTES ? undefined : text;
  }
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!(value instanceof Uint8Array)) throw new TypeError('the body stream gave a non-bytes chunk');
    size += value.length;
    if (size > MAX_BODY_BYTES) {
      cancel(reader);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    bytes.set(c, o);
    o += c.length;
  }
  return bytes;
}

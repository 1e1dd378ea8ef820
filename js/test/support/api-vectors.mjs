// Loads the shared golden vectors of the request layer (tests/vectors/api/*.json: request builds;
// tests/vectors/responses/*.json: response parsing) — the same files `cargo test --test
// api_vectors` runs natively — and checks results of the JS `buildRequest` / `parseResponse`
// against them. Each file's "$format" states the rules; this harness follows them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadJson, vectorsDir } from './vectors.mjs';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The date the vectors assume when a case gives no `options.today`. */
export const VECTOR_TODAY = '2026-01-15';

function load(dir) {
  const out = [];
  for (const file of readdirSync(join(vectorsDir, dir)).sort()) {
    if (!file.endsWith('.json')) continue;
    const doc = loadJson(join(dir, file));
    for (const c of doc.cases) out.push({ file: `${dir}/${file}`, ...c });
  }
  return out;
}

/**
 * Build cases as `{ file, name, operation, params, options, expect, generatedKey }`: `options` is
 * ready for buildRequest (test-only `randomBytes` removed, `today` defaulted); `generatedKey` says
 * the Idempotency-Key comes from random bytes (checked against the UUID v4 form instead).
 */
export function buildCases() {
  return load('api').filter((c) => c.only !== 'rust').map((c) => {
    const options = c.options && typeof c.options === 'object' ? { ...c.options } : c.options;
    let generatedKey = false;
    if (options && typeof options === 'object') {
      if ('randomBytes' in options) {
        delete options.randomBytes;
        generatedKey = true;
      }
      if (!('today' in options)) options.today = VECTOR_TODAY;
    }
    return { ...c, options, generatedKey };
  });
}

/** Response cases as `{ file, name, operation, status, bodyText, headers, expect }`. */
export function responseCases() {
  return load('responses').map((c) => ({
    ...c,
    bodyText: typeof c.bodyText === 'string' ? c.bodyText : c.body === undefined ? '' : JSON.stringify(c.body),
  }));
}

/** A thrown value as plain data (what the checks and the worker harness compare). */
export function errorData(e) {
  if (!e || typeof e !== 'object') return { threw: true, value: String(e) };
  const out = { threw: true, name: e.name, code: e.code, message: e.message };
  for (const k of ['issues', 'status', 'serverCode', 'requestId', 'retryAfterSeconds', 'body']) if (k in e) out[k] = e[k];
  return out;
}

/** Runs `fn()` and returns its value, or the thrown error as data. */
export function capture(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return errorData(e);
  }
}

/** Compares a buildRequest outcome (`capture` form) with a case; returns a mismatch or null. */
export function buildMismatch(outcome, c) {
  const want = c.expect;
  if (want.error) {
    if (!outcome.threw) return `built ${JSON.stringify(outcome.value)}, expected error ${want.error.code}`;
    if (outcome.code !== want.error.code) return `error ${outcome.code} (${outcome.message}), expected ${want.error.code}`;
    const expectedClass = want.error.code === 'invalid_params' ? 'OmsValidationError' : 'OmsError';
    if (outcome.name !== expectedClass) return `error class ${outcome.name}, expected ${expectedClass}`;
    if (want.error.issues) {
      const got = JSON.stringify((outcome.issues ?? []).map((i) => ({ code: i.code, path: i.path })));
      const exp = JSON.stringify(want.error.issues.map((i) => ({ code: i.code, path: i.path })));
      if (got !== exp) return `issues ${got}, expected ${exp}`;
    }
    return null;
  }
  if (outcome.threw) return `threw ${outcome.name} ${outcome.code}: ${outcome.message} ${JSON.stringify(outcome.issues ?? '')}`;
  const got = outcome.value;
  // `warnings`: a non-enumerable array on every built request (advice that did not stop the build).
  const desc = Object.getOwnPropertyDescriptor(got, 'warnings');
  if (!desc || desc.enumerable || !Array.isArray(desc.value)) return 'no non-enumerable warnings array on the built request';
  const gotW = JSON.stringify(desc.value.map((i) => ({ code: i.code, path: i.path })));
  const wantW = JSON.stringify((want.warnings ?? []).map((i) => ({ code: i.code, path: i.path })));
  if (gotW !== wantW) return `warnings ${gotW}, expected ${wantW}`;
  const headers = { ...got.headers };
  const wantHeaders = { ...want.headers };
  if (c.generatedKey) {
    if (!UUID_V4.test(headers['Idempotency-Key'] ?? '')) return `generated Idempotency-Key ${headers['Idempotency-Key']} is not a UUID v4`;
    headers['Idempotency-Key'] = wantHeaders['Idempotency-Key'];
  }
  // compare as text, so header and body key order count
  const gotText = JSON.stringify({ method: got.method, url: got.url, headers, ...(got.body === undefined ? {} : { body: got.body }) });
  const wantText = JSON.stringify({ method: want.method, url: want.url, headers: wantHeaders, ...(want.body === undefined ? {} : { body: want.body }) });
  if (Object.keys(got).join() !== (got.body === undefined ? 'method,url,headers' : 'method,url,headers,body')) return `unexpected enumerable keys ${Object.keys(got)}`;
  return gotText === wantText ? null : `got  ${gotText}\n   want ${wantText}`;
}

/** Compares a parseResponse outcome (`capture` form) with a case; returns a mismatch or null. */
export function responseMismatch(outcome, c) {
  const want = c.expect;
  if (want.ok) {
    if (outcome.threw) return `threw ${outcome.code}: ${outcome.message}`;
    const got = JSON.stringify(outcome.value);
    const exp = JSON.stringify(want.value);
    return got === exp ? null : `value ${got}\n   want  ${exp}`;
  }
  if (!outcome.threw) return `parsed ${JSON.stringify(outcome.value)}, expected an error`;
  if (outcome.name !== 'OmsApiError') return `error class ${outcome.name}, expected OmsApiError`;
  const diffs = [];
  for (const [k, v] of Object.entries(want.error)) {
    const got = outcome[k] ?? null;
    if (JSON.stringify(got) !== JSON.stringify(v)) diffs.push(`${k}: got ${JSON.stringify(got)}, want ${JSON.stringify(v)}`);
  }
  // JS: `body` is the parsed JSON when the body is JSON, else the raw text. `expect.body` is the
  // kept body when it differs from bodyText (redacted token responses).
  const keptText = typeof want.body === 'string' ? want.body : c.bodyText;
  let wantBody = keptText;
  try {
    wantBody = JSON.parse(keptText);
  } catch {
    // not JSON: the raw text
  }
  if (JSON.stringify(outcome.body) !== JSON.stringify(wantBody)) diffs.push(`body ${JSON.stringify(outcome.body)}, want ${JSON.stringify(wantBody)}`);
  return diffs.length ? diffs.join('; ') : null;
}

/** Runs every case through `oms` (an imported package namespace) and returns the failures. */
export function runAll(oms) {
  const failures = [];
  const builds = buildCases();
  for (const c of builds) {
    const m = buildMismatch(capture(() => oms.buildRequest(c.operation, c.params, c.options)), c);
    if (m) failures.push(`${c.file} ${c.name}: ${m}`);
  }
  const responses = responseCases();
  for (const c of responses) {
    const m = responseMismatch(capture(() => oms.parseResponse(c.operation, c.status, c.bodyText, c.headers)), c);
    if (m) failures.push(`${c.file} ${c.name}: ${m}`);
  }
  return { failures, count: builds.length + responses.length };
}

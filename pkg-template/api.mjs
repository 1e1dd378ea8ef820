// The public API, shared by every entry. Thin by design: the wasm core does all validation,
// signing and parsing; this file only adds what JavaScript is the natural home for — the
// "not initialized" guard, error classes, Standard Schema objects and `init()`.
import * as raw from './wasm/oms_wasm.mjs';
import { OmsError, OmsValidationError } from './errors.mjs';
import { state } from './state.mjs';

export { OmsError, OmsApiError, OmsConnectionError, OmsValidationError, WebhookVerificationError } from './errors.mjs';

function notReady() {
  throw new OmsError(
    'oms-wasm is not initialized: in a browser, call `await init()` once before using it ' +
      '(Node.js, Deno and Cloudflare Workers entries are ready at import).',
    'not_initialized',
  );
}

/**
 * Loads the WebAssembly module. Needed once in browsers (the `default`/`browser` entry); elsewhere it
 * resolves at once. `input` may be a URL, a Response, bytes or a compiled WebAssembly.Module.
 */
export function init(input) {
  if (state.ready) return Promise.resolve();
  if (!state.initializer) return Promise.reject(new OmsError('No initializer for this entry.', 'not_initialized'));
  state.pending ??= state.initializer(input).catch((e) => {
    state.pending = undefined;
    throw e;
  });
  return state.pending;
}

/** Synchronous initialization from bytes or a compiled WebAssembly.Module (e.g. in a Web Worker). */
export function initSync(module) {
  if (state.ready) return;
  if (!state.initializerSync) throw new OmsError('No initializer for this entry.', 'not_initialized');
  state.initializerSync(module);
}

export function version() {
  if (!state.ready) notReady();
  return raw.version();
}

export function setIssueMessages(messages) {
  if (!state.ready) notReady();
  return raw.setIssueMessages(messages);
}

export function validatePhone(input, options) {
  if (!state.ready) notReady();
  return raw.validatePhone(input, options);
}

export function validateAddress(input, options) {
  if (!state.ready) notReady();
  return raw.validateAddress(input, options);
}

export function validateTaxId(input, options) {
  if (!state.ready) notReady();
  return raw.validateTaxId(input, options);
}

export function validateBirthDate(input, options) {
  if (!state.ready) notReady();
  return raw.validateBirthDate(input, options);
}

export function validateEmail(input, options) {
  if (!state.ready) notReady();
  return raw.validateEmail(input, options);
}

export function validateCountry(input, options) {
  if (!state.ready) notReady();
  return raw.validateCountry(input, options);
}

export function validateCustomer(input, options) {
  if (!state.ready) notReady();
  return raw.validateCustomer(input, options);
}

// ---- Standard Schema v1 (https://standardschema.dev): form libraries call `~standard.validate`.

function makeSchema(name, validate, options, output = (v) => v) {
  const run = (value) => {
    const r = validate(value, options);
    return r.ok ? { ok: true, value: output(r.value) } : r;
  };
  return Object.freeze({
    '~standard': Object.freeze({
      version: 1,
      vendor: 'oms-wasm',
      validate(value) {
        const r = run(value);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    }),
    /** Validates; returns `{ ok, value }` or `{ ok: false, issues }`. */
    safeParse: run,
    /** Validates; returns the value or throws OmsValidationError. */
    parse(value) {
      const r = run(value);
      if (r.ok) return r.value;
      const err = new OmsValidationError(`Invalid ${name}: ${r.issues.map((i) => i.message).join(' ')}`, 'validation_failed');
      err.issues = r.issues;
      throw err;
    },
    /** The same schema with other validator options. */
    with(more) {
      return makeSchema(name, validate, { ...options, ...more }, output);
    },
  });
}

/** Standard Schema for a whole customer payload (options via `.with({ mode: 'update' })`). */
export const customerSchema = makeSchema('customer', validateCustomer, undefined);
/** Standard Schema for a structured address. */
export const addressSchema = makeSchema('address', validateAddress, undefined);
/** Standard Schema for a phone field; its output is the E.164 string (`.with({ defaultCountry: 'US' })`). */
export const phoneSchema = makeSchema('phone number', validatePhone, undefined, (p) => p.e164);

/** Every issue code the validators can return. */
export function issueCodes() {
  if (!state.ready) notReady();
  return raw.issueCodes();
}

// ---- requests (sans-IO): build a request for any transport, parse its response.

export function buildRequest(operation, params, options) {
  if (!state.ready) notReady();
  return raw.buildRequest(operation, params, options);
}

export function parseResponse(operation, status, bodyText, headers) {
  if (!state.ready) notReady();
  return raw.parseResponse(operation, status, bodyText, headers);
}

/** Every operation name. */
export function operations() {
  if (!state.ready) notReady();
  return raw.operations();
}

/** `{ name, method, path, params, requiresAuth, idempotencyKey }` of an operation, or undefined. */
export function describeOperation(operation) {
  if (!state.ready) notReady();
  return raw.describeOperation(operation);
}

// ---- webhooks: synchronous verification (no WebCrypto, no Buffer) and a signing helper for tests.

/** Verifies a delivery's signature over the exact payload bytes: `{ id, timestamp, keyEncoding }`. */
export function verifyWebhookSignature(payload, headers, secret, options) {
  if (!state.ready) notReady();
  return raw.verifyWebhookSignature(payload, headers, secret, options);
}

/** Verifies a delivery and parses it: `{ id, timestamp, type, data, body, keyEncoding }`. */
export function verifyWebhook(payload, headers, secret, options) {
  if (!state.ready) notReady();
  return raw.verifyWebhook(payload, headers, secret, options);
}

/** Signs a payload like OMS does; returns the three `webhook-*` headers (for tests). */
export function signWebhook(input) {
  if (!state.ready) notReady();
  return raw.signWebhook(input);
}
export { OmsClient } from './client.mjs';

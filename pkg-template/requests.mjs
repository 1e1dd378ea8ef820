// The sans-IO request layer: build a request for any transport, parse its response.
import * as raw from './wasm/oms_wasm.mjs';
import { notReady, state } from './state.mjs';

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

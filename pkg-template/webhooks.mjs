// Webhooks: synchronous verification (no WebCrypto, no Buffer) and a signing helper for tests.
import * as raw from './wasm/oms_wasm.mjs';
import { notReady, state } from './state.mjs';

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

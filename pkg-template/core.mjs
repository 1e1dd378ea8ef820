// Shared by every entry and subpath: initialization, the version, the error classes and the
// "not initialized" guard. Thin by design: the wasm core does all the work.
import * as raw from './wasm/oms_wasm.mjs';
import { OmsError } from './errors.mjs';
import { notReady, state } from './state.mjs';

export { OmsError, OmsApiError, OmsConnectionError, OmsValidationError, WebhookVerificationError } from './errors.mjs';

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

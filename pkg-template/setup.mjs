// Internal: called by the entry files once the wasm module is instantiated, and the init()/initSync()
// of the entries that are ready at import (Node.js, Deno, Bun, Cloudflare Workers).
import * as raw from './wasm/oms_wasm.mjs';
import { errorClasses } from './errors.mjs';
import { state } from './state.mjs';

export function __setup() {
  raw.__registerErrorClasses(errorClasses);
  state.ready = true;
}

/** Ready at import: resolves at once (the argument is not used). */
export function init() {
  return Promise.resolve();
}

/** Ready at import: does nothing (the argument is not used). */
export function initSync() {}

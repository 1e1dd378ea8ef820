// Internal: load state shared by the entry files and the API modules. Not part of the public API.
import { OmsError } from './errors.mjs';

export const state = { ready: false, pending: undefined };

/** Throws the `not_initialized` OmsError (browser entry used before `await init()`). */
export function notReady() {
  throw new OmsError(
    'oms-wasm is not initialized: in a browser, call `await init()` once before using it ' +
      '(Node.js, Deno, Bun and Cloudflare Workers entries are ready at import).',
    'not_initialized',
  );
}

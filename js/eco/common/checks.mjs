// The matrix checks over the three entries imported by name (what bundlers and ESM runtimes see).
import * as root from 'oms-wasm';
import * as validate from 'oms-wasm/validate';
import * as webhooks from 'oms-wasm/webhooks';
import { runChecks as run } from './checks-core.mjs';

export { EXPECTED } from './checks-core.mjs';

/** Runs the checks; `wasm` gives init() inputs per entry (`root`, `validate`, `webhooks`). */
export function runChecks(wasm) {
  return run({ root, validate, webhooks }, wasm);
}

// Node.js (and Deno, Bun) ESM entry: the module is compiled and instantiated synchronously at import
// (a side effect: package.json "sideEffects" lists this file).
import { readFileSync } from 'node:fs';
import { initSync as initWasmSync } from './wasm/oms_wasm.mjs';
import { __setup } from './setup.mjs';

initWasmSync({ module: readFileSync(new URL('./wasm/oms-wasm.wasm', import.meta.url)) });
__setup();

export { init, initSync } from './setup.mjs';
export * from './api.mjs';

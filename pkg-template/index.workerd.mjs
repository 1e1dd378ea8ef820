// Cloudflare Workers / workerd / edge entry. The .wasm is imported as a module (Workers compile it at
// deploy time and forbid compiling from bytes at run time) and instantiated synchronously at import
// (a side effect: package.json "sideEffects" lists this file).
import wasmModule from './wasm/oms-wasm.wasm';
import { initSync as initWasmSync } from './wasm/oms_wasm.mjs';
import { __setup } from './setup.mjs';

initWasmSync({ module: wasmModule });
__setup();

export { init, initSync } from './setup.mjs';
export * from './api.mjs';

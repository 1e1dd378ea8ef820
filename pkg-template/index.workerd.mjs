// Cloudflare Workers / workerd / edge entry. The .wasm is imported as a module (Workers compile it at
// deploy time and forbid compiling from bytes at run time) and instantiated synchronously.
import wasmModule from './wasm/oms_wasm_bg.wasm';
import { initSync } from './wasm/oms_wasm.mjs';
import { __setup } from './setup.mjs';

initSync({ module: wasmModule });
__setup();

export * from './api.mjs';

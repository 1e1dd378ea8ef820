// Node.js (and Deno) ESM entry: the module is compiled and instantiated synchronously at import.
import { readFileSync } from 'node:fs';
import { initSync } from './wasm/oms_wasm.mjs';
import { __setup } from './setup.mjs';

initSync({ module: readFileSync(new URL('./wasm/oms_wasm_bg.wasm', import.meta.url)) });
__setup();

export * from './api.mjs';

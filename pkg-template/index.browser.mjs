// Browser (and bundler) entry: call `await init()` once before anything else. By default the .wasm
// is fetched from next to this file (`new URL(..., import.meta.url)`, which bundlers understand).
import initWasm, { initSync as initWasmSync } from './wasm/oms_wasm.mjs';
import { __setup, __setInitializer } from './setup.mjs';

__setInitializer(
  async (input) => {
    await initWasm(input === undefined ? undefined : { module_or_path: input });
    __setup();
  },
  (module) => {
    initWasmSync({ module });
    __setup();
  },
);

export * from './api.mjs';

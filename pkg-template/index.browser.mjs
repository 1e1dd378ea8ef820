// Browser (and bundler) entry: call `await init()` once before anything else. By default the .wasm
// is fetched from next to this file (a `new URL(…, import.meta.url)` of wasm/oms-wasm.wasm), which Vite,
// webpack and Rspack turn into an emitted asset. Otherwise pass init() its URL (or bytes, a Response
// or a compiled module): with esbuild, `import wasmUrl from 'oms-wasm/wasm'` and `--loader:.wasm=file`.
// The module is checked before it is instantiated (load.mjs): another entry's .wasm is refused with
// an error naming the file this entry expected.
//
// No side effect at import (nothing runs before init()), so package.json "sideEffects" leaves this
// file out and bundlers may tree-shake it.
import initWasm, { initSync as initWasmSync } from './wasm/oms_wasm.mjs';
import { OmsError } from './errors.mjs';
import { compileChecked, compileCheckedSync } from './load.mjs';
import { __setup } from './setup.mjs';
import { state } from './state.mjs';

// Filled in by js/scripts/build.mjs: this entry's .wasm (name, subpath, version, fingerprint).
const EXPECTED = /* @oms-wasm-expected */ {};

function defaultUrl() {
  try {
    return new URL('./wasm/oms-wasm.wasm', import.meta.url);
  } catch (e) {
    throw Object.assign(
      new OmsError(`init() has no URL for ${EXPECTED.file}: this bundle has no import.meta.url. Pass the file's URL: \`import wasmUrl from '${EXPECTED.subpath}'\` with your bundler's file loader, then \`await init(wasmUrl)\`.`, 'wasm_load_failed'),
      { cause: e },
    );
  }
}

/**
 * Loads the WebAssembly module; needed once before any other call. `input`: the .wasm's URL
 * (default: next to this file), a Response, its bytes or a compiled WebAssembly.Module.
 */
export function init(input) {
  if (state.ready) return Promise.resolve();
  state.pending ??= (async () => {
    const module = await compileChecked(input === undefined ? defaultUrl() : input, EXPECTED);
    await initWasm({ module_or_path: module });
    __setup();
  })().catch((e) => {
    state.pending = undefined;
    throw e;
  });
  return state.pending;
}

/** Synchronous initialization from the .wasm's bytes or a compiled WebAssembly.Module (e.g. in a Web Worker). */
export function initSync(module) {
  if (state.ready) return;
  initWasmSync({ module: compileCheckedSync(module, EXPECTED) });
  __setup();
}

export * from './api.mjs';

// Internal: called by the entry files once the wasm module is instantiated.
import * as raw from './wasm/oms_wasm.mjs';
import { errorClasses } from './errors.mjs';
import { state } from './state.mjs';

export function __setup() {
  raw.__registerErrorClasses(errorClasses);
  state.ready = true;
}

export function __setInitializer(initAsync, initSync) {
  state.initializer = initAsync;
  state.initializerSync = initSync;
}

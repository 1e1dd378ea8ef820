// Tree-shaking with esbuild (which honours package.json "sideEffects"): only validatePhone from the
// root entry, with the recipe. The client glue is left out of the bundle, and init() still works.
import { init, validatePhone } from 'oms-wasm';
import wasmUrl from 'oms-wasm/wasm';

init(wasmUrl).then(
  () => (window.__ECO_RESULT = { phone: validatePhone('+44 20 7946 0958').value?.e164 }),
  (e) => (window.__ECO_ERROR = String(e?.stack ?? e)),
);

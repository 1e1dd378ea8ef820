// esbuild without the recipe: init() cannot find the .wasm (esbuild emitted none) and says which
// file it expected and how to pass it.
import { init } from 'oms-wasm/validate';

init().then(
  () => (window.__ECO_RESULT = { loaded: true }),
  (e) => (window.__ECO_RESULT = { code: e.code, message: e.message }),
);

// Tree-shaking: only validatePhone from the root entry. With package.json "sideEffects", the client,
// request and webhook glue modules are left out of the bundle, and init() still works.
import { init, validatePhone } from 'oms-wasm';

init().then(
  () => (window.__ECO_RESULT = { phone: validatePhone('+44 20 7946 0958').value?.e164 }),
  (e) => (window.__ECO_ERROR = String(e?.stack ?? e)),
);

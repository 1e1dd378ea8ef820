// webpack 5, `target: 'web'`: the .wasm files are asset modules from `new URL(…, import.meta.url)`.
import { runChecks } from '../common/checks.mjs';

runChecks().then(
  (r) => (window.__ECO_RESULT = r),
  (e) => (window.__ECO_ERROR = String(e?.stack ?? e)),
);

// Rspack, `target: 'web'`, no rule for the package: .wasm assets from `new URL(…, import.meta.url)`.
import { runChecks } from '../common/checks.mjs';

runChecks().then(
  (r) => (window.__ECO_RESULT = r),
  (e) => (window.__ECO_ERROR = String(e?.stack ?? e)),
);

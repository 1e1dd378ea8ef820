// Vite, no configuration: the browser entries fetch their .wasm from the URL Vite emits for
// `new URL(…, import.meta.url)`.
import { runChecks } from '../common/checks.mjs';

runChecks().then(
  (r) => (window.__ECO_RESULT = r),
  (e) => (window.__ECO_ERROR = String(e?.stack ?? e)),
);

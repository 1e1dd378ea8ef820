// webpack 5, `target: 'webworker'`: a browser Web Worker (webpack matches the `worker` condition
// here, which must not lead to the Cloudflare entry). Posts the checks' result to the page.
import { runChecks } from '../common/checks.mjs';

runChecks().then(
  (r) => self.postMessage({ result: r }),
  (e) => self.postMessage({ error: String(e?.stack ?? e) }),
);

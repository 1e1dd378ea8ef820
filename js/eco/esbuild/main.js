// esbuild, the documented recipe: esbuild does not emit files referenced by
// `new URL(…, import.meta.url)`, so each entry's .wasm is imported from its subpath with the file
// loader and handed to init() (--public-path: where dist/ is served; the imported string is the URL):
//   esbuild main.js --bundle --format=esm --loader:.wasm=file --outdir=dist --public-path=/dist
import rootWasm from 'oms-wasm/wasm';
import validateWasm from 'oms-wasm/validate/wasm';
import webhooksWasm from 'oms-wasm/webhooks/wasm';
import * as validate from 'oms-wasm/validate';
import { runChecks } from '../common/checks.mjs';

async function main() {
  // The wrong file first: another entry's .wasm is refused, naming the file this entry expects.
  let wrong;
  await validate.init(webhooksWasm).catch((e) => (wrong = { code: e.code, message: e.message, isOmsError: e instanceof validate.OmsError }));
  const r = await runChecks({ root: rootWasm, validate: validateWasm, webhooks: webhooksWasm });
  return { ...r, wrong };
}

main().then(
  (r) => (window.__ECO_RESULT = r),
  (e) => (window.__ECO_ERROR = String(e?.stack ?? e)),
);

// Webhook verification in headless Chromium (playwright-core), through the browser entry after
// `await init()`: every shared vector, with the page's own Headers, Uint8Array/ArrayBuffer/DataView.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch } from './support/browser.mjs';
import { serve } from './support/static-server.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

let server, browser, page;
const pageErrors = [];
before(async () => {
  server = await serve(fileURLToPath(new URL('./support/', import.meta.url)));
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.url}/node_modules/oms-wasm/package.json`);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

for (const force of [undefined, 'complete']) test(`every webhook vector gives the same answer in Chromium (${force ? 'the complete check forced' : 'the default: wasm route'})`, async () => {
  const cases = webhookCases();
  const { results, used } = await page.evaluate(
    async ({ base, cases, force }) => {
      const oms = await import(`${base}/node_modules/oms-wasm/index.browser.mjs`);
      await oms.init();
      const { runCase, PAYLOAD_SHAPES, HEADER_SHAPES } = await import(`${base}/webhook-cases.mjs`);
      const n = PAYLOAD_SHAPES.length * HEADER_SHAPES.length;
      const hook = { force, used: {} };
      globalThis[Symbol.for('oms-wasm.webhooks.route')] = hook;
      try {
        return { results: cases.flatMap((c) => Array.from({ length: n }, (_, v) => runCase(oms, c, v))), used: hook.used };
      } finally {
        delete globalThis[Symbol.for('oms-wasm.webhooks.route')];
      }
    },
    { base: server.url, cases, force },
  );
  // no native HMAC in a browser: the wasm route verifies, the complete check decides the rest
  if (force) assert.deepEqual(Object.keys(used), ['complete']);
  else assert.ok(used.wasm >= 200 && !used.native, JSON.stringify(used));
  const n = results.length / cases.length;
  const problems = results.flatMap((r, i) => webhookMismatches(cases[Math.floor(i / n)], r));
  assert.deepEqual(problems, [], `${problems.length} problems in ${results.length} runs`);
  assert.deepEqual(pageErrors, []);
});

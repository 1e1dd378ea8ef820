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

test('every webhook vector gives the same answer in Chromium', async () => {
  const cases = webhookCases();
  const results = await page.evaluate(
    async ({ base, cases }) => {
      const oms = await import(`${base}/node_modules/oms-wasm/index.browser.mjs`);
      await oms.init();
      const { runCase, PAYLOAD_SHAPES, HEADER_SHAPES } = await import(`${base}/webhook-cases.mjs`);
      const n = PAYLOAD_SHAPES.length * HEADER_SHAPES.length;
      return cases.flatMap((c) => Array.from({ length: n }, (_, v) => runCase(oms, c, v)));
    },
    { base: server.url, cases },
  );
  const n = results.length / cases.length;
  const problems = results.flatMap((r, i) => webhookMismatches(cases[Math.floor(i / n)], r));
  assert.deepEqual(problems, [], `${problems.length} problems in ${results.length} runs`);
  assert.deepEqual(pageErrors, []);
});

// init() of the browser entries (the `browser`/`default` condition), run in Node (which has fetch and
// WebAssembly) by file path: each entry's .wasm has a distinct name and its own export subpath, and
// init()/initSync() check the module before instantiating it. Handed another entry's .wasm, a
// non-wasm file or a failing URL, they throw an OmsError naming the file they expected; afterwards
// the right file still works. (Chromium runs the same through esbuild: bundlers.test.mjs.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { eco, pkgDir, serve } from './support.mjs';

const require = createRequire(join(eco, 'package.json'));
const wasmPath = { root: require.resolve('oms-wasm/wasm'), validate: require.resolve('oms-wasm/validate/wasm'), webhooks: require.resolve('oms-wasm/webhooks/wasm') };
const browserEntry = (sub) => import(pathToFileURL(join(pkgDir, sub, 'index.browser.mjs')).href);

let server;
before(async () => {
  server = await serve(pkgDir);
});
after(() => server?.close());

test('each entry has its own .wasm file name and export subpath', () => {
  assert.deepEqual(
    Object.values(wasmPath).map((p) => p.slice(pkgDir.length + 1)),
    ['wasm/oms-wasm.wasm', 'validate/wasm/oms-wasm-validate.wasm', 'webhooks/wasm/oms-wasm-webhooks.wasm'],
  );
});

test('init() handed another entry\'s .wasm (bytes, a compiled module, a URL) names the file it expected', async () => {
  const validate = await browserEntry('validate');
  const cases = [
    ['bytes of the root .wasm', readFileSync(wasmPath.root)],
    ['a compiled webhooks module', new WebAssembly.Module(readFileSync(wasmPath.webhooks))],
    ['the URL of the webhooks .wasm', `${server.url}webhooks/wasm/oms-wasm-webhooks.wasm`],
  ];
  for (const [what, input] of cases) {
    await assert.rejects(validate.init(input), (e) => {
      assert.ok(e instanceof validate.OmsError, what);
      assert.equal(e.code, 'wrong_wasm', what);
      assert.match(e.message, /init\(\) expected oms-wasm-validate\.wasm \(the WebAssembly module of oms-wasm\/validate \d+\.\d+\.\d+[^,]*, exported as 'oms-wasm\/validate\/wasm'\)/, what);
      assert.match(e.message, /different module/, what);
      return true;
    });
  }
  assert.throws(() => validate.validatePhone('+12125551234'), (e) => e.code === 'not_initialized');
  assert.throws(() => validate.initSync(readFileSync(wasmPath.webhooks)), (e) => e.code === 'wrong_wasm' && e.message.includes('oms-wasm-validate.wasm'));
  // then the right one works
  await validate.init(readFileSync(wasmPath.validate));
  assert.equal(validate.validatePhone('+1 (212) 555-1234').value.e164, '+12125551234');
});

test('init() handed a file that is not WebAssembly, or a URL that fails, says so and names the file', async () => {
  const webhooks = await browserEntry('webhooks');
  await assert.rejects(webhooks.init(new TextEncoder().encode('<!doctype html><title>Not found</title>')), (e) => e.code === 'wrong_wasm' && /oms-wasm-webhooks\.wasm/.test(e.message) && /HTML page/.test(e.message));
  await assert.rejects(webhooks.init(`${server.url}webhooks/wasm/missing.wasm`), (e) => e.code === 'wasm_load_failed' && /oms-wasm-webhooks\.wasm/.test(e.message) && /answered 404/.test(e.message) && /oms-wasm\/webhooks\/wasm/.test(e.message));
  await assert.rejects(webhooks.init(42), (e) => e.code === 'invalid_argument');
  // the default (next to the entry) is a file: URL in Node, which fetch cannot read: still a coded error
  await assert.rejects(webhooks.init(), (e) => e.code === 'wasm_load_failed' && /oms-wasm-webhooks\.wasm/.test(e.message));
  await webhooks.init(`${server.url}webhooks/wasm/oms-wasm-webhooks.wasm`);
  assert.equal(typeof webhooks.signWebhook({ payload: '{}', secret: `whsec_${'ab'.repeat(32)}` })['webhook-signature'], 'string');
});

test('initSync() with the root .wasm initializes the root browser entry', async () => {
  const root = await browserEntry('');
  root.initSync(new WebAssembly.Module(readFileSync(wasmPath.root)));
  assert.match(root.version(), /^\d+\.\d+\.\d+/);
});

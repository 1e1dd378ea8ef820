// Bundlers, each building a small project that imports the installed package by name with no
// package-specific configuration (esbuild: its documented recipe), run in headless Chromium:
// Vite (build + preview), webpack 5 (`web` and `webworker` targets, and a tree-shaken page),
// esbuild (the recipe, and without it: init() names the file it expected; tree-shaking), Rspack.
// Every page runs common/checks.mjs: init, validation, webhooks, one error class per name across
// the entries, parseResponse refusing a resource without its id, baseUrl without a version.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXPECTED } from '../common/checks-core.mjs';
import { bin, closeBrowser, eco, openPage, run, serve, sizes } from './support.mjs';

after(closeBrowser);

const servers = [];
after(() => Promise.all(servers.map((s) => s.close())));
async function served(dir) {
  const s = await serve(dir);
  servers.push(s);
  return s.url;
}

test('Vite 8: vite build, then vite preview in Chromium', async () => {
  const { build, preview } = await import('vite');
  const root = join(eco, 'vite');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await build({ root, configFile: false, logLevel: 'warn' });
  const wasm = readdirSync(join(root, 'dist', 'assets')).filter((f) => f.endsWith('.wasm')).sort();
  assert.equal(wasm.length, 3, `Vite emitted ${wasm.join(', ')}`);
  const server = await preview({ root, configFile: false, logLevel: 'warn', preview: { port: 0, host: '127.0.0.1' } });
  try {
    const url = server.resolvedUrls.local[0];
    assert.deepEqual(await openPage(url), EXPECTED);
  } finally {
    await new Promise((r) => server.httpServer.close(r));
  }
  console.log(`vite: dist/assets ${await sizes(join(root, 'dist', 'assets'), /\.(js|wasm)$/)}`);
});

test('webpack 5: the web target, the webworker target (a browser Web Worker) and tree-shaking', async () => {
  const { default: webpack } = await import('webpack');
  const { default: configs } = await import('../webpack/webpack.config.mjs');
  const root = join(eco, 'webpack');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const stats = await new Promise((resolve, reject) => webpack(configs).run((err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true, errorDetails: true }));
  const url = await served(root);
  assert.deepEqual(await openPage(`${url}index.html`), EXPECTED, 'web target');
  assert.deepEqual(await openPage(`${url}worker.html`), EXPECTED, 'webworker target');
  // Tree-shaking: only validatePhone is imported from the root entry; the client's glue
  // (client.mjs: its resource tables) is not in the bundle, and init() still works.
  const page = readFileSync(join(root, 'dist', 'web', 'treeshake.js'), 'utf8');
  assert.doesNotMatch(page, /sandbox\.depositAddresses\.simulate/, 'the client glue was bundled: sideEffects does not let webpack drop it');
  assert.deepEqual(await openPage(`${url}treeshake.html`), { phone: '+442079460958' });
  console.log(`webpack: web ${await sizes(join(root, 'dist', 'web'), /\.(js|wasm)$/)}; webworker ${await sizes(join(root, 'dist', 'webworker'), /\.(js|wasm)$/)}; tree-shaken page JS ${(page.length / 1024).toFixed(1)} KiB`);
});

test('esbuild: the documented recipe (the .wasm subpath with the file loader, passed to init())', async () => {
  const root = join(eco, 'esbuild');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await run(bin('esbuild'), ['main.js', 'no-recipe.js', 'treeshake.js', '--bundle', '--minify', '--format=esm', '--loader:.wasm=file', '--outdir=dist', '--public-path=/dist', '--log-level=warning'], { cwd: root });
  const url = await served(root);
  const { wrong, ...rest } = await openPage(`${url}index.html`);
  assert.deepEqual(rest, EXPECTED);
  // handed another entry's .wasm, init() says which file it expected
  assert.equal(wrong.code, 'wrong_wasm');
  assert.equal(wrong.isOmsError, true);
  assert.match(wrong.message, /expected oms-wasm-validate\.wasm \(the WebAssembly module of oms-wasm\/validate .*'oms-wasm\/validate\/wasm'\)/);
  // without the recipe, no .wasm was emitted: init() names the file and the fix
  const none = await openPage(`${url}no-recipe.html`);
  assert.equal(none.code, 'wasm_load_failed', JSON.stringify(none));
  assert.match(none.message, /oms-wasm-validate\.wasm/);
  assert.match(none.message, /import wasmUrl from 'oms-wasm\/validate\/wasm'/);
  // tree-shaking by "sideEffects": only validatePhone imported, no client glue bundled, still works
  const shaken = readFileSync(join(root, 'dist', 'treeshake.js'), 'utf8');
  assert.doesNotMatch(shaken, /sandbox\.depositAddresses\.simulate/, 'the client glue was bundled: esbuild could not drop it');
  assert.deepEqual(await openPage(`${url}treeshake.html`), { phone: '+442079460958' });
  console.log(`esbuild: dist ${await sizes(join(root, 'dist'), /^main\.js$|\.wasm$/)}`);
});

test('Rspack: the web target, no rule for the package', async () => {
  const { rspack } = await import('@rspack/core');
  const { default: config } = await import('../rspack/rspack.config.mjs');
  const root = join(eco, 'rspack');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  const stats = await new Promise((resolve, reject) => rspack(config).run((err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  const url = await served(root);
  assert.deepEqual(await openPage(`${url}index.html`), EXPECTED);
  console.log(`rspack: dist ${await sizes(join(root, 'dist'), /\.(js|wasm)$/)}`);
});

// The packed package's shape: exports with `types` first in every condition, the files a user gets,
// the workerd entry importing the .wasm as a module, and TypeScript declarations that accept correct
// use and reject wrong use (tsc --noEmit over js/test/types, ESM and CJS views).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../node_modules/oms-wasm/', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${pkgDir}`), 'utf8'));

function leaves(node, path = []) {
  if (typeof node === 'string') return [];
  const keys = Object.keys(node);
  const nested = keys.flatMap((k) => leaves(node[k], [...path, k]));
  const isLeaf = keys.every((k) => typeof node[k] === 'string');
  return isLeaf ? [[path, keys]] : nested;
}

test('every condition lists `types` first, in the root entry and in each subpath', () => {
  for (const [entry, dir] of [['.', '.'], ['./validate', './validate'], ['./webhooks', './webhooks']]) {
    const node = pkg.exports[entry];
    for (const [path, keys] of leaves(node)) assert.equal(keys[0], 'types', `exports["${entry}"].${path.join('.')}`);
    // workerd first (wrangler matches `workerd`, `worker`, `browser`); no `worker` key: bundlers match
    // it for browser Web Workers too (webpack `target: 'webworker'`), which need the browser entry.
    assert.deepEqual(Object.keys(node), ['workerd', 'edge-light', 'node', 'deno', 'browser', 'default']);
    assert.equal(node.node.require.types, `${dir}/index.d.cts`);
  }
});

test('the tarball holds the entries, one .wasm, types, README and licences — nothing else', () => {
  const files = [];
  const walk = (dir, prefix = '') => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`, `${prefix}${e.name}/`);
      else files.push(prefix + e.name);
    }
  };
  walk(pkgDir);
  files.sort();
  for (const f of ['index.browser.mjs', 'index.node.mjs', 'index.node.cjs', 'index.workerd.mjs', 'index.d.ts', 'index.d.cts', 'api.mjs', 'load.mjs', 'wasm/oms-wasm.wasm', 'wasm/oms_wasm.mjs', 'wasm/oms_wasm.cjs', 'package.json', 'README.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md']) {
    assert.ok(files.includes(f), `missing ${f}`);
  }
  // one .wasm per entry (shared by its runtimes), each with a name of its own and its own subpath
  assert.deepEqual(files.filter((f) => f.endsWith('.wasm')), ['validate/wasm/oms-wasm-validate.wasm', 'wasm/oms-wasm.wasm', 'webhooks/wasm/oms-wasm-webhooks.wasm']);
  assert.deepEqual(
    ['oms-wasm/wasm', 'oms-wasm/validate/wasm', 'oms-wasm/webhooks/wasm'].map((s) => require.resolve(s).slice(pkgDir.length)),
    ['wasm/oms-wasm.wasm', 'validate/wasm/oms-wasm-validate.wasm', 'webhooks/wasm/oms-wasm-webhooks.wasm'],
  );
  assert.deepEqual(files.filter((f) => /\.(rs|map|ts\.map|src\.mjs)$/.test(f)), []);
});

test('the workerd entry imports the .wasm as a module and never compiles bytes', () => {
  const src = readFileSync(`${pkgDir}/index.workerd.mjs`, 'utf8');
  assert.match(src, /import wasmModule from '\.\/wasm\/oms-wasm\.wasm'/);
  assert.match(src, /initWasmSync\(\{ module: wasmModule \}\)/);
  assert.doesNotMatch(src, /readFileSync|fetch\(/);
});

test('main/require resolve to the CJS build, import to the ESM build', () => {
  assert.ok(require.resolve('oms-wasm').endsWith('index.node.cjs'));
});

test('the declarations have no `any` in public signatures', () => {
  const dts = readFileSync(`${pkgDir}/index.d.ts`, 'utf8');
  const anyLines = dts.split('\n').filter((l) => /^export (function|const)/.test(l) && /\bany\b/.test(l));
  assert.deepEqual(anyLines, []);
});

test('tsc --noEmit accepts correct use and rejects wrong use (ESM and CJS)', () => {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    execFileSync(process.execPath, [tsc, '-p', fileURLToPath(new URL('./types/tsconfig.json', import.meta.url))], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});

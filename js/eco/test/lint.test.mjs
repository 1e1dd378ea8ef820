// The installed package (the packed tarball, npm-installed into js/eco/node_modules) under the
// package linters: `attw --pack` (@arethetypeswrong/cli: types resolve for every entry in node10,
// node16 CJS/ESM and bundler resolution) and `publint --strict`, both with zero problems of any
// level. And the matrix really uses that install (not some other copy up the directory tree).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { bin, eco, pkgDir, run } from './support.mjs';

test('oms-wasm resolves to the npm-installed tarball in js/eco/node_modules', () => {
  const require = createRequire(join(eco, 'package.json'));
  for (const spec of ['oms-wasm', 'oms-wasm/validate', 'oms-wasm/webhooks', 'oms-wasm/package.json']) {
    assert.ok(require.resolve(spec).startsWith(`${pkgDir}/`), `${spec} → ${require.resolve(spec)}`);
  }
  const lock = require(join(eco, 'node_modules', '.package-lock.json'));
  assert.match(lock.packages['node_modules/oms-wasm']?.resolved ?? '', /oms-wasm-.*\.tgz$/, 'oms-wasm was not installed from the tarball');
});

test('attw --pack: no problems', async () => {
  const { stdout } = await run(bin('attw'), ['--pack', pkgDir]);
  assert.match(stdout, /No problems found/, stdout);
});

test('publint --strict: no errors, warnings or suggestions', async () => {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const { messages } = await publint({ pkgDir, strict: true, pack: 'npm' });
  assert.deepEqual(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`), []);
});

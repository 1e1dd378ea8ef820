// TypeScript 5.9, strict, `skipLibCheck: false` (the package's declarations are checked too), over
// the installed package: node16 ESM, node16 CommonJS and bundler resolution, each with the DOM lib
// and without it (`lib: ["es2022"]`, `types: ["node"]`); plus nothing but ES2022 (no DOM, no
// @types/node) and a Cloudflare Worker with @cloudflare/workers-types. One tsc program per
// ts/tsconfig.*.json (`npx tsc -p ts/tsconfig.X.json` gives the same), lib files parsed once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { eco, pkgDir } from './support.mjs';

const dir = join(eco, 'ts');
const configs = readdirSync(dir).filter((f) => /^tsconfig\..+\.json$/.test(f)).sort();

const cache = new Map();
function host(options) {
  const h = ts.createCompilerHost(options);
  const get = h.getSourceFile.bind(h);
  h.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const shared = fileName.includes('/node_modules/typescript/lib/') || fileName.includes('/node_modules/@types/') || fileName.includes('/node_modules/@cloudflare/');
    if (!shared) return get(fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!cache.has(key)) cache.set(key, get(fileName, languageVersion, onError, shouldCreate));
    return cache.get(key);
  };
  return h;
}

test('the matrix has every setup the package promises', () => {
  for (const c of ['node16-esm-dom', 'node16-esm-nodom', 'node16-cjs-dom', 'node16-cjs-nodom', 'bundler-dom', 'bundler-nodom', 'bundler-bare', 'workers-types']) {
    assert.ok(configs.includes(`tsconfig.${c}.json`), c);
  }
});

for (const config of configs) {
  test(`tsc -p ts/${config}`, () => {
    const parsed = ts.getParsedCommandLineOfConfigFile(join(dir, config), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
    assert.equal(parsed.options.strict, true);
    assert.equal(parsed.options.skipLibCheck, false);
    const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host: host(parsed.options) });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    const text = ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => dir, getNewLine: () => '\n' });
    assert.equal(diagnostics.length, 0, text);
    // the program read the installed package's declarations, and no other copy (TypeScript, unlike
    // Node, goes on up the directory tree when a subpath is not exported: js/node_modules has one)
    const own = (f) => f.fileName.startsWith(`${pkgDir}/`);
    assert.ok(program.getSourceFiles().some(own), 'oms-wasm declarations not loaded');
    assert.deepEqual(program.getSourceFiles().filter((f) => /\/node_modules\/oms-wasm\//.test(f.fileName) && !own(f)).map((f) => f.fileName), []);
  });
}

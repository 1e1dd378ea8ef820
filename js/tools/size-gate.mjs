#!/usr/bin/env node
// The size gate of `make test` (js stage): what a bundler user ships for each entry of the installed
// package — the entry's JavaScript bundled by esbuild (minified, browser conditions, everything the
// entry exports kept) plus its `.wasm`, each gzip -9 — checked against the budgets of
// js/size-budgets.json, and the lean entries' symbol rules checked on the un-optimized wasm-bindgen
// output (which still has its `name` section):
//
//   node tools/size-gate.mjs            check (exit 1 past a budget or on a forbidden symbol)
//   node tools/size-gate.mjs --json     the measured sizes as JSON (for the bench)
//
// A budget is a ceiling, lowered whenever a module shrinks (the ratchet: new size + 1 %), raised only
// deliberately in a reviewed commit that says why. Run after `scripts/test.sh install-pkg` (the js
// stage does both).
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const jsDir = fileURLToPath(new URL('..', import.meta.url));
const root = resolve(jsDir, '..');
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/**
 * esbuild bundle of `source` (minified; browser conditions unless told): gzip -9 of the JS and of
 * every `.wasm` it loads (`wasmFiles`: how many). Also used by the bench (`bench/sizes.mjs`).
 */
export async function bundleGzip(source, { conditions = ['browser'], platform = 'browser' } = {}) {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'oms-size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, source);
    const r = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform,
      conditions,
      nodePaths: [join(jsDir, 'node_modules')],
      write: false,
      outdir: join(dir, 'out'),
      logLevel: 'silent',
      metafile: true,
    });
    const jsFiles = r.outputFiles.filter((f) => f.path.endsWith('.js'));
    const js = jsFiles.reduce((a, f) => a + gz(f.contents), 0);
    const jsRaw = jsFiles.reduce((a, f) => a + f.contents.length, 0);
    // The browser entries load their module with `new URL('….wasm', import.meta.url)`, an asset
    // esbuild leaves alone: find those references in the bundled inputs and count the files.
    const seen = new Set();
    let wasm = 0;
    for (const input of Object.keys(r.metafile.inputs)) {
      const abs = resolve(input);
      if (!/\.m?js$/.test(abs) || !existsSync(abs)) continue;
      for (const m of readFileSync(abs, 'utf8').matchAll(/new URL\(\s*['"]([^'"]+\.wasm)['"]\s*,\s*import\.meta\.url/g)) {
        const w = resolve(dirname(abs), m[1]);
        if (!seen.has(w) && existsSync(w)) {
          seen.add(w);
          wasm += gz(readFileSync(w));
        }
      }
    }
    return { jsRaw, js, wasm, wasmFiles: seen.size, total: js + wasm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a bundler user ships for an entry: its bundle and its `.wasm`. */
async function shippedSize(source) {
  const { js, wasm, wasmFiles, total } = await bundleGzip(source);
  if (!wasmFiles) throw new Error('the bundle loads no .wasm: the entry changed shape');
  return { js, wasm, total };
}

/** Function names of a wasm module's `name` section (empty when it has none). */
export function functionNames(buf) {
  let p = 8;
  const leb = () => {
    let r = 0;
    let s = 0;
    let b;
    do {
      b = buf[p++];
      r += (b & 0x7f) * 2 ** s;
      s += 7;
    } while (b & 0x80);
    return r;
  };
  const names = [];
  while (p < buf.length) {
    const id = buf[p++];
    const size = leb();
    const end = p + size;
    if (id === 0) {
      const nameLen = leb();
      const secName = buf.toString('utf8', p, p + nameLen);
      p += nameLen;
      if (secName === 'name') {
        while (p < end) {
          const sub = buf[p++];
          const subSize = leb();
          const subEnd = p + subSize;
          if (sub === 1) {
            const count = leb();
            for (let i = 0; i < count; i++) {
              leb();
              const len = leb();
              names.push(buf.toString('utf8', p, p + len));
              p += len;
            }
          }
          p = subEnd;
        }
      }
    }
    p = end;
  }
  return names;
}

const ENTRIES = {
  'oms-wasm': { source: `import * as m from 'oms-wasm'; console.log(m);`, wasmBuild: 'pkg' },
  'oms-wasm/validate': { source: `import * as m from 'oms-wasm/validate'; console.log(m);`, wasmBuild: 'pkg_validate' },
  'oms-wasm/webhooks': { source: `import * as m from 'oms-wasm/webhooks'; console.log(m);`, wasmBuild: 'pkg_webhooks' },
};

export async function measure() {
  const out = {};
  for (const [name, e] of Object.entries(ENTRIES)) out[name] = await shippedSize(e.source);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(jsDir, 'node_modules/oms-wasm/package.json'))) {
    console.error('size gate: oms-wasm is not installed in js/node_modules (run scripts/test.sh install-pkg)');
    process.exit(2);
  }
  const sizes = await measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(sizes, null, 2));
    process.exit(0);
  }
  const budgets = JSON.parse(readFileSync(join(jsDir, 'size-budgets.json'), 'utf8'));
  const failures = [];
  console.log('size gate: shipped bytes per entry (esbuild bundle + .wasm, gzip -9) against js/size-budgets.json');
  for (const [name, s] of Object.entries(sizes)) {
    const budget = budgets.shipped[name];
    if (typeof budget !== 'number') {
      failures.push(`${name}: no budget in js/size-budgets.json`);
      continue;
    }
    const ok = s.total <= budget;
    console.log(`  ${ok ? 'ok  ' : 'OVER'} ${name.padEnd(18)} ${kb(s.total).padStart(9)} (JS ${kb(s.js)} + wasm ${kb(s.wasm)})   budget ${kb(budget)}   goal ${kb(budgets.goals[name])}`);
    if (!ok) failures.push(`${name}: ${s.total} bytes shipped, budget ${budget} (+${s.total - budget})`);
    else if (s.total * 1.01 < budget * 0.99) console.log(`       ${name} is ${budget - s.total} bytes under its budget: lower it to ${Math.ceil(s.total * 1.01)}`);
  }
  // Symbol rules of the lean entries, on the un-optimized wasm-bindgen output of each build.
  for (const [name, rule] of Object.entries(budgets.forbiddenSymbols)) {
    const file = join(root, 'build', 'wasm-bindgen', ENTRIES[name].wasmBuild, 'web', 'oms_wasm_bg.wasm');
    if (!existsSync(file)) {
      failures.push(`${name}: ${file} missing (the build keeps the un-optimized module there)`);
      continue;
    }
    const names = functionNames(readFileSync(file));
    if (names.length < 50) {
      failures.push(`${name}: ${file} has no usable name section (${names.length} names)`);
      continue;
    }
    for (const pattern of rule) {
      const re = new RegExp(pattern);
      const hits = names.filter((n) => re.test(n));
      console.log(`  ${hits.length ? 'OVER' : 'ok  '} ${name.padEnd(18)} no function matching /${pattern}/ (${names.length} functions checked)`);
      if (hits.length) failures.push(`${name}: ${hits.length} function(s) match /${pattern}/, e.g. ${hits.slice(0, 3).join(', ')}`);
    }
  }
  if (failures.length) {
    console.error(`size gate failed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('size gate: ok');
}

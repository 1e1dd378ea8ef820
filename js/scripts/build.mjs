#!/usr/bin/env node
// Builds the npm package `oms-wasm` into ../pkg from the Rust crate and ../pkg-template.
//
//   node scripts/build.mjs [--out ../pkg] [--features a,b] [--no-default-features] [--debug]
//
// Steps: cargo (wasm32, release) → wasm-bindgen twice from the same module (`web` ESM glue and
// `nodejs` CJS glue) → wasm-opt (npm binaryen) → one shared .wasm → per-runtime entries from
// pkg-template (the CJS entry is bundled from the ESM one with esbuild) → one self-contained .d.ts
// → package.json → a size table (raw and gzip -9) of every shipped file.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const template = join(root, 'pkg-template');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = resolve(root, opt('--out', 'pkg'));
const features = opt('--features', '');
const noDefault = args.includes('--no-default-features');
const debug = args.includes('--debug');
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, 'target');
const work = join(root, 'build', 'wasm-bindgen', relative(root, out).replace(/[\\/]/g, '_'));

function run(cmd, argv, opts = {}) {
  execFileSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root, ...opts });
}

// 1. cargo
// Release builds use nightly with the standard library rebuilt for size (`-Zbuild-std`) and
// `panic = immediate-abort` (a panic traps at once: no panic messages, source locations or the
// formatting code behind them), with std's `optimize_for_size` implementations (smaller sort, integer
// formatting, ...): about 14 KB gzipped less than stable for the same code. Behaviour is
// unchanged (the bindings never panic on input; a panic traps either way). `scripts/setup.sh` installs
// nightly's rust-src; without it, or with OMS_WASM_STABLE=1, or if the nightly build fails, the stable
// toolchain builds the same crate (larger .wasm). `--debug` always uses stable.
const cargoArgs = ['build', '--lib', '--target', 'wasm32-unknown-unknown'];
if (!debug) cargoArgs.push('--release');
if (noDefault) cargoArgs.push('--no-default-features');
if (features) cargoArgs.push('--features', features);
function nightlyReady() {
  if (debug || process.env.OMS_WASM_STABLE === '1') return false;
  try {
    const sysroot = execFileSync('rustc', ['+nightly', '--print', 'sysroot'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return statSync(join(sysroot, 'lib', 'rustlib', 'src', 'rust', 'library', 'std', 'Cargo.toml')).isFile();
  } catch {
    return false;
  }
}
let built = false;
if (nightlyReady()) {
  try {
    run('cargo', ['+nightly', ...cargoArgs, '-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size'], {
      env: {
        ...process.env,
        // Target-only flags: build scripts and proc macros (host) are built as usual.
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: [process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS, '-Zunstable-options -Cpanic=immediate-abort'].filter(Boolean).join(' '),
      },
    });
    built = true;
  } catch {
    console.warn('[build] nightly build-std build failed; building with the stable toolchain instead (larger .wasm)');
  }
} else if (!debug) {
  console.warn('[build] nightly with rust-src not available (scripts/setup.sh installs it); building with stable (larger .wasm)');
}
if (!built) run('cargo', cargoArgs);
const rawWasm = join(targetDir, 'wasm32-unknown-unknown', debug ? 'debug' : 'release', 'oms_wasm.wasm');

// 2. wasm-bindgen (the CLI must match the crate's pinned version; `make setup` installs it)
rmSync(work, { recursive: true, force: true });
for (const target of ['web', 'nodejs']) {
  run('wasm-bindgen', [rawWasm, '--target', target, '--out-dir', join(work, target), '--out-name', 'oms_wasm']);
}

// 3. assemble
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'wasm'), { recursive: true });
const wasmOut = join(out, 'wasm', 'oms_wasm_bg.wasm');
if (debug) {
  copyFileSync(join(work, 'web', 'oms_wasm_bg.wasm'), wasmOut);
} else {
  const wasmOpt = join(root, 'js', 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  run(wasmOpt, [join(work, 'web', 'oms_wasm_bg.wasm'), '-Oz', '--strip-debug', '--strip-producers', '-o', wasmOut]);
}
// Both glues load the same module: wasm-bindgen emits identical .wasm for `web` and `nodejs`.
const webBg = readFileSync(join(work, 'web', 'oms_wasm_bg.wasm'));
const nodeBg = readFileSync(join(work, 'nodejs', 'oms_wasm_bg.wasm'));
if (!webBg.equals(nodeBg)) throw new Error('wasm-bindgen produced different modules for web and nodejs');
copyFileSync(join(work, 'web', 'oms_wasm.js'), join(out, 'wasm', 'oms_wasm.mjs'));
copyFileSync(join(work, 'nodejs', 'oms_wasm.js'), join(out, 'wasm', 'oms_wasm.cjs'));

for (const f of readdirSync(template)) {
  if (f.endsWith('.mjs') && !f.endsWith('.src.mjs')) copyFileSync(join(template, f), join(out, f));
}

// The CJS entry: the ESM glue bundled as CommonJS, requiring the nodejs-target glue (which
// instantiates synchronously at require time).
await esbuild.build({
  entryPoints: [join(template, 'index.node.cjs.src.mjs')],
  outfile: join(out, 'index.node.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  logLevel: 'warning',
  plugins: [
    {
      name: 'cjs-wasm-glue',
      setup(b) {
        b.onResolve({ filter: /oms_wasm\.mjs$/ }, () => ({ path: './wasm/oms_wasm.cjs', external: true }));
      },
    },
  ],
});

// 4. types: one self-contained declaration file (the generated exports, without the web target's
// init plumbing, plus the glue's declarations), shipped as .d.ts (ESM) and .d.cts (CJS).
const generated = readFileSync(join(work, 'web', 'oms_wasm.d.ts'), 'utf8');
const cut = generated.indexOf('export type InitInput');
let dts = (cut >= 0 ? generated.slice(0, cut) : generated)
  .replace(/^\/\* tslint:disable \*\/\n/m, '')
  .replace(/^\/\* eslint-disable \*\/\n/m, '');
// wasm-bindgen prints `Option<JsValue>` parameters with an unchecked type as required; options are optional.
dts = dts.replace(/\b(options): ([A-Za-z]+)\)/g, '$1?: $2)');
// Hand-written declarations: glue.d.ts first, then every other pkg-template/*.d.ts by name.
const dtsFiles = readdirSync(template).filter((f) => f.endsWith('.d.ts')).sort((a, b) => (a === 'glue.d.ts' ? -1 : b === 'glue.d.ts' ? 1 : a.localeCompare(b)));
const handDts = dtsFiles.map((f) => readFileSync(join(template, f), 'utf8').trim()).join('\n\n');
dts = `// Type declarations for oms-wasm. Generated by js/scripts/build.mjs from the Rust bindings\n// (src/wasm/) and pkg-template/*.d.ts.\n\n${dts.trim()}\n\n${handDts}\n`;
writeFileSync(join(out, 'index.d.ts'), dts);
writeFileSync(join(out, 'index.d.cts'), dts);

// 5. package.json, README, licences
const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargoToml)[1];
const pkgJson = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
pkgJson.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(pkgJson, null, 2) + '\n');
for (const f of ['README.md', 'LICENSE', 'THIRD_PARTY_NOTICES.md']) {
  try {
    copyFileSync(join(root, f), join(out, f));
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
}

// 6. size table
function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const rows = walk(out)
  .sort()
  .map((p) => {
    const buf = readFileSync(p);
    return { file: relative(out, p), raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
const w = Math.max(...rows.map((r) => r.file.length));
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KB';
console.log(`\n${relative(root, out)}/ (oms-wasm ${version}${features ? `, features ${features}` : ''})`);
console.log(`${'file'.padEnd(w)}  ${'raw'.padStart(10)}  ${'gzip -9'.padStart(10)}`);
for (const r of rows) console.log(`${r.file.padEnd(w)}  ${kb(r.raw)}  ${kb(r.gzip)}`);
writeFileSync(join(root, 'build', `sizes-${relative(root, out).replace(/[\\/]/g, '_')}.json`), JSON.stringify(rows, null, 2));

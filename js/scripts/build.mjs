#!/usr/bin/env node
// Builds the npm package `oms-wasm` into ../pkg from the Rust crate and ../pkg-template.
//
//   node scripts/build.mjs [--out ../pkg] [--features a,b] [--no-default-features] [--debug]
//                          [--flavor main|validate|webhooks] [--no-subpaths]
//
// Flavors: `main` (default; every export) is the package root and, unless --no-subpaths, also
// builds the subpath entries `oms-wasm/validate` (features: validate) into <out>/validate and
// `oms-wasm/webhooks` (features: webhooks) into <out>/webhooks — each with its own, smaller .wasm,
// the same per-runtime entries and its own types. A subpath flavor builds in its own cargo target
// directory (target/wasm-<flavor>) so switching features does not invalidate the others' caches.
//
// Steps: cargo (wasm32, release) → wasm-bindgen twice from the same module (`web` ESM glue and
// `nodejs` CJS glue) → wasm-opt (npm binaryen) → one shared .wasm per entry, with a name of its own
// (`oms-wasm.wasm`, `oms-wasm-validate.wasm`, `oms-wasm-webhooks.wasm`) → per-runtime entries from
// pkg-template (the CJS entry is bundled from the ESM one with esbuild; the browser entry gets the
// module's fingerprint, checked by init()) → one self-contained .d.ts → package.json (exports,
// sideEffects, repository from Cargo.toml) and the npm README (pkg-template/README.md) → a size
// table (raw and gzip -9) of every shipped file.

import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { fingerprint } from '../../pkg-template/load.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const template = join(root, 'pkg-template');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const out = resolve(root, opt('--out', 'pkg'));
const flavor = opt('--flavor', 'main');
/** What each flavor ships: cargo features, its API module, its JS modules and hand-written types. */
const FLAVORS = {
  main: {
    api: 'api.mjs',
    modules: ['core.mjs', 'validate.mjs', 'requests.mjs', 'webhooks.mjs', 'client.mjs', 'transport.mjs'],
    dts: ['glue.d.ts', 'schema.d.ts', 'api.d.ts', 'client.d.ts'],
  },
  validate: { features: 'validate', api: 'api-validate.mjs', modules: ['core.mjs', 'validate.mjs'], dts: ['glue.d.ts', 'schema.d.ts'] },
  webhooks: { features: 'webhooks', api: 'api-webhooks.mjs', modules: ['core.mjs', 'webhooks.mjs'], dts: ['glue.d.ts'] },
};
/** Each entry's .wasm: a distinct file name (a copy of one can never be mistaken for another's). */
const WASM_FILES = { main: 'oms-wasm.wasm', validate: 'oms-wasm-validate.wasm', webhooks: 'oms-wasm-webhooks.wasm' };
const ENTRY_NAMES = { main: 'oms-wasm', validate: 'oms-wasm/validate', webhooks: 'oms-wasm/webhooks' };
const spec = FLAVORS[flavor];
if (!spec) throw new Error(`unknown --flavor ${flavor}`);
const features = spec.features ?? opt('--features', '');
const noDefault = spec.features ? true : args.includes('--no-default-features');
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
// toolchain builds the same crate (larger .wasm). `--debug` always uses stable. `-Zlocation-detail=none`:
// no source paths for panic locations in the data section (a panic traps without a message anyway;
// -0.3 KB gzip on the webhook module). `--cfg oms_nightly`
// turns on the crate's `#[optimize(speed)]` attributes on the validatePhone path (src/lib.rs).
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
// The rebuilt standard library's own (non-generic, not `#[inline]`) functions at opt-level 3: the
// allocator front end (`RawVec`), string and slice helpers that every validator and response read
// calls. Measured: validateCustomer 3.58× → 3.02× zod's time, the client's core calls faster too,
// for +2.2 KB on the root entry, +0 on validate and -0.4 KB on webhooks (gzip). Only here: a
// native build does not rebuild std (the override would match no package).
const stdSpeed = ['core', 'alloc', 'std'].flatMap((p) => ['--config', `profile.release.package.${p}.opt-level=3`]);
let built = false;
if (nightlyReady()) {
  try {
    run('cargo', ['+nightly', ...cargoArgs, '-Zbuild-std=std,panic_abort', '-Zbuild-std-features=optimize_for_size', ...stdSpeed], {
      env: {
        ...process.env,
        // Target-only flags: build scripts and proc macros (host) are built as usual.
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: [process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS, '-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none --cfg oms_nightly'].filter(Boolean).join(' '),
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
const wasmFile = WASM_FILES[flavor];
const wasmOut = join(out, 'wasm', wasmFile);
if (debug) {
  copyFileSync(join(work, 'web', 'oms_wasm_bg.wasm'), wasmOut);
} else {
  const wasmOpt = join(root, 'js', 'node_modules', 'binaryen', 'bin', 'wasm-opt');
  // `-ocimfs 20`: wasm-opt inlines a function with a single caller only up to 20 bytes. Its default
  // (-Oz: any size) merges large bodies into their callers, which compresses worse: measured
  // 2026-12-02, gzip -9 of the root .wasm 274.5 → 257.0 KB, validate 88.6 → 87.3 KB, webhooks 30.6 →
  // 29.9 KB (0, 10, 40, 80, 200 were all larger); LLVM's own inlining is unchanged.
  run(wasmOpt, [join(work, 'web', 'oms_wasm_bg.wasm'), '-Oz', '-ocimfs', '20', '--strip-debug', '--strip-producers', '-o', wasmOut]);
}
// Both glues load the same module: wasm-bindgen emits identical .wasm for `web` and `nodejs`.
const webBg = readFileSync(join(work, 'web', 'oms_wasm_bg.wasm'));
const nodeBg = readFileSync(join(work, 'nodejs', 'oms_wasm_bg.wasm'));
if (!webBg.equals(nodeBg)) throw new Error('wasm-bindgen produced different modules for web and nodejs');

/** Replaces `from` in `text` exactly `count` times (a template or generated glue that changed shape fails the build). */
function replaceExactly(text, from, to, count, what) {
  const n = text.split(from).length - 1;
  if (n !== count) throw new Error(`${what}: expected ${count} occurrence(s) of ${JSON.stringify(from)}, found ${n}`);
  return text.split(from).join(to);
}
// The `web` glue: the entry always hands it a compiled, checked module, so its own default URL
// (`new URL('oms_wasm_bg.wasm', import.meta.url)`, a file that does not exist under that name) goes:
// bundlers would try to emit it.
let webGlue = readFileSync(join(work, 'web', 'oms_wasm.js'), 'utf8');
webGlue = replaceExactly(webGlue, "new URL('oms_wasm_bg.wasm', import.meta.url)", "(() => { throw new Error('oms-wasm: the entry passes the module'); })()", 1, 'web glue');
writeFileSync(join(out, 'wasm', 'oms_wasm.mjs'), webGlue);
// The `nodejs` glue reads the .wasm next to it at require time.
let nodeGlue = readFileSync(join(work, 'nodejs', 'oms_wasm.js'), 'utf8');
nodeGlue = replaceExactly(nodeGlue, '`${__dirname}/oms_wasm_bg.wasm`', `\`\${__dirname}/${wasmFile}\``, 1, 'nodejs glue');
writeFileSync(join(out, 'wasm', 'oms_wasm.cjs'), nodeGlue);
// What the browser entry's init() checks a module against (load.mjs).
const expected = {
  entry: ENTRY_NAMES[flavor],
  file: wasmFile,
  subpath: `${ENTRY_NAMES[flavor]}/wasm`,
  version: /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1],
  fingerprint: fingerprint(new WebAssembly.Module(readFileSync(wasmOut))),
};
// The type of a `.wasm` subpath import (ESM and CJS views): what the bundler's loader gives.
const wasmDts = (ext) =>
  `// The ${wasmFile} file (export '${expected.subpath}'): what your bundler's loader gives for a .wasm import —\n` +
  `// its URL (esbuild's file loader, webpack/Rspack asset modules) or a compiled WebAssembly.Module\n` +
  `// (Cloudflare Workers, wrangler). Pass it to init().\n` +
  `import type { WasmInput } from '../index.${ext}';\ndeclare const wasm: WasmInput;\n`;
const wasmBase = wasmFile.replace(/\.wasm$/, '');
writeFileSync(join(out, 'wasm', `${wasmBase}.d.wasm.ts`), `${wasmDts('js')}export default wasm;\n`);
writeFileSync(join(out, 'wasm', `${wasmBase}.wasm.d.cts`), `${wasmDts('cjs')}export = wasm;\n`);

// The entries, the shared internals, and this flavor's API modules (its api file ships as api.mjs).
// Entries name the root's .wasm (`oms-wasm.wasm`); a subpath's get its own file name.
const entryFiles = ['index.browser.mjs', 'index.node.mjs', 'index.workerd.mjs'];
const shared = [...entryFiles, 'setup.mjs', 'state.mjs', 'errors.mjs', 'load.mjs'];
for (const f of [...shared, ...spec.modules]) copyFileSync(join(template, f), join(out, f));
copyFileSync(join(template, spec.api), join(out, 'api.mjs'));
for (const f of entryFiles) {
  let text = readFileSync(join(out, f), 'utf8');
  text = replaceExactly(text, "'./wasm/oms-wasm.wasm'", `'./wasm/${wasmFile}'`, 1, f);
  if (f === 'index.browser.mjs') text = replaceExactly(text, '/* @oms-wasm-expected */ {}', JSON.stringify(expected), 1, f);
  writeFileSync(join(out, f), text);
}

// The CJS entry: the ESM glue bundled as CommonJS, requiring the nodejs-target glue (which
// instantiates synchronously at require time). Bundled from the output directory, so it picks up
// this flavor's api.mjs.
const cjsSrc = join(out, 'index.node.cjs.src.mjs');
copyFileSync(join(template, 'index.node.cjs.src.mjs'), cjsSrc);
await esbuild.build({
  entryPoints: [cjsSrc],
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

rmSync(cjsSrc);

// 4. types: one self-contained declaration file (the generated exports, without the web target's
// init plumbing, plus the glue's declarations), shipped as .d.ts (ESM) and .d.cts (CJS).
const generated = readFileSync(join(work, 'web', 'oms_wasm.d.ts'), 'utf8');
const cut = generated.indexOf('export type InitInput');
let dts = (cut >= 0 ? generated.slice(0, cut) : generated)
  .replace(/^\/\* tslint:disable \*\/\n/m, '')
  .replace(/^\/\* eslint-disable \*\/\n/m, '');
// wasm-bindgen prints `Option<JsValue>` parameters with an unchecked type as required; options are optional.
dts = dts.replace(/\b(options): ([A-Za-z]+)\)/g, '$1?: $2)');
// Hand-written declarations of this flavor (pkg-template/*.d.ts), in order.
const handDts = spec.dts.map((f) => readFileSync(join(template, f), 'utf8').trim()).join('\n\n');
// `export {}` keeps the file's non-exported helper types (glue.d.ts's host types) private.
dts = `// Type declarations for oms-wasm. Generated by js/scripts/build.mjs from the Rust bindings\n// (src/wasm/) and pkg-template/*.d.ts.\n\n${dts.trim()}\n\n${handDts}\n\nexport {};\n`;
writeFileSync(join(out, 'index.d.ts'), dts);
writeFileSync(join(out, 'index.d.cts'), dts);

// 5. package.json, README, licences (the package root only). `repository`, `homepage` and `bugs`
// come from Cargo.toml's `repository` (one place for the URL); the README is the npm one
// (pkg-template/README.md), not the repository's.
const cargoToml = readFileSync(join(root, 'Cargo.toml'), 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargoToml)[1];
if (flavor === 'main') {
  const pkgJson = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
  const repository = /^repository\s*=\s*"([^"]+)"/m.exec(cargoToml)[1].replace(/\/$/, '');
  const withRepo = {};
  for (const [k, v] of Object.entries(pkgJson)) {
    withRepo[k] = k === 'version' ? version : v;
    if (k === 'license') {
      withRepo.repository = { type: 'git', url: `git+${repository}.git` };
      withRepo.homepage = `${repository}#readme`;
      withRepo.bugs = { url: `${repository}/issues` };
    }
  }
  writeFileSync(join(out, 'package.json'), JSON.stringify(withRepo, null, 2) + '\n');
  // oms-wasm/cloudflare (Durable Objects; workerd only): plain JS over the root entry's wasm.
  mkdirSync(join(out, 'cloudflare'), { recursive: true });
  for (const f of readdirSync(join(template, 'cloudflare'))) copyFileSync(join(template, 'cloudflare', f), join(out, 'cloudflare', f));
  // the CommonJS view of its types: the same declarations over the root's .d.cts
  const cfDts = readFileSync(join(template, 'cloudflare', 'index.d.ts'), 'utf8');
  writeFileSync(join(out, 'cloudflare', 'index.d.cts'), replaceExactly(cfDts, "from '../index.js'", "from '../index.cjs'", 1, 'cloudflare/index.d.ts'));
  copyFileSync(join(template, 'README.md'), join(out, 'README.md'));
  for (const f of ['LICENSE', 'THIRD_PARTY_NOTICES.md']) copyFileSync(join(root, f), join(out, f));
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
console.log(`\n${relative(root, out)}/ (oms-wasm ${version}, ${flavor}${features ? `, features ${features}` : ''})`);
console.log(`${'file'.padEnd(w)}  ${'raw'.padStart(10)}  ${'gzip -9'.padStart(10)}`);
for (const r of rows) console.log(`${r.file.padEnd(w)}  ${kb(r.raw)}  ${kb(r.gzip)}`);
writeFileSync(join(root, 'build', `sizes-${relative(root, out).replace(/[\\/]/g, '_')}.json`), JSON.stringify(rows, null, 2));

// 7. the subpath entries, each from its own feature-gated build
if (flavor === 'main' && !args.includes('--no-subpaths')) {
  for (const sub of ['validate', 'webhooks']) {
    const subArgs = [fileURLToPath(import.meta.url), '--flavor', sub, '--out', join(out, sub)];
    if (debug) subArgs.push('--debug');
    run(process.execPath, subArgs, { env: { ...process.env, CARGO_TARGET_DIR: join(root, 'target', `wasm-${sub}`) } });
  }
}

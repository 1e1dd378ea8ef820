// Sizes: what the package builds ship (build/sizes-*.json, written by js/scripts/build.mjs for
// every output directory it built: pkg/ and any subpath or feature builds), and esbuild-bundled
// gzip -9 sizes of the anchors and of oms-wasm imports, for comparison.
//
//   node bench/sizes.mjs     (or as part of `make bench`)
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleGzip } from '../tools/size-gate.mjs';

const jsDir = fileURLToPath(new URL('..', import.meta.url));
const root = resolve(jsDir, '..');
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

// Files a runtime loads: .wasm and JavaScript (not types, docs, licence, package.json).
const isCode = (f) => /\.(wasm|m?js|cjs)$/.test(f);

/**
 * Per package directory: totals of the code files (raw, gzip), the .wasm files, and the total of
 * everything shipped. Only size tables whose directory still exists are listed (older experiments
 * leave stale tables in build/); `directory` is read back from the table's name.
 */
export function packageSizes() {
  const buildDir = join(root, 'build');
  const tables = existsSync(buildDir) ? readdirSync(buildDir).filter((f) => /^sizes-.*\.json$/.test(f)) : [];
  const rows = [];
  const skipped = [];
  for (const t of tables) {
    const dirName = t.slice('sizes-'.length, -'.json'.length);
    // build.mjs writes `relative(root, out)` with / → _; try the likely spellings back
    const candidates = [dirName, dirName.replace(/_/g, '/'), dirName.replace(/^build_/, 'build/')];
    const dir = candidates.find((c) => existsSync(resolve(root, c)));
    if (!dir || dir.startsWith('..')) {
      skipped.push(t);
      continue;
    }
    rows.push({ dir: `${dir}/`, table: t, files: JSON.parse(readFileSync(join(buildDir, t), 'utf8')) });
  }
  const sum = (xs, k) => xs.reduce((a, f) => a + f[k], 0);
  for (const r of rows) {
    // a subdirectory with its own table (pkg/validate/ inside pkg/) is counted there, not twice
    const files = r.files.filter((f) => !rows.some((o) => o !== r && `${r.dir}${f.file}`.startsWith(o.dir) && o.dir.startsWith(r.dir)));
    const code = files.filter((f) => isCode(f.file));
    // One runtime loads one glue flavour: count the ESM entry path (not the CJS duplicates).
    const esm = code.filter((f) => !f.file.endsWith('.cjs'));
    Object.assign(r, {
      builtAt: statSync(join(buildDir, r.table)).mtime.toISOString().slice(0, 16).replace('T', ' '),
      wasm: files.filter((f) => f.file.endsWith('.wasm')).map((f) => ({ file: f.file, raw: f.raw, gzip: f.gzip })),
      esmCodeGzip: sum(esm, 'gzip'),
      codeGzip: sum(code, 'gzip'),
      allRaw: sum(files, 'raw'),
      allGzip: sum(files, 'gzip'),
    });
    delete r.files;
  }
  const rank = (r) => (r.dir === 'pkg/' ? 0 : r.dir.startsWith('pkg/') ? 1 : 2);
  rows.sort((a, b) => rank(a) - rank(b) || a.dir.localeCompare(b.dir));
  return { rows, skipped };
}

/** esbuild-bundled (minified, browser conditions) gzip -9 sizes of single imports. */
export async function bundleSizes() {
  const zodSchema = fileURLToPath(new URL('./zod-customer.mjs', import.meta.url));
  const list = [
    ['libphonenumber-js/max  { isValidPhoneNumber }', `import { isValidPhoneNumber } from 'libphonenumber-js/max'; console.log(isValidPhoneNumber);`],
    ['libphonenumber-js/min  { isValidPhoneNumber }', `import { isValidPhoneNumber } from 'libphonenumber-js/min'; console.log(isValidPhoneNumber);`],
    ['standardwebhooks  { Webhook }', `import { Webhook } from 'standardwebhooks'; console.log(Webhook);`],
    ['zod  (everything: import * as z)', `import * as z from 'zod'; console.log(z);`],
    // what a Cloudflare Worker ships of stripe: its `worker` export condition (fetch + SubtleCrypto)
    ['stripe  (Worker build: `worker` condition)', `import Stripe from 'stripe'; console.log(Stripe);`, { conditions: ['worker', 'browser'] }],
    ['zod + the bench customer schema', `import { zodCustomer } from ${JSON.stringify(zodSchema)}; console.log(zodCustomer);`],
    ['oms-wasm  { validatePhone } (browser entry, .wasm separate)', `import * as m from 'oms-wasm'; console.log(m.init, m.validatePhone);`],
  ];
  const pkg = JSON.parse(readFileSync(join(jsDir, 'node_modules/oms-wasm/package.json'), 'utf8'));
  for (const sub of ['validate', 'webhooks']) {
    if (pkg.exports?.[`./${sub}`]) {
      const name = sub === 'validate' ? 'validatePhone' : 'verifyWebhook';
      list.push([`oms-wasm/${sub}  { ${name} }`, `import * as m from 'oms-wasm/${sub}'; console.log(m.init, m.${name});`]);
    }
  }
  const out = [];
  for (const [name, src, opts] of list) {
    try {
      out.push({ name, ...(await bundleGzip(src, opts)) });
    } catch (e) {
      out.push({ name, error: String(e.message ?? e).split('\n')[0] });
    }
  }
  return out;
}

export async function sizesBench() {
  const { rows, skipped } = packageSizes();
  console.log('\nsizes of the package builds (build/sizes-*.json; gzip -9)');
  if (!rows.length) console.log('  (no size tables: run `make build`)');
  for (const r of rows.filter((x) => x.dir.startsWith('pkg/'))) {
    const wasm = r.wasm.map((w) => `${w.file} ${kb(w.gzip)}`).join(', ') || 'no .wasm';
    console.log(`  ${r.dir.padEnd(16)} wasm + ESM glue ${kb(r.esmCodeGzip).padStart(9)}   (${wasm}; all code incl. CJS ${kb(r.codeGzip)}; every file ${kb(r.allGzip)})   built ${r.builtAt}`);
  }
  const others = rows.filter((x) => !x.dir.startsWith('pkg/'));
  if (others.length) {
    console.log('  other builds present in the tree (wasm + ESM glue, gzip -9):');
    for (let i = 0; i < others.length; i += 3) console.log(`    ${others.slice(i, i + 3).map((r) => `${r.dir} ${kb(r.esmCodeGzip)}`).join('   ')}`);
  }
  if (skipped.length) console.log(`  (ignored ${skipped.length} table(s) whose directory is gone or outside the repository)`);
  const bundles = await bundleSizes();
  console.log('\nesbuild bundles (minified, browser conditions, gzip -9; .wasm counted separately)');
  const w = Math.max(...bundles.map((b) => b.name.length));
  for (const b of bundles) {
    if (b.error) console.log(`  ${b.name.padEnd(w)}  error: ${b.error}`);
    else console.log(`  ${b.name.padEnd(w)}  ${kb(b.total).padStart(9)}${b.wasm ? `   (JS ${kb(b.js)} + wasm ${kb(b.wasm)})` : ''}`);
  }
  return { packages: rows, bundles };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await sizesBench();

// Cold start: import + first call, in fresh processes.
//
//   Node: `node --input-type=module -e <script>` N times per contender (interleaved); the script
//   measures from just before the dynamic import() to just after the first call returns
//   (performance.now()), and we also time the whole process (spawn → exit) from outside.
//   workerd (Miniflare): each run bundles nothing (bundles are built once, up front), then times
//   `new Miniflare(...)` + `ready` + the first `dispatchFetch` response, against a worker that imports
//   nothing (the baseline: workerd's own start-up), so the difference is the package's share.
//
//   node bench/cold-start.mjs [--runs 10]     (or as part of `make bench`)
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const jsDir = fileURLToPath(new URL('..', import.meta.url));
/** Interquartile range (q3 − q1, linear interpolation): the run-to-run noise of a median. */
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
  };
  return q(0.75) - q(0.25);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Package subpaths that exist in the installed oms-wasm (subpath builds are optional). */
function hasExport(spec) {
  try {
    createRequire(join(jsDir, 'package.json')).resolve(spec);
    return true;
  } catch {
    // ESM-only subpaths throw for require conditions; check the exports map instead
    try {
      const pkg = createRequire(join(jsDir, 'package.json'))('oms-wasm/package.json');
      return Boolean(pkg.exports?.[`./${spec.split('/').slice(1).join('/')}`]);
    } catch {
      return false;
    }
  }
}

// Each contender: `setup` (imports; timed) and `first` (the first call; timed), as source text.
const secret = `whsec_${'ab'.repeat(32)}`;
const swSecret = `whsec_${Buffer.from('ab'.repeat(32), 'hex').toString('base64')}`;
// A signed delivery, made with node:crypto before the timer (the same scheme: HMAC-SHA256 of
// "id.timestamp.body", hex-decoded key), so no contender has its package cached by the signing step.
const whPre = `const body = '{"type":"cashIn.completed","timestamp":"2026-01-01T00:00:00Z","data":{}}'; const { createHmac } = await import('node:crypto'); const id = 'msg_1'; const ts = String(Math.floor(Date.now() / 1000)); const h = { 'webhook-id': id, 'webhook-timestamp': ts, 'webhook-signature': 'v1,' + createHmac('sha256', Buffer.from('${'ab'.repeat(32)}', 'hex')).update(id + '.' + ts + '.' + body).digest('base64') };`;
function nodeContenders() {
  const list = [
    { name: 'oms-wasm: import + validatePhone', code: `const { validatePhone } = await import('oms-wasm'); r = validatePhone('+12125551234').ok;` },
    { name: 'libphonenumber-js/max: import + isValidPhoneNumber', code: `const { isValidPhoneNumber } = await import('libphonenumber-js/max'); r = isValidPhoneNumber('+12125551234');` },
    { name: 'oms-wasm: import + verifyWebhook', pre: whPre, code: `const { verifyWebhook } = await import('oms-wasm'); r = verifyWebhook(body, h, '${secret}').type;` },
    { name: 'standardwebhooks: import + verify', pre: whPre, code: `const { Webhook } = await import('standardwebhooks'); r = new Webhook('${swSecret}').verify(body, h).type;` },
  ];
  if (hasExport('oms-wasm/validate')) {
    list.splice(1, 0, { name: 'oms-wasm/validate: import + validatePhone', code: `const { validatePhone } = await import('oms-wasm/validate'); r = validatePhone('+12125551234').ok;` });
  }
  if (hasExport('oms-wasm/webhooks')) {
    list.splice(list.length - 1, 0, { name: 'oms-wasm/webhooks: import + verifyWebhook', pre: whPre, code: `const { verifyWebhook } = await import('oms-wasm/webhooks'); r = verifyWebhook(body, h, '${secret}').type;` });
  }
  return list;
}

function runNode(c) {
  const script = `${c.pre ?? ''}
let r;
const t0 = performance.now();
${c.code}
const t1 = performance.now();
if (!r) throw new Error('first call failed');
process.stdout.write(JSON.stringify({ ms: t1 - t0 }));`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: jsDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`${c.name}: exit ${code}: ${err.slice(0, 400)}`));
      try {
        resolve({ ms: JSON.parse(out).ms, wall });
      } catch (e) {
        reject(e);
      }
    });
  });
}

export async function coldStartNode({ runs = 10 } = {}) {
  const contenders = nodeContenders();
  // a baseline process that imports nothing: what `node` itself costs
  contenders.push({ name: 'baseline: node, nothing imported', code: 'r = 1;' });
  const samples = contenders.map(() => ({ ms: [], wall: [] }));
  for (let i = 0; i < runs; i++) {
    for (const [k, c] of contenders.entries()) {
      const s = await runNode(c);
      samples[k].ms.push(s.ms);
      samples[k].wall.push(s.wall);
    }
  }
  const rows = contenders.map((c, k) => ({ name: c.name, ms: median(samples[k].ms), wallMs: median(samples[k].wall) }));
  console.log(`\ncold start in Node (fresh process each run; median of ${runs}; import + first call, and the whole process)`);
  const w = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`  ${r.name.padEnd(w)}  ${r.ms.toFixed(1).padStart(7)} ms import+call   ${r.wallMs.toFixed(0).padStart(5)} ms process`);
  return rows;
}

// ---- workerd via Miniflare

async function bundleWorker(source, outdir) {
  const esbuild = await import('esbuild');
  const entry = join(outdir, 'entry.mjs');
  writeFileSync(entry, source);
  await esbuild.build({
    entryPoints: [entry],
    outfile: join(outdir, 'worker.mjs'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    nodePaths: [join(jsDir, 'node_modules')],
    logLevel: 'warning',
    plugins: [
      {
        name: 'wasm-module',
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, async (args) => {
            if (args.pluginData?.inner) return undefined;
            const resolved = await b.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, pluginData: { inner: true } });
            if (resolved.errors.length) return { errors: resolved.errors };
            const name = basename(resolved.path);
            copyFileSync(resolved.path, join(outdir, name));
            return { path: `./${name}`, external: true };
          });
        },
      },
    ],
  });
  return join(outdir, 'worker.mjs');
}

function workerContenders() {
  const list = [
    { name: 'baseline: worker importing nothing', src: `export default { fetch() { return new Response('true'); } };` },
    { name: 'oms-wasm: validatePhone', src: `import { validatePhone } from 'oms-wasm';\nexport default { fetch() { return new Response(String(validatePhone('+12125551234').ok)); } };` },
    { name: 'libphonenumber-js/max: isValidPhoneNumber', src: `import { isValidPhoneNumber } from 'libphonenumber-js/max';\nexport default { fetch() { return new Response(String(isValidPhoneNumber('+12125551234'))); } };` },
  ];
  if (hasExport('oms-wasm/validate')) {
    list.splice(2, 0, { name: 'oms-wasm/validate: validatePhone', src: `import { validatePhone } from 'oms-wasm/validate';\nexport default { fetch() { return new Response(String(validatePhone('+12125551234').ok)); } };` });
  }
  return list;
}

export async function coldStartWorkerd({ runs = 5 } = {}) {
  const { Miniflare } = await import('miniflare');
  const contenders = workerContenders();
  const dirs = [];
  try {
    for (const c of contenders) {
      const dir = mkdtempSync(join(tmpdir(), 'oms-cold-'));
      dirs.push(dir);
      c.script = await bundleWorker(c.src, dir);
    }
    const once = async (c) => {
      const t0 = process.hrtime.bigint();
      const mf = new Miniflare({
        modules: true,
        scriptPath: c.script,
        modulesRoot: dirname(c.script),
        modulesRules: [
          { type: 'ESModule', include: ['**/*.mjs', '**/*.js'] },
          { type: 'CompiledWasm', include: ['**/*.wasm'] },
        ],
        compatibilityDate: '2025-09-01',
        cf: false,
      });
      try {
        const res = await mf.dispatchFetch('http://localhost/');
        const text = await res.text();
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (text !== 'true') throw new Error(`${c.name}: answered ${res.status} ${text.slice(0, 200)}`);
        // a second request on the warm isolate: what a request costs once started
        const t1 = process.hrtime.bigint();
        await (await mf.dispatchFetch('http://localhost/')).text();
        return { ms, warmMs: Number(process.hrtime.bigint() - t1) / 1e6 };
      } finally {
        await mf.dispose();
      }
    };
    await once(contenders[0]); // warm the disk cache / workerd binary
    const samples = contenders.map(() => ({ ms: [], warm: [] }));
    for (let i = 0; i < runs; i++) {
      for (const [k, c] of contenders.entries()) {
        const s = await once(c);
        samples[k].ms.push(s.ms);
        samples[k].warm.push(s.warmMs);
      }
    }
    const rows = contenders.map((c, k) => ({ name: c.name, ms: median(samples[k].ms), warmMs: median(samples[k].warm), spreadMs: spread(samples[k].ms) }));
    const base = rows[0];
    console.log(`\ncold start in workerd via Miniflare (new Miniflare → first response; median of ${runs}; "over baseline" = minus a worker that imports nothing; "within noise" = less than the larger interquartile range of the two)`);
    const w = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) {
      r.overBaselineMs = r.ms - base.ms;
      // the run-to-run spread of the two medians compared: a difference below it is not a measurement
      r.noiseMs = Math.max(base.spreadMs, r.spreadMs);
      r.withinNoise = r !== base && Math.abs(r.overBaselineMs) <= r.noiseMs;
      const over = r === base ? '(baseline)' : r.withinNoise ? `within noise (±${r.noiseMs.toFixed(0)} ms)` : `${r.overBaselineMs >= 0 ? '+' : ''}${r.overBaselineMs.toFixed(0)} ms over baseline`;
      console.log(`  ${r.name.padEnd(w)}  ${r.ms.toFixed(0).padStart(6)} ms   ${over.padStart(26)}   next request ${r.warmMs.toFixed(1)} ms`);
    }
    return rows;
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  const runs = i > 0 ? Number(process.argv[i + 1]) : 10;
  await coldStartNode({ runs });
  await coldStartWorkerd({ runs: Math.max(3, Math.round(runs / 2)) });
}

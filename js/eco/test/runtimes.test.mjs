// Runtimes, each importing the installed package by name: Node.js ESM and CommonJS, Deno (npm
// `deno`), Bun (npm `bun`: ESM and CommonJS), and Cloudflare Workers: `wrangler deploy --dry-run`
// bundles worker/ (bundle sizes printed) and Miniflare (workerd) runs what wrangler produced.
// Each runs common/checks.mjs (see bundlers.test.mjs); CommonJS also checks `instanceof` of a
// CommonJS error against the ESM classes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPECTED } from '../common/checks-core.mjs';
import { bin, eco, lastJson, run } from './support.mjs';

test('Node.js ESM', async () => {
  assert.deepEqual(lastJson((await run(process.execPath, ['node/esm.mjs'])).stdout), EXPECTED);
});

test('Node.js CommonJS (and a CommonJS error against the ESM classes)', async () => {
  assert.deepEqual(lastJson((await run(process.execPath, ['node/cjs.cjs'])).stdout), { ...EXPECTED, cjsErrorIsEsmClass: true });
});

test('Deno 2 (the `deno` condition)', async () => {
  const { stdout } = await run(bin('deno'), ['run', '--quiet', '--no-prompt', '--allow-read', 'node/esm.mjs'], { env: { DENO_NO_UPDATE_CHECK: '1' } });
  assert.deepEqual(lastJson(stdout), EXPECTED);
});

test('Bun (ESM and CommonJS)', async () => {
  assert.deepEqual(lastJson((await run(bin('bun'), ['run', 'node/esm.mjs'])).stdout), EXPECTED);
  assert.deepEqual(lastJson((await run(bin('bun'), ['run', 'node/cjs.cjs'])).stdout), { ...EXPECTED, cjsErrorIsEsmClass: true });
});

const WRANGLER_ENV = { WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false', WRANGLER_HIDE_BANNER: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: 'true' };

/** `wrangler deploy --dry-run --outdir <outdir> [script]` in worker/; returns its "Total Upload" line. */
async function dryRun(outdir, script) {
  const root = join(eco, 'worker');
  rmSync(join(root, outdir), { recursive: true, force: true });
  const config = mkdtempSync(join(tmpdir(), 'oms-eco-wrangler-'));
  try {
    const { stdout } = await run(bin('wrangler'), ['deploy', '--dry-run', '--outdir', outdir, ...(script ? [script] : [])], { cwd: root, env: { ...WRANGLER_ENV, XDG_CONFIG_HOME: config } });
    const upload = /Total Upload: ([^\n]+)/.exec(stdout)?.[1];
    assert.ok(upload, stdout);
    return upload;
  } finally {
    rmSync(config, { recursive: true, force: true });
  }
}

async function miniflare(dist, script, bindings = {}) {
  const { Miniflare } = await import('miniflare');
  return new Miniflare({
    modules: true,
    scriptPath: join(dist, script),
    modulesRoot: dist,
    modulesRules: [
      { type: 'ESModule', include: ['**/*.js'] },
      { type: 'CompiledWasm', include: ['**/*.wasm'] },
    ],
    compatibilityDate: '2026-04-01',
    bindings,
  });
}

test('Cloudflare Workers: wrangler deploy --dry-run (no [[rules]]), then the bundle in Miniflare', async () => {
  const upload = await dryRun('dist');
  console.log(`wrangler deploy --dry-run, all three entries: Total Upload ${upload}`);
  const dist = join(eco, 'worker', 'dist');
  assert.equal(readdirSync(dist).filter((f) => f.endsWith('.wasm')).length, 3);
  const mf = await miniflare(dist, 'index.js');
  try {
    const res = await mf.dispatchFetch('http://worker/');
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.deepEqual(JSON.parse(text), EXPECTED);
  } finally {
    await mf.dispose();
  }
});

test('Cloudflare Workers: a webhook-only Worker (oms-wasm/webhooks) bundles only its own .wasm', async () => {
  const upload = await dryRun('dist-webhooks', 'src/webhooks.mjs');
  console.log(`wrangler deploy --dry-run, oms-wasm/webhooks only: Total Upload ${upload}`);
  const dist = join(eco, 'worker', 'dist-webhooks');
  assert.deepEqual(readdirSync(dist).filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/^[0-9a-f]+-/, '')), ['oms-wasm-webhooks.wasm']);
  const { signWebhook } = await import('oms-wasm/webhooks');
  const secret = `whsec_${'ab'.repeat(32)}`;
  const body = JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1' } });
  const mf = await miniflare(dist, 'webhooks.js', { OMS_WEBHOOK_SECRET: secret });
  try {
    let res = await mf.dispatchFetch('http://worker/', { method: 'POST', body, headers: signWebhook({ payload: body, secret }) });
    assert.equal(await res.text(), 'ok cashIn.completed');
    res = await mf.dispatchFetch('http://worker/', { method: 'POST', body, headers: signWebhook({ payload: body, secret: `whsec_${'cd'.repeat(32)}` }) });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: 'no_matching_signature' });
  } finally {
    await mf.dispose();
  }
});

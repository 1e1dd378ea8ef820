// The package in Deno (the `deno` export condition): a script run by the real Deno binary (the npm
// `deno` dev dependency) imports `oms-wasm`, `oms-wasm/validate` and `oms-wasm/webhooks` by name
// from node_modules and validates, verifies a webhook from a Uint8Array + Headers, builds a request
// and calls the emulator with OmsClient (test/support/deno-smoke.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from './support/emulator.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';

const js = fileURLToPath(new URL('..', import.meta.url));
const deno = fileURLToPath(new URL('../node_modules/.bin/deno', import.meta.url));

// Deno resolves bare npm specifiers from node_modules only for packages its package.json lists:
// the script runs from a scratch project that depends on the installed package (a symlink).
let emu;
let project;
before(async () => {
  emu = await startEmulator();
  project = mkdtempSync(join(tmpdir(), 'oms-deno-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module', dependencies: { 'oms-wasm': '*' } }));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(join(js, 'node_modules', 'oms-wasm'), join(project, 'node_modules', 'oms-wasm'), 'dir');
  writeFileSync(join(project, 'webhook-cases.json'), JSON.stringify(webhookCases()));
  for (const f of ['deno-smoke.mjs', 'client-flow.mjs', 'webhook-cases.mjs']) copyFileSync(join(js, 'test', 'support', f), join(project, f));
});
after(async () => {
  await emu?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
});

test('oms-wasm in Deno: validation, webhooks, requests and the client against the emulator', async () => {
  assert.ok(existsSync(deno), `the deno binary (npm dev dependency) is missing at ${deno}: run npm ci in js/`);
  const { host } = new URL(emu.baseUrl);
  const { stdout } = await promisify(execFile)(
    deno,
    ['run', '--quiet', '--no-prompt', '--allow-read', `--allow-net=${host}`, '--allow-env=OMS_API_KEY,OMS_API_SECRET,OMS_BASE_URL', 'deno-smoke.mjs'],
    {
      cwd: project,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', OMS_API_KEY: emu.apiKey, OMS_API_SECRET: emu.apiSecret, OMS_BASE_URL: emu.baseUrl },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const r = JSON.parse(stdout.trim().split('\n').at(-1));
  assert.match(r.runtime, /^deno 2\./);
  assert.equal(r.phone.ok, true);
  assert.equal(r.phone.value.e164, '+12125551234');
  assert.equal(r.phoneSubpath.value.e164, '+12125551234');
  assert.equal(r.customerOk, true);
  assert.ok(r.badCodes.includes('residentialAddress:invalid_type'), r.badCodes.join(' '));
  assert.deepEqual(r.junkThenGood, [false, false, false, false, false, false, true]);
  assert.deepEqual(r.webhook, { id: 'msg_deno', type: 'cashIn.completed', keyEncoding: 'hex', dataId: 'ci_1' });
  assert.deepEqual(r.stale, { code: 'timestamp_too_old', isClass: true });
  // every webhook vector through each route: node:crypto's HMAC by default, the wasm route, the complete check
  const cases = webhookCases();
  for (const [route, { results, used }] of Object.entries(r.routes)) {
    const problems = cases.flatMap((c, i) => results[i].flatMap((res) => webhookMismatches(c, res)));
    assert.deepEqual(problems, [], `${route}: ${problems.length} problems`);
    const want = route === 'default' ? 'native' : route;
    assert.ok(used[want] >= 100 && Object.keys(used).every((k) => k === want || k === 'complete'), `${route}: ${JSON.stringify(used)}`);
  }
  assert.deepEqual(r.request, { method: 'GET', url: 'https://sandbox-api.polygon.technology/v0.9/customers/cst_123', auth: 'Bearer tok_test', parsedId: 'cst_123' });
  assert.match(r.client.created, /^cst_/);
  assert.equal(r.client.sameId, true);
  assert.deepEqual(r.notFound, { status: 404, isApiError: true });
});

// The lean subpath entries `oms-wasm/validate` (browser forms) and `oms-wasm/webhooks` (verify and
// sign), from the installed package: each has its own, smaller .wasm and the same per-runtime
// entries and types as the main entry, exports exactly its subset, and gives the same answers as
// the main entry on the shared vectors — in Node ESM, Node CJS and workerd (Chromium: the browser
// form example imports `oms-wasm/validate`, see browser.test.mjs).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as main from 'oms-wasm';
import * as validate from 'oms-wasm/validate';
import * as webhooks from 'oms-wasm/webhooks';
import { mismatch, phoneCases, validatorCases } from './support/vectors.mjs';
import { HEADER_SHAPES, PAYLOAD_SHAPES, runCase } from './support/webhook-cases.mjs';
import { webhookCases, webhookMismatches } from './support/webhook-vectors.mjs';
import { startWorker } from './support/workerd.mjs';

const require = createRequire(import.meta.url);
const pkgDir = fileURLToPath(new URL('../node_modules/oms-wasm/', import.meta.url));
const COMMON = ['OmsApiError', 'OmsConnectionError', 'OmsError', 'OmsValidationError', 'WebhookVerificationError', 'init', 'initSync', 'version'];
const VALIDATE = [...COMMON, 'addressSchema', 'customerSchema', 'issueCodes', 'phoneSchema', 'setIssueMessages', 'validateAddress', 'validateBirthDate', 'validateCountry', 'validateCustomer', 'validateEmail', 'validatePhone', 'validateTaxId'].sort();
const WEBHOOKS = [...COMMON, 'signWebhook', 'verifyWebhook', 'verifyWebhookSignature'].sort();

test('each subpath exports exactly its subset (ESM and CJS), all of it also in the main entry', () => {
  assert.deepEqual(Object.keys(validate).sort(), VALIDATE);
  assert.deepEqual(Object.keys(webhooks).sort(), WEBHOOKS);
  assert.deepEqual(Object.keys(require('oms-wasm/validate')).sort(), VALIDATE);
  assert.deepEqual(Object.keys(require('oms-wasm/webhooks')).sort(), WEBHOOKS);
  for (const k of [...VALIDATE, ...WEBHOOKS]) assert.ok(k in main, `main entry lacks ${k}`);
});

test('each subpath ships its own .wasm, smaller than the main one, and the same entries and types', () => {
  const gz = (p) => gzipSync(readFileSync(p), { level: 9 }).length;
  const mainWasm = gz(`${pkgDir}wasm/oms-wasm.wasm`);
  for (const sub of ['validate', 'webhooks']) {
    const dir = `${pkgDir}${sub}/`;
    const files = readdirSync(dir).filter((f) => statSync(dir + f).isFile());
    for (const f of ['index.browser.mjs', 'index.node.mjs', 'index.node.cjs', 'index.workerd.mjs', 'index.d.ts', 'index.d.cts']) assert.ok(files.includes(f), `${sub}/${f}`);
    const wasm = gz(`${dir}wasm/oms-wasm-${sub}.wasm`);
    assert.ok(wasm < mainWasm, `${sub} .wasm (${wasm} B gz) is not smaller than the main one (${mainWasm} B gz)`);
    assert.match(readFileSync(`${dir}index.workerd.mjs`, 'utf8'), new RegExp(`import wasmModule from '\\./wasm/oms-wasm-${sub}\\.wasm'`));
  }
  const dts = readFileSync(`${pkgDir}validate/index.d.ts`, 'utf8');
  assert.match(dts, /export function validateCustomer/);
  assert.doesNotMatch(dts, /export (declare )?(function|class|const) (verifyWebhook|buildRequest|OmsClient)\b/);
  const wdts = readFileSync(`${pkgDir}webhooks/index.d.ts`, 'utf8');
  assert.match(wdts, /export function verifyWebhook/);
  assert.doesNotMatch(wdts, /export (declare )?(function|class|const) (validateCustomer|buildRequest|OmsClient|customerSchema)\b/);
});

test('oms-wasm/validate gives the main entry\'s answers on every validator vector', () => {
  const cases = [...validatorCases(), ...phoneCases()];
  const failures = [];
  for (const c of cases) {
    const m = mismatch(validate[c.fn](c.input, c.options), c.expect);
    if (m) failures.push(`${c.file} ${c.name}: ${m}`);
  }
  assert.ok(cases.length > 300);
  assert.deepEqual(failures, []);
  assert.equal(validate.phoneSchema.parse('+44 20 7946 0958'), '+442079460958');
  assert.throws(() => validate.customerSchema.parse({ type: 'business' }), (e) => e instanceof validate.OmsValidationError && e.issues.length > 0);
});

test('oms-wasm/webhooks gives the main entry\'s answers on every webhook vector (every payload × header shape)', () => {
  const problems = [];
  let runs = 0;
  for (const c of webhookCases()) {
    for (let v = 0; v < PAYLOAD_SHAPES.length * HEADER_SHAPES.length; v++) {
      problems.push(...webhookMismatches(c, runCase(webhooks, c, v)));
      runs++;
    }
  }
  assert.ok(runs > 500);
  assert.deepEqual(problems, []);
});

let mf;
before(async () => {
  mf = await startWorker(fileURLToPath(new URL('./support/subpath-worker.mjs', import.meta.url)));
});
after(async () => {
  await mf?.dispose();
});

test('both subpaths in workerd (a Worker importing them by name)', async () => {
  const body = JSON.stringify({ type: 'cashIn.completed', timestamp: '2026-01-01T00:00:00Z', data: { id: 'ci_1' } });
  const secret = `whsec_${'ab'.repeat(32)}`;
  const headers = main.signWebhook({ payload: body, secret, id: 'msg_1', timestamp: 1767225600 });
  const calls = [
    { entry: 'validate', fn: 'validatePhone', args: ['+1 (212) 555-1234'] },
    { entry: 'validate', fn: 'validateCustomer', args: [{ firstName: 5 }] },
    { entry: 'webhooks', fn: 'verifyWebhook', args: [body, headers, secret, { now: 1767225600 }] },
    { entry: 'webhooks', fn: 'verifyWebhook', args: [body, headers, `whsec_${'cd'.repeat(32)}`, { now: 1767225600 }] },
  ];
  const res = await mf.dispatchFetch('http://worker/', { method: 'POST', body: JSON.stringify(calls) });
  assert.equal(res.status, 200, await res.clone().text());
  const { exports, results } = await res.json();
  assert.deepEqual(exports, { validate: VALIDATE, webhooks: WEBHOOKS });
  assert.equal(results[0].value.value.e164, '+12125551234');
  assert.equal(results[1].value.ok, false);
  assert.equal(results[2].value.type, 'cashIn.completed');
  assert.equal(results[2].value.keyEncoding, 'hex');
  assert.deepEqual([results[3].name, results[3].code], ['WebhookVerificationError', 'no_matching_signature']);
});

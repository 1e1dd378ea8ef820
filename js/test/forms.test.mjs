// oms-wasm's Standard Schema objects in real forms: js/test/forms/ (React + react-hook-form, its
// `standardSchemaResolver` from @hookform/resolvers) is built by Vite against the INSTALLED package
// (`oms-wasm/validate`, whose .wasm Vite emits as an asset), served, and driven in headless Chromium:
// a signup form with only three fields submits; a three-step form with one picked schema per step;
// a phone field as `{ country, number }`, alone and inside a larger object; messages that read well.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launch } from './support/browser.mjs';
import { serve } from './support/static-server.mjs';

const root = fileURLToPath(new URL('./forms/', import.meta.url));
let outDir, server, browser, page;
const pageErrors = [];

before(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'oms-forms-'));
  await build({ root, logLevel: 'error', configFile: false, build: { outDir, emptyOutDir: true, target: 'es2022' } });
  server = await serve(outDir);
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('#signup-form', { timeout: 20000 });
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const errorOf = (form, name) => page.locator(`${form} [data-error-for="${name}"]`).textContent();
const submitted = async (sel) => {
  await page.waitForFunction((s) => document.querySelector(`${s} [data-submitted]`)?.textContent, sel, { timeout: 5000 });
  return JSON.parse(await page.locator(`${sel} [data-submitted]`).textContent());
};

test('the Vite build emits the .wasm as an asset (no inlined base64, no node_modules path)', () => {
  const files = readdirSync(join(outDir, 'assets'));
  assert.ok(files.some((f) => f.endsWith('.wasm')), files.join(' '));
});

test('a signup form with only firstName, lastName and phone submits with the plain customerSchema', async () => {
  await page.fill('#signup-form #phone', '+1 212');
  await page.click('#signup-submit');
  assert.equal(await errorOf('#signup-form', 'phone'), 'Phone number is too short for its country.');
  await page.fill('#signup-form #firstName', 'Alice');
  await page.fill('#signup-form #lastName', 'Smith');
  await page.fill('#signup-form #phone', '+1 (212) 555-1234');
  await page.click('#signup-submit');
  const value = await submitted('#signup-form');
  assert.deepEqual(value, { type: 'individual', firstName: 'Alice', lastName: 'Smith', phone: '+12125551234' });
  assert.equal(await errorOf('#signup-form', 'phone'), '');
});

test('a multi-step form: one picked schema per step, errors only on the step’s own fields', async () => {
  // step 1: nothing filled; the picked step has no required field of its own: it passes
  await page.fill('#step-1 #firstName', 'Alice');
  await page.fill('#step-1 #lastName', 'Smith');
  await page.fill('#step-1 #phone', '212 555');
  await page.click('#step-1-next');
  assert.match(await errorOf('#step-1', 'phone'), /^Phone number needs its country/);
  await page.fill('#step-1 #phone', '+44 20 7946 0958');
  await page.click('#step-1-next');
  // step 2: readiness as errors for this step's fields only, with form labels
  await page.waitForSelector('#step-2');
  await page.click('#step-2-next');
  assert.match(await errorOf('#step-2', 'birthDate'), /^Date of birth is needed before OMS can provision USD/);
  assert.match(await errorOf('#step-2', 'residentialAddress'), /residential address is needed/);
  await page.fill('#step-2 #residentialAddress-country', 'US');
  await page.fill('#step-2 #residentialAddress-city', 'New York');
  await page.fill('#step-2 #birthDate', '1990-05-15');
  await page.click('#step-2-next');
  assert.equal(await errorOf('#step-2', 'residentialAddress.line1'), 'Street address is required.');
  assert.equal(await errorOf('#step-2', 'residentialAddress.zipCode'), 'ZIP / postal code is required for addresses in US.');
  assert.equal(await errorOf('#step-2', 'birthDate'), '');
  await page.fill('#step-2 #residentialAddress-line1', '123 Main St');
  await page.fill('#step-2 #residentialAddress-state', 'ny');
  await page.fill('#step-2 #residentialAddress-zipCode', '10001');
  await page.click('#step-2-next');
  // step 3: the document
  await page.waitForSelector('#step-3');
  await page.fill('#step-3 #identifyingInformation-0-number', '000-12-3456');
  await page.click('#step-3-next');
  const ssnError = await errorOf('#step-3', 'identifyingInformation.0.number');
  assert.match(ssnError, /Social Security number cannot exist/);
  assert.ok(!ssnError.includes('000-12-3456'), 'the number is never echoed');
  await page.fill('#step-3 #identifyingInformation-0-number', '123-45-6789');
  await page.click('#step-3-next');
  const result = await submitted('#steps');
  assert.equal(result.ok, true, JSON.stringify(result));
  assert.equal(result.value.phone, '+442079460958');
  assert.equal(result.value.residentialAddress.state, 'NY');
  assert.deepEqual(result.warnings, ['email', 'nationality', 'signedAgreement'], 'the advice of other pages stays a warning');
});

test('a phone field as { country, number }: errors land on the number input; the output is E.164', async () => {
  await page.fill('#phone-form #number', '212 555');
  await page.click('#phone-submit');
  assert.equal(await errorOf('#phone-form', 'number'), 'Phone number is too short for US.');
  await page.fill('#phone-form #country', 'XX');
  await page.click('#phone-submit');
  assert.match(await errorOf('#phone-form', 'country'), /^Country must be a two-letter ISO 3166-1 alpha-2 country code/);
  await page.fill('#phone-form #country', 'us');
  await page.fill('#phone-form #number', '(212) 555-1234');
  await page.click('#phone-submit');
  assert.deepEqual(await submitted('#phone-form'), { e164: '+12125551234' });

  // inside a larger object: the issue path is phone.number
  await page.fill('#contact-form #firstName', 'Ada');
  await page.fill('#contact-form #phone-number', '020 79');
  await page.click('#contact-submit');
  assert.equal(await errorOf('#contact-form', 'phone.number'), 'Phone number is too short for GB.');
  await page.fill('#contact-form #phone-number', '020 7946 0958');
  await page.click('#contact-submit');
  assert.deepEqual(await submitted('#contact-form'), { firstName: 'Ada', phone: '+442079460958' });
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});

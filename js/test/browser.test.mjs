// The browser form example (js/examples/browser-form) in headless Chromium, driven by
// playwright-core: field errors appear as the user types, go away when fixed, all show on submit,
// and a valid form yields the normalized payload. Also: the browser entry runs every shared vector.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch } from './support/browser.mjs';
import { serve } from './support/static-server.mjs';
import { phoneCases, validatorCases } from './support/vectors.mjs';
import { mismatch } from './support/vectors.mjs';

let server, browser, page;
const pageErrors = [];

before(async () => {
  server = await serve(fileURLToPath(new URL('../examples/browser-form/', import.meta.url)));
  browser = await launch();
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(`${server.url}/`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const errorOf = (field) => page.locator(`[id="${field}-error"]`).textContent();

test('errors appear as the user types, only for touched fields', async () => {
  await page.fill('#phone', '+1 212');
  assert.match(await errorOf('phone'), /too short/i);
  assert.equal(await errorOf('email'), '', 'untouched field shows nothing');
  assert.equal(await page.getAttribute('#phone', 'aria-invalid'), 'true');

  await page.fill('#phone', '+1 (212) 555-1234');
  assert.equal(await errorOf('phone'), '');
  assert.equal(await page.getAttribute('#phone', 'aria-invalid'), 'false');

  await page.fill('#email', 'alice@');
  assert.match(await errorOf('email'), /email/i);
  await page.fill('#email', 'alice@example.com');
  assert.equal(await errorOf('email'), '');

  await page.fill('#taxId', '000-12-3456');
  const ssnError = await errorOf('identifyingInformation.0.number');
  assert.ok(ssnError.length > 0, 'an impossible SSN is flagged');
  assert.ok(!ssnError.includes('000-12-3456') && !ssnError.includes('000123456'), 'the number is never echoed');

  await page.fill('#birthDate', '2015-06-01');
  assert.match(await errorOf('birthDate'), /18/);
});

test('submit shows every error, then a valid form gives the normalized payload', async () => {
  await page.click('#submit');
  assert.match(await page.textContent('#status'), /Please fix \d+ field/);
  assert.match(await errorOf('residentialAddress.line1'), /^Street address is required\.$/, 'untouched required field shown after submit');
  assert.match(await errorOf('firstName'), /recommended/, 'the advice of other pages is a hint');

  await page.fill('#firstName', 'Alice');
  await page.fill('#lastName', 'Smith');
  await page.fill('#birthDate', '1990-04-12');
  await page.fill('#nationality', 'us');
  await page.fill('#line1', '350 5th Ave');
  await page.fill('#city', 'New York');
  await page.fill('#state', 'ny');
  await page.fill('#zipCode', '10118');
  await page.fill('#taxId', '123456789');
  await page.check('#signedAgreement');
  await page.click('#submit');
  assert.equal(await page.textContent('#status'), 'Ready to send to your server.');
  const payload = JSON.parse(await page.textContent('#payload'));
  assert.equal(payload.phone, '+12125551234');
  assert.equal(payload.nationality, 'US');
  assert.equal(payload.residentialAddress.state, 'NY');
  assert.equal(payload.identifyingInformation[0].number, '•••-••-6789');
  assert.equal(payload.type, 'individual');
  for (const el of await page.locator('.error').all()) assert.equal(await el.textContent(), '');
});

for (const entry of ['oms-wasm', 'oms-wasm/validate']) {
  test(`the browser entry of ${entry} answers every shared vector like Node does`, async () => {
    const cases = [...validatorCases(), ...phoneCases()].map(({ fn, input, options }) => ({ fn, input, options }));
    const results = await page.evaluate(
      async ([name, calls]) => {
        const oms = await import(name);
        await oms.init();
        return calls.map(({ fn, input, options }) => oms[fn](input, options));
      },
      [entry, cases],
    );
    const all = [...validatorCases(), ...phoneCases()];
    const failures = all.map((c, i) => [c, mismatch(results[i], c.expect)]).filter(([, m]) => m).map(([c, m]) => `${c.file} ${c.name}: ${m}`);
    assert.deepEqual(failures, []);
  });
}

test('calling before init() is a coded error, not a crash (validators, version, buildRequest, OmsClient)', async () => {
  const p2 = await browser.newPage();
  await p2.goto(`${server.url}/node_modules/oms-wasm/package.json`);
  const r = await p2.evaluate(async (base) => {
    const oms = await import(`${base}/node_modules/oms-wasm/index.browser.mjs`);
    const codeOf = (f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return e.code + ':' + (e instanceof oms.OmsError);
      }
    };
    // every kind of entry point: a validator, the version, the sans-IO builder, the client
    const codes = [
      codeOf(() => oms.validatePhone('+12125551234')),
      codeOf(() => oms.version()),
      codeOf(() => oms.buildRequest('customers.get', { customerId: 'cus_1' })),
      codeOf(() => new oms.OmsClient({ apiKey: 'sk_sdbx_k', apiSecret: 'browser-test-secret', dangerouslyAllowBrowser: true })),
    ];
    await oms.init();
    return { codes, ok: oms.validatePhone('+12125551234').ok };
  }, server.url);
  assert.deepEqual(r, { codes: Array(4).fill('not_initialized:true'), ok: true });
  await p2.close();
});

test('no page errors', () => {
  assert.deepEqual(pageErrors, []);
});

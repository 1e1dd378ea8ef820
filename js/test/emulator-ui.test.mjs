// The emulator's inspector page (/_emulator/ui) in headless Chromium (playwright-core, Debian
// chromium): after the demo flow it shows the customer with its endorsements, the completed
// cash-in with its deposit code and both webhook deliveries with their signature headers; clicking
// "Complete" on a new cash-in delivers its events (verified with the installed package's
// verifyWebhook). The page loads nothing from the network but the emulator, and cannot be framed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyWebhook } from 'oms-wasm';
import { startEmulator } from './support/emulator.mjs';
import { launch } from './support/browser.mjs';
import { demoFlow, newCashIn, startReceiver, until } from './support/emulator-ui.mjs';

let emu;
let receiver;
let browser;
before(async () => {
  emu = await startEmulator();
  receiver = await startReceiver();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await receiver?.close();
  await emu?.stop();
});

test('the inspector shows the demo flow live and its buttons drive the sandbox', async () => {
  const flow = await demoFlow(emu, receiver);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  const foreign = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(emu.uiUrl).origin)) foreign.push(r.url());
  });
  const res = await page.goto(emu.uiUrl);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['x-frame-options'], 'DENY');
  assert.match(res.headers()['content-security-policy'], /frame-ancestors 'none'/);

  // the customer with its endorsements, the wallet balance
  const customerRow = page.locator(`#customers tr[data-id="${flow.customer.id}"]`);
  await customerRow.waitFor();
  const customerText = await customerRow.innerText();
  for (const e of ['basic: ACTIVE', 'cryptoCustody: ACTIVE', 'usd: ACTIVE']) assert.ok(customerText.includes(e), customerText);
  assert.ok(customerText.includes('Alice'), customerText);
  const walletRow = page.locator(`#wallets tr[data-id="${flow.wallet.id}"]`);
  assert.ok((await walletRow.innerText()).includes(flow.balance.balance));

  // the completed cash-in with its deposit code
  const cashInRow = page.locator(`#cashIns tr[data-id="${flow.cashIn.id}"]`);
  assert.equal(await cashInRow.getAttribute('data-status'), 'completed');
  assert.ok((await cashInRow.innerText()).includes(flow.code));

  // both deliveries, with the signature headers and the payload
  for (const type of ['cashIn.completed', 'transaction.fiatToCrypto.completed']) {
    const row = page.locator(`#deliveries tr[data-event="${type}"]`).first();
    await row.waitFor();
    assert.equal(await row.getAttribute('data-outcome'), 'delivered');
    await row.locator('summary').click();
    const headers = await row.locator('pre.headers').innerText();
    const sent = receiver.of(type)[0];
    assert.ok(headers.includes(`webhook-signature: ${sent.headers['webhook-signature']}`), headers);
    assert.ok(headers.includes(`webhook-id: ${sent.headers['webhook-id']}`), headers);
    assert.ok((await row.locator('pre.payload').innerText()).includes(JSON.parse(sent.body).data.id));
  }

  // a new cash-in appears (live), and its "Complete" button delivers its events
  const second = await newCashIn(flow);
  const secondRow = page.locator(`#cashIns tr[data-id="${second.id}"]`);
  await secondRow.waitFor({ timeout: 5000 });
  assert.equal(await secondRow.getAttribute('data-status'), 'pending');
  await secondRow.locator('button[data-action="complete"]').click();
  const delivered = await until('the new cash-in\'s events', () => {
    const ci = receiver.of('cashIn.completed').find((d) => JSON.parse(d.body).data.id === second.id);
    const tx = receiver.of('transaction.fiatToCrypto.completed').find((d) => JSON.parse(d.body).data.cashInId === second.id);
    return ci && tx && [ci, tx];
  });
  for (const d of delivered) {
    const event = verifyWebhook(d.body, d.headers, flow.secret);
    assert.ok(event.type === 'cashIn.completed' || event.type === 'transaction.fiatToCrypto.completed');
    assert.equal(event.keyEncoding, 'hex');
  }
  await page.locator(`#cashIns tr[data-id="${second.id}"][data-status="completed"]`).waitFor({ timeout: 5000 });
  assert.equal((await flow.client.cashIns.get(second.id)).status, 'completed');

  // advance the clock from the page; redeliver an event from the page
  const before = (await emu.control('GET', '/clock')).nowMs;
  await page.locator('button[data-advance="3600"]').click();
  await until('the clock advanced', async () => (await emu.control('GET', '/clock')).nowMs >= before + 3_600_000);
  const count = receiver.of('cashIn.completed').length;
  await page.locator('#deliveries tr[data-event="cashIn.completed"] button[data-action="redeliver"]').first().click();
  await until('a redelivery', () => receiver.of('cashIn.completed').length > count);

  assert.deepEqual(errors, [], 'page errors');
  assert.deepEqual(foreign, [], 'requests to other origins');
  await page.close();
});

test('the page cannot drive the controls from another origin', async () => {
  // what any web page can send without a CORS preflight: refused before anything changes
  const res = await fetch(`${emu.controlUrl}/reset`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
  assert.equal(res.status, 415);
  const state = await (await fetch(`${emu.controlUrl}/state`)).json();
  assert.ok(state.customers.length > 0, 'nothing was reset');
  assert.equal(res.headers.get('access-control-allow-origin'), null);
});

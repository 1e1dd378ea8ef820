// Takes the README's screenshot of the emulator's inspector page (docs/emulator-ui.png): starts
// the emulator, runs the demo flow with a webhook receiver, adds a pending cash-in and a
// transfer still processing, then captures /_emulator/ui in headless Chromium (playwright-core).
//
//   ./scripts/test.sh install-pkg && node js/tools/emulator-ui-screenshot.mjs [out.png]
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../test/support/emulator.mjs';
import { launch } from '../test/support/browser.mjs';
import { demoFlow, newCashIn, startReceiver } from '../test/support/emulator-ui.mjs';

const out = process.argv[2] ?? fileURLToPath(new URL('../../docs/emulator-ui.png', import.meta.url));
const emu = await startEmulator(['--settle-ms', '600000', '--start-time', '2026-12-01T10:00:00Z']);
const receiver = await startReceiver();
const browser = await launch();
try {
  const flow = await demoFlow(emu, receiver);
  await newCashIn(flow, '60.00');
  const q = await flow.client.quotes.create({
    customerId: flow.customer.id,
    source: { walletId: flow.wallet.id, asset: 'usdc', network: 'polygon', amount: '25.00' },
    destination: { asset: 'usdc', network: 'polygon', wallet: { blockchainAddress: '0x000000000000000000000000000000000000dEaD' } },
  });
  await flow.client.transactions.create({ quoteId: q.id });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(emu.uiUrl);
  await page.locator(`#cashIns tr[data-id="${flow.cashIn.id}"]`).waitFor();
  await page.locator('#deliveries tr[data-event="cashIn.completed"] summary').first().click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await receiver.close();
  await emu.stop();
}

// Shared by the inspector test (test/emulator-ui.test.mjs) and the screenshot script
// (tools/emulator-ui-screenshot.mjs): a webhook receiver that records raw deliveries, and the demo
// flow (OmsClient from the installed package) with a webhook endpoint pointing at the receiver.
import { createServer } from 'node:http';
import { OmsClient } from 'oms-wasm';
import { getStarted } from './client-flow.mjs';

/** A local receiver: every POST is recorded as `{ headers, body }` (the raw bytes as text). */
export async function startReceiver() {
  const got = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}/webhooks/oms`,
    got,
    /** Parsed deliveries of one event type. */
    of: (type) => got.filter((d) => JSON.parse(d.body).type === type),
    close: () => new Promise((r) => server.close(r)),
  };
}

/** Polls `check` every 50 ms for at most `ms`; returns its truthy value or throws `what`. */
export async function until(what, check, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The demo flow against `emu`: a webhook endpoint (cash-in and fiat-in events) to `receiver`, then
 * the Get-started flow (customer, wallet, location, cash-in, sandbox completion). Resolves when
 * both completion webhooks arrived. Returns the flow's objects, the client and the endpoint secret.
 */
export async function demoFlow(emu, receiver) {
  const client = new OmsClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.baseUrl });
  const hook = await client.webhooks.create({ url: receiver.url, events: ['customer.endorsement.granted', 'cashIn.*', 'transaction.fiatToCrypto.*'] });
  const flow = await getStarted(client, { amount: '100.00' });
  await until('both completion webhooks', () => receiver.of('cashIn.completed').length && receiver.of('transaction.fiatToCrypto.completed').length);
  return { client, secret: hook.secret, hook, ...flow };
}

/** A new pending cash-in for the flow's customer and wallet. */
export function newCashIn(flow, amount = '40.00') {
  return flow.client.cashIns.create({
    customerId: flow.customer.id,
    source: { asset: 'usd', network: 'cash', indicatedAmount: amount },
    destination: { wallet: { id: flow.wallet.id }, asset: 'usdc', network: 'polygon' },
    cash: { locationId: flow.location.id, locationReference: flow.location.locationReference },
  });
}

// The Get-started flow as a Cloudflare Worker: the Worker holds the OMS credentials (never the
// browser), validates the signup before sending anything, creates the customer, provisions a
// usdc/polygon wallet, finds a cash location, creates a cash-in (the deposit code the customer shows
// at the counter), completes it with the sandbox simulation endpoints, and receives the signed
// webhooks at its own route, verified with verifyWebhook from the raw bytes.
//
// Routes:
//   POST /get-started   runs the flow; answers { steps: [...], events: [...], balance }
//   POST /webhooks/oms  OMS webhook deliveries (verified, each event processed once by the inbox)
//
// Bindings (wrangler.toml): OMS_API_KEY, OMS_API_SECRET (secrets), OMS_BASE_URL (the emulator's URL,
// or the sandbox's https://sandbox-api.polygon.technology/v0.9), PUBLIC_URL (where OMS can reach this
// Worker; default: the origin the /get-started request came to), the Durable Objects of
// oms-wasm/cloudflare — OMS_TOKENS (OmsTokenBroker: one token for every isolate) and OMS_INBOX
// (WebhookInbox: each event processed once) — and the KV namespace DEMO_KV (webhook secret,
// received events, for the demo's display).
import { OmsClient, OmsApiError, OmsValidationError, validateCustomer, verifyWebhook, WebhookVerificationError } from 'oms-wasm';
import { durableTokens, webhookInbox } from 'oms-wasm/cloudflare';

// The Durable Object classes must be exported by the Worker that binds them.
export { OmsTokenBroker, WebhookInbox } from 'oms-wasm/cloudflare';

/** What a signup form sends, with the mistakes people make (fixed below, before anything is sent). */
const SIGNUP = {
  firstName: 'Alice',
  lastName: 'Nguyen',
  email: 'alice@gmial.com',
  phone: '(212) 555-1234',
  birthDate: '12/04/1990',
  nationality: 'us',
  ipAddress: '203.0.113.7',
  residentialAddress: { street: '350 5th Ave', city: 'New York', state: 'New York', country: 'US', postalCode: '10118' },
  identifyingInformation: [{ type: 'ssn', number: '212-55-1234' }],
  endorsements: ['basic', 'cryptoCustody', 'usd'],
};

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/webhooks/oms') return receiveWebhook(request, env, ctx);
    if (request.method === 'POST' && url.pathname === '/get-started') {
      try {
        return Response.json(await getStarted(env, env.PUBLIC_URL || url.origin));
      } catch (e) {
        // Coded errors, never secrets: OmsApiError carries status/code/requestId, OmsValidationError issues.
        const detail = { error: e?.name, code: e?.code, message: e?.message };
        if (e instanceof OmsApiError) Object.assign(detail, { status: e.status, requestId: e.requestId });
        if (e instanceof OmsValidationError) detail.issues = e.issues;
        return Response.json(detail, { status: 502 });
      }
    }
    return new Response('Not found', { status: 404 });
  },
};

async function getStarted(env, publicUrl) {
  const steps = [];
  const step = (s) => steps.push(s);
  // tokenProvider: every isolate and every client of this Worker shares one token (one exchange).
  const client = new OmsClient({
    apiKey: env.OMS_API_KEY,
    apiSecret: env.OMS_API_SECRET,
    baseUrl: env.OMS_BASE_URL,
    tokenProvider: durableTokens(env.OMS_TOKENS),
  });

  // 1. Validate the signup form before anything is sent (the same checks run in the browser).
  const first = validateCustomer(SIGNUP);
  step(`validate signup: ${first.issues.length} issues, e.g. ${first.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.code}`).join('; ')}`);
  const fixed = {
    ...SIGNUP,
    email: 'alice@gmail.com',
    birthDate: '1990-04-12',
    residentialAddress: { line1: '350 5th Ave', city: 'New York', state: 'NY', country: 'US', zipCode: '10118' },
    signedAgreement: true,
  };
  const valid = validateCustomer(fixed);
  if (!valid.ok) throw new OmsValidationError('the fixed signup still has issues', 'validation_failed');
  // Provisioning readiness is its own result: what fiat provisioning would still need (none here).
  step(`validate signup (fixed): ok, phone ${valid.value.phone}, nationality ${valid.value.nationality}, readiness warnings ${valid.warnings.length}`);

  // 2. Subscribe to the events of the flow; the secret is returned once: keep it (here, in KV).
  const hook = await client.webhooks.create({
    url: `${publicUrl}/webhooks/oms`,
    events: ['customer.endorsement.*', 'cashIn.*', 'transaction.fiatToCrypto.*'],
  });
  await env.DEMO_KV.put('webhook-secret', hook.secret);
  step(`webhook endpoint ${hook.id} → ${hook.url} (secret stored, ${hook.secret.length} chars)`);

  // 3. The customer, with the identity fields fiat needs (or balances and money movement fail with
  //    "provider account not provisioned"). The requested endorsements come back PENDING and move
  //    to ACTIVE once review passes (auto-approved in sandbox, with customer.endorsement.granted).
  const customer = await client.customers.create(valid.value);
  const endorsements = (c) => (c.endorsements ?? []).map((e) => `${e.type}=${e.status}`).join(' ');
  step(`customer ${customer.id} ${customer.status} ${endorsements(customer)}`);

  // 4. A custodial usdc wallet on Polygon (needs cryptoCustody, approved by now in sandbox).
  const wallet = await client.wallets.create({ customerId: customer.id, asset: 'usdc', chain: 'polygon' });
  step(`wallet ${wallet.id} ${wallet.asset}/${wallet.chain} ${wallet.address}`);
  step(`customer endorsements after review: ${endorsements(await client.customers.get(customer.id))}`);

  // 5. A retail location near the customer, and a cash-in: the deposit code to show at the counter.
  const locations = await client.cashLocations.list({ provider: 'greendot', latitude: 40.7484, longitude: -73.9857 });
  const location = locations.data[0];
  step(`cash location ${location.id} ${location.name ?? ''} (${locations.data.length} nearby)`);
  // The body as the OMS Get-started page writes it (wallet.wallet, cash.cashLocationId/-Reference);
  // the SDK accepts every documented spelling and sends the canonical one.
  const cashIn = await client.cashIns.create({
    customerId: customer.id,
    destination: { wallet: { wallet: wallet.id }, asset: 'usdc', network: 'polygon' },
    cash: { cashLocationId: location.id, cashLocationReference: location.locationReference },
    source: { asset: 'usd', indicatedAmount: '100.00' },
  });
  const code = cashIn.depositInstructions?.code;
  step(`cash-in ${cashIn.id} ${cashIn.status}: deposit code ${code}, valid until ${cashIn.depositInstructions?.expiresAt}`);

  // 6. Sandbox only: the retail counter, simulated (authorize, then commit the load).
  const auth = await client.sandbox.cashIns.barcodeAuth({ accountNumber: code, accountReferenceNumber: location.locationReference, amount: '100.00' });
  step(`sandbox barcode auth: ${auth.responseText} (${auth.confirmationId})`);
  const commit = await client.sandbox.cashIns.authCommit({
    accountNumber: code,
    accountReferenceNumber: location.locationReference,
    amount: '100.00',
    originalConfirmationId: auth.confirmationId,
    customerId: customer.id,
  });
  step(`sandbox auth commit: ${commit.responseText}`);

  // 7. The signed webhooks arrive at /webhooks/oms (verified there); wait for the completion events.
  const wanted = ['customer.endorsement.granted', 'cashIn.completed', 'transaction.fiatToCrypto.completed'];
  const events = await waitForEvents(env, wanted, 15_000);
  for (const e of events) step(`webhook ${e.type} ${e.resource} (verified, key ${e.keyEncoding}, id ${e.id})`);
  const missing = wanted.filter((t) => !events.some((e) => e.type === t));
  if (missing.length) step(`webhook: still waiting for ${missing.join(', ')}`);

  // 8. The result.
  const done = await client.cashIns.get(cashIn.id);
  const balance = await client.wallets.balance(wallet.id);
  step(`cash-in ${done.status}; transaction ${done.transactionId}`);
  step(`wallet balance: ${balance.balance} ${balance.asset}`);
  return { ok: missing.length === 0 && done.status === 'completed', steps, balance: balance.balance };
}

/** Polls the events recorded by the webhook route (KV) until every wanted type arrived. */
async function waitForEvents(env, wanted, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const list = await env.DEMO_KV.list({ prefix: 'event:' });
    const events = (await Promise.all(list.keys.map((k) => env.DEMO_KV.get(k.name, 'json')))).filter(Boolean);
    events.sort((a, b) => a.at - b.at);
    if (wanted.every((t) => events.some((e) => e.type === t)) || Date.now() > deadline) return events;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The webhook route: verify the exact bytes, process each event once (the inbox), record it. */
async function receiveWebhook(request, env) {
  const secret = await env.DEMO_KV.get('webhook-secret');
  if (!secret) return Response.json({ error: 'no endpoint registered yet' }, { status: 503 });
  let event;
  try {
    event = verifyWebhook(await request.arrayBuffer(), request.headers, secret);
  } catch (e) {
    if (e instanceof WebhookVerificationError) return Response.json({ error: e.code, message: e.message }, { status: 400 });
    throw e;
  }
  const r = await webhookInbox(env.OMS_INBOX).process(event, async (e) => {
    const resource = e.data && typeof e.data === 'object' ? e.data.id : undefined;
    await env.DEMO_KV.put(`event:${e.id}`, JSON.stringify({ id: e.id, type: e.type, resource, keyEncoding: e.keyEncoding, at: Date.now() }));
  });
  if (r.status === 'busy') return Response.json({ busy: true }, { status: 409 });
  return Response.json({ received: event.type, status: r.status });
}

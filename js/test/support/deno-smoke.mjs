// Runs inside Deno (js/test/deno.test.mjs starts it with the npm `deno` binary): imports the
// installed package by name — Deno resolves it from node_modules with its `deno` export condition —
// and exercises each entry: validation, webhooks (a Uint8Array body and a WHATWG Headers, as
// Deno.serve hands them), the request layer, and OmsClient against the emulator whose base URL and
// credentials arrive in the environment. Prints one JSON line of results for the Node test to check.
import * as root from 'oms-wasm';
import * as validateEntry from 'oms-wasm/validate';
import * as webhooksEntry from 'oms-wasm/webhooks';
import { fullCustomer } from './client-flow.mjs';
import { HEADER_SHAPES, PAYLOAD_SHAPES, runCase } from './webhook-cases.mjs';

const out = { runtime: `deno ${Deno.version.deno}` };

// validation (root and subpath entries agree)
out.phone = root.validatePhone('+1 (212) 555-1234');
out.phoneSubpath = validateEntry.validatePhone('212-555-1234', { defaultCountry: 'US' });
out.customerOk = root.validateCustomer(fullCustomer(1)).ok;
const bad = validateEntry.validateCustomer({ type: 'individual', residentialAddress: '350 5th Ave, New York' });
out.badCodes = bad.ok ? [] : bad.issues.map((i) => `${i.path.join('.')}:${i.code}`);
out.junkThenGood = [null, 5, [], { __proto__: null }, '\ud800', 'x'.repeat(1 << 20)].map((v) => root.validatePhone(v).ok)
  .concat(root.validatePhone('+442079460958').ok);

// webhooks: sign, then verify the exact bytes with a Headers object, through both entries
const secret = 'whsec_' + 'ab'.repeat(32);
const body = new TextEncoder().encode(JSON.stringify({ type: 'cashIn.completed', data: { id: 'ci_1', object: 'cashIn' } }));
const signed = webhooksEntry.signWebhook({ payload: body, secret, id: 'msg_deno', timestamp: 1_700_000_000 });
const headers = new Headers(signed);
const event = root.verifyWebhook(body, headers, secret, { now: 1_700_000_010 });
out.webhook = { id: event.id, type: event.type, keyEncoding: event.keyEncoding, dataId: event.data.id };
try {
  webhooksEntry.verifyWebhookSignature(body, headers, secret, { now: 1_700_000_000 + 301 });
  out.stale = 'verified';
} catch (e) {
  out.stale = { code: e.code, isClass: e instanceof webhooksEntry.WebhookVerificationError };
}

// every webhook vector (written next to this script by the Node test) through each route: the
// default (node:crypto's HMAC in Deno), the wasm route and the complete check, forced by the glue's
// testing hook; the Node test checks the outcomes
const ROUTE = Symbol.for('oms-wasm.webhooks.route');
const cases = JSON.parse(await Deno.readTextFile('webhook-cases.json'));
out.routes = {};
for (const force of ['default', 'wasm', 'complete']) {
  const hook = { force: force === 'default' ? undefined : force, used: {} };
  globalThis[ROUTE] = hook;
  const n = PAYLOAD_SHAPES.length * HEADER_SHAPES.length;
  out.routes[force] = { results: cases.map((c) => Array.from({ length: n }, (_, v) => runCase(webhooksEntry, c, v))), used: hook.used };
}
delete globalThis[ROUTE];

// request layer
const req = root.buildRequest('customers.get', { customerId: 'cst_123' }, { environment: 'sandbox', accessToken: 'tok_test' });
const parsed = root.parseResponse('customers.get', 200, JSON.stringify({ id: 'cst_123', object: 'customer', status: 'active' }));
out.request = { method: req.method, url: req.url, auth: req.headers.Authorization, parsedId: parsed.id };

// client against the emulator
const client = new root.OmsClient({
  apiKey: Deno.env.get('OMS_API_KEY'),
  apiSecret: Deno.env.get('OMS_API_SECRET'),
  baseUrl: Deno.env.get('OMS_BASE_URL'),
});
const created = await client.customers.create(fullCustomer(2));
const fetched = await client.customers.get(created.id);
out.client = { created: created.id, sameId: fetched.id === created.id, status: fetched.status };
try {
  await client.customers.get('cst_does_not_exist');
  out.notFound = 'found';
} catch (e) {
  out.notFound = { status: e.status, isApiError: e instanceof root.OmsApiError };
}

console.log(JSON.stringify(out));

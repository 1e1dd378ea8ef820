// Type-checked (no emit) as an ES module, under node16 resolution (the `import` condition) and
// bundler resolution, with and without the DOM lib. Correct use must compile, and each line marked
// as an expected error must be one. Uses only names every setup has (DOM lib or @types/node).
import { init, initSync, validatePhone, OmsClient, parseResponse, buildRequest, verifyWebhook, OmsError, WebhookVerificationError, type Customer, type WasmInput } from 'oms-wasm';
import * as validate from 'oms-wasm/validate';
import * as webhooks from 'oms-wasm/webhooks';
import rootWasm from 'oms-wasm/wasm';
import validateWasm from 'oms-wasm/validate/wasm';
import webhooksWasm from 'oms-wasm/webhooks/wasm';

// init(): every kind of input, or none; the .wasm subpaths are valid inputs
await init();
await validate.init(validateWasm);
await webhooks.init(webhooksWasm);
await init(rootWasm);
await init('/assets/oms-wasm.wasm');
await init(new URL('https://example.com/oms-wasm.wasm'));
await init(new Uint8Array(8));
initSync(new ArrayBuffer(8));
const input: WasmInput = new Uint8Array(8).buffer;
await init(input);
// @ts-expect-error init() resolves to nothing
const nothing: number = await init();
void nothing;

const phone = validatePhone('+1 212 555 1234', { defaultCountry: 'US' });
if (phone.ok) {
  const e164: string = phone.value.e164;
  void e164;
}

// a parsed resource has its id (parseResponse refuses a body without one)
const customer: Customer = parseResponse('customers.get', 200, '{"id":"cst_1"}');
const id: string = customer.id;
void id;
const req = buildRequest('customers.get', { customerId: 'cst_1' }, { baseUrl: 'http://127.0.0.1:8787', accessToken: 't' });
void req.url;

// webhooks: Headers (DOM or Node's), or a plain object
const headers = new Headers({ 'webhook-id': 'msg_1' });
try {
  verifyWebhook('{}', headers, 'whsec_x');
  webhooks.verifyWebhook(new Uint8Array(2), { 'webhook-id': ['msg_1'] }, ['whsec_x', 'whsec_y']);
} catch (e) {
  // one class per name: the root's and the subpath's are interchangeable for narrowing
  if (e instanceof webhooks.WebhookVerificationError || e instanceof WebhookVerificationError) {
    const code: string = e.code;
    void code;
  } else if (e instanceof OmsError) {
    void e.code;
  }
}

// the client: a custom fetch and an AbortSignal, with whatever lib declares them
const controller = new AbortController();
const client = new OmsClient({ apiKey: 'sk_sdbx_x', apiSecret: 's', fetch: (url, init) => fetch(url, init) });
const viaGlobal = new OmsClient({ apiKey: 'sk_sdbx_x', apiSecret: 's', fetch });
void viaGlobal;
const got: Customer = await client.customers.get('cst_1', { signal: controller.signal });
void got;
// @ts-expect-error a signal is an AbortSignal
await client.customers.get('cst_1', { signal: 'abort' });

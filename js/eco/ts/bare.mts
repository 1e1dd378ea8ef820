// Type-checked with nothing but the ES2022 lib (no DOM, no @types/node): the declarations need no
// host types. Plain-object headers, bytes and strings only.
import { init, validatePhone, parseResponse, verifyWebhook, signWebhook, OmsError, type Customer } from 'oms-wasm';
import * as webhooks from 'oms-wasm/webhooks';
import validateWasm from 'oms-wasm/validate/wasm';
import { init as initValidate, customerSchema } from 'oms-wasm/validate';

await init(new Uint8Array(8));
await initValidate(validateWasm);
const r = validatePhone('+1 212 555 1234');
if (r.ok) void r.value.e164;
const c: Customer = parseResponse('customers.get', 200, '{"id":"cst_1"}');
void c.id;
const headers = signWebhook({ payload: '{}', secret: 'whsec_x' });
try {
  webhooks.verifyWebhook('{}', headers, 'whsec_x');
  verifyWebhook(new Uint8Array(2), { 'webhook-id': 'msg_1' }, 'whsec_x');
  customerSchema.parse({});
} catch (e) {
  if (e instanceof OmsError) void e.code;
}

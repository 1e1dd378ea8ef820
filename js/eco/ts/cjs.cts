// Type-checked (no emit) as CommonJS under node16 resolution (the `require` condition: index.d.cts).
import { validatePhone, init, OmsError, WebhookVerificationError, parseResponse, type Customer } from 'oms-wasm';
import validate = require('oms-wasm/validate');
import rootWasm = require('oms-wasm/wasm');

void init(rootWasm).then(() => {
  const r = validatePhone('+44 20 7946 0958');
  if (r.ok) void r.value.e164;
  const c: Customer = parseResponse('customers.create', 201, '{"id":"cst_1"}');
  void c.id;
  try {
    validate.customerSchema.parse({});
  } catch (e) {
    if (e instanceof validate.OmsValidationError) void e.issues[0]?.path;
    else if (e instanceof OmsError || e instanceof WebhookVerificationError) void e.code;
  }
});
// @ts-expect-error the validators take options objects
validatePhone('+1', 'US');

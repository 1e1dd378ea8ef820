// Type-checked (tsc --noEmit): the subpath entries have their own declarations with exactly their
// subset of the API (each @ts-expect-error line must be an error).
import { init, validatePhone, validateCustomer, customerSchema, OmsValidationError, type Issue, type CustomerInput } from 'oms-wasm/validate';
import { verifyWebhook, signWebhook, WebhookVerificationError, type WebhookEvent } from 'oms-wasm/webhooks';
// @ts-expect-error the validate entry has no webhook functions
import { verifyWebhookSignature } from 'oms-wasm/validate';
// @ts-expect-error the webhooks entry has no validators
import { validateAddress } from 'oms-wasm/webhooks';
// @ts-expect-error the client is only in the main entry
import { OmsClient } from 'oms-wasm/webhooks';

await init();
const r = validatePhone('+1 212 555 1234', { defaultCountry: 'US' });
if (r.ok) void r.value.e164;
const c = validateCustomer({ firstName: 'A' });
if (!c.ok) { const i: Issue = c.issues[0]; void i.path; }
const parsed: CustomerInput = customerSchema.parse({ type: 'individual' });
void parsed, OmsValidationError, verifyWebhookSignature, validateAddress, OmsClient;

const headers = signWebhook({ payload: '{}', secret: 'whsec_x' });
const e: WebhookEvent = verifyWebhook('{}', headers, 'whsec_x', { toleranceSeconds: 60 });
void e.id, WebhookVerificationError;
// @ts-expect-error tolerance is a number
verifyWebhook('{}', headers, 'whsec_x', { toleranceSeconds: '60' });

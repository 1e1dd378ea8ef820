// Type-checked (tsc --noEmit) against the installed package's declarations: the public types must
// accept correct use and reject wrong use (each @ts-expect-error line must be an error).
import {
  init, validatePhone, validateAddress, validateTaxId, validateBirthDate, validateEmail, validateCountry, validateCustomer,
  customerSchema, addressSchema, phoneSchema, setIssueMessages, issueCodes, version,
  OmsError, OmsValidationError, WebhookVerificationError,
  type Issue, type IssueCode, type CustomerInput, type Address, type PhoneNumber, type Result, type StandardSchemaV1,
} from 'oms-wasm';

await init();

const p: Result<PhoneNumber> = validatePhone('+1 212 555 1234', { defaultCountry: 'US', strict: true });
if (p.ok) {
  const e164: string = p.value.e164;
  const valid: boolean = p.value.valid;
  // @ts-expect-error the value has no such field
  p.value.formatted;
  void e164, valid;
} else {
  const first: Issue = p.issues[0];
  const code: IssueCode = first.code;
  const path: (string | number)[] = first.path;
  void code, path;
}
// @ts-expect-error unknown option
validatePhone('x', { defaultCountry: 'US', bogus: true });
// @ts-expect-error strict is a boolean
validatePhone('x', { strict: 'yes' });
validatePhone(12345); // any input is accepted (and gets an issue)

const a = validateAddress({ line1: '1 Main St', city: 'Springfield', state: 'IL', zipCode: '62701', country: 'US' });
if (a.ok) {
  const addr: Address = a.value;
  const zip: string | undefined = addr.zipCode;
  void zip;
}
validateTaxId({ type: 'ssn', number: '123-45-6789' });
validateBirthDate('1990-01-01', { today: '2026-01-01', minAge: 21 });
// @ts-expect-error minAge is a number
validateBirthDate('1990-01-01', { minAge: '21' });
validateEmail('a@b.co');
validateCountry('us');

const c = validateCustomer({}, { mode: 'update', requireFiatFields: false });
if (c.ok) {
  const body: CustomerInput = c.value;
  const phone: string | undefined = body.phone;
  void phone;
}
// @ts-expect-error mode is 'create' | 'update'
validateCustomer({}, { mode: 'upsert' });
// Provisioning readiness is its own field, on valid and invalid results alike.
const ready = validateCustomer({ type: 'individual' }, { requireFiatFields: true, fields: ['firstName', 'phone'] });
const advice: Issue[] = ready.warnings;
void advice;
// @ts-expect-error fields are customer field names
validateCustomer({}, { fields: ['line1'] });
const step = customerSchema.pick(['firstName', 'phone']);
const stepOut: { firstName?: string; phone?: string } = step.parse({ firstName: 'A', phone: { country: 'US', number: '2125551234' } });
const stepWarnings: Issue[] = step.with({ requireFiatFields: true }).safeParse({}).warnings;
void stepOut, stepWarnings;
// @ts-expect-error a picked schema's output has only the picked fields
const noEmail: string | undefined = step.parse({}).email;
// @ts-expect-error pick takes customer field names
customerSchema.pick(['line1']);

const schema: StandardSchemaV1<unknown, CustomerInput> = customerSchema;
const updateSchema = customerSchema.with({ mode: 'update' });
const out: CustomerInput = updateSchema.parse({ firstName: 'A' });
const e164: string = phoneSchema.with({ defaultCountry: 'GB' }).parse('020 7946 0958');
addressSchema['~standard'].validate({});
void schema, out, e164;

setIssueMessages({ required: 'Obligatoire : {field}', too_long: (i) => `max ${i.params?.max}` });
// @ts-expect-error unknown issue code
setIssueMessages({ not_a_code: 'x' });
const codes: IssueCode[] = issueCodes();
const v: string = version();
void codes, v;

try {
  customerSchema.parse({});
} catch (e) {
  if (e instanceof OmsValidationError) {
    const issues: Issue[] = e.issues;
    const code: string = e.code;
    void issues, code;
  }
  if (e instanceof OmsError && !(e instanceof WebhookVerificationError)) void e.code;
}

// ---- webhooks
import {
  verifyWebhook, verifyWebhookSignature, signWebhook,
  type WebhookEvent, type VerifiedSignature, type KeyEncoding, type SignedWebhookHeaders, type KnownWebhookEventType,
} from 'oms-wasm';

declare const request: Request;
declare const nodeHeaders: Record<string, string | string[] | undefined>;
const whSecret = 'whsec_' + '0'.repeat(64);
const raw = new Uint8Array(await request.arrayBuffer());
const event: WebhookEvent = verifyWebhook(raw, request.headers, [whSecret, whSecret], { toleranceSeconds: 600, now: new Date(), secretEncoding: 'hex' });
verifyWebhook(await request.text(), nodeHeaders, whSecret);
verifyWebhook(new DataView(raw.buffer), nodeHeaders, whSecret, { now: 1_700_000_000 });
const sig: VerifiedSignature = verifyWebhookSignature(raw.buffer, request.headers, whSecret);
const ke: KeyEncoding = sig.keyEncoding;
const idAndTs: [string, number] = [sig.id, sig.timestamp];
void ke, idAndTs;

// narrowing on event.type: known types get their resource shape; unknown types stay open
switch (event.type) {
  case 'cashIn.completed': {
    const obj: 'cashIn' | undefined = event.data.object;
    void obj;
    break;
  }
  case 'customer.endorsement.granted': {
    const endorsements: unknown[] | undefined = event.data.endorsements;
    void endorsements;
    break;
  }
  case 'transaction.fiatToCrypto.completed':
  case 'transaction.cryptoToCrypto.failed': {
    const obj: 'transaction' | undefined = event.data.object;
    const id: string | undefined = event.data.id;
    void obj, id;
    break;
  }
  default: {
    const t: string = event.type; // a type this version does not know still compiles
    void t;
  }
}
const known: KnownWebhookEventType = 'wallet.depositDetected';
void known;
const wid: string = event.id;
const body: Record<string, unknown> = event.body;
void wid, body;

const signed: SignedWebhookHeaders = signWebhook({ payload: '{}', secret: whSecret, id: 'msg_1', timestamp: 1_700_000_000 });
const sigHeader: string = signed['webhook-signature'];
void sigHeader;

// @ts-expect-error the body must be the raw bytes or text, not parsed JSON
verifyWebhook(await request.json() as object, request.headers, whSecret);
// @ts-expect-error headers are a Headers or a record of strings
verifyWebhook(raw, [['webhook-id', 'x']], whSecret);
// @ts-expect-error the secret is a string or string[]
verifyWebhook(raw, request.headers, 42);
// @ts-expect-error secretEncoding is 'auto' | 'hex' | 'base64' | 'raw'
verifyWebhook(raw, request.headers, whSecret, { secretEncoding: 'utf8' });
// @ts-expect-error now is seconds or a Date
verifyWebhook(raw, request.headers, whSecret, { now: '2024-01-01' });
// @ts-expect-error toleranceSeconds is a number
verifyWebhook(raw, request.headers, whSecret, { toleranceSeconds: '300' });
// @ts-expect-error signWebhook needs a secret
signWebhook({ payload: '{}' });
// @ts-expect-error a cash-in event's resource is not a transaction
if (event.type === 'cashIn.completed') { const o: 'transaction' | undefined = event.data.object; void o; }
// @ts-expect-error keyEncoding is 'hex' | 'base64' | 'raw'
const badKe: 'auto' = sig.keyEncoding;
void badKe;
// an event type added after this version: compare as a string; the default branch is open
if ((event.type as string) === 'quote.expired') {
  const d: unknown = event.data;
  void d;
}

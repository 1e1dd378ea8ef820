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

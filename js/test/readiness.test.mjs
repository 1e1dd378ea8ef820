// Never stricter than the API, on the BUILT package: what the OMS docs send builds and validates
// as written (the Get-started customer, a customer with only `type`), provisioning readiness is its
// own result (`warnings`, with the field, the endorsement it blocks and the docs page behind the
// rule), `requireFiatFields: true` is the one opt-in that turns the Get-started page's rule into
// errors — in validateCustomer, the schema objects, buildRequest and OmsClient — and the client
// sends by default, reporting readiness through `onWarning`. Form-facing messages read well.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as oms from 'oms-wasm';
import { OmsClient, OmsValidationError, buildRequest, customerSchema, phoneSchema, validateCustomer, validatePhone } from 'oms-wasm';
import { startEmulator } from './support/emulator.mjs';

const TOKEN = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJyZWFkaW5lc3MifQ.c2ln';
const TODAY = '2026-01-15';
/** The OMS Get-started page's customer body, verbatim. */
const GET_STARTED_CUSTOMER = {
  type: 'individual',
  firstName: 'Jane',
  lastName: 'Smith',
  email: 'jane@example.com',
  phone: '+12125551234',
  birthDate: '1990-05-15',
  nationality: 'US',
  residentialAddress: { line1: '123 Main St', city: 'New York', state: 'NY', country: 'US', zipCode: '10001' },
  identifyingInformation: [{ type: 'ssn', issuingCountry: 'US', number: '123-45-6789' }],
  endorsements: ['basic', 'cryptoCustody', 'usd'],
};
const FIRM = ['phone', 'birthDate', 'residentialAddress', 'identifyingInformation'];
const codesAt = (list) => list.map((i) => `${i.code}@${i.path.join('.')}`);

test('validateCustomer: the Get-started body and { type } are ok; readiness is a separate field', () => {
  const gs = validateCustomer(GET_STARTED_CUSTOMER, { today: TODAY });
  assert.equal(gs.ok, true);
  assert.deepEqual(codesAt(gs.warnings), ['recommended_for_fiat@signedAgreement']);
  const w = gs.warnings[0];
  assert.deepEqual(w.params, { field: 'signedAgreement', endorsement: 'usd', source: 'OMS customer onboarding pages' });
  assert.match(w.message, /recommended/);

  const bare = validateCustomer({ type: 'individual' }, { today: TODAY });
  assert.equal(bare.ok, true);
  assert.deepEqual(bare.value, { type: 'individual' });
  const firm = bare.warnings.filter((x) => x.code === 'required_for_fiat');
  assert.deepEqual(firm.map((x) => x.path[0]), FIRM);
  for (const x of firm) {
    assert.equal(x.params.source, 'OMS Get-started page');
    assert.equal(x.params.endorsement, 'usd');
    assert.equal(x.params.field, x.path[0]);
  }
  assert.deepEqual(bare.warnings.filter((x) => x.code === 'recommended_for_fiat').map((x) => x.path[0]), ['firstName', 'lastName', 'email', 'nationality', 'signedAgreement']);
  // other validators have no warnings field
  assert.equal('warnings' in validatePhone('+12125551234'), false);
});

test('requireFiatFields: true is the one opt-in, with the same name in validateCustomer, schemas, buildRequest and the client', async () => {
  const v = validateCustomer({ type: 'individual', firstName: 'Alice' }, { requireFiatFields: true, today: TODAY });
  assert.equal(v.ok, false);
  assert.deepEqual(codesAt(v.issues), FIRM.map((f) => `required_for_fiat@${f}`));
  assert.deepEqual(codesAt(v.warnings), ['recommended_for_fiat@lastName', 'recommended_for_fiat@email', 'recommended_for_fiat@nationality', 'recommended_for_fiat@signedAgreement']);

  const schema = customerSchema.with({ requireFiatFields: true, today: TODAY });
  assert.deepEqual(schema['~standard'].validate({ type: 'individual' }).issues.map((i) => i.path[0]), FIRM);
  assert.equal(customerSchema['~standard'].validate({ type: 'individual' }).value.type, 'individual');

  assert.throws(() => buildRequest('customers.create', { type: 'individual' }, { accessToken: TOKEN, requireFiatFields: true }), (e) => {
    assert.ok(e instanceof OmsValidationError);
    assert.deepEqual(codesAt(e.issues), FIRM.map((f) => `required_for_fiat@${f}`));
    return true;
  });
  // the Get-started body passes the opt-in as well
  assert.equal(validateCustomer(GET_STARTED_CUSTOMER, { requireFiatFields: true, today: TODAY }).ok, true);
  assert.ok(buildRequest('customers.create', GET_STARTED_CUSTOMER, { accessToken: TOKEN, requireFiatFields: true, today: TODAY }).body);

  let sent = 0;
  const strict = new OmsClient({ apiKey: 'sk_sdbx_x', apiSecret: 's', baseUrl: 'https://oms.test/v0.9', requireFiatFields: true, fetch: async () => (sent++, new Response('{}')) });
  await assert.rejects(strict.customers.create({ type: 'individual', firstName: 'Alice' }), (e) => e instanceof OmsValidationError && e.issues.every((i) => i.code === 'required_for_fiat'));
  assert.equal(sent, 0);
  assert.throws(() => new OmsClient({ apiKey: 'sk_sdbx_x', apiSecret: 's', requireFiatFields: 'yes' }), OmsValidationError);
});

test('buildRequest: { type } and the Get-started body build; warnings are a non-enumerable array', () => {
  const r = buildRequest('customers.create', { type: 'individual' }, { accessToken: TOKEN });
  assert.equal(r.body, '{"type":"individual"}');
  assert.deepEqual(Object.keys(r), ['method', 'url', 'headers', 'body']);
  assert.equal(JSON.stringify(r).includes('warnings'), false);
  assert.deepEqual(r.warnings.filter((w) => w.code === 'required_for_fiat').map((w) => w.path[0]), FIRM);
  const gs = buildRequest('customers.create', GET_STARTED_CUSTOMER, { accessToken: TOKEN, idempotencyKey: 'cst-first-customer-001' });
  assert.equal(JSON.parse(gs.body).identifyingInformation[0].number, '123-45-6789');
  assert.deepEqual(codesAt(gs.warnings), ['recommended_for_fiat@signedAgreement']);
  assert.deepEqual(buildRequest('customers.get', { customerId: 'cst_1' }, { accessToken: TOKEN }).warnings, []);
  // message overrides apply to warnings too (process-wide ones, as buildRequest takes no messages)
  oms.setIssueMessages({ required_for_fiat: 'NEEDED {field} for {endorsement} ({source})' });
  try {
    const again = buildRequest('customers.create', { type: 'individual' }, { accessToken: TOKEN });
    assert.equal(again.warnings.find((w) => w.path[0] === 'phone').message, 'NEEDED phone for usd (OMS Get-started page)');
  } finally {
    oms.setIssueMessages(null);
  }
});

test('the client sends by default and reports readiness to onWarning (scripted fetch)', async () => {
  const calls = [];
  const seen = [];
  const fetch = async (url, init) => {
    calls.push({ url, body: init.body });
    if (url.endsWith('/auth/token')) return Response.json({ accessToken: 'eyJ.t.s', tokenType: 'bearer', expiresIn: 3600, expiresAt: new Date(Date.now() + 3600e3).toISOString() });
    return Response.json({ id: 'cst_1', object: 'customer', type: 'individual', firstName: 'Alice' }, { status: 201 });
  };
  const c = new OmsClient({ apiKey: 'sk_sdbx_x', apiSecret: 'secret-x', baseUrl: 'https://oms.test/v0.9', fetch, onWarning: (info) => seen.push(info) });
  const customer = await c.customers.create({ type: 'individual', firstName: 'Alice' });
  assert.equal(customer.id, 'cst_1');
  assert.equal(calls.filter((x) => x.url.endsWith('/customers')).length, 1);
  assert.equal(calls.at(-1).body, '{"type":"individual","firstName":"Alice"}');
  assert.equal(seen.length, 1);
  assert.equal(seen[0].operation, 'customers.create');
  assert.deepEqual(seen[0].warnings.filter((w) => w.code === 'required_for_fiat').map((w) => w.path[0]), FIRM);
  // a throwing hook never affects the call; no warnings, no call
  const quiet = new OmsClient({ apiKey: 'sk_sdbx_x', apiSecret: 'secret-x', baseUrl: 'https://oms.test/v0.9', fetch, onWarning: () => { throw new Error('hook'); } });
  assert.equal((await quiet.customers.create({ type: 'individual' })).id, 'cst_1');
  await c.customers.create(GET_STARTED_CUSTOMER);
  assert.deepEqual(codesAt(seen[1].warnings), ['recommended_for_fiat@signedAgreement']);
  await c.customers.get('cst_1');
  assert.equal(seen.length, 2);
  assert.equal(JSON.stringify(seen).includes('123-45-6789'), false);
});

let emu;
before(async () => {
  emu = await startEmulator();
});
after(async () => {
  await emu?.stop();
});

test('the emulator accepts what the client now sends: { type, firstName } and the Get-started cash-in spellings', async () => {
  const c = new OmsClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.baseUrl });
  const alice = await c.customers.create({ type: 'individual', firstName: 'Alice' });
  assert.match(alice.id, /^cst_/);
  const jane = await c.customers.create({ ...GET_STARTED_CUSTOMER, email: 'jane.readiness@example.com', signedAgreement: true });
  const wallet = await c.wallets.create({ customerId: jane.id, asset: 'usdc', chain: 'polygon' });
  const locations = await c.cashLocations.list({ provider: 'greendot', latitude: 40.7484, longitude: -73.9857 });
  const loc = locations.data[0];
  // The Get-started page's body shape: wallet.wallet, cash.cashLocationId, cash.cashLocationReference.
  const cashIn = await c.cashIns.create({
    customerId: jane.id,
    destination: { wallet: { wallet: wallet.id }, asset: 'usdc', network: 'polygon' },
    cash: { cashLocationId: loc.id, cashLocationReference: loc.locationReference },
    source: { asset: 'usd', indicatedAmount: '100.00' },
  });
  assert.equal(cashIn.status, 'pending');
  assert.equal(cashIn.destination.wallet.id, wallet.id);
  const sent = (await emu.requests({ method: 'POST', path: '/cash-ins' })).at(-1);
  assert.ok(sent, 'the cash-in reached the emulator');
});

test('form messages read well: labels, not keys; codes, paths and params kept', () => {
  const r = validateCustomer({ residentialAddress: { city: 'New York', country: 'US' }, identifyingInformation: [{ type: 'ssn' }], endorsements: ['basic'] });
  const byPath = Object.fromEntries(r.issues.map((i) => [i.path.join('.'), i]));
  assert.equal(byPath['residentialAddress.line1'].message, 'Street address is required.');
  assert.equal(byPath['residentialAddress.line1'].params.field, 'line1');
  assert.equal(byPath['residentialAddress.zipCode'].message, 'ZIP / postal code is required for addresses in US.');
  assert.equal(byPath['identifyingInformation.0.number'].message, 'Document number is required.');
  assert.equal(validateCustomer({ firstName: '123', endorsements: ['basic'] }).issues[0].message, 'First name must contain letters.');
  const fr = validateCustomer({ residentialAddress: { city: 'X', country: 'US' }, endorsements: ['basic'] }, { messages: { required: '{field} est obligatoire' } });
  assert.equal(fr.issues[0].message, 'line1 est obligatoire');
  assert.equal(validatePhone({ country: 'US', number: '' }).issues[0].message, 'Phone number is required.');
});

test('phoneSchema and customerSchema.pick on form values', () => {
  assert.deepEqual(phoneSchema['~standard'].validate({ country: 'GB', number: '020 7946 0958' }), { value: '+442079460958' });
  const bad = phoneSchema['~standard'].validate({ country: 'US', number: '212 555' });
  assert.deepEqual(bad.issues.map((i) => i.path), [['number']]);
  const step = customerSchema.pick(['firstName', 'lastName', 'phone']);
  assert.deepEqual(step.parse({ firstName: 'Alice', lastName: 'Smith', phone: { country: 'US', number: '(212) 555-1234' }, birthDate: 'garbage' }), { firstName: 'Alice', lastName: 'Smith', phone: '+12125551234' });
  const strictStep = customerSchema.pick(['birthDate', 'residentialAddress']).with({ requireFiatFields: true });
  assert.deepEqual(strictStep['~standard'].validate({ firstName: 'Alice' }).issues.map((i) => i.path[0]), ['birthDate', 'residentialAddress']);
  assert.deepEqual(strictStep.safeParse({}).warnings, []);
  assert.throws(() => customerSchema.pick(['nope']).parse({}), (e) => e.issues[0].code === 'invalid_option');
});

// `make demo`: what oms-wasm does for a signup form, against the built package (no network, no
// credentials). A later version runs the whole Get-started flow against the local OMS emulator.
import { validateCustomer, validatePhone, validateTaxId, version } from 'oms-wasm';

const line = (s = '') => console.log(s);
line(`oms-wasm ${version()} — client-side validation demo`);
line();

line('1. Phone numbers in the formats people type:');
for (const [input, defaultCountry] of [['+1 (212) 555-1234'], ['020 7946 0958', 'GB'], ['+49 30 901820'], ['+1 212 555'], ['212-555-1234']]) {
  const r = validatePhone(input, defaultCountry ? { defaultCountry } : undefined);
  const shown = `${JSON.stringify(input)}${defaultCountry ? ` (default ${defaultCountry})` : ''}`.padEnd(36);
  line(`   ${shown} → ${r.ok ? `${r.value.e164}  ${r.value.country ?? ''} ${r.value.type ?? ''} valid=${r.value.valid}` : `${r.issues[0].code}: ${r.issues[0].message}`}`);
}
line();

line('2. Tax IDs (the number never appears in a message):');
for (const doc of [{ type: 'ssn', number: '123 45 6789' }, { type: 'ssn', number: '666-12-3456' }, { type: 'ssn', number: '912-70-1234' }]) {
  const r = validateTaxId(doc);
  line(`   ${doc.type} ${'•'.repeat(doc.number.length)} → ${r.ok ? `ok (${r.value.issuingCountry})` : `${r.issues[0].code}: ${r.issues[0].message}`}`);
}
line();

const signup = {
  firstName: 'Alice',
  lastName: 'Smith',
  email: 'alice@gmial.com',
  phone: '(212) 555-1234',
  birthDate: '12/04/1990',
  nationality: 'us',
  residentialAddress: { street: '350 5th Ave', city: 'New York', state: 'New York', country: 'US', postalCode: '10118' },
  identifyingInformation: [{ type: 'ssn', number: '123-45-6789' }],
  endorsements: ['basic', 'cryptoCustody', 'usd'],
};
line('3. A signup payload with the usual mistakes, validated before anything is sent:');
const first = validateCustomer(signup);
for (const i of first.issues ?? []) line(`   ✗ ${i.path.join('.').padEnd(32)} ${i.code.padEnd(22)} ${i.message}`);
line();

const fixed = {
  ...signup,
  email: 'alice@gmail.com',
  birthDate: '1990-04-12',
  residentialAddress: { line1: '350 5th Ave', city: 'New York', state: 'New York', country: 'US', zipCode: '10118' },
  signedAgreement: true,
};
line('4. Fixed, and normalized to the canonical OMS request body:');
const second = validateCustomer(fixed);
if (!second.ok) {
  for (const i of second.issues) line(`   ✗ ${i.path.join('.')} ${i.code}: ${i.message}`);
  process.exit(1);
}
const shown = structuredClone(second.value);
for (const d of shown.identifyingInformation) d.number = '•••-••-' + d.number.slice(-4);
shown.birthDate = '••••-••-••';
for (const l of JSON.stringify(shown, null, 2).split('\n')) line(`   ${l}`);
line();
line('Done: every check ran in WebAssembly, in this process, with no network.');

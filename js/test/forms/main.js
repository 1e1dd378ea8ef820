// Three React forms wired to oms-wasm's Standard Schema objects through react-hook-form's
// `standardSchemaResolver`, built by Vite (js/test/forms.test.mjs builds and drives them in
// headless Chromium):
//   #signup     a signup form with only firstName / lastName / phone and the plain `customerSchema`
//   #steps      a three-step KYC form: one `customerSchema.pick([...])` per step, the whole payload
//               checked with `requireFiatFields: true` at the end
//   #phone      a phone field as `{ country, number }`: `phoneSchema` alone, and inside a larger
//               object (`customerSchema.pick(['firstName', 'phone'])`)
// Each form writes what it submitted to `[data-submitted]` as JSON. No JSX: plain createElement.
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { standardSchemaResolver } from '@hookform/resolvers/standard-schema';
import { customerSchema, init, phoneSchema } from 'oms-wasm/validate';

await init();

/** A labelled input with its error message (`data-error-for="<name>"`). */
function Field({ form, name, label, type = 'text' }) {
  const error = name.split('.').reduce((e, k) => e?.[k], form.formState.errors);
  return h(
    'label',
    { style: { display: 'block', margin: '4px 0' } },
    label,
    ' ',
    h('input', { ...form.register(name), id: name.replaceAll('.', '-'), type, 'aria-invalid': error ? 'true' : 'false' }),
    h('span', { 'data-error-for': name, style: { color: '#c00', marginLeft: 8 } }, error?.message ?? ''),
  );
}

/** The error of a group of inputs (an issue on the whole `residentialAddress`, e.g. provisioning
 *  readiness when the block is left blank). */
function GroupError({ form, name }) {
  return h('p', { 'data-error-for': name, style: { color: '#c00' } }, form.formState.errors[name]?.message ?? '');
}

function Submitted({ value }) {
  return h('pre', { 'data-submitted': '' }, value === undefined ? '' : JSON.stringify(value));
}

// ---- 1. signup: only three fields, the plain customer schema
function Signup() {
  const [done, setDone] = useState();
  const form = useForm({ resolver: standardSchemaResolver(customerSchema) });
  return h(
    'form',
    { id: 'signup-form', onSubmit: form.handleSubmit(setDone), noValidate: true },
    h('h2', null, 'Signup'),
    h(Field, { form, name: 'firstName', label: 'First name' }),
    h(Field, { form, name: 'lastName', label: 'Last name' }),
    h(Field, { form, name: 'phone', label: 'Phone', type: 'tel' }),
    h('button', { type: 'submit', id: 'signup-submit' }, 'Sign up'),
    h(Submitted, { value: done }),
  );
}

// ---- 2. multi-step: a picked schema per step; readiness as errors (requireFiatFields) for this fiat form
const STEPS = [
  { fields: ['firstName', 'lastName', 'phone'], inputs: [['firstName', 'First name'], ['lastName', 'Last name'], ['phone', 'Phone']] },
  {
    fields: ['birthDate', 'residentialAddress'],
    inputs: [['birthDate', 'Date of birth'], ['residentialAddress.line1', 'Street'], ['residentialAddress.city', 'City'], ['residentialAddress.state', 'State'], ['residentialAddress.zipCode', 'ZIP'], ['residentialAddress.country', 'Country']],
  },
  { fields: ['identifyingInformation', 'signedAgreement'], inputs: [['identifyingInformation.0.type', 'Document type'], ['identifyingInformation.0.number', 'SSN']] },
];
const fiat = customerSchema.with({ requireFiatFields: true });

function Step({ index, onDone }) {
  const step = STEPS[index];
  const form = useForm({ resolver: standardSchemaResolver(fiat.pick(step.fields)), defaultValues: index === 2 ? { identifyingInformation: [{ type: 'ssn' }] } : {} });
  return h(
    'form',
    { id: `step-${index + 1}`, onSubmit: form.handleSubmit(onDone), noValidate: true },
    h('h3', null, `Step ${index + 1}`),
    ...step.inputs.map(([name, label]) => h(Field, { key: name, form, name, label })),
    ...step.fields.filter((f) => f === 'residentialAddress').map((f) => h(GroupError, { key: f, form, name: f })),
    h('button', { type: 'submit', id: `step-${index + 1}-next` }, index === 2 ? 'Finish' : 'Next'),
  );
}

function Steps() {
  const [index, setIndex] = useState(0);
  const [data, setData] = useState({});
  const [result, setResult] = useState();
  const next = (values) => {
    const merged = { ...data, ...values };
    setData(merged);
    if (index < 2) return setIndex(index + 1);
    // the whole payload, with readiness as errors (the final check before sending to the server)
    const r = fiat.safeParse({ ...merged, endorsements: ['basic', 'cryptoCustody', 'usd'] });
    setResult(r.ok ? { ok: true, value: r.value, warnings: r.warnings.map((w) => w.path.join('.')) } : { ok: false, issues: r.issues.map((i) => i.path.join('.')) });
  };
  return h('section', { id: 'steps' }, h('h2', null, 'KYC in three steps'), result ? null : h(Step, { key: index, index, onDone: next }), h(Submitted, { value: result }));
}

// ---- 3. phone as { country, number }: alone, and inside a larger object
function PhoneAlone() {
  const [done, setDone] = useState();
  const form = useForm({ resolver: standardSchemaResolver(phoneSchema), defaultValues: { country: 'US' } });
  return h(
    'form',
    { id: 'phone-form', onSubmit: form.handleSubmit((v) => setDone({ e164: v })), noValidate: true },
    h('h2', null, 'Phone'),
    h(Field, { form, name: 'country', label: 'Country' }),
    h(Field, { form, name: 'number', label: 'Number', type: 'tel' }),
    h('button', { type: 'submit', id: 'phone-submit' }, 'Save'),
    h(Submitted, { value: done }),
  );
}

function Contact() {
  const [done, setDone] = useState();
  const form = useForm({ resolver: standardSchemaResolver(customerSchema.pick(['firstName', 'phone'])), defaultValues: { phone: { country: 'GB' } } });
  return h(
    'form',
    { id: 'contact-form', onSubmit: form.handleSubmit(setDone), noValidate: true },
    h('h2', null, 'Contact'),
    h(Field, { form, name: 'firstName', label: 'First name' }),
    h(Field, { form, name: 'phone.country', label: 'Country' }),
    h(Field, { form, name: 'phone.number', label: 'Phone', type: 'tel' }),
    h('button', { type: 'submit', id: 'contact-submit' }, 'Save'),
    h(Submitted, { value: done }),
  );
}

createRoot(document.getElementById('root')).render(h('main', null, h(Signup), h(Steps), h(PhoneAlone), h(Contact)));
document.documentElement.dataset.ready = 'true';

// Client-side validation: the validators, issue messages and Standard Schema objects.
import * as raw from './wasm/oms_wasm.mjs';
import { notReady, state } from './state.mjs';
import { OmsValidationError } from './errors.mjs';

export function setIssueMessages(messages) {
  if (!state.ready) notReady();
  return raw.setIssueMessages(messages);
}

export function validatePhone(input, options) {
  if (!state.ready) notReady();
  return raw.validatePhone(input, options);
}

export function validateAddress(input, options) {
  if (!state.ready) notReady();
  return raw.validateAddress(input, options);
}

export function validateTaxId(input, options) {
  if (!state.ready) notReady();
  return raw.validateTaxId(input, options);
}

export function validateBirthDate(input, options) {
  if (!state.ready) notReady();
  return raw.validateBirthDate(input, options);
}

export function validateEmail(input, options) {
  if (!state.ready) notReady();
  return raw.validateEmail(input, options);
}

export function validateCountry(input, options) {
  if (!state.ready) notReady();
  return raw.validateCountry(input, options);
}

export function validateCustomer(input, options) {
  if (!state.ready) notReady();
  return raw.validateCustomer(input, options);
}

// ---- Standard Schema v1 (https://standardschema.dev): form libraries call `~standard.validate`.
// Standard Schema has no place for warnings: provisioning readiness stays in `safeParse`'s result
// (and in `validateCustomer`'s), never in `~standard.validate`'s issues unless
// `with({ requireFiatFields: true })` asked for it.

function makeSchema(name, validate, options, output = (v) => v, extra) {
  const run = (value) => {
    const r = validate(value, options);
    return r.ok ? { ...r, value: output(r.value) } : r;
  };
  const schema = {
    '~standard': Object.freeze({
      version: 1,
      vendor: 'oms-wasm',
      validate(value) {
        const r = run(value);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    }),
    /** Validates; returns `{ ok, value }` or `{ ok: false, issues }` (customers: plus `warnings`). */
    safeParse: run,
    /** Validates; returns the value or throws OmsValidationError. */
    parse(value) {
      const r = run(value);
      if (r.ok) return r.value;
      const err = new OmsValidationError(`Invalid ${name}: ${r.issues.map((i) => i.message).join(' ')}`, 'validation_failed');
      err.issues = r.issues;
      throw err;
    },
    /** The same schema with other validator options. */
    with(more) {
      return makeSchema(name, validate, { ...options, ...more }, output, extra);
    },
  };
  if (extra) Object.assign(schema, extra(options));
  return Object.freeze(schema);
}

/** `pick(fields)`: a customer schema of some fields only (a form step, or a form that has only
 *  these fields): `with({ fields })`; the core ignores every other key. */
const customerExtra = (options) => ({
  pick(fields) {
    return makeSchema('customer', validateCustomer, { ...options, fields }, undefined, customerExtra);
  },
});

/** Standard Schema for a whole customer payload (options via `.with({ mode: 'update' })`, a form
 *  step via `.pick(['firstName', 'lastName', 'phone'])`). */
export const customerSchema = makeSchema('customer', validateCustomer, undefined, undefined, customerExtra);
/** Standard Schema for a structured address. */
export const addressSchema = makeSchema('address', validateAddress, undefined);
/** Standard Schema for a phone field (a string, or `{ country, number }`); its output is the E.164
 *  string (`.with({ defaultCountry: 'US' })`). */
export const phoneSchema = makeSchema('phone number', validatePhone, undefined, (p) => p.e164);

/** Every issue code the validators can return. */
export function issueCodes() {
  if (!state.ready) notReady();
  return raw.issueCodes();
}

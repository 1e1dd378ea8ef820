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

function makeSchema(name, validate, options, output = (v) => v) {
  const run = (value) => {
    const r = validate(value, options);
    return r.ok ? { ok: true, value: output(r.value) } : r;
  };
  return Object.freeze({
    '~standard': Object.freeze({
      version: 1,
      vendor: 'oms-wasm',
      validate(value) {
        const r = run(value);
        return r.ok ? { value: r.value } : { issues: r.issues };
      },
    }),
    /** Validates; returns `{ ok, value }` or `{ ok: false, issues }`. */
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
      return makeSchema(name, validate, { ...options, ...more }, output);
    },
  });
}

/** Standard Schema for a whole customer payload (options via `.with({ mode: 'update' })`). */
export const customerSchema = makeSchema('customer', validateCustomer, undefined);
/** Standard Schema for a structured address. */
export const addressSchema = makeSchema('address', validateAddress, undefined);
/** Standard Schema for a phone field; its output is the E.164 string (`.with({ defaultCountry: 'US' })`). */
export const phoneSchema = makeSchema('phone number', validatePhone, undefined, (p) => p.e164);

/** Every issue code the validators can return. */
export function issueCodes() {
  if (!state.ready) notReady();
  return raw.issueCodes();
}

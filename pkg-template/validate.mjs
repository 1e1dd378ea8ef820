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
  // The fast path (src/wasm/validate.rs `validatePhoneText`): a well-formed string and options
  // that are absent or `{ defaultCountry?: string, strict?: boolean }` cross as primitives; anything
  // else (or a getter or Proxy trap that throws) takes the object walk, which reports it.
  if (typeof input === 'string' && input.length <= 65536 && isWellFormed && isWellFormed.call(input)) {
    if (options == null) return raw.validatePhoneText(input, false, undefined, undefined);
    try {
      if (Object.getPrototypeOf(options) === Object.prototype) {
        let country;
        let strict;
        let plain = true;
        const keys = Object.keys(options);
        for (let i = 0; i < keys.length && plain; i++) {
          const v = options[keys[i]];
          if (keys[i] === 'defaultCountry') {
            if (typeof v === 'string' && v.length <= 65536 && isWellFormed.call(v)) country = v;
            else plain = v == null;
          } else if (keys[i] === 'strict') {
            if (typeof v === 'boolean') strict = v;
            else plain = v == null;
          } else plain = false;
        }
        if (plain) return raw.validatePhoneText(input, true, country, strict);
      }
    } catch {
      // the object walk decides
    }
  }
  return raw.validatePhone(input, options);
}
// (engines without it — before ES2024 — always take the object walk, which detects lone surrogates)
const isWellFormed = String.prototype.isWellFormed;

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
  // The fast path: the payload (and the options) as JSON text (see `jsonArgs`), parsed in wasm;
  // `undefined` back means the core declined the text and the object walk decides.
  const text = raw.validateCustomerText && jsonArgs(input, options);
  if (text) {
    const r = raw.validateCustomerText(text[0], text[1]);
    if (r !== undefined) return r;
  }
  return raw.validateCustomer(input, options);
}

// `[input, options]` as JSON text when `JSON.stringify` holds exactly the tree the core's object
// walk reads (src/wasm/convert.rs): plain objects (this realm's) and arrays without `toJSON`,
// strings of at most 64 Ki units, booleans, `null` and whole numbers below 10^15 (not -0) — no
// `undefined` (which JSON drops), no holes, nothing the walk bounds (depth 12, 1,000 entries per
// container, 20,000 values); options without `messages` (functions). Otherwise, or when a getter
// or a Proxy trap throws, `undefined`: the object walk decides.
let nodes = 0;
function jsonArgs(input, options) {
  try {
    nodes = 0;
    if (!exact(input, 0)) return undefined;
    let o;
    if (options != null) {
      nodes = 0;
      if (typeof options !== 'object' || 'messages' in options || !exact(options, 0)) return undefined;
      o = JSON.stringify(options);
    }
    return [JSON.stringify(input), o];
  } catch {
    return undefined;
  }
}
function exact(v, depth) {
  if (++nodes > 20000) return false;
  switch (typeof v) {
    case 'string':
      return v.length <= 65536;
    case 'boolean':
      return true;
    case 'number':
      return Number.isInteger(v) && Math.abs(v) < 1e15 && !Object.is(v, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) return true;
  if (depth >= 12) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === Array.prototype) {
    if (!Array.isArray(v) || v.length > 1000 || 'toJSON' in v) return false;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x === undefined || !exact(x, depth + 1)) return false;
    }
    return true;
  }
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in v) return false;
  const keys = Object.keys(v);
  if (keys.length > 1000) return false;
  for (let i = 0; i < keys.length; i++) {
    const x = v[keys[i]];
    if (x === undefined || !exact(x, depth + 1)) return false;
  }
  return true;
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

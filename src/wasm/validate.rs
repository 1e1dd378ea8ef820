//! `validate*` exports: convert the input and options, call the core validator, convert the result.
//! Validators never throw: bad input and bad options both come back as issues.

use super::convert::{local_today, to_value, MAX_DEPTH, MAX_ITEMS, MAX_NODES, MAX_STRING_UNITS};
use super::messages::Messages;
use crate::input::{json_text, IssueCode, Value};
use crate::validate::date::Date;
use crate::validate::entry::Validator;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_VALIDATE: &'static str = r#"
export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };
/** Per-code message overrides: a template (`{field}`, `{max}`, `{path}`... are filled in) or a function. */
export type IssueMessages = Partial<Record<IssueCode, string | ((issue: Issue) => string)>>;
export interface MessageOptions {
  /** Message overrides for this call (they take precedence over `setIssueMessages`). */
  messages?: IssueMessages;
}
export interface PhoneOptions extends MessageOptions {
  /** ISO 3166-1 alpha-2 country for numbers written without `+` (national format). Default: none. */
  defaultCountry?: string;
  /** Also reject numbers outside the country's assigned ranges (`valid: false`). Default: false. */
  strict?: boolean;
}
export type PhoneNumberType =
  | 'FIXED_LINE' | 'MOBILE' | 'FIXED_LINE_OR_MOBILE' | 'TOLL_FREE' | 'PREMIUM_RATE' | 'SHARED_COST'
  | 'VOIP' | 'PERSONAL_NUMBER' | 'PAGER' | 'UAN' | 'VOICEMAIL';
export interface PhoneNumber {
  /** E.164 form, e.g. `+12125551234`. */
  e164: string;
  /** ISO alpha-2 country, when the number belongs to one (absent for non-geographic numbers). */
  country?: string;
  /** Country calling code without `+`. */
  callingCode: string;
  /** National significant number. */
  nationalNumber: string;
  /** Extension, if the input had one (not part of `e164`). */
  extension?: string;
  /** The length is possible for the country. */
  possible: boolean;
  /** The number is in a range the country assigns. */
  valid: boolean;
  /** The number type, when valid. */
  type?: PhoneNumberType;
}
export interface Address {
  line1: string;
  line2?: string;
  city: string;
  /** State / province code (US: USPS two-letter code). */
  state?: string;
  /** ISO 3166-1 alpha-2, uppercase. */
  country: string;
  zipCode?: string;
}
export type IdentityDocumentType = 'ssn' | 'itin' | 'driversLicense' | 'passport';
export interface IdentifyingInformation {
  type: IdentityDocumentType;
  /** ISO alpha-2; `US` is filled in for `ssn` and `itin`. */
  issuingCountry?: string;
  /** Normalized (SSN/ITIN as `###-##-####`). */
  number: string;
}
export type Endorsement = 'basic' | 'cryptoCustody' | 'usd';
export interface CustomerInput {
  type?: 'individual';
  firstName?: string;
  middleName?: string;
  lastName?: string;
  email?: string;
  /** E.164. */
  phone?: string;
  /** `YYYY-MM-DD`. */
  birthDate?: string;
  /** ISO alpha-2. */
  nationality?: string;
  ipAddress?: string;
  externalId?: string;
  signedAgreement?: boolean;
  residentialAddress?: Address;
  identifyingInformation?: IdentifyingInformation[];
  endorsements?: Endorsement[];
  metadata?: Record<string, string>;
}
/** A phone field: a string, or `{ country?, number }` (a country picker next to a number input;
 *  issues about the number are on `[..., 'number']`). */
export type PhoneInput = string | { country?: string; number: string };
/** What `validateCustomer`, `customerSchema` and `customers.create` accept: a `CustomerInput`
 *  whose `phone` may also be `{ country, number }` (blank strings read as absent). */
export type CustomerParams = Omit<CustomerInput, 'phone'> & { phone?: PhoneInput };
/** `validateCustomer`'s result: valid or not, plus provisioning readiness in `warnings` —
 *  `required_for_fiat` (what the OMS Get-started page says fiat provisioning needs) and
 *  `recommended_for_fiat` (what other OMS pages add), each with `params.field`,
 *  `params.endorsement` (`usd`) and `params.source` (the docs page). Never makes `ok` false unless
 *  `requireFiatFields: true`. */
export type CustomerResult = Result<CustomerInput> & { warnings: Issue[] };
export interface BirthDateOptions extends MessageOptions {
  /** Today as `YYYY-MM-DD`. Default: the caller's local date. */
  today?: string;
  /** Minimum age in years. Default: 18. */
  minAge?: number;
}
export interface CustomerOptions extends BirthDateOptions {
  /** `create` (default): `type` is filled in as `individual`. `update`: a PATCH body. */
  mode?: 'create' | 'update';
  /** `true`: what the OMS Get-started page says fiat provisioning needs (a structured
   *  `residentialAddress`, an E.164 `phone`, `birthDate`, a government ID) becomes
   *  `required_for_fiat` issues, also on an update. Default: `false` — the API accepts such a
   *  customer, so readiness is only reported in `warnings` (when `usd` is requested; a create
   *  without `endorsements` requests it). Advice from other pages is always a warning. */
  requireFiatFields?: boolean;
  /** Only these top-level fields are validated and returned (a form step, or a form with only
   *  some fields); every other key is ignored and `type` is not filled in. Default: all. */
  fields?: (keyof CustomerInput)[];
  /** Country for a phone in national format. Default: `residentialAddress.country`. */
  phoneDefaultCountry?: string;
  /** Reject phone numbers outside assigned ranges. Default: false. */
  strictPhone?: boolean;
}
"#;

/// Converts, runs the core validator, converts back. Never throws.
#[cfg_attr(oms_nightly, optimize(speed))]
fn run(v: Validator, input: &JsValue, opts: &Option<JsValue>) -> JsValue {
    // (`undefined` and `null` arrive as `None`: nothing to convert, no crossing)
    let (options, messages) = match opts {
        None => (Value::Undefined, Messages::none()),
        Some(opts) => {
            let options = to_value(opts);
            // `messages` holds functions, which the conversion does not keep: read it from the JS
            // object, and only when it is there (each lookup is a crossing).
            let messages = match options.get("messages") {
                Some(_) => Messages::from_options(opts),
                None => Messages::none(),
            };
            (options, messages)
        }
    };
    check(v, &to_value(input), &options, &messages)
}

/// Runs the core validator on converted values; the result as a JS value.
#[cfg_attr(oms_nightly, optimize(speed))]
fn check(v: Validator, input: &Value, options: &Value, messages: &Messages) -> JsValue {
    // Only these two read the date; the clock costs four JS calls.
    let today = match v {
        Validator::BirthDate | Validator::Customer => local_today(),
        _ => Date::EPOCH,
    };
    let r = v.check_text(input, options, today);
    let result = match &r.result {
        Ok(v) => Ok(v.as_str()),
        Err(issues) => Err(issues.as_slice()),
    };
    messages.json_checked(result, r.warnings.as_deref())
}

/// `validatePhone` with primitives: the glue's fast path (`pkg-template/validate.mjs`) for a
/// well-formed string input of at most [`MAX_STRING_UNITS`] units and options that are absent or a
/// plain object whose only keys are `defaultCountry` (a well-formed string) and `strict` (a
/// boolean), `undefined`/`null` values read as absent. The options are rebuilt here as the object
/// walk would have read them, so the core sees the same [`Value`]s and answers the same: one string
/// crossing instead of a dozen (the walk of a two-key options object is a third of a call).
#[wasm_bindgen(js_name = validatePhoneText, skip_typescript)]
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn validate_phone_text(
    input: &str,
    has_options: bool,
    default_country: Option<String>,
    strict: Option<bool>,
) -> JsValue {
    let options = if has_options {
        let mut entries = Vec::with_capacity(2);
        if let Some(c) = default_country {
            entries.push(("defaultCountry".to_owned(), Value::String(c)));
        }
        if let Some(b) = strict {
            entries.push(("strict".to_owned(), Value::Bool(b)));
        }
        Value::Object(entries)
    } else {
        Value::Undefined
    };
    check(
        Validator::Phone,
        &Value::String(input.to_owned()),
        &options,
        &Messages::none(),
    )
}

/// `validateCustomer` with the input and the options as `JSON.stringify` text: the glue's fast path
/// (`pkg-template/validate.mjs`), one string crossing instead of one crossing per key, value and
/// type test of the object walk. The glue sends only trees of plain objects, arrays, strings,
/// booleans, `null` and safe integers, and options without `messages`; this side declines
/// (returns `undefined`) whatever [`json_text::parse`] cannot reproduce exactly, and the glue then
/// takes the object path — so both paths give the same result for every input.
#[wasm_bindgen(js_name = validateCustomerText, skip_typescript)]
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn validate_customer_text(input: &str, options: Option<String>) -> JsValue {
    let limits = json_text::Limits {
        max_depth: MAX_DEPTH,
        max_items: MAX_ITEMS as usize,
        max_units: MAX_STRING_UNITS as usize,
        max_nodes: MAX_NODES,
    };
    let Some(value) = json_text::parse(input, limits) else {
        return JsValue::UNDEFINED;
    };
    let options = match options {
        None => Value::Undefined,
        Some(text) => match json_text::parse(&text, limits) {
            Some(o) => o,
            None => return JsValue::UNDEFINED,
        },
    };
    check(Validator::Customer, &value, &options, &Messages::none())
}

macro_rules! validator_export {
    ($(#[$doc:meta])* $rust:ident, $js:literal, $variant:ident, $opts:literal, $ret:literal) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $ret)]
        pub fn $rust(
            #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
            #[wasm_bindgen(unchecked_param_type = $opts)] options: Option<JsValue>,
        ) -> JsValue {
            run(Validator::$variant, &input, &options)
        }
    };
}

validator_export!(
    /// Validates a phone number (E.164 or human formats; national format with `defaultCountry`).
    validate_phone, "validatePhone", Phone, "PhoneOptions", "Result<PhoneNumber>"
);
validator_export!(
    /// Validates a structured address `{ line1, line2?, city, state?, country, zipCode? }`.
    validate_address, "validateAddress", Address, "MessageOptions", "Result<Address>"
);
validator_export!(
    /// Validates an identity document `{ type, number, issuingCountry? }` (SSN, ITIN, passport, driver's licence).
    validate_tax_id, "validateTaxId", TaxId, "MessageOptions", "Result<IdentifyingInformation>"
);
validator_export!(
    /// Validates a birth date: a real `YYYY-MM-DD` date, not in the future, at least `minAge` (18) years ago.
    validate_birth_date, "validateBirthDate", BirthDate, "BirthDateOptions", "Result<string>"
);
validator_export!(
    /// Validates an email address (trimmed, domain lowercased).
    validate_email, "validateEmail", Email, "MessageOptions", "Result<string>"
);
validator_export!(
    /// Validates an ISO 3166-1 alpha-2 country code (any case in, uppercase out).
    validate_country, "validateCountry", Country, "MessageOptions", "Result<string>"
);
validator_export!(
    /// Validates a whole create- or update-customer payload; provisioning readiness in `warnings`.
    validate_customer, "validateCustomer", Customer, "CustomerOptions", "CustomerResult"
);

/// Every issue code validators can return (for translation tables and exhaustive UI mappings).
#[wasm_bindgen(js_name = issueCodes, unchecked_return_type = "IssueCode[]")]
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn issue_codes() -> Vec<String> {
    IssueCode::ALL
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

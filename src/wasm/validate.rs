//! `validate*` exports: convert the input and options, call the core validator, convert the result.
//! Validators never throw: bad input and bad options both come back as issues.

use super::convert::to_value;
use super::messages::Messages;
use crate::validate::address::validate_address as core_address;
use crate::validate::customer::{validate_customer as core_customer, CustomerOptions, Mode};
use crate::validate::date::{validate_birth_date as core_birth_date, BirthDateOptions, Date};
use crate::validate::email::validate_email as core_email;
use crate::validate::fields::{get, opt_bool};
use crate::validate::phone_field::{validate_phone as core_phone, PhoneFieldOptions};
use crate::validate::tax_id::validate_tax_id as core_tax_id;
use crate::validate::{country, Issue, IssueCode, PathSeg, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_VALIDATE: &'static str = r#"
/** A path segment: an object key or an array index. */
export type PathSegment = string | number;
/** One problem with one field. `message` never repeats the input value. */
export interface Issue {
  /** Stable machine-readable code (see the README's table). */
  code: IssueCode;
  /** Full path from the validated root, e.g. `["identifyingInformation", 0, "number"]`. */
  path: PathSegment[];
  /** English message, or your override (see `messages`). */
  message: string;
  /** Value-free facts for localized messages (`max`, `country`, `suggestion`, ...). */
  params?: Record<string, string>;
}
export type IssueCode =
  | 'invalid_type' | 'required' | 'required_for_fiat' | 'unknown_key' | 'too_long' | 'invalid_encoding'
  | 'invalid_enum' | 'invalid_value' | 'too_many_keys' | 'duplicate' | 'invalid_option'
  | 'invalid_phone' | 'phone_country_required' | 'invalid_country_calling_code' | 'phone_too_short'
  | 'phone_too_long' | 'phone_invalid_length' | 'phone_not_valid'
  | 'invalid_country' | 'invalid_state' | 'invalid_postal_code'
  | 'invalid_ssn' | 'invalid_itin' | 'tax_id_type_mismatch' | 'invalid_passport' | 'invalid_drivers_license'
  | 'invalid_date' | 'date_in_future' | 'too_young' | 'implausible_date'
  | 'invalid_email' | 'invalid_ip';
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
export interface BirthDateOptions extends MessageOptions {
  /** Today as `YYYY-MM-DD`. Default: the caller's local date. */
  today?: string;
  /** Minimum age in years. Default: 18. */
  minAge?: number;
}
export interface CustomerOptions extends BirthDateOptions {
  /** `create` (default): `type` is filled in as `individual`. `update`: a PATCH body. */
  mode?: 'create' | 'update';
  /** Require the fields USD provisioning needs. Default: when `usd` is requested (a create without
   *  `endorsements` requests it). */
  requireFiatFields?: boolean;
  /** Country for a phone in national format. Default: `residentialAddress.country`. */
  phoneDefaultCountry?: string;
  /** Reject phone numbers outside assigned ranges. Default: false. */
  strictPhone?: boolean;
}
"#;

/// Reads the options object: `undefined`/`null` → no options; anything else must be a plain object
/// whose keys are in `known` (plus `messages`, read separately).
fn options(options: &JsValue, known: &[&str], issues: &mut Vec<Issue>) -> Vec<(String, Value)> {
    let v = to_value(options);
    let root = vec![PathSeg::Key("options".to_owned())];
    match v {
        Value::Undefined | Value::Null => Vec::new(),
        Value::Object(entries) => {
            for (k, _) in &entries {
                if k != "messages" && !known.contains(&k.as_str()) {
                    issues.push(
                        Issue::new(
                            IssueCode::InvalidOption,
                            vec![root[0].clone(), PathSeg::Key(k.clone())],
                            format!("Unknown option. Allowed options: {}.", known.join(", ")),
                        )
                        .with("allowed", known.join(", ")),
                    );
                }
            }
            entries
        }
        other => {
            issues.push(Issue::new(
                IssueCode::InvalidOption,
                root,
                format!("options must be an object, not {}.", other.kind()),
            ));
            Vec::new()
        }
    }
}

fn bad_option(key: &str, message: &str) -> Issue {
    Issue::new(IssueCode::InvalidOption, vec![PathSeg::Key("options".into()), PathSeg::Key(key.into())], message)
}

fn bool_option(entries: &[(String, Value)], key: &str, issues: &mut Vec<Issue>) -> Option<bool> {
    match opt_bool(get(entries, key), &[]) {
        Ok(b) => b,
        Err(_) => {
            issues.push(bad_option(key, &format!("options.{key} must be a boolean.")));
            None
        }
    }
}

fn country_option(entries: &[(String, Value)], key: &str, issues: &mut Vec<Issue>) -> Option<String> {
    match get(entries, key) {
        Value::Undefined | Value::Null => None,
        Value::String(s) if country::is_country(&s.trim().to_ascii_uppercase()) => Some(s.trim().to_ascii_uppercase()),
        _ => {
            issues.push(bad_option(key, &format!("options.{key} must be an ISO 3166-1 alpha-2 country code such as \"US\".")));
            None
        }
    }
}

fn today_option(entries: &[(String, Value)], issues: &mut Vec<Issue>) -> Date {
    match get(entries, "today") {
        Value::Undefined | Value::Null => local_today(),
        Value::String(s) => Date::parse(s.trim()).unwrap_or_else(|| {
            issues.push(bad_option("today", "options.today must be a date in YYYY-MM-DD form."));
            local_today()
        }),
        _ => {
            issues.push(bad_option("today", "options.today must be a date in YYYY-MM-DD form."));
            local_today()
        }
    }
}

fn min_age_option(entries: &[(String, Value)], issues: &mut Vec<Issue>) -> u32 {
    match get(entries, "minAge") {
        Value::Undefined | Value::Null => 18,
        Value::Number(n) if n.fract() == 0.0 && (0.0..=150.0).contains(n) => *n as u32,
        _ => {
            issues.push(bad_option("minAge", "options.minAge must be a whole number of years from 0 to 150."));
            18
        }
    }
}

/// The caller's local calendar date (in Workers and servers this is UTC).
fn local_today() -> Date {
    let now = js_sys::Date::new_0();
    Date::from_ymd(now.get_full_year() as i32, (now.get_month() + 1) as u8, now.get_date() as u8)
        .unwrap_or(Date::EPOCH)
}

fn finish<T: serde::Serialize>(messages: &Messages, option_issues: Vec<Issue>, r: crate::validate::Validation<T>) -> JsValue {
    if option_issues.is_empty() {
        return messages.result(&r);
    }
    let mut all = option_issues;
    if let Err(issues) = r {
        all.extend(issues);
    }
    messages.err_result(&all)
}

/// Validates a phone number (E.164 or human formats; national format with `defaultCountry`).
#[wasm_bindgen(js_name = validatePhone, unchecked_return_type = "Result<PhoneNumber>")]
pub fn validate_phone(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PhoneOptions")] opts: JsValue,
) -> JsValue {
    let messages = Messages::from_options(&opts);
    let mut issues = Vec::new();
    let o = options(&opts, &["defaultCountry", "strict"], &mut issues);
    let field_opts = PhoneFieldOptions {
        default_country: country_option(&o, "defaultCountry", &mut issues),
        strict: bool_option(&o, "strict", &mut issues).unwrap_or(false),
    };
    let r = core_phone(&to_value(&input), &field_opts);
    finish(&messages, issues, r)
}

/// Validates a structured address `{ line1, line2?, city, state?, country, zipCode? }`.
#[wasm_bindgen(js_name = validateAddress, unchecked_return_type = "Result<Address>")]
pub fn validate_address(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MessageOptions")] opts: JsValue,
) -> JsValue {
    let messages = Messages::from_options(&opts);
    let mut issues = Vec::new();
    options(&opts, &[], &mut issues);
    finish(&messages, issues, core_address(&to_value(&input)))
}

/// Validates an identity document `{ type, number, issuingCountry? }` (SSN, ITIN, passport, driver's licence).
#[wasm_bindgen(js_name = validateTaxId, unchecked_return_type = "Result<IdentifyingInformation>")]
pub fn validate_tax_id(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MessageOptions")] opts: JsValue,
) -> JsValue {
    let messages = Messages::from_options(&opts);
    let mut issues = Vec::new();
    options(&opts, &[], &mut issues);
    finish(&messages, issues, core_tax_id(&to_value(&input)))
}

/// Validates a birth date: a real `YYYY-MM-DD` date, not in the future, at least `minAge` (18) years ago.
#[wasm_bindgen(js_name = validateBirthDate, unchecked_return_type = "Result<string>")]
pub fn validate_birth_date(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "BirthDateOptions")] opts: JsValue,
) -> JsValue {
    let messages = Messages::from_options(&opts);
    let mut issues = Vec::new();
    let o = options(&opts, &["today", "minAge"], &mut issues);
    let bopts = BirthDateOptions { today: today_option(&o, &mut issues), min_age: min_age_option(&o, &mut issues) };
    finish(&messages, issues, core_birth_date(&to_value(&input), &bopts))
}

/// Validates an email address (trimmed, domain lowercased).
#[wasm_bindgen(js_name = validateEmail, unchecked_return_type = "Result<string>")]
pub fn validate_email(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MessageOptions")] opts: JsValue,
) -> JsValue {
    let messages = Messages::from_options(&opts);
    let mut issues = Vec::new();
    options(&opts, &[], &mut issues);
    finish(&messages, issues, core_email(&to_value(&input)))
}

/// Validates a whole create- or update-customer payload.
#[wasm_bindgen(js_name = validateCustomer, unchecked_return_type = "Result<CustomerInput>")]
pub fn validate_customer(
    #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "CustomerOptions")] opts: JsValue,
) -> JsValue {
    let messages = Messages::from_options(&opts);
    let mut issues = Vec::new();
    let o = options(
        &opts,
        &["mode", "requireFiatFields", "today", "minAge", "phoneDefaultCountry", "strictPhone"],
        &mut issues,
    );
    let mode = match get(&o, "mode") {
        Value::Undefined | Value::Null => Mode::Create,
        Value::String(s) if s == "create" => Mode::Create,
        Value::String(s) if s == "update" => Mode::Update,
        _ => {
            issues.push(bad_option("mode", "options.mode must be \"create\" or \"update\"."));
            Mode::Create
        }
    };
    let mut copts = CustomerOptions::new(today_option(&o, &mut issues));
    copts.mode = mode;
    copts.require_fiat_fields = bool_option(&o, "requireFiatFields", &mut issues);
    copts.min_age = min_age_option(&o, &mut issues);
    copts.phone_default_country = country_option(&o, "phoneDefaultCountry", &mut issues);
    copts.strict_phone = bool_option(&o, "strictPhone", &mut issues).unwrap_or(false);
    finish(&messages, issues, core_customer(&to_value(&input), &copts))
}

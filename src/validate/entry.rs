//! The validators as the JavaScript API exposes them: a name, an input [`Value`], an options
//! [`Value`], and a JSON result. Option parsing lives here (pure), so the wasm bindings only convert
//! values, and native tests can run the shared vectors exactly as JS calls them.

use super::address::validate_address;
use super::country;
use super::customer::{check_customer_out, CustomerOptions, Mode, CUSTOMER_KEYS};
use super::date::{validate_birth_date, BirthDateOptions, Date};
use super::email::validate_email;
use super::json::ToJson;
use super::phone_field::{validate_phone, PhoneFieldOptions};
use super::tax_id::validate_tax_id;
use crate::input::fields::{get, opt_bool};
use crate::input::issue::{Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;

/// A JS-facing validator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Validator {
    /// `validatePhone(input, { defaultCountry?, strict? })`
    Phone,
    /// `validateAddress(input)`
    Address,
    /// `validateTaxId(input)`
    TaxId,
    /// `validateBirthDate(input, { today?, minAge? })`
    BirthDate,
    /// `validateEmail(input)`
    Email,
    /// `validateCountry(input)`: an ISO 3166-1 alpha-2 code.
    Country,
    /// `validateCustomer(input, { mode?, requireFiatFields?, today?, minAge?, phoneDefaultCountry?,
    /// strictPhone?, fields? })`; its result also carries `warnings` (provisioning readiness).
    Customer,
}

impl Validator {
    /// Every validator.
    pub const ALL: [Validator; 7] = [
        Validator::Phone,
        Validator::Country,
        Validator::Address,
        Validator::TaxId,
        Validator::BirthDate,
        Validator::Email,
        Validator::Customer,
    ];

    /// The JS export name (`"validatePhone"`...).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn js_name(self) -> &'static str {
        match self {
            Validator::Phone => "validatePhone",
            Validator::Address => "validateAddress",
            Validator::TaxId => "validateTaxId",
            Validator::BirthDate => "validateBirthDate",
            Validator::Email => "validateEmail",
            Validator::Country => "validateCountry",
            Validator::Customer => "validateCustomer",
        }
    }

    /// Looks a validator up by its JS export name.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn from_js_name(name: &str) -> Option<Validator> {
        Self::ALL.into_iter().find(|v| v.js_name() == name)
    }

    /// The option keys this validator accepts (besides `messages`, which the bindings read).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn option_keys(self) -> &'static [&'static str] {
        match self {
            Validator::Phone => &["defaultCountry", "strict"],
            Validator::BirthDate => &["today", "minAge"],
            Validator::Customer => &[
                "mode",
                "requireFiatFields",
                "today",
                "minAge",
                "phoneDefaultCountry",
                "strictPhone",
                "fields",
            ],
            Validator::Address | Validator::TaxId | Validator::Email | Validator::Country => &[],
        }
    }

    /// Runs the validator. `today` is the caller's date, used unless `options.today` is given.
    /// Warnings (see [`Validator::check`]) are dropped.
    ///
    /// # Errors
    /// Every issue: bad options (`invalid_option`, path starting with `"options"`) first, then the
    /// input's issues.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn run(self, input: &Value, options: &Value, today: Date) -> Validation<serde_json::Value> {
        self.run_as::<AsValue>(input, options, today).result
    }

    /// Like [`Validator::run`], but the value comes back as compact JSON text (serialized straight
    /// from the typed output, without building a `serde_json::Value` first — the bindings' fast path).
    ///
    /// # Errors
    /// As [`Validator::run`].
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn run_text(self, input: &Value, options: &Value, today: Date) -> Validation<String> {
        self.run_as::<AsText>(input, options, today).result
    }

    /// [`Validator::run`] with the warnings: for `validateCustomer`, provisioning readiness
    /// (`Some`, possibly empty, whether or not the input is valid); `None` for the other validators.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn check(self, input: &Value, options: &Value, today: Date) -> Checked<serde_json::Value> {
        self.run_as::<AsValue>(input, options, today)
    }

    /// [`Validator::run_text`] with the warnings (see [`Validator::check`]).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn check_text(self, input: &Value, options: &Value, today: Date) -> Checked<String> {
        self.run_as::<AsText>(input, options, today)
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn run_as<E: Emit>(self, input: &Value, options: &Value, today: Date) -> Checked<E::Out> {
        let mut issues = Vec::new();
        let mut warnings = None;
        let o = read_options(options, self.option_keys(), &mut issues);
        let result: Validation<E::Out> = match self {
            Validator::Phone => {
                let opts = PhoneFieldOptions {
                    default_country: country_option(o, "defaultCountry", &mut issues),
                    strict: bool_option(o, "strict", &mut issues).unwrap_or(false),
                };
                E::emit_result(validate_phone(input, &opts))
            }
            Validator::Address => E::emit_result(validate_address(input)),
            Validator::TaxId => E::emit_result(validate_tax_id(input)),
            Validator::Email => E::emit_result(validate_email(input)),
            Validator::Country => E::emit_result(country::validate_country(input)),
            Validator::BirthDate => {
                let opts = BirthDateOptions {
                    today: today_option(o, today, &mut issues),
                    min_age: min_age_option(o, &mut issues),
                };
                E::emit_result(validate_birth_date(input, &opts))
            }
            Validator::Customer => {
                let mode = match get(o, "mode") {
                    Value::Undefined | Value::Null => Mode::Create,
                    Value::String(s) if s == "create" => Mode::Create,
                    Value::String(s) if s == "update" => Mode::Update,
                    _ => {
                        issues.push(bad_option(
                            "mode",
                            "options.mode must be \"create\" or \"update\".",
                        ));
                        Mode::Create
                    }
                };
                let mut copts = CustomerOptions::new(today_option(o, today, &mut issues));
                copts.mode = mode;
                copts.require_fiat_fields = bool_option(o, "requireFiatFields", &mut issues);
                copts.min_age = min_age_option(o, &mut issues);
                copts.phone_default_country = country_option(o, "phoneDefaultCountry", &mut issues);
                copts.strict_phone = bool_option(o, "strictPhone", &mut issues).unwrap_or(false);
                copts.fields = fields_option(o, &mut issues);
                let (result, w) = check_customer_out(input, &copts);
                warnings = Some(w);
                E::emit_result(result)
            }
        };
        if issues.is_empty() {
            return Checked { result, warnings };
        }
        if let Err(more) = result {
            issues.extend(more);
        }
        Checked {
            result: Err(issues),
            warnings,
        }
    }
}

/// A validator's result with its warnings (see [`Validator::check`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<T> {
    /// The value, or every issue.
    pub result: Validation<T>,
    /// `validateCustomer`: provisioning readiness (possibly empty); other validators: `None`.
    pub warnings: Option<Vec<Issue>>,
}

/// `options.fields`: an array of top-level customer keys (see [`CustomerOptions::fields`]).
fn fields_option(o: &[(String, Value)], issues: &mut Vec<Issue>) -> Option<Vec<String>> {
    let message = || {
        [
            "options.fields must be an array of customer fields: ",
            &crate::input::fields::join_str(CUSTOMER_KEYS, ", "),
            ".",
        ]
        .concat()
    };
    match get(o, "fields") {
        Value::Undefined | Value::Null => None,
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(k) if CUSTOMER_KEYS.contains(&k.as_str()) => {
                        if !out.contains(k) {
                            out.push(k.clone());
                        }
                    }
                    _ => {
                        issues.push(bad_option("fields", &message()));
                        return None;
                    }
                }
            }
            Some(out)
        }
        _ => {
            issues.push(bad_option("fields", &message()));
            None
        }
    }
}

/// How [`Validator::run_as`] hands back a validated value.
trait Emit {
    type Out;
    fn emit<T: ToJson>(v: &T) -> Self::Out;
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn emit_result<T: ToJson>(r: Validation<T>) -> Validation<Self::Out> {
        r.map(|v| Self::emit(&v))
    }
}

/// A `serde_json::Value`, for Rust callers and tests (parsed from the JSON text, so both entry
/// points return the same data).
struct AsValue;
impl Emit for AsValue {
    type Out = serde_json::Value;
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn emit<T: ToJson>(v: &T) -> serde_json::Value {
        serde_json::from_str(&v.to_json()).unwrap_or(serde_json::Value::Null)
    }
}

/// JSON text, for the bindings (no serde on this path, see `json`).
struct AsText;
impl Emit for AsText {
    type Out = String;
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn emit<T: ToJson>(v: &T) -> String {
        v.to_json()
    }
}

const NO_OPTIONS: &[(String, Value)] = &[];

/// `undefined`/`null` → no options; anything else must be a plain object with known keys.
#[cfg_attr(oms_nightly, optimize(speed))]
fn read_options<'v>(
    options: &'v Value,
    known: &[&str],
    issues: &mut Vec<Issue>,
) -> &'v [(String, Value)] {
    match options {
        Value::Undefined | Value::Null => NO_OPTIONS,
        Value::Object(entries) => {
            for (k, _) in entries {
                if k != "messages" && !known.contains(&k.as_str()) {
                    let allowed = if known.is_empty() {
                        "messages".to_owned()
                    } else {
                        [&crate::input::fields::join_str(known, ", "), ", messages"].concat()
                    };
                    issues.push(
                        Issue::new(
                            IssueCode::InvalidOption,
                            vec!["options".into(), k.clone().into()],
                            ["Unknown option. Allowed options: ", &allowed, "."].concat(),
                        )
                        .with("allowed", allowed),
                    );
                }
            }
            entries
        }
        other => {
            issues.push(Issue::new(
                IssueCode::InvalidOption,
                vec![PathSeg::Key("options".into())],
                ["options must be an object, not ", other.kind(), "."].concat(),
            ));
            NO_OPTIONS
        }
    }
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn bad_option(key: &str, message: &str) -> Issue {
    Issue::new(
        IssueCode::InvalidOption,
        vec!["options".into(), key.to_owned().into()],
        message,
    )
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn bool_option(o: &[(String, Value)], key: &str, issues: &mut Vec<Issue>) -> Option<bool> {
    opt_bool(get(o, key), &[]).unwrap_or_else(|_| {
        issues.push(bad_option(
            key,
            &["options.", key, " must be a boolean."].concat(),
        ));
        None
    })
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn country_option(o: &[(String, Value)], key: &str, issues: &mut Vec<Issue>) -> Option<String> {
    match get(o, key) {
        Value::Undefined | Value::Null => None,
        // ISO codes, plus the few regions that only have phone metadata (AC, TA).
        Value::String(s) if is_region(&s.trim().to_ascii_uppercase()) => {
            Some(s.trim().to_ascii_uppercase())
        }
        _ => {
            issues.push(bad_option(
                key,
                &[
                    "options.",
                    key,
                    " must be an ISO 3166-1 alpha-2 country code such as \"US\".",
                ]
                .concat(),
            ));
            None
        }
    }
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn is_region(code: &str) -> bool {
    country::is_country(code) || super::phone::is_supported_country(code)
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn today_option(o: &[(String, Value)], today: Date, issues: &mut Vec<Issue>) -> Date {
    match get(o, "today") {
        Value::Undefined | Value::Null => today,
        Value::String(s) => Date::parse(s.trim()).unwrap_or_else(|| {
            issues.push(bad_option(
                "today",
                "options.today must be a date in YYYY-MM-DD form.",
            ));
            today
        }),
        _ => {
            issues.push(bad_option(
                "today",
                "options.today must be a date in YYYY-MM-DD form.",
            ));
            today
        }
    }
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn min_age_option(o: &[(String, Value)], issues: &mut Vec<Issue>) -> u32 {
    match get(o, "minAge") {
        Value::Undefined | Value::Null => 18,
        Value::Number(n) if n.fract() == 0.0 && (0.0..=150.0).contains(n) => *n as u32,
        _ => {
            issues.push(bad_option(
                "minAge",
                "options.minAge must be a whole number of years from 0 to 150.",
            ));
            18
        }
    }
}

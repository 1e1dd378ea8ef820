//! The phone *field*: turns [`super::phone::parse`] results into form issues.

use super::phone::{self, PhoneError, PhoneNumber, PhoneOptions, Possibility};
use crate::input::fields::{field_label, invalid_type};
use crate::input::issue::{join, Issue, IssueCode, PathSeg, Validation};
use crate::input::value::{BadString, Value};
use serde::Serialize;

/// Longest phone input read (libphonenumber's limit); longer input is `phone_too_long`.
pub const MAX_PHONE_INPUT: usize = 250;

/// Options of [`validate_phone`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PhoneFieldOptions {
    /// Country (ISO alpha-2, uppercase) used for numbers written without `+`. Default: none, so a
    /// national-format number gives `phone_country_required`.
    pub default_country: Option<String>,
    /// Also reject numbers that have a possible length but are not in an assigned number range
    /// (`phone_not_valid`). Default: `false`.
    pub strict: bool,
}

/// A validated phone number as returned to JavaScript.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhoneOutput {
    /// E.164 form, e.g. `+12125551234`.
    pub e164: String,
    /// ISO alpha-2 country, when the number belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<&'static str>,
    /// Country calling code without `+`, e.g. `"1"`.
    pub calling_code: &'static str,
    /// The national significant number, e.g. `2125551234`.
    pub national_number: String,
    /// Extension, when the input had one (not part of `e164`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// The length is possible for the country.
    pub possible: bool,
    /// The number is in an assigned range of the country.
    pub valid: bool,
    /// Number type (`MOBILE`, `FIXED_LINE`, `FIXED_LINE_OR_MOBILE`, `TOLL_FREE`...), when valid.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub number_type: Option<&'static str>,
}

impl From<PhoneNumber> for PhoneOutput {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn from(n: PhoneNumber) -> Self {
        PhoneOutput {
            possible: n.possible(),
            valid: n.valid,
            number_type: n.number_type.map(|t| t.as_str()),
            e164: n.e164,
            country: n.country,
            calling_code: n.calling_code,
            national_number: n.national_number,
            extension: n.extension,
        }
    }
}

/// Validates a phone number at the root.
///
/// # Errors
/// The issues described on [`validate_phone_at`].
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn validate_phone(v: &Value, opts: &PhoneFieldOptions) -> Validation<PhoneOutput> {
    validate_phone_at(v, &[], opts)
}

/// Validates a phone number field: E.164 or human formats, national format with a default country.
///
/// The field may also be a `{ country?, number }` object (a country picker next to a number input):
/// `country` (ISO alpha-2, any case) is the default country of that number, and issues about the
/// number are reported on `path + "number"`, about the country on `path + "country"`.
///
/// # Errors
/// One issue: `required`, `invalid_type`, `invalid_encoding`, `invalid_phone`,
/// `phone_country_required`, `invalid_country_calling_code`, `phone_too_short`, `phone_too_long`,
/// `phone_invalid_length`, or (strict) `phone_not_valid`; for an object, also `invalid_country`
/// and `unknown_key`.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn validate_phone_at(
    v: &Value,
    path: &[PathSeg],
    opts: &PhoneFieldOptions,
) -> Validation<PhoneOutput> {
    if let Value::Object(_) = v {
        return phone_object(v, path, opts);
    }
    let label = if path.is_empty() {
        "This phone number".to_owned()
    } else {
        field_label(path)
    };
    phone_value(
        v,
        path,
        &label,
        opts.default_country.as_deref(),
        opts.strict,
    )
}

/// Keys of the object form of a phone field.
pub const PHONE_OBJECT_KEYS: &[&str] = &["country", "number"];

const PHONE_OBJECT_HINTS: &[(&str, &str)] = &[
    ("countryCode", "country"),
    ("region", "country"),
    ("phone", "number"),
    ("phoneNumber", "number"),
    ("nationalNumber", "number"),
    ("value", "number"),
];

/// `{ country?, number }`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn phone_object(v: &Value, path: &[PathSeg], opts: &PhoneFieldOptions) -> Validation<PhoneOutput> {
    let mut issues = Vec::new();
    let entries = match crate::input::fields::object(
        v,
        path,
        "a phone number or a { country, number } object",
        PHONE_OBJECT_KEYS,
        PHONE_OBJECT_HINTS,
        &mut issues,
    ) {
        Ok(e) => e,
        Err(e) => return Err(vec![e]),
    };
    let country_path = join(path, "country");
    let country = match crate::input::fields::opt_string(
        crate::input::fields::get(entries, "country"),
        &country_path,
        8,
    ) {
        Ok(None) => opts.default_country.clone(),
        Ok(Some(c)) => {
            let c = c.to_ascii_uppercase();
            if super::country::is_country(&c) || phone::is_supported_country(&c) {
                Some(c)
            } else {
                issues.push(
                    Issue::new(
                        IssueCode::InvalidCountry,
                        country_path.clone(),
                        [&field_label(&country_path), " must be a two-letter ISO 3166-1 alpha-2 country code, such as \"US\"."].concat(),
                    )
                    .with("field", "country"),
                );
                None
            }
        }
        Err(e) => {
            issues.push(e);
            None
        }
    };
    let number_path = join(path, "number");
    let label = if path.is_empty() {
        "Phone number".to_owned()
    } else {
        field_label(&number_path)
    };
    match phone_value(
        crate::input::fields::get(entries, "number"),
        &number_path,
        &label,
        country.as_deref(),
        opts.strict,
    ) {
        Ok(n) if issues.is_empty() => Ok(n),
        Ok(_) => Err(issues),
        Err(more) => {
            // the country's issue first (schema order), unknown keys last
            let (mut known, unknown): (Vec<Issue>, Vec<Issue>) = issues
                .into_iter()
                .partition(|i| i.code != IssueCode::UnknownKey);
            known.extend(more);
            known.extend(unknown);
            Err(known)
        }
    }
}

/// A phone number string at `path`, with `label` as the subject of messages.
#[cfg_attr(oms_nightly, optimize(speed))]
fn phone_value(
    v: &Value,
    path: &[PathSeg],
    label: &str,
    default_country: Option<&str>,
    strict: bool,
) -> Validation<PhoneOutput> {
    let p = || path.to_vec();
    let issue =
        |code: IssueCode, path: &[PathSeg], predicate: &str| issue(code, path, label, predicate);
    let input = match v {
        Value::String(s) => s.as_str(),
        Value::BadString(BadString::TooLong { .. }) => {
            return Err(vec![issue(
                IssueCode::PhoneTooLong,
                path,
                "is too long to be a phone number",
            )])
        }
        Value::BadString(BadString::LoneSurrogate) => {
            return Err(vec![Issue::new(
                IssueCode::InvalidEncoding,
                p(),
                "Contains an invalid character (an unpaired UTF-16 surrogate).",
            )])
        }
        Value::Undefined | Value::Null => return Err(vec![required(path, label)]),
        Value::Number(_) => {
            return Err(vec![invalid_type(path, "a string", v).with(
                "hint",
                "phone numbers are strings such as \"+12125551234\"",
            )])
        }
        other => return Err(vec![invalid_type(path, "a string", other)]),
    };
    if crate::text::trim(input).is_empty() {
        return Err(vec![required(path, label)]);
    }
    if input.chars().count() > MAX_PHONE_INPUT {
        return Err(vec![issue(
            IssueCode::PhoneTooLong,
            path,
            "is too long to be a phone number",
        )]);
    }
    // A country without phone metadata (e.g. AQ) cannot help parse a national number.
    let default_country = default_country.filter(|c| phone::is_supported_country(c));
    let parsed = phone::parse(input, &PhoneOptions { default_country });
    let number = match parsed {
        Ok(n) => n,
        Err(PhoneError::NotANumber) => {
            return Err(vec![issue(
                IssueCode::InvalidPhone,
                path,
                "is not a phone number",
            )])
        }
        Err(PhoneError::InvalidCountry) => {
            let has_plus = input.trim_start().starts_with('+');
            return Err(vec![if !has_plus && default_country.is_none() {
                issue(
                    IssueCode::PhoneCountryRequired,
                    path,
                    "needs its country: start with + and the country calling code (e.g. +1 for the US)",
                )
            } else {
                issue(
                    IssueCode::InvalidCountryCallingCode,
                    path,
                    "starts with a country calling code that does not exist",
                )
            }]);
        }
        Err(PhoneError::TooShort) => {
            return Err(vec![issue(IssueCode::PhoneTooShort, path, "is too short")])
        }
        Err(PhoneError::TooLong) => {
            return Err(vec![issue(IssueCode::PhoneTooLong, path, "is too long")])
        }
    };
    let region = number.country.unwrap_or("its country");
    let with_country = |i: Issue| match number.country {
        Some(c) => i.with("country", c),
        None => i,
    };
    let length_issue = match number.possibility {
        Possibility::IsPossible => None,
        Possibility::TooShort => Some(issue(
            IssueCode::PhoneTooShort,
            path,
            &["is too short for ", region].concat(),
        )),
        Possibility::TooLong => Some(issue(
            IssueCode::PhoneTooLong,
            path,
            &["is too long for ", region].concat(),
        )),
        Possibility::InvalidLength => Some(issue(
            IssueCode::PhoneInvalidLength,
            path,
            &["has a number of digits that ", region, " does not use"].concat(),
        )),
        Possibility::InvalidCountry => Some(issue(
            IssueCode::InvalidCountryCallingCode,
            path,
            "does not belong to any country",
        )),
    };
    if let Some(i) = length_issue {
        return Err(vec![with_country(i)]);
    }
    if strict && !number.valid {
        return Err(vec![with_country(issue(
            IssueCode::PhoneNotValid,
            path,
            &["is not a number in use in ", region].concat(),
        ))]);
    }
    Ok(number.into())
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn issue(code: IssueCode, path: &[PathSeg], label: &str, predicate: &str) -> Issue {
    Issue::new(code, path.to_vec(), [label, " ", predicate, "."].concat())
}

/// `required`, with the phone field's own label.
#[cfg_attr(oms_nightly, optimize(speed))]
fn required(path: &[PathSeg], label: &str) -> Issue {
    let mut i = crate::input::fields::required(path);
    if !path.is_empty() {
        i.message = [label, " is required."].concat();
    }
    i
}

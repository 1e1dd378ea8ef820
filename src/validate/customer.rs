//! The whole create/update-customer payload (`POST /customers`, `PATCH /customers/{id}`).
//!
//! Never stricter than the API: OMS creates a customer with nothing but `type`, so only what the
//! API itself rejects (types, formats, enums) is an issue. What fiat provisioning still needs is a
//! separate result, [`CustomerCheck::warnings`] (provisioning *readiness*): OMS creates such a
//! customer, but balance, cash-in and fiat calls then fail with "provider account not provisioned".
//!
//! * The OMS Get-started page's rule is firm: a structured `residentialAddress`, an E.164 `phone`,
//!   `birthDate` and a government ID in `identifyingInformation` (for US customers an `ssn` or
//!   `itin`). Missing ones are `required_for_fiat` warnings — or issues, when the caller opts in
//!   with `require_fiat_fields: Some(true)` (`requireFiatFields: true` in JS).
//! * The fuller set of the OMS customer onboarding pages (names, email, `nationality`,
//!   `signedAgreement: true`) is advice: `recommended_for_fiat` warnings, never issues.
//!
//! Readiness is computed when the `usd` endorsement is requested (explicitly, or implicitly
//! because a create without `endorsements` requests `cryptoCustody` + `usd`); for an update only
//! when `require_fiat_fields: Some(true)` (the stored customer may already have the fields).

use super::address::validate_address_at;
use super::country::validate_country_at;
use super::date::{validate_birth_date_at, BirthDateOptions, Date};
use super::email::validate_email_at;
use super::ip::validate_ip_at;
use super::phone_field::{validate_phone_at, PhoneFieldOptions};
use super::tax_id::validate_tax_id_at;
use crate::input::fields::{self, collect, collect_all, get, invalid_type, opt_bool, opt_string};
use crate::input::issue::{join, Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;
use crate::model::{CustomerInput, Endorsement, IdentifyingInformation, IdentityDocumentType};
use crate::text::count;

/// Create or update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// `POST /customers`: `type` is `individual` (filled in when absent).
    #[default]
    Create,
    /// `PATCH /customers/{id}`: every field optional, `type` not allowed, `signedAgreement` only `true`.
    Update,
}

/// Options of [`validate_customer`] / [`check_customer`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerOptions {
    /// Create (default) or update.
    pub mode: Mode,
    /// Provisioning readiness as issues: `Some(true)` makes the Get-started page's missing fields
    /// `required_for_fiat` issues (when readiness applies: a create requesting `usd`, and, with
    /// this option, every update). `None` (default) and `Some(false)`: readiness is only reported
    /// as warnings, never an issue.
    pub require_fiat_fields: Option<bool>,
    /// Today's date, for the birth-date checks (the bindings pass the caller's local date).
    pub today: Date,
    /// Minimum age in years. Default 18.
    pub min_age: u32,
    /// Country for a phone written in national format. Default: the residential address's country.
    pub phone_default_country: Option<String>,
    /// Reject phone numbers outside assigned ranges. Default `false`.
    pub strict_phone: bool,
    /// Only these top-level fields (a step of a multi-step form, or a form with some of the
    /// fields): they are validated and returned, every other key of the input is ignored (not
    /// validated, not reported, not returned; `type` is not filled in), and readiness is reported
    /// for these fields only. Default `None`: the whole payload.
    pub fields: Option<Vec<String>>,
}

impl CustomerOptions {
    /// Defaults for the given day: create mode, readiness as warnings, minimum age 18.
    pub fn new(today: Date) -> Self {
        CustomerOptions {
            mode: Mode::Create,
            require_fiat_fields: None,
            today,
            min_age: 18,
            phone_default_country: None,
            strict_phone: false,
            fields: None,
        }
    }
}

/// The outcome of [`check_customer`]: the validation result and, separately, provisioning
/// readiness.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerCheck {
    /// The canonical body, or every issue (what the API would reject, plus readiness when the
    /// caller asked for it as issues).
    pub result: Validation<CustomerInput>,
    /// Provisioning readiness: `required_for_fiat` (the Get-started page's rule) and
    /// `recommended_for_fiat` (other pages) items, each with `params` `field`, `endorsement`
    /// (`usd`) and `source` (the docs page behind the rule), in schema order. Empty when nothing
    /// is missing or readiness does not apply. Never makes `result` an error.
    pub warnings: Vec<Issue>,
}

/// Fields accepted in a customer payload, in the reference's order.
pub const CUSTOMER_KEYS: &[&str] = &[
    "type",
    "firstName",
    "middleName",
    "lastName",
    "email",
    "phone",
    "birthDate",
    "nationality",
    "ipAddress",
    "externalId",
    "signedAgreement",
    "residentialAddress",
    "identifyingInformation",
    "endorsements",
    "metadata",
];

const CUSTOMER_HINTS: &[(&str, &str)] = &[
    ("first_name", "firstName"),
    ("firstname", "firstName"),
    ("givenName", "firstName"),
    ("last_name", "lastName"),
    ("lastname", "lastName"),
    ("surname", "lastName"),
    ("familyName", "lastName"),
    ("middle_name", "middleName"),
    ("phoneNumber", "phone"),
    ("phone_number", "phone"),
    ("mobile", "phone"),
    ("dob", "birthDate"),
    ("dateOfBirth", "birthDate"),
    ("birthday", "birthDate"),
    ("birth_date", "birthDate"),
    ("address", "residentialAddress"),
    ("residential_address", "residentialAddress"),
    ("ssn", "identifyingInformation"),
    ("taxId", "identifyingInformation"),
    ("identification", "identifyingInformation"),
    ("ip", "ipAddress"),
    ("ip_address", "ipAddress"),
    ("external_id", "externalId"),
    ("signed_agreement", "signedAgreement"),
    ("termsAccepted", "signedAgreement"),
    ("country", "nationality"),
    ("citizenship", "nationality"),
];

/// Maximum length of a name field.
pub const MAX_NAME: usize = 100;
/// Maximum length of `externalId`.
pub const MAX_EXTERNAL_ID: usize = 256;
/// Maximum number of `metadata` keys (the reference's limit).
pub const MAX_METADATA_KEYS: usize = 20;
/// Maximum length of a `metadata` key.
pub const MAX_METADATA_KEY: usize = 40;
/// Maximum length of a `metadata` value.
pub const MAX_METADATA_VALUE: usize = 500;

/// Validates a customer payload; provisioning readiness is dropped (see [`check_customer`]).
///
/// Returns the canonical request body: trimmed strings, phone in E.164, countries uppercase, SSN/ITIN
/// as `###-##-####`, `type: "individual"` filled in on create, duplicate endorsements removed.
///
/// # Errors
/// Every issue found, with full paths (`["identifyingInformation", 0, "number"]`).
pub fn validate_customer(v: &Value, opts: &CustomerOptions) -> Validation<CustomerInput> {
    check_customer(v, opts).result
}

/// Validates a customer payload and reports provisioning readiness separately (see the module
/// docs). Blank strings in optional fields (as empty form inputs give) read as absent, and so does
/// a `residentialAddress` whose fields are all blank.
pub fn check_customer(v: &Value, opts: &CustomerOptions) -> CustomerCheck {
    let (result, warnings) = check_customer_out(v, opts);
    CustomerCheck {
        result: result.map(CustomerOut::into_input),
        warnings,
    }
}

/// A validated customer as the validate entry writes it: `metadata` (string values only) kept as
/// key/value pairs in input order, so the validation-only `.wasm` links no `serde_json` map
/// (`indexmap`, `hashbrown`, hashing: about 3 KB gzipped). [`CustomerOut::into_input`] gives the
/// [`CustomerInput`] of [`check_customer`].
#[derive(Clone, Debug, PartialEq, Default)]
pub struct CustomerOut {
    /// Every field but `metadata` (always `None` here).
    pub input: CustomerInput,
    /// `metadata`, in input order.
    pub metadata: Option<Vec<(String, String)>>,
}

impl CustomerOut {
    /// The same customer with `metadata` as a JSON object of strings.
    pub fn into_input(self) -> CustomerInput {
        let mut input = self.input;
        input.metadata = self.metadata.map(|m| {
            m.into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect()
        });
        input
    }
}

/// [`check_customer`] with the customer as a [`CustomerOut`] (what the validate entry writes).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn check_customer_out(
    v: &Value,
    opts: &CustomerOptions,
) -> (Validation<CustomerOut>, Vec<Issue>) {
    let mut issues = Vec::new();
    let root: &[PathSeg] = &[];
    let picked: Option<&[String]> = opts.fields.as_deref();
    // With `fields`, every other key is ignored: read only the picked entries.
    let filtered;
    let v = match (picked, v) {
        (Some(keys), Value::Object(entries)) => {
            filtered = Value::Object(
                entries
                    .iter()
                    .filter(|(k, _)| keys.iter().any(|p| p == k))
                    .cloned()
                    .collect(),
            );
            &filtered
        }
        _ => v,
    };
    let entries = match fields::object(
        v,
        root,
        "a customer object",
        CUSTOMER_KEYS,
        CUSTOMER_HINTS,
        &mut issues,
    ) {
        Ok(e) => e,
        Err(e) => return (Err(vec![e]), Vec::new()),
    };
    let at = |k: &'static str| [PathSeg::from(k)];
    let mut out = CustomerInput::default();

    // type
    let kind = get(entries, "type");
    match opts.mode {
        Mode::Create => match opt_string(kind, &at("type"), 32) {
            Ok(None) if picked.is_none() => out.kind = Some("individual".to_owned()),
            Ok(None) => {}
            Ok(Some(t)) if t == "individual" => out.kind = Some(t),
            Ok(Some(_)) => issues.push(
                Issue::new(
                    IssueCode::InvalidEnum,
                    at("type"),
                    "type must be \"individual\" (the only customer type).",
                )
                .with("allowed", "individual"),
            ),
            Err(e) => issues.push(e),
        },
        Mode::Update => {
            if !kind.is_nullish() {
                issues.push(Issue::new(
                    IssueCode::InvalidValue,
                    at("type"),
                    "type cannot be changed by an update.",
                ));
            }
        }
    }

    // names
    for (key, slot) in [("firstName", 0usize), ("middleName", 1), ("lastName", 2)] {
        let path = at(key);
        if let Some(name) =
            collect(&mut issues, opt_string(get(entries, key), &path, MAX_NAME)).flatten()
        {
            if !name.chars().any(char::is_alphabetic) {
                issues.push(
                    Issue::new(
                        IssueCode::InvalidValue,
                        path.clone(),
                        [
                            fields::field_label(&path).as_str(),
                            " must contain letters.",
                        ]
                        .concat(),
                    )
                    .with("field", key),
                );
                continue;
            }
            match slot {
                0 => out.first_name = Some(name),
                1 => out.middle_name = Some(name),
                _ => out.last_name = Some(name),
            }
        }
    }

    // email
    if !absent(get(entries, "email")) {
        out.email = collect_all(
            &mut issues,
            validate_email_at(get(entries, "email"), &at("email")),
        );
    }

    // residential address first: its country is the phone's default country
    let address_value = get(entries, "residentialAddress");
    if !absent(address_value) {
        out.residential_address = collect_all(
            &mut issues,
            validate_address_at(address_value, &at("residentialAddress")),
        );
    }

    // phone
    let phone_value = get(entries, "phone");
    if !absent_phone(phone_value) {
        let default_country = opts
            .phone_default_country
            .clone()
            .or_else(|| out.residential_address.as_ref().map(|a| a.country.clone()));
        let phone_opts = PhoneFieldOptions {
            default_country,
            strict: opts.strict_phone,
        };
        out.phone = collect_all(
            &mut issues,
            validate_phone_at(phone_value, &at("phone"), &phone_opts),
        )
        .map(|p| p.e164);
    }

    // birth date
    let birth = get(entries, "birthDate");
    if !absent(birth) {
        let bopts = BirthDateOptions {
            today: opts.today,
            min_age: opts.min_age,
        };
        out.birth_date = collect_all(
            &mut issues,
            validate_birth_date_at(birth, &at("birthDate"), &bopts),
        )
        .map(Into::into);
    }

    // nationality
    let nat = get(entries, "nationality");
    if !absent(nat) {
        out.nationality = collect_all(&mut issues, validate_country_at(nat, &at("nationality")));
    }

    // ipAddress
    let ip = get(entries, "ipAddress");
    if !absent(ip) {
        out.ip_address = collect_all(&mut issues, validate_ip_at(ip, &at("ipAddress")));
    }

    // externalId
    out.external_id = collect(
        &mut issues,
        opt_string(
            get(entries, "externalId"),
            &at("externalId"),
            MAX_EXTERNAL_ID,
        ),
    )
    .flatten();

    // signedAgreement
    let signed = collect(
        &mut issues,
        opt_bool(get(entries, "signedAgreement"), &at("signedAgreement")),
    )
    .flatten();
    if opts.mode == Mode::Update && signed == Some(false) {
        issues.push(Issue::new(
            IssueCode::InvalidValue,
            at("signedAgreement"),
            "signedAgreement can only change from false to true; an update cannot withdraw it.",
        ));
    } else {
        out.signed_agreement = signed;
    }

    // identifyingInformation
    out.identifying_information =
        identifying_information(get(entries, "identifyingInformation"), &mut issues);

    // endorsements
    out.endorsements = endorsements(get(entries, "endorsements"), &mut issues);

    // metadata
    let meta = metadata(get(entries, "metadata"), &mut issues);

    // provisioning readiness (see the module docs)
    let usd_requested = match &out.endorsements {
        Some(list) => list.contains(&Endorsement::Usd),
        // an invalid endorsements array was already reported; a missing one defaults to cryptoCustody + usd
        None => get(entries, "endorsements").is_nullish() && opts.mode == Mode::Create,
    };
    let as_issues = opts.require_fiat_fields == Some(true);
    let mut warnings = Vec::new();
    let applies = match opts.mode {
        Mode::Create => usd_requested,
        // a PATCH body: only when asked (the stored customer may already have the fields)
        Mode::Update => as_issues,
    };
    if applies {
        for item in readiness(entries, &out, picked) {
            if as_issues && item.code == IssueCode::RequiredForFiat {
                issues.push(item);
            } else {
                warnings.push(item);
            }
        }
    }

    let result = if issues.is_empty() {
        Ok(CustomerOut {
            input: out,
            metadata: meta,
        })
    } else {
        Err(sort_issues(issues))
    };
    (result, warnings)
}

/// True for a value an optional field reads as absent: `undefined`, `null`, a blank string (an
/// empty form input), or an object whose values are all absent (an untouched address block).
fn absent(v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null => true,
        Value::String(s) => crate::text::trim(s).is_empty(),
        Value::Object(entries) => entries.iter().all(|(_, v)| absent(v)),
        _ => false,
    }
}

/// A phone field reads as absent like any other, and a `{ country, number }` object (a country
/// picker with a preset country) when its number is.
fn absent_phone(v: &Value) -> bool {
    match v {
        Value::Object(entries) => {
            absent(get(entries, "number"))
                && entries.iter().all(|(k, _)| {
                    crate::validate::phone_field::PHONE_OBJECT_KEYS.contains(&k.as_str())
                })
        }
        other => absent(other),
    }
}

/// Schema order (a form shows them top to bottom), unknown keys last; stable within a field.
fn sort_issues(issues: Vec<Issue>) -> Vec<Issue> {
    let rank = |i: &Issue| match (i.code, i.path.first()) {
        (IssueCode::UnknownKey, _) => CUSTOMER_KEYS.len() + 1,
        (_, Some(PathSeg::Key(k))) => CUSTOMER_KEYS
            .iter()
            .position(|c| c == k)
            .unwrap_or(CUSTOMER_KEYS.len()),
        _ => 0,
    };
    // A stable sort by rank: one pass per rank (a few dozen issues at most), which keeps the
    // standard library's sort (about 3 KB of wasm) out of the validation build.
    let mut ranked: Vec<(usize, Option<Issue>)> =
        issues.into_iter().map(|i| (rank(&i), Some(i))).collect();
    let mut sorted = Vec::with_capacity(ranked.len());
    for r in 0..=CUSTOMER_KEYS.len() + 1 {
        for (k, i) in &mut ranked {
            if *k == r {
                sorted.extend(i.take());
            }
        }
    }
    sorted
}

/// The page behind the firm readiness rule.
pub const GET_STARTED_PAGE: &str = "OMS Get-started page";
/// The pages behind the readiness advice.
pub const ONBOARDING_PAGES: &str = "OMS customer onboarding pages";

/// What the OMS Get-started page says fiat (USD, cash) provisioning needs, in the page's order:
/// the firm readiness rule (`required_for_fiat`). The emulator provisions on the same list.
pub const FIAT_FIELDS_GET_STARTED: &[&str] = &[
    "residentialAddress",
    "phone",
    "birthDate",
    "identifyingInformation",
];

/// What the other OMS customer onboarding pages add for fiat services: advice
/// (`recommended_for_fiat`), never an issue.
pub const FIAT_FIELDS_ADVICE: &[&str] = &[
    "firstName",
    "lastName",
    "email",
    "nationality",
    "signedAgreement",
];

/// The fuller identity set of the OMS customer onboarding pages: [`FIAT_FIELDS_GET_STARTED`]
/// plus [`FIAT_FIELDS_ADVICE`], in schema order (the emulator's provisioning rule reads it).
pub const FIAT_FIELDS: &[&str] = &[
    "firstName",
    "lastName",
    "email",
    "phone",
    "birthDate",
    "nationality",
    "residentialAddress",
    "identifyingInformation",
    "signedAgreement",
];

/// The readiness items for the fields present in `entries` (a present but invalid field has its
/// own issue and is not reported again), in schema order; only the `picked` fields when given.
fn readiness(
    entries: &[(String, Value)],
    out: &CustomerInput,
    picked: Option<&[String]>,
) -> Vec<Issue> {
    let mut items = Vec::new();
    for key in CUSTOMER_KEYS {
        let firm = FIAT_FIELDS_GET_STARTED.contains(key);
        if !firm && !FIAT_FIELDS_ADVICE.contains(key) {
            continue;
        }
        if picked.is_some_and(|p| !p.iter().any(|k| k == key)) {
            continue;
        }
        let value = get(entries, key);
        let present = match *key {
            "signedAgreement" => {
                out.signed_agreement == Some(true)
                    || !value.is_nullish() && out.signed_agreement.is_none()
            }
            "identifyingInformation" => match value {
                Value::Array(items) => !items.is_empty(),
                v => !v.is_nullish(),
            },
            "phone" => !absent_phone(value),
            _ => !absent(value),
        };
        let path = [PathSeg::from(*key)];
        if present {
            // For US customers the government ID is an SSN or ITIN (the Get-started page).
            if *key == "identifyingInformation" && us_customer(out) {
                if let Some(docs) = &out.identifying_information {
                    let tax = docs.iter().any(|d| {
                        matches!(
                            d.kind,
                            IdentityDocumentType::Ssn | IdentityDocumentType::Itin
                        )
                    });
                    if !docs.is_empty() && !tax {
                        items.push(
                            readiness_item(IssueCode::RequiredForFiat, path, key,
                                "For a customer living in the US, the government ID must be an SSN or ITIN before OMS can provision USD and cash services (OMS Get-started page).".to_owned())
                            .with("allowed", "ssn, itin"),
                        );
                    }
                }
            }
            continue;
        }
        let label = fields::field_label(&path);
        let (code, message) = if firm {
            let what = match *key {
                "identifyingInformation" => {
                    "A government ID (for US customers, an SSN or ITIN)".to_owned()
                }
                "residentialAddress" => "A structured residential address".to_owned(),
                _ => label,
            };
            (
                IssueCode::RequiredForFiat,
                [what.as_str(), " is needed before OMS can provision USD and cash services for this customer (OMS Get-started page)."].concat(),
            )
        } else {
            let what = match *key {
                "signedAgreement" => {
                    "Acceptance of the OMS terms (signedAgreement: true)".to_owned()
                }
                _ => label,
            };
            (
                IssueCode::RecommendedForFiat,
                [what.as_str(), " is also recommended for USD services by the OMS customer onboarding pages (the Get-started page does not require it)."].concat(),
            )
        };
        items.push(readiness_item(code, path, key, message));
    }
    items
}

fn readiness_item(code: IssueCode, path: [PathSeg; 1], key: &str, message: String) -> Issue {
    let source = if code == IssueCode::RequiredForFiat {
        GET_STARTED_PAGE
    } else {
        ONBOARDING_PAGES
    };
    Issue::new(code, path, message)
        .with("field", key)
        .with("endorsement", "usd")
        .with("source", source)
}

/// A customer whose residential address is in the US.
fn us_customer(out: &CustomerInput) -> bool {
    out.residential_address
        .as_ref()
        .is_some_and(|a| a.country == "US")
}

fn identifying_information(
    v: &Value,
    issues: &mut Vec<Issue>,
) -> Option<Vec<IdentifyingInformation>> {
    let path = [PathSeg::from("identifyingInformation")];
    let items = match v {
        Value::Undefined | Value::Null => return None,
        Value::Array(items) => items,
        Value::Object(_) => {
            issues.push(
                invalid_type(&path, "an array of identity documents", v).with(
                    "hint",
                    "wrap the document in an array: [{ type, number, issuingCountry }]",
                ),
            );
            return None;
        }
        other => {
            issues.push(invalid_type(&path, "an array of identity documents", other));
            return None;
        }
    };
    if items.len() > 8 {
        issues.push(
            Issue::new(
                IssueCode::TooLong,
                path,
                "identifyingInformation can hold at most 8 documents.",
            )
            .with("max", "8"),
        );
        return None;
    }
    let before = issues.len();
    let mut docs: Vec<IdentifyingInformation> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let item_path = join(&path, i);
        if let Some(doc) = collect_all(issues, validate_tax_id_at(item, &item_path)) {
            if docs.iter().any(|d| d.kind == doc.kind) {
                issues.push(
                    Issue::new(
                        IssueCode::Duplicate,
                        join(&item_path, "type"),
                        [
                            "Only one ",
                            doc.kind.as_str(),
                            " document can be sent; an update replaces the entry of the same type.",
                        ]
                        .concat(),
                    )
                    .with("type", doc.kind.as_str()),
                );
            } else {
                docs.push(doc);
            }
        }
    }
    (issues.len() == before).then_some(docs)
}

fn endorsements(v: &Value, issues: &mut Vec<Issue>) -> Option<Vec<Endorsement>> {
    let path = [PathSeg::from("endorsements")];
    let items = match v {
        Value::Undefined | Value::Null => return None,
        Value::Array(items) => items,
        other => {
            issues.push(invalid_type(&path, "an array of endorsement names", other));
            return None;
        }
    };
    let before = issues.len();
    let mut out: Vec<Endorsement> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_path = join(&path, i);
        let name = match item {
            Value::String(s) => crate::text::trim(s),
            other => {
                issues.push(invalid_type(&item_path, "a string", other));
                continue;
            }
        };
        let found = Endorsement::from_wire(name).or_else(|| {
            // forgive case and separators: "CRYPTO_CUSTODY", "crypto-custody", "USD"
            let folded: String = name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            Endorsement::ALL
                .into_iter()
                .find(|e| e.as_str().to_ascii_lowercase() == folded)
        });
        match found {
            Some(e) if !out.contains(&e) => out.push(e),
            Some(_) => {}
            None => issues.push(
                Issue::new(
                    IssueCode::InvalidEnum,
                    item_path,
                    "Unknown endorsement; use \"basic\", \"cryptoCustody\" or \"usd\".",
                )
                .with("allowed", "basic, cryptoCustody, usd"),
            ),
        }
    }
    (issues.len() == before).then_some(out)
}

fn metadata(v: &Value, issues: &mut Vec<Issue>) -> Option<Vec<(String, String)>> {
    let path = [PathSeg::from("metadata")];
    let entries = match v {
        Value::Undefined | Value::Null => return None,
        Value::Object(entries) => entries,
        other => {
            issues.push(invalid_type(&path, "an object of string values", other));
            return None;
        }
    };
    let before = issues.len();
    if entries.len() > MAX_METADATA_KEYS {
        issues.push(
            Issue::new(
                IssueCode::TooManyKeys,
                path.clone(),
                [
                    "metadata can hold at most ",
                    &count(MAX_METADATA_KEYS),
                    " keys.",
                ]
                .concat(),
            )
            .with("max", count(MAX_METADATA_KEYS)),
        );
        return None;
    }
    let mut out: Vec<(String, String)> = Vec::with_capacity(entries.len());
    // A repeated key (possible in a Rust-built `Value`) keeps its first position, last value.
    let mut insert = |k: &String, s: String| match out.iter_mut().find(|(o, _)| o == k) {
        Some(slot) => slot.1 = s,
        None => out.push((k.clone(), s)),
    };
    for (k, value) in entries {
        let key_path = join(&path, k.clone());
        let key_len = k.chars().count();
        if key_len == 0 || key_len > MAX_METADATA_KEY {
            issues.push(
                Issue::new(
                    IssueCode::InvalidValue,
                    key_path,
                    [
                        "metadata keys must be 1 to ",
                        &count(MAX_METADATA_KEY),
                        " characters.",
                    ]
                    .concat(),
                )
                .with("max", count(MAX_METADATA_KEY)),
            );
            continue;
        }
        if matches!(k.as_str(), "__proto__" | "constructor" | "prototype") {
            issues.push(Issue::new(
                IssueCode::InvalidValue,
                key_path,
                "This metadata key name is reserved.",
            ));
            continue;
        }
        match value {
            Value::Number(n) if n.is_finite() => {
                issues.push(invalid_type(&key_path, "a string", value).with(
                    "hint",
                    "metadata values are strings; convert numbers with String()",
                ));
                let _ = n;
            }
            _ => match opt_string(value, &key_path, MAX_METADATA_VALUE) {
                Ok(Some(s)) => insert(k, s),
                Ok(None) if matches!(value, Value::String(_)) => insert(k, String::new()),
                Ok(None) => issues.push(invalid_type(&key_path, "a string", value)),
                Err(e) => issues.push(e),
            },
        }
    }
    (issues.len() == before).then_some(out)
}

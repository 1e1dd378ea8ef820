//! Property tests for the field validators (country, address, tax ID, birth date, email, IP):
//!
//! * they never panic, whatever the input (arbitrary `Value` trees, field-shaped strings);
//! * an error always carries at least one issue, and every path starts with the caller's path;
//! * normalization is idempotent (validating an output gives the same output);
//! * no issue message or parameter contains the input string (≥ 4 characters).

use oms_wasm::validate::address::{validate_address, validate_address_at};
use oms_wasm::validate::country::{validate_country, validate_country_at};
use oms_wasm::validate::date::{
    validate_birth_date, validate_birth_date_at, BirthDateOptions, Date,
};
use oms_wasm::validate::email::{validate_email, validate_email_at};
use oms_wasm::validate::ip::{validate_ip, validate_ip_at};
use oms_wasm::validate::tax_id::{validate_tax_id, validate_tax_id_at};
use oms_wasm::validate::{BadString, Issue, PathSeg, Validation, Value};
use proptest::prelude::*;

fn today() -> BirthDateOptions {
    BirthDateOptions::new(Date::parse("2026-01-15").expect("date"))
}

// ---------------------------------------------------------------------------------------------
// strategies

/// Strings shaped like the fields these validators read: digits, dashes, dates, codes, emails.
fn field_string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{9}",
        "[0-9]{3}-[0-9]{2}-[0-9]{4}",
        "[0-9]{3} [0-9]{2} [0-9]{4}",
        "9[0-9]{2}-[5-9][0-9]-[0-9]{4}",
        "[0-9 -]{0,14}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[12][0-9]{3}-[01][0-9]-[0-3][0-9]",
        "[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}",
        "[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}",
        "[0-9]{5}(-[0-9]{4})?",
        "[A-Za-z]{1,3}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}",
        "[A-Za-z0-9 .-]{0,12}",
        "[A-Za-z]{2,3}",
        "[a-z0-9._+-]{0,10}@[a-z0-9.-]{0,12}",
        "[0-9a-fA-F:.]{0,20}",
        ".{0,24}",
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Undefined),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(-0.0),
            Just(123_456_789.0)
        ]
        .prop_map(Value::Number),
        any::<String>().prop_map(Value::String),
        field_string().prop_map(Value::String),
        any::<usize>().prop_map(|len| Value::BadString(BadString::TooLong { len })),
        Just(Value::BadString(BadString::LoneSurrogate)),
        prop_oneof![
            Just("function"),
            Just("symbol"),
            Just("bigint"),
            Just("Date"),
            Just("cycle")
        ]
        .prop_map(Value::Other),
    ]
}

/// Keys: the validators' own, common mistakes, and anything.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![
            Just("line1"),
            Just("line2"),
            Just("city"),
            Just("state"),
            Just("country"),
            Just("zipCode"),
            Just("postalCode"),
            Just("type"),
            Just("number"),
            Just("issuingCountry"),
            Just("ZIP"),
        ]
        .prop_map(str::to_owned),
        ".{0,12}",
    ]
}

/// Arbitrary value trees, nested objects and arrays up to depth 4.
fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8).prop_map(Value::Object),
        ]
    })
}

fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![4 => field_string().prop_map(Value::String), 1 => leaf()]
}

fn address_object() -> impl Strategy<Value = Value> {
    (
        field_value(),
        field_value(),
        field_value(),
        prop_oneof![
            Just("NY"),
            Just("ca"),
            Just("Ontario"),
            Just("Québec"),
            Just("XX"),
            Just("")
        ]
        .prop_map(Value::from),
        prop_oneof![
            Just("US"),
            Just("ca"),
            Just("GB"),
            Just("DE"),
            Just("BR"),
            Just("JP"),
            Just("USA"),
            Just("")
        ]
        .prop_map(Value::from),
        field_value(),
        prop::option::of((key(), field_value())),
    )
        .prop_map(|(line1, line2, city, state, country, zip, extra)| {
            let mut entries = vec![
                ("line1".to_owned(), line1),
                ("line2".to_owned(), line2),
                ("city".to_owned(), city),
                ("state".to_owned(), state),
                ("country".to_owned(), country),
                ("zipCode".to_owned(), zip),
            ];
            entries.extend(extra);
            Value::Object(entries)
        })
}

fn tax_id_object() -> impl Strategy<Value = Value> {
    (
        prop_oneof![
            Just("ssn"),
            Just("itin"),
            Just("passport"),
            Just("driversLicense"),
            Just("SSN"),
            Just("")
        ]
        .prop_map(Value::from),
        field_value(),
        prop_oneof![
            Just(Value::Undefined),
            Just(Value::from("US")),
            Just(Value::from("de")),
            Just(Value::from("USA")),
            leaf()
        ],
    )
        .prop_map(|(t, number, country)| {
            Value::Object(vec![
                ("type".to_owned(), t),
                ("number".to_owned(), number),
                ("issuingCountry".to_owned(), country),
            ])
        })
}

// ---------------------------------------------------------------------------------------------
// checks

fn prefix() -> Vec<PathSeg> {
    vec![PathSeg::Key("customer".into()), PathSeg::Index(3)]
}

/// Errors are non-empty and every issue lies under `prefix`.
fn well_formed<T>(r: &Validation<T>, prefix: &[PathSeg]) -> Result<(), TestCaseError> {
    if let Err(issues) = r {
        prop_assert!(!issues.is_empty(), "an error without issues");
        for i in issues {
            prop_assert!(
                i.path.starts_with(prefix),
                "path {:?} outside {:?}",
                i.path,
                prefix
            );
            prop_assert!(!i.message.is_empty());
        }
    }
    Ok(())
}

/// No message or parameter contains `input` (nor, for 6+ digits, the input's digits alone).
fn no_echo(issues: &[Issue], input: &str) -> Result<(), TestCaseError> {
    let input = input.trim();
    if input.chars().count() < 4 {
        return Ok(());
    }
    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
    for i in issues {
        let texts =
            std::iter::once(i.message.as_str()).chain(i.params.iter().map(|(_, v)| v.as_str()));
        for t in texts {
            prop_assert!(
                !t.contains(input),
                "{:?} echoed in {:?} ({})",
                input,
                t,
                i.code
            );
            if digits.len() >= 6 {
                prop_assert!(
                    !t.contains(&digits),
                    "digits of {:?} echoed in {:?}",
                    input,
                    t
                );
            }
        }
    }
    Ok(())
}

fn issues<T>(r: Validation<T>) -> Vec<Issue> {
    r.err().unwrap_or_default()
}

/// Inputs for the "never echoes" property: at least 4 characters, shaped like the fields, and not
/// able to collide with the fixed text of messages (limits, examples from the metadata).
fn echo_input() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{9}",
        "[0-9]{3}-[0-9]{2}-[0-9]{4}",
        "[0-9]{3} [0-9]{2} [0-9]{4}",
        "9[0-9]{2}-[0-9]{2}-[0-9]{4}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9]{2}/[0-9]{2}/[0-9]{4}",
        "[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}T[0-9]{2}:[0-9]{2}",
        "[0-9]{5}-[0-9]{4}",
        "[0-9]{6,12}",
        "[0-9-]{7,14}",
        "[a-z]{3,8}[0-9]{3}@[a-z0-9]{1,8}\\.[a-z0-9]{1,4}",
    ]
}

// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_any_value(v in value()) {
        let p = prefix();
        well_formed(&validate_country(&v), &[])?;
        well_formed(&validate_country_at(&v, &p), &p)?;
        well_formed(&validate_address(&v), &[])?;
        well_formed(&validate_address_at(&v, &p), &p)?;
        well_formed(&validate_tax_id(&v), &[])?;
        well_formed(&validate_tax_id_at(&v, &p), &p)?;
        well_formed(&validate_birth_date(&v, &today()), &[])?;
        well_formed(&validate_birth_date_at(&v, &p, &today()), &p)?;
        well_formed(&validate_email(&v), &[])?;
        well_formed(&validate_email_at(&v, &p), &p)?;
        well_formed(&validate_ip(&v), &[])?;
        well_formed(&validate_ip_at(&v, &p), &p)?;
    }

    #[test]
    fn never_panics_on_field_strings(s in field_string(), min_age in 0u32..200) {
        let v = Value::String(s);
        let opts = BirthDateOptions { today: Date::parse("2026-01-15").expect("date"), min_age };
        let p = prefix();
        well_formed(&validate_country_at(&v, &p), &p)?;
        well_formed(&validate_address_at(&v, &p), &p)?;
        well_formed(&validate_tax_id_at(&v, &p), &p)?;
        well_formed(&validate_birth_date_at(&v, &p, &opts), &p)?;
        well_formed(&validate_email_at(&v, &p), &p)?;
        well_formed(&validate_ip_at(&v, &p), &p)?;
    }

    #[test]
    fn addresses(v in address_object()) {
        let p = prefix();
        let r = validate_address_at(&v, &p);
        well_formed(&r, &p)?;
        if let Ok(a) = r {
            let again = validate_address(&serde_json::to_value(&a).expect("json").into());
            prop_assert_eq!(again.as_ref().ok(), Some(&a), "not idempotent: {:?}", again);
        }
    }

    #[test]
    fn tax_ids(v in tax_id_object()) {
        let p = prefix();
        let r = validate_tax_id_at(&v, &p);
        well_formed(&r, &p)?;
        if let Ok(doc) = r {
            let again = validate_tax_id(&serde_json::to_value(&doc).expect("json").into());
            prop_assert_eq!(again.as_ref().ok(), Some(&doc));
        }
    }

    #[test]
    fn strings_are_idempotent(s in field_string()) {
        let v = Value::String(s);
        if let Ok(c) = validate_country(&v) {
            prop_assert_eq!(validate_country(&c.clone().into()), Ok(c));
        }
        if let Ok(d) = validate_birth_date(&v, &today()) {
            prop_assert_eq!(validate_birth_date(&d.clone().into(), &today()), Ok(d));
        }
        if let Ok(e) = validate_email(&v) {
            prop_assert_eq!(validate_email(&e.clone().into()), Ok(e));
        }
        if let Ok(ip) = validate_ip(&v) {
            prop_assert_eq!(validate_ip(&ip.clone().into()), Ok(ip));
        }
    }

    #[test]
    fn never_echoes_the_input(s in echo_input(), field in 0usize..6) {
        let v = Value::String(s.clone());
        no_echo(&issues(validate_country(&v)), &s)?;
        no_echo(&issues(validate_birth_date(&v, &today())), &s)?;
        no_echo(&issues(validate_email(&v)), &s)?;
        no_echo(&issues(validate_ip(&v)), &s)?;
        no_echo(&issues(validate_address(&v)), &s)?;
        no_echo(&issues(validate_tax_id(&v)), &s)?;
        for t in ["ssn", "itin", "passport", "driversLicense", "SSN"] {
            for c in [Value::Undefined, Value::from("US"), Value::from("FR"), Value::from("CA")] {
                let doc = Value::Object(vec![("type".into(), Value::from(t)), ("number".into(), v.clone()), ("issuingCountry".into(), c)]);
                no_echo(&issues(validate_tax_id(&doc)), &s)?;
            }
        }
        let keys = ["line1", "line2", "city", "state", "zipCode", "country"];
        for (country, state) in [("US", "NY"), ("US", "CA"), ("CA", "ON"), ("GB", ""), ("DE", ""), ("BR", "SP")] {
            let mut entries: Vec<(String, Value)> = vec![
                ("line1".into(), "1 Main St".into()),
                ("city".into(), "Springfield".into()),
                ("state".into(), state.into()),
                ("country".into(), country.into()),
                ("zipCode".into(), "10001".into()),
            ];
            entries.retain(|(k, _)| k != keys[field]);
            entries.push((keys[field].into(), v.clone()));
            no_echo(&issues(validate_address(&Value::Object(entries))), &s)?;
        }
        let opts = BirthDateOptions { today: Date::parse("2026-01-15").expect("date"), min_age: 21 };
        no_echo(&issues(validate_birth_date(&v, &opts)), &s)?;
    }
}

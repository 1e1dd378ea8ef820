//! What a user of the customer validator sees beyond the shared vectors (which compare codes and
//! paths): the order of issues when unknown keys are nested, the readiness messages and their
//! `source`, the US-only SSN/ITIN rule, the size limits at their boundaries, and the metadata
//! values as returned. Written for the survivors of mutation testing (docs/MUTATION-TESTING.md).

use oms_wasm::validate::customer::{
    check_customer, check_customer_out, validate_customer, CustomerOptions, GET_STARTED_PAGE,
    MAX_METADATA_KEY, MAX_METADATA_KEYS, ONBOARDING_PAGES,
};
use oms_wasm::validate::date::Date;
use oms_wasm::validate::{Issue, IssueCode, PathSeg, Value};
use serde_json::json;

fn opts() -> CustomerOptions {
    CustomerOptions::new(Date::parse("2026-01-15").expect("date"))
}

fn value(j: serde_json::Value) -> Value {
    Value::from(j)
}

/// `(code, path as text)` of each issue, in order.
fn codes(issues: &[Issue]) -> Vec<(IssueCode, String)> {
    issues
        .iter()
        .map(|i| {
            let path: Vec<String> = i
                .path
                .iter()
                .map(|s| match s {
                    PathSeg::Key(k) => k.to_string(),
                    PathSeg::Index(n) => n.to_string(),
                })
                .collect();
            (i.code, path.join("."))
        })
        .collect()
}

fn issues_of(input: serde_json::Value) -> Vec<(IssueCode, String)> {
    match validate_customer(&value(input), &opts()) {
        Ok(c) => panic!("expected issues, got {c:?}"),
        Err(issues) => codes(&issues),
    }
}

fn warning<'a>(warnings: &'a [Issue], field: &str) -> Option<&'a Issue> {
    warnings.iter().find(|w| w.param("field") == Some(field))
}

/// Unknown keys come after every field's issues, also when they are nested in a field (an
/// address with a stray key), and after `metadata`, the last field of the schema.
#[test]
fn customer_unknown_keys_come_last_even_nested() {
    let got = issues_of(json!({
        "residentialAddress": {
            "line1": "1 Main St", "city": "Berlin", "country": "DE", "zipCode": "10115",
            "floor": "3"
        },
        "identifyingInformation": "123-45-6789",
    }));
    assert_eq!(
        got,
        [
            (IssueCode::InvalidType, "identifyingInformation".to_owned()),
            (IssueCode::UnknownKey, "residentialAddress.floor".to_owned()),
        ]
    );
    // a top-level unknown key written before `metadata` still follows metadata's issue
    let got = issues_of(json!({ "nickname": "Al", "metadata": 5 }));
    assert_eq!(
        got,
        [
            (IssueCode::InvalidType, "metadata".to_owned()),
            (IssueCode::UnknownKey, "nickname".to_owned()),
        ]
    );
}

/// The readiness items name what is missing in words and cite the page behind the rule.
#[test]
fn customer_readiness_messages_and_sources() {
    let check = check_customer(&value(json!({ "firstName": "Ann" })), &opts());
    assert!(check.result.is_ok());
    let w = &check.warnings;
    let id = warning(w, "identifyingInformation").expect("identifyingInformation warning");
    assert_eq!(id.code, IssueCode::RequiredForFiat);
    assert!(
        id.message.starts_with(
            "A government ID (for US customers, an SSN or ITIN) is needed before OMS can provision"
        ),
        "{}",
        id.message
    );
    let address = warning(w, "residentialAddress").expect("residentialAddress warning");
    assert!(
        address
            .message
            .starts_with("A structured residential address is needed before OMS"),
        "{}",
        address.message
    );
    let terms = warning(w, "signedAgreement").expect("signedAgreement warning");
    assert_eq!(terms.code, IssueCode::RecommendedForFiat);
    assert!(
        terms
            .message
            .starts_with("Acceptance of the OMS terms (signedAgreement: true) is also recommended"),
        "{}",
        terms.message
    );
    for item in w {
        let want = if item.code == IssueCode::RequiredForFiat {
            GET_STARTED_PAGE
        } else {
            ONBOARDING_PAGES
        };
        assert_eq!(item.param("source"), Some(want), "{item:?}");
        assert_eq!(item.param("endorsement"), Some("usd"), "{item:?}");
    }
    assert_eq!(
        warning(w, "birthDate").and_then(|i| i.param("source")),
        Some("OMS Get-started page")
    );
    assert_eq!(
        warning(w, "email").and_then(|i| i.param("source")),
        Some("OMS customer onboarding pages")
    );
}

/// An empty `identifyingInformation` list holds no government ID: readiness still asks for one.
#[test]
fn customer_empty_document_list_is_missing_for_readiness() {
    let check = check_customer(
        &value(json!({ "firstName": "Ann", "identifyingInformation": [] })),
        &opts(),
    );
    assert!(check.result.is_ok(), "{:?}", check.result);
    let id = warning(&check.warnings, "identifyingInformation").expect("warning");
    assert_eq!(id.code, IssueCode::RequiredForFiat);
}

/// The SSN-or-ITIN rule is for customers living in the US: a passport is enough elsewhere.
#[test]
fn customer_passport_is_enough_outside_the_us() {
    let body = |address: serde_json::Value| {
        value(json!({
            "residentialAddress": address,
            "identifyingInformation": [
                { "type": "passport", "issuingCountry": "DE", "number": "C01X00T47" }
            ],
        }))
    };
    let de = check_customer(
        &body(
            json!({ "line1": "1 Main St", "city": "Berlin", "country": "DE", "zipCode": "10115" }),
        ),
        &opts(),
    );
    assert!(de.result.is_ok(), "{:?}", de.result);
    assert!(
        warning(&de.warnings, "identifyingInformation").is_none(),
        "{:?}",
        de.warnings
    );
    let us = check_customer(
        &body(json!({
            "line1": "1 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001"
        })),
        &opts(),
    );
    assert!(us.result.is_ok(), "{:?}", us.result);
    let id = warning(&us.warnings, "identifyingInformation").expect("US: SSN or ITIN asked");
    assert_eq!(id.param("allowed"), Some("ssn, itin"));
}

/// At most 8 identity documents: 8 are read (here: 4 duplicates reported), 9 are one `too_long`.
#[test]
fn customer_document_count_limit() {
    let docs = |n: usize| {
        let kinds = [
            json!({ "type": "ssn", "number": "123-45-6789" }),
            json!({ "type": "itin", "number": "912-70-1234" }),
            json!({ "type": "driversLicense", "issuingCountry": "US", "number": "D1234567" }),
            json!({ "type": "passport", "issuingCountry": "DE", "number": "C01X00T47" }),
        ];
        json!({ "identifyingInformation": (0..n).map(|i| kinds[i % 4].clone()).collect::<Vec<_>>() })
    };
    let eight = issues_of(docs(8));
    assert_eq!(eight.len(), 4, "{eight:?}");
    assert!(
        eight.iter().all(|(c, _)| *c == IssueCode::Duplicate),
        "{eight:?}"
    );
    assert_eq!(
        issues_of(docs(9)),
        [(IssueCode::TooLong, "identifyingInformation".to_owned())]
    );
}

/// Metadata: 20 keys and keys of 40 characters are accepted, one more is refused; values come
/// back as given (blank as ""), in input order; a repeated key keeps its place and its last value.
#[test]
fn customer_metadata_limits_and_values() {
    let keys = |n: usize| {
        let m: serde_json::Map<String, serde_json::Value> =
            (0..n).map(|i| (format!("k{i}"), json!("v"))).collect();
        json!({ "endorsements": ["basic"], "metadata": m })
    };
    assert_eq!(MAX_METADATA_KEYS, 20);
    let c = validate_customer(&value(keys(20)), &opts()).expect("20 keys");
    assert_eq!(c.metadata.map(|m| m.len()), Some(20));
    assert_eq!(
        issues_of(keys(21)),
        [(IssueCode::TooManyKeys, "metadata".to_owned())]
    );

    assert_eq!(MAX_METADATA_KEY, 40);
    let long = |n: usize| json!({ "endorsements": ["basic"], "metadata": { "x".repeat(n): "v" } });
    assert!(validate_customer(&value(long(40)), &opts()).is_ok());
    assert_eq!(
        issues_of(long(41)),
        [(
            IssueCode::InvalidValue,
            format!("metadata.{}", "x".repeat(41))
        )]
    );

    let meta = Value::Object(vec![
        ("plan".to_owned(), Value::from("pro")),
        ("empty".to_owned(), Value::from("  ")),
        ("team".to_owned(), Value::from("blue")),
        ("plan".to_owned(), Value::from("max")),
    ]);
    let input = Value::Object(vec![
        ("endorsements".to_owned(), value(json!(["basic"]))),
        ("metadata".to_owned(), meta),
    ]);
    let (result, _) = check_customer_out(&input, &opts());
    let out = result.expect("valid");
    let pairs: Vec<(&str, &str)> = out
        .metadata
        .as_deref()
        .expect("metadata")
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(pairs, [("plan", "max"), ("empty", ""), ("team", "blue")]);
}

/// A metadata value must be a string: a number gets a hint to convert it; `null`, `NaN` and
/// other non-strings are plain `invalid_type` issues (no hint: `String(NaN)` is no useful value).
#[test]
fn customer_metadata_non_string_values() {
    let with = |v: Value| {
        let input = Value::Object(vec![
            ("endorsements".to_owned(), value(json!(["basic"]))),
            (
                "metadata".to_owned(),
                Value::Object(vec![("a".to_owned(), v)]),
            ),
        ]);
        validate_customer(&input, &opts()).expect_err("refused")
    };
    for (v, hint) in [
        (Value::Number(5.0), true),
        (Value::Number(f64::NAN), false),
        (Value::Number(f64::INFINITY), false),
        (Value::Null, false),
        (Value::Bool(true), false),
    ] {
        let issues = with(v.clone());
        assert_eq!(
            codes(&issues),
            [(IssueCode::InvalidType, "metadata.a".to_owned())],
            "{v:?}"
        );
        assert_eq!(issues[0].param("hint").is_some(), hint, "{v:?}: {issues:?}");
    }
}

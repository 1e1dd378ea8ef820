//! Properties of the customer validator and of the JS-facing entry points (`Validator::run`, which
//! also parses options): never a panic, issues always well formed, normalization idempotent.

use oms_wasm::validate::customer::CUSTOMER_KEYS;
use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::json::ToJson;
use oms_wasm::validate::{BadString, Value};
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2026-01-15").expect("date")
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Undefined),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        ".{0,40}".prop_map(Value::String),
        "[0-9 ()+-]{0,20}".prop_map(Value::String),
        Just(Value::BadString(BadString::LoneSurrogate)),
        (0usize..10_000_000).prop_map(|len| Value::BadString(BadString::TooLong { len })),
        Just(Value::Other("function")),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z_]{0,12}", inner), 0..6).prop_map(Value::Object),
        ]
    })
}

/// Plausible field values, so deep code paths (documents, addresses, fiat rule) are reached.
fn field(key: &'static str) -> BoxedStrategy<Value> {
    let s = |v: &[&'static str]| {
        prop::sample::select(v.to_vec())
            .prop_map(Value::from)
            .boxed()
    };
    match key {
        "type" => s(&["individual", "business", ""]),
        "phone" => s(&["+1 212 555 1234", "(212) 555-1234", "+44", "abc", "+999 1"]),
        "birthDate" => s(&[
            "1990-04-12",
            "2020-02-29",
            "1899-12-31",
            "12/04/1990",
            "2030-01-01",
        ]),
        "nationality" => s(&["US", "us", "USA", "ZZ"]),
        "email" => s(&["a@b.co", "alice@gmial.com", "@", "x@y"]),
        "ipAddress" => s(&["203.0.113.7", "::1", "300.1.1.1"]),
        "signedAgreement" => prop_oneof![any::<bool>().prop_map(Value::Bool), leaf()].boxed(),
        "endorsements" => {
            prop::collection::vec(s(&["basic", "usd", "cryptoCustody", "USD", "gold"]), 0..5)
                .prop_map(Value::Array)
                .boxed()
        }
        "identifyingInformation" => prop::collection::vec(
            (
                s(&["ssn", "itin", "passport", "driversLicense", "SSN"]),
                s(&["123-45-6789", "912-70-1234", "000-12-3456", "X1234567"]),
                s(&["US", "GB", ""]),
            )
                .prop_map(|(t, n, c)| {
                    Value::Object(vec![
                        ("type".into(), t),
                        ("number".into(), n),
                        ("issuingCountry".into(), c),
                    ])
                }),
            0..3,
        )
        .prop_map(Value::Array)
        .boxed(),
        "residentialAddress" => (
            s(&["1 Main St", ""]),
            s(&["New York", "Toronto"]),
            s(&["NY", "ON", "ZZ"]),
            s(&["US", "CA", "GB"]),
            s(&["10118", "K1A 0B1", "90210", "SW1A1AA"]),
        )
            .prop_map(|(l, c, st, co, z)| {
                Value::Object(vec![
                    ("line1".into(), l),
                    ("city".into(), c),
                    ("state".into(), st),
                    ("country".into(), co),
                    ("zipCode".into(), z),
                ])
            })
            .boxed(),
        "metadata" => prop::collection::vec(("[a-z_]{0,45}", leaf()), 0..24)
            .prop_map(Value::Object)
            .boxed(),
        _ => prop_oneof![3 => "[A-Za-z' -]{0,30}".prop_map(Value::String), 1 => leaf()].boxed(),
    }
}

fn customer() -> impl Strategy<Value = Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = CUSTOMER_KEYS
        .iter()
        .map(|k| prop::option::of(field(k).prop_map(move |v| (k.to_string(), v))).boxed())
        .collect();
    (fields, prop::option::of(("[a-z_]{1,10}", leaf()))).prop_map(|(entries, extra)| {
        Value::Object(entries.into_iter().flatten().chain(extra).collect())
    })
}

fn options() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Undefined),
        leaf(),
        (
            prop::sample::select(vec!["create", "update", "x"]),
            prop::option::of(any::<bool>()),
            prop::sample::select(vec!["2026-01-15", "2026-02-30", ""]),
            prop::option::of(-5.0f64..200.0),
        )
            .prop_map(|(mode, fiat, today, min_age)| {
                let mut o = vec![
                    ("mode".to_owned(), Value::from(mode)),
                    ("today".to_owned(), Value::from(today)),
                ];
                if let Some(f) = fiat {
                    o.push(("requireFiatFields".into(), Value::Bool(f)));
                }
                if let Some(m) = min_age {
                    o.push(("minAge".into(), Value::Number(m)));
                }
                Value::Object(o)
            }),
    ]
}

fn well_formed(
    r: &Result<serde_json::Value, Vec<oms_wasm::validate::Issue>>,
) -> Result<(), TestCaseError> {
    if let Err(issues) = r {
        prop_assert!(!issues.is_empty());
        for i in issues {
            prop_assert!(!i.message.is_empty() && i.message.len() < 600);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn every_entry_point_accepts_any_value_and_any_options(input in value(), opts in options()) {
        for v in Validator::ALL {
            well_formed(&v.run(&input, &opts, today()))?;
        }
    }

    #[test]
    fn customers_never_panic_and_normalization_is_idempotent(c in customer(), opts in options()) {
        let r = Validator::Customer.run(&c, &opts, today());
        well_formed(&r)?;
        // The bindings' JSON writer (ToJson) agrees with the model's serde derive.
        if let Ok(typed) = oms_wasm::validate::customer::validate_customer(&c, &oms_wasm::validate::customer::CustomerOptions::new(today())) {
            let serde = serde_json::to_value(&typed).expect("serializable");
            let direct: serde_json::Value = serde_json::from_str(&typed.to_json()).expect("valid JSON");
            prop_assert_eq!(direct, serde);
        }
        if let Ok(out) = r {
            let again = Validator::Customer.run(&Value::from(out.clone()), &opts, today());
            prop_assert_eq!(again.ok(), Some(out));
        }
    }
}

//! Runs the shared known-answer vectors of the field validators (tests/vectors/{address, tax_id,
//! birth_date, email, country}.json) against the Rust functions directly.
//!
//! Format: `{ "validator": name, "cases": [{ name, input, options?, expect }] }` where `expect` is
//! `{ ok: true, value }` (the serde_json form of the result) or `{ ok: false, issues: [{ code, path }] }`
//! (every issue, in the validator's order). `options` is only read by `validateBirthDate`
//! (`today`, default 2026-01-15; `minAge`, default 18).

use oms_wasm::validate::address::validate_address;
use oms_wasm::validate::country::validate_country;
use oms_wasm::validate::date::{validate_birth_date, BirthDateOptions, Date};
use oms_wasm::validate::email::validate_email;
use oms_wasm::validate::json::ToJson;
use oms_wasm::validate::tax_id::validate_tax_id;
use oms_wasm::validate::{PathSeg, Validation, Value};
use serde_json::{json, Value as Json};

/// Each file, and every issue code its validator can emit (each must appear in a negative case).
const FILES: &[(&str, &str, &[&str])] = &[
    (
        "address.json",
        include_str!("../vectors/address.json"),
        &[
            "invalid_type",
            "unknown_key",
            "required",
            "too_long",
            "invalid_encoding",
            "invalid_value",
            "invalid_country",
            "invalid_state",
            "invalid_postal_code",
        ],
    ),
    (
        "tax_id.json",
        include_str!("../vectors/tax_id.json"),
        &[
            "invalid_type",
            "unknown_key",
            "required",
            "too_long",
            "invalid_encoding",
            "invalid_enum",
            "invalid_value",
            "invalid_country",
            "invalid_ssn",
            "invalid_itin",
            "tax_id_type_mismatch",
            "invalid_passport",
            "invalid_drivers_license",
        ],
    ),
    (
        "birth_date.json",
        include_str!("../vectors/birth_date.json"),
        &[
            "required",
            "invalid_type",
            "too_long",
            "invalid_encoding",
            "invalid_date",
            "date_in_future",
            "too_young",
            "implausible_date",
        ],
    ),
    (
        "email.json",
        include_str!("../vectors/email.json"),
        &[
            "required",
            "invalid_type",
            "too_long",
            "invalid_encoding",
            "invalid_email",
        ],
    ),
    (
        "country.json",
        include_str!("../vectors/country.json"),
        &[
            "required",
            "invalid_type",
            "too_long",
            "invalid_encoding",
            "invalid_country",
        ],
    ),
];

fn result<T: serde::Serialize + ToJson>(r: Validation<T>) -> Json {
    match r {
        Ok(v) => {
            // The bindings' direct JSON writer agrees with the serde derive on every output.
            let serde = serde_json::to_value(&v).expect("serializable");
            let direct: Json = serde_json::from_str(&v.to_json()).expect("valid JSON");
            assert_eq!(direct, serde, "ToJson and serde disagree");
            json!({ "ok": true, "value": serde })
        }
        Err(issues) => json!({
            "ok": false,
            "issues": issues.iter().map(|i| json!({
                "code": i.code.as_str(),
                "path": i.path.iter().map(|s| match s {
                    PathSeg::Key(k) => json!(k),
                    PathSeg::Index(n) => json!(n),
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
    }
}

fn call(validator: &str, input: &Json, options: &Json) -> Json {
    let v = Value::from(input.clone());
    match validator {
        "validateAddress" => result(validate_address(&v)),
        "validateTaxId" => result(validate_tax_id(&v)),
        "validateEmail" => result(validate_email(&v)),
        "validateCountry" => result(validate_country(&v)),
        "validateBirthDate" => {
            let today = options["today"].as_str().map_or("2026-01-15", |s| s);
            let opts = BirthDateOptions {
                today: Date::parse(today).expect("options.today is YYYY-MM-DD"),
                min_age: options["minAge"].as_u64().map_or(18, |n| n as u32),
            };
            result(validate_birth_date(&v, &opts))
        }
        other => panic!("unknown validator {other}"),
    }
}

/// The expected issues reduced to (code, path).
fn issue_keys(v: &Json) -> Vec<(Json, Json)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|i| (i["code"].clone(), i["path"].clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn field_validator_vectors() {
    let mut failures = Vec::new();
    let mut total = 0;
    for (file, text, all_codes) in FILES {
        let doc: Json = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let validator = doc["validator"].as_str().expect("validator");
        let cases = doc["cases"].as_array().expect("cases");
        assert!(
            (30..=80).contains(&cases.len()),
            "{file}: {} cases",
            cases.len()
        );
        let mut codes = std::collections::BTreeSet::new();
        for case in cases {
            total += 1;
            let name = case["name"].as_str().unwrap_or("?");
            let options = case.get("options").cloned().unwrap_or(Json::Null);
            let got = call(validator, &case["input"], &options);
            let expect = &case["expect"];
            let mismatch = if got["ok"] != expect["ok"] {
                Some(format!("got {got}"))
            } else if expect["ok"] == true {
                (got["value"] != expect["value"])
                    .then(|| format!("value {}, expected {}", got["value"], expect["value"]))
            } else {
                let (g, w) = (issue_keys(&got["issues"]), issue_keys(&expect["issues"]));
                (g != w).then(|| format!("issues {g:?}, expected {w:?}"))
            };
            if let Some(m) = mismatch {
                failures.push(format!("{file} / {name}: {m}"));
            } else if expect["ok"] == true {
                // normalization is idempotent: the output validates to itself
                let again = call(validator, &expect["value"], &options);
                if again != got {
                    failures.push(format!("{file} / {name}: not idempotent: {again}"));
                }
            }
            for (code, _) in issue_keys(&expect["issues"]) {
                codes.insert(code.as_str().unwrap_or("").to_owned());
            }
        }
        for code in *all_codes {
            assert!(codes.contains(*code), "{file}: no case for {code}");
        }
        assert_eq!(
            codes.len(),
            all_codes.len(),
            "{file}: unexpected codes {codes:?}"
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

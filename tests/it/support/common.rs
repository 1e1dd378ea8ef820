//! The shared-vector harness, compiled into both the native test (`tests/it/vectors.rs`) and the wasm
//! test (`tests/wasm.rs`): each supplies how to call a validator; the expectations are the same files.

#![allow(dead_code)]

use serde_json::Value as Json;

/// A validator case from a `{ validator, cases }` file.
pub struct Case {
    pub file: &'static str,
    pub name: String,
    pub validator: String,
    pub input: Json,
    pub options: Json,
    pub expect: Json,
}

/// Every `{ validator, cases }` vector file, embedded so wasm tests need no file system.
pub const VALIDATOR_FILES: &[(&str, &str)] = &[
    ("address.json", include_str!("../../vectors/address.json")),
    ("tax_id.json", include_str!("../../vectors/tax_id.json")),
    (
        "birth_date.json",
        include_str!("../../vectors/birth_date.json"),
    ),
    ("email.json", include_str!("../../vectors/email.json")),
    ("country.json", include_str!("../../vectors/country.json")),
    ("customer.json", include_str!("../../vectors/customer.json")),
    (
        "phone_field.json",
        include_str!("../../vectors/phone_field.json"),
    ),
];

/// The libphonenumber-js known answers.
pub const PHONE_FILE: &str = include_str!("../../vectors/phone.json");

pub fn validator_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (file, text) in VALIDATOR_FILES {
        let doc: Json = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let validator = doc["validator"]
            .as_str()
            .unwrap_or_else(|| panic!("{file}: no validator"))
            .to_owned();
        for c in doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no cases"))
        {
            out.push(Case {
                file,
                name: c["name"].as_str().unwrap_or("?").to_owned(),
                validator: validator.clone(),
                input: c["input"].clone(),
                options: c.get("options").cloned().unwrap_or(Json::Null),
                expect: c["expect"].clone(),
            });
        }
    }
    out
}

/// `[{code, path}]` of an issue list (anything else: empty).
pub fn codes_and_paths(v: &Json) -> Vec<(Json, Json)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|i| (i["code"].clone(), i["path"].clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Compares a `{ ok, value | issues, warnings? }` result with an expectation (issues and warnings
/// by code and path, in order). A case without `warnings` expects none (absent or empty).
pub fn mismatch(result: &Json, expect: &Json) -> Option<String> {
    let ok = result["ok"].as_bool();
    if ok != expect["ok"].as_bool() {
        return Some(format!(
            "ok={ok:?}, expected {}: {}",
            expect["ok"],
            short(result)
        ));
    }
    let (got_w, want_w) = (
        codes_and_paths(&result["warnings"]),
        codes_and_paths(&expect["warnings"]),
    );
    if got_w != want_w {
        return Some(format!("warnings {got_w:?}, expected {want_w:?}"));
    }
    if ok == Some(true) {
        return (result["value"] != expect["value"])
            .then(|| format!("value {}, expected {}", result["value"], expect["value"]));
    }
    let (got, want) = (
        codes_and_paths(&result["issues"]),
        codes_and_paths(&expect["issues"]),
    );
    (got != want).then(|| format!("issues {got:?}, expected {want:?}"))
}

fn short(v: &Json) -> String {
    let s = v.to_string();
    if s.len() > 400 {
        format!("{}…", &s[..400])
    } else {
        s
    }
}

/// Runs every validator case through `call(validator, input, options)`; panics listing all failures.
pub fn run_validator_cases(call: impl Fn(&str, &Json, &Json) -> Json) -> usize {
    let cases = validator_cases();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            mismatch(&call(&c.validator, &c.input, &c.options), &c.expect)
                .map(|m| format!("{} {}: {m}", c.file, c.name))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    cases.len()
}

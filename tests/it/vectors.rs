//! Shared known-answer vectors (tests/vectors/*.json), natively, through the same entry points the
//! JS API uses (`Validator::run`). The same files run in wasm (tests/wasm.rs) and from JS.

use crate::support::common;

use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::Value;
use serde_json::{json, Value as Json};

/// A fixed "today" for cases without `options.today` (only `validateBirthDate`/`validateCustomer` read it).
fn today() -> Date {
    Date::parse("2026-01-15").expect("date")
}

fn issues_json(issues: &[oms_wasm::validate::Issue]) -> Json {
    issues
        .iter()
        .map(|i| {
            json!({
                "code": i.code.as_str(),
                "path": i.path.iter().map(|s| match s {
                    oms_wasm::validate::PathSeg::Key(k) => json!(k),
                    oms_wasm::validate::PathSeg::Index(n) => json!(n),
                }).collect::<Vec<_>>(),
                "message": i.message,
            })
        })
        .collect()
}

fn call(name: &str, input: &Json, options: &Json) -> Json {
    let v = Validator::from_js_name(name).unwrap_or_else(|| panic!("unknown validator {name}"));
    let (input, options) = (Value::from(input.clone()), Value::from(options.clone()));
    let checked = v.check(&input, &options, today());
    // The bindings' path (`check_text`: JSON text straight from the typed output) gives the same answer.
    let text = v.check_text(&input, &options, today());
    assert_eq!(
        checked.warnings, text.warnings,
        "{name}: check_text and check disagree"
    );
    match (&checked.result, text.result) {
        (Ok(value), Ok(text)) => assert_eq!(
            &serde_json::from_str::<Json>(&text).expect("check_text writes JSON"),
            value,
            "{name}: check_text and check disagree"
        ),
        (Err(a), Err(b)) => assert_eq!(a, &b, "{name}: check_text and check disagree"),
        _ => panic!("{name}: check_text and check disagree on ok"),
    }
    // `run` is `check` without the warnings.
    assert_eq!(v.run(&input, &options, today()), checked.result);
    let mut out = match checked.result {
        Ok(value) => json!({ "ok": true, "value": value }),
        Err(issues) => json!({ "ok": false, "issues": issues_json(&issues) }),
    };
    if let Some(w) = &checked.warnings {
        out["warnings"] = issues_json(w);
    }
    out
}

#[test]
fn validator_vectors() {
    let n = common::run_validator_cases(call);
    assert!(n >= 150, "only {n} cases");
}

/// Provisioning readiness has a negative case per code and form: `required_for_fiat` both as a
/// warning and (with `requireFiatFields: true`) as an issue, `recommended_for_fiat` as a warning.
#[test]
fn readiness_codes_have_negative_cases() {
    let doc: Json = serde_json::from_str(include_str!("../vectors/customer.json")).expect("json");
    let mut seen = std::collections::HashSet::new();
    for c in doc["cases"].as_array().expect("cases") {
        for (list, form) in [("issues", "issue"), ("warnings", "warning")] {
            for i in c["expect"][list].as_array().into_iter().flatten() {
                seen.insert(format!("{}:{form}", i["code"].as_str().unwrap_or("")));
            }
        }
    }
    for want in [
        "required_for_fiat:issue",
        "required_for_fiat:warning",
        "recommended_for_fiat:warning",
    ] {
        assert!(seen.contains(want), "no vector expects {want}");
    }
    assert!(
        !seen.contains("recommended_for_fiat:issue"),
        "advice from other pages must never be an issue"
    );
}

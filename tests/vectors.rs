//! Shared known-answer vectors (tests/vectors/*.json), natively, through the same entry points the
//! JS API uses (`Validator::run`). The same files run in wasm (tests/wasm.rs) and from JS.

mod common;

use oms_wasm::validate::date::Date;
use oms_wasm::validate::entry::Validator;
use oms_wasm::validate::Value;
use serde_json::{json, Value as Json};

/// A fixed "today" for cases without `options.today` (only `validateBirthDate`/`validateCustomer` read it).
fn today() -> Date {
    Date::parse("2026-01-15").expect("date")
}

fn call(name: &str, input: &Json, options: &Json) -> Json {
    let v = Validator::from_js_name(name).unwrap_or_else(|| panic!("unknown validator {name}"));
    let (input, options) = (Value::from(input.clone()), Value::from(options.clone()));
    let result = v.run(&input, &options, today());
    // The bindings' path (`run_text`: JSON text straight from the typed output) gives the same answer.
    match (&result, v.run_text(&input, &options, today())) {
        (Ok(value), Ok(text)) => assert_eq!(
            &serde_json::from_str::<Json>(&text).expect("run_text writes JSON"),
            value,
            "{name}: run_text and run disagree"
        ),
        (Err(a), Err(b)) => assert_eq!(a, &b, "{name}: run_text and run disagree"),
        _ => panic!("{name}: run_text and run disagree on ok"),
    }
    match result {
        Ok(value) => json!({ "ok": true, "value": value }),
        Err(issues) => json!({ "ok": false, "issues": issues.iter().map(|i| json!({
            "code": i.code.as_str(),
            "path": i.path.iter().map(|s| match s {
                oms_wasm::validate::PathSeg::Key(k) => json!(k),
                oms_wasm::validate::PathSeg::Index(n) => json!(n),
            }).collect::<Vec<_>>(),
            "message": i.message,
        })).collect::<Vec<_>>() }),
    }
}

#[test]
fn validator_vectors() {
    let n = common::run_validator_cases(call);
    assert!(n >= 150, "only {n} cases");
}

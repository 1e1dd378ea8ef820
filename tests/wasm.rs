//! The shared vectors through the JavaScript bindings, inside wasm: run by wasm-bindgen-test in Node
//! and (with `WASM_BINDGEN_USE_BROWSER=1`) in headless Chromium. Inputs are real JS values built with
//! `JSON.parse`, results are read back with `JSON.stringify`, so the conversion layer is what is tested.

#![cfg(target_arch = "wasm32")]

mod common;

use oms_wasm::wasm::validate as js;
use serde_json::Value as Json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn to_js(v: &Json) -> JsValue {
    js_sys::JSON::parse(&v.to_string()).expect("JSON.parse")
}

fn from_js(v: &JsValue) -> Json {
    let s: String = js_sys::JSON::stringify(v).expect("stringify").into();
    serde_json::from_str(&s).expect("json")
}

fn call(name: &str, input: &Json, options: &Json) -> Json {
    let (input, options) = (to_js(input), Some(to_js(options)));
    let r = match name {
        "validatePhone" => js::validate_phone(input, options),
        "validateAddress" => js::validate_address(input, options),
        "validateTaxId" => js::validate_tax_id(input, options),
        "validateBirthDate" => js::validate_birth_date(input, options),
        "validateEmail" => js::validate_email(input, options),
        "validateCustomer" => js::validate_customer(input, options),
        "validateCountry" => js::validate_country(input, options),
        other => panic!("unknown validator {other}"),
    };
    from_js(&r)
}

#[wasm_bindgen_test]
fn validator_vectors_through_the_bindings() {
    let n = common::run_validator_cases(call);
    assert!(n >= 150, "only {n} cases");
}

#[wasm_bindgen_test]
fn phone_vectors_through_the_bindings() {
    let doc: Json = serde_json::from_str(common::PHONE_FILE).expect("phone.json");
    let mut failures = Vec::new();
    for v in doc["vectors"].as_array().expect("vectors") {
        let options = match v["defaultCountry"].as_str() {
            // Deliberate difference: our defaultCountry is case-insensitive (libphonenumber-js rejects "us").
            Some(c) if c != c.to_ascii_uppercase() => continue,
            Some(c) => serde_json::json!({ "defaultCountry": c }),
            None => Json::Null,
        };
        let r = call("validatePhone", &v["input"], &options);
        let expected_ok = v["error"].is_null()
            && v["possible"] == Json::Bool(true)
            && !v["input"].as_str().unwrap_or("").trim().is_empty();
        if r["ok"] != Json::Bool(expected_ok) {
            failures.push(format!(
                "{}: ok={} expected {expected_ok}",
                v["input"], r["ok"]
            ));
            continue;
        }
        if expected_ok {
            for (k, want) in [
                ("e164", &v["e164"]),
                ("nationalNumber", &v["nationalNumber"]),
                ("valid", &v["valid"]),
            ] {
                if &r["value"][k] != want {
                    failures.push(format!(
                        "{}: {k}={} expected {want}",
                        v["input"], r["value"][k]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
fn junk_never_traps_and_the_instance_keeps_working() {
    let junk = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_f64(f64::NAN),
        JsValue::from_str(&"9".repeat(200_000)),
        js_sys::JSON::parse("{\"__proto__\": {\"a\": 1}, \"type\": [1, {\"b\": null}]}")
            .expect("json"),
        js_sys::Array::new().into(),
        js_sys::Function::new_no_args("return 1").into(),
        JsValue::bigint_from_str("12345678901234567890"),
        JsValue::symbol(Some("s")),
    ];
    for j in &junk {
        for (name, r) in [
            ("phone", js::validate_phone(j.clone(), Some(j.clone()))),
            ("address", js::validate_address(j.clone(), None)),
            ("taxId", js::validate_tax_id(j.clone(), None)),
            (
                "birthDate",
                js::validate_birth_date(j.clone(), Some(j.clone())),
            ),
            ("email", js::validate_email(j.clone(), None)),
            (
                "customer",
                js::validate_customer(j.clone(), Some(j.clone())),
            ),
        ] {
            let r = from_js(&r);
            assert!(r["ok"].is_boolean(), "{name}: {r}");
        }
    }
    let good = serde_json::json!("+44 20 7946 0958");
    assert_eq!(
        call("validatePhone", &good, &Json::Null)["value"]["e164"],
        "+442079460958"
    );
}

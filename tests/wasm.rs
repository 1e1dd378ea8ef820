//! The shared vectors through the JavaScript bindings, inside wasm: run by wasm-bindgen-test in Node
//! and (with `WASM_BINDGEN_USE_BROWSER=1`) in headless Chromium. Inputs are real JS values built with
//! `JSON.parse`, results are read back with `JSON.stringify`, so the conversion layer is what is tested.

#![cfg(target_arch = "wasm32")]

#[path = "it/support/common.rs"]
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

// ---------------------------------------------------------------------------------------------
// webhooks: tests/vectors/webhook.json through the bindings (payload as string / Uint8Array /
// ArrayBuffer / DataView, headers as a plain object with array values or a WHATWG Headers)

#[path = "it/support/webhook_support.rs"]
mod webhook_support;

mod webhook_js {
    use super::webhook_support::{Case, Outcome, Runner};
    use super::{from_js, Json};
    use js_sys::{Array, Function, Object, Reflect, Uint8Array};
    use oms_wasm::wasm::webhook as wh;
    use wasm_bindgen::{JsCast, JsValue};

    /// Alternates the JS shapes of payloads and headers across cases.
    pub struct Js {
        pub variant: std::cell::Cell<usize>,
    }

    fn set(o: &JsValue, k: &str, v: &JsValue) {
        Reflect::set(o, &JsValue::from_str(k), v).expect("set");
    }

    pub fn payload(c: &Case, variant: usize) -> JsValue {
        match (&c.text, variant % 4) {
            (Some(t), 0) => JsValue::from_str(t),
            (_, 1) => Uint8Array::from(&c.body[..]).buffer().into(),
            (_, 2) => {
                // a DataView on a window of a larger buffer
                let mut padded = vec![0xAAu8; 3];
                padded.extend_from_slice(&c.body);
                padded.extend_from_slice(&[0xBB; 5]);
                let buf = Uint8Array::from(&padded[..]).buffer();
                js_sys::DataView::new(&buf, 3, c.body.len()).into()
            }
            _ => Uint8Array::from(&c.body[..]).into(),
        }
    }

    fn global(name: &str) -> Option<Function> {
        Reflect::get(&js_sys::global(), &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    }

    pub fn headers(c: &Case, variant: usize) -> JsValue {
        if variant % 2 == 1 {
            if let Some(ctor) = global("Headers") {
                let h = Reflect::construct(&ctor, &Array::new()).expect("new Headers");
                let append: Function = Reflect::get(&h, &"append".into())
                    .expect("append")
                    .unchecked_into();
                for (k, v) in &c.headers {
                    append
                        .call2(&h, &JsValue::from_str(k), &JsValue::from_str(v))
                        .expect("append");
                }
                return h;
            }
        }
        let o: JsValue = Object::new().into();
        for (k, v) in &c.headers {
            let key = JsValue::from_str(k);
            let prev = Reflect::get(&o, &key).unwrap_or(JsValue::UNDEFINED);
            if prev.is_undefined() {
                set(&o, k, &JsValue::from_str(v));
            } else if Array::is_array(&prev) {
                prev.unchecked_ref::<Array>().push(&JsValue::from_str(v));
            } else {
                set(&o, k, &Array::of2(&prev, &JsValue::from_str(v)).into());
            }
        }
        o
    }

    pub fn secrets(c: &Case) -> JsValue {
        if c.secrets.len() == 1 {
            JsValue::from_str(&c.secrets[0])
        } else {
            c.secrets
                .iter()
                .map(|s| JsValue::from_str(s))
                .collect::<Array>()
                .into()
        }
    }

    pub fn options(c: &Case) -> JsValue {
        let o: JsValue = Object::new().into();
        set(&o, "now", &JsValue::from_f64(c.now as f64));
        if let Some(t) = c.tolerance {
            set(&o, "toleranceSeconds", &JsValue::from_f64(t as f64));
        }
        if let Some(e) = &c.encoding {
            set(&o, "secretEncoding", &JsValue::from_str(e));
        }
        o
    }

    pub fn outcome(r: Result<JsValue, JsValue>) -> Outcome {
        match r {
            Ok(v) => Ok(from_js(&v)),
            Err(e) => {
                let get = |k: &str| {
                    Reflect::get(&e, &JsValue::from_str(k))
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default()
                };
                assert!(e.is_instance_of::<js_sys::Error>(), "not an Error");
                Err((get("code"), get("message")))
            }
        }
    }

    impl Js {
        fn next(&self) -> usize {
            let v = self.variant.get();
            self.variant.set(v + 1);
            v
        }
    }

    impl Runner for Js {
        fn verify(&self, c: &Case) -> Outcome {
            let v = self.next();
            outcome(wh::verify_webhook_signature(
                payload(c, v),
                headers(c, v),
                secrets(c),
                Some(options(c)),
            ))
        }

        fn verify_event(&self, c: &Case) -> Outcome {
            let v = self.next();
            outcome(wh::verify_webhook(
                payload(c, v),
                headers(c, v),
                secrets(c),
                Some(options(c)),
            ))
        }

        fn sign(&self, c: &Case, id: &str, timestamp: i64) -> Result<String, (String, String)> {
            let input: JsValue = Object::new().into();
            set(&input, "payload", &Uint8Array::from(&c.body[..]).into());
            set(&input, "secret", &JsValue::from_str(&c.secrets[0]));
            set(&input, "id", &JsValue::from_str(id));
            set(&input, "timestamp", &JsValue::from_f64(timestamp as f64));
            outcome(wh::sign_webhook(input)).map(|h: Json| {
                h["webhook-signature"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
        }
    }
}

#[wasm_bindgen_test]
fn webhook_vectors_through_the_bindings() {
    // twice, so every case meets every payload and header shape
    for start in [0, 1] {
        let js = webhook_js::Js {
            variant: std::cell::Cell::new(start),
        };
        let n = webhook_support::run_all(&js);
        assert!(n >= 80, "only {n} cases");
    }
}

#[wasm_bindgen_test]
fn webhook_junk_never_traps_and_the_instance_keeps_working() {
    use oms_wasm::wasm::webhook as wh;
    let cases = webhook_support::cases();
    let good = cases
        .iter()
        .find(|c| c.name.starts_with("OMS hex secret: whsec_"))
        .expect("good case");
    let lone: JsValue = js_sys::JSON::parse("\"\\ud800x\"").expect("lone surrogate");
    let junk = [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_f64(f64::NAN),
        JsValue::from_f64(42.0),
        JsValue::TRUE,
        JsValue::from_str(&"9".repeat(200_000)),
        lone.clone(),
        js_sys::JSON::parse("{\"__proto__\": {\"a\": 1}, \"webhook-id\": [1, {\"b\": null}]}")
            .expect("json"),
        js_sys::Array::new().into(),
        js_sys::Array::of2(&JsValue::NULL, &lone).into(),
        js_sys::Function::new_no_args("throw new Error('boom')").into(),
        JsValue::bigint_from_str("12345678901234567890"),
        JsValue::symbol(Some("s")),
        js_sys::Date::new(&JsValue::from_f64(f64::NAN)).into(),
    ];
    let p = || webhook_js::payload(good, 3);
    let h = || webhook_js::headers(good, 0);
    let s = || webhook_js::secrets(good);
    let o = || webhook_js::options(good);
    for j in &junk {
        let calls = [
            wh::verify_webhook(j.clone(), h(), s(), Some(o())),
            wh::verify_webhook(p(), j.clone(), s(), Some(o())),
            wh::verify_webhook(p(), h(), j.clone(), Some(o())),
            wh::verify_webhook_signature(p(), h(), s(), Some(j.clone())),
            wh::sign_webhook(j.clone()),
        ];
        for r in calls {
            if let Err((code, message)) = webhook_js::outcome(r) {
                assert!(!code.is_empty(), "an error without a code: {message}");
            }
        }
        // junk inside options and headers objects
        let opts = webhook_js::options(good);
        js_sys::Reflect::set(&opts, &"now".into(), j).expect("set");
        let _ = webhook_js::outcome(wh::verify_webhook(p(), h(), s(), Some(opts)));
        let hdrs = webhook_js::headers(good, 0);
        js_sys::Reflect::set(&hdrs, &"webhook-signature".into(), j).expect("set");
        let _ = webhook_js::outcome(wh::verify_webhook(p(), hdrs, s(), Some(o())));
        // the instance still verifies a good delivery
        let ok = webhook_js::outcome(wh::verify_webhook(p(), h(), s(), Some(o())))
            .expect("good delivery");
        assert_eq!(ok["type"], "cashIn.completed");
    }
    // a headers object whose getter throws, and a Headers-like object whose get throws
    let hostile = js_sys::eval(
        "({ get 'webhook-id'() { throw new Error('getter') }, 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' })",
    )
    .expect("eval");
    let r = webhook_js::outcome(wh::verify_webhook(p(), hostile, s(), Some(o())));
    assert!(r.is_err());
    let hostile_get = js_sys::eval("({ get() { throw new Error('get') } })").expect("eval");
    let r = webhook_js::outcome(wh::verify_webhook(p(), hostile_get, s(), Some(o())));
    assert!(r.is_err());
    let ok =
        webhook_js::outcome(wh::verify_webhook(p(), h(), s(), Some(o()))).expect("good delivery");
    assert_eq!(ok["id"], good.expect["id"]);
}

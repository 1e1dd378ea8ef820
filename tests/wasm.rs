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
// webhooks: tests/vectors/webhook.json through the wasm primitives the package glue calls
// (pkg-template/webhooks.mjs reads the JS values; the JS tests run every JS shape in Node, workerd,
// Chromium and Deno): the complete check (`__whBegin`/`__whHeader`/`__whSecret`/`__whRun`), the
// fast route's keyed HMAC (`__whKey`/`__whMac`/`__whMacText`) and signing (`__whSign`).

#[path = "it/support/webhook_support.rs"]
mod webhook_support;

mod webhook_js {
    use super::webhook_support::{Case, Outcome, Runner};
    use oms_wasm::wasm::webhook as wh;
    use serde_json::json;

    pub struct Js;

    pub fn encoding(c: &Case) -> u8 {
        match c.encoding.as_deref() {
            Some("hex") => 1,
            Some("base64") => 2,
            Some("raw") => 3,
            _ => 0,
        }
    }

    /// What the glue hands the complete check: each header value as given (any case of name).
    pub fn gather(c: &Case) {
        wh::wh_begin();
        for (k, v) in &c.headers {
            let which = match k.to_ascii_lowercase().as_str() {
                "webhook-id" => 0,
                "webhook-timestamp" => 1,
                "webhook-signature" => 2,
                _ => continue,
            };
            wh::wh_header(which, Some(v.clone()));
        }
        for s in &c.secrets {
            wh::wh_secret(s.clone());
        }
    }

    /// `"{keyEncoding}\n{timestamp}\n{id}"` or `"!{code}\n{message}"` as an outcome.
    pub fn outcome(r: &str) -> Outcome {
        if let Some(e) = r.strip_prefix('!') {
            let (code, message) = e.split_once('\n').expect("code and message");
            return Err((code.to_owned(), message.to_owned()));
        }
        let mut parts = r.splitn(3, '\n');
        let (k, t, id) = (parts.next(), parts.next(), parts.next());
        Ok(
            json!({ "keyEncoding": k, "timestamp": t.and_then(|t| t.parse::<i64>().ok()), "id": id }),
        )
    }

    pub fn run(c: &Case) -> Outcome {
        gather(c);
        let r = wh::wh_run(
            0,
            &c.body,
            c.tolerance.unwrap_or(300) as f64,
            c.now as f64,
            encoding(c),
        );
        outcome(&r)
    }

    impl Runner for Js {
        fn verify(&self, c: &Case) -> Outcome {
            run(c)
        }

        fn verify_event(&self, c: &Case) -> Outcome {
            let mut v = run(c)?;
            // the glue checks the envelope (JSON.parse with the core's strict-JSON rules, in the
            // JS tests); here the core's own envelope check stands in for it
            let headers = oms_wasm::webhook::WebhookHeaders::from_pairs(
                c.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            );
            let secrets: Vec<&str> = c.secrets.iter().map(String::as_str).collect();
            let mut options = oms_wasm::webhook::VerifyOptions::at(c.now);
            if let Some(t) = c.tolerance {
                options.tolerance_seconds = t;
            }
            if let Some(e) = c
                .encoding
                .as_deref()
                .and_then(oms_wasm::webhook::SecretEncoding::parse)
            {
                options.secret_encoding = e;
            }
            let e = oms_wasm::webhook::verify_event(&c.body, &headers, &secrets, &options)
                .map_err(|e| (e.code().to_owned(), e.message().to_owned()))?;
            v["type"] = e.event_type.clone().into();
            v["data"] = e.data.clone();
            v["body"] = e.body.clone();
            Ok(v)
        }

        fn sign(&self, c: &Case, id: &str, timestamp: i64) -> Result<String, (String, String)> {
            let r = wh::wh_sign(0, &c.body, &c.secrets[0], id, timestamp as f64, 0);
            match r.strip_prefix('!') {
                Some(e) => {
                    let (code, message) = e.split_once('\n').expect("code and message");
                    Err((code.to_owned(), message.to_owned()))
                }
                None => Ok(r),
            }
        }
    }
}

#[wasm_bindgen_test]
fn webhook_vectors_through_the_bindings() {
    let n = webhook_support::run_all(&webhook_js::Js);
    assert!(n >= 80, "only {n} cases");
}

#[wasm_bindgen_test]
fn webhook_fast_route_tags_match_the_signatures_of_verified_vectors() {
    use oms_wasm::wasm::webhook as wh;
    let mut checked = 0;
    for c in webhook_support::cases() {
        if c.expect["ok"] != serde_json::Value::Bool(true) || c.secrets.len() != 1 {
            continue;
        }
        let header = |n: &str| c.header(n).map(|v| v.trim().to_owned());
        let (Some(id), Some(ts), Some(sig)) = (
            header("webhook-id"),
            header("webhook-timestamp"),
            header("webhook-signature"),
        ) else {
            continue;
        };
        let mask = wh::wh_key(3, &c.secrets[0], webhook_js::encoding(&c));
        assert_ne!(mask, 0, "{}: no key", c.name);
        let prefix = format!("{id}.{ts}.");
        let encodings = ["hex", "base64", "raw"];
        let tried: Vec<&str> = (0..3)
            .filter(|b| mask & (1 << b) != 0)
            .map(|b| encodings[b])
            .collect();
        let mut found = None;
        for (i, enc) in tried.iter().enumerate() {
            let tag = wh::wh_mac(3, i as u32, &prefix, &c.body);
            assert_eq!(tag.len(), 44);
            if let Some(t) = &c.text {
                assert_eq!(wh::wh_mac_text(3, i as u32, &format!("{prefix}{t}")), tag);
            }
            if found.is_none()
                && sig
                    .split_ascii_whitespace()
                    .any(|e| e == format!("v1,{tag}"))
            {
                found = Some(*enc);
            }
        }
        // the fast route only answers for canonical `v1,<base64>` entries; when it does, the same key
        if let Some(enc) = found {
            assert_eq!(Some(enc), c.expect["keyEncoding"].as_str(), "{}", c.name);
            checked += 1;
        }
        // the native route's keys give the same tags
        let bytes = wh::wh_key_bytes(&c.secrets[0], webhook_js::encoding(&c));
        assert_eq!(bytes.is_empty(), mask == 0);
    }
    assert!(checked >= 10, "{checked}");
}

#[wasm_bindgen_test]
fn webhook_junk_never_traps_and_the_instance_keeps_working() {
    use oms_wasm::wasm::webhook as wh;
    let cases = webhook_support::cases();
    let good = cases
        .iter()
        .find(|c| c.name.starts_with("OMS hex secret: whsec_"))
        .expect("good case");
    let long = "9".repeat(200_000);
    let junk = [
        "",
        "\u{FFFD}",
        "whsec_",
        long.as_str(),
        "v1,",
        "\0\0\0",
        "whsec_AA",
    ];
    for j in junk {
        for which in [0, 1, 2, 3, 200] {
            wh::wh_begin();
            wh::wh_header(which, Some(j.to_owned()));
            wh::wh_header(which, None);
            wh::wh_secret(j.to_owned());
            let r = wh::wh_run(0, j.as_bytes(), f64::NAN, f64::INFINITY, 9);
            assert!(r.starts_with('!'), "{r}");
        }
        for problem in 0..=9 {
            let r = wh::wh_run(problem, j.as_bytes(), 300.0, 0.0, 0);
            assert!(r.starts_with('!'));
            let _ = wh::wh_sign(problem, j.as_bytes(), j, j, f64::NAN, 7);
        }
        for slot in [0, 15, 16, u32::MAX] {
            let _ = wh::wh_key(slot, j, 0);
            assert!(wh::wh_mac(slot, 9, j, j.as_bytes()).len() <= 44);
            let _ = wh::wh_mac_text(slot, 0, j);
            let _ = wh::wh_key_bytes(j, 3);
        }
        // the instance still verifies a good delivery
        let ok = webhook_js::run(good).expect("good delivery");
        assert_eq!(ok["id"], good.expect["id"]);
    }
}

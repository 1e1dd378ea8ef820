//! Shared golden vectors for the API layer, run through the same entry points the JS API uses:
//! `tests/vectors/api/*.json` (request builds) and `tests/vectors/responses/*.json` (response parsing).
//! The formats are described in each file's `"$format"`.

use oms_wasm::api::{
    build_request, build_request_checked, context_from_options, describe, parse_response,
    parse_response_text, text_reading_declines, Built, OPERATIONS,
};
use oms_wasm::error::BuildError;
use oms_wasm::validate::date::Date;
use oms_wasm::validate::{PathSeg, Value};
use serde_json::{json, Value as Json};

const API_FILES: &[(&str, &str)] = &[
    (
        "get_started.json",
        include_str!("../vectors/api/get_started.json"),
    ),
    ("auth.json", include_str!("../vectors/api/auth.json")),
    (
        "customers.json",
        include_str!("../vectors/api/customers.json"),
    ),
    ("wallets.json", include_str!("../vectors/api/wallets.json")),
    ("quotes.json", include_str!("../vectors/api/quotes.json")),
    (
        "transactions.json",
        include_str!("../vectors/api/transactions.json"),
    ),
    ("cash.json", include_str!("../vectors/api/cash.json")),
    (
        "webhooks.json",
        include_str!("../vectors/api/webhooks.json"),
    ),
    ("sandbox.json", include_str!("../vectors/api/sandbox.json")),
    ("context.json", include_str!("../vectors/api/context.json")),
    (
        "virtual_accounts.json",
        include_str!("../vectors/api/virtual_accounts.json"),
    ),
    (
        "docs_spellings.json",
        include_str!("../vectors/api/docs_spellings.json"),
    ),
];

const RESPONSE_FILES: &[(&str, &str)] = &[
    ("auth.json", include_str!("../vectors/responses/auth.json")),
    (
        "customers.json",
        include_str!("../vectors/responses/customers.json"),
    ),
    (
        "wallets.json",
        include_str!("../vectors/responses/wallets.json"),
    ),
    (
        "quotes.json",
        include_str!("../vectors/responses/quotes.json"),
    ),
    (
        "transactions.json",
        include_str!("../vectors/responses/transactions.json"),
    ),
    ("cash.json", include_str!("../vectors/responses/cash.json")),
    (
        "webhooks.json",
        include_str!("../vectors/responses/webhooks.json"),
    ),
    (
        "sandbox.json",
        include_str!("../vectors/responses/sandbox.json"),
    ),
    (
        "errors.json",
        include_str!("../vectors/responses/errors.json"),
    ),
    (
        "get_started.json",
        include_str!("../vectors/responses/get_started.json"),
    ),
    (
        "promised.json",
        include_str!("../vectors/responses/promised.json"),
    ),
    (
        "virtual_accounts.json",
        include_str!("../vectors/responses/virtual_accounts.json"),
    ),
];

/// Every response vector that parses: `(operation, status, body text)` (the property tests mutate
/// them).
pub(crate) fn success_responses() -> Vec<(&'static str, u16, String)> {
    cases(RESPONSE_FILES)
        .iter()
        .filter(|(_, c)| c["expect"]["ok"] == true)
        .map(|(_, c)| {
            let op = OPERATIONS
                .iter()
                .copied()
                .find(|op| c["operation"] == **op)
                .expect("operation");
            (
                op,
                c["status"].as_u64().expect("status") as u16,
                body_text(c),
            )
        })
        .collect()
}

/// The client's direct text reading (no `serde_json::Value` tree) reads every well-formed
/// response vector itself rather than declining to the `Value` path — what makes it the fast path.
#[test]
fn response_vectors_are_read_directly() {
    let mut declined = Vec::new();
    for (op, _, body) in success_responses() {
        // (an empty body is no JSON: the Value path reads it as `null`)
        if !body.trim().is_empty() && text_reading_declines(op, &body) == Some(true) {
            declined.push(format!("{op}: {body}"));
        }
    }
    assert!(declined.is_empty(), "declined:\n{}", declined.join("\n"));
}

fn cases(files: &[(&'static str, &'static str)]) -> Vec<(&'static str, Json)> {
    let mut out = Vec::new();
    for (file, text) in files {
        let doc: Json = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert!(doc["$format"].is_string(), "{file}: no $format");
        for c in doc["cases"]
            .as_array()
            .unwrap_or_else(|| panic!("{file}: no cases"))
        {
            out.push((*file, c.clone()));
        }
    }
    out
}

fn hex16(s: &str) -> [u8; 16] {
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).expect("hex");
    }
    out
}

fn path_json(path: &[PathSeg]) -> Json {
    Json::Array(
        path.iter()
            .map(|s| match s {
                PathSeg::Key(k) => json!(k),
                PathSeg::Index(i) => json!(i),
            })
            .collect(),
    )
}

/// Runs one build case the way `buildRequest(operation, params, options)` does; returns the result
/// in the vector's `expect` shape.
fn run_build(c: &Json) -> Json {
    let mut options = c["options"].clone();
    let random = options
        .as_object_mut()
        .and_then(|o| o.remove("randomBytes"))
        .and_then(|v| v.as_str().map(hex16));
    let today = Date::parse("2026-01-15").expect("date");
    let err = |e: BuildError| {
        let mut out = json!({ "code": e.code() });
        if let BuildError::InvalidParams(issues) = &e {
            out["issues"] = issues
                .iter()
                .map(|i| json!({"code": i.code.as_str(), "path": path_json(&i.path)}))
                .collect();
        }
        json!({ "error": out })
    };
    let ctx = match context_from_options(&Value::from(options), today, random) {
        Ok(ctx) => ctx,
        Err(e) => return err(e),
    };
    let op = c["operation"].as_str().expect("operation");
    match build_request_checked(op, &Value::from(c["params"].clone()), &ctx) {
        Ok(Built {
            request: req,
            warnings,
        }) => {
            let mut headers = serde_json::Map::new();
            for (k, v) in &req.headers {
                headers.insert(k.clone(), json!(v));
            }
            let mut out =
                json!({"method": req.method.as_str(), "url": req.url, "headers": headers});
            if let Some(b) = req.body {
                out["body"] = json!(b);
            }
            if !warnings.is_empty() {
                out["warnings"] = warnings
                    .iter()
                    .map(|i| json!({"code": i.code.as_str(), "path": path_json(&i.path)}))
                    .collect();
            }
            out
        }
        Err(e) => err(e),
    }
}

#[test]
fn request_vectors() {
    let all = cases(API_FILES);
    let mut failures = Vec::new();
    for (file, c) in &all {
        let got = run_build(c);
        // compare as text so header and key order count (`warnings`, when expected, last)
        let (got_text, want_text) = (got.to_string(), c["expect"].to_string());
        // `build_request` is `build_request_checked` without the warnings.
        if let Some(url) = got.get("url") {
            let op = c["operation"].as_str().unwrap_or_default();
            let ctx = context_from_options(
                &Value::from(c["options"].clone()),
                Date::parse("2026-01-15").expect("date"),
                None,
            );
            if let (Ok(ctx), false) = (ctx, c["options"].get("randomBytes").is_some()) {
                let plain = build_request(op, &Value::from(c["params"].clone()), &ctx);
                assert_eq!(
                    plain.map(|r| r.url).ok().as_ref(),
                    url.as_str().map(str::to_owned).as_ref()
                );
            }
        }
        if got_text != want_text {
            failures.push(format!(
                "{file} {}:\n   got  {got}\n   want {}",
                c["name"], c["expect"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn every_operation_has_a_golden_build_and_a_response() {
    let builds = cases(API_FILES);
    let responses = cases(RESPONSE_FILES);
    for op in OPERATIONS {
        assert!(
            builds
                .iter()
                .any(|(_, c)| c["operation"] == *op && c["expect"].get("url").is_some()),
            "no golden build for {op}"
        );
        assert!(
            responses
                .iter()
                .any(|(_, c)| c["operation"] == *op && c["expect"]["ok"] == true),
            "no response example for {op}"
        );
        assert!(describe(op).is_some());
    }
    assert_eq!(OPERATIONS.len(), 31);
}

fn body_text(c: &Json) -> String {
    match (c.get("bodyText"), c.get("body")) {
        (Some(Json::String(t)), _) => t.clone(),
        (_, Some(b)) => b.to_string(),
        _ => String::new(),
    }
}

fn headers(c: &Json) -> Vec<(String, String)> {
    c.get("headers")
        .and_then(Json::as_object)
        .map(|h| {
            h.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn response_vectors() {
    let all = cases(RESPONSE_FILES);
    let mut failures = Vec::new();
    for (file, c) in &all {
        let op = c["operation"].as_str().expect("operation");
        let status = c["status"].as_u64().expect("status") as u16;
        let got = parse_response(op, status, &headers(c), &body_text(c));
        // the JSON text the JS client parses is the same JSON, byte for byte, and the same error
        let text = parse_response_text(op, status, &headers(c), &body_text(c));
        match (&got, &text) {
            (Ok(v), Ok(t)) if serde_json::to_string(v).ok().as_ref() == Some(t) => {}
            (Err(a), Err(b)) if a == b => {}
            _ => failures.push(format!(
                "{file}: parse_response_text {text:?} != parse_response {got:?}"
            )),
        }
        let expect = &c["expect"];
        let problem = match (&got, expect["ok"].as_bool()) {
            (Ok(v), Some(true)) => {
                let (got_text, want_text) = (v.to_string(), expect["value"].to_string());
                if got_text != want_text {
                    Some(format!("value {v}\n   want  {}", expect["value"]))
                } else {
                    // canonical output is a fixed point: parsing it again gives the same JSON
                    let again = parse_response(op, status, &[], &v.to_string());
                    (again.as_ref().ok() != Some(v))
                        .then(|| format!("not a fixed point: {again:?}"))
                }
            }
            (Err(e), Some(false)) => {
                let want = &expect["error"];
                let got = json!({
                    "code": e.code(),
                    "status": e.status,
                    "message": e.message,
                    "serverCode": e.server_code,
                    "requestId": e.request_id,
                    "retryAfterSeconds": e.retry_after_seconds,
                });
                let diffs: Vec<String> = want
                    .as_object()
                    .expect("error object")
                    .iter()
                    .filter(|(k, v)| &got[k.as_str()] != *v)
                    .map(|(k, v)| format!("{k}: got {}, want {v}", got[k.as_str()]))
                    .collect();
                // `expect.body`: the body kept when it differs from bodyText (redaction)
                let kept = expect["body"]
                    .as_str()
                    .map_or_else(|| body_text(c), str::to_owned);
                if e.body != kept {
                    Some(format!("body {:?}, want {kept:?}", e.body))
                } else {
                    (!diffs.is_empty()).then(|| diffs.join("; "))
                }
            }
            (Ok(v), _) => Some(format!("parsed, expected an error: {v}")),
            (Err(e), _) => Some(format!("error {e}, expected a value")),
        };
        if let Some(p) = problem {
            failures.push(format!("{file} {}: {p}", c["name"]));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

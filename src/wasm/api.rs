//! `buildRequest` / `parseResponse`: the sans-IO request layer for any transport. Converts the
//! operation name, params, options, status, body text and headers; the core builds and parses.
//!
//! Also the JS forms of the API layer's errors ([`build_error_to_js`], [`api_error_to_js`]), shared
//! with the fetch client. The TypeScript declarations (generic over the operation) are in
//! `pkg-template/api.d.ts`.

use super::convert::{local_today, read_headers, set, string_of, to_value};
use super::errors::make_error;
use super::messages::{json_to_js, Messages};
use crate::api::{self, context_from_options};
use crate::error::{ApiError, BuildError, REQUEST_ID_HEADERS};
use crate::http::HttpRequest;
use crate::input::Value;
use crate::validate::date::Date;
use js_sys::{Function, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Longest response body read, in UTF-16 code units (a 100-item list page is well under 1 MB).
pub const MAX_BODY_UNITS: u32 = 32 * 1024 * 1024;

/// The response headers `parseResponse` and the client read (request id, `Retry-After` and the
/// `Date` an HTTP-date `Retry-After` is measured from, the `Location` of a refused redirect).
pub fn response_header_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = REQUEST_ID_HEADERS.to_vec();
    names.extend(["retry-after", "date", "location"]);
    names
}

thread_local! {
    /// Random bytes fetched 256 at a time (`crypto.getRandomValues` costs ~2 µs a call in Node).
    static POOL: std::cell::RefCell<(Vec<u8>, usize)> = const { std::cell::RefCell::new((Vec::new(), 0)) };
}

/// 16 random bytes from `crypto.getRandomValues` (every runtime this package supports has it;
/// `Math.random` is the fallback for old Node versions without a global `crypto`), drawn from a
/// pool refilled 256 bytes at a time. They only make idempotency keys unique; nothing secret.
pub fn random_bytes() -> [u8; 16] {
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.0.len() < p.1 + 16 {
            p.0 = fill_random(256);
            p.1 = 0;
        }
        let mut out = [0u8; 16];
        let start = p.1;
        out.copy_from_slice(&p.0[start..start + 16]);
        p.1 += 16;
        out
    })
}

fn fill_random(n: u32) -> Vec<u8> {
    let mut out = vec![0u8; n as usize];
    let global = js_sys::global();
    let filled = Reflect::get(&global, &"crypto".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|crypto| {
            let f = Reflect::get(&crypto, &"getRandomValues".into()).ok()?;
            let f: Function = f.dyn_into().ok()?;
            let buf = Uint8Array::new_with_length(n);
            f.call1(&crypto, &buf).ok()?;
            buf.copy_to(&mut out);
            Some(())
        });
    if filled.is_none() {
        for b in out.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    out
}

/// Whether building `operation` reads the caller's date (customer params check birth dates), so
/// other operations skip the four clock calls.
pub fn needs_today(operation: &str) -> bool {
    matches!(operation, "customers.create" | "customers.update")
}

/// Whether `operation` may need random bytes for a generated idempotency key.
pub fn needs_random(operation: &str) -> bool {
    api::describe(operation).is_some_and(|i| i.idempotent_post)
}

/// A bad positional argument (not a bad option, not a bad param).
pub fn argument_error(message: &str) -> JsValue {
    make_error("OmsError", "invalid_argument", message, &[])
}

/// A [`BuildError`] as a JS error: `OmsValidationError` with `issues` for bad params or options
/// (code `invalid_params`), else an `OmsError` with the error's code. Never contains a param value.
pub fn build_error_to_js(e: &BuildError) -> JsValue {
    match e {
        BuildError::InvalidParams(issues) => {
            let result = Messages::none().err_result(issues);
            let list = Reflect::get(&result, &"issues".into()).unwrap_or(JsValue::NULL);
            make_error(
                "OmsValidationError",
                e.code(),
                &e.to_string(),
                &[("issues", list)],
            )
        }
        _ => make_error("OmsError", e.code(), &e.to_string(), &[]),
    }
}

/// An [`ApiError`] as an `OmsApiError` with `status`, `code`, `message`, `serverCode`,
/// `requestId`, `retryAfterSeconds` (the last three only when known) and `body` (the parsed JSON
/// when the body is JSON, else the raw text).
pub fn api_error_to_js(e: &ApiError) -> JsValue {
    let mut extra: Vec<(&str, JsValue)> = vec![("status", JsValue::from(e.status))];
    if let Some(c) = &e.server_code {
        extra.push(("serverCode", JsValue::from_str(c)));
    }
    if let Some(r) = &e.request_id {
        extra.push(("requestId", JsValue::from_str(r)));
    }
    if let Some(s) = e.retry_after_seconds {
        extra.push(("retryAfterSeconds", JsValue::from_f64(s as f64)));
    }
    // `body`: the parsed JSON when the body is JSON, else the raw text.
    let body = match serde_json::from_str::<serde_json::Value>(e.body.trim()) {
        Ok(v) => json_to_js(&v),
        Err(_) => JsValue::from_str(&e.body),
    };
    extra.push(("body", body));
    make_error("OmsApiError", e.code(), &e.message, &extra)
}

/// An [`ApiError`] of the client, with every credential of `secrets` removed
/// ([`ApiError::redact`]) and the call's `idempotencyKey` (when it had one).
#[cfg(feature = "client")]
pub fn redacted_api_error_to_js(mut e: ApiError, secrets: &[&str], key: Option<&str>) -> JsValue {
    e.redact(secrets);
    let err = api_error_to_js(&e);
    if let (Some(o), Some(k)) = (err.dyn_ref::<Object>(), key) {
        set(o, "idempotencyKey", &JsValue::from_str(k));
    }
    err
}

/// A client call that got no response ([`crate::client::call::CallError::Connection`]) as an
/// `OmsConnectionError` with `code` (`timeout`, `network`, `aborted`), `attempts` and
/// `idempotencyKey` (when the request had one). `message` is already scrubbed.
#[cfg(feature = "client")]
pub fn connection_error_to_js(
    e: &crate::client::call::CallError,
    message: &str,
    idempotency_key: Option<&str>,
) -> JsValue {
    let (code, attempts) = match e {
        crate::client::call::CallError::Connection {
            failure, attempts, ..
        } => (failure.code(), *attempts),
        crate::client::call::CallError::Api(_) => ("internal_error", 0),
    };
    let mut extra: Vec<(&str, JsValue)> = vec![("attempts", JsValue::from(attempts))];
    if let Some(k) = idempotency_key {
        extra.push(("idempotencyKey", JsValue::from_str(k)));
    }
    make_error("OmsConnectionError", code, message, &extra)
}

/// `{ method, url, headers, body? }` as a JS object (headers keep their canonical order).
pub fn request_to_js(req: &HttpRequest) -> JsValue {
    let mut headers = serde_json::Map::new();
    for (k, v) in &req.headers {
        headers.insert(k.clone(), serde_json::Value::String(v.clone()));
    }
    let mut obj = serde_json::Map::new();
    obj.insert("method".into(), req.method.as_str().into());
    obj.insert("url".into(), req.url.clone().into());
    obj.insert("headers".into(), headers.into());
    if let Some(b) = &req.body {
        obj.insert("body".into(), b.clone().into());
    }
    json_to_js(&serde_json::Value::Object(obj))
}

/// The operation name argument.
pub fn operation_name(operation: &JsValue) -> Result<String, JsValue> {
    match string_of(operation) {
        Value::String(s) => Ok(s),
        _ => Err(build_error_to_js(&BuildError::UnknownOperation(
            "(not a string)".into(),
        ))),
    }
}

/// Reads a response body: a string of at most [`MAX_BODY_UNITS`] (lone surrogates are read as
/// U+FFFD, which cannot change how JSON parses structurally), `undefined`/`null` as empty.
pub fn body_text(body: &JsValue) -> Result<String, JsValue> {
    if body.is_undefined() || body.is_null() {
        return Ok(String::new());
    }
    let Some(js) = body.dyn_ref::<js_sys::JsString>() else {
        let hint = if body.is_object() {
            " Pass the raw text (`await response.text()`), not a parsed object or a Response."
        } else {
            ""
        };
        return Err(argument_error(&format!(
            "bodyText must be the response body as a string.{hint}"
        )));
    };
    if js.length() > MAX_BODY_UNITS {
        return Err(argument_error("bodyText is larger than 32 MiB."));
    }
    Ok(String::from(js))
}

/// Builds the request of `operation` from `params` (path parameters by name, query parameters by
/// name, body fields = the rest) and `options` (`environment`, `apiVersion`, `baseUrl`,
/// `accessToken`, `idempotencyKey`, `today`, `cashRefNames`, `requireFiatFields`). The result
/// also has a non-enumerable `warnings` array (provisioning readiness of customer params; empty
/// for most requests), so `fetch(req.url, req)` and `JSON.stringify(req)` are unchanged.
///
/// Throws `OmsValidationError` (`invalid_params`, with `issues`; nothing is built) or `OmsError`
/// (`unknown_operation`, `missing_access_token`, `invalid_access_token`, `invalid_base_url`,
/// `invalid_idempotency_key`).
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request(
    operation: JsValue,
    params: JsValue,
    options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let name = operation_name(&operation)?;
    let options = to_value(&options.unwrap_or(JsValue::UNDEFINED));
    let today = if needs_today(&name) {
        local_today()
    } else {
        Date::EPOCH
    };
    let random = needs_random(&name).then(random_bytes);
    let ctx = context_from_options(&options, today, random).map_err(|e| build_error_to_js(&e))?;
    let built = api::build_request_checked(&name, &to_value(&params), &ctx)
        .map_err(|e| build_error_to_js(&e))?;
    let req = request_to_js(&built.request);
    if let Some(obj) = req.dyn_ref::<Object>() {
        // A non-enumerable, read-only data property on the plain object we just made (cannot throw).
        let descriptor = Object::new();
        set(&descriptor, "value", &warnings_to_js(&built.warnings));
        Object::define_property(obj, &JsValue::from_str("warnings"), &descriptor);
    }
    Ok(req)
}

/// Warnings (issues) as a JS array `[{ code, path, message, params }]`, with the caller's global
/// message overrides applied.
pub fn warnings_to_js(warnings: &[crate::input::Issue]) -> JsValue {
    let result = Messages::none().err_result(warnings);
    Reflect::get(&result, &"issues".into()).unwrap_or_else(|_| js_sys::Array::new().into())
}

/// Parses a response of `operation`: the typed value (canonical names, unknown fields kept), or a
/// thrown `OmsApiError` with `status`, `code`, `message`, `serverCode?`, `requestId?`,
/// `retryAfterSeconds?` and `body`. `headers` (optional: a `Headers`, a plain object or
/// `[name, value]` pairs) provide the request id and `Retry-After`.
#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(
    operation: JsValue,
    status: JsValue,
    body: JsValue,
    headers: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let name = match string_of(&operation) {
        Value::String(s) => s,
        _ => {
            return Err(argument_error(
                "operation must be an operation name such as \"customers.get\".",
            ))
        }
    };
    let status = match status.as_f64() {
        Some(s) if s.fract() == 0.0 && (100.0..=599.0).contains(&s) => s as u16,
        _ => {
            return Err(argument_error(
                "status must be an HTTP status code (a whole number from 100 to 599).",
            ))
        }
    };
    let body = body_text(&body)?;
    let headers = read_headers(
        &headers.unwrap_or(JsValue::UNDEFINED),
        &response_header_names(),
    );
    match api::parse_response_text(&name, status, &headers, &body) {
        Ok(text) => Ok(super::messages::parse_json(&text)),
        Err(e) => Err(api_error_to_js(&e)),
    }
}

/// Every operation name, in the reference's order.
#[wasm_bindgen(js_name = operations, skip_typescript)]
pub fn operations() -> Vec<String> {
    api::OPERATIONS.iter().map(|s| (*s).to_owned()).collect()
}

/// The static facts of an operation: `{ name, method, path, params, requiresAuth,
/// idempotencyKey }`, or `undefined` for an unknown name.
#[wasm_bindgen(js_name = describeOperation, skip_typescript)]
pub fn describe_operation(operation: JsValue) -> JsValue {
    let Value::String(name) = string_of(&operation) else {
        return JsValue::UNDEFINED;
    };
    let Some(info) = api::describe(&name) else {
        return JsValue::UNDEFINED;
    };
    let obj = Object::new();
    set(&obj, "name", &JsValue::from_str(info.name));
    set(&obj, "method", &JsValue::from_str(info.method.as_str()));
    set(&obj, "path", &JsValue::from_str(info.path));
    let params = js_sys::Array::new();
    for p in info.params {
        params.push(&JsValue::from_str(p));
    }
    set(&obj, "params", &params);
    set(
        &obj,
        "requiresAuth",
        &JsValue::from_bool(info.requires_auth),
    );
    set(
        &obj,
        "idempotencyKey",
        &JsValue::from_bool(info.idempotent_post),
    );
    obj.into()
}

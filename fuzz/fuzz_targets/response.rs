//! `parseResponse(operation, status, bodyText, headers)` → `api::parse_response` for every operation
//! in `api::OPERATIONS` (picked by the first byte), an arbitrary status, headers and body text.
//!
//! Input: `[op][status selector][status lo][status hi][header count][headers...][body...]`.
//! Invariants: Ok only for 2xx; the canonical output is a fixed point (parsing its JSON text again,
//! with the same status, gives the same value — floats within an ULP, as in tests/it/api_props.rs);
//! an error keeps the status and the raw body (the token exchange's redacted) and has a short
//! single-line message;
//! `parse_response_text` (the client's direct reading of the text, no `serde_json::Value`) gives
//! the same JSON byte for byte, or the same error.
#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use oms_wasm::api::{parse_response, parse_response_text, OPERATIONS};

const STATUSES: &[u16] = &[
    200, 201, 202, 204, 206, 299, 301, 400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503,
];
const HEADER_NAMES: &[&str] = &[
    "x-request-id",
    "X-Request-Id",
    "request-id",
    "retry-after",
    "Retry-After",
    "date",
    "content-type",
    "x-ratelimit-reset",
];
const HEADER_VALUES: &[&str] = &[
    "req_123",
    "0",
    "1",
    "120",
    "-1",
    "1.5",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Wednesday, 21-Oct-15 07:28:00 GMT",
    "Wed Oct 21 07:28:00 2015",
    "Wed, 29 Feb 2015 07:28:00 GMT",
    "99999999999999999999",
    "",
    " 3 ",
];

/// Same JSON, numbers compared within a relative 1e-15 (serde_json is built without
/// `float_roundtrip`, so extreme floats in kept unknown fields may drift by one ULP).
fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-15 * x.abs().max(y.abs()),
            _ => x == y,
        },
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| close(a, b))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, va), (kb, vb))| ka == kb && close(va, vb))
        }
        _ => a == b,
    }
}

fn input(data: &[u8]) -> arbitrary::Result<(&'static str, u16, Vec<(String, String)>, String)> {
    let mut u = Unstructured::new(data);
    let op = OPERATIONS[usize::from(u.arbitrary::<u8>()?) % OPERATIONS.len()];
    let status = match u.int_in_range(0u8..=3)? {
        0 | 1 => *u.choose(STATUSES)?,
        2 => u.int_in_range(100u16..=599)?,
        _ => u.arbitrary()?,
    };
    let n = u.int_in_range(0u8..=3)?;
    let mut headers = Vec::new();
    for _ in 0..n {
        let k = if u.ratio(3u8, 4u8)? {
            (*u.choose(HEADER_NAMES)?).to_owned()
        } else {
            u.arbitrary()?
        };
        let v = if u.ratio(3u8, 4u8)? {
            (*u.choose(HEADER_VALUES)?).to_owned()
        } else {
            u.arbitrary()?
        };
        headers.push((k, v));
    }
    let body = String::from_utf8_lossy(u.take_rest()).into_owned();
    Ok((op, status, headers, body))
}

fuzz_target!(|data: &[u8]| {
    let Ok((op, status, headers, body)) = input(data) else {
        return;
    };
    let direct = parse_response_text(op, status, &headers, &body);
    match (&parse_response(op, status, &headers, &body), &direct) {
        (Ok(v), Ok(t)) => assert_eq!(&v.to_string(), t, "{op} {status}: the direct reading differs\n body {body}"),
        (Err(a), Err(b)) => assert_eq!(a, b, "{op} {status}: the direct reading's error differs\n body {body}"),
        (a, b) => panic!("{op} {status}: {a:?} vs the direct reading's {b:?}\n body {body}"),
    }
    match parse_response(op, status, &headers, &body) {
        Ok(v) => {
            assert!((200..300).contains(&status), "{op} {status} parsed");
            let text = v.to_string();
            let again = parse_response(op, status, &[], &text);
            assert!(
                again.as_ref().is_ok_and(|a| close(a, &v)),
                "{op} {status}: canonical output is not a fixed point\n body {body}\n out  {text}\n again {again:?}"
            );
        }
        Err(e) => {
            assert_eq!(e.status, status);
            // the token exchange's bodies are redacted (a malformed 2xx may carry a token), every
            // other body is kept as received
            let kept = if op == "auth.token" {
                oms_wasm::secret::redact_token_body(&body)
            } else {
                body.clone()
            };
            assert_eq!(e.body, kept);
            assert!(!e.code().is_empty());
            assert!(!e.message.is_empty());
            assert!(e.message.chars().count() <= 600, "{}", e.message);
            assert!(!e.message.chars().any(char::is_control), "{:?}", e.message);
        }
    }
});

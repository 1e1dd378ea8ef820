//! `buildRequest(operation, params, options)` → `api::context_from_options` then
//! `api::build_request`, for every operation in `api::OPERATIONS` (picked by the first byte).
//!
//! After the first byte: `<params JSON> [NUL <options JSON>]` when that is JSON, else a structured
//! params tree (the operation's own keys and nested wire keys) and options (the documented keys).
//! Invariants (as tests/it/api_props.rs): an Ok request has the operation's method, a URL starting
//! with the base URL (ASCII, no spaces), no CR/LF in headers, a JSON-object body exactly when
//! there is a Content-Type, Authorization exactly when the operation needs it, and no nulls written.
#![no_main]

mod common;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use oms_wasm::api::{build_request, context_from_options, describe, OPERATIONS};
use oms_wasm::validate::date::Date;
use oms_wasm::validate::Value;

const NESTED_KEYS: &[&str] = &[
    "walletId",
    "asset",
    "network",
    "amount",
    "wallet",
    "id",
    "blockchainAddress",
    "externalAccount",
    "locationId",
    "cashLocationId",
    "locationReference",
    "currency",
    "source",
    "destination",
    "url",
    "events",
    "enabled",
    "description",
    "limit",
    "startingAfter",
    "endingBefore",
    "cursor",
    "status",
    "createdAfter",
    "createdBefore",
    "quoteId",
    "barcode",
    "metadata",
    "firstName",
    "lastName",
    "email",
    "phone",
    "birthDate",
    "residentialAddress",
    "identifyingInformation",
    "endorsements",
    "type",
    "number",
    "issuingCountry",
    "line1",
    "city",
    "state",
    "country",
    "zipCode",
];

const OPTION_VALUES: &[&str] = &[
    "sandbox",
    "production",
    "staging",
    "v0.9",
    "v1",
    "v0.9/x",
    "https://api.example.com/v0.9",
    "http://127.0.0.1:8787/v0.9",
    "https://a/b?c",
    "https://user@host/v1",
    "ftp://x/v1",
    "tok_abc",
    "tok with space",
    "key-1",
    "2026-01-15",
    "2026-02-30",
    "location",
    "cashLocation",
];

fn options(u: &mut Unstructured) -> arbitrary::Result<Value> {
    common::options(u, oms_wasm::api::entry::OPTION_KEYS, OPTION_VALUES)
}

fuzz_target!(|data: &[u8]| {
    let (op_byte, rest) = data.split_first().unwrap_or((&0, &[]));
    let op = OPERATIONS[usize::from(*op_byte) % OPERATIONS.len()];
    let info = describe(op).expect("every listed operation is described");
    let mut keys: Vec<&str> = info.params.to_vec();
    keys.extend(NESTED_KEYS);
    let Some((params, opts)) = common::input_and_options(rest, &keys, options) else {
        return;
    };
    let random = [rest.len() as u8; 16];
    let today = Date::parse("2026-01-15").expect("date");
    let ctx = match context_from_options(&opts, today, Some(random)) {
        Ok(c) => c,
        Err(e) => {
            assert!(!e.code().is_empty());
            return;
        }
    };
    match build_request(op, &params, &ctx) {
        Ok(req) => {
            assert_eq!(req.method, info.method);
            assert!(
                req.url.starts_with(ctx.base_url.as_str()),
                "{} vs {}",
                req.url,
                ctx.base_url.as_str()
            );
            assert!(req.url.is_ascii() && !req.url.contains(' '), "{}", req.url);
            assert_eq!(req.headers.first().map(|h| h.0.as_str()), Some("Accept"));
            for (k, v) in &req.headers {
                assert!(
                    !k.contains(['\r', '\n', ':']) && !v.contains(['\r', '\n']),
                    "{k}: {v:?}"
                );
            }
            assert_eq!(req.header("Content-Type").is_some(), req.body.is_some());
            assert_eq!(req.header("Authorization").is_some(), info.requires_auth);
            if info.idempotent_post {
                assert!(req.header("Idempotency-Key").is_some());
            }
            if let Some(body) = &req.body {
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(body);
                assert!(
                    parsed.is_ok_and(|v| v.is_object()),
                    "body is not a JSON object: {body}"
                );
                assert!(!body.contains(":null"), "nulls written: {body}");
            }
        }
        Err(e) => {
            assert!(!e.code().is_empty());
            for i in e.issues() {
                assert!(!i.message.is_empty());
            }
        }
    }
});

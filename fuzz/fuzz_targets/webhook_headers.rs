//! `WebhookHeaders::from_pairs` (what `verifyWebhook` builds from a `Headers`, a plain object or
//! Node's `req.headers`) with arbitrary pairs, then `verify` with those headers.
//!
//! Invariants: values are trimmed, non-empty and de-duplicated; names are case-insensitive (the
//! same pairs with upper-cased names, or without the other headers, give the same result); verify
//! never panics and its errors have a known code and no secret or expected signature.
#![no_main]

mod common;

use arbitrary::Unstructured;
use common::webhook::{self as w, CODES, NOW};
use libfuzzer_sys::fuzz_target;
use oms_wasm::webhook::{sign, verify, SecretEncoding, VerifyOptions, WebhookHeaders};

fn check_list(v: &str) {
    assert!(!v.is_empty());
    assert_eq!(v.trim(), v);
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let secret = format!("whsec_{}", w::hex(&[7u8; 32]));
    let payload = br#"{"type":"customer.updated","data":{"id":"cus_1"}}"#;
    // sometimes offer the fuzzer the right signature for a chosen id/timestamp
    let mut valid = Vec::new();
    if let (Ok(id), Ok(d)) = (u.arbitrary::<String>(), u.int_in_range(-400i64..=400)) {
        if let Ok(s) = sign(payload, &secret, &id, NOW + d, SecretEncoding::Auto) {
            valid.extend([s.id, s.timestamp, s.signature]);
        }
    }
    let n = u.int_in_range(0usize..=10).unwrap_or(0);
    let mut pairs = Vec::new();
    for _ in 0..n {
        let (Ok(k), Ok(v)) = (w::header_name(&mut u), w::header_value(&mut u, &valid)) else {
            break;
        };
        pairs.push((k, v));
    }
    let h = WebhookHeaders::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    if let Some(id) = h.id() {
        check_list(&id);
    }
    if let Some(ts) = h.timestamp() {
        check_list(&ts);
    }
    let sigs = h.signatures();
    for (i, s) in sigs.iter().enumerate() {
        check_list(s);
        assert!(!sigs[..i].contains(s), "duplicate signature value {s:?}");
    }
    // names are case-insensitive
    let upper: Vec<(String, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.to_ascii_uppercase(), v.as_str()))
        .collect();
    assert_eq!(
        WebhookHeaders::from_pairs(upper.iter().map(|(k, v)| (k.as_str(), *v))),
        h
    );
    // other headers are ignored
    let only: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(k, _)| {
            w::HEADER_NAMES
                .iter()
                .any(|n| n.eq_ignore_ascii_case(k.trim()))
        })
        .collect();
    assert_eq!(
        WebhookHeaders::from_pairs(only.iter().map(|(k, v)| (k.as_str(), v.as_str()))),
        h
    );

    let secrets = [secret];
    let refs = [secrets[0].as_str()];
    match verify(payload, &h, &refs, &VerifyOptions::at(NOW)) {
        Ok(v) => assert_eq!(Some(v.id), h.id()),
        Err(e) => {
            assert!(CODES.contains(&e.code()), "{}", e.code());
            let expected = match (h.id(), h.timestamp().and_then(|t| t.parse::<i64>().ok())) {
                (Some(id), Some(ts)) => w::expected_signatures(payload, &secrets, &id, ts),
                _ => Vec::new(),
            };
            w::assert_clean(e.code(), &e.to_string(), &secrets, &expected, |other| {
                let refs: Vec<&str> = other.iter().map(String::as_str).collect();
                verify(payload, &h, &refs, &VerifyOptions::at(NOW))
                    .err()
                    .map(|e| (e.code(), e.to_string()))
            });
        }
    }
});

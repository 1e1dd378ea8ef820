//! Properties of the API layer: `build_request` and `parse_response` never panic (on any params, any
//! options, any status and any body); built requests are always well formed; percent-encoding round
//! trips; decimal syntax is exactly `-?digits(.digits)?`.

#![cfg(not(target_arch = "wasm32"))]

use oms_wasm::api::url::{decode_component, encode_component};
use oms_wasm::api::{
    build_request, context_from_options, describe, parse_response, parse_response_text, uuid_v4,
    BaseUrl, OPERATIONS,
};
use oms_wasm::error::ApiError;
use oms_wasm::model::money::{is_decimal_syntax, Decimal};
use oms_wasm::validate::date::Date;
use oms_wasm::validate::{BadString, Value};
use proptest::prelude::*;

fn today() -> Date {
    Date::parse("2026-01-15").expect("date")
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Undefined),
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        (-200i32..200).prop_map(|n| Value::Number(f64::from(n))),
        ".{0,24}".prop_map(Value::String),
        "[a-z]{2,4}_[A-Za-z0-9]{0,8}|\\.|\\.\\.|[0-9]{1,4}(\\.[0-9]{1,3})?".prop_map(Value::String),
        "https?://[a-z.]{1,12}(:[0-9]{1,5})?/[a-z]{0,5}".prop_map(Value::String),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9](Z|[+-][0-2][0-9]:[0-5][0-9])".prop_map(Value::String),
        Just(Value::BadString(BadString::LoneSurrogate)),
        (0usize..1_000_000).prop_map(|len| Value::BadString(BadString::TooLong { len })),
        Just(Value::Other("function")),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z]{0,10}", inner), 0..5).prop_map(Value::Object),
        ]
    })
}

/// Params objects whose keys are the operation's own (plus nested objects with plausible keys), so
/// the deep validation paths are reached, not only the unknown-key check.
fn params_for(op: &'static str) -> BoxedStrategy<Value> {
    let keys: Vec<&'static str> = describe(op).map(|i| i.params.to_vec()).unwrap_or_default();
    let nested_keys = prop::sample::select(vec![
        "walletId",
        "asset",
        "network",
        "amount",
        "wallet",
        "id",
        "blockchainAddress",
        "externalAccount",
        "locationId",
        "locationReference",
        "indicatedAmount",
        "value",
        "line1",
        "city",
        "country",
        "type",
        "number",
    ]);
    let nested = prop::collection::vec((nested_keys, prop_oneof![leaf(), value()]), 0..5).prop_map(
        |entries| {
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v))
                    .collect(),
            )
        },
    );
    if keys.is_empty() {
        return value().boxed();
    }
    prop::collection::vec(
        (
            prop::sample::select(keys),
            prop_oneof![2 => leaf(), 1 => nested, 1 => value()],
        ),
        0..8,
    )
    .prop_map(|entries| {
        Value::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    })
    .boxed()
}

fn options() -> impl Strategy<Value = Value> {
    let token = prop_oneof![Just("eyJ.a.b".to_owned()), ".{0,12}"];
    let key = prop_oneof![Just("k-1".to_owned()), ".{0,12}"];
    let base = prop_oneof![
        Just(None),
        Just(Some("http://127.0.0.1:8787/v0.9".to_owned())),
        ".{0,30}".prop_map(Some)
    ];
    (token, proptest::option::of(key), base, any::<bool>()).prop_map(|(t, k, b, prod)| {
        let mut o = vec![("accessToken".to_owned(), Value::String(t))];
        if let Some(k) = k {
            o.push(("idempotencyKey".to_owned(), Value::String(k)));
        }
        match b {
            Some(b) => o.push(("baseUrl".to_owned(), Value::String(b))),
            None if prod => o.push(("environment".to_owned(), "production".into())),
            None => {}
        }
        Value::Object(o)
    })
}

fn check_request(
    op: &str,
    params: &Value,
    opts: &Value,
    random: [u8; 16],
) -> Result<(), TestCaseError> {
    let ctx = match context_from_options(opts, today(), Some(random)) {
        Ok(c) => c,
        Err(e) => {
            prop_assert!(!e.code().is_empty());
            return Ok(());
        }
    };
    match build_request(op, params, &ctx) {
        Ok(req) => {
            let info = describe(op).expect("info");
            prop_assert_eq!(req.method, info.method);
            prop_assert!(req.url.starts_with(ctx.base_url.as_str()));
            prop_assert!(req.url.is_ascii() && !req.url.contains(' '));
            prop_assert_eq!(req.headers.first().map(|h| h.0.as_str()), Some("Accept"));
            for (k, v) in &req.headers {
                prop_assert!(!k.contains(['\r', '\n', ':']) && !v.contains(['\r', '\n']));
            }
            prop_assert_eq!(req.header("Content-Type").is_some(), req.body.is_some());
            prop_assert_eq!(req.header("Authorization").is_some(), info.requires_auth);
            if info.idempotent_post {
                prop_assert!(req.header("Idempotency-Key").is_some());
            }
            if let Some(body) = &req.body {
                let parsed: Result<serde_json::Value, _> = serde_json::from_str(body);
                prop_assert!(
                    parsed.is_ok_and(|v| v.is_object()),
                    "body is not a JSON object"
                );
                prop_assert!(!body.contains(":null"), "nulls written: {}", body);
            }
        }
        Err(e) => {
            prop_assert!(!e.code().is_empty());
            for i in e.issues() {
                prop_assert!(!i.message.is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn build_never_panics_on_arbitrary_params(
        op in prop::sample::select(OPERATIONS.to_vec()),
        params in value(),
        opts in options(),
        random in any::<[u8; 16]>(),
    ) {
        check_request(op, &params, &opts, random)?;
    }

    #[test]
    fn build_never_panics_on_plausible_params(
        (op, params) in prop::sample::select(OPERATIONS.to_vec()).prop_flat_map(|op| (Just(op), params_for(op))),
        opts in options(),
        random in any::<[u8; 16]>(),
    ) {
        check_request(op, &params, &opts, random)?;
    }

    #[test]
    fn options_never_panic(opts in value(), random in any::<[u8; 16]>()) {
        let _ = context_from_options(&opts, today(), Some(random));
    }

    #[test]
    fn parse_never_panics_on_text(
        op in prop::sample::select(OPERATIONS.to_vec()),
        status in any::<u16>(),
        body in ".{0,64}",
        headers in prop::collection::vec(("[A-Za-z-]{1,16}", ".{0,16}"), 0..3),
    ) {
        match parse_response(op, status, &headers, &body) {
            Ok(_) => prop_assert!((200..300).contains(&status)),
            Err(e) => {
                prop_assert_eq!(e.status, status);
                prop_assert!(e.message.chars().count() <= 600 && !e.message.chars().any(char::is_control));
                // the token exchange's bodies are redacted, every other body is kept as received
                let kept = if op == "auth.token" { oms_wasm::secret::redact_token_body(&body) } else { body.clone() };
                prop_assert_eq!(&e.body, &kept);
            }
        }
    }

    #[test]
    fn parse_never_panics_on_json(
        op in prop::sample::select(OPERATIONS.to_vec()),
        status in prop_oneof![Just(200u16), Just(201), Just(204), Just(400), Just(401), Just(404), Just(422), Just(500), any::<u16>()],
        body in value(),
    ) {
        let text = json_of(&body).to_string();
        // the JSON text written directly is the `Value` written, byte for byte (or the same error)
        match (parse_response(op, status, &[], &text), parse_response_text(op, status, &[], &text)) {
            (Ok(v), Ok(t)) => prop_assert_eq!(v.to_string(), t),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
        if let Ok(v) = parse_response(op, status, &[], &text) {
            // canonical output reads back to itself (floats within 1 ULP-ish: serde_json is built
            // without `float_roundtrip`, so extreme floats in unknown fields may drift by one ULP)
            let again = parse_response(op, status, &[], &v.to_string());
            prop_assert!(again.as_ref().is_ok_and(|a| close(a, &v)), "{:?} vs {}", again, v);
        }
    }

    #[test]
    fn error_parsing_never_panics(status in any::<u16>(), body in ".{0,200}", json in value()) {
        let a = ApiError::from_response(status, &[], &body);
        let b = ApiError::from_response(status, &[], &json_of(&json).to_string());
        for e in [a, b] {
            prop_assert!(!e.code().is_empty());
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn percent_encoding_round_trips(s in ".{0,40}") {
        let e = encode_component(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        prop_assert_eq!(decode_component(&e), Some(s));
    }

    #[test]
    fn decimal_syntax_accepts_exactly_the_grammar(s in "-?[0-9]{1,20}(\\.[0-9]{1,20})?") {
        prop_assert!(Decimal::parse(&s).is_ok());
        prop_assert_eq!(Decimal::parse(&s).map(|d| d.as_str().to_owned()), Ok(s));
    }

    #[test]
    fn decimal_syntax_rejects_everything_else(s in ".{0,12}") {
        let b = s.strip_prefix('-').unwrap_or(&s);
        let grammar = match b.split_once('.') {
            Some((i, f)) => !i.is_empty() && !f.is_empty() && i.bytes().all(|c| c.is_ascii_digit()) && f.bytes().all(|c| c.is_ascii_digit()),
            None => !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit()),
        };
        prop_assert_eq!(is_decimal_syntax(&s), grammar);
        prop_assert_eq!(Decimal::parse(&s).is_ok(), grammar);
    }

    #[test]
    fn decimals_read_from_numbers_have_decimal_syntax(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let d: Decimal = serde_json::from_value(serde_json::json!(x)).expect("decimal");
        prop_assert!(d.is_well_formed(), "{}", d);
        prop_assert_eq!(d.as_str().parse::<f64>().ok(), Some(x));
    }

    #[test]
    fn uuids_are_version_4(bytes in any::<[u8; 16]>()) {
        let u = uuid_v4(bytes);
        let b = u.as_bytes();
        prop_assert_eq!(u.len(), 36);
        prop_assert_eq!(b[14], b'4');
        prop_assert!(b"89ab".contains(&b[19]));
        let shape_ok = u.bytes().enumerate().all(|(i, c)| {
            if [8, 13, 18, 23].contains(&i) {
                c == b'-'
            } else {
                c.is_ascii_hexdigit() && !c.is_ascii_uppercase()
            }
        });
        prop_assert!(shape_ok, "{}", u);
    }

    #[test]
    fn base_urls_are_normalized_once(s in ".{0,40}", path in "(/[a-z0-9.]{0,6}){0,3}/?") {
        for candidate in [s, format!("https://api.example.com{path}")] {
            if let Ok(b) = BaseUrl::parse(&candidate) {
                prop_assert!(!b.as_str().ends_with('/'));
                prop_assert_eq!(BaseUrl::parse(b.as_str()), Ok(b.clone()));
            }
        }
    }
}

/// JSON equality with a relative tolerance of 1e-15 on numbers.
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

/// The JSON form of a params value (for feeding arbitrary bodies to the parser).
fn json_of(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Undefined | Value::Null | Value::Other(_) | Value::BadString(_) => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(J::Null, J::Number),
        Value::String(s) => J::String(s.clone()),
        Value::Array(a) => J::Array(a.iter().map(json_of).collect()),
        Value::Object(o) => J::Object(o.iter().map(|(k, v)| (k.clone(), json_of(v))).collect()),
    }
}

/// Keys a mutation may write: every alias and canonical key of the read shapes, plus common ones.
const MUTATION_KEYS: &[&str] = &[
    "id",
    "cursor",
    "nextCursor",
    "data",
    "hasMore",
    "wallet",
    "name",
    "type",
    "transaction",
    "transactionId",
    "cashLocationId",
    "locationId",
    "externalAccountId",
    "externalAccount",
    "amount",
    "status",
    "createdAt",
    "expiresIn",
    "x",
    "\\u0069d",
    "",
];

/// Values a mutation may write (as JSON text): each JSON type, the tolerated alternatives
/// (numeric strings, `3600.0`, `{ "id": … }`), escapes, and a deep nest.
const MUTATION_VALUES: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "3600.0",
    "1e3",
    "12345678901234567890",
    "007",
    "\"s\"",
    "\"\"",
    "\"a\\\"b\"",
    "\"\\u00e9\"",
    "\"\\ud800\"",
    "\"12.50\"",
    "{}",
    "[]",
    "{\"id\":\"w_1\"}",
    "[{\"id\":\"x\"}]",
    "\"2026-01-02T03:04:05Z\"",
    "\"usd\"",
    "1.5",
];

fn pick<T: Copy>(items: &[T], n: u32) -> T {
    items[n as usize % items.len()]
}

/// The node reached from `v` by taking member/item `step % len` for each step (stops at a leaf).
fn walk_to<'a>(v: &'a mut serde_json::Value, walk: &[u32]) -> &'a mut serde_json::Value {
    let Some((&step, rest)) = walk.split_first() else {
        return v;
    };
    let len = match &*v {
        serde_json::Value::Object(m) => m.len(),
        serde_json::Value::Array(a) => a.len(),
        _ => 0,
    };
    if len == 0 {
        return v;
    }
    let i = step as usize % len;
    match v {
        serde_json::Value::Object(m) => walk_to(m.values_mut().nth(i).expect("member"), rest),
        serde_json::Value::Array(a) => walk_to(&mut a[i], rest),
        _ => unreachable!(),
    }
}

/// A value-level mutation at the node reached by walking `walk` (member/item indices).
fn mutate_value(v: &mut serde_json::Value, walk: &[u32], kind: u8, n: u32) {
    use serde_json::Value as J;
    let node = walk_to(v, walk);
    match (kind % 5, &mut *node) {
        (0, _) => {
            *node = serde_json::from_str(pick(MUTATION_VALUES, n)).unwrap_or(J::Null);
        }
        (1, J::Object(m)) if !m.is_empty() => {
            let k = m
                .keys()
                .nth(n as usize % m.len())
                .cloned()
                .unwrap_or_default();
            m.shift_remove(&k);
        }
        (2, J::Object(m)) if !m.is_empty() => {
            // rename a member, keeping its place
            let i = n as usize % m.len();
            let entries: Vec<(String, J)> = std::mem::take(m).into_iter().collect();
            for (j, (k, val)) in entries.into_iter().enumerate() {
                let k = if j == i {
                    pick(MUTATION_KEYS, n / 7).replace("\\u0069", "i")
                } else {
                    k
                };
                m.insert(k, val);
            }
        }
        (3, J::Object(m)) => {
            m.insert(
                pick(MUTATION_KEYS, n).replace("\\u0069", "i"),
                serde_json::from_str(pick(MUTATION_VALUES, n / 5)).unwrap_or(J::Null),
            );
        }
        (4, _) => {
            let inner = std::mem::take(node);
            *node = if n % 2 == 0 {
                J::Array(vec![inner])
            } else {
                inner.get("data").cloned().unwrap_or(inner)
            };
        }
        _ => {}
    }
}

/// A text-level mutation: a member inserted after some `{` (duplicate keys, escaped keys, values
/// of any type), a byte deleted, or a structural byte inserted.
fn mutate_text(text: &mut String, kind: u8, at: u32, n: u32) {
    let pos = if text.is_empty() {
        0
    } else {
        at as usize % text.len()
    };
    let pos = (0..=pos)
        .rev()
        .find(|&p| text.is_char_boundary(p))
        .unwrap_or(0);
    match kind % 3 {
        0 => {
            if let Some(open) = text[pos..]
                .find('{')
                .map(|i| i + pos)
                .or_else(|| text.find('{'))
            {
                let member = format!(
                    "\"{}\":{},",
                    pick(MUTATION_KEYS, n),
                    pick(MUTATION_VALUES, n / 23)
                );
                let close = text[open + 1..].trim_start().starts_with('}');
                let member = if close {
                    member.trim_end_matches(',').to_owned()
                } else {
                    member
                };
                text.insert_str(open + 1, &member);
            }
        }
        1 => {
            if let Some(c) = text[pos..].chars().next() {
                text.replace_range(pos..pos + c.len_utf8(), "");
            }
        }
        _ => text.insert(
            pos,
            pick(
                &['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '0', 'a'],
                n,
            ),
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).map_or(512, |c: u32| c * 2), ..ProptestConfig::default() })]

    /// The client's direct text reading (`parse_response_text`) gives byte for byte the JSON of the
    /// `serde_json::Value` path (`parse_response`), or the same error, on mutated real responses:
    /// fields dropped, renamed to aliases, retyped, duplicated, wrapped; the text broken.
    #[test]
    fn text_reading_agrees_with_value_reading_on_mutated_responses(
        case in any::<prop::sample::Index>(),
        value_ops in prop::collection::vec((prop::collection::vec(any::<u32>(), 0..4), any::<u8>(), any::<u32>()), 0..4),
        pretty in any::<bool>(),
        text_ops in prop::collection::vec((any::<u8>(), any::<u32>(), any::<u32>()), 0..3),
    ) {
        let cases = crate::api_vectors::success_responses();
        let (op, status, body) = &cases[case.index(cases.len())];
        let mut text = body.clone();
        if let Ok(mut v) = serde_json::from_str::<serde_json::Value>(body) {
            for (walk, kind, n) in &value_ops {
                mutate_value(&mut v, walk, *kind, *n);
            }
            text = if pretty { serde_json::to_string_pretty(&v) } else { serde_json::to_string(&v) }.unwrap_or_default();
        }
        for (kind, at, n) in &text_ops {
            mutate_text(&mut text, *kind, *at, *n);
        }
        match (parse_response(op, *status, &[], &text), parse_response_text(op, *status, &[], &text)) {
            (Ok(v), Ok(t)) => prop_assert_eq!(v.to_string(), t, "{}", text),
            (Err(a), Err(b)) => prop_assert_eq!(a, b, "{}", text),
            (a, b) => prop_assert!(false, "{:?} vs {:?} on {}", a, b, text),
        }
    }
}

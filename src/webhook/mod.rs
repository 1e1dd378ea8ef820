//! Webhook verification and signing: Standard Webhooks v1 (docs/oms-api.md §12).
//!
//! * Headers `webhook-id`, `webhook-timestamp` (Unix seconds), `webhook-signature`
//!   (space-separated `v1,<base64>` entries; other versions such as `v1a` are ignored), read
//!   case-insensitively ([`WebhookHeaders`]).
//! * HMAC-SHA256 over `"{id}.{timestamp}.{raw body bytes}"`, compared in constant time; any `v1`
//!   entry matching any key of any secret verifies (rotation on both sides).
//! * The timestamp must be within ±[`VerifyOptions::tolerance_seconds`] of
//!   [`VerifyOptions::now`] (default 300 s, both directions).
//! * Secrets decode per [`SecretEncoding`]; `Auto` tries hex, base64, raw and reports the
//!   [`KeyEncoding`] that matched.
//!
//! Pure: no clock, no randomness (`now`, ids and timestamps are passed in), no I/O.
//!
//! ```
//! use oms_wasm::webhook::{sign, verify, SecretEncoding, VerifyOptions, WebhookHeaders};
//!
//! let secret = "whsec_000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
//! let body = br#"{"type":"cashIn.completed","data":{"id":"ci_1"}}"#;
//! let s = sign(body, secret, "msg_1", 1_700_000_000, SecretEncoding::Auto).unwrap();
//! let headers = WebhookHeaders::from_pairs([
//!     ("Webhook-Id", s.id.as_str()),
//!     ("Webhook-Timestamp", s.timestamp.as_str()),
//!     ("Webhook-Signature", s.signature.as_str()),
//! ]);
//! let v = verify(body, &headers, &[secret], &VerifyOptions::at(1_700_000_100)).unwrap();
//! assert_eq!((v.id.as_str(), v.key_encoding.as_str()), ("msg_1", "hex"));
//! ```

mod b64;
mod envelope;
mod error;
mod headers;
pub mod inbox;
mod json_scan;
mod secret;
mod signature;

/// Standard base64 (with padding) of a tag, as in `v1,<base64>`.
pub fn tag_base64(tag: &[u8; MAC_LEN]) -> String {
    b64::encode(tag)
}

pub use error::{WebhookError, WebhookErrorKind};
pub use headers::{WebhookHeaders, MAX_HEADER_BYTES};
pub use secret::{
    derive_keys, signing_key, KeyEncoding, SecretEncoding, WebhookKey, MIN_KEY_BYTES, SECRET_PREFIX,
};
pub use signature::{MacKey, MAC_LEN};

use crate::model::{WebhookEvent, WebhookEventType};
use crate::text::{count, int};

/// The default timestamp tolerance, in seconds, in both directions (Standard Webhooks' 5 minutes).
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// Timestamps at or above this (11+ digits of seconds, after the year 5138) are treated as a unit
/// mistake rather than a far-future time.
const MAX_PLAUSIBLE_SECONDS: u64 = 99_999_999_999;

/// How to verify. Build it with [`VerifyOptions::at`] for the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Accepted difference between `webhook-timestamp` and `now`, in seconds, in both directions.
    /// Default: [`DEFAULT_TOLERANCE_SECONDS`] (300). Exactly the tolerance passes.
    pub tolerance_seconds: u64,
    /// The current time, Unix seconds (the caller's clock; the core never reads one).
    pub now: i64,
    /// How secrets become keys. Default: [`SecretEncoding::Auto`].
    pub secret_encoding: SecretEncoding,
}

impl VerifyOptions {
    /// The defaults (300 s tolerance, `Auto` decoding) at time `now` (Unix seconds).
    pub fn at(now: i64) -> Self {
        VerifyOptions {
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            now,
            secret_encoding: SecretEncoding::Auto,
        }
    }
}

/// A delivery whose signature verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The `webhook-id`: stable across retries of one message; de-duplicate on it.
    pub id: String,
    /// The `webhook-timestamp` (Unix seconds) of this attempt.
    pub timestamp: i64,
    /// The secret decoding that matched (pin it with [`VerifyOptions::secret_encoding`]).
    pub key_encoding: KeyEncoding,
}

/// A verified delivery parsed as an event.
#[derive(Clone, Debug, PartialEq)]
pub struct VerifiedEvent {
    /// The `webhook-id` (de-duplicate on it).
    pub id: String,
    /// The `webhook-timestamp` (Unix seconds).
    pub timestamp: i64,
    /// The secret decoding that matched.
    pub key_encoding: KeyEncoding,
    /// The body's `type`, e.g. `"cashIn.completed"` (any string: the catalogue is open).
    pub event_type: String,
    /// The body's `data` (`null` when absent): the complete current resource.
    pub data: serde_json::Value,
    /// The whole parsed body (a JSON object).
    pub body: serde_json::Value,
}

impl VerifiedEvent {
    /// [`Self::event_type`] as the model's open enum.
    pub fn kind(&self) -> WebhookEventType {
        WebhookEventType::from_wire(&self.event_type)
    }

    /// The body as the model's envelope type (`None` if it does not read as one).
    pub fn envelope(&self) -> Option<WebhookEvent> {
        crate::model::wire::from_value(self.body.clone()).ok()
    }
}

/// The three headers of a signed delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signed {
    /// `webhook-id`.
    pub id: String,
    /// `webhook-timestamp` (decimal Unix seconds).
    pub timestamp: String,
    /// `webhook-signature`: `v1,<base64>`.
    pub signature: String,
}

fn err(kind: WebhookErrorKind, message: impl Into<String>) -> WebhookError {
    WebhookError::new(kind, message)
}

/// Parses `webhook-timestamp`: whole, non-negative Unix seconds.
fn parse_timestamp(raw: &str) -> Result<i64, WebhookError> {
    let invalid = |why: &str| {
        err(
            WebhookErrorKind::InvalidTimestamp,
            [
                "webhook-timestamp ",
                why,
                "; it must be whole Unix seconds such as 1700000000",
            ]
            .concat(),
        )
    };
    if raw.contains(',') {
        return Err(invalid("has several different values"));
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        let t = raw.trim_start_matches(['-', '+']);
        let why = if raw.starts_with('-') && t.bytes().all(|b| b.is_ascii_digit()) && !t.is_empty()
        {
            "is negative"
        } else if raw.contains('T') && raw.contains('-') && raw.contains(':') {
            "looks like an ISO 8601 date, not Unix seconds"
        } else if raw.contains('.') && raw.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            "has a fraction"
        } else {
            "is not a number"
        };
        return Err(invalid(why));
    }
    let digits = raw.len();
    let value: Option<u64> = if digits <= 19 { raw.parse().ok() } else { None };
    match value {
        Some(v) if v <= MAX_PLAUSIBLE_SECONDS => i64::try_from(v).map_err(|_| invalid("is too large")),
        _ => Err(invalid(match raw.trim_start_matches('0').len() {
            13 => "has 13 digits: it looks like milliseconds (Date.now()), not seconds (Math.floor(Date.now() / 1000))",
            16 => "has 16 digits: it looks like microseconds, not seconds",
            _ => "is too large",
        })),
    }
}

fn check_tolerance(timestamp: i64, options: &VerifyOptions) -> Result<(), WebhookError> {
    // (saturating i64, not i128: i128 formatting would add ~1.3 KB to the .wasm; a saturated age
    // is still beyond any tolerance)
    let age = options.now.saturating_sub(timestamp);
    let tol = i64::try_from(options.tolerance_seconds).unwrap_or(i64::MAX);
    if age > tol {
        return Err(err(
            WebhookErrorKind::TimestampTooOld,
            [
                "webhook-timestamp ",
                &int(timestamp),
                " is ",
                &int(age),
                " s before now (",
                &int(options.now),
                "), more than the ",
                &int(tol),
                " s tolerance: an old delivery replayed, or this server's clock is fast (OMS re-signs each \
                 retry with a fresh timestamp)",
            ].concat(),
        ));
    }
    if age.saturating_neg() > tol {
        return Err(err(
            WebhookErrorKind::TimestampTooNew,
            [
                "webhook-timestamp ",
                &int(timestamp),
                " is ",
                &int(age.saturating_neg()),
                " s after now (",
                &int(options.now),
                "), more than the ",
                &int(tol),
                " s tolerance: this server's clock is slow, or `now` was passed in the wrong unit",
            ]
            .concat(),
        ));
    }
    Ok(())
}

/// Verifies a delivery's signature over the exact `payload` bytes.
///
/// Checks, in order: the secrets (configuration mistakes first), the presence of the three
/// headers, the timestamp's form and tolerance, the signature header's form, then the HMACs.
///
/// # Errors
///
/// * `invalid_secret`: no secret, or one is empty / only `whsec_` / has whitespace around it /
///   does not decode with a pinned encoding;
/// * `missing_header`: `webhook-id`, `webhook-timestamp` or `webhook-signature` absent or empty;
/// * `invalid_timestamp`: not whole Unix seconds (milliseconds are called out);
/// * `timestamp_too_old` / `timestamp_too_new`: outside ±`tolerance_seconds` of `now`;
/// * `invalid_signature_header`: no well-formed `v1` entry;
/// * `no_matching_signature`: no `v1` entry matches any key; the message lists likely causes
///   (re-serialized body, wrong secret form, a pinned encoding that does not match).
pub fn verify(
    payload: &[u8],
    headers: &WebhookHeaders,
    secrets: &[&str],
    options: &VerifyOptions,
) -> Result<Verified, WebhookError> {
    secret::check_all(secrets, options.secret_encoding)?;

    if !headers.oversize().is_empty() {
        return Err(err(
            WebhookErrorKind::HeaderTooLarge,
            [
                "header too large (over ",
                &crate::text::count(headers::MAX_HEADER_BYTES / 1024),
                " KiB): ",
                &headers.oversize().join(", "),
                " (a genuine delivery's headers are short: is the request forged or mangled by a proxy?)",
            ].concat(),
        ));
    }

    let id = headers.id();
    let ts_raw = headers.timestamp();
    let sig_values = headers.signatures();
    let mut missing = Vec::new();
    if id.is_none() {
        missing.push("webhook-id");
    }
    if ts_raw.is_none() {
        missing.push("webhook-timestamp");
    }
    if sig_values.is_empty() {
        missing.push("webhook-signature");
    }
    let (Some(id), Some(ts_raw), false) = (id, ts_raw, sig_values.is_empty()) else {
        return Err(err(
            WebhookErrorKind::MissingHeader,
            [
                "missing or empty header",
                if missing.len() > 1 { "s" } else { "" },
                ": ",
                &missing.join(", "),
                " (Standard Webhooks deliveries carry webhook-id, webhook-timestamp and webhook-signature; \
                 pass all request headers, e.g. `request.headers` in a Worker or `req.headers` in Node)",
            ].concat(),
        ));
    };

    let timestamp = parse_timestamp(&ts_raw)?;
    check_tolerance(timestamp, options)?;

    let sigs = signature::parse(sig_values);
    if sigs.macs.is_empty() {
        let mut m = String::from("webhook-signature has no usable v1 signature");
        if sigs.malformed > 0 {
            m.push_str("; ");
            m.push_str(&count(sigs.malformed));
            m.push_str(if sigs.malformed == 1 {
                " entry is"
            } else {
                " entries are"
            });
            m.push_str(" malformed (expected space-separated \"v1,<base64 of 32 bytes>\")");
        }
        if !sigs.ignored_versions.is_empty() {
            m.push_str("; ignored other versions: ");
            let versions: Vec<&str> = sigs.ignored_versions.iter().map(String::as_str).collect();
            m.push_str(&versions.join(", "));
            m.push_str(" (v1a is ed25519, not supported)");
        }
        if sigs.stripe_like {
            m.push_str("; it looks like a Stripe-Signature header (t=…,v1=…), a different scheme");
        }
        return Err(err(WebhookErrorKind::InvalidSignatureHeader, m));
    }

    // keys are decoded lazily: with OMS's hex form the first candidate matches
    let mut tried = 0;
    for (i, s) in secrets.iter().enumerate() {
        for key in secret::candidates(s, i, options.secret_encoding) {
            tried += 1;
            let expected = signature::mac(key.bytes.expose(), &id, &ts_raw, payload);
            if sigs.macs.iter().any(|m| signature::ct_eq(m, &expected)) {
                return Ok(Verified {
                    id,
                    timestamp,
                    key_encoding: key.encoding,
                });
            }
        }
    }

    Err(no_match(
        payload, secrets, options, &id, &ts_raw, &sigs, tried,
    ))
}

/// The `no_matching_signature` error, with hints about the likely cause.
fn no_match(
    payload: &[u8],
    secrets: &[&str],
    options: &VerifyOptions,
    id: &str,
    ts_raw: &str,
    sigs: &signature::Signatures,
    tried: usize,
) -> WebhookError {
    let mut hints = Vec::new();
    // A pinned encoding that is wrong: say which one would have matched (not the key).
    if options.secret_encoding != SecretEncoding::Auto {
        if let Ok(all) = derive_keys(secrets, SecretEncoding::Auto) {
            let hit = all.iter().find(|k| {
                let e = signature::mac(k.bytes.expose(), id, ts_raw, payload);
                sigs.macs.iter().any(|m| signature::ct_eq(m, &e))
            });
            if let Some(k) = hit {
                hints.push(
                    [
                        "the signature matches when the secret is decoded as ",
                        k.encoding.as_str(),
                        ": set secretEncoding to '",
                        k.encoding.pinned().as_str(),
                        "' (it is '",
                        options.secret_encoding.as_str(),
                        "')",
                    ]
                    .concat(),
                );
            }
        }
    }
    let trimmed = payload.trim_ascii_start();
    if payload.is_empty() {
        hints.push(
            "the body is empty: was the request body already read (e.g. by request.json()) before verifying?".to_owned(),
        );
    } else if trimmed.first().is_some_and(|b| *b == b'{' || *b == b'[') {
        // (an event body is a JSON object; the check stays this cheap so that the JSON scanner is
        // not part of a build that only verifies signatures)
        hints.push(
            "if the body was re-serialized, the bytes differ from what was signed: verify the raw body \
             (in a Worker `await request.text()` or `await request.arrayBuffer()`, not \
             `JSON.stringify(await request.json())`; in Express `express.raw({ type: 'application/json' })`)"
                .to_owned(),
        );
    }
    secret::form_hints(secrets, options.secret_encoding, &mut hints);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut m = [
        "no webhook-signature v1 entry matches: ",
        &count(sigs.macs.len()),
        " signature",
        plural(sigs.macs.len()),
        " checked against ",
        &count(tried),
        " key",
        plural(tried),
        " from ",
        &count(secrets.len()),
        " secret",
        plural(secrets.len()),
    ]
    .concat();
    if hints.is_empty() {
        m.push_str(". Check that this is the endpoint's current secret and that the body is the exact bytes received");
    } else {
        for h in hints {
            m.push_str(". Hint: ");
            m.push_str(&h);
        }
    }
    err(WebhookErrorKind::NoMatchingSignature, m)
}

/// A verified delivery whose body is an event envelope, without the parsed body (see
/// [`verify_event_type`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedEnvelope {
    /// The signature check's result.
    pub verified: Verified,
    /// The body's `type`.
    pub event_type: String,
    /// Whether the body has a `data` member.
    pub has_data: bool,
}

/// Verifies a delivery (as [`verify`]) and checks that its body is an event envelope (a JSON
/// object with a non-empty string `type`) without building a JSON tree: for callers that parse
/// the body themselves (the JS bindings hand it to the engine's `JSON.parse`). Accepts exactly the
/// bodies [`verify_event`] accepts.
///
/// # Errors
///
/// As [`verify_event`].
pub fn verify_event_type(
    payload: &[u8],
    headers: &WebhookHeaders,
    secrets: &[&str],
    options: &VerifyOptions,
) -> Result<VerifiedEnvelope, WebhookError> {
    let verified = verify(payload, headers, secrets, options)?;
    let e = envelope::scan(payload)?;
    Ok(VerifiedEnvelope {
        verified,
        event_type: e.event_type,
        has_data: e.has_data,
    })
}

/// Verifies a delivery (as [`verify`]) and parses its body as an event envelope.
///
/// # Errors
///
/// Every error of [`verify`]; then `invalid_payload` when the (verified) body is not JSON, not a
/// JSON object, or has no non-empty string `type` — and when it holds a number beyond `f64`'s range, which
/// `serde_json::Value` cannot represent (the only body [`verify_event_type`], like `JSON.parse`,
/// accepts and this rejects).
pub fn verify_event(
    payload: &[u8],
    headers: &WebhookHeaders,
    secrets: &[&str],
    options: &VerifyOptions,
) -> Result<VerifiedEvent, WebhookError> {
    let v = verify(payload, headers, secrets, options)?;
    let e = envelope::scan(payload)?;
    // `scan` accepted it, so this parse succeeds, except for a number beyond f64's range (which
    // `scan`, like JSON.parse, accepts and serde_json rejects)
    let body: serde_json::Value = serde_json::from_slice(payload).map_err(|_| {
        WebhookError::new(
            WebhookErrorKind::InvalidPayload,
            "the signature is valid but the body has a number out of range",
        )
    })?;
    let event_type = e.event_type;
    let data = body.get("data").cloned().unwrap_or(serde_json::Value::Null);
    Ok(VerifiedEvent {
        id: v.id,
        timestamp: v.timestamp,
        key_encoding: v.key_encoding,
        event_type,
        data,
        body,
    })
}

/// Signs `payload` as a delivery `id` at `timestamp` (what OMS and the emulator send); returns the
/// three headers. With `Auto`, an OMS secret (`whsec_` + 64 hex) signs with the hex-decoded key.
///
/// # Errors
///
/// * `invalid_secret`: as [`derive_keys`];
/// * `missing_header`: `id` is empty or contains whitespace or control characters (it could not
///   be sent as a header);
/// * `invalid_timestamp`: `timestamp` is negative or above 11 digits (milliseconds?).
pub fn sign(
    payload: &[u8],
    secret: &str,
    id: &str,
    timestamp: i64,
    encoding: SecretEncoding,
) -> Result<Signed, WebhookError> {
    let key = signing_key(secret, encoding)?;
    if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(err(
            WebhookErrorKind::MissingHeader,
            "the webhook-id must be a non-empty string without whitespace or control characters",
        ));
    }
    if timestamp < 0 || timestamp as u64 > MAX_PLAUSIBLE_SECONDS {
        return Err(err(
            WebhookErrorKind::InvalidTimestamp,
            "the timestamp must be whole non-negative Unix seconds (not milliseconds)",
        ));
    }
    let ts = int(timestamp);
    let tag = signature::mac(key.bytes.expose(), id, &ts, payload);
    Ok(Signed {
        id: id.to_owned(),
        timestamp: ts,
        signature: signature::format_v1(&tag),
    })
}

//! [`WebhookError`]: why a delivery failed verification, with a stable [`WebhookError::code`].

use std::fmt;

/// The kind of a [`WebhookError`]; each has a stable snake_case code (listed in the README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookErrorKind {
    /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent or empty (or the headers
    /// are not an object at all).
    MissingHeader,
    /// `webhook-timestamp` is not whole Unix seconds (e.g. milliseconds, a date, a fraction).
    InvalidTimestamp,
    /// `webhook-timestamp` is further in the past than the tolerance (a replay, or a slow clock).
    TimestampTooOld,
    /// `webhook-timestamp` is further in the future than the tolerance (a fast clock).
    TimestampTooNew,
    /// `webhook-signature` has no usable `v1` entry (malformed entries, or only other versions).
    InvalidSignatureHeader,
    /// No `v1` signature matches any key derived from the secret(s): wrong secret, or the body is
    /// not the exact bytes that were signed.
    NoMatchingSignature,
    /// A secret is empty, not a string, has whitespace around it, or does not decode as asked.
    InvalidSecret,
    /// The payload is not bytes or a string (or, for event parsing, not a JSON object with a `type`).
    InvalidPayload,
    /// A secret decodes to a key shorter than [`crate::webhook::MIN_KEY_BYTES`] bytes
    /// (e.g. `whsec_AA`), whatever the encoding: too weak to authenticate anything.
    SecretTooShort,
    /// A webhook header is longer than [`crate::webhook::MAX_HEADER_BYTES`] bytes (it is
    /// not read, and not reported as missing).
    HeaderTooLarge,
}

impl WebhookErrorKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            WebhookErrorKind::MissingHeader => "missing_header",
            WebhookErrorKind::InvalidTimestamp => "invalid_timestamp",
            WebhookErrorKind::TimestampTooOld => "timestamp_too_old",
            WebhookErrorKind::TimestampTooNew => "timestamp_too_new",
            WebhookErrorKind::InvalidSignatureHeader => "invalid_signature_header",
            WebhookErrorKind::NoMatchingSignature => "no_matching_signature",
            WebhookErrorKind::InvalidSecret => "invalid_secret",
            WebhookErrorKind::InvalidPayload => "invalid_payload",
            WebhookErrorKind::SecretTooShort => "secret_too_short",
            WebhookErrorKind::HeaderTooLarge => "header_too_large",
        }
    }

    /// Every kind, in the README's order.
    pub const ALL: &'static [WebhookErrorKind] = &[
        WebhookErrorKind::MissingHeader,
        WebhookErrorKind::InvalidTimestamp,
        WebhookErrorKind::TimestampTooOld,
        WebhookErrorKind::TimestampTooNew,
        WebhookErrorKind::InvalidSignatureHeader,
        WebhookErrorKind::NoMatchingSignature,
        WebhookErrorKind::InvalidSecret,
        WebhookErrorKind::InvalidPayload,
        WebhookErrorKind::SecretTooShort,
        WebhookErrorKind::HeaderTooLarge,
    ];
}

/// A delivery failed verification (or a signing input was unusable).
///
/// `Display` is a helpful English message that says what to fix. It never contains a secret, a
/// derived key or an expected signature (only lengths, header names, timestamps and hints).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookError {
    kind: WebhookErrorKind,
    message: String,
}

impl WebhookError {
    pub(crate) fn new(kind: WebhookErrorKind, message: impl Into<String>) -> Self {
        WebhookError {
            kind,
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> WebhookErrorKind {
        self.kind
    }

    /// The stable code of [`Self::kind`], e.g. `"no_matching_signature"`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The message (same as `Display`).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The payload given by a caller is not usable as bytes; `what` says what it was instead (a
    /// short phrase such as `"an object"`, never the value).
    pub fn invalid_payload_type(what: &str) -> Self {
        WebhookError::new(
            WebhookErrorKind::InvalidPayload,
            [
                "the payload is ",
                what,
                ": pass the raw request body exactly as received, as a string, Uint8Array, ArrayBuffer \
                 or DataView (in a Worker: `await request.arrayBuffer()` or `await request.text()`; never \
                 `await request.json()`, whose re-serialization changes the bytes)",
            ].concat(),
        )
    }

    /// The headers given by a caller are not an object.
    pub fn headers_not_an_object() -> Self {
        WebhookError::new(
            WebhookErrorKind::MissingHeader,
            "the headers must be a Headers object (e.g. `request.headers`) or a plain object of header \
             names to values (e.g. Node's `req.headers`) with webhook-id, webhook-timestamp and webhook-signature",
        )
    }

    /// The secret given by a caller is not a string (or not a non-empty array of strings).
    pub fn secret_not_a_string() -> Self {
        WebhookError::new(
            WebhookErrorKind::InvalidSecret,
            "the secret must be a string such as \"whsec_…\" (or an array of 1 to 32 such strings during \
             rotation) of well-formed text; is the environment variable or binding set?",
        )
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WebhookError {}

//! Secret decoding: how a `whsec_…` string becomes HMAC key bytes (docs/oms-api.md §12.3).
//!
//! OMS documents its secrets as `whsec_` + 64 hex characters (32 random bytes); Standard Webhooks
//! libraries base64-decode what follows `whsec_` (and a hex string is valid base64, which silently
//! gives a wrong 48-byte key). [`SecretEncoding::Auto`] therefore tries hex first (when the part
//! after `whsec_` is 64 hex characters), then base64, then the raw string, and the verifier reports
//! the [`KeyEncoding`] that matched so it can be pinned. ASSUMPTION (docs/oms-api.md §12.3): until OMS
//! publishes its key derivation, this order is the single place to change.

use super::b64::{self, Alphabet};
use super::error::{WebhookError, WebhookErrorKind};
use crate::secret::Sensitive;
use crate::text::count as count_str;

/// Shortest HMAC key accepted, in bytes (128 bits), for every encoding: a shorter key (`whsec_AA`
/// decodes to one byte) authenticates nothing. OMS secrets are 32 bytes; Standard Webhooks
/// secrets 24 to 64. Candidate keys shorter than this are never tried.
pub const MIN_KEY_BYTES: usize = 16;

/// The prefix of Standard Webhooks (and OMS) secrets, removed before hex/base64 decoding.
pub const SECRET_PREFIX: &str = "whsec_";

/// Standard base64, padding optional (secrets are sometimes stored without it).
pub(crate) fn base64_lenient(s: &str) -> Option<Vec<u8>> {
    b64::decode(s, Alphabet::Standard)
}

/// How to turn a secret string into HMAC key bytes. Default: [`SecretEncoding::Auto`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SecretEncoding {
    /// Try hex (when the part after `whsec_` is 64 hex characters), then base64 of the part after
    /// `whsec_`, then the raw bytes of the whole string; accept whichever verifies.
    #[default]
    Auto,
    /// Hex-decode the part after `whsec_` (OMS's documented form).
    Hex,
    /// Base64-decode the part after `whsec_` (Standard Webhooks libraries, Svix).
    Base64,
    /// The UTF-8 bytes of the whole string, as given.
    Raw,
}

impl SecretEncoding {
    /// `"auto"`, `"hex"`, `"base64"` or `"raw"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SecretEncoding::Auto => "auto",
            SecretEncoding::Hex => "hex",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Raw => "raw",
        }
    }

    /// Reads `"auto"`, `"hex"`, `"base64"` or `"raw"` (exact); `None` otherwise.
    pub fn parse(s: &str) -> Option<SecretEncoding> {
        match s {
            "auto" => Some(SecretEncoding::Auto),
            "hex" => Some(SecretEncoding::Hex),
            "base64" => Some(SecretEncoding::Base64),
            "raw" => Some(SecretEncoding::Raw),
            _ => None,
        }
    }
}

/// The decoding that produced a key: what a successful verification reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyEncoding {
    /// The part after `whsec_`, hex-decoded.
    Hex,
    /// The part after `whsec_`, base64-decoded.
    Base64,
    /// The whole string's UTF-8 bytes.
    Raw,
}

impl KeyEncoding {
    /// `"hex"`, `"base64"` or `"raw"`.
    pub fn as_str(self) -> &'static str {
        match self {
            KeyEncoding::Hex => "hex",
            KeyEncoding::Base64 => "base64",
            KeyEncoding::Raw => "raw",
        }
    }

    /// The [`SecretEncoding`] that pins this decoding.
    pub fn pinned(self) -> SecretEncoding {
        match self {
            KeyEncoding::Hex => SecretEncoding::Hex,
            KeyEncoding::Base64 => SecretEncoding::Base64,
            KeyEncoding::Raw => SecretEncoding::Raw,
        }
    }
}

/// One candidate HMAC key. `Debug` prints the key as `[redacted]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebhookKey {
    /// How it was decoded.
    pub encoding: KeyEncoding,
    /// Which secret (index in the list given) it came from.
    pub secret_index: usize,
    /// The key bytes.
    pub bytes: Sensitive<Vec<u8>>,
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

pub(crate) fn hex_decode(s: &str) -> Option<Vec<u8>> {
    fn nibble(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let b = s.as_bytes();
    if b.is_empty() || b.len() % 2 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len() / 2);
    for pair in b.chunks_exact(2) {
        out.push(nibble(pair[0])? << 4 | nibble(pair[1])?);
    }
    Some(out)
}

/// The part after `whsec_` (the whole string when there is no prefix).
pub(crate) fn tail(secret: &str) -> &str {
    secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret)
}

/// `"secret"` for a single secret, `"secret #2"` in a rotation list (1-based; never the value).
pub(crate) fn label(index: usize, count: usize) -> String {
    if count <= 1 {
        "the secret".to_owned()
    } else {
        ["secret #", &count_str(index + 1), " of ", &count_str(count)].concat()
    }
}

fn invalid(message: String) -> WebhookError {
    WebhookError::new(WebhookErrorKind::InvalidSecret, message)
}

/// Checks one secret for the mistakes that can never be right (empty, only the prefix, whitespace
/// around it) and, for a pinned encoding, that it decodes.
fn check(secret: &str, encoding: SecretEncoding, who: &str) -> Result<(), WebhookError> {
    if secret.is_empty() {
        return Err(invalid([
            who,
            " is empty: is the environment variable or Worker secret (e.g. OMS_WEBHOOK_SECRET) set?",
        ].concat()));
    }
    if encoding != SecretEncoding::Raw && secret.trim() != secret {
        return Err(invalid([
            who,
            " has whitespace or a newline around it (often from `echo` or copy-paste): trim it. \
             OMS secrets are \"whsec_\" followed by 64 hex characters",
        ].concat()));
    }
    let t = tail(secret);
    if encoding != SecretEncoding::Raw && t.is_empty() {
        return Err(invalid([
            who,
            " is only the \"whsec_\" prefix: copy the whole value from the create-webhook response",
        ].concat()));
    }
    match encoding {
        SecretEncoding::Hex if hex_decode(t).is_none() => Err(invalid([
            who,
            " is not hex (secretEncoding 'hex'): after the prefix it has ",
            &count_str(t.chars().count()),
            " characters",
            if is_hex(t) { " (an odd number)" } else { ", not all hex digits" },
            "; OMS secrets are \"whsec_\" followed by 64 hex characters. Use secretEncoding 'auto' to \
             also try base64 and raw",
        ].concat())),
        SecretEncoding::Base64 if base64_lenient(t).is_none_or(|k| k.is_empty()) => {
            Err(invalid([
                who,
                " is not base64 (secretEncoding 'base64'): after the prefix it has ",
                &count_str(t.chars().count()),
                " characters. Use secretEncoding 'auto' to also try hex and raw",
            ].concat()))
        }
        _ => {
            if candidates(secret, 0, encoding).next().is_none() {
                return Err(WebhookError::new(
                    WebhookErrorKind::SecretTooShort,
                    [
                        who,
                        " gives no key of at least ",
                        &count_str(MIN_KEY_BYTES),
                        " bytes (secretEncoding '",
                        encoding.as_str(),
                        "'): a key that short authenticates nothing. OMS secrets are \"whsec_\" \
                         followed by 64 hex characters (32 bytes); copy the whole value",
                    ].concat(),
                ));
            }
            Ok(())
        }
    }
}

/// Checks every secret ([`derive_keys`]'s errors); decodes only until a long enough key is found.
pub(crate) fn check_all(secrets: &[&str], encoding: SecretEncoding) -> Result<(), WebhookError> {
    if secrets.is_empty() {
        return Err(invalid(
            "no secret given: pass the endpoint's signing secret (\"whsec_…\"), or an array of secrets during rotation"
                .to_owned(),
        ));
    }
    for (i, secret) in secrets.iter().enumerate() {
        check(secret, encoding, &label(i, secrets.len()))?;
    }
    Ok(())
}

/// The candidate keys of one (checked) secret, decoded lazily in the order they are tried: hex,
/// base64, raw (those that apply to `encoding`).
pub(crate) fn candidates(
    secret: &str,
    index: usize,
    encoding: SecretEncoding,
) -> impl Iterator<Item = WebhookKey> + '_ {
    let t = tail(secret);
    let key = move |encoding, bytes| WebhookKey {
        encoding,
        secret_index: index,
        bytes: Sensitive::new(bytes),
    };
    let try_hex = match encoding {
        SecretEncoding::Auto => t.len() == 64,
        SecretEncoding::Hex => true,
        _ => false,
    };
    let try_b64 =
        matches!(encoding, SecretEncoding::Auto | SecretEncoding::Base64) && !t.is_empty();
    let try_raw = matches!(encoding, SecretEncoding::Auto | SecretEncoding::Raw);
    [KeyEncoding::Hex, KeyEncoding::Base64, KeyEncoding::Raw]
        .into_iter()
        .filter_map(move |e| match e {
            KeyEncoding::Hex if try_hex => hex_decode(t).map(|k| key(e, k)),
            KeyEncoding::Base64 if try_b64 => base64_lenient(t).map(|k| key(e, k)),
            KeyEncoding::Raw if try_raw => Some(key(e, secret.as_bytes().to_vec())),
            _ => None,
        })
        .filter(|k| k.bytes.expose().len() >= MIN_KEY_BYTES)
}

/// Every candidate key of `secrets` for `encoding`, in the order they are tried: for each secret
/// in turn, hex, base64, raw (only those that apply).
///
/// # Errors
///
/// `invalid_secret` when `secrets` is empty, or a secret is empty, is only `whsec_`, has whitespace
/// around it (not checked for [`SecretEncoding::Raw`]), or does not decode with a pinned encoding;
/// `secret_too_short` when a secret gives no key of at least [`MIN_KEY_BYTES`] bytes. The message
/// names the secret by position, never by value.
pub fn derive_keys(
    secrets: &[&str],
    encoding: SecretEncoding,
) -> Result<Vec<WebhookKey>, WebhookError> {
    check_all(secrets, encoding)?;
    Ok(secrets
        .iter()
        .enumerate()
        .flat_map(|(i, s)| candidates(s, i, encoding))
        .collect())
}

/// The key used to sign: with `Auto`, the first candidate (hex for OMS's `whsec_` + 64 hex form,
/// else base64, else raw).
///
/// # Errors
///
/// As [`derive_keys`].
pub fn signing_key(secret: &str, encoding: SecretEncoding) -> Result<WebhookKey, WebhookError> {
    derive_keys(&[secret], encoding)?
        .into_iter()
        .next()
        .ok_or_else(|| invalid("the secret gives no key".to_owned()))
}

/// Hints about the form of the secrets, for a failed match (never the values).
pub(crate) fn form_hints(secrets: &[&str], encoding: SecretEncoding, out: &mut Vec<String>) {
    for (i, s) in secrets.iter().enumerate() {
        let who = label(i, secrets.len());
        if encoding == SecretEncoding::Raw {
            if s.trim() != *s {
                out.push(
                    [
                        &who,
                        " has whitespace around it (used as is with secretEncoding 'raw')",
                    ]
                    .concat(),
                );
            }
            continue;
        }
        if !s.starts_with(SECRET_PREFIX) {
            out.push([
                &who,
                " does not start with \"whsec_\": OMS secrets are \"whsec_\" followed by 64 hex \
                 characters (copy the whole value from the create-webhook response)",
            ].concat());
        } else {
            let t = tail(s);
            if !(t.len() == 64 && is_hex(t)) {
                let form = if is_hex(t) {
                    ""
                } else if base64_lenient(t).is_some() {
                    " of base64 (the Standard Webhooks form, tried)"
                } else {
                    " that are neither hex nor base64"
                };
                out.push([
                    "after \"whsec_\", ",
                    &who,
                    " has ",
                    &count_str(t.chars().count()),
                    " characters",
                    form,
                    ", not the 64 hex characters OMS documents (is it another endpoint's or another \
                     provider's secret?)",
                ].concat());
            }
        }
    }
}

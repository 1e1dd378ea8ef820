//! The `webhook-signature` header and the HMAC itself.

use super::b64::{self, Alphabet};
use super::secret::{base64_lenient, hex_decode};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Length of an HMAC-SHA256 tag.
pub const MAC_LEN: usize = 32;

/// The entries of every `webhook-signature` value.
#[derive(Default)]
pub(crate) struct Signatures {
    /// Decoded `v1` tags.
    pub macs: Vec<[u8; MAC_LEN]>,
    /// Versions seen and ignored (`v1a`, `v2`...), at most a few, for messages.
    pub ignored_versions: Vec<String>,
    /// Entries that are neither `vN,<value>` nor `vN=<value>`, or `v1` entries whose value is not
    /// a 32-byte tag in base64 or hex.
    pub malformed: usize,
    /// Entries that look like Stripe's `t=…,v1=…` header.
    pub stripe_like: bool,
}

/// Splits the header values into entries: separated by whitespace (a trailing `,` from
/// `Headers.get` joining repeated headers is dropped), each `v1,<base64>`, or leniently
/// `v1=<base64>` or hex instead of base64 (docs/oms-api.md §12.3). Other versions are ignored.
pub(crate) fn parse(values: &[String]) -> Signatures {
    let mut out = Signatures::default();
    for value in values {
        for token in value.split_ascii_whitespace() {
            let token = token.trim_end_matches(',');
            if token.is_empty() {
                continue;
            }
            if token.starts_with("t=") {
                out.stripe_like = true;
            }
            let split = token.split_once(',').or_else(|| token.split_once('='));
            let Some((version, value)) = split else {
                out.malformed += 1;
                continue;
            };
            if version == "v1" {
                match decode_tag(value) {
                    Some(tag) => out.macs.push(tag),
                    None => out.malformed += 1,
                }
            } else if is_version(version) {
                if out.ignored_versions.len() < 4
                    && !out.ignored_versions.iter().any(|v| v == version)
                {
                    out.ignored_versions.push(version.to_owned());
                }
            } else {
                out.malformed += 1;
            }
        }
    }
    out
}

/// `v` followed by 1 to 7 ASCII letters/digits (`v1a`, `v2`, ...).
fn is_version(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b.len() <= 8 && b[0] == b'v' && b[1..].iter().all(|c| c.is_ascii_alphanumeric())
}

fn decode_tag(value: &str) -> Option<[u8; MAC_LEN]> {
    let bytes = if value.len() == 2 * MAC_LEN {
        hex_decode(value)?
    } else {
        base64_lenient(value).or_else(|| b64::decode(value, Alphabet::UrlSafe))?
    };
    bytes.try_into().ok()
}

/// HMAC-SHA256 of `{id}.{timestamp}.{body}` (the exact bytes) with `key`.
pub(crate) fn mac(key: &[u8], id: &str, timestamp: &str, body: &[u8]) -> [u8; MAC_LEN] {
    // HMAC accepts keys of any length, so this never fails; the fallback keeps it panic-free.
    let Ok(mut m) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        return [0; MAC_LEN];
    };
    m.update(id.as_bytes());
    m.update(b".");
    m.update(timestamp.as_bytes());
    m.update(b".");
    m.update(body);
    m.finalize().into_bytes().into()
}

/// A key's HMAC-SHA256 state after absorbing the key (inner and outer pads hashed once), so
/// verifying many deliveries with one secret does not re-key every time. `Debug` is not
/// implemented: the state is derived from the key.
#[derive(Clone)]
pub struct MacKey(Hmac<Sha256>);

impl MacKey {
    /// Keys the HMAC (any length; HMAC hashes keys longer than a block).
    pub fn new(key: &[u8]) -> Option<MacKey> {
        <Hmac<Sha256> as Mac>::new_from_slice(key).ok().map(MacKey)
    }

    /// The tag of `{prefix}{body}` where `prefix` is `"{id}.{timestamp}."` (what a delivery signs).
    pub fn tag(&self, prefix: &[u8], body: &[u8]) -> [u8; MAC_LEN] {
        let mut m = self.0.clone();
        m.update(prefix);
        m.update(body);
        m.finalize().into_bytes().into()
    }
}

/// `v1,<standard base64 of the tag>`.
pub(crate) fn format_v1(tag: &[u8; MAC_LEN]) -> String {
    let mut out = String::from("v1,");
    out.push_str(&b64::encode(tag));
    out
}

/// Compares two tags in constant time (no early exit; the result is only read at the end).
pub(crate) fn ct_eq(a: &[u8; MAC_LEN], b: &[u8; MAC_LEN]) -> bool {
    let mut diff = 0u8;
    for i in 0..MAC_LEN {
        diff |= a[i] ^ b[i];
    }
    std::hint::black_box(diff) == 0
}

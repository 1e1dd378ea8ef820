//! Generators for the webhook targets.

use arbitrary::{Result, Unstructured};
use oms_wasm::webhook::{sign, SecretEncoding, VerifyOptions};

pub const NOW: i64 = 1_767_000_000;

pub const HEADER_NAMES: &[&str] = &["webhook-id", "webhook-timestamp", "webhook-signature"];

pub const CODES: [&str; 8] = [
    "missing_header",
    "invalid_timestamp",
    "timestamp_too_old",
    "timestamp_too_new",
    "invalid_signature_header",
    "no_matching_signature",
    "invalid_secret",
    "invalid_payload",
];

pub fn encoding(u: &mut Unstructured) -> Result<SecretEncoding> {
    Ok(*u.choose(&[
        SecretEncoding::Auto,
        SecretEncoding::Auto,
        SecretEncoding::Hex,
        SecretEncoding::Base64,
        SecretEncoding::Raw,
    ])?)
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A secret: OMS form (`whsec_` + 64 hex), Standard Webhooks form (`whsec_` + base64), near misses,
/// raw strings, arbitrary text.
pub fn secret(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=7)? {
        0 | 1 => format!("whsec_{}", hex(&u.arbitrary::<[u8; 32]>()?)),
        2 => {
            let n = u.int_in_range(1usize..=48)?;
            format!("whsec_{}", base64(u.bytes(n)?))
        }
        3 => {
            let n = u.int_in_range(0usize..=40)?;
            format!("whsec_{}", hex(u.bytes(n)?))
        }
        4 => format!(" whsec_{} ", hex(&u.arbitrary::<[u8; 32]>()?)),
        5 => {
            let n = u.int_in_range(1usize..=40)?;
            base64(u.bytes(n)?)
        }
        _ => u.arbitrary()?,
    })
}

/// A header name: one of the three in any case (sometimes padded), or noise.
pub fn header_name(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0..=3 => {
            let n = *u.choose(HEADER_NAMES)?;
            let mask: u32 = u.arbitrary()?;
            let mut s: String = n
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if mask & (1 << (i % 32)) != 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            if mask & 0x8000_0000 != 0 {
                s = format!(" {s}\t");
            }
            s
        }
        4 => (*u.choose(&[
            "content-type",
            "Stripe-Signature",
            "svix-id",
            "webhook-id-x",
        ])?)
        .to_owned(),
        _ => u.arbitrary()?,
    })
}

/// A header value shaped like real ones, or junk.
pub fn header_value(u: &mut Unstructured, valid: &[String]) -> Result<String> {
    Ok(match u.int_in_range(0u8..=9)? {
        0 | 1 if !valid.is_empty() => u.choose(valid)?.clone(),
        2 => {
            let n = u.int_in_range(1usize..=12)?;
            format!("msg_{}", hex(u.bytes(n)?))
        }
        3 => (NOW + i64::from(u.int_in_range(-400i32..=400)?)).to_string(),
        4 => format!("v1,{}", base64(&u.arbitrary::<[u8; 32]>()?)),
        5 => {
            let n = u.int_in_range(0usize..=40)?;
            format!("v{},{}", u.int_in_range(0u8..=2)?, base64(u.bytes(n)?))
        }
        6 => format!("t={NOW},v1={}", hex(&u.arbitrary::<[u8; 32]>()?)),
        7 => (*u.choose(&[
            "",
            " ",
            "0",
            "-1",
            "1767000000.5",
            "1767000000000",
            "99999999999",
            "v1,",
            "v1a,abc",
            "v1, v1,x",
            "v1,AAAA v2,BBBB",
            "1e9",
        ])?)
        .to_owned(),
        _ => u.arbitrary()?,
    })
}

pub fn options(u: &mut Unstructured) -> Result<VerifyOptions> {
    let tolerance_seconds = match u.int_in_range(0u8..=3)? {
        0 => 300,
        1 => u.int_in_range(0u64..=1000)?,
        2 => u.int_in_range(0u64..=1_000_000_000)?,
        _ => u.arbitrary()?,
    };
    let now = match u.int_in_range(0u8..=3)? {
        0 | 1 => NOW + i64::from(u.int_in_range(-500i32..=500)?),
        2 => u.int_in_range(0i64..=100_000_000_000)?,
        _ => u.arbitrary()?,
    };
    Ok(VerifyOptions {
        tolerance_seconds,
        now,
        secret_encoding: encoding(u)?,
    })
}

/// The signatures each secret would make over `payload` for `id` at `ts`, for every decoding (the
/// base64 part only).
pub fn expected_signatures(payload: &[u8], secrets: &[String], id: &str, ts: i64) -> Vec<String> {
    let mut out = Vec::new();
    for s in secrets {
        for enc in [
            SecretEncoding::Hex,
            SecretEncoding::Base64,
            SecretEncoding::Raw,
        ] {
            if let Ok(sig) = sign(payload, s, id, ts, enc) {
                out.push(sig.signature.trim_start_matches("v1,").to_owned());
            }
        }
    }
    out
}

/// `s` with every letter and digit shifted within its class (`0-9`, `a-f`, `g-z`, `A-F`, `G-Z`):
/// the same form (length, hex or base64, prefix, whitespace), other characters.
pub fn shifted(s: &str) -> String {
    let shift = |c: char, lo: char, n: u32| {
        char::from_u32(lo as u32 + (c as u32 - lo as u32 + 1) % n).unwrap_or(c)
    };
    let (prefix, rest) = match s.trim_start().strip_prefix("whsec_") {
        Some(r) => (&s[..s.len() - r.len()], r),
        None => ("", s),
    };
    let mut out = prefix.to_owned();
    out.extend(rest.chars().map(|c| match c {
        '0'..='9' => shift(c, '0', 10),
        'a'..='f' => shift(c, 'a', 6),
        'g'..='z' => shift(c, 'g', 20),
        'A'..='F' => shift(c, 'A', 6),
        'G'..='Z' => shift(c, 'G', 20),
        c => c,
    }));
    out
}

/// The error-message invariant: no secret (its part after `whsec_`, trimmed, 8+ characters) and no
/// expected signature appears in `message`. A secret found in the message only counts when it is
/// not there with every secret [`shifted`] too (`rerun` gives that message), so static text such
/// as the `1700000000` of an example is not mistaken for the secret `00000000`.
pub fn assert_clean(
    code: &str,
    message: &str,
    secrets: &[String],
    expected: &[String],
    rerun: impl Fn(&[String]) -> Option<(&'static str, String)>,
) {
    for (i, s) in secrets.iter().enumerate() {
        let t = s.trim();
        let t = t.strip_prefix("whsec_").unwrap_or(t);
        if t.chars().count() >= 8 && message.contains(t) {
            let mut other = secrets.to_vec();
            other[i] = shifted(s);
            let (base_code, base) = rerun(&other).unwrap_or_default();
            // a shift that changes the error (e.g. breaks base64 padding) proves nothing
            assert!(
                base_code != code || base.contains(t),
                "message contains a secret {t:?}: {message}\n with the secret shifted: {base}"
            );
        }
    }
    for e in expected {
        assert!(
            !message.contains(e.as_str()),
            "message contains an expected signature: {message}"
        );
    }
}

//! Base64 for secrets and signatures (RFC 4648): standard and URL-safe alphabets, padding optional
//! on input (`Zg==`, `Zg=` and `Zg` decode alike; padding after a full group does not), non-canonical
//! trailing bits rejected; standard alphabet with padding on output. Small on purpose: the `base64`
//! crate's engine was ~4.5 KB of the webhook-only `.wasm`. The tests check it against that crate.

/// The two alphabets (index 62 and 63 differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Alphabet {
    /// `+` and `/`.
    Standard,
    /// `-` and `_`.
    UrlSafe,
}

fn sextet(c: u8, alphabet: Alphabet) -> Option<u32> {
    Some(u32::from(match (c, alphabet) {
        (b'A'..=b'Z', _) => c - b'A',
        (b'a'..=b'z', _) => c - b'a' + 26,
        (b'0'..=b'9', _) => c - b'0' + 52,
        (b'+', Alphabet::Standard) | (b'-', Alphabet::UrlSafe) => 62,
        (b'/', Alphabet::Standard) | (b'_', Alphabet::UrlSafe) => 63,
        _ => return None,
    }))
}

/// Decodes `s`; `None` for a character outside the alphabet, a misplaced or wrong amount of `=`, a
/// length that cannot be base64, or nonzero unused bits in the last character.
pub(crate) fn decode(s: &str, alphabet: Alphabet) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let data = bytes
        .strip_suffix(b"==")
        .or_else(|| bytes.strip_suffix(b"="))
        .unwrap_or(bytes);
    let pad = bytes.len() - data.len();
    let tail = data.len() % 4;
    // as the `base64` crate's "indifferent" mode: a final group of 2 or 3 characters may have up to
    // the padding that completes it (`Zg`, `Zg=`, `Zg==`; `Zm8`, `Zm8=`), a full group none
    if tail == 1 || (pad > 0 && (tail == 0 || tail + pad > 4)) {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    let mut chunks = data.chunks_exact(4);
    for c in &mut chunks {
        let mut n = 0u32;
        for &b in c {
            n = n << 6 | sextet(b, alphabet)?;
        }
        out.extend_from_slice(&[(n >> 16) as u8, (n >> 8) as u8, n as u8]);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut n = 0u32;
        for &b in rest {
            n = n << 6 | sextet(b, alphabet)?;
        }
        // 2 characters carry 1 byte (4 unused bits), 3 carry 2 bytes (2 unused bits)
        let unused = 6 * rest.len() as u32 % 8;
        if n & ((1 << unused) - 1) != 0 {
            return None;
        }
        n >>= unused;
        if rest.len() == 3 {
            out.push((n >> 8) as u8);
        }
        out.push(n as u8);
    }
    Some(out)
}

/// Standard base64 with padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = c
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= c.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
    use base64::engine::DecodePaddingMode;
    use base64::{alphabet, Engine as _};
    use proptest::prelude::*;

    const STD: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    const URL: GeneralPurpose = GeneralPurpose::new(
        &alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );

    #[test]
    fn known_answers() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg==");
        assert_eq!(encode(b"fo"), "Zm8=");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        for (s, want) in [
            ("Zg==", Some(&b"f"[..])),
            ("Zg=", Some(b"f")),
            ("Zm8=", Some(b"fo")),
            ("Zg", Some(b"f")),
            ("Zm8", Some(b"fo")),
            ("Zm9v", Some(b"foo")),
            ("", Some(b"")),
        ] {
            assert_eq!(decode(s, Alphabet::Standard).as_deref(), want, "{s}");
        }
        for bad in [
            "Z", "Z=", "=", "Zg===", "Zm8==", "Zh==", "Zm9=", "Zm9v=", "Zm9v====", "Z=g=", "Zm 9",
            "Zm-_",
        ] {
            assert_eq!(decode(bad, Alphabet::Standard), None, "{bad}");
        }
        assert_eq!(
            decode("-_-_", Alphabet::UrlSafe),
            Some(vec![0xfb, 0xff, 0xbf])
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_the_base64_crate(s in "[A-Za-z0-9+/_=-]{0,12}", bytes in prop::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(decode(&s, Alphabet::Standard), STD.decode(&s).ok());
            prop_assert_eq!(decode(&s, Alphabet::UrlSafe), URL.decode(&s).ok());
            prop_assert_eq!(encode(&bytes), STANDARD.encode(&bytes));
            let e = STANDARD.encode(&bytes);
            prop_assert_eq!(decode(&e, Alphabet::Standard), Some(bytes.clone()));
            prop_assert_eq!(decode(e.trim_end_matches('='), Alphabet::Standard), Some(bytes));
        }

        #[test]
        fn any_text_never_panics(s in "\\PC{0,20}") {
            prop_assert_eq!(decode(&s, Alphabet::Standard), STD.decode(&s).ok());
        }
    }
}

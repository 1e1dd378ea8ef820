//! Building messages without `format!`: the formatting machinery is several KB of the small
//! `.wasm` builds and slow there. Used on the hot issue paths and by the webhook diagnostics,
//! with `[a, b, c].concat()` for joining.

/// The decimal form of `n` (as `n.to_string()` writes it).
pub fn int(n: i64) -> String {
    let mut out = String::with_capacity(21);
    push_int(&mut out, n);
    out
}

/// Appends the decimal form of `n` (as `write!(out, "{n}")` would).
pub fn push_int(out: &mut String, n: i64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut m = n.unsigned_abs();
    loop {
        i -= 1;
        digits[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

/// Whether `needle` occurs in `hay`: a plain byte-window scan for the short needles of the
/// validators (`str::contains` with a `&str` pattern links the two-way searcher, ~0.7 KB gzipped).
pub fn contains(hay: &str, needle: &str) -> bool {
    needle.is_empty()
        || hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
}

/// `s.trim()` (Unicode white space at both ends), with the ends that are ASCII checked byte by
/// byte: `str::trim`'s char searcher is a large share of reading a short form field in wasm.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let mut start = 0;
    while start < b.len() && b[start].is_ascii_whitespace() {
        start += 1;
    }
    let mut end = b.len();
    while end > start && b[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    // (both cuts are at ASCII bytes: char boundaries)
    let t = s.get(start..end).unwrap_or_default();
    // A non-ASCII end may be Unicode white space (U+00A0, U+3000...), and `\x0B` is white space
    // to `char` but not to `u8::is_ascii_whitespace`: the standard trim decides those.
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&f), Some(&l)) if f.is_ascii() && l.is_ascii() && f != 0x0B && l != 0x0B => t,
        (None, _) => t,
        _ => t.trim(),
    }
}

/// [`char::is_control`] on any char of `s` (U+0000–U+001F, U+007F–U+009F), one byte at a time:
/// the last two are the UTF-8 pairs `C2 80`–`C2 9F`.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn has_control(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        c < 0x20
            || c == 0x7F
            || (c == 0xC2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
    })
}

/// `s.chars().count()`, skipping the count when every byte is a char (ASCII).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// [`int`] of a count.
pub fn count(n: usize) -> String {
    int(i64::try_from(n).unwrap_or(i64::MAX))
}

/// Appends `s` as a JSON string literal, escaped as serde_json escapes it (`"`, `\`, `\n`, `\r`,
/// `\t`, `\b`, `\f`, other control characters as `\u00XX`): the one string writer of the
/// validators' results and of the client's response text.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn push_json_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x20 && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        // (`i` is at an ASCII byte: a char boundary)
        out.push_str(s.get(start..i).unwrap_or_default());
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
        i += 1;
        start = i;
    }
    out.push_str(s.get(start..).unwrap_or_default());
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to three pieces from a set of edge chars (ASCII and Unicode white space,
    /// vertical tab, C0 and C1 controls, their UTF-8 neighbours, letters): the byte-level helpers
    /// agree with the standard library.
    #[test]
    fn byte_helpers_agree_with_std() {
        let pieces = [
            "",
            " ",
            "\t",
            "\n",
            "\r",
            "\x0B",
            "\x0C",
            "\x1C",
            "\x1F",
            "\x7F",
            "\u{80}",
            "\u{85}",
            "\u{9F}",
            "\u{A0}",
            "\u{A1}",
            "\u{C2}",
            "\u{3000}",
            "\u{2028}",
            "\u{FEFF}",
            "a",
            "é",
            "語",
            "\u{1F600}",
            "\0",
        ];
        let mut n = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let s = [a, b, c].concat();
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                    assert_eq!(has_control(&s), s.chars().any(char::is_control), "{s:?}");
                    assert_eq!(char_count(&s), s.chars().count(), "{s:?}");
                    n += 1;
                }
            }
        }
        assert_eq!(n, pieces.len().pow(3));
    }

    #[test]
    fn integers_print_like_to_string() {
        for n in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            1_700_000_000,
            i64::MAX,
            i64::MIN,
            -1_234_567_890_123,
        ] {
            assert_eq!(int(n), n.to_string());
        }
        assert_eq!(count(3), "3");
        for (hay, needle) in [
            ("a..b", ".."),
            ("a.b", ".."),
            ("", ""),
            ("x", ""),
            ("", "x"),
            ("dddddhdddd", "dddddhdddd"),
            ("é..", ".."),
        ] {
            assert_eq!(
                contains(hay, needle),
                hay.contains(needle),
                "{hay} {needle}"
            );
        }
    }

    /// The same text serde_json writes, for every ASCII character and a few non-ASCII ones.
    #[test]
    fn escapes_as_serde_json() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("é€𝄞\u{2028}\u{7f}");
        for s in [all.as_str(), "", "plain", "a\"b\\c\u{8}\u{c}\u{1f}"] {
            let mut out = String::new();
            push_json_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap_or_default(), "{s:?}");
        }
    }
}

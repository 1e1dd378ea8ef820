//! Building messages without `format!`: the formatting machinery is several KB of the small
//! `.wasm` builds and slow there. Used on the hot issue paths and by the webhook diagnostics,
//! with `[a, b, c].concat()` for joining.

/// The decimal form of `n` (as `n.to_string()` writes it).
pub fn int(n: i64) -> String {
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
    let mut out = String::with_capacity(21 - i);
    if n < 0 {
        out.push('-');
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
    out
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

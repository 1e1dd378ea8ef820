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
}

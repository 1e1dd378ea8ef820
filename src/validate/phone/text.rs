//! Character-level parts of parsing, hand-written equivalents of libphonenumber-js's fixed regular
//! expressions: digits and punctuation (`constants.js`), viability (`isViablePhoneNumber.js`),
//! extensions (`extension/createExtensionPattern.js`, `extractExtension.js`), RFC 3966 `phone-context`
//! (`extractPhoneContext.js`, `extractFormattedPhoneNumberFromPossibleRfc3966NumberUri.js`) and
//! `parseIncompletePhoneNumber`.
//!
//! Like JavaScript, these steps work on UTF-16 code units (every character the expressions accept is in
//! the Basic Multilingual Plane; other characters become surrogates, which match nothing).

use super::PhoneError;

/// libphonenumber's `MAX_INPUT_STRING_LENGTH`, in UTF-16 units.
pub const MAX_INPUT_LENGTH: usize = 250;

/// A UTF-16 code unit.
type Unit = u16;

/// `c` as a UTF-16 unit (for BMP character literals).
const fn u(c: char) -> Unit {
    c as Unit
}

/// `VALID_DIGITS`: ASCII, full-width, Arabic-Indic and Eastern Arabic-Indic digits. Returns the value.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn digit_value(c: Unit) -> Option<u8> {
    let base = match c {
        0x30..=0x39 => 0x30,
        0xFF10..=0xFF19 => 0xFF10,
        0x0660..=0x0669 => 0x0660,
        0x06F0..=0x06F9 => 0x06F0,
        _ => return None,
    };
    u8::try_from(c - base).ok()
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn is_digit(c: Unit) -> bool {
    digit_value(c).is_some()
}

/// `PLUS_CHARS`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_plus(c: Unit) -> bool {
    c == u('+') || c == 0xFF0B
}

/// ASCII characters of `VALID_PUNCTUATION`, as a bit set.
const ASCII_PUNCTUATION: u128 = {
    let mut set = 0u128;
    let chars = b"-/. ()[]~";
    let mut i = 0;
    while i < chars.len() {
        set |= 1 << chars[i];
        i += 1;
    }
    set
};

/// `VALID_PUNCTUATION`: dashes, slashes, dots, white space, brackets, tildes.
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_punctuation(c: Unit) -> bool {
    if c < 128 {
        return ASCII_PUNCTUATION & (1 << c) != 0;
    }
    matches!(
        c,
        0x2010
            ..=0x2015 | 0x2212 | 0x30FC | 0xFF0D // dashes
            | 0xFF0F // slash
            | 0xFF0E // dot
            | 0xA0 | 0xAD | 0x200B | 0x2060 | 0x3000 // white space
            | 0xFF08 | 0xFF09 | 0xFF3B | 0xFF3D // brackets
            | 0x2053 | 0x223C | 0xFF5E // tildes
    )
}

/// Capacity of the text buffers: a `phone-context` and the part before it, each at most
/// [`MAX_INPUT_LENGTH`].
const TEXT_CAP: usize = 2 * MAX_INPUT_LENGTH;

/// The UTF-16 units of the text to parse.
struct Units {
    buf: [Unit; TEXT_CAP],
    len: usize,
}

impl Units {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn push_str(&mut self, s: &str) {
        for c in s.encode_utf16() {
            if let Some(slot) = self.buf.get_mut(self.len) {
                *slot = c;
                self.len += 1;
            }
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn as_slice(&self) -> &[Unit] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// Digits (ASCII, with a leading `+` when the number had one).
pub struct Digits {
    buf: [u8; TEXT_CAP],
    len: usize,
}

impl Default for Digits {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn default() -> Self {
        Digits {
            buf: [0; TEXT_CAP],
            len: 0,
        }
    }
}

impl Digits {
    /// The digits.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn as_slice(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }
}

/// The text-level steps of libphonenumber-js's `parse()` with `extract: false`: RFC 3966
/// `phone-context` and `;isub=`, the length limit, viability, extension, digit normalisation.
/// Fills `digits` with `parseIncompletePhoneNumber` of the number without its extension and returns
/// the extension as written (digits in the input's script).
///
/// One deliberate difference: libphonenumber-js skips the 250-character limit for input with a
/// `phone-context`; here the limit always applies, so the work stays bounded.
///
/// # Errors
///
/// `NotANumber`, `TooShort` (a start of a number) or `TooLong` (over 250 UTF-16 units).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn read(input: &str, digits: &mut Digits) -> Result<Option<String>, PhoneError> {
    let has_semicolon = input.as_bytes().contains(&b';');
    let context_at = if has_semicolon {
        find(input.as_bytes(), RFC3966_PHONE_CONTEXT.as_bytes())
    } else {
        None
    };
    let context = match context_at {
        Some(i) => {
            let after = input.get(i + RFC3966_PHONE_CONTEXT.len()..).unwrap_or("");
            let end = find(after.as_bytes(), b";").unwrap_or(after.len());
            let context = after.get(..end).unwrap_or("");
            if !phone_context_valid(context) {
                return Err(PhoneError::NotANumber);
            }
            Some((i, context))
        }
        None => None,
    };
    if input.is_empty() {
        return Err(PhoneError::NotANumber);
    }
    // UTF-16 length, from the UTF-8 bytes: each character has one unit per byte that is not a
    // continuation byte, plus one more for four-byte characters.
    let units = input
        .bytes()
        .map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum::<usize>();
    if units > MAX_INPUT_LENGTH {
        return Err(PhoneError::TooLong);
    }
    let mut text = Units {
        buf: [0; TEXT_CAP],
        len: 0,
    };
    match context {
        None => text.push_str(input),
        Some((context_at, context)) => {
            if context.starts_with('+') {
                text.push_str(context);
            }
            let number_start = find(input.as_bytes(), RFC3966_PREFIX.as_bytes())
                .map_or(0, |i| i + RFC3966_PREFIX.len());
            // JavaScript's `substring` swaps reversed bounds.
            let (a, b) = if number_start <= context_at {
                (number_start, context_at)
            } else {
                (context_at, number_start)
            };
            text.push_str(input.get(a..b).unwrap_or(""));
        }
    }
    // Drop an ISDN sub-address (unless at the very start).
    if has_semicolon {
        if let Some(i) = find_units(text.as_slice(), RFC3966_ISDN_SUBADDRESS) {
            if i > 0 {
                text.len = i;
            }
        }
    }
    let number = text.as_slice();
    if number.is_empty() {
        return Err(PhoneError::NotANumber);
    }
    if !is_viable(number) {
        return Err(if is_viable_start(number) {
            PhoneError::TooShort
        } else {
            PhoneError::NotANumber
        });
    }
    let (number, extension) = match extract_extension(number) {
        Some((start, ext)) => (
            number.get(..start).unwrap_or(&[]),
            Some(String::from_utf16_lossy(ext)),
        ),
        None => (number, None),
    };
    if number.is_empty() {
        return Err(PhoneError::NotANumber);
    }
    // `parseIncompletePhoneNumber`: a leading `+` (only as the first kept character) and the digits.
    digits.len = 0;
    for &c in number {
        let b = if c == u('+') {
            if digits.len > 0 {
                continue;
            }
            b'+'
        } else {
            match digit_value(c) {
                Some(d) => b'0' + d,
                None => continue,
            }
        };
        if let Some(slot) = digits.buf.get_mut(digits.len) {
            *slot = b;
            digits.len += 1;
        }
    }
    Ok(extension)
}

/// Position of `needle` in `hay` (bytes; the needles are ASCII, so the position is a char boundary).
#[cfg_attr(oms_nightly, optimize(speed))]
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Position of the ASCII `needle` in `hay`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn find_units(hay: &[Unit], needle: &str) -> Option<usize> {
    let n = needle.len();
    (0..hay.len().saturating_sub(n - 1)).find(|&i| {
        hay.get(i..i + n).is_some_and(|w| {
            w.iter()
                .zip(needle.bytes())
                .all(|(&a, b)| a == Unit::from(b))
        })
    })
}

/// `s` without one leading plus character.
#[cfg_attr(oms_nightly, optimize(speed))]
fn strip_plus(s: &[Unit]) -> &[Unit] {
    match s.split_first() {
        Some((&c, rest)) if is_plus(c) => rest,
        _ => s,
    }
}

/// `isViablePhoneNumber(number)`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_viable(number: &[Unit]) -> bool {
    // `length >= 2`; `^[digits]{2}$`.
    if number.len() < 2 {
        return false;
    }
    if let [a, b] = *number {
        if is_digit(a) && is_digit(b) {
            return true;
        }
    }
    // `^[+]?(?:[punct]*[digit]){3,}[punct digit]*(?:EXTENSION)?$`: a body of punctuation and digits
    // with at least three digits, then nothing or an extension.
    let rest = strip_plus(number);
    let mut digits = 0;
    let mut split_from = None;
    let mut body_end = rest.len();
    for (i, &c) in rest.iter().enumerate() {
        if is_digit(c) {
            digits += 1;
            if digits == 3 {
                split_from = Some(i + 1);
            }
        } else if !is_punctuation(c) {
            body_end = i;
            break;
        }
    }
    let Some(split_from) = split_from else {
        return false;
    };
    if split_from > body_end {
        return false;
    }
    if body_end == rest.len() {
        return true;
    }
    match ExtensionTail::of(rest) {
        Some(tail) => (split_from..=body_end).any(|k| tail.matches_from(rest, k)),
        None => false,
    }
}

/// `isViablePhoneNumberStart(number)`: `^[+]?(?:[punct]*[digit]){1,2}$`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_viable_start(number: &[Unit]) -> bool {
    let rest = strip_plus(number);
    let mut digits = 0;
    for &c in rest {
        if is_digit(c) {
            digits += 1;
        } else if !is_punctuation(c) {
            return false;
        }
    }
    rest.last().is_some_and(|&c| is_digit(c)) && (1..=2).contains(&digits)
}

/// `extractExtension(number)`: the leftmost position where an extension pattern matches the whole rest,
/// and the extension digits.
#[cfg_attr(oms_nightly, optimize(speed))]
fn extract_extension(number: &[Unit]) -> Option<(usize, &[Unit])> {
    // Fast path: every extension form has a character outside digits and punctuation (a label, `#`,
    // `,`, `;`, a tab), or a tilde label.
    if number
        .iter()
        .all(|&c| (is_digit(c) || is_punctuation(c) || is_plus(c)) && c != u('~') && c != 0xFF5E)
    {
        return None;
    }
    let tail = ExtensionTail::of(number)?;
    let start = (0..tail.run_start).find(|&i| tail.matches_from(number, i))?;
    Some((start, number.get(tail.run_start..tail.run_end)?))
}

/// The end that every extension form shares: a run of digits (the capture), then an optional (or, for
/// the American style, mandatory) `#`. Nothing before the capture can be a digit, so the capture is
/// the whole trailing digit run, whatever the start of the extension.
struct ExtensionTail {
    run_start: usize,
    run_end: usize,
    hash: bool,
}

impl ExtensionTail {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn of(s: &[Unit]) -> Option<Self> {
        let (body, hash) = match s.split_last() {
            Some((&c, body)) if c == u('#') => (body, true),
            _ => (s, false),
        };
        let run = body.iter().rev().take_while(|&&c| is_digit(c)).count();
        (run > 0).then_some(ExtensionTail {
            run_start: body.len() - run,
            run_end: body.len(),
            hash,
        })
    }

    /// Whether `s[start..]` is an extension (`createExtensionPattern()` followed by `$`, case
    /// insensitive), `s` being the text this tail was computed from.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn matches_from(&self, s: &[Unit], start: usize) -> bool {
        let Some(pre) = s.get(start..self.run_start) else {
            return false;
        };
        // No form starts with a digit (or is empty before the digits).
        match pre.first() {
            Some(&c) if !is_digit(c) => {}
            _ => return false,
        }
        let run = self.run_end - self.run_start;
        let hash = self.hash;
        (!hash && run <= 20 && ci_eq(pre, ";ext="))
            || (run <= 20 && labelled(pre, explicit_label))
            || (run <= 9 && labelled(pre, ambiguous_label))
            || (hash && run <= 6 && pre.iter().all(|&c| c == u('-') || c == u(' ')))
            || (run <= 15 && auto_dialling(pre))
            || (run <= 9 && only_commas(pre))
    }
}

/// `s` without its leading characters matching `f`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn skip_while(mut s: &[Unit], f: fn(Unit) -> bool) -> &[Unit] {
    while let Some((&c, rest)) = s.split_first() {
        if !f(c) {
            break;
        }
        s = rest;
    }
    s
}

/// `[ \u00A0\t]`
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_blank(c: Unit) -> bool {
    c == u(' ') || c == 0xA0 || c == u('\t')
}

/// `[ \u00A0\t,]`
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_label_separator(c: Unit) -> bool {
    is_blank(c) || c == u(',')
}

/// `[ \u00A0\t,-]`
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_after_label(c: Unit) -> bool {
    is_label_separator(c) || c == u('-')
}

/// `[:\.\uFF0E]`
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_label_end(c: Unit) -> bool {
    c == u(':') || c == u('.') || c == 0xFF0E
}

/// Whether `s` is `[:\.\uFF0E]?[ \u00A0\t,-]*`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn after_label(s: &[Unit]) -> bool {
    let s = match s.split_first() {
        Some((&c, rest)) if is_label_end(c) => rest,
        _ => s,
    };
    s.iter().all(|&c| is_after_label(c))
}

/// `[ \u00A0\t,]* LABEL [:\.\uFF0E]?[ \u00A0\t,-]*` where `label` decides the label part. Labels
/// contain none of the separator characters, so the split is unique.
#[cfg_attr(oms_nightly, optimize(speed))]
fn labelled(pre: &[Unit], label: fn(&[Unit]) -> bool) -> bool {
    let s = skip_while(pre, is_label_separator);
    let mut end = s.len() - s.iter().rev().take_while(|&&c| is_after_label(c)).count();
    if end > 0 && s.get(end - 1).is_some_and(|&c| is_label_end(c)) {
        end -= 1;
    }
    match s.get(..end) {
        Some(l) => !l.is_empty() && label(l),
        None => false,
    }
}

/// Case-insensitive comparison of one unit with the lower-case pattern character `p`, as
/// JavaScript's non-Unicode `i` flag does for the characters the extension labels use: ASCII, `ó`,
/// full-width Latin and Cyrillic lower case letters have their upper case 0x20 below.
#[cfg_attr(oms_nightly, optimize(speed))]
fn ci(c: Unit, p: char) -> bool {
    let p = u(p);
    c == p || (matches!(p, 0x61..=0x7A | 0xF3 | 0xFF41..=0xFF5A | 0x0430..=0x044F) && c == p - 0x20)
}

/// Strips the case-insensitive pattern prefix `p` from `s`.
#[cfg_attr(oms_nightly, optimize(speed))]
fn ci_strip<'a>(s: &'a [Unit], p: &str) -> Option<&'a [Unit]> {
    let mut rest = s;
    for pc in p.chars() {
        match rest.split_first() {
            Some((&c, r)) if ci(c, pc) => rest = r,
            _ => return None,
        }
    }
    Some(rest)
}

/// Whether `s` is exactly `p`, case-insensitively.
#[cfg_attr(oms_nightly, optimize(speed))]
fn ci_eq(s: &[Unit], p: &str) -> bool {
    ci_strip(s, p).is_some_and(<[Unit]>::is_empty)
}

/// `e?xt(?:ensi(?:o\u0301?|\u00F3))?n?|\uFF45?\uFF58\uFF54\uFF4E?|\u0434\u043E\u0431|anexo`
#[cfg_attr(oms_nightly, optimize(speed))]
fn explicit_label(s: &[Unit]) -> bool {
    let ends_label = |rest: &[Unit]| rest.is_empty() || ci_eq(rest, "n");
    if ci_eq(s, "\u{0434}\u{043E}\u{0431}") || ci_eq(s, "anexo") {
        return true;
    }
    // Full-width: ｅ?ｘｔｎ?
    let fw = ci_strip(s, "\u{FF45}").unwrap_or(s);
    if let Some(rest) = ci_strip(fw, "\u{FF58}\u{FF54}") {
        if rest.is_empty() || ci_eq(rest, "\u{FF4E}") {
            return true;
        }
    }
    // ASCII: e?xt(?:ensi(?:o\u0301?|ó))?n? ('e' is not 'x', so `e?` takes an 'e' when there is one).
    let s = ci_strip(s, "e").unwrap_or(s);
    let Some(rest) = ci_strip(s, "xt") else {
        return false;
    };
    if let Some(r) = ci_strip(rest, "ensi") {
        if let Some(r2) = ci_strip(r, "o") {
            // The accent is not 'n', so `\u0301?` takes it when present.
            if ends_label(ci_strip(r2, "\u{301}").unwrap_or(r2)) {
                return true;
            }
        }
        if ci_strip(r, "\u{F3}").is_some_and(ends_label) {
            return true;
        }
    }
    ends_label(rest)
}

/// `[x\uFF58#\uFF03~\uFF5E]|int|\uFF49\uFF4E\uFF54`
#[cfg_attr(oms_nightly, optimize(speed))]
fn ambiguous_label(s: &[Unit]) -> bool {
    if let [c] = *s {
        if ci(c, 'x') || ci(c, '\u{FF58}') || [u('#'), 0xFF03, u('~'), 0xFF5E].contains(&c) {
            return true;
        }
    }
    ci_eq(s, "int") || ci_eq(s, "\u{FF49}\u{FF4E}\u{FF54}")
}

/// `[ \u00A0\t]*(?:,{2}|;)[:\.\uFF0E]?[ \u00A0\t,-]*`
#[cfg_attr(oms_nightly, optimize(speed))]
fn auto_dialling(pre: &[Unit]) -> bool {
    let s = skip_while(pre, is_blank);
    match ci_strip(s, ";").or_else(|| ci_strip(s, ",,")) {
        Some(rest) => after_label(rest),
        None => false,
    }
}

/// `[ \u00A0\t]*(?:,)+[:\.\uFF0E]?[ \u00A0\t,-]*`
#[cfg_attr(oms_nightly, optimize(speed))]
fn only_commas(pre: &[Unit]) -> bool {
    let s = skip_while(pre, is_blank);
    match ci_strip(s, ",") {
        Some(rest) => after_label(skip_while(rest, |c| c == u(','))),
        None => false,
    }
}

const RFC3966_PREFIX: &str = "tel:";
const RFC3966_PHONE_CONTEXT: &str = ";phone-context=";
const RFC3966_ISDN_SUBADDRESS: &str = ";isub=";

/// `isPhoneContextValid(phoneContext)` for a present parameter: global number digits
/// (`^\+([digit]|[-.()]?)*[digit]([digit]|[-.()]?)*$`) or a domain name.
#[cfg_attr(oms_nightly, optimize(speed))]
fn phone_context_valid(context: &str) -> bool {
    let is_digit = |c: char| u16::try_from(u32::from(c)).is_ok_and(is_digit);
    if let Some(rest) = context.strip_prefix('+') {
        let mut any_digit = false;
        let mut ok = true;
        for c in rest.chars() {
            if is_digit(c) {
                any_digit = true;
            } else if !matches!(c, '-' | '.' | '(' | ')') {
                ok = false;
                break;
            }
        }
        if ok && any_digit {
            return true;
        }
    }
    domain_name(context)
}

/// `^([digit]+((-)*[digit])*\.)*[a-zA-Z]+((-)*[digit])*\.?$`: dot-separated labels of digits and
/// inner dashes (libphonenumber-js accepts no letters there), then a top label of letters followed by
/// digits and inner dashes, then an optional dot.
#[cfg_attr(oms_nightly, optimize(speed))]
fn domain_name(s: &str) -> bool {
    let is_digit = |c: char| u16::try_from(u32::from(c)).is_ok_and(is_digit);
    let mut chars = s.chars();
    loop {
        // One label.
        let top = match chars.next() {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(c) if is_digit(c) => false,
            _ => return false,
        };
        let mut in_letters = top;
        let mut last_dash = false;
        loop {
            match chars.next() {
                None => return top && !last_dash,
                Some('.') => {
                    if last_dash {
                        return false;
                    }
                    if top {
                        // Only a final dot may follow the top label.
                        return chars.next().is_none();
                    }
                    break;
                }
                Some(c) if in_letters && c.is_ascii_alphabetic() => {}
                Some('-') => {
                    in_letters = false;
                    last_dash = true;
                }
                Some(c) if is_digit(c) => {
                    in_letters = false;
                    last_dash = false;
                }
                _ => return false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<Unit> {
        s.encode_utf16().collect()
    }

    fn ext(s: &str) -> Option<(usize, String)> {
        let c = chars(s);
        extract_extension(&c).map(|(i, e)| (i, String::from_utf16_lossy(e)))
    }

    #[test]
    fn digits() {
        assert_eq!(digit_value(u('7')), Some(7));
        assert_eq!(digit_value(0xFF17), Some(7));
        assert_eq!(digit_value(0x0667), Some(7));
        assert_eq!(digit_value(0x06F7), Some(7));
        assert_eq!(digit_value(u('a')), None);
        assert!(is_punctuation(u('-')) && is_punctuation(0x3000) && !is_punctuation(u('x')));
    }

    #[test]
    fn viability() {
        assert!(is_viable(&chars("12")));
        assert!(!is_viable(&chars("1 2")));
        assert!(is_viable(&chars("+1 (212) 555-1234")));
        assert!(is_viable(&chars("212 555 1234 ext. 12")));
        assert!(is_viable(&chars("2125551234 x12")));
        assert!(!is_viable(&chars("212abc")));
        // Two units are viable only as two digits.
        for s in ["1a", "a1", "1-", "-1", "+1"] {
            assert!(!is_viable(&chars(s)), "{s}");
        }
        assert!(!is_viable(&chars("+")));
        // An extension starts after the third digit: `12 3#` is not `12` with the `[- ]+digits#`
        // extension ` 3#` (it has no three-digit body), while `123 4#` is.
        for s in ["12 3#", "12-3#", "1 2 3#"] {
            assert!(!is_viable(&chars(s)), "{s}");
        }
        assert!(is_viable(&chars("123 4#")));
        // A control character just past ASCII is no punctuation (as one inside ASCII).
        assert!(!is_punctuation(0x80) && !is_punctuation(0x7F) && is_punctuation(0xA0));
        assert!(!is_viable(&chars("212\u{80}5551234")));
        assert!(is_viable_start(&chars("+1")));
        assert!(is_viable_start(&chars("1 2")));
        assert!(!is_viable_start(&chars("1-")));
        assert!(!is_viable_start(&chars("abc")));
    }

    #[test]
    fn extensions() {
        let e = |i: usize, s: &str| Some((i, s.to_owned()));
        assert_eq!(ext("2125551234 ext. 12"), e(10, "12"));
        assert_eq!(ext("2125551234x12"), e(10, "12"));
        assert_eq!(ext("2125551234;ext=123"), e(10, "123"));
        assert_eq!(ext("212-555-1234-910#"), e(12, "910"));
        assert_eq!(ext("2125551234 EXTN: 7"), e(10, "7"));
        assert_eq!(ext("2125551234 extensión 7"), e(10, "7"));
        assert_eq!(ext("2125551234 ДОБ 7"), e(10, "7"));
        assert_eq!(ext("2125551234 ＥＸＴ 7"), e(10, "7"));
        assert_eq!(ext("2125551234,,55"), e(10, "55"));
        assert_eq!(ext("~123456789"), e(0, "123456789"));
        assert_eq!(ext("+1 212 555 1234"), None);
        assert_eq!(ext("2125551234 ext 123456789012345678901"), None);
        // Blanks around a label: space, no-break space, tab.
        assert_eq!(ext("2125551234\u{A0}ext\u{A0}12"), e(10, "12"));
        assert_eq!(ext("2125551234\text\t12"), e(10, "12"));
        // Every form captures at least one digit: a label with none after it is no extension.
        assert_eq!(ext("2125551234;ext="), None);
        assert_eq!(ext("2125551234 ext. #"), None);
        assert_eq!(ext("2125551234 x"), None);
    }

    #[test]
    fn phone_context() {
        let digits = |s: &str| {
            let mut d = Digits::default();
            read(s, &mut d).map(|_| String::from_utf8(d.as_slice().to_vec()).unwrap_or_default())
        };
        assert_eq!(
            digits("tel:212-555-1234;phone-context=+1"),
            Ok("+12125551234".into())
        );
        assert_eq!(digits("tel:1;phone-context="), Err(PhoneError::NotANumber));
        // Domain labels may only hold digits in libphonenumber-js; the top label starts with letters.
        assert_eq!(
            digits("tel:2125551234;phone-context=example.com"),
            Err(PhoneError::NotANumber)
        );
        assert_eq!(
            digits("tel:2125551234;phone-context=1.com"),
            Ok("2125551234".into())
        );
        // Inner dashes in labels; no letters in a non-top label, only digits after the top
        // label's first digit, nothing but letters, digits and dashes (libphonenumber-js).
        for context in ["1-2.com", "com-1", "1--2.com", "1.com."] {
            assert_eq!(
                digits(&format!("tel:2125551234;phone-context={context}")),
                Ok("2125551234".into()),
                "{context}"
            );
        }
        for context in ["1a.com", "a1b", "co_m", "1-.com", "-1.com", "1.com-"] {
            assert_eq!(
                digits(&format!("tel:2125551234;phone-context={context}")),
                Err(PhoneError::NotANumber),
                "{context}"
            );
        }
        assert_eq!(digits("1a"), Err(PhoneError::NotANumber));
        assert_eq!(digits("1-"), Err(PhoneError::NotANumber));
        assert_eq!(digits("-1"), Err(PhoneError::TooShort));
        assert_eq!(digits("+1 212 555 1234;isub=12"), Ok("+12125551234".into()));
        // At the very end (libphonenumber-js: +12125551234, valid).
        assert_eq!(digits("+1 212 555 1234;isub="), Ok("+12125551234".into()));
    }
}

//! Place names compared the way people write them: [`fold`] (used for state and country names).

use super::address_data::LATIN_FOLD;

/// Folds a name for comparison: lowercase ASCII words separated by single spaces; accents removed
/// (U+00C0..U+017F and combining marks), `.` and apostrophes dropped, other punctuation → space,
/// the word `and` dropped (`Jammu & Kashmir` = `Jammu and Kashmir`).
/// Characters outside Latin script are kept, so such names never match the (ASCII) tables.
/// Mirrors `fold` in the generator.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for ch in s.chars() {
        let cp = ch as u32;
        if (0x300..=0x36F).contains(&cp) || matches!(ch, '.' | '\'' | '\u{2019}') {
            continue;
        }
        let c = if (0xC0..=0x17F).contains(&cp) {
            LATIN_FOLD
                .as_bytes()
                .get((cp - 0xC0) as usize)
                .map_or(ch, |&b| b as char)
        } else {
            ch.to_ascii_lowercase()
        };
        if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace()) || c == '?' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    if out.split(' ').any(|w| w == "and") {
        out = crate::input::fields::join_str(
            &out.split(' ').filter(|w| *w != "and").collect::<Vec<_>>(),
            " ",
        );
    }
    out
}

//! Reads the generated metadata (`data.rs`) once, on first use, into territory records and the jump
//! table of the pattern bytecode. The stream layout is described in `js/tools/gen-phone-data.mjs`.
//!
//! Keeping the metadata as two plain byte streams (headers, patterns) rather than Rust tables of
//! references makes it compress about 35% better in the `.wasm`; building the records costs one pass
//! over ~47 KB on the first call.

use std::sync::OnceLock;

use super::data::{HEADERS, TERRITORY_COUNT};
use super::pattern::{self, Pat};

/// Number of number types in the metadata.
pub const TYPE_COUNT: usize = 10;

/// One territory: a country, or a non-geographic entity (`country == None`).
pub struct Territory {
    /// ISO 3166-1 alpha-2 code; `None` for non-geographic entities (+800, +808, ...).
    pub country: Option<&'static str>,
    /// Country calling code, digits only.
    pub calling_code: &'static str,
    /// IDD prefix pattern.
    pub idd: Pat,
    /// National prefix for parsing (or the national prefix).
    pub npfp: Pat,
    /// Number of capture groups in `npfp`.
    pub npfp_groups: u8,
    /// National prefix transform rule (digits and `$1`..`$3`), empty if none.
    pub transform: &'static str,
    /// Leading digits pattern (for countries sharing a calling code).
    pub leading_digits: Pat,
    /// General national number pattern.
    pub national_pattern: Pat,
    /// Possible lengths: bit `n` set when length `n` is possible.
    pub lengths: u32,
    /// Type patterns in libphonenumber-js metadata order: fixed line, mobile, toll free, premium rate,
    /// personal number, voicemail, UAN, pager, VoIP, shared cost.
    pub types: [Pat; TYPE_COUNT],
    /// Possible lengths of each type, when checking them can change the answer (`u32::MAX` when every
    /// length the type's pattern matches is possible).
    pub type_lengths: [u32; TYPE_COUNT],
    /// The territories sharing this calling code: `(first, count)` in [`Db::territories`].
    pub group: (u8, u8),
}

/// All metadata, ready for lookups.
pub struct Db {
    /// Territories grouped by calling code, ascending; the main country of a calling code first.
    pub territories: Vec<Territory>,
    /// `(calling code, first territory, count)`, ascending by calling code.
    pub groups: Vec<(u16, u8, u8)>,
    /// Territory of each alpha-2 code `AA`..`ZZ` (index `26 * first + second`), `u8::MAX` if none.
    pub countries: Box<[u8; 676]>,
}

static DB: OnceLock<Option<Db>> = OnceLock::new();

/// The metadata; `None` only if the generated data were malformed (the tests load it).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn db() -> Option<&'static Db> {
    DB.get_or_init(load).as_ref()
}

impl Db {
    /// The territory of an upper-case alpha-2 code.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn territory_by_country(&self, alpha2: &str) -> Option<&Territory> {
        let t = *self.countries.get(country_slot(alpha2.as_bytes())?)?;
        self.territories.get(usize::from(t))
    }

    /// The territories sharing the calling code of `t` (the main one first).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn group_of(&self, t: &Territory) -> &[Territory] {
        let (first, count) = t.group;
        self.territories
            .get(usize::from(first)..usize::from(first) + usize::from(count))
            .unwrap_or(&[])
    }

    /// Territories sharing a calling code (the main one first); `cc` is ASCII digits.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn calling_code_group(&self, cc: &[u8]) -> Option<&[Territory]> {
        if cc.is_empty() || cc.len() > 3 || cc.first() == Some(&b'0') {
            return None;
        }
        let mut value = 0u16;
        for &b in cc {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + u16::from(b - b'0');
        }
        let i = self
            .groups
            .binary_search_by(|(c, _, _)| c.cmp(&value))
            .ok()?;
        let &(_, first, count) = self.groups.get(i)?;
        self.territories
            .get(first as usize..first as usize + count as usize)
    }
}

/// Index of an upper-case alpha-2 code in [`Db::countries`].
#[cfg_attr(oms_nightly, optimize(speed))]
fn country_slot(alpha2: &[u8]) -> Option<usize> {
    match alpha2 {
        [a @ b'A'..=b'Z', b @ b'A'..=b'Z'] => {
            Some(usize::from(a - b'A') * 26 + usize::from(b - b'A'))
        }
        _ => None,
    }
}

struct Reader {
    bytes: &'static [u8],
    pos: usize,
}

impl Reader {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let s = self.bytes.get(self.pos..self.pos + n)?;
        self.pos += n;
        Some(s)
    }

    fn ascii(&mut self, n: usize) -> Option<&'static str> {
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// A count byte and that many lengths, as a bit set.
    fn lengths(&mut self, count: u8) -> Option<u32> {
        let mut mask = 0u32;
        for _ in 0..count {
            let n = self.byte()?;
            if n > 31 {
                return None;
            }
            mask |= 1 << n;
        }
        Some(mask)
    }
}

fn load() -> Option<Db> {
    let mut h = Reader {
        bytes: HEADERS,
        pos: 0,
    };
    let mut territories = Vec::with_capacity(TERRITORY_COUNT);
    // the headers refer to the compiled patterns in stream order
    let mut stream = pattern::patterns()?.iter().copied();
    let mut next_pattern = || stream.next();
    while h.pos < h.bytes.len() {
        let c = h.take(2)?;
        let country = if c == [0, 0] {
            None
        } else {
            Some(std::str::from_utf8(c).ok()?)
        };
        let cc_len = h.byte()? as usize;
        let calling_code = h.ascii(cc_len)?;
        let flags = u16::from(h.byte()?) | (u16::from(h.byte()?) << 8);
        let count = h.byte()?;
        let lengths = h.lengths(count)?;
        let mut type_lengths = [0u32; TYPE_COUNT];
        for (k, tl) in type_lengths.iter_mut().enumerate() {
            if flags & (1 << (4 + k)) != 0 {
                // 0: the possible lengths filter nothing out (the generator checked).
                *tl = match h.byte()? {
                    0 => u32::MAX,
                    count => h.lengths(count)?,
                };
            }
        }
        let transform = if flags & 8 != 0 {
            let n = h.byte()? as usize;
            h.ascii(n)?
        } else {
            ""
        };
        let (national_pattern, _) = next_pattern()?;
        let mut optional = |bit: u16| -> Option<(Pat, u8)> {
            if flags & bit != 0 {
                next_pattern()
            } else {
                Some((Pat::NONE, 0))
            }
        };
        let (idd, _) = optional(1)?;
        let (npfp, npfp_groups) = optional(2)?;
        let (leading_digits, _) = optional(4)?;
        let mut types = [Pat::NONE; TYPE_COUNT];
        for (k, t) in types.iter_mut().enumerate() {
            *t = optional(1 << (4 + k))?.0;
        }
        territories.push(Territory {
            country,
            calling_code,
            idd,
            npfp,
            npfp_groups,
            transform,
            leading_digits,
            national_pattern,
            lengths,
            types,
            type_lengths,
            group: (0, 0),
        });
    }
    if next_pattern().is_some()
        || territories.len() != TERRITORY_COUNT
        || territories.len() > usize::from(u8::MAX)
    {
        return None;
    }

    let mut groups: Vec<(u16, u8, u8)> = Vec::new();
    let mut countries = Box::new([u8::MAX; 676]);
    for (i, t) in territories.iter().enumerate() {
        let i = u8::try_from(i).ok()?;
        let cc = t.calling_code.bytes().fold(0u16, |v, b| {
            v.wrapping_mul(10)
                .wrapping_add(u16::from(b.wrapping_sub(b'0')))
        });
        match groups.last_mut() {
            Some((last, _, count)) if *last == cc => *count += 1,
            _ => groups.push((cc, i, 1)),
        }
        if let Some(c) = t.country {
            *countries.get_mut(country_slot(c.as_bytes())?)? = i;
        }
    }
    for &(_, first, count) in &groups {
        for t in territories
            .iter_mut()
            .skip(usize::from(first))
            .take(usize::from(count))
        {
            t.group = (first, count);
        }
    }
    Some(Db {
        territories,
        groups,
        countries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads() {
        let db = db().expect("metadata loads");
        assert_eq!(db.territories.len(), TERRITORY_COUNT);
        assert!(db.groups.windows(2).all(|w| w[0].0 < w[1].0));
        let us = db.territory_by_country("US").expect("US");
        assert_eq!(us.calling_code, "1");
        let plus1 = db.calling_code_group(b"1").expect("+1");
        assert_eq!(plus1.first().and_then(|t| t.country), Some("US"));
        assert!(plus1.len() > 20);
        let plus800 = db.calling_code_group(b"800").expect("+800");
        assert_eq!(plus800.first().map(|t| t.country), Some(None));
        assert!(db.territory_by_country("XX").is_none());
        // Calling codes are 1 to 3 digits and never start with 0 ("01" is not +1).
        for cc in [&b""[..], b"0", b"01", b"001", b"1000", b"80012", b"1a"] {
            assert!(db.calling_code_group(cc).is_none(), "{cc:?}");
        }
    }
}

//! [`Decimal`]: money, fees, rates and percentages as OMS sends them, decimal numbers in JSON
//! strings (`"100.00"`, `"0.015"`), never floats (docs/oms-api.md §3.4).

use super::wire::{number_text, Wire, WireError};
use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Why a string is not a decimal amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecimalError {
    /// The string is empty.
    Empty,
    /// Longer than [`MAX_DECIMAL_CHARS`].
    TooLong,
    /// Not `-?digits(.digits)?`.
    Syntax,
}

impl DecimalError {
    /// Stable code: always `invalid_decimal` (the variant says why).
    pub fn code(self) -> &'static str {
        "invalid_decimal"
    }
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecimalError::Empty => "empty decimal",
            DecimalError::TooLong => "decimal too long",
            DecimalError::Syntax => "not a decimal such as \"100.00\"",
        })
    }
}

impl std::error::Error for DecimalError {}

/// Longest decimal string [`Decimal::parse`] accepts.
pub const MAX_DECIMAL_CHARS: usize = 64;

/// A decimal number kept as its exact text.
///
/// * **Writing** (request bodies, [`Decimal::parse`]): the syntax is checked: an optional `-`, one or
///   more ASCII digits, optionally `.` and one or more digits (`"100"`, `"99.42"`, `"-0.5"`). No
///   exponent, no `+`, no spaces, no thousands separators, at most [`MAX_DECIMAL_CHARS`] characters.
///   Scale is kept as written (`"100.00"` stays `"100.00"`).
/// * **Reading** (responses): whatever the server sends is kept ([`Decimal::from_wire`]); a JSON
///   number is accepted too and converted to its shortest decimal text (`12.5` → `"12.5"`).
///   Check [`Decimal::is_well_formed`] before doing arithmetic on a value read from the wire.
///
/// Always serialized as a JSON string.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Decimal(String);

/// True when `s` has the strict decimal syntax described on [`Decimal`] (any length; the
/// [`MAX_DECIMAL_CHARS`] limit applies to [`Decimal::parse`] only).
pub fn is_decimal_syntax(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], Some(&b[dot + 1..])),
        None => (b, None),
    };
    let digits = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    digits(int) && frac.is_none_or(digits)
}

impl Decimal {
    /// Parses a decimal for writing.
    ///
    /// # Errors
    /// [`DecimalError::Empty`] for an empty string, [`DecimalError::TooLong`] over
    /// [`MAX_DECIMAL_CHARS`] characters, [`DecimalError::Syntax`] otherwise.
    pub fn parse(s: &str) -> Result<Decimal, DecimalError> {
        if s.is_empty() {
            Err(DecimalError::Empty)
        } else if s.len() > MAX_DECIMAL_CHARS {
            Err(DecimalError::TooLong)
        } else if is_decimal_syntax(s) {
            Ok(Decimal(s.to_owned()))
        } else {
            Err(DecimalError::Syntax)
        }
    }

    /// Wraps what the server sent, unchecked.
    pub fn from_wire(s: impl Into<String>) -> Decimal {
        Decimal(s.into())
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the text has the strict syntax of [`Decimal::parse`] (length not limited: a tiny
    /// JSON number such as `1e-300` reads as a long but valid decimal).
    pub fn is_well_formed(&self) -> bool {
        is_decimal_syntax(&self.0)
    }

    /// True for a well-formed, strictly positive value (`"0.01"`, not `"0.00"` or `"-1"`).
    pub fn is_positive(&self) -> bool {
        self.is_well_formed()
            && !self.0.starts_with('-')
            && self.0.bytes().any(|b| (b'1'..=b'9').contains(&b))
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;
    fn from_str(s: &str) -> Result<Decimal, DecimalError> {
        Decimal::parse(s)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Decimal({:?})", self.0)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl Wire for Decimal {
    /// A string (kept as sent) or a number (as its decimal text, never in exponent form).
    fn read(v: serde_json::Value) -> Result<Self, WireError> {
        match v {
            serde_json::Value::String(s) => Ok(Self::from_wire(s)),
            serde_json::Value::Number(n) => Ok(Self::from_wire(number_text(&n))),
            _ => Err(WireError::expected("a decimal string")),
        }
    }
    fn read_text(
        r: &mut crate::model::wire_text::TextReader<'_>,
    ) -> Result<Self, crate::model::wire_text::Decline> {
        if r.peek() == Some(b'"') {
            r.string().map(Self::from_wire)
        } else {
            Self::read(r.value()?).map_err(|_| crate::model::wire_text::Decline)
        }
    }
    fn write(&self) -> serde_json::Value {
        serde_json::Value::String(self.as_str().to_owned())
    }
    fn write_json(&self, out: &mut String) {
        crate::model::wire::json_str(out, self.as_str());
    }
}

impl<'de> Deserialize<'de> for Decimal {
    /// Through a `serde_json::Value`, like every read form ([`Wire`]): a string is kept as sent,
    /// a JSON number becomes its exact decimal text (the crate enables serde_json's
    /// `arbitrary_precision`, so a number's digits are never rounded through `f64`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        <Decimal as Wire>::read(v)
            .map_err(|_| de::Error::custom("expected a decimal string or a number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax() {
        for ok in ["0", "100", "100.00", "-0.5", "0.015", "99.42"] {
            assert!(Decimal::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "", ".5", "5.", "+1", "1e3", " 1", "1,000", "--1", "-", "1.2.3", "NaN", "١",
        ] {
            assert!(Decimal::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Decimal::parse(&"1".repeat(65)), Err(DecimalError::TooLong));
        assert!(Decimal::from_wire("0.01").is_positive());
        assert!(!Decimal::from_wire("0.00").is_positive());
        assert!(!Decimal::from_wire("-3").is_positive());
    }

    #[test]
    fn reads_numbers_as_text() {
        let d: Vec<Decimal> =
            serde_json::from_str(r#"["1.50", 12.5, 3, -2, 0.1]"#).unwrap_or_default();
        let texts: Vec<&str> = d.iter().map(Decimal::as_str).collect();
        assert_eq!(texts, ["1.50", "12.5", "3", "-2", "0.1"]);
        assert_eq!(
            serde_json::to_string(&d[1]).ok().as_deref(),
            Some("\"12.5\"")
        );
        // never rounded through f64: the digits as sent, exponents expanded
        let d: Vec<Decimal> = serde_json::from_str(
            r#"[12345678901234567890.123456789, 0.1000000000000000055511151231257827, 1e-7, 123456789012345678901234567890]"#,
        )
        .unwrap_or_default();
        let texts: Vec<&str> = d.iter().map(Decimal::as_str).collect();
        assert_eq!(
            texts,
            [
                "12345678901234567890.123456789",
                "0.1000000000000000055511151231257827",
                "0.0000001",
                "123456789012345678901234567890"
            ]
        );
    }
}

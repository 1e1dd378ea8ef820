//! [`Sensitive`]: a wrapper for personal data and credentials that must never reach logs.

use std::fmt;

/// Holds a value that must not appear in `Debug` output, error messages or logs: SSN/ITIN numbers,
/// birth dates, API secrets, tokens, webhook secrets.
///
/// `Debug` and `Display` print `[redacted]`. Serialization is transparent (the wire needs the value);
/// read it explicitly with [`Sensitive::expose`].
#[derive(Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Sensitive(value)
    }

    /// The wrapped value. Named so that every read of a secret is easy to find in review.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Sensitive(value)
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<T> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed_but_serialized() {
        let s = Sensitive::new("123-45-6789".to_string());
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"123-45-6789\"");
        assert_eq!(s.expose(), "123-45-6789");
    }
}

//! A [`Value`] from JSON text made by the engine's `JSON.stringify`: the bindings' fast path for
//! large inputs (a whole customer payload), one string crossing instead of one crossing per key,
//! value and type test.
//!
//! Only what gives exactly the [`Value`] the object walk of the bindings would give is accepted:
//! objects, arrays, strings, `true`/`false`/`null` and whole numbers of at most 15 digits (exact in
//! f64; `-0` is never written by `JSON.stringify`, which the JS side rules out before calling).
//! Anything else — a fraction or an exponent, a lone surrogate escape (`JSON.stringify` writes
//! `\udXXX` for one), a string longer than `max_units` UTF-16 units, nesting deeper than
//! `max_depth`, more than `max_items` entries in one container, malformed text — returns `None`,
//! and the caller takes the exact path instead. So the two paths can never disagree: this one
//! declines what it cannot reproduce.

use super::value::Value;

/// Limits of [`parse`]; the same as the object walk's (the caller passes them).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Deepest nesting: a container at this depth (the top level is 0) is declined.
    pub max_depth: usize,
    /// Most entries of one array or object.
    pub max_items: usize,
    /// Longest string (key or value), in UTF-16 code units.
    pub max_units: usize,
    /// Most values in total.
    pub max_nodes: usize,
}

/// Parses `text` (one JSON value, no surrounding whitespace needed) into a [`Value`], or `None`
/// when the text is not something this fast path reproduces exactly (see the module docs).
pub fn parse(text: &str, limits: Limits) -> Option<Value> {
    let mut p = Parser {
        text,
        s: text.as_bytes(),
        i: 0,
        limits,
        nodes: 0,
        // (room for a customer with its address and documents without regrowing)
        entries: Vec::with_capacity(32),
        items: Vec::with_capacity(8),
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

struct Parser<'a> {
    /// The text; every cut below is at an ASCII byte (a quote, a backslash, an escape's end), so
    /// slicing it needs no UTF-8 check.
    text: &'a str,
    s: &'a [u8],
    i: usize,
    limits: Limits,
    nodes: usize,
    /// The entries of the objects being read, innermost last: each object takes its own off the
    /// end into a vector of exactly its size (one allocation per object, none regrown).
    entries: Vec<(String, Value)>,
    /// The same for arrays.
    items: Vec<Value>,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn lit(&mut self, word: &[u8], v: Value) -> Option<Value> {
        if self.s.get(self.i..self.i + word.len())? == word {
            self.i += word.len();
            Some(v)
        } else {
            None
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return None;
        }
        self.ws();
        match *self.s.get(self.i)? {
            b'"' => self.string().map(Value::String),
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b't' => self.lit(b"true", Value::Bool(true)),
            b'f' => self.lit(b"false", Value::Bool(false)),
            b'n' => self.lit(b"null", Value::Null),
            b'-' | b'0'..=b'9' => self.integer(),
            _ => None,
        }
    }

    /// A whole number of at most 15 digits (every such number is exact in f64).
    fn integer(&mut self) -> Option<Value> {
        let neg = self.s.get(self.i) == Some(&b'-');
        if neg {
            self.i += 1;
        }
        let start = self.i;
        let mut n: i64 = 0;
        while let Some(&d @ b'0'..=b'9') = self.s.get(self.i) {
            n = n * 10 + i64::from(d - b'0');
            self.i += 1;
            if self.i - start > 15 {
                return None;
            }
        }
        let digits = self.i - start;
        // no digits, a leading zero, a fraction or an exponent, or `-0`: not this path's
        if digits == 0
            || (digits > 1 && self.s.get(start) == Some(&b'0'))
            || matches!(self.s.get(self.i), Some(b'.' | b'e' | b'E'))
            || (neg && n == 0)
        {
            return None;
        }
        Some(Value::Number(if neg { -n } else { n } as f64))
    }

    fn array(&mut self, depth: usize) -> Option<Value> {
        if depth >= self.limits.max_depth {
            return None;
        }
        self.i += 1;
        let base = self.items.len();
        self.ws();
        if self.s.get(self.i) == Some(&b']') {
            self.i += 1;
            return Some(Value::Array(Vec::new()));
        }
        loop {
            if self.items.len() - base == self.limits.max_items {
                return None;
            }
            let v = self.value(depth + 1)?;
            self.items.push(v);
            self.ws();
            match *self.s.get(self.i)? {
                b',' => self.i += 1,
                b']' => {
                    self.i += 1;
                    return Some(Value::Array(self.items.drain(base..).collect()));
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Value> {
        if depth >= self.limits.max_depth {
            return None;
        }
        self.i += 1;
        let base = self.entries.len();
        self.ws();
        if self.s.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Some(Value::Object(Vec::new()));
        }
        loop {
            if self.entries.len() - base == self.limits.max_items {
                return None;
            }
            self.ws();
            if self.s.get(self.i) != Some(&b'"') {
                return None;
            }
            let key = self.string()?;
            self.ws();
            if self.s.get(self.i) != Some(&b':') {
                return None;
            }
            self.i += 1;
            let v = self.value(depth + 1)?;
            self.entries.push((key, v));
            self.ws();
            match *self.s.get(self.i)? {
                b',' => self.i += 1,
                b'}' => {
                    self.i += 1;
                    return Some(Value::Object(self.entries.drain(base..).collect()));
                }
                _ => return None,
            }
        }
    }

    /// A string at `self.i` (the opening quote). Declines lone surrogates and over-long strings.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let start = self.i;
        // the common case: no escapes, copied in one go
        while let Some(&b) = self.s.get(self.i) {
            match b {
                b'"' => {
                    let s = self.text.get(start..self.i)?;
                    self.i += 1;
                    return self.fits(s).then(|| s.to_owned());
                }
                b'\\' => break,
                0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.i)?);
        loop {
            let b = *self.s.get(self.i)?;
            match b {
                b'"' => {
                    self.i += 1;
                    return self.fits(&out).then_some(out);
                }
                b'\\' => {
                    let e = *self.s.get(self.i + 1)?;
                    self.i += 2;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            if (0xD800..0xDC00).contains(&hi) {
                                // a pair is written as two escapes only if the engine chose to;
                                // `JSON.stringify` writes pairs raw, so this is rare — but exact
                                if self.s.get(self.i..self.i + 2)? != b"\\u" {
                                    return None;
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))?
                            } else {
                                // a lone low surrogate fails here too
                                char::from_u32(hi)?
                            }
                        }
                        _ => return None,
                    };
                    out.push(c);
                }
                0..=0x1f => return None,
                _ => {
                    // copy up to the next quote or backslash
                    let from = self.i;
                    while let Some(&c) = self.s.get(self.i) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(self.text.get(from..self.i)?);
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        let mut n = 0;
        for &c in h {
            n = n * 16 + char::from(c).to_digit(16)?;
        }
        self.i += 4;
        Some(n)
    }

    /// Within the string limit, counted in UTF-16 units as JS does.
    fn fits(&self, s: &str) -> bool {
        // bytes ≥ units, so most strings need no count
        s.len() <= self.limits.max_units
            || s.chars().map(char::len_utf16).sum::<usize>() <= self.limits.max_units
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits {
        max_depth: 12,
        max_items: 1000,
        max_units: 65_536,
        max_nodes: 20_000,
    };
    fn p(s: &str) -> Option<Value> {
        parse(s, L)
    }
    fn st(s: &str) -> Value {
        Value::String(s.into())
    }

    #[test]
    fn objects_arrays_and_scalars() {
        assert_eq!(
            p(r#"{"a":"x","b":[true,false,null],"c":{},"d":[],"e":-42,"f":0}"#),
            Some(Value::Object(vec![
                ("a".into(), st("x")),
                (
                    "b".into(),
                    Value::Array(vec![Value::Bool(true), Value::Bool(false), Value::Null])
                ),
                ("c".into(), Value::Object(vec![])),
                ("d".into(), Value::Array(vec![])),
                ("e".into(), Value::Number(-42.0)),
                ("f".into(), Value::Number(0.0)),
            ]))
        );
        assert_eq!(
            p(" [ 1 , \"é\" ] "),
            Some(Value::Array(vec![Value::Number(1.0), st("é")]))
        );
    }

    #[test]
    fn escapes_and_pairs() {
        assert_eq!(
            p(r#""a\"b\\c\/\n\t\u0001\u00e9""#),
            Some(st("a\"b\\c/\n\t\u{1}é"))
        );
        assert_eq!(p(r#""\ud83d\ude00""#), Some(st("😀")));
        assert_eq!(p("\"😀\""), Some(st("😀")));
    }

    #[test]
    fn declines_what_it_cannot_reproduce() {
        for bad in [
            r#""\ud800""#,       // lone high surrogate (JSON.stringify's escape)
            r#""\udc00""#,       // lone low surrogate
            r#""\ud800\u0041""#, // high surrogate + non-surrogate
            "1.5",
            "1e3",
            "-0",
            "01",
            "1234567890123456", // 16 digits
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "\"unterminated",
            "\"ctl\u{1}\"",
            "nul",
            "undefined",
            "{} x",
            "",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn limits() {
        let deep = format!("{}{}", "[".repeat(12), "]".repeat(12));
        assert!(p(&deep).is_some());
        let too_deep = format!("{}{}", "[".repeat(13), "]".repeat(13));
        assert_eq!(p(&too_deep), None);
        let many = format!("[{}]", vec!["1"; 1000].join(","));
        assert!(p(&many).is_some());
        let too_many = format!("[{}]", vec!["1"; 1001].join(","));
        assert_eq!(p(&too_many), None);
        let long = format!("\"{}\"", "é".repeat(65_536));
        assert!(p(&long).is_some());
        let too_long = format!("\"{}\"", "a".repeat(65_537));
        assert_eq!(p(&too_long), None);
        let nodes = Limits { max_nodes: 3, ..L };
        assert!(parse("[1,2]", nodes).is_some());
        assert_eq!(parse("[1,2,3]", nodes), None);
    }
}

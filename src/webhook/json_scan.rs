//! A strict JSON (RFC 8259) scanner for verified webhook bodies: checks that the whole body is one
//! JSON value and, when it is an object, reads its top-level `type` and whether it has `data` —
//! without building a tree (the bindings hand the text to the engine's `JSON.parse`) and without
//! serde, which would be most of the webhook-only `.wasm` (`oms-wasm/webhooks`).
//!
//! It accepts what `serde_json` accepts (strict grammar, UTF-8, escapes checked, lone surrogate
//! escapes such as `"\ud800"` rejected, nesting limited to serde_json's 127 levels),
//! with one deliberate difference: numbers are only checked for syntax, so `1e400` is accepted (as
//! `JSON.parse` does; serde_json reports it out of range). The property tests below compare the two
//! on generated and mutated documents.

/// Deepest nesting accepted: 127 levels of arrays and objects, as serde_json's default recursion
/// limit allows.
const MAX_DEPTH: u32 = 127;

/// The top-level `type` member.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TypeMember {
    /// A string (decoded).
    Str(String),
    /// Any other JSON value.
    Other,
}

/// What the scan found at the top level.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Top {
    /// An object: its last `type` member (as `JSON.parse` keeps the last) and whether it has `data`.
    Object {
        event_type: Option<TypeMember>,
        has_data: bool,
    },
    /// An array, string, number, boolean or null.
    NotObject,
}

/// Where and why a body is not JSON.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct JsonError {
    /// `"syntax error"` or `"unexpected end"`.
    pub kind: &'static str,
    /// 1-based line of the offending byte.
    pub line: usize,
    /// 1-based column (in bytes) of the offending byte.
    pub column: usize,
}

/// Scans `body` as one JSON document.
#[cfg_attr(oms_nightly, optimize(speed))]
pub(crate) fn scan(body: &[u8]) -> Result<Top, JsonError> {
    let mut p = Parser { b: body, i: 0 };
    if let Err(e) = std::str::from_utf8(body) {
        // (outside strings any non-ASCII byte is a syntax error anyway)
        p.i = e.valid_up_to();
        return Err(p.error());
    }
    p.ws();
    let top = if p.peek() == Some(b'{') {
        p.i += 1;
        p.top_object()?
    } else {
        p.value(0)?;
        Top::NotObject
    };
    p.ws();
    if p.i != body.len() {
        return Err(p.error());
    }
    Ok(top)
}

/// Whether `body` is one JSON document.
#[cfg(test)]
fn is_json(body: &[u8]) -> bool {
    scan(body).is_ok()
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn error(&self) -> JsonError {
        let upto = &self.b[..self.i.min(self.b.len())];
        let line_start = upto.iter().rposition(|&c| c == b'\n').map_or(0, |n| n + 1);
        JsonError {
            kind: if self.i >= self.b.len() {
                "unexpected end"
            } else {
                "syntax error"
            },
            line: 1 + upto.iter().filter(|&&c| c == b'\n').count(),
            column: self.i - line_start + 1,
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn expect(&mut self, c: u8) -> Result<(), JsonError> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.error())
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn literal(&mut self, word: &[u8]) -> Result<(), JsonError> {
        for &c in word {
            self.expect(c)?;
        }
        Ok(())
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn value(&mut self, depth: u32) -> Result<(), JsonError> {
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => Err(self.error()),
            Some(b'{') => {
                self.i += 1;
                self.members(depth + 1, |_, p, d| p.value(d))
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    self.value(depth + 1)?;
                    self.ws();
                    match self.peek() {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.error()),
                    }
                }
            }
            Some(b'"') => {
                self.i += 1;
                self.string(None).map(|_| ())
            }
            Some(b't') => self.literal(b"true"),
            Some(b'f') => self.literal(b"false"),
            Some(b'n') => self.literal(b"null"),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error()),
        }
    }

    /// The members of an object whose `{` was consumed; `member(key, parser, depth)` reads each
    /// value.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn members(
        &mut self,
        depth: u32,
        mut member: impl FnMut(&str, &mut Self, u32) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(());
        }
        let mut decoded = String::new();
        loop {
            self.ws();
            self.expect(b'"')?;
            let start = self.i;
            let escaped = self.string(None)?;
            // most keys have no escapes: compare the raw bytes (a char-boundary slice of UTF-8)
            let b = self.b;
            let raw = b.get(start..self.i - 1).unwrap_or_default();
            let key = if escaped {
                decoded.clear();
                let mut p = Parser {
                    b: self.b,
                    i: start,
                };
                p.string(Some(&mut decoded))?;
                decoded.as_str()
            } else {
                std::str::from_utf8(raw).unwrap_or_default()
            };
            self.ws();
            self.expect(b':')?;
            self.ws();
            member(key, self, depth)?;
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(());
                }
                _ => return Err(self.error()),
            }
        }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn top_object(&mut self) -> Result<Top, JsonError> {
        let mut event_type = None;
        let mut has_data = false;
        self.members(1, |key, p, depth| {
            if key == "type" && p.peek() == Some(b'"') {
                p.i += 1;
                let mut s = String::new();
                p.string(Some(&mut s))?;
                event_type = Some(TypeMember::Str(s));
                return Ok(());
            }
            match key {
                "type" => event_type = Some(TypeMember::Other),
                "data" => has_data = true,
                _ => {}
            }
            p.value(depth)
        })?;
        Ok(Top::Object {
            event_type,
            has_data,
        })
    }

    /// The rest of a string whose `"` was consumed, decoded into `out` when given. Returns whether
    /// it had escapes.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn string(&mut self, mut out: Option<&mut String>) -> Result<bool, JsonError> {
        let mut escaped = false;
        loop {
            let start = self.i;
            self.skip_plain();
            if let Some(o) = out.as_deref_mut() {
                // the body is valid UTF-8 and the run stops at ASCII bytes: a char boundary
                o.push_str(std::str::from_utf8(&self.b[start..self.i]).unwrap_or_default());
            }
            match self.peek() {
                Some(b'"') => {
                    self.i += 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    self.i += 1;
                    escaped = true;
                    let c = self.escape()?;
                    if let Some(o) = out.as_deref_mut() {
                        o.push(c);
                    }
                }
                _ => return Err(self.error()),
            }
        }
    }

    /// Moves past string bytes that need no attention (not `"`, `\` or a control character),
    /// eight at a time while it can: bodies are mostly long strings.
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // nonzero iff some byte of `w` is below `n` (n <= 128)
        let has_less = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGH;
        let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
        let b = self.b;
        let mut i = self.i;
        while let Some(Ok(word)) = b.get(i..i + 8).map(<[u8; 8]>::try_from) {
            let w = u64::from_le_bytes(word);
            if has_less(w, 0x20) | has_zero(w ^ (ONES * 0x22)) | has_zero(w ^ (ONES * 0x5c)) != 0 {
                break;
            }
            i += 8;
        }
        while let Some(&c) = b.get(i) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                break;
            }
            i += 1;
        }
        self.i = i;
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn escape(&mut self) -> Result<char, JsonError> {
        let c = self.peek().ok_or_else(|| self.error())?;
        self.i += 1;
        Ok(match c {
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
                let code = match hi {
                    0xD800..=0xDBFF => {
                        if self.peek() != Some(b'\\') || self.b.get(self.i + 1) != Some(&b'u') {
                            return Err(self.error());
                        }
                        self.i += 2;
                        let lo = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&lo) {
                            return Err(self.error());
                        }
                        0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.error()),
                    _ => hi,
                };
                char::from_u32(code).ok_or_else(|| self.error())?
            }
            _ => {
                self.i -= 1;
                return Err(self.error());
            }
        })
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(c @ b'0'..=b'9') => c - b'0',
                Some(c @ b'a'..=b'f') => c - b'a' + 10,
                Some(c @ b'A'..=b'F') => c - b'A' + 10,
                _ => return Err(self.error()),
            };
            v = v * 16 + u32::from(d);
            self.i += 1;
        }
        Ok(v)
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn digits(&mut self) -> Result<(), JsonError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error());
        }
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        Ok(())
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn number(&mut self) -> Result<(), JsonError> {
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            _ => self.digits()?,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            self.digits()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn top(s: &str) -> Result<Top, JsonError> {
        scan(s.as_bytes())
    }

    #[test]
    fn envelopes() {
        assert_eq!(
            top(
                r#" {"type":"cashIn.completed","data":{"id":"ci_1","n":[1,2.5e-3,-0,true,null]}} "#
            ),
            Ok(Top::Object {
                event_type: Some(TypeMember::Str("cashIn.completed".into())),
                has_data: true
            })
        );
        // escaped key and value; the last `type` wins
        assert_eq!(
            top(r#"{"type":1,"\u0074ype":"a\u00e9\ud83d\ude00\n"}"#),
            Ok(Top::Object {
                event_type: Some(TypeMember::Str("aé😀\n".into())),
                has_data: false
            })
        );
        assert_eq!(
            top(r#"{"type":"x","type":{}}"#),
            Ok(Top::Object {
                event_type: Some(TypeMember::Other),
                has_data: false
            })
        );
        assert_eq!(
            top("{}"),
            Ok(Top::Object {
                event_type: None,
                has_data: false
            })
        );
        for s in ["[]", "\"s\"", "1", "true", "null", "[{\"type\":\"x\"}]"] {
            assert_eq!(top(s), Ok(Top::NotObject), "{s}");
        }
        assert!(is_json(b"1e400"));
    }

    #[test]
    fn not_json() {
        for s in [
            "",
            " ",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "[1,]",
            "[1 2]",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"abc",
            "\"a\u{1}\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "{} {}",
            "{'a':1}",
            "NaN",
            "[1]x",
            "\u{feff}{}",
        ] {
            assert!(!is_json(s.as_bytes()), "{s:?}");
        }
        assert!(!is_json(b"\"\xff\""));
        let nested = |n: usize| "[".repeat(n) + &"]".repeat(n);
        assert!(is_json(nested(127).as_bytes()));
        assert!(!is_json(nested(128).as_bytes()));
        let objects = |n: usize| "{\"a\":".repeat(n) + "1" + &"}".repeat(n);
        assert!(is_json(objects(127).as_bytes()));
        assert!(!is_json(objects(128).as_bytes()));
    }

    #[test]
    fn special_bytes_at_every_offset_of_a_word() {
        for pos in 0..20 {
            for special in [b'"', b'\\', 0x01, 0x1f, 0x20, 0x7f, b'#'] {
                let mut body = b"{\"type\":\"".to_vec();
                body.extend(std::iter::repeat_n(b'a', pos));
                body.push(special);
                body.extend(b"bbbbbbbbbbbb\"}");
                let serde = serde_json::from_slice::<serde_json::Value>(&body).ok();
                let ours = scan(&body).ok();
                assert_eq!(
                    ours.is_some(),
                    serde.is_some(),
                    "pos {pos} byte {special:#x}"
                );
                if let (
                    Some(Top::Object {
                        event_type: Some(TypeMember::Str(t)),
                        ..
                    }),
                    Some(v),
                ) = (&ours, &serde)
                {
                    assert_eq!(Some(t.as_str()), v["type"].as_str());
                }
            }
        }
    }

    #[test]
    fn error_positions() {
        assert_eq!(
            top("{\n  \"a\": x}"),
            Err(JsonError {
                kind: "syntax error",
                line: 2,
                column: 8
            })
        );
        assert_eq!(
            top("[1,"),
            Err(JsonError {
                kind: "unexpected end",
                line: 1,
                column: 4
            })
        );
    }

    /// Every escape JSON has decodes to its character (`\b \f \n \r \t \" \\ \/`), `\u`
    /// takes upper- and lower-case hex digits (surrogate pairs too), as serde_json reads them.
    #[test]
    fn escapes_decode() {
        for (body, want) in [
            (
                r#"{"type":"a\bb\fc\nd\re\tf\"g\\h\/i"}"#,
                "a\u{8}b\u{c}c\nd\re\tf\"g\\h/i",
            ),
            (r#"{"type":"\f"}"#, "\u{c}"),
            (r#"{"type":"\r"}"#, "\r"),
            (r#"{"type":"\t"}"#, "\t"),
            (r#"{"type":"\u00C9\u00c9\u00eA"}"#, "ÉÉê"),
            (r#"{"type":"\uABCD\uFFFF"}"#, "\u{abcd}\u{ffff}"),
            (r#"{"type":"\uD83D\uDE00\uDBFF\uDFFF"}"#, "😀\u{10ffff}"),
        ] {
            let serde: serde_json::Value = serde_json::from_str(body).expect(body);
            assert_eq!(serde["type"].as_str(), Some(want), "{body}");
            assert_eq!(
                top(body),
                Ok(Top::Object {
                    event_type: Some(TypeMember::Str(want.to_owned())),
                    has_data: false
                }),
                "{body}"
            );
        }
    }

    /// A high surrogate escape must be followed by a `\u` low surrogate escape: another escape,
    /// or a `u` without the backslash, is refused (serde_json agrees); a lone low surrogate too.
    #[test]
    fn surrogate_escapes_need_their_pair() {
        for body in [
            r#""\ud800\ndc00""#,
            r#""\ud800xudc00""#,
            r#""\ud800\\udc00""#,
            r#""\ud800u\dc00""#,
            r#""\ud800\u""#,
            r#""\ud800\ud800""#,
            r#""\ud800""#,
            r#""\udc00\ud800""#,
            r#""\uDFFF""#,
        ] {
            assert!(
                serde_json::from_str::<serde_json::Value>(body).is_err(),
                "{body}"
            );
            assert!(!is_json(body.as_bytes()), "{body}");
        }
    }

    /// An unknown escape is reported at its character (the message's column points at it).
    #[test]
    fn bad_escape_position() {
        assert_eq!(
            top(r#"{"type":"\x"}"#),
            Err(JsonError {
                kind: "syntax error",
                line: 1,
                column: 11
            })
        );
        assert_eq!(
            top("[\"ok\",\n \"\\a\"]"),
            Err(JsonError {
                kind: "syntax error",
                line: 2,
                column: 4
            })
        );
        assert_eq!(
            top(r#""\"#),
            Err(JsonError {
                kind: "unexpected end",
                line: 1,
                column: 3
            })
        );
    }

    use proptest::prelude::*;

    /// JSON documents: values serde_json writes, with some whitespace and escapes of our own.
    fn document() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            any::<bool>().prop_map(|b| b.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            (-1e300f64..1e300).prop_map(|f| serde_json::to_string(&f).unwrap_or_default()),
            "\\PC{0,8}".prop_map(|s| serde_json::to_string(&s).unwrap_or_default()),
            Just(r#""\u00e9\ud83d\ude00\/\b""#.to_owned()),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5)
                    .prop_map(|v| format!("[ {} ]", v.join(" ,"))),
                prop::collection::vec(
                    (
                        prop_oneof![
                            Just("type".to_owned()),
                            Just("data".to_owned()),
                            "[a-z]{0,4}".prop_map(|s| s)
                        ],
                        inner
                    ),
                    0..5
                )
                .prop_map(|v| format!(
                    "{{{}}}",
                    v.iter()
                        .map(|(k, x)| format!("\n\"{k}\" : {x}"))
                        .collect::<Vec<_>>()
                        .join(",")
                )),
            ]
        })
    }

    /// A document, or one with a byte inserted, removed or replaced.
    fn maybe_broken() -> impl Strategy<Value = Vec<u8>> {
        (
            document(),
            0usize..4,
            any::<prop::sample::Index>(),
            any::<u8>(),
        )
            .prop_map(|(d, op, at, b)| {
                let mut v = d.into_bytes();
                let i = at.index(v.len() + 1);
                match op {
                    1 => v.insert(i, b),
                    2 if i < v.len() => {
                        v.remove(i);
                    }
                    3 if i < v.len() => v[i] = b,
                    _ => {}
                }
                v
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn agrees_with_serde_json(body in maybe_broken()) {
            let ours = scan(&body);
            match serde_json::from_slice::<serde_json::Value>(&body) {
                Ok(v) => {
                    let expected = match v.as_object() {
                        Some(o) => Top::Object {
                            event_type: o.get("type").map(|t| match t.as_str() {
                                Some(s) => TypeMember::Str(s.to_owned()),
                                None => TypeMember::Other,
                            }),
                            has_data: o.contains_key("data"),
                        },
                        None => Top::NotObject,
                    };
                    prop_assert_eq!(ours, Ok(expected));
                }
                Err(e) if e.to_string().contains("out of range") => {}
                Err(_) => prop_assert!(ours.is_err(), "accepted what serde_json rejects: {:?}", String::from_utf8_lossy(&body)),
            }
        }

        #[test]
        fn never_panics(body in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = scan(&body);
        }
    }
}

//! The JSON text reader behind [`super::wire::Wire::read_text`]: reading a response's JSON text
//! straight into its typed value (the struct level is `super::wire::read_fields_text`), without
//! building a `serde_json::Value` tree first: the client's response path (`received`), where the
//! `Value` tree was most of the time a response took in wasm.
//!
//! It follows the rule of the validators' JSON fast path: **decline what it cannot reproduce**.
//! The reader only ever answers with the value [`super::wire::Wire::read`] would give for the
//! same text; for anything else — malformed JSON, a value of the wrong JSON type, two aliases in
//! one object each sent before its canonical key, nesting past serde_json's limit — it returns
//! [`Decline`], and the caller reads the text again through `serde_json::Value` and
//! [`super::wire::Wire::read`], which gives the exact answer or the exact error. So the two paths
//! cannot disagree, and the error messages (field paths) come from one place.
//!
//! What it reads itself: objects of known structs (fields by table, aliases, the documented
//! alternative shapes), arrays, strings without escapes, `true`/`false`/`null`, whole numbers in
//! `u64` fields. Everything else (strings with escapes, other numbers, unknown members kept in
//! `extra`, `Value`/`Map` fields) is handed to serde_json for that one value.
//!
//! The equivalence is tested against the `Value` path on every response vector, in property
//! tests over mutated responses (tests/it/api_props.rs), in unit tests at each edge
//! (`wire_text_tests.rs`) and in the `response` fuzz target.

use serde_json::Value;
use std::borrow::Cow;

/// The text cannot be read here (see the module docs): read it through `serde_json::Value`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decline;

/// Deepest nesting of arrays and objects serde_json accepts (its recursion limit of 128, counted
/// so that 128 nested containers fail). Checked against serde_json by a test.
pub const MAX_NESTING: usize = 127;

/// A position in a JSON text being read. `Debug` prints the position, never the text (a response
/// may carry a token or personal data).
#[derive(Clone)]
pub struct TextReader<'a> {
    s: &'a str,
    pos: usize,
    /// Containers open at `pos`.
    depth: usize,
}

impl std::fmt::Debug for TextReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextReader")
            .field("len", &self.s.len())
            .field("pos", &self.pos)
            .field("depth", &self.depth)
            .finish()
    }
}

impl<'a> TextReader<'a> {
    /// A reader at the start of `s`.
    pub fn new(s: &'a str) -> TextReader<'a> {
        TextReader {
            s,
            pos: 0,
            depth: 0,
        }
    }

    /// The offset of the next byte.
    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// A reader of the same text at `pos` (the same open containers).
    pub(crate) fn at(&self, pos: usize) -> TextReader<'a> {
        TextReader {
            pos,
            ..self.clone()
        }
    }

    /// Consumes the `b` that closes the container opened last.
    pub(crate) fn close(&mut self, b: u8) -> Result<(), Decline> {
        self.eat(b)?;
        self.depth -= 1;
        Ok(())
    }

    /// Consumes a `,` if one is next (after whitespace).
    pub(crate) fn comma(&mut self) -> bool {
        self.eat(b',').is_ok()
    }

    fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }

    /// Skips JSON whitespace.
    pub(crate) fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after whitespace (not consumed). Inlined: compact JSON (what APIs send) has
    /// no whitespace, and this is called before every token.
    #[inline]
    pub fn peek(&mut self) -> Option<u8> {
        let b = self.bytes().get(self.pos).copied();
        match b {
            Some(b' ' | b'\n' | b'\r' | b'\t') => {
                self.ws();
                self.bytes().get(self.pos).copied()
            }
            _ => b,
        }
    }

    /// Consumes `b` (after whitespace).
    #[inline]
    pub(crate) fn eat(&mut self, b: u8) -> Result<(), Decline> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Decline)
        }
    }

    /// True, with nothing but whitespace left.
    pub fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// Consumes a `null` literal if one is next.
    pub fn null(&mut self) -> bool {
        self.literal(b"null")
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        self.ws();
        let hit = self.bytes().get(self.pos..self.pos + word.len()) == Some(word);
        if hit {
            self.pos += word.len();
        }
        hit
    }

    /// A `true` or `false` literal.
    ///
    /// # Errors
    /// [`Decline`] for anything else.
    pub fn bool(&mut self) -> Result<bool, Decline> {
        if self.literal(b"true") {
            Ok(true)
        } else if self.literal(b"false") {
            Ok(false)
        } else {
            Err(Decline)
        }
    }

    /// Opens a container (`[` or `{`, already checked by the caller). The known types nest a few
    /// levels only, so the limit can only be reached inside a value read by [`TextReader::value`],
    /// which checks it.
    pub(crate) fn enter(&mut self) {
        self.depth += 1;
        self.pos += 1;
    }

    /// The next value, through serde_json (strings with escapes, numbers, unknown members).
    ///
    /// # Errors
    /// [`Decline`] when serde_json rejects it, or when its nesting at this depth would pass
    /// serde_json's limit for the whole text.
    #[inline(never)]
    pub fn value(&mut self) -> Result<Value, Decline> {
        self.ws();
        let rest = &self.s[self.pos..];
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        let Some(Ok(v)) = values.next() else {
            return Err(Decline);
        };
        let len = values.byte_offset();
        // a container takes at least two bytes, so only a long value can be deep enough to matter
        if self.depth + len / 2 > MAX_NESTING && self.depth + nesting(&v) > MAX_NESTING {
            return Err(Decline);
        }
        self.pos += len;
        Ok(v)
    }

    /// A string value.
    ///
    /// # Errors
    /// [`Decline`] when the next value is not a string.
    pub fn string(&mut self) -> Result<String, Decline> {
        self.str().map(Cow::into_owned)
    }

    /// A string: borrowed from the text when it has no escapes, else decoded by serde_json.
    pub(crate) fn str(&mut self) -> Result<Cow<'a, str>, Decline> {
        if self.peek() != Some(b'"') {
            return Err(Decline);
        }
        let start = self.pos + 1;
        let b = self.bytes();
        let mut i = start;
        while let Some(&c) = b.get(i) {
            match c {
                b'"' => {
                    self.pos = i + 1;
                    // (`start..i` lies between two ASCII quotes: on char boundaries)
                    return Ok(Cow::Borrowed(&self.s[start..i]));
                }
                b'\\' => {
                    return match self.value()? {
                        Value::String(s) => Ok(Cow::Owned(s)),
                        _ => Err(Decline),
                    }
                }
                0..=0x1f => return Err(Decline),
                _ => i += 1,
            }
        }
        Err(Decline)
    }

    /// A whole number of at most 19 digits (always fits `u64`), as written by JSON.
    ///
    /// # Errors
    /// [`Decline`] for anything else (a sign, a fraction, an exponent, a leading zero, more
    /// digits): the caller takes serde_json's reading instead.
    pub fn whole(&mut self) -> Result<u64, Decline> {
        self.ws();
        let b = self.bytes();
        let start = self.pos;
        let mut i = start;
        let mut n: u64 = 0;
        while let Some(&d @ b'0'..=b'9') = b.get(i) {
            n = n.wrapping_mul(10).wrapping_add(u64::from(d - b'0'));
            i += 1;
        }
        let digits = i - start;
        if digits == 0
            || digits > 19
            || (digits > 1 && b[start] == b'0')
            || matches!(b.get(i), Some(b'.' | b'e' | b'E'))
        {
            return Err(Decline);
        }
        self.pos = i;
        Ok(n)
    }

    /// The items of an array, each read by `each` (not generic: one copy for every item type).
    #[inline(never)]
    pub fn items(
        &mut self,
        each: &mut dyn FnMut(&mut TextReader<'a>) -> Result<(), Decline>,
    ) -> Result<(), Decline> {
        if self.peek() != Some(b'[') {
            return Err(Decline);
        }
        self.enter();
        if self.peek() != Some(b']') {
            loop {
                each(self)?;
                if !self.comma() {
                    break;
                }
            }
        }
        self.close(b']')
    }
}

/// Nesting of arrays and objects in `v` (0 for a scalar).
fn nesting(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(nesting).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

//! The machinery behind "tolerant reading, strict writing" (docs/ARCHITECTURE.md), in one place:
//!
//! - [`Wire`]: how a read-form type is read from and written to a `serde_json::Value`. Every
//!   response type implements it; `Serialize`/`Deserialize` are bridged through it, so serde users
//!   (the emulator, `serde_json::from_str`) get the same behaviour. It is hand-rolled rather than
//!   derived to keep the wasm small: a field costs one call to a generic helper shared by every field
//!   of the same type, instead of a derived visitor per struct.
//! - [`Extra`]: the unknown fields of a response object, kept verbatim and written back after the
//!   known ones (so a round trip loses nothing). `Debug` prints only their keys.
//! - `open_enum!`: string enums with the documented values plus `Other(String)`, so a value this
//!   SDK does not know survives a round trip unchanged.
//! - `wire_struct!`: response structs whose fields are all optional (OMS publishes no guarantee of
//!   which fields a response carries, and its pages disagree), each with its wire name; absent and
//!   `null` read the same and are not written; unknown fields in [`Extra`]. With a `read { ... }`
//!   clause the struct also accepts documented aliases (docs/oms-api.md §14) and alternative
//!   JSON shapes.
//! - [`Shape`]: that pre-reading step. An alias is renamed to its canonical key only when the
//!   canonical key is absent; when both are present the alias stays an unknown field (instead of
//!   failing), so a server that sends both still parses.
//!
//! Value-level tolerance, by type: `f64` also reads numeric strings; `Decimal` also
//! reads JSON numbers (as decimal text); IDs also read `{ "id": "…" }` objects (docs/oms-api.md, C4);
//! `u64` also reads integral floats (`3600.0`). Everything else must have its JSON type, or the
//! whole response is `invalid_response` (with the field path in the message, never the value).

use super::wire_text::{Decline, TextReader};
use crate::secret::Sensitive;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};
use std::fmt;
use std::ops::{Deref, DerefMut};

/// Unknown fields of a response object, in the order received. Written back after the known fields.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Extra(pub Map<String, Value>);

impl Deref for Extra {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

impl DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        &mut self.0
    }
}

impl fmt::Debug for Extra {
    /// Only the keys: unknown fields may hold personal data.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.0.keys()).finish()
    }
}

/// Why a value could not be read: the JSON type expected and where (never the value itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireError {
    /// What was expected, e.g. `"a string"`.
    pub expected: &'static str,
    /// Path from the root, e.g. `source.amountGross` or `data[2].id`.
    pub path: String,
}

impl WireError {
    /// An error at the current position.
    pub fn expected(what: &'static str) -> WireError {
        WireError {
            expected: what,
            path: String::new(),
        }
    }

    /// Prefixes the path with an object key.
    pub(crate) fn at_key(mut self, key: &str) -> WireError {
        self.path = if self.path.is_empty() || self.path.starts_with('[') {
            format!("{key}{}", self.path)
        } else {
            format!("{key}.{}", self.path)
        };
        self
    }

    /// Prefixes the path with an array index.
    pub(crate) fn at_index(mut self, i: usize) -> WireError {
        self.path = if self.path.is_empty() || self.path.starts_with('[') {
            format!("[{i}]{}", self.path)
        } else {
            format!("[{i}].{}", self.path)
        };
        self
    }
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "expected {}", self.expected)
        } else {
            write!(f, "{}: expected {}", self.path, self.expected)
        }
    }
}

impl std::error::Error for WireError {}

/// A read-form type: read from JSON tolerantly, written back canonically.
pub trait Wire: Sized {
    /// Reads a value.
    ///
    /// # Errors
    /// [`WireError`] when the JSON type does not fit.
    fn read(v: Value) -> Result<Self, WireError>;

    /// Reads a value from JSON text at `r`: what [`Wire::read`] gives for the same text, or
    /// [`Decline`] (see [`super::wire_text`]). By default the value goes through serde_json.
    ///
    /// # Errors
    /// [`Decline`]: read the whole text through `Value` instead.
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        Self::read(r.value()?).map_err(|_| Decline)
    }

    /// Writes the value.
    fn write(&self) -> Value;

    /// Writes the value as JSON text, appended to `out`: the same JSON as [`Wire::write`] (what
    /// the client hands to `JSON.parse`), without building the `Value` tree.
    fn write_json(&self, out: &mut String) {
        json_value(out, &self.write());
    }
}

/// Appends `v` as JSON text.
pub fn json_value(out: &mut String, v: &Value) {
    match v {
        Value::String(s) => json_str(out, s),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Null => out.push_str("null"),
        // (serde_json's own writer: numbers keep their exact text, nested values their order)
        _ => out.push_str(&serde_json::to_string(v).unwrap_or_else(|_| "null".into())),
    }
}

/// Appends `s` as a JSON string (escaped as serde_json escapes).
pub use crate::text::push_json_str as json_str;

/// Appends `"key":`, after a comma unless it is the object's first member.
pub fn json_key(out: &mut String, first: &mut bool, key: &str) {
    if !std::mem::take(first) {
        out.push(',');
    }
    json_str(out, key);
    out.push(':');
}

/// Whether every key is a plain identifier (ASCII letters, digits, `_`): JSON text as it is, with
/// nothing to escape. Checked at compile time for every response struct's field names.
pub const fn plain_keys(keys: &[&str]) -> bool {
    let mut i = 0;
    while i < keys.len() {
        let k = keys[i].as_bytes();
        if k.is_empty() {
            return false;
        }
        let mut j = 0;
        while j < k.len() {
            if !(k[j].is_ascii_alphanumeric() || k[j] == b'_') {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

/// Appends the unknown fields of an object being written, then the closing brace. Bit `i` of
/// `written` is set when the known field `fields[i]` was written; an unknown field under that key
/// never overwrites it (as [`finish`]). Not generic, so one copy serves every struct.
#[inline(never)]
pub fn json_extra(
    out: &mut String,
    first: &mut bool,
    extra: &Extra,
    fields: &[&str],
    written: u64,
) {
    for (k, v) in extra.iter() {
        let shadowed = fields
            .iter()
            .position(|f| *f == k.as_str())
            .is_some_and(|i| written & (1u64 << i) != 0);
        if !shadowed {
            json_key(out, first, k);
            json_value(out, v);
        }
    }
    out.push('}');
}

/// One known field of a struct being read (`Option<T>` for any `T: Wire`), behind a trait object
/// so that [`read_fields`] is one function for every struct.
pub trait ReadSlot {
    /// Reads `v` into the field (`null` reads as absent).
    ///
    /// # Errors
    /// [`WireError`] when `v` does not fit the field's type.
    fn read_slot(&mut self, v: Value) -> Result<(), WireError>;

    /// Reads the field from JSON text (`null` reads as absent), as [`Wire::read_text`].
    ///
    /// # Errors
    /// [`Decline`].
    fn read_slot_text(&mut self, r: &mut TextReader<'_>) -> Result<(), Decline>;
}

impl<T: Wire> ReadSlot for Option<T> {
    fn read_slot(&mut self, v: Value) -> Result<(), WireError> {
        *self = match v {
            Value::Null => None,
            v => Some(T::read(v)?),
        };
        Ok(())
    }
    fn read_slot_text(&mut self, r: &mut TextReader<'_>) -> Result<(), Decline> {
        *self = if r.null() {
            None
        } else {
            Some(T::read_text(r)?)
        };
        Ok(())
    }
}

/// One known field of a struct being written (`Option<T>` for any `T: Wire`), as [`ReadSlot`].
pub trait WriteSlot {
    /// The field has a value.
    fn present(&self) -> bool;
    /// Appends the value as JSON text (nothing when absent).
    fn write_value(&self, out: &mut String);
}

impl<T: Wire> WriteSlot for Option<T> {
    fn present(&self) -> bool {
        self.is_some()
    }
    fn write_value(&self, out: &mut String) {
        if let Some(v) = self {
            v.write_json(out);
        }
    }
}

/// Reads the items of an array, each through `each`, the index prefixed to an item's error (not
/// generic: one copy for every item type).
///
/// # Errors
/// `expected an array`, or the first item's error.
#[inline(never)]
pub fn read_items(
    v: Value,
    each: &mut dyn FnMut(Value) -> Result<(), WireError>,
) -> Result<(), WireError> {
    let Value::Array(items) = v else {
        return Err(WireError::expected("an array"));
    };
    for (i, item) in items.into_iter().enumerate() {
        each(item).map_err(|e| e.at_index(i))?;
    }
    Ok(())
}

/// Reads the members of an object in one pass, in their order: a known member (`fields[i]`) into
/// `slots[i]`, an unknown one into `extra` (in the order received).
///
/// # Errors
/// The first member whose value does not fit its field, with its key in the path.
#[inline(never)]
pub fn read_fields(
    m: Map<String, Value>,
    fields: &[&str],
    slots: &mut [&mut dyn ReadSlot],
    extra: &mut Extra,
) -> Result<(), WireError> {
    for (k, v) in m {
        let i = field_index(fields, &k);
        match slots.get_mut(i) {
            Some(slot) => slot.read_slot(v).map_err(|e| e.at_key(fields[i]))?,
            None => {
                extra.insert(k, v);
            }
        }
    }
    Ok(())
}

/// Writes an object as JSON text: the present known fields in `fields` order, then the unknown
/// fields of `extra` that no written field shadows.
#[inline(never)]
pub fn write_fields(out: &mut String, fields: &[&str], slots: &[&dyn WriteSlot], extra: &Extra) {
    out.push('{');
    let mut first = true;
    let mut written = 0u64;
    for (i, (slot, key)) in slots.iter().zip(fields).enumerate() {
        if slot.present() {
            // (a known key is plain: `plain_keys`, checked at compile time)
            out.push_str(if std::mem::take(&mut first) {
                "\""
            } else {
                ",\""
            });
            out.push_str(key);
            out.push_str("\":");
            slot.write_value(out);
            written |= 1u64 << i;
        }
    }
    json_extra(out, &mut first, extra, fields, written);
}

/// The index of `key` in `fields`, or `fields.len()` (not generic: one copy for every struct).
#[inline(never)]
pub fn field_index(fields: &[&str], key: &str) -> usize {
    field_index_after(fields, key, 0)
}

/// What [`Struct::visit_slots`] calls: the struct's [`Shape`], the wire names of its known fields,
/// a slot for each, and its unknown fields.
pub type SlotVisitor<'a> = dyn FnMut(&Shape, &[&str], &mut [&mut dyn ReadSlot], &mut Extra) + 'a;

/// A `wire_struct!` type, seen as its table of fields: what [`read_struct`] and
/// [`read_struct_text`] fill (object safe, so that the filling is one function
/// for every struct).
pub trait Struct {
    /// Calls `f` with the struct's [`Shape`], the wire names of its known fields, a slot for each,
    /// and its unknown fields.
    fn visit_slots(&mut self, f: &mut SlotVisitor<'_>);
}

/// A struct read from a JSON value: a default value filled by [`fill_struct`]. Only this wrapper
/// is per struct.
///
/// # Errors
/// As [`fill_struct`].
pub fn read_struct<T: Struct + Default>(v: Value) -> Result<T, WireError> {
    let mut out = T::default();
    fill_struct(&mut out, v)?;
    Ok(out)
}

/// Fills a struct from a JSON value: its shape applied, then its members through [`read_fields`].
///
/// # Errors
/// `expected an object`, or the first member that does not fit.
#[inline(never)]
pub fn fill_struct(out: &mut dyn Struct, v: Value) -> Result<(), WireError> {
    let mut v = Some(v);
    let mut res = Ok(());
    out.visit_slots(&mut |shape, fields, slots, extra| {
        res = object(shape.apply(v.take().unwrap_or_default()))
            .and_then(|m| read_fields(m, fields, slots, extra));
    });
    res
}

/// An alias read into its canonical field while the canonical key has not been seen.
struct Pending {
    /// The canonical field's index.
    field: usize,
    alias: &'static str,
    /// Where the alias's (last) value starts.
    value_at: usize,
    /// Its place among the unknown members, should it become one.
    place: usize,
}

/// The text counterpart of [`read_fields`]: reads an object's members, in their order,
/// into `slots` (known fields, `fields[i]` into `slots[i]`) and `extra`, applying `shape` as
/// [`Shape::apply`] does. Not generic, so one copy serves every struct.
///
/// # Errors
/// [`Decline`] (see the module docs).
#[inline(never)]
pub fn read_fields_text(
    r: &mut TextReader<'_>,
    shape: &Shape,
    fields: &[&str],
    slots: &mut [&mut dyn ReadSlot],
    extra: &mut Extra,
) -> Result<(), Decline> {
    // the alternative shapes: a bare string or array is one member
    let alt = match r.peek() {
        Some(b'"') => shape.string_key,
        Some(b'[') => shape.array_key,
        Some(b'{') => None,
        _ => return Err(Decline),
    };
    if let Some(key) = alt {
        let slot = slots.get_mut(field_index(fields, key)).ok_or(Decline)?;
        return slot.read_slot_text(r);
    }
    if r.peek() != Some(b'{') {
        return Err(Decline);
    }
    r.enter();
    // known keys seen so far; canonical fields filled from an alias (the Value path renames an
    // alias only when its canonical key is absent), with where the alias's value and its place
    // among the unknown members are, in case the canonical key comes after all
    let mut seen = 0u64;
    let mut aliased = 0u64;
    let mut pending: Vec<Pending> = Vec::new();
    // where the next member's key is looked up first: responses mostly list the known fields in
    // one order (usually the table's), so most keys are found by their first comparison
    let mut next = 0;
    let mut resolved = false;
    if r.peek() != Some(b'}') {
        loop {
            let key = r.str()?;
            r.eat(b':')?;
            let mut i = field_index_after(fields, &key, next);
            if i < fields.len() {
                next = i + 1;
                seen |= 1 << i;
                if aliased & (1 << i) != 0 {
                    // both keys after all: the alias is an unknown member, at its first place
                    aliased &= !(1 << i);
                    // (a second such pair would shift the first one's place: not reproduced)
                    if std::mem::replace(&mut resolved, true) {
                        return Err(Decline);
                    }
                    let p = pending.iter().position(|p| p.field == i).ok_or(Decline)?;
                    let p = pending.swap_remove(p);
                    let v = r.at(p.value_at).value()?;
                    insert_at(extra, p.place, p.alias, v);
                }
            } else if let Some((alias, canonical)) = shape.aliases.iter().find(|(a, _)| *a == key) {
                let c = field_index(fields, canonical);
                if c < fields.len() && seen & (1 << c) == 0 {
                    i = c;
                    aliased |= 1 << c;
                    r.ws();
                    match pending.iter_mut().find(|p| p.field == c) {
                        // a repeated alias: its last value, at its first place
                        Some(p) => p.value_at = r.pos(),
                        None => pending.push(Pending {
                            field: c,
                            alias,
                            value_at: r.pos(),
                            place: extra.len(),
                        }),
                    }
                }
            }
            match slots.get_mut(i) {
                Some(slot) => slot.read_slot_text(r)?,
                None => {
                    let v = r.value()?;
                    extra.insert(key.into_owned(), v);
                }
            }
            if !r.comma() {
                break;
            }
        }
    }
    r.close(b'}')
}

/// Inserts a member at `place` among the unknown members (rare: an alias and its canonical key
/// both sent; rebuilt with `insert` rather than linking indexmap's shifting insert).
fn insert_at(extra: &mut Extra, place: usize, key: &str, v: Value) {
    let members = std::mem::take(&mut extra.0);
    let mut v = Some(v);
    for (i, (k, x)) in members.into_iter().enumerate() {
        if i == place {
            if let Some(v) = v.take() {
                extra.insert(key.to_owned(), v);
            }
        }
        extra.insert(k, x);
    }
    if let Some(v) = v {
        extra.insert(key.to_owned(), v);
    }
}

/// A struct read from JSON text: a default value filled by [`fill_struct_text`]. Only this
/// wrapper is per struct.
///
/// # Errors
/// [`Decline`].
pub fn read_struct_text<T: Struct + Default>(r: &mut TextReader<'_>) -> Result<T, Decline> {
    let mut out = T::default();
    fill_struct_text(r, &mut out)?;
    Ok(out)
}

/// Fills a struct from JSON text through [`read_fields_text`].
///
/// # Errors
/// [`Decline`].
#[inline(never)]
pub fn fill_struct_text(r: &mut TextReader<'_>, out: &mut dyn Struct) -> Result<(), Decline> {
    let mut res = Err(Decline);
    out.visit_slots(&mut |shape, fields, slots, extra| {
        res = read_fields_text(r, shape, fields, slots, extra);
    });
    res
}

/// Reads the whole of `text` as `T`: [`Wire::read_text`], then nothing but whitespace.
///
/// # Errors
/// [`Decline`] when the text is not read here (the caller reads it through `Value`).
#[inline]
pub fn read_text<T: Wire>(text: &str) -> Result<T, Decline> {
    let mut r = TextReader::new(text);
    let out = T::read_text(&mut r)?;
    if r.at_end() {
        Ok(out)
    } else {
        Err(Decline)
    }
}

/// [`field_index`], searching from `start` (wrapping around): the same answer, found sooner when
/// the keys come in the table's order.
#[inline(never)]
pub fn field_index_after(fields: &[&str], key: &str, start: usize) -> usize {
    let n = fields.len();
    let start = if start < n { start } else { 0 };
    (start..n)
        .chain(0..start)
        .find(|&i| fields[i].len() == key.len() && fields[i] == key)
        .unwrap_or(n)
}

/// How a JSON value is pre-read before its struct reads it.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// `(alias, canonical)` key pairs (docs/oms-api.md §14).
    pub aliases: &'static [(&'static str, &'static str)],
    /// A bare string `s` is read as `{ key: s }` (e.g. an endorsement written as `"usd"`).
    pub string_key: Option<&'static str>,
    /// A bare array `a` is read as `{ key: a }` (e.g. a list endpoint answering with an array).
    pub array_key: Option<&'static str>,
}

impl Shape {
    /// No aliases, no alternative shapes.
    pub const NONE: Shape = Shape {
        aliases: &[],
        string_key: None,
        array_key: None,
    };

    /// Applies the shape to a value: wraps bare strings/arrays, renames aliases (only when the
    /// canonical key is absent; key order is kept).
    pub fn apply(&self, v: Value) -> Value {
        match v {
            Value::String(s) => match self.string_key {
                Some(k) => Value::Object(Map::from_iter([(k.to_owned(), Value::String(s))])),
                None => Value::String(s),
            },
            Value::Array(a) => match self.array_key {
                Some(k) => Value::Object(Map::from_iter([(k.to_owned(), Value::Array(a))])),
                None => Value::Array(a),
            },
            Value::Object(m) => {
                let renames: Vec<(&str, &str)> = self
                    .aliases
                    .iter()
                    .copied()
                    .filter(|(alias, canonical)| {
                        m.contains_key(*alias) && !m.contains_key(*canonical)
                    })
                    .collect();
                if renames.is_empty() {
                    return Value::Object(m);
                }
                let mut out = Map::with_capacity(m.len());
                for (k, v) in m {
                    match renames.iter().find(|(alias, _)| *alias == k) {
                        Some((_, canonical)) => out.insert((*canonical).to_owned(), v),
                        None => out.insert(k, v),
                    };
                }
                Value::Object(out)
            }
            other => other,
        }
    }
}

/// The object inside a value.
///
/// # Errors
/// `expected an object` for anything else.
pub fn object(v: Value) -> Result<Map<String, Value>, WireError> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(WireError::expected("an object")),
    }
}

/// Removes `key` from `m` (keeping the order of the rest) and reads it; absent or `null` → `None`.
///
/// # Errors
/// The field's [`WireError`], with `key` prefixed to its path.
#[inline(never)]
pub fn take<T: Wire>(m: &mut Map<String, Value>, key: &str) -> Result<Option<T>, WireError> {
    match m.shift_remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => T::read(v).map(Some).map_err(|e| e.at_key(key)),
    }
}

/// Reads the value of member `key`; `null` → `None`.
///
/// # Errors
/// The field's [`WireError`], with `key` prefixed to its path.
#[inline(never)]
pub fn field<T: Wire>(v: Value, key: &str) -> Result<Option<T>, WireError> {
    match v {
        Value::Null => Ok(None),
        v => T::read(v).map(Some).map_err(|e| e.at_key(key)),
    }
}

/// Writes `value` under `key` when it is `Some`.
#[inline(never)]
pub fn put<T: Wire>(m: &mut Map<String, Value>, key: &str, value: &Option<T>) {
    if let Some(v) = value {
        m.insert(key.to_owned(), v.write());
    }
}

/// Appends the unknown fields after the known ones (a known key is never overwritten).
pub fn finish(mut m: Map<String, Value>, extra: &Extra) -> Value {
    for (k, v) in extra.iter() {
        if !m.contains_key(k) {
            m.insert(k.clone(), v.clone());
        }
    }
    Value::Object(m)
}

impl Wire for String {
    fn read(v: Value) -> Result<Self, WireError> {
        match v {
            Value::String(s) => Ok(s),
            _ => Err(WireError::expected("a string")),
        }
    }
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        r.string()
    }
    fn write(&self) -> Value {
        Value::String(self.clone())
    }
    fn write_json(&self, out: &mut String) {
        json_str(out, self);
    }
}

impl Wire for bool {
    fn read(v: Value) -> Result<Self, WireError> {
        v.as_bool().ok_or(WireError::expected("a boolean"))
    }
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        r.bool()
    }
    fn write(&self) -> Value {
        Value::Bool(*self)
    }
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

impl Wire for u64 {
    fn read(v: Value) -> Result<Self, WireError> {
        match &v {
            Value::Number(n) => n
                .as_u64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|x| x.fract() == 0.0 && *x >= 0.0 && *x < 1.8e19)
                        .map(|x| x as u64)
                })
                .ok_or(WireError::expected("a whole number")),
            _ => Err(WireError::expected("a whole number")),
        }
    }
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        // a plain whole number here; any other number text (`3600.0`, `1e3`) through serde_json
        match r.whole() {
            Ok(n) => Ok(n),
            Err(Decline) => Self::read(r.value()?).map_err(|_| Decline),
        }
    }
    fn write(&self) -> Value {
        Value::Number(Number::from(*self))
    }
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.to_string());
    }
}

impl Wire for f64 {
    /// A number, or a string holding a finite number.
    fn read(v: Value) -> Result<Self, WireError> {
        match &v {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => parse_f64(s.trim()),
            _ => None,
        }
        .ok_or(WireError::expected("a number"))
    }
    fn write(&self) -> Value {
        Number::from_f64(*self).map_or(Value::Null, Value::Number)
    }
}

impl Wire for Value {
    fn read(v: Value) -> Result<Self, WireError> {
        Ok(v)
    }
    fn write(&self) -> Value {
        self.clone()
    }
}

impl Wire for Map<String, Value> {
    fn read(v: Value) -> Result<Self, WireError> {
        object(v)
    }
    fn write(&self) -> Value {
        Value::Object(self.clone())
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn read(v: Value) -> Result<Self, WireError> {
        let mut out = Vec::new();
        read_items(v, &mut |item| {
            out.push(T::read(item)?);
            Ok(())
        })?;
        Ok(out)
    }
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        let mut out = Vec::new();
        r.items(&mut |r| {
            out.push(T::read_text(r)?);
            Ok(())
        })?;
        Ok(out)
    }
    fn write(&self) -> Value {
        Value::Array(self.iter().map(Wire::write).collect())
    }
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: Wire> Wire for Option<T> {
    /// `null` → `None`.
    fn read(v: Value) -> Result<Self, WireError> {
        match v {
            Value::Null => Ok(None),
            v => T::read(v).map(Some),
        }
    }
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        if r.null() {
            Ok(None)
        } else {
            T::read_text(r).map(Some)
        }
    }
    fn write(&self) -> Value {
        self.as_ref().map_or(Value::Null, Wire::write)
    }
    fn write_json(&self, out: &mut String) {
        match self {
            Some(v) => v.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: Wire> Wire for Sensitive<T> {
    fn read(v: Value) -> Result<Self, WireError> {
        T::read(v).map(Sensitive::new)
    }
    fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
        T::read_text(r).map(Sensitive::new)
    }
    fn write(&self) -> Value {
        self.expose().write()
    }
    fn write_json(&self, out: &mut String) {
        self.expose().write_json(out);
    }
}

/// A JSON number as decimal text without an exponent (`1e-7` → `0.0000001`).
pub fn number_text(n: &Number) -> String {
    expand_exponent(&n.to_string())
}

/// Formats a finite `f64` as the shortest decimal text that reads back to it, without an exponent
/// (`38.495133`, `-74`, `0.0000001`). Uses serde_json's formatter (already in the binary) rather
/// than `f64`'s `Display`, which would add ~10 KB of wasm. Non-finite values give `"0"`.
pub fn fmt_f64(x: f64) -> String {
    match Number::from_f64(x) {
        Some(n) => number_text(&n),
        None => "0".to_owned(),
    }
}

/// Parses a decimal or JSON-number string as `f64` (serde_json's parser, for the same size reason);
/// `None` unless it is a finite JSON number.
pub fn parse_f64(s: &str) -> Option<f64> {
    s.parse::<Number>()
        .ok()
        .and_then(|n| n.as_f64())
        .filter(|x| x.is_finite())
}

/// Rewrites `1.5e-7` / `1e21` style text as plain decimal text; other text is returned unchanged.
/// Largest exponent [`number_text`] writes out in full.
pub const MAX_EXPANDED_EXPONENT: u32 = 1024;

fn expand_exponent(s: &str) -> String {
    let Some((mantissa, exp)) = s.split_once(['e', 'E']) else {
        let t = s.strip_suffix(".0").unwrap_or(s);
        return t.to_owned();
    };
    // A huge exponent (`1e999999999`) would expand to gigabytes: such a number is kept in its
    // exponent form (not well-formed decimal syntax, so a decimal's `is_well_formed` says so).
    let Ok(exp) = exp.trim_start_matches('+').parse::<i32>() else {
        return s.to_owned();
    };
    if exp.unsigned_abs() > MAX_EXPANDED_EXPONENT {
        return s.to_owned();
    }
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = int.chars().chain(frac.chars()).collect();
    // position of the decimal point within `digits`
    let point = i64::from(exp) + int.len() as i64;
    let mut out = String::with_capacity(digits.len() + exp.unsigned_abs() as usize + 3);
    if neg {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if point as usize >= digits.len() {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        let (a, b) = digits.split_at(point as usize);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    }
    // trim leading zeros of the integer part ("05" → "5"), keep one before a point
    let sign = usize::from(neg);
    while out.len() > sign + 1 && out[sign..].starts_with('0') && !out[sign + 1..].starts_with('.')
    {
        out.remove(sign);
    }
    if out.contains('.') {
        while out.ends_with('0') {
            out.pop();
        }
        if out.ends_with('.') {
            out.pop();
        }
    }
    out
}

macro_rules! wire_ids {
    ($($t:ident),*) => {$(
        impl Wire for crate::ids::$t {
            /// A string, or an object carrying a string `id` (docs/oms-api.md, C4).
            fn read(v: Value) -> Result<Self, WireError> {
                id_from_value(v).map(Into::into)
            }
            fn read_text(r: &mut TextReader<'_>) -> Result<Self, Decline> {
                read_id_text(r).map(Into::into)
            }
            fn write(&self) -> Value {
                Value::String(self.as_str().to_owned())
            }
            fn write_json(&self, out: &mut String) {
                json_str(out, self.as_str());
            }
        }
    )*};
}

/// [`id_from_value`] from JSON text (one copy for every ID type).
///
/// # Errors
/// [`Decline`] for anything else.
#[inline(never)]
pub fn read_id_text(r: &mut TextReader<'_>) -> Result<String, Decline> {
    if r.peek() == Some(b'"') {
        r.string()
    } else {
        id_from_value(r.value()?).map_err(|_| Decline)
    }
}

/// An ID's text: a string, or an object carrying a string `id` (docs/oms-api.md, C4). One copy
/// for every ID type.
///
/// # Errors
/// `expected an id`.
#[inline(never)]
pub fn id_from_value(v: Value) -> Result<String, WireError> {
    match v {
        Value::String(s) => Ok(s),
        Value::Object(mut m) => match m.shift_remove("id") {
            Some(Value::String(s)) => Ok(s),
            _ => Err(WireError::expected("an id")),
        },
        _ => Err(WireError::expected("an id")),
    }
}

wire_ids!(
    CustomerId,
    WalletId,
    QuoteId,
    TransactionId,
    CashInId,
    CashLocationId,
    WebhookEndpointId,
    VirtualAccountId,
    DepositAddressId,
    ExternalAccountId
);

/// Reads a typed value from a JSON value through serde (for types that are not [`Wire`]).
///
/// # Errors
/// When the value does not have the shape of `T`.
pub fn from_value<T: DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
    T::deserialize(v)
}

/// Writes a serde type as a JSON value (used for request bodies). Our types only have string keys,
/// so this does not fail in practice.
///
/// # Errors
/// When `T`'s `Serialize` implementation fails (a map with non-string keys).
pub fn to_value<T: Serialize + ?Sized>(v: &T) -> Result<Value, serde_json::Error> {
    serde_json::to_value(v)
}

/// `Serialize` through [`Wire::write`].
///
/// # Errors
/// The serializer's errors.
pub fn serialize_wire<T: Wire, S: serde::Serializer>(t: &T, s: S) -> Result<S::Ok, S::Error> {
    t.write().serialize(s)
}

/// `Deserialize` through [`Wire::read`].
///
/// # Errors
/// The deserializer's errors, or the [`WireError`] as a custom error.
pub fn deserialize_wire<'de, T: Wire, D: serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    let v = Value::deserialize(d)?;
    T::read(v).map_err(D::Error::custom)
}

/// Declares an open string enum: the documented values plus `Other(String)`.
///
/// Serialized as the wire string; any string deserializes (unknown ones into `Other`), and
/// `from_wire(s).as_str() == s` for every string `s`.
macro_rules! open_enum {
    ($(#[$m:meta])* pub enum $name:ident { $( $(#[$vm:meta])* $variant:ident = $wire:literal ),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vm])* $variant, )*
            /// A value this version of the SDK does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// Every documented value, in the reference's order.
            pub const KNOWN: &'static [$name] = &[$( $name::$variant, )*];

            /// The wire string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(s) => s,
                }
            }

            /// Reads a wire string (exact match; anything else becomes `Other`).
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// True for a documented value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::from_wire(s)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match $name::from_wire(&s) {
                    $name::Other(_) => $name::Other(s),
                    known => known,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::model::wire::Wire for $name {
            fn read(v: ::serde_json::Value) -> Result<Self, $crate::model::wire::WireError> {
                match v {
                    ::serde_json::Value::String(s) => Ok($name::from(s)),
                    _ => Err($crate::model::wire::WireError::expected("a string")),
                }
            }
            fn read_text(
                r: &mut $crate::model::wire_text::TextReader<'_>,
            ) -> Result<Self, $crate::model::wire_text::Decline> {
                r.string().map($name::from)
            }
            fn write(&self) -> ::serde_json::Value {
                ::serde_json::Value::String(self.as_str().to_owned())
            }
            fn write_json(&self, out: &mut String) {
                $crate::model::wire::json_str(out, self.as_str());
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map($name::from)
            }
        }
    };
}

/// Declares a response struct: every field `Option<T>` with its wire name (`field: T = "wireName"`),
/// unknown fields in `extra`, [`Wire`] plus `Serialize`/`Deserialize` bridged through it. An
/// optional `read { aliases, string_key, array_key }` clause pre-reads the JSON through a [`Shape`].
macro_rules! wire_struct {
    (
        $(#[$m:meta])*
        pub struct $name:ident $( read $shape:tt )? {
            $( $(#[$fm:meta])* $field:ident : $ty:ty = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $( $(#[$fm])* pub $field: Option<$ty>, )*
            /// Fields this version of the SDK does not know, kept verbatim and written back.
            pub extra: $crate::model::Extra,
        }

        impl $name {
            /// How this type pre-reads JSON (documented aliases and alternative shapes).
            pub const SHAPE: $crate::model::wire::Shape = wire_struct!(@shape $( $shape )?);
            /// The wire names of the known fields, in the order they are written.
            pub const FIELDS: &'static [&'static str] = &[$( $wire ),*];
        }

        impl $crate::model::wire::Struct for $name {
            fn visit_slots(&mut self, f: &mut $crate::model::wire::SlotVisitor<'_>) {
                // one table of slots serves both readings (`Value` and text)
                let $name { $( $field, )* extra } = self;
                f(&Self::SHAPE, Self::FIELDS, &mut [$( $field as &mut dyn $crate::model::wire::ReadSlot ),*], extra);
            }
        }

        impl $crate::model::wire::Wire for $name {
            fn read(v: ::serde_json::Value) -> Result<Self, $crate::model::wire::WireError> {
                $crate::model::wire::read_struct(v)
            }

            fn read_text(
                r: &mut $crate::model::wire_text::TextReader<'_>,
            ) -> Result<Self, $crate::model::wire_text::Decline> {
                $crate::model::wire::read_struct_text(r)
            }

            fn write(&self) -> ::serde_json::Value {
                let mut m = ::serde_json::Map::new();
                $( $crate::model::wire::put(&mut m, $wire, &self.$field); )*
                $crate::model::wire::finish(m, &self.extra)
            }

            fn write_json(&self, out: &mut String) {
                $crate::model::wire::write_fields(
                    out,
                    Self::FIELDS,
                    &[$( &self.$field as &dyn $crate::model::wire::WriteSlot ),*],
                    &self.extra,
                );
            }
        }

        // `write_fields`'s bit set holds 64 fields
        const _: () = assert!($name::FIELDS.len() <= 64);
        // `write_fields` writes the known keys as they are, unescaped
        const _: () = assert!($crate::model::wire::plain_keys($name::FIELDS));

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::model::wire::serialize_wire(self, s)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::model::wire::deserialize_wire(d)
            }
        }
    };
    (@shape) => { $crate::model::wire::Shape::NONE };
    (@shape { $($k:ident : $v:expr),* $(,)? }) => {
        $crate::model::wire::Shape { $( $k: $v, )* ..$crate::model::wire::Shape::NONE }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_texts() {
        for (x, want) in [
            (38.495133, "38.495133"),
            (-121.505336, "-121.505336"),
            (-74.0, "-74"),
            (0.0, "0"),
            (1e-7, "0.0000001"),
            (-1.5e-7, "-0.00000015"),
            (1e21, "1000000000000000000000"),
            (1.25e22, "12500000000000000000000"),
            (123.0e-2, "1.23"),
        ] {
            assert_eq!(fmt_f64(x), want, "{x}");
            assert_eq!(parse_f64(want), Some(x), "{want}");
        }
        assert_eq!(parse_f64("1e3"), Some(1000.0));
        assert_eq!(parse_f64("abc"), None);
        assert_eq!(parse_f64("+1"), None);
    }
}

//! The input tree every validator reads: a JSON-like value that can also say "this was something
//! JSON cannot hold" (a function, a 10 MB string, a string with lone surrogates, a cycle).
//!
//! The bindings layer converts any JS value into a [`Value`] without copying oversized strings and
//! without following cycles, so validators see a bounded, finite tree and never have to guess.

/// Why a string could not be taken as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BadString {
    /// Longer than the converter's limit; `len` is the length in UTF-16 code units (JS `length`).
    TooLong {
        /// Length in UTF-16 code units.
        len: usize,
    },
    /// Contains an unpaired UTF-16 surrogate, which has no UTF-8 form.
    LoneSurrogate,
}

/// A validator's input. Object entries keep their order; duplicate keys cannot occur in JS objects
/// and are resolved "last wins" by [`Value::get`] when they come from elsewhere.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// JS `undefined`, or a key that is absent.
    #[default]
    Undefined,
    /// JSON / JS `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (JS numbers are f64; `NaN` and infinities can occur).
    Number(f64),
    /// A well-formed string.
    String(String),
    /// A string that could not be read as text; see [`BadString`].
    BadString(BadString),
    /// An array.
    Array(Vec<Value>),
    /// A plain object, entries in insertion order.
    Object(Vec<(String, Value)>),
    /// Anything else (function, symbol, bigint, `Date`, `Map`, class instance, a cycle or a tree
    /// nested too deeply). The string names what it was, for messages ("function", "bigint"...).
    Other(&'static str),
}

impl Value {
    /// The entry `key` of an object (last one wins), `None` for a missing key or a non-object.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string content, if this is a well-formed string.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// True for `undefined` (a missing key).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn is_undefined(&self) -> bool {
        matches!(self, Value::Undefined)
    }

    /// True for `undefined` or `null`, the two ways a form leaves an optional field out.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn is_nullish(&self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }

    /// A short, value-free name of the kind of this value, used in `invalid_type` messages.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) | Value::BadString(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
            Value::Other(kind) => kind,
        }
    }
}

impl From<serde_json::Value> for Value {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::Array(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

impl From<&str> for Value {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

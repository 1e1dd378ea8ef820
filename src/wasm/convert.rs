//! JS ⇄ core conversions that never panic and never trust the input.
//!
//! `JsValue` → [`Value`]: bounded depth, bounded size, oversized strings are measured but not copied,
//! lone surrogates are detected, getters and proxy traps that throw are caught, and only plain
//! objects and arrays are walked (a `Date`, a `Map` or a class instance is `Value::Other`).
//!
//! Core → JS: results are JSON text parsed once by the engine (see `messages::parse_json`);
//! [`set`] adds single properties without ever invoking the `__proto__` setter.

use super::js::{
    array_is_array, define_property, get_prototype_of, object_keys, reflect_get, reflect_set,
};
use crate::input::{BadString, Value};
use js_sys::{JsString, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Longest string copied into wasm memory, in UTF-16 code units. Every field limit is far below it;
/// longer strings become `BadString::TooLong` without being copied.
pub const MAX_STRING_UNITS: u32 = 65_536;
/// Deepest nesting walked; deeper values (and cycles) become `Value::Other("deeply nested value")`.
pub const MAX_DEPTH: usize = 12;
/// Most array items / object keys read from one container.
pub const MAX_ITEMS: u32 = 1_000;
/// Most values read from one input in total.
pub const MAX_NODES: usize = 20_000;

/// `Array.isArray(v)`; false when it throws (a revoked Proxy).
pub fn is_array(v: &JsValue) -> bool {
    array_is_array(v).unwrap_or(false)
}

/// `v.length` of an array-like, through `Reflect.get` (a Proxy's trap may throw), if it is a whole
/// number ≤ `max`.
pub fn array_len(v: &JsValue, max: u32) -> Option<u32> {
    let len = reflect_get(v, &JsValue::from_str("length"))
        .ok()?
        .as_f64()?;
    (len >= 0.0 && len <= f64::from(max) && len.fract() == 0.0).then_some(len as u32)
}

/// `v[i]` through `Reflect.get`; `undefined` when it throws.
pub fn array_item(v: &JsValue, i: u32) -> JsValue {
    reflect_get(v, &JsValue::from(i)).unwrap_or(JsValue::UNDEFINED)
}

/// Converts any JS value into a [`Value`]. Never throws, never panics.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn to_value(v: &JsValue) -> Value {
    let mut budget = MAX_NODES;
    convert(v, 0, &mut budget)
}

/// Reads a JS string into Rust if it is a well-formed string of reasonable size.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn string_of(v: &JsValue) -> Value {
    let Some(js) = v.dyn_ref::<JsString>() else {
        return Value::Other("non-string");
    };
    js_string(js)
}

/// [`string_of`] for a value known to be a string.
#[cfg_attr(oms_nightly, optimize(speed))]
fn js_string(js: &JsString) -> Value {
    let len = js.length();
    if len > MAX_STRING_UNITS {
        return Value::BadString(BadString::TooLong { len: len as usize });
    }
    let s = String::from(js);
    // TextEncoder turns a lone surrogate into U+FFFD; only then pay for the exact check.
    // (`text::contains`: `str::contains` with a non-ASCII char links the two-way searcher)
    if crate::text::contains(&s, "\u{FFFD}") && !js.is_valid_utf16() {
        return Value::BadString(BadString::LoneSurrogate);
    }
    Value::String(s)
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn convert(v: &JsValue, depth: usize, budget: &mut usize) -> Value {
    if *budget == 0 {
        return Value::Other("oversized value");
    }
    *budget -= 1;
    // Most frequent first: each test is a JS↔wasm crossing. `as_f64` is the slowest test (its
    // result goes through wasm memory: ~9 % of a validatePhone call with options in Node 20 when
    // it ran before `is_object`), so objects are tested before numbers.
    if v.is_string() {
        return js_string(v.unchecked_ref());
    }
    if v.is_object() {
        return object(v, depth, budget);
    }
    if let Some(n) = v.as_f64() {
        return Value::Number(n);
    }
    if v.is_undefined() {
        return Value::Undefined;
    }
    if v.is_null() {
        return Value::Null;
    }
    if let Some(b) = v.as_bool() {
        return Value::Bool(b);
    }
    if v.is_function() {
        return Value::Other("function");
    }
    if v.is_symbol() {
        return Value::Other("symbol");
    }
    if v.is_bigint() {
        return Value::Other("bigint");
    }
    Value::Other("unsupported value")
}

/// An object (`typeof` "object", not null): an array, a plain object, or anything else.
#[cfg_attr(oms_nightly, optimize(speed))]
fn object(v: &JsValue, depth: usize, budget: &mut usize) -> Value {
    if depth >= MAX_DEPTH {
        return Value::Other("deeply nested value");
    }
    if is_array(v) {
        let len = match reflect_get(v, &JsValue::from_str("length"))
            .ok()
            .and_then(|l| l.as_f64())
        {
            Some(l) if l >= 0.0 && l <= MAX_ITEMS as f64 => l as u32,
            _ => return Value::Other("oversized array"),
        };
        let mut items = Vec::with_capacity(len as usize);
        for i in 0..len {
            match reflect_get(v, &JsValue::from(i)) {
                Ok(item) => items.push(convert(&item, depth + 1, budget)),
                Err(_) => items.push(Value::Other("unreadable value")),
            }
        }
        return Value::Array(items);
    }
    if !is_plain_object(v) {
        return Value::Other("non-plain object");
    }
    let Ok(keys) = object_keys(v) else {
        return Value::Other("unreadable object");
    };
    let n = keys.length();
    if n > MAX_ITEMS {
        return Value::Other("oversized object");
    }
    let mut entries = Vec::with_capacity(n as usize);
    for i in 0..n {
        let key = keys.get(i);
        let Value::String(name) = string_of(&key) else {
            // A key too long to copy or with lone surrogates cannot match any schema key.
            entries.push(("\u{FFFD}".to_owned(), Value::Other("unreadable key")));
            continue;
        };
        let item = match reflect_get(v, &key) {
            Ok(item) => convert(&item, depth + 1, budget),
            Err(_) => Value::Other("unreadable value"),
        };
        entries.push((name, item));
    }
    Value::Object(entries)
}

/// A plain object: its prototype is `null` or a prototype whose own prototype is `null`
/// (`Object.prototype` of any realm, so objects from other frames or `vm` contexts count).
#[cfg_attr(oms_nightly, optimize(speed))]
fn is_plain_object(v: &JsValue) -> bool {
    thread_local! {
        /// This realm's `Object.prototype` (the common case: one lookup instead of two).
        static OBJECT_PROTOTYPE: JsValue = get_prototype_of(&Object::new()).unwrap_or(JsValue::NULL);
    }
    match get_prototype_of(v) {
        Ok(proto) if proto.is_null() => true,
        Ok(proto) if OBJECT_PROTOTYPE.with(|p| *p == proto) => true,
        Ok(proto) => matches!(get_prototype_of(&proto), Ok(pp) if pp.is_null()),
        Err(_) => false,
    }
}

/// Sets `obj[key] = value` as an own data property. Plain assignment would invoke the
/// `__proto__` setter, so that one key goes through `Object.defineProperty`.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn set(obj: &Object, key: &str, value: &JsValue) {
    if key == "__proto__" {
        let desc = Object::new();
        reflect_set(&desc, &JsValue::from_str("value"), value);
        reflect_set(&desc, &JsValue::from_str("enumerable"), &JsValue::TRUE);
        reflect_set(&desc, &JsValue::from_str("writable"), &JsValue::TRUE);
        reflect_set(&desc, &JsValue::from_str("configurable"), &JsValue::TRUE);
        define_property(obj, &JsValue::from_str(key), &desc);
    } else {
        reflect_set(obj, &JsValue::from_str(key), value);
    }
}

/// The caller's local calendar date (in Workers and on servers this is usually UTC).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn local_today() -> crate::validate::date::Date {
    use crate::validate::date::Date;
    let now = js_sys::Date::new_0();
    Date::from_ymd(
        now.get_full_year() as i32,
        (now.get_month() + 1) as u8,
        now.get_date() as u8,
    )
    .unwrap_or(Date::EPOCH)
}

/// Most values read for one header name (Node gives arrays for repeated headers).
const MAX_HEADER_VALUES: u32 = 64;

/// Reads the headers named `names` (lowercase) from a WHATWG `Headers` (anything with a `get`
/// method), a plain object with names in any case and string or string[] values, or an array of
/// `[name, value]` pairs. Anything else, and every unreadable entry, reads as nothing. Returns
/// `(lowercase name, value)` pairs in the order found.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn read_headers(h: &JsValue, names: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    if !h.is_object() {
        return out;
    }
    let wanted = |name: &str| names.iter().find(|n| n.eq_ignore_ascii_case(name)).copied();
    let mut push = |name: &str, v: &JsValue| {
        if let Value::String(s) = string_of(v) {
            out.push((name.to_owned(), s));
        }
    };
    if is_array(h) {
        // (through `Reflect.get`, which catches: the array may be a Proxy whose traps throw)
        for i in 0..array_len(h, u32::MAX).unwrap_or(0).min(MAX_ITEMS) {
            let pair = array_item(h, i);
            if !is_array(&pair) {
                continue;
            }
            if let Value::String(name) = string_of(&array_item(&pair, 0)) {
                if let Some(n) = wanted(&name) {
                    push(n, &array_item(&pair, 1));
                }
            }
        }
        return out;
    }
    let get = reflect_get(h, &JsValue::from_str("get"))
        .ok()
        .and_then(|g| g.dyn_into::<js_sys::Function>().ok());
    if let Some(get) = get {
        for name in names {
            if let Ok(v) = get.call1(h, &JsValue::from_str(name)) {
                push(name, &v);
            }
        }
        return out;
    }
    let Ok(keys) = object_keys(h) else {
        return out;
    };
    for i in 0..keys.length().min(MAX_ITEMS) {
        let key = keys.get(i);
        let Value::String(name) = string_of(&key) else {
            continue;
        };
        let Some(n) = wanted(&name) else { continue };
        let Ok(v) = reflect_get(h, &key) else {
            continue;
        };
        if is_array(&v) {
            for j in 0..array_len(&v, u32::MAX).unwrap_or(0).min(MAX_HEADER_VALUES) {
                push(n, &array_item(&v, j));
            }
        } else {
            push(n, &v);
        }
    }
    out
}

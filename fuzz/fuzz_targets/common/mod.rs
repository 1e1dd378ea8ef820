//! Shared input generators for the fuzz targets.
//!
//! Inputs of the tree-shaped targets are either JSON (what a form or a `JSON.parse` hands the JS
//! API) or, when the bytes are not JSON, a structured tree drawn with `arbitrary` whose keys come
//! from the schema's own key lists (so the deep paths are reached, not only `unknown_key`).
//!
//! Layout of a JSON input: `<input JSON> [NUL <options JSON or option bytes>]`. A raw NUL byte
//! cannot occur inside JSON text, so the split is unambiguous and seeds stay readable.

#![allow(dead_code)]

use arbitrary::{Result, Unstructured};
use oms_wasm::validate::{BadString, Value};

/// Deepest tree drawn (the bindings cut JS values at 12 levels too).
pub const MAX_DEPTH: usize = 12;

/// Strings shaped like form fields: dates, phones, SSNs/ITINs, countries, e-mails, IPs, enums.
pub const FIELD_STRINGS: &[&str] = &[
    "",
    " ",
    "US",
    "us",
    "GB",
    "DE",
    "MX",
    "XX",
    "USA",
    "ssn",
    "itin",
    "SSN",
    "passport",
    "driversLicense",
    "individual",
    "business",
    "create",
    "update",
    "location",
    "cashLocation",
    "123-45-6789",
    "123456789",
    "912-70-1234",
    "912701234",
    "000-12-3456",
    "666-12-3456",
    "987-65-4321",
    "078-05-1120",
    "1990-01-31",
    "2000-02-29",
    "2026-01-15",
    "1900-01-01",
    "31/01/1990",
    "+12125551234",
    "+1 (212) 555-1234",
    "(212) 555-1234 ext. 12",
    "+442071838750",
    "+4930123456",
    "+80012345678",
    "tel:+1-212-555-1234;phone-context=+1",
    "020 7183 8750",
    "a@b.co",
    "first.last+tag@example.com",
    "user@[127.0.0.1]",
    "192.168.0.1",
    "::1",
    "2001:db8::1",
    "1 Main St",
    "Apt 4",
    "New York",
    "NY",
    "CA",
    "10001",
    "10001-1234",
    "SW1A 1AA",
    "cryptoCustody",
    "usd",
    "v0.9",
    "sandbox",
    "production",
    "https://api.example.com/v1",
    "\u{0}",
    "a\u{7}b",
    "\u{FFFD}",
    "\u{200B}",
    "１２３４５６７８９",
];

/// Keys of nested objects that several schemas share.
pub const COMMON_KEYS: &[&str] = &[
    "type",
    "number",
    "issuingCountry",
    "line1",
    "line2",
    "city",
    "state",
    "country",
    "zipCode",
    "postalCode",
    "zip",
    "street",
    "id",
    "value",
    "ssn",
    "itin",
    "idNumber",
    "documentNumber",
    "kind",
    "__proto__",
    "",
];

/// A string: from `dict`, from [`FIELD_STRINGS`], or arbitrary.
pub fn string(u: &mut Unstructured, dict: &[&str]) -> Result<String> {
    Ok(match u.int_in_range(0u8..=3)? {
        0 if !dict.is_empty() => (*u.choose(dict)?).to_owned(),
        1 => (*u.choose(FIELD_STRINGS)?).to_owned(),
        2 => {
            // a field string with a few arbitrary characters around it
            let base = *u.choose(FIELD_STRINGS)?;
            let pre: String = u.arbitrary()?;
            let post: String = u.arbitrary()?;
            format!("{}{base}{}", short(&pre, 3), short(&post, 3))
        }
        _ => u.arbitrary()?,
    })
}

fn short(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A key: a schema key, a common key, or arbitrary.
pub fn key(u: &mut Unstructured, keys: &[&str]) -> Result<String> {
    Ok(match u.int_in_range(0u8..=5)? {
        0..=2 if !keys.is_empty() => (*u.choose(keys)?).to_owned(),
        3 | 4 => (*u.choose(COMMON_KEYS)?).to_owned(),
        _ => u.arbitrary()?,
    })
}

/// A value tree at most `MAX_DEPTH - depth` levels deep.
pub fn value(u: &mut Unstructured, depth: usize, keys: &[&str]) -> Result<Value> {
    let containers = depth < MAX_DEPTH && !u.is_empty();
    let top = if containers { 13 } else { 10 };
    Ok(match u.int_in_range(0u8..=top)? {
        0 => Value::Undefined,
        1 => Value::Null,
        2 => Value::Bool(u.arbitrary()?),
        3 => Value::Number(u.arbitrary()?),
        4 => Value::Number(f64::from(u.int_in_range(-200i32..=200)?)),
        5..=7 => Value::String(string(u, keys)?),
        8 => Value::BadString(if u.arbitrary()? {
            BadString::LoneSurrogate
        } else {
            BadString::TooLong {
                len: u.int_in_range(0usize..=1_000_000)?,
            }
        }),
        9 => Value::Other(*u.choose(&[
            "function",
            "symbol",
            "bigint",
            "Date",
            "deeply nested value",
        ])?),
        10 => Value::String(u.arbitrary()?),
        11 => {
            let n = u.int_in_range(0usize..=4)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(value(u, depth + 1, keys)?);
            }
            Value::Array(items)
        }
        _ => Value::Object(object_entries(u, depth, keys)?),
    })
}

/// Entries of an object at `depth`, keys mostly from `keys`.
pub fn object_entries(
    u: &mut Unstructured,
    depth: usize,
    keys: &[&str],
) -> Result<Vec<(String, Value)>> {
    let n = u.int_in_range(0usize..=8)?;
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        entries.push((key(u, keys)?, value(u, depth + 1, keys)?));
    }
    Ok(entries)
}

/// A structured input: mostly an object with schema keys.
pub fn input(u: &mut Unstructured, keys: &[&str]) -> Result<Value> {
    if u.ratio(7u8, 8u8)? {
        Ok(Value::Object(object_entries(u, 0, keys)?))
    } else {
        value(u, 0, keys)
    }
}

/// Splits `data` at the first NUL: `(head, Some(tail))`, or `(data, None)`.
pub fn split_nul(data: &[u8]) -> (&[u8], Option<&[u8]>) {
    match data.iter().position(|b| *b == 0) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    }
}

/// `data` as JSON, converted the way the bindings convert a parsed JS value.
pub fn json(data: &[u8]) -> Option<Value> {
    serde_json::from_slice::<serde_json::Value>(data)
        .ok()
        .map(Value::from)
}

/// The `(input, options)` pair of a tree-shaped target (see the module docs). `options_gen` draws
/// an options object from bytes when they are not JSON.
pub fn input_and_options(
    data: &[u8],
    keys: &[&str],
    options_gen: impl Fn(&mut Unstructured) -> Result<Value>,
) -> Option<(Value, Value)> {
    let (head, tail) = split_nul(data);
    if let Some(input) = json(head) {
        let tail = tail.unwrap_or(&[]);
        let options = match json(tail) {
            Some(o) => o,
            None => options_gen(&mut Unstructured::new(tail)).ok()?,
        };
        return Some((input, options));
    }
    let mut u = Unstructured::new(data);
    let input = input(&mut u, keys).ok()?;
    let options = options_gen(&mut u).ok()?;
    Some((input, options))
}

/// An options object: mostly `undefined` or an object with `option_keys` and `values` strings,
/// sometimes a wrong type or unknown keys.
pub fn options(u: &mut Unstructured, option_keys: &[&str], values: &[&str]) -> Result<Value> {
    Ok(match u.int_in_range(0u8..=7)? {
        0 => Value::Undefined,
        1 => value(u, MAX_DEPTH - 2, option_keys)?,
        _ => {
            let n = u.int_in_range(0usize..=option_keys.len() + 1)?;
            let mut entries = Vec::with_capacity(n);
            for _ in 0..n {
                let k = if option_keys.is_empty() || u.ratio(1u8, 8u8)? {
                    key(u, &["messages", "strict"])?
                } else {
                    (*u.choose(option_keys)?).to_owned()
                };
                let v = match u.int_in_range(0u8..=4)? {
                    0 => Value::Bool(u.arbitrary()?),
                    1 => Value::Number(f64::from(u.int_in_range(-5i32..=150)?)),
                    2 | 3 => Value::String(string(u, values)?),
                    _ => value(u, MAX_DEPTH - 1, option_keys)?,
                };
                entries.push((k, v));
            }
            Value::Object(entries)
        }
    })
}

/// Every string in `v`, each with the key it is stored under (`None` at the root or in arrays
/// directly under the root).
pub fn strings_under<'a>(
    v: &'a Value,
    key: Option<&'a str>,
    out: &mut Vec<(Option<&'a str>, &'a str)>,
) {
    match v {
        Value::String(s) => out.push((key, s)),
        Value::Array(items) => {
            for i in items {
                strings_under(i, key, out);
            }
        }
        Value::Object(entries) => {
            for (k, v) in entries {
                strings_under(v, Some(k), out);
            }
        }
        _ => {}
    }
}

/// The same tree with every string stored under one of `keys` replaced by `with`.
pub fn replace_strings(v: &Value, keys: &[&str], with: &str, under: bool) -> Value {
    match v {
        Value::String(_) if under => Value::String(with.to_owned()),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| replace_strings(i, keys, with, under))
                .collect(),
        ),
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        replace_strings(v, keys, with, keys.contains(&k.as_str())),
                    )
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Keys whose string values are (or may be meant as) a tax id number: `number` and the aliases
/// the tax id and customer validators recognise.
pub const NUMBER_KEYS: &[&str] = &[
    "number",
    "ssn",
    "itin",
    "idNumber",
    "documentNumber",
    "value",
    "id",
    "taxId",
    "identification",
];

/// The "never echo the SSN" rule: no issue message or parameter contains a tax id number string of
/// 6+ characters with 2+ digits (nor its 6+ digits). A hit is only reported when the text does not also appear
/// with the numbers replaced by a placeholder (so static words such as "number" or "900-999" in
/// a message are not mistaken for echoes).
pub fn assert_no_number_echo(
    input: &Value,
    root_is_number: bool,
    issues: &[oms_wasm::validate::Issue],
    rerun: impl Fn(&Value) -> Vec<oms_wasm::validate::Issue>,
) {
    let mut found = Vec::new();
    match input {
        Value::String(s) if root_is_number => found.push((None, s.as_str())),
        _ => strings_under(input, None, &mut found),
    }
    let mut candidates: Vec<String> = Vec::new();
    for (k, s) in found {
        if !(k.is_some_and(|k| NUMBER_KEYS.contains(&k)) || (k.is_none() && root_is_number)) {
            continue;
        }
        let t = s.trim();
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        // a number has digits: a word such as "number is" is not one (and is in the messages)
        if t.chars().count() >= 6 && digits.len() >= 2 {
            candidates.push(t.to_owned());
        }
        if digits.len() >= 6 {
            candidates.push(digits);
        }
    }
    if candidates.is_empty() {
        return;
    }
    let texts = |issues: &[oms_wasm::validate::Issue]| -> Vec<String> {
        issues
            .iter()
            .flat_map(|i| {
                std::iter::once(i.message.clone()).chain(i.params.iter().map(|(_, v)| v.clone()))
            })
            .collect()
    };
    let got = texts(issues);
    let mut baseline: Option<Vec<String>> = None;
    for c in &candidates {
        if let Some(t) = got.iter().find(|t| t.contains(c.as_str())) {
            let base = baseline.get_or_insert_with(|| {
                let neutral = match input {
                    Value::String(_) if root_is_number => Value::String("~".to_owned()),
                    _ => replace_strings(input, NUMBER_KEYS, "~", false),
                };
                texts(&rerun(&neutral))
            });
            assert!(
                base.iter().any(|b| b.contains(c.as_str())),
                "tax id number {c:?} echoed in {t:?}"
            );
        }
    }
}
pub mod webhook;

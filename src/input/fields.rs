//! Shared field readers: strings (trimmed, bounded, well-formed), objects with known keys, and the
//! issues they produce. Every validator builds on these so the same mistake gets the same code.

use super::issue::{join, Issue, IssueCode, PathSeg};
use super::value::{BadString, Value};

/// Default maximum length (in characters) of a free-text field such as a name or a city.
pub const DEFAULT_MAX_CHARS: usize = 256;

/// Reads an optional string field.
///
/// Leading/trailing whitespace is trimmed. `undefined`, `null` and blank strings give `Ok(None)`.
///
/// # Errors
/// One issue: `invalid_type` (not a string), `too_long` (more than `max_chars` characters, or a
/// string the bindings refused to copy), `invalid_encoding` (lone surrogate or control character).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn opt_string(v: &Value, path: &[PathSeg], max_chars: usize) -> Result<Option<String>, Issue> {
    match v {
        Value::Undefined | Value::Null => Ok(None),
        Value::String(s) => {
            let t = crate::text::trim(s);
            if t.is_empty() {
                return Ok(None);
            }
            // (a string has at least as many bytes as chars)
            if t.len() > max_chars && crate::text::char_count(t) > max_chars {
                return Err(too_long(path, max_chars));
            }
            if crate::text::has_control(t) {
                return Err(Issue::new(
                    IssueCode::InvalidEncoding,
                    path.to_vec(),
                    "Must not contain control characters (line breaks, tabs, NUL...).",
                ));
            }
            Ok(Some(t.to_owned()))
        }
        Value::BadString(BadString::TooLong { .. }) => Err(too_long(path, max_chars)),
        Value::BadString(BadString::LoneSurrogate) => Err(Issue::new(
            IssueCode::InvalidEncoding,
            path.to_vec(),
            "Contains an invalid character (an unpaired UTF-16 surrogate).",
        )),
        other => Err(invalid_type(path, "a string", other)),
    }
}

/// Reads a required string field: like [`opt_string`], but a missing or blank value is a `required` issue.
///
/// # Errors
/// The issues of [`opt_string`], or `required`.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn req_string(v: &Value, path: &[PathSeg], max_chars: usize) -> Result<String, Issue> {
    match opt_string(v, path, max_chars)? {
        Some(s) => Ok(s),
        None => Err(required(path)),
    }
}

/// Reads an optional boolean (`undefined`/`null` → `None`).
///
/// # Errors
/// `invalid_type` for anything but a boolean.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn opt_bool(v: &Value, path: &[PathSeg]) -> Result<Option<bool>, Issue> {
    match v {
        Value::Undefined | Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        other => Err(invalid_type(path, "a boolean", other)),
    }
}

/// The `required` issue for a field.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn required(path: &[PathSeg]) -> Issue {
    Issue::new(
        IssueCode::Required,
        path.to_vec(),
        [&field_label(path), " is required."].concat(),
    )
    .with("field", field_name(path))
}

/// The `too_long` issue for a field.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn too_long(path: &[PathSeg], max_chars: usize) -> Issue {
    Issue::new(
        IssueCode::TooLong,
        path.to_vec(),
        [
            field_label(path).as_str(),
            " must be at most ",
            &crate::text::count(max_chars),
            " characters.",
        ]
        .concat(),
    )
    .with("max", crate::text::count(max_chars))
    .with("field", field_name(path))
}

/// The `invalid_type` issue: `expected` is a phrase such as "a string" or "an object".
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn invalid_type(path: &[PathSeg], expected: &str, got: &Value) -> Issue {
    let message = [
        &field_label(path),
        " must be ",
        expected,
        ", not ",
        &article(got.kind()),
        ".",
    ]
    .concat();
    Issue::new(IssueCode::InvalidType, path.to_vec(), message)
        .with("expected", expected)
        .with("received", got.kind())
        .with("field", field_name(path))
}

#[cfg_attr(oms_nightly, optimize(speed))]
fn article(kind: &str) -> String {
    match kind {
        "undefined" | "null" => kind.to_owned(),
        k if k.starts_with(['a', 'e', 'i', 'o', 'u']) => ["an ", k].concat(),
        k => ["a ", k].concat(),
    }
}

/// The last key of a path (`"zipCode"`), or `"value"` for the root / an index.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn field_name(path: &[PathSeg]) -> String {
    match path.last() {
        Some(PathSeg::Key(k)) => k.to_string(),
        Some(PathSeg::Index(_)) => match path.iter().rev().find_map(|s| match s {
            PathSeg::Key(k) => Some(&**k),
            PathSeg::Index(_) => None,
        }) {
            Some(k) => [k, " item"].concat(),
            None => "item".to_owned(),
        },
        None => "value".to_owned(),
    }
}

/// The field as a form shows it, for the start of a sentence: `["residentialAddress", "line1"]` →
/// `"Street address"`, `["identifyingInformation", 0, "number"]` → `"Document number"`, root →
/// `"The value"`. Keys without a label (request params such as `customerId`) are used as they are.
/// The `field` parameter of an issue keeps the key itself, for message templates.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn field_label(path: &[PathSeg]) -> String {
    if path.is_empty() {
        return "The value".to_owned();
    }
    match label(path) {
        Some(l) => l.to_owned(),
        None => field_name(path),
    }
}

/// The human label of the last key of `path`, when it is a field of a customer form (the parent
/// key tells `type`, `number` and `country` apart).
#[cfg_attr(oms_nightly, optimize(speed))]
fn label(path: &[PathSeg]) -> Option<&'static str> {
    let PathSeg::Key(key) = path.last()? else {
        return None;
    };
    // The nearest key above this one (array indexes skipped).
    let parent = path.iter().rev().skip(1).find_map(|s| match s {
        PathSeg::Key(k) => Some(&**k),
        PathSeg::Index(_) => None,
    });
    Some(match (parent, &**key) {
        (None, "type") => "Type",
        (_, "firstName") => "First name",
        (_, "middleName") => "Middle name",
        (_, "lastName") => "Last name",
        (_, "email") => "Email",
        (None, "phone") => "Phone number",
        (_, "birthDate") => "Date of birth",
        (_, "nationality") => "Nationality",
        (_, "ipAddress") => "IP address",
        (_, "externalId") => "External ID",
        (_, "signedAgreement") => "Acceptance of the terms",
        (_, "residentialAddress") => "Residential address",
        (_, "identifyingInformation") => "Identity document",
        (_, "endorsements") => "Endorsements",
        (_, "metadata") => "Metadata",
        (_, "line1") => "Street address",
        (_, "line2") => "Address line 2",
        (_, "city") => "City",
        (_, "state") => "State",
        (_, "zipCode") => "ZIP / postal code",
        (Some("identifyingInformation"), "type") => "Document type",
        (Some("identifyingInformation") | None, "number") => "Document number",
        (_, "issuingCountry") => "Issuing country",
        (Some("phone"), "number") => "Phone number",
        (Some("phone"), "country") => "Phone country",
        (Some("residentialAddress"), "country") | (None, "country") => "Country",
        _ => return None,
    })
}

/// Reads an object and reports unknown keys.
///
/// `known` lists the accepted keys; `hints` maps common mistakes to the intended key (`postalCode` →
/// `zipCode`). Unknown keys are reported as `unknown_key` issues on `path + key`, and the lookup of a
/// hinted key is case-insensitive (`ZipCode` → `zipCode`). Returns the entries for the caller to read.
///
/// # Errors
/// `invalid_type` when `v` is not a plain object (with `what` in the message, e.g. "an address object").
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn object<'v>(
    v: &'v Value,
    path: &[PathSeg],
    what: &str,
    known: &[&str],
    hints: &[(&str, &str)],
    issues: &mut Vec<Issue>,
) -> Result<&'v [(String, Value)], Issue> {
    let Value::Object(entries) = v else {
        return Err(invalid_type(path, what, v));
    };
    for (k, _) in entries {
        if known.contains(&k.as_str()) {
            continue;
        }
        let suggestion = hints
            .iter()
            .find(|(wrong, _)| wrong.eq_ignore_ascii_case(k))
            .map(|(_, right)| *right)
            .or_else(|| {
                known
                    .iter()
                    .copied()
                    .find(|right| right.eq_ignore_ascii_case(k))
            });
        let key_path = join(path, k.clone());
        let issue = match suggestion {
            Some(right) => Issue::new(
                IssueCode::UnknownKey,
                key_path,
                ["Unknown field; did you mean \"", right, "\"?"].concat(),
            )
            .with("suggestion", right),
            None => Issue::new(
                IssueCode::UnknownKey,
                key_path,
                [
                    "Unknown field. Allowed fields: ",
                    &join_str(known, ", "),
                    ".",
                ]
                .concat(),
            ),
        };
        issues.push(issue.with("key", safe_key(k)));
    }
    Ok(entries)
}

/// A key as it may appear in a message parameter: at most 64 characters.
#[cfg_attr(oms_nightly, optimize(speed))]
fn safe_key(k: &str) -> String {
    k.chars().take(64).collect()
}

/// Looks up `key` in object entries (last one wins); `Value::Undefined` when absent.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn get<'v>(entries: &'v [(String, Value)], key: &str) -> &'v Value {
    const UNDEFINED: &Value = &Value::Undefined;
    entries
        .iter()
        .rev()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or(UNDEFINED)
}

/// Runs `f` and moves its error (if any) into `issues`, returning the success value.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn collect<T>(issues: &mut Vec<Issue>, r: Result<T, Issue>) -> Option<T> {
    match r {
        Ok(t) => Some(t),
        Err(e) => {
            issues.push(e);
            None
        }
    }
}

/// Like [`collect`] for validators that return many issues.
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn collect_all<T>(issues: &mut Vec<Issue>, r: Result<T, Vec<Issue>>) -> Option<T> {
    match r {
        Ok(t) => Some(t),
        Err(e) => {
            issues.extend(e);
            None
        }
    }
}

/// `parts.join(sep)`, without the standard library's generic join (about 0.9 KB of wasm).
#[cfg_attr(oms_nightly, optimize(speed))]
pub(crate) fn join_str(parts: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (k, p) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        let p: Vec<PathSeg> = vec!["firstName".into()];
        assert_eq!(
            opt_string(&"  Ada ".into(), &p, 10).unwrap().as_deref(),
            Some("Ada")
        );
        assert_eq!(opt_string(&"   ".into(), &p, 10).unwrap(), None);
        assert_eq!(opt_string(&Value::Null, &p, 10).unwrap(), None);
        assert_eq!(
            opt_string(&Value::Number(1.0), &p, 10).unwrap_err().code,
            IssueCode::InvalidType
        );
        assert_eq!(
            opt_string(&"x".repeat(11).into(), &p, 10).unwrap_err().code,
            IssueCode::TooLong
        );
        assert_eq!(
            opt_string(&"a\u{0}b".into(), &p, 10).unwrap_err().code,
            IssueCode::InvalidEncoding
        );
        assert_eq!(
            opt_string(&Value::BadString(BadString::LoneSurrogate), &p, 10)
                .unwrap_err()
                .code,
            IssueCode::InvalidEncoding
        );
        let e = req_string(&Value::Undefined, &p, 10).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            (IssueCode::Required, "First name is required.")
        );
        let e = opt_string(&Value::Array(vec![]), &p, 10).unwrap_err();
        assert_eq!(e.message, "First name must be a string, not an array.");
        let street: Vec<PathSeg> = vec!["residentialAddress".into(), "line1".into()];
        let e = req_string(&Value::Undefined, &street, 10).unwrap_err();
        assert_eq!(e.message, "Street address is required.");
        assert_eq!(e.param("field"), Some("line1"));
        let doc: Vec<PathSeg> = vec!["identifyingInformation".into(), 0.into(), "number".into()];
        assert_eq!(field_label(&doc), "Document number");
        assert_eq!(field_label(&["customerId".into()]), "customerId");
    }

    #[test]
    fn unknown_keys_with_hints() {
        let v: Value =
            serde_json::json!({"line1": "x", "postalCode": "1", "Zip": 2, "LINE2": "y", "foo": 1})
                .into();
        let mut issues = vec![];
        object(
            &v,
            &[],
            "an object",
            &["line1", "line2", "zipCode"],
            &[("postalCode", "zipCode"), ("zip", "zipCode")],
            &mut issues,
        )
        .unwrap();
        let got: Vec<_> = issues
            .iter()
            .map(|i| (i.path_string(), i.param("suggestion").map(str::to_owned)))
            .collect();
        assert_eq!(
            got,
            vec![
                ("postalCode".into(), Some("zipCode".into())),
                ("Zip".into(), Some("zipCode".into())),
                ("LINE2".into(), Some("line2".into())),
                ("foo".into(), None)
            ]
        );
    }
}

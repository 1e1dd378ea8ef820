//! Email addresses, checked the way a signup form should: `local@domain.tld`.
//!
//! * Local part: 1–64 ASCII characters from the RFC 5322 `atext` set plus dots (no leading,
//!   trailing or doubled dot). Quoted local parts and comments are not accepted.
//! * Domain: at least two labels separated by dots; each label 1–63 letters, digits or hyphens,
//!   not starting or ending with a hyphen (Unicode letters and digits allowed, so internationalized
//!   domains work); the top-level label has at least two letters or is an `xn--` label. No IP
//!   literals, no trailing dot.
//! * At most 254 characters in total.
//! * A short list of unmistakable typos of the big providers' domains (`gmial.com`, `hotmial.com`,
//!   `yaho.com`, `.con`...) is rejected with the corrected domain in `params.suggestion`
//!   (the local part is never repeated).
//!
//! Output: trimmed, domain lowercased, local part unchanged.

use crate::input::fields::{field_label, field_name, req_string};
use crate::input::issue::{Issue, IssueCode, PathSeg, Validation};
use crate::input::value::Value;

/// Maximum length of an email address, in characters.
pub const MAX_EMAIL: usize = 254;

/// Domain typos and the domain meant.
const TYPOS: &[(&str, &str)] = &[
    ("gmial.com", "gmail.com"),
    ("gmai.com", "gmail.com"),
    ("gmal.com", "gmail.com"),
    ("gamil.com", "gmail.com"),
    ("gnail.com", "gmail.com"),
    ("gmaill.com", "gmail.com"),
    ("gmail.co", "gmail.com"),
    ("gmail.cm", "gmail.com"),
    ("gmail.om", "gmail.com"),
    ("gmail.comm", "gmail.com"),
    ("gmailcom", "gmail.com"),
    ("googlemail.co", "googlemail.com"),
    ("hotmial.com", "hotmail.com"),
    ("hotmal.com", "hotmail.com"),
    ("hotmai.com", "hotmail.com"),
    ("hotmil.com", "hotmail.com"),
    ("homail.com", "hotmail.com"),
    ("hotamil.com", "hotmail.com"),
    ("hotmail.co", "hotmail.com"),
    ("yaho.com", "yahoo.com"),
    ("yahooo.com", "yahoo.com"),
    ("yhaoo.com", "yahoo.com"),
    ("yahoo.cm", "yahoo.com"),
    ("outlok.com", "outlook.com"),
    ("outloo.com", "outlook.com"),
    ("outlook.co", "outlook.com"),
    ("iclod.com", "icloud.com"),
    ("icoud.com", "icloud.com"),
    ("icloud.co", "icloud.com"),
    ("aol.co", "aol.com"),
];

/// Top-level labels that are typos of `com` / `net` / `org` (none is a real top-level domain).
const TLD_TYPOS: &[(&str, &str)] = &[
    ("con", "com"),
    ("cmo", "com"),
    ("comm", "com"),
    ("ocm", "com"),
    ("nte", "net"),
    ("ogr", "org"),
];

/// Validates an email address at the root; see [`validate_email_at`].
///
/// # Errors
/// As [`validate_email_at`].
pub fn validate_email(v: &Value) -> Validation<String> {
    validate_email_at(v, &[])
}

/// Validates an email address at `path` and returns it trimmed with the domain lowercased.
///
/// # Errors
/// One issue: `required`, `invalid_type`, `too_long` (over 254 characters), `invalid_encoding`, or
/// `invalid_email` with `params.reason` (`format`, `local_part`, `domain`, `typo`) and, for a
/// misspelled domain, `params.suggestion` (the corrected domain).
pub fn validate_email_at(v: &Value, path: &[PathSeg]) -> Validation<String> {
    let s = req_string(v, path, MAX_EMAIL).map_err(|e| vec![e])?;
    // (the label is made only for an issue: a valid address allocates nothing else)
    let label = || field_label(path);
    let fail = |reason: &'static str, message: String| {
        Err(vec![Issue::new(
            IssueCode::InvalidEmail,
            path.to_vec(),
            message,
        )
        .with("reason", reason)
        .with("field", field_name(path))])
    };
    let Some((local, domain)) = s.rsplit_once('@') else {
        return fail(
            "format",
            [
                label().as_str(),
                " must be an email address: a name, then @, then a domain.",
            ]
            .concat(),
        );
    };
    if local.is_empty() || domain.is_empty() || s.chars().any(char::is_whitespace) {
        return fail(
            "format",
            [
                label().as_str(),
                " must be an email address (a name, then @, then a domain) without spaces.",
            ]
            .concat(),
        );
    }
    if !local_ok(local) {
        return fail(
            "local_part",
            [
                label().as_str(),
                " has an invalid part before the @: use at most 64 letters, digits and symbols such as . _ + -, \
                 without a dot at the start or end or two dots in a row.",
            ]
            .concat(),
        );
    }
    // Letter by letter, as IDNA (UTS #46) maps a domain: `Σ` always becomes `σ`. (`str::to_lowercase`
    // would write a word-final `ς`, a different label, and its context rule links ~2 KB gzipped of
    // Unicode case tables into the validation `.wasm`.)
    let domain: String = if domain.is_ascii() {
        domain.to_ascii_lowercase()
    } else {
        domain.chars().flat_map(char::to_lowercase).collect()
    };
    if let Some(right) = typo(&domain) {
        return Err(vec![Issue::new(
            IssueCode::InvalidEmail,
            path.to_vec(),
            [
                label().as_str(),
                " looks misspelled after the @; did you mean \"",
                right.as_str(),
                "\"?",
            ]
            .concat(),
        )
        .with("reason", "typo")
        .with("suggestion", right)
        .with("field", field_name(path))]);
    }
    if !domain_ok(&domain) {
        return fail(
            "domain",
            [label().as_str(), " has an invalid domain after the @: it must look like example.com (letters, digits and hyphens, with a top-level domain of at least two letters)."].concat(),
        );
    }
    Ok([local, "@", &domain].concat())
}

/// RFC 5322 dot-atom (ASCII), at most 64 bytes.
fn local_ok(local: &str) -> bool {
    local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !crate::text::contains(local, "..")
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-.".contains(&b))
}

fn domain_ok(domain: &str) -> bool {
    let Some((_, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    let label_ok = |l: &str| {
        let n = l.chars().count();
        (1..=63).contains(&n)
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && (l.is_ascii() || !l.starts_with("xn--"))
    };
    if !domain.split('.').all(label_ok) {
        return false;
    }
    (tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic))
        || (tld.starts_with("xn--") && tld.len() > 4)
}

/// The intended domain for a known typo.
fn typo(domain: &str) -> Option<String> {
    if let Some((_, right)) = TYPOS.iter().find(|(wrong, _)| *wrong == domain) {
        return Some((*right).to_owned());
    }
    let (rest, tld) = domain.rsplit_once('.')?;
    let (_, right) = TLD_TYPOS.iter().find(|(wrong, _)| *wrong == tld)?;
    Some([rest, ".", right].concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        validate_email(&s.into()).unwrap()
    }

    fn err(s: &str) -> Issue {
        validate_email(&s.into()).unwrap_err().remove(0)
    }

    #[test]
    fn accepts_and_normalizes() {
        assert_eq!(
            ok("  Ada.Lovelace+oms@Example.COM "),
            "Ada.Lovelace+oms@example.com"
        );
        assert_eq!(ok("a@b.co"), "a@b.co");
        assert_eq!(ok("o'brien@sub.example.org"), "o'brien@sub.example.org");
        assert_eq!(ok("x@MÜNCHEN.de"), "x@münchen.de");
        assert_eq!(ok("x@example.xn--p1ai"), "x@example.xn--p1ai");
        assert_eq!(ok("x@пример.рф"), "x@пример.рф");
        // the domain is lowercased letter by letter (IDNA maps Σ to σ, also at the end of a word)
        assert_eq!(ok("x@ΟΔΟΣ.gr"), "x@οδοσ.gr");
        assert_eq!(ok("x@ПРИМЕР.РФ"), "x@пример.рф");
        assert_eq!(
            ok(&format!("{}@example.com", "a".repeat(64))),
            format!("{}@example.com", "a".repeat(64))
        );
    }

    #[test]
    fn rejects() {
        for (s, reason) in [
            ("plainaddress", "format"),
            ("@example.com", "format"),
            ("user@", "format"),
            ("us er@example.com", "format"),
            (".user@example.com", "local_part"),
            ("user.@example.com", "local_part"),
            ("us..er@example.com", "local_part"),
            ("a@b@example.com", "local_part"),
            ("ü@example.com", "local_part"),
            ("\"quoted\"@example.com", "local_part"),
            ("user@localhost", "domain"),
            ("user@example", "domain"),
            ("user@example.c", "domain"),
            ("user@example.123", "domain"),
            ("user@-example.com", "domain"),
            ("user@example-.com", "domain"),
            ("user@exa_mple.com", "domain"),
            ("user@example.com.", "domain"),
            ("user@[127.0.0.1]", "domain"),
            ("user@1.2.3.4", "domain"),
        ] {
            let i = err(s);
            assert_eq!(
                (i.code, i.param("reason")),
                (IssueCode::InvalidEmail, Some(reason)),
                "{s}"
            );
            assert!(!i.message.contains(s));
        }
        assert_eq!(
            err(&format!("{}@example.com", "a".repeat(65))).param("reason"),
            Some("local_part")
        );
        assert_eq!(
            err(&format!("a@{}.com", "b".repeat(64))).param("reason"),
            Some("domain")
        );
        assert_eq!(
            err(&format!("a@{}.com", "b.".repeat(130))).code,
            IssueCode::TooLong
        );
    }

    #[test]
    fn typos() {
        for (s, right) in [
            ("jane@gmial.com", "gmail.com"),
            ("jane@Hotmial.com", "hotmail.com"),
            ("jane@yaho.com", "yahoo.com"),
            ("jane@company.con", "company.com"),
        ] {
            let i = err(s);
            assert_eq!(
                (i.code, i.param("suggestion")),
                (IssueCode::InvalidEmail, Some(right)),
                "{s}"
            );
            assert!(
                !i.message.contains("jane") && i.params.iter().all(|(_, v)| !v.contains("jane"))
            );
        }
        let i = validate_email_at(&"x@gmai.com".into(), &["email".into()]).unwrap_err();
        assert_eq!(i[0].path_string(), "email");
    }

    #[test]
    fn shapes() {
        assert_eq!(
            validate_email(&Value::Null).unwrap_err()[0].code,
            IssueCode::Required
        );
        assert_eq!(
            validate_email(&Value::Bool(true)).unwrap_err()[0].code,
            IssueCode::InvalidType
        );
    }
}

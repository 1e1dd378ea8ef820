//! [`Sensitive`]: a wrapper for personal data and credentials that must never reach logs, and the
//! scrubbers that remove known secrets from text and JSON that came from elsewhere (a server's
//! error body may echo a credential; a token-exchange answer carries one).

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

/// Shortest secret [`scrub_text`] and [`scrub_json`] look for: shorter strings would match
/// ordinary text (a token or API secret is never this short).
pub const MIN_SCRUB_LEN: usize = 4;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

fn usable<'a>(secrets: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    secrets.iter().copied().filter(|s| s.len() >= MIN_SCRUB_LEN)
}

/// True when `text` contains one of `secrets` (those of at least [`MIN_SCRUB_LEN`] bytes).
pub fn contains_secret(text: &str, secrets: &[&str]) -> bool {
    usable(secrets).any(|s| text.contains(s))
}

/// Replaces every occurrence of each secret (at least [`MIN_SCRUB_LEN`] bytes) with `[redacted]`.
pub fn scrub_text(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for s in usable(secrets) {
        if out.contains(s) {
            out = out.replace(s, REDACTED);
        }
    }
    out
}

/// Scrubs every string and object key of a JSON value (the decoded text, so a secret written with
/// JSON escapes such as `\u005f` is found too). Returns whether anything changed.
pub fn scrub_json(v: &mut serde_json::Value, secrets: &[&str]) -> bool {
    use serde_json::Value;
    match v {
        Value::String(s) if contains_secret(s, secrets) => {
            *s = scrub_text(s, secrets);
            true
        }
        Value::Array(a) => a
            .iter_mut()
            .fold(false, |changed, x| scrub_json(x, secrets) | changed),
        Value::Object(m) => {
            let mut changed = false;
            if m.keys().any(|k| contains_secret(k, secrets)) {
                let old = std::mem::take(m);
                for (k, x) in old {
                    m.insert(scrub_text(&k, secrets), x);
                }
                changed = true;
            }
            m.values_mut()
                .fold(changed, |changed, x| scrub_json(x, secrets) | changed)
        }
        _ => false,
    }
}

/// Scrubs a response body given as text: the raw text first (any format), then, when it is JSON,
/// its decoded strings and keys (re-serialized only when something was found there).
pub fn scrub_body(body: &str, secrets: &[&str]) -> String {
    let text = scrub_text(body, secrets);
    match serde_json::from_str::<serde_json::Value>(text.trim()) {
        Ok(mut v) => {
            if scrub_json(&mut v, secrets) {
                v.to_string()
            } else {
                text
            }
        }
        Err(_) => text,
    }
}

/// Whether a JSON key names a credential (`accessToken`, `access_token`, `refreshToken`,
/// `idToken`, `token`, `apiSecret`, `secret`, …; any case, `_`/`-` ignored).
pub fn is_credential_key(key: &str) -> bool {
    let k: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    k == "token"
        || k == "secret"
        || k == "password"
        || k == "authorization"
        || k.ends_with("token")
        || k.ends_with("secret")
}

/// Whether a string looks like a JSON Web Token (`eyJ…` header, three base64url parts).
pub fn looks_like_jwt(s: &str) -> bool {
    let t = s.trim();
    t.starts_with("eyJ")
        && t.split('.').count() >= 2
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='))
}

/// The body of a token-exchange (`POST /auth/token`) response made safe to keep in an error: in
/// JSON, every value under a credential key ([`is_credential_key`]) and every JWT-looking string
/// becomes `[redacted]`; a body that is not JSON is kept only when it holds nothing token-like
/// (no `token`, no `secret`, no `eyJ`), else it is replaced by a placeholder with its length. So
/// a new bearer token never reaches an error's `body`, even from a truncated or malformed answer.
pub fn redact_token_body(body: &str) -> String {
    use serde_json::Value;
    fn walk(v: &mut Value) {
        match v {
            Value::String(s) if looks_like_jwt(s) => *s = REDACTED.to_owned(),
            Value::Array(a) => a.iter_mut().for_each(walk),
            Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if is_credential_key(k) && !x.is_null() {
                        *x = Value::String(REDACTED.to_owned());
                    } else {
                        walk(x);
                    }
                }
            }
            _ => {}
        }
    }
    match serde_json::from_str::<Value>(body.trim()) {
        Ok(mut v) => {
            let before = v.clone();
            walk(&mut v);
            if v == before {
                body.to_owned()
            } else {
                v.to_string()
            }
        }
        Err(_) => {
            let lower = body.to_ascii_lowercase();
            if lower.contains("token") || lower.contains("secret") || body.contains("eyJ") {
                [
                    "[redacted: an unreadable token response of ",
                    &crate::text::count(body.len()),
                    " bytes]",
                ]
                .concat()
            } else {
                body.to_owned()
            }
        }
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

    #[test]
    fn scrubbing_finds_escaped_secrets_and_keys() {
        let secrets = ["sec_ret_value", "tok"];
        // raw text
        assert_eq!(
            scrub_text("a sec_ret_value b tok", &secrets),
            "a [redacted] b tok"
        );
        // a JSON escape hides the secret from a raw-text scrub, not from the parsed one
        let body =
            r#"{"echo":"sec\u005fret_value","sec_ret_value":1,"n":[{"x":"-sec_ret_value-"}]}"#;
        assert!(scrub_text(body, &secrets).contains(r"sec\u005fret_value"));
        let out = scrub_body(body, &secrets);
        assert!(!out.contains("sec_ret_value"), "{out}");
        assert!(!out.contains("u005f"), "{out}");
        assert_eq!(out.matches(REDACTED).count(), 3, "{out}");
        // nothing found: the text is kept byte for byte (no re-serialization)
        assert_eq!(scrub_body("{ \"a\" : 1 }", &secrets), "{ \"a\" : 1 }");
        assert!(!contains_secret("tok tok", &secrets));
    }

    #[test]
    fn token_bodies_never_keep_a_token() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        for body in [
            format!(r#"{{"accessToken":"{jwt}","expiresIn":"3600"}}"#),
            format!(r#"{{"accessToken":"{jwt}","expiresIn":1.5}}"#),
            format!(r#"{{"data":{{"access_token":"opaque-123456"}},"x":"{jwt}"}}"#),
            format!(r#"{{"accessToken":"{jwt}","expiresIn":36"#),
            format!(r#"accessToken={jwt}"#),
            format!("<html>{jwt}</html>"),
            "{\"token\":\"opaque-123456\"}".to_owned(),
        ] {
            let out = redact_token_body(&body);
            assert!(
                !out.contains(jwt) && !out.contains("opaque-123456"),
                "{body} -> {out}"
            );
        }
        // harmless bodies are kept
        assert_eq!(
            redact_token_body(r#"{"error":"invalid credentials"}"#),
            r#"{"error":"invalid credentials"}"#
        );
        assert_eq!(
            redact_token_body("<html>bad gateway</html>"),
            "<html>bad gateway</html>"
        );
        assert_eq!(
            redact_token_body(r#"{"accessToken":null,"expiresIn":3600}"#),
            r#"{"accessToken":null,"expiresIn":3600}"#
        );
    }
}

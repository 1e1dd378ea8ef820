//! The raw escape hatch `client.request(method, path, { query, body, idempotencyKey })`: for
//! endpoints this SDK does not model yet. The request gets the same headers as the typed
//! operations (`Accept`, `Authorization`, `Content-Type` with a body, `Idempotency-Key` on every
//! POST, and on other methods when the caller gives one) and the same transport (token, retries,
//! timeouts); the response is read as plain JSON, errors as [`ApiError`].
//!
//! * `method`: `GET`, `POST`, `PATCH` or `DELETE` (any case).
//! * `path`: relative to the base URL (which holds the version segment), starting with `/`, e.g.
//!   `/customers/cst_123`. Each segment is percent-encoded (existing `%XX` escapes are kept);
//!   `.`/`..` segments, `?`, `#`, control characters and absolute URLs are refused.
//! * `query`: an object of strings, numbers and booleans (an array repeats the key);
//!   `undefined`/`null` entries are left out.
//! * `body`: any JSON value, for POST and PATCH only.

use crate::api::url::{decode_component, encode_component};
use crate::api::RequestContext;
use crate::error::{ApiError, BuildError};
use crate::http::{HttpRequest, Method};
use crate::input::{Issue, IssueCode, PathSeg, Value};

/// Longest raw path accepted, in bytes.
pub const MAX_PATH_LEN: usize = 2048;

fn issue(code: IssueCode, path: &[&str], message: impl Into<String>) -> Issue {
    Issue::new(
        code,
        path.iter()
            .map(|k| PathSeg::from((*k).to_owned()))
            .collect::<Vec<PathSeg>>(),
        message,
    )
}

/// Reads a method name.
pub fn method_from_name(name: &str) -> Option<Method> {
    match name.to_ascii_uppercase().as_str() {
        "GET" => Some(Method::Get),
        "POST" => Some(Method::Post),
        "PATCH" => Some(Method::Patch),
        "DELETE" => Some(Method::Delete),
        _ => None,
    }
}

fn encoded_path(path: &str, issues: &mut Vec<Issue>) -> Option<String> {
    if !path.starts_with('/') || path.starts_with("//") {
        issues.push(issue(
            IssueCode::InvalidValue,
            &["path"],
            "path must be relative to the base URL and start with \"/\", e.g. \"/customers\".",
        ));
        return None;
    }
    if path.len() > MAX_PATH_LEN {
        issues.push(
            issue(
                IssueCode::TooLong,
                &["path"],
                format!("path must be at most {MAX_PATH_LEN} bytes."),
            )
            .with("max", MAX_PATH_LEN.to_string()),
        );
        return None;
    }
    if path.contains(['?', '#']) {
        issues.push(issue(
            IssueCode::InvalidValue,
            &["path"],
            "path must not contain \"?\" or \"#\": pass query parameters as options.query.",
        ));
        return None;
    }
    if path.chars().any(char::is_control) {
        issues.push(issue(
            IssueCode::InvalidValue,
            &["path"],
            "path must not contain control characters.",
        ));
        return None;
    }
    let mut out = String::with_capacity(path.len() + 8);
    for seg in path[1..].split('/') {
        let decoded = decode_component(seg).unwrap_or_else(|| seg.to_owned());
        if decoded == "." || decoded == ".." {
            issues.push(issue(
                IssueCode::InvalidValue,
                &["path"],
                "path must not contain \".\" or \"..\" segments.",
            ));
            return None;
        }
        out.push('/');
        out.push_str(&encode_component(&decoded));
    }
    Some(out)
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n)
            if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 =>
        {
            Some((*n as i64).to_string())
        }
        Value::Number(n) if n.is_finite() => Some(n.to_string()),
        _ => None,
    }
}

fn query_pairs(query: &Value, issues: &mut Vec<Issue>) -> Vec<(String, String)> {
    let entries = match query {
        Value::Undefined | Value::Null => return Vec::new(),
        Value::Object(e) => e,
        other => {
            issues.push(issue(
                IssueCode::InvalidType,
                &["options", "query"],
                format!("options.query must be an object, not {}.", other.kind()),
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (k, v) in entries {
        let mut push = |v: &Value| match v {
            Value::Undefined | Value::Null => {}
            v => match scalar(v) {
                Some(s) => out.push((k.clone(), s)),
                None => issues.push(issue(
                    IssueCode::InvalidType,
                    &["options", "query", k],
                    format!(
                        "options.query.{k} must be a string, a finite number or a boolean, not {}.",
                        v.kind()
                    ),
                )),
            },
        };
        match v {
            Value::Array(items) => items.iter().for_each(&mut push),
            v => push(v),
        }
    }
    out
}

/// Builds a raw request (see the module docs). `ctx` supplies the base URL, the token, the
/// idempotency key or the random bytes for one.
///
/// # Errors
/// [`BuildError::InvalidParams`] with every issue (paths `["method"]`, `["path"]`,
/// `["options", "query", …]`, `["options", "body", …]`); then [`BuildError::MissingAccessToken`],
/// [`BuildError::InvalidAccessToken`], [`BuildError::InvalidIdempotencyKey`],
/// [`BuildError::MissingIdempotencyKey`].
pub fn build_raw(
    method: &Value,
    path: &Value,
    query: &Value,
    body: &Value,
    ctx: &RequestContext,
) -> Result<HttpRequest, BuildError> {
    let mut issues = Vec::new();
    let method = match method {
        Value::String(m) => method_from_name(m),
        _ => None,
    };
    if method.is_none() {
        issues.push(issue(
            IssueCode::InvalidEnum,
            &["method"],
            "method must be \"GET\", \"POST\", \"PATCH\" or \"DELETE\".",
        ));
    }
    let url_path = match path {
        Value::String(p) => encoded_path(p, &mut issues),
        other => {
            issues.push(issue(
                IssueCode::InvalidType,
                &["path"],
                format!("path must be a string, not {}.", other.kind()),
            ));
            None
        }
    };
    let pairs = query_pairs(query, &mut issues);
    let body = match body {
        Value::Undefined => None,
        b => {
            if matches!(method, Some(Method::Get | Method::Delete)) {
                issues.push(issue(
                    IssueCode::InvalidValue,
                    &["options", "body"],
                    "GET and DELETE requests have no body.",
                ));
                None
            } else {
                let p = [PathSeg::Key("options".into()), PathSeg::Key("body".into())];
                crate::api::params::to_json(b, &p, &mut issues).map(|j| j.to_string())
            }
        }
    };
    let (Some(method), Some(url_path), true) = (method, url_path, issues.is_empty()) else {
        return Err(BuildError::InvalidParams(issues));
    };

    let mut url = String::with_capacity(ctx.base_url.as_str().len() + url_path.len() + 32);
    url.push_str(ctx.base_url.as_str());
    url.push_str(&url_path);
    for (i, (k, v)) in pairs.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&encode_component(k));
        url.push('=');
        url.push_str(&encode_component(v));
    }

    let mut headers: Vec<(String, String)> = Vec::with_capacity(4);
    headers.push(("Accept".into(), "application/json".into()));
    let token = ctx
        .access_token
        .as_ref()
        .ok_or(BuildError::MissingAccessToken)?;
    let t = token.expose();
    if t.is_empty() || t.len() > 16 * 1024 || !t.bytes().all(|b| (0x21..=0x7E).contains(&b)) {
        return Err(BuildError::InvalidAccessToken);
    }
    headers.push(("Authorization".into(), format!("Bearer {t}")));
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    match (&ctx.idempotency_key, method == Method::Post) {
        (Some(key), _) => {
            let ok = !key.is_empty()
                && key.len() <= crate::api::MAX_IDEMPOTENCY_KEY
                && key.bytes().all(|b| (0x20..=0x7E).contains(&b))
                && !key.starts_with(' ')
                && !key.ends_with(' ');
            if !ok {
                return Err(BuildError::InvalidIdempotencyKey);
            }
            headers.push(("Idempotency-Key".into(), key.clone()));
        }
        (None, true) => {
            let bytes = ctx.random_bytes.ok_or(BuildError::MissingIdempotencyKey)?;
            headers.push(("Idempotency-Key".into(), crate::api::uuid_v4(bytes)));
        }
        (None, false) => {}
    }
    Ok(HttpRequest {
        method,
        url,
        headers,
        body,
    })
}

/// Reads a raw response: a 2xx body as JSON (`null` when empty), anything else as [`ApiError`].
///
/// # Errors
/// [`ApiError::from_response`] for a non-2xx status; `invalid_response` for a 2xx body that is
/// not JSON.
pub fn parse_raw(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<serde_json::Value, ApiError> {
    crate::api::read_success(status, headers, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{BaseUrl, Environment};
    use crate::validate::date::Date;

    fn ctx() -> RequestContext {
        RequestContext::new(BaseUrl::environment(Environment::Sandbox), Date::EPOCH)
            .with_access_token("tok")
            .with_random_bytes([0; 16])
    }

    fn s(x: &str) -> Value {
        Value::String(x.into())
    }

    fn obj(e: &[(&str, Value)]) -> Value {
        Value::Object(
            e.iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    /// Query numbers as JavaScript writes them: integers without a fraction, fractions kept,
    /// large values in full, -0 as 0; NaN and infinities refused (cargo-mutants survivors).
    #[test]
    fn query_numbers() {
        let url = |n: f64| {
            let q = obj(&[("n", Value::Number(n))]);
            build_raw(&s("GET"), &s("/customers"), &q, &Value::Undefined, &ctx()).map(|r| r.url)
        };
        let tail = |n: f64| url(n).unwrap().rsplit_once('?').unwrap().1.to_owned();
        assert_eq!(tail(10.0), "n=10");
        assert_eq!(tail(1.5), "n=1.5");
        assert_eq!(tail(-0.0), "n=0");
        assert_eq!(tail(1e20), "n=100000000000000000000");
        assert_eq!(tail(-2.0), "n=-2");
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(url(bad).is_err(), "{bad}");
        }
    }

    /// DELETE, the path length limit, the access token's checks (cargo-mutants survivors).
    #[test]
    fn delete_path_limit_and_token_checks() {
        let r = build_raw(
            &s("delete"),
            &s("/webhooks/x"),
            &Value::Undefined,
            &Value::Undefined,
            &ctx(),
        )
        .unwrap();
        assert_eq!(r.method, Method::Delete);
        let at_limit = format!("/{}", "a".repeat(MAX_PATH_LEN - 1));
        assert!(build_raw(
            &s("GET"),
            &s(&at_limit),
            &Value::Undefined,
            &Value::Undefined,
            &ctx()
        )
        .is_ok());
        let over = format!("/{}", "a".repeat(MAX_PATH_LEN));
        assert!(build_raw(
            &s("GET"),
            &s(&over),
            &Value::Undefined,
            &Value::Undefined,
            &ctx()
        )
        .is_err());
        let with_token = |t: &str| {
            let c = RequestContext::new(BaseUrl::environment(Environment::Sandbox), Date::EPOCH)
                .with_access_token(t)
                .with_random_bytes([0; 16]);
            build_raw(
                &s("GET"),
                &s("/customers"),
                &Value::Undefined,
                &Value::Undefined,
                &c,
            )
        };
        assert!(with_token(&"t".repeat(16 * 1024)).is_ok());
        assert_eq!(
            with_token(&"t".repeat(16 * 1024 + 1)).unwrap_err(),
            BuildError::InvalidAccessToken
        );
        assert_eq!(with_token("").unwrap_err(), BuildError::InvalidAccessToken);
        assert_eq!(
            with_token("a b").unwrap_err(),
            BuildError::InvalidAccessToken
        );
    }

    #[test]
    fn get_with_query() {
        let q = obj(&[
            ("limit", Value::Number(10.0)),
            ("status", s("active")),
            ("x", Value::Undefined),
            ("tag", Value::Array(vec![s("a b"), Value::Bool(true)])),
        ]);
        let r = build_raw(&s("get"), &s("/customers"), &q, &Value::Undefined, &ctx()).unwrap();
        assert_eq!(r.method, Method::Get);
        assert_eq!(r.url, "https://sandbox-api.polygon.technology/v0.9/customers?limit=10&status=active&tag=a%20b&tag=true");
        assert_eq!(r.header("authorization"), Some("Bearer tok"));
        assert_eq!(r.header("idempotency-key"), None);
        assert_eq!(r.body, None);
    }

    #[test]
    fn post_gets_a_key_and_body() {
        let b = obj(&[("type", s("individual")), ("n", Value::Number(1.5))]);
        let r = build_raw(&s("POST"), &s("/customers"), &Value::Undefined, &b, &ctx()).unwrap();
        assert_eq!(
            r.header("idempotency-key"),
            Some("00000000-0000-4000-8000-000000000000")
        );
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.body.as_deref(), Some(r#"{"type":"individual","n":1.5}"#));
        let r = build_raw(
            &s("PATCH"),
            &s("/customers/x"),
            &Value::Undefined,
            &b,
            &ctx().with_idempotency_key("k-1"),
        )
        .unwrap();
        assert_eq!(r.header("idempotency-key"), Some("k-1"));
    }

    #[test]
    fn paths() {
        let p = |x: &str| {
            build_raw(
                &s("GET"),
                &s(x),
                &Value::Undefined,
                &Value::Undefined,
                &ctx(),
            )
            .map(|r| r.url)
        };
        assert_eq!(
            p("/customers/cst_1").unwrap(),
            "https://sandbox-api.polygon.technology/v0.9/customers/cst_1"
        );
        assert_eq!(
            p("/a%2Fb/c d/é").unwrap(),
            "https://sandbox-api.polygon.technology/v0.9/a%2Fb/c%20d/%C3%A9"
        );
        assert_eq!(
            p("/100%").unwrap(),
            "https://sandbox-api.polygon.technology/v0.9/100%25"
        );
        for bad in [
            "customers",
            "https://evil.example/x",
            "//evil.example/x",
            "/a/../b",
            "/a/%2e%2e/b",
            "/a?b=1",
            "/a#b",
            "/a\nb",
            "/./x",
        ] {
            let e = p(bad).unwrap_err();
            assert_eq!(e.code(), "invalid_params", "{bad}");
            assert_eq!(e.issues()[0].path, vec![PathSeg::Key("path".into())]);
        }
    }

    #[test]
    fn bad_inputs_are_issues() {
        let e = build_raw(
            &s("PUT"),
            &Value::Number(1.0),
            &s("q"),
            &Value::Other("function"),
            &ctx(),
        )
        .unwrap_err();
        let codes: Vec<_> = e.issues().iter().map(|i| i.path_string()).collect();
        assert_eq!(codes, ["method", "path", "options.query", "options.body"]);
        let e = build_raw(&s("GET"), &s("/x"), &Value::Undefined, &obj(&[]), &ctx()).unwrap_err();
        assert_eq!(e.issues()[0].path_string(), "options.body");
        let no_token = RequestContext::new(BaseUrl::environment(Environment::Sandbox), Date::EPOCH);
        assert_eq!(
            build_raw(
                &s("GET"),
                &s("/x"),
                &Value::Undefined,
                &Value::Undefined,
                &no_token
            )
            .unwrap_err(),
            BuildError::MissingAccessToken
        );
        assert_eq!(
            build_raw(
                &s("GET"),
                &s("/x"),
                &Value::Undefined,
                &Value::Undefined,
                &ctx().with_idempotency_key("")
            )
            .unwrap_err(),
            BuildError::InvalidIdempotencyKey
        );
    }

    #[test]
    fn responses() {
        assert_eq!(parse_raw(204, &[], "").unwrap(), serde_json::Value::Null);
        assert_eq!(parse_raw(200, &[], r#"{"a":1}"#).unwrap()["a"], 1);
        assert_eq!(
            parse_raw(200, &[], "nope").unwrap_err().code(),
            "invalid_response"
        );
        let e = parse_raw(
            404,
            &[("X-Request-Id".into(), "req_1".into())],
            r#"{"error":{"code":"not_found","message":"no"}}"#,
        )
        .unwrap_err();
        assert_eq!(
            (e.code(), e.status, e.request_id.as_deref()),
            ("not_found", 404, Some("req_1"))
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use crate::api::{BaseUrl, Environment};
    use crate::validate::date::Date;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(m in "\\PC{0,8}", p in "\\PC{0,40}", k in "\\PC{0,8}", v in "\\PC{0,8}", n in any::<f64>()) {
            let ctx = RequestContext::new(BaseUrl::environment(Environment::Sandbox), Date::EPOCH)
                .with_access_token("tok").with_random_bytes([7; 16]);
            let q = Value::Object(vec![(k.clone(), Value::String(v.clone())), (v, Value::Number(n))]);
            let b = Value::Array(vec![Value::Number(n), Value::String(k)]);
            if let Ok(r) = build_raw(&Value::String(m), &Value::String(p), &q, &b, &ctx) {
                prop_assert!(r.url.starts_with("https://sandbox-api.polygon.technology/v0.9/"));
                prop_assert!(r.url.split('/').all(|seg| seg != ".." && seg != "."));
                prop_assert!(r.url.bytes().all(|c| c.is_ascii_graphic()));
            }
        }
    }
}

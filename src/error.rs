//! Error types of the API layer, each with a stable snake_case `code()` (listed in the README).
//!
//! * [`BuildError`]: a request could not be built (bad params, missing token, bad base URL...).
//! * [`ApiError`]: the server answered with an error status, or a success whose body does not parse.
//! * [`DecimalError`] (re-exported from [`crate::model::money`]): a money string does not have
//!   decimal syntax.
//!
//! Messages never contain secrets or personal data: request bodies are never echoed, issue messages
//! never repeat input values, and the raw response body is kept in [`ApiError::body`], not in the
//! message. (`ApiError::message` is the *server's* text when it sent one; see its doc.)

use crate::input::{Issue, PathSeg};
use std::fmt;

/// Why a string is not a decimal amount (defined with [`crate::model::Decimal`]).
pub use crate::model::money::DecimalError;

// ---------------------------------------------------------------------------------------------
// BuildError

/// A request could not be built. Nothing was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The operation name is not one of [`crate::api::OPERATIONS`] (the name, cut to 64 characters).
    UnknownOperation(String),
    /// The params (or options, paths starting with `"options"`) have issues; every issue has a code
    /// from [`crate::input::IssueCode`] and a full path.
    InvalidParams(Vec<Issue>),
    /// The operation needs `Authorization: Bearer …` and the context has no access token.
    MissingAccessToken,
    /// The access token is empty or contains characters that cannot go in an HTTP header.
    InvalidAccessToken,
    /// The base URL (or API version) is not usable; the reason is a fixed phrase.
    InvalidBaseUrl(&'static str),
    /// The idempotency key is empty, longer than 255 characters, or not printable ASCII.
    InvalidIdempotencyKey,
    /// A POST needs an idempotency key and the context has neither a key nor random bytes to make one.
    MissingIdempotencyKey,
    /// A body could not be serialized (cannot happen with this crate's types).
    Serialization,
}

impl BuildError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            BuildError::UnknownOperation(_) => "unknown_operation",
            BuildError::InvalidParams(_) => "invalid_params",
            BuildError::MissingAccessToken => "missing_access_token",
            BuildError::InvalidAccessToken => "invalid_access_token",
            BuildError::InvalidBaseUrl(_) => "invalid_base_url",
            BuildError::InvalidIdempotencyKey => "invalid_idempotency_key",
            BuildError::MissingIdempotencyKey => "missing_idempotency_key",
            BuildError::Serialization => "serialization_failed",
        }
    }

    /// The issues of [`BuildError::InvalidParams`] (empty for the other variants).
    pub fn issues(&self) -> &[Issue] {
        match self {
            BuildError::InvalidParams(issues) => issues,
            _ => &[],
        }
    }

    /// Every stable code, for docs and tests.
    pub const CODES: &'static [&'static str] = &[
        "unknown_operation",
        "invalid_params",
        "missing_access_token",
        "invalid_access_token",
        "invalid_base_url",
        "invalid_idempotency_key",
        "missing_idempotency_key",
        "serialization_failed",
    ];
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::UnknownOperation(name) => write!(f, "unknown operation {name:?}"),
            BuildError::InvalidParams(issues) => {
                write!(f, "invalid params")?;
                if let Some(first) = issues.first() {
                    let path = if first.path.first() == Some(&PathSeg::Key("options".into())) {
                        first.path_string()
                    } else {
                        format!("params.{}", first.path_string())
                    };
                    write!(f, ": {path}: {}", first.message)?;
                    if issues.len() > 1 {
                        write!(f, " (and {} more)", issues.len() - 1)?;
                    }
                }
                Ok(())
            }
            BuildError::MissingAccessToken => f.write_str("missing access token"),
            BuildError::InvalidAccessToken => f.write_str("invalid access token"),
            BuildError::InvalidBaseUrl(why) => write!(f, "invalid base url: {why}"),
            BuildError::InvalidIdempotencyKey => {
                f.write_str("invalid idempotency key: use 1 to 255 printable ASCII characters")
            }
            BuildError::MissingIdempotencyKey => {
                f.write_str("missing idempotency key (and no random bytes to make one)")
            }
            BuildError::Serialization => f.write_str("request body could not be serialized"),
        }
    }
}

impl std::error::Error for BuildError {}

// ---------------------------------------------------------------------------------------------
// ApiError

/// What kind of failure an [`ApiError`] is. `code()` is the stable string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// The error text says "provider account not provisioned" (any case, anywhere in the body), or
    /// the server code is `provider_account_not_provisioned`: the customer lacks the identity fields
    /// OMS needs before balances and money movement work (docs/oms-api.md §6.1, §13).
    ProviderAccountNotProvisioned,
    /// HTTP 400.
    BadRequest,
    /// HTTP 401: the token is missing, expired or invalid; get a new one and retry once.
    Unauthorized,
    /// HTTP 403.
    Forbidden,
    /// HTTP 404 (also: sandbox-only simulation endpoints called in production).
    NotFound,
    /// HTTP 409 (e.g. an idempotency key reused with a different body, or an invalid state).
    Conflict,
    /// HTTP 422 (a business rule: expired quote, missing endorsement...).
    Unprocessable,
    /// HTTP 429; see [`ApiError::retry_after_seconds`].
    RateLimited,
    /// HTTP 5xx.
    ServerError,
    /// A 3xx redirect. OMS never redirects API calls, and following one would send the API secret
    /// or the bearer token (and a replayed POST) to whatever origin `Location` names, so the client
    /// never follows redirects and reports this instead (never retried).
    Redirect,
    /// The response body is larger than the client reads (see the client's body cap); the
    /// download was stopped at the cap and the request is not retried.
    ResponseTooLarge,
    /// Any other non-2xx status (1xx, other 4xx, or outside 100–599).
    UnexpectedStatus,
    /// A 2xx response whose body is not JSON or does not have the expected shape.
    InvalidResponse,
    /// The token exchange answered without a usable `accessToken` or without an expiry
    /// (`expiresIn`/`expiresAt`); its body is not kept (it may hold a token).
    InvalidTokenResponse,
    /// `parseResponse` was called with an operation name this SDK does not know.
    UnknownOperation,
}

impl ApiErrorKind {
    /// Every kind.
    pub const ALL: &'static [ApiErrorKind] = &[
        ApiErrorKind::ProviderAccountNotProvisioned,
        ApiErrorKind::BadRequest,
        ApiErrorKind::Unauthorized,
        ApiErrorKind::Forbidden,
        ApiErrorKind::NotFound,
        ApiErrorKind::Conflict,
        ApiErrorKind::Unprocessable,
        ApiErrorKind::RateLimited,
        ApiErrorKind::ServerError,
        ApiErrorKind::Redirect,
        ApiErrorKind::ResponseTooLarge,
        ApiErrorKind::UnexpectedStatus,
        ApiErrorKind::InvalidResponse,
        ApiErrorKind::InvalidTokenResponse,
        ApiErrorKind::UnknownOperation,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ApiErrorKind::ProviderAccountNotProvisioned => "provider_account_not_provisioned",
            ApiErrorKind::BadRequest => "bad_request",
            ApiErrorKind::Unauthorized => "unauthorized",
            ApiErrorKind::Forbidden => "forbidden",
            ApiErrorKind::NotFound => "not_found",
            ApiErrorKind::Conflict => "conflict",
            ApiErrorKind::Unprocessable => "unprocessable",
            ApiErrorKind::RateLimited => "rate_limited",
            ApiErrorKind::ServerError => "server_error",
            ApiErrorKind::Redirect => "redirect_refused",
            ApiErrorKind::ResponseTooLarge => "response_too_large",
            ApiErrorKind::UnexpectedStatus => "unexpected_status",
            ApiErrorKind::InvalidResponse => "invalid_response",
            ApiErrorKind::InvalidTokenResponse => "invalid_token_response",
            ApiErrorKind::UnknownOperation => "unknown_operation",
        }
    }

    /// The kind a status maps to when the body says nothing more specific.
    pub fn from_status(status: u16) -> ApiErrorKind {
        match status {
            400 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            422 => ApiErrorKind::Unprocessable,
            429 => ApiErrorKind::RateLimited,
            500..=599 => ApiErrorKind::ServerError,
            300..=399 => ApiErrorKind::Redirect,
            _ => ApiErrorKind::UnexpectedStatus,
        }
    }

    /// The message used when the server sent none.
    fn default_message(self) -> &'static str {
        match self {
            ApiErrorKind::ProviderAccountNotProvisioned => "provider account not provisioned",
            ApiErrorKind::BadRequest => "bad request",
            ApiErrorKind::Unauthorized => {
                "unauthorized: the access token is missing, expired or invalid"
            }
            ApiErrorKind::Forbidden => "forbidden",
            ApiErrorKind::NotFound => "not found",
            ApiErrorKind::Conflict => "conflict",
            ApiErrorKind::Unprocessable => "unprocessable request",
            ApiErrorKind::RateLimited => "rate limited",
            ApiErrorKind::ServerError => "server error",
            ApiErrorKind::Redirect => {
                "the server answered with a redirect, which is never followed: OMS does not \
                 redirect API calls, so check the base URL (a proxy or a wrong host?)"
            }
            ApiErrorKind::ResponseTooLarge => {
                "the response body is larger than the client reads; the download was stopped"
            }
            ApiErrorKind::UnexpectedStatus => "unexpected http status",
            ApiErrorKind::InvalidResponse => "the response body does not have the expected shape",
            ApiErrorKind::InvalidTokenResponse => {
                "the token response has no usable accessToken or expiry"
            }
            ApiErrorKind::UnknownOperation => "unknown operation",
        }
    }
}

/// Longest server message kept in [`ApiError::message`], in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// Response headers read for [`ApiError::request_id`], first match wins. OMS documents no
/// request-id header (docs/oms-api.md §3.1); these are the common ones (`cf-ray`: OMS is served through
/// Cloudflare-style edges in many setups, so it is the last resort).
pub const REQUEST_ID_HEADERS: &[&str] = &["x-request-id", "request-id", "cf-ray"];

/// An error response from OMS, or a success response that could not be read.
///
/// Parsed defensively, because OMS publishes no error schema (docs/oms-api.md §4): the status and raw body
/// are always kept; when the body is JSON, the message and the server's own code are looked up in
/// the usual places (see [`ApiError::from_response`]).
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// What kind of failure this is; [`ApiError::code`] is its stable code.
    pub kind: ApiErrorKind,
    /// HTTP status (0 when the operation name was unknown and no response was read).
    pub status: u16,
    /// The server's message when it sent one (control characters removed, at most
    /// [`MAX_MESSAGE_CHARS`] characters), else a fixed phrase for the kind. This is the server's own
    /// text: this crate never puts request data in it.
    pub message: String,
    /// The server's own error code (`code`, `error.code`, or an identifier-like `error` string), if any.
    pub server_code: Option<String>,
    /// A request id from the response headers ([`REQUEST_ID_HEADERS`]) or the body (`requestId`,
    /// `request_id`, also inside `error`).
    pub request_id: Option<String>,
    /// `Retry-After` in seconds: the header's number of seconds, or its HTTP date minus the
    /// response's `Date` header (see [`crate::http::retry_after_seconds`]).
    pub retry_after_seconds: Option<u64>,
    /// The raw response body. May contain personal data: `Debug` prints only its length.
    pub body: String,
}

impl ApiError {
    /// The stable code (see [`ApiErrorKind::code`]).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// Reads an error response (any status; a 2xx is reported as `unexpected_status`).
    ///
    /// Lookup rules, first match wins:
    /// * message: `error.message`, `message`, `error` (a string containing a space, or any string
    ///   when nothing else names the code), `error_description`, `detail`, `title`,
    ///   `errors[0].message`, `error.detail`;
    /// * server code: `error.code`, `code` (string or number), `error` (a string without spaces),
    ///   `error.type`, `type`, `errors[0].code`;
    /// * kind: `provider_account_not_provisioned` when the body contains "provider account not
    ///   provisioned" (case-insensitive, any run of spaces, `_` or `-` between the words) or the
    ///   server code is that phrase in snake case; otherwise from the status.
    pub fn from_response(status: u16, headers: &[(String, String)], body: &str) -> ApiError {
        let json: Option<serde_json::Value> = serde_json::from_str(body.trim()).ok();
        let obj = json.as_ref().and_then(|v| v.as_object());
        let err_obj = obj.and_then(|o| o.get("error")).and_then(|e| e.as_object());
        let first_error = obj
            .and_then(|o| o.get("errors"))
            .and_then(|e| e.as_array())
            .and_then(|a| a.first())
            .and_then(|e| e.as_object());
        let s = |m: Option<&serde_json::Map<String, serde_json::Value>>,
                 k: &str|
         -> Option<String> {
            match m?.get(k)? {
                serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            }
        };
        let error_string = s(obj, "error");
        let error_is_code = error_string
            .as_deref()
            .is_some_and(|e| !e.contains(char::is_whitespace));

        let server_code = s(err_obj, "code")
            .or_else(|| s(obj, "code"))
            .or_else(|| error_string.clone().filter(|_| error_is_code))
            .or_else(|| s(err_obj, "type"))
            .or_else(|| s(obj, "type"))
            .or_else(|| s(first_error, "code"));
        let message = s(err_obj, "message")
            .or_else(|| s(obj, "message"))
            .or_else(|| error_string.clone().filter(|_| !error_is_code))
            .or_else(|| s(obj, "error_description"))
            .or_else(|| s(obj, "detail"))
            .or_else(|| s(obj, "title"))
            .or_else(|| s(first_error, "message"))
            .or_else(|| s(err_obj, "detail"))
            .or_else(|| error_string.filter(|_| server_code.is_none()));
        let request_id = REQUEST_ID_HEADERS
            .iter()
            .find_map(|h| crate::http::find_header(headers, h))
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .or_else(|| s(obj, "requestId"))
            .or_else(|| s(obj, "request_id"))
            .or_else(|| s(err_obj, "requestId"))
            .or_else(|| s(err_obj, "request_id"))
            .map(|v| clean(&v, 200));

        let not_provisioned = mentions_not_provisioned(body)
            || server_code
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case("provider_account_not_provisioned"));
        let kind = if not_provisioned && !(200..300).contains(&status) {
            ApiErrorKind::ProviderAccountNotProvisioned
        } else {
            ApiErrorKind::from_status(status)
        };
        ApiError {
            kind,
            status,
            message: message
                .map(|m| clean(&m, MAX_MESSAGE_CHARS))
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| kind.default_message().to_owned()),
            server_code: server_code.map(|c| clean(&c, 200)),
            request_id,
            retry_after_seconds: crate::http::retry_after_seconds(headers, None),
            body: body.to_owned(),
        }
    }

    /// A 2xx response whose body could not be read as the operation's output. `detail` is a fixed,
    /// value-free phrase (never the serde message, which can quote the body).
    pub fn invalid_response(
        status: u16,
        headers: &[(String, String)],
        body: &str,
        detail: &str,
    ) -> ApiError {
        let mut e = ApiError::from_response(status, headers, "");
        e.kind = ApiErrorKind::InvalidResponse;
        e.server_code = None;
        e.message = format!(
            "{}: {detail}",
            ApiErrorKind::InvalidResponse.default_message()
        );
        e.body = body.to_owned();
        e
    }

    /// A 3xx answer, which is never followed (see [`ApiErrorKind::Redirect`]). The message names
    /// the origin of `Location` when there is one (never its path or query); the body is kept.
    pub fn redirect(status: u16, headers: &[(String, String)], body: &str) -> ApiError {
        let mut e = ApiError::from_response(status, headers, body);
        e.kind = ApiErrorKind::Redirect;
        e.server_code = None;
        e.message = ApiErrorKind::Redirect.default_message().to_owned();
        if let Some(origin) = crate::http::find_header(headers, "location").and_then(url_origin) {
            e.message = [&e.message, " (Location: ", &origin, ")"].concat();
        }
        e
    }

    /// A body larger than `limit_bytes`: the download was stopped (see
    /// [`ApiErrorKind::ResponseTooLarge`]). The body is not kept.
    pub fn response_too_large(
        status: u16,
        headers: &[(String, String)],
        limit_bytes: usize,
    ) -> ApiError {
        let mut e = ApiError::from_response(status, headers, "");
        e.kind = ApiErrorKind::ResponseTooLarge;
        e.server_code = None;
        e.message = [
            "the response body is larger than ",
            &crate::text::count(limit_bytes / (1024 * 1024)),
            " MiB; the download was stopped and the request is not retried",
        ]
        .concat();
        e
    }

    /// Removes known credentials from everything this error carries: `message`, `server_code` and
    /// `body` are scrubbed (the body's raw text and, when it is JSON, its decoded strings and keys,
    /// so a secret echoed with JSON escapes is found too), and a `request_id` that contains a
    /// credential is dropped. Secrets shorter than [`crate::secret::MIN_SCRUB_LEN`] are ignored.
    pub fn redact(&mut self, secrets: &[&str]) {
        use crate::secret::{contains_secret, scrub_body, scrub_text};
        self.message = scrub_text(&self.message, secrets);
        self.server_code = self.server_code.take().map(|c| scrub_text(&c, secrets));
        if self
            .request_id
            .as_deref()
            .is_some_and(|r| contains_secret(r, secrets))
        {
            self.request_id = None;
        }
        self.body = scrub_body(&self.body, secrets);
    }

    /// For the token exchange (`auth.token`): the body keeps no token
    /// ([`crate::secret::redact_token_body`]) and the message no JWT-looking word.
    pub fn redact_token_response(&mut self) {
        self.body = crate::secret::redact_token_body(&self.body);
        if self
            .message
            .split_whitespace()
            .any(crate::secret::looks_like_jwt)
        {
            self.message = self
                .message
                .split(' ')
                .map(|w| {
                    if crate::secret::looks_like_jwt(w) {
                        crate::secret::REDACTED
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
        if self
            .request_id
            .as_deref()
            .is_some_and(crate::secret::looks_like_jwt)
        {
            self.request_id = None;
        }
    }

    /// `parseResponse` with an unknown operation name (the body is kept, unread).
    pub fn unknown_operation(status: u16, name: &str, body: &str) -> ApiError {
        let mut e = ApiError::from_response(status, &[], "");
        e.kind = ApiErrorKind::UnknownOperation;
        e.message = format!("unknown operation {:?}", clean(name, 64));
        e.body = body.to_owned();
        e
    }
}

/// `scheme://host[:port]` of an absolute URL (`None` for a relative one).
fn url_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    (!host.is_empty()).then(|| clean(&[scheme, "://", host].concat(), 200))
}

/// Removes control characters and cuts to `max` characters.
fn clean(s: &str, max: usize) -> String {
    s.chars().filter(|c| !c.is_control()).take(max).collect()
}

/// True when the text contains "provider account not provisioned", ignoring case and treating any
/// run of whitespace, `_` or `-` as one space.
pub fn mentions_not_provisioned(text: &str) -> bool {
    const PHRASE: &str = "provider account not provisioned";
    let mut norm = String::with_capacity(text.len().min(64 * 1024));
    let mut last_space = true;
    for c in text.chars().take(64 * 1024) {
        if c.is_whitespace() || c == '_' || c == '-' {
            if !last_space {
                norm.push(' ');
                last_space = true;
            }
        } else {
            norm.extend(c.to_lowercase());
            last_space = false;
        }
    }
    norm.contains(PHRASE)
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("code", &self.code())
            .field("status", &self.status)
            .field("message", &self.message)
            .field("server_code", &self.server_code)
            .field("request_id", &self.request_id)
            .field("retry_after_seconds", &self.retry_after_seconds)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "http {} {}: {}", self.status, self.code(), self.message)
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(status: u16, body: &str) -> ApiError {
        ApiError::from_response(status, &[], body)
    }

    #[test]
    fn shapes() {
        let a = e(
            404,
            r#"{"error":{"code":"customer_not_found","message":"No such customer"}}"#,
        );
        assert_eq!(
            (a.code(), a.message.as_str(), a.server_code.as_deref()),
            ("not_found", "No such customer", Some("customer_not_found"))
        );
        let b = e(400, r#"{"message":"bad amount","code":"invalid_amount"}"#);
        assert_eq!(
            (b.code(), b.message.as_str(), b.server_code.as_deref()),
            ("bad_request", "bad amount", Some("invalid_amount"))
        );
        let c = e(409, r#"{"error":"Idempotency key reused"}"#);
        assert_eq!(
            (c.message.as_str(), c.server_code.as_deref()),
            ("Idempotency key reused", None)
        );
        let d = e(422, r#"{"error":"quote_expired"}"#);
        assert_eq!(
            (d.code(), d.message.as_str(), d.server_code.as_deref()),
            (
                "unprocessable",
                "unprocessable request",
                Some("quote_expired")
            )
        );
        let p = e(
            400,
            r#"{"message":"Provider Account NOT provisioned for customer"}"#,
        );
        assert_eq!(p.code(), "provider_account_not_provisioned");
        let q = e(500, "<html>oops</html>");
        assert_eq!(
            (q.code(), q.message.as_str(), q.body.as_str()),
            ("server_error", "server error", "<html>oops</html>")
        );
        let r = ApiError::from_response(
            429,
            &[
                ("Retry-After".into(), "7".into()),
                ("X-Request-Id".into(), "req_1".into()),
            ],
            "",
        );
        assert_eq!(
            (r.code(), r.retry_after_seconds, r.request_id.as_deref()),
            ("rate_limited", Some(7), Some("req_1"))
        );
        let s = e(400, r#"{"message":"bad","ssn":"123-45-6789"}"#);
        assert!(!format!("{s:?}").contains("123-45") && !s.to_string().contains("123-45"));
        assert!(mentions_not_provisioned(
            "x PROVIDER_ACCOUNT-not\n provisioned"
        ));
    }
}

//! Every error the emulated API returns, in one place (no error schema is published; this is the
//! emulator's proposal, see `assumptions::ERROR_SHAPE`).
//!
//! Body: `{"error": {"code": "<snake_case>", "message": "<text>"}}`, plus `issues` inside `error`
//! for validation failures. Statuses: 400 bad input, 401 auth, 404 not found, 409 idempotency
//! conflict / invalid state, 422 business rule. The core's `ApiError::from_response` reads this
//! shape (`error.code` → `server_code`, `error.message` → `message`).

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oms_wasm::validate::{Issue, PathSeg};
use serde_json::{json, Value};

/// An API error response.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiErr {
    /// HTTP status.
    pub status: u16,
    /// Stable snake_case code.
    pub code: &'static str,
    /// Human-readable message (never echoes secrets or personal data).
    pub message: String,
    /// Validation issues (`[{code, path, message}]`), when any.
    pub issues: Option<Vec<Value>>,
    /// `Retry-After` seconds (only for injected 429s).
    pub retry_after: Option<u64>,
}

impl ApiErr {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> ApiErr {
        ApiErr {
            status,
            code,
            message: message.into(),
            issues: None,
            retry_after: None,
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let mut e = json!({ "code": self.code, "message": self.message });
        if let Some(issues) = &self.issues {
            e["issues"] = Value::Array(issues.clone());
        }
        json!({ "error": e })
    }

    // ---- 400
    /// 400 `invalid_json`: the body is not JSON (or not an object).
    pub fn invalid_json() -> ApiErr {
        ApiErr::new(
            400,
            "invalid_json",
            "the request body must be a JSON object",
        )
    }
    /// 400 `invalid_request`: a field is missing or has the wrong type.
    pub fn invalid_request(message: impl Into<String>) -> ApiErr {
        ApiErr::new(400, "invalid_request", message)
    }
    /// 400 `validation_failed` with the core validator's issues.
    pub fn validation(issues: &[Issue]) -> ApiErr {
        let mut e = ApiErr::new(
            400,
            "validation_failed",
            match issues.first() {
                Some(i) if issues.len() > 1 => format!(
                    "{}: {} (and {} more)",
                    i.path_string(),
                    i.message,
                    issues.len() - 1
                ),
                Some(i) => format!("{}: {}", i.path_string(), i.message),
                None => "invalid customer".to_owned(),
            },
        );
        e.issues = Some(issues.iter().map(issue_json).collect());
        e
    }
    /// 400 `idempotency_key_missing`: a POST without `Idempotency-Key`.
    pub fn idempotency_key_missing() -> ApiErr {
        ApiErr::new(
            400,
            "idempotency_key_missing",
            "the Idempotency-Key header is required on every POST",
        )
    }
    /// 400 `idempotency_key_invalid`: empty, too long or not printable ASCII.
    pub fn idempotency_key_invalid() -> ApiErr {
        ApiErr::new(
            400,
            "idempotency_key_invalid",
            "the Idempotency-Key must be 1 to 255 printable ASCII characters",
        )
    }
    /// 400 `invalid_webhook_url`: not an absolute http(s) URL, or a refused destination.
    pub fn invalid_webhook_url(message: impl Into<String>) -> ApiErr {
        ApiErr::new(400, "invalid_webhook_url", message)
    }
    /// 400 `unknown_event_type`: a subscription that matches no known event type.
    pub fn unknown_event(event: &str) -> ApiErr {
        ApiErr::new(
            400,
            "unknown_event_type",
            format!(
                "{event:?} matches no event type; known: {} (patterns: *, prefix.*, a.*.c)",
                crate::assumptions::known_events().join(", ")
            ),
        )
    }
    /// 400 `invalid_cursor`.
    pub fn invalid_cursor(param: &str) -> ApiErr {
        ApiErr::new(
            400,
            "invalid_cursor",
            format!("{param} is not a cursor from this list"),
        )
    }
    /// 400 `invalid_query`.
    pub fn invalid_query(message: impl Into<String>) -> ApiErr {
        ApiErr::new(400, "invalid_query", message)
    }

    /// 403 `host_not_allowed`: the DNS-rebinding guard (a `Host` that is not loopback nor
    /// `--allow-host`).
    pub fn host_not_allowed() -> ApiErr {
        ApiErr::new(
            403,
            "host_not_allowed",
            "the emulator answers only loopback Host values (127.0.0.1, localhost, [::1]); start it with --allow-host NAME to add one",
        )
    }
    /// 415 `unsupported_media_type`: a mutating control without `Content-Type: application/json`.
    pub fn json_required() -> ApiErr {
        ApiErr::new(
            415,
            "unsupported_media_type",
            "mutating /_emulator controls need Content-Type: application/json",
        )
    }
    /// 408 `request_timeout`: the body did not arrive within the read timeout.
    pub fn request_timeout() -> ApiErr {
        ApiErr::new(
            408,
            "request_timeout",
            "the request body did not arrive in time",
        )
    }

    // ---- 401
    /// 401 `invalid_credentials`: wrong API key or secret at `/auth/token`.
    pub fn invalid_credentials() -> ApiErr {
        ApiErr::new(401, "invalid_credentials", "invalid API key or secret")
    }
    /// 401 `unauthorized`: missing, invalid or expired bearer token.
    pub fn unauthorized(why: &str) -> ApiErr {
        ApiErr::new(401, "unauthorized", format!("unauthorized: {why}"))
    }

    // ---- 404
    /// 404 `<resource>_not_found`.
    pub fn not_found(code: &'static str, what: &str) -> ApiErr {
        ApiErr::new(404, code, format!("no such {what}"))
    }
    /// 404 `route_not_found`.
    pub fn no_route() -> ApiErr {
        ApiErr::new(404, "route_not_found", "no such route")
    }
    /// 405 `method_not_allowed`.
    pub fn method_not_allowed() -> ApiErr {
        ApiErr::new(
            405,
            "method_not_allowed",
            "this route does not accept this method",
        )
    }
    /// 404 `not_emulated`: an early-access resource the emulator does not implement.
    pub fn not_emulated(what: &str) -> ApiErr {
        ApiErr::new(
            404,
            "not_emulated",
            format!("{what} is early access and not emulated"),
        )
    }

    // ---- 409
    /// 409 `idempotency_key_reused`: same key, different request.
    pub fn idempotency_conflict() -> ApiErr {
        ApiErr::new(
            409,
            "idempotency_key_reused",
            "this Idempotency-Key was already used with a different request",
        )
    }
    /// 409 `idempotency_request_in_progress`: the first request with this key has not finished.
    pub fn idempotency_in_progress() -> ApiErr {
        ApiErr::new(
            409,
            "idempotency_request_in_progress",
            "a request with this Idempotency-Key is still being processed",
        )
    }
    /// 409 `invalid_state`.
    pub fn invalid_state(message: impl Into<String>) -> ApiErr {
        ApiErr::new(409, "invalid_state", message)
    }
    /// 409 `quote_not_open`: the quote was already accepted.
    pub fn quote_not_open() -> ApiErr {
        ApiErr::new(409, "quote_not_open", "the quote was already accepted")
    }

    // ---- 422
    /// 422 `provider_account_not_provisioned` (the phrase is the Get-started page's).
    pub fn not_provisioned() -> ApiErr {
        ApiErr::new(
            422,
            "provider_account_not_provisioned",
            "provider account not provisioned for this customer",
        )
    }
    /// 422 `endorsement_required`.
    pub fn endorsement_required(name: &str) -> ApiErr {
        ApiErr::new(
            422,
            "endorsement_required",
            format!("the customer needs an active `{name}` endorsement"),
        )
    }
    /// 422 `customer_inactive`: the customer's status is `inactive`.
    pub fn customer_inactive() -> ApiErr {
        ApiErr::new(
            422,
            "customer_inactive",
            "the customer is inactive and cannot start new transactions",
        )
    }
    /// 422 `quote_expired`.
    pub fn quote_expired() -> ApiErr {
        ApiErr::new(422, "quote_expired", "the quote has expired")
    }
    /// 422 `insufficient_funds`.
    pub fn insufficient_funds() -> ApiErr {
        ApiErr::new(
            422,
            "insufficient_funds",
            "the source wallet balance is too low",
        )
    }
    /// 422 `limit_exceeded` (cash-in limits).
    pub fn limit_exceeded(message: impl Into<String>) -> ApiErr {
        ApiErr::new(422, "limit_exceeded", message)
    }
    /// 422 `unsupported`: a valid request for something the emulated sandbox does not offer.
    pub fn unsupported(message: impl Into<String>) -> ApiErr {
        ApiErr::new(422, "unsupported", message)
    }
    /// 422 `business_rule`: any other rule (wallet owner, asset mismatch, code expired...).
    pub fn rule(code: &'static str, message: impl Into<String>) -> ApiErr {
        ApiErr::new(422, code, message)
    }

    // ---- injected faults
    /// 500 `internal_error` (fault injection).
    pub fn injected_500() -> ApiErr {
        ApiErr::new(
            500,
            "internal_error",
            "injected fault: internal server error",
        )
    }
    /// 503 `service_unavailable` (fault injection).
    pub fn injected_503() -> ApiErr {
        ApiErr::new(
            503,
            "service_unavailable",
            "injected fault: service unavailable",
        )
    }
    /// 429 `rate_limited` with `Retry-After` (fault injection).
    pub fn injected_429(retry_after: u64) -> ApiErr {
        let mut e = ApiErr::new(429, "rate_limited", "injected fault: too many requests");
        e.retry_after = Some(retry_after);
        e
    }
    /// 413 `body_too_large`.
    pub fn too_large() -> ApiErr {
        ApiErr::new(413, "body_too_large", "the request body is too large")
    }
}

/// An issue as JSON: `{code, path, message}` (the core's form-friendly shape).
pub fn issue_json(i: &Issue) -> Value {
    let path: Vec<Value> = i
        .path
        .iter()
        .map(|p| match p {
            PathSeg::Key(k) => Value::String(k.to_string()),
            PathSeg::Index(n) => Value::from(*n),
        })
        .collect();
    json!({ "code": i.code.as_str(), "path": path, "message": i.message })
}

impl IntoResponse for ApiErr {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, axum::Json(self.body())).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                resp.headers_mut().insert("retry-after", v);
            }
        }
        resp
    }
}

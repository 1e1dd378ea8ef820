//! Checks that a verified body is an event envelope — a JSON object with a non-empty string
//! `type` — in one pass, without building a JSON tree (see `json_scan`).

use super::error::{WebhookError, WebhookErrorKind};
use super::json_scan::{self, JsonError, Top, TypeMember};

/// What the scan found.
pub(crate) struct Envelope {
    pub event_type: String,
    pub has_data: bool,
}

fn invalid(why: impl Into<String>) -> WebhookError {
    WebhookError::new(WebhookErrorKind::InvalidPayload, why)
}

/// The `invalid_payload` error for a body that is not JSON.
pub(crate) fn not_json(e: &JsonError) -> WebhookError {
    invalid(
        [
            "the signature is valid but the body is not JSON (",
            e.kind,
            " at line ",
            &crate::text::count(e.line),
            ", column ",
            &crate::text::count(e.column),
            "); use verifyWebhookSignature for non-JSON bodies",
        ]
        .concat(),
    )
}

/// Scans `payload` as an envelope.
pub(crate) fn scan(payload: &[u8]) -> Result<Envelope, WebhookError> {
    let top = json_scan::scan(payload).map_err(|e| not_json(&e))?;
    match top {
        Top::NotObject => Err(invalid(
            "the signature is valid but the body is not a JSON object (an event is { type, timestamp, data })",
        )),
        Top::Object { event_type: None, .. } => Err(invalid(
            "the signature is valid but the body has no `type` (an event is { type, timestamp, data })",
        )),
        Top::Object {
            event_type: Some(TypeMember::Str(t)),
            has_data,
        } if !t.is_empty() => Ok(Envelope {
            event_type: t,
            has_data,
        }),
        Top::Object { .. } => Err(invalid(
            "the signature is valid but the body's `type` is not a non-empty string",
        )),
    }
}

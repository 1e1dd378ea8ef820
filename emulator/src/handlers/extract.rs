//! What every handler shares: the result type, the success responses, and the body read as a
//! JSON object.

use crate::errors::ApiErr;
use axum::http::StatusCode;
use axum::Json;
use bytes::Bytes;
use serde_json::Value;

/// A handler result.
pub type Res = Result<(StatusCode, Json<Value>), ApiErr>;

/// 200 with a body.
pub fn ok(v: Value) -> Res {
    Ok((StatusCode::OK, Json(v)))
}

/// 201 with a body.
pub fn created(v: Value) -> Res {
    Ok((StatusCode::CREATED, Json(v)))
}

/// The body as a JSON object (`{}` for an empty body when `empty_ok`).
///
/// # Errors
/// 400 `invalid_json`.
pub fn object(body: &Bytes, empty_ok: bool) -> Result<Value, ApiErr> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return if empty_ok {
            Ok(Value::Object(Default::default()))
        } else {
            Err(ApiErr::invalid_json())
        };
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v @ Value::Object(_)) => Ok(v),
        _ => Err(ApiErr::invalid_json()),
    }
}

//! The API routes (paths relative to the version prefix) and shared handler helpers.

pub mod auth;
pub mod cash;
pub mod controls;
pub mod customers;
pub mod hooks;
pub mod quotes;
pub mod sandbox;
pub mod seed;
pub mod transactions;
pub mod ui;
pub mod wallets;

use crate::errors::ApiErr;
use crate::money::{self, Micros};
use crate::App;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use oms_wasm::model::{Decimal, FeesDeducted};
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

/// Reads a typed request body through the core's written-form types (serde).
///
/// # Errors
/// 400 `invalid_request` with serde's description of the problem.
pub fn typed<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, ApiErr> {
    serde_json::from_value(v).map_err(|e| ApiErr::invalid_request(format!("invalid body: {e}")))
}

/// Lowercase (networks and assets are read case-insensitively: the docs spell them both ways).
pub fn lc(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

/// A money value for the wire.
pub fn dec(v: Micros) -> Decimal {
    Decimal::from_wire(money::format(v))
}

/// A rate for the wire.
pub fn rate(v: Micros) -> Decimal {
    Decimal::from_wire(money::format_rate(v))
}

/// Parses a positive amount.
///
/// # Errors
/// 400 `invalid_request` naming the field.
pub fn amount(d: &Decimal, field: &str) -> Result<Micros, ApiErr> {
    match money::parse(d.as_str()) {
        Some(v) if v > 0 => Ok(v),
        _ => Err(ApiErr::invalid_request(format!(
            "{field} must be a positive decimal string with at most 6 decimals, such as \"100.00\""
        ))),
    }
}

/// `feesDeducted` with `total = developer + oms + gas` (gas omitted when `None`).
pub fn fees(developer: Micros, oms: Micros, gas: Option<Micros>) -> FeesDeducted {
    FeesDeducted {
        total: Some(dec(developer + oms + gas.unwrap_or(0))),
        developer: Some(dec(developer)),
        oms: Some(dec(oms)),
        gas: gas.map(dec),
        extra: Default::default(),
    }
}

/// Checks a metadata object (at most 20 keys).
///
/// # Errors
/// 400 `invalid_request`.
pub fn check_metadata(m: &Option<serde_json::Map<String, Value>>) -> Result<(), ApiErr> {
    match m {
        Some(m) if m.len() > crate::assumptions::MAX_METADATA_KEYS => {
            Err(ApiErr::invalid_request("metadata can hold at most 20 keys"))
        }
        _ => Ok(()),
    }
}

async fn fallback() -> ApiErr {
    ApiErr::no_route()
}

/// Every API route.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/auth/token", post(auth::token))
        .route("/customers", post(customers::create).get(customers::list))
        .route(
            "/customers/{id}",
            get(customers::get).patch(customers::update),
        )
        .route(
            "/customers/{id}/transactions",
            get(transactions::list_for_customer),
        )
        .route(
            "/customers/{id}/wallets",
            post(wallets::create).get(wallets::list),
        )
        .route("/wallets/{id}", get(wallets::get))
        .route("/wallets/{id}/balance", get(wallets::balance))
        .route("/accounts/{id}/transactions", get(wallets::history))
        .route("/quotes", post(quotes::create))
        .route("/quotes/{id}", get(quotes::get))
        .route(
            "/transactions",
            post(transactions::create).get(transactions::list),
        )
        .route("/transactions/{id}", get(transactions::get))
        .route("/cash-locations", get(cash::locations))
        .route("/cash-ins", post(cash::create).get(cash::list))
        .route("/cash-ins/{id}", get(cash::get))
        .route("/cash-ins/{id}/refresh", post(cash::refresh))
        .route(
            "/cash-ins/simulate/barcode-auth",
            post(sandbox::barcode_auth),
        )
        .route("/cash-ins/simulate/auth-commit", post(sandbox::auth_commit))
        .route(
            "/deposit-addresses/{id}/simulate",
            post(sandbox::deposit_address),
        )
        .route(
            "/virtual-accounts/{id}/simulate",
            post(sandbox::virtual_account),
        )
        .route("/webhooks", post(hooks::create).get(hooks::list))
        .route(
            "/webhooks/{id}",
            get(hooks::get).patch(hooks::update).delete(hooks::delete),
        )
        .fallback(fallback)
        .method_not_allowed_fallback(|| async { ApiErr::method_not_allowed() })
        .with_state(app)
}

//! Sandbox simulations: `POST /cash-ins/simulate/barcode-auth`, `POST
//! /cash-ins/simulate/auth-commit`, `POST /deposit-addresses/{id}/simulate`, `POST
//! /virtual-accounts/{id}/simulate` (the domain: `domain::deposits`).

use super::extract::{object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::deposits;
use axum::extract::{Extension, Path, State as S};
use bytes::Bytes;

/// `POST /cash-ins/simulate/barcode-auth`.
pub async fn barcode_auth(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Res {
    ok(deposits::barcode_auth(
        &app,
        &caller.api_key,
        object(&body, false)?,
    )?)
}

/// `POST /cash-ins/simulate/auth-commit`.
pub async fn auth_commit(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    ok(deposits::auth_commit(
        &app,
        &caller.api_key,
        object(&body, false)?,
    )?)
}

/// `POST /deposit-addresses/{id}/simulate` `{amount: {value}}`.
pub async fn deposit_address(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    ok(deposits::to_deposit_address(
        &app,
        &caller.api_key,
        &id,
        object(&body, false)?,
    )?)
}

/// `POST /virtual-accounts/{id}/simulate` `{rail, amount?}`.
pub async fn virtual_account(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    let v = object(&body, false)?;
    ok(deposits::to_virtual_account(
        &app,
        &caller.api_key,
        &id,
        &v,
    )?)
}

/// `GET /virtual-accounts/{id}` (early access; virtual accounts are made by a control).
pub async fn get_virtual_account(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(crate::domain::accounts::get_virtual(
        &app,
        &caller.api_key,
        &id,
    )?)
}

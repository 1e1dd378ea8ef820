//! Wallets: `POST|GET /customers/{id}/wallets`, `GET /wallets/{id}`, `GET /wallets/{id}/balance`,
//! `GET /accounts/{id}/transactions` (the domain: `domain::wallets`, `domain::transactions`).

use super::extract::{created, object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::transactions;
use crate::domain::wallets;
use crate::list::Query;
use axum::extract::{Extension, Path, RawQuery, State as S};
use bytes::Bytes;

/// `POST /customers/{id}/wallets` `{asset, chain}`.
pub async fn create(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(customer_id): Path<String>,
    body: Bytes,
) -> Res {
    let v = object(&body, false)?;
    created(wallets::create(&app, &caller.api_key, &customer_id, &v)?)
}

/// `GET /customers/{id}/wallets`.
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(customer_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let page = Query::parse(q.as_deref()).page()?;
    ok(wallets::list(&app, &caller.api_key, &customer_id, &page)?)
}

/// `GET /wallets/{id}`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(wallets::get(&app, &caller.api_key, &id)?)
}

/// `GET /wallets/{id}/balance?estimatedBalanceCurrencyCode=USD`.
pub async fn balance(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let currency = q
        .get("estimatedBalanceCurrencyCode")
        .unwrap_or("USD")
        .to_ascii_uppercase();
    ok(wallets::balance(&app, &caller.api_key, &id, &currency)?)
}

/// `GET /accounts/{id}/transactions?type=`: transactions debiting or crediting the wallet.
pub async fn history(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let page = q.page()?;
    ok(transactions::of_wallet(
        &app,
        &caller.api_key,
        &id,
        &page,
        q.get("type"),
    )?)
}

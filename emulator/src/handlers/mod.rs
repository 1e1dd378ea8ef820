//! The HTTP glue: one module per resource, each handler extracting the request (path, query,
//! JSON body, the caller) and calling the domain (`crate::domain`), which does the work; the API
//! router (paths relative to the version prefix) is here, the control router in [`controls`].

pub mod auth;
pub mod cash;
pub mod controls;
pub mod customers;
pub mod extract;
pub mod hooks;
pub mod quotes;
pub mod sandbox;
pub mod transactions;
pub mod ui;
pub mod wallets;

use crate::app::App;
use crate::errors::ApiErr;
use axum::routing::{get, post};
use axum::Router;

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
        .route("/virtual-accounts/{id}", get(sandbox::get_virtual_account))
        .route("/webhooks", post(hooks::create).get(hooks::list))
        .route(
            "/webhooks/{id}",
            get(hooks::get).patch(hooks::update).delete(hooks::delete),
        )
        .fallback(fallback)
        .method_not_allowed_fallback(|| async { ApiErr::method_not_allowed() })
        .with_state(app)
}

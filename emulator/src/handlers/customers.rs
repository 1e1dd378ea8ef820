//! Customers: `POST|GET /customers`, `GET|PATCH /customers/{id}` (the domain: `domain::customers`).

use super::extract::{created, object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::customers;
use crate::list::Query;
use axum::extract::{Extension, Path, RawQuery, State as S};
use bytes::Bytes;

/// `POST /customers`.
pub async fn create(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    created(customers::create(
        &app,
        &caller.api_key,
        object(&body, false)?,
    )?)
}

/// `GET /customers/{id}`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(customers::get(&app, &caller.api_key, &id)?)
}

/// `PATCH /customers/{id}`.
pub async fn update(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    ok(customers::update(
        &app,
        &caller.api_key,
        &id,
        object(&body, false)?,
    )?)
}

/// `GET /customers?status=&email=&externalId=` (`createdAfter`, `createdBefore`, paging).
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let page = q.page()?;
    ok(customers::list(
        &app,
        &caller.api_key,
        &page,
        q.get("status"),
        q.get("email"),
        q.get("externalId"),
    )?)
}

//! Webhook endpoints: `POST|GET /webhooks`, `GET|PATCH|DELETE /webhooks/{id}` (the domain:
//! `domain::endpoints`).

use super::extract::{created, object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::endpoints;
use crate::list::Query;
use axum::extract::{Extension, Path, RawQuery, State as S};
use bytes::Bytes;

/// `POST /webhooks` `{url, events?, enabled?}`.
pub async fn create(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    let v = object(&body, false)?;
    created(endpoints::create(&app, &caller.api_key, &v)?)
}

/// `GET /webhooks/{id}` (no secret).
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(endpoints::get(&app, &caller.api_key, &id)?)
}

/// `GET /webhooks`.
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let page = Query::parse(q.as_deref()).page()?;
    ok(endpoints::list(&app, &caller.api_key, &page)?)
}

/// `PATCH /webhooks/{id}` `{url?, events?, enabled?}`.
pub async fn update(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    let v = object(&body, false)?;
    ok(endpoints::update(&app, &caller.api_key, &id, &v)?)
}

/// `DELETE /webhooks/{id}`.
pub async fn delete(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(endpoints::delete(&app, &caller.api_key, &id)?)
}

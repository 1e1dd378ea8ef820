//! Quotes: `POST /quotes`, `GET /quotes/{id}` (the domain: `domain::quotes`).

use super::extract::{created, object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::quotes;
use axum::extract::{Extension, Path, State as S};
use bytes::Bytes;

/// `POST /quotes`.
pub async fn create(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    created(quotes::create(
        &app,
        &caller.api_key,
        object(&body, false)?,
    )?)
}

/// `GET /quotes/{id}`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(quotes::get(&app, &caller.api_key, &id)?)
}

//! `POST /auth/token`: the API key and secret exchanged for a bearer token (the Get-started
//! page's first step).

use super::extract::{object, ok, Res};
use crate::app::App;
use crate::domain::auth;
use axum::extract::State;
use bytes::Bytes;

/// Exchanges the API key and secret for a bearer token.
pub async fn token(State(app): State<App>, body: Bytes) -> Res {
    ok(auth::issue_token(&app, object(&body, false)?)?)
}

//! Cash: `GET /cash-locations`, `POST|GET /cash-ins`, `GET /cash-ins/{id}`,
//! `POST /cash-ins/{id}/refresh` (the domain: `domain::locations`, `domain::cash_ins`).

use super::extract::{created, object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::cash_ins;
use crate::domain::locations;
use crate::domain::wire::lc;
use crate::errors::ApiErr;
use crate::list::Query;
use axum::extract::{Extension, Path, RawQuery, State as S};
use bytes::Bytes;

/// `GET /cash-locations?provider=&latitude=&longitude=[&flow=]`.
pub async fn locations(RawQuery(q): RawQuery) -> Res {
    let q = Query::parse(q.as_deref());
    let provider = q
        .get("provider")
        .map(lc)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiErr::invalid_query("provider is required (e.g. greendot)"))?;
    let coord = |k: &str, max: f64| -> Result<f64, ApiErr> {
        q.get(k)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite() && v.abs() <= max)
            .ok_or_else(|| {
                ApiErr::invalid_query(format!("{k} is required: a number from -{max} to {max}"))
            })
    };
    let (lat, lng) = (coord("latitude", 90.0)?, coord("longitude", 180.0)?);
    ok(locations::search(&provider, lat, lng)?)
}

/// `POST /cash-ins`.
pub async fn create(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    created(cash_ins::create(
        &app,
        &caller.api_key,
        object(&body, false)?,
    )?)
}

/// `GET /cash-ins/{id}`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(cash_ins::get(&app, &caller.api_key, &id)?)
}

/// `GET /cash-ins` (`createdAfter`, `createdBefore`, paging; also `status`, `customerId`).
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let page = q.page()?;
    ok(cash_ins::list(
        &app,
        &caller.api_key,
        &page,
        q.get("status"),
        q.get("customerId"),
    )?)
}

/// `POST /cash-ins/{id}/refresh`: a new code valid one hour (pending or expired cash-ins only).
pub async fn refresh(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    ok(cash_ins::refresh(&app, &caller.api_key, &id)?)
}

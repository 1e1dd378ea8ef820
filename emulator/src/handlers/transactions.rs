//! Transactions: `POST|GET /transactions`, `GET /transactions/{id}`,
//! `GET /customers/{id}/transactions` (the domain: `domain::transactions`).

use super::extract::{created, object, ok, Res};
use crate::app::App;
use crate::domain::auth::Caller;
use crate::domain::transactions::{self, Filter};
use crate::list::Query;
use axum::extract::{Extension, Path, RawQuery, State as S};
use bytes::Bytes;

/// `POST /transactions` `{quoteId, ...}`.
pub async fn create(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    created(transactions::execute(
        &app,
        &caller.api_key,
        object(&body, false)?,
    )?)
}

/// `GET /transactions/{id}?senderCustomerId=&recipientCustomerId=`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let who = q.get("senderCustomerId").or(q.get("recipientCustomerId"));
    ok(transactions::get(&app, &caller.api_key, &id, who)?)
}

fn list_where(app: &App, owner: &str, q: &Query, customer: Option<&str>) -> Res {
    let page = q.page()?;
    let filter = Filter {
        kind: q.get("type"),
        status: q.get("status"),
        party: q.get("customerId"),
    };
    ok(transactions::list(app, owner, &page, filter, customer)?)
}

/// `GET /transactions` (`createdAfter`, `createdBefore`, paging; also `type`, `status`, `customerId`).
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    list_where(&app, &caller.api_key, &Query::parse(q.as_deref()), None)
}

/// `GET /customers/{id}/transactions` (with `role`).
pub async fn list_for_customer(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    list_where(
        &app,
        &caller.api_key,
        &Query::parse(q.as_deref()),
        Some(&id),
    )
}

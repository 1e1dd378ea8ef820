//! The inspector page (`/_emulator/ui`): plain HTML, JS and CSS embedded in the binary (no CDN),
//! and the JSON it polls (`/_emulator/state`). The page polls only while it is open, and an
//! unchanged state answers `{version, unchanged: true}` without rendering anything, so the API
//! path pays nothing for it.

use crate::clock::rfc3339;
use crate::App;
use axum::extract::{RawQuery, State as S};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

const HTML: &str = include_str!("../ui/index.html");
const JS: &str = include_str!("../ui/app.js");
const CSS: &str = include_str!("../ui/app.css");

/// Newest entries shown per list.
const SHOWN: usize = 200;

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // the page's buttons change state: it must not be framed by another page (clickjacking),
    // and it loads nothing from elsewhere
    h.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ),
    );
    h.insert("x-frame-options", HeaderValue::from_static("DENY"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    r
}

/// `GET /_emulator/ui`.
pub async fn page() -> Response {
    asset(HTML, "text/html; charset=utf-8")
}

/// `GET /_emulator/ui/app.js`.
pub async fn script() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

/// `GET /_emulator/ui/app.css`.
pub async fn style() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

fn newest<T>(rows: &[T]) -> impl Iterator<Item = &T> {
    rows.iter().rev().take(SHOWN)
}

fn with_owner(mut v: Value, owner: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.insert("_apiKey".into(), Value::from(owner));
    }
    v
}

/// `GET /_emulator/state?since=VERSION`: everything the inspector shows, newest first; when the
/// version (changes counter and emulator second) equals `since`, only `{version, unchanged}`.
pub async fn state(S(app): S<App>, RawQuery(q): RawQuery) -> Json<Value> {
    let q = crate::list::Query::parse(q.as_deref());
    let now = app.now();
    let st = app.lock();
    let version = format!("{}-{}", st.rev, now.div_euclid(1000));
    if q.get("since") == Some(version.as_str()) {
        return Json(json!({ "version": version, "unchanged": true }));
    }
    let strict = app.config.strict_provisioning;
    use super::{cash, controls, customers, hooks, quotes, transactions, wallets};
    let customers: Vec<Value> = newest(&st.customers.rows)
        .map(|c| with_owner(customers::render(&st, c, strict), &c.owner))
        .collect();
    let wallets: Vec<Value> = newest(&st.wallets.rows)
        .map(|w| {
            let mut v = with_owner(wallets::render(w), &w.owner);
            v["balance"] = Value::from(crate::money::format(w.balance));
            v
        })
        .collect();
    let cash_ins: Vec<Value> = newest(&st.cash_ins.rows)
        .map(|c| with_owner(cash::render(&st, c, now), &c.owner))
        .collect();
    let quotes: Vec<Value> = newest(&st.quotes.rows)
        .map(|x| with_owner(quotes::render(x, now), &x.owner))
        .collect();
    let transactions: Vec<Value> = newest(&st.transactions.rows)
        .map(|t| with_owner(transactions::render(t, None), &t.owner))
        .collect();
    let webhooks: Vec<Value> = newest(&st.webhooks.rows)
        .map(|w| with_owner(hooks::render(w, false), &w.owner))
        .collect();
    let external: Vec<Value> = newest(&st.external_accounts.rows)
        .map(|e| with_owner(controls::render_external(e), &e.owner))
        .collect();
    let virtual_accounts: Vec<Value> = newest(&st.virtual_accounts.rows)
        .map(|v| with_owner(controls::render_virtual(&st, v), &v.owner))
        .collect();
    let deposit_addresses: Vec<Value> = newest(&st.deposit_addresses.rows)
        .map(|d| with_owner(controls::render_deposit_address(&st, d), &d.owner))
        .collect();
    let deliveries: Vec<Value> = st
        .deliveries_log
        .iter()
        .rev()
        .take(SHOWN)
        .cloned()
        .collect();
    Json(json!({
        "version": version,
        "now": rfc3339(now),
        "nowMs": now,
        "baseUrl": format!("http://{}{}", app.addr, app.config.prefix),
        "apiKeys": app.config.api_keys.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        "customers": customers,
        "wallets": wallets,
        "cashIns": cash_ins,
        "quotes": quotes,
        "transactions": transactions,
        "webhooks": webhooks,
        "externalAccounts": external,
        "virtualAccounts": virtual_accounts,
        "depositAddresses": deposit_addresses,
        "deliveries": deliveries,
        "pendingDeliveries": st.queue.len(),
        "requestsLogged": st.requests.len(),
    }))
}

//! The inspector page (`/_emulator/ui`): plain HTML, JS and CSS embedded in the binary (no CDN),
//! and the JSON it polls (`/_emulator/state`). The page polls only while it is open, and an
//! unchanged state answers `{version, unchanged: true}` without rendering anything, so the API
//! path pays nothing for it.

use crate::app::App;
use crate::domain::inspector;
use axum::extract::{RawQuery, State as S};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

const HTML: &str = include_str!("../ui/index.html");
const JS: &str = include_str!("../ui/app.js");
const CSS: &str = include_str!("../ui/app.css");

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

/// `GET /_emulator/state?since=VERSION`: everything the inspector shows (`domain::inspector`).
pub async fn state(S(app): S<App>, RawQuery(q): RawQuery) -> Json<Value> {
    let q = crate::list::Query::parse(q.as_deref());
    Json(inspector::snapshot(&app, q.get("since")))
}

//! The caller's `tokenStore` (`{ get(), set(token) }`, sync or async): reading an entry and
//! writing a new token. Whether an entry may be used is the core's
//! ([`crate::client::auth::token_from_store`], [`crate::client::auth::TokenState`]).

use super::convert::set;
use super::js::{function, get};
use crate::client::auth::{self, CachedToken, StoreExpiry};
use js_sys::{Object, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Whether `store` has `get()` and `set()` methods.
pub fn is_token_store(store: &JsValue) -> bool {
    function(get(store, "get")).is_some() && function(get(store, "set")).is_some()
}

/// The store's entry `{ accessToken, expiresAt }`, if readable (errors and odd values read as
/// nothing).
pub async fn read(store: &JsValue) -> Option<CachedToken> {
    let ret = function(get(store, "get"))?.call0(store).ok()?;
    let v = JsFuture::from(Promise::resolve(&ret)).await.ok()?;
    let exp = get(&v, "expiresAt");
    let text = exp.as_string();
    let expiry = match (exp.as_f64(), &text) {
        (Some(n), _) => StoreExpiry::Millis(n),
        (None, Some(s)) => StoreExpiry::Text(s),
        _ => StoreExpiry::Invalid,
    };
    auth::token_from_store(get(&v, "accessToken").as_string().as_deref(), expiry)
}

/// Stores `{ accessToken, expiresAt }` (ms since the epoch). Awaited (Workers may drop
/// un-awaited work); a failing store never fails the call.
pub async fn write(store: &JsValue, token: &CachedToken) {
    let Some(set_fn) = function(get(store, "set")) else {
        return;
    };
    let entry = Object::new();
    set(
        &entry,
        "accessToken",
        &JsValue::from_str(token.access_token.expose()),
    );
    set(
        &entry,
        "expiresAt",
        &JsValue::from_f64(token.expires_at_ms as f64),
    );
    if let Ok(ret) = set_fn.call1(store, &entry) {
        let _ = JsFuture::from(Promise::resolve(&ret)).await;
    }
}

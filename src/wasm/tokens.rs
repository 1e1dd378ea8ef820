//! Where the fetch client's tokens come from: the cache ([`TokenState`], the core's decisions), the
//! caller's `tokenProvider` (`{ getToken(request) }`, e.g. the Durable Object broker of
//! `oms-wasm/cloudflare`), the caller's `tokenStore` (`{ get(), set(token) }`, sync or async), or
//! an `auth.token` exchange (performed by the client, passed in) — with one acquisition shared by
//! every caller that needs a token while it runs (single flight, a JS `Promise`).

use super::convert::set;
use super::errors::make_error;
use super::js::{function, get, now_ms};
use crate::client::auth::{self, CachedToken, StoreExpiry, TokenState};
use crate::client::options::ClientOptions;
use js_sys::{Array, Object, Promise};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// The client's token sources and state.
#[derive(Debug, Default)]
pub struct Tokens {
    /// The cache and the last rejected token.
    pub state: RefCell<TokenState>,
    inflight: RefCell<Option<Promise>>,
    /// `auth.token` exchanges made (for `toJSON`).
    pub exchanges: Cell<u32>,
    /// `options.tokenStore`.
    pub store: Option<JsValue>,
    /// `options.tokenProvider`.
    pub provider: Option<JsValue>,
}

impl Tokens {
    /// The sources given in the options (either may be absent).
    pub fn new(store: Option<JsValue>, provider: Option<JsValue>) -> Tokens {
        Tokens {
            store,
            provider,
            ..Tokens::default()
        }
    }

    /// The cached token, `(token, generation)`, unless it is within its refresh margin.
    pub fn cached(&self) -> Option<(String, u64)> {
        self.cached_at(now_ms() as i64)
    }

    /// [`Tokens::cached`] at `now_ms` (a clock the caller has just read).
    pub fn cached_at(&self, now_ms: i64) -> Option<(String, u64)> {
        self.state.try_borrow().ok().and_then(|t| {
            t.current(now_ms)
                .map(|(t, g)| (t.access_token.expose().clone(), g))
        })
    }

    /// A token for an authenticated request, `(token, generation)`: the cached one, else the
    /// result of the acquisition in flight, else a new acquisition (which later callers share):
    /// the provider (told which token a 401 rejected), else a usable store entry, else
    /// `fetch()` (an `auth.token` exchange), whose token is written to the store.
    pub async fn token<F, Fut>(
        self: &Rc<Self>,
        opts: &ClientOptions,
        fetch: F,
    ) -> Result<(String, u64), JsValue>
    where
        F: FnOnce() -> Fut + 'static,
        Fut: Future<Output = Result<CachedToken, JsValue>> + 'static,
    {
        if let Some(t) = self.cached() {
            return Ok(t);
        }
        let existing = self.inflight.try_borrow().ok().and_then(|p| p.clone());
        let promise = match existing {
            Some(p) => p,
            None => {
                let (me, opts) = (self.clone(), opts.clone());
                let p = future_to_promise(async move {
                    let r = me.acquire(&opts, fetch).await;
                    if let Ok(mut f) = me.inflight.try_borrow_mut() {
                        *f = None;
                    }
                    r.map(|(t, g)| {
                        Array::of2(&JsValue::from_str(&t), &JsValue::from_f64(g as f64)).into()
                    })
                });
                if let Ok(mut f) = self.inflight.try_borrow_mut() {
                    *f = Some(p.clone());
                }
                p
            }
        };
        let v = JsFuture::from(promise).await?;
        match (get(&v, "0").as_string(), get(&v, "1").as_f64()) {
            (Some(t), Some(g)) => Ok((t, g as u64)),
            _ => Err(make_error(
                "OmsError",
                "internal_error",
                "internal error in the token exchange",
                &[],
            )),
        }
    }

    async fn acquire<F, Fut>(
        &self,
        opts: &ClientOptions,
        fetch: F,
    ) -> Result<(String, u64), JsValue>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<CachedToken, JsValue>>,
    {
        let remember = |t: CachedToken| {
            let tok = t.access_token.expose().clone();
            (
                tok,
                self.state.try_borrow_mut().map_or(0, |mut s| s.store(t)),
            )
        };
        let usable = |t: CachedToken| {
            self.state
                .try_borrow()
                .ok()?
                .accept_from_store(t, now_ms() as i64)
        };
        if let Some(provider) = &self.provider {
            let invalid = self
                .state
                .try_borrow()
                .ok()
                .and_then(|t| t.rejected().map(str::to_owned));
            let got = provide(provider, invalid.as_deref(), opts).await;
            return match got.ok().and_then(usable) {
                Some(t) => Ok(remember(t)),
                None => Err(make_error(
                    "OmsError",
                    "token_provider_failed",
                    "the tokenProvider gave no usable token (it threw, answered without { accessToken, \
                     expiresAt }, or gave a token that expires within a minute or was just rejected)",
                    &[],
                )),
            };
        }
        if let Some(store) = &self.store {
            if let Some(t) = read(store).await.and_then(usable) {
                return Ok(remember(t));
            }
        }
        self.exchanges.set(self.exchanges.get().saturating_add(1));
        let t = fetch().await?;
        if let Some(store) = &self.store {
            write(store, &t).await;
        }
        Ok(remember(t))
    }
}

/// Whether `store` has `get()` and `set()` methods.
pub fn is_token_store(store: &JsValue) -> bool {
    function(get(store, "get")).is_some() && function(get(store, "set")).is_some()
}

/// Whether `provider` has a `getToken()` method.
pub fn is_token_provider(provider: &JsValue) -> bool {
    function(get(provider, "getToken")).is_some()
}

/// The store's entry `{ accessToken, expiresAt }`, if readable (errors and odd values read as
/// nothing).
async fn read(store: &JsValue) -> Option<CachedToken> {
    let ret = function(get(store, "get"))?.call0(store).ok()?;
    let v = JsFuture::from(Promise::resolve(&ret)).await.ok()?;
    entry(&v)
}

/// `{ accessToken, expiresAt }` (ms since the epoch, or an RFC 3339 string) as a token.
fn entry(v: &JsValue) -> Option<CachedToken> {
    let exp = get(v, "expiresAt");
    let text = exp.as_string();
    let expiry = match (exp.as_f64(), &text) {
        (Some(n), _) => StoreExpiry::Millis(n),
        (None, Some(s)) => StoreExpiry::Text(s),
        _ => StoreExpiry::Invalid,
    };
    auth::token_from_store(get(v, "accessToken").as_string().as_deref(), expiry)
}

/// Stores `{ accessToken, expiresAt }` (ms since the epoch). Awaited (Workers may drop
/// un-awaited work); a failing store never fails the call.
async fn write(store: &JsValue, token: &CachedToken) {
    let Some(set_fn) = function(get(store, "set")) else {
        return;
    };
    if let Ok(ret) = set_fn.call1(store, &token_object(token)) {
        let _ = JsFuture::from(Promise::resolve(&ret)).await;
    }
}

/// `{ accessToken, expiresAt }` (ms since the epoch): what a token store keeps and a broker
/// hands out.
pub fn token_object(token: &CachedToken) -> Object {
    let o = Object::new();
    set(
        &o,
        "accessToken",
        &JsValue::from_str(token.access_token.expose()),
    );
    set(
        &o,
        "expiresAt",
        &JsValue::from_f64(token.expires_at_ms as f64),
    );
    o
}

/// Asks the provider for a token: `getToken({ invalidToken?, baseUrl, apiKey, apiSecret })` (the
/// credentials let one provider serve several clients, as the Durable Object broker does).
///
/// # Errors
/// What the provider threw or rejected with, or a message when its answer is not
/// `{ accessToken, expiresAt }`.
async fn provide(
    provider: &JsValue,
    invalid_token: Option<&str>,
    opts: &ClientOptions,
) -> Result<CachedToken, JsValue> {
    let request = Object::new();
    if let Some(t) = invalid_token {
        set(&request, "invalidToken", &JsValue::from_str(t));
    }
    set(
        &request,
        "baseUrl",
        &JsValue::from_str(opts.context.base_url.as_str()),
    );
    set(&request, "apiKey", &JsValue::from_str(&opts.api_key));
    set(
        &request,
        "apiSecret",
        &JsValue::from_str(opts.api_secret.expose()),
    );
    let get_token = function(get(provider, "getToken"))
        .ok_or_else(|| JsValue::from_str("the token provider has no getToken()"))?;
    let ret = get_token.call1(provider, &request)?;
    let v = JsFuture::from(Promise::resolve(&ret)).await?;
    entry(&v).ok_or_else(|| {
        JsValue::from_str("the token provider answered without { accessToken, expiresAt }")
    })
}

//! `OmsClient`: the fetch transport. Every decision is the core's — the options
//! ([`crate::client::options`]), the call loop ([`crate::client::call::CallMachine`]: token,
//! 401 refresh-and-replay, retries, redirects and oversized bodies refused) and the token state
//! ([`crate::client::auth::TokenState`]). This file does the I/O the machine asks for: `fetch`
//! (with `redirect: 'manual'`, the body streamed under a cap), timers, `AbortController`,
//! random numbers, the caller's hooks and `tokenStore`, and one token exchange shared by every
//! caller that needs a token while it runs (a JS `Promise`).
//!
//! The JS class users see is `OmsClient` in `pkg-template/client.mjs` (resource namespaces, list
//! iterators); it wraps this one (exported as `OmsClientCore`, not part of the typed API). The
//! TypeScript declarations are in `pkg-template/client.d.ts`.
//!
//! `fetch` is called through `js_sys`, not gloo-net: callers may pass their own (a test double, a
//! service binding's `fetch`). The global one is called with `this = globalThis` (workerd throws
//! "Illegal invocation" otherwise). Timeouts and aborts race the fetch and each body read against
//! a deadline promise and abort an `AbortController`, so a `fetch` that ignores its signal still
//! cannot hold a call past its timeout. Never panics: no `unwrap`, no indexing, `RefCell`s
//! borrowed only between JS calls (a hook or a `tokenStore` may re-enter the client).

use super::api::{
    api_error_to_js, build_error_to_js, connection_error_to_js, needs_random, needs_today,
    random_bytes, warnings_to_js,
};
use super::convert::{local_today, set, string_of, to_value};
use super::errors::make_error;
use super::fetch::{fetch_once, sleep, Transport};
use super::js::{function, get, global_fn, ignore_outcome, is_aborted, now_ms, random_u32};
use super::messages::parse_json;
use super::token_store;
use crate::api::{self, RequestContext};
use crate::client::auth::{self, TokenState};
use crate::client::call::{Action, CallError, CallMachine, Event};
use crate::client::options::{ClientOptions, RequestOptions, BROWSER_REFUSAL, FETCH_UNAVAILABLE};
use crate::client::{hooks, raw, RetryPolicy};
use crate::error::{ApiError, BuildError};
use crate::http::{HttpRequest, HttpResponse};
use crate::input::{Issue, Value};
use crate::secret::Sensitive;
use js_sys::{Array, Function, Object, Promise};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

fn invalid(issues: Vec<Issue>) -> JsValue {
    build_error_to_js(&BuildError::InvalidParams(issues))
}

// ---------------------------------------------------------------------------------------------
// the client

/// Per-call settings of the transport.
struct Settings {
    operation: String,
    signal: Option<JsValue>,
    timeout_ms: u32,
    policy: RetryPolicy,
}

/// The client's state. `Debug` prints no secret (the options' secret and the tokens are
/// `Sensitive`).
#[derive(Debug)]
struct Inner {
    opts: ClientOptions,
    transport: Transport,
    on_request: Option<Function>,
    on_response: Option<Function>,
    /// Called with `{ operation, warnings }` when a call's params raise warnings (provisioning
    /// readiness); the call is sent regardless.
    on_warning: Option<Function>,
    token_store: Option<JsValue>,
    tokens: RefCell<TokenState>,
    inflight: RefCell<Option<Promise>>,
    exchanges: Cell<u32>,
}

impl Inner {
    /// Runs `f` with every credential this client holds: the API secret and key, the cached
    /// token and the last rejected one.
    fn with_secrets<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R {
        let tokens = self.tokens.try_borrow().ok();
        let mut all = vec![self.opts.api_secret.expose().as_str(), &self.opts.api_key];
        if let Some(t) = &tokens {
            all.extend(t.tokens());
        }
        f(&all)
    }

    fn settings(
        &self,
        operation: String,
        opts: &RequestOptions,
        signal: Option<JsValue>,
    ) -> Settings {
        Settings {
            operation,
            signal,
            timeout_ms: opts.timeout_ms.unwrap_or(self.opts.timeout_ms),
            policy: match opts.max_retries {
                Some(n) => self.opts.policy.with_max_retries(n),
                None => self.opts.policy,
            },
        }
    }
}

/// The fetch client (wrapped by the package's `OmsClient` class). `Debug` prints no secret.
#[wasm_bindgen(js_name = OmsClientCore, skip_typescript)]
#[derive(Debug)]
pub struct OmsClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = OmsClientCore)]
impl OmsClient {
    /// `new OmsClientCore(options)`: see `pkg-template/client.d.ts`. Throws `OmsValidationError`
    /// (`invalid_params`, with `issues`) for bad options and `OmsError` `browser_not_allowed` /
    /// `fetch_unavailable`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<OmsClient, JsValue> {
        let value = to_value(&options);
        let store = get(&options, "tokenStore");
        let has_store = !store.is_undefined() && !store.is_null();
        let read = ClientOptions::read(&value, local_today(), token_store::is_token_store(&store));
        let global = js_sys::global();
        let in_page =
            !get(&global, "window").is_undefined() && !get(&global, "document").is_undefined();
        let allowed = value.get("dangerouslyAllowBrowser") == Some(&Value::Bool(true));
        if in_page && !allowed && matches!(value, Value::Object(_)) {
            return Err(make_error(
                "OmsError",
                "browser_not_allowed",
                BROWSER_REFUSAL,
                &[],
            ));
        }
        let opts = read.map_err(invalid)?;
        let (fetch, fetch_this) = match function(get(&options, "fetch")) {
            Some(f) => (f, JsValue::UNDEFINED),
            None => match global_fn("fetch") {
                Some(f) => (f, global.into()),
                None => {
                    return Err(make_error(
                        "OmsError",
                        "fetch_unavailable",
                        FETCH_UNAVAILABLE,
                        &[],
                    ))
                }
            },
        };
        Ok(OmsClient {
            inner: Rc::new(Inner {
                opts,
                transport: Transport {
                    fetch,
                    this: fetch_this,
                    noop: Closure::new(|_: JsValue| {}),
                },
                on_request: function(get(&options, "onRequest")),
                on_response: function(get(&options, "onResponse")),
                on_warning: function(get(&options, "onWarning")),
                token_store: has_store.then_some(store),
                tokens: RefCell::new(TokenState::new()),
                inflight: RefCell::new(None),
                exchanges: Cell::new(0),
            }),
        })
    }

    /// `request(operation, params, options?)`: builds (nothing is sent if the params are
    /// invalid), authenticates, sends with retries, parses. Resolves to the typed value; rejects
    /// with `OmsValidationError`, `OmsApiError`, `OmsConnectionError` or `OmsError`.
    pub fn request(&self, operation: JsValue, params: JsValue, options: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move { run_operation(inner, operation, params, options).await })
    }

    /// `requestRaw(method, path, options?)`: the escape hatch (see `crate::client::raw`).
    #[wasm_bindgen(js_name = requestRaw)]
    pub fn request_raw(&self, method: JsValue, path: JsValue, options: JsValue) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move { run_raw(inner, method, path, options).await })
    }

    /// Safe facts for `JSON.stringify(client)`: never the secret or a token.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsValue {
        let i = &self.inner;
        let (has_token, expires_at) = match i.tokens.try_borrow() {
            Ok(t) => (t.cache().has_token(), t.cache().expires_at_ms()),
            Err(_) => (false, None),
        };
        let facts = serde_json::json!({
            "client": "oms-wasm",
            "baseUrl": i.opts.context.base_url.as_str(),
            "apiKey": i.opts.masked_key(),
            "maxRetries": i.opts.policy.max_retries,
            "timeoutMs": i.opts.timeout_ms,
            "tokenStore": i.token_store.is_some(),
            "customFetch": i.transport.this.is_undefined(),
            "hasToken": has_token,
            "tokenExpiresAt": expires_at,
            "tokenExchanges": i.exchanges.get(),
        });
        parse_json(&facts.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// one call

/// Reads a call's options: the core's checks, plus the `signal`'s shape (an `AbortSignal`).
fn request_options(
    options: &JsValue,
    raw: bool,
) -> Result<(RequestOptions, Option<JsValue>), JsValue> {
    let signal = get(options, "signal");
    let ok = get(&signal, "aborted").as_bool().is_some()
        && function(get(&signal, "addEventListener")).is_some();
    let opts = RequestOptions::read(&to_value(options), raw, ok).map_err(invalid)?;
    Ok((opts, ok.then_some(signal)))
}

/// The context of one call: the caller's date when the operation checks birth dates, random
/// bytes for a generated idempotency key, and a placeholder token (the real one is set on each
/// attempt, so invalid params fail before any token exchange).
fn call_context(inner: &Inner, opts: &RequestOptions, today: bool, random: bool) -> RequestContext {
    let mut ctx = inner.opts.context.clone();
    if today {
        ctx.today = local_today();
    }
    ctx.access_token = Some(Sensitive::new("pending".to_owned()));
    ctx.idempotency_key = opts.idempotency_key.clone();
    if random && opts.idempotency_key.is_none() {
        ctx.random_bytes = Some(random_bytes());
    }
    ctx
}

async fn run_operation(
    inner: Rc<Inner>,
    operation: JsValue,
    params: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let Value::String(name) = string_of(&operation) else {
        return Err(build_error_to_js(&BuildError::UnknownOperation(
            "(not a string)".into(),
        )));
    };
    let (opts, signal) = request_options(&options, false)?;
    let ctx = call_context(&inner, &opts, needs_today(&name), needs_random(&name));
    let built = api::build_request_checked(&name, &to_value(&params), &ctx)
        .map_err(|e| build_error_to_js(&e))?;
    let req = built.request;
    if let (false, Some(f)) = (built.warnings.is_empty(), &inner.on_warning) {
        // like the other hooks: a hook that throws or rejects never affects the call
        let obj = Object::new();
        set(&obj, "operation", &JsValue::from_str(&name));
        set(&obj, "warnings", &warnings_to_js(&built.warnings));
        if let Ok(ret) = f.call1(&JsValue::UNDEFINED, &obj) {
            ignore_outcome(&ret, inner.transport.noop.as_ref());
        }
    }
    let requires_auth = api::describe(&name).is_none_or(|d| d.requires_auth);
    let settings = inner.settings(name.clone(), &opts, signal);
    let (resp, _) = perform(&inner, req.clone(), requires_auth, &settings).await?;
    let parsed =
        api::parse_response(&name, resp.status, &resp.headers, &resp.body).map_err(|mut e| {
            // The core has no clock: an HTTP-date Retry-After without a Date header is measured here.
            if e.retry_after_seconds.is_none() {
                let now = (now_ms() / 1000.0) as u64;
                e.retry_after_seconds = crate::http::retry_after_seconds(&resp.headers, Some(now));
            }
            e
        });
    finish(&inner, &req, parsed)
}

async fn run_raw(
    inner: Rc<Inner>,
    method: JsValue,
    path: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let (opts, signal) = request_options(&options, true)?;
    let ctx = call_context(&inner, &opts, false, true);
    let req = raw::build_raw(
        &to_value(&method),
        &to_value(&path),
        &opts.query,
        &opts.body,
        &ctx,
    )
    .map_err(|e| build_error_to_js(&e))?;
    let path_text = path.as_string().unwrap_or_default();
    let label = format!(
        "{} {}",
        req.method,
        crate::http::url_without_query(&path_text)
    );
    let settings = inner.settings(label.chars().take(200).collect(), &opts, signal);
    let (resp, _) = perform(&inner, req.clone(), true, &settings).await?;
    finish(
        &inner,
        &req,
        raw::parse_raw(resp.status, &resp.headers, &resp.body),
    )
}

fn finish(
    inner: &Inner,
    req: &HttpRequest,
    r: Result<serde_json::Value, ApiError>,
) -> Result<JsValue, JsValue> {
    r.map(|v| parse_json(&v.to_string()))
        .map_err(|e| api_error(inner, e, req))
}

/// Drives the core's call machine: performs each action, feeds back what happened.
async fn perform(
    inner: &Rc<Inner>,
    req: HttpRequest,
    requires_auth: bool,
    s: &Settings,
) -> Result<(HttpResponse, i64), JsValue> {
    let mut machine = CallMachine::new(req, s.policy, requires_auth);
    let mut event = Event::Start;
    loop {
        event = match machine.step(event, now_ms() as i64, random_u32()) {
            Action::NeedToken { rejected } => {
                if let (Some(r), Ok(mut t)) = (&rejected, inner.tokens.try_borrow_mut()) {
                    t.reject(r);
                }
                if is_aborted(&s.signal) {
                    Event::Aborted
                } else {
                    let (access_token, generation) = token(inner).await?;
                    Event::Token {
                        access_token,
                        generation,
                    }
                }
            }
            Action::Send { request, attempt } => {
                if is_aborted(&s.signal) {
                    Event::Aborted
                } else {
                    attempt_once(inner, &request, attempt, s).await
                }
            }
            Action::Sleep { ms } => {
                sleep(ms, &s.signal).await;
                if is_aborted(&s.signal) {
                    Event::Aborted
                } else {
                    Event::Woke
                }
            }
            Action::Done(Ok(r)) => return Ok(r),
            Action::Done(Err(CallError::Api(e))) => {
                return Err(api_error(inner, e, machine.request()))
            }
            Action::Done(Err(e)) => return Err(connection_error(inner, &e, machine.request(), s)),
        };
    }
}

/// One attempt with its hooks (payloads built by [`crate::client::hooks`]).
async fn attempt_once(inner: &Inner, req: &HttpRequest, attempt: u32, s: &Settings) -> Event {
    let op = &s.operation;
    call_hook(inner, &inner.on_request, || {
        hooks::request_info(op, req, attempt)
    });
    let started = now_ms();
    let result = fetch_once(&inner.transport, req, s.timeout_ms, &s.signal).await;
    call_hook(inner, &inner.on_response, || {
        let outcome = result.as_ref().map_err(|(f, _)| *f);
        let elapsed = now_ms() - started;
        inner.with_secrets(|k| hooks::response_info(op, req, attempt, elapsed, outcome, k))
    });
    match result {
        Ok(r) => Event::Received(r),
        Err((failure, detail)) => Event::Failed { failure, detail },
    }
}

// ---------------------------------------------------------------------------------------------
// tokens

/// A token for an authenticated request: `(token, generation)`: the cached one, else the result
/// of the exchange in flight (or a new one, which later callers share).
async fn token(inner: &Rc<Inner>) -> Result<(String, u64), JsValue> {
    let cached = inner.tokens.try_borrow().ok().and_then(|t| {
        t.current(now_ms() as i64)
            .map(|(t, g)| (t.access_token.expose().clone(), g))
    });
    if let Some(t) = cached {
        return Ok(t);
    }
    let existing = inner.inflight.try_borrow().ok().and_then(|p| p.clone());
    let promise = match existing {
        Some(p) => p,
        None => {
            let i2 = inner.clone();
            let p = future_to_promise(async move {
                let r = exchange(&i2).await;
                if let Ok(mut f) = i2.inflight.try_borrow_mut() {
                    *f = None;
                }
                r.map(|(t, g)| {
                    Array::of2(&JsValue::from_str(&t), &JsValue::from_f64(g as f64)).into()
                })
            });
            if let Ok(mut f) = inner.inflight.try_borrow_mut() {
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

/// One token acquisition: a usable `tokenStore` entry, else `auth.token`. Stores the result in
/// the cache (and the store).
async fn exchange(inner: &Rc<Inner>) -> Result<(String, u64), JsValue> {
    let remember = |t: auth::CachedToken| {
        let tok = t.access_token.expose().clone();
        let g = inner.tokens.try_borrow_mut().map_or(0, |mut s| s.store(t));
        (tok, g)
    };
    if let Some(store) = &inner.token_store {
        let usable = match token_store::read(store).await {
            Some(t) => inner
                .tokens
                .try_borrow()
                .ok()
                .and_then(|s| s.accept_from_store(t, now_ms() as i64)),
            None => None,
        };
        if let Some(t) = usable {
            return Ok(remember(t));
        }
    }
    let params = Value::Object(vec![
        ("apiKey".into(), Value::String(inner.opts.api_key.clone())),
        (
            "apiSecret".into(),
            Value::String(inner.opts.api_secret.expose().clone()),
        ),
    ]);
    // Only the key/secret can be wrong here, and their messages never echo values.
    let req = api::build_request("auth.token", &params, &inner.opts.context)
        .map_err(|e| build_error_to_js(&e))?;
    let s = inner.settings("auth.token".into(), &RequestOptions::default(), None);
    inner.exchanges.set(inner.exchanges.get().saturating_add(1));
    let (resp, sent_at) = perform(inner, req.clone(), false, &s).await?;
    let t = auth::read_token(&resp, sent_at).map_err(|e| api_error(inner, e, &req))?;
    if let Some(store) = &inner.token_store {
        token_store::write(store, &t).await;
    }
    Ok(remember(t))
}

// ---------------------------------------------------------------------------------------------
// errors and hooks

fn api_error(inner: &Inner, mut e: ApiError, req: &HttpRequest) -> JsValue {
    inner.with_secrets(|s| e.redact(s));
    let err = api_error_to_js(&e);
    if let (Some(o), Some(k)) = (err.dyn_ref::<Object>(), req.header("idempotency-key")) {
        set(o, "idempotencyKey", &JsValue::from_str(k));
    }
    err
}

fn connection_error(inner: &Inner, e: &CallError, req: &HttpRequest, s: &Settings) -> JsValue {
    let message = e.message(req, s.timeout_ms);
    let message = inner.with_secrets(|k| crate::secret::scrub_text(&message, k));
    connection_error_to_js(e, &message, req.header("idempotency-key"))
}

/// Calls `hook` (when set) with the object `info()` builds; nothing is built without a hook. A
/// hook that throws, or returns a promise that rejects, never affects the call.
fn call_hook(
    inner: &Inner,
    hook: &Option<Function>,
    info: impl FnOnce() -> serde_json::Map<String, serde_json::Value>,
) {
    let Some(f) = hook else { return };
    let obj = parse_json(&serde_json::Value::Object(info()).to_string());
    if let Ok(ret) = f.call1(&JsValue::UNDEFINED, &obj) {
        ignore_outcome(&ret, inner.transport.noop.as_ref());
    }
}

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
    build_error_to_js, connection_error_to_js, needs_random, needs_today, random_bytes,
    redacted_api_error_to_js, warnings_to_js,
};
use super::convert::{local_today, set, string_of, to_value};
use super::errors::make_error;
use super::fetch::{fetch_once, sleep, Transport};
use super::js::{function, get, global_fn, ignore_outcome, is_aborted, now_ms, random_u32};
use super::messages::parse_json;
use super::tokens::{self, Tokens};
use crate::api::{self, RequestContext};
use crate::client::auth;
use crate::client::call::{Action, CallError, CallMachine, Event};
use crate::client::options::{
    ClientOptions, RequestOptions, Shapes, BROWSER_REFUSAL, FETCH_UNAVAILABLE,
};
use crate::client::{hooks, raw, RetryPolicy};
use crate::error::{ApiError, BuildError};
use crate::http::{HttpRequest, HttpResponse};
use crate::input::{Issue, Value};
use crate::secret::Sensitive;
use js_sys::{Function, Object, Promise};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

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
    tokens: Rc<Tokens>,
}

impl Inner {
    /// Runs `f` with every credential this client holds: the API secret and key, the cached
    /// token and the last rejected one.
    fn with_secrets<R>(&self, f: impl FnOnce(&[&str]) -> R) -> R {
        let tokens = self.tokens.state.try_borrow().ok();
        let mut all = vec![self.opts.api_secret.expose().as_str(), &self.opts.api_key];
        if let Some(t) = &tokens {
            all.extend(t.tokens());
        }
        f(&all)
    }

    fn settings(&self, operation: String, o: &RequestOptions, signal: Option<JsValue>) -> Settings {
        let (timeout_ms, policy) = self.opts.for_call(o);
        Settings {
            operation,
            signal,
            timeout_ms,
            policy,
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
        let provider = get(&options, "tokenProvider");
        let shapes = Shapes {
            token_store: tokens::is_token_store(&store),
            token_provider: tokens::is_token_provider(&provider),
        };
        let read = ClientOptions::read(&value, local_today(), shapes);
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
                tokens: Rc::new(Tokens::new(
                    has_store.then_some(store),
                    (!provider.is_undefined() && !provider.is_null()).then_some(provider),
                )),
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

    /// `exchangeToken()`: one fresh `auth.token` exchange (no cache, store or provider), resolving
    /// to `{ accessToken, expiresAt, lifetimeMs }` (milliseconds, local clock). For token brokers
    /// (`oms-wasm/cloudflare`); not part of the typed API.
    #[wasm_bindgen(js_name = exchangeToken)]
    pub fn exchange_token(&self) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            let t = fetch_token(&inner).await?;
            let out = tokens::token_object(&t);
            let lifetime = t
                .lifetime_ms
                .map_or(JsValue::NULL, |l| JsValue::from_f64(l as f64));
            set(&out, "lifetimeMs", &lifetime);
            Ok(out.into())
        })
    }

    /// Safe facts for `JSON.stringify(client)`: never the secret or a token.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> JsValue {
        let i = &self.inner;
        let (has_token, expires_at) = match i.tokens.state.try_borrow() {
            Ok(t) => (t.cache().has_token(), t.cache().expires_at_ms()),
            Err(_) => (false, None),
        };
        let facts = serde_json::json!({
            "client": "oms-wasm",
            "baseUrl": i.opts.context.base_url.as_str(),
            "apiKey": i.opts.masked_key(),
            "maxRetries": i.opts.policy.max_retries,
            "timeoutMs": i.opts.timeout_ms,
            "tokenStore": i.tokens.store.is_some(),
            "tokenProvider": i.tokens.provider.is_some(),
            "customFetch": i.transport.this.is_undefined(),
            "hasToken": has_token,
            "tokenExpiresAt": expires_at,
            "tokenExchanges": i.tokens.exchanges.get(),
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
    if !built.warnings.is_empty() {
        call_hook(&inner, &inner.on_warning, || {
            let obj = Object::new();
            set(&obj, "operation", &JsValue::from_str(&name));
            set(&obj, "warnings", &warnings_to_js(&built.warnings));
            obj.into()
        });
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
                if let (Some(r), Ok(mut t)) = (&rejected, inner.tokens.state.try_borrow_mut()) {
                    t.reject(r);
                }
                if is_aborted(&s.signal) {
                    Event::Aborted
                } else {
                    let i2 = inner.clone();
                    let fetch = move || async move { fetch_token(&i2).await };
                    let (access_token, generation) = inner.tokens.token(&inner.opts, fetch).await?;
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
        payload(hooks::request_info(op, req, attempt))
    });
    let started = now_ms();
    let result = fetch_once(&inner.transport, req, s.timeout_ms, &s.signal).await;
    call_hook(inner, &inner.on_response, || {
        let outcome = result.as_ref().map_err(|(f, _)| *f);
        let elapsed = now_ms() - started;
        payload(inner.with_secrets(|k| hooks::response_info(op, req, attempt, elapsed, outcome, k)))
    });
    match result {
        Ok(r) => Event::Received(r),
        Err((failure, detail)) => Event::Failed { failure, detail },
    }
}

// ---------------------------------------------------------------------------------------------
// tokens

/// One `auth.token` exchange with the client's retry policy (counted in `tokenExchanges`).
async fn fetch_token(inner: &Rc<Inner>) -> Result<auth::CachedToken, JsValue> {
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
    let (resp, sent_at) = perform(inner, req.clone(), false, &s).await?;
    auth::read_token(&resp, sent_at).map_err(|e| api_error(inner, e, &req))
}

// ---------------------------------------------------------------------------------------------
// errors and hooks

fn api_error(inner: &Inner, e: ApiError, req: &HttpRequest) -> JsValue {
    inner.with_secrets(|k| redacted_api_error_to_js(e, k, req.header("idempotency-key")))
}

fn connection_error(inner: &Inner, e: &CallError, req: &HttpRequest, s: &Settings) -> JsValue {
    let message = e.message(req, s.timeout_ms);
    let message = inner.with_secrets(|k| crate::secret::scrub_text(&message, k));
    connection_error_to_js(e, &message, req.header("idempotency-key"))
}

/// Calls `hook` (when set) with the object `info()` builds; nothing is built without a hook. A
/// hook that throws, or returns a promise that rejects, never affects the call.
fn call_hook(inner: &Inner, hook: &Option<Function>, info: impl FnOnce() -> JsValue) {
    if let Some(Ok(ret)) = hook.as_ref().map(|f| f.call1(&JsValue::UNDEFINED, &info())) {
        ignore_outcome(&ret, inner.transport.noop.as_ref());
    }
}

/// A hook payload from the core (a JSON object) as a JS object.
fn payload(m: serde_json::Map<String, serde_json::Value>) -> JsValue {
    parse_json(&serde_json::Value::Object(m).to_string())
}

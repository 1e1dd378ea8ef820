//! `OmsClient`: the decisions of the fetch client. Every decision is the core's — the options
//! ([`crate::client::options`]), the call loop ([`crate::client::call::CallMachine`]: token,
//! 401 refresh-and-replay, retries, redirects and oversized bodies refused) and the token state
//! ([`crate::client::auth::TokenState`]). The I/O is the package's JS transport
//! (`pkg-template/transport.mjs`): it asks this class to begin a call, performs the action it
//! gets back (`fetch` with `redirect: 'manual'`, the body streamed under a cap, a backoff sleep,
//! an asynchronous token) and reports what happened, until the call is done — one wasm call per
//! step, primitives and strings across, so a call that needs no new token costs two crossings.
//!
//! The actions are short strings (`pkg-template/transport.mjs` reads them):
//! - `S<id> <timeoutMs> <headerCount> <hasBody>` then, one per line, the method, the URL, each
//!   header's name and value, and after them the body: send this attempt;
//! - `W<id> <ms>`: sleep (abortable), then `woke(id)`;
//! - `T<id>`: a token is needed that the cache does not hold: `await token(id)`;
//! - `D<id>` then a line with the result as JSON text: done (for a token exchange, no result).
//!
//! A failed call throws the error (`OmsApiError`, `OmsConnectionError`, ...) from the step that
//! ended it. This class also answers `tokenStore` / `tokenProvider` and one token exchange shared by
//! every caller that needs a token while it runs (a JS `Promise`), and calls the caller's hooks.
//!
//! The JS class users see is `OmsClient` in `pkg-template/client.mjs` (resource namespaces, list
//! iterators); it wraps this one (exported as `OmsClientCore`, not part of the typed API). The
//! TypeScript declarations are in `pkg-template/client.d.ts`. Never panics: no `unwrap`, no
//! indexing, `RefCell`s borrowed only between JS calls (a hook or a `tokenStore` may re-enter the
//! client).

use super::api::{
    build_error_to_js, connection_error_to_js, needs_random, needs_today, random_bytes,
    redacted_api_error_to_js, response_header_names, warnings_to_js,
};
use super::convert::{local_today, read_headers, set, string_of, to_value};
use super::errors::make_error;
use super::js::{function, get, global_fn, ignore_outcome, now_ms, random_u32};
use super::messages::parse_json;
use super::tokens::{self, Tokens};
use crate::api::{self, RequestContext};
use crate::client::auth::{self, CachedToken};
use crate::client::call::{Action, CallError, CallMachine, Event, Failure, Received};
use crate::client::options::{
    ClientOptions, RequestOptions, Shapes, BROWSER_REFUSAL, FETCH_UNAVAILABLE,
};
use crate::client::{hooks, raw, RetryPolicy};
use crate::error::{ApiError, BuildError};
use crate::http::{HttpRequest, HttpResponse};
use crate::input::{Issue, Value};
use crate::secret::Sensitive;
use crate::text;
use js_sys::{Array, Function, Object, Promise};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

fn invalid(issues: Vec<Issue>) -> JsValue {
    build_error_to_js(&BuildError::InvalidParams(issues))
}

fn internal(what: &str) -> JsValue {
    make_error("OmsError", "internal_error", what, &[])
}

// ---------------------------------------------------------------------------------------------
// the client

/// Per-call settings of the transport.
struct Settings {
    operation: String,
    timeout_ms: u32,
    policy: RetryPolicy,
}

/// What a call's final response is parsed as.
enum Kind {
    /// A named operation (`client.request`).
    Operation(String),
    /// `client.requestRaw`.
    Raw,
    /// An `auth.token` exchange: its token is kept for [`fetch_token`].
    Token,
}

/// One call in flight.
struct Call {
    machine: CallMachine,
    settings: Settings,
    kind: Kind,
    /// When the current attempt was handed to the transport (for the hooks' `elapsedMs`).
    started_ms: f64,
}

/// The calls in flight (a few at a time: a linear list), and the tokens of finished exchanges
/// waiting for [`fetch_token`]. Ids are never reused.
#[derive(Default)]
struct Calls {
    next: Cell<u32>,
    live: RefCell<Vec<(u32, Call)>>,
    tokens: RefCell<Vec<(u32, CachedToken)>>,
}

impl fmt::Debug for Calls {
    /// Only the count: requests carry tokens.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.live.try_borrow().map_or(0, |l| l.len());
        f.debug_struct("Calls").field("in_flight", &n).finish()
    }
}

impl Calls {
    fn id(&self) -> u32 {
        let id = self.next.get().wrapping_add(1);
        self.next.set(id);
        id
    }

    /// Takes call `id` out (while it is processed no borrow is held: hooks may re-enter).
    fn take(&self, id: u32) -> Result<Call, JsValue> {
        let mut live = self
            .live
            .try_borrow_mut()
            .map_err(|_| internal("internal error: the client's calls are busy"))?;
        let at = live
            .iter()
            .position(|(i, _)| *i == id)
            .ok_or_else(|| internal("internal error: no such call in flight"))?;
        Ok(live.swap_remove(at).1)
    }

    fn put(&self, id: u32, call: Call) {
        if let Ok(mut live) = self.live.try_borrow_mut() {
            live.push((id, call));
        }
    }

    fn release(&self, id: u32) {
        if let Ok(mut live) = self.live.try_borrow_mut() {
            live.retain(|(i, _)| *i != id);
        }
    }
}

/// The client's state. `Debug` prints no secret (the options' secret and the tokens are
/// `Sensitive`; requests in flight are only counted).
#[derive(Debug)]
struct Inner {
    opts: ClientOptions,
    /// The `fetch` the transport calls and its `this` (`undefined` for the caller's own).
    fetch: Function,
    fetch_this: JsValue,
    /// The transport's `drive(id, action) → Promise`, which performs a call begun here (the
    /// token exchanges this class starts by itself).
    drive: Function,
    /// `() => {}`, for promises whose outcome is ignored.
    noop: Closure<dyn FnMut(JsValue)>,
    on_request: Option<Function>,
    on_response: Option<Function>,
    /// Called with `{ operation, warnings }` when a call's params raise warnings (provisioning
    /// readiness); the call is sent regardless.
    on_warning: Option<Function>,
    tokens: Rc<Tokens>,
    calls: Calls,
    /// The backoff jitter's generator (xorshift32, seeded from `Math.random` once): jitter needs
    /// no more than a uniform spread, and this saves a crossing on every step of every call.
    rng: Cell<u32>,
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

    /// The next backoff random number ([`crate::client::retry::next_jitter`]; never 0).
    fn jitter(&self) -> u32 {
        let x = crate::client::retry::next_jitter(self.rng.get());
        self.rng.set(x);
        x
    }

    fn settings(&self, operation: String, o: &RequestOptions) -> Settings {
        let (timeout_ms, policy) = self.opts.for_call(o);
        Settings {
            operation,
            timeout_ms,
            policy,
        }
    }
}

/// The fetch client's core (wrapped by the package's `OmsClient` class and driven by its
/// transport). `Debug` prints no secret.
#[wasm_bindgen(js_name = OmsClientCore, skip_typescript)]
#[derive(Debug)]
pub struct OmsClient {
    inner: Rc<Inner>,
}

#[wasm_bindgen(js_class = OmsClientCore)]
impl OmsClient {
    /// `new OmsClientCore(options, drive)`: see `pkg-template/client.d.ts` for the options;
    /// `drive(id, action)` is the transport's. Throws `OmsValidationError` (`invalid_params`, with
    /// `issues`) for bad options and `OmsError` `browser_not_allowed` / `fetch_unavailable`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue, drive: JsValue) -> Result<OmsClient, JsValue> {
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
        let drive = function(drive).ok_or_else(|| internal("OmsClientCore needs its transport"))?;
        Ok(OmsClient {
            inner: Rc::new(Inner {
                opts,
                fetch,
                fetch_this,
                drive,
                noop: Closure::new(|_: JsValue| {}),
                on_request: function(get(&options, "onRequest")),
                on_response: function(get(&options, "onResponse")),
                on_warning: function(get(&options, "onWarning")),
                tokens: Rc::new(Tokens::new(
                    has_store.then_some(store),
                    (!provider.is_undefined() && !provider.is_null()).then_some(provider),
                )),
                calls: Calls::default(),
                rng: Cell::new(random_u32() | 1),
            }),
        })
    }

    /// `[fetch, thisArg, headerNames]` for the transport: the `fetch` to call (the caller's, or
    /// the global one with `this = globalThis`: workerd throws "Illegal invocation" otherwise) and
    /// the response headers the core reads (lowercase, `\n`-separated).
    pub fn transport(&self) -> Array {
        let mut names = response_header_names();
        names.push("content-length");
        Array::of3(
            &self.inner.fetch,
            &self.inner.fetch_this,
            &JsValue::from_str(&names.join("\n")),
        )
    }

    /// Begins `request(operation, params, options?)`: builds (nothing is sent if the params are
    /// invalid: throws `OmsValidationError`), and returns the first action.
    pub fn begin(
        &self,
        operation: JsValue,
        params: JsValue,
        options: JsValue,
    ) -> Result<String, JsValue> {
        let inner = &self.inner;
        let Value::String(name) = string_of(&operation) else {
            return Err(build_error_to_js(&BuildError::UnknownOperation(
                "(not a string)".into(),
            )));
        };
        let opts = request_options(&options, false)?;
        let ctx = call_context(inner, &opts, needs_today(&name), needs_random(&name));
        let built = api::build_request_checked(&name, &to_value(&params), &ctx)
            .map_err(|e| build_error_to_js(&e))?;
        if !built.warnings.is_empty() {
            call_hook(inner, &inner.on_warning, || {
                let obj = Object::new();
                set(&obj, "operation", &JsValue::from_str(&name));
                set(&obj, "warnings", &warnings_to_js(&built.warnings));
                obj.into()
            });
        }
        let requires_auth = api::describe(&name).is_none_or(|d| d.requires_auth);
        let settings = inner.settings(name.clone(), &opts);
        start(
            inner,
            built.request,
            requires_auth,
            settings,
            Kind::Operation(name),
        )
    }

    /// Begins `requestRaw(method, path, options?)`, the escape hatch (see `crate::client::raw`).
    #[wasm_bindgen(js_name = beginRaw)]
    pub fn begin_raw(
        &self,
        method: JsValue,
        path: JsValue,
        options: JsValue,
    ) -> Result<String, JsValue> {
        let inner = &self.inner;
        let opts = request_options(&options, true)?;
        let ctx = call_context(inner, &opts, false, true);
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
        let settings = inner.settings(label.chars().take(200).collect(), &opts);
        start(inner, req, true, settings, Kind::Raw)
    }

    /// The attempt of call `id` brought a response back: `kind` 0 a response whose `body` was read
    /// whole, 1 a redirect (not followed, body unread), 2 a body over the cap (stopped there).
    /// `headers`: the wanted headers as `name\nvalue\n…` text, or the response's `headers`
    /// object (a `Headers`, a plain object, `[name, value]` pairs). Returns the next action.
    pub fn received(
        &self,
        id: u32,
        status: f64,
        kind: u32,
        headers: JsValue,
        body: String,
    ) -> Result<String, JsValue> {
        let inner = &self.inner;
        let call = inner.calls.take(id)?;
        let status = if (0.0..=999.0).contains(&status) {
            status as u16
        } else {
            0
        };
        let headers = match headers.as_string() {
            Some(text) => header_pairs(&text),
            None => {
                let mut names = response_header_names();
                names.push("content-length");
                read_headers(&headers, &names)
            }
        };
        let r = match kind {
            1 => Received::Redirected { status, headers },
            2 => Received::TooLarge { status, headers },
            _ => Received::Response(HttpResponse {
                status,
                headers,
                body,
            }),
        };
        response_hook(inner, &call, Ok(&r));
        advance(inner, id, call, Event::Received(r))
    }

    /// [`OmsClient::received`] for a response whose body was read whole as bytes (`kind` 0), when
    /// they are UTF-8 without a leading byte order mark — then they are the text `TextDecoder`
    /// would give, taken without a copy, and the transport saves a decode into a JS string and
    /// the encode back into wasm memory. Otherwise `undefined`, and nothing happened: the
    /// transport decodes them (replacing invalid UTF-8, removing the BOM) and calls `received`.
    #[wasm_bindgen(js_name = receivedBytes)]
    pub fn received_bytes(
        &self,
        id: u32,
        status: f64,
        headers: JsValue,
        body: Vec<u8>,
    ) -> Result<Option<String>, JsValue> {
        match String::from_utf8(body) {
            Ok(text) if !text.starts_with('\u{FEFF}') => {
                self.received(id, status, 0, headers, text).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// The attempt of call `id` failed without a response: `failure` 0 timeout, 1 network
    /// (`error`: what `fetch` or the body read threw), 2 aborted by the caller's signal.
    pub fn failed(&self, id: u32, failure: u32, error: JsValue) -> Result<String, JsValue> {
        let inner = &self.inner;
        let call = inner.calls.take(id)?;
        let failure = match failure {
            0 => Failure::Timeout,
            2 => Failure::Aborted,
            _ => Failure::Network,
        };
        let detail = (failure == Failure::Network)
            .then(|| describe_rejection(&error))
            .flatten();
        response_hook(inner, &call, Err(failure));
        advance(inner, id, call, Event::Failed { failure, detail })
    }

    /// The sleep of call `id` is over.
    pub fn woke(&self, id: u32) -> Result<String, JsValue> {
        let call = self.inner.calls.take(id)?;
        advance(&self.inner, id, call, Event::Woke)
    }

    /// The caller's signal aborted call `id` (before an attempt or during a sleep): throws its
    /// `OmsConnectionError` (`aborted`).
    pub fn aborted(&self, id: u32) -> Result<String, JsValue> {
        let call = self.inner.calls.take(id)?;
        advance(&self.inner, id, call, Event::Aborted)
    }

    /// Gets call `id` a token (the cache, the provider, the store, or one exchange shared by
    /// every caller) and resolves to its next action.
    pub fn token(&self, id: u32) -> Promise {
        let inner = self.inner.clone();
        future_to_promise(async move {
            let i2 = inner.clone();
            let fetch = move || async move { fetch_token(&i2).await };
            let got = inner.tokens.token(&inner.opts, fetch).await;
            let call = inner.calls.take(id)?;
            let (access_token, generation) = got?;
            advance(
                &inner,
                id,
                call,
                Event::Token {
                    access_token,
                    generation,
                },
            )
            .map(JsValue::from)
        })
    }

    /// Forgets call `id` (the transport's `finally`; nothing happens for a call already done). A
    /// finished exchange's token stays until [`fetch_token`] takes it.
    pub fn release(&self, id: u32) {
        self.inner.calls.release(id);
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
            "customFetch": i.fetch_this.is_undefined(),
            "hasToken": has_token,
            "tokenExpiresAt": expires_at,
            "tokenExchanges": i.tokens.exchanges.get(),
        });
        parse_json(&facts.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// one call

/// Reads a call's options: the core's checks, plus the `signal`'s shape (an `AbortSignal`: the
/// transport uses it when it has this shape, and it is refused otherwise).
fn request_options(options: &JsValue, raw: bool) -> Result<RequestOptions, JsValue> {
    // no options (the common call): no property reads (each a crossing; on `undefined` a caught
    // TypeError)
    if options.is_undefined() {
        return RequestOptions::read(&Value::Undefined, raw, false).map_err(invalid);
    }
    let signal = get(options, "signal");
    let ok = get(&signal, "aborted").as_bool().is_some()
        && function(get(&signal, "addEventListener")).is_some();
    RequestOptions::read(&to_value(options), raw, ok).map_err(invalid)
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

/// Starts the core's call machine for `req` and returns the first action.
fn start(
    inner: &Rc<Inner>,
    req: HttpRequest,
    requires_auth: bool,
    settings: Settings,
    kind: Kind,
) -> Result<String, JsValue> {
    let id = inner.calls.id();
    let call = Call {
        machine: CallMachine::new(req, settings.policy, requires_auth),
        settings,
        kind,
        started_ms: 0.0,
    };
    advance(inner, id, call, Event::Start)
}

/// One event into the call's machine, with the time (read once per [`advance`]: one crossing
/// instead of one per step) and the backoff's random number.
fn step(inner: &Inner, call: &mut Call, event: Event, now: f64) -> Action {
    call.machine.step(event, now as i64, inner.jitter())
}

/// Steps the call with `event`, performs what needs no I/O (a token the cache holds), and turns
/// the machine's next action into the transport's action text; the call is kept in flight unless
/// it is done.
fn advance(inner: &Rc<Inner>, id: u32, mut call: Call, event: Event) -> Result<String, JsValue> {
    let now = now_ms();
    let mut a = step(inner, &mut call, event, now);
    loop {
        match a {
            Action::NeedToken { rejected } => {
                if let (Some(r), Ok(mut t)) = (&rejected, inner.tokens.state.try_borrow_mut()) {
                    t.reject(r);
                }
                match inner.tokens.cached_at(now as i64) {
                    Some((access_token, generation)) => {
                        a = step(
                            inner,
                            &mut call,
                            Event::Token {
                                access_token,
                                generation,
                            },
                            now,
                        );
                    }
                    None => {
                        inner.calls.put(id, call);
                        return Ok(action('T', id, None));
                    }
                }
            }
            Action::Send { request, attempt } => {
                let op = &call.settings.operation;
                call_hook(inner, &inner.on_request, || {
                    payload(hooks::request_info(op, &request, attempt))
                });
                // the attempt's clock starts after the `onRequest` hook (its time is not the
                // request's); without a hook, the advance's one reading serves
                call.started_ms = if inner.on_request.is_some() {
                    now_ms()
                } else {
                    now
                };
                let text = send_text(id, call.settings.timeout_ms, &request);
                inner.calls.put(id, call);
                return Ok(text);
            }
            Action::Sleep { ms } => {
                inner.calls.put(id, call);
                return Ok(action('W', id, Some(i64::from(ms))));
            }
            Action::Done(r) => return finish(inner, id, call, r),
        }
    }
}

/// The start of every action text, `<kind><id>`, in a string of `capacity` bytes (no `format!`:
/// see [`crate::text`]).
fn action_head(kind: char, id: u32, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    out.push(kind);
    text::push_int(&mut out, i64::from(id));
    out
}

/// A short action: `T<id>`, `D<id>` or `W<id> <ms>`.
fn action(kind: char, id: u32, arg: Option<i64>) -> String {
    let mut out = action_head(kind, id, 24);
    if let Some(n) = arg {
        out.push(' ');
        text::push_int(&mut out, n);
    }
    out
}

/// `S<id> <timeoutMs> <headerCount> <hasBody>`, the method, the URL, each header's name and
/// value, one per line, then the body. (Neither a URL nor a header holds a line break: the
/// core builds them from checked parts.)
fn send_text(id: u32, timeout_ms: u32, r: &HttpRequest) -> String {
    let body = r.body.as_deref();
    let mut out = action_head(
        'S',
        id,
        64 + r.url.len()
            + r.headers
                .iter()
                .map(|(k, v)| k.len() + v.len() + 2)
                .sum::<usize>()
            + body.map_or(0, str::len),
    );
    out.push(' ');
    text::push_int(&mut out, i64::from(timeout_ms));
    out.push(' ');
    text::push_int(&mut out, r.headers.len() as i64);
    out.push_str(if body.is_some() { " 1\n" } else { " 0\n" });
    out.push_str(r.method.as_str());
    out.push('\n');
    out.push_str(&r.url);
    out.push('\n');
    for (k, v) in &r.headers {
        out.push_str(k);
        out.push('\n');
        out.push_str(v);
        out.push('\n');
    }
    if let Some(b) = body {
        out.push_str(b);
    }
    out
}

/// `name\nvalue\n…` as pairs (names lowercased; a trailing odd name is ignored).
fn header_pairs(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = text.split('\n');
    while let (Some(k), Some(v)) = (lines.next(), lines.next()) {
        if !k.is_empty() {
            out.push((k.to_ascii_lowercase(), v.to_owned()));
        }
    }
    out
}

/// The end of a call: the typed value as JSON text, a token exchange's token kept for
/// [`fetch_token`], or the error.
fn finish(
    inner: &Inner,
    id: u32,
    call: Call,
    r: Result<(HttpResponse, i64), CallError>,
) -> Result<String, JsValue> {
    let (resp, sent_at) = match r {
        Ok(x) => x,
        Err(CallError::Api(e)) => return Err(api_error(inner, e, call.machine.request())),
        Err(e) => {
            return Err(connection_error(
                inner,
                &e,
                call.machine.request(),
                &call.settings,
            ))
        }
    };
    let parsed = match &call.kind {
        Kind::Token => {
            let t = auth::read_token(&resp, sent_at)
                .map_err(|e| api_error(inner, e, call.machine.request()))?;
            if let Ok(mut done) = inner.calls.tokens.try_borrow_mut() {
                done.push((id, t));
            }
            return Ok(action('D', id, None));
        }
        Kind::Operation(name) => {
            api::parse_response_text(name, resp.status, &resp.headers, &resp.body).map_err(
                |mut e| {
                    // The core has no clock: an HTTP-date Retry-After without a Date header is measured here.
                    if e.retry_after_seconds.is_none() {
                        let now = (now_ms() / 1000.0) as u64;
                        e.retry_after_seconds =
                            crate::http::retry_after_seconds(&resp.headers, Some(now));
                    }
                    e
                },
            )
        }
        Kind::Raw => raw::parse_raw(resp.status, &resp.headers, &resp.body).map(|v| {
            let mut text = String::new();
            crate::model::wire::json_value(&mut text, &v);
            text
        }),
    };
    match parsed {
        Ok(text) => {
            let mut out = action_head('D', id, text.len() + 12);
            out.push('\n');
            out.push_str(&text);
            Ok(out)
        }
        Err(e) => Err(api_error(inner, e, call.machine.request())),
    }
}

// ---------------------------------------------------------------------------------------------
// tokens

/// One `auth.token` exchange with the client's retry policy (counted in `tokenExchanges`),
/// performed by the transport's `drive`.
async fn fetch_token(inner: &Rc<Inner>) -> Result<CachedToken, JsValue> {
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
    let s = inner.settings("auth.token".into(), &RequestOptions::default());
    let first = start(inner, req, false, s, Kind::Token)?;
    let id = first
        .get(1..)
        .and_then(|t| t.split([' ', '\n']).next())
        .and_then(|t| t.parse::<u32>().ok())
        .ok_or_else(|| internal("internal error in the token exchange"))?;
    let p = inner.drive.call2(
        &JsValue::UNDEFINED,
        &JsValue::from(id),
        &JsValue::from_str(&first),
    );
    let outcome = match p {
        Ok(p) => JsFuture::from(Promise::resolve(&p)).await.map(|_| ()),
        Err(e) => Err(e),
    };
    let token = inner.calls.tokens.try_borrow_mut().ok().and_then(|mut t| {
        let at = t.iter().position(|(i, _)| *i == id)?;
        Some(t.swap_remove(at).1)
    });
    inner.calls.release(id);
    outcome?;
    token.ok_or_else(|| internal("internal error in the token exchange"))
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

/// `onResponse` for the attempt of `call` that just ended (payloads built by
/// [`crate::client::hooks`]).
fn response_hook(inner: &Inner, call: &Call, outcome: Result<&Received, Failure>) {
    call_hook(inner, &inner.on_response, || {
        let elapsed = now_ms() - call.started_ms;
        let (op, req, attempt) = (
            &call.settings.operation,
            call.machine.request(),
            call.machine.attempts(),
        );
        payload(inner.with_secrets(|k| hooks::response_info(op, req, attempt, elapsed, outcome, k)))
    });
}

/// Calls `hook` (when set) with the object `info()` builds; nothing is built without a hook. A
/// hook that throws, or returns a promise that rejects, never affects the call.
fn call_hook(inner: &Inner, hook: &Option<Function>, info: impl FnOnce() -> JsValue) {
    if let Some(Ok(ret)) = hook.as_ref().map(|f| f.call1(&JsValue::UNDEFINED, &info())) {
        ignore_outcome(&ret, inner.noop.as_ref());
    }
}

/// A hook payload from the core (a JSON object) as a JS object.
fn payload(m: serde_json::Map<String, serde_json::Value>) -> JsValue {
    parse_json(&serde_json::Value::Object(m).to_string())
}

/// A short, value-free description of a fetch rejection (`TypeError: fetch failed (ECONNREFUSED)`).
fn describe_rejection(e: &JsValue) -> Option<String> {
    let clean = |s: String| -> String { s.chars().filter(|c| !c.is_control()).take(200).collect() };
    if let Some(s) = e.as_string() {
        return Some(clean(s));
    }
    let code = get(&get(e, "cause"), "code")
        .as_string()
        .or_else(|| get(e, "code").as_string());
    let s = match (get(e, "name").as_string(), get(e, "message").as_string()) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        (None, Some(m)) => m,
        (Some(n), None) => n,
        _ => return None,
    };
    Some(clean(match code {
        Some(c) => format!("{s} ({c})"),
        None => s,
    }))
}

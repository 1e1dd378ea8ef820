//! `OmsClient`: the fetch transport. It drives the pure core (`crate::api` builds and parses,
//! `crate::client` decides about tokens and retries) and does only the I/O: `fetch`, timers,
//! `AbortController`, `crypto.getRandomValues`, the caller's hooks and `tokenStore`.
//!
//! The JS class users see is `OmsClient` in `pkg-template/client.mjs` (resource namespaces,
//! list iterators); it wraps this one (exported as `OmsClientCore`, not part of the typed API).
//! The TypeScript declarations are in `pkg-template/client.d.ts`.
//!
//! # Decisions
//!
//! * `fetch` is called through `js_sys` (not gloo-net): gloo-net can only call the global
//!   `fetch`, and callers may pass their own (`options.fetch`: a test double, an undici agent,
//!   a service binding's `fetch`). The global one is called with `this = globalThis` (workerd
//!   throws "Illegal invocation" otherwise).
//! * Timeouts and caller aborts race the fetch (and the body read) against a deadline promise,
//!   and abort an `AbortController` whose signal is passed to `fetch`, so a `fetch` that ignores
//!   its signal still cannot hold a call past its timeout.
//! * Single flight: the token exchange is one JS `Promise` shared by every caller that needs a
//!   token while it runs.
//! * Never panics: no `unwrap`, no indexing, `RefCell`s are borrowed only between JS calls (a
//!   hook or a `tokenStore` may re-enter the client).

use super::api::{
    api_error_to_js, build_error_to_js, needs_random, needs_today, random_bytes,
    response_header_names, warnings_to_js, MAX_BODY_UNITS,
};
use super::convert::{local_today, read_headers, set, string_of, to_value};
use super::errors::make_error;
use super::messages::parse_json;
use crate::api::{self, context_from_options, RequestContext};
use crate::client::auth::{self, StoreExpiry, TokenCache};
use crate::client::raw;
use crate::client::retry::{Decision, Outcome, RetryPolicy, MAX_RETRIES};
use crate::client::{DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS};
use crate::error::{ApiError, BuildError};
use crate::http::{find_header, HttpRequest, HttpResponse, Method};
use crate::secret::Sensitive;
use crate::validate::{Issue, IssueCode, PathSeg, Value};
use js_sys::{Array, Function, Object, Promise, Reflect};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Constructor option keys.
const OPTION_KEYS: &[&str] = &[
    "apiKey",
    "apiSecret",
    "environment",
    "apiVersion",
    "baseUrl",
    "fetch",
    "maxRetries",
    "timeoutMs",
    "onRequest",
    "onResponse",
    "tokenStore",
    "dangerouslyAllowBrowser",
    "cashRefNames",
    "requireFiatFields",
    "onWarning",
];

/// Per-request option keys (`request`), plus `query` and `body` for `requestRaw`.
const REQUEST_OPTION_KEYS: &[&str] = &["idempotencyKey", "signal", "timeoutMs", "maxRetries"];
const RAW_OPTION_KEYS: &[&str] = &[
    "idempotencyKey",
    "signal",
    "timeoutMs",
    "maxRetries",
    "query",
    "body",
];

const BROWSER_REFUSAL: &str = "OmsClient refuses to run in a browser page: its apiSecret (and the \
    access tokens it obtains) would be readable by anyone who can open the page — devtools, page \
    source, browser extensions — and whoever holds them can create customers and move money as \
    you. Call OMS from a server or an edge function that keeps the credentials (a Cloudflare \
    Worker, a Node.js route), and have the page talk to that; in the browser, use the validators \
    (validateCustomer, ...), which need no credentials. If this really is what you want (a local \
    demo against the emulator, an internal tool with throwaway sandbox keys), pass \
    dangerouslyAllowBrowser: true.";

// ---------------------------------------------------------------------------------------------
// small JS helpers (all fallible calls caught)

fn get(target: &JsValue, key: &str) -> JsValue {
    if !target.is_object() && !target.is_function() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn function(v: JsValue) -> Option<Function> {
    v.dyn_into::<Function>().ok()
}

fn global_fn(name: &str) -> Option<Function> {
    function(get(&js_sys::global(), name))
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn set_timeout(f: &Function, ms: u32, arg: Option<&JsValue>) -> JsValue {
    let Some(st) = global_fn("setTimeout") else {
        return JsValue::UNDEFINED;
    };
    let args = Array::of2(f, &JsValue::from(ms));
    if let Some(a) = arg {
        args.push(a);
    }
    Reflect::apply(&st, &js_sys::global(), &args).unwrap_or(JsValue::UNDEFINED)
}

fn clear_timeout(id: &JsValue) {
    if id.is_undefined() {
        return;
    }
    if let Some(ct) = global_fn("clearTimeout") {
        let _ = ct.call1(&js_sys::global(), id);
    }
}

fn add_listener(target: &JsValue, event: &str, f: &Function) {
    if let Some(add) = function(get(target, "addEventListener")) {
        let _ = add.call2(target, &JsValue::from_str(event), f);
    }
}

fn remove_listener(target: &JsValue, event: &str, f: &Function) {
    if let Some(rm) = function(get(target, "removeEventListener")) {
        let _ = rm.call2(target, &JsValue::from_str(event), f);
    }
}

fn is_aborted(signal: &Option<JsValue>) -> bool {
    signal
        .as_ref()
        .is_some_and(|s| get(s, "aborted").as_bool() == Some(true))
}

/// A promise and its reject function (`new Promise((_, reject) => ...)`).
fn deferred() -> (Promise, Option<Function>, Option<Function>) {
    let mut res = None;
    let mut rej = None;
    let p = Promise::new(&mut |resolve, reject| {
        res = Some(resolve);
        rej = Some(reject);
    });
    (p, res, rej)
}

fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

/// `typeof window !== 'undefined' && typeof document !== 'undefined'` (a page, not a worker).
fn in_browser_page() -> bool {
    let g = js_sys::global();
    !get(&g, "window").is_undefined() && !get(&g, "document").is_undefined()
}

fn option_issue(path: &[&str], code: IssueCode, message: String) -> Issue {
    Issue::new(
        code,
        path.iter().map(|k| PathSeg::Key((*k).to_owned())).collect(),
        message,
    )
}

fn invalid(issues: Vec<Issue>) -> JsValue {
    build_error_to_js(&BuildError::InvalidParams(issues))
}

/// Reads the own enumerable keys of a plain options object (anything else: no keys).
fn keys_of(v: &JsValue) -> Vec<String> {
    match v.dyn_ref::<Object>() {
        Some(o) if !v.is_function() => Object::keys(o)
            .iter()
            .filter_map(|k| k.as_string())
            .collect(),
        _ => Vec::new(),
    }
}

fn unknown_keys(v: &JsValue, allowed: &[&str], at: &str, issues: &mut Vec<Issue>) {
    for k in keys_of(v) {
        if !allowed.contains(&k.as_str()) {
            let hint = match k.as_str() {
                "apikey" | "key" | "api_key" => " Did you mean apiKey?",
                "apisecret" | "secret" | "api_secret" => " Did you mean apiSecret?",
                "timeout" => " Did you mean timeoutMs?",
                "retries" | "maxRetry" => " Did you mean maxRetries?",
                "baseURL" | "url" => " Did you mean baseUrl?",
                "idempotency_key" | "idempotency" => " Did you mean idempotencyKey?",
                _ => "",
            };
            let name: String = k.chars().filter(|c| !c.is_control()).take(64).collect();
            issues.push(option_issue(
                &[at, &name],
                IssueCode::InvalidOption,
                format!(
                    "Unknown option.{hint} Allowed options: {}.",
                    allowed.join(", ")
                ),
            ));
        }
    }
}

fn whole_number(
    v: &JsValue,
    key: &str,
    at: &str,
    min: u32,
    max: u32,
    issues: &mut Vec<Issue>,
) -> Option<u32> {
    if v.is_undefined() || v.is_null() {
        return None;
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => Some(n as u32),
        _ => {
            issues.push(option_issue(
                &[at, key],
                IssueCode::InvalidOption,
                format!("{at}.{key} must be a whole number from {min} to {max}."),
            ));
            None
        }
    }
}

fn optional_function(
    v: &JsValue,
    key: &str,
    at: &str,
    issues: &mut Vec<Issue>,
) -> Option<Function> {
    if v.is_undefined() || v.is_null() {
        return None;
    }
    match v.clone().dyn_into::<Function>() {
        Ok(f) => Some(f),
        Err(_) => {
            issues.push(option_issue(
                &[at, key],
                IssueCode::InvalidOption,
                format!("{at}.{key} must be a function."),
            ));
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// the client

/// How a single attempt failed to produce a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fail {
    Timeout,
    Network,
    Aborted,
}

impl Fail {
    fn code(self) -> &'static str {
        match self {
            Fail::Timeout => "timeout",
            Fail::Network => "network",
            Fail::Aborted => "aborted",
        }
    }
}

/// Per-call settings.
struct Call {
    operation: String,
    signal: Option<JsValue>,
    timeout_ms: u32,
    policy: RetryPolicy,
    requires_auth: bool,
    replay_safe: bool,
}

struct Inner {
    api_key: String,
    api_secret: Sensitive<String>,
    /// Base URL, cash reference names (no token, no key, no random bytes).
    ctx: RequestContext,
    fetch: Function,
    fetch_this: JsValue,
    policy: RetryPolicy,
    timeout_ms: u32,
    on_request: Option<Function>,
    on_response: Option<Function>,
    /// Called with `{ operation, warnings }` when a call's params raise warnings (provisioning
    /// readiness); the call is sent regardless.
    on_warning: Option<Function>,
    token_store: Option<JsValue>,
    cache: RefCell<TokenCache>,
    /// The token that last got a 401 (never reused from a `tokenStore`).
    rejected: RefCell<Option<Sensitive<String>>>,
    inflight: RefCell<Option<Promise>>,
    exchanges: Cell<u32>,
    /// `() => {}` for `.then(undefined, noop)` on promises whose outcome is ignored (a hook's).
    noop: Closure<dyn FnMut(JsValue)>,
}

impl fmt::Debug for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OmsClient")
            .field("base_url", &self.ctx.base_url.as_str())
            .field("api_key", &"[redacted]")
            .field("api_secret", &self.api_secret)
            .field("max_retries", &self.policy.max_retries)
            .field("timeout_ms", &self.timeout_ms)
            .finish_non_exhaustive()
    }
}

/// The fetch client (wrapped by the package's `OmsClient` class). `Debug` prints no secret.
#[wasm_bindgen(js_name = OmsClientCore, skip_typescript)]
pub struct OmsClient {
    inner: Rc<Inner>,
}

impl fmt::Debug for OmsClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

#[wasm_bindgen(js_class = OmsClientCore)]
impl OmsClient {
    /// `new OmsClientCore(options)`: see `pkg-template/client.d.ts` for the options. Throws
    /// `OmsValidationError` (`invalid_params`, with `issues`) for bad options and `OmsError`
    /// `browser_not_allowed` / `fetch_unavailable`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<OmsClient, JsValue> {
        const AT: &str = "options";
        let mut issues = Vec::new();
        if !options.is_object() || options.is_function() {
            issues.push(option_issue(
                &[AT],
                IssueCode::InvalidOption,
                "new OmsClient(options) needs an options object with apiKey and apiSecret.".into(),
            ));
            return Err(invalid(issues));
        }
        unknown_keys(&options, OPTION_KEYS, AT, &mut issues);
        let string = |key: &str, max: usize, issues: &mut Vec<Issue>| -> Option<String> {
            match string_of(&get(&options, key)) {
                Value::String(s)
                    if !s.is_empty() && s.len() <= max && !s.chars().any(char::is_control) =>
                {
                    Some(s)
                }
                Value::Undefined if get(&options, key).is_undefined() => {
                    issues.push(option_issue(
                        &[AT, key],
                        IssueCode::Required,
                        format!("options.{key} is required."),
                    ));
                    None
                }
                _ => {
                    issues.push(option_issue(
                        &[AT, key],
                        IssueCode::InvalidOption,
                        format!("options.{key} must be a non-empty string of at most {max} characters without control characters."),
                    ));
                    None
                }
            }
        };
        let api_key = string("apiKey", 256, &mut issues);
        let api_secret = string("apiSecret", 1024, &mut issues);

        // environment / apiVersion / baseUrl / cashRefNames / requireFiatFields: the request
        // layer's own option reader.
        let mut ctx_entries = Vec::new();
        for k in [
            "environment",
            "apiVersion",
            "baseUrl",
            "cashRefNames",
            "requireFiatFields",
        ] {
            let v = get(&options, k);
            if !v.is_undefined() {
                ctx_entries.push((k.to_owned(), to_value(&v)));
            }
        }
        let ctx = match context_from_options(&Value::Object(ctx_entries), local_today(), None) {
            Ok(c) => Some(c),
            Err(BuildError::InvalidParams(more)) => {
                issues.extend(more);
                None
            }
            Err(e) => {
                issues.push(option_issue(
                    &[AT, "baseUrl"],
                    IssueCode::InvalidOption,
                    format!("{e}."),
                ));
                None
            }
        };

        let max_retries = whole_number(
            &get(&options, "maxRetries"),
            "maxRetries",
            AT,
            0,
            MAX_RETRIES,
            &mut issues,
        );
        let timeout_ms = whole_number(
            &get(&options, "timeoutMs"),
            "timeoutMs",
            AT,
            1,
            MAX_TIMEOUT_MS,
            &mut issues,
        );
        let custom_fetch = optional_function(&get(&options, "fetch"), "fetch", AT, &mut issues);
        let on_request =
            optional_function(&get(&options, "onRequest"), "onRequest", AT, &mut issues);
        let on_response =
            optional_function(&get(&options, "onResponse"), "onResponse", AT, &mut issues);
        let on_warning =
            optional_function(&get(&options, "onWarning"), "onWarning", AT, &mut issues);
        let store = get(&options, "tokenStore");
        let token_store = if store.is_undefined() || store.is_null() {
            None
        } else if function(get(&store, "get")).is_some() && function(get(&store, "set")).is_some() {
            Some(store)
        } else {
            issues.push(option_issue(
                &[AT, "tokenStore"],
                IssueCode::InvalidOption,
                "options.tokenStore must be an object with get() and set(token) methods.".into(),
            ));
            None
        };
        let allow_browser = get(&options, "dangerouslyAllowBrowser");
        if !allow_browser.is_undefined() && allow_browser.as_bool().is_none() {
            issues.push(option_issue(
                &[AT, "dangerouslyAllowBrowser"],
                IssueCode::InvalidOption,
                "options.dangerouslyAllowBrowser must be a boolean.".into(),
            ));
        }
        if in_browser_page() && allow_browser.as_bool() != Some(true) {
            return Err(make_error(
                "OmsError",
                "browser_not_allowed",
                BROWSER_REFUSAL,
                &[],
            ));
        }
        let (Some(api_key), Some(api_secret), Some(ctx), true) =
            (api_key, api_secret, ctx, issues.is_empty())
        else {
            return Err(invalid(issues));
        };

        let (fetch, fetch_this) = match custom_fetch {
            Some(f) => (f, JsValue::UNDEFINED),
            None => match global_fn("fetch") {
                Some(f) => (f, js_sys::global().into()),
                None => {
                    return Err(make_error(
                        "OmsError",
                        "fetch_unavailable",
                        "There is no global fetch in this runtime (Node.js 18+, Deno, Workers and browsers have one): pass options.fetch.",
                        &[],
                    ))
                }
            },
        };
        let policy = RetryPolicy::default()
            .with_max_retries(max_retries.unwrap_or(crate::client::retry::DEFAULT_MAX_RETRIES));
        Ok(OmsClient {
            inner: Rc::new(Inner {
                api_key,
                api_secret: Sensitive::new(api_secret),
                ctx,
                fetch,
                fetch_this,
                policy,
                timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
                on_request,
                on_response,
                on_warning,
                token_store,
                cache: RefCell::new(TokenCache::new()),
                rejected: RefCell::new(None),
                inflight: RefCell::new(None),
                exchanges: Cell::new(0),
                noop: Closure::new(|_: JsValue| {}),
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
        let (has_token, expires_at) = match i.cache.try_borrow() {
            Ok(c) => (c.has_token(), c.expires_at_ms()),
            Err(_) => (false, None),
        };
        let mut m = serde_json::Map::new();
        m.insert("client".into(), "oms-wasm".into());
        m.insert("baseUrl".into(), i.ctx.base_url.as_str().into());
        m.insert("apiKey".into(), mask_key(&i.api_key).into());
        m.insert("maxRetries".into(), i.policy.max_retries.into());
        m.insert("timeoutMs".into(), i.timeout_ms.into());
        m.insert("tokenStore".into(), i.token_store.is_some().into());
        m.insert("customFetch".into(), i.fetch_this.is_undefined().into());
        m.insert("hasToken".into(), has_token.into());
        m.insert(
            "tokenExpiresAt".into(),
            expires_at
                .map(serde_json::Value::from)
                .unwrap_or(serde_json::Value::Null),
        );
        m.insert("tokenExchanges".into(), i.exchanges.get().into());
        parse_json(&serde_json::Value::Object(m).to_string())
    }
}

/// `sk_sdbx_…`: the key's type prefix only.
fn mask_key(key: &str) -> String {
    let mut parts = key.splitn(3, '_');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), Some(_)) if a.len() <= 4 && b.len() <= 8 => format!("{a}_{b}_…"),
        _ => "…".to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// request options

struct RequestOptions {
    idempotency_key: Option<String>,
    signal: Option<JsValue>,
    timeout_ms: Option<u32>,
    max_retries: Option<u32>,
    query: Value,
    body: Value,
}

fn read_request_options(options: &JsValue, raw: bool) -> Result<RequestOptions, JsValue> {
    const AT: &str = "options";
    let mut issues = Vec::new();
    let mut out = RequestOptions {
        idempotency_key: None,
        signal: None,
        timeout_ms: None,
        max_retries: None,
        query: Value::Undefined,
        body: Value::Undefined,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() || options.is_function() {
        return Err(invalid(vec![option_issue(
            &[AT],
            IssueCode::InvalidOption,
            "The request options must be an object.".into(),
        )]));
    }
    unknown_keys(
        options,
        if raw {
            RAW_OPTION_KEYS
        } else {
            REQUEST_OPTION_KEYS
        },
        AT,
        &mut issues,
    );
    let key = get(options, "idempotencyKey");
    if !key.is_undefined() && !key.is_null() {
        match string_of(&key) {
            Value::String(s) => out.idempotency_key = Some(s),
            _ => issues.push(option_issue(
                &[AT, "idempotencyKey"],
                IssueCode::InvalidOption,
                "options.idempotencyKey must be a string (1 to 255 printable ASCII characters)."
                    .into(),
            )),
        }
    }
    let signal = get(options, "signal");
    if !signal.is_undefined() && !signal.is_null() {
        if get(&signal, "aborted").as_bool().is_some()
            && function(get(&signal, "addEventListener")).is_some()
        {
            out.signal = Some(signal);
        } else {
            issues.push(option_issue(
                &[AT, "signal"],
                IssueCode::InvalidOption,
                "options.signal must be an AbortSignal.".into(),
            ));
        }
    }
    out.timeout_ms = whole_number(
        &get(options, "timeoutMs"),
        "timeoutMs",
        AT,
        1,
        MAX_TIMEOUT_MS,
        &mut issues,
    );
    out.max_retries = whole_number(
        &get(options, "maxRetries"),
        "maxRetries",
        AT,
        0,
        MAX_RETRIES,
        &mut issues,
    );
    if raw {
        out.query = to_value(&get(options, "query"));
        out.body = to_value(&get(options, "body"));
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(invalid(issues))
    }
}

/// The context of one call. `today`: read the clock (customer params check birth dates);
/// `random`: draw random bytes for a generated idempotency key (when the caller gave none).
fn call_context(inner: &Inner, opts: &RequestOptions, today: bool, random: bool) -> RequestContext {
    let mut ctx = inner.ctx.clone();
    if today {
        ctx.today = local_today();
    }
    // A placeholder: the real token is set on each attempt (so invalid params fail before any
    // token exchange).
    ctx.access_token = Some(Sensitive::new("pending".to_owned()));
    ctx.idempotency_key = opts.idempotency_key.clone();
    if random && opts.idempotency_key.is_none() {
        ctx.random_bytes = Some(random_bytes());
    }
    ctx
}

fn make_call(
    inner: &Inner,
    operation: String,
    req: &HttpRequest,
    requires_auth: bool,
    opts: RequestOptions,
) -> Call {
    Call {
        operation,
        replay_safe: matches!(req.method, Method::Get | Method::Delete)
            || req.header("idempotency-key").is_some(),
        signal: opts.signal,
        timeout_ms: opts.timeout_ms.unwrap_or(inner.timeout_ms),
        policy: match opts.max_retries {
            Some(n) => inner.policy.with_max_retries(n),
            None => inner.policy,
        },
        requires_auth,
    }
}

async fn run_operation(
    inner: Rc<Inner>,
    operation: JsValue,
    params: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let name = match string_of(&operation) {
        Value::String(s) => s,
        _ => {
            return Err(build_error_to_js(&BuildError::UnknownOperation(
                "(not a string)".into(),
            )))
        }
    };
    let opts = read_request_options(&options, false)?;
    let ctx = call_context(&inner, &opts, needs_today(&name), needs_random(&name));
    let built = api::build_request_checked(&name, &to_value(&params), &ctx)
        .map_err(|e| build_error_to_js(&e))?;
    let req = built.request;
    if !built.warnings.is_empty() {
        warn(&inner, &name, &built.warnings);
    }
    let requires_auth = api::describe(&name).is_none_or(|d| d.requires_auth);
    let call = make_call(&inner, name.clone(), &req, requires_auth, opts);
    let (resp, _) = send(&inner, req.clone(), &call).await?;
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
    let opts = read_request_options(&options, true)?;
    let ctx = call_context(&inner, &opts, false, true);
    let req = raw::build_raw(
        &to_value(&method),
        &to_value(&path),
        &opts.query,
        &opts.body,
        &ctx,
    )
    .map_err(|e| build_error_to_js(&e))?;
    let label = format!(
        "{} {}",
        req.method,
        path.as_string()
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect::<String>()
    );
    let call = make_call(
        &inner,
        label,
        &req,
        true,
        RequestOptions {
            query: Value::Undefined,
            body: Value::Undefined,
            ..opts
        },
    );
    let (resp, _) = send(&inner, req.clone(), &call).await?;
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
    match r {
        Ok(v) => Ok(parse_json(&v.to_string())),
        Err(e) => Err(api_error(inner, e, req)),
    }
}

// ---------------------------------------------------------------------------------------------
// errors

/// Replaces the secret and any token this client holds with `[redacted]`.
fn scrub(inner: &Inner, text: &str) -> String {
    let mut out = text.to_owned();
    let mut secrets: Vec<String> = vec![inner.api_secret.expose().clone()];
    if let Ok(r) = inner.rejected.try_borrow() {
        if let Some(t) = r.as_ref() {
            secrets.push(t.expose().clone());
        }
    }
    if let Ok(c) = inner.cache.try_borrow() {
        if let Some((t, _)) = c.current(i64::MIN) {
            secrets.push(t.access_token.expose().clone());
        }
    }
    for s in secrets {
        if s.len() >= 4 && out.contains(s.as_str()) {
            out = out.replace(s.as_str(), "[redacted]");
        }
    }
    out
}

fn api_error(inner: &Inner, mut e: ApiError, req: &HttpRequest) -> JsValue {
    e.message = scrub(inner, &e.message);
    e.body = scrub(inner, &e.body);
    let err = api_error_to_js(&e);
    if let (Some(o), Some(k)) = (err.dyn_ref::<Object>(), req.header("idempotency-key")) {
        set(o, "idempotencyKey", &JsValue::from_str(k));
    }
    err
}

fn path_of(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    let rest = url.get(after_scheme..).unwrap_or("");
    let path = rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/");
    path.split('?').next().unwrap_or(path)
}

fn connection_error(
    inner: &Inner,
    fail: Fail,
    req: &HttpRequest,
    call: &Call,
    attempts: u32,
    detail: Option<String>,
) -> JsValue {
    let what = format!("{} {}", req.method, path_of(&req.url));
    let message = match fail {
        Fail::Timeout => format!(
            "OMS request timed out after {} ms ({what}, {attempts} attempt{}).",
            call.timeout_ms,
            if attempts == 1 { "" } else { "s" }
        ),
        Fail::Aborted => format!("OMS request aborted by the caller's signal ({what})."),
        Fail::Network => format!(
            "OMS request failed: network error ({what}, {attempts} attempt{}){}.",
            if attempts == 1 { "" } else { "s" },
            detail
                .map(|d| format!(": {}", scrub(inner, &d)))
                .unwrap_or_default()
        ),
    };
    let mut extra: Vec<(&str, JsValue)> = vec![("attempts", JsValue::from(attempts))];
    if let Some(k) = req.header("idempotency-key") {
        extra.push(("idempotencyKey", JsValue::from_str(k)));
    }
    make_error("OmsConnectionError", fail.code(), &message, &extra)
}

/// A short, value-free description of a fetch rejection (`TypeError: fetch failed (ECONNREFUSED)`).
fn describe_rejection(e: &JsValue) -> Option<String> {
    if let Some(s) = e.as_string() {
        return Some(s.chars().filter(|c| !c.is_control()).take(200).collect());
    }
    let name = get(e, "name").as_string();
    let message = get(e, "message").as_string();
    let cause = get(e, "cause");
    let code = get(&cause, "code")
        .as_string()
        .or_else(|| get(e, "code").as_string());
    let mut s = match (name, message) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        (None, Some(m)) => m,
        (Some(n), None) => n,
        _ => return None,
    };
    if let Some(c) = code {
        s.push_str(&format!(" ({c})"));
    }
    Some(s.chars().filter(|c| !c.is_control()).take(200).collect())
}

// ---------------------------------------------------------------------------------------------
// hooks

/// Calls `hook` (when set) with the object `info()` builds; nothing is built without a hook.
fn call_hook(inner: &Inner, hook: &Option<Function>, info: impl FnOnce() -> serde_json::Value) {
    let Some(f) = hook else { return };
    let obj = parse_json(&info().to_string());
    // A hook that throws, or returns a promise that rejects, never affects the call.
    if let Ok(ret) = f.call1(&JsValue::UNDEFINED, &obj) {
        if ret.is_object() {
            if let Some(then) = function(get(&ret, "then")) {
                let _ = then.call2(&ret, &JsValue::UNDEFINED, inner.noop.as_ref());
            }
        }
    }
}

/// Calls `onWarning` (when set) with `{ operation, warnings }`; like the other hooks, a hook that
/// throws or rejects never affects the call, which is sent regardless.
fn warn(inner: &Inner, operation: &str, warnings: &[Issue]) {
    let Some(f) = &inner.on_warning else { return };
    let obj = Object::new();
    set(&obj, "operation", &JsValue::from_str(operation));
    set(&obj, "warnings", &warnings_to_js(warnings));
    if let Ok(ret) = f.call1(&JsValue::UNDEFINED, &obj) {
        if ret.is_object() {
            if let Some(then) = function(get(&ret, "then")) {
                let _ = then.call2(&ret, &JsValue::UNDEFINED, inner.noop.as_ref());
            }
        }
    }
}

fn hook_info(
    call: &Call,
    req: &HttpRequest,
    attempt: u32,
) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("operation".into(), call.operation.clone().into());
    m.insert("method".into(), req.method.as_str().into());
    m.insert("url".into(), req.url.clone().into());
    m.insert("attempt".into(), attempt.into());
    m
}

// ---------------------------------------------------------------------------------------------
// tokens

/// A token for an authenticated request: `(token, generation)`.
async fn token(inner: &Rc<Inner>) -> Result<(String, u64), JsValue> {
    let now = now_ms() as i64;
    let cached = inner.cache.try_borrow().ok().and_then(|c| {
        c.current(now)
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
    let arr: Array = v.dyn_into().map_err(|_| internal_error())?;
    let t = arr.get(0).as_string().ok_or_else(internal_error)?;
    let g = arr.get(1).as_f64().unwrap_or(0.0) as u64;
    Ok((t, g))
}

fn internal_error() -> JsValue {
    make_error(
        "OmsError",
        "internal_error",
        "internal error in the token exchange",
        &[],
    )
}

/// The token store's entry, if usable (errors and odd values read as nothing).
async fn from_store(inner: &Inner, store: &JsValue) -> Option<auth::CachedToken> {
    let get_fn = function(get(store, "get"))?;
    let ret = get_fn.call0(store).ok()?;
    let v = JsFuture::from(Promise::resolve(&ret)).await.ok()?;
    if !v.is_object() {
        return None;
    }
    let token = get(&v, "accessToken").as_string();
    let exp = get(&v, "expiresAt");
    let text = exp.as_string();
    let expiry = match (exp.as_f64(), &text) {
        (Some(n), _) => StoreExpiry::Millis(n),
        (None, Some(s)) => StoreExpiry::Text(s),
        _ => StoreExpiry::Invalid,
    };
    let t = auth::token_from_store(token.as_deref(), expiry)?;
    let rejected = inner
        .rejected
        .try_borrow()
        .ok()
        .and_then(|r| r.as_ref().map(|x| x.expose() == t.access_token.expose()));
    if rejected == Some(true) || t.needs_refresh(now_ms() as i64) {
        return None;
    }
    Some(t)
}

/// One token acquisition: the `tokenStore`, else `auth.token`. Stores the result in the cache
/// (and the store).
async fn exchange(inner: &Rc<Inner>) -> Result<(String, u64), JsValue> {
    if let Some(store) = inner.token_store.clone() {
        if let Some(t) = from_store(inner, &store).await {
            let tok = t.access_token.expose().clone();
            let g = match inner.cache.try_borrow_mut() {
                Ok(mut c) => c.store(t),
                Err(_) => 0,
            };
            return Ok((tok, g));
        }
    }
    let params = Value::Object(vec![
        ("apiKey".into(), Value::String(inner.api_key.clone())),
        (
            "apiSecret".into(),
            Value::String(inner.api_secret.expose().clone()),
        ),
    ]);
    let ctx = inner.ctx.clone();
    let req = api::build_request("auth.token", &params, &ctx).map_err(|e| {
        // Only the key/secret can be wrong here, and their messages never echo values.
        build_error_to_js(&e)
    })?;
    let call = Call {
        operation: "auth.token".into(),
        signal: None,
        timeout_ms: inner.timeout_ms,
        policy: inner.policy,
        requires_auth: false,
        replay_safe: true, // the exchange has no side effects
    };
    inner.exchanges.set(inner.exchanges.get().saturating_add(1));
    let (resp, sent_at) = send(inner, req.clone(), &call).await?;
    let t = match auth::token_from_response(&resp, sent_at as i64) {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => {
            return Err(make_error(
                "OmsApiError",
                "invalid_response",
                &format!("auth.token: {e}."),
                &[("status", JsValue::from(resp.status))],
            ))
        }
        Err(e) => return Err(api_error(inner, e, &req)),
    };
    let tok = t.access_token.expose().clone();
    let expires_at = t.expires_at_ms;
    let g = match inner.cache.try_borrow_mut() {
        Ok(mut c) => c.store(t),
        Err(_) => 0,
    };
    if let Some(store) = &inner.token_store {
        if let Some(set_fn) = function(get(store, "set")) {
            let entry = Object::new();
            set(&entry, "accessToken", &JsValue::from_str(&tok));
            set(&entry, "expiresAt", &JsValue::from_f64(expires_at as f64));
            if let Ok(ret) = set_fn.call1(store, &entry) {
                // Awaited (Workers may drop un-awaited work); a failing store never fails the call.
                let _ = JsFuture::from(Promise::resolve(&ret)).await;
            }
        }
    }
    Ok((tok, g))
}

// ---------------------------------------------------------------------------------------------
// sending

struct Received {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

/// Sends `req` until it succeeds, the policy gives up, or the call is aborted. Returns the final
/// response (any status) and when its attempt was sent.
async fn send(
    inner: &Rc<Inner>,
    mut req: HttpRequest,
    call: &Call,
) -> Result<(HttpResponse, f64), JsValue> {
    let mut attempt: u32 = 0;
    let mut retries: u32 = 0;
    let mut refreshed = false;
    loop {
        if is_aborted(&call.signal) {
            return Err(connection_error(
                inner,
                Fail::Aborted,
                &req,
                call,
                attempt,
                None,
            ));
        }
        let mut generation = 0;
        let mut sent_token = String::new();
        if call.requires_auth {
            let (t, g) = token(inner).await?;
            generation = g;
            for (k, v) in req.headers.iter_mut() {
                if k.eq_ignore_ascii_case("authorization") {
                    *v = format!("Bearer {t}");
                }
            }
            sent_token = t;
        }
        if is_aborted(&call.signal) {
            return Err(connection_error(
                inner,
                Fail::Aborted,
                &req,
                call,
                attempt,
                None,
            ));
        }
        attempt += 1;
        let started = now_ms();
        call_hook(inner, &inner.on_request, || {
            hook_info(call, &req, attempt).into()
        });
        let result = fetch_once(inner, &req, call).await;
        let elapsed = (now_ms() - started).max(0.0);
        call_hook(inner, &inner.on_response, || {
            let mut info = hook_info(call, &req, attempt);
            info.insert(
                "elapsedMs".into(),
                serde_json::Number::from_f64(elapsed)
                    .map(Into::into)
                    .unwrap_or(serde_json::Value::Null),
            );
            match &result {
                Ok(r) => {
                    info.insert("status".into(), r.status.into());
                    if let Some(id) = crate::error::REQUEST_ID_HEADERS
                        .iter()
                        .find_map(|h| find_header(&r.headers, h))
                    {
                        info.insert(
                            "requestId".into(),
                            id.chars().take(200).collect::<String>().into(),
                        );
                    }
                }
                Err((f, _)) => {
                    info.insert("error".into(), f.code().into());
                }
            }
            info.into()
        });

        match result {
            Ok(r) => {
                if r.status == 401 && call.requires_auth && !refreshed {
                    // Refresh once and replay with the same Idempotency-Key (not a retry).
                    refreshed = true;
                    if let Ok(mut c) = inner.cache.try_borrow_mut() {
                        if c.invalidate(generation) {
                            if let Ok(mut rej) = inner.rejected.try_borrow_mut() {
                                *rej = Some(Sensitive::new(sent_token));
                            }
                        }
                    }
                    continue;
                }
                let now = (now_ms() / 1000.0) as u64;
                let retry_after = crate::http::retry_after_seconds(&r.headers, Some(now));
                let outcome = Outcome::Status {
                    status: r.status,
                    retry_after_seconds: retry_after,
                };
                if (200..300).contains(&r.status) || !backoff(call, &mut retries, &outcome).await {
                    return Ok((
                        HttpResponse {
                            status: r.status,
                            headers: r.headers,
                            body: r.body,
                        },
                        started,
                    ));
                }
            }
            Err((Fail::Aborted, _)) => {
                return Err(connection_error(
                    inner,
                    Fail::Aborted,
                    &req,
                    call,
                    attempt,
                    None,
                ));
            }
            Err((fail, detail)) => {
                let outcome = if fail == Fail::Timeout {
                    Outcome::Timeout
                } else {
                    Outcome::Network
                };
                if !backoff(call, &mut retries, &outcome).await {
                    return Err(connection_error(inner, fail, &req, call, attempt, detail));
                }
            }
        }
    }
}

/// Asks the retry policy about `outcome`; on a retry, waits its delay, counts it and returns true.
async fn backoff(call: &Call, retries: &mut u32, outcome: &Outcome) -> bool {
    match call
        .policy
        .decide(*retries, outcome, call.replay_safe, random_u32())
    {
        Decision::Retry { delay_ms } => {
            sleep(delay_ms, &call.signal).await;
            *retries += 1;
            true
        }
        Decision::GiveUp => false,
    }
}

/// Waits `ms` (or until the caller's signal aborts; the loop then reports the abort).
async fn sleep(ms: u32, signal: &Option<JsValue>) {
    if ms == 0 || is_aborted(signal) {
        return;
    }
    let (p, resolve, _) = deferred();
    let Some(resolve) = resolve else { return };
    let timer = set_timeout(&resolve, ms, None);
    if timer.is_undefined() {
        return;
    }
    if let Some(s) = signal {
        add_listener(s, "abort", &resolve);
    }
    let _ = JsFuture::from(p).await;
    clear_timeout(&timer);
    if let Some(s) = signal {
        remove_listener(s, "abort", &resolve);
    }
}

/// One attempt: fetch + body read, raced against the timeout and the caller's signal.
async fn fetch_once(
    inner: &Inner,
    req: &HttpRequest,
    call: &Call,
) -> Result<Received, (Fail, Option<String>)> {
    let controller =
        global_fn("AbortController").and_then(|c| Reflect::construct(&c, &Array::new()).ok());
    let (deadline, _, reject) = deferred();
    let timeout_marker: JsValue = Object::new().into();
    let abort_marker: JsValue = Object::new().into();
    let mut timer = JsValue::UNDEFINED;
    let mut on_abort: Option<Function> = None;
    if let Some(rej) = &reject {
        timer = set_timeout(rej, call.timeout_ms, Some(&timeout_marker));
        if let Some(s) = &call.signal {
            let f: Function = rej.bind1(&JsValue::NULL, &abort_marker).unchecked_into();
            add_listener(s, "abort", &f);
            on_abort = Some(f);
        }
    }

    let init = Object::new();
    set(&init, "method", &JsValue::from_str(req.method.as_str()));
    let headers = Object::new();
    for (k, v) in &req.headers {
        set(&headers, k, &JsValue::from_str(v));
    }
    set(&init, "headers", &headers);
    if let Some(b) = &req.body {
        set(&init, "body", &JsValue::from_str(b));
    }
    if let Some(c) = &controller {
        set(&init, "signal", &get(c, "signal"));
    }

    let race =
        |p: &JsValue| -> Promise { Promise::race(&Array::of2(&Promise::resolve(p), &deadline)) };
    let result: Result<Received, JsValue> = async {
        let p = inner
            .fetch
            .call2(&inner.fetch_this, &JsValue::from_str(&req.url), &init)?;
        let resp = JsFuture::from(race(&p)).await?;
        let status = get(&resp, "status").as_f64().unwrap_or(0.0);
        let status = if (0.0..=999.0).contains(&status) {
            status as u16
        } else {
            0
        };
        let headers = read_headers(&get(&resp, "headers"), &response_header_names());
        let text_fn = function(get(&resp, "text"))
            .ok_or_else(|| JsValue::from_str("the fetch response has no text()"))?;
        let t = text_fn.call0(&resp)?;
        let body = JsFuture::from(race(&t)).await?;
        // Not `string_of` (which stops at 64 Ki units): a 100-item page is larger.
        let body = match body.dyn_ref::<js_sys::JsString>() {
            Some(js) if js.length() <= MAX_BODY_UNITS => String::from(js),
            Some(_) => return Err(JsValue::from_str("the response body is larger than 32 MiB")),
            None => String::new(),
        };
        Ok(Received {
            status,
            headers,
            body,
        })
    }
    .await;

    clear_timeout(&timer);
    if let (Some(s), Some(f)) = (&call.signal, &on_abort) {
        remove_listener(s, "abort", f);
    }
    match result {
        Ok(r) => Ok(r),
        Err(e) => {
            let fail = if e == abort_marker || is_aborted(&call.signal) {
                Fail::Aborted
            } else if e == timeout_marker {
                Fail::Timeout
            } else {
                Fail::Network
            };
            if fail != Fail::Network {
                if let Some(abort) = controller
                    .as_ref()
                    .and_then(|c| function(get(c, "abort")).map(|f| (c, f)))
                {
                    let _ = abort.1.call0(abort.0);
                }
            }
            let detail = if fail == Fail::Network {
                describe_rejection(&e)
            } else {
                None
            };
            Err((fail, detail))
        }
    }
}

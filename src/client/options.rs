//! The options of the fetch client, read from the caller's JS value tree ([`Value`]): the
//! constructor's ([`ClientOptions`]) and each call's ([`RequestOptions`]). Pure: the bindings
//! convert the JS objects (functions arrive as `Value::Other("function")`) and keep the JS handles
//! (`fetch`, hooks, `tokenStore`, `signal`) themselves; everything that can be checked without
//! calling JS is checked here, with the same issue format as every validator (`invalid_option` /
//! `required`, path `["options", key]`, a "Did you mean …?" hint for common misspellings).

use super::retry::{RetryPolicy, DEFAULT_MAX_RETRIES, MAX_RETRIES};
use super::{DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS};
use crate::api::{context_from_options, RequestContext};
use crate::error::BuildError;
use crate::input::{Issue, IssueCode, PathSeg, Value};
use crate::secret::Sensitive;
use crate::validate::date::Date;

/// The constructor's option keys.
pub const CLIENT_OPTION_KEYS: &[&str] = &[
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
    "dangerouslyAllowInsecureHttp",
    "cashRefNames",
    "requireFiatFields",
    "onWarning",
    "tokenProvider",
];

/// The option keys of one call (`client.call(operation, params, options)`).
pub const REQUEST_OPTION_KEYS: &[&str] = &["idempotencyKey", "signal", "timeoutMs", "maxRetries"];

/// The option keys of the raw escape hatch (`client.request(method, path, options)`).
pub const RAW_OPTION_KEYS: &[&str] = &[
    "idempotencyKey",
    "signal",
    "timeoutMs",
    "maxRetries",
    "query",
    "body",
];

/// The keys the request layer reads ([`context_from_options`]).
const CONTEXT_KEYS: &[&str] = &[
    "environment",
    "apiVersion",
    "baseUrl",
    "cashRefNames",
    "dangerouslyAllowInsecureHttp",
    "requireFiatFields",
];

/// Why `new OmsClient` refuses to run in a browser page unless `dangerouslyAllowBrowser` (the
/// bindings tell a page from a worker).
pub const BROWSER_REFUSAL: &str = "OmsClient refuses to run in a browser page: its apiSecret (and \
    the access tokens it obtains) would be readable by anyone who can open the page — devtools, \
    page source, browser extensions — and whoever holds them can create customers and move money \
    as you. Call OMS from a server or an edge function that keeps the credentials (a Cloudflare \
    Worker, a Node.js route), and have the page talk to that; in the browser, use the validators \
    (validateCustomer, ...), which need no credentials. If this really is what you want (a local \
    demo against the emulator, an internal tool with throwaway sandbox keys), pass \
    dangerouslyAllowBrowser: true.";

/// Why `new OmsClient` fails in a runtime without a global `fetch` and no `options.fetch`.
pub const FETCH_UNAVAILABLE: &str = "There is no global fetch in this runtime (Node.js 18+, Deno, \
    Workers and browsers have one): pass options.fetch.";

/// Longest `apiKey`, in bytes.
pub const MAX_API_KEY: usize = 256;
/// Longest `apiSecret`, in bytes.
pub const MAX_API_SECRET: usize = 1024;

/// What the bindings saw of the options that must be JS objects with methods.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shapes {
    /// `tokenStore` (if given) has `get()` and `set()`.
    pub token_store: bool,
    /// `tokenProvider` (if given) has `getToken()`.
    pub token_provider: bool,
}

/// The constructor's options, checked. `Debug` prints no secret.
#[derive(Clone, Debug)]
pub struct ClientOptions {
    /// `apiKey`.
    pub api_key: String,
    /// `apiSecret`.
    pub api_secret: Sensitive<String>,
    /// Base URL and cash reference names (no token, no key, no random bytes).
    pub context: RequestContext,
    /// `maxRetries` (default 2).
    pub policy: RetryPolicy,
    /// `timeoutMs` (default [`DEFAULT_TIMEOUT_MS`]).
    pub timeout_ms: u32,
    /// `dangerouslyAllowBrowser` (default false).
    pub allow_browser: bool,
}

/// One call's options, checked (the `signal` is the bindings'; `query` and `body` are read only
/// for the raw escape hatch).
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    /// `idempotencyKey`.
    pub idempotency_key: Option<String>,
    /// `timeoutMs`.
    pub timeout_ms: Option<u32>,
    /// `maxRetries`.
    pub max_retries: Option<u32>,
    /// Whether a `signal` was given (its shape is checked by the bindings).
    pub has_signal: bool,
    /// `query` (raw only).
    pub query: Value,
    /// `body` (raw only).
    pub body: Value,
}

fn issue(key: &str, code: IssueCode, message: String) -> Issue {
    let mut path = vec![PathSeg::Key("options".into())];
    if !key.is_empty() {
        path.push(key.to_owned().into());
    }
    Issue::new(code, path, message)
}

/// "Did you mean …?" for the usual misspellings of option names.
fn hint(key: &str) -> &'static str {
    match key {
        "apikey" | "key" | "api_key" => " Did you mean apiKey?",
        "apisecret" | "secret" | "api_secret" => " Did you mean apiSecret?",
        "timeout" => " Did you mean timeoutMs?",
        "retries" | "maxRetry" => " Did you mean maxRetries?",
        "baseURL" | "url" => " Did you mean baseUrl?",
        "idempotency_key" | "idempotency" => " Did you mean idempotencyKey?",
        _ => "",
    }
}

fn unknown_keys(entries: &[(String, Value)], allowed: &[&str], issues: &mut Vec<Issue>) {
    for (k, _) in entries {
        if !allowed.contains(&k.as_str()) {
            let name: String = k.chars().filter(|c| !c.is_control()).take(64).collect();
            issues.push(issue(
                &name,
                IssueCode::InvalidOption,
                format!(
                    "Unknown option.{} Allowed options: {}.",
                    hint(k),
                    allowed.join(", ")
                ),
            ));
        }
    }
}

fn whole_number(v: &Value, key: &str, min: u32, max: u32, issues: &mut Vec<Issue>) -> Option<u32> {
    match v {
        Value::Undefined | Value::Null => None,
        Value::Number(n) if n.fract() == 0.0 && *n >= f64::from(min) && *n <= f64::from(max) => {
            Some(*n as u32)
        }
        _ => {
            issues.push(issue(
                key,
                IssueCode::InvalidOption,
                format!("options.{key} must be a whole number from {min} to {max}."),
            ));
            None
        }
    }
}

/// Checks that an optional option is a function (`Value::Other("function")`).
fn function(v: &Value, key: &str, issues: &mut Vec<Issue>) {
    match v {
        Value::Undefined | Value::Null | Value::Other("function") => {}
        _ => issues.push(issue(
            key,
            IssueCode::InvalidOption,
            format!("options.{key} must be a function."),
        )),
    }
}

fn entries<'v>(
    options: &'v Value,
    what: &str,
    issues: &mut Vec<Issue>,
) -> Option<&'v [(String, Value)]> {
    match options {
        Value::Object(e) => Some(e),
        _ => {
            issues.push(issue("", IssueCode::InvalidOption, what.to_owned()));
            None
        }
    }
}

impl ClientOptions {
    /// Reads `new OmsClient(options)`. `today` feeds the request context (customer birth-date
    /// checks use each call's own date); `shapes` says what the bindings saw of the options that
    /// are JS objects with methods.
    ///
    /// # Errors
    /// Every issue at once (`required` for a missing `apiKey`/`apiSecret`, `invalid_option` for
    /// anything else); the messages never repeat a value.
    pub fn read(options: &Value, today: Date, shapes: Shapes) -> Result<ClientOptions, Vec<Issue>> {
        let mut issues = Vec::new();
        let Some(entries) = entries(
            options,
            "new OmsClient(options) needs an options object with apiKey and apiSecret.",
            &mut issues,
        ) else {
            return Err(issues);
        };
        unknown_keys(entries, CLIENT_OPTION_KEYS, &mut issues);
        let get = |k: &str| crate::input::fields::get(entries, k);
        let string = |key: &str, max: usize, issues: &mut Vec<Issue>| -> Option<String> {
            match get(key) {
                Value::String(s)
                    if !s.is_empty() && s.len() <= max && !s.chars().any(char::is_control) =>
                {
                    Some(s.clone())
                }
                Value::Undefined => {
                    issues.push(issue(
                        key,
                        IssueCode::Required,
                        format!("options.{key} is required."),
                    ));
                    None
                }
                _ => {
                    issues.push(issue(
                        key,
                        IssueCode::InvalidOption,
                        format!("options.{key} must be a non-empty string of at most {max} characters without control characters."),
                    ));
                    None
                }
            }
        };
        let api_key = string("apiKey", MAX_API_KEY, &mut issues);
        let api_secret = string("apiSecret", MAX_API_SECRET, &mut issues);

        // environment / apiVersion / baseUrl / cashRefNames / dangerouslyAllowInsecureHttp /
        // requireFiatFields: the request layer's own option reader
        let ctx_entries: Vec<(String, Value)> = entries
            .iter()
            .filter(|(k, v)| CONTEXT_KEYS.contains(&k.as_str()) && !matches!(v, Value::Undefined))
            .cloned()
            .collect();
        let context = match context_from_options(&Value::Object(ctx_entries), today, None) {
            Ok(c) => Some(c),
            Err(BuildError::InvalidParams(more)) => {
                issues.extend(more);
                None
            }
            Err(e) => {
                issues.push(issue("baseUrl", IssueCode::InvalidOption, format!("{e}.")));
                None
            }
        };
        let max_retries =
            whole_number(get("maxRetries"), "maxRetries", 0, MAX_RETRIES, &mut issues);
        let timeout_ms = whole_number(
            get("timeoutMs"),
            "timeoutMs",
            1,
            MAX_TIMEOUT_MS,
            &mut issues,
        );
        for key in ["fetch", "onRequest", "onResponse", "onWarning"] {
            function(get(key), key, &mut issues);
        }
        let given = |k: &str| !matches!(get(k), Value::Undefined | Value::Null);
        if given("tokenStore") && !shapes.token_store {
            issues.push(bad_token_store());
        }
        if given("tokenProvider") && !shapes.token_provider {
            issues.push(issue(
                "tokenProvider",
                IssueCode::InvalidOption,
                "options.tokenProvider must be an object with a getToken({ invalidToken }) method \
                 (e.g. durableTokens(env.OMS_TOKENS) from oms-wasm/cloudflare)."
                    .into(),
            ));
        }
        if given("tokenProvider") && given("tokenStore") {
            issues.push(issue(
                "tokenProvider",
                IssueCode::InvalidOption,
                "Give tokenProvider or tokenStore, not both: a token provider obtains and shares \
                 the tokens itself."
                    .into(),
            ));
        }
        let allow_browser = match get("dangerouslyAllowBrowser") {
            Value::Undefined => false,
            Value::Bool(b) => *b,
            _ => {
                issues.push(issue(
                    "dangerouslyAllowBrowser",
                    IssueCode::InvalidOption,
                    "options.dangerouslyAllowBrowser must be a boolean.".into(),
                ));
                false
            }
        };
        match (api_key, api_secret, context, issues.is_empty()) {
            (Some(api_key), Some(api_secret), Some(context), true) => Ok(ClientOptions {
                api_key,
                api_secret: Sensitive::new(api_secret),
                context,
                policy: RetryPolicy::default()
                    .with_max_retries(max_retries.unwrap_or(DEFAULT_MAX_RETRIES)),
                timeout_ms: timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS),
                allow_browser,
            }),
            _ => Err(issues),
        }
    }
}

impl ClientOptions {
    /// The per-attempt timeout and the retry policy of one call: the call's own options over the
    /// client's.
    pub fn for_call(&self, call: &RequestOptions) -> (u32, RetryPolicy) {
        let policy = match call.max_retries {
            Some(n) => self.policy.with_max_retries(n),
            None => self.policy,
        };
        (call.timeout_ms.unwrap_or(self.timeout_ms), policy)
    }

    /// The API key as `JSON.stringify(client)` shows it: its type prefix only (`sk_sdbx_…`).
    pub fn masked_key(&self) -> String {
        let mut parts = self.api_key.splitn(3, '_');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(a), Some(b), Some(_)) if a.len() <= 4 && b.len() <= 8 => format!("{a}_{b}_…"),
            _ => "…".to_owned(),
        }
    }
}

impl RequestOptions {
    /// Reads one call's options (`raw`: the escape hatch's, which add `query` and `body`).
    /// `signal_is_abort_signal`: whether the `signal` given (if any) looks like an `AbortSignal`
    /// (the bindings look).
    ///
    /// # Errors
    /// Every issue at once (`invalid_option`, path `["options", key]`).
    pub fn read(
        options: &Value,
        raw: bool,
        signal_is_abort_signal: bool,
    ) -> Result<RequestOptions, Vec<Issue>> {
        let mut out = RequestOptions::default();
        if matches!(options, Value::Undefined | Value::Null) {
            return Ok(out);
        }
        let mut issues = Vec::new();
        let Some(entries) = entries(
            options,
            "The request options must be an object.",
            &mut issues,
        ) else {
            return Err(issues);
        };
        unknown_keys(
            entries,
            if raw {
                RAW_OPTION_KEYS
            } else {
                REQUEST_OPTION_KEYS
            },
            &mut issues,
        );
        let get = |k: &str| crate::input::fields::get(entries, k);
        match get("idempotencyKey") {
            Value::Undefined | Value::Null => {}
            Value::String(s) => out.idempotency_key = Some(s.clone()),
            _ => issues.push(issue(
                "idempotencyKey",
                IssueCode::InvalidOption,
                "options.idempotencyKey must be a string (1 to 255 printable ASCII characters)."
                    .into(),
            )),
        }
        out.has_signal = !matches!(get("signal"), Value::Undefined | Value::Null);
        if out.has_signal && !signal_is_abort_signal {
            issues.push(issue(
                "signal",
                IssueCode::InvalidOption,
                "options.signal must be an AbortSignal.".into(),
            ));
        }
        out.timeout_ms = whole_number(
            get("timeoutMs"),
            "timeoutMs",
            1,
            MAX_TIMEOUT_MS,
            &mut issues,
        );
        out.max_retries =
            whole_number(get("maxRetries"), "maxRetries", 0, MAX_RETRIES, &mut issues);
        if raw {
            out.query = get("query").clone();
            out.body = get("body").clone();
        }
        if issues.is_empty() {
            Ok(out)
        } else {
            Err(issues)
        }
    }
}

fn bad_token_store() -> Issue {
    issue(
        "tokenStore",
        IssueCode::InvalidOption,
        "options.tokenStore must be an object with get() and set(token) methods.".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(entries: &[(&str, Value)]) -> Value {
        Value::Object(
            entries
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }
    fn s(v: &str) -> Value {
        Value::String(v.into())
    }
    fn paths(issues: &[Issue]) -> Vec<String> {
        issues
            .iter()
            .map(|i| format!("{}:{}", i.path_string(), i.code.as_str()))
            .collect()
    }

    fn read(entries: &[(&str, Value)]) -> Result<ClientOptions, Vec<Issue>> {
        ClientOptions::read(
            &obj(entries),
            Date::EPOCH,
            Shapes {
                token_store: true,
                token_provider: true,
            },
        )
    }

    /// Misspelling hints, the string rules of apiKey/apiSecret, dangerouslyAllowBrowser and the
    /// masked key of `toJSON` (cargo-mutants survivors).
    #[test]
    fn hints_strings_browser_flag_and_masked_key() {
        let base = [
            ("apiKey", s("sk_sdbx_abc")),
            ("apiSecret", s("secret-value")),
        ];
        for (key, want) in [
            ("secret", "Did you mean apiSecret?"),
            ("api_secret", "Did you mean apiSecret?"),
            ("idempotency", "Did you mean idempotencyKey?"),
            ("idempotency_key", "Did you mean idempotencyKey?"),
            ("timeout", "Did you mean timeoutMs?"),
            ("retries", "Did you mean maxRetries?"),
            ("maxRetry", "Did you mean maxRetries?"),
            ("baseURL", "Did you mean baseUrl?"),
            ("url", "Did you mean baseUrl?"),
        ] {
            let mut e = base.to_vec();
            e.push((key, s("x")));
            let issues = read(&e).unwrap_err();
            assert!(
                issues.iter().any(|i| i.message.contains(want)),
                "{key}: {issues:?}"
            );
        }
        for bad in ["", "has\ncontrol", &"k".repeat(10_000)] {
            let issues = read(&[("apiKey", s(bad)), ("apiSecret", s("secret-value"))]).unwrap_err();
            assert_eq!(
                paths(&issues)[0].split(':').next(),
                Some("options.apiKey"),
                "{bad:?}"
            );
        }
        assert!(read(&base).unwrap().allow_browser.eq(&false));
        let mut e = base.to_vec();
        e.push(("dangerouslyAllowBrowser", Value::Bool(true)));
        assert!(read(&e).unwrap().allow_browser);
        e.pop();
        e.push(("dangerouslyAllowBrowser", Value::Bool(false)));
        assert!(!read(&e).unwrap().allow_browser);

        let masked = |k: &str| {
            read(&[("apiKey", s(k)), ("apiSecret", s("secret-value"))])
                .unwrap()
                .masked_key()
        };
        assert_eq!(masked("sk_sdbx_abc"), "sk_sdbx_…");
        assert_eq!(masked("sk_toolongprefix_abc"), "…");
        assert_eq!(masked("toolong_sdbx_abc"), "…");
        assert_eq!(masked("plainkey"), "…");
    }

    /// One call's timeout and retry policy: the call's own options over the client's (the full
    /// cargo-mutants run's survivor `for_call`, exercised until then only from JS).
    #[test]
    fn per_call_options_override_the_clients() {
        let c = read(&[
            ("apiKey", s("sk_sdbx_abc")),
            ("apiSecret", s("secret-value")),
            ("timeoutMs", Value::Number(7_000.0)),
            ("maxRetries", Value::Number(4.0)),
        ])
        .expect("options");
        let (t, p) = c.for_call(&RequestOptions::default());
        assert_eq!((t, p.max_retries), (7_000, 4));
        let call = RequestOptions {
            timeout_ms: Some(250),
            max_retries: Some(0),
            ..RequestOptions::default()
        };
        let (t, p) = c.for_call(&call);
        assert_eq!((t, p.max_retries), (250, 0));
        // only what the call sets changes; the rest of the policy is the client's
        assert_eq!(
            p,
            c.for_call(&RequestOptions::default()).1.with_max_retries(0)
        );
    }

    #[test]
    fn client_options() {
        let ok = ClientOptions::read(
            &obj(&[
                ("apiKey", s("sk_sdbx_1")),
                ("apiSecret", s("secret-value")),
                ("baseUrl", s("http://127.0.0.1:8787")),
                ("maxRetries", Value::Number(0.0)),
                ("fetch", Value::Other("function")),
                ("tokenStore", Value::Other("non-plain object")),
            ]),
            Date::EPOCH,
            Shapes {
                token_store: true,
                token_provider: true,
            },
        )
        .expect("ok");
        assert_eq!(ok.context.base_url.as_str(), "http://127.0.0.1:8787/v0.9");
        assert_eq!(
            (ok.policy.max_retries, ok.timeout_ms),
            (0, DEFAULT_TIMEOUT_MS)
        );
        assert!(!format!("{ok:?}").contains("secret-value"));

        let bad = ClientOptions::read(
            &obj(&[
                ("apikey", s("k")),
                ("apiSecret", Value::Number(1.0)),
                ("timeoutMs", Value::Number(0.5)),
                ("onRequest", s("not a function")),
                ("tokenStore", Value::Number(3.0)),
                ("dangerouslyAllowBrowser", s("yes")),
                ("baseUrl", s("http://example.com/v0.9")),
            ]),
            Date::EPOCH,
            Shapes::default(),
        )
        .expect_err("bad");
        assert_eq!(
            paths(&bad),
            [
                "options.apikey:invalid_option",
                "options.apiKey:required",
                "options.apiSecret:invalid_option",
                "options.baseUrl:invalid_option",
                "options.timeoutMs:invalid_option",
                "options.onRequest:invalid_option",
                "options.tokenStore:invalid_option",
                "options.dangerouslyAllowBrowser:invalid_option",
            ]
        );
        assert!(bad[0].message.contains("Did you mean apiKey?"));
        // a token provider: with getToken, and not together with a token store
        let both = ClientOptions::read(
            &obj(&[
                ("apiKey", s("sk_sdbx_1")),
                ("apiSecret", s("secret-value")),
                ("tokenStore", Value::Other("non-plain object")),
                ("tokenProvider", Value::Other("non-plain object")),
            ]),
            Date::EPOCH,
            Shapes {
                token_store: true,
                token_provider: false,
            },
        )
        .expect_err("both");
        assert_eq!(
            paths(&both),
            [
                "options.tokenProvider:invalid_option",
                "options.tokenProvider:invalid_option"
            ]
        );
        assert_eq!(
            paths(
                &ClientOptions::read(&Value::Null, Date::EPOCH, Shapes::default())
                    .expect_err("null")
            ),
            ["options:invalid_option"]
        );
    }

    #[test]
    fn request_options() {
        assert!(RequestOptions::read(&Value::Undefined, false, false).is_ok());
        let r = RequestOptions::read(
            &obj(&[
                ("idempotencyKey", s("k-1")),
                ("signal", Value::Other("non-plain object")),
                ("query", obj(&[("a", s("1"))])),
            ]),
            true,
            true,
        )
        .expect("ok");
        assert_eq!(r.idempotency_key.as_deref(), Some("k-1"));
        assert!(r.has_signal && matches!(r.query, Value::Object(_)));
        let bad = RequestOptions::read(
            &obj(&[
                ("timeout", Value::Number(5.0)),
                ("maxRetries", Value::Number(11.0)),
                ("query", s("x")),
                ("signal", obj(&[])),
            ]),
            false,
            false,
        )
        .expect_err("bad");
        assert_eq!(
            paths(&bad),
            [
                "options.timeout:invalid_option",
                "options.query:invalid_option",
                "options.signal:invalid_option",
                "options.maxRetries:invalid_option"
            ]
        );
        assert!(bad[0].message.contains("timeoutMs"));
        assert_eq!(
            paths(&RequestOptions::read(&s("x"), false, false).expect_err("string")),
            ["options:invalid_option"]
        );
    }
}

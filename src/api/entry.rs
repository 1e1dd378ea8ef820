//! The operations as the JavaScript API exposes them: `buildRequest(operation, params, options)` and
//! `parseResponse(operation, status, bodyText)`. Option parsing lives here (pure), so the bindings
//! only convert values, and native tests run the shared vectors exactly as JS calls them.
//!
//! # Params convention
//!
//! `params` is one plain object:
//! * **path parameters** by name: `customerId`, `walletId`, `quoteId`, `transactionId`, `cashInId`,
//!   `webhookId`, `depositAddressId`, `virtualAccountId`;
//! * **query parameters** by name (`limit`, `startingAfter`, `createdAfter`, `status`, ...);
//! * for operations with a body, **the body fields are the params minus the path parameters**:
//!   `customers.update` takes `{ customerId, firstName }` and sends `{"firstName": …}`;
//!   `quotes.create` takes the quote body as is (it has no path parameter).
//!
//! [`describe`] lists each operation's method, path template and accepted keys.
//!
//! # Options
//!
//! [`context_from_options`] reads `{ environment?, apiVersion?, baseUrl?, accessToken?,
//! idempotencyKey?, today?, cashRefNames?, requireFiatFields?, dangerouslyAllowInsecureHttp? }`:
//! * `environment`: `"sandbox"` (default) or `"production"`; `apiVersion` (default `"v0.9"`)
//!   replaces the version segment; `baseUrl` (a full URL with its version segment) replaces both and
//!   cannot be combined with them;
//! * `accessToken`: required by every operation but `auth.token`;
//! * `idempotencyKey`: sent on POSTs (else a UUID v4 from the caller's random bytes), and on other
//!   methods when given;
//! * `today`: `YYYY-MM-DD`, overrides the caller's date for customer birth-date checks;
//! * `cashRefNames`: `"location"` (default: `locationId`/`locationReference`) or `"cashLocation"`
//!   (`cashLocationId`/`cashLocationReference`) — the names written; both are read as input;
//! * `requireFiatFields`: `true` refuses customer params missing what the OMS Get-started page
//!   says fiat provisioning needs (`required_for_fiat` issues); default: readiness is only
//!   reported as warnings ([`build_request_checked`]);
//! * `dangerouslyAllowInsecureHttp`: `true` accepts a plain `http://` `baseUrl` to any host
//!   (default: `http://` only to loopback hosts, see [`super::url`]).

use super::{
    auth, cash_ins, cash_locations, customers, quotes, sandbox, transactions, virtual_accounts,
    wallets, webhooks,
};
use super::{BaseUrl, Environment, FromParams, Operation, RequestContext};
use crate::error::{ApiError, BuildError};
use crate::http::{HttpRequest, Method};
use crate::input::{Issue, IssueCode, PathSeg, Value};
use crate::model::CashRefNames;
use crate::secret::Sensitive;
use crate::validate::date::Date;

/// The static facts of an operation (for docs, TypeScript generation and tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// Operation name.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/customers/{customerId}`.
    pub path: &'static str,
    /// Every accepted param key (path, query, body), in documented order.
    pub params: &'static [&'static str],
    /// Sends `Authorization`.
    pub requires_auth: bool,
    /// Always sends `Idempotency-Key`.
    pub idempotent_post: bool,
}

impl OperationInfo {
    fn of<O: FromParams>() -> OperationInfo {
        OperationInfo {
            name: O::NAME,
            method: O::METHOD,
            path: O::PATH,
            params: O::PARAMS,
            requires_auth: O::REQUIRES_AUTH,
            idempotent_post: O::IDEMPOTENT_POST && O::METHOD == Method::Post,
        }
    }
}

/// A built request with the warnings its params raised (see [`build_request_checked`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// The request.
    pub request: HttpRequest,
    /// Advice that did not stop the build: provisioning readiness of customer params
    /// (`required_for_fiat`, `recommended_for_fiat`), in field order. Usually empty.
    pub warnings: Vec<Issue>,
}

#[inline(never)]
fn build_from<O: FromParams>(params: &Value, ctx: &RequestContext) -> Result<Built, BuildError> {
    let (op, warnings) = O::from_params_checked(params, ctx).map_err(BuildError::InvalidParams)?;
    Ok(Built {
        request: op.build(ctx)?,
        warnings,
    })
}

/// Generic over the output type (not the operation), so operations sharing an output share code.
#[inline(never)]
fn parse_to_json<T: crate::model::wire::Wire + crate::model::Promised>(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<serde_json::Value, ApiError> {
    let out: T = super::parse_output(status, headers, body)?;
    Ok(crate::model::wire::Wire::write(&out))
}

fn parse_to_text<T: crate::model::wire::Wire + crate::model::Promised>(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<String, ApiError> {
    let out: T = super::parse_output_text(status, headers, body)?;
    let mut text = String::with_capacity(body.len() + 16);
    crate::model::wire::Wire::write_json(&out, &mut text);
    Ok(text)
}

macro_rules! registry {
    ($($op:ty),* $(,)?) => {
        /// Every operation name, in the reference's order.
        pub const OPERATIONS: &[&str] = &[$(<$op as Operation>::NAME),*];

        /// The static facts of an operation; `None` for an unknown name.
        pub fn describe(operation: &str) -> Option<OperationInfo> {
            $( if operation == <$op as Operation>::NAME { return Some(OperationInfo::of::<$op>()); } )*
            None
        }

        /// Validates `params` and builds the request of `operation` (see the module docs), with the
        /// warnings the params raised (provisioning readiness of customer params).
        ///
        /// # Errors
        /// [`BuildError::UnknownOperation`]; [`BuildError::InvalidParams`] with every issue (nothing is
        /// built); then the context errors of [`Operation::build`].
        pub fn build_request_checked(operation: &str, params: &Value, ctx: &RequestContext) -> Result<Built, BuildError> {
            $( if operation == <$op as Operation>::NAME { return build_from::<$op>(params, ctx); } )*
            Err(BuildError::UnknownOperation(operation.chars().filter(|c| !c.is_control()).take(64).collect()))
        }

        /// Parses a response of `operation` into JSON: the typed value written back, canonical names,
        /// unknown fields kept. `headers` may be empty (they only provide the request id and
        /// `Retry-After` of errors).
        ///
        /// # Errors
        /// [`ApiError`] (see [`Operation::parse`]); `unknown_operation` for an unknown name.
        pub fn parse_response(operation: &str, status: u16, headers: &[(String, String)], body: &str) -> Result<serde_json::Value, ApiError> {
            if operation == auth::Token::NAME {
                // The token exchange's errors never keep the token (a malformed 2xx carries one).
                return parse_to_json::<<auth::Token as Operation>::Output>(status, headers, body)
                    .map_err(|mut e| { e.redact_token_response(); e });
            }
            $( if operation == <$op as Operation>::NAME { return parse_to_json::<<$op as Operation>::Output>(status, headers, body); } )*
            Err(ApiError::unknown_operation(status, operation, body))
        }

        /// [`parse_response`] as JSON text (the same JSON; written without building a
        /// `serde_json::Value`): what the JS client hands to `JSON.parse`.
        ///
        /// # Errors
        /// As [`parse_response`].
        pub fn parse_response_text(operation: &str, status: u16, headers: &[(String, String)], body: &str) -> Result<String, ApiError> {
            if operation == auth::Token::NAME {
                return parse_to_text::<<auth::Token as Operation>::Output>(status, headers, body)
                    .map_err(|mut e| { e.redact_token_response(); e });
            }
            $( if operation == <$op as Operation>::NAME { return parse_to_text::<<$op as Operation>::Output>(status, headers, body); } )*
            Err(ApiError::unknown_operation(status, operation, body))
        }

        /// Whether the direct text reading of [`parse_response_text`] declines a success body of
        /// `operation` (so that it is read through `serde_json::Value`); `None` for an unknown name.
        /// For tests: every well-formed response vector must be read directly.
        #[doc(hidden)]
        pub fn text_reading_declines(operation: &str, body: &str) -> Option<bool> {
            $( if operation == <$op as Operation>::NAME {
                return Some(crate::model::wire::read_text::<<$op as Operation>::Output>(body.trim()).is_err());
            } )*
            None
        }
    };
}

/// [`build_request_checked`] without the warnings.
///
/// # Errors
/// As [`build_request_checked`].
pub fn build_request(
    operation: &str,
    params: &Value,
    ctx: &RequestContext,
) -> Result<HttpRequest, BuildError> {
    build_request_checked(operation, params, ctx).map(|b| b.request)
}

registry! {
    auth::Token,
    customers::Create,
    customers::Get,
    customers::List,
    customers::Update,
    customers::ListTransactions,
    wallets::Create,
    wallets::List,
    wallets::Get,
    wallets::Balance,
    wallets::ListTransactions,
    quotes::Create,
    quotes::Get,
    transactions::Create,
    transactions::Get,
    transactions::List,
    cash_locations::List,
    cash_ins::Create,
    cash_ins::Get,
    cash_ins::List,
    cash_ins::Refresh,
    webhooks::Create,
    webhooks::Get,
    webhooks::List,
    webhooks::Update,
    webhooks::Delete,
    sandbox::BarcodeAuth,
    sandbox::AuthCommit,
    sandbox::SimulateDepositAddress,
    sandbox::SimulateVirtualAccount,
    virtual_accounts::Get,
}

/// Accepted option keys of [`context_from_options`].
pub const OPTION_KEYS: &[&str] = &[
    "environment",
    "apiVersion",
    "baseUrl",
    "accessToken",
    "idempotencyKey",
    "today",
    "cashRefNames",
    "requireFiatFields",
    "dangerouslyAllowInsecureHttp",
];

fn option_issue(key: &str, message: String) -> Issue {
    Issue::new(
        IssueCode::InvalidOption,
        vec!["options".into(), key.to_owned().into()],
        message,
    )
}

/// Reads the JS `options` object into a [`RequestContext`] (see the module docs). `today` is the
/// caller's date (the bindings pass the local date) and `random_bytes` feed the generated
/// idempotency key.
///
/// # Errors
/// [`BuildError::InvalidParams`] with `invalid_option` issues (paths `["options", key]`) for unknown
/// keys and wrong types or values; [`BuildError::InvalidBaseUrl`] for a bad `baseUrl`/`apiVersion`.
pub fn context_from_options(
    options: &Value,
    today: Date,
    random_bytes: Option<[u8; 16]>,
) -> Result<RequestContext, BuildError> {
    let mut issues = Vec::new();
    let entries: &[(String, Value)] = match options {
        Value::Undefined | Value::Null => &[],
        Value::Object(e) => e,
        other => {
            return Err(BuildError::InvalidParams(vec![Issue::new(
                IssueCode::InvalidOption,
                vec![PathSeg::Key("options".into())],
                format!("options must be an object, not {}.", other.kind()),
            )]))
        }
    };
    for (k, _) in entries {
        if !OPTION_KEYS.contains(&k.as_str()) {
            let hint = match k.as_str() {
                "token" | "bearer" | "authorization" => " Did you mean accessToken?",
                "env" => " Did you mean environment?",
                "baseURL" | "url" | "host" => " Did you mean baseUrl?",
                "idempotency_key" | "idempotency" => " Did you mean idempotencyKey?",
                _ => "",
            };
            issues.push(option_issue(
                k,
                format!(
                    "Unknown option.{hint} Allowed options: {}.",
                    OPTION_KEYS.join(", ")
                ),
            ));
        }
    }
    let get = |k: &str| crate::input::fields::get(entries, k);
    let string = |k: &str, issues: &mut Vec<Issue>| -> Option<String> {
        match get(k) {
            Value::Undefined | Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => {
                issues.push(option_issue(
                    k,
                    format!("options.{k} must be a string, not {}.", other.kind()),
                ));
                None
            }
        }
    };
    let environment =
        string("environment", &mut issues).and_then(|e| match Environment::from_name(&e) {
            Some(env) => Some(env),
            None => {
                issues.push(option_issue(
                    "environment",
                    "options.environment must be \"sandbox\" or \"production\".".into(),
                ));
                None
            }
        });
    let api_version = string("apiVersion", &mut issues);
    let base_url = string("baseUrl", &mut issues);
    if base_url.is_some() && (environment.is_some() || api_version.is_some()) {
        issues.push(option_issue(
            "baseUrl",
            "Give baseUrl (with its version segment) or environment/apiVersion, not both.".into(),
        ));
    }
    let access_token = string("accessToken", &mut issues);
    let idempotency_key = string("idempotencyKey", &mut issues);
    let today = match string("today", &mut issues) {
        Some(t) => Date::parse(t.trim()).unwrap_or_else(|| {
            issues.push(option_issue(
                "today",
                "options.today must be a date in YYYY-MM-DD form.".into(),
            ));
            today
        }),
        None => today,
    };
    let cash_ref_names = match string("cashRefNames", &mut issues).as_deref() {
        None | Some("location") => CashRefNames::Location,
        Some("cashLocation") => CashRefNames::CashLocation,
        Some(_) => {
            issues.push(option_issue(
                "cashRefNames",
                "options.cashRefNames must be \"location\" or \"cashLocation\".".into(),
            ));
            CashRefNames::Location
        }
    };
    let allow_http = match get("dangerouslyAllowInsecureHttp") {
        Value::Undefined | Value::Null | Value::Bool(false) => false,
        Value::Bool(true) => true,
        other => {
            issues.push(option_issue(
                "dangerouslyAllowInsecureHttp",
                format!(
                    "options.dangerouslyAllowInsecureHttp must be a boolean, not {}.",
                    other.kind()
                ),
            ));
            false
        }
    };
    let require_fiat_fields = match get("requireFiatFields") {
        Value::Undefined | Value::Null => None,
        Value::Bool(b) => Some(*b),
        other => {
            issues.push(option_issue(
                "requireFiatFields",
                format!(
                    "options.requireFiatFields must be a boolean, not {}.",
                    other.kind()
                ),
            ));
            None
        }
    };
    if !issues.is_empty() {
        return Err(BuildError::InvalidParams(issues));
    }
    let env = environment.unwrap_or_default();
    let base_url = match (base_url, api_version) {
        (Some(url), _) if allow_http => BaseUrl::parse_allowing_http(&url)?,
        (Some(url), _) => BaseUrl::parse(&url)?,
        (None, Some(v)) => BaseUrl::environment_version(env, &v)?,
        (None, None) => BaseUrl::environment(env),
    };
    Ok(RequestContext {
        base_url,
        access_token: access_token.map(Sensitive::new),
        idempotency_key,
        random_bytes,
        today,
        cash_ref_names,
        require_fiat_fields,
    })
}

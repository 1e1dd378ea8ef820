//! Sans-IO operations: one type per OMS endpoint (the live and sandbox ones of the API reference). Each builds an
//! [`HttpRequest`] and parses an [`HttpResponse`]; sending is someone else's job (the wasm fetch
//! client, a test, your own transport).
//!
//! # The [`Operation`] trait
//!
//! An operation is a value holding its path parameters, query and body. Implementors only state
//! data (`NAME`, `METHOD`, `PATH` template, the path parameter values, query pairs, body, output
//! type); [`Operation::build`] and [`Operation::parse`] are provided and shared:
//!
//! ```
//! use oms_wasm::api::{customers, Operation, RequestContext, BaseUrl, Environment};
//! use oms_wasm::http::HttpResponse;
//! use oms_wasm::validate::date::Date;
//!
//! let ctx = RequestContext::new(BaseUrl::environment(Environment::Sandbox), Date::EPOCH)
//!     .with_access_token("eyJhbGciOiJSUzI1NiJ9.example.sig");
//! let req = customers::Get { customer_id: "cst_123".into() }.build(&ctx)?;
//! assert_eq!(req.url, "https://sandbox-api.polygon.technology/v0.9/customers/cst_123");
//! let customer = customers::Get::parse(&HttpResponse::new(200, r#"{"id":"cst_123"}"#))?;
//! assert_eq!(customer.id.map(|i| i.into_string()).as_deref(), Some("cst_123"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What a built request looks like
//!
//! * **URL**: `base_url` + the path template with each `{param}` replaced by the percent-encoded
//!   value ([`url::encode_component`]); a value that is empty, `.` or `..` is refused (it would
//!   change the path). Then `?k=v&…` in the operation's documented order, absent values omitted, no
//!   `?` when there are none.
//! * **Headers**, in this order: `Accept: application/json`; `Authorization: Bearer <token>` (every
//!   operation but `auth.token`; no token → [`BuildError::MissingAccessToken`]); `Content-Type:
//!   application/json` when there is a body; `Idempotency-Key` on every POST but `auth.token` (the
//!   context's key, else a UUID v4 from the context's random bytes, see [`uuid_v4`]), and on other
//!   methods only when the context has a key.
//! * **Body**: compact JSON, fields in the reference's table order, absent optionals omitted.
//!
//! # Parsing
//!
//! 2xx: the body (an empty body reads as `null`) is read as the operation's `Output` and must keep
//! its [`Promised`] fields (a resource's `id`), else [`ApiError`] `invalid_response`. Any other
//! status: [`ApiError::from_response`].
//!
//! # JavaScript entry points
//!
//! [`build_request`] / [`parse_response`] take an operation *name* ([`OPERATIONS`]) and a params
//! object; see [`entry`] for the params convention (path parameters by name, query parameters by
//! name, body fields = the params minus the path parameters).

#[macro_use]
mod macros;

pub mod auth;
pub mod cash_ins;
pub mod cash_locations;
pub mod customers;
pub mod entry;
pub mod params;
pub mod query;
pub mod quotes;
pub mod sandbox;
pub mod transactions;
pub mod url;
pub mod virtual_accounts;
pub mod wallets;
pub mod webhooks;

pub use entry::{
    build_request, build_request_checked, context_from_options, describe, parse_response,
    parse_response_text, text_reading_declines, Built, OperationInfo, OPERATIONS,
};
pub use params::FromParams;
pub use url::{BaseUrl, Environment, DEFAULT_API_VERSION};

use crate::error::{ApiError, BuildError};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::input::{Issue, IssueCode};
use crate::model::wire::Wire;
use crate::model::CashRefNames;
use crate::model::Promised;
use crate::secret::Sensitive;
use crate::validate::date::Date;
use serde::Serialize;

/// Everything a request needs besides the operation itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestContext {
    /// Where the API lives, version segment included. Default: the sandbox, `v0.9`.
    pub base_url: BaseUrl,
    /// The bearer token from `auth.token` (required by every other operation). Default: none.
    pub access_token: Option<Sensitive<String>>,
    /// The `Idempotency-Key` to send (1–255 printable ASCII characters). Default: none, so a POST
    /// gets a UUID v4 made from [`RequestContext::random_bytes`].
    pub idempotency_key: Option<String>,
    /// 16 random bytes for the generated idempotency key (the core has no randomness; the bindings
    /// pass `crypto.getRandomValues`). Default: none.
    pub random_bytes: Option<[u8; 16]>,
    /// The caller's date, for birth-date checks when validating customer params.
    pub today: Date,
    /// Property names written for cash location references (the API reference's
    /// `locationId`/`locationReference`, default, or the Get-started page's
    /// `cashLocationId`/`cashLocationReference`). Both are accepted as input either way.
    pub cash_ref_names: CashRefNames,
    /// Customer params: provisioning readiness as issues (`Some(true)`: a create missing what the
    /// OMS Get-started page says fiat provisioning needs is refused with `required_for_fiat`).
    /// Default `None`: readiness is only reported as warnings, the request is built.
    pub require_fiat_fields: Option<bool>,
}

impl RequestContext {
    /// A context with no token, no idempotency key, no random bytes and default cash names.
    pub fn new(base_url: BaseUrl, today: Date) -> Self {
        RequestContext {
            base_url,
            access_token: None,
            idempotency_key: None,
            random_bytes: None,
            today,
            cash_ref_names: CashRefNames::default(),
            require_fiat_fields: None,
        }
    }

    /// Sets the access token (builder style).
    pub fn with_access_token(mut self, token: impl Into<String>) -> Self {
        self.access_token = Some(Sensitive::new(token.into()));
        self
    }

    /// Sets the idempotency key (builder style).
    pub fn with_idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sets the random bytes for a generated idempotency key (builder style).
    pub fn with_random_bytes(mut self, bytes: [u8; 16]) -> Self {
        self.random_bytes = Some(bytes);
        self
    }
}

/// One endpoint. Implementors state data; `build` and `parse` are provided.
pub trait Operation {
    /// The JS-facing name, e.g. `"customers.create"` (also the client method path).
    const NAME: &'static str;
    /// HTTP method.
    const METHOD: Method;
    /// Path template relative to the base URL, e.g. `"/customers/{customerId}/wallets"`. Each
    /// `{name}` is filled, in order, from [`Operation::path_params`].
    const PATH: &'static str;
    /// Sends `Authorization: Bearer …` (false only for `auth.token`).
    const REQUIRES_AUTH: bool = true;
    /// Always sends an `Idempotency-Key` (every POST except `auth.token`).
    const IDEMPOTENT_POST: bool = matches!(Self::METHOD, Method::Post);

    /// The JSON body type (`()` when there is none).
    type Body: Serialize;
    /// What a success response is read as (and what it must carry: [`Promised`]).
    type Output: Wire + Promised;

    /// Values of the template's `{…}` placeholders, in template order.
    fn path_params(&self) -> Vec<&str> {
        Vec::new()
    }

    /// Query parameters in the documented order (absent ones left out).
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The body, if the request has one.
    fn body(&self) -> Option<&Self::Body> {
        None
    }

    /// Builds the request (see the module docs for the exact shape).
    ///
    /// # Errors
    /// [`BuildError::MissingAccessToken`] / [`BuildError::InvalidAccessToken`],
    /// [`BuildError::InvalidIdempotencyKey`] / [`BuildError::MissingIdempotencyKey`],
    /// [`BuildError::InvalidParams`] for an empty, `.` or `..` path parameter.
    fn build(&self, ctx: &RequestContext) -> Result<HttpRequest, BuildError> {
        let body = match self.body() {
            Some(b) => Some(json_text(b)?),
            None => None,
        };
        let spec = Spec {
            method: Self::METHOD,
            path: Self::PATH,
            auth: Self::REQUIRES_AUTH,
            idempotent_post: Self::IDEMPOTENT_POST,
        };
        assemble(&spec, &self.path_params(), &self.query(), body, ctx)
    }

    /// Parses a response.
    ///
    /// # Errors
    /// [`ApiError`]: the error status's kind, or `invalid_response` for a 2xx body that does not read
    /// as [`Operation::Output`].
    fn parse(resp: &HttpResponse) -> Result<Self::Output, ApiError> {
        parse_output(resp.status, &resp.headers, &resp.body)
    }
}

/// The non-generic facts of an operation, for the shared builder.
struct Spec {
    method: Method,
    path: &'static str,
    auth: bool,
    idempotent_post: bool,
}

/// Serializes a body as compact JSON (through `serde_json::Value`, one serializer for every type).
fn json_text<T: Serialize + ?Sized>(body: &T) -> Result<String, BuildError> {
    crate::model::wire::to_value(body)
        .map(|v| v.to_string())
        .map_err(|_| BuildError::Serialization)
}

/// Longest idempotency key accepted.
pub const MAX_IDEMPOTENCY_KEY: usize = 255;

fn check_idempotency_key(key: &str) -> Result<(), BuildError> {
    let ok = !key.is_empty()
        && key.len() <= MAX_IDEMPOTENCY_KEY
        && key.bytes().all(|b| (0x20..=0x7E).contains(&b))
        && !key.starts_with(' ')
        && !key.ends_with(' ');
    if ok {
        Ok(())
    } else {
        Err(BuildError::InvalidIdempotencyKey)
    }
}

fn check_token(token: &str) -> Result<(), BuildError> {
    let ok = !token.is_empty()
        && token.len() <= 16 * 1024
        && token.bytes().all(|b| (0x21..=0x7E).contains(&b));
    if ok {
        Ok(())
    } else {
        Err(BuildError::InvalidAccessToken)
    }
}

/// The issue for a path parameter that would change the path (empty, `.`, `..`).
fn bad_path_param(name: &str) -> BuildError {
    BuildError::InvalidParams(vec![Issue::new(
        IssueCode::InvalidValue,
        vec![name.to_owned().into()],
        format!("{name} must be an identifier, not empty, \".\" or \"..\"."),
    )
    .with("field", name)])
}

fn assemble(
    spec: &Spec,
    path_params: &[&str],
    query: &[(&'static str, String)],
    body: Option<String>,
    ctx: &RequestContext,
) -> Result<HttpRequest, BuildError> {
    // URL
    let mut url = String::with_capacity(ctx.base_url.as_str().len() + spec.path.len() + 64);
    url.push_str(ctx.base_url.as_str());
    let mut values = path_params.iter();
    let mut rest = spec.path;
    while let Some(open) = rest.find('{') {
        url.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        let name = &after[..close];
        let value = values.next().copied().unwrap_or("");
        if value.is_empty() || value == "." || value == ".." {
            return Err(bad_path_param(name));
        }
        url.push_str(&url::encode_component(value));
        rest = after.get(close + 1..).unwrap_or("");
    }
    url.push_str(rest);
    for (i, (k, v)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&url::encode_component(k));
        url.push('=');
        url.push_str(&url::encode_component(v));
    }

    // Headers, canonical order
    let mut headers: Vec<(String, String)> = Vec::with_capacity(4);
    headers.push(("Accept".into(), "application/json".into()));
    if spec.auth {
        let token = ctx
            .access_token
            .as_ref()
            .ok_or(BuildError::MissingAccessToken)?;
        check_token(token.expose())?;
        headers.push((
            "Authorization".into(),
            ["Bearer ", token.expose().as_str()].concat(),
        ));
    }
    if body.is_some() {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    match (
        &ctx.idempotency_key,
        spec.method == Method::Post && spec.idempotent_post,
    ) {
        (Some(key), _) => {
            check_idempotency_key(key)?;
            headers.push(("Idempotency-Key".into(), key.clone()));
        }
        (None, true) => {
            let bytes = ctx.random_bytes.ok_or(BuildError::MissingIdempotencyKey)?;
            headers.push(("Idempotency-Key".into(), uuid_v4(bytes)));
        }
        (None, false) => {}
    }
    Ok(HttpRequest {
        method: spec.method,
        url,
        headers,
        body,
    })
}

/// Formats 16 random bytes as a version-4 UUID (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`,
/// lowercase): the version and variant bits are overwritten, the other 122 bits are the input's.
pub fn uuid_v4(bytes: [u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut b = bytes;
    b[6] = (b[6] & 0x0F) | 0x40;
    b[8] = (b[8] & 0x3F) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0x0F)]));
    }
    out
}

/// Reads a success body as JSON (`null` when empty), or turns an error status into an [`ApiError`]
/// (also the raw client's parser). Not generic, and kept out of line: every output type's parser
/// calls it.
#[inline(never)]
pub(crate) fn read_success(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<serde_json::Value, ApiError> {
    if (300..400).contains(&status) {
        return Err(ApiError::redirect(status, headers, body));
    }
    if !(200..300).contains(&status) {
        return Err(ApiError::from_response(status, headers, body));
    }
    let text = body.trim();
    if text.is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(text)
        .map_err(|_| ApiError::invalid_response(status, headers, body, "the body is not JSON"))
}

/// Parses a response into `T` (see the module docs).
///
/// # Errors
/// As [`Operation::parse`].
pub fn parse_output<T: Wire + Promised>(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<T, ApiError> {
    let v = read_success(status, headers, body)?;
    T::read(v)
        .and_then(|out| out.check_promised().map(|()| out))
        .map_err(|e| invalid_model(status, headers, body, &e))
}

/// The `invalid_response` error of a body that does not fit the model (not generic).
#[inline(never)]
fn invalid_model(
    status: u16,
    headers: &[(String, String)],
    body: &str,
    e: &crate::model::wire::WireError,
) -> ApiError {
    ApiError::invalid_response(status, headers, body, &e.to_string())
}

/// [`parse_output`] reading a success body's JSON text straight into `T`
/// ([`crate::model::wire_text`]); whatever that reading declines (every error among it) is read
/// again by [`parse_output`], so the answer is always [`parse_output`]'s.
///
/// # Errors
/// As [`parse_output`].
#[inline]
pub fn parse_output_text<T: Wire + Promised>(
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> Result<T, ApiError> {
    if (200..300).contains(&status) {
        if let Ok(out) = crate::model::wire::read_text::<T>(body.trim()) {
            if out.check_promised().is_ok() {
                return Ok(out);
            }
        }
    }
    parse_output(status, headers, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid() {
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4([0xFF; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
    }
}

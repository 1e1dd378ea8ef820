//! `auth.token`: `POST /auth/token` (docs/oms-api.md §2). No `Authorization` header and no idempotency key
//! (the reference lists none for this endpoint and its examples send none; it is not a mutation).

use super::params::{finish, root};
use super::{FromParams, Operation, RequestContext};
use crate::error::ApiError;
use crate::http::{HttpResponse, Method};
use crate::input::{Issue, Value};
use crate::model::{TokenRequest, TokenResponse};
use crate::secret::Sensitive;

/// Exchanges an API key and secret for a 60-minute bearer token.
/// Params: `{ apiKey, apiSecret }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The body (the secret is never printed by `Debug`).
    pub body: TokenRequest,
}

impl Operation for Token {
    const NAME: &'static str = "auth.token";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/auth/token";
    const REQUIRES_AUTH: bool = false;
    const IDEMPOTENT_POST: bool = false;
    type Body = TokenRequest;
    type Output = TokenResponse;

    fn body(&self) -> Option<&TokenRequest> {
        Some(&self.body)
    }

    /// As the default, but an error never keeps the token: a 2xx answer that does not parse (a
    /// string `expiresIn`, truncated JSON...) still carries the new bearer token in its body, so
    /// the body is redacted ([`ApiError::redact_token_response`]).
    fn parse(resp: &HttpResponse) -> Result<TokenResponse, ApiError> {
        super::parse_output(resp.status, &resp.headers, &resp.body).map_err(|mut e| {
            e.redact_token_response();
            e
        })
    }
}

impl FromParams for Token {
    const PARAMS: &'static [&'static str] = &["apiKey", "apiSecret"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let hints = [
            ("api_key", "apiKey"),
            ("key", "apiKey"),
            ("api_secret", "apiSecret"),
            ("secret", "apiSecret"),
        ];
        let (mut key, mut secret) = (None, None);
        if let Some(o) = root(params, Self::PARAMS, &hints, &mut issues) {
            key = o.str("apiKey", 256, true, &mut issues);
            secret = o.str("apiSecret", 1024, true, &mut issues);
        }
        finish(issues, || {
            Some(Token {
                body: TokenRequest {
                    api_key: key?,
                    api_secret: Sensitive::new(secret?),
                },
            })
        })
    }
}

//! Bearer tokens: the API key and secret exchanged for a token (the Get-started page's first
//! step), and the token checked on every other request (expired on the emulator clock).

use super::wire::typed;
use crate::app::Inner;
use crate::clock::rfc3339;
use crate::errors::ApiErr;
use crate::state::TokenRec;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{TokenRequest, TokenResponse, TokenType};
use oms_wasm::secret::Sensitive;
use serde_json::Value;

/// Who is calling (set by the request pipeline for the handlers).
#[derive(Clone, Debug)]
pub struct Caller {
    /// The API key the token was issued for.
    pub api_key: String,
}

/// `POST /auth/token` `{apiKey, apiSecret}`: exchanges the API key and secret for a bearer
/// token. Returns the token response.
///
/// # Errors
/// 400 input, 401 `invalid_credentials`.
pub fn issue_token(app: &Inner, raw: Value) -> Result<Value, ApiErr> {
    let req: TokenRequest = typed(raw)?;
    let valid = app
        .config
        .api_keys
        .iter()
        .any(|(k, s)| *k == req.api_key && s == req.api_secret.expose());
    if !valid {
        return Err(ApiErr::invalid_credentials());
    }
    let now = app.now();
    let ttl = app.config.token_ttl_secs.max(1);
    let expires = now + ttl * 1000;
    let mut st = app.lock();
    let jti = st.rng.hex(24);
    let header = URL_SAFE_NO_PAD.encode(format!(
        r#"{{"alg":"{}","typ":"JWT"}}"#,
        crate::assumptions::TOKEN_ALG
    ));
    let claims = serde_json::json!({
        "iss": "oms-emulator", "sub": req.api_key, "iat": now / 1000, "exp": expires / 1000, "jti": jti,
    });
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(
        format!("oms-emulator:{}", app.config.seed).as_bytes(),
    )
    .map_err(|_| ApiErr::injected_500())?;
    mac.update(format!("{header}.{payload}").as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    let token = format!("{header}.{payload}.{sig}");
    st.tokens.insert(
        token.clone(),
        TokenRec {
            api_key: req.api_key.clone(),
            expires,
        },
    );
    // forget expired tokens now and then
    if st.tokens.len() > app.config.token_store_max {
        st.tokens.retain(|_, t| t.expires > now);
    }
    let resp = TokenResponse {
        access_token: Some(Sensitive::new(token)),
        token_type: Some(TokenType::Bearer),
        expires_in: Some(ttl as u64),
        expires_at: Some(rfc3339(expires)),
        extra: Default::default(),
    };
    Ok(resp.write())
}

/// The caller a bearer token stands for.
///
/// # Errors
/// 401 `unauthorized` for an unknown or expired token.
pub fn caller(app: &Inner, token: &str) -> Result<Caller, ApiErr> {
    let now = app.now();
    let st = app.lock();
    match st.tokens.get(token) {
        None => Err(ApiErr::unauthorized("invalid token")),
        Some(t) if now >= t.expires => Err(ApiErr::unauthorized("token expired")),
        Some(t) => Ok(Caller {
            api_key: t.api_key.clone(),
        }),
    }
}

/// Revokes every bearer token issued so far (the `/_emulator/tokens/revoke` control): the next
/// request with one of them gets 401 `invalid token`, as after a key rotation on the server side.
/// Returns how many were revoked.
pub fn revoke_all(app: &Inner) -> usize {
    let mut st = app.lock();
    let n = st.tokens.len();
    st.tokens.clear();
    n
}

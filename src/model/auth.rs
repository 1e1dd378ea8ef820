//! The token exchange (docs/oms-api.md §2): `POST /auth/token`.

use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};

/// Body of `POST /auth/token`. `Debug` never prints the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRequest {
    /// Key identifier (`sk_sdbx_…` / `sk_live_…`).
    pub api_key: String,
    /// The secret shown once at key creation.
    pub api_secret: Sensitive<String>,
}

open_enum! {
    /// Token type.
    pub enum TokenType {
        /// The only documented value (lowercase).
        Bearer = "bearer",
    }
}

wire_struct! {
    /// Response of `POST /auth/token`: a 60-minute bearer token (no refresh token). `Debug` never
    /// prints the token.
    pub struct TokenResponse {
        /// The JWT to send as `Authorization: Bearer …`.
        access_token: Sensitive<String> = "accessToken",
        /// `bearer`.
        token_type: TokenType = "tokenType",
        /// Lifetime in seconds (documented: 3600).
        expires_in: u64 = "expiresIn",
        /// Absolute expiry (ISO 8601 UTC).
        expires_at: String = "expiresAt",
    }
}

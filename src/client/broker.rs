//! The token broker's decisions: one bearer token per credential, shared by every isolate and
//! every client of an edge deployment (the `OmsTokenBroker` Durable Object of
//! `oms-wasm/cloudflare` asks these; its JS only stores state and performs the exchange).
//!
//! * A held token is handed out until its refresh-ahead margin ([`super::auth::refresh_margin_ms`]).
//! * A caller that got a 401 reports the token (`invalid_token`): if it is the held one, it is
//!   replaced (one exchange); a report about an older token gets the current one — so a burst of
//!   401s for one token causes one exchange.
//! * The broker never stores the API secret: it keeps a fingerprint ([`fingerprint`]) of the
//!   key and secret the token was obtained with, and a request with another secret (a rotation)
//!   replaces the token.
//! * One exchange at a time is the Durable Object's (a promise shared while it runs): these
//!   functions only say whether one is needed.

use super::auth::CachedToken;
use sha2::{Digest, Sha256};

/// What the broker holds (persisted by the Durable Object).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BrokerState {
    /// The current token, if any.
    pub token: Option<CachedToken>,
    /// The fingerprint of the credentials it was obtained with.
    pub fingerprint: Option<String>,
}

/// What to do for one `getToken` request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BrokerDecision {
    /// Hand out the held token.
    Use,
    /// Exchange the credentials for a new token (then store it with [`BrokerState::stored`]).
    Exchange,
}

/// A hex SHA-256 of the API key and secret, domain-separated: what the broker keeps to notice a
/// changed secret without storing it. (API secrets are long random strings; the fingerprint does
/// not make a short guessable one safe.)
pub fn fingerprint(api_key: &str, api_secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"oms-wasm token broker v1\0");
    h.update((api_key.len() as u64).to_be_bytes());
    h.update(api_key.as_bytes());
    h.update(api_secret.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl BrokerState {
    /// The decision for a request at `now_ms` with credentials of fingerprint `fp`;
    /// `invalid_token`: the token the caller just got a 401 for, if any.
    pub fn decide(&self, now_ms: i64, fp: &str, invalid_token: Option<&str>) -> BrokerDecision {
        let Some(t) = &self.token else {
            return BrokerDecision::Exchange;
        };
        let same_credentials = self.fingerprint.as_deref() == Some(fp);
        let rejected = invalid_token.is_some_and(|i| i == t.access_token.expose());
        if !same_credentials || rejected || t.needs_refresh(now_ms) {
            BrokerDecision::Exchange
        } else {
            BrokerDecision::Use
        }
    }

    /// The state after an exchange for credentials `fp` returned `token`.
    pub fn stored(token: CachedToken, fp: &str) -> BrokerState {
        BrokerState {
            token: Some(token),
            fingerprint: Some(fp.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Sensitive;

    fn tok(t: &str, expires_at_ms: i64) -> CachedToken {
        CachedToken {
            access_token: Sensitive::new(t.to_owned()),
            expires_at_ms,
            lifetime_ms: Some(3_600_000),
        }
    }

    #[test]
    fn decisions() {
        let fp = fingerprint("sk_sdbx_1", "secret-1");
        assert_eq!(
            BrokerState::default().decide(0, &fp, None),
            BrokerDecision::Exchange
        );
        let s = BrokerState::stored(tok("t1", 3_600_000), &fp);
        assert_eq!(s.decide(1_000, &fp, None), BrokerDecision::Use);
        // refresh-ahead: 60 s before expiry
        assert_eq!(s.decide(3_540_000 - 1, &fp, None), BrokerDecision::Use);
        assert_eq!(s.decide(3_540_000, &fp, None), BrokerDecision::Exchange);
        // a 401 for the held token replaces it; a report about an older token does not
        assert_eq!(s.decide(1_000, &fp, Some("t1")), BrokerDecision::Exchange);
        assert_eq!(s.decide(1_000, &fp, Some("t0")), BrokerDecision::Use);
        // another secret for the same key: a rotation
        let other = fingerprint("sk_sdbx_1", "secret-2");
        assert_ne!(other, fp);
        assert_eq!(s.decide(1_000, &other, None), BrokerDecision::Exchange);
        // the fingerprint holds neither the key nor the secret, and separates key from secret
        assert!(!fp.contains("secret") && fp.len() == 64);
        assert_ne!(fingerprint("ab", "c"), fingerprint("a", "bc"));
    }
}

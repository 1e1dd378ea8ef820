//! Token cache state: the current bearer token, when to refresh it, and how to read the
//! `auth.token` response and a `tokenStore` entry. Pure: every function takes `now_ms`.
//!
//! # Expiry and the refresh-ahead margin
//!
//! * A token from `auth.token` expires at `sent_at_ms + expiresIn × 1000`, where `sent_at_ms` is
//!   when the exchange request was *sent* by the local clock (network latency makes this
//!   conservative). `expiresIn` is preferred to `expiresAt` because it needs no agreement between
//!   the server's clock and ours; `expiresAt` is used only when `expiresIn` is missing or zero.
//!   Lifetimes are capped at 24 h ([`MAX_LIFETIME_MS`]).
//! * A token is refreshed ahead of expiry: it is no longer handed out once
//!   `now_ms >= expires_at_ms - margin`, where the margin is **60 s, or 10 % of the token's
//!   lifetime when that is shorter** ([`refresh_margin_ms`]); for the documented 3600 s tokens
//!   that is 60 s. Tokens read from a `tokenStore` carry no lifetime and get the 60 s margin.
//! * A 401 invalidates the cached token only if it is still the one that got the 401: each
//!   stored token has a generation number, and [`TokenCache::invalidate`] takes the generation
//!   of the token that was sent. A burst of 401s for one token therefore drops it once, and the
//!   callers that arrive after the refresh use the new token.

use crate::api::auth::Token;
use crate::api::Operation;
use crate::http::HttpResponse;
use crate::secret::Sensitive;
use crate::validate::date::Date;

/// Longest refresh-ahead margin (60 s).
pub const MAX_MARGIN_MS: i64 = 60_000;
/// Longest token lifetime believed (24 h); longer `expiresIn` values are capped.
pub const MAX_LIFETIME_MS: i64 = 24 * 3_600_000;

/// The refresh-ahead margin for a token of the given lifetime: 60 s, or 10 % of the lifetime when
/// that is shorter; 60 s when the lifetime is unknown (`None`). Never negative.
pub fn refresh_margin_ms(lifetime_ms: Option<i64>) -> i64 {
    match lifetime_ms {
        Some(l) => (l.max(0) / 10).min(MAX_MARGIN_MS),
        None => MAX_MARGIN_MS,
    }
}

/// A bearer token and when it expires (local clock). `Debug` never prints the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CachedToken {
    /// The token sent as `Authorization: Bearer …`.
    pub access_token: Sensitive<String>,
    /// Expiry, milliseconds since the Unix epoch, local clock.
    pub expires_at_ms: i64,
    /// Lifetime at issue, when known (tokens from a `tokenStore` have none).
    pub lifetime_ms: Option<i64>,
}

impl CachedToken {
    /// True when the token is within its refresh-ahead margin of expiry (or past it).
    pub fn needs_refresh(&self, now_ms: i64) -> bool {
        now_ms
            >= self
                .expires_at_ms
                .saturating_sub(refresh_margin_ms(self.lifetime_ms))
    }
}

/// Why a token could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenError {
    /// `accessToken` is missing, empty, or not usable in an HTTP header.
    MissingToken,
    /// Neither `expiresIn` nor `expiresAt` gives an expiry.
    MissingExpiry,
}

impl TokenError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            TokenError::MissingToken => "invalid_token_response",
            TokenError::MissingExpiry => "invalid_token_response",
        }
    }
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenError::MissingToken => "the token response has no usable accessToken",
            TokenError::MissingExpiry => "the token response has neither expiresIn nor expiresAt",
        })
    }
}

impl std::error::Error for TokenError {}

fn usable_token(t: &str) -> bool {
    !t.is_empty() && t.len() <= 16 * 1024 && t.bytes().all(|b| (0x21..=0x7E).contains(&b))
}

/// Reads a successful `auth.token` response (see the module docs for the expiry rule).
///
/// # Errors
/// The [`crate::error::ApiError`] of a non-2xx or unreadable response, as a `Result` in the outer
/// layer; here: [`TokenError`] when the body parses but lacks a token or an expiry.
pub fn token_from_response(
    resp: &HttpResponse,
    sent_at_ms: i64,
) -> Result<Result<CachedToken, TokenError>, crate::error::ApiError> {
    let parsed = Token::parse(resp)?;
    let Some(token) = parsed.access_token.filter(|t| usable_token(t.expose())) else {
        return Ok(Err(TokenError::MissingToken));
    };
    let lifetime = match parsed.expires_in {
        Some(secs) if secs > 0 => {
            Some((secs.min(i64::MAX as u64 / 1000) as i64 * 1000).min(MAX_LIFETIME_MS))
        }
        _ => parsed
            .expires_at
            .as_deref()
            .and_then(parse_rfc3339_ms)
            .map(|at| at.saturating_sub(sent_at_ms).clamp(0, MAX_LIFETIME_MS)),
    };
    let Some(lifetime) = lifetime else {
        return Ok(Err(TokenError::MissingExpiry));
    };
    Ok(Ok(CachedToken {
        access_token: token,
        expires_at_ms: sent_at_ms.saturating_add(lifetime),
        lifetime_ms: Some(lifetime),
    }))
}

/// [`token_from_response`] with every failure as an [`crate::error::ApiError`]: a token response
/// without a usable token or expiry is `invalid_token_response` (its body is not kept: it may hold
/// a token).
///
/// # Errors
/// The response's [`crate::error::ApiError`], or `invalid_token_response`.
pub fn read_token(
    resp: &HttpResponse,
    sent_at_ms: i64,
) -> Result<CachedToken, crate::error::ApiError> {
    token_from_response(resp, sent_at_ms)?.map_err(|e| {
        let mut err = crate::error::ApiError::invalid_response(resp.status, &resp.headers, "", "");
        err.kind = crate::error::ApiErrorKind::InvalidTokenResponse;
        err.message = ["auth.token: ", &e.to_string(), "."].concat();
        err
    })
}

/// Reads a `tokenStore` entry `{ accessToken, expiresAt }`, where `expiresAt` is milliseconds
/// since the epoch (what the client stores) or an RFC 3339 string. `None` when unusable.
pub fn token_from_store(
    access_token: Option<&str>,
    expires_at: StoreExpiry<'_>,
) -> Option<CachedToken> {
    let token = access_token.filter(|t| usable_token(t))?;
    let at = match expires_at {
        StoreExpiry::Millis(ms) if ms.is_finite() => ms.clamp(-8.64e15, 8.64e15) as i64,
        StoreExpiry::Text(s) => parse_rfc3339_ms(s)?,
        _ => return None,
    };
    Some(CachedToken {
        access_token: Sensitive::new(token.to_owned()),
        expires_at_ms: at,
        lifetime_ms: None,
    })
}

/// The `expiresAt` of a `tokenStore` entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StoreExpiry<'a> {
    /// Milliseconds since the epoch.
    Millis(f64),
    /// An RFC 3339 date-time.
    Text(&'a str),
    /// Missing or of another type.
    Invalid,
}

/// The client's token state: at most one token, and a generation counter bumped on every change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenCache {
    token: Option<CachedToken>,
    generation: u64,
}

impl TokenCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The token to use now and its generation, unless there is none or it needs a refresh.
    pub fn current(&self, now_ms: i64) -> Option<(&CachedToken, u64)> {
        self.token
            .as_ref()
            .filter(|t| !t.needs_refresh(now_ms))
            .map(|t| (t, self.generation))
    }

    /// Stores a new token; returns its generation.
    pub fn store(&mut self, token: CachedToken) -> u64 {
        self.generation = self.generation.wrapping_add(1);
        self.token = Some(token);
        self.generation
    }

    /// Drops the token if it is still generation `generation` (the one that got a 401). Returns
    /// whether it was dropped.
    pub fn invalidate(&mut self, generation: u64) -> bool {
        if self.token.is_some() && self.generation == generation {
            self.token = None;
            self.generation = self.generation.wrapping_add(1);
            true
        } else {
            false
        }
    }

    /// The generation of the current state.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether a token is held (usable or not).
    pub fn has_token(&self) -> bool {
        self.token.is_some()
    }

    /// The held token's expiry (for `toJSON`), if any.
    pub fn expires_at_ms(&self) -> Option<i64> {
        self.token.as_ref().map(|t| t.expires_at_ms)
    }
}

/// The client's token state: the [`TokenCache`] and the last token a 401 rejected (which is never
/// taken from a token store again). Single flight — one exchange shared by the callers that need a
/// token while it runs — is the transport's (it is about waiting); the decisions are here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenState {
    cache: TokenCache,
    rejected: Option<Sensitive<String>>,
}

impl TokenState {
    /// No token.
    pub fn new() -> Self {
        Self::default()
    }

    /// The cache.
    pub fn cache(&self) -> &TokenCache {
        &self.cache
    }

    /// The token to use now and its generation, unless there is none or it needs a refresh.
    pub fn current(&self, now_ms: i64) -> Option<(&CachedToken, u64)> {
        self.cache.current(now_ms)
    }

    /// A 401 rejected this token: it is dropped if it is still the cached one (generation
    /// check), and remembered so that a token store holding it is not believed.
    pub fn reject(&mut self, rejected: &super::call::RejectedToken) {
        self.cache.invalidate(rejected.generation);
        self.rejected = Some(rejected.access_token.clone());
    }

    /// A token store's entry, if it may be used now: not the rejected token, not within its
    /// refresh-ahead margin.
    pub fn accept_from_store(&self, token: CachedToken, now_ms: i64) -> Option<CachedToken> {
        let rejected = self
            .rejected
            .as_ref()
            .is_some_and(|r| r.expose() == token.access_token.expose());
        (!rejected && !token.needs_refresh(now_ms)).then_some(token)
    }

    /// Stores a new token; returns its generation.
    pub fn store(&mut self, token: CachedToken) -> u64 {
        self.cache.store(token)
    }

    /// The last token a 401 rejected, if any (what a token provider is told is invalid).
    pub fn rejected(&self) -> Option<&str> {
        self.rejected.as_ref().map(|t| t.expose().as_str())
    }

    /// Every token this state knows (held, even expired, and rejected): what errors are scrubbed of.
    pub fn tokens(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        if let Some((t, _)) = self.cache.current(i64::MIN) {
            out.push(t.access_token.expose());
        }
        if let Some(r) = &self.rejected {
            out.push(r.expose());
        }
        out
    }
}

/// Parses an RFC 3339 date-time (`YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, `t`/`z`/space accepted)
/// into milliseconds since the Unix epoch. `None` for anything else.
pub fn parse_rfc3339_ms(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 20 || !b.is_ascii() {
        return None;
    }
    let date = Date::parse(s.get(..10)?)?;
    if !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        let digits = i - start;
        if digits == 0 {
            return None;
        }
        for _ in digits..3 {
            millis *= 10;
        }
    }
    let offset_min = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            if oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if *sign == b'-' {
                -m
            } else {
                m
            }
        }
        _ => return None,
    };
    let days = days_from_civil(date.year() as i64, date.month() as i64, date.day() as i64);
    let secs = days * 86_400 + h * 3600 + mi * 60 + sec - offset_min * 60;
    Some(secs * 1000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(body: &str) -> HttpResponse {
        HttpResponse::new(200, body)
    }

    fn token(t: &str, expires_at_ms: i64) -> CachedToken {
        CachedToken {
            access_token: Sensitive::new(t.to_owned()),
            expires_at_ms,
            lifetime_ms: None,
        }
    }

    /// The token state the bindings and the broker drive (cargo-mutants survivors: these were only
    /// exercised from JS): generations, a 401's rejection, what a token store may hand back, what
    /// errors are scrubbed of.
    #[test]
    fn token_state_decisions() {
        let mut c = TokenCache::new();
        assert_eq!(
            (c.generation(), c.has_token(), c.expires_at_ms()),
            (0, false, None)
        );
        assert_eq!(c.store(token("a1", 10_000_000)), 1);
        assert_eq!(
            (c.generation(), c.has_token(), c.expires_at_ms()),
            (1, true, Some(10_000_000))
        );
        assert!(
            !c.invalidate(0),
            "an older generation's 401 keeps the newer token"
        );
        assert!(c.invalidate(1));
        assert_eq!(
            (c.generation(), c.has_token(), c.expires_at_ms()),
            (2, false, None)
        );
        assert!(!c.invalidate(2), "nothing held: nothing dropped");

        let mut s = TokenState::new();
        assert_eq!((s.rejected(), s.tokens()), (None, Vec::<&str>::new()));
        let g = s.store(token("t1", 10_000_000));
        assert_eq!((g, s.cache().generation()), (1, 1));
        assert_eq!(
            s.current(0)
                .map(|(t, g)| (t.access_token.expose().as_str(), g)),
            Some(("t1", 1))
        );
        // held tokens are scrubbed even when expired
        assert_eq!(s.tokens(), vec!["t1"]);
        assert!(s.current(20_000_000).is_none());
        assert_eq!(s.tokens(), vec!["t1"]);

        s.reject(&crate::client::call::RejectedToken {
            generation: 1,
            access_token: Sensitive::new("t1".to_owned()),
        });
        assert!(!s.cache().has_token());
        assert_eq!(s.rejected(), Some("t1"));
        assert_eq!(s.tokens(), vec!["t1"]);
        // a store still holding the rejected token is not believed; another fresh one is
        assert_eq!(s.accept_from_store(token("t1", 10_000_000), 0), None);
        assert_eq!(
            s.accept_from_store(token("t2", 10_000_000), 0),
            Some(token("t2", 10_000_000))
        );
        // ... unless it is within its refresh-ahead margin (60 s for a store's token)
        assert_eq!(s.accept_from_store(token("t2", 60_000), 0), None);
        assert_eq!(
            s.accept_from_store(token("t2", 60_001), 0),
            Some(token("t2", 60_001))
        );
        s.store(token("t2", 10_000_000));
        assert_eq!(s.tokens(), vec!["t2", "t1"]);
        assert_eq!(s.cache().generation(), 3);

        assert_eq!(TokenError::MissingToken.code(), "invalid_token_response");
        assert_eq!(TokenError::MissingExpiry.code(), "invalid_token_response");
        assert_eq!(
            TokenError::MissingToken.to_string(),
            "the token response has no usable accessToken"
        );
        assert_eq!(
            TokenError::MissingExpiry.to_string(),
            "the token response has neither expiresIn nor expiresAt"
        );
    }

    #[test]
    fn lifetime_cap_token_length_and_zero_expires_in() {
        assert_eq!(MAX_LIFETIME_MS, 86_400_000);
        let t = token_from_response(&resp(r#"{"accessToken":"t","expiresIn":1000000}"#), 0)
            .unwrap()
            .unwrap();
        assert_eq!(t.lifetime_ms, Some(86_400_000));
        let long = "x".repeat(16 * 1024);
        let body = format!(r#"{{"accessToken":"{long}","expiresIn":5}}"#);
        assert!(token_from_response(&resp(&body), 0).unwrap().is_ok());
        let body = format!(r#"{{"accessToken":"{long}x","expiresIn":5}}"#);
        assert_eq!(
            token_from_response(&resp(&body), 0).unwrap(),
            Err(TokenError::MissingToken)
        );
        // expiresIn 0 is no lifetime: expiresAt decides
        let body = r#"{"accessToken":"t","expiresIn":0,"expiresAt":"1970-01-01T00:00:10Z"}"#;
        assert_eq!(
            token_from_response(&resp(body), 0)
                .unwrap()
                .unwrap()
                .expires_at_ms,
            10_000
        );
        let body = r#"{"accessToken":"t","expiresIn":1,"expiresAt":"1970-01-01T00:00:10Z"}"#;
        assert_eq!(
            token_from_response(&resp(body), 0)
                .unwrap()
                .unwrap()
                .expires_at_ms,
            1_000
        );
    }

    #[test]
    fn margin() {
        assert_eq!(refresh_margin_ms(Some(3_600_000)), 60_000);
        assert_eq!(refresh_margin_ms(Some(60_000)), 6_000);
        assert_eq!(refresh_margin_ms(Some(0)), 0);
        assert_eq!(refresh_margin_ms(Some(-5)), 0);
        assert_eq!(refresh_margin_ms(None), 60_000);
    }

    #[test]
    fn reads_expires_in_from_send_time() {
        let body = r#"{"accessToken":"eyJ.a.b","tokenType":"bearer","expiresIn":3600,"expiresAt":"1999-01-01T00:00:00Z"}"#;
        let t = token_from_response(&resp(body), 1_000).unwrap().unwrap();
        assert_eq!(t.access_token.expose(), "eyJ.a.b");
        assert_eq!(t.expires_at_ms, 1_000 + 3_600_000);
        assert!(!t.needs_refresh(1_000 + 3_540_000 - 1));
        assert!(t.needs_refresh(1_000 + 3_540_000));
        assert!(format!("{t:?}").contains("[redacted]"));
        assert!(!format!("{t:?}").contains("eyJ"));
    }

    #[test]
    fn falls_back_to_expires_at() {
        let body = r#"{"accessToken":"tok","expiresAt":"1970-01-01T01:00:00Z"}"#;
        let t = token_from_response(&resp(body), 0).unwrap().unwrap();
        assert_eq!(t.expires_at_ms, 3_600_000);
        let body = r#"{"accessToken":"tok"}"#;
        assert_eq!(
            token_from_response(&resp(body), 0).unwrap(),
            Err(TokenError::MissingExpiry)
        );
        let body = r#"{"accessToken":"","expiresIn":5}"#;
        assert_eq!(
            token_from_response(&resp(body), 0).unwrap(),
            Err(TokenError::MissingToken)
        );
        let body = r#"{"accessToken":"has space","expiresIn":5}"#;
        assert_eq!(
            token_from_response(&resp(body), 0).unwrap(),
            Err(TokenError::MissingToken)
        );
    }

    #[test]
    fn caps_lifetime() {
        let body = r#"{"accessToken":"tok","expiresIn":18446744073709551615}"#;
        let t = token_from_response(&resp(body), 0).unwrap().unwrap();
        assert_eq!(t.expires_at_ms, MAX_LIFETIME_MS);
    }

    #[test]
    fn error_status_is_api_error() {
        let r = HttpResponse::new(
            401,
            r#"{"error":{"code":"unauthorized","message":"bad key"}}"#,
        );
        let e = token_from_response(&r, 0).unwrap_err();
        assert_eq!(e.code(), "unauthorized");
        assert_eq!(e.status, 401);
    }

    #[test]
    fn store_entries() {
        let t = token_from_store(Some("tok"), StoreExpiry::Millis(5e3)).unwrap();
        assert_eq!(t.expires_at_ms, 5_000);
        assert!(t.needs_refresh(0) == (0 >= 5_000 - 60_000));
        let t = token_from_store(Some("tok"), StoreExpiry::Text("2024-01-01T00:00:00.5Z")).unwrap();
        assert_eq!(t.expires_at_ms, 1_704_067_200_500);
        assert!(token_from_store(Some(""), StoreExpiry::Millis(1.0)).is_none());
        assert!(token_from_store(None, StoreExpiry::Millis(1.0)).is_none());
        assert!(token_from_store(Some("tok"), StoreExpiry::Millis(f64::NAN)).is_none());
        assert!(token_from_store(Some("tok"), StoreExpiry::Invalid).is_none());
        assert!(token_from_store(Some("tok"), StoreExpiry::Millis(1e300)).is_some());
    }

    #[test]
    fn cache_generations() {
        let mut c = TokenCache::new();
        assert!(c.current(0).is_none());
        let tok = |at| CachedToken {
            access_token: Sensitive::new("t".into()),
            expires_at_ms: at,
            lifetime_ms: Some(3_600_000),
        };
        let g1 = c.store(tok(3_600_000));
        assert_eq!(c.current(0).map(|(_, g)| g), Some(g1));
        assert!(c.current(3_540_000).is_none(), "within the margin");
        assert!(c.invalidate(g1));
        assert!(
            !c.invalidate(g1),
            "second 401 for the same token does nothing"
        );
        let g2 = c.store(tok(3_600_000));
        assert!(!c.invalidate(g1), "a stale 401 does not drop the new token");
        assert_eq!(c.current(0).map(|(_, g)| g), Some(g2));
    }

    #[test]
    fn rfc3339() {
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_rfc3339_ms("2023-11-07T05:31:56Z"),
            Some(1_699_335_116_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2023-11-07T06:31:56+01:00"),
            Some(1_699_335_116_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2023-11-07T05:31:56.123456Z"),
            Some(1_699_335_116_123)
        );
        assert_eq!(parse_rfc3339_ms("1969-12-31T23:59:59Z"), Some(-1000));
        // a fraction at the very end (no zone): refused, the digit loop stops at the end
        assert_eq!(parse_rfc3339_ms("2023-11-07T05:31:56.123"), None);
        assert_eq!(parse_rfc3339_ms("2023-11-07T05:31:56.1234567"), None);
        for bad in [
            "",
            "2023-11-07",
            "2023-11-07T05:31:56",
            "2023-13-07T05:31:56Z",
            "2023-11-07T24:00:00Z",
            "2023-11-07T05:31:56.Z",
            "2023-11-07T05:31:56+0100",
            "2023-11-07T05:31:56Zjunk",
            "２023-11-07T05:31:56Z",
            "2023-11-07T05:60:00Z",
            "2023-11-07T05:31:61Z",
            "2023-11-07T05:31:56+24:00",
            "2023-11-07T05:31:56+01:60",
            "2023-11-07T05:31:56+01-00",
            "2023-11-07T05:31:56+01:00:00",
            "2023-11-07x05:31:56Z",
            "2023-11-07T05-31:56Z",
            "2023-11-07T05:31-56Z",
            "2023-11-07T0a:31:56Z",
            "2023-11-07T05:31:56é",
        ] {
            assert_eq!(parse_rfc3339_ms(bad), None, "{bad}");
        }
        // the edges that are accepted: a leap second, the largest offsets, lower-case t/z, a space,
        // one or two fraction digits
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:60Z"), Some(60_000));
        assert_eq!(parse_rfc3339_ms("1970-01-01T23:59:59Z"), Some(86_399_000));
        assert_eq!(parse_rfc3339_ms("1970-01-02T00:00:00+23:59"), Some(60_000));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00-00:01"), Some(60_000));
        assert_eq!(parse_rfc3339_ms("1970-01-01t00:00:01z"), Some(1_000));
        assert_eq!(parse_rfc3339_ms("1970-01-01 00:00:01Z"), Some(1_000));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00.5Z"), Some(500));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00.05Z"), Some(50));
        assert_eq!(parse_rfc3339_ms("1970-01-01T00:00:00.123Z"), Some(123));
        assert_eq!(
            parse_rfc3339_ms("2024-02-29T00:00:00Z"),
            Some(1_709_164_800_000)
        );
        assert_eq!(
            parse_rfc3339_ms("2000-03-01T00:00:00Z"),
            Some(951_868_800_000)
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn rfc3339_never_panics(s in "\\PC{0,40}") {
            let _ = parse_rfc3339_ms(&s);
        }

        #[test]
        fn rfc3339_round_trip(secs in -62_135_596_800i64..253_402_300_799i64, ms in 0i64..1000) {
            // format with the same civil conversion run backwards
            let days = secs.div_euclid(86_400);
            let rem = secs.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            let s = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z", rem / 3600, rem / 60 % 60, rem % 60);
            prop_assert_eq!(parse_rfc3339_ms(&s), Some(secs * 1000 + ms));
        }

        #[test]
        fn token_response_never_panics(body in "\\PC{0,80}", expires_in in any::<u64>(), sent in any::<i64>()) {
            let _ = token_from_response(&HttpResponse::new(200, body), sent);
            let b = format!(r#"{{"accessToken":"t","expiresIn":{expires_in}}}"#);
            if let Ok(Ok(t)) = token_from_response(&HttpResponse::new(200, b), sent) {
                prop_assert!(t.lifetime_ms.unwrap() <= MAX_LIFETIME_MS);
                let _ = t.needs_refresh(sent);
                let _ = t.needs_refresh(i64::MIN);
                let _ = t.needs_refresh(i64::MAX);
            }
        }

        #[test]
        fn margin_bounded(l in any::<i64>()) {
            let m = refresh_margin_ms(Some(l));
            prop_assert!((0..=MAX_MARGIN_MS).contains(&m));
        }
    }

    fn civil_from_days(z: i64) -> (i64, i64, i64) {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        (if m <= 2 { y + 1 } else { y }, m, d)
    }
}

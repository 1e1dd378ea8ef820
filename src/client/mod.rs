//! The decisions of the fetch client, with no I/O: the call loop as a state machine
//! ([`call::CallMachine`]), token caching and refresh-ahead ([`auth`]), the retry policy
//! ([`retry`]), the client's options ([`options`]) and the raw-request escape hatch ([`raw`]). No
//! clock and no randomness here: the transport (`src/wasm/client.rs`, a test, a Durable Object)
//! passes `now_ms` and random numbers in, performs the I/O the machine asks for (get a token, send,
//! sleep) and feeds back what happened.
//!
//! # The flow of one call (`client.request(operation, params, options)`)
//!
//! 1. **Build** the request with [`crate::api::build_request`] *before any I/O*: invalid params
//!    are an `OmsValidationError` and nothing is sent (not even a token exchange). The
//!    `Idempotency-Key` is fixed here, once per call: the caller's `idempotencyKey`, else a UUID v4
//!    from 16 random bytes. Every attempt below sends the same key.
//! 2. **Token**: the cached token if [`auth::TokenCache::current`] returns one (it is not within
//!    the refresh-ahead margin of its expiry, see [`auth::refresh_margin_ms`]); else the
//!    `tokenStore` (if any) and, when that has nothing usable, one `auth.token` exchange. Concurrent
//!    callers share one exchange (single flight, in the transport).
//! 3. **Send** with a per-attempt timeout; the hooks see method, URL, status, attempt, elapsed time
//!    and request id, never bodies, headers or credentials.
//! 4. **401**: the token is dropped if it is still the cached one
//!    ([`auth::TokenCache::invalidate`], generation-checked so that a burst of 401s for the same
//!    token causes one refresh), a new token is obtained, and the request is replayed once with
//!    the same `Idempotency-Key`. A second 401 is returned to the caller. The replay does not
//!    count as a retry.
//! 5. **Retry**: [`retry::RetryPolicy::decide`] on network errors, timeouts, 429 and 5xx; full
//!    jitter exponential backoff, capped; `Retry-After` honoured up to a cap. Only requests that
//!    are safe to replay (GET, DELETE, or anything carrying an `Idempotency-Key`) are retried after
//!    an error that may have reached the server; other requests are retried only on 429.
//! 6. **Parse** with [`crate::api::parse_response`]: the typed JSON value, or an `OmsApiError`.

pub mod auth;
pub mod broker;
pub mod call;
pub mod hooks;
pub mod options;
pub mod raw;
pub mod retry;

pub use auth::{CachedToken, TokenCache, TokenState};
pub use call::{Action, CallError, CallMachine, Event, Failure, Received};
pub use retry::{Decision, Outcome, RetryPolicy};

/// Default per-attempt timeout of the fetch client, in milliseconds (30 s). The timeout covers
/// sending the request and reading the whole response body; backoff sleeps are not counted.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// Longest per-attempt timeout accepted (10 minutes).
pub const MAX_TIMEOUT_MS: u32 = 600_000;

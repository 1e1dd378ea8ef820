//! [`CallMachine`]: one client call as a sans-IO state machine — the whole flow of
//! [`crate::client`] (token, send, 401 refresh-and-replay, retries with backoff, redirects and
//! oversized bodies refused) with no I/O, no clock and no randomness of its own.
//!
//! The transport (the fetch client in `src/wasm/client.rs`, a test, a Durable Object) drives it:
//! it feeds [`Event`]s to [`CallMachine::step`] together with the current time and a random
//! number, and performs the [`Action`] it gets back — get a token, send the request, sleep — until
//! [`Action::Done`]. Every decision is here, so every path is tested natively
//! (`tests/it/client_call.rs`), including a property test against a scripted server.
//!
//! ```
//! use oms_wasm::client::call::{Action, CallMachine, Event, Received};
//! use oms_wasm::client::RetryPolicy;
//! use oms_wasm::http::{HttpRequest, HttpResponse, Method};
//!
//! let req = HttpRequest { method: Method::Get, url: "https://x.test/v0.9/customers/cst_1".into(),
//!     headers: vec![("Authorization".into(), "Bearer pending".into())], body: None };
//! let mut call = CallMachine::new(req, RetryPolicy::default(), true);
//! assert!(matches!(call.step(Event::Start, 0, 0), Action::NeedToken { rejected: None }));
//! let Action::Send { request, attempt: 1 } = call.step(Event::Token { access_token: "t1".into(), generation: 1 }, 0, 0)
//!     else { panic!() };
//! assert_eq!(request.header("authorization"), Some("Bearer t1"));
//! let ok = Received::Response(HttpResponse::new(200, "{}"));
//! assert!(matches!(call.step(Event::Received(ok), 5, 0), Action::Done(Ok(_))));
//! ```

use super::retry::{Decision, Outcome, RetryPolicy};
use crate::error::ApiError;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::secret::Sensitive;

/// Largest response body the transport reads, in bytes (32 MiB; a 100-item list page is well
/// under 1 MB). Bodies over it are stopped there and reported as [`Received::TooLarge`].
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// What an attempt brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    /// A response, its body read whole (at most [`MAX_BODY_BYTES`]).
    Response(HttpResponse),
    /// A redirect (a 3xx, a browser's opaque redirect, or a response a `fetch` reached by
    /// following one): refused, its body unread.
    Redirected {
        /// The status (0 for an opaque redirect).
        status: u16,
        /// The response headers read (`Location` among them).
        headers: Vec<(String, String)>,
    },
    /// A body larger than [`MAX_BODY_BYTES`]: the download was stopped there.
    TooLarge {
        /// The status.
        status: u16,
        /// The response headers read.
        headers: Vec<(String, String)>,
    },
}

/// How an attempt ended without a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Failure {
    /// The per-attempt timeout fired.
    Timeout,
    /// The request could not be sent or the response not read.
    Network,
    /// The caller's abort signal fired.
    Aborted,
}

impl Failure {
    /// `"timeout"`, `"network"` or `"aborted"`: the code of the connection error.
    pub fn code(self) -> &'static str {
        match self {
            Failure::Timeout => "timeout",
            Failure::Network => "network",
            Failure::Aborted => "aborted",
        }
    }
}

impl CallError {
    /// The error's message. For a connection error it names the method and the path of the
    /// request (never its query, headers or body), the attempts and the timeout; `detail` (the
    /// runtime's description of a network failure) is added as given: scrub it first.
    pub fn message(&self, request: &HttpRequest, timeout_ms: u32) -> String {
        match self {
            CallError::Api(e) => e.message.clone(),
            CallError::Connection {
                failure,
                attempts,
                detail,
            } => {
                let what = format!("{} {}", request.method, path_of(&request.url));
                let tries = format!(
                    "{attempts} attempt{}",
                    if *attempts == 1 { "" } else { "s" }
                );
                match failure {
                    Failure::Timeout => {
                        format!("OMS request timed out after {timeout_ms} ms ({what}, {tries}).")
                    }
                    Failure::Aborted => {
                        format!("OMS request aborted by the caller's signal ({what}).")
                    }
                    Failure::Network => format!(
                        "OMS request failed: network error ({what}, {tries}){}.",
                        detail
                            .as_deref()
                            .map(|d| format!(": {d}"))
                            .unwrap_or_default()
                    ),
                }
            }
        }
    }
}

/// The path of a URL, without its query or fragment (`/` when it has none).
pub fn path_of(url: &str) -> &str {
    let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
    let rest = url.get(after_scheme..).unwrap_or("");
    let path = rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/");
    crate::http::url_without_query(path)
}

/// What the transport tells the machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// Begin the call.
    Start,
    /// The token asked for by [`Action::NeedToken`], and its generation in the token cache.
    Token {
        /// The bearer token.
        access_token: String,
        /// Its generation ([`crate::client::TokenCache::store`]).
        generation: u64,
    },
    /// The attempt asked for by [`Action::Send`] brought this back.
    Received(Received),
    /// The attempt failed without a response (`detail`: a value-free description, for messages).
    Failed {
        /// How it failed.
        failure: Failure,
        /// E.g. `TypeError: fetch failed (ECONNREFUSED)`.
        detail: Option<String>,
    },
    /// The caller aborted (before an attempt, or during a backoff wait).
    Aborted,
    /// The wait asked for by [`Action::Sleep`] is over.
    Woke,
}

/// A token rejected by a 401: invalidate it (if it is still the cached one) before getting
/// another, and never take it from a token store again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedToken {
    /// The generation it had in the token cache.
    pub generation: u64,
    /// The token itself (never printed by `Debug`).
    pub access_token: Sensitive<String>,
}

/// How a call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CallError {
    /// No response could be had: after `attempts` attempts (retries included).
    Connection {
        /// Timeout, network or aborted.
        failure: Failure,
        /// Attempts sent.
        attempts: u32,
        /// The last network failure's description.
        detail: Option<String>,
    },
    /// A response that is refused whatever the operation (a redirect, an oversized body).
    Api(ApiError),
}

/// What the transport must do next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Get a token (the cache, else a token store, else one exchange shared by concurrent
    /// callers) and answer [`Event::Token`]. `rejected`: the token a 401 just rejected.
    NeedToken {
        /// Set after a 401.
        rejected: Option<RejectedToken>,
    },
    /// Send `request` (attempt number `attempt`, from 1; the replay after a 401 counts) with the
    /// per-attempt timeout, and answer [`Event::Received`] or [`Event::Failed`]. Redirects must
    /// not be followed.
    Send {
        /// The request, with this attempt's `Authorization`.
        request: HttpRequest,
        /// 1 for the first attempt.
        attempt: u32,
    },
    /// Wait `ms` milliseconds (abortable), then answer [`Event::Woke`] (or [`Event::Aborted`]).
    Sleep {
        /// Milliseconds.
        ms: u32,
    },
    /// The call is over: the final response (any status: the caller parses it, an error status
    /// becomes an [`ApiError`] there) with the time its attempt was sent, or the error.
    Done(Result<(HttpResponse, i64), CallError>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    New,
    WaitingToken,
    Sending,
    Sleeping,
    Done,
}

/// One call (see the module docs). `Debug` prints no token.
#[derive(Clone, Debug)]
pub struct CallMachine {
    request: HttpRequest,
    policy: RetryPolicy,
    requires_auth: bool,
    replay_safe: bool,
    state: State,
    attempts: u32,
    retries: u32,
    refreshed: bool,
    token: Option<(Sensitive<String>, u64)>,
    sent_at_ms: i64,
}

/// Whether replaying `request` after an outcome that may have reached the server cannot
/// double-execute it: GET and DELETE, or anything carrying an `Idempotency-Key`.
pub fn replay_safe(request: &HttpRequest) -> bool {
    matches!(request.method, Method::Get | Method::Delete)
        || request.header("idempotency-key").is_some()
}

impl CallMachine {
    /// A call of `request` (already built, its `Idempotency-Key` fixed: every attempt sends the
    /// same one). `requires_auth`: set `Authorization: Bearer …` on each attempt (the request's
    /// own `Authorization` header, a placeholder, is replaced).
    pub fn new(request: HttpRequest, policy: RetryPolicy, requires_auth: bool) -> CallMachine {
        CallMachine {
            replay_safe: replay_safe(&request),
            request,
            policy,
            requires_auth,
            state: State::New,
            attempts: 0,
            retries: 0,
            refreshed: false,
            token: None,
            sent_at_ms: 0,
        }
    }

    /// The request (with the last attempt's `Authorization`).
    pub fn request(&self) -> &HttpRequest {
        &self.request
    }

    /// Attempts sent so far.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether the call is over.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    /// Advances the call: `event` is what happened, `now_ms` the current time (milliseconds since
    /// the Unix epoch, for `Retry-After` dates and the time of sending), `random` a uniform random
    /// number (the backoff jitter). An event that does not fit the state (a response while
    /// sleeping, anything after `Done`) ends the call as aborted rather than panicking.
    pub fn step(&mut self, event: Event, now_ms: i64, random: u32) -> Action {
        match (self.state, event) {
            (State::Done, _) => self.connection(Failure::Aborted, None),
            (_, Event::Aborted) => self.connection(Failure::Aborted, None),
            (State::New, Event::Start) | (State::Sleeping, Event::Woke) => {
                self.next_attempt(None, now_ms)
            }
            (
                State::WaitingToken,
                Event::Token {
                    access_token,
                    generation,
                },
            ) => {
                let bearer = format!("Bearer {access_token}");
                let mut set = false;
                for (k, v) in self.request.headers.iter_mut() {
                    if k.eq_ignore_ascii_case("authorization") {
                        *v = bearer.clone();
                        set = true;
                    }
                }
                if !set {
                    self.request.headers.push(("Authorization".into(), bearer));
                }
                self.token = Some((Sensitive::new(access_token), generation));
                self.send(now_ms)
            }
            (State::Sending, Event::Received(r)) => self.received(r, now_ms, random),
            (State::Sending, Event::Failed { failure, detail }) => {
                let outcome = match failure {
                    Failure::Timeout => Outcome::Timeout,
                    Failure::Network => Outcome::Network,
                    Failure::Aborted => return self.connection(Failure::Aborted, None),
                };
                match self.backoff(&outcome, random) {
                    Some(sleep) => sleep,
                    None => self.connection(failure, detail),
                }
            }
            _ => self.connection(Failure::Aborted, None),
        }
    }

    fn next_attempt(&mut self, rejected: Option<RejectedToken>, now_ms: i64) -> Action {
        if self.requires_auth {
            self.state = State::WaitingToken;
            Action::NeedToken { rejected }
        } else {
            self.send(now_ms)
        }
    }

    fn send(&mut self, now_ms: i64) -> Action {
        self.state = State::Sending;
        self.attempts += 1;
        self.sent_at_ms = now_ms;
        Action::Send {
            request: self.request.clone(),
            attempt: self.attempts,
        }
    }

    fn received(&mut self, r: Received, now_ms: i64, random: u32) -> Action {
        let resp = match r {
            Received::Redirected { status, headers } => {
                return self.finish(Err(CallError::Api(ApiError::redirect(
                    status, &headers, "",
                ))))
            }
            Received::TooLarge { status, headers } => {
                return self.finish(Err(CallError::Api(ApiError::response_too_large(
                    status,
                    &headers,
                    MAX_BODY_BYTES,
                ))))
            }
            Received::Response(resp) => resp,
        };
        if resp.status == 401 && self.requires_auth && !self.refreshed {
            // Refresh once and replay with the same Idempotency-Key (not a retry).
            self.refreshed = true;
            let rejected = self.token.take().map(|(t, g)| RejectedToken {
                generation: g,
                access_token: t,
            });
            return self.next_attempt(rejected, now_ms);
        }
        if (200..300).contains(&resp.status) {
            return self.done_with(resp);
        }
        if (300..400).contains(&resp.status) {
            // a 3xx the transport did not flag: refused all the same
            let e = ApiError::redirect(resp.status, &resp.headers, "");
            return self.finish(Err(CallError::Api(e)));
        }
        let now_s = u64::try_from(now_ms.max(0) / 1000).unwrap_or(0);
        let outcome = Outcome::Status {
            status: resp.status,
            retry_after_seconds: crate::http::retry_after_seconds(&resp.headers, Some(now_s)),
        };
        match self.backoff(&outcome, random) {
            Some(sleep) => sleep,
            None => self.done_with(resp),
        }
    }

    /// Asks the retry policy; on a retry, counts it and returns the sleep.
    fn backoff(&mut self, outcome: &Outcome, random: u32) -> Option<Action> {
        match self
            .policy
            .decide(self.retries, outcome, self.replay_safe, random)
        {
            Decision::Retry { delay_ms } => {
                self.retries += 1;
                self.state = State::Sleeping;
                Some(Action::Sleep { ms: delay_ms })
            }
            Decision::GiveUp => None,
        }
    }

    fn done_with(&mut self, resp: HttpResponse) -> Action {
        let at = self.sent_at_ms;
        self.finish(Ok((resp, at)))
    }

    fn connection(&mut self, failure: Failure, detail: Option<String>) -> Action {
        self.finish(Err(CallError::Connection {
            failure,
            attempts: self.attempts,
            detail,
        }))
    }

    fn finish(&mut self, r: Result<(HttpResponse, i64), CallError>) -> Action {
        self.state = State::Done;
        Action::Done(r)
    }
}

//! The retry policy: which failures are retried, and how long to wait. Pure: the random input
//! for the jitter is passed in.
//!
//! # Rules
//!
//! * **Retried**: network errors and timeouts, HTTP 408, 429, and 5xx except 501 and 505, while
//!   fewer than `max_retries` retries have been made (default [`DEFAULT_MAX_RETRIES`] = 2, so at
//!   most 3 attempts).
//! * **Only if safe to replay**: a network error, a timeout, a 408 or a 5xx may have happened
//!   after the server acted, so they are retried only when replaying cannot double-execute: GET
//!   and DELETE, or a request carrying an `Idempotency-Key` (every POST the client sends does; a
//!   PATCH does when the caller passes `idempotencyKey`). A 429 means the request was refused, so
//!   it is retried whatever the method.
//! * **Never retried**: every other status, 409 included (an idempotency conflict or an invalid
//!   state: OMS documents no 409 that a replay could fix), and 401 (handled by the token refresh,
//!   not by this policy).
//! * **Delay**: exponential backoff with full jitter, `random × min(max_delay_ms, base_delay_ms ×
//!   2^retry)` with `random` uniform in [0, 1) (defaults 500 ms base, 8 s cap). When the response
//!   has `Retry-After: <seconds>`, the delay is at least that long; if the server asks for more
//!   than `max_retry_after_ms` (default 60 s), the client gives up and returns the 429/503 to the
//!   caller rather than hold the call open (the error carries `retryAfterSeconds`).

/// Default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Most retries a caller may ask for.
pub const MAX_RETRIES: u32 = 10;
/// Default first backoff ceiling.
pub const DEFAULT_BASE_DELAY_MS: u32 = 500;
/// Default backoff cap.
pub const DEFAULT_MAX_DELAY_MS: u32 = 8_000;
/// Default longest `Retry-After` honoured.
pub const DEFAULT_MAX_RETRY_AFTER_MS: u32 = 60_000;

/// How a failed attempt ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The request could not be sent or the response not read (DNS, reset, dropped connection).
    Network,
    /// The per-attempt timeout fired.
    Timeout,
    /// The server answered with this status.
    Status {
        /// HTTP status.
        status: u16,
        /// `Retry-After` in seconds, when the response had one.
        retry_after_seconds: Option<u64>,
    },
}

/// What to do after a failed attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Wait `delay_ms`, then send the same request again (same `Idempotency-Key`).
    Retry {
        /// Milliseconds to wait.
        delay_ms: u32,
    },
    /// Return this outcome to the caller.
    GiveUp,
}

/// Retry limits and backoff timing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt. Default [`DEFAULT_MAX_RETRIES`].
    pub max_retries: u32,
    /// Backoff ceiling of the first retry. Default [`DEFAULT_BASE_DELAY_MS`].
    pub base_delay_ms: u32,
    /// Backoff cap. Default [`DEFAULT_MAX_DELAY_MS`].
    pub max_delay_ms: u32,
    /// Longest `Retry-After` waited for. Default [`DEFAULT_MAX_RETRY_AFTER_MS`].
    pub max_retry_after_ms: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: DEFAULT_MAX_RETRIES,
            base_delay_ms: DEFAULT_BASE_DELAY_MS,
            max_delay_ms: DEFAULT_MAX_DELAY_MS,
            max_retry_after_ms: DEFAULT_MAX_RETRY_AFTER_MS,
        }
    }
}

/// Whether an outcome is worth retrying at all (before limits): see the module docs.
pub fn is_retryable(outcome: &Outcome, replay_safe: bool) -> bool {
    match *outcome {
        Outcome::Network | Outcome::Timeout => replay_safe,
        Outcome::Status { status: 429, .. } => true,
        Outcome::Status { status: 408, .. } => replay_safe,
        Outcome::Status {
            status: 501 | 505, ..
        } => false,
        Outcome::Status { status, .. } => (500..=599).contains(&status) && replay_safe,
    }
}

impl RetryPolicy {
    /// The same policy with another retry count (capped at [`MAX_RETRIES`]).
    pub fn with_max_retries(mut self, n: u32) -> Self {
        self.max_retries = n.min(MAX_RETRIES);
        self
    }

    /// The backoff ceiling before retry number `retry` (0-based): `min(max_delay_ms,
    /// base_delay_ms × 2^retry)`. Non-decreasing in `retry`, never above `max_delay_ms`.
    pub fn cap_ms(&self, retry: u32) -> u32 {
        let factor = 1u64 << retry.min(32);
        let d = u64::from(self.base_delay_ms).saturating_mul(factor);
        d.min(u64::from(self.max_delay_ms)) as u32
    }

    /// Decides what follows a failed attempt. `retries_done` is how many retries were already
    /// made (0 after the first attempt); `replay_safe` see the module docs; `random` is a uniform
    /// random `u32` (the jitter is `random / 2^32`).
    pub fn decide(
        &self,
        retries_done: u32,
        outcome: &Outcome,
        replay_safe: bool,
        random: u32,
    ) -> Decision {
        if retries_done >= self.max_retries.min(MAX_RETRIES) || !is_retryable(outcome, replay_safe)
        {
            return Decision::GiveUp;
        }
        let cap = u64::from(self.cap_ms(retries_done));
        let jittered = (cap * u64::from(random)) >> 32;
        let mut delay = jittered as u32;
        if let Outcome::Status {
            retry_after_seconds: Some(secs),
            ..
        } = *outcome
        {
            let wanted = secs.saturating_mul(1000);
            if wanted > u64::from(self.max_retry_after_ms) {
                return Decision::GiveUp;
            }
            delay = delay.max(wanted as u32);
        }
        Decision::Retry { delay_ms: delay }
    }
}

/// One step of xorshift32 (Marsaglia's 13/17/5): the next `random` for [`RetryPolicy::decide`]
/// from the previous one. A non-zero state never reaches 0 and visits every other `u32` once per
/// period (2^32 − 1), so its outputs spread the jitter uniformly; it is not for secrets (random
/// bytes for idempotency keys come from the platform's CSPRNG). The wasm client seeds it once per
/// client from `Math.random` and saves a crossing per call-machine step.
pub fn next_jitter(state: u32) -> u32 {
    let mut x = state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_sequence_is_xorshift32_and_spreads_uniformly() {
        // the published xorshift32 sequence from 1: 270369, 67634689, 2647435461, …
        let mut x = 1;
        let first: Vec<u32> = (0..3)
            .map(|_| {
                x = next_jitter(x);
                x
            })
            .collect();
        assert_eq!(first, [270_369, 67_634_689, 2_647_435_461]);
        // never 0 from a non-zero state, and the delays it gives fill [0, cap) evenly
        let mut x = 0x9e37_79b9;
        let mut buckets = [0u32; 16];
        for _ in 0..160_000 {
            x = next_jitter(x);
            assert_ne!(x, 0);
            buckets[(x >> 28) as usize] += 1;
        }
        for b in buckets {
            assert!((9_000..11_000).contains(&b), "{buckets:?}");
        }
        let Decision::Retry { delay_ms } = P.decide(0, &status(503), true, next_jitter(x)) else {
            panic!("503 is retried");
        };
        assert!(delay_ms < P.cap_ms(0));
    }

    const P: RetryPolicy = RetryPolicy {
        max_retries: 2,
        base_delay_ms: 500,
        max_delay_ms: 8_000,
        max_retry_after_ms: 60_000,
    };

    fn status(s: u16) -> Outcome {
        Outcome::Status {
            status: s,
            retry_after_seconds: None,
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(RetryPolicy::default(), P);
    }

    #[test]
    fn what_is_retried() {
        for o in [
            Outcome::Network,
            Outcome::Timeout,
            status(500),
            status(502),
            status(503),
            status(504),
            status(408),
            status(429),
        ] {
            assert!(
                matches!(P.decide(0, &o, true, 0), Decision::Retry { .. }),
                "{o:?}"
            );
        }
        for s in [200, 201, 400, 401, 403, 404, 409, 422, 501, 505, 302, 600] {
            assert_eq!(P.decide(0, &status(s), true, 0), Decision::GiveUp, "{s}");
        }
        // not safe to replay: only 429
        for o in [
            Outcome::Network,
            Outcome::Timeout,
            status(500),
            status(503),
            status(408),
        ] {
            assert_eq!(P.decide(0, &o, false, 0), Decision::GiveUp, "{o:?}");
        }
        assert!(matches!(
            P.decide(0, &status(429), false, 0),
            Decision::Retry { .. }
        ));
    }

    #[test]
    fn limits() {
        assert!(matches!(
            P.decide(1, &Outcome::Network, true, 0),
            Decision::Retry { .. }
        ));
        assert_eq!(P.decide(2, &Outcome::Network, true, 0), Decision::GiveUp);
        let none = P.with_max_retries(0);
        assert_eq!(none.decide(0, &Outcome::Network, true, 0), Decision::GiveUp);
        assert_eq!(P.with_max_retries(1000).max_retries, MAX_RETRIES);
    }

    #[test]
    fn backoff() {
        assert_eq!(P.cap_ms(0), 500);
        assert_eq!(P.cap_ms(1), 1000);
        assert_eq!(P.cap_ms(4), 8000);
        assert_eq!(P.cap_ms(40), 8000);
        assert_eq!(
            P.decide(0, &Outcome::Network, true, 0),
            Decision::Retry { delay_ms: 0 }
        );
        assert_eq!(
            P.decide(0, &Outcome::Network, true, u32::MAX),
            Decision::Retry { delay_ms: 499 }
        );
        assert_eq!(
            P.decide(1, &Outcome::Network, true, 1 << 31),
            Decision::Retry { delay_ms: 500 }
        );
    }

    #[test]
    fn retry_after() {
        let ra = |s| Outcome::Status {
            status: 429,
            retry_after_seconds: Some(s),
        };
        assert_eq!(
            P.decide(0, &ra(3), false, 0),
            Decision::Retry { delay_ms: 3000 }
        );
        assert_eq!(
            P.decide(0, &ra(0), false, u32::MAX),
            Decision::Retry { delay_ms: 499 }
        );
        assert_eq!(
            P.decide(0, &ra(60), false, 0),
            Decision::Retry { delay_ms: 60_000 }
        );
        assert_eq!(P.decide(0, &ra(61), false, 0), Decision::GiveUp);
        assert_eq!(P.decide(0, &ra(u64::MAX), false, 0), Decision::GiveUp);
        let r503 = Outcome::Status {
            status: 503,
            retry_after_seconds: Some(2),
        };
        assert_eq!(
            P.decide(0, &r503, true, 0),
            Decision::Retry { delay_ms: 2000 }
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Network),
            Just(Outcome::Timeout),
            (any::<u16>(), proptest::option::of(any::<u64>())).prop_map(
                |(status, retry_after_seconds)| Outcome::Status {
                    status,
                    retry_after_seconds
                }
            ),
        ]
    }

    fn policy() -> impl Strategy<Value = RetryPolicy> {
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(a, b, c, d)| {
            RetryPolicy {
                max_retries: a,
                base_delay_ms: b,
                max_delay_ms: c,
                max_retry_after_ms: d,
            }
        })
    }

    proptest! {
        #[test]
        fn never_panics_and_delays_are_bounded(p in policy(), n in any::<u32>(), o in outcome(), safe in any::<bool>(), r in any::<u32>()) {
            match p.decide(n, &o, safe, r) {
                Decision::GiveUp => {}
                Decision::Retry { delay_ms } => {
                    prop_assert!(n < p.max_retries.min(MAX_RETRIES));
                    prop_assert!(is_retryable(&o, safe));
                    match o {
                        Outcome::Status { retry_after_seconds: Some(s), .. } => {
                            prop_assert!(u64::from(delay_ms) >= s * 1000);
                            prop_assert!(delay_ms <= p.max_retry_after_ms.max(p.cap_ms(n)));
                        }
                        _ => prop_assert!(delay_ms <= p.cap_ms(n) && delay_ms <= p.max_delay_ms),
                    }
                }
            }
        }

        #[test]
        fn caps_are_monotone(p in policy(), n in 0u32..80) {
            prop_assert!(p.cap_ms(n) <= p.cap_ms(n + 1));
            prop_assert!(p.cap_ms(n) <= p.max_delay_ms);
        }

        #[test]
        fn jitter_is_monotone_in_random(p in policy(), n in 0u32..10, a in any::<u32>(), b in any::<u32>()) {
            let (lo, hi) = (a.min(b), a.max(b));
            if let (Decision::Retry { delay_ms: x }, Decision::Retry { delay_ms: y }) =
                (p.decide(n, &Outcome::Network, true, lo), p.decide(n, &Outcome::Network, true, hi)) {
                prop_assert!(x <= y);
            }
        }

        #[test]
        fn at_most_max_retries(p in policy(), o in outcome()) {
            let mut n = 0;
            while let Decision::Retry { .. } = p.decide(n, &o, true, 7) {
                n += 1;
                prop_assert!(n <= MAX_RETRIES);
            }
            prop_assert!(n <= p.max_retries);
        }
    }
}

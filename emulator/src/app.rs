//! The shared handle every layer works on: the configuration, the clock, the in-memory store and
//! the scheduler's wake-up. Defined apart from the crate root so that the domain, the handlers,
//! the pipeline and the scheduler can all use it without importing the root (which starts them).

use crate::clock;
use crate::config::Config;
use crate::state;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Notify;

/// Everything the handlers share.
pub struct Inner {
    /// The configuration the emulator was started with.
    pub config: Config,
    /// The injectable clock.
    pub clock: clock::Clock,
    /// The in-memory store.
    pub state: Mutex<state::State>,
    /// Wakes the scheduler (new deliveries, clock advanced).
    pub wake: Notify,
    /// The bound address.
    pub addr: SocketAddr,
    /// Earliest due endorsement review (emulator clock; `i64::MAX` when none): lets the request
    /// pipeline skip the review pass with one atomic load.
    pub next_review: AtomicI64,
}

/// A cheap handle on the shared state.
pub type App = Arc<Inner>;

impl Inner {
    /// Locks the store (a poisoned lock is recovered: the store stays usable after a panic).
    pub fn lock(&self) -> MutexGuard<'_, state::State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Now on the emulator clock.
    pub fn now(&self) -> clock::Millis {
        self.clock.now_ms()
    }

    /// Schedules a review pass at `at` (keeps the earliest).
    pub fn review_at(&self, at: clock::Millis) {
        self.next_review.fetch_min(at, Ordering::SeqCst);
    }

    /// True when a review is due at `now`.
    pub fn review_due(&self, now: clock::Millis) -> bool {
        self.next_review.load(Ordering::Relaxed) <= now
    }
}

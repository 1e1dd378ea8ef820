//! The webhook inbox's decisions: process each event id once across every isolate (the
//! `WebhookInbox` Durable Object of `oms-wasm/cloudflare` asks these; its JS only reads and writes
//! one record per event id, and the handler runs in the caller's isolate).
//!
//! An event id is in one of three states: unknown, **claimed** by one delivery until a lease
//! expires, or **done** (kept for a retention period, then pruned).
//!
//! * [`claim`]: unknown → claimed (`processed` will follow); claimed and the lease still running →
//!   `busy` (another copy is being processed: answer 409 so OMS retries later); claimed with the
//!   lease over (the isolate holding it crashed or hung) → claimed anew; done → `duplicate`.
//! * [`complete`]: the holder of a claim marks the id done.
//! * [`release`]: the handler threw: the claim is dropped, so the next delivery processes it.
//! * [`prune`]: done records older than the retention are removed (the Durable Object's alarm).
//!
//! What this cannot guarantee: a handler that outlives its lease (or whose isolate dies after its
//! side effect but before `complete`) may run twice; choose a lease longer than the handler's
//! worst case and keep side effects idempotent where they leave the handler's control.

/// Default lease of a claim: 60 s.
pub const DEFAULT_LEASE_MS: i64 = 60_000;
/// Default retention of done ids: 7 days (OMS retries for about a day; ids must outlive that).
pub const DEFAULT_RETENTION_MS: i64 = 7 * 24 * 3_600_000;
/// Longest event id accepted (webhook ids are short; a longer one is not an OMS delivery).
pub const MAX_EVENT_ID: usize = 256;

/// What the inbox holds for one event id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// Being processed by the delivery holding `claim` until `until_ms`.
    Claimed {
        /// The claim's id (random, from the claimer).
        claim: String,
        /// When the lease ends.
        until_ms: i64,
    },
    /// Processed at `at_ms`.
    Done {
        /// When it was completed.
        at_ms: i64,
    },
}

/// The answer to a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// Process it, then [`complete`] (or [`release`] on failure) with this claim.
    Granted,
    /// Already processed.
    Duplicate,
    /// Another delivery holds it for `retry_after_ms` more.
    Busy {
        /// Until its lease ends.
        retry_after_ms: i64,
    },
}

/// Decides a claim of an id whose record is `existing`, at `now_ms`, by claim id `claim_id`;
/// returns the answer and the record to write (`None`: leave it).
pub fn claim(
    existing: Option<&Record>,
    now_ms: i64,
    lease_ms: i64,
    claim_id: &str,
) -> (Claim, Option<Record>) {
    let granted = || {
        (
            Claim::Granted,
            Some(Record::Claimed {
                claim: claim_id.to_owned(),
                until_ms: now_ms.saturating_add(lease_ms.max(1)),
            }),
        )
    };
    match existing {
        None => granted(),
        Some(Record::Done { .. }) => (Claim::Duplicate, None),
        Some(Record::Claimed { until_ms, .. }) if *until_ms > now_ms => (
            Claim::Busy {
                retry_after_ms: until_ms - now_ms,
            },
            None,
        ),
        Some(Record::Claimed { .. }) => granted(),
    }
}

/// Marks the id done for the holder of `claim_id` (or after its lease was taken over: the event
/// was processed all the same). Returns the record to write; `None` when it is already done.
pub fn complete(existing: Option<&Record>, now_ms: i64, _claim_id: &str) -> Option<Record> {
    match existing {
        Some(Record::Done { .. }) => None,
        _ => Some(Record::Done { at_ms: now_ms }),
    }
}

/// Whether a failed handler's claim should be deleted: only the holder's own claim (a claim
/// taken over after the lease belongs to another delivery now).
pub fn release(existing: Option<&Record>, claim_id: &str) -> bool {
    matches!(existing, Some(Record::Claimed { claim, .. }) if claim == claim_id)
}

/// Whether a record can be dropped at `now_ms`: done longer ago than `retention_ms`, or a claim
/// whose lease ended longer ago than that (its holder never came back).
pub fn prune(record: &Record, now_ms: i64, retention_ms: i64) -> bool {
    match record {
        Record::Done { at_ms } => now_ms.saturating_sub(*at_ms) > retention_ms,
        Record::Claimed { until_ms, .. } => now_ms.saturating_sub(*until_ms) > retention_ms,
    }
}

/// The shard (0..`shards`) of an event id: FNV-1a of its bytes, so every isolate routes an id to
/// the same Durable Object.
pub fn shard(event_id: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in event_id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle() {
        let (c, r) = claim(None, 1_000, 60_000, "a");
        assert_eq!(c, Claim::Granted);
        let r = r.expect("record");
        assert_eq!(
            r,
            Record::Claimed {
                claim: "a".into(),
                until_ms: 61_000
            }
        );
        // a concurrent copy is busy until the lease ends
        assert_eq!(
            claim(Some(&r), 2_000, 60_000, "b"),
            (
                Claim::Busy {
                    retry_after_ms: 59_000
                },
                None
            )
        );
        // done: every later copy is a duplicate
        let d = complete(Some(&r), 3_000, "a").expect("done");
        assert_eq!(
            claim(Some(&d), 4_000, 60_000, "c"),
            (Claim::Duplicate, None)
        );
        assert_eq!(complete(Some(&d), 5_000, "a"), None);
    }

    #[test]
    fn failures_and_crashes() {
        let (_, r) = claim(None, 0, 1_000, "a");
        let r = r.expect("record");
        // the handler threw: its own claim is released, another's is not
        assert!(release(Some(&r), "a"));
        assert!(!release(Some(&r), "b"));
        assert!(!release(None, "a"));
        // the holder crashed: after the lease, the next delivery takes over
        let (c, taken) = claim(Some(&r), 1_000, 1_000, "b");
        assert_eq!(c, Claim::Granted);
        assert!(
            matches!(taken, Some(Record::Claimed { ref claim, until_ms: 2_000 }) if claim == "b")
        );
        // the late first holder no longer releases the new claim
        assert!(!release(taken.as_ref(), "a"));
    }

    #[test]
    fn retention_and_shards() {
        let d = Record::Done { at_ms: 0 };
        assert!(!prune(&d, DEFAULT_RETENTION_MS, DEFAULT_RETENTION_MS));
        assert!(prune(&d, DEFAULT_RETENTION_MS + 1, DEFAULT_RETENTION_MS));
        let stale = Record::Claimed {
            claim: "x".into(),
            until_ms: 0,
        };
        assert!(prune(
            &stale,
            DEFAULT_RETENTION_MS + 1,
            DEFAULT_RETENTION_MS
        ));
        assert_eq!(shard("msg_1", 1), 0);
        let counts = (0..4000).fold([0u32; 8], |mut acc, i| {
            acc[shard(&format!("msg_{i}"), 8) as usize] += 1;
            acc
        });
        assert!(
            counts.iter().all(|&c| (350..650).contains(&c)),
            "{counts:?}"
        );
        assert_eq!(shard("msg_1", 8), shard("msg_1", 8));
        assert_eq!(shard("anything", 0), 0);
    }

    /// The retention boundary (7 days, 604,800,000 ms: 7 * 24 * 3,600,000) is inclusive for done
    /// ids and for stale claims alike: kept at exactly the retention, dropped one millisecond later.
    #[test]
    fn retention_boundary_is_seven_days_for_both_states() {
        const WEEK_MS: i64 = 604_800_000;
        let done = Record::Done { at_ms: 5 };
        assert!(!prune(&done, 5 + WEEK_MS, DEFAULT_RETENTION_MS));
        assert!(prune(&done, 5 + WEEK_MS + 1, DEFAULT_RETENTION_MS));
        let stale = Record::Claimed {
            claim: "x".into(),
            until_ms: 5,
        };
        assert!(!prune(&stale, 5 + WEEK_MS, DEFAULT_RETENTION_MS));
        assert!(prune(&stale, 5 + WEEK_MS + 1, DEFAULT_RETENTION_MS));
        // a claim whose lease is still running (or just ended) is never pruned
        let live = Record::Claimed {
            claim: "x".into(),
            until_ms: 1_000,
        };
        assert!(!prune(&live, 500, 0));
        assert!(!prune(&live, 1_000, 0));
        assert!(prune(&live, 1_001, 0));
    }
}

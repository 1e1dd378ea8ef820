//! Events: subscription matching against the event catalogue, the fan-out of an event to every
//! subscribed endpoint of its API key (the delivery queue), redelivery, and the bookkeeping of
//! each attempt (delivered, retried on the schedule, failed, or the endpoint disabled by a 410).
//! The HTTP side of a delivery (signing, connecting, the scheduler's loop) is `crate::webhooks`.

use crate::app::Inner;
use crate::clock::{rfc3339, Millis};
use crate::state::{Delivery, State};
use serde_json::{json, Value};

/// True when a subscription pattern matches an event type: `*` matches everything; otherwise
/// segment by segment (split on `.`), where a `*` segment matches any one segment, and a trailing
/// `*` segment one or more (`cashIn.*`, `transaction.*`, `transaction.*.failed`).
pub fn pattern_matches(pattern: &str, event: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let p: Vec<&str> = pattern.split('.').collect();
    let e: Vec<&str> = event.split('.').collect();
    for (i, seg) in p.iter().enumerate() {
        if *seg == "*" && i == p.len() - 1 && i > 0 {
            return e.len() > i;
        }
        match e.get(i) {
            Some(x) if *seg == "*" || seg == x => {}
            _ => return false,
        }
    }
    p.len() == e.len()
}

/// A subscription entry is valid when it is well formed (non-empty segments; `*` only as a whole
/// segment) and matches at least one known event type (`assumptions::known_events`).
pub fn pattern_is_known(pattern: &str) -> bool {
    let well_formed = pattern == "*"
        || pattern
            .split('.')
            .all(|s| !s.is_empty() && (s == "*" || !s.contains('*')));
    well_formed
        && crate::assumptions::known_events()
            .iter()
            .any(|e| pattern_matches(pattern, e))
}

/// True when an endpoint subscribed to `events` gets `event` (`[]` = all but compliance-only).
pub fn subscribed(events: &[String], event: &str) -> bool {
    if events.is_empty() {
        return event != "underReview";
    }
    events.iter().any(|s| pattern_matches(s, event))
}

/// Queues `event_type` with `data` (the full resource) for every enabled, subscribed endpoint of
/// `owner` (the API key the resource belongs to).
pub fn emit(app: &Inner, st: &mut State, owner: &str, event_type: &str, data: Value) {
    let now = app.now();
    st.events_emitted += 1;
    st.rev += 1;
    let targets: Vec<String> = st
        .webhooks
        .rows
        .iter()
        .filter(|w| w.owner == owner && w.enabled && subscribed(&w.events, event_type))
        .map(|w| w.id.clone())
        .collect();
    if targets.is_empty() {
        return;
    }
    let msg_id = st.mint(crate::assumptions::MESSAGE_PREFIX);
    let envelope = json!({ "type": event_type, "timestamp": rfc3339(now), "data": data });
    let payload = bytes::Bytes::from(envelope.to_string());
    for endpoint_id in targets {
        st.queue.push(Delivery {
            msg_id: msg_id.clone(),
            endpoint_id,
            event_type: event_type.to_owned(),
            payload: payload.clone(),
            attempts: 0,
            next_at: now,
            in_flight: false,
        });
    }
    app.wake.notify_one();
}

/// Re-queues a logged message for its endpoint (same `webhook-id`, attempts start again): the
/// inspector's "redeliver". `endpoint_id` `None` = every endpoint that was sent the message.
/// Returns how many deliveries were queued.
pub fn redeliver(app: &Inner, msg_id: &str, endpoint_id: Option<&str>) -> usize {
    let now = app.now();
    let mut st = app.lock();
    let mut seen: Vec<String> = Vec::new();
    let mut queued = Vec::new();
    for d in st.deliveries_log.iter().rev() {
        let (Some(m), Some(e)) = (
            d.get("msgId").and_then(Value::as_str),
            d.get("endpointId").and_then(Value::as_str),
        ) else {
            continue;
        };
        if m != msg_id || endpoint_id.is_some_and(|x| x != e) || seen.iter().any(|s| s == e) {
            continue;
        }
        seen.push(e.to_owned());
        queued.push(Delivery {
            msg_id: m.to_owned(),
            endpoint_id: e.to_owned(),
            event_type: d
                .get("eventType")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            payload: bytes::Bytes::from(
                d.get("rawBody")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            ),
            attempts: 0,
            next_at: now,
            in_flight: false,
        });
    }
    let n = queued.len();
    for d in queued {
        if !st
            .queue
            .iter()
            .any(|q| q.msg_id == d.msg_id && q.endpoint_id == d.endpoint_id)
        {
            st.queue.push(d);
        }
    }
    st.rev += 1;
    app.wake.notify_one();
    n
}

/// Deliveries waiting (queued or being attempted).
pub fn pending(app: &Inner) -> usize {
    app.lock().queue.len()
}

/// Claims the deliveries due at `now` (marked in flight) for the scheduler to attempt.
pub fn take_due(app: &Inner, now: Millis) -> Vec<Delivery> {
    let mut st = app.lock();
    st.queue
        .iter_mut()
        .filter(|d| !d.in_flight && d.next_at <= now)
        .map(|d| {
            d.in_flight = true;
            d.clone()
        })
        .collect()
}

/// Where a claimed delivery goes: `(url, secret)` of its endpoint; `None` (and the delivery
/// leaves the queue) when the endpoint was deleted or disabled meanwhile.
pub fn target(app: &Inner, d: &Delivery) -> Option<(String, String)> {
    let endpoint = {
        let st = app.lock();
        st.webhooks
            .get(&d.endpoint_id)
            .map(|w| (w.url.clone(), w.secret.clone(), w.enabled))
    };
    match endpoint {
        Some((url, secret, true)) => Some((url, secret)),
        _ => {
            let mut st = app.lock();
            st.queue
                .retain(|q| !(q.msg_id == d.msg_id && q.endpoint_id == d.endpoint_id));
            None
        }
    }
}

/// What an attempt got: the receiver's status and `Retry-After` seconds, or why no answer came.
pub type Reply = Result<(u16, Option<i64>), String>;

/// Records an attempt of `d` to `url` (sent with `headers`): 2xx = delivered; 410 = the endpoint
/// is disabled (and its queue dropped); anything else is retried after the next delay of the
/// schedule (at least `Retry-After`, capped at a day), or failed once the schedule is exhausted.
/// Every attempt is logged.
pub fn record_attempt(
    app: &Inner,
    d: &Delivery,
    url: &str,
    headers: &[(String, String)],
    reply: Reply,
) {
    let now = app.now();
    let mut st = app.lock();
    let attempt_no = d.attempts + 1;
    let (status, error, retry_after) = match reply {
        Ok((status, retry_after)) => (Some(status), None, retry_after),
        Err(e) => (None, Some(e), None),
    };
    let schedule = &app.config.webhook_retry_schedule_ms;
    let outcome;
    let mut next_at = None;
    let remove = match status {
        Some(s) if (200..300).contains(&s) => {
            outcome = "delivered";
            true
        }
        Some(410) => {
            outcome = "endpointDisabled";
            if let Some(w) = st.webhooks.get_mut(&d.endpoint_id) {
                w.enabled = false;
                w.updated = now;
            }
            true
        }
        _ => match schedule.get(d.attempts as usize) {
            Some(delay) => {
                let delay = (*delay).max(
                    retry_after
                        .unwrap_or(0)
                        .saturating_mul(1000)
                        .min(86_400_000),
                );
                next_at = Some(now + delay);
                outcome = "retrying";
                false
            }
            None => {
                outcome = "failed";
                true
            }
        },
    };
    if remove {
        st.queue
            .retain(|q| !(q.msg_id == d.msg_id && q.endpoint_id == d.endpoint_id));
        if outcome == "endpointDisabled" {
            let id = d.endpoint_id.clone();
            st.queue.retain(|q| q.endpoint_id != id);
        }
    } else if let Some(q) = st
        .queue
        .iter_mut()
        .find(|q| q.msg_id == d.msg_id && q.endpoint_id == d.endpoint_id)
    {
        q.attempts = attempt_no;
        q.in_flight = false;
        q.next_at = next_at.unwrap_or(now);
    }
    let body: Value = serde_json::from_slice(&d.payload).unwrap_or(Value::Null);
    st.log_delivery(json!({
        "at": rfc3339(now),
        "msgId": d.msg_id,
        "endpointId": d.endpoint_id,
        "url": url,
        "eventType": d.event_type,
        "attempt": attempt_no,
        "status": status,
        "error": error,
        "outcome": outcome,
        "nextAttemptAt": next_at.map(rfc3339),
        "headers": headers.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<serde_json::Map<_, _>>(),
        "body": body,
        "rawBody": String::from_utf8_lossy(&d.payload),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions_match_exact_names_and_patterns() {
        assert!(subscribed(&[], "cashIn.completed"));
        assert!(!subscribed(&[], "underReview"));
        assert!(subscribed(&["cashIn.*".into()], "cashIn.completed"));
        assert!(!subscribed(&["cashIn.*".into()], "cashInX.completed"));
        assert!(subscribed(
            &["transaction.fiatToCrypto.*".into()],
            "transaction.fiatToCrypto.completed"
        ));
        assert!(!subscribed(
            &["cashIn.completed".into()],
            "transaction.fiatToCrypto.completed"
        ));
        // a `*` in any segment (the Get-started page's catch-all)
        let failed = ["transaction.*.failed".to_owned()];
        for t in ["fiatToCrypto", "cryptoToFiat", "cryptoToCrypto"] {
            assert!(subscribed(&failed, &format!("transaction.{t}.failed")));
            assert!(!subscribed(&failed, &format!("transaction.{t}.completed")));
        }
        assert!(!subscribed(&failed, "transaction.failed"));
        assert!(subscribed(
            &["transaction.*".into()],
            "transaction.cryptoToFiat.completed"
        ));
        assert!(subscribed(&["*.completed".into()], "cashIn.completed"));
        assert!(!subscribed(
            &["*.completed".into()],
            "transaction.fiatToCrypto.completed"
        ));
        assert!(subscribed(&["*".into()], "wallet.depositDetected"));
        for ok in [
            "transaction.*.failed",
            "cashIn.*",
            "*",
            "customer.endorsement.granted",
            "customer.*.granted",
        ] {
            assert!(pattern_is_known(ok), "{ok}");
        }
        for bad in [
            "cashIn.complete",
            "foo.*",
            "transaction.*.done",
            "cash*",
            "",
            "a..b",
            "transaction.**",
        ] {
            assert!(!pattern_is_known(bad), "{bad}");
        }
    }
}

//! Webhook events: fan-out to matching endpoints, Standard Webhooks signing, deliveries over
//! HTTP/1.1, retries on the configured schedule (emulator clock), 410 disables the endpoint.
//! Also the scheduler that settles transactions and runs due deliveries.

use crate::clock::rfc3339;
use crate::state::{Delivery, State};
use crate::{App, Inner};
use serde_json::{json, Value};
use std::time::Duration;
use tokio::sync::watch;

/// Signs a delivery: returns the `webhook-signature` header value (`v1,<base64>`).
///
/// The one place that depends on the signing scheme: the core's `oms_wasm::webhook::sign`
/// (Standard Webhooks v1, hex-decoded `whsec_` key).
///
/// # Errors
/// A message when the secret cannot be decoded.
pub fn sign(payload: &[u8], secret: &str, msg_id: &str, timestamp: i64) -> Result<String, String> {
    oms_wasm::webhook::sign(
        payload,
        secret,
        msg_id,
        timestamp,
        oms_wasm::webhook::SecretEncoding::Hex,
    )
    .map(|s| s.signature)
    .map_err(|e| e.message().to_owned())
}

/// True when an endpoint subscribed to `events` gets `event` (`[]` = all but compliance-only;
/// `family.*` wildcards; `*`).
pub fn subscribed(events: &[String], event: &str) -> bool {
    if events.is_empty() {
        return event != "underReview";
    }
    events.iter().any(|s| {
        s == "*"
            || s == event
            || s.strip_suffix(".*").is_some_and(|p| {
                event.len() > p.len() && event.starts_with(p) && event[p.len()..].starts_with('.')
            })
    })
}

/// Queues `event_type` with `data` (the full resource) for every enabled, subscribed endpoint.
pub fn emit(app: &Inner, st: &mut State, event_type: &str, data: Value) {
    let now = app.now();
    st.events_emitted += 1;
    let targets: Vec<String> = st
        .webhooks
        .rows
        .iter()
        .filter(|w| w.enabled && subscribed(&w.events, event_type))
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

/// Runs until `stop`: every tick (or wake-up), settles due transactions and starts due deliveries.
pub async fn scheduler(app: App, mut stop: watch::Receiver<bool>) {
    let tick = Duration::from_millis(app.config.tick_ms);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            _ = app.wake.notified() => {}
            _ = stop.changed() => break,
        }
        run_due(&app);
    }
}

/// Settles due transactions and starts due deliveries (each attempt on its own task).
pub fn run_due(app: &App) {
    let now = app.now();
    crate::handlers::transactions::settle_due(app, now);
    let due: Vec<Delivery> = {
        let mut st = app.lock();
        st.queue
            .iter_mut()
            .filter(|d| !d.in_flight && d.next_at <= now)
            .map(|d| {
                d.in_flight = true;
                d.clone()
            })
            .collect()
    };
    for d in due {
        tokio::spawn(attempt(app.clone(), d));
    }
}

async fn attempt(app: App, d: Delivery) {
    let endpoint = {
        let st = app.lock();
        st.webhooks
            .get(&d.endpoint_id)
            .map(|w| (w.url.clone(), w.secret.clone(), w.enabled))
    };
    let Some((url, secret, true)) = endpoint else {
        let mut st = app.lock();
        st.queue
            .retain(|q| !(q.msg_id == d.msg_id && q.endpoint_id == d.endpoint_id));
        return;
    };
    let ts = app.now().div_euclid(1000);
    let signature = sign(&d.payload, &secret, &d.msg_id, ts);
    let mut headers = vec![
        ("content-type".to_owned(), "application/json".to_owned()),
        ("user-agent".to_owned(), "oms-emulator".to_owned()),
        ("webhook-id".to_owned(), d.msg_id.clone()),
        ("webhook-timestamp".to_owned(), ts.to_string()),
    ];
    let result = match &signature {
        Ok(sig) => {
            headers.push(("webhook-signature".to_owned(), sig.clone()));
            crate::http_client::request(
                "POST",
                &url,
                &headers,
                Some(&d.payload),
                Duration::from_millis(app.config.webhook_timeout_ms),
            )
            .await
            .map_err(|e| e.to_string())
        }
        Err(e) => Err(e.clone()),
    };
    let now = app.now();
    let mut st = app.lock();
    let attempt_no = d.attempts + 1;
    let (status, error, retry_after) = match &result {
        Ok(r) => (
            Some(r.status),
            None,
            r.header("retry-after")
                .and_then(|v| v.trim().parse::<i64>().ok()),
        ),
        Err(e) => (None, Some(e.clone()), None),
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

    /// Cross-check of the core signer against a direct HMAC over `{id}.{timestamp}.{body}`.
    #[test]
    fn core_signer_matches_standard_webhooks() {
        use base64::Engine;
        use hmac::{Hmac, Mac};
        let secret = format!("whsec_{}", "ab".repeat(32));
        let sig = sign(b"{\"a\":1}", &secret, "msg_1", 1_700_000_000).unwrap();
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(&[0xab; 32]).unwrap();
        mac.update(b"msg_1.1700000000.{\"a\":1}");
        let want = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        assert_eq!(sig, format!("v1,{want}"));
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
    }
}

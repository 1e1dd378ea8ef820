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

/// Re-queues a logged message for its endpoint (same `webhook-id`, attempts start again): the
/// inspector's "redeliver". `endpoint_id` `None` = every endpoint that was sent the message.
/// Returns how many deliveries were queued.
pub fn redeliver(app: &Inner, st: &mut State, msg_id: &str, endpoint_id: Option<&str>) -> usize {
    let now = app.now();
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

/// Settles due transactions and starts due deliveries (each attempt on its own task).
pub fn run_due(app: &App) {
    let now = app.now();
    crate::handlers::customers::approve_due(app, now);
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
            deliver(&app, &url, &headers, &d.payload).await
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

/// One delivery attempt: resolves the URL's host, refuses private, link-local and metadata
/// addresses (unless allowed; loopback always passes), and posts to the first allowed address
/// (the checked address is the one connected to, so a second lookup cannot swap it).
async fn deliver(
    app: &App,
    url: &str,
    headers: &[(String, String)],
    payload: &[u8],
) -> Result<crate::http_client::Response, String> {
    let Some((scheme, host, port, path)) = crate::netguard::split_http_url(url) else {
        return Err("not an http(s) URL".into());
    };
    if scheme != "http" {
        return Err("https deliveries are not emulated (no TLS): use an http:// URL".into());
    }
    let timeout = Duration::from_millis(app.config.webhook_timeout_ms);
    let allow_private = app.config.allow_private_webhook_urls;
    let fut = async {
        let addrs: Vec<std::net::SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| format!("cannot resolve {host}: {e}"))?
            .collect();
        let mut refused = None;
        let addr = addrs
            .iter()
            .copied()
            .find(|a| match crate::netguard::blocked_reason(a.ip()) {
                Some(why) if !allow_private => {
                    refused = Some(why);
                    false
                }
                _ => true,
            });
        let Some(addr) = addr else {
            return Err(match refused {
                Some(why) => format!(
                    "refused: {host} resolves to {why} (--allow-private-webhook-urls allows it)"
                ),
                None => format!("cannot resolve {host}"),
            });
        };
        let authority = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let mut conn = crate::http_client::Conn::connect_addr(addr, &authority)
            .await
            .map_err(|e| e.to_string())?;
        let mut h = headers.to_vec();
        h.push(("connection".into(), "close".into()));
        conn.send("POST", &path, &h, Some(payload))
            .await
            .map_err(|e| e.to_string())
    };
    tokio::time::timeout(timeout, fut)
        .await
        .map_err(|_| "request timed out".to_owned())?
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

//! Webhook deliveries, the I/O side: the scheduler that wakes every tick (or when woken), runs
//! due sandbox reviews and settlements (`domain::customers`, `domain::transactions`) and starts
//! due deliveries; each attempt is signed (Standard Webhooks, the core's signer) and posted over
//! HTTP/1.1 to an address that passed the network guard. Which endpoints get an event, and what
//! an attempt's answer means (delivered, retried on the schedule, failed, endpoint disabled), is
//! `domain::events`.

use crate::app::App;
use crate::domain::customers::approve_due;
use crate::domain::events::{self, Reply};
use crate::domain::transactions::settle_due;
use crate::state::Delivery;
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

/// Runs due reviews, settles due transactions and starts due deliveries (each attempt on its
/// own task).
pub fn run_due(app: &App) {
    let now = app.now();
    approve_due(app, now);
    settle_due(app, now);
    for d in events::take_due(app, now) {
        tokio::spawn(attempt(app.clone(), d));
    }
}

async fn attempt(app: App, d: Delivery) {
    let Some((url, secret)) = events::target(&app, &d) else {
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
    let reply: Reply = match &signature {
        Ok(sig) => {
            headers.push(("webhook-signature".to_owned(), sig.clone()));
            deliver(&app, &url, &headers, &d.payload).await.map(|r| {
                let retry_after = r
                    .header("retry-after")
                    .and_then(|v| v.trim().parse::<i64>().ok());
                (r.status, retry_after)
            })
        }
        Err(e) => Err(e.clone()),
    };
    events::record_attempt(&app, &d, &url, &headers, reply);
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
    }
}

use crate::common::*;
use oms_wasm::webhook::{verify, VerifyOptions, WebhookHeaders};
use serde_json::{json, Value};

#[tokio::test]
async fn crud_and_secret_once() {
    let h = H::start().await;
    let r = h
        .post(
            "/webhooks",
            json!({"url": "http://127.0.0.1:9/hook", "events": ["cashIn.*"]}),
        )
        .await;
    assert_eq!(r.status, 201);
    let v = r.json();
    let secret = v["secret"].as_str().unwrap();
    assert!(
        secret.starts_with("whsec_")
            && secret.len() == 6 + 64
            && secret[6..].bytes().all(|b| b.is_ascii_hexdigit())
    );
    assert_eq!(
        (
            v["enabled"].as_bool(),
            v["status"].as_str(),
            v["complianceOnly"].as_bool()
        ),
        (Some(true), Some("active"), Some(false))
    );
    let id = v["id"].as_str().unwrap();
    assert!(id.starts_with("whk_"));
    let g = h.get(&format!("/webhooks/{id}")).await.json();
    assert!(
        g.get("secret").is_none(),
        "secret only in the create response"
    );
    let p = h
        .patch(
            &format!("/webhooks/{id}"),
            json!({"enabled": false, "events": []}),
        )
        .await
        .json();
    assert_eq!(
        (p["enabled"].as_bool(), p["status"].as_str()),
        (Some(false), Some("disabled"))
    );
    assert!(p.get("secret").is_none());
    assert_eq!(
        h.get("/webhooks").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let d = h
        .send(
            "DELETE",
            &format!("/webhooks/{id}"),
            Some(&h.token),
            None,
            None,
        )
        .await;
    assert_eq!(d.status, 200);
    assert_eq!(d.json()["deleted"], true);
    assert_eq!(h.get(&format!("/webhooks/{id}")).await.status, 404);
    assert_eq!(
        h.post("/webhooks", json!({"url": "ftp://x"})).await.status,
        400
    );
    assert_eq!(
        h.post("/webhooks", json!({"events": ["a"]})).await.status,
        400
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn signed_filtered_deliveries_verified_by_the_core() {
    let h = H::start().await;
    let all = Receiver::start(vec![]).await;
    let cash = Receiver::start(vec![]).await;
    let exact = Receiver::start(vec![]).await;
    let s_all = h
        .post("/webhooks", json!({"url": all.url, "events": []}))
        .await
        .json()["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    h.post(
        "/webhooks",
        json!({"url": cash.url, "events": ["wallet.*"]}),
    )
    .await;
    h.post(
        "/webhooks",
        json!({"url": exact.url, "events": ["customer.endorsement.granted"]}),
    )
    .await;
    let paused = Receiver::start(vec![]).await;
    h.post("/webhooks", json!({"url": paused.url, "enabled": false}))
        .await;
    let (_, w) = funded(&h, "1.00").await; // customer.endorsement.granted
    h.control(
        "POST",
        &format!("/wallets/{w}/credit"),
        Some(json!({"amount": "2.00"})),
    )
    .await; // wallet.depositDetected
    eventually("deliveries", || async {
        all.count() >= 2 && cash.count() >= 1 && exact.count() >= 1
    })
    .await;
    assert_eq!(cash.count(), 1);
    assert_eq!(exact.count(), 1);
    assert_eq!(paused.count(), 0);
    for r in all.all() {
        let mut hdrs = WebhookHeaders::new();
        for (k, v) in &r.headers {
            hdrs.append(k, v);
        }
        let now = h.control("GET", "/clock", None).await["nowMs"]
            .as_i64()
            .unwrap()
            / 1000;
        let ok = verify(&r.body, &hdrs, &[s_all.as_str()], &VerifyOptions::at(now))
            .expect("signature verifies");
        assert_eq!(ok.key_encoding.as_str(), "hex");
        assert!(ok.id.starts_with("msg_"));
        assert!(header(&r, "webhook-signature").starts_with("v1,"));
        let body: Value = serde_json::from_slice(&r.body).unwrap();
        assert!(
            body["type"].is_string() && body["timestamp"].is_string() && body["data"].is_object()
        );
        // a wrong secret fails
        let wrong = format!("whsec_{}", "0".repeat(64));
        assert!(verify(&r.body, &hdrs, &[wrong.as_str()], &VerifyOptions::at(now)).is_err());
    }
    let log = h.deliveries().await;
    assert!(log.iter().all(|d| d["outcome"] == "delivered"));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn retries_with_backoff_then_410_disables() {
    // schedule: 0 ms, then 2 s, then 3 s on the emulator clock
    let h = H::with(oms_emulator::Config {
        webhook_retry_schedule_ms: vec![0, 2_000, 3_000],
        ..test_config()
    })
    .await;
    let rx = Receiver::start(vec![500, 503, 500, 200]).await;
    let hook = h
        .post(
            "/webhooks",
            json!({"url": rx.url, "events": ["wallet.depositDetected"]}),
        )
        .await
        .json();
    let c = h.customer(full_customer()).await;
    let (w, _) = h.wallet(&c).await;
    h.control(
        "POST",
        &format!("/wallets/{w}/credit"),
        Some(json!({"amount": "1.00"})),
    )
    .await;
    eventually("first attempt and immediate retry", || async {
        rx.count() >= 2
    })
    .await;
    // the next retry waits 2 s of emulator time
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    assert_eq!(rx.count(), 2, "no early retry");
    h.advance(2.0).await;
    eventually("third attempt", || async { rx.count() >= 3 }).await;
    h.advance(3.0).await;
    eventually("fourth attempt", || async { rx.count() >= 4 }).await;
    eventually("delivered logged", || async {
        h.deliveries()
            .await
            .iter()
            .any(|d| d["outcome"] == "delivered")
    })
    .await;
    let log = h.deliveries().await;
    let outcomes: Vec<&str> = log.iter().map(|d| d["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["retrying", "retrying", "retrying", "delivered"]);
    let ids: Vec<String> = rx
        .all()
        .iter()
        .map(|r| header(r, "webhook-id").to_owned())
        .collect();
    assert!(
        ids.windows(2).all(|p| p[0] == p[1]),
        "webhook-id is stable across retries"
    );

    // 410 disables the endpoint: no retry, enabled=false
    let gone = Receiver::start(vec![410]).await;
    let g = h
        .post(
            "/webhooks",
            json!({"url": gone.url, "events": ["wallet.depositDetected"]}),
        )
        .await
        .json();
    h.control(
        "POST",
        &format!("/wallets/{w}/credit"),
        Some(json!({"amount": "1.00"})),
    )
    .await;
    let gid = g["id"].as_str().unwrap().to_owned();
    eventually("disabled", || async {
        h.get(&format!("/webhooks/{gid}")).await.json()["enabled"] == false
    })
    .await;
    let v = h.get(&format!("/webhooks/{gid}")).await.json();
    assert_eq!(v["status"], "disabled");
    h.advance(10.0).await;
    h.control("POST", "/tick", None).await;
    h.control(
        "POST",
        &format!("/wallets/{w}/credit"),
        Some(json!({"amount": "1.00"})),
    )
    .await;
    eventually("the healthy endpoint got both", || async {
        rx.count() >= 6
    })
    .await;
    assert_eq!(gone.count(), 1);
    assert_eq!(hook["enabled"], true);

    // exhausted retries end as failed
    let h2 = H::with(oms_emulator::Config {
        webhook_retry_schedule_ms: vec![0],
        ..test_config()
    })
    .await;
    let bad = Receiver::start(vec![500, 500, 500]).await;
    h2.post("/webhooks", json!({"url": bad.url})).await;
    h2.customer(json!({"type": "individual"})).await;
    eventually("failed", || async {
        h2.deliveries()
            .await
            .iter()
            .any(|d| d["outcome"] == "failed")
    })
    .await;
    assert_eq!(bad.count(), 2);
    h2.emu.shutdown().await;
    h.emu.shutdown().await;
}

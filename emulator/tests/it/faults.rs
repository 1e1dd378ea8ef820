use crate::common::*;
use serde_json::json;
use std::time::Instant;

#[tokio::test]
async fn injected_statuses_drop_latency_and_determinism() {
    let h = H::start().await;
    h.control("PUT", "/faults", Some(json!({"rules": [
        {"method": "GET", "path": "/customers", "rateLimit429": 1.0, "retryAfterSeconds": 7, "times": 1},
        {"method": "GET", "path": "/webhooks", "error500": 1.0},
        {"path": "/customers/*", "error503": 1.0},
        {"path": "/cash-ins/**", "drop": 1.0},
        {"path": "/transactions", "latencyMs": 150}
    ]}))).await;
    let r = h.get("/customers").await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("7"));
    let e = err_of(&r);
    assert_eq!((e.code(), e.retry_after_seconds), ("rate_limited", Some(7)));
    assert_eq!(h.get("/customers").await.status, 200, "times: 1");
    assert_eq!(h.get("/webhooks").await.status, 500);
    assert_eq!(h.get("/customers/cst_x").await.status, 503);
    let hdrs = vec![("authorization".to_owned(), format!("Bearer {}", h.token))];
    let dropped = oms_emulator::http_client::request(
        "GET",
        &format!("{}/cash-ins/ci_1", h.base),
        &hdrs,
        None,
        T,
    )
    .await;
    assert!(dropped.is_err(), "connection closed without a response");
    let t0 = Instant::now();
    assert_eq!(h.get("/transactions").await.status, 200);
    assert!(t0.elapsed().as_millis() >= 150);
    let cfg = h.control("GET", "/faults", None).await;
    assert_eq!(cfg["rules"][0]["fired"], 1);
    // the request log records faults and drops
    let log = h.requests().await;
    assert!(log
        .iter()
        .any(|e| e["fault"] == "drop" && e["dropped"] == true));
    assert!(log
        .iter()
        .any(|e| e["fault"] == "rateLimit429" && e["status"] == 429));
    h.control("DELETE", "/faults", None).await;
    assert_eq!(h.get("/webhooks").await.status, 200);

    // probabilities are rolled with the seeded generator: the same seed gives the same sequence
    let mut runs = Vec::new();
    for _ in 0..2 {
        h.control(
            "PUT",
            "/faults",
            Some(json!({"seed": 42, "rules": [{"path": "/webhooks", "error500": 0.5}]})),
        )
        .await;
        let mut seq = Vec::new();
        for _ in 0..20 {
            seq.push(h.get("/webhooks").await.status);
        }
        runs.push(seq);
    }
    assert_eq!(runs[0], runs[1]);
    assert!(runs[0].contains(&500) && runs[0].contains(&200));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn request_log_redacts_and_reset_clears() {
    let h = H::start().await;
    h.customer(json!({"type": "individual", "firstName": "Log"}))
        .await;
    let log = h.requests().await;
    let token = log
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with("/auth/token"))
        .unwrap();
    assert_eq!(token["body"]["apiSecret"], "[redacted]");
    let create = log
        .iter()
        .find(|e| e["method"] == "POST" && e["path"].as_str().unwrap().ends_with("/customers"))
        .unwrap();
    assert_eq!(create["headers"]["authorization"], "[redacted]");
    assert_eq!(create["status"], 201);
    assert_eq!(create["body"]["firstName"], "Log");
    assert!(create["idempotencyKey"].is_string());
    assert_eq!(create["path"].as_str().unwrap(), "/v0.9/customers");
    let only = h
        .control("GET", "/requests?method=POST&path=/customers", None)
        .await;
    assert_eq!(only["data"].as_array().unwrap().len(), 1);
    // reset: data, tokens, logs, clock
    h.advance(100.0).await;
    h.control("POST", "/reset", None).await;
    assert_eq!(h.get("/customers").await.status, 401, "tokens are gone too");
    assert!(h.requests().await.len() <= 1);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn seed_data_demo() {
    let h = H::with(oms_emulator::Config {
        seed_data: Some(json!("demo")),
        ..test_config()
    })
    .await;
    let v = h.get("/customers?externalId=demo-alice").await.json();
    let c = &v["data"][0];
    let w = c["wallets"][0]["id"].as_str().unwrap();
    assert_eq!(h.balance(w).await, "1000.00");
    h.emu.shutdown().await;
}

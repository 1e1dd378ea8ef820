use crate::common::*;
use oms_wasm::error::ApiErrorKind;
use serde_json::json;

#[tokio::test]
async fn token_exchange_and_401s() {
    let h = H::with(oms_emulator::Config {
        token_ttl_secs: 3600,
        ..test_config()
    })
    .await;
    // no Authorization header needed on /auth/token; expiresIn/expiresAt present
    let r = h
        .post_raw(
            "/auth/token",
            None,
            None,
            json!({"apiKey": h.emu.api_key(), "apiSecret": h.emu.api_secret()}),
        )
        .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["tokenType"], "bearer");
    assert_eq!(v["expiresIn"], 3600);
    assert!(v["expiresAt"].as_str().unwrap().ends_with('Z'));
    assert!(v["accessToken"].as_str().unwrap().starts_with("eyJ"));

    // wrong secret
    let r = h
        .post_raw(
            "/auth/token",
            None,
            None,
            json!({"apiKey": h.emu.api_key(), "apiSecret": "nope"}),
        )
        .await;
    assert_eq!(r.status, 401);
    assert_eq!(
        err_of(&r).server_code.as_deref(),
        Some("invalid_credentials")
    );
    // missing / invalid token
    let r = h.send("GET", "/customers", None, None, None).await;
    assert_eq!(r.status, 401);
    let e = err_of(&r);
    assert_eq!(
        (e.kind, e.server_code.as_deref()),
        (ApiErrorKind::Unauthorized, Some("unauthorized"))
    );
    let r = h
        .send("GET", "/customers", Some("garbage"), None, None)
        .await;
    assert_eq!(r.status, 401);
    // valid token works until it expires on the emulator clock
    assert_eq!(h.get("/customers").await.status, 200);
    h.advance(3599.0).await;
    assert_eq!(h.get("/customers").await.status, 200);
    h.advance(2.0).await;
    let r = h.get("/customers").await;
    assert_eq!(r.status, 401);
    assert!(err_of(&r).message.contains("expired"));
    // a fresh token works again
    let t = h.token_for(h.emu.api_key(), h.emu.api_secret()).await;
    assert_eq!(
        h.send("GET", "/customers", Some(&t), None, None)
            .await
            .status,
        200
    );
    // issuing it did not forget the expired one yet (expired tokens are dropped only past 10,000
    // stored): still "expired", not "invalid"
    let r = h.get("/customers").await;
    assert_eq!(r.status, 401);
    assert!(err_of(&r).message.contains("expired"));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn configurable_prefix_and_ttl() {
    let h = H::with(oms_emulator::Config {
        prefix: "/v0.13".into(),
        token_ttl_secs: 60,
        ..test_config()
    })
    .await;
    assert!(h.base.ends_with("/v0.13"));
    let r = h
        .post_raw(
            "/auth/token",
            None,
            None,
            json!({"apiKey": h.emu.api_key(), "apiSecret": h.emu.api_secret()}),
        )
        .await;
    assert_eq!(r.json()["expiresIn"], 60);
    let wrong = format!("{}/v0.9/customers", h.emu.origin());
    let r = h.send("GET", &wrong, Some(&h.token), None, None).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "route_not_found");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn revoked_tokens_get_401_and_a_new_exchange_works() {
    let h = H::start().await;
    assert_eq!(h.get("/customers").await.status, 200);
    let v = h.control("POST", "/tokens/revoke", Some(json!({}))).await;
    assert_eq!(v["ok"], true);
    assert!(v["revoked"].as_u64().unwrap() >= 1);
    let r = h.get("/customers").await;
    assert_eq!(r.status, 401);
    // a fresh exchange is valid again
    let t = h
        .post_raw(
            "/auth/token",
            None,
            None,
            json!({"apiKey": h.emu.api_key(), "apiSecret": h.emu.api_secret()}),
        )
        .await
        .json();
    let tok = t["accessToken"].as_str().unwrap();
    assert_eq!(
        h.send("GET", "/customers", Some(tok), None, None)
            .await
            .status,
        200
    );
}

/// Expired tokens are dropped once more than `token_store_max` are stored: until then an expired
/// token is answered "expired", afterwards "invalid"; tokens still valid are kept.
#[tokio::test]
async fn expired_tokens_are_dropped_past_the_store_limit() {
    let h = H::with(oms_emulator::Config {
        token_store_max: 2,
        token_ttl_secs: 60,
        start_time_ms: Some(1_796_126_400_000),
        ..test_config()
    })
    .await;
    let (k, s) = (h.emu.api_key().to_owned(), h.emu.api_secret().to_owned());
    let message = |r: &oms_emulator::http_client::Response| err_of(r).message.clone();
    // the first token (H's) expires exactly now
    h.advance(60.0).await;
    let b = h.token_for(&k, &s).await; // two stored: nothing dropped
    let r = h.get("/customers").await;
    assert_eq!(r.status, 401);
    assert!(message(&r).contains("expired"), "{}", message(&r));
    let c = h.token_for(&k, &s).await; // three: the expired one is dropped
    let r = h.get("/customers").await;
    assert_eq!(r.status, 401);
    assert!(message(&r).contains("invalid"), "{}", message(&r));
    for t in [&b, &c] {
        let ok = h.send("GET", "/customers", Some(t), None, None).await;
        assert_eq!(ok.status, 200);
    }
    h.emu.shutdown().await;
}

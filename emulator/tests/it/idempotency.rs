use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn missing_key_replay_and_conflict() {
    let h = H::start().await;
    let tok = h.token.clone();
    // missing key → 400, nothing created
    let r = h
        .send(
            "POST",
            "/customers",
            Some(&tok),
            None,
            Some(json!({"type": "individual"})),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["code"], "idempotency_key_missing");
    // first request creates
    let body = json!({"type": "individual", "firstName": "Ida", "email": "ida@example.com"});
    let a = h
        .send(
            "POST",
            "/customers",
            Some(&tok),
            Some("cst-first-customer-001"),
            Some(body.clone()),
        )
        .await;
    assert_eq!(a.status, 201);
    // same key, same body (different key order / whitespace) → same status and body, replay header
    let same = json!({"email": "ida@example.com", "firstName": "Ida", "type": "individual"});
    let b = h
        .send(
            "POST",
            "/customers",
            Some(&tok),
            Some("cst-first-customer-001"),
            Some(same),
        )
        .await;
    assert_eq!(b.status, 201);
    assert_eq!(b.body, a.body);
    assert_eq!(b.header("idempotent-replayed"), Some("true"));
    // no second side effect
    let list = h.get("/customers").await.json();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    // same key, different body → 409
    let c = h
        .send(
            "POST",
            "/customers",
            Some(&tok),
            Some("cst-first-customer-001"),
            Some(json!({"type": "individual", "firstName": "Other"})),
        )
        .await;
    assert_eq!(c.status, 409);
    assert_eq!(c.json()["error"]["code"], "idempotency_key_reused");
    // a rejected request (4xx) changed nothing and is not stored: the same key runs again
    let bad = json!({"type": "individual", "phone": "not a phone"});
    let v1 = h
        .send(
            "POST",
            "/customers",
            Some(&tok),
            Some("bad-1"),
            Some(bad.clone()),
        )
        .await;
    let v2 = h
        .send("POST", "/customers", Some(&tok), Some("bad-1"), Some(bad))
        .await;
    assert_eq!((v1.status, v2.status), (400, 400));
    assert_eq!(v2.header("idempotent-replayed"), None);
    // the request log records the key and the replay
    let log = h.requests().await;
    let replays = log.iter().filter(|e| e["replayed"] == true).count();
    assert_eq!(replays, 1);
    assert!(log
        .iter()
        .any(|e| e["idempotencyKey"] == "cst-first-customer-001"));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn scope_is_api_key_method_and_path() {
    let cfg = oms_emulator::Config {
        api_keys: vec![
            ("sk_sdbx_one".into(), "s1".into()),
            ("sk_sdbx_two".into(), "s2".into()),
        ],
        ..test_config()
    };
    let h = H::with(cfg).await;
    let t2 = h.token_for("sk_sdbx_two", "s2").await;
    let body = json!({"type": "individual", "firstName": "Sam"});
    let a = h
        .send(
            "POST",
            "/customers",
            Some(&h.token),
            Some("shared"),
            Some(body.clone()),
        )
        .await;
    let b = h
        .send(
            "POST",
            "/customers",
            Some(&t2),
            Some("shared"),
            Some(body.clone()),
        )
        .await;
    assert_eq!((a.status, b.status), (201, 201));
    assert_ne!(
        a.json()["id"],
        b.json()["id"],
        "a key is scoped per API key"
    );
    // same key on another path is a different scope
    let c = h.json_id(&a);
    let w = h
        .send(
            "POST",
            &format!("/customers/{c}/wallets"),
            Some(&h.token),
            Some("shared"),
            Some(json!({"asset": "usdc", "chain": "polygon"})),
        )
        .await;
    assert_eq!(w.status, 201);
    // and data is scoped per API key: each key lists its own customer only
    assert_eq!(
        h.get("/customers").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    h.emu.shutdown().await;
}

/// The case: a cash-in refused with 422 "provider account not provisioned" is retried with
/// the same Idempotency-Key after the customer is completed, and runs (no stale 422 replayed).
#[tokio::test]
async fn a_rejected_request_is_not_stored_so_the_retry_runs() {
    let h = H::start().await;
    let c = h
        .customer(json!({"type": "individual", "firstName": "Ida"}))
        .await;
    let (w, _) = h.wallet(&c).await;
    let loc = h
        .get("/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336")
        .await
        .json()["data"][0]
        .clone();
    let body = json!({"customerId": c, "source": {"asset": "usd", "indicatedAmount": "100.00"},
        "destination": {"wallet": {"wallet": w}, "asset": "usdc", "network": "polygon"},
        "cash": {"cashLocationId": loc["id"], "cashLocationReference": loc["locationReference"]}});
    let send = || {
        h.send(
            "POST",
            "/cash-ins",
            Some(&h.token),
            Some("ci-first-001"),
            Some(body.clone()),
        )
    };
    let r1 = send().await;
    assert_eq!(r1.status, 422);
    assert_eq!(err_of(&r1).code(), "provider_account_not_provisioned");
    let p = h
        .patch(
            &format!("/customers/{c}"),
            json!({"phone": "+12125551234", "birthDate": "1990-05-15",
                   "residentialAddress": {"line1": "123 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001"},
                   "identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}]}),
        )
        .await;
    assert_eq!(p.status, 200);
    let r2 = send().await;
    assert_eq!(r2.status, 201, "{}", r2.text());
    assert_eq!(r2.header("idempotent-replayed"), None);
    // from now on the success is what the key replays
    let r3 = send().await;
    assert_eq!(r3.status, 201);
    assert_eq!(r3.header("idempotent-replayed"), Some("true"));
    assert_eq!(r3.body, r2.body);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn retry_after_fault_executes_once() {
    let h = H::start().await;
    let (c, w) = funded(&h, "100.00").await;
    // the first POST /quotes gets a 503 (no side effect, not stored); the retry with the same key runs
    h.control("PUT", "/faults", Some(json!({"seed": 1, "rules": [{"method": "POST", "path": "/quotes", "error503": 1.0, "times": 1}]}))).await;
    let q = json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon", "amount": "10.00"},
                   "destination": {"asset": "usdc", "network": "polygon", "wallet": {"blockchainAddress": "0x000000000000000000000000000000000000dEaD"}}});
    let r1 = h
        .send(
            "POST",
            "/quotes",
            Some(&h.token),
            Some("qt-send-001"),
            Some(q.clone()),
        )
        .await;
    assert_eq!(r1.status, 503);
    let r2 = h
        .send(
            "POST",
            "/quotes",
            Some(&h.token),
            Some("qt-send-001"),
            Some(q.clone()),
        )
        .await;
    assert_eq!(r2.status, 201);
    let qid = r2.json()["id"].as_str().unwrap().to_owned();
    // the response of POST /transactions is lost (connection dropped after processing); the retry
    // with the same key replays it: one transaction, one debit
    h.control("PUT", "/faults", Some(json!({"rules": [{"method": "POST", "path": "/transactions", "dropAfterProcessing": 1.0, "times": 1}]}))).await;
    let t = json!({"quoteId": qid});
    let hdrs = vec![
        ("authorization".to_owned(), format!("Bearer {}", h.token)),
        ("idempotency-key".to_owned(), "txn-001".to_owned()),
        ("content-type".to_owned(), "application/json".to_owned()),
    ];
    let lost = oms_emulator::http_client::request(
        "POST",
        &format!("{}/transactions", h.base),
        &hdrs,
        Some(t.to_string().as_bytes()),
        T,
    )
    .await;
    assert!(
        lost.is_err(),
        "the connection was dropped without a response"
    );
    let r = h
        .send(
            "POST",
            "/transactions",
            Some(&h.token),
            Some("txn-001"),
            Some(t),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.header("idempotent-replayed"), Some("true"));
    let list = h.get("/transactions").await.json();
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(h.balance(&w).await, "90.00"); // one debit of the 10.00 gross
    h.emu.shutdown().await;
}

impl H {
    pub fn json_id(&self, r: &oms_emulator::http_client::Response) -> String {
        r.json()["id"].as_str().unwrap().to_owned()
    }
}

/// PATCH (and DELETE) take an optional key, replayed like a POST's; a GET's key is ignored; a key
/// is 1 to 255 printable ASCII characters.
#[tokio::test]
async fn optional_keys_on_patch_ignored_on_get_and_key_limits() {
    let h = H::start().await;
    let c = h
        .customer(json!({"type": "individual", "firstName": "Ida"}))
        .await;
    let path = format!("/customers/{c}");
    let tok = h.token.clone();
    let patch = |key: Option<&'static str>, name: &'static str| {
        h.send(
            "PATCH",
            &path,
            Some(&tok),
            key,
            Some(json!({ "firstName": name })),
        )
    };
    // without a key a PATCH runs
    assert_eq!(patch(None, "Ada").await.status, 200);
    // with one, the same key again replays the stored answer
    let p1 = patch(Some("patch-1"), "Bea").await;
    assert_eq!(p1.status, 200);
    assert_eq!(p1.header("idempotent-replayed"), None);
    let p2 = patch(Some("patch-1"), "Bea").await;
    assert_eq!(p2.header("idempotent-replayed"), Some("true"));
    assert_eq!(p2.body, p1.body);
    // the replay keeps the stored Content-Type
    assert_eq!(p2.header("content-type"), Some("application/json"));
    // a GET's key is not an idempotency key: never stored, never replayed
    for _ in 0..2 {
        let g = h.send("GET", &path, Some(&tok), Some("get-1"), None).await;
        assert_eq!(g.status, 200);
        assert_eq!(g.header("idempotent-replayed"), None);
    }
    // key limits, on a POST
    let post = |key: String| {
        h.send(
            "POST",
            "/customers",
            Some(&h.token),
            Some(Box::leak(key.into_boxed_str())),
            Some(json!({"type": "individual"})),
        )
    };
    assert_eq!(post("k".repeat(255)).await.status, 201);
    for bad in ["k".repeat(256), "a\tb".to_owned()] {
        let r = post(bad).await;
        assert_eq!(r.status, 400);
        assert_eq!(r.json()["error"]["code"], "idempotency_key_invalid");
    }
    h.emu.shutdown().await;
}

/// A stored answer is kept for 24 hours (assumptions::IDEMPOTENCY_RETENTION_MS) and no longer: up
/// to the last millisecond the key replays, from then on the request runs again.
#[tokio::test]
async fn records_expire_after_24_hours() {
    // a frozen clock: it moves only when advanced, so the boundary is exact
    let h = H::with(oms_emulator::Config {
        start_time_ms: Some(1_796_126_400_000),
        ..test_config()
    })
    .await;
    let (k, s) = (h.emu.api_key().to_owned(), h.emu.api_secret().to_owned());
    let body = json!({"type": "individual", "firstName": "Ida"});
    let send = |tok: String| {
        let body = body.clone();
        let h = &h;
        async move {
            h.send(
                "POST",
                "/customers",
                Some(&tok),
                Some("keep-24h"),
                Some(body),
            )
            .await
        }
    };
    let first = send(h.token.clone()).await;
    assert_eq!(first.status, 201);
    h.advance(86_399.999).await;
    let tok = h.token_for(&k, &s).await;
    let replay = send(tok.clone()).await;
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(replay.body, first.body);
    h.advance(0.001).await;
    let again = send(tok).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), None);
    assert_ne!(h.json_id(&again), h.json_id(&first));
    h.emu.shutdown().await;
}

use crate::common::*;
use oms_emulator::money::parse;
use serde_json::{json, Value};

fn m(v: &Value) -> i128 {
    parse(v.as_str().unwrap_or_else(|| panic!("decimal string: {v}"))).unwrap()
}

fn check_invariants(q: &Value) {
    for side in ["source", "destination"] {
        let s = &q[side];
        let f = &s["feesDeducted"];
        let gas = if f.get("gas").is_some() {
            m(&f["gas"])
        } else {
            0
        };
        assert_eq!(
            m(&f["total"]),
            m(&f["developer"]) + m(&f["oms"]) + gas,
            "{side} total"
        );
        assert_eq!(
            m(&s["amountNet"]),
            m(&s["amountGross"]) - m(&f["total"]),
            "{side} net"
        );
    }
    let rate = m(&q["rates"]["exchangeRate"]);
    assert_eq!(
        m(&q["source"]["amountNet"]) * rate / 1_000_000,
        m(&q["destination"]["amountGross"])
    );
}

fn quote_body(c: &str, w: &str, side: &str, amount: &str, dest: Value) -> Value {
    let mut q = json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon"},
                       "destination": {"asset": "usdc", "network": "polygon", "wallet": dest}});
    q[side]["amount"] = json!(amount);
    q
}

#[tokio::test]
async fn fee_arithmetic() {
    let h = H::start().await;
    let (c, w) = funded(&h, "1000.00").await;
    let dest = json!({"blockchainAddress": "0x000000000000000000000000000000000000dEaD"});
    // the quote system page's worked example
    let q = h
        .post(
            "/quotes",
            quote_body(&c, &w, "source", "100.00", dest.clone()),
        )
        .await
        .json();
    check_invariants(&q);
    let s = &q["source"];
    assert_eq!(
        s["feesDeducted"],
        json!({"total": "0.58", "developer": "0.20", "oms": "0.35", "gas": "0.03"})
    );
    assert_eq!(
        (s["amountGross"].as_str(), s["amountNet"].as_str()),
        (Some("100.00"), Some("99.42"))
    );
    assert_eq!(q["destination"]["amountGross"], "99.42");
    assert_eq!(
        q["rates"],
        json!({"exchangeRate": "1.0", "effectiveRate": "0.9942", "pair": "usdc/usdc"})
    );
    assert_eq!(
        (
            q["status"].as_str(),
            q["fixedAmountSide"].as_str(),
            q["type"].as_str()
        ),
        (Some("open"), Some("source"), Some("cryptoToCrypto"))
    );
    assert_eq!(q["sponsorGasCost"], "0");
    // destination side fixed: the invariants still hold exactly
    for amt in ["99.42", "10.00", "33.33", "1234.56"] {
        let q = h
            .post(
                "/quotes",
                quote_body(&c, &w, "destination", amt, dest.clone()),
            )
            .await
            .json();
        check_invariants(&q);
        assert_eq!(q["destination"]["amountNet"].as_str(), Some(amt));
        assert_eq!(q["fixedAmountSide"], "destination");
    }
    assert_eq!(
        h.post(
            "/quotes",
            quote_body(&c, &w, "destination", "99.42", dest.clone())
        )
        .await
        .json()["source"]["amountGross"],
        "100.00"
    );
    // sponsorGas: gas leaves the breakdown
    let mut b = quote_body(&c, &w, "source", "100.00", dest.clone());
    b["sponsorGas"] = json!(true);
    let q = h.post("/quotes", b).await.json();
    check_invariants(&q);
    assert!(q["source"]["feesDeducted"].get("gas").is_none());
    assert_eq!(q["source"]["amountNet"], "99.45");
    // odd amounts round half-up to the cent
    let q = h
        .post(
            "/quotes",
            quote_body(&c, &w, "source", "12.345678", dest.clone()),
        )
        .await
        .json();
    check_invariants(&q);
    // rules
    let mut both = quote_body(&c, &w, "source", "1.00", dest.clone());
    both["destination"]["amount"] = json!("1.00");
    assert_eq!(h.post("/quotes", both).await.status, 400);
    let mut fiat = quote_body(&c, &w, "source", "1.00", dest.clone());
    fiat["source"]["asset"] = json!("usd");
    fiat["source"]["network"] = json!("cash");
    assert_eq!(
        err_of(&h.post("/quotes", fiat).await)
            .server_code
            .as_deref(),
        Some("fiat_source_not_supported")
    );
    assert_eq!(
        h.post(
            "/quotes",
            quote_body(
                &c,
                &w,
                "source",
                "1.00",
                json!({"blockchainAddress": "0x12"})
            )
        )
        .await
        .status,
        400
    );
    assert_eq!(
        h.post("/quotes", quote_body(&c, &w, "source", "-1", dest.clone()))
            .await
            .status,
        400
    );
    assert_eq!(
        h.post("/quotes", quote_body(&c, &w, "source", "0.02", dest))
            .await
            .status,
        422
    );
    assert_eq!(h.get("/quotes/qt_nope").await.status, 404);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn execute_expiry_balances_and_events() {
    let h = H::with(oms_emulator::Config {
        settle_delay_ms: 60_000,
        ..test_config()
    })
    .await;
    let rx = Receiver::start(vec![]).await;
    h.post(
        "/webhooks",
        json!({"url": rx.url, "events": ["transaction.cryptoToCrypto.*"]}),
    )
    .await;
    let (alice, aw) = funded(&h, "50.00").await;
    let bob = h.customer(full_customer()).await;
    let (bw, _) = h.wallet(&bob).await;

    // expiry (5 minutes by default) on the emulator clock
    let q = h
        .post(
            "/quotes",
            quote_body(&alice, &aw, "source", "10.00", json!({"id": bw})),
        )
        .await
        .json();
    let qid = q["id"].as_str().unwrap().to_owned();
    h.advance(301.0).await;
    assert_eq!(
        h.get(&format!("/quotes/{qid}")).await.json()["status"],
        "expired"
    );
    let r = h.post("/transactions", json!({"quoteId": qid})).await;
    assert_eq!(
        (r.status, err_of(&r).server_code.as_deref()),
        (422, Some("quote_expired"))
    );

    // insufficient funds
    let q = h
        .post(
            "/quotes",
            quote_body(&alice, &aw, "source", "60.00", json!({"id": bw})),
        )
        .await
        .json();
    let r = h.post("/transactions", json!({"quoteId": q["id"]})).await;
    assert_eq!(
        (r.status, err_of(&r).server_code.as_deref()),
        (422, Some("insufficient_funds"))
    );

    // execute: debit now, processing, accepted quote cannot be executed again
    let q = h
        .post(
            "/quotes",
            quote_body(&alice, &aw, "source", "20.00", json!({"id": bw})),
        )
        .await
        .json();
    let t = h
        .post(
            "/transactions",
            json!({"quoteId": q["id"], "partnerTransactionId": 42}),
        )
        .await;
    assert_eq!(t.status, 201, "{}", t.text());
    let t = t.json();
    assert_eq!(
        (t["status"].as_str(), t["type"].as_str()),
        (Some("processing"), Some("cryptoToCrypto"))
    );
    assert_eq!(t["partnerTransactionId"], 42);
    assert_eq!(t["senderCustomerId"].as_str(), Some(alice.as_str()));
    assert_eq!(t["recipientCustomerId"].as_str(), Some(bob.as_str()));
    assert_eq!(
        h.get(&format!("/quotes/{}", q["id"].as_str().unwrap()))
            .await
            .json()["status"],
        "accepted"
    );
    let again = h.post("/transactions", json!({"quoteId": q["id"]})).await;
    assert_eq!(
        (again.status, err_of(&again).server_code.as_deref()),
        (409, Some("quote_not_open"))
    );
    assert_eq!(h.balance(&aw).await, "30.00");
    assert_eq!(h.balance(&bw).await, "0.00");
    // settles when the clock reaches settle time
    let tid = t["id"].as_str().unwrap().to_owned();
    h.advance(61.0).await;
    let done = h.get(&format!("/transactions/{tid}")).await.json();
    assert_eq!(done["status"], "completed");
    assert!(done["completedAt"].is_string());
    assert!(done["destination"]["txHash"]
        .as_str()
        .unwrap()
        .starts_with("0x"));
    assert_eq!(h.balance(&bw).await, "19.86");
    // roles on customer-scoped reads
    let mine = h
        .get(&format!("/customers/{bob}/transactions"))
        .await
        .json();
    assert_eq!(mine["data"][0]["role"], "recipient");
    assert_eq!(
        h.get(&format!("/transactions/{tid}?senderCustomerId={alice}"))
            .await
            .json()["role"],
        "sender"
    );
    // wallet history
    assert_eq!(
        h.get(&format!("/accounts/{aw}/transactions")).await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // failure: refund + failed event
    let q = h
        .post(
            "/quotes",
            quote_body(&alice, &aw, "source", "5.00", json!({"id": bw})),
        )
        .await
        .json();
    let t2 = h
        .post("/transactions", json!({"quoteId": q["id"]}))
        .await
        .json();
    assert_eq!(h.balance(&aw).await, "25.00");
    let tid2 = t2["id"].as_str().unwrap();
    let f = h
        .control(
            "POST",
            &format!("/transactions/{tid2}/settle"),
            Some(json!({"outcome": "failed"})),
        )
        .await;
    assert_eq!(f["status"], "failed");
    assert_eq!(f["error"]["code"], "settlement_failed");
    assert_eq!(h.balance(&aw).await, "30.00");

    eventually("completed and failed events", || async { rx.count() >= 2 }).await;
    let types: Vec<String> = rx
        .all()
        .iter()
        .map(|r| {
            serde_json::from_slice::<Value>(&r.body).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        types,
        [
            "transaction.cryptoToCrypto.completed",
            "transaction.cryptoToCrypto.failed"
        ]
    );
    h.emu.shutdown().await;
}

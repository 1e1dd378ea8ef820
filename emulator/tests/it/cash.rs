use crate::common::*;
use oms_emulator::http_client::Response;
use serde_json::{json, Value};

async fn locations(h: &H) -> Vec<Value> {
    let r = h
        .get("/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["data"].as_array().unwrap().clone()
}

fn cash_in(c: &str, w: &str, loc: &Value, amount: Option<&str>) -> Value {
    let mut b = json!({"customerId": c, "source": {"asset": "usd", "network": "cash"},
        "destination": {"wallet": {"id": w}, "asset": "usdc", "network": "polygon"},
        "cash": {"locationId": loc["id"], "locationReference": loc["locationReference"]}});
    if let Some(a) = amount {
        b["source"]["indicatedAmount"] = json!(a);
    }
    b
}

#[tokio::test]
async fn locations_and_references() {
    let h = H::start().await;
    let locs = locations(&h).await;
    assert_eq!(locs.len(), 5);
    for l in &locs {
        assert!(l["id"].as_str().unwrap().starts_with("loc_"));
        use base64::Engine;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(l["locationReference"].as_str().unwrap())
            .unwrap();
        let text = String::from_utf8(raw).unwrap();
        assert!(
            text.starts_with("GREENDOT-") && text.contains(":lat="),
            "{text}"
        );
    }
    // the documented example point: the first reference decodes to that point
    assert!(locs[0]["locationReference"].as_str().unwrap().len() > 20);
    assert_eq!(locations(&h).await, locs, "deterministic");
    assert_eq!(h.get("/cash-locations?provider=greendot").await.status, 400);
    assert_eq!(
        h.get("/cash-locations?provider=acme&latitude=1&longitude=2")
            .await
            .status,
        422
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn deposit_code_expiry_refresh_and_simulated_completion() {
    let h = H::start().await;
    let rx = Receiver::start(vec![]).await;
    h.post(
        "/webhooks",
        json!({"url": rx.url, "events": ["cashIn.*", "transaction.fiatToCrypto.*"]}),
    )
    .await;
    let c = h.customer(full_customer()).await;
    let (w, _) = h.wallet(&c).await;
    let loc = locations(&h)
        .await
        .into_iter()
        .find(|l| !l["name"].as_str().unwrap().starts_with("Walmart"))
        .unwrap();
    // both documented spellings (cash.cashLocationId, wallet.wallet) are accepted
    let mut body = cash_in(&c, &w, &loc, None);
    body["destination"]["wallet"] = json!({"wallet": w});
    body["cash"] =
        json!({"cashLocationId": loc["id"], "cashLocationReference": loc["locationReference"]});
    let r = h.post("/cash-ins", body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let ci = r.json();
    let id = ci["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("ci_"));
    assert_eq!(
        (
            ci["status"].as_str(),
            ci["source"]["indicatedAmount"].as_str()
        ),
        (Some("pending"), Some("100.00"))
    );
    assert_eq!(ci["cash"]["locationId"], loc["id"]);
    assert_eq!(ci["destination"]["wallet"]["id"].as_str(), Some(w.as_str()));
    let code = ci["depositInstructions"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(code.len(), 9);
    // valid one hour
    let created = oms_emulator::clock::parse_rfc3339(ci["createdAt"].as_str().unwrap()).unwrap();
    let exp = oms_emulator::clock::parse_rfc3339(
        ci["depositInstructions"]["expiresAt"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(exp - created, 3_600_000);
    h.advance(3601.0).await;
    let g = h.get(&format!("/cash-ins/{id}")).await.json();
    assert_eq!(
        (g["status"].as_str(), g["subStatus"].as_str()),
        (Some("expired"), Some("cash_deposit_expired"))
    );
    let auth = json!({"accountNumber": code, "accountReferenceNumber": loc["locationReference"], "amount": "60.00"});
    let r = h.post("/cash-ins/simulate/barcode-auth", auth).await;
    assert_eq!(
        err_of(&r).server_code.as_deref(),
        Some("deposit_code_expired")
    );
    // refresh: new code, pending again
    let r = h.post(&format!("/cash-ins/{id}/refresh"), json!({})).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let ci = r.json();
    assert_eq!(ci["status"], "pending");
    let code = ci["depositInstructions"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    // simulate the retail deposit
    let auth = h.post("/cash-ins/simulate/barcode-auth", json!({"accountNumber": code, "accountReferenceNumber": loc["locationReference"], "amount": "60.00"})).await;
    assert_eq!(auth.status, 200, "{}", auth.text());
    let auth = auth.json();
    assert_eq!(auth["responseCode"], "00");
    let commit = json!({"accountNumber": code, "accountReferenceNumber": loc["locationReference"], "amount": "60.00",
        "originalConfirmationId": auth["confirmationId"], "customerId": c});
    let r = h
        .post("/cash-ins/simulate/auth-commit", commit.clone())
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    for k in [
        "authorizedAmount",
        "confirmationId",
        "responseCode",
        "responseId",
        "responseText",
    ] {
        assert!(r.json()[k].is_string(), "{k}");
    }
    // committed once only
    assert_eq!(
        h.post("/cash-ins/simulate/auth-commit", commit)
            .await
            .status,
        409
    );
    let done = h.get(&format!("/cash-ins/{id}")).await.json();
    assert_eq!(
        (done["status"].as_str(), done["subStatus"].as_str()),
        (Some("completed"), Some("settled"))
    );
    // 60.00 − (1.5 % = 0.90 + 0.50) = 58.60 credited; a fiatToCrypto transaction linked
    assert_eq!(done["destination"]["amountNet"], "58.60");
    assert_eq!(h.balance(&w).await, "58.60");
    let tid = done["transactionId"].as_str().unwrap();
    let t = h.get(&format!("/transactions/{tid}")).await.json();
    assert_eq!(
        (
            t["type"].as_str(),
            t["status"].as_str(),
            t["cashInId"].as_str()
        ),
        (Some("fiatToCrypto"), Some("completed"), Some(id.as_str()))
    );
    assert_eq!(
        h.post(&format!("/cash-ins/{id}/refresh"), json!({}))
            .await
            .status,
        409
    );
    eventually("two events", || async { rx.count() >= 2 }).await;
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
        ["cashIn.completed", "transaction.fiatToCrypto.completed"]
    );
    let first: Value = serde_json::from_slice(&rx.all()[0].body).unwrap();
    assert_eq!(first["data"]["id"].as_str(), Some(id.as_str()));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn limits() {
    let h = H::start().await;
    let c = h.customer(full_customer()).await;
    let (w, _) = h.wallet(&c).await;
    let locs = locations(&h).await;
    let normal = locs
        .iter()
        .find(|l| !l["name"].as_str().unwrap().starts_with("Walmart"))
        .unwrap()
        .clone();
    let code_of = |r: &Value| {
        r["depositInstructions"]["code"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    // per transaction
    for (amt, ok) in [
        ("19.99", false),
        ("20.00", true),
        ("500.00", true),
        ("500.01", false),
    ] {
        let r = h
            .post("/cash-ins", cash_in(&c, &w, &normal, Some(amt)))
            .await;
        assert_eq!(r.status == 201, ok, "{amt}: {}", r.text());
        if !ok {
            assert_eq!(err_of(&r).server_code.as_deref(), Some("limit_exceeded"));
        }
    }
    // Walmart allows up to 1,000 (the synthetic store brands cycle, so one is among the 5 or a nearby search)
    let mut walmart = locs
        .iter()
        .find(|l| l["name"].as_str().unwrap().starts_with("Walmart"))
        .cloned();
    let mut lat = 30.0;
    while walmart.is_none() && lat < 31.0 {
        let r = h
            .get(&format!(
                "/cash-locations?provider=greendot&latitude={lat}&longitude=-100"
            ))
            .await
            .json();
        walmart = r["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"].as_str().unwrap().starts_with("Walmart"))
            .cloned();
        lat += 0.1;
    }
    let walmart = walmart.expect("a Walmart location");
    let h2 = H::start().await;
    let c2 = h2.customer(full_customer()).await;
    let (w2, _) = h2.wallet(&c2).await;
    assert_eq!(
        h2.post("/cash-ins", cash_in(&c2, &w2, &walmart, Some("1000.00")))
            .await
            .status,
        201
    );
    assert_eq!(
        h2.post("/cash-ins", cash_in(&c2, &w2, &walmart, Some("1000.01")))
            .await
            .status,
        422
    );
    h2.emu.shutdown().await;

    // daily count: 3 per rolling day. Complete three deposits, the fourth creation fails.
    let h3 = H::start().await;
    let c3 = h3.customer(full_customer()).await;
    let (w3, _) = h3.wallet(&c3).await;
    for i in 0..3 {
        let ci = h3
            .post("/cash-ins", cash_in(&c3, &w3, &normal, Some("100.00")))
            .await
            .json();
        let code = code_of(&ci);
        let a = h3.post("/cash-ins/simulate/barcode-auth", json!({"accountNumber": code, "accountReferenceNumber": normal["locationReference"], "amount": "100.00"})).await;
        assert_eq!(a.status, 200, "deposit {i}: {}", a.text());
        let r = h3.post("/cash-ins/simulate/auth-commit", json!({"accountNumber": code, "accountReferenceNumber": normal["locationReference"], "amount": "100.00", "originalConfirmationId": a.json()["confirmationId"]})).await;
        assert_eq!(r.status, 200);
    }
    let r = h3
        .post("/cash-ins", cash_in(&c3, &w3, &normal, Some("100.00")))
        .await;
    assert_eq!(r.status, 422);
    assert!(err_of(&r).message.contains("daily"), "{}", r.text());
    // a day later the daily window has room again
    h3.advance(86_401.0).await;
    assert_eq!(
        h3.post("/cash-ins", cash_in(&c3, &w3, &normal, Some("100.00")))
            .await
            .status,
        201
    );
    h3.emu.shutdown().await;

    // daily amount: 1,500 (at Walmart, where single deposits can be 1,000)
    let h4 = H::start().await;
    let c4 = h4.customer(full_customer()).await;
    let (w4, _) = h4.wallet(&c4).await;
    let ci = h4
        .post("/cash-ins", cash_in(&c4, &w4, &walmart, Some("1000.00")))
        .await
        .json();
    let code = code_of(&ci);
    let a = h4.post("/cash-ins/simulate/barcode-auth", json!({"accountNumber": code, "accountReferenceNumber": walmart["locationReference"], "amount": "1000.00"})).await.json();
    h4.post("/cash-ins/simulate/auth-commit", json!({"accountNumber": code, "accountReferenceNumber": walmart["locationReference"], "amount": "1000.00", "originalConfirmationId": a["confirmationId"]})).await;
    let r = h4
        .post("/cash-ins", cash_in(&c4, &w4, &walmart, Some("600.00")))
        .await;
    assert_eq!(r.status, 422);
    assert!(err_of(&r).message.contains("1500.00"), "{}", r.text());
    assert_eq!(
        h4.post("/cash-ins", cash_in(&c4, &w4, &walmart, Some("500.00")))
            .await
            .status,
        201
    );
    // bad location reference
    let mut bad = cash_in(&c4, &w4, &walmart, None);
    bad["cash"]["locationId"] = json!("loc_forged");
    assert_eq!(
        err_of(&h4.post("/cash-ins", bad).await)
            .server_code
            .as_deref(),
        Some("invalid_cash_location")
    );
    h4.emu.shutdown().await;
    h.emu.shutdown().await;
}

/// The weekly (12 / $3,500) and monthly (20 / $5,000) windows of the cash-in limits, on the emulator clock: three
/// completed $100 deposits a day (the daily cap) fill the week on day 4; a week later the weekly
/// window has room again, and the 21st deposit of the month is refused by the monthly cap.
#[tokio::test]
async fn weekly_and_monthly_limits() {
    let h = H::start().await;
    let c = h.customer(full_customer()).await;
    let (w, _) = h.wallet(&c).await;
    let locs = locations(&h).await;
    let loc = locs
        .iter()
        .find(|l| !l["name"].as_str().unwrap().starts_with("Walmart"))
        .unwrap()
        .clone();
    let day = 86_401.0;
    let mut done = 0;
    // days 1-4: 3 a day = 12, the weekly count cap
    for d in 0..4 {
        for _ in 0..3 {
            deposit(&h, &c, &w, &loc)
                .await
                .unwrap_or_else(|r| panic!("deposit {done}: {}", r.text()));
            done += 1;
        }
        if d < 3 {
            h.advance(day).await;
        }
    }
    h.advance(day).await; // day 5: the daily window is free, the weekly one is full
    let r = deposit(&h, &c, &w, &loc)
        .await
        .expect_err("13th deposit within 7 days");
    assert_eq!(r.status, 422);
    assert_eq!(err_of(&r).server_code.as_deref(), Some("limit_exceeded"));
    assert!(err_of(&r).message.contains("weekly"), "{}", r.text());
    // a week after day 1 the weekly window has room: 8 more make 20 in the rolling month
    h.advance(4.0 * day).await;
    while done < 20 {
        for _ in 0..3 {
            if done == 20 {
                break;
            }
            deposit(&h, &c, &w, &loc)
                .await
                .unwrap_or_else(|r| panic!("deposit {done}: {}", r.text()));
            done += 1;
        }
        h.advance(day).await;
    }
    let r = deposit(&h, &c, &w, &loc)
        .await
        .expect_err("21st deposit within 30 days");
    assert_eq!(r.status, 422);
    assert!(err_of(&r).message.contains("monthly"), "{}", r.text());
    h.emu.shutdown().await;
}

/// Creates and completes one $100 cash-in; the refused creation's response when it is refused.
async fn deposit(h: &H, c: &str, w: &str, loc: &Value) -> Result<(), Response> {
    let r = h
        .post("/cash-ins", cash_in(c, w, loc, Some("100.00")))
        .await;
    if r.status != 201 {
        return Err(r);
    }
    let code = r.json()["depositInstructions"]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let reference = &loc["locationReference"];
    let a = h
        .post(
            "/cash-ins/simulate/barcode-auth",
            json!({"accountNumber": code, "accountReferenceNumber": reference, "amount": "100.00"}),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.text());
    let r = h
        .post(
            "/cash-ins/simulate/auth-commit",
            json!({"accountNumber": code, "accountReferenceNumber": reference, "amount": "100.00", "originalConfirmationId": a.json()["confirmationId"]}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    Ok(())
}

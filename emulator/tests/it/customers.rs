use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn validation_uses_the_core_validators() {
    let h = H::start().await;
    let r = h.post("/customers", json!({"type": "individual", "phone": "12", "email": "nope", "nationality": "USA", "endorsements": ["gold"]})).await;
    assert_eq!(r.status, 400);
    let e = err_of(&r);
    assert_eq!(e.server_code.as_deref(), Some("validation_failed"));
    let issues = r.json()["error"]["issues"].as_array().unwrap().clone();
    let paths: Vec<String> = issues
        .iter()
        .map(|i| i["path"][0].as_str().unwrap().to_owned())
        .collect();
    for p in ["phone", "email", "nationality", "endorsements"] {
        assert!(paths.contains(&p.to_owned()), "{p} in {paths:?}");
    }
    assert!(issues
        .iter()
        .all(|i| i["code"].is_string() && i["message"].is_string()));
    // an empty customer is fine at the API level (only `type`; fiat fields are not required)
    assert_eq!(
        h.post("/customers", json!({"type": "individual"}))
            .await
            .status,
        201
    );
    assert_eq!(h.post("/customers", json!({})).await.status, 201);
    assert_eq!(
        h.post("/customers", json!({"type": "business"}))
            .await
            .status,
        400
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn endorsements_pending_then_approved_and_provisioning_rule() {
    let h = H::start().await;
    let rx = Receiver::start(vec![]).await;
    assert_eq!(
        h.post(
            "/webhooks",
            json!({"url": rx.url, "events": ["customer.endorsement.*"]})
        )
        .await
        .status,
        201
    );
    // default endorsements: cryptoCustody + usd (+ basic), PENDING in the create response (the
    // Get-started page's create response), then ACTIVE after the sandbox review
    let r = h
        .post(
            "/customers",
            json!({"type": "individual", "firstName": "Nia"}),
        )
        .await;
    let v = r.json();
    let names: Vec<&str> = v["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["basic", "cryptoCustody", "usd"]);
    assert!(v["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "PENDING"));
    // the `usd` endorsement lists the Get-started page's four fields as missing
    let usd = &v["endorsements"][2];
    let missing: Vec<&str> = usd["requirements"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "residentialAddress",
            "phone",
            "birthDate",
            "identifyingInformation"
        ]
    );
    let c = v["id"].as_str().unwrap();
    let got = h.get(&format!("/customers/{c}")).await.json();
    assert!(got["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "ACTIVE"));
    // write-only fields are never returned
    let full = h.post("/customers", full_customer()).await.json();
    for k in [
        "birthDate",
        "residentialAddress",
        "identifyingInformation",
        "ipAddress",
    ] {
        assert!(full.get(k).is_none(), "{k} is write-only");
    }
    eventually("granted events", || async { rx.count() >= 2 }).await;
    let ev: serde_json::Value = serde_json::from_slice(&rx.all()[0].body).unwrap();
    assert_eq!(ev["type"], "customer.endorsement.granted");
    assert_eq!(ev["data"]["id"], v["id"]);
    assert_eq!(ev["data"]["endorsements"][0]["status"], "ACTIVE");

    // the provisioning rule: the wallet is allowed (cryptoCustody) but balance and cash-ins fail
    let (w, _) = h.wallet(c).await;
    let r = h.get(&format!("/wallets/{w}/balance")).await;
    assert_eq!(r.status, 422);
    let e = err_of(&r);
    assert_eq!(e.code(), "provider_account_not_provisioned");
    assert_eq!(
        e.message,
        "provider account not provisioned for this customer"
    );
    let ci = h.post("/cash-ins", json!({"customerId": c, "source": {"asset": "usd"}, "destination": {"wallet": {"id": w}, "asset": "usdc", "network": "polygon"},
        "cash": {"locationId": "loc_x", "locationReference": "x"}})).await;
    assert_eq!(err_of(&ci).code(), "provider_account_not_provisioned");
    // ... while crypto-to-crypto needs no identity ("products that never touch fiat rails")
    h.fund(&w, "10.00").await;
    let q = h.post("/quotes", json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon", "amount": "1.00"},
        "destination": {"asset": "usdc", "network": "polygon", "wallet": {"blockchainAddress": "0x000000000000000000000000000000000000dEaD"}}})).await;
    assert_eq!(q.status, 201, "{}", q.text());
    let t = h
        .post("/transactions", json!({"quoteId": q.json()["id"]}))
        .await;
    assert_eq!(t.status, 201, "{}", t.text());

    // the Get-started page's four fields provision the account (no names, email, nationality or
    // signedAgreement needed)
    let p = h
        .patch(
            &format!("/customers/{c}"),
            json!({"phone": "+12125551234", "birthDate": "1990-05-15",
                   "residentialAddress": {"line1": "123 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001"},
                   "identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}]}),
        )
        .await;
    assert_eq!(p.status, 200, "{}", p.text());
    assert_eq!(p.json()["firstName"], "Nia");
    assert_eq!(
        p.json()["endorsements"][2]["requirements"]["missing"],
        json!([])
    );
    assert_eq!(h.balance(&w).await, "9.00");
    h.emu.shutdown().await;
}

/// `--strict-provisioning`: names, email, nationality and `signedAgreement: true` are needed too.
#[tokio::test]
async fn strict_provisioning_flag() {
    let h = H::with(oms_emulator::Config {
        strict_provisioning: true,
        ..test_config()
    })
    .await;
    let four = json!({"type": "individual", "phone": "+12125551234", "birthDate": "1990-05-15",
        "residentialAddress": {"line1": "123 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001"},
        "identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}]});
    let c = h.customer(four).await;
    let (w, _) = h.wallet(&c).await;
    let r = h.get(&format!("/wallets/{w}/balance")).await;
    assert_eq!(err_of(&r).code(), "provider_account_not_provisioned");
    let v = h.get(&format!("/customers/{c}")).await.json();
    let missing = v["endorsements"][2]["requirements"]["missing"].clone();
    assert_eq!(
        missing,
        json!([
            "firstName",
            "lastName",
            "email",
            "nationality",
            "signedAgreement"
        ])
    );
    let p = h
        .patch(
            &format!("/customers/{c}"),
            json!({"firstName": "Jane", "lastName": "Smith", "email": "jane@example.com", "nationality": "US", "signedAgreement": true}),
        )
        .await;
    assert_eq!(p.status, 200);
    assert_eq!(h.balance(&w).await, "0.00");
    h.emu.shutdown().await;
}

/// A review delay keeps endorsements `PENDING` (a wallet needs an active `cryptoCustody`) until the
/// emulator clock passes it; a PATCH naming a rejected endorsement re-evaluates it.
#[tokio::test]
async fn review_delay_and_reevaluation() {
    let h = H::with(oms_emulator::Config {
        endorsement_review_ms: 60_000,
        ..test_config()
    })
    .await;
    let c = h.customer(full_customer()).await;
    let r = h
        .post(
            &format!("/customers/{c}/wallets"),
            json!({"asset": "usdc", "chain": "polygon"}),
        )
        .await;
    assert_eq!(
        err_of(&r).server_code.as_deref(),
        Some("endorsement_required")
    );
    assert_eq!(
        h.get(&format!("/customers/{c}")).await.json()["endorsements"][1]["status"],
        "PENDING"
    );
    h.advance(60.0).await;
    assert_eq!(
        h.get(&format!("/customers/{c}")).await.json()["endorsements"][1]["status"],
        "ACTIVE"
    );
    h.wallet(&c).await;
    // REJECTED by the control; a PATCH naming it puts it back under review
    h.control(
        "POST",
        &format!("/customers/{c}/endorsements/usd"),
        Some(json!({"status": "REJECTED", "reason": "document unreadable"})),
    )
    .await;
    let v = h.get(&format!("/customers/{c}")).await.json();
    assert_eq!(v["endorsements"][2]["status"], "REJECTED");
    assert_eq!(
        v["endorsements"][2]["rejectionReasons"][0]["reason"],
        "document unreadable"
    );
    let p = h
        .patch(&format!("/customers/{c}"), json!({"endorsements": ["usd"]}))
        .await
        .json();
    assert_eq!(p["endorsements"][2]["status"], "PENDING");
    h.advance(60.0).await;
    assert_eq!(
        h.get(&format!("/customers/{c}")).await.json()["endorsements"][2]["status"],
        "ACTIVE"
    );
    // OFFBOARDED is terminal
    h.control(
        "POST",
        &format!("/customers/{c}/endorsements/usd"),
        Some(json!({"status": "OFFBOARDED"})),
    )
    .await;
    let p = h
        .patch(&format!("/customers/{c}"), json!({"endorsements": ["usd"]}))
        .await
        .json();
    assert_eq!(p["endorsements"][2]["status"], "OFFBOARDED");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn patch_semantics() {
    let h = H::start().await;
    let c = h.customer(json!({"type": "individual", "firstName": "Pat", "endorsements": ["basic"], "metadata": {"a": "1"}})).await;
    let path = format!("/customers/{c}");
    // only basic: no wallet
    let r = h
        .post(
            &format!("{path}/wallets"),
            json!({"asset": "usdc", "chain": "polygon"}),
        )
        .await;
    assert_eq!(
        (r.status, err_of(&r).server_code.as_deref()),
        (422, Some("endorsement_required"))
    );
    // endorsements are only added
    let v = h
        .patch(&path, json!({"endorsements": ["cryptoCustody"]}))
        .await
        .json();
    let names: Vec<&str> = v["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["basic", "cryptoCustody"]);
    let v = h
        .patch(&path, json!({"endorsements": ["basic"]}))
        .await
        .json();
    assert_eq!(
        v["endorsements"].as_array().unwrap().len(),
        2,
        "never removed"
    );
    assert_eq!(
        h.post(
            &format!("{path}/wallets"),
            json!({"asset": "usdc", "chain": "polygon"})
        )
        .await
        .status,
        201
    );
    // signedAgreement false → true only
    let v = h
        .patch(&path, json!({"signedAgreement": true}))
        .await
        .json();
    assert_eq!(v["signedAgreement"], true);
    assert!(v["signedAgreementAt"].is_string());
    let r = h.patch(&path, json!({"signedAgreement": false})).await;
    assert_eq!(r.status, 400);
    assert_eq!(h.get(&path).await.json()["signedAgreement"], true);
    // type cannot change
    assert_eq!(
        h.patch(&path, json!({"type": "individual"})).await.status,
        400
    );
    // identifyingInformation appends, and replaces by type: two ssn entries leave one document
    // (observable through the `usd` requirements: identifyingInformation becomes complete)
    h.patch(&path, json!({"endorsements": ["usd"]})).await;
    let v = h.patch(&path, json!({"identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}]})).await.json();
    let complete = &v["endorsements"][2]["requirements"]["complete"];
    assert!(complete
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "identifyingInformation"));
    let v = h.patch(&path, json!({"identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "234-56-7890"}], "lastName": "Lee"})).await.json();
    assert_eq!(v["lastName"], "Lee");
    assert_eq!(v["firstName"], "Pat", "untouched fields stay");
    assert_eq!(v["metadata"]["a"], "1");
    assert_eq!(
        h.patch("/customers/cst_missing", json!({"lastName": "X"}))
            .await
            .status,
        404
    );
    assert_eq!(
        h.get("/customers/cst_missing").await.json()["error"]["code"],
        "customer_not_found"
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn list_filters() {
    let h = H::start().await;
    h.customer(json!({"type": "individual", "email": "a@example.com", "externalId": "u-1"}))
        .await;
    h.advance(10.0).await;
    let mid = h.control("GET", "/clock", None).await["now"]
        .as_str()
        .unwrap()
        .to_owned();
    h.advance(10.0).await;
    h.customer(json!({"type": "individual", "email": "B@example.com", "externalId": "u-2"}))
        .await;
    h.customer(json!({"type": "individual", "email": "c@example.com", "externalId": "u-3"}))
        .await;
    let v = h.get("/customers?email=b%40example.com").await.json();
    assert_eq!(v["data"].as_array().unwrap().len(), 1);
    assert_eq!(v["data"][0]["externalId"], "u-2");
    assert_eq!(
        h.get("/customers?externalId=u-3").await.json()["data"][0]["email"],
        "c@example.com"
    );
    assert_eq!(
        h.get("/customers?status=active").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        h.get("/customers?status=inactive").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(h.get("/customers?status=weird").await.status, 400);
    let after = h
        .get(&format!("/customers?createdAfter={mid}"))
        .await
        .json();
    assert_eq!(after["data"].as_array().unwrap().len(), 2);
    // both bounds are inclusive at the second
    let first_at = h.get("/customers?externalId=u-1").await.json()["data"][0]["createdAt"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        h.get(&format!(
            "/customers?createdBefore={first_at}&createdAfter={first_at}"
        ))
        .await
        .json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let before = h
        .get(&format!("/customers?createdBefore={mid}"))
        .await
        .json();
    assert_eq!(before["data"].as_array().unwrap().len(), 1);
    // customers page with `cursor` (the customers list's envelope), newest first
    let p1 = h.get("/customers?limit=2").await.json();
    assert_eq!(p1["hasMore"], true);
    assert_eq!(p1["data"][0]["externalId"], "u-3");
    let cur = p1["cursor"].as_str().unwrap();
    let p2 = h
        .get(&format!("/customers?limit=2&startingAfter={cur}"))
        .await
        .json();
    assert_eq!(p2["data"].as_array().unwrap().len(), 1);
    assert_eq!(p2["data"][0]["externalId"], "u-1");
    assert_eq!(p2["hasMore"], false);
    h.emu.shutdown().await;
}

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
async fn auto_approval_and_provisioning_rule() {
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
    // default endorsements: cryptoCustody + usd (+ basic), all ACTIVE in sandbox
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
        .all(|e| e["status"] == "ACTIVE"));
    assert!(v["endorsements"][0]["requirements"]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "birthDate"));
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

    // the provisioning rule: the wallet is allowed (cryptoCustody) but balance, quotes and cash-ins fail
    let c = v["id"].as_str().unwrap();
    let (w, _) = h.wallet(c).await;
    let r = h.get(&format!("/wallets/{w}/balance")).await;
    assert_eq!(r.status, 422);
    let e = err_of(&r);
    assert_eq!(e.code(), "provider_account_not_provisioned");
    assert_eq!(
        e.message,
        "provider account not provisioned for this customer"
    );
    let q = h.post("/quotes", json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon", "amount": "1.00"},
        "destination": {"asset": "usdc", "network": "polygon", "wallet": {"id": w}}})).await;
    assert_eq!(err_of(&q).code(), "provider_account_not_provisioned");
    let ci = h.post("/cash-ins", json!({"customerId": c, "source": {"asset": "usd"}, "destination": {"wallet": {"id": w}, "asset": "usdc", "network": "polygon"},
        "cash": {"locationId": "loc_x", "locationReference": "x"}})).await;
    assert_eq!(err_of(&ci).code(), "provider_account_not_provisioned");

    // completing the identity set with PATCH provisions the account
    let mut rest = full_customer();
    rest.as_object_mut().unwrap().remove("type");
    rest.as_object_mut().unwrap().remove("firstName");
    let p = h.patch(&format!("/customers/{c}"), rest).await;
    assert_eq!(p.status, 200, "{}", p.text());
    assert_eq!(p.json()["firstName"], "Nia");
    assert_eq!(h.balance(&w).await, "0.00");
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
    // (observable through requirements: identifyingInformation becomes complete)
    let v = h.patch(&path, json!({"identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}]})).await.json();
    let complete = &v["endorsements"][0]["requirements"]["complete"];
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
    // customers page with `cursor` (REFERENCE §14 #8), newest first
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

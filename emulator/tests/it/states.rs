//! Every state of the documented state machines and every event of the catalogue, reached by the
//! natural flow or a documented `/_emulator` control (the table in emulator/README.md), each event
//! checked as delivered and signed (verified with `oms_wasm::webhook::verify`).

use crate::common::*;
use oms_emulator::Config;
use oms_wasm::webhook::{verify, VerifyOptions, WebhookHeaders};
use serde_json::{json, Value};
use std::time::Duration;

struct Hook {
    rx: Receiver,
    secret: String,
}

async fn hook(h: &H, events: Value) -> Hook {
    let rx = Receiver::start(vec![]).await;
    let r = h
        .post("/webhooks", json!({"url": rx.url, "events": events}))
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    Hook {
        rx,
        secret: r.json()["secret"].as_str().unwrap().to_owned(),
    }
}

/// Every delivery the hook received, each verified (signature over id.timestamp.body with the
/// endpoint's secret, at the delivery's own timestamp: the emulator clock jumps in this test).
fn events(hook: &Hook) -> Vec<Value> {
    hook.rx
        .all()
        .iter()
        .map(|r| {
            let mut hdrs = WebhookHeaders::new();
            for (k, v) in &r.headers {
                hdrs.append(k, v);
            }
            let ts: i64 = header(r, "webhook-timestamp").parse().unwrap();
            verify(
                &r.body,
                &hdrs,
                &[hook.secret.as_str()],
                &VerifyOptions::at(ts),
            )
            .expect("a delivery that verifies");
            serde_json::from_slice(&r.body).unwrap()
        })
        .collect()
}

/// Waits for a verified event of `kind` whose `data` satisfies `pred`, and returns it.
async fn event(hook: &Hook, kind: &str, pred: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..500 {
        if let Some(e) = events(hook)
            .into_iter()
            .find(|e| e["type"] == kind && pred(&e["data"]))
        {
            return e;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let got: Vec<String> = events(hook)
        .iter()
        .map(|e| format!("{} {} {}", e["type"], e["data"]["id"], e["data"]["status"]))
        .collect();
    panic!("no {kind} event matching; got {got:#?}");
}

fn id_is(id: &str) -> impl Fn(&Value) -> bool + '_ {
    move |d: &Value| d["id"] == id
}

async fn status_of(h: &H, path: &str) -> String {
    h.get(path).await.json()["status"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn quote(h: &H, c: &str, w: &str, amount: &str, destination: Value) -> String {
    let mut body = json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon", "amount": amount}});
    body["destination"] = destination;
    let r = h.post("/quotes", body).await;
    assert_eq!(r.status, 201, "{}", r.text());
    r.json()["id"].as_str().unwrap().to_owned()
}

async fn execute(h: &H, q: &str) -> Value {
    let r = h.post("/transactions", json!({"quoteId": q})).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json();
    assert_eq!(v["status"], "processing");
    v
}

#[tokio::test]
async fn every_state_and_event_is_reachable_and_signed() {
    let h = H::with(Config {
        settle_delay_ms: 60_000,
        emit_c2c_processing: true,
        ..test_config()
    })
    .await;

    // ---- webhook subscriptions: exact, `*`-segment, prefix; unknown names refused
    let all = hook(&h, json!([])).await;
    let failed = hook(&h, json!(["transaction.*.failed"])).await;
    let r = h
        .post(
            "/webhooks",
            json!({"url": "http://127.0.0.1:9/x", "events": ["transaction.completed"]}),
        )
        .await;
    assert_eq!(r.status, 400);
    assert_eq!(
        err_of(&r).server_code.as_deref(),
        Some("unknown_event_type")
    );
    assert!(err_of(&r)
        .message
        .contains("transaction.fiatToCrypto.completed"));

    // ---- customer + endorsements: PENDING at creation, then ACTIVE (granted)
    let r = h.post("/customers", full_customer()).await;
    let a = r.json();
    let ca = a["id"].as_str().unwrap().to_owned();
    assert!(a["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "PENDING"));
    let granted = event(&all, "customer.endorsement.granted", id_is(&ca)).await;
    assert!(granted["data"]["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "ACTIVE"));
    let cb = h.customer(full_customer()).await;
    event(&all, "customer.endorsement.granted", id_is(&cb)).await;
    for (status, kind) in [
        ("ISSUES", "customer.endorsement.issues"),
        ("REVOKED_ISSUES", "customer.endorsement.revoked"),
        ("REJECTED", "customer.endorsement.rejected"),
        ("OFFBOARDED", "customer.endorsement.offboarded"),
        ("INACTIVE", ""),
        ("PENDING", "customer.endorsement.pending"),
        ("ACTIVE", "customer.endorsement.granted"),
    ] {
        let v = h
            .control(
                "POST",
                &format!("/customers/{cb}/endorsements/usd"),
                Some(json!({"status": status})),
            )
            .await;
        assert_eq!(v["endorsements"][2]["status"], status);
        assert_eq!(
            h.get(&format!("/customers/{cb}")).await.json()["endorsements"][2]["status"],
            status
        );
        if !kind.is_empty() {
            event(&all, kind, |d| {
                d["id"] == cb.as_str() && d["endorsements"][2]["status"] == status
            })
            .await;
        }
    }

    // ---- customer status active ⇄ inactive
    h.control(
        "POST",
        &format!("/customers/{cb}/status"),
        Some(json!({"status": "inactive"})),
    )
    .await;
    assert_eq!(status_of(&h, &format!("/customers/{cb}")).await, "inactive");
    let (wb, _) = h.wallet(&cb).await;
    let r = h.post("/quotes", json!({"customerId": cb, "source": {"walletId": wb, "asset": "usdc", "network": "polygon", "amount": "1.00"},
        "destination": {"asset": "usdc", "network": "polygon", "wallet": {"id": wb}}})).await;
    assert_eq!(err_of(&r).server_code.as_deref(), Some("customer_inactive"));
    h.control(
        "POST",
        &format!("/customers/{cb}/status"),
        Some(json!({"status": "active"})),
    )
    .await;
    assert_eq!(status_of(&h, &format!("/customers/{cb}")).await, "active");

    // ---- wallet.depositDetected
    let (wa, _) = h.wallet(&ca).await;
    let (wa2, _) = h.wallet(&ca).await;
    h.control(
        "POST",
        &format!("/wallets/{wa}/credit"),
        Some(json!({"amount": "1000.00"})),
    )
    .await;
    let dep = event(&all, "wallet.depositDetected", id_is(&wa)).await;
    assert_eq!(dep["data"]["amount"], "1000.00");

    // ---- quotes: open → expired (clock), open → accepted
    let to_wa2 = json!({"asset": "usdc", "network": "polygon", "wallet": {"id": wa2}});
    let q_exp = quote(&h, &ca, &wa, "1.00", to_wa2.clone()).await;
    assert_eq!(status_of(&h, &format!("/quotes/{q_exp}")).await, "open");
    h.advance(301.0).await;
    assert_eq!(status_of(&h, &format!("/quotes/{q_exp}")).await, "expired");
    let r = h.post("/transactions", json!({"quoteId": q_exp})).await;
    assert_eq!(err_of(&r).server_code.as_deref(), Some("quote_expired"));

    // ---- crypto-to-crypto: processing → completed (settle time), → failed (control), held, delayed
    let q1 = quote(&h, &ca, &wa, "10.00", to_wa2.clone()).await;
    let t1 = execute(&h, &q1).await["id"].as_str().unwrap().to_owned();
    assert_eq!(status_of(&h, &format!("/quotes/{q1}")).await, "accepted");
    event(&all, "transaction.cryptoToCrypto.processing", id_is(&t1)).await;
    let q2 = quote(&h, &ca, &wa, "10.00", to_wa2.clone()).await;
    let t2 = execute(&h, &q2).await["id"].as_str().unwrap().to_owned();
    h.control("POST", &format!("/transactions/{t2}/fail"), None)
        .await;
    let q3 = quote(&h, &ca, &wa, "10.00", to_wa2.clone()).await;
    let t3 = execute(&h, &q3).await["id"].as_str().unwrap().to_owned();
    h.control(
        "POST",
        &format!("/transactions/{t3}/delay"),
        Some(json!({"hold": true})),
    )
    .await;
    let q4 = quote(&h, &ca, &wa, "10.00", to_wa2.clone()).await;
    let t4 = execute(&h, &q4).await["id"].as_str().unwrap().to_owned();
    h.control(
        "POST",
        &format!("/transactions/{t4}/delay"),
        Some(json!({"minutes": 10})),
    )
    .await;
    h.advance(60.0).await;
    let done = event(&all, "transaction.cryptoToCrypto.completed", id_is(&t1)).await;
    assert!(done["data"]["destination"]["txHash"]
        .as_str()
        .unwrap()
        .starts_with("0x"));
    let fail = event(&all, "transaction.cryptoToCrypto.failed", id_is(&t2)).await;
    assert_eq!(fail["data"]["error"]["code"], "settlement_failed");
    event(&failed, "transaction.cryptoToCrypto.failed", id_is(&t2)).await;
    assert_eq!(
        status_of(&h, &format!("/transactions/{t3}")).await,
        "processing"
    );
    assert_eq!(
        status_of(&h, &format!("/transactions/{t4}")).await,
        "processing"
    );
    h.advance(600.0).await;
    assert_eq!(
        status_of(&h, &format!("/transactions/{t3}")).await,
        "processing",
        "held"
    );
    event(&all, "transaction.cryptoToCrypto.completed", id_is(&t4)).await;
    h.control(
        "POST",
        &format!("/transactions/{t3}/settle"),
        Some(json!({"outcome": "completed"})),
    )
    .await;
    event(&all, "transaction.cryptoToCrypto.completed", id_is(&t3)).await;

    // ---- crypto-to-fiat, bank payout (early access: a saved account made by a control)
    let ext = h
        .control(
            "POST",
            &format!("/customers/{ca}/external-accounts"),
            Some(json!({"network": "ach"})),
        )
        .await;
    let ext_id = ext["id"].as_str().unwrap().to_owned();
    assert!(ext_id.starts_with("cpUsBank_"));
    let to_bank = json!({"asset": "usd", "network": "ach", "wallet": {"externalAccount": ext_id}});
    let qb = quote(&h, &ca, &wa, "20.00", to_bank.clone()).await;
    assert_eq!(
        h.get(&format!("/quotes/{qb}")).await.json()["type"],
        "cryptoToFiat"
    );
    let tb = execute(&h, &qb).await["id"].as_str().unwrap().to_owned();
    event(&all, "transaction.cryptoToFiat.processing", id_is(&tb)).await;
    h.advance(60.0).await;
    let paid = event(&all, "transaction.cryptoToFiat.completed", id_is(&tb)).await;
    assert_eq!(
        paid["data"]["destination"]["externalAccountId"],
        ext_id.as_str()
    );
    let qbf = quote(&h, &ca, &wa, "20.00", to_bank).await;
    let tbf = execute(&h, &qbf).await["id"].as_str().unwrap().to_owned();
    let before = h.balance(&wa).await;
    h.control(
        "POST",
        &format!("/transactions/{tbf}/settle"),
        Some(json!({"outcome": "failed"})),
    )
    .await;
    event(&failed, "transaction.cryptoToFiat.failed", id_is(&tbf)).await;
    let refunded: f64 = h.balance(&wa).await.parse().unwrap();
    assert_eq!(
        refunded,
        before.parse::<f64>().unwrap() + 20.0,
        "the source is refunded"
    );

    // ---- crypto-to-fiat, cash pickup: processing → cashPickupReady → completed | failed (expired)
    let loc = h
        .get("/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336")
        .await
        .json()["data"][0]
        .clone();
    let to_cash = json!({"asset": "usd", "network": "cash",
        "cash": {"locationId": loc["id"], "locationReference": loc["locationReference"]}});
    let qp = quote(&h, &ca, &wa, "30.00", to_cash.clone()).await;
    let tp = execute(&h, &qp).await["id"].as_str().unwrap().to_owned();
    let qp2 = quote(&h, &ca, &wa, "30.00", to_cash).await;
    let tp2 = execute(&h, &qp2).await["id"].as_str().unwrap().to_owned();
    h.advance(60.0).await;
    let ready = event(&all, "transaction.cryptoToFiat.processing", |d| {
        d["id"] == tp.as_str() && d["status"] == "cashPickupReady"
    })
    .await;
    assert!(
        ready["data"]["cashPickup"]["cashCode"]
            .as_str()
            .unwrap()
            .len()
            >= 6
    );
    assert_eq!(
        status_of(&h, &format!("/transactions/{tp2}")).await,
        "cashPickupReady"
    );
    h.control(
        "POST",
        &format!("/transactions/{tp}/settle"),
        Some(json!({"outcome": "completed"})),
    )
    .await;
    let collected = event(&all, "transaction.cryptoToFiat.completed", id_is(&tp)).await;
    assert_eq!(collected["data"]["subStatus"], "cashPickupCollected");
    h.advance(24.0 * 3600.0).await;
    let expired = event(&all, "transaction.cryptoToFiat.failed", id_is(&tp2)).await;
    assert_eq!(expired["data"]["subStatus"], "cashPickupExpired");

    // ---- cash-ins: pending → expired → (refresh) pending → processing → completed; → failed
    let ci_body = json!({"customerId": ca, "source": {"asset": "usd", "indicatedAmount": "100.00"},
        "destination": {"wallet": {"id": wa}, "asset": "usdc", "network": "polygon"},
        "cash": {"locationId": loc["id"], "locationReference": loc["locationReference"]}});
    let ci1 = h.post("/cash-ins", ci_body.clone()).await.json();
    let ci1 = ci1["id"].as_str().unwrap().to_owned();
    assert_eq!(status_of(&h, &format!("/cash-ins/{ci1}")).await, "pending");
    h.advance(3601.0).await;
    assert_eq!(status_of(&h, &format!("/cash-ins/{ci1}")).await, "expired");
    h.post(&format!("/cash-ins/{ci1}/refresh"), json!({})).await;
    assert_eq!(status_of(&h, &format!("/cash-ins/{ci1}")).await, "pending");
    h.control(
        "POST",
        &format!("/cash-ins/{ci1}/deposit"),
        Some(json!({"amount": "80.00"})),
    )
    .await;
    assert_eq!(
        status_of(&h, &format!("/cash-ins/{ci1}")).await,
        "processing"
    );
    event(&all, "transaction.fiatToCrypto.processing", |d| {
        d["cashInId"] == ci1.as_str()
    })
    .await;
    h.control("POST", &format!("/cash-ins/{ci1}/complete"), None)
        .await;
    let cin = event(&all, "cashIn.completed", id_is(&ci1)).await;
    assert_eq!(cin["data"]["source"]["amount"], "80.00");
    event(&all, "transaction.fiatToCrypto.completed", |d| {
        d["cashInId"] == ci1.as_str()
    })
    .await;
    let ci2 = h.post("/cash-ins", ci_body).await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    h.control(
        "POST",
        &format!("/cash-ins/{ci2}/fail"),
        Some(json!({"subStatus": "provider_order_failed"})),
    )
    .await;
    let g = h.get(&format!("/cash-ins/{ci2}")).await.json();
    assert_eq!(
        (g["status"].as_str(), g["subStatus"].as_str()),
        (Some("failed"), Some("provider_order_failed"))
    );
    let f2c = event(&failed, "transaction.fiatToCrypto.failed", |d| {
        d["cashInId"] == ci2.as_str()
    })
    .await;
    assert_eq!(f2c["data"]["error"]["code"], "provider_order_failed");

    // ---- virtual account (early access) deposit: fiatToCrypto processing → completed
    let va = h
        .control(
            "POST",
            &format!("/customers/{ca}/virtual-accounts"),
            Some(json!({"walletId": wa})),
        )
        .await;
    let va_id = va["id"].as_str().unwrap();
    let sim = h
        .post(
            &format!("/virtual-accounts/{va_id}/simulate"),
            json!({"rail": "ach_in", "amount": "25.00"}),
        )
        .await;
    assert_eq!(sim.status, 200, "{}", sim.text());
    assert_eq!(sim.json()["status"], "submitted");
    let tva = sim.json()["transactionId"].as_str().unwrap().to_owned();
    event(&all, "transaction.fiatToCrypto.processing", id_is(&tva)).await;
    h.advance(60.0).await;
    event(&all, "transaction.fiatToCrypto.completed", id_is(&tva)).await;

    // ---- deposit address (early access) deposit: cryptoToCrypto with depositAddressId
    let da = h
        .control(
            "POST",
            &format!("/customers/{ca}/deposit-addresses"),
            Some(json!({"walletId": wa, "network": "base"})),
        )
        .await;
    let da_id = da["id"].as_str().unwrap().to_owned();
    let sim = h
        .post(
            &format!("/deposit-addresses/{da_id}/simulate"),
            json!({"amount": {"value": "5.00"}}),
        )
        .await;
    assert_eq!(sim.status, 200, "{}", sim.text());
    assert_eq!(sim.json()["network"], "BASE");
    let tda = sim.json()["transactionId"].as_str().unwrap().to_owned();
    h.advance(60.0).await;
    let dd = event(&all, "transaction.cryptoToCrypto.completed", id_is(&tda)).await;
    assert_eq!(dd["data"]["depositAddressId"], da_id.as_str());

    // ---- webhook endpoint enabled ⇄ disabled
    let hooks = h.get("/webhooks").await.json();
    let all_id = hooks["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["events"] == json!([]))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    eventually("queue drained", || async {
        h.control("GET", "/deliveries", None).await["pending"] == 0
    })
    .await;
    let p = h
        .patch(&format!("/webhooks/{all_id}"), json!({"enabled": false}))
        .await
        .json();
    assert_eq!(
        (p["enabled"].as_bool(), p["status"].as_str()),
        (Some(false), Some("disabled"))
    );
    let n = all.rx.count();
    h.control(
        "POST",
        &format!("/wallets/{wa}/credit"),
        Some(json!({"amount": "1.00"})),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert_eq!(all.rx.count(), n, "a disabled endpoint gets nothing");
    let p = h
        .patch(&format!("/webhooks/{all_id}"), json!({"enabled": true}))
        .await
        .json();
    assert_eq!(p["status"], "active");

    // ---- the whole catalogue (but compliance-only underReview) and the assumed endorsement
    // events were delivered and verified; the `transaction.*.failed` endpoint got only failures
    let got: std::collections::BTreeSet<String> = events(&all)
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect();
    for kind in oms_emulator::assumptions::known_events() {
        if kind != "underReview" {
            assert!(got.contains(kind), "{kind} never delivered; got {got:?}");
        }
    }
    let f: std::collections::BTreeSet<String> = events(&failed)
        .iter()
        .map(|e| e["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        f.into_iter().collect::<Vec<_>>(),
        [
            "transaction.cryptoToCrypto.failed",
            "transaction.cryptoToFiat.failed",
            "transaction.fiatToCrypto.failed"
        ]
    );
    h.emu.shutdown().await;
}

/// The early-access simulations answer in the emulated sandbox (404 is production-only): an
/// unknown id is a plain not-found, not "not emulated".
#[tokio::test]
async fn early_access_simulations_work_in_sandbox() {
    let h = H::start().await;
    let r = h
        .post(
            "/deposit-addresses/da_1/simulate",
            json!({"amount": {"value": "1"}}),
        )
        .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        err_of(&r).server_code.as_deref(),
        Some("deposit_address_not_found")
    );
    let r = h
        .post("/virtual-accounts/va_1/simulate", json!({"rail": "ach_in"}))
        .await;
    assert_eq!(
        err_of(&r).server_code.as_deref(),
        Some("virtual_account_not_found")
    );
    // a virtual-account deposit is fiat: it needs the provisioned account
    let c = h.customer(json!({"type": "individual"})).await;
    let (w, _) = h.wallet(&c).await;
    let va = h
        .control(
            "POST",
            &format!("/customers/{c}/virtual-accounts"),
            Some(json!({"walletId": w})),
        )
        .await;
    let r = h
        .post(
            &format!("/virtual-accounts/{}/simulate", va["id"].as_str().unwrap()),
            json!({"rail": "wire_in"}),
        )
        .await;
    assert_eq!(err_of(&r).code(), "provider_account_not_provisioned");
    h.emu.shutdown().await;
}

//! The OMS Get-started page's curl requests, run with curl exactly as written on the page (from
//! tests/fixtures/get-started-curl.sh, a verbatim copy; only host, credentials and IDs replaced)
//! by tests/get_started.sh: token, customer (endorsements PENDING), wallet, cash locations, the
//! page's own cash-in body, sandbox completion, the bank-transfer tab; then both completion
//! webhooks delivered and verified with the SDK. Fails (does not skip) when curl is missing.

use crate::common::*;
use oms_wasm::webhook::{verify, VerifyOptions, WebhookHeaders};
use serde_json::Value;

fn read(dir: &std::path::Path, name: &str) -> Value {
    let text = std::fs::read_to_string(dir.join(format!("{name}.json")))
        .unwrap_or_else(|e| panic!("{name}.json: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}.json: {e}: {text}"))
}

#[tokio::test]
async fn get_started_page_curl_requests_as_written() {
    let curl = std::process::Command::new("curl").arg("--version").output();
    assert!(
        curl.is_ok_and(|o| o.status.success()),
        "curl is required: this test runs the Get-started page's curl lines (apt-get install curl)"
    );
    // the fixture is the page's text: the cash-in body uses the page's field names
    let fixture = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/get-started-curl.sh"
    ))
    .unwrap();
    for s in [
        "https://sandbox-api.polygon.technology/v0.9/auth/token",
        r#""wallet": { "wallet": "wlt_01H9Xb..." }"#,
        r#""cashLocationId": "loc_01H9Xl...""#,
        r#""Idempotency-Key: cst-first-customer-001""#,
    ] {
        assert!(fixture.contains(s), "fixture lacks {s}");
    }

    let h = H::start().await;
    let rx = Receiver::start(vec![]).await;
    let out = std::env::temp_dir().join(format!(
        "oms-get-started-{}-{}",
        std::process::id(),
        h.emu.addr().port()
    ));
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/get_started.sh");
    let mut cmd = std::process::Command::new("bash");
    cmd.arg(script)
        .env("BASE_URL", &h.base)
        .env("CONTROL_URL", h.emu.control_url())
        .env("API_KEY", h.emu.api_key())
        .env("API_SECRET", h.emu.api_secret())
        .env("HOOK_URL", &rx.url)
        .env("OUT_DIR", &out);
    let run = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .expect("run bash");
    let text = String::from_utf8_lossy(&run.stdout).into_owned();
    println!("{text}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "get_started.sh failed:\n{text}");
    assert!(text.contains("12 passed, 0 failed"), "{text}");

    // the create response: the page's shape, endorsements PENDING; then ACTIVE after review
    let customer = read(&out, "customer");
    let id = customer["id"].as_str().unwrap();
    let statuses: Vec<(&str, &str)> = customer["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["type"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("basic", "PENDING"),
            ("cryptoCustody", "PENDING"),
            ("usd", "PENDING")
        ]
    );
    assert_eq!(customer["object"], "customer");
    let now = h.get(&format!("/customers/{id}")).await.json();
    assert!(now["endorsements"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["status"] == "ACTIVE"));
    assert_eq!(read(&out, "wallet")["chain"], "polygon");
    let cash_in = read(&out, "cash-in");
    assert_eq!(cash_in["status"], "pending");
    assert!(cash_in["depositInstructions"]["code"].is_string());
    let ci = cash_in["id"].as_str().unwrap();
    assert_eq!(
        h.get(&format!("/cash-ins/{ci}")).await.json()["status"],
        "completed"
    );
    assert_eq!(read(&out, "bank-transaction")["type"], "cryptoToFiat");

    // both completion webhooks (and the others subscribed to) delivered, signed, verifiable
    let secret = read(&out, "webhook")["secret"].as_str().unwrap().to_owned();
    let wanted = [
        "customer.endorsement.granted",
        "cashIn.completed",
        "transaction.fiatToCrypto.completed",
        "transaction.cryptoToFiat.completed",
    ];
    eventually("the page's key events", || async {
        let got: Vec<String> = rx
            .all()
            .iter()
            .map(|r| {
                serde_json::from_slice::<Value>(&r.body).unwrap()["type"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        wanted.iter().all(|w| got.iter().any(|g| g == w))
    })
    .await;
    for r in rx.all() {
        let mut hdrs = WebhookHeaders::new();
        for (k, v) in &r.headers {
            hdrs.append(k, v);
        }
        let ts: i64 = header(&r, "webhook-timestamp").parse().unwrap();
        let ok = verify(&r.body, &hdrs, &[secret.as_str()], &VerifyOptions::at(ts))
            .expect("the delivery verifies with the endpoint's secret");
        assert_eq!(ok.key_encoding.as_str(), "hex");
        let ev: Value = serde_json::from_slice(&r.body).unwrap();
        if ev["type"] == "cashIn.completed" {
            assert_eq!(ev["data"]["id"], ci);
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    h.emu.shutdown().await;
}

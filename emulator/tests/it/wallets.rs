use crate::common::*;
use serde_json::json;

#[tokio::test]
async fn eip55_addresses_deterministic_and_rules() {
    let h = H::start().await;
    let c = h.customer(full_customer()).await;
    let (w, addr) = h.wallet(&c).await;
    assert!(oms_emulator::evm::is_address(&addr));
    assert_eq!(
        oms_emulator::evm::checksum(&addr[2..]),
        addr,
        "EIP-55 checksummed"
    );
    assert_ne!(addr.to_lowercase(), addr, "mixed case");
    // same seed + same sequence of calls → same address in another emulator
    let h2 = H::start().await;
    let c2 = h2.customer(full_customer()).await;
    let (_, addr2) = h2.wallet(&c2).await;
    assert_eq!((c.clone(), addr.clone()), (c2, addr2));
    h2.emu.shutdown().await;

    // get, list, balance, case-insensitive chain, several wallets per chain
    let g = h.get(&format!("/wallets/{w}")).await.json();
    assert_eq!(
        (
            g["object"].as_str(),
            g["chain"].as_str(),
            g["type"].as_str()
        ),
        (Some("wallet"), Some("polygon"), Some("internal"))
    );
    let r = h
        .post(
            &format!("/customers/{c}/wallets"),
            json!({"asset": "USDC", "chain": "Polygon"}),
        )
        .await;
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["chain"], "polygon");
    let list = h.get(&format!("/customers/{c}/wallets")).await.json();
    assert_eq!(list["data"].as_array().unwrap().len(), 2);
    let cust = h.get(&format!("/customers/{c}")).await.json();
    assert_eq!(cust["wallets"][0]["type"], "custodial");
    assert_eq!(cust["wallets"][0]["network"], "polygon");
    h.fund(&w, "12.34").await;
    let b = h
        .get(&format!(
            "/wallets/{w}/balance?estimatedBalanceCurrencyCode=USD"
        ))
        .await
        .json();
    assert_eq!(
        (b["balance"].as_str(), b["estimatedValueUsd"].as_str()),
        (Some("12.34"), Some("12.34"))
    );
    assert_eq!(
        h.get(&format!(
            "/wallets/{w}/balance?estimatedBalanceCurrencyCode=EUR"
        ))
        .await
        .status,
        400
    );
    // rules
    assert_eq!(
        h.post(
            &format!("/customers/{c}/wallets"),
            json!({"asset": "usdc", "chain": "solana"})
        )
        .await
        .status,
        422
    );
    assert_eq!(
        h.post(&format!("/customers/{c}/wallets"), json!({"asset": "usdc"}))
            .await
            .status,
        400
    );
    assert_eq!(
        h.post(
            "/customers/cst_nope/wallets",
            json!({"asset": "usdc", "chain": "polygon"})
        )
        .await
        .status,
        404
    );
    assert_eq!(h.get("/wallets/wlt_nope").await.status, 404);
    h.emu.shutdown().await;
}

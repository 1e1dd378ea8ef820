use crate::common::*;
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<String> {
    v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn cursor_pagination_both_directions() {
    let h = H::start().await;
    let (c, w) = funded(&h, "1000.00").await;
    let dest = json!({"blockchainAddress": "0x000000000000000000000000000000000000dEaD"});
    let mut made = Vec::new();
    for _ in 0..7 {
        let q = h.post("/quotes", json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon", "amount": "1.00"},
            "destination": {"asset": "usdc", "network": "polygon", "wallet": dest}})).await.json();
        let t = h
            .post("/transactions", json!({"quoteId": q["id"]}))
            .await
            .json();
        made.push(t["id"].as_str().unwrap().to_owned());
    }
    made.reverse(); // newest first
    let all = h.get("/transactions").await.json();
    assert_eq!(ids(&all), made);
    assert_eq!(all["hasMore"], false);
    assert!(all.get("nextCursor").is_none());

    let p1 = h.get("/transactions?limit=3").await.json();
    assert_eq!(ids(&p1), made[0..3]);
    assert_eq!(p1["hasMore"], true);
    assert!(p1.get("previousCursor").is_none());
    let n1 = p1["nextCursor"].as_str().unwrap();
    let p2 = h
        .get(&format!("/transactions?limit=3&startingAfter={n1}"))
        .await
        .json();
    assert_eq!(ids(&p2), made[3..6]);
    assert_eq!(p2["hasMore"], true);
    let n2 = p2["nextCursor"].as_str().unwrap();
    let p3 = h
        .get(&format!("/transactions?limit=3&startingAfter={n2}"))
        .await
        .json();
    assert_eq!(ids(&p3), made[6..7]);
    assert_eq!(p3["hasMore"], false);
    assert!(p3.get("nextCursor").is_none());
    // backwards from page 3
    let b = p3["previousCursor"].as_str().unwrap();
    let back = h
        .get(&format!("/transactions?limit=3&endingBefore={b}"))
        .await
        .json();
    assert_eq!(ids(&back), made[3..6]);
    assert_eq!(back["hasMore"], true);
    let b2 = back["previousCursor"].as_str().unwrap();
    let first = h
        .get(&format!("/transactions?limit=3&endingBefore={b2}"))
        .await
        .json();
    assert_eq!(ids(&first), made[0..3]);
    assert_eq!(first["hasMore"], false);
    // errors
    assert_eq!(h.get("/transactions?limit=0").await.status, 400);
    assert_eq!(h.get("/transactions?limit=101").await.status, 400);
    assert_eq!(h.get("/transactions?limit=100").await.status, 200);
    assert_eq!(
        h.get("/transactions?startingAfter=bm9wZQ").await.json()["error"]["code"],
        "invalid_cursor"
    );
    assert_eq!(
        h.get(&format!(
            "/transactions?startingAfter={n1}&endingBefore={n1}"
        ))
        .await
        .status,
        400
    );
    assert_eq!(
        h.get("/transactions?createdAfter=yesterday").await.status,
        400
    );
    // date range (inclusive) and filters
    let now = h.control("GET", "/clock", None).await["now"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = h
        .get(&format!("/transactions?createdBefore={now}"))
        .await
        .json();
    assert_eq!(ids(&r).len(), 7, "{now} {r}");
    h.advance(5.0).await;
    let later = h.control("GET", "/clock", None).await["now"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        ids(&h
            .get(&format!("/transactions?createdAfter={later}"))
            .await
            .json())
        .len(),
        0
    );
    assert_eq!(
        ids(&h.get("/transactions?type=fiatToCrypto").await.json()).len(),
        0
    );
    assert_eq!(
        ids(&h
            .get(&format!("/accounts/{w}/transactions?limit=2"))
            .await
            .json())
        .len(),
        2
    );
    h.emu.shutdown().await;
}

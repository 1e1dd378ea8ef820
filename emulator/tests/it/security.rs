//! The emulator as a local tool: Host guard (DNS rebinding), JSON-only mutating controls (CSRF),
//! a request log without identity numbers or birth dates, no webhooks to private or metadata
//! addresses, read timeouts on slow sockets, a clock that cannot wrap, data scoped per API key.

use crate::common::*;
use oms_emulator::Config;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends raw bytes and reads until the server closes (or `wait` passes): (bytes read, closed).
async fn raw(addr: std::net::SocketAddr, bytes: &[u8], wait: Duration) -> (String, bool) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    if !bytes.is_empty() {
        s.write_all(bytes).await.unwrap();
    }
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    let deadline = Instant::now() + wait;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (String::from_utf8_lossy(&out).into_owned(), false);
        }
        match tokio::time::timeout(left, s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(Ok(n)) => out.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), false),
        }
    }
}

fn status_of(resp: &str) -> u16 {
    resp.split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

async fn get_with_host(h: &H, path: &str, host: Option<&str>, auth: bool) -> u16 {
    let mut req = format!("GET {path} HTTP/1.1\r\n");
    if let Some(host) = host {
        req.push_str(&format!("Host: {host}\r\n"));
    }
    if auth {
        req.push_str(&format!("Authorization: Bearer {}\r\n", h.token));
    }
    req.push_str("Connection: close\r\n\r\n");
    let (resp, _) = raw(h.emu.addr(), req.as_bytes(), Duration::from_secs(5)).await;
    status_of(&resp)
}

#[tokio::test]
async fn only_loopback_host_values_are_answered() {
    let h = H::start().await;
    let port = h.emu.addr().port();
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "LOCALHOST".to_owned(),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(
            get_with_host(&h, "/_emulator", Some(&host), false).await,
            200,
            "{host}"
        );
        assert_eq!(
            get_with_host(&h, "/v0.9/customers", Some(&host), true).await,
            200,
            "{host}"
        );
    }
    // a DNS-rebinding page sends its own name; a LAN address is not loopback either
    for host in [
        format!("attacker.example:{port}"),
        "localhost.attacker.example".to_owned(),
        format!("192.168.1.20:{port}"),
    ] {
        for (path, auth) in [
            ("/_emulator", false),
            ("/_emulator/state", false),
            ("/v0.9/customers", true),
        ] {
            assert_eq!(
                get_with_host(&h, path, Some(&host), auth).await,
                403,
                "{host} {path}"
            );
        }
    }
    assert_eq!(
        get_with_host(&h, "/_emulator", None, false).await,
        403,
        "no Host"
    );
    // absolute-form request naming another host
    let req = format!(
        "GET http://attacker.example/_emulator HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    );
    let (resp, _) = raw(h.emu.addr(), req.as_bytes(), Duration::from_secs(5)).await;
    assert_eq!(status_of(&resp), 403);
    h.emu.shutdown().await;

    // --allow-host adds a name
    let h = H::with(Config {
        allow_hosts: vec!["dev.example".into()],
        ..test_config()
    })
    .await;
    assert_eq!(
        get_with_host(&h, "/_emulator", Some("dev.example:8080"), false).await,
        200
    );
    assert_eq!(
        get_with_host(&h, "/_emulator", Some("other.example"), false).await,
        403
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn mutating_controls_need_json() {
    let h = H::start().await;
    let c = h.customer(json!({"type": "individual"})).await;
    let url = format!("{}/reset", h.emu.control_url());
    // what a cross-site form or a no-cors fetch can send
    for ct in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
    ] {
        let mut hdrs = vec![];
        if let Some(ct) = ct {
            hdrs.push(("content-type".to_owned(), ct.to_owned()));
        }
        let r = oms_emulator::http_client::request("POST", &url, &hdrs, Some(b"{}"), T)
            .await
            .unwrap();
        assert_eq!(r.status, 415, "{ct:?}");
        assert_eq!(r.json()["error"]["code"], "unsupported_media_type");
    }
    let r = h
        .send(
            "POST",
            &format!("{}/clock/advance", h.emu.control_url()),
            None,
            None,
            None,
        )
        .await;
    assert_eq!(r.status, 415);
    // nothing was reset
    assert_eq!(h.get(&format!("/customers/{c}")).await.status, 200);
    // JSON (with a charset) works; reads need no content type
    let hdrs = vec![(
        "content-type".to_owned(),
        "application/json; charset=utf-8".to_owned(),
    )];
    let r = oms_emulator::http_client::request("POST", &url, &hdrs, Some(b"{}"), T)
        .await
        .unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(h.control_raw("GET", "/clock", None).await.status, 200);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn request_log_redacts_identity_numbers_and_birth_dates() {
    let h = H::start().await;
    let mut body = full_customer();
    body["identifyingInformation"] = json!([
        {"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"},
        {"type": "passport", "issuingCountry": "US", "number": "X98765432"},
        {"type": "driversLicense", "issuingCountry": "US", "number": "D1234567"}
    ]);
    let c = h.customer(body).await;
    h.patch(
        &format!("/customers/{c}"),
        json!({"birthDate": "1985-12-24", "identifyingInformation": [{"type": "itin", "issuingCountry": "US", "number": "912-70-1234"}]}),
    )
    .await;
    // a body that is not JSON is not stored raw
    let hdrs = vec![
        ("authorization".to_owned(), format!("Bearer {}", h.token)),
        ("idempotency-key".to_owned(), "raw-1".to_owned()),
        ("content-type".to_owned(), "application/json".to_owned()),
    ];
    oms_emulator::http_client::request(
        "POST",
        &format!("{}/customers", h.base),
        &hdrs,
        Some(br#"{"type":"individual","identifyingInformation":[{"number":"555-12-3456""#),
        T,
    )
    .await
    .unwrap();
    let log = h.requests().await;
    let text = serde_json::to_string(&log).unwrap();
    for secret in [
        "123-45-6789",
        "X98765432",
        "D1234567",
        "912-70-1234",
        "555-12-3456",
        "1990-01-15",
        "1985-12-24",
        h.emu.api_secret(),
        &h.token,
    ] {
        assert!(!text.contains(secret), "{secret} in the request log");
    }
    let create = log
        .iter()
        .find(|e| e["method"] == "POST" && e["status"] == 201)
        .unwrap();
    assert_eq!(create["body"]["birthDate"], "[redacted]");
    assert_eq!(
        create["body"]["identifyingInformation"][1]["number"],
        "[redacted]"
    );
    assert_eq!(
        create["body"]["identifyingInformation"][1]["type"],
        "passport"
    );
    assert_eq!(
        create["body"]["firstName"], "Alice",
        "the rest stays readable"
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn webhook_urls_to_private_or_metadata_addresses_are_refused() {
    let h = H::start().await;
    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.0.0.5/hook",
        "http://172.16.3.4:8080/hook",
        "http://192.168.1.1/hook",
        "http://0.0.0.0:8080/hook",
        "http://[fd00::1]/hook",
        "http://[fe80::1]/hook",
        "http://[::ffff:169.254.169.254]/hook",
        "http://2852039166/hook",
        "http://0xa9fea9fe/hook",
        "http://100.100.100.200/hook",
        "http://127.0.0.1@169.254.169.254/hook",
    ] {
        let r = h.post("/webhooks", json!({"url": url})).await;
        assert_eq!(r.status, 400, "{url}: {}", r.text());
        assert_eq!(
            err_of(&r).server_code.as_deref(),
            Some("invalid_webhook_url"),
            "{url}"
        );
    }
    // loopback stays allowed (tests and the demo deliver to 127.0.0.1); PATCH is checked too
    let ok = h
        .post("/webhooks", json!({"url": "http://127.0.0.1:9/hook"}))
        .await;
    assert_eq!(ok.status, 201);
    assert_eq!(
        h.post("/webhooks", json!({"url": "http://localhost:9/hook"}))
            .await
            .status,
        201
    );
    let id = ok.json()["id"].as_str().unwrap().to_owned();
    let p = h
        .patch(
            &format!("/webhooks/{id}"),
            json!({"url": "http://169.254.169.254/"}),
        )
        .await;
    assert_eq!(p.status, 400);
    assert_eq!(
        h.get("/webhooks").await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    h.emu.shutdown().await;

    // the flag allows them
    let h = H::with(Config {
        allow_private_webhook_urls: true,
        ..test_config()
    })
    .await;
    assert_eq!(
        h.post("/webhooks", json!({"url": "http://10.0.0.5/hook"}))
            .await
            .status,
        201
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn slow_sockets_are_closed() {
    let h = H::with(Config {
        read_timeout_ms: 300,
        ..test_config()
    })
    .await;
    let addr = h.emu.addr();
    let wait = Duration::from_secs(5);
    // a socket that sends nothing
    let t0 = Instant::now();
    let (_, closed) = raw(addr, b"", wait).await;
    assert!(closed, "an idle socket stays open");
    assert!(t0.elapsed() < Duration::from_secs(3));
    // half a request line / half the headers
    let (_, closed) = raw(
        addr,
        b"GET /v0.9/customers HTTP/1.1\r\nHost: 127.0.0.1\r\n",
        wait,
    )
    .await;
    assert!(closed, "half the headers keep the socket open");
    // complete headers, half the body: 408, then closed
    let req = format!(
        "POST /v0.9/customers HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {}\r\nIdempotency-Key: slow-1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"type\":",
        h.token
    );
    let (resp, closed) = raw(addr, req.as_bytes(), wait).await;
    assert!(closed, "half a body keeps the socket open");
    assert_eq!(status_of(&resp), 408, "{resp}");
    // an idle keep-alive connection after a complete request
    let req = "GET /_emulator/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    let (resp, closed) = raw(addr, req.as_bytes(), wait).await;
    assert_eq!(status_of(&resp), 200);
    assert!(closed, "an idle keep-alive connection stays open");
    // 200 sockets that send nothing are all closed
    let mut socks = Vec::new();
    for _ in 0..200 {
        socks.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let mut open = 0;
    for mut s in socks {
        let mut b = [0u8; 1];
        if let Err(_) | Ok(Ok(1..)) =
            tokio::time::timeout(Duration::from_millis(200), s.read(&mut b)).await
        {
            open += 1;
        }
    }
    assert_eq!(open, 0, "{open} of 200 idle sockets still open");
    // the server still answers
    assert_eq!(h.get("/customers").await.status, 200);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn clock_advance_is_clamped() {
    let h = H::start().await;
    let before = h.control("GET", "/clock", None).await["nowMs"]
        .as_i64()
        .unwrap();
    for body in [
        json!({"hours": 1e12}),
        json!({"ms": 9.2e18}),
        json!({"ms": 1e300}),
        json!({"seconds": -1}),
        json!({"seconds": "5"}),
        json!({"days": 40000}),
        json!({}),
    ] {
        let r = h
            .control_raw("POST", "/clock/advance", Some(body.clone()))
            .await;
        assert_eq!(r.status, 400, "{body}: {}", r.text());
    }
    // many large steps stop at the year 9999 instead of wrapping
    let mut refused = false;
    for _ in 0..200 {
        let r = h
            .control_raw("POST", "/clock/advance", Some(json!({"days": 36_000})))
            .await;
        if r.status == 400 {
            refused = true;
            break;
        }
        assert_eq!(r.status, 200);
    }
    assert!(refused, "the clock kept going past 9999");
    let now = h.control("GET", "/clock", None).await;
    let ms = now["nowMs"].as_i64().unwrap();
    assert!(ms > before && ms <= 253_402_300_799_999, "{now}");
    assert!(now["now"].as_str().unwrap().starts_with("9"), "{now}");
    // the API still works at that time (with a fresh token: the old one expired long ago)
    let t = h.token_for(h.emu.api_key(), h.emu.api_secret()).await;
    let r = h
        .send(
            "POST",
            "/customers",
            Some(&t),
            Some("late-1"),
            Some(json!({"type": "individual"})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert!(r.json()["createdAt"].as_str().unwrap().starts_with('9'));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn data_is_scoped_per_api_key() {
    let cfg = Config {
        api_keys: vec![
            ("sk_sdbx_a".into(), "secret-a".into()),
            ("sk_sdbx_b".into(), "secret-b".into()),
        ],
        ..test_config()
    };
    let h = H::with(cfg).await;
    let tb = h.token_for("sk_sdbx_b", "secret-b").await;
    let hr = &h;
    let tbr = tb.as_str();
    let as_b = move |method: &'static str, path: String, body: Option<Value>| async move {
        let idem = (method == "POST").then(|| hr.key());
        hr.send(method, &path, Some(tbr), idem.as_deref(), body)
            .await
    };
    let rx_a = Receiver::start(vec![]).await;
    let rx_b = Receiver::start(vec![]).await;
    h.post("/webhooks", json!({"url": rx_a.url})).await;
    as_b("POST", "/webhooks".into(), Some(json!({"url": rx_b.url}))).await;
    let (c, w) = funded(&h, "50.00").await;
    let loc = h
        .get("/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336")
        .await
        .json()["data"][0]
        .clone();
    let ci = h
        .post(
            "/cash-ins",
            json!({"customerId": c, "source": {"asset": "usd"},
        "destination": {"wallet": {"id": w}, "asset": "usdc", "network": "polygon"},
        "cash": {"locationId": loc["id"], "locationReference": loc["locationReference"]}}),
        )
        .await
        .json();
    let q = h.post("/quotes", json!({"customerId": c, "source": {"walletId": w, "asset": "usdc", "network": "polygon", "amount": "1.00"},
        "destination": {"asset": "usdc", "network": "polygon", "wallet": {"id": w}}})).await.json();
    let qid = q["id"].as_str().unwrap().to_owned();
    // key B sees none of it
    for path in [
        format!("/customers/{c}"),
        format!("/customers/{c}/wallets"),
        format!("/wallets/{w}"),
        format!("/wallets/{w}/balance"),
        format!("/cash-ins/{}", ci["id"].as_str().unwrap()),
        format!("/quotes/{qid}"),
    ] {
        let r = as_b("GET", path.clone(), None).await;
        assert_eq!(r.status, 404, "{path}: {}", r.text());
    }
    for path in ["/customers", "/cash-ins", "/transactions"] {
        let r = as_b("GET", path.into(), None).await;
        assert_eq!(r.json()["data"].as_array().unwrap().len(), 0, "{path}");
    }
    assert_eq!(
        as_b("GET", "/webhooks".into(), None).await.json()["data"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // nor can it use it
    let r = as_b(
        "POST",
        "/transactions".into(),
        Some(json!({"quoteId": qid})),
    )
    .await;
    assert_eq!(r.status, 404);
    let r = as_b(
        "PATCH",
        format!("/customers/{c}"),
        Some(json!({"firstName": "Mallory"})),
    )
    .await;
    assert_eq!(r.status, 404);
    let r = as_b(
        "POST",
        format!("/customers/{c}/wallets"),
        Some(json!({"asset": "usdc", "chain": "polygon"})),
    )
    .await;
    assert_eq!(r.status, 404);
    let r = as_b(
        "POST",
        "/cash-ins/simulate/barcode-auth".into(),
        Some(json!({"accountNumber": ci["depositInstructions"]["code"], "accountReferenceNumber": loc["locationReference"], "amount": "50.00"})),
    )
    .await;
    assert_eq!(r.status, 404);
    // and A's events go to A's endpoint only
    eventually("A's events", || async { rx_a.count() >= 1 }).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(rx_b.count(), 0, "B's endpoint got A's events");
    assert_eq!(
        h.get(&format!("/customers/{c}")).await.json()["firstName"],
        "Alice"
    );
    h.emu.shutdown().await;
}

#[test]
fn several_api_keys_from_flags() {
    let args: Vec<String> = [
        "--api-key",
        "sk_sdbx_a",
        "--api-secret",
        "a",
        "--api-key",
        "sk_sdbx_b",
        "--api-secret",
        "b",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let c = Config::from_sources(&args, |_| None).unwrap().unwrap();
    assert_eq!(
        c.api_keys,
        vec![
            ("sk_sdbx_a".to_owned(), "a".to_owned()),
            ("sk_sdbx_b".to_owned(), "b".to_owned())
        ]
    );
    let bad: Vec<String> = ["--api-key", "x", "--api-secret", "y", "--api-key", "z"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert!(Config::from_sources(&bad, |_| None).is_err());
    // one --api-secret with the environment's key keeps the default pairing
    let one: Vec<String> = ["--api-secret", "s"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let c = Config::from_sources(&one, |k| {
        (k == "OMS_EMULATOR_API_KEY").then(|| "sk_sdbx_env".into())
    })
    .unwrap()
    .unwrap();
    assert_eq!(c.api_keys, vec![("sk_sdbx_env".to_owned(), "s".to_owned())]);
    let hosts: Vec<String> = [
        "--allow-host",
        "a.example,b.example",
        "--allow-host=c.example",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let c = Config::from_sources(&hosts, |_| None).unwrap().unwrap();
    assert_eq!(c.allow_hosts, ["a.example", "b.example", "c.example"]);
}

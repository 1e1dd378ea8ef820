//! Shared test harness: a started emulator, a token, request helpers (raw and through the core's
//! sans-IO operations), a webhook receiver, bounded polling.

use oms_emulator::http_client::{request, Response};
use oms_emulator::{Config, Emulator};
use oms_wasm::api::{BaseUrl, Operation, RequestContext};
use oms_wasm::error::ApiError;
use oms_wasm::http::HttpResponse;
use oms_wasm::validate::date::Date;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const T: Duration = Duration::from_secs(10);

pub struct H {
    pub emu: Emulator,
    pub base: String,
    pub token: String,
    seq: AtomicU64,
}

pub fn full_customer() -> Value {
    json!({
        "type": "individual", "firstName": "Alice", "lastName": "Smith", "email": "alice@example.com",
        "phone": "+12125551234", "birthDate": "1990-01-15", "nationality": "US",
        "residentialAddress": {"line1": "123 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001"},
        "identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}],
        "signedAgreement": true
    })
}

pub fn test_config() -> Config {
    Config {
        token_ttl_secs: 90 * 86_400,
        webhook_retry_schedule_ms: vec![0, 0, 0],
        settle_delay_ms: 0,
        tick_ms: 5,
        webhook_timeout_ms: 3000,
        ..Config::default()
    }
}

impl H {
    pub async fn start() -> H {
        H::with(test_config()).await
    }

    pub async fn with(config: Config) -> H {
        let emu = Emulator::start(config).await.expect("start");
        let base = emu.base_url();
        let (k, s) = (emu.api_key().to_owned(), emu.api_secret().to_owned());
        let mut h = H {
            emu,
            base,
            token: String::new(),
            seq: AtomicU64::new(0),
        };
        h.token = h.token_for(&k, &s).await;
        h
    }

    pub async fn token_for(&self, key: &str, secret: &str) -> String {
        let r = self
            .post_raw(
                "/auth/token",
                None,
                None,
                json!({"apiKey": key, "apiSecret": secret}),
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["accessToken"].as_str().unwrap().to_owned()
    }

    pub fn key(&self) -> String {
        format!("test-key-{}", self.seq.fetch_add(1, Ordering::SeqCst))
    }

    pub async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        idem: Option<&str>,
        body: Option<Value>,
    ) -> Response {
        let mut h = vec![("accept".to_owned(), "application/json".to_owned())];
        if let Some(t) = token {
            h.push(("authorization".into(), format!("Bearer {t}")));
        }
        if let Some(k) = idem {
            h.push(("idempotency-key".into(), k.to_owned()));
        }
        let b = body.map(|b| b.to_string());
        if b.is_some() {
            h.push(("content-type".into(), "application/json".into()));
        }
        let url = if path.starts_with("http") {
            path.to_owned()
        } else {
            format!("{}{path}", self.base)
        };
        request(method, &url, &h, b.as_deref().map(str::as_bytes), T)
            .await
            .expect("request")
    }

    pub async fn post_raw(
        &self,
        path: &str,
        token: Option<&str>,
        idem: Option<&str>,
        body: Value,
    ) -> Response {
        self.send("POST", path, token, idem, Some(body)).await
    }

    /// POST with the harness token and a fresh idempotency key.
    pub async fn post(&self, path: &str, body: Value) -> Response {
        let k = self.key();
        self.send(
            "POST",
            path,
            Some(&self.token.clone()),
            Some(&k),
            Some(body),
        )
        .await
    }

    pub async fn get(&self, path: &str) -> Response {
        self.send("GET", path, Some(&self.token.clone()), None, None)
            .await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Response {
        self.send("PATCH", path, Some(&self.token.clone()), None, Some(body))
            .await
    }

    /// A control call; mutating ones always carry `Content-Type: application/json` (the controls
    /// refuse anything else), with `{}` when no body is given.
    pub async fn control(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let r = self.control_raw(method, path, body).await;
        assert!(r.status < 300, "control {path}: {} {}", r.status, r.text());
        r.json()
    }

    /// A control call, any status.
    pub async fn control_raw(&self, method: &str, path: &str, body: Option<Value>) -> Response {
        let url = format!("{}{path}", self.emu.control_url());
        let body = match (method, body) {
            ("GET" | "HEAD", b) => b,
            (_, None) => Some(json!({})),
            (_, b) => b,
        };
        self.send(method, &url, None, None, body).await
    }

    pub async fn advance(&self, seconds: f64) {
        self.control("POST", "/clock/advance", Some(json!({"seconds": seconds})))
            .await;
    }

    /// Sends a core operation (built by the SDK's sans-IO builder) and parses it with the SDK.
    pub async fn op<O: Operation>(&self, op: &O) -> Result<O::Output, ApiError> {
        let ctx = RequestContext::new(BaseUrl::parse(&self.base).unwrap(), Date::EPOCH)
            .with_access_token(self.token.clone())
            .with_idempotency_key(self.key());
        let req = op.build(&ctx).expect("build");
        let r = request(
            req.method.as_str(),
            &req.url,
            &req.headers,
            req.body.as_deref().map(str::as_bytes),
            T,
        )
        .await
        .expect("send");
        let mut resp = HttpResponse::new(r.status, r.text());
        resp.headers = r.headers.clone();
        O::parse(&resp)
    }

    pub async fn customer(&self, body: Value) -> String {
        let r = self.post("/customers", body).await;
        assert_eq!(r.status, 201, "{}", r.text());
        r.json()["id"].as_str().unwrap().to_owned()
    }

    pub async fn wallet(&self, customer: &str) -> (String, String) {
        let r = self
            .post(
                &format!("/customers/{customer}/wallets"),
                json!({"asset": "usdc", "chain": "polygon"}),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text());
        let v = r.json();
        (
            v["id"].as_str().unwrap().to_owned(),
            v["address"].as_str().unwrap().to_owned(),
        )
    }

    pub async fn fund(&self, wallet: &str, amount: &str) {
        self.control(
            "POST",
            &format!("/wallets/{wallet}/credit"),
            Some(json!({"amount": amount, "event": false})),
        )
        .await;
    }

    pub async fn balance(&self, wallet: &str) -> String {
        let r = self.get(&format!("/wallets/{wallet}/balance")).await;
        assert_eq!(r.status, 200, "{}", r.text());
        r.json()["balance"].as_str().unwrap().to_owned()
    }

    pub async fn deliveries(&self) -> Vec<Value> {
        self.control("GET", "/deliveries", None).await["data"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn requests(&self) -> Vec<Value> {
        self.control("GET", "/requests", None).await["data"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }
}

/// Polls `f` every 10 ms for at most 10 s.
pub async fn eventually<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..1000 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for: {what}");
}

pub fn err_of(r: &Response) -> ApiError {
    ApiError::from_response(r.status, &r.headers, &r.text())
}

/// A received webhook.
#[derive(Clone, Debug)]
pub struct Received {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A local webhook receiver answering with `statuses` in turn (then 200).
pub struct Receiver {
    pub url: String,
    pub got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    pub async fn start(statuses: Vec<u16>) -> Receiver {
        use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", l.local_addr().unwrap());
        let got = Arc::new(Mutex::new(Vec::new()));
        let (g, statuses) = (got.clone(), Arc::new(Mutex::new(statuses.into_iter())));
        tokio::spawn(async move {
            loop {
                let Ok((s, _)) = l.accept().await else { return };
                let (g, statuses) = (g.clone(), statuses.clone());
                tokio::spawn(async move {
                    let mut r = BufReader::new(s);
                    let mut line = String::new();
                    if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let mut headers = Vec::new();
                    loop {
                        line.clear();
                        r.read_line(&mut line).await.unwrap_or(0);
                        let l = line.trim_end();
                        if l.is_empty() {
                            break;
                        }
                        if let Some((k, v)) = l.split_once(':') {
                            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
                        }
                    }
                    let len = headers
                        .iter()
                        .find(|(k, _)| k == "content-length")
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(0);
                    let mut body = vec![0; len];
                    let _ = r.read_exact(&mut body).await;
                    let status = statuses.lock().unwrap().next().unwrap_or(200);
                    g.lock().unwrap().push(Received { headers, body });
                    let resp = format!(
                        "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                    );
                    let _ = r.get_mut().write_all(resp.as_bytes()).await;
                });
            }
        });
        Receiver { url, got }
    }

    pub fn count(&self) -> usize {
        self.got.lock().unwrap().len()
    }

    pub fn all(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

pub fn header<'a>(r: &'a Received, name: &str) -> &'a str {
    r.headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// A provisioned customer with a funded usdc/polygon wallet.
pub async fn funded(h: &H, amount: &str) -> (String, String) {
    let c = h.customer(full_customer()).await;
    let (w, _) = h.wallet(&c).await;
    h.fund(&w, amount).await;
    (c, w)
}

//! The accept loop and the request pipeline every request goes through, in order:
//! the `Host` guard (loopback or `--allow-host` only: DNS rebinding) → read the body (with a read
//! timeout; headers have one too, and idle connections are closed) → test controls
//! (`/_emulator/...`, no auth; mutating ones need `Content-Type: application/json`) → strip the
//! version prefix → fault injection (latency, 500/503/429, drop) → bearer auth → due sandbox
//! reviews → idempotency (POST: key required; replay / 409) → the axum router → store a 2xx
//! idempotent response → request log (identity numbers, birth dates and secrets redacted).

use crate::app::App;
use crate::domain::auth::{self, Caller};
use crate::domain::customers::approve_due;
use crate::errors::ApiErr;
use crate::faults::Fault;
use crate::handlers;
use crate::handlers::controls;
use crate::state::{IdemRec, IdemScope};
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, Response, Uri};
use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;
use tower::ServiceExt;

/// Largest request body accepted.
pub const MAX_BODY: usize = 1 << 20;

/// Returned by the service to make hyper close the connection without a response.
#[derive(Debug)]
pub struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// Accepts connections until `stop` turns true.
pub async fn serve(app: App, listener: tokio::net::TcpListener, mut stop: watch::Receiver<bool>) {
    let api = handlers::router(app.clone());
    let controls = controls::router(app.clone());
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let app_timeout = app.config.read_timeout_ms.max(1);
        let (app, api, controls) = (app.clone(), api.clone(), controls.clone());
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let (app, api, controls) = (app.clone(), api.clone(), controls.clone());
                async move { handle(app, api, controls, req).await }
            });
            let read_timeout = Duration::from_millis(app_timeout);
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(read_timeout)
                .serve_connection(TokioIo::new(stream), svc);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = stop.changed() => { conn.as_mut().graceful_shutdown(); let _ = conn.await; }
            }
        });
    }
}

fn respond(err: ApiErr) -> Response<Body> {
    axum::response::IntoResponse::into_response(err)
}

/// Asks hyper to close the connection after this response.
fn close(mut r: Response<Body>) -> Response<Body> {
    r.headers_mut().insert(
        axum::http::header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    r
}

/// `Content-Type: application/json` (parameters such as `charset` allowed).
fn is_json(h: &HeaderMap) -> bool {
    h.get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

fn redacted_headers(h: &HeaderMap) -> Map<String, Value> {
    let mut m = Map::new();
    for (k, v) in h {
        let name = k.as_str().to_owned();
        let value = if name.eq_ignore_ascii_case("authorization") {
            "[redacted]".to_owned()
        } else {
            String::from_utf8_lossy(v.as_bytes()).into_owned()
        };
        m.insert(name, Value::String(value));
    }
    m
}

/// Keys whose values never reach the request log, wherever they appear in a body: secrets, birth
/// dates, tax ids.
const REDACTED_KEYS: &[&str] = &[
    "apiSecret",
    "birthDate",
    "dateOfBirth",
    "taxId",
    "ssn",
    "itin",
    "secret",
    "accessToken",
];

/// Redacts a logged body in place: `REDACTED_KEYS` anywhere, and every `number` inside
/// `identifyingInformation` (SSN, ITIN, passport and license numbers).
pub fn redact(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if REDACTED_KEYS.contains(&k.as_str()) {
                    if !x.is_null() {
                        *x = Value::from("[redacted]");
                    }
                } else if k == "identifyingInformation" {
                    match x {
                        Value::Array(items) => {
                            for item in items {
                                match item {
                                    Value::Object(doc) => {
                                        for (dk, dv) in doc.iter_mut() {
                                            if dk != "type" && dk != "issuingCountry" {
                                                *dv = Value::from("[redacted]");
                                            }
                                        }
                                    }
                                    other => *other = Value::from("[redacted]"),
                                }
                            }
                        }
                        other => *other = Value::from("[redacted]"),
                    }
                } else {
                    redact(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(redact),
        _ => {}
    }
}

fn logged_body(body: &Bytes) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut v) => {
            redact(&mut v);
            v
        }
        // not JSON: it could hold anything, so only its size is kept
        Err(_) => Value::String(format!("[not JSON: {} bytes]", body.len())),
    }
}

/// The request's fingerprint for idempotency: SHA-256 of the canonical JSON, else of the raw
/// bytes (the body itself, with its identity numbers, is not kept).
fn fingerprint(body: &Bytes) -> [u8; 32] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    if !body.is_empty() {
        match serde_json::from_slice::<Value>(body) {
            Ok(v) => h.update(canonical(&v).as_bytes()),
            Err(_) => {
                h.update(b"raw:");
                h.update(body);
            }
        }
    }
    h.finalize().into()
}

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", Value::String((*k).clone()), canonical(&m[*k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        other => other.to_string(),
    }
}

/// Checks the bearer token.
fn authenticate(app: &App, headers: &HeaderMap) -> Result<Caller, ApiErr> {
    let Some(h) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return Err(ApiErr::unauthorized("missing bearer token"));
    };
    let token = h
        .split_once(' ')
        .filter(|(s, _)| s.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .ok_or_else(|| ApiErr::unauthorized("the Authorization header must be `Bearer <token>`"))?;
    auth::caller(app, token)
}

enum Idem {
    None,
    Proceed(IdemScope),
}

async fn handle(
    app: App,
    api: axum::Router,
    controls: axum::Router,
    req: Request<Incoming>,
) -> Result<Response<Body>, DropConnection> {
    let started = std::time::Instant::now();
    let (mut parts, body) = req.into_parts();
    // DNS-rebinding guard: a page on another origin that resolves its name to 127.0.0.1 sends its
    // own name as Host; only loopback names and --allow-host ones are answered.
    let host = parts
        .headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| parts.uri.authority().map(|a| a.as_str()));
    let uri_host_ok = parts
        .uri
        .authority()
        .is_none_or(|a| crate::netguard::host_allowed(Some(a.as_str()), &app.config.allow_hosts));
    if !uri_host_ok || !crate::netguard::host_allowed(host, &app.config.allow_hosts) {
        return Ok(close(respond(ApiErr::host_not_allowed())));
    }
    let timeout = Duration::from_millis(app.config.read_timeout_ms.max(1));
    let body = match tokio::time::timeout(timeout, Limited::new(body, MAX_BODY).collect()).await {
        Ok(Ok(c)) => c.to_bytes(),
        Ok(Err(_)) => return Ok(close(respond(ApiErr::too_large()))),
        Err(_) => return Ok(close(respond(ApiErr::request_timeout()))),
    };
    let full_path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);

    if full_path == "/_emulator" || full_path.starts_with("/_emulator/") {
        let mutating = !matches!(parts.method, Method::GET | Method::HEAD);
        if mutating && !is_json(&parts.headers) {
            // a cross-site form or `fetch(..., {mode: 'no-cors'})` can only send text/plain,
            // form-urlencoded or multipart without a CORS preflight, which is never granted
            return Ok(respond(ApiErr::json_required()));
        }
        let req = Request::from_parts(parts, Body::from(body));
        let resp = controls
            .oneshot(req)
            .await
            .unwrap_or_else(|e: Infallible| match e {});
        if mutating {
            app.lock().rev += 1;
        }
        return Ok(resp);
    }

    let method = parts.method.clone();
    let idem_key = parts
        .headers
        .get("idempotency-key")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let mut entry = json!({
        "at": crate::clock::rfc3339(app.now()),
        "method": method.as_str(),
        "path": full_path,
        "query": query,
        "headers": redacted_headers(&parts.headers),
        "body": logged_body(&body),
        "idempotencyKey": idem_key,
    });

    let (resp, drop_after) = process(
        &app,
        &api,
        &mut parts,
        body,
        &full_path,
        query.as_deref(),
        &method,
        idem_key,
        &mut entry,
    )
    .await;
    let resp = match resp {
        Ok(r) => r,
        Err(DropConnection) => {
            entry["status"] = Value::Null;
            entry["dropped"] = Value::Bool(true);
            entry["durationMs"] = Value::from(started.elapsed().as_millis() as u64);
            app.lock().log_request(entry);
            return Err(DropConnection);
        }
    };
    entry["status"] = Value::from(resp.status().as_u16());
    entry["durationMs"] = Value::from(started.elapsed().as_millis() as u64);
    if drop_after {
        entry["dropped"] = Value::Bool(true);
    }
    app.lock().log_request(entry);
    if drop_after {
        return Err(DropConnection);
    }
    Ok(resp)
}

#[allow(clippy::too_many_arguments)]
async fn process(
    app: &App,
    api: &axum::Router,
    parts: &mut axum::http::request::Parts,
    body: Bytes,
    full_path: &str,
    query: Option<&str>,
    method: &Method,
    idem_key: Option<String>,
    entry: &mut Value,
) -> (Result<Response<Body>, DropConnection>, bool) {
    let prefix = app.config.prefix.as_str();
    let rel = match full_path.strip_prefix(prefix) {
        Some(r) if r.starts_with('/') => r.to_owned(),
        _ => return (Ok(respond(ApiErr::no_route())), false),
    };

    // faults
    let (fault, latency) = app.lock().faults.decide(method.as_str(), &rel);
    if latency > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(latency)).await;
    }
    if let Some(name) = fault.name() {
        entry["fault"] = Value::from(name);
    }
    match fault {
        Fault::Error500 => return (Ok(respond(ApiErr::injected_500())), false),
        Fault::Error503 => return (Ok(respond(ApiErr::injected_503())), false),
        Fault::RateLimit(s) => return (Ok(respond(ApiErr::injected_429(s))), false),
        Fault::Drop => return (Err(DropConnection), false),
        Fault::None | Fault::DropAfter => {}
    }
    let drop_after = fault == Fault::DropAfter;

    // auth
    let is_token = rel == "/auth/token";
    let caller = if is_token {
        None
    } else {
        match authenticate(app, &parts.headers) {
            Ok(c) => Some(c),
            Err(e) => return (Ok(respond(e)), false),
        }
    };

    // sandbox reviews due (one atomic load when none is)
    approve_due(app, app.now());

    // idempotency
    let mut idem = Idem::None;
    if let Some(caller) = &caller {
        let required = *method == Method::POST;
        let optional = *method == Method::PATCH || *method == Method::DELETE;
        match (&idem_key, required, optional) {
            (None, true, _) => return (Ok(respond(ApiErr::idempotency_key_missing())), false),
            (Some(k), true, _) | (Some(k), false, true) => {
                let ok = !k.is_empty()
                    && k.len() <= crate::assumptions::IDEMPOTENCY_MAX_KEY
                    && k.bytes().all(|b| (0x20..=0x7e).contains(&b));
                if !ok {
                    return (Ok(respond(ApiErr::idempotency_key_invalid())), false);
                }
                let scope: IdemScope = (
                    caller.api_key.clone(),
                    method.as_str().to_owned(),
                    rel.clone(),
                    k.clone(),
                );
                let fp = fingerprint(&body);
                let now = app.now();
                let mut st = app.lock();
                let existing = st
                    .idem
                    .get(&scope)
                    .filter(|r| now - r.created < crate::assumptions::IDEMPOTENCY_RETENTION_MS)
                    .cloned();
                match existing {
                    Some(rec) if rec.fingerprint != fp => {
                        return (Ok(respond(ApiErr::idempotency_conflict())), false)
                    }
                    Some(IdemRec { response: None, .. }) => {
                        return (Ok(respond(ApiErr::idempotency_in_progress())), false)
                    }
                    Some(IdemRec {
                        response: Some((status, headers, bytes)),
                        ..
                    }) => {
                        drop(st);
                        entry["replayed"] = Value::Bool(true);
                        let mut b = Response::builder().status(status);
                        for (k, v) in &headers {
                            b = b.header(k.as_str(), v.as_str());
                        }
                        b = b.header("idempotent-replayed", "true");
                        let resp = b
                            .body(Body::from(bytes))
                            .unwrap_or_else(|_| respond(ApiErr::injected_500()));
                        return (Ok(resp), drop_after);
                    }
                    None => {
                        st.idem.insert(
                            scope.clone(),
                            IdemRec {
                                fingerprint: fp,
                                response: None,
                                created: now,
                            },
                        );
                        idem = Idem::Proceed(scope);
                    }
                }
            }
            _ => {}
        }
    }

    // dispatch
    let uri = match query {
        Some(q) => format!("{rel}?{q}"),
        None => rel.clone(),
    };
    parts.uri = uri.parse::<Uri>().unwrap_or_else(|_| Uri::from_static("/"));
    let mut req = Request::from_parts(parts.clone(), Body::from(body));
    if let Some(c) = caller {
        req.extensions_mut().insert(c);
    }
    let resp = api
        .clone()
        .oneshot(req)
        .await
        .unwrap_or_else(|e: Infallible| match e {});
    let (rparts, rbody) = resp.into_parts();
    let bytes = rbody
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();

    if let Idem::Proceed(scope) = idem {
        let mut st = app.lock();
        // only successes are stored: a 4xx changed nothing, so a retry with the same key runs
        // again (assumptions::IDEMPOTENCY_STORES_4XX)
        if rparts.status.is_success() {
            let headers: Vec<(String, String)> = rparts
                .headers
                .iter()
                .filter(|(k, _)| *k == "content-type" || *k == "retry-after")
                .map(|(k, v)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            if let Some(rec) = st.idem.get_mut(&scope) {
                rec.response = Some((rparts.status.as_u16(), headers, bytes.clone()));
            }
        } else {
            st.idem.remove(&scope);
        }
    }
    (
        Ok(Response::from_parts(rparts, Body::from(bytes))),
        drop_after,
    )
}

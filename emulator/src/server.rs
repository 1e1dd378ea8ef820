//! The accept loop and the request pipeline every API request goes through, in order:
//! read the body → test controls (`/_emulator/...`, no auth) → strip the version prefix → fault
//! injection (latency, 500/503/429, drop) → bearer auth → idempotency (POST: key required;
//! replay / 409) → the axum router → store the idempotent response → request log.

use crate::errors::ApiErr;
use crate::faults::Fault;
use crate::state::{IdemRec, IdemScope};
use crate::App;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, Response, StatusCode, Uri};
use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde_json::{json, Map, Value};
use std::convert::Infallible;
use tokio::sync::watch;
use tower::ServiceExt;

/// Largest request body accepted.
pub const MAX_BODY: usize = 1 << 20;

/// Who is calling (set by the pipeline for the handlers).
#[derive(Clone, Debug)]
pub struct Caller {
    /// The API key the token was issued for.
    pub api_key: String,
}

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
    let api = crate::handlers::router(app.clone());
    let controls = crate::handlers::controls::router(app.clone());
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = stop.changed() => break,
        };
        let Ok((stream, _)) = accepted else { continue };
        let _ = stream.set_nodelay(true);
        let (app, api, controls) = (app.clone(), api.clone(), controls.clone());
        let mut stop = stop.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let (app, api, controls) = (app.clone(), api.clone(), controls.clone());
                async move { handle(app, api, controls, req).await }
            });
            let conn = hyper::server::conn::http1::Builder::new()
                .keep_alive(true)
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

fn logged_body(path: &str, body: &Bytes) -> Value {
    if body.is_empty() {
        return Value::Null;
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(mut v) => {
            if path.ends_with("/auth/token") {
                if let Some(o) = v.as_object_mut() {
                    if o.contains_key("apiSecret") {
                        o.insert("apiSecret".into(), Value::from("[redacted]"));
                    }
                }
            }
            v
        }
        Err(_) => Value::String(String::from_utf8_lossy(body).into_owned()),
    }
}

/// The request's fingerprint for idempotency (canonical JSON, else the raw bytes).
fn fingerprint(body: &Bytes) -> String {
    if body.is_empty() {
        return String::new();
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => canonical(&v),
        Err(_) => format!("raw:{}", String::from_utf8_lossy(body)),
    }
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
fn authenticate(app: &App, headers: &HeaderMap) -> Result<String, ApiErr> {
    let Some(h) = headers.get("authorization").and_then(|v| v.to_str().ok()) else {
        return Err(ApiErr::unauthorized("missing bearer token"));
    };
    let token = h
        .split_once(' ')
        .filter(|(s, _)| s.eq_ignore_ascii_case("bearer"))
        .map(|(_, t)| t.trim())
        .ok_or_else(|| ApiErr::unauthorized("the Authorization header must be `Bearer <token>`"))?;
    let now = app.now();
    let st = app.lock();
    match st.tokens.get(token) {
        None => Err(ApiErr::unauthorized("invalid token")),
        Some(t) if now >= t.expires => Err(ApiErr::unauthorized("token expired")),
        Some(t) => Ok(t.api_key.clone()),
    }
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
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(c) => c.to_bytes(),
        Err(_) => return Ok(respond(ApiErr::too_large())),
    };
    let full_path = parts.uri.path().to_owned();
    let query = parts.uri.query().map(str::to_owned);

    if full_path == "/_emulator" || full_path.starts_with("/_emulator/") {
        let req = Request::from_parts(parts, Body::from(body));
        return Ok(controls
            .oneshot(req)
            .await
            .unwrap_or_else(|e: Infallible| match e {}));
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
        "body": logged_body(&full_path, &body),
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
            Ok(k) => Some(Caller { api_key: k }),
            Err(e) => return (Ok(respond(e)), false),
        }
    };

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
        if rparts.status.as_u16() < 500 {
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
    let _ = StatusCode::OK;
    (
        Ok(Response::from_parts(rparts, Body::from(bytes))),
        drop_after,
    )
}

//! Test controls under `/_emulator` (no auth, not logged): request log, delivery log, clock,
//! reset, fault injection, settling transactions, crediting wallets. Shapes in emulator/README.md.

use crate::clock::rfc3339;
use crate::errors::ApiErr;
use crate::faults::FaultConfig;
use crate::list::Query;
use crate::state::State;
use crate::App;
use axum::extract::{Path, RawQuery, State as S};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{json, Value};

type R = Result<Json<Value>, ApiErr>;

fn body(b: &Bytes) -> Result<Value, ApiErr> {
    super::object(b, true)
}

async fn info(S(app): S<App>) -> Json<Value> {
    let origin = format!("http://{}", app.addr);
    Json(json!({
        "baseUrl": format!("{origin}{}", app.config.prefix),
        "controlUrl": format!("{origin}/_emulator"),
        "apiKey": app.config.api_keys[0].0,
        "apiSecret": app.config.api_keys[0].1,
        "now": rfc3339(app.now()),
        "prefix": app.config.prefix,
    }))
}

fn filtered(
    entries: impl DoubleEndedIterator<Item = Value>,
    q: &Query,
    keys: &[(&str, &str)],
) -> Value {
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    let mut out: Vec<Value> = entries
        .filter(|e| {
            keys.iter().all(|(param, field)| match q.get(param) {
                None => true,
                Some(want) => e.get(*field).and_then(Value::as_str).is_some_and(|v| {
                    if *param == "path" {
                        v.ends_with(want) || v == want
                    } else {
                        v.eq_ignore_ascii_case(want)
                    }
                }),
            })
        })
        .collect();
    if out.len() > limit {
        out.drain(..out.len() - limit);
    }
    json!({ "data": out })
}

async fn requests(S(app): S<App>, RawQuery(q): RawQuery) -> Json<Value> {
    let q = Query::parse(q.as_deref());
    let st = app.lock();
    Json(filtered(
        st.requests.iter().cloned(),
        &q,
        &[("method", "method"), ("path", "path")],
    ))
}

async fn clear_requests(S(app): S<App>) -> Json<Value> {
    app.lock().requests.clear();
    Json(json!({ "ok": true }))
}

async fn deliveries(S(app): S<App>, RawQuery(q): RawQuery) -> Json<Value> {
    let q = Query::parse(q.as_deref());
    let st = app.lock();
    let mut v = filtered(
        st.deliveries_log.iter().cloned(),
        &q,
        &[
            ("endpointId", "endpointId"),
            ("eventType", "eventType"),
            ("outcome", "outcome"),
        ],
    );
    v["pending"] = Value::from(st.queue.len());
    Json(v)
}

async fn clear_deliveries(S(app): S<App>) -> Json<Value> {
    app.lock().deliveries_log.clear();
    Json(json!({ "ok": true }))
}

fn clock_json(app: &App) -> Json<Value> {
    let now = app.now();
    Json(json!({ "now": rfc3339(now), "nowMs": now }))
}

async fn clock(S(app): S<App>) -> Json<Value> {
    clock_json(&app)
}

async fn advance(S(app): S<App>, b: Bytes) -> R {
    let v = body(&b)?;
    let num = |k: &str| v.get(k).and_then(Value::as_f64);
    let ms = num("ms").unwrap_or(0.0)
        + num("seconds").unwrap_or(0.0) * 1000.0
        + num("minutes").unwrap_or(0.0) * 60_000.0
        + num("hours").unwrap_or(0.0) * 3_600_000.0;
    if !(ms.is_finite() && ms >= 0.0) {
        return Err(ApiErr::invalid_request(
            "give ms, seconds, minutes or hours (non-negative numbers)",
        ));
    }
    app.clock.advance(ms as i64);
    crate::webhooks::run_due(&app);
    Ok(clock_json(&app))
}

async fn reset(S(app): S<App>) -> R {
    {
        let mut st = app.lock();
        *st = State::new(&app.config);
    }
    app.clock.reset();
    if let Some(seed) = app.config.seed_data.clone() {
        super::seed::load(&app, &seed).map_err(ApiErr::invalid_request)?;
    }
    Ok(Json(json!({ "ok": true })))
}

async fn get_faults(S(app): S<App>) -> Json<Value> {
    let st = app.lock();
    Json(serde_json::to_value(&st.faults.config).unwrap_or(Value::Null))
}

async fn set_faults(S(app): S<App>, b: Bytes) -> R {
    let cfg: FaultConfig = super::typed(body(&b)?)?;
    let mut st = app.lock();
    st.faults.set(cfg);
    Ok(Json(
        serde_json::to_value(&st.faults.config).unwrap_or(Value::Null),
    ))
}

async fn clear_faults(S(app): S<App>) -> Json<Value> {
    app.lock().faults.set(FaultConfig::default());
    Json(json!({ "ok": true }))
}

async fn settle(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let fail = match v
        .get("outcome")
        .and_then(Value::as_str)
        .unwrap_or("completed")
    {
        "completed" => false,
        "failed" => true,
        _ => {
            return Err(ApiErr::invalid_request(
                "outcome must be completed or failed",
            ))
        }
    };
    let now = app.now();
    let mut st = app.lock();
    if st.transactions.get(&id).is_none() {
        return Err(ApiErr::not_found("transaction_not_found", "transaction"));
    }
    if !super::transactions::settle(&app, &mut st, &id, fail, now) {
        return Err(ApiErr::invalid_state("the transaction is not processing"));
    }
    let t = st
        .transactions
        .get(&id)
        .map(|t| super::transactions::render(t, None))
        .unwrap_or(Value::Null);
    Ok(Json(t))
}

async fn fail_next(S(app): S<App>, Path(id): Path<String>) -> R {
    let mut st = app.lock();
    let t = st
        .transactions
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    t.outcome_failed = true;
    Ok(Json(json!({ "ok": true })))
}

async fn credit(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let amt = v
        .get("amount")
        .and_then(Value::as_str)
        .and_then(crate::money::parse)
        .filter(|a| *a > 0)
        .ok_or_else(|| ApiErr::invalid_request("amount must be a positive decimal string"))?;
    let now = app.now();
    let mut st = app.lock();
    let w = st
        .wallets
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("wallet_not_found", "wallet"))?;
    w.balance += amt;
    w.updated = now;
    let wj = super::wallets::render(w);
    let mut data = wj.clone();
    data["amount"] = Value::from(crate::money::format(amt));
    if v.get("event").and_then(Value::as_bool).unwrap_or(true) {
        crate::webhooks::emit(&app, &mut st, "wallet.depositDetected", data);
    }
    Ok(Json(wj))
}

async fn tick(S(app): S<App>) -> Json<Value> {
    crate::webhooks::run_due(&app);
    let st = app.lock();
    Json(json!({ "ok": true, "pendingDeliveries": st.queue.len() }))
}

async fn fallback() -> ApiErr {
    ApiErr::no_route()
}

/// The control routes.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/_emulator", get(info))
        .route("/_emulator/requests", get(requests).delete(clear_requests))
        .route(
            "/_emulator/deliveries",
            get(deliveries).delete(clear_deliveries),
        )
        .route("/_emulator/clock", get(clock))
        .route("/_emulator/clock/advance", post(advance))
        .route("/_emulator/reset", post(reset))
        .route(
            "/_emulator/faults",
            get(get_faults)
                .put(set_faults)
                .post(set_faults)
                .delete(clear_faults),
        )
        .route("/_emulator/transactions/{id}/settle", post(settle))
        .route("/_emulator/transactions/{id}/fail", post(fail_next))
        .route("/_emulator/wallets/{id}/credit", post(credit))
        .route("/_emulator/tick", post(tick))
        .fallback(fallback)
        .with_state(app)
}

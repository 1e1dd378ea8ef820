//! Test controls under `/_emulator` (no auth, not in the request log; loopback `Host` only, and
//! mutating ones need `Content-Type: application/json`): request and delivery logs, the clock,
//! reset, fault injection, and the sandbox actions that reach every documented state (endorsement
//! statuses, customer status, cash-in deposit/complete/fail/expire, transaction
//! settle/fail/delay, cash pickups, early-access resources, redelivery). Shapes in
//! emulator/README.md. The handlers read the control bodies and call the domain.

use crate::app::App;
use crate::clock::rfc3339;
use crate::domain::accounts;
use crate::domain::customers;
use crate::domain::deposits;
use crate::domain::events;
use crate::domain::logs;
use crate::domain::quotes;
use crate::domain::seed;
use crate::domain::transactions::{self, Outcome};
use crate::domain::wallets;
use crate::domain::wire::typed;
use crate::errors::ApiErr;
use crate::faults::FaultConfig;
use crate::list::Query;
use crate::money::Micros;
use crate::webhooks::run_due;
use axum::extract::{Path, RawQuery, State as S};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{json, Value};

type R = Result<Json<Value>, ApiErr>;

fn body(b: &Bytes) -> Result<Value, ApiErr> {
    super::extract::object(b, true)
}

fn opt_str<'a>(v: &'a Value, k: &str) -> Result<Option<&'a str>, ApiErr> {
    match v.get(k) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(ApiErr::invalid_request(format!("{k} must be a string"))),
    }
}

fn opt_amount(v: &Value, k: &str) -> Result<Option<Micros>, ApiErr> {
    match opt_str(v, k)? {
        None => Ok(None),
        Some(s) => crate::money::parse(s)
            .filter(|a| *a > 0)
            .map(Some)
            .ok_or_else(|| {
                ApiErr::invalid_request(format!("{k} must be a positive decimal string"))
            }),
    }
}

/// A duration from `{ms?, seconds?, minutes?, hours?, days?}` (non-negative numbers), in ms.
fn duration(v: &Value) -> Result<Option<i64>, ApiErr> {
    let mut total = 0.0f64;
    let mut any = false;
    for (k, mult) in [
        ("ms", 1.0),
        ("seconds", 1e3),
        ("minutes", 6e4),
        ("hours", 3.6e6),
        ("days", 8.64e7),
    ] {
        match v.get(k) {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => {
                let x = n.as_f64().unwrap_or(f64::NAN);
                if !(x.is_finite() && x >= 0.0) {
                    return Err(ApiErr::invalid_request(format!(
                        "{k} must be a non-negative number"
                    )));
                }
                total += x * mult;
                any = true;
            }
            Some(_) => {
                return Err(ApiErr::invalid_request(format!(
                    "{k} must be a non-negative number"
                )))
            }
        }
    }
    let max = crate::assumptions::MAX_CLOCK_ADVANCE_MS as f64;
    if !(total.is_finite() && total <= max) {
        return Err(ApiErr::invalid_request(format!(
            "at most {} ms (100 years) at a time",
            crate::assumptions::MAX_CLOCK_ADVANCE_MS
        )));
    }
    Ok(any.then_some(total as i64))
}

async fn info(S(app): S<App>) -> Json<Value> {
    let origin = format!("http://{}", app.addr);
    Json(json!({
        "baseUrl": format!("{origin}{}", app.config.prefix),
        "controlUrl": format!("{origin}/_emulator"),
        "uiUrl": format!("{origin}/_emulator/ui"),
        "apiKey": app.config.api_keys[0].0,
        "apiSecret": app.config.api_keys[0].1,
        "apiKeys": app.config.api_keys.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        "now": rfc3339(app.now()),
        "prefix": app.config.prefix,
        "knownEvents": crate::assumptions::known_events(),
    }))
}

async fn requests(S(app): S<App>, RawQuery(q): RawQuery) -> Json<Value> {
    Json(logs::requests(&app, &Query::parse(q.as_deref())))
}

async fn clear_requests(S(app): S<App>) -> Json<Value> {
    logs::clear_requests(&app);
    Json(json!({ "ok": true }))
}

async fn deliveries(S(app): S<App>, RawQuery(q): RawQuery) -> Json<Value> {
    Json(logs::deliveries(&app, &Query::parse(q.as_deref())))
}

async fn clear_deliveries(S(app): S<App>) -> Json<Value> {
    logs::clear_deliveries(&app);
    Json(json!({ "ok": true }))
}

async fn redeliver(S(app): S<App>, b: Bytes) -> R {
    let v = body(&b)?;
    let msg = opt_str(&v, "msgId")?
        .ok_or_else(|| ApiErr::invalid_request("msgId is required"))?
        .to_owned();
    let endpoint = opt_str(&v, "endpointId")?.map(str::to_owned);
    let queued = events::redeliver(&app, &msg, endpoint.as_deref());
    if queued == 0 {
        return Err(ApiErr::not_found(
            "delivery_not_found",
            "logged delivery with this msgId (and endpointId)",
        ));
    }
    run_due(&app);
    Ok(Json(json!({ "ok": true, "queued": queued })))
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
    let ms = duration(&v)?.ok_or_else(|| {
        ApiErr::invalid_request("give ms, seconds, minutes, hours or days (non-negative numbers)")
    })?;
    app.clock.advance(ms).map_err(ApiErr::invalid_request)?;
    run_due(&app);
    Ok(clock_json(&app))
}

async fn reset(S(app): S<App>) -> R {
    seed::reset(&app)?;
    Ok(Json(json!({ "ok": true })))
}

async fn get_faults(S(app): S<App>) -> Json<Value> {
    let st = app.lock();
    Json(serde_json::to_value(&st.faults.config).unwrap_or(Value::Null))
}

async fn set_faults(S(app): S<App>, b: Bytes) -> R {
    let cfg: FaultConfig = typed(body(&b)?)?;
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
    let outcome = match opt_str(&v, "outcome")?.unwrap_or("completed") {
        "completed" => Outcome::Completed,
        "failed" => Outcome::Failed,
        "cashPickupReady" => Outcome::PickupReady,
        _ => {
            return Err(ApiErr::invalid_request(
                "outcome must be completed, failed or cashPickupReady",
            ))
        }
    };
    let detail = opt_str(&v, "subStatus")?;
    Ok(Json(transactions::settle_now(&app, &id, outcome, detail)?))
}

async fn fail_next(S(app): S<App>, Path(id): Path<String>) -> R {
    transactions::fail_next(&app, &id)?;
    Ok(Json(json!({ "ok": true })))
}

async fn delay(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let hold = v.get("hold").and_then(Value::as_bool).unwrap_or(false);
    let by = duration(&v)?;
    if !hold && by.is_none() {
        return Err(ApiErr::invalid_request(
            "give {hold: true} or a delay: ms, seconds, minutes, hours or days",
        ));
    }
    let by = if hold { None } else { by };
    Ok(Json(transactions::delay(&app, &id, by)?))
}

async fn credit(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let amt = opt_amount(&v, "amount")?
        .ok_or_else(|| ApiErr::invalid_request("amount must be a positive decimal string"))?;
    let event = v.get("event").and_then(Value::as_bool).unwrap_or(true);
    Ok(Json(wallets::credit(&app, &id, amt, event)?))
}

async fn revoke_tokens(S(app): S<App>) -> Json<Value> {
    let revoked = crate::domain::auth::revoke_all(&app);
    Json(json!({ "ok": true, "revoked": revoked }))
}

async fn tick(S(app): S<App>) -> Json<Value> {
    run_due(&app);
    Json(json!({ "ok": true, "pendingDeliveries": events::pending(&app) }))
}

async fn endorsement(S(app): S<App>, Path((id, kind)): Path<(String, String)>, b: Bytes) -> R {
    let v = body(&b)?;
    let status = opt_str(&v, "status")?
        .ok_or_else(|| ApiErr::invalid_request("status is required"))?
        .to_owned();
    let reason = opt_str(&v, "reason")?.map(str::to_owned);
    Ok(Json(customers::set_endorsement(
        &app, &id, &kind, &status, reason,
    )?))
}

async fn customer_status(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    Ok(Json(customers::set_status(
        &app,
        &id,
        opt_str(&v, "status")?,
    )?))
}

async fn external_account(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let network = opt_str(&v, "network")?
        .unwrap_or("ach")
        .to_ascii_lowercase();
    if !crate::assumptions::BANK_NETWORKS.contains(&network.as_str()) {
        return Err(ApiErr::invalid_request("network must be ach or wire"));
    }
    match opt_str(&v, "type")? {
        None | Some("usBank") => {}
        Some(_) => {
            return Err(ApiErr::invalid_request(
                "type must be usBank (the only external account emulated)",
            ))
        }
    }
    Ok(Json(accounts::create_external(&app, &id, &network)?))
}

async fn virtual_account(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    Ok(Json(accounts::create_virtual(
        &app,
        &id,
        opt_str(&v, "walletId"),
    )?))
}

async fn deposit_address(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let network = opt_str(&v, "network")?
        .unwrap_or("base")
        .to_ascii_lowercase();
    if !["base", "ethereum", "ink", "solana", "sui", "polygon"].contains(&network.as_str()) {
        return Err(ApiErr::invalid_request(
            "network must be base, ethereum, ink, solana, sui or polygon",
        ));
    }
    let asset = opt_str(&v, "asset")?.unwrap_or("usdc").to_ascii_lowercase();
    Ok(Json(accounts::create_deposit_address(
        &app,
        &id,
        opt_str(&v, "walletId"),
        network,
        asset,
    )?))
}

async fn cash_in_deposit(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    Ok(Json(deposits::hold(&app, &id, opt_amount(&v, "amount"))?))
}

async fn cash_in_complete(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    Ok(Json(deposits::complete(
        &app,
        &id,
        opt_amount(&v, "amount"),
    )?))
}

async fn cash_in_fail(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let sub_status = opt_str(&v, "subStatus")?;
    Ok(Json(deposits::fail(
        &app,
        &id,
        opt_amount(&v, "amount"),
        sub_status,
    )?))
}

async fn cash_in_expire(S(app): S<App>, Path(id): Path<String>) -> R {
    Ok(Json(crate::domain::cash_ins::expire(&app, &id)?))
}

async fn quote_expire(S(app): S<App>, Path(id): Path<String>) -> R {
    Ok(Json(quotes::expire(&app, &id)?))
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
        .route("/_emulator/deliveries/redeliver", post(redeliver))
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
        .route("/_emulator/transactions/{id}/delay", post(delay))
        .route("/_emulator/wallets/{id}/credit", post(credit))
        .route(
            "/_emulator/customers/{id}/endorsements/{type}",
            post(endorsement),
        )
        .route("/_emulator/customers/{id}/status", post(customer_status))
        .route(
            "/_emulator/customers/{id}/external-accounts",
            post(external_account),
        )
        .route(
            "/_emulator/customers/{id}/virtual-accounts",
            post(virtual_account),
        )
        .route(
            "/_emulator/customers/{id}/deposit-addresses",
            post(deposit_address),
        )
        .route("/_emulator/cash-ins/{id}/deposit", post(cash_in_deposit))
        .route("/_emulator/cash-ins/{id}/complete", post(cash_in_complete))
        .route("/_emulator/cash-ins/{id}/fail", post(cash_in_fail))
        .route("/_emulator/cash-ins/{id}/expire", post(cash_in_expire))
        .route("/_emulator/quotes/{id}/expire", post(quote_expire))
        .route("/_emulator/tick", post(tick))
        .route("/_emulator/tokens/revoke", post(revoke_tokens))
        .route("/_emulator/state", get(super::ui::state))
        .route("/_emulator/ui", get(super::ui::page))
        .route("/_emulator/ui/app.js", get(super::ui::script))
        .route("/_emulator/ui/app.css", get(super::ui::style))
        .fallback(fallback)
        .with_state(app)
}

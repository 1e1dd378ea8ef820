//! Test controls under `/_emulator` (no auth, not in the request log; loopback `Host` only, and
//! mutating ones need `Content-Type: application/json`): request and delivery logs, the clock,
//! reset, fault injection, and the sandbox actions that reach every documented state (endorsement
//! statuses, customer status, cash-in deposit/complete/fail/expire, transaction
//! settle/fail/delay, cash pickups, early-access resources, redelivery). Shapes in
//! emulator/README.md.

use super::cash::Settle;
use super::transactions::Outcome;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::faults::FaultConfig;
use crate::list::Query;
use crate::money::Micros;
use crate::state::{DepositAddressRec, ExternalAccountRec, State, VirtualAccountRec};
use crate::App;
use axum::extract::{Path, RawQuery, State as S};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AccountholderName, AmountSide, BankDetails, DepositAddress, DepositInstructions,
    ExternalAccount, ResourceStatus, TransactionType, VirtualAccount, WalletTarget,
};
use oms_wasm::secret::Sensitive;
use serde_json::{json, Value};

type R = Result<Json<Value>, ApiErr>;

fn body(b: &Bytes) -> Result<Value, ApiErr> {
    super::object(b, true)
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
            ("msgId", "msgId"),
        ],
    );
    v["pending"] = Value::from(st.queue.len());
    Json(v)
}

async fn clear_deliveries(S(app): S<App>) -> Json<Value> {
    app.lock().deliveries_log.clear();
    Json(json!({ "ok": true }))
}

async fn redeliver(S(app): S<App>, b: Bytes) -> R {
    let v = body(&b)?;
    let msg = opt_str(&v, "msgId")?
        .ok_or_else(|| ApiErr::invalid_request("msgId is required"))?
        .to_owned();
    let endpoint = opt_str(&v, "endpointId")?.map(str::to_owned);
    let queued = {
        let mut st = app.lock();
        crate::webhooks::redeliver(&app, &mut st, &msg, endpoint.as_deref())
    };
    if queued == 0 {
        return Err(ApiErr::not_found(
            "delivery_not_found",
            "logged delivery with this msgId (and endpointId)",
        ));
    }
    crate::webhooks::run_due(&app);
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
    crate::webhooks::run_due(&app);
    Ok(clock_json(&app))
}

async fn reset(S(app): S<App>) -> R {
    {
        let mut st = app.lock();
        let rev = st.rev;
        *st = State::new(&app.config);
        st.rev = rev + 1;
    }
    app.next_review
        .store(i64::MAX, std::sync::atomic::Ordering::SeqCst);
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

fn txn_json(st: &State, id: &str) -> Value {
    st.transactions
        .get(id)
        .map(|t| super::transactions::render(t, None))
        .unwrap_or(Value::Null)
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
    let detail = opt_str(&v, "subStatus")?.map(str::to_owned);
    let now = app.now();
    let mut st = app.lock();
    super::transactions::settle(&app, &mut st, &id, outcome, now, detail.as_deref())?;
    Ok(Json(txn_json(&st, &id)))
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

async fn delay(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let hold = v.get("hold").and_then(Value::as_bool).unwrap_or(false);
    let by = duration(&v)?;
    if !hold && by.is_none() {
        return Err(ApiErr::invalid_request(
            "give {hold: true} or a delay: ms, seconds, minutes, hours or days",
        ));
    }
    let now = app.now();
    let mut st = app.lock();
    let t = st
        .transactions
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    if t.status != "processing" {
        return Err(ApiErr::invalid_state(format!(
            "the transaction is {}: only a processing one can be delayed",
            t.status
        )));
    }
    t.settle_at = if hold {
        None
    } else {
        by.map(|ms| now.saturating_add(ms))
    };
    Ok(Json(txn_json(&st, &id)))
}

async fn credit(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let amt = opt_amount(&v, "amount")?
        .ok_or_else(|| ApiErr::invalid_request("amount must be a positive decimal string"))?;
    let now = app.now();
    let mut st = app.lock();
    let w = st
        .wallets
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("wallet_not_found", "wallet"))?;
    w.balance += amt;
    w.updated = now;
    let owner = w.owner.clone();
    let wj = super::wallets::render(w);
    let mut data = wj.clone();
    data["amount"] = Value::from(crate::money::format(amt));
    if v.get("event").and_then(Value::as_bool).unwrap_or(true) {
        crate::webhooks::emit(&app, &mut st, &owner, "wallet.depositDetected", data);
    }
    Ok(Json(wj))
}

async fn tick(S(app): S<App>) -> Json<Value> {
    crate::webhooks::run_due(&app);
    let st = app.lock();
    Json(json!({ "ok": true, "pendingDeliveries": st.queue.len() }))
}

async fn endorsement(S(app): S<App>, Path((id, kind)): Path<(String, String)>, b: Bytes) -> R {
    let v = body(&b)?;
    let status = opt_str(&v, "status")?
        .ok_or_else(|| ApiErr::invalid_request("status is required"))?
        .to_owned();
    let reason = opt_str(&v, "reason")?.map(str::to_owned);
    let now = app.now();
    let mut st = app.lock();
    let out = super::customers::set_endorsement(&app, &mut st, &id, &kind, &status, reason, now)?;
    Ok(Json(out))
}

async fn customer_status(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let status = match opt_str(&v, "status")? {
        Some(s @ ("active" | "inactive")) => s.to_owned(),
        _ => return Err(ApiErr::invalid_request("status must be active or inactive")),
    };
    let now = app.now();
    let mut st = app.lock();
    let c = st
        .customers
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    c.status = status;
    c.updated = now;
    let c = c.clone();
    Ok(Json(super::customers::render(
        &st,
        &c,
        app.config.strict_provisioning,
    )))
}

/// Renders an external account.
pub fn render_external(e: &ExternalAccountRec) -> Value {
    ExternalAccount {
        id: Some(e.id.clone().into()),
        object: Some("externalAccount".into()),
        customer_id: Some(e.customer_id.clone().into()),
        kind: Some(e.kind.clone()),
        status: Some("verified".into()),
        network: Some(e.network.as_str().into()),
        bank_details: Some(BankDetails {
            bank_name: Some(e.bank_name.clone()),
            account_number: Some(Sensitive::new(format!("****{}", e.last4))),
            ..Default::default()
        }),
        created_at: Some(rfc3339(e.created)),
        extra: Default::default(),
    }
    .write()
}

/// Renders a virtual account.
pub fn render_virtual(st: &State, va: &VirtualAccountRec) -> Value {
    let (asset, network) = st
        .wallets
        .get(&va.wallet_id)
        .map(|w| (w.asset.clone(), w.chain.clone()))
        .unwrap_or_default();
    VirtualAccount {
        id: Some(va.id.clone().into()),
        object: Some("virtualAccount".into()),
        customer_id: Some(va.customer_id.clone().into()),
        status: Some(ResourceStatus::Active),
        source: Some(AmountSide {
            asset: Some("usd".into()),
            network: Some("usBank".into()),
            ..Default::default()
        }),
        bank_details: Some(BankDetails {
            bank_name: Some("Emulator Bank".into()),
            account_number: Some(Sensitive::new(va.account_number.clone())),
            routing_number: Some(va.routing_number.clone()),
            account_type: Some("checking".into()),
            owner_name: Some("OMS".into()),
            reference: Some(va.id.clone()),
            extra: Default::default(),
        }),
        destination: Some(AmountSide {
            asset: Some(asset.as_str().into()),
            network: Some(network.as_str().into()),
            wallet: Some(WalletTarget {
                id: Some(va.wallet_id.clone().into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        accountholder_name: Some(AccountholderName::Oms),
        metadata: Some(Default::default()),
        developer_fees: Some(Vec::new()),
        created_at: Some(rfc3339(va.created)),
        ..Default::default()
    }
    .write()
}

/// Renders a deposit address.
pub fn render_deposit_address(st: &State, da: &DepositAddressRec) -> Value {
    let (asset, network) = st
        .wallets
        .get(&da.wallet_id)
        .map(|w| (w.asset.clone(), w.chain.clone()))
        .unwrap_or_default();
    DepositAddress {
        id: Some(da.id.clone().into()),
        object: Some("depositAddress".into()),
        customer_id: Some(da.customer_id.clone().into()),
        status: Some(ResourceStatus::Active),
        transaction_type: Some(TransactionType::CryptoToCrypto),
        source: Some(AmountSide {
            asset: Some(da.asset.as_str().into()),
            network: Some(da.network.as_str().into()),
            deposit_instructions: Some(DepositInstructions {
                address: Some(da.address.clone()),
                asset: Some(da.asset.as_str().into()),
                network: Some(da.network.as_str().into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        destination: Some(AmountSide {
            asset: Some(asset.as_str().into()),
            network: Some(network.as_str().into()),
            wallet: Some(WalletTarget {
                id: Some(da.wallet_id.clone().into()),
                ..Default::default()
            }),
            ..Default::default()
        }),
        created_at: Some(rfc3339(da.created)),
        extra: Default::default(),
    }
    .write()
}

/// The customer's wallet named by `walletId` in the body.
fn customer_wallet(st: &State, customer: &str, v: &Value) -> Result<(String, String), ApiErr> {
    let c = st
        .customers
        .get(customer)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    let wid = opt_str(v, "walletId")?
        .ok_or_else(|| ApiErr::invalid_request("walletId is required (the destination wallet)"))?;
    let w = st
        .wallets
        .get(wid)
        .filter(|w| w.customer_id == c.id)
        .ok_or_else(|| ApiErr::not_found("wallet_not_found", "wallet of this customer"))?;
    Ok((c.owner.clone(), w.id.clone()))
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
    let now = app.now();
    let mut st = app.lock();
    let owner = st
        .customers
        .get(&id)
        .map(|c| c.owner.clone())
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    let eid = st.mint("cpUsBank_");
    let last4 = format!("{:04}", st.rng.next_u64() % 10_000);
    let rec = ExternalAccountRec {
        id: eid.clone(),
        owner,
        customer_id: id,
        kind: "usBank".into(),
        network,
        bank_name: "Emulator Bank".into(),
        last4,
        created: now,
    };
    let out = render_external(&rec);
    st.external_accounts.insert(eid, rec);
    Ok(Json(out))
}

async fn virtual_account(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let now = app.now();
    let mut st = app.lock();
    let (owner, wallet) = customer_wallet(&st, &id, &v)?;
    let vid = st.mint("va_");
    let account_number = format!("{:012}", st.rng.next_u64() % 1_000_000_000_000);
    let rec = VirtualAccountRec {
        id: vid.clone(),
        owner,
        customer_id: id,
        wallet_id: wallet,
        account_number,
        routing_number: "021000021".into(),
        created: now,
    };
    let out = render_virtual(&st, &rec);
    st.virtual_accounts.insert(vid, rec);
    Ok(Json(out))
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
    let now = app.now();
    let mut st = app.lock();
    let (owner, wallet) = customer_wallet(&st, &id, &v)?;
    let did = st.mint("da_");
    let address = crate::evm::wallet_address(app.config.seed, &id, &did);
    let rec = DepositAddressRec {
        id: did.clone(),
        owner,
        customer_id: id,
        wallet_id: wallet,
        asset,
        network,
        address,
        created: now,
    };
    let out = render_deposit_address(&st, &rec);
    st.deposit_addresses.insert(did, rec);
    Ok(Json(out))
}

fn cash_in_json(st: &State, id: &str, now: Millis) -> Value {
    st.cash_ins
        .get(id)
        .map(|c| super::cash::render(st, c, now))
        .unwrap_or(Value::Null)
}

fn cash_in_amount(st: &State, id: &str, v: &Value) -> Result<Micros, ApiErr> {
    let c = st
        .cash_ins
        .get(id)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    Ok(opt_amount(v, "amount")?.unwrap_or(c.indicated))
}

async fn cash_in_deposit(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let now = app.now();
    let mut st = app.lock();
    let amt = cash_in_amount(&st, &id, &v)?;
    super::cash::deposit(&app, &mut st, &id, amt, now, Settle::Hold)?;
    Ok(Json(cash_in_json(&st, &id, now)))
}

async fn cash_in_complete(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let now = app.now();
    let mut st = app.lock();
    let amt = cash_in_amount(&st, &id, &v)?;
    let c = st.cash_ins.get(&id).cloned();
    match c {
        Some(c) if c.status == "processing" => {
            let tid = c.transaction_id.clone().unwrap_or_default();
            super::transactions::settle(&app, &mut st, &tid, Outcome::Completed, now, None)?;
        }
        _ => {
            super::cash::deposit(&app, &mut st, &id, amt, now, Settle::Now)?;
        }
    }
    Ok(Json(cash_in_json(&st, &id, now)))
}

async fn cash_in_fail(S(app): S<App>, Path(id): Path<String>, b: Bytes) -> R {
    let v = body(&b)?;
    let detail = opt_str(&v, "subStatus")?
        .unwrap_or("cash_deposit_failed")
        .to_owned();
    if !crate::assumptions::CASH_IN_FAILURES.contains(&detail.as_str()) {
        return Err(ApiErr::invalid_request(format!(
            "subStatus must be one of {}",
            crate::assumptions::CASH_IN_FAILURES.join(", ")
        )));
    }
    let now = app.now();
    let mut st = app.lock();
    let amt = cash_in_amount(&st, &id, &v)?;
    let c = st.cash_ins.get(&id).cloned();
    let tid = match c {
        Some(c) if c.status == "processing" => c.transaction_id.clone().unwrap_or_default(),
        _ => super::cash::deposit(&app, &mut st, &id, amt, now, Settle::Hold)?,
    };
    super::transactions::settle(&app, &mut st, &tid, Outcome::Failed, now, Some(&detail))?;
    Ok(Json(cash_in_json(&st, &id, now)))
}

async fn cash_in_expire(S(app): S<App>, Path(id): Path<String>) -> R {
    let now = app.now();
    let mut st = app.lock();
    let c = st
        .cash_ins
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    if c.status != "pending" {
        return Err(ApiErr::invalid_state("only a pending cash-in can expire"));
    }
    c.code_expires = c.code_expires.min(now);
    c.updated = now;
    Ok(Json(cash_in_json(&st, &id, now)))
}

async fn quote_expire(S(app): S<App>, Path(id): Path<String>) -> R {
    let now = app.now();
    let mut st = app.lock();
    let q = st
        .quotes
        .get_mut(&id)
        .ok_or_else(|| ApiErr::not_found("quote_not_found", "quote"))?;
    if q.accepted {
        return Err(ApiErr::quote_not_open());
    }
    q.expires = q.expires.min(now);
    let q = q.clone();
    Ok(Json(super::quotes::render(&q, now)))
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
        .route("/_emulator/state", get(super::ui::state))
        .route("/_emulator/ui", get(super::ui::page))
        .route("/_emulator/ui/app.js", get(super::ui::script))
        .route("/_emulator/ui/app.css", get(super::ui::style))
        .fallback(fallback)
        .with_state(app)
}

//! Cash-ins: deposit codes valid one hour, refresh, expiry on the clock, per-transaction and
//! rolling-window limits, and the cash-in as the API returns it. The deposit that moves a cash-in
//! on (`pending` → `processing` → `completed` | `failed`) is in `deposits`.

use super::customers;
use super::locations::decode_reference;
use super::wallets;
use super::wire::{amount, check_metadata, dec, fees, lc, rate, typed};
use crate::app::Inner;
use crate::assumptions as a;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, PageReq};
use crate::money::{self, Micros};
use crate::state::{CashInRec, State};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AmountSide, CashIn, CashInLocation, CashInStatus, CashInSubStatus, CashRef, CreateCashIn,
    DepositInstructions, FeeScheduleEntry, FeeType, FixedAmountSide, OmsFeeSchedule, Rates,
    TransactionType, WalletTarget, WalletTargetInput,
};
use serde_json::Value;

/// The status on the clock (`pending` past the code's expiry reads `expired`).
pub fn status(c: &CashInRec, now: Millis) -> &str {
    if c.status == "pending" && now >= c.code_expires {
        "expired"
    } else {
        &c.status
    }
}

/// Cash-in fee (1.5 % + 0.50) on a gross amount.
pub fn fee(gross: Micros) -> Micros {
    money::pct_cents(gross, a::CASH_IN_FEE_RATE) + a::CASH_IN_FEE_FIXED
}

/// The cash-in as the API returns it.
pub fn render(st: &State, c: &CashInRec, now: Millis) -> Value {
    let s = status(c, now);
    let gross = c.amount.unwrap_or(c.indicated);
    let f = fee(gross).min(gross);
    let net = gross - f;
    let email = st
        .customers
        .get(&c.customer_id)
        .and_then(|x| x.email.clone());
    let wallet = WalletTarget {
        id: Some(c.wallet_id.clone().into()),
        ..Default::default()
    };
    let out = CashIn {
        id: Some(c.id.clone().into()),
        object: Some("cashIn".into()),
        kind: Some(TransactionType::FiatToCrypto),
        status: Some(CashInStatus::from(s)),
        sub_status: Some(CashInSubStatus::from(match s {
            "expired" => "cash_deposit_expired",
            "completed" => "settled",
            "failed" => c.failure.as_deref().unwrap_or("cash_deposit_failed"),
            _ => "order_reserved",
        })),
        customer_id: Some(c.customer_id.clone().into()),
        source: Some(AmountSide {
            asset: Some("usd".into()),
            network: Some("cash".into()),
            indicated_amount: Some(dec(c.indicated)),
            amount: c.amount.map(dec),
            amount_gross: Some(dec(gross)),
            amount_net: Some(dec(net)),
            fees_deducted: Some(fees(0, f, Some(0))),
            email,
            ..Default::default()
        }),
        destination: Some(AmountSide {
            asset: Some(c.dst_asset.as_str().into()),
            network: Some(c.dst_network.as_str().into()),
            wallet: Some(wallet),
            amount_gross: Some(dec(net)),
            amount_net: Some(dec(net)),
            fees_deducted: Some(fees(0, 0, Some(0))),
            ..Default::default()
        }),
        cash: Some(CashRef {
            location_id: Some(c.location_id.clone().into()),
            location_reference: Some(c.location_reference.clone()),
            extra: Default::default(),
        }),
        location: Some(CashInLocation {
            name: Some(c.location_name.clone()),
            address: Some(Value::from(c.location_address.clone())),
            extra: Default::default(),
        }),
        deposit_instructions: Some(DepositInstructions {
            code: Some(c.code.clone()),
            expires_at: Some(rfc3339(c.code_expires)),
            location_name: Some(c.location_name.clone()),
            location_address: Some(c.location_address.clone()),
            ..Default::default()
        }),
        oms_fee_schedule: Some(OmsFeeSchedule {
            fee_currency: Some("usd".into()),
            entries: Some(vec![
                FeeScheduleEntry {
                    kind: Some(FeeType::Percentage),
                    rate: Some(rate(a::CASH_IN_FEE_RATE)),
                    amount: None,
                    extra: Default::default(),
                },
                FeeScheduleEntry {
                    kind: Some(FeeType::Fixed),
                    rate: None,
                    amount: Some(dec(a::CASH_IN_FEE_FIXED)),
                    extra: Default::default(),
                },
            ]),
            extra: Default::default(),
        }),
        rates: Some(Rates {
            exchange_rate: Some(rate(a::STABLE_RATE)),
            effective_rate: Some(rate(money::ratio(net, gross))),
            pair: Some(format!("usd/{}", c.dst_asset)),
            extra: Default::default(),
        }),
        fixed_amount_side: Some(FixedAmountSide::Source),
        sponsor_gas: Some(false),
        sponsor_gas_cost: Some(oms_wasm::model::Decimal::from_wire(a::SPONSOR_GAS_COST)),
        developer_fees: Some(Vec::new()),
        metadata: Some(c.metadata.clone().unwrap_or_default()),
        transaction_id: c.transaction_id.clone().map(Into::into),
        created_at: Some(rfc3339(c.created)),
        updated_at: Some(rfc3339(c.updated)),
        completed_at: c.completed.map(rfc3339),
        extra: Default::default(),
    };
    let mut v = out.write();
    if c.transaction_id.is_none() {
        v["transactionId"] = Value::Null;
    }
    v
}

/// Checks the cash-in limits for a customer and an amount. `creating` counts pending cash-ins with a live
/// code (and excludes `except`).
///
/// # Errors
/// 422 `limit_exceeded`.
pub fn check_limits(
    st: &State,
    customer: &str,
    amt: Micros,
    walmart: bool,
    now: Millis,
    creating: bool,
    except: Option<&str>,
) -> Result<(), ApiErr> {
    let max = if walmart {
        a::CASH_IN_MAX_WALMART
    } else {
        a::CASH_IN_MAX
    };
    if amt < a::CASH_IN_MIN || amt > max {
        return Err(ApiErr::limit_exceeded(format!(
            "a cash-in must be between {} and {} USD{}",
            money::format(a::CASH_IN_MIN),
            money::format(max),
            if walmart { " at Walmart" } else { "" }
        )));
    }
    for (name, window, cap, count_cap) in a::CASH_IN_WINDOWS {
        let mut sum = 0;
        let mut count = 0;
        for c in st
            .cash_ins
            .rows
            .iter()
            .filter(|c| c.customer_id == customer && Some(c.id.as_str()) != except)
        {
            if matches!(c.status.as_str(), "completed" | "processing")
                && c.completed.unwrap_or(c.updated) > now - *window
            {
                sum += c.amount.unwrap_or(0);
                count += 1;
            } else if creating && status(c, now) == "pending" && now - c.created < *window {
                count += 1;
            }
        }
        if count + 1 > *count_cap {
            return Err(ApiErr::limit_exceeded(format!(
                "{name} limit of {count_cap} cash-ins reached"
            )));
        }
        if sum + amt > *cap {
            return Err(ApiErr::limit_exceeded(format!(
                "{name} limit of {} USD would be exceeded",
                money::format(*cap)
            )));
        }
    }
    Ok(())
}

fn new_code(st: &mut State) -> String {
    let letters: String = (0..3)
        .map(|_| char::from(b'A' + (st.rng.next_u64() % 26) as u8))
        .collect();
    format!("{letters} {:05}", st.rng.next_u64() % 100_000)
}

/// The caller's cash-in or 404.
///
/// # Errors
/// 404 `cash_in_not_found` (also for another API key's cash-in).
pub fn find<'s>(st: &'s State, id: &str, owner: &str) -> Result<&'s CashInRec, ApiErr> {
    st.cash_ins
        .get_for(id, owner)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))
}

/// `POST /cash-ins` with the body `raw` (a JSON object): checks the customer (provisioned,
/// active, `usd`), the wallet and the location, the limits, and stores the cash-in `pending`
/// with a deposit code. Returns the cash-in.
///
/// # Errors
/// 400 input, 404 customer/wallet, 422 rules (`limit_exceeded`, `invalid_cash_location`, …).
pub fn create(app: &Inner, owner: &str, raw: Value) -> Result<Value, ApiErr> {
    let req: CreateCashIn = typed(raw)?;
    check_metadata(&req.metadata)?;
    let now = app.now();
    let mut st = app.lock();
    let customer_id = req.customer_id.as_str().to_owned();
    let c = customers::provisioned(&st, &customer_id, owner, app.config.strict_provisioning)?;
    customers::check_active(c)?;
    if !c.has(a::CASH_IN_ENDORSEMENT) {
        return Err(ApiErr::endorsement_required(a::CASH_IN_ENDORSEMENT));
    }
    if lc(req.source.asset.as_str()) != "usd"
        || req
            .source
            .network
            .as_ref()
            .is_some_and(|n| lc(n.as_str()) != "cash")
    {
        return Err(ApiErr::unsupported(
            "a cash-in source is usd on the cash network",
        ));
    }
    let wallet_id = match &req.destination.wallet {
        WalletTargetInput::Id(id) => id.as_str().to_owned(),
        _ => return Err(ApiErr::unsupported(
            "cash-ins to external addresses or accounts are not emulated: use {\"id\": \"wlt_…\"}",
        )),
    };
    let w = wallets::find(&st, &wallet_id, owner)?;
    if w.customer_id != customer_id {
        return Err(ApiErr::rule(
            "wallet_not_owned",
            "destination.wallet does not belong to this customer",
        ));
    }
    let (dst_asset, dst_network) = (
        lc(req.destination.asset.as_str()),
        lc(req.destination.network.as_str()),
    );
    if w.asset != dst_asset || w.chain != dst_network {
        return Err(ApiErr::rule(
            "asset_mismatch",
            "destination.asset/network must be the wallet's asset and chain",
        ));
    }
    let loc = decode_reference(&req.cash.location_reference)
        .filter(|l| l.id == req.cash.location_id.as_str())
        .ok_or_else(|| {
            ApiErr::rule(
                "invalid_cash_location",
                "cash.locationId/locationReference must come from GET /cash-locations",
            )
        })?;
    let indicated = match &req.source.indicated_amount {
        Some(d) => amount(d, "source.indicatedAmount")?,
        None => a::DEFAULT_INDICATED_AMOUNT,
    };
    check_limits(&st, &customer_id, indicated, loc.walmart, now, true, None)?;
    let id = st.mint("ci_");
    let code = new_code(&mut st);
    let rec = CashInRec {
        id: id.clone(),
        owner: owner.to_owned(),
        customer_id,
        wallet_id,
        dst_asset,
        dst_network,
        location_id: loc.id,
        location_reference: req.cash.location_reference.trim().to_owned(),
        location_name: loc.name,
        location_address: loc.address,
        walmart: loc.walmart,
        indicated,
        amount: None,
        code,
        code_expires: now + a::DEPOSIT_CODE_TTL_MS,
        status: "pending".into(),
        failure: None,
        transaction_id: None,
        metadata: req.metadata.clone(),
        created: now,
        updated: now,
        completed: None,
    };
    let v = render(&st, &rec, now);
    st.cash_ins.insert(id, rec);
    Ok(v)
}

/// `GET /cash-ins/{id}`.
///
/// # Errors
/// 404 `cash_in_not_found`.
pub fn get(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let now = app.now();
    let st = app.lock();
    let c = find(&st, id, owner)?;
    Ok(render(&st, c, now))
}

/// `GET /cash-ins`: filtered by `status` (on the clock) and `customerId`, newest first, paged.
///
/// # Errors
/// 400 `invalid_cursor`.
pub fn list(
    app: &Inner,
    owner: &str,
    page: &PageReq,
    status_filter: Option<&str>,
    customer: Option<&str>,
) -> Result<Value, ApiErr> {
    let now = app.now();
    let st = app.lock();
    let items: Vec<_> = st
        .cash_ins
        .of(owner)
        .rev()
        .filter(|c| status_filter.is_none_or(|s| status(c, now) == s))
        .filter(|c| customer.is_none_or(|x| c.customer_id == x))
        .map(|c| (c.id.clone(), c.created, c))
        .collect();
    Ok(paginate(items, page, |c| render(&st, c, now))?.envelope())
}

/// `POST /cash-ins/{id}/refresh`: a new code valid one hour (pending or expired cash-ins only).
///
/// # Errors
/// 404, 409 `invalid_state`.
pub fn refresh(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let c = find(&st, id, owner)?;
    if !a::REFRESH_STATES.contains(&status(c, now)) {
        return Err(ApiErr::invalid_state(
            "only a pending or expired cash-in can be refreshed",
        ));
    }
    let code = new_code(&mut st);
    let Some(c) = st.cash_ins.get_mut(id) else {
        return Err(ApiErr::not_found("cash_in_not_found", "cash-in"));
    };
    c.code = code;
    c.code_expires = now + a::DEPOSIT_CODE_TTL_MS;
    c.status = "pending".into();
    c.updated = now;
    let c = c.clone();
    Ok(render(&st, &c, now))
}

/// Expires a pending cash-in's code now, as the `/_emulator` control does. Returns the cash-in.
///
/// # Errors
/// 404 unknown, 409 `invalid_state` when not pending.
pub fn expire(app: &Inner, id: &str) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let c = st
        .cash_ins
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    if c.status != "pending" {
        return Err(ApiErr::invalid_state("only a pending cash-in can expire"));
    }
    c.code_expires = c.code_expires.min(now);
    c.updated = now;
    let c = c.clone();
    Ok(render(&st, &c, now))
}

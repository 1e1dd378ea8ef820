//! Cash locations and cash-ins: `loc_` ids derived from opaque base64 references, deposit codes
//! valid one hour, refresh, per-transaction and rolling-window limits, and the deposit that moves
//! a cash-in `pending` → `processing` → `completed` | `failed` with its `fiatToCrypto` transaction.

use super::{amount, created, dec, fees, lc, object, ok, rate, typed, Res};
use crate::assumptions as a;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::ids::{base62_of, fnv};
use crate::list::{paginate, Query};
use crate::money::{self, Micros};
use crate::server::Caller;
use crate::state::{CashInRec, State, TxnRec};
use crate::{App, Inner};
use axum::extract::{Extension, Path, RawQuery, State as S};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use bytes::Bytes;
use oms_wasm::model::wire::{fmt_f64, Wire};
use oms_wasm::model::{
    AmountSide, CashIn, CashInLocation, CashInStatus, CashInSubStatus, CashLocation, CashRef,
    Coordinates, CreateCashIn, DepositInstructions, FeeScheduleEntry, FeeType, FixedAmountSide,
    OmsFeeSchedule, Rates, TransactionType, WalletTarget, WalletTargetInput,
};
use serde_json::Value;

/// A location decoded from its reference.
pub struct Loc {
    pub id: String,
    pub name: String,
    pub address: String,
    pub walmart: bool,
}

fn loc_id(reference: &str) -> String {
    format!("loc_{}", base62_of(fnv(reference), 16))
}

fn store(no: u64) -> (String, String, bool) {
    let brand = a::STORE_BRANDS[(no % a::STORE_BRANDS.len() as u64) as usize];
    (
        format!("{brand} #{no}"),
        format!(
            "{} Main St, Springfield, CA 9{:04}",
            100 + no % 900,
            no % 10_000
        ),
        brand == "Walmart",
    )
}

/// Decodes a location reference (`base64("GREENDOT-2434:lat=..,lng=..")`).
pub fn decode_reference(reference: &str) -> Option<Loc> {
    let text = String::from_utf8(STANDARD.decode(reference.trim()).ok()?).ok()?;
    let (head, coords) = text.split_once(':')?;
    let (provider, no) = head.split_once('-')?;
    if !a::CASH_PROVIDERS.contains(&provider.to_ascii_lowercase().as_str())
        || !coords.starts_with("lat=")
    {
        return None;
    }
    let no: u64 = no.parse().ok()?;
    let (name, address, walmart) = store(no);
    Some(Loc {
        id: loc_id(reference.trim()),
        name,
        address,
        walmart,
    })
}

/// `GET /cash-locations?provider=&latitude=&longitude=[&flow=]`.
pub async fn locations(RawQuery(q): RawQuery) -> Res {
    let q = Query::parse(q.as_deref());
    let provider = q
        .get("provider")
        .map(lc)
        .filter(|p| !p.is_empty())
        .ok_or_else(|| ApiErr::invalid_query("provider is required (e.g. greendot)"))?;
    let coord = |k: &str, max: f64| -> Result<f64, ApiErr> {
        q.get(k)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite() && v.abs() <= max)
            .ok_or_else(|| {
                ApiErr::invalid_query(format!("{k} is required: a number from -{max} to {max}"))
            })
    };
    let (lat, lng) = (coord("latitude", 90.0)?, coord("longitude", 180.0)?);
    if !a::CASH_PROVIDERS.contains(&provider.as_str()) {
        return Err(ApiErr::unsupported(format!(
            "provider must be one of {}",
            a::CASH_PROVIDERS.join(", ")
        )));
    }
    let mut data = Vec::new();
    for i in 0..a::CASH_LOCATIONS_PER_SEARCH {
        let no = 1000 + fnv(&format!("{provider}:{lat:.6}:{lng:.6}:{i}")) % 9000;
        let d = 0.004 * i as f64;
        let (la, lo) = (
            ((lat + d) * 1e6).round() / 1e6,
            ((lng - d) * 1e6).round() / 1e6,
        );
        let reference = STANDARD.encode(format!(
            "{}-{no}:lat={},lng={}",
            provider.to_ascii_uppercase(),
            fmt_f64(la),
            fmt_f64(lo)
        ));
        let (name, address, _) = store(no);
        let miles = ((d * 69.0) * 100.0).round() / 100.0 * std::f64::consts::SQRT_2;
        let loc = CashLocation {
            id: Some(loc_id(&reference).into()),
            object: Some("cashLocation".into()),
            name: Some(name),
            provider: Some(provider.clone()),
            location_reference: Some(reference),
            address: Some(address),
            city: Some("Springfield".into()),
            state: Some("CA".into()),
            country: Some("US".into()),
            zip_code: Some(format!("9{:04}", no % 10_000)),
            coordinates: Some(Coordinates {
                latitude: Some(la),
                longitude: Some(lo),
                extra: Default::default(),
            }),
            distance: Some((miles * 100.0).round() / 100.0),
            extra: Default::default(),
        };
        data.push(loc.write());
    }
    ok(serde_json::json!({ "object": "list", "data": data, "hasMore": false }))
}

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

/// `POST /cash-ins`.
pub async fn create(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    let req: CreateCashIn = typed(object(&body, false)?)?;
    super::check_metadata(&req.metadata)?;
    let now = app.now();
    let owner = caller.api_key.as_str();
    let mut st = app.lock();
    let customer_id = req.customer_id.as_str().to_owned();
    let c =
        super::customers::provisioned(&st, &customer_id, owner, app.config.strict_provisioning)?;
    super::customers::check_active(c)?;
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
    let w = super::wallets::find(&st, &wallet_id, owner)?;
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
    created(v)
}

/// `GET /cash-ins/{id}`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    let now = app.now();
    let st = app.lock();
    let c = st
        .cash_ins
        .get_for(&id, &caller.api_key)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    ok(render(&st, c, now))
}

/// `GET /cash-ins` (`createdAfter`, `createdBefore`, paging; also `status`, `customerId`).
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let page = q.page()?;
    let now = app.now();
    let (status_f, cust) = (q.get("status"), q.get("customerId"));
    let st = app.lock();
    let items: Vec<_> = st
        .cash_ins
        .of(&caller.api_key)
        .rev()
        .filter(|c| status_f.is_none_or(|s| status(c, now) == s))
        .filter(|c| cust.is_none_or(|x| c.customer_id == x))
        .map(|c| (c.id.clone(), c.created, c))
        .collect();
    ok(paginate(items, &page, |c| render(&st, c, now))?.envelope())
}

/// `POST /cash-ins/{id}/refresh`: a new code valid one hour (pending or expired cash-ins only).
pub async fn refresh(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    let now = app.now();
    let mut st = app.lock();
    let c = st
        .cash_ins
        .get_for(&id, &caller.api_key)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    if !a::REFRESH_STATES.contains(&status(c, now)) {
        return Err(ApiErr::invalid_state(
            "only a pending or expired cash-in can be refreshed",
        ));
    }
    let code = new_code(&mut st);
    let Some(c) = st.cash_ins.get_mut(&id) else {
        return Err(ApiErr::not_found("cash_in_not_found", "cash-in"));
    };
    c.code = code;
    c.code_expires = now + a::DEPOSIT_CODE_TTL_MS;
    c.status = "pending".into();
    c.updated = now;
    let c = c.clone();
    ok(render(&st, &c, now))
}

/// When a deposit settles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settle {
    /// Within the call: `completed` at once (no `processing` event).
    Now,
    /// After this many ms on the emulator clock (`processing` until then).
    After(i64),
    /// Not by itself: a control completes or fails it.
    Hold,
}

impl Settle {
    /// The sandbox commit's: `--cash-in-settle-ms` (0 = now).
    pub fn configured(app: &Inner) -> Settle {
        match app.config.cash_in_settle_ms {
            ms if ms <= 0 => Settle::Now,
            ms => Settle::After(ms),
        }
    }
}

/// The cash was handed over: the cash-in (pending, code live) becomes `processing` with its
/// `fiatToCrypto` transaction (crediting the wallet with the amount less 1.5 % + 0.50 on
/// completion); with [`Settle::Now`] it completes in the call, else
/// `transaction.fiatToCrypto.processing` is emitted and the scheduler or a control finishes it.
/// Returns the transaction id.
///
/// # Errors
/// 404 unknown, 409 not pending, 422 code expired or limits.
pub fn deposit(
    app: &Inner,
    st: &mut State,
    cash_in_id: &str,
    amt: Micros,
    now: Millis,
    settle: Settle,
) -> Result<String, ApiErr> {
    let c = st
        .cash_ins
        .get(cash_in_id)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    match status(&c, now) {
        "pending" => {}
        "expired" => {
            return Err(ApiErr::rule(
                "deposit_code_expired",
                "the deposit code has expired: refresh the cash-in",
            ))
        }
        _ => return Err(ApiErr::invalid_state("the cash-in is no longer pending")),
    }
    check_limits(st, &c.customer_id, amt, c.walmart, now, false, Some(&c.id))?;
    let f = fee(amt).min(amt);
    let net = amt - f;
    let txn_id = st.mint(a::TRANSACTION_PREFIX);
    let settle_at = match settle {
        Settle::Now => Some(now),
        Settle::After(ms) => Some(now.saturating_add(ms.max(0))),
        Settle::Hold => None,
    };
    let txn = TxnRec {
        id: txn_id.clone(),
        owner: c.owner.clone(),
        kind: "fiatToCrypto".into(),
        status: "processing".into(),
        sub_status: Some("cashReceived".into()),
        quote_id: None,
        cash_in_id: Some(c.id.clone()),
        fixed_source: true,
        source: AmountSide {
            asset: Some("usd".into()),
            network: Some("cash".into()),
            amount_gross: Some(dec(amt)),
            amount_net: Some(dec(net)),
            fees_deducted: Some(fees(0, f, Some(0))),
            cash: Some(CashRef {
                location_id: Some(c.location_id.clone().into()),
                location_reference: Some(c.location_reference.clone()),
                extra: Default::default(),
            }),
            ..Default::default()
        },
        destination: AmountSide {
            asset: Some(c.dst_asset.as_str().into()),
            network: Some(c.dst_network.as_str().into()),
            amount_gross: Some(dec(net)),
            amount_net: Some(dec(net)),
            fees_deducted: Some(fees(0, 0, Some(0))),
            wallet: Some(WalletTarget {
                id: Some(c.wallet_id.clone().into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        rates: Rates {
            exchange_rate: Some(rate(a::STABLE_RATE)),
            effective_rate: Some(rate(money::ratio(net, amt))),
            pair: Some(format!("usd/{}", c.dst_asset)),
            extra: Default::default(),
        },
        sender: Some(c.customer_id.clone()),
        recipient: Some(c.customer_id.clone()),
        debit: None,
        credit: Some((c.wallet_id.clone(), net)),
        sponsor_gas: false,
        metadata: c.metadata.clone(),
        extra: Default::default(),
        error: None,
        created: now,
        updated: now,
        completed: None,
        settle_at,
        outcome_failed: false,
        tx_hash: None,
        pickup: false,
        pickup_code: None,
        deposit_address_id: None,
        virtual_account_id: None,
    };
    st.transactions.insert(txn_id.clone(), txn);
    if let Some(ci) = st.cash_ins.get_mut(&c.id) {
        ci.status = "processing".into();
        ci.amount = Some(amt);
        ci.transaction_id = Some(txn_id.clone());
        ci.updated = now;
    }
    if settle == Settle::Now {
        super::transactions::settle(
            app,
            st,
            &txn_id,
            super::transactions::Outcome::Completed,
            now,
            None,
        )?;
    } else {
        super::transactions::emit_processing(app, st, &txn_id);
        app.wake.notify_one();
    }
    Ok(txn_id)
}

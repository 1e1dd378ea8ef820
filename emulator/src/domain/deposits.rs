//! Money coming in. A cash deposit at a store moves a cash-in (pending, code live) to
//! `processing` with its `fiatToCrypto` transaction, which completes (crediting the wallet) or
//! fails with it — made by the sandbox's retail barcode-auth → auth-commit pair or by the
//! `/_emulator` cash-in controls. The deposit-address and virtual-account simulations (early
//! access, "404 in production") make inbound transfers into resources the controls created.

use super::cash_ins;
use super::customers;
use super::transactions::{self, Outcome};
use super::wire::{amount, dec, fees, rate, typed};
use crate::app::Inner;
use crate::assumptions as a;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::money::{self, Micros};
use crate::state::{RetailAuth, State, TxnRec};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AmountSide, CashRef, DepositAddressSimulation, Rates, RetailSimulationResult,
    SimulateAuthCommit, SimulateBarcodeAuth, SimulateDepositAddressDeposit, SimulatedAmount,
    SimulatedChain, SimulationStatus, VirtualAccountRail, VirtualAccountSimulation, WalletTarget,
};
use serde_json::Value;

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
    match cash_ins::status(&c, now) {
        "pending" => {}
        "expired" => {
            return Err(ApiErr::rule(
                "deposit_code_expired",
                "the deposit code has expired: refresh the cash-in",
            ))
        }
        _ => return Err(ApiErr::invalid_state("the cash-in is no longer pending")),
    }
    cash_ins::check_limits(st, &c.customer_id, amt, c.walmart, now, false, Some(&c.id))?;
    let f = cash_ins::fee(amt).min(amt);
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
        transactions::settle(app, st, &txn_id, Outcome::Completed, now, None)?;
    } else {
        transactions::emit_processing(app, st, &txn_id);
        app.wake.notify_one();
    }
    Ok(txn_id)
}

/// The amount a cash-in control was given: `Ok(None)` = the cash-in's indicated amount. An
/// unreadable amount is reported only once the cash-in is found (an unknown cash-in is 404
/// whatever the body says).
pub type GivenAmount = Result<Option<Micros>, ApiErr>;

fn control_amount(st: &State, id: &str, given: GivenAmount) -> Result<Micros, ApiErr> {
    let c = st
        .cash_ins
        .get(id)
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    Ok(given?.unwrap_or(c.indicated))
}

fn cash_in_json(st: &State, id: &str, now: Millis) -> Value {
    st.cash_ins
        .get(id)
        .map(|c| cash_ins::render(st, c, now))
        .unwrap_or(Value::Null)
}

/// The `/_emulator` deposit: the cash is handed over and the cash-in stays `processing` (held)
/// until a control completes or fails it. Returns the cash-in.
///
/// # Errors
/// As [`deposit`]; 400 for an unreadable amount.
pub fn hold(app: &Inner, id: &str, given: GivenAmount) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let amt = control_amount(&st, id, given)?;
    deposit(app, &mut st, id, amt, now, Settle::Hold)?;
    Ok(cash_in_json(&st, id, now))
}

/// The `/_emulator` completion: a processing cash-in's transaction completes; a pending one is
/// deposited and completed at once. Returns the cash-in.
///
/// # Errors
/// As [`deposit`] and [`transactions::settle`]; 400 for an unreadable amount.
pub fn complete(app: &Inner, id: &str, given: GivenAmount) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let amt = control_amount(&st, id, given)?;
    let c = st.cash_ins.get(id).cloned();
    match c {
        Some(c) if c.status == "processing" => {
            let tid = c.transaction_id.clone().unwrap_or_default();
            transactions::settle(app, &mut st, &tid, Outcome::Completed, now, None)?;
        }
        _ => {
            deposit(app, &mut st, id, amt, now, Settle::Now)?;
        }
    }
    Ok(cash_in_json(&st, id, now))
}

/// The `/_emulator` failure with `sub_status` (default `cash_deposit_failed`; one of
/// `assumptions::CASH_IN_FAILURES`): a pending cash-in is deposited first, then its transaction
/// fails (`transaction.fiatToCrypto.failed`). Returns the cash-in.
///
/// # Errors
/// 400 for another `subStatus` or an unreadable amount; as [`deposit`] and
/// [`transactions::settle`].
pub fn fail(
    app: &Inner,
    id: &str,
    given: GivenAmount,
    sub_status: Option<&str>,
) -> Result<Value, ApiErr> {
    let detail = sub_status.unwrap_or("cash_deposit_failed");
    if !a::CASH_IN_FAILURES.contains(&detail) {
        return Err(ApiErr::invalid_request(format!(
            "subStatus must be one of {}",
            a::CASH_IN_FAILURES.join(", ")
        )));
    }
    let now = app.now();
    let mut st = app.lock();
    let amt = control_amount(&st, id, given)?;
    let c = st.cash_ins.get(id).cloned();
    let tid = match c {
        Some(c) if c.status == "processing" => c.transaction_id.clone().unwrap_or_default(),
        _ => deposit(app, &mut st, id, amt, now, Settle::Hold)?,
    };
    transactions::settle(app, &mut st, &tid, Outcome::Failed, now, Some(detail))?;
    Ok(cash_in_json(&st, id, now))
}

fn norm_code(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

fn retail_result(amt: Micros, confirmation: String, response_id: String) -> Value {
    RetailSimulationResult {
        authorized_amount: Some(dec(amt)),
        confirmation_id: Some(confirmation),
        response_code: Some(a::APPROVED_RESPONSE_CODE.into()),
        response_id: Some(response_id),
        response_text: Some("Approved".into()),
        extra: Default::default(),
    }
    .write()
}

/// `POST /cash-ins/simulate/barcode-auth` `{accountNumber: <deposit code>,
/// accountReferenceNumber: <location reference>, amount}`: the store authorizes the deposit.
/// Returns the retail result with the `confirmationId` the commit names.
///
/// # Errors
/// 400 input, 404 no cash-in with this code, 409 not pending, 422 code expired, reference
/// mismatch, limits.
pub fn barcode_auth(app: &Inner, owner: &str, raw: Value) -> Result<Value, ApiErr> {
    let req: SimulateBarcodeAuth = typed(raw)?;
    let amt = amount(&req.amount, "amount")?;
    let now = app.now();
    let mut st = app.lock();
    let code = norm_code(&req.account_number);
    let c = st
        .cash_ins
        .of(owner)
        .rev()
        .find(|c| norm_code(&c.code) == code)
        .cloned()
        .ok_or_else(|| {
            ApiErr::not_found(
                "cash_in_not_found",
                "cash-in with this deposit code (accountNumber)",
            )
        })?;
    if c.location_reference != req.account_reference_number.trim() {
        return Err(ApiErr::rule(
            "reference_mismatch",
            "accountReferenceNumber must be the cash-in's location reference",
        ));
    }
    match cash_ins::status(&c, now) {
        "pending" => {}
        "expired" => {
            return Err(ApiErr::rule(
                "deposit_code_expired",
                "the deposit code has expired: refresh the cash-in",
            ))
        }
        _ => return Err(ApiErr::invalid_state("the cash-in is no longer pending")),
    }
    cash_ins::check_limits(&st, &c.customer_id, amt, c.walmart, now, false, Some(&c.id))?;
    let conf = format!("conf_{}", st.rng.hex(20));
    let rid = format!("rsp_{}", st.rng.hex(16));
    st.retail_auths.insert(
        conf.clone(),
        RetailAuth {
            owner: owner.to_owned(),
            cash_in_id: c.id.clone(),
            amount: amt,
            account_number: code,
            reference: c.location_reference.clone(),
            committed: false,
        },
    );
    Ok(retail_result(amt, conf, rid))
}

/// `POST /cash-ins/simulate/auth-commit`: the deposit — the cash-in's `fiatToCrypto` transaction
/// is created and (by default at once) completed: the wallet is credited, `cashIn.completed` and
/// `transaction.fiatToCrypto.completed` are delivered.
///
/// # Errors
/// 400 input, 404 unknown authorization, 409 already committed or not pending, 422 mismatch.
pub fn auth_commit(app: &Inner, owner: &str, raw: Value) -> Result<Value, ApiErr> {
    let req: SimulateAuthCommit = typed(raw)?;
    let amt = amount(&req.amount, "amount")?;
    let now = app.now();
    let mut st = app.lock();
    let auth = st
        .retail_auths
        .get(&req.original_confirmation_id)
        .filter(|a| a.owner == owner)
        .cloned()
        .ok_or_else(|| {
            ApiErr::not_found(
                "confirmation_not_found",
                "authorization (originalConfirmationId)",
            )
        })?;
    if auth.committed {
        return Err(ApiErr::invalid_state(
            "this authorization was already committed",
        ));
    }
    if auth.account_number != norm_code(&req.account_number)
        || auth.reference != req.account_reference_number.trim()
        || auth.amount != amt
    {
        return Err(ApiErr::rule(
            "commit_mismatch",
            "accountNumber, accountReferenceNumber and amount must match the authorization",
        ));
    }
    let c = st
        .cash_ins
        .get(&auth.cash_in_id)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("cash_in_not_found", "cash-in"))?;
    if let Some(cid) = &req.customer_id {
        if cid.as_str() != c.customer_id {
            return Err(ApiErr::rule(
                "customer_mismatch",
                "customerId is not the cash-in's customer",
            ));
        }
    }
    if c.status != "pending" {
        return Err(ApiErr::invalid_state("the cash-in is no longer pending"));
    }
    deposit(app, &mut st, &c.id, amt, now, Settle::configured(app))?;
    if let Some(a) = st.retail_auths.get_mut(&req.original_confirmation_id) {
        a.committed = true;
    }
    let conf = format!("conf_{}", st.rng.hex(20));
    let rid = format!("rsp_{}", st.rng.hex(16));
    Ok(retail_result(amt, conf, rid))
}

/// An inbound transfer's transaction into a wallet, `processing` until `--settle-ms` (no fees).
#[allow(clippy::too_many_arguments)]
fn inbound(
    app: &Inner,
    st: &mut State,
    owner: &str,
    kind: &str,
    customer: &str,
    wallet_id: &str,
    source_asset: &str,
    source_network: &str,
    amt: Micros,
    now: Millis,
) -> TxnRec {
    let (dst_asset, dst_network) = st
        .wallets
        .get(wallet_id)
        .map(|w| (w.asset.clone(), w.chain.clone()))
        .unwrap_or_default();
    let id = st.mint(a::TRANSACTION_PREFIX);
    TxnRec {
        id,
        owner: owner.to_owned(),
        kind: kind.into(),
        status: "processing".into(),
        sub_status: Some("fundsReceived".into()),
        quote_id: None,
        cash_in_id: None,
        fixed_source: true,
        source: AmountSide {
            asset: Some(source_asset.into()),
            network: Some(source_network.into()),
            amount_gross: Some(dec(amt)),
            amount_net: Some(dec(amt)),
            fees_deducted: Some(fees(0, 0, Some(0))),
            ..Default::default()
        },
        destination: AmountSide {
            asset: Some(dst_asset.as_str().into()),
            network: Some(dst_network.as_str().into()),
            amount_gross: Some(dec(amt)),
            amount_net: Some(dec(amt)),
            fees_deducted: Some(fees(0, 0, Some(0))),
            wallet: Some(WalletTarget {
                id: Some(wallet_id.to_owned().into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        rates: Rates {
            exchange_rate: Some(rate(a::STABLE_RATE)),
            effective_rate: Some(rate(a::STABLE_RATE)),
            pair: Some(format!("{source_asset}/{dst_asset}")),
            extra: Default::default(),
        },
        sender: Some(customer.to_owned()),
        recipient: Some(customer.to_owned()),
        debit: None,
        credit: Some((wallet_id.to_owned(), amt)),
        sponsor_gas: false,
        metadata: None,
        extra: Default::default(),
        error: None,
        created: now,
        updated: now,
        completed: None,
        settle_at: Some(now.saturating_add(app.config.settle_delay_ms)),
        outcome_failed: false,
        tx_hash: None,
        pickup: false,
        pickup_code: None,
        deposit_address_id: None,
        virtual_account_id: None,
    }
}

/// `POST /deposit-addresses/{id}/simulate` `{amount: {value}}`: an on-chain deposit to the
/// address, converted into its wallet as a `cryptoToCrypto` transaction (`depositAddressId` set).
///
/// # Errors
/// 400 input, 404 `deposit_address_not_found`.
pub fn to_deposit_address(app: &Inner, owner: &str, id: &str, raw: Value) -> Result<Value, ApiErr> {
    let req: SimulateDepositAddressDeposit = typed(raw)?;
    let amt = amount(&req.amount.value, "amount.value")?;
    let now = app.now();
    let mut st = app.lock();
    let da = st
        .deposit_addresses
        .get_for(id, owner)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("deposit_address_not_found", "deposit address"))?;
    let mut t = inbound(
        app,
        &mut st,
        owner,
        "cryptoToCrypto",
        &da.customer_id,
        &da.wallet_id,
        &da.asset,
        &da.network,
        amt,
        now,
    );
    t.deposit_address_id = Some(da.id.clone());
    let hash = transactions::tx_hash(&format!("{}:in", t.id));
    t.source.tx_hash = Some(hash.clone());
    let tid = t.id.clone();
    st.transactions.insert(tid.clone(), t);
    if app.config.emit_c2c_processing {
        transactions::emit_processing(app, &mut st, &tid);
    }
    app.wake.notify_one();
    let mut out = DepositAddressSimulation {
        amount: Some(SimulatedAmount {
            value: Some(dec(amt)),
            currency: Some(da.asset.clone()),
            extra: Default::default(),
        }),
        deposit_address_id: Some(da.id.clone().into()),
        network: Some(SimulatedChain::from(
            da.network.to_ascii_uppercase().as_str(),
        )),
        status: Some(SimulationStatus::Submitted),
        submitted_at: Some(rfc3339(now)),
        transaction_hash: Some(hash),
        extra: Default::default(),
    };
    out.extra.insert("transactionId".into(), Value::from(tid));
    Ok(out.write())
}

/// `POST /virtual-accounts/{id}/simulate` `{rail: ach_in|wire_in|swift_in, amount?}` (`amount`
/// a decimal string or `{value}`): a bank deposit to the account, a `fiatToCrypto` transaction
/// into its wallet (`processing` first); needs the provisioned fiat account.
///
/// # Errors
/// 400 input, 404 `virtual_account_not_found`, 422 `provider_account_not_provisioned`.
pub fn to_virtual_account(app: &Inner, owner: &str, id: &str, v: &Value) -> Result<Value, ApiErr> {
    let rail = v
        .get("rail")
        .and_then(Value::as_str)
        .filter(|r| matches!(*r, "ach_in" | "wire_in" | "swift_in"))
        .ok_or_else(|| ApiErr::invalid_request("rail must be ach_in, wire_in or swift_in"))?
        .to_owned();
    let amt = match v.get("amount") {
        None | Some(Value::Null) => a::DEFAULT_SIMULATED_AMOUNT,
        Some(Value::String(s)) => {
            amount(&oms_wasm::model::Decimal::from_wire(s.clone()), "amount")?
        }
        Some(Value::Object(o)) => match o.get("value").and_then(Value::as_str) {
            Some(s) => amount(&oms_wasm::model::Decimal::from_wire(s), "amount.value")?,
            None => {
                return Err(ApiErr::invalid_request(
                    "amount.value must be a decimal string",
                ))
            }
        },
        Some(_) => {
            return Err(ApiErr::invalid_request(
                "amount must be a decimal string or {value}",
            ))
        }
    };
    let now = app.now();
    let mut st = app.lock();
    let va = st
        .virtual_accounts
        .get_for(id, owner)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("virtual_account_not_found", "virtual account"))?;
    customers::provisioned(&st, &va.customer_id, owner, app.config.strict_provisioning)?;
    let network = rail.trim_end_matches("_in").to_owned();
    let mut t = inbound(
        app,
        &mut st,
        owner,
        "fiatToCrypto",
        &va.customer_id,
        &va.wallet_id,
        "usd",
        &network,
        amt,
        now,
    );
    t.virtual_account_id = Some(va.id.clone());
    let tid = t.id.clone();
    st.transactions.insert(tid.clone(), t);
    transactions::emit_processing(app, &mut st, &tid);
    app.wake.notify_one();
    let mut out = VirtualAccountSimulation {
        rail: Some(VirtualAccountRail::from(rail.as_str())),
        virtual_account_id: Some(va.id.clone().into()),
        status: Some(SimulationStatus::Submitted),
        extra: Default::default(),
    };
    out.extra.insert(
        "amount".into(),
        serde_json::json!({ "value": money::format(amt), "currency": "usd" }),
    );
    out.extra
        .insert("submittedAt".into(), Value::from(rfc3339(now)));
    out.extra.insert("transactionId".into(), Value::from(tid));
    Ok(out.write())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{endpoints, locations, seed};
    use serde_json::json;

    /// The domain runs without HTTP: a store, a frozen clock, and the operations called directly.
    fn app() -> Inner {
        let config = crate::config::Config::default();
        Inner {
            clock: crate::clock::Clock::new(Some(1_735_689_600_000)),
            state: std::sync::Mutex::new(State::new(&config)),
            wake: tokio::sync::Notify::new(),
            addr: "127.0.0.1:0".parse().unwrap(),
            next_review: std::sync::atomic::AtomicI64::new(i64::MAX),
            config,
        }
    }

    #[test]
    fn a_completed_deposit_completes_the_cash_in_with_its_transaction() {
        let app = app();
        seed::load(&app, &json!("demo")).unwrap();
        let owner = app.config.api_keys[0].0.clone();
        endpoints::create(&app, &owner, &json!({"url": "http://127.0.0.1:9/hook"})).unwrap();
        let (customer, wallet) = {
            let st = app.lock();
            let w = &st.wallets.rows[0];
            (w.customer_id.clone(), w.id.clone())
        };
        let locs = locations::search("greendot", 40.0, -74.0).unwrap();
        let loc = &locs["data"][0];
        let ci = cash_ins::create(
            &app,
            &owner,
            json!({"customerId": customer, "source": {"asset": "usd", "network": "cash",
                "indicatedAmount": "100.00"},
                "destination": {"wallet": {"id": wallet}, "asset": "usdc", "network": "polygon"},
                "cash": {"locationId": loc["id"], "locationReference": loc["locationReference"]}}),
        )
        .unwrap();
        let id = ci["id"].as_str().unwrap();
        assert_eq!(ci["status"], "pending");

        let done = complete(&app, id, Ok(None)).unwrap();
        assert_eq!(done["status"], "completed");
        let st = app.lock();
        // 1000.00 seeded + 100.00 − (1.5 % + 0.50)
        assert_eq!(st.wallets.get(&wallet).unwrap().balance, 1_098 * 1_000_000);
        let t = st.transactions.get(done["transactionId"].as_str().unwrap());
        assert_eq!(t.map(|t| t.status.as_str()), Some("completed"));
        let events: Vec<&str> = st.queue.iter().map(|d| d.event_type.as_str()).collect();
        assert_eq!(
            events,
            ["cashIn.completed", "transaction.fiatToCrypto.completed"]
        );
        drop(st);
        // a completed cash-in cannot fail any more
        let err = fail(&app, id, Ok(None), None).unwrap_err();
        assert_eq!((err.status, err.code), (409, "invalid_state"));
    }
}

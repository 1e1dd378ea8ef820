//! Transactions: executing an open quote debits the source wallet and starts `processing`; the
//! scheduler (after `--settle-ms`) or the `/_emulator/transactions/{id}/…` controls move it on:
//!
//! ```text
//! processing ──► completed            (credits an OMS destination)
//!      │   └───► failed               (refunds the source)
//!      └──► cashPickupReady ──► completed   (cash collected)
//!                          └──► failed      (uncollected: expired, refunded)
//! ```
//!
//! with `transaction.<type>.<processing|completed|failed>` events. A cash-in's `fiatToCrypto`
//! transaction carries its cash-in along (`completed` / `failed` together).

use super::cash_ins;
use super::customers;
use super::events::emit;
use super::locations::decode_reference;
use super::quotes;
use super::wallets;
use super::wire::{check_metadata, dec, typed};
use crate::app::Inner;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, PageReq};
use crate::state::{PickupRec, State, Target, TxnRec};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    BankDetails, CashPickup, CashPickupLocation, CreateTransaction, FixedAmountSide, Transaction,
    TransactionError, TransactionRole, TransactionStatus, TransactionType,
};
use oms_wasm::secret::Sensitive;
use serde_json::Value;

/// The transaction as the API returns it; `perspective` = the customer whose `role` is computed.
pub fn render(t: &TxnRec, perspective: Option<&str>) -> Value {
    let role = perspective.and_then(|c| {
        let s = t.sender.as_deref() == Some(c);
        let r = t.recipient.as_deref() == Some(c);
        match (s, r) {
            (true, true) => Some(TransactionRole::Both),
            (true, false) => Some(TransactionRole::Sender),
            (false, true) => Some(TransactionRole::Recipient),
            _ => None,
        }
    });
    let mut destination = t.destination.clone();
    if let Some(h) = &t.tx_hash {
        destination.tx_hash = Some(h.clone());
    }
    let cash_pickup = t.pickup_code.as_ref().map(|p| CashPickup {
        cash_code: Some(Sensitive::new(p.code.clone())),
        amount: Some(dec(p.amount)),
        asset: Some("usd".into()),
        expires_at: Some(rfc3339(p.expires)),
        instructions: Some(format!(
            "Show code {} and a photo ID at {} to collect the cash.",
            p.code, p.name
        )),
        phone_required: Some(false),
        location: Some(CashPickupLocation {
            id: Some(p.location_id.clone().into()),
            name: Some(p.name.clone()),
            provider: Some("greendot".into()),
            address: Some(p.address.clone()),
            ..Default::default()
        }),
        extra: Default::default(),
    });
    let mut out = Transaction {
        id: Some(t.id.clone().into()),
        object: Some("transaction".into()),
        kind: Some(TransactionType::from(t.kind.as_str())),
        status: Some(TransactionStatus::from(t.status.as_str())),
        sub_status: t.sub_status.clone(),
        quote_id: t.quote_id.clone().map(Into::into),
        fixed_amount_side: Some(if t.fixed_source {
            FixedAmountSide::Source
        } else {
            FixedAmountSide::Destination
        }),
        source: Some(t.source.clone()),
        destination: Some(destination),
        rates: Some(t.rates.clone()),
        sender_customer_id: t.sender.clone().map(Into::into),
        recipient_customer_id: t.recipient.clone().map(Into::into),
        role,
        error: t.error.as_ref().map(|(c, m)| TransactionError {
            code: Some(c.clone()),
            message: Some(m.clone()),
            extra: Default::default(),
        }),
        cash_in_id: t.cash_in_id.clone().map(Into::into),
        deposit_address_id: t.deposit_address_id.clone().map(Into::into),
        cash_pickup,
        sponsor_gas: Some(t.sponsor_gas),
        sponsor_gas_cost: Some(oms_wasm::model::Decimal::from_wire(
            crate::assumptions::SPONSOR_GAS_COST,
        )),
        developer_fees: Some(Vec::new()),
        metadata: Some(t.metadata.clone().unwrap_or_default()),
        created_at: Some(rfc3339(t.created)),
        updated_at: Some(rfc3339(t.updated)),
        completed_at: t.completed.map(rfc3339),
        ..Default::default()
    };
    let mut extra = t.extra.clone();
    if let Some(va) = &t.virtual_account_id {
        extra.insert("virtualAccountId".into(), Value::from(va.clone()));
    }
    out.extra = oms_wasm::model::Extra(extra);
    out.write()
}

/// A synthetic on-chain hash for a settled crypto leg.
pub fn tx_hash(id: &str) -> String {
    format!("0x{}", crate::ids::hex(&crate::evm::keccak(id.as_bytes())))
}

/// Emits `transaction.<type>.processing` for a transaction (used when one is left processing).
pub fn emit_processing(app: &Inner, st: &mut State, id: &str) {
    if let Some(t) = st.transactions.get(id) {
        let (owner, event, v) = (
            t.owner.clone(),
            format!("transaction.{}.processing", t.kind),
            render(t, None),
        );
        emit(app, st, &owner, &event, v);
    }
}

/// `POST /transactions` with the body `raw` (a JSON object, `{quoteId, ...}`): executes the
/// open quote — debits the source wallet, accepts the quote, and stores the transaction
/// `processing`, settling after `--settle-ms`. Returns the transaction.
///
/// # Errors
/// 400 input, 404 quote/customer/wallet, 409 `quote_not_open`, 422 `quote_expired`,
/// `insufficient_funds`, `customer_inactive`, provisioning and endorsements.
pub fn execute(app: &Inner, owner: &str, raw: Value) -> Result<Value, ApiErr> {
    let req: CreateTransaction = typed(raw)?;
    check_metadata(&req.metadata)?;
    let now = app.now();
    let mut st = app.lock();
    let q = st
        .quotes
        .get_for(req.quote_id.as_str(), owner)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("quote_not_found", "quote"))?;
    match quotes::status(&q, now) {
        "accepted" => return Err(ApiErr::quote_not_open()),
        "expired" => return Err(ApiErr::quote_expired()),
        _ => {}
    }
    let c = customers::find(&st, &q.customer_id, owner)?;
    customers::check_active(c)?;
    if q.target.is_fiat() {
        let c = customers::provisioned(&st, &q.customer_id, owner, app.config.strict_provisioning)?;
        if !c.has("usd") {
            return Err(ApiErr::endorsement_required("usd"));
        }
    }
    let balance = wallets::find(&st, &q.wallet_id, owner)?.balance;
    if balance < q.src_gross {
        return Err(ApiErr::insufficient_funds());
    }
    let (credit_wallet, recipient) = match &q.target {
        Target::Wallet(w) => (
            Some(w.clone()),
            st.wallets.get(w).map(|x| x.customer_id.clone()),
        ),
        Target::Address(a) => {
            let w = quotes::wallet_by_address(&st, a);
            let r = w
                .as_ref()
                .and_then(|w| st.wallets.get(w))
                .map(|x| x.customer_id.clone());
            (w, r)
        }
        // fiat rails: the sender is the recipient
        Target::External(_) | Target::Cash { .. } => (None, Some(q.customer_id.clone())),
    };
    if let Some(w) = st.wallets.get_mut(&q.wallet_id) {
        w.balance -= q.src_gross;
        w.updated = now;
    }
    if let Some(qm) = st.quotes.get_mut(&q.id) {
        qm.accepted = true;
    }
    let (source, mut destination, rates) = quotes::sides(&q);
    if let Target::External(e) = &q.target {
        if let Some(ext) = st.external_accounts.get(e) {
            destination.external_account_id = Some(ext.id.clone().into());
            destination.bank_details = Some(BankDetails {
                bank_name: Some(ext.bank_name.clone()),
                account_number: Some(Sensitive::new(format!("****{}", ext.last4))),
                ..Default::default()
            });
        }
    }
    let mut extra = serde_json::Map::new();
    if let Some(p) = req.partner_transaction_id {
        extra.insert("partnerTransactionId".into(), Value::from(p));
    }
    if let Some(t) = &req.tags {
        extra.insert("tags".into(), Value::from(t.clone()));
    }
    let kind = quotes::kind(&q);
    let id = st.mint(crate::assumptions::TRANSACTION_PREFIX);
    let t = TxnRec {
        id: id.clone(),
        owner: owner.to_owned(),
        kind: kind.into(),
        status: "processing".into(),
        sub_status: Some("fundsPulled".into()),
        quote_id: Some(q.id.clone()),
        cash_in_id: None,
        fixed_source: q.fixed_source,
        source,
        destination,
        rates,
        sender: Some(q.customer_id.clone()),
        recipient,
        debit: Some((q.wallet_id.clone(), q.src_gross)),
        credit: credit_wallet.map(|w| (w, q.dst_net)),
        sponsor_gas: q.sponsor_gas,
        metadata: req.metadata.clone().or(q.metadata.clone()),
        extra,
        error: None,
        created: now,
        updated: now,
        completed: None,
        settle_at: Some(now.saturating_add(app.config.settle_delay_ms)),
        outcome_failed: false,
        tx_hash: None,
        pickup: matches!(q.target, Target::Cash { .. }),
        pickup_code: None,
        deposit_address_id: None,
        virtual_account_id: None,
    };
    let v = render(&t, None);
    st.transactions.insert(id.clone(), t);
    if kind == "cryptoToFiat" || app.config.emit_c2c_processing {
        emit_processing(app, &mut st, &id);
    }
    app.wake.notify_one();
    Ok(v)
}

/// Where a transaction goes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `completed` (from `processing`, or a collected pickup from `cashPickupReady`).
    Completed,
    /// `failed` (refunds the source).
    Failed,
    /// `cashPickupReady` (cash pickups only).
    PickupReady,
}

/// Moves a transaction on (and its cash-in, if any) and emits the event. `detail`: the failure's
/// `subStatus` (and, for a cash-in, its failure `subStatus`).
///
/// # Errors
/// 404 unknown, 409 `invalid_state` when the move is not allowed from the current status.
pub fn settle(
    app: &Inner,
    st: &mut State,
    id: &str,
    outcome: Outcome,
    now: Millis,
    detail: Option<&str>,
) -> Result<(), ApiErr> {
    let code = st.rng.next_u64() % 1_000_000_000;
    let t = st
        .transactions
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    let from = t.status.clone();
    match (from.as_str(), outcome) {
        ("processing", Outcome::PickupReady) if t.pickup => {}
        ("processing", Outcome::PickupReady) => {
            return Err(ApiErr::invalid_state(
                "only a cash pickup (crypto-to-fiat to usd/cash) has a cashPickupReady state",
            ))
        }
        ("processing" | "cashPickupReady", Outcome::Completed | Outcome::Failed) => {}
        _ => {
            return Err(ApiErr::invalid_state(format!(
                "the transaction is {from}: nothing to settle"
            )))
        }
    }
    t.updated = now;
    t.settle_at = None;
    let (debit, credit) = (t.debit.clone(), t.credit.clone());
    match outcome {
        Outcome::PickupReady => {
            t.status = "cashPickupReady".into();
            t.sub_status = Some("cashPickupReady".into());
            let (location_id, name, address) = match &t.destination.cash {
                Some(c) => {
                    let reference = c.location_reference.clone().unwrap_or_default();
                    let loc = decode_reference(&reference);
                    (
                        c.location_id
                            .as_ref()
                            .map(|l| l.as_str().to_owned())
                            .unwrap_or_default(),
                        loc.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
                        loc.map(|l| l.address).unwrap_or_default(),
                    )
                }
                None => Default::default(),
            };
            let amount = t
                .destination
                .amount_net
                .as_ref()
                .and_then(|d| crate::money::parse(d.as_str()))
                .unwrap_or(0);
            t.pickup_code = Some(PickupRec {
                code: format!("{code:09}"),
                amount,
                expires: now.saturating_add(crate::assumptions::CASH_PICKUP_TTL_MS),
                location_id,
                name,
                address,
            });
        }
        Outcome::Failed => {
            let expired = from == "cashPickupReady";
            t.status = "failed".into();
            t.sub_status = Some(detail.map(str::to_owned).unwrap_or_else(|| {
                if expired {
                    "cashPickupExpired"
                } else {
                    "refunded"
                }
                .into()
            }));
            t.error = Some(if t.cash_in_id.is_some() {
                (
                    detail.unwrap_or("cash_deposit_failed").to_owned(),
                    "the cash deposit could not be converted".into(),
                )
            } else if expired {
                (
                    "cash_pickup_expired".into(),
                    "the cash was not collected in time; the source was refunded".into(),
                )
            } else {
                (
                    "settlement_failed".into(),
                    "the transfer failed; the source was refunded".into(),
                )
            });
        }
        Outcome::Completed => {
            t.status = "completed".into();
            t.sub_status = t.pickup.then(|| "cashPickupCollected".to_owned());
            t.completed = Some(now);
            if t.kind != "cryptoToFiat" {
                t.tx_hash = Some(tx_hash(&t.id));
            }
        }
    }
    let (kind, status, owner, cash_in) = (
        t.kind.clone(),
        t.status.clone(),
        t.owner.clone(),
        t.cash_in_id.clone(),
    );
    let v = render(t, None);
    match outcome {
        Outcome::Failed => {
            if let Some((w, amt)) = debit {
                if let Some(w) = st.wallets.get_mut(&w) {
                    w.balance += amt;
                    w.updated = now;
                }
            }
        }
        Outcome::Completed => {
            if let Some((w, amt)) = credit {
                if let Some(w) = st.wallets.get_mut(&w) {
                    w.balance += amt;
                    w.updated = now;
                }
            }
        }
        Outcome::PickupReady => {}
    }
    if let Some(ci) = cash_in {
        if let Some(c) = st.cash_ins.get_mut(&ci) {
            c.updated = now;
            if outcome == Outcome::Completed {
                c.status = "completed".into();
                c.completed = Some(now);
            } else {
                c.status = "failed".into();
                c.failure = Some(detail.unwrap_or("cash_deposit_failed").to_owned());
            }
            let c = c.clone();
            if outcome == Outcome::Completed {
                let cv = cash_ins::render(st, &c, now);
                emit(app, st, &owner, "cashIn.completed", cv);
            }
        }
    }
    let event = if outcome == Outcome::PickupReady {
        format!("transaction.{kind}.processing")
    } else {
        format!("transaction.{kind}.{status}")
    };
    emit(app, st, &owner, &event, v);
    Ok(())
}

/// Settles every transaction whose time has come: `processing` past its settle time (a cash
/// pickup becomes `cashPickupReady`), and uncollected pickups past their code's expiry (failed).
pub fn settle_due(app: &Inner, now: Millis) {
    let mut st = app.lock();
    let due: Vec<(String, Outcome)> = st
        .transactions
        .rows
        .iter()
        .filter_map(|t| match t.status.as_str() {
            "processing" if t.settle_at.is_some_and(|s| s <= now) => Some((
                t.id.clone(),
                if t.outcome_failed {
                    Outcome::Failed
                } else if t.pickup {
                    Outcome::PickupReady
                } else {
                    Outcome::Completed
                },
            )),
            "cashPickupReady" if t.pickup_code.as_ref().is_some_and(|p| p.expires <= now) => {
                Some((t.id.clone(), Outcome::Failed))
            }
            _ => None,
        })
        .collect();
    for (id, outcome) in due {
        let _ = settle(app, &mut st, &id, outcome, now, None);
    }
}

fn rendered(st: &State, id: &str) -> Value {
    st.transactions
        .get(id)
        .map(|t| render(t, None))
        .unwrap_or(Value::Null)
}

/// Moves a transaction on now, as the `/_emulator` control does (see [`settle`]). Returns the
/// transaction.
///
/// # Errors
/// 404 unknown, 409 `invalid_state`.
pub fn settle_now(
    app: &Inner,
    id: &str,
    outcome: Outcome,
    detail: Option<&str>,
) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    settle(app, &mut st, id, outcome, now, detail)?;
    Ok(rendered(&st, id))
}

/// Makes the scheduled settlement of a transaction fail (the `/_emulator` control).
///
/// # Errors
/// 404 unknown.
pub fn fail_next(app: &Inner, id: &str) -> Result<(), ApiErr> {
    let mut st = app.lock();
    let t = st
        .transactions
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    t.outcome_failed = true;
    Ok(())
}

/// Moves a processing transaction's settlement `by` ms from now, or holds it (`None`: only a
/// control settles it). Returns the transaction.
///
/// # Errors
/// 404 unknown, 409 `invalid_state` when not processing.
pub fn delay(app: &Inner, id: &str, by: Option<i64>) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let t = st
        .transactions
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    if t.status != "processing" {
        return Err(ApiErr::invalid_state(format!(
            "the transaction is {}: only a processing one can be delayed",
            t.status
        )));
    }
    t.settle_at = by.map(|ms| now.saturating_add(ms));
    Ok(rendered(&st, id))
}

/// `GET /transactions/{id}`; `perspective` (a sender or recipient customer id) sets `role`.
///
/// # Errors
/// 404 `transaction_not_found`.
pub fn get(app: &Inner, owner: &str, id: &str, perspective: Option<&str>) -> Result<Value, ApiErr> {
    let st = app.lock();
    let t = st
        .transactions
        .get_for(id, owner)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    Ok(render(t, perspective))
}

/// Which transactions a list shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct Filter<'a> {
    /// `type`.
    pub kind: Option<&'a str>,
    /// `status`.
    pub status: Option<&'a str>,
    /// `customerId`: sender or recipient.
    pub party: Option<&'a str>,
}

/// `GET /transactions` (`customer` `None`) or `GET /customers/{id}/transactions` (with `role`
/// from that customer's perspective): newest first, filtered, paged.
///
/// # Errors
/// 404 customer, 400 `invalid_cursor`.
pub fn list(
    app: &Inner,
    owner: &str,
    page: &PageReq,
    filter: Filter<'_>,
    customer: Option<&str>,
) -> Result<Value, ApiErr> {
    let st = app.lock();
    if let Some(c) = customer {
        customers::find(&st, c, owner)?;
    }
    let party = customer.or(filter.party);
    let items: Vec<_> = st
        .transactions
        .of(owner)
        .rev()
        .filter(|t| filter.kind.is_none_or(|k| t.kind == k))
        .filter(|t| filter.status.is_none_or(|s| t.status == s))
        .filter(|t| {
            party
                .is_none_or(|c| t.sender.as_deref() == Some(c) || t.recipient.as_deref() == Some(c))
        })
        .map(|t| (t.id.clone(), t.created, t))
        .collect();
    Ok(paginate(items, page, |t| render(t, customer))?.envelope())
}

/// `GET /accounts/{id}/transactions`: transactions debiting or crediting the wallet (of type
/// `kind`, when given), newest first, paged.
///
/// # Errors
/// 404 wallet, 400 `invalid_cursor`.
pub fn of_wallet(
    app: &Inner,
    owner: &str,
    wallet_id: &str,
    page: &PageReq,
    kind: Option<&str>,
) -> Result<Value, ApiErr> {
    let st = app.lock();
    wallets::find(&st, wallet_id, owner)?;
    let items: Vec<_> = st
        .transactions
        .of(owner)
        .rev()
        .filter(|t| {
            t.debit.as_ref().is_some_and(|(w, _)| *w == wallet_id)
                || t.credit.as_ref().is_some_and(|(w, _)| *w == wallet_id)
        })
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .map(|t| (t.id.clone(), t.created, t))
        .collect();
    Ok(paginate(items, page, |t| render(t, None))?.envelope())
}

//! Transactions (REFERENCE §6.4, §8): executing an open quote debits the source wallet and starts
//! `processing`; the scheduler (or `/_emulator/transactions/{id}/settle`) completes it (credits
//! the destination) or fails it (refunds the source), with `transaction.<type>.<status>` events.

use super::{created, object, ok, typed, Res};
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, Query};
use crate::state::{Target, TxnRec};
use crate::webhooks::emit;
use crate::App;
use axum::extract::{Path, RawQuery, State as S};
use bytes::Bytes;
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    CreateTransaction, FixedAmountSide, Transaction, TransactionError, TransactionRole,
    TransactionStatus, TransactionType,
};
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
    out.extra = oms_wasm::model::Extra(t.extra.clone());
    out.write()
}

/// `POST /transactions` `{quoteId, ...}`.
pub async fn create(S(app): S<App>, body: Bytes) -> Res {
    let raw = object(&body, false)?;
    let req: CreateTransaction = typed(raw)?;
    super::check_metadata(&req.metadata)?;
    let now = app.now();
    let mut st = app.lock();
    let q = st
        .quotes
        .get(req.quote_id.as_str())
        .cloned()
        .ok_or_else(|| ApiErr::not_found("quote_not_found", "quote"))?;
    match super::quotes::status(&q, now) {
        "accepted" => return Err(ApiErr::quote_not_open()),
        "expired" => return Err(ApiErr::quote_expired()),
        _ => {}
    }
    super::customers::provisioned(&st, &q.customer_id)?;
    let balance = super::wallets::find(&st, &q.wallet_id)?.balance;
    if balance < q.src_gross {
        return Err(ApiErr::insufficient_funds());
    }
    let (credit_wallet, recipient) = match &q.target {
        Target::Wallet(w) => (
            Some(w.clone()),
            st.wallets.get(w).map(|x| x.customer_id.clone()),
        ),
        Target::Address(a) => {
            let w = super::quotes::wallet_by_address(&st, a);
            let r = w
                .as_ref()
                .and_then(|w| st.wallets.get(w))
                .map(|x| x.customer_id.clone());
            (w, r)
        }
    };
    if let Some(w) = st.wallets.get_mut(&q.wallet_id) {
        w.balance -= q.src_gross;
        w.updated = now;
    }
    if let Some(qm) = st.quotes.get_mut(&q.id) {
        qm.accepted = true;
    }
    let (source, destination, rates) = super::quotes::sides(&q);
    let mut extra = serde_json::Map::new();
    if let Some(p) = req.partner_transaction_id {
        extra.insert("partnerTransactionId".into(), Value::from(p));
    }
    if let Some(t) = &req.tags {
        extra.insert("tags".into(), Value::from(t.clone()));
    }
    let id = st.mint(crate::assumptions::TRANSACTION_PREFIX);
    let t = TxnRec {
        id: id.clone(),
        kind: "cryptoToCrypto".into(),
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
        settle_at: Some(now + app.config.settle_delay_ms),
        outcome_failed: false,
        tx_hash: None,
    };
    let v = render(&t, None);
    st.transactions.insert(id, t);
    if app.config.emit_c2c_processing {
        emit(
            &app,
            &mut st,
            "transaction.cryptoToCrypto.processing",
            v.clone(),
        );
    }
    app.wake.notify_one();
    created(v)
}

/// Completes or fails a processing transaction now. Returns false when it is not processing.
pub fn settle(app: &App, st: &mut crate::state::State, id: &str, fail: bool, now: Millis) -> bool {
    let Some(t) = st.transactions.get_mut(id) else {
        return false;
    };
    if t.status != "processing" {
        return false;
    }
    t.updated = now;
    t.settle_at = None;
    let (debit, credit) = (t.debit.clone(), t.credit.clone());
    if fail {
        t.status = "failed".into();
        t.sub_status = Some("refunded".into());
        t.error = Some((
            "settlement_failed".into(),
            "the transfer failed; the source was refunded".into(),
        ));
    } else {
        t.status = "completed".into();
        t.sub_status = None;
        t.completed = Some(now);
        t.tx_hash = Some(format!(
            "0x{}",
            crate::ids::hex(&crate::evm::keccak(t.id.as_bytes()))
        ));
    }
    let kind = t.kind.clone();
    let status = t.status.clone();
    let v = render(t, None);
    if fail {
        if let Some((w, amt)) = debit {
            if let Some(w) = st.wallets.get_mut(&w) {
                w.balance += amt;
                w.updated = now;
            }
        }
    } else if let Some((w, amt)) = credit {
        if let Some(w) = st.wallets.get_mut(&w) {
            w.balance += amt;
            w.updated = now;
        }
    }
    emit(app, st, &format!("transaction.{kind}.{status}"), v);
    true
}

/// Settles every processing transaction whose time has come.
pub fn settle_due(app: &App, now: Millis) {
    let mut st = app.lock();
    let due: Vec<(String, bool)> = st
        .transactions
        .rows
        .iter()
        .filter(|t| t.status == "processing" && t.settle_at.is_some_and(|s| s <= now))
        .map(|t| (t.id.clone(), t.outcome_failed))
        .collect();
    for (id, fail) in due {
        settle(app, &mut st, &id, fail, now);
    }
}

/// `GET /transactions/{id}?senderCustomerId=&recipientCustomerId=`.
pub async fn get(S(app): S<App>, Path(id): Path<String>, RawQuery(q): RawQuery) -> Res {
    let q = Query::parse(q.as_deref());
    let st = app.lock();
    let t = st
        .transactions
        .get(&id)
        .ok_or_else(|| ApiErr::not_found("transaction_not_found", "transaction"))?;
    let who = q.get("senderCustomerId").or(q.get("recipientCustomerId"));
    ok(render(t, who))
}

fn list_where(app: &App, q: &Query, customer: Option<&str>) -> Res {
    let page = q.page()?;
    let (kind, status, cust) = (q.get("type"), q.get("status"), q.get("customerId"));
    let st = app.lock();
    if let Some(c) = customer {
        super::customers::find(&st, c)?;
    }
    let party = customer.or(cust);
    let items: Vec<_> = st
        .transactions
        .rows
        .iter()
        .rev()
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .filter(|t| status.is_none_or(|s| t.status == s))
        .filter(|t| {
            party
                .is_none_or(|c| t.sender.as_deref() == Some(c) || t.recipient.as_deref() == Some(c))
        })
        .map(|t| (t.id.clone(), t.created, t))
        .collect();
    ok(paginate(items, &page, |t| render(t, customer))?.envelope())
}

/// `GET /transactions` (`createdAfter`, `createdBefore`, paging; also `type`, `status`, `customerId`).
pub async fn list(S(app): S<App>, RawQuery(q): RawQuery) -> Res {
    list_where(&app, &Query::parse(q.as_deref()), None)
}

/// `GET /customers/{id}/transactions` (with `role`).
pub async fn list_for_customer(
    S(app): S<App>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    list_where(&app, &Query::parse(q.as_deref()), Some(&id))
}

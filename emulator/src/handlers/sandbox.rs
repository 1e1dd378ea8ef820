//! Sandbox simulations (REFERENCE §6.8, §13): the retail barcode-auth → auth-commit pair completes
//! a cash-in; the early-access deposit-address and virtual-account simulations answer 404.

use super::{amount, dec, object, ok, typed, Res};
use crate::assumptions as a;
use crate::errors::ApiErr;
use crate::state::{RetailAuth, TxnRec};
use crate::webhooks::emit;
use crate::App;
use axum::extract::State as S;
use bytes::Bytes;
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AmountSide, Rates, RetailSimulationResult, SimulateAuthCommit, SimulateBarcodeAuth,
    WalletTarget,
};

fn norm_code(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

fn result(
    amt: crate::money::Micros,
    confirmation: String,
    response_id: String,
) -> serde_json::Value {
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

/// `POST /cash-ins/simulate/barcode-auth` `{accountNumber: <deposit code>, accountReferenceNumber:
/// <location reference>, amount}`.
pub async fn barcode_auth(S(app): S<App>, body: Bytes) -> Res {
    let req: SimulateBarcodeAuth = typed(object(&body, false)?)?;
    let amt = amount(&req.amount, "amount")?;
    let now = app.now();
    let mut st = app.lock();
    let code = norm_code(&req.account_number);
    let c = st
        .cash_ins
        .rows
        .iter()
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
    match super::cash::status(&c, now) {
        "pending" => {}
        "expired" => {
            return Err(ApiErr::rule(
                "deposit_code_expired",
                "the deposit code has expired: refresh the cash-in",
            ))
        }
        _ => return Err(ApiErr::invalid_state("the cash-in is no longer pending")),
    }
    super::cash::check_limits(&st, &c.customer_id, amt, c.walmart, now, false, Some(&c.id))?;
    let conf = format!("conf_{}", st.rng.hex(20));
    let rid = format!("rsp_{}", st.rng.hex(16));
    st.retail_auths.insert(
        conf.clone(),
        RetailAuth {
            cash_in_id: c.id.clone(),
            amount: amt,
            account_number: code,
            reference: c.location_reference.clone(),
            committed: false,
        },
    );
    ok(result(amt, conf, rid))
}

/// `POST /cash-ins/simulate/auth-commit`: completes the cash-in, creates the `fiatToCrypto`
/// transaction, credits the wallet, delivers `cashIn.completed` and
/// `transaction.fiatToCrypto.completed`.
pub async fn auth_commit(S(app): S<App>, body: Bytes) -> Res {
    let req: SimulateAuthCommit = typed(object(&body, false)?)?;
    let amt = amount(&req.amount, "amount")?;
    let now = app.now();
    let mut st = app.lock();
    let auth = st
        .retail_auths
        .get(&req.original_confirmation_id)
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
    let fee = super::cash::fee(amt).min(amt);
    let net = amt - fee;
    let txn_id = st.mint(a::TRANSACTION_PREFIX);
    let wallet = WalletTarget {
        id: Some(c.wallet_id.clone().into()),
        ..Default::default()
    };
    let txn = TxnRec {
        id: txn_id.clone(),
        kind: "fiatToCrypto".into(),
        status: "completed".into(),
        sub_status: None,
        quote_id: None,
        cash_in_id: Some(c.id.clone()),
        fixed_source: true,
        source: AmountSide {
            asset: Some("usd".into()),
            network: Some("cash".into()),
            amount_gross: Some(dec(amt)),
            amount_net: Some(dec(net)),
            fees_deducted: Some(super::fees(0, fee, Some(0))),
            cash: Some(oms_wasm::model::CashRef {
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
            fees_deducted: Some(super::fees(0, 0, Some(0))),
            wallet: Some(wallet),
            ..Default::default()
        },
        rates: Rates {
            exchange_rate: Some(super::rate(a::STABLE_RATE)),
            effective_rate: Some(super::rate(crate::money::ratio(net, amt))),
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
        completed: Some(now),
        settle_at: None,
        outcome_failed: false,
        tx_hash: Some(format!(
            "0x{}",
            crate::ids::hex(&crate::evm::keccak(txn_id.as_bytes()))
        )),
    };
    if let Some(w) = st.wallets.get_mut(&c.wallet_id) {
        w.balance += net;
        w.updated = now;
    }
    let txn_json = super::transactions::render(&txn, None);
    st.transactions.insert(txn_id.clone(), txn);
    if let Some(a) = st.retail_auths.get_mut(&req.original_confirmation_id) {
        a.committed = true;
    }
    let ci = {
        let Some(ci) = st.cash_ins.get_mut(&c.id) else {
            return Err(ApiErr::not_found("cash_in_not_found", "cash-in"));
        };
        ci.status = "completed".into();
        ci.amount = Some(amt);
        ci.transaction_id = Some(txn_id);
        ci.completed = Some(now);
        ci.updated = now;
        ci.clone()
    };
    let ci_json = super::cash::render(&st, &ci, now);
    emit(&app, &mut st, "cashIn.completed", ci_json);
    emit(
        &app,
        &mut st,
        "transaction.fiatToCrypto.completed",
        txn_json,
    );
    let conf = format!("conf_{}", st.rng.hex(20));
    let rid = format!("rsp_{}", st.rng.hex(16));
    ok(result(amt, conf, rid))
}

/// `POST /deposit-addresses/{id}/simulate`: early access, not emulated.
pub async fn deposit_address() -> ApiErr {
    ApiErr::not_emulated("deposit addresses")
}

/// `POST /virtual-accounts/{id}/simulate`: early access, not emulated.
pub async fn virtual_account() -> ApiErr {
    ApiErr::not_emulated("virtual accounts")
}

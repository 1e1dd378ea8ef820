//! Sandbox simulations: the retail barcode-auth → auth-commit pair makes a cash deposit
//! (completing the cash-in); the deposit-address and virtual-account simulations (early access,
//! "404 in production") make inbound transfers into resources created with the `/_emulator`
//! controls.

use super::{amount, dec, object, ok, typed, Res};
use crate::assumptions as a;
use crate::errors::ApiErr;
use crate::money::Micros;
use crate::server::Caller;
use crate::state::{RetailAuth, TxnRec};
use crate::App;
use axum::extract::{Extension, Path, State as S};
use bytes::Bytes;
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AmountSide, DepositAddressSimulation, Rates, RetailSimulationResult, SimulateAuthCommit,
    SimulateBarcodeAuth, SimulateDepositAddressDeposit, SimulatedAmount, SimulatedChain,
    SimulationStatus, VirtualAccountRail, VirtualAccountSimulation, WalletTarget,
};
use serde_json::Value;

fn norm_code(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase()
}

fn result(amt: Micros, confirmation: String, response_id: String) -> Value {
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
pub async fn barcode_auth(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    body: Bytes,
) -> Res {
    let req: SimulateBarcodeAuth = typed(object(&body, false)?)?;
    let amt = amount(&req.amount, "amount")?;
    let now = app.now();
    let mut st = app.lock();
    let code = norm_code(&req.account_number);
    let c = st
        .cash_ins
        .of(&caller.api_key)
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
            owner: caller.api_key.clone(),
            cash_in_id: c.id.clone(),
            amount: amt,
            account_number: code,
            reference: c.location_reference.clone(),
            committed: false,
        },
    );
    ok(result(amt, conf, rid))
}

/// `POST /cash-ins/simulate/auth-commit`: the deposit — the cash-in's `fiatToCrypto` transaction
/// is created and (by default at once) completed: the wallet is credited, `cashIn.completed` and
/// `transaction.fiatToCrypto.completed` are delivered.
pub async fn auth_commit(S(app): S<App>, Extension(caller): Extension<Caller>, body: Bytes) -> Res {
    let req: SimulateAuthCommit = typed(object(&body, false)?)?;
    let amt = amount(&req.amount, "amount")?;
    let now = app.now();
    let mut st = app.lock();
    let auth = st
        .retail_auths
        .get(&req.original_confirmation_id)
        .filter(|a| a.owner == caller.api_key)
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
    super::cash::deposit(
        &app,
        &mut st,
        &c.id,
        amt,
        now,
        super::cash::Settle::configured(&app),
    )?;
    if let Some(a) = st.retail_auths.get_mut(&req.original_confirmation_id) {
        a.committed = true;
    }
    let conf = format!("conf_{}", st.rng.hex(20));
    let rid = format!("rsp_{}", st.rng.hex(16));
    ok(result(amt, conf, rid))
}

/// An inbound transfer's transaction into a wallet, `processing` until `--settle-ms` (no fees).
#[allow(clippy::too_many_arguments)]
fn inbound(
    app: &crate::Inner,
    st: &mut crate::state::State,
    owner: &str,
    kind: &str,
    customer: &str,
    wallet_id: &str,
    source_asset: &str,
    source_network: &str,
    amt: Micros,
    now: crate::clock::Millis,
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
            fees_deducted: Some(super::fees(0, 0, Some(0))),
            ..Default::default()
        },
        destination: AmountSide {
            asset: Some(dst_asset.as_str().into()),
            network: Some(dst_network.as_str().into()),
            amount_gross: Some(dec(amt)),
            amount_net: Some(dec(amt)),
            fees_deducted: Some(super::fees(0, 0, Some(0))),
            wallet: Some(WalletTarget {
                id: Some(wallet_id.to_owned().into()),
                ..Default::default()
            }),
            ..Default::default()
        },
        rates: Rates {
            exchange_rate: Some(super::rate(a::STABLE_RATE)),
            effective_rate: Some(super::rate(a::STABLE_RATE)),
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
pub async fn deposit_address(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    let req: SimulateDepositAddressDeposit = typed(object(&body, false)?)?;
    let amt = amount(&req.amount.value, "amount.value")?;
    let now = app.now();
    let mut st = app.lock();
    let da = st
        .deposit_addresses
        .get_for(&id, &caller.api_key)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("deposit_address_not_found", "deposit address"))?;
    let mut t = inbound(
        &app,
        &mut st,
        &caller.api_key,
        "cryptoToCrypto",
        &da.customer_id,
        &da.wallet_id,
        &da.asset,
        &da.network,
        amt,
        now,
    );
    t.deposit_address_id = Some(da.id.clone());
    let hash = super::transactions::tx_hash(&format!("{}:in", t.id));
    t.source.tx_hash = Some(hash.clone());
    let tid = t.id.clone();
    st.transactions.insert(tid.clone(), t);
    if app.config.emit_c2c_processing {
        super::transactions::emit_processing(&app, &mut st, &tid);
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
        submitted_at: Some(crate::clock::rfc3339(now)),
        transaction_hash: Some(hash),
        extra: Default::default(),
    };
    out.extra.insert("transactionId".into(), Value::from(tid));
    ok(out.write())
}

/// `POST /virtual-accounts/{id}/simulate` `{rail: ach_in|wire_in|swift_in, amount?}`: a bank
/// deposit to the account, a `fiatToCrypto` transaction into its wallet (`processing` first).
pub async fn virtual_account(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    body: Bytes,
) -> Res {
    let v = object(&body, false)?;
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
        .get_for(&id, &caller.api_key)
        .cloned()
        .ok_or_else(|| ApiErr::not_found("virtual_account_not_found", "virtual account"))?;
    super::customers::provisioned(
        &st,
        &va.customer_id,
        &caller.api_key,
        app.config.strict_provisioning,
    )?;
    let network = rail.trim_end_matches("_in").to_owned();
    let mut t = inbound(
        &app,
        &mut st,
        &caller.api_key,
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
    super::transactions::emit_processing(&app, &mut st, &tid);
    app.wake.notify_one();
    let mut out = VirtualAccountSimulation {
        rail: Some(VirtualAccountRail::from(rail.as_str())),
        virtual_account_id: Some(va.id.clone().into()),
        status: Some(SimulationStatus::Submitted),
        extra: Default::default(),
    };
    out.extra.insert(
        "amount".into(),
        serde_json::json!({ "value": crate::money::format(amt), "currency": "usd" }),
    );
    out.extra.insert(
        "submittedAt".into(),
        Value::from(crate::clock::rfc3339(now)),
    );
    out.extra.insert("transactionId".into(), Value::from(tid));
    ok(out.write())
}

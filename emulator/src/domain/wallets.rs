//! Custodial wallets: provisioning (needs an active `cryptoCustody`), deterministic EIP-55
//! addresses, balance (needs the provisioned fiat account: the Get-started page lists "reading a
//! balance"), and the `/_emulator` credit that simulates an inbound deposit.

use super::customers;
use super::events::emit;
use super::wire::{dec, lc};
use crate::app::Inner;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, PageReq};
use crate::money::Micros;
use crate::state::{State, WalletRec};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{Wallet, WalletBalance, WalletStatus, WalletType};
use serde_json::Value;

/// The wallet as the API returns it.
pub fn render(w: &WalletRec) -> Value {
    Wallet {
        id: Some(w.id.clone().into()),
        object: Some("wallet".into()),
        customer_id: Some(w.customer_id.clone().into()),
        address: Some(w.address.clone()),
        asset: Some(w.asset.as_str().into()),
        chain: Some(w.chain.as_str().into()),
        status: Some(WalletStatus::Active),
        kind: Some(WalletType::Internal),
        created_at: Some(rfc3339(w.created)),
        updated_at: Some(rfc3339(w.updated)),
        extra: Default::default(),
    }
    .write()
}

/// Creates a wallet record (no checks); used by [`create`] and the seed loader.
pub fn insert(
    st: &mut State,
    owner: &str,
    customer_id: &str,
    asset: &str,
    chain: &str,
    seed: u64,
    now: Millis,
) -> String {
    let id = st.mint("wlt_");
    let address = crate::evm::wallet_address(seed, customer_id, &id);
    st.wallets.insert(
        id.clone(),
        WalletRec {
            id: id.clone(),
            owner: owner.to_owned(),
            customer_id: customer_id.to_owned(),
            asset: asset.to_owned(),
            chain: chain.to_owned(),
            address,
            balance: 0,
            created: now,
            updated: now,
        },
    );
    id
}

/// Checks an asset/chain pair.
///
/// # Errors
/// 422 `unsupported`.
pub fn check_pair(asset: &str, chain: &str) -> Result<(), ApiErr> {
    if !crate::assumptions::WALLET_ASSETS.contains(&asset) {
        return Err(ApiErr::unsupported(format!(
            "asset must be one of {}",
            crate::assumptions::WALLET_ASSETS.join(", ")
        )));
    }
    if !crate::assumptions::WALLET_CHAINS.contains(&chain) {
        return Err(ApiErr::unsupported(format!(
            "chain must be one of {}",
            crate::assumptions::WALLET_CHAINS.join(", ")
        )));
    }
    Ok(())
}

/// The caller's wallet or 404.
///
/// # Errors
/// 404 `wallet_not_found` (also for another API key's wallet).
pub fn find<'s>(st: &'s State, id: &str, owner: &str) -> Result<&'s WalletRec, ApiErr> {
    st.wallets
        .get_for(id, owner)
        .ok_or_else(|| ApiErr::not_found("wallet_not_found", "wallet"))
}

/// `POST /customers/{id}/wallets` `{asset, chain}` (`network` read as `chain`): the new wallet.
///
/// # Errors
/// 400 without asset or chain, 404 customer, 422 `endorsement_required` (`cryptoCustody`) or
/// `unsupported`.
pub fn create(app: &Inner, owner: &str, customer_id: &str, v: &Value) -> Result<Value, ApiErr> {
    let field = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(lc)
            .filter(|s| !s.is_empty())
    };
    let asset = field("asset")
        .ok_or_else(|| ApiErr::invalid_request("asset is required (e.g. \"usdc\")"))?;
    let chain = field("chain")
        .or_else(|| field("network"))
        .ok_or_else(|| ApiErr::invalid_request("chain is required (e.g. \"polygon\")"))?;
    let now = app.now();
    let mut st = app.lock();
    let c = customers::find(&st, customer_id, owner)?;
    if !c.has("cryptoCustody") {
        return Err(ApiErr::endorsement_required("cryptoCustody"));
    }
    check_pair(&asset, &chain)?;
    let id = insert(
        &mut st,
        owner,
        customer_id,
        &asset,
        &chain,
        app.config.seed,
        now,
    );
    Ok(st.wallets.get(&id).map(render).unwrap_or(Value::Null))
}

/// `GET /customers/{id}/wallets`: the customer's wallets, newest first, paged.
///
/// # Errors
/// 404 customer, 400 `invalid_cursor`.
pub fn list(app: &Inner, owner: &str, customer_id: &str, page: &PageReq) -> Result<Value, ApiErr> {
    let st = app.lock();
    customers::find(&st, customer_id, owner)?;
    let items: Vec<(String, Millis, &WalletRec)> = st
        .wallets
        .rows
        .iter()
        .rev()
        .filter(|w| w.customer_id == customer_id)
        .map(|w| (w.id.clone(), w.created, w))
        .collect();
    Ok(paginate(items, page, |w| render(w))?.envelope())
}

/// `GET /wallets/{id}`.
///
/// # Errors
/// 404 `wallet_not_found`.
pub fn get(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let st = app.lock();
    Ok(render(find(&st, id, owner)?))
}

/// `GET /wallets/{id}/balance` in `currency` (uppercase; only `USD`): needs the provisioned
/// fiat account.
///
/// # Errors
/// 400 `invalid_query` for another currency, 404, 422 `provider_account_not_provisioned`.
pub fn balance(app: &Inner, owner: &str, id: &str, currency: &str) -> Result<Value, ApiErr> {
    if !crate::assumptions::BALANCE_CURRENCIES.contains(&currency) {
        return Err(ApiErr::invalid_query(
            "estimatedBalanceCurrencyCode must be USD",
        ));
    }
    let st = app.lock();
    let w = find(&st, id, owner)?;
    customers::provisioned(&st, &w.customer_id, owner, app.config.strict_provisioning)?;
    let mut b = WalletBalance {
        wallet_id: Some(w.id.clone().into()),
        asset: Some(w.asset.as_str().into()),
        network: Some(w.chain.as_str().into()),
        balance: Some(dec(w.balance)),
        estimated_value: Some(dec(w.balance)),
        estimated_value_usd: Some(dec(w.balance)),
        extra: Default::default(),
    };
    b.extra.insert("currency".into(), Value::from(currency));
    Ok(b.write())
}

/// Credits a wallet, as the `/_emulator` control does (an inbound deposit outside any
/// transaction); emits `wallet.depositDetected` (the wallet with the `amount`) when `event`.
/// Returns the wallet.
///
/// # Errors
/// 404 `wallet_not_found`.
pub fn credit(app: &Inner, id: &str, amt: Micros, event: bool) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let w = st
        .wallets
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("wallet_not_found", "wallet"))?;
    w.balance += amt;
    w.updated = now;
    let owner = w.owner.clone();
    let wj = render(w);
    let mut data = wj.clone();
    data["amount"] = Value::from(crate::money::format(amt));
    if event {
        emit(app, &mut st, &owner, "wallet.depositDetected", data);
    }
    Ok(wj)
}

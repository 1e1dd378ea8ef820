//! Custodial wallets: provisioning (needs an active `cryptoCustody`), deterministic EIP-55
//! addresses, balance (needs the provisioned fiat account: the Get-started page lists "reading a
//! balance"), history at `/accounts/{id}/transactions`.

use super::{created, lc, object, ok, Res};
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, Query};
use crate::server::Caller;
use crate::state::{State, WalletRec};
use crate::App;
use axum::extract::{Extension, Path, RawQuery, State as S};
use bytes::Bytes;
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

/// Creates a wallet record (no checks); used by the handler and the seed loader.
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

/// `POST /customers/{id}/wallets` `{asset, chain}`.
pub async fn create(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(customer_id): Path<String>,
    body: Bytes,
) -> Res {
    let v = object(&body, false)?;
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
    let c = super::customers::find(&st, &customer_id, &caller.api_key)?;
    if !c.has("cryptoCustody") {
        return Err(ApiErr::endorsement_required("cryptoCustody"));
    }
    check_pair(&asset, &chain)?;
    let id = insert(
        &mut st,
        &caller.api_key,
        &customer_id,
        &asset,
        &chain,
        app.config.seed,
        now,
    );
    let w = st.wallets.get(&id).map(render).unwrap_or(Value::Null);
    created(w)
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

/// `GET /customers/{id}/wallets`.
pub async fn list(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(customer_id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let page = Query::parse(q.as_deref()).page()?;
    let st = app.lock();
    super::customers::find(&st, &customer_id, &caller.api_key)?;
    let items: Vec<(String, Millis, &WalletRec)> = st
        .wallets
        .rows
        .iter()
        .rev()
        .filter(|w| w.customer_id == customer_id)
        .map(|w| (w.id.clone(), w.created, w))
        .collect();
    ok(paginate(items, &page, |w| render(w))?.envelope())
}

/// `GET /wallets/{id}`.
pub async fn get(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Res {
    let st = app.lock();
    ok(render(find(&st, &id, &caller.api_key)?))
}

/// `GET /wallets/{id}/balance?estimatedBalanceCurrencyCode=USD`.
pub async fn balance(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let currency = q
        .get("estimatedBalanceCurrencyCode")
        .unwrap_or("USD")
        .to_ascii_uppercase();
    if !crate::assumptions::BALANCE_CURRENCIES.contains(&currency.as_str()) {
        return Err(ApiErr::invalid_query(
            "estimatedBalanceCurrencyCode must be USD",
        ));
    }
    let st = app.lock();
    let w = find(&st, &id, &caller.api_key)?;
    super::customers::provisioned(
        &st,
        &w.customer_id,
        &caller.api_key,
        app.config.strict_provisioning,
    )?;
    let mut b = WalletBalance {
        wallet_id: Some(w.id.clone().into()),
        asset: Some(w.asset.as_str().into()),
        network: Some(w.chain.as_str().into()),
        balance: Some(super::dec(w.balance)),
        estimated_value: Some(super::dec(w.balance)),
        estimated_value_usd: Some(super::dec(w.balance)),
        extra: Default::default(),
    };
    b.extra.insert("currency".into(), Value::from(currency));
    ok(b.write())
}

/// `GET /accounts/{id}/transactions`: transactions debiting or crediting the wallet.
pub async fn history(
    S(app): S<App>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Res {
    let q = Query::parse(q.as_deref());
    let page = q.page()?;
    let kind = q.get("type");
    let st = app.lock();
    find(&st, &id, &caller.api_key)?;
    let items: Vec<_> = st
        .transactions
        .of(&caller.api_key)
        .rev()
        .filter(|t| {
            t.debit.as_ref().is_some_and(|(w, _)| *w == id)
                || t.credit.as_ref().is_some_and(|(w, _)| *w == id)
        })
        .filter(|t| kind.is_none_or(|k| t.kind == k))
        .map(|t| (t.id.clone(), t.created, t))
        .collect();
    ok(paginate(items, &page, |t| super::transactions::render(t, None))?.envelope())
}

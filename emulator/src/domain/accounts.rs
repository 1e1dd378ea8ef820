//! Early-access resources the `/_emulator` controls create for a customer: saved external bank
//! accounts (`cpUsBank_`, a crypto-to-fiat payout destination), virtual accounts (`va_`, bank
//! deposits into a wallet) and deposit addresses (`da_`, on-chain deposits into a wallet).

use crate::app::Inner;
use crate::clock::rfc3339;
use crate::errors::ApiErr;
use crate::state::{DepositAddressRec, ExternalAccountRec, State, VirtualAccountRec};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AccountholderName, AmountSide, BankDetails, DepositAddress, DepositInstructions,
    ExternalAccount, ResourceStatus, TransactionType, VirtualAccount, WalletTarget,
};
use oms_wasm::secret::Sensitive;
use serde_json::Value;

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

/// `GET /virtual-accounts/{id}` (early access): the caller's virtual account.
///
/// # Errors
/// 404 `virtual_account_not_found`.
pub fn get_virtual(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let st = app.lock();
    let va = st
        .virtual_accounts
        .get_for(id, owner)
        .ok_or_else(|| ApiErr::not_found("virtual_account_not_found", "virtual account"))?;
    Ok(render_virtual(&st, va))
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

/// The `walletId` a control was given. An unreadable one is reported only once the customer is
/// found (an unknown customer is 404 whatever the body says).
pub type GivenWallet<'a> = Result<Option<&'a str>, ApiErr>;

/// The customer's owner (API key) and the id of its wallet `wallet`.
fn customer_wallet(
    st: &State,
    customer: &str,
    wallet: GivenWallet<'_>,
) -> Result<(String, String), ApiErr> {
    let c = st
        .customers
        .get(customer)
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    let wid = wallet?
        .ok_or_else(|| ApiErr::invalid_request("walletId is required (the destination wallet)"))?;
    let w = st
        .wallets
        .get(wid)
        .filter(|w| w.customer_id == c.id)
        .ok_or_else(|| ApiErr::not_found("wallet_not_found", "wallet of this customer"))?;
    Ok((c.owner.clone(), w.id.clone()))
}

/// Saves a `usBank` external account on `network` (`ach` | `wire`) for a customer. Returns it.
///
/// # Errors
/// 404 `customer_not_found`.
pub fn create_external(app: &Inner, customer_id: &str, network: &str) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let owner = st
        .customers
        .get(customer_id)
        .map(|c| c.owner.clone())
        .ok_or_else(|| ApiErr::not_found("customer_not_found", "customer"))?;
    let eid = st.mint("cpUsBank_");
    let last4 = format!("{:04}", st.rng.next_u64() % 10_000);
    let rec = ExternalAccountRec {
        id: eid.clone(),
        owner,
        customer_id: customer_id.to_owned(),
        kind: "usBank".into(),
        network: network.to_owned(),
        bank_name: "Emulator Bank".into(),
        last4,
        created: now,
    };
    let out = render_external(&rec);
    st.external_accounts.insert(eid, rec);
    Ok(out)
}

/// Opens a virtual account paying into the customer's wallet. Returns it.
///
/// # Errors
/// 404 customer or wallet, 400 without a `walletId`.
pub fn create_virtual(
    app: &Inner,
    customer_id: &str,
    wallet: GivenWallet<'_>,
) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let (owner, wallet) = customer_wallet(&st, customer_id, wallet)?;
    let vid = st.mint("va_");
    let account_number = format!("{:012}", st.rng.next_u64() % 1_000_000_000_000);
    let rec = VirtualAccountRec {
        id: vid.clone(),
        owner,
        customer_id: customer_id.to_owned(),
        wallet_id: wallet,
        account_number,
        routing_number: "021000021".into(),
        created: now,
    };
    let out = render_virtual(&st, &rec);
    st.virtual_accounts.insert(vid, rec);
    Ok(out)
}

/// Opens a deposit address for `asset` on `network` converting into the customer's wallet.
/// Returns it.
///
/// # Errors
/// 404 customer or wallet, 400 without a `walletId`.
pub fn create_deposit_address(
    app: &Inner,
    customer_id: &str,
    wallet: GivenWallet<'_>,
    network: String,
    asset: String,
) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let (owner, wallet) = customer_wallet(&st, customer_id, wallet)?;
    let did = st.mint("da_");
    let address = crate::evm::wallet_address(app.config.seed, customer_id, &did);
    let rec = DepositAddressRec {
        id: did.clone(),
        owner,
        customer_id: customer_id.to_owned(),
        wallet_id: wallet,
        asset,
        network,
        address,
        created: now,
    };
    let out = render_deposit_address(&st, &rec);
    st.deposit_addresses.insert(did, rec);
    Ok(out)
}

//! Custodial wallets (docs/oms-api.md §6.2): the wallet resource, its balance, and the provisioning body.

use super::common::{Asset, Network};
use super::money::Decimal;
use crate::ids::{CustomerId, WalletId};
use serde::{Deserialize, Serialize};

open_enum! {
    /// Wallet type. The wallet resource says `internal`/`external`; the customer's wallet summary
    /// says `custodial` (docs/oms-api.md, C6). One vocabulary for both.
    pub enum WalletType {
        /// OMS-managed.
        Internal = "internal",
        /// Held outside OMS.
        External = "external",
        /// Custodial (customer wallet summaries).
        Custodial = "custodial",
    }
}

open_enum! {
    /// Wallet status.
    pub enum WalletStatus {
        /// Usable.
        Active = "active",
        /// Suspended.
        Suspended = "suspended",
        /// Closed.
        Closed = "closed",
    }
}

wire_struct! {
    /// A wallet (`object: "wallet"`): `chain` (not `network`) and `type: internal|external`. The
    /// other documented shape is [`crate::model::CustomerWalletSummary`].
    pub struct Wallet {
        /// `wlt_…`.
        id: WalletId = "id",
        /// `"wallet"`.
        object: String = "object",
        /// Owner.
        customer_id: CustomerId = "customerId",
        /// On-chain address (EVM `0x…` on Polygon).
        address: String = "address",
        /// Asset.
        asset: Asset = "asset",
        /// Chain (same vocabulary as `network`).
        chain: Network = "chain",
        /// Status.
        status: WalletStatus = "status",
        /// Type.
        kind: WalletType = "type",
        /// Creation time.
        created_at: String = "createdAt",
        /// Last update time.
        updated_at: String = "updatedAt",
    }
}

wire_struct! {
    /// A wallet balance (`GET /wallets/{id}/balance`). The reference does not show the response
    /// fields; these names follow the customer's wallet summary (`balance`, `estimatedValueUsd`) and
    /// the query parameter (`estimatedValue` in `estimatedBalanceCurrencyCode`). Anything else is in
    /// `extra`.
    pub struct WalletBalance {
        /// Wallet id.
        wallet_id: WalletId = "walletId",
        /// Asset.
        asset: Asset = "asset",
        /// Network.
        network: Network = "network",
        /// Display balance.
        balance: Decimal = "balance",
        /// Estimated value in the requested currency.
        estimated_value: Decimal = "estimatedValue",
        /// Estimated value in USD.
        estimated_value_usd: Decimal = "estimatedValueUsd",
    }
}

/// Body of `POST /customers/{id}/wallets`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateWallet {
    /// Asset, e.g. `usdc`.
    pub asset: Asset,
    /// Chain, e.g. `polygon`.
    pub chain: Network,
}

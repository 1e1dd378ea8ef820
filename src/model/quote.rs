//! Quotes (docs/oms-api.md §6.3): the quote resource and the create body.

use super::common::{
    AmountSide, Asset, DeveloperFee, FixedAmountSide, Metadata, Network, Rates, TransactionType,
    WalletTargetInput,
};
use super::money::Decimal;
use crate::ids::{CustomerId, QuoteId, WalletId};
use serde::{Deserialize, Serialize};

open_enum! {
    /// Quote status.
    pub enum QuoteStatus {
        /// Rate locked until `expiresAt`.
        Open = "open",
        /// A transaction was created from it.
        Accepted = "accepted",
        /// The price lock ended.
        Expired = "expired",
    }
}

wire_struct! {
    /// A quote (`object: "quote"`). Invariants per side: `amountNet = amountGross − feesDeducted.total`;
    /// `source.amountNet × rates.exchangeRate = destination.amountGross`.
    pub struct Quote {
        /// `qt_…`.
        id: QuoteId = "id",
        /// `"quote"`.
        object: String = "object",
        /// Inferred from the asset pair.
        kind: TransactionType = "type",
        /// Status.
        status: QuoteStatus = "status",
        /// Quote owner.
        customer_id: CustomerId = "customerId",
        /// Source side (`walletId`, amounts, fees).
        source: AmountSide = "source",
        /// Destination side (amounts, fees, `wallet`, `cash`).
        destination: AmountSide = "destination",
        /// Rates.
        rates: Rates = "rates",
        /// The side the caller fixed.
        fixed_amount_side: FixedAmountSide = "fixedAmountSide",
        /// Developer absorbs gas.
        sponsor_gas: bool = "sponsorGas",
        /// USD gas absorbed by the developer (`"0"` in the alpha).
        sponsor_gas_cost: Decimal = "sponsorGasCost",
        /// Developer fees.
        developer_fees: Vec<DeveloperFee> = "developerFees",
        /// Metadata.
        metadata: serde_json::Map<String, serde_json::Value> = "metadata",
        /// End of the price lock.
        expires_at: String = "expiresAt",
        /// Creation time.
        created_at: String = "createdAt",
    }
}

/// The source of a quote (written form): always an OMS wallet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteSourceInput {
    /// The OMS wallet paying (`wlt_…`).
    pub wallet_id: WalletId,
    /// Asset, e.g. `usdc`.
    pub asset: Asset,
    /// Network, e.g. `polygon`.
    pub network: Network,
    /// Amount, when the source side is fixed (exactly one side carries an amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
}

/// The destination of a quote (written form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct QuoteDestinationInput {
    /// Asset, e.g. `usdc`, `usd`.
    pub asset: Asset,
    /// Network, e.g. `polygon`, `ach`, `cash`.
    pub network: Network,
    /// Amount, when the destination side is fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// Where the funds go (not needed for cash pickups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wallet: Option<WalletTargetInput>,
}

/// Body of `POST /quotes`, fields in the reference's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateQuote {
    /// Quote owner.
    pub customer_id: CustomerId,
    /// Source.
    pub source: QuoteSourceInput,
    /// Destination.
    pub destination: QuoteDestinationInput,
    /// Metadata (string values, at most 20 keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Promo code (semantics undocumented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promo_code: Option<String>,
    /// The developer absorbs gas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor_gas: Option<bool>,
}

//! Retail cash (docs/oms-api.md §6.5, §6.6, §11): cash locations, cash-ins and the create body.

use super::common::{
    AmountSide, Asset, CashRef, CashRefInput, DepositInstructions, DeveloperFee, FixedAmountSide,
    Metadata, Network, Rates, TransactionType, WalletTargetInput,
};
use super::money::Decimal;
use super::transaction::Coordinates;
use crate::ids::{CashInId, CashLocationId, CustomerId, TransactionId};
use serde::{Deserialize, Serialize};

wire_struct! {
    /// A retail location from `GET /cash-locations`. Only the id and the location reference are
    /// documented; the other names are the usual ones (name, address, city, state, zip, distance).
    pub struct CashLocation {
        /// `loc_…`.
        id: CashLocationId = "id",
        /// Object tag, if any.
        object: String = "object",
        /// Store name.
        name: String = "name",
        /// Provider (`greendot`...).
        provider: String = "provider",
        /// Opaque reference to pass to `POST /cash-ins` (`cash.locationReference`).
        location_reference: String = "locationReference",
        /// Street address.
        address: String = "address",
        /// City.
        city: String = "city",
        /// State.
        state: String = "state",
        /// Country.
        country: String = "country",
        /// Postal code.
        zip_code: String = "zipCode",
        /// Coordinates.
        coordinates: Coordinates = "coordinates",
        /// Distance from the searched point (unit undocumented).
        distance: f64 = "distance",
    }
}

open_enum! {
    /// Cash-in status.
    pub enum CashInStatus {
        /// Code issued, waiting for the deposit.
        Pending = "pending",
        /// Cash received, converting.
        Processing = "processing",
        /// Delivered.
        Completed = "completed",
        /// Failed.
        Failed = "failed",
        /// The code lapsed without a deposit.
        Expired = "expired",
    }
}

open_enum! {
    /// Cash-in sub-status (snake_case on the wire).
    pub enum CashInSubStatus {
        /// Order reserved.
        OrderReserved = "order_reserved",
        /// Settled.
        Settled = "settled",
        /// Deposit window expired.
        CashDepositExpired = "cash_deposit_expired",
        /// Deposit failed.
        CashDepositFailed = "cash_deposit_failed",
        /// Provider order failed.
        ProviderOrderFailed = "provider_order_failed",
        /// Provider order template error.
        ProviderOrderTemplateError = "provider_order_template_error",
    }
}

open_enum! {
    /// Kind of an OMS fee schedule entry.
    pub enum FeeType {
        /// Uses `rate`.
        Percentage = "percentage",
        /// Uses `amount`.
        Fixed = "fixed",
    }
}

wire_struct! {
    /// One entry of an OMS fee schedule (e.g. 1.5 % + 0.50).
    pub struct FeeScheduleEntry {
        /// `percentage` or `fixed`.
        kind: FeeType = "type",
        /// Rate (percentage entries).
        rate: Decimal = "rate",
        /// Amount (fixed entries).
        amount: Decimal = "amount",
    }
}

wire_struct! {
    /// OMS's fee schedule for a cash-in.
    pub struct OmsFeeSchedule {
        /// Fee currency (`usd`).
        fee_currency: Asset = "feeCurrency",
        /// Entries.
        entries: Vec<FeeScheduleEntry> = "entries",
    }
}

wire_struct! {
    /// The store of a cash-in (`location`). The type of `address` is undocumented: raw JSON.
    pub struct CashInLocation {
        /// Store name.
        name: String = "name",
        /// Address (string or object).
        address: serde_json::Value = "address",
    }
}

wire_struct! {
    /// A cash-in (`object: "cashIn"`). Amounts are estimates until the deposit happens.
    ///
    /// Alias read (docs/oms-api.md, C4): `transaction` → `transactionId` (a string, or an object with `id`).
    pub struct CashIn read {
        aliases: &[("transaction", "transactionId")],
    } {
        /// `ci_…`.
        id: CashInId = "id",
        /// `"cashIn"`.
        object: String = "object",
        /// Always `fiatToCrypto` in practice.
        kind: TransactionType = "type",
        /// Status.
        status: CashInStatus = "status",
        /// Sub-status.
        sub_status: CashInSubStatus = "subStatus",
        /// Customer.
        customer_id: CustomerId = "customerId",
        /// Source (`asset`, `network`, `indicatedAmount`, `amount`, amounts, fees, `email`).
        source: AmountSide = "source",
        /// Destination (`wallet`, amounts, fees).
        destination: AmountSide = "destination",
        /// Cash location reference.
        cash: CashRef = "cash",
        /// Store.
        location: CashInLocation = "location",
        /// The deposit code and its expiry.
        deposit_instructions: DepositInstructions = "depositInstructions",
        /// OMS fee schedule.
        oms_fee_schedule: OmsFeeSchedule = "omsFeeSchedule",
        /// Rates.
        rates: Rates = "rates",
        /// The side fixed.
        fixed_amount_side: FixedAmountSide = "fixedAmountSide",
        /// Developer absorbs gas.
        sponsor_gas: bool = "sponsorGas",
        /// Gas absorbed.
        sponsor_gas_cost: Decimal = "sponsorGasCost",
        /// Developer fees.
        developer_fees: Vec<DeveloperFee> = "developerFees",
        /// Metadata.
        metadata: serde_json::Map<String, serde_json::Value> = "metadata",
        /// The `fiatToCrypto` transaction created on completion.
        transaction_id: TransactionId = "transactionId",
        /// Creation time.
        created_at: String = "createdAt",
        /// Last update time.
        updated_at: String = "updatedAt",
        /// Completion time.
        completed_at: String = "completedAt",
    }
}

/// The source of a cash-in (written form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CashInSourceInput {
    /// `usd`.
    pub asset: Asset,
    /// `cash` (the guide omits it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<Network>,
    /// Amount used for up-front pricing (server default `"100.00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicated_amount: Option<Decimal>,
}

/// The destination of a cash-in (written form), fields in the reference's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CashInDestinationInput {
    /// The receiving wallet.
    pub wallet: WalletTargetInput,
    /// `usdc`.
    pub asset: Asset,
    /// `polygon`.
    pub network: Network,
}

/// Body of `POST /cash-ins`: the union of the guides and the response schema (the reference's
/// request schema was not visible).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateCashIn {
    /// The customer (must have passed KYC).
    pub customer_id: CustomerId,
    /// Source.
    pub source: CashInSourceInput,
    /// Destination.
    pub destination: CashInDestinationInput,
    /// Location from `GET /cash-locations`.
    pub cash: CashRefInput,
    /// Metadata (string values, at most 20 keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

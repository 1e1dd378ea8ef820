//! Transactions (docs/oms-api.md §6.4): the transaction resource, cash pickup details, and the execute body.

use super::common::{
    AmountSide, Asset, DepositInstructions, DeveloperFee, FixedAmountSide, Metadata, Rates,
    TransactionType,
};
use super::money::Decimal;
use crate::ids::{CashInId, CashLocationId, CustomerId, DepositAddressId, QuoteId, TransactionId};
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};

open_enum! {
    /// Transaction status. Drive client logic from this; `subStatus` is display detail.
    pub enum TransactionStatus {
        /// Underway.
        Processing = "processing",
        /// A cash pickup code is ready (cash-out).
        CashPickupReady = "cashPickupReady",
        /// Done.
        Completed = "completed",
        /// Failed (or pickup expired).
        Failed = "failed",
    }
}

open_enum! {
    /// The reader's role in a transaction (customer-scoped reads only).
    pub enum TransactionRole {
        /// The customer sent.
        Sender = "sender",
        /// The customer received.
        Recipient = "recipient",
        /// Both.
        Both = "both",
    }
}

wire_struct! {
    /// Geographic coordinates (numbers; numeric strings are accepted too).
    pub struct Coordinates {
        /// Latitude.
        latitude: f64 = "latitude",
        /// Longitude.
        longitude: f64 = "longitude",
    }
}

wire_struct! {
    /// Where a cash pickup happens.
    pub struct CashPickupLocation {
        /// Location id, when given.
        id: CashLocationId = "id",
        /// Name.
        name: String = "name",
        /// Provider.
        provider: String = "provider",
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
    }
}

wire_struct! {
    /// Cash pickup (cash-out) details. The pickup code is a bearer credential: `Debug` never prints it.
    pub struct CashPickup {
        /// The code the recipient shows at the counter.
        cash_code: Sensitive<String> = "cashCode",
        /// Amount to collect.
        amount: Decimal = "amount",
        /// Asset (`usd`).
        asset: Asset = "asset",
        /// Code expiry.
        expires_at: String = "expiresAt",
        /// Instructions for the recipient.
        instructions: String = "instructions",
        /// A phone is needed at pickup.
        phone_required: bool = "phoneRequired",
        /// Where.
        location: CashPickupLocation = "location",
    }
}

wire_struct! {
    /// Asynchronous failure details of a transaction (name and shape not visible in the docs; read
    /// from `error`).
    pub struct TransactionError {
        /// Error code.
        code: String = "code",
        /// Error message.
        message: String = "message",
    }
}

wire_struct! {
    /// A transaction (`object: "transaction"`). The sender/recipient customer-id property names are
    /// not visible in the docs; `senderCustomerId`/`recipientCustomerId` follow the query parameters
    /// of `GET /transactions/{id}`.
    pub struct Transaction {
        /// Transaction id (prefix undocumented).
        id: TransactionId = "id",
        /// `"transaction"`.
        object: String = "object",
        /// Inferred direction.
        kind: TransactionType = "type",
        /// Status.
        status: TransactionStatus = "status",
        /// Free-form detail (`fundsPulled`, `cashPickupExpired`...).
        sub_status: String = "subStatus",
        /// The executed quote.
        quote_id: QuoteId = "quoteId",
        /// The side the caller fixed.
        fixed_amount_side: FixedAmountSide = "fixedAmountSide",
        /// Where funds are pulled from.
        source: AmountSide = "source",
        /// Where funds go (`wallet`, `externalAccountId`, `bankDetails`, `cash`, `owner`, `txHash`).
        destination: AmountSide = "destination",
        /// Rates.
        rates: Rates = "rates",
        /// Sender (the quote owner).
        sender_customer_id: CustomerId = "senderCustomerId",
        /// Recipient.
        recipient_customer_id: CustomerId = "recipientCustomerId",
        /// The reader's role (customer-scoped reads).
        role: TransactionRole = "role",
        /// Failure details, after a failure.
        error: TransactionError = "error",
        /// Set when created by a cash-in.
        cash_in_id: CashInId = "cashInId",
        /// Set when created by a deposit address.
        deposit_address_id: DepositAddressId = "depositAddressId",
        /// On-chain funding instructions.
        deposit_instructions: DepositInstructions = "depositInstructions",
        /// Cash pickup details.
        cash_pickup: CashPickup = "cashPickup",
        /// Developer absorbs gas.
        sponsor_gas: bool = "sponsorGas",
        /// Gas absorbed.
        sponsor_gas_cost: Decimal = "sponsorGasCost",
        /// Developer fees.
        developer_fees: Vec<DeveloperFee> = "developerFees",
        /// Metadata.
        metadata: serde_json::Map<String, serde_json::Value> = "metadata",
        /// Creation time.
        created_at: String = "createdAt",
        /// Last update time.
        updated_at: String = "updatedAt",
        /// Completion time (only when `completed`).
        completed_at: String = "completedAt",
    }
}

/// Body of `POST /transactions` (execute a quote), fields in the reference's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateTransaction {
    /// An `open`, unexpired quote.
    pub quote_id: QuoteId,
    /// Risk signal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_fingerprint: Option<String>,
    /// Risk signal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_session_id: Option<String>,
    /// Routing hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method_id: Option<String>,
    /// Routing hint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_wallet_address: Option<String>,
    /// Your reference: a JSON **integer** (as in the spec example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partner_transaction_id: Option<i64>,
    /// Tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// Metadata (string values, at most 20 keys).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

//! Sandbox simulation bodies and responses (docs/oms-api.md §6.8, §13).

use super::money::Decimal;
use crate::ids::{CustomerId, DepositAddressId, VirtualAccountId};
use serde::{Deserialize, Serialize};

/// Body of `POST /cash-ins/simulate/barcode-auth`. Its fields are not visible in the docs; these
/// mirror the commit step (which documents them) minus `originalConfirmationId`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimulateBarcodeAuth {
    /// The retail account number (probably the deposit code).
    pub account_number: String,
    /// The account reference number (probably the location reference).
    pub account_reference_number: String,
    /// Amount handed over.
    pub amount: Decimal,
}

/// Body of `POST /cash-ins/simulate/auth-commit`, fields in the reference's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SimulateAuthCommit {
    /// Retail account number.
    pub account_number: String,
    /// Account reference number.
    pub account_reference_number: String,
    /// Amount.
    pub amount: Decimal,
    /// `confirmationId` from the barcode-auth step.
    pub original_confirmation_id: String,
    /// When given, a transaction row is synthesised so the buy appears in lists (temporary).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<CustomerId>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

wire_struct! {
    /// Response of both retail simulation steps (barcode-auth's is not documented; assumed the same).
    pub struct RetailSimulationResult {
        /// Authorized amount.
        authorized_amount: Decimal = "authorizedAmount",
        /// Confirmation id (barcode-auth's is the commit's `originalConfirmationId`).
        confirmation_id: String = "confirmationId",
        /// Provider response code.
        response_code: String = "responseCode",
        /// Provider response id.
        response_id: String = "responseId",
        /// Provider response text.
        response_text: String = "responseText",
    }
}

/// `amount` of a deposit-address simulation (written form).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationAmountInput {
    /// Amount.
    pub value: Decimal,
}

/// Body of `POST /deposit-addresses/{id}/simulate`: `{ "amount": { "value": "…" } }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulateDepositAddressDeposit {
    /// Amount.
    pub amount: SimulationAmountInput,
}

wire_struct! {
    /// An amount with its currency.
    pub struct SimulatedAmount {
        /// Amount.
        value: Decimal = "value",
        /// Currency.
        currency: String = "currency",
    }
}

open_enum! {
    /// Chains named by deposit-address simulations (UPPERCASE on the wire).
    pub enum SimulatedChain {
        /// Base.
        Base = "BASE",
        /// Ethereum.
        Ethereum = "ETHEREUM",
        /// Ink.
        Ink = "INK",
        /// Solana.
        Solana = "SOLANA",
        /// Sui.
        Sui = "SUI",
    }
}

open_enum! {
    /// Status of a simulated inbound transfer.
    pub enum SimulationStatus {
        /// Submitted.
        Submitted = "submitted",
    }
}

wire_struct! {
    /// Response of `POST /deposit-addresses/{id}/simulate`.
    pub struct DepositAddressSimulation {
        /// Amount and currency.
        amount: SimulatedAmount = "amount",
        /// The deposit address.
        deposit_address_id: DepositAddressId = "depositAddressId",
        /// Chain (UPPERCASE).
        network: SimulatedChain = "network",
        /// `submitted`.
        status: SimulationStatus = "status",
        /// Submission time.
        submitted_at: String = "submittedAt",
        /// Synthetic transaction hash.
        transaction_hash: String = "transactionHash",
    }
}

open_enum! {
    /// Rail of a simulated virtual-account deposit.
    pub enum VirtualAccountRail {
        /// ACH in.
        AchIn = "ach_in",
        /// Wire in.
        WireIn = "wire_in",
        /// SWIFT in.
        SwiftIn = "swift_in",
    }
}

/// Body of `POST /virtual-accounts/{id}/simulate`: `rail` plus rail-specific fields, which the
/// docs do not show, so they are passed through as given (the one deliberately open request body).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimulateVirtualAccountDeposit {
    /// Rail.
    pub rail: VirtualAccountRail,
    /// Rail-specific fields, written after `rail` in the order given.
    #[serde(flatten)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

wire_struct! {
    /// Response of `POST /virtual-accounts/{id}/simulate` (rail-discriminated; only `rail` and a few
    /// likely fields are named, the rest is in `extra`).
    pub struct VirtualAccountSimulation {
        /// Rail.
        rail: VirtualAccountRail = "rail",
        /// The virtual account.
        virtual_account_id: VirtualAccountId = "virtualAccountId",
        /// Status.
        status: SimulationStatus = "status",
    }
}

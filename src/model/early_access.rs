//! Early-access resources (docs/oms-api.md §6.9), read-only: shapes published for planning, not callable
//! through this SDK's operations yet.

use super::common::{AmountSide, BankDetails, DeveloperFee, Network, TransactionType};
use crate::ids::{CustomerId, DepositAddressId, ExternalAccountId, VirtualAccountId};

open_enum! {
    /// Status of a virtual account or deposit address.
    pub enum ResourceStatus {
        /// Active.
        Active = "active",
        /// Paused.
        Paused = "paused",
        /// Deleted (terminal).
        Deleted = "deleted",
    }
}

open_enum! {
    /// Whose name appears as the virtual account's holder.
    pub enum AccountholderName {
        /// The customer.
        Customer = "customer",
        /// OMS (default).
        Oms = "oms",
        /// The developer.
        Developer = "developer",
    }
}

wire_struct! {
    /// A virtual account (`va_…`): a US bank account whose deposits become `fiatToCrypto` transactions.
    pub struct VirtualAccount {
        /// `va_…`.
        id: VirtualAccountId = "id",
        /// `"virtualAccount"`.
        object: String = "object",
        /// Owner.
        customer_id: CustomerId = "customerId",
        /// Status.
        status: ResourceStatus = "status",
        /// `{asset: "usd", network: "usBank"}`.
        source: AmountSide = "source",
        /// Bank details to share with payers.
        bank_details: BankDetails = "bankDetails",
        /// Destination wallet, asset, network.
        destination: AmountSide = "destination",
        /// Holder name choice.
        accountholder_name: AccountholderName = "accountholderName",
        /// Label.
        label: String = "label",
        /// Bank memo.
        bank_memo: String = "bankMemo",
        /// Metadata (at most 20 keys).
        metadata: serde_json::Map<String, serde_json::Value> = "metadata",
        /// Developer fees (percentage only).
        developer_fees: Vec<DeveloperFee> = "developerFees",
        /// Creation time.
        created_at: String = "createdAt",
    }
}

wire_struct! {
    /// A deposit address (`da_…`): an on-chain address whose deposits are converted.
    pub struct DepositAddress {
        /// `da_…`.
        id: DepositAddressId = "id",
        /// `"depositAddress"`.
        object: String = "object",
        /// Owner.
        customer_id: CustomerId = "customerId",
        /// Status.
        status: ResourceStatus = "status",
        /// Transaction type created by deposits.
        transaction_type: TransactionType = "transactionType",
        /// Source with `depositInstructions`.
        source: AmountSide = "source",
        /// Destination wallet, asset, network.
        destination: AmountSide = "destination",
        /// Creation time.
        created_at: String = "createdAt",
    }
}

wire_struct! {
    /// A saved external account (bank, card or blockchain address): payout destinations only.
    pub struct ExternalAccount {
        /// `cpUsBank_…`, `cpIntlBank_…`, `cpBcAddr_…` or `pmCard_…`.
        id: ExternalAccountId = "id",
        /// `"externalAccount"`.
        object: String = "object",
        /// Owner.
        customer_id: CustomerId = "customerId",
        /// Kind (e.g. `usBank`).
        kind: String = "type",
        /// Status (e.g. `verified`).
        status: String = "status",
        /// Network (e.g. `ach`).
        network: Network = "network",
        /// Bank details (account number masked).
        bank_details: BankDetails = "bankDetails",
        /// Creation time.
        created_at: String = "createdAt",
    }
}

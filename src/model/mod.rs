//! The OMS wire model: one set of serde types (camelCase JSON) shared by the validators, the request
//! builders, the client, the webhook event parser and the emulator.
//!
//! * **Read forms** (responses, events): every field optional, unknown fields kept in `extra` and
//!   written back, enums open (`Other(String)`), the documented aliases accepted
//!   (docs/oms-api.md §14); see [`wire`].
//! * **Written forms** (request bodies: [`CustomerInput`], [`CreateWallet`], [`CreateQuote`],
//!   [`CreateTransaction`], [`CreateCashIn`], [`CreateWebhook`], [`UpdateWebhook`], [`TokenRequest`],
//!   the sandbox bodies): strict, fields in the reference's table order, absent optionals omitted
//!   (never `null`), canonical names only.
//! * Money is [`Decimal`]; IDs are the newtypes of [`crate::ids`]; credentials and the listed
//!   personal data are [`crate::secret::Sensitive`].

#[macro_use]
pub mod wire;

pub mod auth;
pub mod cash;
pub mod common;
pub mod customer;
pub mod early_access;
pub mod list;
pub mod money;
pub mod promise;
pub mod quote;
pub mod sandbox;
pub mod transaction;
pub mod wallet;
pub mod webhook;
pub mod wire_text;
#[cfg(test)]
mod wire_text_tests;

pub use auth::{TokenRequest, TokenResponse, TokenType};
pub use cash::{
    CashIn, CashInDestinationInput, CashInLocation, CashInSourceInput, CashInStatus,
    CashInSubStatus, CashLocation, CreateCashIn, FeeScheduleEntry, FeeType, OmsFeeSchedule,
};
pub use common::{
    AmountSide, Asset, BankDetails, CashRef, CashRefInput, CashRefNames, DepositInstructions,
    DeveloperFee, FeesDeducted, FixedAmountSide, Metadata, Network, Owner, PostalAddress, Rates,
    TransactionType, WalletTarget, WalletTargetInput,
};
pub use customer::{
    Address, Customer, CustomerEndorsement, CustomerInput, CustomerStatus, CustomerType,
    CustomerWalletSummary, Endorsement, EndorsementName, EndorsementRequirements,
    EndorsementStatus, IdentifyingInformation, IdentityDocumentType, RejectionReason,
};
pub use early_access::{
    AccountholderName, DepositAddress, ExternalAccount, ResourceStatus, VirtualAccount,
};
pub use list::ListPage;
pub use money::Decimal;
pub use promise::Promised;
pub use quote::{CreateQuote, Quote, QuoteDestinationInput, QuoteSourceInput, QuoteStatus};
pub use sandbox::{
    DepositAddressSimulation, RetailSimulationResult, SimulateAuthCommit, SimulateBarcodeAuth,
    SimulateDepositAddressDeposit, SimulateVirtualAccountDeposit, SimulatedAmount, SimulatedChain,
    SimulationAmountInput, SimulationStatus, VirtualAccountRail, VirtualAccountSimulation,
};
pub use transaction::{
    CashPickup, CashPickupLocation, Coordinates, CreateTransaction, Transaction, TransactionError,
    TransactionRole, TransactionStatus,
};
pub use wallet::{CreateWallet, Wallet, WalletBalance, WalletStatus, WalletType};
pub use webhook::{
    CreateWebhook, UpdateWebhook, WebhookEndpoint, WebhookEvent, WebhookEventType, WebhookStatus,
};
pub use wire::Extra;

//! Webhook endpoints (docs/oms-api.md §6.7) and the delivery envelope (docs/oms-api.md §12).

use crate::ids::WebhookEndpointId;
use crate::secret::Sensitive;
use serde::{Deserialize, Serialize};

open_enum! {
    /// An event type (docs/oms-api.md §12.4). Open: the catalogue is incomplete, and subscriptions may use
    /// wildcard families such as `cashIn.*`, which read as `Other`.
    pub enum WebhookEventType {
        /// Fiat-in transaction underway.
        TransactionFiatToCryptoProcessing = "transaction.fiatToCrypto.processing",
        /// USDC delivered (cash-in, virtual-account deposit).
        TransactionFiatToCryptoCompleted = "transaction.fiatToCrypto.completed",
        /// Fiat-in failed.
        TransactionFiatToCryptoFailed = "transaction.fiatToCrypto.failed",
        /// Payout underway (also: a cash pickup code is ready).
        TransactionCryptoToFiatProcessing = "transaction.cryptoToFiat.processing",
        /// Payout done / cash collected.
        TransactionCryptoToFiatCompleted = "transaction.cryptoToFiat.completed",
        /// Payout failed / pickup expired.
        TransactionCryptoToFiatFailed = "transaction.cryptoToFiat.failed",
        /// On-chain send underway (one guide only; may not exist).
        TransactionCryptoToCryptoProcessing = "transaction.cryptoToCrypto.processing",
        /// On-chain send settled.
        TransactionCryptoToCryptoCompleted = "transaction.cryptoToCrypto.completed",
        /// On-chain send failed.
        TransactionCryptoToCryptoFailed = "transaction.cryptoToCrypto.failed",
        /// An endorsement became active.
        CustomerEndorsementGranted = "customer.endorsement.granted",
        /// Tokens arrived directly at a wallet address.
        WalletDepositDetected = "wallet.depositDetected",
        /// Cash-in converted and delivered.
        CashInCompleted = "cashIn.completed",
        /// Compliance-only (full type string unknown).
        UnderReview = "underReview",
    }
}

open_enum! {
    /// Webhook endpoint status (its relation to `enabled` is undocumented).
    pub enum WebhookStatus {
        /// Delivering.
        Active = "active",
        /// Not delivering.
        Disabled = "disabled",
    }
}

wire_struct! {
    /// A webhook endpoint (`object: "webhook"`). `secret` is only in the create response and is never
    /// printed by `Debug`.
    pub struct WebhookEndpoint {
        /// `whk_…`.
        id: WebhookEndpointId = "id",
        /// `"webhook"`.
        object: String = "object",
        /// HTTPS delivery URL.
        url: String = "url",
        /// Subscribed types; empty = all.
        events: Vec<WebhookEventType> = "events",
        /// `false` pauses deliveries (set by OMS on a `410 Gone`).
        enabled: bool = "enabled",
        /// Status.
        status: WebhookStatus = "status",
        /// Receives compliance-only events.
        compliance_only: bool = "complianceOnly",
        /// `whsec_` + 64 hex characters; create response only.
        secret: Sensitive<String> = "secret",
        /// Creation time.
        created_at: String = "createdAt",
        /// Last update time.
        updated_at: String = "updatedAt",
    }
}

wire_struct! {
    /// A delivered event, in the Standard Webhooks envelope `{ type, timestamp, data }` (OMS does not
    /// publish its envelope; docs/oms-api.md §12). `data` is the complete current resource.
    pub struct WebhookEvent {
        /// Event type.
        kind: WebhookEventType = "type",
        /// ISO 8601 time of the event.
        timestamp: String = "timestamp",
        /// The resource (transaction, cash-in, customer, wallet...).
        data: serde_json::Value = "data",
    }
}

impl WebhookEvent {
    /// Reads `data` as a model type (e.g. [`crate::model::Transaction`] for `transaction.*` events).
    /// `None` when `data` is absent or does not have that shape.
    pub fn data_as<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        self.data
            .clone()
            .and_then(|d| super::wire::from_value(d).ok())
    }
}

/// Body of `POST /webhooks`. The reference does not show the request schema; these are the fields
/// of the webhook object a caller can set (`complianceOnly` is admin-only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateWebhook {
    /// HTTPS delivery URL.
    pub url: String,
    /// Event types; absent or empty = all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEventType>>,
    /// Start paused with `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// Body of `PATCH /webhooks/{id}`: only what changes.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateWebhook {
    /// New URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// New event list (replaces the old one; empty = all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<WebhookEventType>>,
    /// Pause (`false`) or resume (`true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

//! `transactions.*` (docs/oms-api.md §6.4).

use super::params::{finish, root, TEXT};
use super::query::ListQuery;
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::{CustomerId, TransactionId};
use crate::input::{Issue, Value};
use crate::model::{CreateTransaction, ListPage, Transaction};

/// Largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// `POST /transactions`: execute an open quote. Params: the body, `{ quoteId, deviceFingerprint?,
/// webSessionId?, paymentMethodId?, sourceWalletAddress?, partnerTransactionId? (integer), tags?,
/// metadata? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Create {
    /// The body.
    pub body: CreateTransaction,
}

impl Operation for Create {
    const NAME: &'static str = "transactions.create";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/transactions";
    type Body = CreateTransaction;
    type Output = Transaction;

    fn body(&self) -> Option<&CreateTransaction> {
        Some(&self.body)
    }
}

impl FromParams for Create {
    const PARAMS: &'static [&'static str] = &[
        "quoteId",
        "deviceFingerprint",
        "webSessionId",
        "paymentMethodId",
        "sourceWalletAddress",
        "partnerTransactionId",
        "tags",
        "metadata",
    ];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let i = &mut issues;
        let hints = [
            ("quote", "quoteId"),
            ("partnerTxId", "partnerTransactionId"),
        ];
        let Some(o) = root(params, Self::PARAMS, &hints, i) else {
            return finish(issues, || None);
        };
        let quote_id = o.id("quoteId", true, i);
        let device_fingerprint = o.str("deviceFingerprint", 1024, false, i);
        let web_session_id = o.str("webSessionId", TEXT, false, i);
        let payment_method_id = o.str("paymentMethodId", TEXT, false, i);
        let source_wallet_address = o.str("sourceWalletAddress", 128, false, i);
        let partner_transaction_id = o.integer(
            "partnerTransactionId",
            -MAX_SAFE_INTEGER,
            MAX_SAFE_INTEGER,
            i,
        );
        let tags = o.str("tags", TEXT, false, i);
        let metadata = o.metadata("metadata", i);
        finish(issues, || {
            Some(Create {
                body: CreateTransaction {
                    quote_id: quote_id?.into(),
                    device_fingerprint,
                    web_session_id,
                    payment_method_id,
                    source_wallet_address,
                    partner_transaction_id,
                    tags,
                    metadata,
                },
            })
        })
    }
}

/// `GET /transactions/{transactionId}`. Params: `{ transactionId, senderCustomerId?,
/// recipientCustomerId? }` (the optional ones pick the perspective `role` is computed from).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Get {
    /// Path parameter `transactionId`.
    pub transaction_id: TransactionId,
    /// Perspective: the sender.
    pub sender_customer_id: Option<CustomerId>,
    /// Perspective: the recipient.
    pub recipient_customer_id: Option<CustomerId>,
}

impl Operation for Get {
    const NAME: &'static str = "transactions.get";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/transactions/{transactionId}";
    type Body = ();
    type Output = Transaction;

    fn path_params(&self) -> Vec<&str> {
        vec![self.transaction_id.as_str()]
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(s) = &self.sender_customer_id {
            q.push(("senderCustomerId", s.as_str().to_owned()));
        }
        if let Some(r) = &self.recipient_customer_id {
            q.push(("recipientCustomerId", r.as_str().to_owned()));
        }
        q
    }
}

impl FromParams for Get {
    const PARAMS: &'static [&'static str] =
        &["transactionId", "senderCustomerId", "recipientCustomerId"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut id, mut sender, mut recipient) = (None, None, None);
        if let Some(o) = root(
            params,
            Self::PARAMS,
            &[("id", "transactionId")],
            &mut issues,
        ) {
            id = o.id("transactionId", true, &mut issues);
            sender = o.id("senderCustomerId", false, &mut issues);
            recipient = o.id("recipientCustomerId", false, &mut issues);
        }
        finish(issues, || {
            Some(Get {
                transaction_id: id?.into(),
                sender_customer_id: sender.map(Into::into),
                recipient_customer_id: recipient.map(Into::into),
            })
        })
    }
}

list_op! {
    /// `GET /transactions`. Params: [`ListQuery::PARAMS`].
    pub struct List { query: ListQuery }
    "transactions.list", "/transactions" => ListPage<Transaction>
}

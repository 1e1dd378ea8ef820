//! `wallets.*` (docs/oms-api.md §6.2). Note the wallet history path: `/accounts/{id}/transactions`.

use super::params::{finish, root, TEXT};
use super::query::{Page, WalletTransactionsQuery};
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::{CustomerId, WalletId};
use crate::input::{Issue, IssueCode, Value};
use crate::model::{CreateWallet, ListPage, Transaction, Wallet, WalletBalance};

/// `POST /customers/{customerId}/wallets`: provision a custodial wallet (needs `cryptoCustody`).
/// Params: `{ customerId, asset, chain }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Create {
    /// Path parameter `customerId`.
    pub customer_id: CustomerId,
    /// The body.
    pub body: CreateWallet,
}

impl Operation for Create {
    const NAME: &'static str = "wallets.create";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/customers/{customerId}/wallets";
    type Body = CreateWallet;
    type Output = Wallet;

    fn path_params(&self) -> Vec<&str> {
        vec![self.customer_id.as_str()]
    }

    fn body(&self) -> Option<&CreateWallet> {
        Some(&self.body)
    }
}

impl FromParams for Create {
    const PARAMS: &'static [&'static str] = &["customerId", "asset", "chain"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut id, mut asset, mut chain) = (None, None, None);
        if let Some(o) = root(params, Self::PARAMS, &[("network", "chain")], &mut issues) {
            id = o.id("customerId", true, &mut issues);
            asset = o.str("asset", 32, true, &mut issues);
            chain = o.str("chain", 32, true, &mut issues);
        }
        finish(issues, || {
            Some(Create {
                customer_id: id?.into(),
                body: CreateWallet {
                    asset: asset?.into(),
                    chain: chain?.into(),
                },
            })
        })
    }
}

list_op! {
    /// `GET /customers/{customerId}/wallets`. Params: `{ customerId }` + [`Page::PARAMS`].
    pub struct List { customer_id: CustomerId = "customerId", page: Page }
    "wallets.list", "/customers/{customerId}/wallets" => ListPage<Wallet>,
    params &["customerId", "limit", "startingAfter", "endingBefore"]
}

by_id_op! {
    /// `GET /wallets/{walletId}`: the full wallet representation. Params: `{ walletId }`.
    pub struct Get { wallet_id: WalletId = "walletId" }
    "wallets.get", Get "/wallets/{walletId}" => Wallet
}

/// `GET /wallets/{walletId}/balance`. Params: `{ walletId, estimatedBalanceCurrencyCode? }` (three
/// letters, upper-cased; server default `USD`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Balance {
    /// Path parameter `walletId`.
    pub wallet_id: WalletId,
    /// Currency of the estimated value.
    pub estimated_balance_currency_code: Option<String>,
}

impl Operation for Balance {
    const NAME: &'static str = "wallets.balance";
    const METHOD: Method = Method::Get;
    const PATH: &'static str = "/wallets/{walletId}/balance";
    type Body = ();
    type Output = WalletBalance;

    fn path_params(&self) -> Vec<&str> {
        vec![self.wallet_id.as_str()]
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        self.estimated_balance_currency_code
            .iter()
            .map(|c| ("estimatedBalanceCurrencyCode", c.clone()))
            .collect()
    }
}

impl FromParams for Balance {
    const PARAMS: &'static [&'static str] = &["walletId", "estimatedBalanceCurrencyCode"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut id, mut code) = (None, None);
        let hints = [("currency", "estimatedBalanceCurrencyCode")];
        if let Some(o) = root(params, Self::PARAMS, &hints, &mut issues) {
            id = o.id("walletId", true, &mut issues);
            let key = "estimatedBalanceCurrencyCode";
            code = o.str(key, TEXT, false, &mut issues);
            if let Some(c) = code.take() {
                if c.len() == 3 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
                    code = Some(c.to_ascii_uppercase());
                } else {
                    issues.push(
                        Issue::new(
                            IssueCode::InvalidValue,
                            o.at(key),
                            format!("{key} must be a three-letter currency code such as USD."),
                        )
                        .with("field", key),
                    );
                }
            }
        }
        finish(issues, || {
            Some(Balance {
                wallet_id: id?.into(),
                estimated_balance_currency_code: code,
            })
        })
    }
}

list_op! {
    /// `GET /accounts/{walletId}/transactions`: the wallet's history (note `/accounts`). Params:
    /// `{ walletId }` + [`WalletTransactionsQuery::PARAMS`].
    pub struct ListTransactions { wallet_id: WalletId = "walletId", query: WalletTransactionsQuery }
    "wallets.listTransactions", "/accounts/{walletId}/transactions" => ListPage<Transaction>,
    params &["walletId", "type", "createdAfter", "createdBefore", "limit", "startingAfter", "endingBefore"]
}

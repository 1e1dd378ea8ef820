//! Query parameters of the list and read operations, each written in a fixed, documented order.
//!
//! The reference shows paging parameters only for `GET /transactions` (`limit`, `startingAfter`,
//! `endingBefore`, plus `createdAfter`/`createdBefore`, docs/oms-api.md §3.7); the other lists use the same
//! names (an assumption: their parameter names are not visible in the docs).

use super::params::{Obj, LIST_HINTS};
use crate::input::{Issue, IssueCode};
use crate::model::{CustomerStatus, TransactionType};

/// Cursor paging: `limit`, `startingAfter`, `endingBefore` (in that order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Page size, 1–100 (server default 50).
    pub limit: Option<u32>,
    /// The `nextCursor` of the previous page (older items).
    pub starting_after: Option<String>,
    /// The `previousCursor` of the previous page (newer items).
    pub ending_before: Option<String>,
}

impl Page {
    /// Param keys.
    pub const PARAMS: &'static [&'static str] = &["limit", "startingAfter", "endingBefore"];

    pub(crate) fn read(o: &Obj<'_>, issues: &mut Vec<Issue>) -> Page {
        let page = Page {
            limit: o
                .integer("limit", 1, 100, issues)
                .and_then(|n| u32::try_from(n).ok()),
            starting_after: o.str("startingAfter", 1024, false, issues),
            ending_before: o.str("endingBefore", 1024, false, issues),
        };
        if page.starting_after.is_some() && page.ending_before.is_some() {
            issues.push(
                Issue::new(
                    IssueCode::InvalidValue,
                    o.at("endingBefore"),
                    "Use startingAfter or endingBefore, not both.",
                )
                .with("oneOf", "startingAfter, endingBefore"),
            );
        }
        page
    }

    /// The query pairs, in order.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        self.push(&mut q);
        q
    }

    pub(crate) fn push(&self, q: &mut Vec<(&'static str, String)>) {
        if let Some(n) = self.limit {
            q.push(("limit", n.to_string()));
        }
        opt(q, "startingAfter", &self.starting_after);
        opt(q, "endingBefore", &self.ending_before);
    }
}

fn opt(q: &mut Vec<(&'static str, String)>, k: &'static str, v: &Option<String>) {
    if let Some(v) = v {
        q.push((k, v.clone()));
    }
}

/// Date range + paging: `createdAfter`, `createdBefore` (both inclusive), then [`Page`].
/// Used by `transactions.list`, `customers.listTransactions`, `cashIns.list`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// RFC 3339 lower bound (inclusive).
    pub created_after: Option<String>,
    /// RFC 3339 upper bound (inclusive).
    pub created_before: Option<String>,
    /// Paging.
    pub page: Page,
}

impl ListQuery {
    /// Param keys.
    pub const PARAMS: &'static [&'static str] = &[
        "createdAfter",
        "createdBefore",
        "limit",
        "startingAfter",
        "endingBefore",
    ];

    pub(crate) fn read(o: &Obj<'_>, issues: &mut Vec<Issue>) -> ListQuery {
        ListQuery {
            created_after: o.datetime("createdAfter", issues),
            created_before: o.datetime("createdBefore", issues),
            page: Page::read(o, issues),
        }
    }

    pub(crate) fn push(&self, q: &mut Vec<(&'static str, String)>) {
        opt(q, "createdAfter", &self.created_after);
        opt(q, "createdBefore", &self.created_before);
        self.page.push(q);
    }

    /// The query pairs.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        self.push(&mut q);
        q
    }
}

/// `GET /customers` filters: `status`, `email`, `externalId`, `createdAfter`, `createdBefore`, then
/// [`Page`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListCustomersQuery {
    /// `active` / `inactive` (default: all).
    pub status: Option<CustomerStatus>,
    /// Exact email match.
    pub email: Option<String>,
    /// Your id.
    pub external_id: Option<String>,
    /// Range + paging.
    pub list: ListQuery,
}

impl ListCustomersQuery {
    /// Param keys.
    pub const PARAMS: &'static [&'static str] = &[
        "status",
        "email",
        "externalId",
        "createdAfter",
        "createdBefore",
        "limit",
        "startingAfter",
        "endingBefore",
    ];

    pub(crate) fn read(o: &Obj<'_>, issues: &mut Vec<Issue>) -> ListCustomersQuery {
        let status = o
            .enumerated("status", &["active", "inactive"], false, issues)
            .map(CustomerStatus::from);
        let email = if o.has("email") {
            crate::input::fields::collect_all(
                issues,
                crate::validate::email::validate_email_at(o.get("email"), &o.at("email")),
            )
        } else {
            None
        };
        ListCustomersQuery {
            status,
            email,
            external_id: o.str("externalId", 256, false, issues),
            list: ListQuery::read(o, issues),
        }
    }

    /// The query pairs.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(s) = &self.status {
            q.push(("status", s.as_str().to_owned()));
        }
        opt(&mut q, "email", &self.email);
        opt(&mut q, "externalId", &self.external_id);
        self.list.push(&mut q);
        q
    }
}

/// Wallet history filters: `type`, then [`ListQuery`] (names mirror `GET /transactions`; the
/// reference does not show them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WalletTransactionsQuery {
    /// Transaction type.
    pub kind: Option<TransactionType>,
    /// Range + paging.
    pub list: ListQuery,
}

impl WalletTransactionsQuery {
    /// Param keys (besides `walletId`).
    pub const PARAMS: &'static [&'static str] = &[
        "type",
        "createdAfter",
        "createdBefore",
        "limit",
        "startingAfter",
        "endingBefore",
    ];

    pub(crate) fn read(o: &Obj<'_>, issues: &mut Vec<Issue>) -> WalletTransactionsQuery {
        WalletTransactionsQuery {
            kind: o
                .enumerated(
                    "type",
                    &["fiatToCrypto", "cryptoToFiat", "cryptoToCrypto"],
                    false,
                    issues,
                )
                .map(TransactionType::from),
            list: ListQuery::read(o, issues),
        }
    }

    /// The query pairs.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        if let Some(k) = &self.kind {
            q.push(("type", k.as_str().to_owned()));
        }
        self.list.push(&mut q);
        q
    }
}

/// Hints for list params (re-exported for the operations).
pub(crate) const HINTS: &[(&str, &str)] = LIST_HINTS;

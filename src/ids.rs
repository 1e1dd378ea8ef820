//! Identifier newtypes. OMS IDs are opaque strings: the docs call them TypeIDs but the examples are
//! not (mixed case, 16 characters), so nothing here parses them. Each type knows the prefixes the
//! reference documents and can check them *softly* ([`CustomerId::has_expected_prefix`] and friends);
//! nothing in this crate rejects an ID for its prefix, on read or on write.

use serde::{Deserialize, Serialize};
use std::fmt;

/// True when `id` starts with one of `prefixes` and has something after it; always true when no
/// prefix is known.
fn has_prefix(id: &str, prefixes: &[&str]) -> bool {
    prefixes.is_empty()
        || prefixes
            .iter()
            .any(|p| id.len() > p.len() && id.starts_with(p))
}

macro_rules! id_types {
    ($( $(#[$m:meta])* $name:ident => [$($prefix:literal),*] ),* $(,)?) => { $(
        $(#[$m])*
        ///
        /// An opaque string; serialized as a plain JSON string.
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The documented prefixes (empty when none is known).
            pub const PREFIXES: &'static [&'static str] = &[$($prefix),*];

            /// Wraps an ID string as is (no check).
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The ID string.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The ID string, by value.
            pub fn into_string(self) -> String {
                self.0
            }

            /// Soft check: the ID starts with a documented prefix (always `true` when no prefix is
            /// documented). Never enforced by this crate; use it for warnings only.
            pub fn has_expected_prefix(&self) -> bool {
                has_prefix(&self.0, Self::PREFIXES)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    )* };
}

id_types! {
    /// A customer (`cst_…`).
    CustomerId => ["cst_"],
    /// A custodial wallet (`wlt_…`).
    WalletId => ["wlt_"],
    /// A quote (`qt_…`).
    QuoteId => ["qt_"],
    /// A transaction. The docs never show one, so no prefix is checked (`txn_` is only a guess).
    TransactionId => [],
    /// A cash-in (`ci_…`).
    CashInId => ["ci_"],
    /// A retail cash location (`loc_…`).
    CashLocationId => ["loc_"],
    /// A webhook endpoint (`whk_…`).
    WebhookEndpointId => ["whk_"],
    /// A virtual account (`va_…`, early access).
    VirtualAccountId => ["va_"],
    /// A deposit address (`da_…`, early access).
    DepositAddressId => ["da_"],
    /// A saved external account (early access): US bank, international bank, blockchain address or
    /// debit card.
    ExternalAccountId => ["cpUsBank_", "cpIntlBank_", "cpBcAddr_", "pmCard_"],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_prefix_checks() {
        assert!(CustomerId::new("cst_01H9Xa8F5dN6mP3q").has_expected_prefix());
        assert!(!CustomerId::new("cst_").has_expected_prefix());
        assert!(!WalletId::new("cst_1").has_expected_prefix());
        assert!(TransactionId::new("anything").has_expected_prefix());
        assert!(ExternalAccountId::new("cpBcAddr_9").has_expected_prefix());
        assert_eq!(
            serde_json::to_string(&QuoteId::from("qt_1"))
                .ok()
                .as_deref(),
            Some("\"qt_1\"")
        );
        assert_eq!(
            format!("{:?}", CashInId::from("ci_1")),
            "CashInId(\"ci_1\")"
        );
    }
}

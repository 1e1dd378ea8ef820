//! What a success response must carry beyond the JSON types of its fields: [`Promised`].
//!
//! Responses are read tolerantly (every field optional, unknown and aliased fields accepted, see
//! [`super::wire`]), with one exception: a **resource** (a customer, wallet, quote, transaction,
//! cash-in, cash location or webhook endpoint, alone or as a list item) has its `id`. The TypeScript
//! types promise `id: string`, and every follow-up call needs it; a 2xx body without one (`{}`, an
//! error object sent with status 200, a proxy's page) is `invalid_response` instead of an object
//! typed as a resource. The id may come in any form the reader accepts (a string, or an object
//! carrying a string `id`).

use super::wire::WireError;
use super::{
    CashIn, CashLocation, Customer, DepositAddressSimulation, ListPage, Quote,
    RetailSimulationResult, TokenResponse, Transaction, VirtualAccount, VirtualAccountSimulation,
    Wallet, WalletBalance, WebhookEndpoint,
};

/// The fields a parsed response promises (checked by [`crate::api::parse_output`] after reading).
pub trait Promised {
    /// `Ok` when every promised field is present.
    ///
    /// # Errors
    /// [`WireError`] naming the missing field's path (never a value).
    fn check_promised(&self) -> Result<(), WireError> {
        Ok(())
    }
}

fn missing_id() -> WireError {
    WireError {
        expected: "a string id",
        path: "id".to_owned(),
    }
}

macro_rules! resources {
    ($($t:ty),* $(,)?) => {$(
        impl Promised for $t {
            /// A resource has its `id`.
            fn check_promised(&self) -> Result<(), WireError> {
                if self.id.is_some() { Ok(()) } else { Err(missing_id()) }
            }
        }
    )*};
}

resources!(
    Customer,
    Wallet,
    Quote,
    Transaction,
    CashIn,
    CashLocation,
    WebhookEndpoint,
    VirtualAccount
);

// No promised field: every field is optional in the documented shapes.
impl Promised for TokenResponse {}
impl Promised for WalletBalance {}
impl Promised for RetailSimulationResult {}
impl Promised for DepositAddressSimulation {}
impl Promised for VirtualAccountSimulation {}

impl<T: Promised> Promised for ListPage<T> {
    /// Every item keeps its promises (a page itself promises no field: `data` may be absent).
    fn check_promised(&self) -> Result<(), WireError> {
        for (i, item) in self.items().iter().enumerate() {
            item.check_promised().map_err(|e| WireError {
                expected: e.expected,
                path: format!("data[{i}].{}", e.path),
            })?;
        }
        Ok(())
    }
}

impl<T: Promised> Promised for Option<T> {
    /// `null` (an empty body, e.g. a 204) promises nothing.
    fn check_promised(&self) -> Result<(), WireError> {
        self.as_ref().map_or(Ok(()), Promised::check_promised)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::wire::Wire;
    use serde_json::json;

    #[test]
    fn resources_need_an_id_in_any_accepted_form() {
        assert!(Customer::read(json!({})).unwrap().check_promised().is_err());
        assert!(Customer::read(json!({"id": "cst_1"}))
            .unwrap()
            .check_promised()
            .is_ok());
        assert!(Wallet::read(json!({"id": {"id": "wlt_1"}}))
            .unwrap()
            .check_promised()
            .is_ok());
        let page = ListPage::<Transaction>::read(json!({"data": [{"id": "t1"}, {"status": "x"}]}));
        let e = page.unwrap().check_promised().unwrap_err();
        assert_eq!(e.to_string(), "data[1].id: expected a string id");
        assert!(ListPage::<Transaction>::read(json!({}))
            .unwrap()
            .check_promised()
            .is_ok());
        assert!(Option::<WebhookEndpoint>::None.check_promised().is_ok());
        assert!(WalletBalance::read(json!({}))
            .unwrap()
            .check_promised()
            .is_ok());
    }
}

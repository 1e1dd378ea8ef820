//! Sandbox simulations (docs/oms-api.md §6.8, §13). They answer 404 in production.

use super::params::{finish, root};
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::{DepositAddressId, VirtualAccountId};
use crate::input::{Issue, Value};
use crate::model::{
    DepositAddressSimulation, RetailSimulationResult, SimulateAuthCommit, SimulateBarcodeAuth,
    SimulateDepositAddressDeposit, SimulateVirtualAccountDeposit, SimulationAmountInput,
    VirtualAccountRail, VirtualAccountSimulation,
};

/// `POST /cash-ins/simulate/barcode-auth`: authorise a simulated retail load. Params: `{
/// accountNumber, accountReferenceNumber, amount }` (assumed; the docs do not show this body).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BarcodeAuth {
    /// The body.
    pub body: SimulateBarcodeAuth,
}

impl Operation for BarcodeAuth {
    const NAME: &'static str = "sandbox.cashIns.barcodeAuth";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/cash-ins/simulate/barcode-auth";
    type Body = SimulateBarcodeAuth;
    type Output = RetailSimulationResult;

    fn body(&self) -> Option<&SimulateBarcodeAuth> {
        Some(&self.body)
    }
}

impl FromParams for BarcodeAuth {
    const PARAMS: &'static [&'static str] = &["accountNumber", "accountReferenceNumber", "amount"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut a, mut r, mut amount) = (None, None, None);
        if let Some(o) = root(params, Self::PARAMS, &[], &mut issues) {
            a = o.str("accountNumber", 256, true, &mut issues);
            r = o.str("accountReferenceNumber", 1024, true, &mut issues);
            amount = o.amount("amount", true, &mut issues);
        }
        finish(issues, || {
            Some(BarcodeAuth {
                body: SimulateBarcodeAuth {
                    account_number: a?,
                    account_reference_number: r?,
                    amount: amount?,
                },
            })
        })
    }
}

/// `POST /cash-ins/simulate/auth-commit`: commit a simulated load. Params: `{ accountNumber,
/// accountReferenceNumber, amount, originalConfirmationId, customerId?, description? }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthCommit {
    /// The body.
    pub body: SimulateAuthCommit,
}

impl Operation for AuthCommit {
    const NAME: &'static str = "sandbox.cashIns.authCommit";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/cash-ins/simulate/auth-commit";
    type Body = SimulateAuthCommit;
    type Output = RetailSimulationResult;

    fn body(&self) -> Option<&SimulateAuthCommit> {
        Some(&self.body)
    }
}

impl FromParams for AuthCommit {
    const PARAMS: &'static [&'static str] = &[
        "accountNumber",
        "accountReferenceNumber",
        "amount",
        "originalConfirmationId",
        "customerId",
        "description",
    ];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let i = &mut issues;
        let Some(o) = root(
            params,
            Self::PARAMS,
            &[("confirmationId", "originalConfirmationId")],
            i,
        ) else {
            return finish(issues, || None);
        };
        let a = o.str("accountNumber", 256, true, i);
        let r = o.str("accountReferenceNumber", 1024, true, i);
        let amount = o.amount("amount", true, i);
        let c = o.str("originalConfirmationId", 256, true, i);
        let customer_id = o.id("customerId", false, i);
        let description = o.str("description", 1024, false, i);
        finish(issues, || {
            Some(AuthCommit {
                body: SimulateAuthCommit {
                    account_number: a?,
                    account_reference_number: r?,
                    amount: amount?,
                    original_confirmation_id: c?,
                    customer_id: customer_id.map(Into::into),
                    description,
                },
            })
        })
    }
}

/// `POST /deposit-addresses/{depositAddressId}/simulate`: a simulated on-chain deposit. Params:
/// `{ depositAddressId, amount: { value } }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimulateDepositAddress {
    /// Path parameter `depositAddressId`.
    pub deposit_address_id: DepositAddressId,
    /// The body.
    pub body: SimulateDepositAddressDeposit,
}

impl Operation for SimulateDepositAddress {
    const NAME: &'static str = "sandbox.depositAddresses.simulate";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/deposit-addresses/{depositAddressId}/simulate";
    type Body = SimulateDepositAddressDeposit;
    type Output = DepositAddressSimulation;

    fn path_params(&self) -> Vec<&str> {
        vec![self.deposit_address_id.as_str()]
    }

    fn body(&self) -> Option<&SimulateDepositAddressDeposit> {
        Some(&self.body)
    }
}

impl FromParams for SimulateDepositAddress {
    const PARAMS: &'static [&'static str] = &["depositAddressId", "amount"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut id, mut value) = (None, None);
        if let Some(o) = root(params, Self::PARAMS, &[], &mut issues) {
            id = o.id("depositAddressId", true, &mut issues);
            value = o
                .object(
                    "amount",
                    "an amount object { value }",
                    &["value"],
                    &[("amount", "value")],
                    true,
                    &mut issues,
                )
                .and_then(|a| a.amount("value", true, &mut issues));
        }
        finish(issues, || {
            Some(SimulateDepositAddress {
                deposit_address_id: id?.into(),
                body: SimulateDepositAddressDeposit {
                    amount: SimulationAmountInput { value: value? },
                },
            })
        })
    }
}

/// `POST /virtual-accounts/{virtualAccountId}/simulate`: a simulated ACH/wire/SWIFT deposit.
/// Params: `{ virtualAccountId, rail, ...rail-specific fields }`. The rail-specific fields are not
/// documented, so every other param is passed through unchanged (any JSON value).
#[derive(Clone, Debug, PartialEq)]
pub struct SimulateVirtualAccount {
    /// Path parameter `virtualAccountId`.
    pub virtual_account_id: VirtualAccountId,
    /// The body.
    pub body: SimulateVirtualAccountDeposit,
}

impl Operation for SimulateVirtualAccount {
    const NAME: &'static str = "sandbox.virtualAccounts.simulate";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/virtual-accounts/{virtualAccountId}/simulate";
    type Body = SimulateVirtualAccountDeposit;
    type Output = VirtualAccountSimulation;

    fn path_params(&self) -> Vec<&str> {
        vec![self.virtual_account_id.as_str()]
    }

    fn body(&self) -> Option<&SimulateVirtualAccountDeposit> {
        Some(&self.body)
    }
}

impl FromParams for SimulateVirtualAccount {
    const PARAMS: &'static [&'static str] = &["virtualAccountId", "rail"];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let (mut id, mut rail, mut fields) = (None, None, serde_json::Map::new());
        // Any key is allowed (pass-through), so the object is opened without an unknown-key check.
        let keys: Vec<&str> = match params {
            Value::Object(entries) => entries.iter().map(|(k, _)| k.as_str()).collect(),
            _ => Vec::new(),
        };
        if let Some(o) = root(params, &keys, &[], &mut issues) {
            id = o.id("virtualAccountId", true, &mut issues);
            rail = o
                .enumerated(
                    "rail",
                    &["ach_in", "wire_in", "swift_in"],
                    true,
                    &mut issues,
                )
                .map(VirtualAccountRail::from);
            fields = o.rest_as_json(Self::PARAMS, &mut issues);
        }
        finish(issues, || {
            Some(SimulateVirtualAccount {
                virtual_account_id: id?.into(),
                body: SimulateVirtualAccountDeposit {
                    rail: rail?,
                    fields,
                },
            })
        })
    }
}

//! `customers.*`. Bodies are validated with [`crate::validate::customer::check_customer`]
//! (create / update mode, the context's `today` and `require_fiat_fields`).

use super::params::{finish, split_body};
use super::query::{ListCustomersQuery, ListQuery};
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::CustomerId;
use crate::input::fields::collect_all;
use crate::input::{Issue, Value};
use crate::model::{Customer, CustomerInput, ListPage, Transaction};
use crate::validate::customer::{check_customer, CustomerOptions, Mode};

/// Validates a customer body; provisioning readiness goes to `warnings` (or, with the context's
/// `require_fiat_fields`, the Get-started page's part of it to `issues`).
fn customer_body(
    v: &Value,
    ctx: &RequestContext,
    mode: Mode,
    issues: &mut Vec<Issue>,
    warnings: &mut Vec<Issue>,
) -> Option<CustomerInput> {
    let mut opts = CustomerOptions::new(ctx.today);
    opts.mode = mode;
    opts.require_fiat_fields = ctx.require_fiat_fields;
    let empty = Value::Object(Vec::new());
    let v = if v.is_nullish() { &empty } else { v };
    let checked = check_customer(v, &opts);
    warnings.extend(checked.warnings);
    collect_all(issues, checked.result)
}

/// `POST /customers`. Params: the customer body (`type` defaults to `individual`; `{}` and
/// `{ type: "individual" }` build, as the API accepts them, with readiness warnings).
#[derive(Clone, Debug, PartialEq)]
pub struct Create {
    /// The body.
    pub body: CustomerInput,
}

impl Operation for Create {
    const NAME: &'static str = "customers.create";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/customers";
    type Body = CustomerInput;
    type Output = Customer;

    fn body(&self) -> Option<&CustomerInput> {
        Some(&self.body)
    }
}

impl FromParams for Create {
    const PARAMS: &'static [&'static str] = crate::validate::customer::CUSTOMER_KEYS;

    fn from_params(params: &Value, ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        Self::from_params_checked(params, ctx).map(|(op, _)| op)
    }

    fn from_params_checked(
        params: &Value,
        ctx: &RequestContext,
    ) -> Result<(Self, Vec<Issue>), Vec<Issue>> {
        let (mut issues, mut warnings) = (Vec::new(), Vec::new());
        let body = customer_body(params, ctx, Mode::Create, &mut issues, &mut warnings);
        finish(issues, || Some((Create { body: body? }, warnings)))
    }
}

by_id_op! {
    /// `GET /customers/{customerId}`. Params: `{ customerId }`.
    pub struct Get { customer_id: CustomerId = "customerId" }
    "customers.get", Get "/customers/{customerId}" => Customer
}

list_op! {
    /// `GET /customers`. Params: [`ListCustomersQuery::PARAMS`].
    pub struct List { query: ListCustomersQuery }
    "customers.list", "/customers" => ListPage<Customer>
}

/// `PATCH /customers/{customerId}`. Params: `{ customerId, ...fields to change }` (every create field
/// but `type`; `signedAgreement` only `true`).
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    /// Path parameter `customerId`.
    pub customer_id: CustomerId,
    /// What changes.
    pub body: CustomerInput,
}

impl Operation for Update {
    const NAME: &'static str = "customers.update";
    const METHOD: Method = Method::Patch;
    const PATH: &'static str = "/customers/{customerId}";
    type Body = CustomerInput;
    type Output = Customer;

    fn path_params(&self) -> Vec<&str> {
        vec![self.customer_id.as_str()]
    }

    fn body(&self) -> Option<&CustomerInput> {
        Some(&self.body)
    }
}

impl FromParams for Update {
    const PARAMS: &'static [&'static str] = &[
        "customerId",
        "firstName",
        "middleName",
        "lastName",
        "email",
        "phone",
        "birthDate",
        "nationality",
        "ipAddress",
        "externalId",
        "signedAgreement",
        "residentialAddress",
        "identifyingInformation",
        "endorsements",
        "metadata",
    ];

    fn from_params(params: &Value, ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        Self::from_params_checked(params, ctx).map(|(op, _)| op)
    }

    fn from_params_checked(
        params: &Value,
        ctx: &RequestContext,
    ) -> Result<(Self, Vec<Issue>), Vec<Issue>> {
        let (mut issues, mut warnings) = (Vec::new(), Vec::new());
        let (mut ids, rest) = split_body(params, &["customerId"], &mut issues);
        let body = if issues.iter().any(|i| i.path.is_empty()) {
            None
        } else {
            customer_body(&rest, ctx, Mode::Update, &mut issues, &mut warnings)
        };
        let id = ids.pop().flatten();
        finish(issues, || {
            Some((
                Update {
                    customer_id: id?.into(),
                    body: body?,
                },
                warnings,
            ))
        })
    }
}

list_op! {
    /// `GET /customers/{customerId}/transactions` (items carry `role`). Params: `{ customerId }` +
    /// [`ListQuery::PARAMS`].
    pub struct ListTransactions { customer_id: CustomerId = "customerId", query: ListQuery }
    "customers.listTransactions", "/customers/{customerId}/transactions" => ListPage<Transaction>,
    params &["customerId", "createdAfter", "createdBefore", "limit", "startingAfter", "endingBefore"]
}

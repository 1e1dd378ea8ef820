//! `cashIns.*`: retail cash deposits.

use super::params::{finish, root, wallet_target};
use super::query::ListQuery;
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::CashInId;
use crate::input::{Issue, Value};
use crate::model::{
    CashIn, CashInDestinationInput, CashInSourceInput, CashRefInput, CreateCashIn, ListPage,
};

/// `POST /cash-ins`: issue a retail deposit code. Params: the body, `{ customerId, source: { asset,
/// network?, indicatedAmount? }, destination: { wallet, asset, network }, cash: { locationId,
/// locationReference }, metadata? }`, where `wallet` is a wallet target (`{ id }`, also written
/// `{ wallet }`) and the cash names may also be written `cashLocationId`/`cashLocationReference`
/// (as on the OMS Get-started page). The cash names written follow the context's
/// `cash_ref_names`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Create {
    /// The body.
    pub body: CreateCashIn,
}

impl Operation for Create {
    const NAME: &'static str = "cashIns.create";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/cash-ins";
    type Body = CreateCashIn;
    type Output = CashIn;

    fn body(&self) -> Option<&CreateCashIn> {
        Some(&self.body)
    }
}

impl FromParams for Create {
    const PARAMS: &'static [&'static str] =
        &["customerId", "source", "destination", "cash", "metadata"];

    fn from_params(params: &Value, ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let i = &mut issues;
        let Some(o) = root(params, Self::PARAMS, &[("location", "cash")], i) else {
            return finish(issues, || None);
        };
        let customer_id = o.id("customerId", true, i);
        let source = o
            .object(
                "source",
                "a source object",
                &["asset", "network", "indicatedAmount"],
                &[("amount", "indicatedAmount")],
                true,
                i,
            )
            .and_then(|s| {
                let asset = s.str("asset", 32, true, i);
                let network = s.str("network", 32, false, i);
                let indicated_amount = s.amount("indicatedAmount", false, i);
                Some(CashInSourceInput {
                    asset: asset?.into(),
                    network: network.map(Into::into),
                    indicated_amount,
                })
            });
        let destination = o
            .object(
                "destination",
                "a destination object",
                &["wallet", "asset", "network"],
                &[("chain", "network")],
                true,
                i,
            )
            .and_then(|d| {
                let wallet = wallet_target(&d, "wallet", true, i);
                let asset = d.str("asset", 32, true, i);
                let network = d.str("network", 32, true, i);
                Some(CashInDestinationInput {
                    wallet: wallet?,
                    asset: asset?.into(),
                    network: network?.into(),
                })
            });
        // Both documented spellings are read (`cash.locationId` in the API reference,
        // `cash.cashLocationId` on the Get-started page and the cash-in guides); the context's
        // `cash_ref_names` picks the one written.
        let cash_hints: &[(&str, &str)] = &[
            ("id", "locationId"),
            ("reference", "locationReference"),
            ("locationRef", "locationReference"),
        ];
        let cash = o
            .object(
                "cash",
                "a cash location object",
                &[
                    "locationId",
                    "locationReference",
                    "cashLocationId",
                    "cashLocationReference",
                ],
                cash_hints,
                true,
                i,
            )
            .and_then(|c| {
                let id_key = c.spelling("locationId", "cashLocationId", i);
                let ref_key = c.spelling("locationReference", "cashLocationReference", i);
                let id = id_key.and_then(|k| c.id(k, true, i));
                let reference = ref_key.and_then(|k| c.str(k, 1024, true, i));
                Some(CashRefInput {
                    location_id: id?.into(),
                    location_reference: reference?,
                    names: ctx.cash_ref_names,
                })
            });
        let metadata = o.metadata("metadata", i);
        finish(issues, || {
            Some(Create {
                body: CreateCashIn {
                    customer_id: customer_id?.into(),
                    source: source?,
                    destination: destination?,
                    cash: cash?,
                    metadata,
                },
            })
        })
    }
}

by_id_op! {
    /// `GET /cash-ins/{cashInId}`. Params: `{ cashInId }`.
    pub struct Get { cash_in_id: CashInId = "cashInId" }
    "cashIns.get", Get "/cash-ins/{cashInId}" => CashIn
}

list_op! {
    /// `GET /cash-ins`. Params: [`ListQuery::PARAMS`].
    pub struct List { query: ListQuery }
    "cashIns.list", "/cash-ins" => ListPage<CashIn>
}

by_id_op! {
    /// `POST /cash-ins/{cashInId}/refresh`: a new code and expiry for the same cash-in (no body).
    /// Params: `{ cashInId }`.
    pub struct Refresh { cash_in_id: CashInId = "cashInId" }
    "cashIns.refresh", Post "/cash-ins/{cashInId}/refresh" => CashIn
}

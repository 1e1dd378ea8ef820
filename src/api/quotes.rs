//! `quotes.*`.

use super::params::{exactly_one, finish, root, wallet_target, TEXT};
use super::{FromParams, Operation, RequestContext};
use crate::http::Method;
use crate::ids::QuoteId;
use crate::input::{Issue, Value};
use crate::model::{CreateQuote, Quote, QuoteDestinationInput, QuoteSourceInput};

/// `POST /quotes`. Params: the body, `{ customerId, source: { walletId, asset, network, amount? },
/// destination: { asset, network, amount?, wallet? }, metadata?, promoCode?, sponsorGas? }`. The
/// amount goes on exactly one side; `destination.wallet` holds exactly one of `id` (also written
/// `wallet`), `blockchainAddress`, `externalAccount` (also written `externalAccountId`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Create {
    /// The body.
    pub body: CreateQuote,
}

impl Operation for Create {
    const NAME: &'static str = "quotes.create";
    const METHOD: Method = Method::Post;
    const PATH: &'static str = "/quotes";
    type Body = CreateQuote;
    type Output = Quote;

    fn body(&self) -> Option<&CreateQuote> {
        Some(&self.body)
    }
}

impl FromParams for Create {
    const PARAMS: &'static [&'static str] = &[
        "customerId",
        "source",
        "destination",
        "metadata",
        "promoCode",
        "sponsorGas",
    ];

    fn from_params(params: &Value, _ctx: &RequestContext) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let i = &mut issues;
        let Some(o) = root(params, Self::PARAMS, &[("sourceWalletId", "source")], i) else {
            return finish(issues, || None);
        };
        let customer_id = o.id("customerId", true, i);
        let side_hints: &[(&str, &str)] = &[("chain", "network"), ("wallet", "walletId")];
        let (mut source, mut destination) = (None, None);
        let src = o.object(
            "source",
            "a source object",
            &["walletId", "asset", "network", "amount"],
            side_hints,
            true,
            i,
        );
        let dst = o.object(
            "destination",
            "a destination object",
            &["asset", "network", "amount", "wallet"],
            &[("chain", "network")],
            true,
            i,
        );
        if let Some(s) = &src {
            let wallet_id = s.id("walletId", true, i);
            let asset = s.str("asset", 32, true, i);
            let network = s.str("network", 32, true, i);
            let amount = s.amount("amount", false, i);
            source = (|| {
                Some(QuoteSourceInput {
                    wallet_id: wallet_id?.into(),
                    asset: asset?.into(),
                    network: network?.into(),
                    amount,
                })
            })();
        }
        if let Some(d) = &dst {
            let asset = d.str("asset", 32, true, i);
            let network = d.str("network", 32, true, i);
            let amount = d.amount("amount", false, i);
            let wallet = wallet_target(d, "wallet", false, i);
            destination = (|| {
                Some(QuoteDestinationInput {
                    asset: asset?.into(),
                    network: network?.into(),
                    amount,
                    wallet,
                })
            })();
        }
        // cross-field rule last, after each side's own issues
        if let (Some(s), Some(d)) = (&src, &dst) {
            let present = usize::from(s.has("amount")) + usize::from(d.has("amount"));
            let names = ["source.amount", "destination.amount"];
            exactly_one(present, &names, s.at("amount"), d.at("amount"), i);
        }
        let metadata = o.metadata("metadata", i);
        let promo_code = o.str("promoCode", TEXT, false, i);
        let sponsor_gas = o.bool("sponsorGas", i);
        finish(issues, || {
            Some(Create {
                body: CreateQuote {
                    customer_id: customer_id?.into(),
                    source: source?,
                    destination: destination?,
                    metadata,
                    promo_code,
                    sponsor_gas,
                },
            })
        })
    }
}

by_id_op! {
    /// `GET /quotes/{quoteId}`. Params: `{ quoteId }`.
    pub struct Get { quote_id: QuoteId = "quoteId" }
    "quotes.get", Get "/quotes/{quoteId}" => Quote
}

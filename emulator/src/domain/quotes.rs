//! Quotes: stablecoin crypto→crypto quotes and (early access, emulated) crypto→fiat quotes to a
//! saved bank account or a cash pickup, with the fee invariants
//! `amountNet = amountGross − feesDeducted.total`, `total = developer + oms + gas`,
//! `source.amountNet × exchangeRate = destination.amountGross`, and an expiry on the clock.

use super::customers;
use super::locations::decode_reference;
use super::wallets;
use super::wire::{amount, check_metadata, dec, fees, lc, rate, typed};
use crate::app::Inner;
use crate::assumptions as a;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::money::{self, Micros, CENT, UNIT};
use crate::state::{QuoteRec, State, Target};
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{
    AmountSide, CashRef, CashRefInput, CreateQuote, FixedAmountSide, Quote, QuoteStatus, Rates,
    TransactionType, WalletTarget, WalletTargetInput,
};
use serde_json::Value;

/// Fiat networks (a quote source on one of them is refused; a destination makes `cryptoToFiat`).
pub const FIAT_NETWORKS: &[&str] = &[
    "cash", "ach", "wire", "card", "usbank", "sepa", "pix", "upi", "spei", "fps",
];

/// Fees for a source gross amount: (developer, oms, gas).
pub fn fees_for(gross: Micros, sponsor_gas: bool) -> (Micros, Micros, Option<Micros>) {
    (
        money::pct_cents(gross, a::DEVELOPER_FEE_RATE),
        money::pct_cents(gross, a::OMS_FEE_RATE),
        (!sponsor_gas).then_some(a::GAS_FEE),
    )
}

/// The amounts of a quote: (src_gross, developer, oms, gas, src_net, dst_gross).
#[allow(clippy::type_complexity)]
///
/// # Errors
/// 422 `amount_too_small` when fees would eat the amount.
pub fn price(
    fixed_source: bool,
    amount: Micros,
    rate: Micros,
    sponsor_gas: bool,
) -> Result<(Micros, Micros, Micros, Option<Micros>, Micros, Micros), ApiErr> {
    let small = || ApiErr::rule("amount_too_small", "the amount does not cover the fees");
    if fixed_source {
        let (dev, oms, gas) = fees_for(amount, sponsor_gas);
        let net = amount - dev - oms - gas.unwrap_or(0);
        if net <= 0 {
            return Err(small());
        }
        Ok((amount, dev, oms, gas, net, net * rate / UNIT))
    } else {
        // destination fixed: find the gross whose net converts to the amount; the OMS fee absorbs
        // the rounding residual so the invariants hold exactly.
        let net = amount * UNIT / rate;
        let gas = (!sponsor_gas).then_some(a::GAS_FEE);
        let pct = a::DEVELOPER_FEE_RATE + a::OMS_FEE_RATE;
        let raw = (net + gas.unwrap_or(0)) * UNIT / (UNIT - pct);
        let gross = (raw + CENT - 1) / CENT * CENT;
        let dev = money::pct_cents(gross, a::DEVELOPER_FEE_RATE);
        let oms = gross - net - dev - gas.unwrap_or(0);
        if oms < 0 {
            return Err(small());
        }
        Ok((gross, dev, oms, gas, net, net * rate / UNIT))
    }
}

/// The status on the clock.
pub fn status(q: &QuoteRec, now: Millis) -> &'static str {
    if q.accepted {
        "accepted"
    } else if now >= q.expires {
        "expired"
    } else {
        "open"
    }
}

/// The wallet target as written on quotes and transactions (`None` for a cash pickup).
pub fn target_json(t: &Target) -> Option<WalletTarget> {
    match t {
        Target::Wallet(id) => Some(WalletTarget {
            id: Some(id.clone().into()),
            ..Default::default()
        }),
        Target::Address(a) => Some(WalletTarget {
            blockchain_address: Some(a.clone()),
            ..Default::default()
        }),
        Target::External(e) => Some(WalletTarget {
            external_account: Some(e.clone().into()),
            ..Default::default()
        }),
        Target::Cash { .. } => None,
    }
}

/// The quote's transaction type.
pub fn kind(q: &QuoteRec) -> &'static str {
    if q.target.is_fiat() {
        "cryptoToFiat"
    } else {
        "cryptoToCrypto"
    }
}

/// The quote's two sides and rates (shared with transactions).
pub fn sides(q: &QuoteRec) -> (AmountSide, AmountSide, Rates) {
    let source = AmountSide {
        wallet_id: Some(q.wallet_id.clone().into()),
        asset: Some(q.src_asset.as_str().into()),
        network: Some(q.src_network.as_str().into()),
        amount_gross: Some(dec(q.src_gross)),
        amount_net: Some(dec(q.src_net)),
        fees_deducted: Some(fees(q.fee_developer, q.fee_oms, q.fee_gas)),
        ..Default::default()
    };
    let mut destination = AmountSide {
        asset: Some(q.dst_asset.as_str().into()),
        network: Some(q.dst_network.as_str().into()),
        amount_gross: Some(dec(q.dst_gross)),
        amount_net: Some(dec(q.dst_net)),
        fees_deducted: Some(fees(0, 0, Some(0))),
        wallet: target_json(&q.target),
        ..Default::default()
    };
    if let Target::Cash {
        location_id,
        reference,
        ..
    } = &q.target
    {
        destination.cash = Some(CashRef {
            location_id: Some(location_id.clone().into()),
            location_reference: Some(reference.clone()),
            extra: Default::default(),
        });
    }
    let rates = Rates {
        exchange_rate: Some(rate(q.rate)),
        effective_rate: Some(rate(money::ratio(q.dst_net, q.src_gross))),
        pair: Some(format!("{}/{}", q.src_asset, q.dst_asset)),
        extra: Default::default(),
    };
    (source, destination, rates)
}

/// The quote as the API returns it.
pub fn render(q: &QuoteRec, now: Millis) -> Value {
    let (source, destination, rates) = sides(q);
    Quote {
        id: Some(q.id.clone().into()),
        object: Some("quote".into()),
        kind: Some(TransactionType::from(kind(q))),
        status: Some(QuoteStatus::from(status(q, now))),
        customer_id: Some(q.customer_id.clone().into()),
        source: Some(source),
        destination: Some(destination),
        rates: Some(rates),
        fixed_amount_side: Some(if q.fixed_source {
            FixedAmountSide::Source
        } else {
            FixedAmountSide::Destination
        }),
        sponsor_gas: Some(q.sponsor_gas),
        sponsor_gas_cost: Some(oms_wasm::model::Decimal::from_wire(a::SPONSOR_GAS_COST)),
        developer_fees: Some(Vec::new()),
        metadata: Some(q.metadata.clone().unwrap_or_default()),
        expires_at: Some(rfc3339(q.expires)),
        created_at: Some(rfc3339(q.created)),
        extra: Default::default(),
    }
    .write()
}

/// Finds the OMS wallet with this on-chain address, if any (any API key's: an address is
/// public, and a transfer to another key's wallet lands there).
pub fn wallet_by_address(st: &State, address: &str) -> Option<String> {
    st.wallets
        .rows
        .iter()
        .find(|w| w.address.eq_ignore_ascii_case(address))
        .map(|w| w.id.clone())
}

/// The destination of a crypto-to-fiat quote (early access, emulated): a saved bank account on
/// `ach`/`wire`, or a cash pickup location on `cash`.
fn fiat_target(
    st: &State,
    raw: &Value,
    req: &CreateQuote,
    customer_id: &str,
    owner: &str,
    dst_asset: &str,
    dst_net: &str,
) -> Result<Target, ApiErr> {
    if dst_asset != "usd" {
        return Err(ApiErr::unsupported(
            "crypto-to-fiat quotes pay out usd (on ach, wire or cash)",
        ));
    }
    if a::BANK_NETWORKS.contains(&dst_net) {
        let Some(WalletTargetInput::ExternalAccount(id)) = &req.destination.wallet else {
            return Err(ApiErr::invalid_request(
                "a bank payout needs destination.wallet.externalAccount (a saved cpUsBank_ account)",
            ));
        };
        let ext = st
            .external_accounts
            .get_for(id.as_str(), owner)
            .ok_or_else(|| ApiErr::not_found("external_account_not_found", "external account"))?;
        if ext.customer_id != customer_id {
            return Err(ApiErr::rule(
                "account_not_owned",
                "destination.wallet.externalAccount does not belong to this customer",
            ));
        }
        return Ok(Target::External(ext.id.clone()));
    }
    if dst_net == "cash" {
        let cash: CashRefInput = raw
            .get("destination")
            .and_then(|d| d.get("cash"))
            .cloned()
            .ok_or_else(|| {
                ApiErr::invalid_request(
                    "a cash pickup needs destination.cash {locationId, locationReference} from GET /cash-locations",
                )
            })
            .and_then(typed)?;
        let loc = decode_reference(&cash.location_reference)
            .filter(|l| l.id == cash.location_id.as_str())
            .ok_or_else(|| {
                ApiErr::rule(
                    "invalid_cash_location",
                    "destination.cash must come from GET /cash-locations",
                )
            })?;
        return Ok(Target::Cash {
            location_id: loc.id,
            reference: cash.location_reference.trim().to_owned(),
            name: loc.name,
            address: loc.address,
        });
    }
    Err(ApiErr::unsupported(
        "crypto-to-fiat quotes pay out usd on ach, wire (a saved bank account) or cash (a pickup)",
    ))
}

/// `POST /quotes` with the body `raw` (a JSON object): checks the customer, the source wallet
/// and the destination, prices the quote and stores it `open`. Returns the quote.
///
/// # Errors
/// 400 input, 404 customer/wallet/account, 422 rules (`endorsement_required`,
/// `provider_account_not_provisioned`, `asset_mismatch`, `unsupported`, `amount_too_small`, …).
pub fn create(app: &Inner, owner: &str, raw: Value) -> Result<Value, ApiErr> {
    let req: CreateQuote = typed(raw.clone())?;
    check_metadata(&req.metadata)?;
    let now = app.now();
    let strict = app.config.strict_provisioning;
    let mut st = app.lock();
    let customer_id = req.customer_id.as_str().to_owned();
    let c = customers::find(&st, &customer_id, owner)?;
    customers::check_active(c)?;
    if !c.has("basic") {
        return Err(ApiErr::endorsement_required("basic"));
    }
    let (src_asset, src_net) = (
        lc(req.source.asset.as_str()),
        lc(req.source.network.as_str()),
    );
    let (dst_asset, dst_net) = (
        lc(req.destination.asset.as_str()),
        lc(req.destination.network.as_str()),
    );
    if src_asset == "usd" || FIAT_NETWORKS.contains(&src_net.as_str()) {
        return Err(ApiErr::rule(
            "fiat_source_not_supported",
            "a quote source must be an OMS wallet: fiat can never be a quote source",
        ));
    }
    let wallet = wallets::find(&st, req.source.wallet_id.as_str(), owner)?;
    if wallet.customer_id != customer_id {
        return Err(ApiErr::rule(
            "wallet_not_owned",
            "source.walletId does not belong to this customer",
        ));
    }
    if wallet.asset != src_asset || wallet.chain != src_net {
        return Err(ApiErr::rule(
            "asset_mismatch",
            "source.asset/network must be the wallet's asset and chain",
        ));
    }
    let (fixed_source, amt) = match (&req.source.amount, &req.destination.amount) {
        (Some(s), None) => (true, amount(s, "source.amount")?),
        (None, Some(d)) => (false, amount(d, "destination.amount")?),
        _ => {
            return Err(ApiErr::invalid_request(
                "set the amount on exactly one side: source.amount or destination.amount",
            ))
        }
    };
    if !a::STABLECOINS.contains(&src_asset.as_str()) {
        return Err(ApiErr::unsupported(
            "only stablecoin sources (usdc, usdt) are quoted",
        ));
    }
    let target = if dst_asset == "usd" || FIAT_NETWORKS.contains(&dst_net.as_str()) {
        // a fiat payout needs the provisioned fiat account and `usd`
        let c = customers::provisioned(&st, &customer_id, owner, strict)?;
        if !c.has("usd") {
            return Err(ApiErr::endorsement_required("usd"));
        }
        fiat_target(&st, &raw, &req, &customer_id, owner, &dst_asset, &dst_net)?
    } else {
        if !a::STABLECOINS.contains(&dst_asset.as_str()) {
            return Err(ApiErr::unsupported(
                "only stablecoin pairs (usdc, usdt) are quoted",
            ));
        }
        if !a::WALLET_CHAINS.contains(&dst_net.as_str()) {
            return Err(ApiErr::unsupported(format!(
                "destination.network must be one of {}",
                a::WALLET_CHAINS.join(", ")
            )));
        }
        match &req.destination.wallet {
            None => {
                return Err(ApiErr::invalid_request(
                    "destination.wallet is required: {id} or {blockchainAddress}",
                ))
            }
            Some(WalletTargetInput::Id(id)) => {
                let w = wallets::find(&st, id.as_str(), owner)?;
                if w.asset != dst_asset || w.chain != dst_net {
                    return Err(ApiErr::rule(
                        "asset_mismatch",
                        "destination.asset/network must be the destination wallet's asset and chain",
                    ));
                }
                Target::Wallet(w.id.clone())
            }
            Some(WalletTargetInput::BlockchainAddress(addr)) => {
                if !crate::evm::is_address(addr) {
                    return Err(ApiErr::invalid_request(
                        "destination.wallet.blockchainAddress must be 0x followed by 40 hex digits",
                    ));
                }
                Target::Address(addr.clone())
            }
            Some(WalletTargetInput::ExternalAccount(_)) => {
                return Err(ApiErr::rule(
                    "asset_mismatch",
                    "an external account is a fiat destination: quote usd on ach or wire",
                ))
            }
        }
    };
    let sponsor = req.sponsor_gas.unwrap_or(false);
    let (src_gross, dev, oms, gas, src_net_amt, dst_gross) =
        price(fixed_source, amt, a::STABLE_RATE, sponsor)?;
    let id = st.mint("qt_");
    let q = QuoteRec {
        id: id.clone(),
        owner: owner.to_owned(),
        customer_id,
        wallet_id: req.source.wallet_id.as_str().to_owned(),
        src_asset,
        src_network: src_net,
        dst_asset,
        dst_network: dst_net,
        target,
        fixed_source,
        src_gross,
        fee_developer: dev,
        fee_oms: oms,
        fee_gas: gas,
        src_net: src_net_amt,
        dst_gross,
        dst_net: dst_gross,
        rate: a::STABLE_RATE,
        sponsor_gas: sponsor,
        metadata: req.metadata.clone(),
        expires: now.saturating_add(app.config.quote_lifetime_secs.saturating_mul(1000)),
        created: now,
        accepted: false,
    };
    let v = render(&q, now);
    st.quotes.insert(id, q);
    Ok(v)
}

/// `GET /quotes/{id}`.
///
/// # Errors
/// 404 `quote_not_found`.
pub fn get(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let now = app.now();
    let st = app.lock();
    let q = st
        .quotes
        .get_for(id, owner)
        .ok_or_else(|| ApiErr::not_found("quote_not_found", "quote"))?;
    Ok(render(q, now))
}

/// Expires an open quote now, as the `/_emulator` control does. Returns the quote.
///
/// # Errors
/// 404 unknown, 409 `quote_not_open` when already accepted.
pub fn expire(app: &Inner, id: &str) -> Result<Value, ApiErr> {
    let now = app.now();
    let mut st = app.lock();
    let q = st
        .quotes
        .get_mut(id)
        .ok_or_else(|| ApiErr::not_found("quote_not_found", "quote"))?;
    if q.accepted {
        return Err(ApiErr::quote_not_open());
    }
    q.expires = q.expires.min(now);
    let q = q.clone();
    Ok(render(&q, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worked_example() {
        // the quote system page's worked example: gross 100.00, fees 0.20 + 0.35 + 0.03 = 0.58, net 99.42.
        let (g, dev, oms, gas, net, dst) = price(true, 100 * UNIT, UNIT, false).unwrap();
        assert_eq!(
            (g, dev, oms, gas, net, dst),
            (
                100 * UNIT,
                200_000,
                350_000,
                Some(30_000),
                99_420_000,
                99_420_000
            )
        );
        let (g2, d2, o2, gas2, n2, dst2) = price(false, 99_420_000, UNIT, false).unwrap();
        assert_eq!(n2, 99_420_000);
        assert_eq!(dst2, 99_420_000);
        assert_eq!(g2 - d2 - o2 - gas2.unwrap(), n2);
        assert_eq!(g2, 100 * UNIT);
    }
}

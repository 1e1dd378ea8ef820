//! Pieces every resource shares: money and rates as wire decimals, `feesDeducted`, and the
//! readers for request fields whose rules are the API's (positive amounts, metadata size, typed
//! bodies through the core's written-form types).

use crate::errors::ApiErr;
use crate::money::{self, Micros};
use oms_wasm::model::{Decimal, FeesDeducted};
use serde_json::Value;

/// Reads a typed request body through the core's written-form types (serde).
///
/// # Errors
/// 400 `invalid_request` with serde's description of the problem.
pub fn typed<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, ApiErr> {
    serde_json::from_value(v).map_err(|e| ApiErr::invalid_request(format!("invalid body: {e}")))
}

/// Lowercase (networks and assets are read case-insensitively: the docs spell them both ways).
pub fn lc(s: &str) -> String {
    s.trim().to_ascii_lowercase()
}

/// A money value for the wire.
pub fn dec(v: Micros) -> Decimal {
    Decimal::from_wire(money::format(v))
}

/// A rate for the wire.
pub fn rate(v: Micros) -> Decimal {
    Decimal::from_wire(money::format_rate(v))
}

/// Parses a positive amount.
///
/// # Errors
/// 400 `invalid_request` naming the field.
pub fn amount(d: &Decimal, field: &str) -> Result<Micros, ApiErr> {
    match money::parse(d.as_str()) {
        Some(v) if v > 0 => Ok(v),
        _ => Err(ApiErr::invalid_request(format!(
            "{field} must be a positive decimal string with at most 6 decimals, such as \"100.00\""
        ))),
    }
}

/// `feesDeducted` with `total = developer + oms + gas` (gas omitted when `None`).
pub fn fees(developer: Micros, oms: Micros, gas: Option<Micros>) -> FeesDeducted {
    FeesDeducted {
        total: Some(dec(developer + oms + gas.unwrap_or(0))),
        developer: Some(dec(developer)),
        oms: Some(dec(oms)),
        gas: gas.map(dec),
        extra: Default::default(),
    }
}

/// Checks a metadata object (at most 20 keys).
///
/// # Errors
/// 400 `invalid_request`.
pub fn check_metadata(m: &Option<serde_json::Map<String, Value>>) -> Result<(), ApiErr> {
    match m {
        Some(m) if m.len() > crate::assumptions::MAX_METADATA_KEYS => {
            Err(ApiErr::invalid_request("metadata can hold at most 20 keys"))
        }
        _ => Ok(()),
    }
}

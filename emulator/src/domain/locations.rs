//! Cash locations (retail stores for cash-ins and cash pickups): `loc_` ids derived from opaque
//! base64 references (`base64("GREENDOT-2434:lat=..,lng=..")`), the store a reference names, and
//! the deterministic search around a point.

use crate::assumptions as a;
use crate::errors::ApiErr;
use crate::ids::{base62_of, fnv};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use oms_wasm::model::wire::{fmt_f64, Wire};
use oms_wasm::model::{CashLocation, Coordinates};
use serde_json::Value;

/// A location decoded from its reference.
pub struct Loc {
    /// The `loc_` id derived from the reference.
    pub id: String,
    /// Store name (`Walmart #1234`).
    pub name: String,
    /// Street address.
    pub address: String,
    /// A Walmart store (higher cash-in limit).
    pub walmart: bool,
}

fn loc_id(reference: &str) -> String {
    format!("loc_{}", base62_of(fnv(reference), 16))
}

fn store(no: u64) -> (String, String, bool) {
    let brand = a::STORE_BRANDS[(no % a::STORE_BRANDS.len() as u64) as usize];
    (
        format!("{brand} #{no}"),
        format!(
            "{} Main St, Springfield, CA 9{:04}",
            100 + no % 900,
            no % 10_000
        ),
        brand == "Walmart",
    )
}

/// Decodes a location reference (`base64("GREENDOT-2434:lat=..,lng=..")`).
pub fn decode_reference(reference: &str) -> Option<Loc> {
    let text = String::from_utf8(STANDARD.decode(reference.trim()).ok()?).ok()?;
    let (head, coords) = text.split_once(':')?;
    let (provider, no) = head.split_once('-')?;
    if !a::CASH_PROVIDERS.contains(&provider.to_ascii_lowercase().as_str())
        || !coords.starts_with("lat=")
    {
        return None;
    }
    let no: u64 = no.parse().ok()?;
    let (name, address, walmart) = store(no);
    Some(Loc {
        id: loc_id(reference.trim()),
        name,
        address,
        walmart,
    })
}

/// `GET /cash-locations` for a lowercase `provider` around (`lat`, `lng`): the list envelope.
///
/// # Errors
/// 422 `unsupported` for an unknown provider.
pub fn search(provider: &str, lat: f64, lng: f64) -> Result<Value, ApiErr> {
    if !a::CASH_PROVIDERS.contains(&provider) {
        return Err(ApiErr::unsupported(format!(
            "provider must be one of {}",
            a::CASH_PROVIDERS.join(", ")
        )));
    }
    let mut data = Vec::new();
    for i in 0..a::CASH_LOCATIONS_PER_SEARCH {
        let no = 1000 + fnv(&format!("{provider}:{lat:.6}:{lng:.6}:{i}")) % 9000;
        let d = 0.004 * i as f64;
        let (la, lo) = (
            ((lat + d) * 1e6).round() / 1e6,
            ((lng - d) * 1e6).round() / 1e6,
        );
        let reference = STANDARD.encode(format!(
            "{}-{no}:lat={},lng={}",
            provider.to_ascii_uppercase(),
            fmt_f64(la),
            fmt_f64(lo)
        ));
        let (name, address, _) = store(no);
        let miles = ((d * 69.0) * 100.0).round() / 100.0 * std::f64::consts::SQRT_2;
        let loc = CashLocation {
            id: Some(loc_id(&reference).into()),
            object: Some("cashLocation".into()),
            name: Some(name),
            provider: Some(provider.to_owned()),
            location_reference: Some(reference),
            address: Some(address),
            city: Some("Springfield".into()),
            state: Some("CA".into()),
            country: Some("US".into()),
            zip_code: Some(format!("9{:04}", no % 10_000)),
            coordinates: Some(Coordinates {
                latitude: Some(la),
                longitude: Some(lo),
                extra: Default::default(),
            }),
            distance: Some((miles * 100.0).round() / 100.0),
            extra: Default::default(),
        };
        data.push(loc.write());
    }
    Ok(serde_json::json!({ "object": "list", "data": data, "hasMore": false }))
}

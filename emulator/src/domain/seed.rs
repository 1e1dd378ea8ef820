//! Seed data — `"demo"` (one provisioned customer with a funded wallet) or
//! `{"customers":[{"customer":{…POST /customers body…},"wallets":[{"asset","chain","balance"}]}]}`
//! — and the reset that empties the store and loads it again.

use super::customers;
use super::wallets;
use crate::app::Inner;
use crate::errors::ApiErr;
use crate::state::State;
use serde_json::{json, Value};

/// The built-in demo data set.
pub fn demo() -> Value {
    json!({ "customers": [{
        "customer": {
            "type": "individual", "firstName": "Alice", "lastName": "Example", "email": "alice@example.com",
            "phone": "+12125551234", "birthDate": "1990-01-15", "nationality": "US",
            "residentialAddress": { "line1": "1 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001" },
            "identifyingInformation": [{ "type": "ssn", "issuingCountry": "US", "number": "123-45-6789" }],
            "signedAgreement": true, "externalId": "demo-alice"
        },
        "wallets": [{ "asset": "usdc", "chain": "polygon", "balance": "1000.00" }]
    }]})
}

/// Loads seed data into the store (no events), owned by the first API key; seeded customers'
/// endorsements start `ACTIVE` (already reviewed).
///
/// # Errors
/// A message naming the bad entry.
pub fn load(app: &Inner, seed: &Value) -> Result<(), String> {
    let data = if seed.as_str() == Some("demo") {
        demo()
    } else {
        seed.clone()
    };
    let now = app.now();
    let owner = app.config.api_keys[0].0.clone();
    let customers = data
        .get("customers")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for (i, entry) in customers.iter().enumerate() {
        let body = entry.get("customer").cloned().unwrap_or_else(|| json!({}));
        let input = customers::validate(body, oms_wasm::validate::customer::Mode::Create, now)
            .map_err(|e| format!("customers[{i}]: {}", e.message))?;
        let mut st = app.lock();
        let (id, _) = customers::insert(&mut st, &owner, input, now, None);
        for (j, w) in entry
            .get("wallets")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let f = |k: &str, d: &str| {
                w.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or(d)
                    .to_ascii_lowercase()
            };
            let (asset, chain) = (f("asset", "usdc"), f("chain", "polygon"));
            wallets::check_pair(&asset, &chain)
                .map_err(|e| format!("customers[{i}].wallets[{j}]: {}", e.message))?;
            let balance = match w.get("balance").and_then(Value::as_str) {
                Some(b) => crate::money::parse(b).ok_or_else(|| {
                    format!("customers[{i}].wallets[{j}].balance is not a decimal")
                })?,
                None => 0,
            };
            let wid = wallets::insert(&mut st, &owner, &id, &asset, &chain, app.config.seed, now);
            if let Some(w) = st.wallets.get_mut(&wid) {
                w.balance = balance;
            }
        }
    }
    Ok(())
}

/// Empties the store (the seed data is loaded again), tokens, logs, faults, pending reviews and
/// the clock offset; the inspector's version keeps counting.
///
/// # Errors
/// 400 `invalid_request` when the seed data does not load.
pub fn reset(app: &Inner) -> Result<(), ApiErr> {
    {
        let mut st = app.lock();
        let rev = st.rev;
        *st = State::new(&app.config);
        st.rev = rev + 1;
    }
    app.next_review
        .store(i64::MAX, std::sync::atomic::Ordering::SeqCst);
    app.clock.reset();
    if let Some(seed) = app.config.seed_data.clone() {
        load(app, &seed).map_err(ApiErr::invalid_request)?;
    }
    Ok(())
}

//! What the inspector page shows (`GET /_emulator/state`): every resource as the API renders it
//! (newest first, each with the `_apiKey` that owns it), the delivery log, and a version that
//! changes with the store and the emulator second, so an unchanged state costs one comparison.

use super::accounts;
use super::cash_ins;
use super::customers;
use super::endpoints;
use super::quotes;
use super::transactions;
use super::wallets;
use crate::app::Inner;
use crate::clock::rfc3339;
use serde_json::{json, Value};

/// Newest entries shown per list.
const SHOWN: usize = 200;

fn newest<T>(rows: &[T]) -> impl Iterator<Item = &T> {
    rows.iter().rev().take(SHOWN)
}

fn with_owner(mut v: Value, owner: &str) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.insert("_apiKey".into(), Value::from(owner));
    }
    v
}

/// Everything the inspector shows, newest first; when the version (changes counter and emulator
/// second) equals `since`, only `{version, unchanged: true}`.
pub fn snapshot(app: &Inner, since: Option<&str>) -> Value {
    let now = app.now();
    let st = app.lock();
    let version = format!("{}-{}", st.rev, now.div_euclid(1000));
    if since == Some(version.as_str()) {
        return json!({ "version": version, "unchanged": true });
    }
    let strict = app.config.strict_provisioning;
    let customers: Vec<Value> = newest(&st.customers.rows)
        .map(|c| with_owner(customers::render(&st, c, strict), &c.owner))
        .collect();
    let wallets: Vec<Value> = newest(&st.wallets.rows)
        .map(|w| {
            let mut v = with_owner(wallets::render(w), &w.owner);
            v["balance"] = Value::from(crate::money::format(w.balance));
            v
        })
        .collect();
    let cash_ins: Vec<Value> = newest(&st.cash_ins.rows)
        .map(|c| with_owner(cash_ins::render(&st, c, now), &c.owner))
        .collect();
    let quotes: Vec<Value> = newest(&st.quotes.rows)
        .map(|x| with_owner(quotes::render(x, now), &x.owner))
        .collect();
    let transactions: Vec<Value> = newest(&st.transactions.rows)
        .map(|t| with_owner(transactions::render(t, None), &t.owner))
        .collect();
    let webhooks: Vec<Value> = newest(&st.webhooks.rows)
        .map(|w| with_owner(endpoints::render(w, false), &w.owner))
        .collect();
    let external: Vec<Value> = newest(&st.external_accounts.rows)
        .map(|e| with_owner(accounts::render_external(e), &e.owner))
        .collect();
    let virtual_accounts: Vec<Value> = newest(&st.virtual_accounts.rows)
        .map(|v| with_owner(accounts::render_virtual(&st, v), &v.owner))
        .collect();
    let deposit_addresses: Vec<Value> = newest(&st.deposit_addresses.rows)
        .map(|d| with_owner(accounts::render_deposit_address(&st, d), &d.owner))
        .collect();
    let deliveries: Vec<Value> = st
        .deliveries_log
        .iter()
        .rev()
        .take(SHOWN)
        .cloned()
        .collect();
    json!({
        "version": version,
        "now": rfc3339(now),
        "nowMs": now,
        "baseUrl": format!("http://{}{}", app.addr, app.config.prefix),
        "apiKeys": app.config.api_keys.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
        "customers": customers,
        "wallets": wallets,
        "cashIns": cash_ins,
        "quotes": quotes,
        "transactions": transactions,
        "webhooks": webhooks,
        "externalAccounts": external,
        "virtualAccounts": virtual_accounts,
        "depositAddresses": deposit_addresses,
        "deliveries": deliveries,
        "pendingDeliveries": st.queue.len(),
        "requestsLogged": st.requests.len(),
    })
}

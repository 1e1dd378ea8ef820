//! The decisions behind `oms-wasm/cloudflare`'s Durable Objects, for its JS (not part of the
//! typed API): the token broker's ([`crate::client::broker`]) and the webhook inbox's
//! ([`crate::webhook::inbox`]). The Durable Objects only store what these return.

use super::convert::string_of;
use super::js::get;
use super::messages::parse_json;
use crate::client::auth::CachedToken;
use crate::client::broker::{self, BrokerDecision, BrokerState};
use crate::secret::Sensitive;
use crate::validate::Value;
use crate::webhook::inbox::{self, Claim, Record};
use wasm_bindgen::prelude::*;

fn text(v: &JsValue) -> Option<String> {
    match string_of(v) {
        Value::String(s) => Some(s),
        _ => None,
    }
}

fn number(v: &JsValue) -> Option<i64> {
    v.as_f64()
        .filter(|n| n.is_finite())
        .map(|n| n.clamp(-8.64e15, 8.64e15) as i64)
}

/// The broker's persisted state `{ accessToken, expiresAt, lifetimeMs?, fingerprint }` (anything
/// else reads as "no token").
fn broker_state(v: &JsValue) -> BrokerState {
    let token = match (text(&get(v, "accessToken")), number(&get(v, "expiresAt"))) {
        (Some(t), Some(at)) => Some(CachedToken {
            access_token: Sensitive::new(t),
            expires_at_ms: at,
            lifetime_ms: number(&get(v, "lifetimeMs")),
        }),
        _ => None,
    };
    BrokerState {
        token,
        fingerprint: text(&get(v, "fingerprint")),
    }
}

/// `{ exchange, fingerprint }`: whether the broker must exchange the credentials now (see
/// [`BrokerState::decide`]), and the fingerprint to store with the new token. The secret is only
/// hashed, never returned or kept.
#[wasm_bindgen(js_name = brokerDecide, skip_typescript)]
pub fn broker_decide(
    state: JsValue,
    now_ms: f64,
    api_key: JsValue,
    api_secret: JsValue,
    invalid_token: JsValue,
) -> JsValue {
    let fp = broker::fingerprint(
        &text(&api_key).unwrap_or_default(),
        &text(&api_secret).unwrap_or_default(),
    );
    let now = if now_ms.is_finite() { now_ms as i64 } else { 0 };
    let decision = broker_state(&state).decide(now, &fp, text(&invalid_token).as_deref());
    let exchange = decision == BrokerDecision::Exchange;
    parse_json(&format!(
        "{{\"exchange\":{exchange},\"fingerprint\":\"{fp}\"}}"
    ))
}

/// An inbox record as stored: `{ claim, untilMs }` or `{ doneAtMs }`; anything else is no record.
fn record(v: &JsValue) -> Option<Record> {
    if let Some(at) = number(&get(v, "doneAtMs")) {
        return Some(Record::Done { at_ms: at });
    }
    match (text(&get(v, "claim")), number(&get(v, "untilMs"))) {
        (Some(claim), Some(until_ms)) => Some(Record::Claimed { claim, until_ms }),
        _ => None,
    }
}

fn record_json(r: &Record) -> String {
    match r {
        Record::Done { at_ms } => format!("{{\"doneAtMs\":{at_ms}}}"),
        Record::Claimed { claim, until_ms } => format!(
            "{{\"claim\":{},\"untilMs\":{until_ms}}}",
            serde_json::Value::String(claim.clone())
        ),
    }
}

/// `{ status: 'claimed' | 'duplicate' | 'busy', retryAfterMs?, record? }`: the answer to a claim
/// of an id whose stored record is `existing`, and the record to store (when present).
#[wasm_bindgen(js_name = inboxClaim, skip_typescript)]
pub fn inbox_claim(existing: JsValue, now_ms: f64, lease_ms: f64, claim_id: JsValue) -> JsValue {
    let now = now_ms as i64;
    let lease = if lease_ms.is_finite() && lease_ms >= 1.0 {
        lease_ms as i64
    } else {
        inbox::DEFAULT_LEASE_MS
    };
    let claim_id = text(&claim_id).unwrap_or_default();
    let (answer, write) = inbox::claim(record(&existing).as_ref(), now, lease, &claim_id);
    let mut out = match answer {
        Claim::Granted => String::from("{\"status\":\"claimed\""),
        Claim::Duplicate => String::from("{\"status\":\"duplicate\""),
        Claim::Busy { retry_after_ms } => {
            format!("{{\"status\":\"busy\",\"retryAfterMs\":{retry_after_ms}")
        }
    };
    if let Some(r) = write {
        out.push_str(",\"record\":");
        out.push_str(&record_json(&r));
    }
    out.push('}');
    parse_json(&out)
}

/// The record to store when the holder of `claim_id` completes (`undefined`: already done).
#[wasm_bindgen(js_name = inboxComplete, skip_typescript)]
pub fn inbox_complete(existing: JsValue, now_ms: f64, claim_id: JsValue) -> JsValue {
    let claim_id = text(&claim_id).unwrap_or_default();
    match inbox::complete(record(&existing).as_ref(), now_ms as i64, &claim_id) {
        Some(r) => parse_json(&record_json(&r)),
        None => JsValue::UNDEFINED,
    }
}

/// Whether the record should be deleted because its holder's handler failed.
#[wasm_bindgen(js_name = inboxRelease, skip_typescript)]
pub fn inbox_release(existing: JsValue, claim_id: JsValue) -> bool {
    inbox::release(
        record(&existing).as_ref(),
        &text(&claim_id).unwrap_or_default(),
    )
}

/// Whether a stored record can be pruned at `now_ms` (unreadable records can).
#[wasm_bindgen(js_name = inboxPrune, skip_typescript)]
pub fn inbox_prune(existing: JsValue, now_ms: f64, retention_ms: f64) -> bool {
    let retention = if retention_ms.is_finite() && retention_ms >= 0.0 {
        retention_ms as i64
    } else {
        inbox::DEFAULT_RETENTION_MS
    };
    record(&existing).is_none_or(|r| inbox::prune(&r, now_ms as i64, retention))
}

/// The shard (0..`shards`) of an event id (`-1` for an id that is not a string of 1 to 256
/// characters).
#[wasm_bindgen(js_name = inboxShard, skip_typescript)]
pub fn inbox_shard(event_id: JsValue, shards: f64) -> f64 {
    match text(&event_id) {
        Some(id) if !id.is_empty() && id.len() <= inbox::MAX_EVENT_ID => {
            let n = if shards.is_finite() && shards >= 1.0 {
                shards.min(1024.0) as u32
            } else {
                1
            };
            f64::from(inbox::shard(&id, n))
        }
        _ => -1.0,
    }
}

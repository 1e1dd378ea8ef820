//! Webhook endpoints: CRUD; the `whsec_` secret is returned only on create; subscriptions are
//! checked against the event catalogue; URLs to private, link-local or metadata addresses are
//! refused (unless `--allow-private-webhook-urls`). Deleting one drops its pending deliveries.

use super::events::pattern_is_known;
use crate::app::Inner;
use crate::clock::{rfc3339, Millis};
use crate::errors::ApiErr;
use crate::list::{paginate, PageReq};
use crate::state::WebhookRec;
use oms_wasm::model::wire::Wire;
use oms_wasm::model::{WebhookEndpoint, WebhookEventType, WebhookStatus};
use oms_wasm::secret::Sensitive;
use serde_json::Value;

/// The endpoint as the API returns it (`with_secret` only on create).
pub fn render(w: &WebhookRec, with_secret: bool) -> Value {
    WebhookEndpoint {
        id: Some(w.id.clone().into()),
        object: Some("webhook".into()),
        url: Some(w.url.clone()),
        events: Some(
            w.events
                .iter()
                .map(|e| WebhookEventType::from(e.as_str()))
                .collect(),
        ),
        enabled: Some(w.enabled),
        status: Some(if w.enabled {
            WebhookStatus::Active
        } else {
            WebhookStatus::Disabled
        }),
        compliance_only: Some(false),
        secret: with_secret.then(|| Sensitive::new(w.secret.clone())),
        created_at: Some(rfc3339(w.created)),
        updated_at: Some(rfc3339(w.updated)),
        extra: Default::default(),
    }
    .write()
}

fn read_url(v: &Value, allow_private: bool) -> Result<Option<String>, ApiErr> {
    let u = match v.get("url") {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(u)) if u.len() <= 2048 => u,
        _ => {
            return Err(ApiErr::invalid_webhook_url(
                "url must be an absolute http(s) URL",
            ))
        }
    };
    let Some((_, host, _, _)) = crate::netguard::split_http_url(u) else {
        return Err(ApiErr::invalid_webhook_url(
            "url must be an absolute http(s) URL without user info, such as https://example.com/webhooks/oms",
        ));
    };
    if !allow_private {
        crate::netguard::check_webhook_host(&host).map_err(|why| {
            ApiErr::invalid_webhook_url(format!(
                "{why} (start the emulator with --allow-private-webhook-urls to allow it; loopback is always allowed)"
            ))
        })?;
    }
    Ok(Some(u.clone()))
}

fn read_events(v: &Value) -> Result<Option<Vec<String>>, ApiErr> {
    match v.get("events") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|e| match e.as_str() {
                Some(s) if !s.is_empty() && s.len() <= 100 && !s.contains(char::is_whitespace) => {
                    if pattern_is_known(s) {
                        Ok(s.to_owned())
                    } else {
                        Err(ApiErr::unknown_event(s))
                    }
                }
                _ => Err(ApiErr::invalid_request("events must be event type strings such as \"cashIn.completed\", \"cashIn.*\" or \"transaction.*.failed\"")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        _ => Err(ApiErr::invalid_request("events must be an array of event types")),
    }
}

fn read_enabled(v: &Value) -> Result<Option<bool>, ApiErr> {
    match v.get("enabled") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        _ => Err(ApiErr::invalid_request("enabled must be a boolean")),
    }
}

fn not_found() -> ApiErr {
    ApiErr::not_found("webhook_not_found", "webhook endpoint")
}

/// `POST /webhooks` `{url, events?, enabled?}`: the endpoint, with its secret (the only time).
///
/// # Errors
/// 400 `invalid_webhook_url`, `unknown_event_type`, `invalid_request`.
pub fn create(app: &Inner, owner: &str, v: &Value) -> Result<Value, ApiErr> {
    let url = read_url(v, app.config.allow_private_webhook_urls)?
        .ok_or_else(|| ApiErr::invalid_request("url is required"))?;
    let events = read_events(v)?.unwrap_or_default();
    let enabled = read_enabled(v)?.unwrap_or(true);
    let now = app.now();
    let mut st = app.lock();
    let id = st.mint("whk_");
    let secret = format!(
        "whsec_{}",
        st.rng.hex(crate::assumptions::WEBHOOK_SECRET_HEX_CHARS)
    );
    let w = WebhookRec {
        id: id.clone(),
        owner: owner.to_owned(),
        url,
        events,
        enabled,
        secret,
        created: now,
        updated: now,
    };
    let out = render(&w, true);
    st.webhooks.insert(id, w);
    Ok(out)
}

/// `GET /webhooks/{id}` (no secret).
///
/// # Errors
/// 404 `webhook_not_found`.
pub fn get(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let st = app.lock();
    let w = st.webhooks.get_for(id, owner).ok_or_else(not_found)?;
    Ok(render(w, false))
}

/// `GET /webhooks`: newest first, paged.
///
/// # Errors
/// 400 `invalid_cursor`.
pub fn list(app: &Inner, owner: &str, page: &PageReq) -> Result<Value, ApiErr> {
    let st = app.lock();
    let items: Vec<(String, Millis, &WebhookRec)> = st
        .webhooks
        .of(owner)
        .rev()
        .map(|w| (w.id.clone(), w.created, w))
        .collect();
    Ok(paginate(items, page, |w| render(w, false))?.envelope())
}

/// `PATCH /webhooks/{id}` `{url?, events?, enabled?}`.
///
/// # Errors
/// 400 as [`create`], 404 `webhook_not_found`.
pub fn update(app: &Inner, owner: &str, id: &str, v: &Value) -> Result<Value, ApiErr> {
    let (url, events, enabled) = (
        read_url(v, app.config.allow_private_webhook_urls)?,
        read_events(v)?,
        read_enabled(v)?,
    );
    let now = app.now();
    let mut st = app.lock();
    let w = st.webhooks.get_mut_for(id, owner).ok_or_else(not_found)?;
    if let Some(u) = url {
        w.url = u;
    }
    if let Some(e) = events {
        w.events = e;
    }
    if let Some(e) = enabled {
        w.enabled = e;
    }
    w.updated = now;
    Ok(render(w, false))
}

/// `DELETE /webhooks/{id}`: the endpoint with `deleted: true`; its pending deliveries are dropped.
///
/// # Errors
/// 404 `webhook_not_found`.
pub fn delete(app: &Inner, owner: &str, id: &str) -> Result<Value, ApiErr> {
    let mut st = app.lock();
    if st.webhooks.get_for(id, owner).is_none() {
        return Err(not_found());
    }
    let w = st.webhooks.remove(id).ok_or_else(not_found)?;
    st.queue.retain(|d| d.endpoint_id != id);
    let mut out = render(&w, false);
    out["deleted"] = Value::Bool(true);
    Ok(out)
}

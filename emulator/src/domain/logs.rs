//! The request log and the delivery log as the `/_emulator` controls show them: filtered by
//! query parameters, the newest `limit` kept, oldest first.

use crate::app::Inner;
use crate::list::Query;
use serde_json::{json, Value};

fn filtered(
    entries: impl DoubleEndedIterator<Item = Value>,
    q: &Query,
    keys: &[(&str, &str)],
) -> Value {
    let limit = q
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    let mut out: Vec<Value> = entries
        .filter(|e| {
            keys.iter().all(|(param, field)| match q.get(param) {
                None => true,
                Some(want) => e.get(*field).and_then(Value::as_str).is_some_and(|v| {
                    if *param == "path" {
                        v.ends_with(want) || v == want
                    } else {
                        v.eq_ignore_ascii_case(want)
                    }
                }),
            })
        })
        .collect();
    if out.len() > limit {
        out.drain(..out.len() - limit);
    }
    json!({ "data": out })
}

/// Logged requests: `{data}`, filtered by `method` and `path` (a suffix), `limit`.
pub fn requests(app: &Inner, q: &Query) -> Value {
    let st = app.lock();
    filtered(
        st.requests.iter().cloned(),
        q,
        &[("method", "method"), ("path", "path")],
    )
}

/// Empties the request log.
pub fn clear_requests(app: &Inner) {
    app.lock().requests.clear();
}

/// Logged delivery attempts: `{data, pending}`, filtered by `endpointId`, `eventType`,
/// `outcome`, `msgId`, `limit`.
pub fn deliveries(app: &Inner, q: &Query) -> Value {
    let st = app.lock();
    let mut v = filtered(
        st.deliveries_log.iter().cloned(),
        q,
        &[
            ("endpointId", "endpointId"),
            ("eventType", "eventType"),
            ("outcome", "outcome"),
            ("msgId", "msgId"),
        ],
    );
    v["pending"] = Value::from(st.queue.len());
    v
}

/// Empties the delivery log.
pub fn clear_deliveries(app: &Inner) {
    app.lock().deliveries_log.clear();
}

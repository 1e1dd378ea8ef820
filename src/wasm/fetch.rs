//! One attempt of the fetch client: `fetch` with `redirect: 'manual'`, the body streamed under
//! [`MAX_BODY_BYTES`], everything raced against the per-attempt timeout and the caller's abort
//! signal; and the abortable backoff sleep. What to do with the outcome is the core's
//! ([`crate::client::call::CallMachine`]).

use super::api::response_header_names;
use super::convert::{read_headers, set};
use super::js::{
    cancel, clear_timeout, deferred, function, get, global_fn, is_aborted, listen, set_timeout,
};
use crate::client::call::{Failure, Received, MAX_BODY_BYTES};
use crate::http::{find_header, HttpRequest, HttpResponse};
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The `fetch` to call (the caller's, or the global one with `this = globalThis`), and a no-op
/// closure for promises whose outcome is ignored.
#[derive(Debug)]
pub struct Transport {
    /// The function.
    pub fetch: Function,
    /// Its `this`: `undefined` for the caller's own `fetch`.
    pub this: JsValue,
    /// `() => {}`.
    pub noop: Closure<dyn FnMut(JsValue)>,
}

/// Waits `ms` (or until the caller's signal aborts).
pub async fn sleep(ms: u32, signal: &Option<JsValue>) {
    if ms == 0 || is_aborted(signal) {
        return;
    }
    let (p, Some(resolve), _) = deferred() else {
        return;
    };
    let timer = set_timeout(&resolve, ms, None);
    if timer.is_undefined() {
        return;
    }
    if let Some(s) = signal {
        listen(s, &resolve, true);
    }
    let _ = JsFuture::from(p).await;
    clear_timeout(&timer);
    if let Some(s) = signal {
        listen(s, &resolve, false);
    }
}

/// One attempt: fetch + body read, raced against the timeout and the caller's signal.
pub async fn fetch_once(
    t: &Transport,
    req: &HttpRequest,
    timeout_ms: u32,
    signal: &Option<JsValue>,
) -> Result<Received, (Failure, Option<String>)> {
    let controller =
        global_fn("AbortController").and_then(|c| Reflect::construct(&c, &Array::new()).ok());
    let (deadline, _, reject) = deferred();
    let timeout_marker: JsValue = Object::new().into();
    let abort_marker: JsValue = Object::new().into();
    let mut timer = JsValue::UNDEFINED;
    let mut on_abort: Option<Function> = None;
    if let Some(rej) = &reject {
        timer = set_timeout(rej, timeout_ms, Some(&timeout_marker));
        if let Some(sig) = signal {
            let f: Function = rej.bind1(&JsValue::NULL, &abort_marker).unchecked_into();
            listen(sig, &f, true);
            on_abort = Some(f);
        }
    }
    let init = Object::new();
    set(&init, "method", &JsValue::from_str(req.method.as_str()));
    let headers = Object::new();
    for (k, v) in &req.headers {
        set(&headers, k, &JsValue::from_str(v));
    }
    set(&init, "headers", &headers);
    // OMS never redirects API calls; following one would carry the secret or the token (and a
    // replayed POST) to whatever origin `Location` names.
    set(&init, "redirect", &JsValue::from_str("manual"));
    if let Some(b) = &req.body {
        set(&init, "body", &JsValue::from_str(b));
    }
    if let Some(c) = &controller {
        set(&init, "signal", &get(c, "signal"));
    }
    let race = |p: &JsValue| Promise::race(&Array::of2(&Promise::resolve(p), &deadline));
    let result: Result<Received, JsValue> = async {
        let p = t
            .fetch
            .call2(&t.this, &JsValue::from_str(&req.url), &init)?;
        let resp = JsFuture::from(race(&p)).await?;
        let status = match get(&resp, "status").as_f64() {
            Some(n) if (0.0..=999.0).contains(&n) => n as u16,
            _ => 0,
        };
        let mut names = response_header_names();
        names.push("content-length");
        let headers = read_headers(&get(&resp, "headers"), &names);
        // Redirects are never followed (`redirect: 'manual'`): a 3xx, a browser's opaque
        // redirect, or a response a custom fetch reached by following one is refused unread.
        if (300..400).contains(&status)
            || get(&resp, "redirected").as_bool() == Some(true)
            || get(&resp, "type").as_string().as_deref() == Some("opaqueredirect")
        {
            cancel(&get(&resp, "body"), t.noop.as_ref());
            return Ok(Received::Redirected { status, headers });
        }
        match read_body(t.noop.as_ref(), &resp, &headers, &race).await? {
            Some(body) => Ok(Received::Response(HttpResponse {
                status,
                headers,
                body,
            })),
            None => Ok(Received::TooLarge { status, headers }),
        }
    }
    .await;
    clear_timeout(&timer);
    if let (Some(sig), Some(f)) = (signal, &on_abort) {
        listen(sig, f, false);
    }
    result.map_err(|e| {
        let fail = if e == abort_marker || is_aborted(signal) {
            Failure::Aborted
        } else if e == timeout_marker {
            Failure::Timeout
        } else {
            return (Failure::Network, describe_rejection(&e));
        };
        if let Some(c) = &controller {
            if let Some(abort) = function(get(c, "abort")) {
                let _ = abort.call0(c);
            }
        }
        (fail, None)
    })
}

/// Reads the body under [`MAX_BODY_BYTES`] (`None` when over it): streamed through
/// `body.getReader()` and stopped at the cap, never downloaded whole first. A `Content-Length`
/// over the cap is refused before reading; a smaller one is not trusted (a compressed body can
/// inflate far beyond it). Through `text()` only when the response has no stream (a test
/// double). Invalid UTF-8 is replaced and a leading BOM removed, as `text()` does.
async fn read_body(
    noop: &JsValue,
    resp: &JsValue,
    headers: &[(String, String)],
    race: &dyn Fn(&JsValue) -> Promise,
) -> Result<Option<String>, JsValue> {
    let length = find_header(headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok());
    let stream = get(resp, "body");
    if length.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        cancel(&stream, noop);
        return Ok(None);
    }
    let Some(reader) = function(get(&stream, "getReader")).and_then(|f| f.call0(&stream).ok())
    else {
        let text = function(get(resp, "text"))
            .ok_or_else(|| JsValue::from_str("the fetch response has no text()"))?
            .call0(resp)?;
        let body = JsFuture::from(race(&text)).await?;
        // Not `string_of` (which stops at 64 Ki units): a 100-item page is larger.
        return Ok(match body.dyn_ref::<js_sys::JsString>() {
            Some(js) if js.length() as usize > MAX_BODY_BYTES => None,
            Some(js) => Some(String::from(js)),
            None => Some(String::new()),
        });
    };
    let read = function(get(&reader, "read"))
        .ok_or_else(|| JsValue::from_str("the body reader has no read()"))?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(race(&read.call0(&reader)?)).await?;
        if get(&chunk, "done").as_bool() == Some(true) {
            break;
        }
        let view: js_sys::Uint8Array = get(&chunk, "value")
            .dyn_into()
            .map_err(|_| JsValue::from_str("the body stream gave a non-bytes chunk"))?;
        let start = bytes.len();
        if start + view.length() as usize > MAX_BODY_BYTES {
            cancel(&reader, noop);
            return Ok(None);
        }
        bytes.resize(start + view.length() as usize, 0);
        view.copy_to(&mut bytes[start..]);
    }
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok(Some(match text.strip_prefix('\u{FEFF}') {
        Some(t) => t.to_owned(),
        None => text,
    }))
}

/// A short, value-free description of a fetch rejection (`TypeError: fetch failed (ECONNREFUSED)`).
fn describe_rejection(e: &JsValue) -> Option<String> {
    let clean = |s: String| -> String { s.chars().filter(|c| !c.is_control()).take(200).collect() };
    if let Some(s) = e.as_string() {
        return Some(clean(s));
    }
    let code = get(&get(e, "cause"), "code")
        .as_string()
        .or_else(|| get(e, "code").as_string());
    let s = match (get(e, "name").as_string(), get(e, "message").as_string()) {
        (Some(n), Some(m)) => format!("{n}: {m}"),
        (None, Some(m)) => m,
        (Some(n), None) => n,
        _ => return None,
    };
    Some(clean(match code {
        Some(c) => format!("{s} ({c})"),
        None => s,
    }))
}

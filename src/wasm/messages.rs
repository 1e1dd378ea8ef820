//! Issue messages: the core's English default, or a caller's template / function per code, so
//! forms can localize without string-matching messages.

use super::js::reflect_get;
use crate::input::{Issue, PathSeg};
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static GLOBAL: RefCell<Option<Object>> = const { RefCell::new(None) };
}

/// Sets the process-wide message overrides used by every validator (and the Standard Schema
/// objects, which cannot take options). `null`/`undefined` clears them. Returns whether the value
/// was accepted (a plain object whose values are strings or functions).
#[cfg(feature = "validate")]
#[wasm_bindgen(js_name = setIssueMessages, unchecked_return_type = "boolean")]
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn set_issue_messages(
    #[wasm_bindgen(unchecked_param_type = "IssueMessages | null | undefined")] messages: JsValue,
) -> bool {
    if messages.is_null() || messages.is_undefined() {
        GLOBAL.with(|g| *g.borrow_mut() = None);
        return true;
    }
    match messages.dyn_into::<Object>() {
        Ok(obj) if !obj.is_function() => {
            GLOBAL.with(|g| *g.borrow_mut() = Some(obj));
            true
        }
        _ => false,
    }
}

/// The message overrides of one call: `options.messages`, then the global ones.
pub struct Messages {
    local: Option<JsValue>,
}

impl Messages {
    /// Reads `options.messages` (anything that is not an object is ignored here; option checking
    /// reports it).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn from_options(options: &JsValue) -> Messages {
        let local = if options.is_object() {
            reflect_get(options, &JsValue::from_str("messages"))
                .ok()
                .filter(|m| m.is_object() && !m.is_function())
        } else {
            None
        };
        Messages { local }
    }

    /// No per-call overrides (the global ones still apply).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn none() -> Messages {
        Messages { local: None }
    }

    #[cfg_attr(oms_nightly, optimize(speed))]
    fn lookup(&self, code: &str) -> Option<JsValue> {
        // No overrides anywhere (the usual case): no key string to create, no crossing.
        if self.local.is_none() && GLOBAL.with(|g| g.borrow().is_none()) {
            return None;
        }
        let key = JsValue::from_str(code);
        let found = |src: &JsValue| {
            reflect_get(src, &key)
                .ok()
                .filter(|v| v.is_string() || v.is_function())
        };
        if let Some(v) = self.local.as_ref().and_then(found) {
            return Some(v);
        }
        GLOBAL.with(|g| g.borrow().as_ref().and_then(|o| found(o.as_ref())))
    }

    /// `{ ok: true, value }` or `{ ok: false, issues }`, plus `warnings` (an array of issues,
    /// messages overridden like the issues') when `warnings` is `Some`. Built as one JSON text and
    /// parsed once by the engine (far fewer JS↔wasm crossings than setting properties one by one;
    /// `JSON.parse` creates own data properties, so a `__proto__` key stays an ordinary key).
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn json_checked(&self, r: Result<&str, &[Issue]>, warnings: Option<&[Issue]>) -> JsValue {
        let mut functions: Vec<(&'static str, u32, Function)> = Vec::new();
        let mut text = String::with_capacity(64);
        match r {
            Ok(v) => {
                text.reserve(v.len() + 20);
                text.push_str("{\"ok\":true,\"value\":");
                text.push_str(v);
            }
            Err(issues) => {
                text.push_str("{\"ok\":false,\"issues\":");
                self.push_list(&mut text, "issues", issues, &mut functions);
            }
        }
        if let Some(w) = warnings {
            text.push_str(",\"warnings\":");
            self.push_list(&mut text, "warnings", w, &mut functions);
        }
        text.push('}');
        let result = parse_json(&text);
        self.apply_functions(&result, functions);
        result
    }

    /// `{ ok: false, issues }` with each message overridden where the caller asked.
    #[cfg_attr(oms_nightly, optimize(speed))]
    pub fn err_result(&self, issues: &[Issue]) -> JsValue {
        self.json_checked(Err(issues), None)
    }

    /// Appends `[issue, ...]`; message functions are remembered as (list, index, function).
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn push_list(
        &self,
        text: &mut String,
        list: &'static str,
        issues: &[Issue],
        functions: &mut Vec<(&'static str, u32, Function)>,
    ) {
        text.reserve(128 * issues.len() + 2);
        text.push('[');
        for (i, issue) in issues.iter().enumerate() {
            let rendered;
            let message = match self.lookup(issue.code.as_str()) {
                Some(t) if t.is_string() => {
                    rendered = issue.render_template(&t.as_string().unwrap_or_default());
                    rendered.as_str()
                }
                Some(f) => {
                    functions.push((list, i as u32, f.unchecked_into()));
                    issue.message.as_str()
                }
                None => issue.message.as_str(),
            };
            if i > 0 {
                text.push(',');
            }
            push_issue(text, issue, message);
        }
        text.push(']');
    }

    /// Calls the message functions on the parsed issues (a throwing or non-string override keeps
    /// the default message).
    #[cfg_attr(oms_nightly, optimize(speed))]
    fn apply_functions(&self, result: &JsValue, functions: Vec<(&'static str, u32, Function)>) {
        for (list, i, f) in functions {
            let Ok(arr) = Reflect::get(result, &JsValue::from_str(list)) else {
                continue;
            };
            let arr: Array = arr.unchecked_into();
            let obj = arr.get(i);
            if let Ok(m) = f.call1(&JsValue::UNDEFINED, &obj) {
                if m.is_string() {
                    let _ = Reflect::set(&obj, &JsValue::from_str("message"), &m);
                }
            }
        }
    }
}

/// Appends an issue as JSON: `{ code, path, message, params? }` (`params` only when it has
/// entries). Written directly: building a `serde_json::Value` (an IndexMap per object) and
/// formatting it cost ~10 µs per failed validation in wasm.
#[cfg_attr(oms_nightly, optimize(speed))]
fn push_issue(out: &mut String, issue: &Issue, message: &str) {
    out.push_str("{\"code\":");
    push_json_str(out, issue.code.as_str());
    out.push_str(",\"path\":[");
    for (i, seg) in issue.path.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match seg {
            PathSeg::Key(k) => push_json_str(out, k),
            PathSeg::Index(n) => out.push_str(&crate::text::count(*n)),
        }
    }
    out.push_str("],\"message\":");
    push_json_str(out, message);
    if !issue.params.is_empty() {
        out.push_str(",\"params\":{");
        for (i, (k, v)) in issue.params.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_json_str(out, k);
            out.push(':');
            push_json_str(out, v);
        }
        out.push('}');
    }
    out.push('}');
}

/// Appends `s` as a JSON string literal.
pub use crate::validate::json::push_str as push_json_str;

/// A JSON value as a JS value (serialized with serde_json's byte writer, which is much faster in
/// wasm than `Display`, then parsed once by the engine).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn json_to_js(v: &serde_json::Value) -> JsValue {
    parse_json(&serde_json::to_string(v).unwrap_or_else(|_| "null".to_owned()))
}

/// `JSON.parse` of text we produced ourselves (always valid JSON; `null` if it ever were not).
#[cfg_attr(oms_nightly, optimize(speed))]
pub fn parse_json(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap_or(JsValue::NULL)
}

//! Issue messages: the core's English default, or a caller's template / function per code, so
//! forms can localize without string-matching messages.

use super::convert::{issue_to_js, set};
use crate::validate::{Issue, Validation};
use js_sys::{Array, Function, Object};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static GLOBAL: RefCell<Option<Object>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
}

/// Sets the process-wide message overrides used by every validator (and the Standard Schema
/// objects, which cannot take options). `null`/`undefined` clears them. Returns whether the value
/// was accepted (a plain object whose values are strings or functions).
#[wasm_bindgen(js_name = setIssueMessages, unchecked_return_type = "boolean")]
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

    fn lookup(&self, code: &str) -> Option<JsValue> {
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

    /// The issue as a JS object with the overridden (or default) message.
    pub fn issue(&self, issue: &Issue) -> JsValue {
        let default_obj = issue_to_js(issue, &issue.message);
        match self.lookup(issue.code.as_str()) {
            Some(template) if template.is_string() => {
                let text = template.as_string().unwrap_or_default();
                let obj: &Object = default_obj.unchecked_ref();
                set(
                    obj,
                    "message",
                    &JsValue::from_str(&issue.render_template(&text)),
                );
                default_obj
            }
            Some(f) => {
                let f: &Function = f.unchecked_ref();
                // A throwing or non-string override keeps the default message.
                if let Ok(m) = f.call1(&JsValue::UNDEFINED, &default_obj) {
                    if m.is_string() {
                        set(default_obj.unchecked_ref(), "message", &m);
                    }
                }
                default_obj
            }
            None => default_obj,
        }
    }

    /// `issues` as a JS array.
    pub fn issues(&self, issues: &[Issue]) -> Array {
        let arr = Array::new_with_length(issues.len() as u32);
        for (i, issue) in issues.iter().enumerate() {
            arr.set(i as u32, self.issue(issue));
        }
        arr
    }

    /// `{ ok: true, value }` or `{ ok: false, issues }`.
    pub fn json_result(&self, r: &Validation<serde_json::Value>) -> JsValue {
        match r {
            Ok(v) => ok_result(super::convert::json_to_js(v)),
            Err(issues) => self.err_result(issues),
        }
    }

    /// `{ ok: false, issues }`.
    pub fn err_result(&self, issues: &[Issue]) -> JsValue {
        let obj = Object::new();
        set(&obj, "ok", &JsValue::FALSE);
        set(&obj, "issues", &self.issues(issues).into());
        obj.into()
    }
}

/// `{ ok: true, value }`.
pub fn ok_result(value: JsValue) -> JsValue {
    let obj = Object::new();
    set(&obj, "ok", &JsValue::TRUE);
    set(&obj, "value", &value);
    obj.into()
}

//! Errors thrown into JavaScript: real `Error` subclasses with a stable `code`.
//!
//! The classes live in the package's JS glue (so `instanceof` works and users can import them); the
//! glue hands them to [`register_error_classes`] once at load. Without the glue (raw bindings), a plain
//! `Error` with `name` and `code` is thrown instead.

use super::convert::set;
use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    static CLASSES: RefCell<Option<Object>> = const { RefCell::new(None) };
}

/// Called by the package glue with `{ OmsError, OmsApiError, OmsValidationError, WebhookVerificationError, ... }`.
#[wasm_bindgen(js_name = __registerErrorClasses, skip_typescript)]
pub fn register_error_classes(classes: JsValue) {
    if let Ok(obj) = classes.dyn_into::<Object>() {
        CLASSES.with(|c| *c.borrow_mut() = Some(obj));
    }
}

/// Builds an error of class `class` (e.g. `"WebhookVerificationError"`) with `code` and `message`,
/// then sets each of `extra`'s properties on it.
pub fn make_error(class: &str, code: &str, message: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let ctor = CLASSES.with(|c| {
        c.borrow()
            .as_ref()
            .and_then(|o| Reflect::get(o, &JsValue::from_str(class)).ok())
            .and_then(|f| f.dyn_into::<Function>().ok())
    });
    let err: JsValue = match ctor {
        // The glue's constructors take (message, code).
        Some(f) => Reflect::construct(
            &f,
            &Array::of2(&JsValue::from_str(message), &JsValue::from_str(code)),
        )
        .unwrap_or_else(|_| plain_error(class, code, message)),
        None => plain_error(class, code, message),
    };
    if let Some(obj) = err.dyn_ref::<Object>() {
        for (k, v) in extra {
            set(obj, k, v);
        }
    }
    err
}

fn plain_error(class: &str, code: &str, message: &str) -> JsValue {
    let e = js_sys::Error::new(message);
    e.set_name(class);
    set(&e, "code", &JsValue::from_str(code));
    e.into()
}

//! Small JS helpers of the bindings (every fallible call caught): property reads through
//! `Reflect`, functions, timers, abort signals, promises.

use js_sys::{Array, Function, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// Every JS call on user values goes through a `catch` import (or `Reflect`, which catches): a
// Proxy trap, getter or overridden method that throws must become a coded error, never an
// exception unwinding through wasm frames. The one place these imports are declared.
#[wasm_bindgen]
extern "C" {
    /// `Object.keys(v)`.
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    pub fn object_keys(v: &JsValue) -> Result<Array, JsValue>;
    /// `Object.getPrototypeOf(v)`.
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf, catch)]
    pub fn get_prototype_of(v: &JsValue) -> Result<JsValue, JsValue>;
    /// `Array.isArray(v)` (throws on a revoked Proxy: caught).
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    pub fn array_is_array(v: &JsValue) -> Result<bool, JsValue>;
    /// `Reflect.get(target, key)`.
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    pub fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    /// `Reflect.set`: only on plain objects we just created, where it cannot throw (no `catch`
    /// wrapper, which is slow on the hot path).
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    pub fn reflect_set(target: &Object, key: &JsValue, value: &JsValue) -> bool;
    /// `Object.defineProperty` (on objects we just created).
    #[wasm_bindgen(js_namespace = Object, js_name = defineProperty)]
    pub fn define_property(target: &Object, key: &JsValue, descriptor: &Object) -> Object;
    /// `JSON.parse(text)`.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    pub fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// `target[key]` (`undefined` for a primitive target or when a getter or Proxy trap throws). The
/// key's JS string is made once per name and kept (`JsValue::from_str` decodes the name in JS on
/// every call: ~6 % of a client call, which reads some twenty properties).
pub fn get(target: &JsValue, key: &'static str) -> JsValue {
    thread_local! {
        /// Property names made so far: every `key` is a literal, so this stays small.
        static KEYS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
    }
    if !target.is_object() && !target.is_function() {
        return JsValue::UNDEFINED;
    }
    KEYS.with(|keys| {
        let Ok(mut keys) = keys.try_borrow_mut() else {
            return Reflect::get(target, &JsValue::from_str(key)).ok();
        };
        let i = match keys.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                keys.push((key, JsValue::from_str(key)));
                keys.len() - 1
            }
        };
        // (a getter that calls back in while the borrow is held takes the uncached branch above)
        Reflect::get(target, &keys.get(i)?.1).ok()
    })
    .unwrap_or(JsValue::UNDEFINED)
}

pub fn function(v: JsValue) -> Option<Function> {
    v.dyn_into::<Function>().ok()
}

pub fn global_fn(name: &'static str) -> Option<Function> {
    function(get(&js_sys::global(), name))
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

/// `noop` as the rejection handler of a thenable, so an ignored promise never becomes an unhandled
/// rejection. (`noop` is a Rust closure: Workers forbid `new Function`.)
pub fn ignore_outcome(value: &JsValue, noop: &JsValue) {
    if let (true, Some(then)) = (value.is_object(), function(get(value, "then"))) {
        let _ = then.call2(value, &JsValue::UNDEFINED, noop);
    }
}

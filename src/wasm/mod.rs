//! JavaScript bindings: the only module that uses `wasm_bindgen` / `js_sys`. It converts JS values to
//! core types and back, and nothing else; it never unwraps or panics on input.
#![cfg_attr(
    not(all(feature = "validate", feature = "webhooks", feature = "api")),
    allow(dead_code)
)]

#[cfg(feature = "api")]
pub mod api;
#[cfg(feature = "client")]
mod client;
mod convert;
mod errors;
mod messages;
#[cfg(feature = "validate")]
pub mod validate;
#[cfg(feature = "webhooks")]
pub mod webhook;

use wasm_bindgen::prelude::*;

/// The package version (the crate's version).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

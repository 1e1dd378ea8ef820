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
#[cfg(feature = "cloudflare")]
mod cloudflare;
#[cfg(any(feature = "validate", feature = "api"))]
mod convert;
#[cfg(any(feature = "validate", feature = "api"))]
mod errors;
/// The webhook-only build throws no error from wasm (its JS glue builds them): the shared glue's
/// registration call does nothing, and the module carries no JS object handling for it.
#[cfg(not(any(feature = "validate", feature = "api")))]
#[wasm_bindgen(js_name = __registerErrorClasses, skip_typescript)]
pub fn register_error_classes() {}
#[cfg(any(feature = "validate", feature = "api"))]
mod js;
#[cfg(any(feature = "validate", feature = "api"))]
mod messages;
#[cfg(feature = "client")]
mod tokens;
#[cfg(feature = "validate")]
pub mod validate;
#[cfg(feature = "webhooks")]
pub mod webhook;

use wasm_bindgen::prelude::*;

/// The allocator of single-threaded wasm builds: talc instead of the standard library's dlmalloc,
/// for size (about 1.7 KB gzipped less .wasm). No unsafe code here: talc's wasm constructor checks
/// the target.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The package version (the crate's version).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

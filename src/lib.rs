//! # oms-wasm
//!
//! Client for the Open Money Stack (OMS) payments API, written in Rust and compiled to WebAssembly.
//! See the README for the JavaScript API; this crate documents the pure Rust core.
//!
//! ## Module map
//! - [`model`]: the OMS wire types (serde, camelCase).
//! - [`secret`]: [`secret::Sensitive`], the redacting wrapper for personal data and credentials.
//! - [`validate`]: KYC form validation (phone, address, tax IDs, dates, whole customers).
//! - `wasm` (wasm32 only): the JavaScript bindings; the only module that touches `wasm_bindgen`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod model;
pub mod secret;
pub mod validate;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

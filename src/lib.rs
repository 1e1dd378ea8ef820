//! # oms-wasm
//!
//! Client for the Open Money Stack (OMS) payments API, written in Rust and compiled to WebAssembly.
//! See the README for the JavaScript API; this crate documents the pure Rust core.
//!
//! ## Module map
//! - [`api`]: sans-IO operations, one per endpoint: build an [`http::HttpRequest`], parse an
//!   [`http::HttpResponse`]; plus the JS-facing `build_request` / `parse_response` entry points.
//! - [`client`]: the fetch client's pure decisions: token cache and refresh-ahead, retry policy, raw requests.
//! - [`error`]: [`error::ApiError`], [`error::BuildError`], [`error::DecimalError`], each with a stable `code()`.
//! - [`http`]: plain-data HTTP request/response/method (no I/O; `Debug` redacts credentials and bodies).
//! - [`ids`]: ID newtypes (`CustomerId`, `WalletId`, ...): opaque strings, prefixes checked softly.
//! - [`model`]: the OMS wire types (serde, camelCase): tolerant read forms, strict written forms.
//! - [`secret`]: [`secret::Sensitive`], the redacting wrapper for personal data and credentials.
//! - [`text`]: message building without `format!` (small and fast in wasm).
//! - [`validate`]: KYC form validation (phone, address, tax IDs, dates, whole customers).
//! - [`webhook`]: Standard Webhooks v1 verification and signing (HMAC-SHA256, secret decoding, events).
//! - `wasm` (wasm32 only): the JavaScript bindings; the only module that touches `wasm_bindgen`.

// The release .wasm is size-optimized (`opt-level = "z"`); the functions on the validatePhone path
// (phone parsing, the shared field/issue/JSON helpers and their bindings) carry
// `#[cfg_attr(oms_nightly, optimize(speed))]`, which the nightly release build enables
// (js/scripts/build.mjs sets `--cfg oms_nightly`): ~15 % faster validatePhone for ~2.5 KB gzipped.
// Native builds, tests and the stable fallback ignore it.
#![cfg_attr(oms_nightly, feature(optimize_attribute))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod api;
pub mod client;
pub mod error;
pub mod http;
pub mod ids;
pub mod input;
pub mod model;
pub mod secret;
pub mod text;
pub mod validate;
pub mod webhook;

#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

//! Shared by the test modules (and, through `#[path]`, by the wasm tests in `tests/wasm.rs`): the
//! validator vector runner and the webhook vector cases.

pub mod common;
pub mod webhook_support;

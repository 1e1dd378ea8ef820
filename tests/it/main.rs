//! The root crate's integration tests, one binary (one link instead of eleven): the shared
//! known-answer vectors (`tests/vectors/`, also run in wasm by `tests/wasm.rs` and from JS by
//! `js/test/`), the property tests, the call machine, the model round trips and the webhook
//! verifier. `cargo test --test it <filter>` runs a part. Native only (proptest); the wasm runs are
//! `tests/wasm.rs`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

mod api_props;
mod api_vectors;
mod client_call;
mod customer;
mod customer_props;
mod model_roundtrip;
mod phone;
mod validators_props;
mod vectors;
mod vectors_validators;
mod webhook;
mod webhook_props;

//! Integration tests of the emulator, one module per area. Run: `cargo test -p oms-emulator`.

mod common;

mod auth;
mod cash;
mod customers;
mod faults;
mod get_started;
mod idempotency;
mod lists;
mod load;
mod quotes;
mod sdk;
mod security;
mod states;
mod wallets;
mod webhooks;

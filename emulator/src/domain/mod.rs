//! The emulated OMS: every state transition, rule and rendering, with no HTTP in it. The axum
//! handlers (`crate::handlers`) only extract the request and turn results into responses; the
//! scheduler (`crate::webhooks`) and the request pipeline (`crate::server`) call in here too.
//!
//! One file per resource, plus the shared pieces. API operations take the caller's API key and
//! the request's JSON object (read through the core's written-form types, as the API defines
//! them) and return the rendered resource or an [`ApiErr`](crate::errors::ApiErr); `/_emulator`
//! controls take plain arguments. Each operation locks the store once; the `&mut State` helpers
//! (`transactions::settle`, `deposits::deposit`, `events::emit`) compose inside that lock.
//!
//! Imports only go down this list (no file imports one above it, none imports `handlers`,
//! `server` or `webhooks`):
//!
//! | File | Holds |
//! |---|---|
//! | [`inspector`] | the inspector page's state snapshot |
//! | [`seed`] | seed data, reset |
//! | [`deposits`] | cash deposits (retail auth/commit, controls), deposit-address and virtual-account transfers |
//! | [`transactions`] | executing quotes, settlement (with the cash-in it carries), lists |
//! | [`quotes`], [`cash_ins`] | pricing and quotes; cash-ins, codes, limits |
//! | [`wallets`] | wallets, balances, credits |
//! | [`customers`] | customers, endorsements and their review, provisioning |
//! | [`endpoints`], [`accounts`], [`locations`], [`logs`], [`auth`] | webhook endpoints; early-access accounts; cash locations; the control logs; tokens |
//! | [`events`] | event fan-out, the delivery queue and its bookkeeping |
//! | [`wire`] | wire decimals, fees, shared field rules |

pub mod accounts;
pub mod auth;
pub mod cash_ins;
pub mod customers;
pub mod deposits;
pub mod endpoints;
pub mod events;
pub mod inspector;
pub mod locations;
pub mod logs;
pub mod quotes;
pub mod seed;
pub mod transactions;
pub mod wallets;
pub mod wire;

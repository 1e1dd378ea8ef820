//! The OMS wire model: one set of serde types (camelCase JSON) shared by the validators, the request
//! builders, the client, the webhook event parser and the emulator.

pub mod customer;

pub use customer::{
    Address, CustomerInput, Endorsement, IdentifyingInformation, IdentityDocumentType,
};

//! Client-side validation of KYC form input: pure Rust, no I/O, no clock (today is passed in).
//!
//! Every validator reads a [`Value`] (any JS value, converted without panics by the bindings) and
//! returns the normalized value or *all* the issues found, each with a stable code and full path.

pub mod address;
mod address_data;
pub mod country;
pub mod customer;
pub mod date;
pub mod email;
pub mod entry;
pub mod ip;
pub mod json;
pub mod names;
pub mod phone;
pub mod phone_field;
pub mod tax_id;

// The input vocabulary lives in `crate::input`; re-exported here, where validators' users look.
pub use crate::input::{fields, issue, value};
pub use crate::input::{BadString, Issue, IssueCode, Path, PathSeg, Validation, Value};

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
pub mod fields;
pub mod ip;
pub mod issue;
pub mod json;
pub mod phone;
pub mod phone_field;
pub mod tax_id;
pub mod value;

pub use issue::{Issue, IssueCode, Path, PathSeg, Validation};

pub use value::{BadString, Value};

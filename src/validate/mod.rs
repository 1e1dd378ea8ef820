//! Client-side validation of KYC form input: pure Rust, no I/O, no clock (today is passed in).
//!
//! Every validator reads a [`Value`] (any JS value, converted without panics by the bindings) and
//! returns the normalized value or *all* the issues found, each with a stable code and full path.

pub mod fields;
pub mod issue;
pub mod phone;
pub mod value;

pub use issue::{Issue, IssueCode, Path, PathSeg, Validation};
pub use value::{BadString, Value};

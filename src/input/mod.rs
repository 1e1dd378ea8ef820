//! The input vocabulary shared by every layer that reads caller input: [`Value`] (any JS value,
//! converted by the bindings without panics), [`Issue`] (a coded problem at a path, with an
//! English message that never repeats the value) and the field readers of [`fields`] used by the
//! validators, the request builders and the client's options.

pub mod fields;
pub mod issue;
pub mod json_text;
pub mod value;

pub use issue::{Issue, IssueCode, Path, PathSeg, Validation};
pub use value::{BadString, Value};

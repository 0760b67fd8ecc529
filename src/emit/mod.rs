//! Emitters: read the [`Schema`](crate::model::Schema), return text. One module per language.

pub mod java;
pub mod report;
pub mod rust;
pub mod swift;
pub mod templates;

//! Every golden case, compiled: `cases::<case>::<package modules>`.
//!
//! A naming mismatch between this project's model and prost-build fails this crate's build.
//! The lints allowed here fire on prost's own output (package and message modules of the same
//! name, doc comments copied from the .proto files), not on this project's code.

#![allow(
    clippy::module_inception,
    clippy::needless_doctest_main,
    clippy::large_enum_variant
)]

pub mod cases {
    include!(concat!(env!("OUT_DIR"), "/cases.rs"));
}

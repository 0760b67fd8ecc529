//! Every Rust snippet of the README, run (or, for the `build.rs` and `src/lib.rs` ones,
//! compiled) against the example schema: `cargo test -p vsco-readme`.

/// The example schema, as the README's `src/lib.rs` snippet includes it.
pub mod schema {
    include!(concat!(env!("OUT_DIR"), "/_include.rs"));
}

#[cfg(test)]
mod snippets {
    include!(concat!(env!("OUT_DIR"), "/snippets.rs"));
}

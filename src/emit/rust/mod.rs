//! Rust output: `quote!` token streams, checked by `syn`, printed by `prettyplease`.

mod doc;
mod meta;

use proc_macro2::TokenStream;

use crate::error::Error;
use crate::model::{FileId, Schema};

/// This project's code for one package module: the items that follow prost's structs.
pub fn package_items(schema: &Schema, files: &[FileId]) -> Result<TokenStream, Error> {
    meta::package_meta(schema, files)
}

/// Parses and pretty-prints generated Rust. A parse failure is a bug of this plugin, reported
/// with the name of the file being written.
pub fn print(tokens: TokenStream, file_name: &str) -> Result<String, Error> {
    let file = syn::parse2::<syn::File>(tokens).map_err(|e| Error::Internal {
        file: file_name.to_string(),
        message: format!("generated Rust does not parse: {e}"),
    })?;
    Ok(prettyplease::unparse(&file))
}

//! Rust output: `quote!` token streams, checked by `syn`, printed by `prettyplease`.

mod ast;
mod doc;
mod meta;
mod reflect;

use crate::error::Error;
use crate::model::{FileId, Schema};

/// This project's code for one package module: the items that follow prost's structs.
pub fn package_items(
    schema: &Schema,
    files: &[FileId],
    oneof_impls: bool,
) -> Result<Vec<syn::Item>, Error> {
    meta::package_meta(schema, files, oneof_impls)
}

/// Pretty-prints generated items.
pub fn print(items: Vec<syn::Item>) -> String {
    prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

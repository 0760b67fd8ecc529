//! Rust output: `quote!` token streams, checked by `syn`, printed by `prettyplease`.

mod debug;
mod doc;
mod meta;
mod oneof;
mod reflect;
mod syntax;
mod vendor;

use crate::error::Error;
use crate::model::redact::DebugRedaction;
use crate::model::vendor::VendorModel;
use crate::model::{FileId, Schema};
use crate::params::Params;

/// This project's code for one package module, the text that follows prost's structs: the
/// metadata tables and oneof conveniences (pretty-printed), then one `reflect!` invocation per
/// message, and with the `serde` parameter one `impl_serde!` listing the messages. Empty
/// when the package has no message or enum of its own.
///
/// `vendor` holds the vendor key tables of the package's event roots (`vendors=`);
/// `redaction` the types whose `Debug` this plugin writes.
pub fn package_code(
    schema: &Schema,
    files: &[FileId],
    params: &Params,
    vendor: &VendorModel,
    redaction: &DebugRedaction,
) -> Result<String, Error> {
    let meta::PackageMeta { mut items, reflect } =
        meta::package_meta(schema, files, params, vendor)?;
    items.extend(debug::debug_impls(schema, files, redaction)?);
    if let Some(block) =
        vendor::tables_block(schema, files.first().copied().unwrap_or_default(), vendor)?
    {
        items.push(block);
    }
    let mut code = if items.is_empty() {
        String::new()
    } else {
        prettyplease::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items,
        })
    };
    code.push_str(&reflect);
    Ok(code)
}

//! `Reflect` impls: one `reflect!` line per field, naming how prost stores it; the runtime's
//! macro expands the methods (one `match` arm per field per method, each a single call into
//! `::prost_vsco::codegen`). Oneof conveniences are in `oneof.rs`.

use super::syntax::{message_module_path, tokens};
use crate::error::Error;
use crate::model::{Cardinality, Field, FieldType, Message, Schema};

fn is_message(f: &Field) -> bool {
    matches!(f.ty, FieldType::Message(_) | FieldType::Group(_))
}

/// The `reflect!` kind of a field: how prost stores it (see `prost_vsco::reflect!`).
fn kind(f: &Field) -> &'static str {
    if f.oneof.is_some() {
        return if is_message(f) {
            "member_message"
        } else {
            "member"
        };
    }
    match f.cardinality {
        Cardinality::Repeated => "list",
        Cardinality::Map { .. } => "map",
        // prost stores required fields unwrapped, messages included.
        Cardinality::Required if is_message(f) => "required_message",
        Cardinality::Required => "required",
        _ if is_message(f) => "message",
        Cardinality::Optional => "optional",
        Cardinality::Implicit => "scalar",
    }
}

/// The vendor flags of a message's `reflect!` line (see `prost_vsco::reflect!`).
#[derive(Debug, Clone, Copy, Default)]
pub struct VendorFlags {
    /// The message is an event root with generated key tables, which `vendor_table`
    /// returns.
    pub tables: bool,
    /// An event reaches the message: its `vendor_fields` reads each field in place.
    pub fields: bool,
}

/// `::prost_vsco::reflect!(Type { ... });` for one message: one line per field in field-number
/// order, the rest expanded by the runtime's macro. Written as text (it is a macro body, which
/// prettyplease would print on one line).
///
/// `vendor`: what the vendor walk gets of the message (`vendors=`). `deferred`
/// (`defer_codegen`): every method `#[inline]`, so that the crates that call them compile
/// them, not the crate holding the schema.
pub fn message_reflect(
    schema: &Schema,
    msg: &Message,
    vendor: VendorFlags,
    deferred: bool,
) -> Result<String, Error> {
    let ty = schema.type_path_from(msg.file, &msg.full_name, &msg.rust, None);
    let module = message_module_path(msg);
    let order = msg.number_order();
    let inline = if deferred { "#[inline] " } else { "" };
    let mut out = format!("::prost_vsco::reflect!({inline}{ty} {{\n");
    for i in order {
        let f = &msg.fields[i];
        let json = f
            .json_key
            .as_ref()
            .map(|j| format!(" | {j:?}"))
            .unwrap_or_default();
        let args = match f.oneof.and_then(|o| msg.oneofs.get(o)) {
            Some(oneof) => format!(
                "{}, {module}::{}::{}",
                oneof.rust_field, oneof.rust_type, f.rust_variant
            ),
            None => f.rust_ident.clone(),
        };
        out.push_str(&format!(
            "    {i} {:?}{json} => {}({args});\n",
            f.name,
            kind(f)
        ));
    }
    out.push('}');
    if vendor.tables {
        out.push_str(" vendor_tables");
    }
    if vendor.fields {
        out.push_str(" vendor_fields");
    }
    out.push_str(");\n");
    // The text is ours, but a name the model got wrong must surface here, not in the
    // user's build.
    tokens(schema, msg.file, &out)?;
    Ok(out)
}

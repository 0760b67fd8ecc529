//! `Reflect` impls: one `reflect!` line per field, naming how prost stores it; the runtime's
//! macro expands the methods (one `match` arm per field per method, each a single call into
//! `::prost_vsco::codegen`). Oneofs also get `From` impls and member traits.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::meta::{parse, tokens, type_tokens};
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

/// `::prost_vsco::reflect!(Type { ... });` for one message: one line per field in field-number
/// order, the rest expanded by the runtime's macro. Written as text (it is a macro body, which
/// prettyplease would print on one line).
///
/// `vendor_tables`: the message has generated vendor tables (`vendors=`), which its
/// `vendor_table` returns.
pub fn message_reflect(
    schema: &Schema,
    msg: &Message,
    vendor_tables: bool,
) -> Result<String, Error> {
    let ty = schema.type_path_from(msg.file, &msg.full_name, &msg.rust, None);
    let module = message_module_path(msg);
    let mut order: Vec<usize> = (0..msg.fields.len()).collect();
    order.sort_by_key(|&i| msg.fields[i].number);
    let mut out = format!("::prost_vsco::reflect!({ty} {{\n");
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
    out.push_str(if vendor_tables {
        "} vendor_tables);\n"
    } else {
        "});\n"
    });
    // The text is ours, but a name the model got wrong must surface here, not in the
    // user's build.
    tokens(schema, msg.file, &out)?;
    Ok(out)
}

/// `self::parent::message_module`: where prost puts the message's nested types.
fn message_module_path(msg: &Message) -> String {
    format!("self::{}", msg.nested_module)
}

/// [`message_module_path`] as tokens.
pub(super) fn message_module(schema: &Schema, msg: &Message) -> Result<TokenStream, Error> {
    tokens(schema, msg.file, &message_module_path(msg))
}

/// True when prost gives the message type a struct of its own (not a primitive that a
/// wrapper type is mapped to, nor `()` for `Empty`).
fn is_struct(external: Option<&str>) -> bool {
    external.is_none_or(|p| p.starts_with("::") && !p.starts_with("::prost::alloc::"))
}

/// Oneof conveniences for one message: `From<Member> for TheOneof` for each message member
/// whose type no other member of the oneof shares, and a `<Message><Oneof>Member` trait they
/// implement. Returns the trait declarations (package level) and the impls.
pub fn oneof_items(
    schema: &Schema,
    msg: &Message,
    taken: &mut std::collections::HashSet<String>,
) -> Result<(Vec<syn::Item>, Vec<syn::Item>), Error> {
    use crate::model::names::to_upper_camel;
    let file = msg.file;
    let module = message_module(schema, msg)?;
    let (mut decls, mut impls) = (Vec::new(), Vec::new());
    for oneof in &msg.oneofs {
        let members: Vec<(&Field, usize)> = oneof
            .fields
            .iter()
            .filter_map(|&i| msg.fields.get(i))
            .filter_map(|f| match f.ty {
                FieldType::Message(m) | FieldType::Group(m) => Some((f, m)),
                _ => None,
            })
            .filter(|(_, m)| is_struct(schema.messages[*m].external.as_deref()))
            .collect();
        let unique: Vec<(&Field, usize)> = members
            .iter()
            .filter(|(_, m)| members.iter().filter(|(_, o)| o == m).count() == 1)
            .copied()
            .collect();
        if unique.is_empty() {
            continue;
        }
        let scope = msg
            .full_name
            .strip_prefix(schema.files[file].package.as_str())
            .unwrap_or(&msg.full_name)
            .trim_start_matches('.');
        let mut name: String = scope.split('.').map(to_upper_camel).collect();
        name.push_str(&to_upper_camel(&oneof.name));
        name.push_str("Member");
        while !taken.insert(name.clone()) {
            name.push('_');
        }
        let trait_ident = format_ident!("{name}");
        let enum_ty = tokens(schema, file, &oneof.rust_type)?;
        let doc = format!(
            " A message type that can be the `{}` of a `{}`: generic code takes `impl {name}` \
             and stores it with `Some(member.into())`.",
            oneof.name, msg.full_name
        );
        decls.push(syn::Item::Trait(parse(
            schema,
            file,
            quote! {
                #[doc = #doc]
                pub trait #trait_ident: ::core::convert::Into<#module::#enum_ty> + ::prost_vsco::Reflect {}
            },
        )?));
        for (f, m) in unique {
            let target = &schema.messages[m];
            let member_ty = type_tokens(
                schema,
                file,
                &target.full_name,
                &target.rust,
                target.external.as_deref(),
            )?;
            let variant = tokens(schema, file, &f.rust_variant)?;
            let wrapped = if f.boxed {
                quote!(::prost::alloc::boxed::Box::new(value))
            } else {
                quote!(value)
            };
            impls.push(syn::Item::Impl(parse(
                schema,
                file,
                quote! {
                    impl ::core::convert::From<#member_ty> for #module::#enum_ty {
                        fn from(value: #member_ty) -> Self {
                            #module::#enum_ty::#variant(#wrapped)
                        }
                    }
                },
            )?));
            impls.push(syn::Item::Impl(parse(
                schema,
                file,
                quote!(impl self::#trait_ident for #member_ty {}),
            )?));
        }
    }
    Ok((decls, impls))
}

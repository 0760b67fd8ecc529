//! Redacting `Debug` impls (see `model::redact`): for a message, one `field` call per field
//! (a `match` per oneof, printing the set member under its own name), as prost's derive
//! writes them but with `<redacted>` for `pii` fields, enum values by name and hash maps
//! sorted by key; one call into `prost_vsco::redact` per enum; one arm per member for oneof
//! enums.
//!
//! The impls read the fields directly, not through `Reflect`: a `Debug` impl is compiled
//! with the user's crate (prost's derived `Debug` of an enclosing message calls it), and
//! going through `Reflect` would compile every reflection method of every message it can
//! reach there, which the runtime otherwise leaves to the crates that use them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::syntax::{message_module, parse, type_tokens};
use crate::error::Error;
use crate::model::redact::DebugRedaction;
use crate::model::{Cardinality, Field, FieldType, FileId, Message, Schema};

/// How one field's value prints, given an expression for a reference to it.
fn field_value(field: &Field, index: usize, value: TokenStream) -> TokenStream {
    if field.options.pii {
        return quote! { &::prost_vsco::redact::Redacted };
    }
    if matches!(field.ty, FieldType::Enum(_)) {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        return quote! { &::prost_vsco::redact::EnumField(#value, &fields[#index]) };
    }
    match field.cardinality {
        Cardinality::Map { btree: false, .. } => {
            quote! { &::prost_vsco::redact::SortedMap(#value) }
        }
        _ => value,
    }
}

/// The `Debug` impl of one message.
fn message_debug(schema: &Schema, msg: &Message, ty: &TokenStream) -> Result<TokenStream, Error> {
    let module = message_module(schema, msg)?;
    let name = &msg.name;
    let mut lines = Vec::new();
    let mut oneofs_done = Vec::new();
    for (i, field) in msg.fields.iter().enumerate() {
        let proto_name = &field.name;
        let Some(o) = field.oneof else {
            let ident = format_ident!("{}", field.rust_ident);
            let value = field_value(field, i, quote! { &self.#ident });
            lines.push(quote! { s.field(#proto_name, #value); });
            continue;
        };
        let Some(oneof) = msg.oneofs.get(o).filter(|_| !oneofs_done.contains(&o)) else {
            continue;
        };
        oneofs_done.push(o);
        let slot = format_ident!("{}", oneof.rust_field);
        let oneof_ty = format_ident!("{}", oneof.rust_type);
        let arms = oneof.fields.iter().filter_map(|&m| {
            let member = msg.fields.get(m)?;
            let variant = format_ident!("{}", member.rust_variant);
            let member_name = &member.name;
            let value = field_value(member, m, quote! { v });
            let binding = if member.options.pii {
                quote! { _ }
            } else {
                quote! { v }
            };
            Some(quote! {
                ::core::option::Option::Some(#module::#oneof_ty::#variant(#binding)) => {
                    s.field(#member_name, #value);
                }
            })
        });
        lines.push(quote! {
            match &self.#slot {
                #(#arms)*
                ::core::option::Option::None => {}
            }
        });
    }
    let enums = msg
        .fields
        .iter()
        .any(|f| !f.options.pii && matches!(f.ty, FieldType::Enum(_)));
    let fields = enums.then(|| {
        quote! { let fields = <Self as ::prost_vsco::MessageMeta>::INFO.fields; }
    });
    Ok(quote! {
        impl ::core::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #fields
                let mut s = f.debug_struct(#name);
                #(#lines)*
                s.finish()
            }
        }
    })
}

/// The `Debug` impls of the types of `files` that `plan` covers.
pub fn debug_impls(
    schema: &Schema,
    files: &[FileId],
    plan: &DebugRedaction,
) -> Result<Vec<syn::Item>, Error> {
    let mut items = Vec::new();
    for &file in files {
        let f = &schema.files[file];
        for &id in f.messages.iter().filter(|id| plan.messages.contains(id)) {
            let msg = &schema.messages[id];
            let ty = type_tokens(schema, msg.file, &msg.full_name, &msg.rust, None)?;
            items.push(parse(schema, file, message_debug(schema, msg, &ty)?)?);
            let module = message_module(schema, msg)?;
            for oneof in &msg.oneofs {
                let oneof_ty = format_ident!("{}", oneof.rust_type);
                let arms = oneof
                    .fields
                    .iter()
                    .filter_map(|&i| msg.fields.get(i))
                    .map(|field| {
                        let variant = format_ident!("{}", field.rust_variant);
                        let name = field.rust_variant.trim_start_matches("r#");
                        if field.options.pii {
                            quote! {
                                Self::#variant(_) => f
                                    .debug_tuple(#name)
                                    .field(&::prost_vsco::redact::Redacted)
                                    .finish(),
                            }
                        } else {
                            quote! {
                                Self::#variant(v) => f.debug_tuple(#name).field(v).finish(),
                            }
                        }
                    });
                items.push(parse(
                    schema,
                    file,
                    quote! {
                        impl ::core::fmt::Debug for #module::#oneof_ty {
                            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                                match self {
                                    #(#arms)*
                                }
                            }
                        }
                    },
                )?);
            }
        }
        for &id in f.enums.iter().filter(|id| plan.enums.contains(id)) {
            let en = &schema.enums[id];
            let ty = type_tokens(schema, en.file, &en.full_name, &en.rust, None)?;
            items.push(parse(
                schema,
                file,
                quote! {
                    impl ::core::fmt::Debug for #ty {
                        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            ::prost_vsco::redact::debug_enum(
                                *self as i32,
                                <Self as ::prost_vsco::EnumMeta>::INFO,
                                f,
                            )
                        }
                    }
                },
            )?);
        }
    }
    Ok(items)
}

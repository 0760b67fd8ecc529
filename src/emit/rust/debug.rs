//! Redacting `Debug` impls (see `model::redact`): one call into `prost_vsco::redact` per
//! message and enum, one arm per member for oneof enums.

use quote::{format_ident, quote};

use super::syntax::{message_module, parse, type_tokens};
use crate::error::Error;
use crate::model::redact::DebugRedaction;
use crate::model::{FileId, Schema};

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
            items.push(parse(
                schema,
                file,
                quote! {
                    impl ::core::fmt::Debug for #ty {
                        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            ::prost_vsco::redact::debug_message(self, f)
                        }
                    }
                },
            )?);
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

//! Oneof conveniences: for each oneof with a member trait (named in the model), the trait
//! and, for each of its message members, `From<Member> for TheOneof` and the trait's impl.

use quote::{format_ident, quote};

use super::syntax::{message_module, parse, tokens, type_tokens};
use crate::error::Error;
use crate::model::{FieldType, Message, Schema};

/// Oneof conveniences for one message: for each oneof with a
/// [`member_trait`](crate::model::Oneof::member_trait), the trait (its declaration, at
/// package level) and, for each of its members, `From<Member> for TheOneof` and the trait's
/// impl. Returns the declarations and the impls.
pub fn items(schema: &Schema, msg: &Message) -> Result<(Vec<syn::Item>, Vec<syn::Item>), Error> {
    let file = msg.file;
    let module = message_module(schema, msg)?;
    let (mut decls, mut impls) = (Vec::new(), Vec::new());
    for oneof in &msg.oneofs {
        let Some(member_trait) = &oneof.member_trait else {
            continue;
        };
        let name = &member_trait.name;
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
        for f in member_trait
            .members
            .iter()
            .filter_map(|&i| msg.fields.get(i))
        {
            let (FieldType::Message(m) | FieldType::Group(m)) = f.ty else {
                continue;
            };
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

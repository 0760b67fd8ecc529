//! Vendor key tables (`vendors=` parameter): one `VendorTables` impl per event root, holding a
//! constant table per selected profile. The keys come from the model; this only prints them.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::syntax::{parse, type_tokens};
use crate::error::Error;
use crate::model::vendor::{Slot, Table, VendorModel};
use crate::model::{FileId, Schema};
use prost_vsco::vendor::KeyProblem;

/// The `const _` block with the impls of `model`'s event roots; `None` when there is none.
pub fn tables_block(
    schema: &Schema,
    file: FileId,
    model: &VendorModel,
) -> Result<Option<syn::Item>, Error> {
    if model.events.is_empty() {
        return Ok(None);
    }
    let mut impls = Vec::new();
    for event in &model.events {
        let msg = &schema.messages[event.message];
        let ty = type_tokens(schema, msg.file, &msg.full_name, &msg.rust, None)?;
        // Profiles whose tables come out the same (the keys of most nesting profiles do)
        // share one arm and one constant.
        let mut groups: Vec<(String, TokenStream, Vec<proc_macro2::Ident>)> = Vec::new();
        for (vendor, table) in &event.tables {
            let variant = format_ident!("{}", format!("{vendor:?}"));
            let tokens = table_tokens(table);
            let text = tokens.to_string();
            match groups.iter_mut().find(|(t, _, _)| *t == text) {
                Some((_, _, variants)) => variants.push(variant),
                None => groups.push((text, tokens, vec![variant])),
            }
        }
        let arms = groups.iter().map(|(_, table, variants)| {
            quote! {
                #(B::#variants)|* => {
                    const TABLE: &T = &#table;
                    ::core::option::Option::Some(TABLE)
                }
            }
        });
        let doc = format!(
            " Vendor keys of `{}`, resolved at generation time.",
            msg.full_name
        );
        impls.push(quote! {
            #[doc = #doc]
            impl ::prost_vsco::vendor::VendorTables for #ty {
                fn vendor_table(profile: B) -> ::core::option::Option<&'static T> {
                    #[allow(unreachable_patterns)]
                    match profile {
                        #(#arms)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
        });
    }
    let block = quote! {
        const _: () = {
            #[allow(unused_imports)]
            use ::prost_vsco::vendor::{
                Builtin as B, FieldKey as K, KeyProblem as P, VendorTable as T,
            };
            #(#impls)*
        };
    };
    Ok(Some(parse(schema, file, block)?))
}

fn table_tokens(table: &Table) -> TokenStream {
    let fields = table.fields.iter().map(slot_tokens);
    let t = match &table.event_name {
        Some(Ok(name)) => quote! { T::event(#name, &[#(#fields),*]) },
        Some(Err((name, problem))) => {
            let problem = problem_tokens(*problem);
            quote! { T::invalid_event(#name, #problem, &[#(#fields),*]) }
        }
        None if table.relative => quote! { T::relative(&[#(#fields),*]) },
        None => quote! { T::new(&[#(#fields),*]) },
    };
    if table.clashes {
        quote! { #t.with_clashes() }
    } else if table.keys_apart {
        quote! { #t.with_keys_apart() }
    } else {
        t
    }
}

fn slot_tokens(slot: &Slot) -> TokenStream {
    match slot {
        Slot::Omit => quote! { K::Omit },
        Slot::Body => quote! { K::Body },
        Slot::Key { key, pii, nested } => {
            let mut t = quote! { K::key(#key) };
            if *pii {
                t = quote! { #t.pii() };
            }
            if let Some(nested) = nested {
                let nested = table_tokens(nested);
                t = quote! { #t.nested(&#nested) };
            }
            t
        }
        Slot::Invalid { key, pii, problem } => {
            let problem = problem_tokens(*problem);
            let t = quote! { K::invalid(#key, #problem) };
            if *pii {
                quote! { #t.pii() }
            } else {
                t
            }
        }
    }
}

fn problem_tokens(problem: KeyProblem) -> TokenStream {
    match problem {
        KeyProblem::Empty => quote! { P::Empty },
        KeyProblem::BadStart => quote! { P::BadStart },
        KeyProblem::Reserved => quote! { P::Reserved },
        KeyProblem::TooLong { len, max } => quote! { P::TooLong { len: #len, max: #max } },
    }
}

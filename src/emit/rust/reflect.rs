//! `Reflect` impls: one `match` arm per field per method, each a single call into
//! `::prost_vsco::codegen`, chosen by how prost stores the field.

use std::collections::BTreeMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::meta::{parse, tokens, type_tokens};
use crate::error::Error;
use crate::model::{Cardinality, Field, FieldType, Message, Schema};

/// How prost stores a field, which picks the runtime function of each arm.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// `T`: proto3 implicit presence, proto2 `required` scalars.
    Plain,
    /// `T`, a proto2 `required` scalar (cleared to its declared default).
    Required,
    /// `Option<T>`: message fields, `optional` scalars.
    Optional,
    Repeated,
    Map,
    /// A oneof member; the payload is `T` (or `Box<T>`).
    Member,
}

fn is_message(f: &Field) -> bool {
    matches!(f.ty, FieldType::Message(_) | FieldType::Group(_))
}

fn shape(f: &Field) -> Shape {
    if f.oneof.is_some() {
        return Shape::Member;
    }
    match f.cardinality {
        Cardinality::Repeated => Shape::Repeated,
        Cardinality::Map { .. } => Shape::Map,
        // prost stores required fields unwrapped, messages included.
        Cardinality::Required if is_message(f) => Shape::Plain,
        Cardinality::Required => Shape::Required,
        _ if is_message(f) => Shape::Optional,
        Cardinality::Optional => Shape::Optional,
        Cardinality::Implicit => Shape::Plain,
    }
}

/// The `impl Reflect` and `impl_message_element!` items for one message.
pub fn message_items(schema: &Schema, msg: &Message) -> Result<Vec<syn::Item>, Error> {
    let file = msg.file;
    let ty = type_tokens(schema, file, &msg.full_name, &msg.rust, None)?;
    let module = message_module(schema, msg)?;

    let mut keys: Vec<(&str, usize)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut get = Vec::new();
    let mut set = Vec::new();
    let mut clear = Vec::new();
    let mut get_mut = Vec::new();
    let mut defaults = Vec::new();
    // The read expression of each field (an `Option<Value>`), and how `visit` reaches it.
    let mut reads: Vec<TokenStream> = Vec::new();
    let mut writes: Vec<TokenStream> = Vec::new();
    let mut visits: Vec<(u32, Visit)> = Vec::new();
    for f in &msg.fields {
        seen.insert(f.name.as_str());
    }
    for (i, f) in msg.fields.iter().enumerate() {
        keys.push((&f.name, i));
    }
    for (i, f) in msg.fields.iter().enumerate() {
        if seen.insert(f.json_name.as_str()) {
            keys.push((&f.json_name, i));
        }
    }
    for (i, f) in msg.fields.iter().enumerate() {
        let (idx, i) = (i, Literal::usize_unsuffixed(i));
        let fi = quote!(&f[#i]);
        if let Some(o) = f.oneof {
            let oneof = &msg.oneofs[o];
            let slot = tokens(schema, file, &oneof.rust_field)?;
            let enum_ty = tokens(schema, file, &oneof.rust_type)?;
            let variant = tokens(schema, file, &f.rust_variant)?;
            let member = quote!(#module::#enum_ty::#variant);
            let read = quote!(match &self.#slot { Some(#member(v)) => R::get(v, #fi), _ => None });
            get.push(quote!(#i => #read,));
            reads.push(read);
            visits.push((
                f.number,
                Visit::Member {
                    oneof: o,
                    slot: slot.clone(),
                    arm: quote!(Some(#member(v)) => visit(#fi, &R::value(v, #fi)),),
                },
            ));
            let write = quote!(R::convert(value, #fi).map(|v| self.#slot = Some(#member(v))));
            set.push(quote!(#i => #write,));
            writes.push(write);
            clear.push((
                idx,
                quote!(if matches!(self.#slot, Some(#member(_))) { self.#slot = None; }),
            ));
            if is_message(f) {
                get_mut.push(quote!(#i => match &mut self.#slot { Some(#member(v)) => R::get_mut(v, #fi), _ => None },));
                defaults.push(quote!(#i => R::default_member(#member, #fi),));
            }
            continue;
        }
        let slot = tokens(schema, file, &f.rust_ident)?;
        let (g, s, m) = match shape(f) {
            Shape::Plain if is_message(f) => ("get", "set", Some("get_mut")),
            Shape::Plain | Shape::Required => ("get", "set", None),
            Shape::Optional if is_message(f) => ("get_opt", "set_opt", Some("get_mut_opt")),
            Shape::Optional => ("get_opt", "set_opt", None),
            Shape::Repeated => ("get_list", "set_list", Some("get_mut_list")),
            Shape::Map => ("get_map", "set_map", Some("get_mut_map")),
            Shape::Member => continue,
        };
        let (g, s) = (format_ident!("{g}"), format_ident!("{s}"));
        let read = quote!(R::#g(&self.#slot, #fi));
        get.push(quote!(#i => #read,));
        visits.push((f.number, Visit::Field(quote!(R::visit(#read, #fi, visit);))));
        reads.push(read);
        let write = quote!(R::#s(&mut self.#slot, value, #fi));
        set.push(quote!(#i => #write,));
        writes.push(write);
        if shape(f) == Shape::Required {
            clear.push((idx, quote!(R::reset(&mut self.#slot, #fi))));
        } else {
            clear.push((idx, quote!(R::clear(&mut self.#slot))));
        }
        if let Some(m) = m {
            let m = format_ident!("{m}");
            get_mut.push(quote!(#i => R::#m(&mut self.#slot, #fi),));
        }
        if shape(f) == Shape::Optional && is_message(f) {
            defaults.push(quote!(#i => R::default_opt(&self.#slot, #fi),));
        }
    }

    let table = quote!(let f = <Self as MessageMeta>::INFO.fields;);
    // `reset` needs the table for a `required` field's declared default.
    let clear_table = if msg
        .fields
        .iter()
        .any(|f| f.oneof.is_none() && shape(f) == Shape::Required)
    {
        table.clone()
    } else {
        quote!()
    };
    let body = if msg.fields.is_empty() {
        quote! {
            fn field_index(&self, _key: &str) -> Option<usize> { None }
            fn get_at(&self, _index: usize) -> Option<Value<'_>> { None }
            fn set_at(&mut self, index: usize, _value: OwnedValue) -> Result<(), ValueError> {
                Err(R::no_field(index))
            }
            fn clear_at(&mut self, _index: usize) {}
            fn mut_at(&mut self, _index: usize) -> Option<ValueMut<'_>> { None }
        }
    } else {
        let field_mut = if get_mut.is_empty() {
            quote!(
                fn mut_at(&mut self, _index: usize) -> Option<ValueMut<'_>> {
                    None
                }
            )
        } else {
            quote! {
                fn mut_at(&mut self, index: usize) -> Option<ValueMut<'_>> {
                    #table
                    match index { #(#get_mut)* _ => None }
                }
            }
        };
        let message_default = if defaults.is_empty() {
            quote!()
        } else {
            quote! {
                fn message_default(&self, index: usize) -> Option<Value<'static>> {
                    #table
                    match index { #(#defaults)* _ => None }
                }
            }
        };
        let lookup = key_lookup(&keys, |i| {
            let i = Literal::usize_unsuffixed(i);
            quote!(Some(#i))
        });
        let fused = key_lookup(&keys, |i| {
            let read = &reads[i];
            quote!(Some(#read))
        });
        let fused_set = key_lookup(&keys, |i| {
            let write = &writes[i];
            quote!(Some(#write))
        });
        let visit_body = visit_statements(visits);
        // A lone arm is an `if`, as clippy wants it.
        let clear_fn = match clear.as_slice() {
            [(i, body)] => {
                let i = Literal::usize_unsuffixed(*i);
                quote! {
                    fn clear_at(&mut self, index: usize) {
                        #clear_table
                        if index == #i { #body }
                    }
                }
            }
            arms => {
                let arms = arms.iter().map(|(i, body)| {
                    let i = Literal::usize_unsuffixed(*i);
                    quote!(#i => #body,)
                });
                quote! {
                    fn clear_at(&mut self, index: usize) {
                        #clear_table
                        match index { #(#arms)* _ => {} }
                    }
                }
            }
        };
        quote! {
            fn field_index(&self, key: &str) -> Option<usize> {
                #lookup
            }
            fn get_at(&self, index: usize) -> Option<Value<'_>> {
                #table
                match index { #(#get)* _ => None }
            }
            #[inline(always)]
            fn lookup(&self, key: &str) -> Option<Option<Value<'_>>> {
                #table
                #fused
            }
            #[inline(always)]
            fn assign(&mut self, key: &str, value: OwnedValue) -> Option<Result<(), ValueError>> {
                #table
                #fused_set
            }
            fn for_each_field(&self, visit: &mut dyn FnMut(&'static FieldInfo, &Value<'_>)) {
                #table
                #visit_body
            }
            fn set_at(&mut self, index: usize, value: OwnedValue) -> Result<(), ValueError> {
                #table
                match index { #(#set)* _ => Err(R::no_field(index)) }
            }
            #clear_fn
            #field_mut
            #message_default
        }
    };
    let reflect: syn::ItemImpl = parse(
        schema,
        file,
        quote! {
            impl Reflect for #ty {
                fn info(&self) -> &'static MessageInfo {
                    <Self as MessageMeta>::INFO
                }
                #body
            }
        },
    )?;
    let element: syn::ItemMacro = parse(
        schema,
        file,
        quote!(::prost_vsco::impl_message_element!(#ty);),
    )?;
    Ok(vec![syn::Item::Impl(reflect), syn::Item::Macro(element)])
}

/// Key to field index: a `match` on the key's length, then on the byte that tells the keys
/// of that length apart (repeated while more than one is left), then one comparison. A
/// lookup costs a couple of jumps and a single string compare, where a plain `match` on the
/// string compares against every key of the same length.
fn key_lookup(keys: &[(&str, usize)], leaf: impl Fn(usize) -> TokenStream + Copy) -> TokenStream {
    let mut by_len: BTreeMap<usize, Vec<(&str, usize)>> = BTreeMap::new();
    for &(k, i) in keys {
        by_len.entry(k.len()).or_default().push((k, i));
    }
    let arms = by_len.iter().map(|(len, group)| {
        let len = Literal::usize_unsuffixed(*len);
        let body = split_keys(group, leaf);
        quote!(#len => #body,)
    });
    quote!(match key.len() { #(#arms)* _ => None })
}

fn split_keys(group: &[(&str, usize)], leaf: impl Fn(usize) -> TokenStream + Copy) -> TokenStream {
    if let [(key, i)] = group {
        let found = leaf(*i);
        return quote!(if key == #key { #found } else { None });
    }
    let len = group.first().map_or(0, |(k, _)| k.len());
    let distinct = |p: usize| {
        group
            .iter()
            .map(|(k, _)| k.as_bytes()[p])
            .collect::<std::collections::BTreeSet<u8>>()
            .len()
    };
    // The position that splits the group most; keys of one length differ somewhere.
    let p = (0..len).rev().max_by_key(|&p| distinct(p)).unwrap_or(0);
    let mut by_byte: BTreeMap<u8, Vec<(&str, usize)>> = BTreeMap::new();
    for &(k, i) in group {
        by_byte.entry(k.as_bytes()[p]).or_default().push((k, i));
    }
    let arms = by_byte.iter().map(|(byte, sub)| {
        let byte = Literal::byte_character(*byte);
        let body = split_keys(sub, leaf);
        quote!(Some(#byte) => #body,)
    });
    let byte = if p == 0 {
        quote!(key.as_bytes().first())
    } else {
        let p = Literal::usize_unsuffixed(p);
        quote!(key.as_bytes().get(#p))
    };
    quote!(match #byte { #(#arms)* _ => None })
}

/// One field's part of the generated `visit`.
enum Visit {
    /// A statement reading a field that is not in a oneof.
    Field(TokenStream),
    /// A `match` arm of a oneof member.
    Member {
        oneof: usize,
        slot: TokenStream,
        arm: TokenStream,
    },
}

/// Straight-line statements that pass every field holding a value to `visit`, in
/// field-number order: no jump table per field, so iteration costs about what a hand-written
/// walk does. A oneof is one `match` where its members' numbers are contiguous, else one
/// `if let` per member.
fn visit_statements(mut visits: Vec<(u32, Visit)>) -> TokenStream {
    visits.sort_by_key(|(n, _)| *n);
    let mut out = Vec::new();
    let mut n = 0;
    while n < visits.len() {
        match &visits[n].1 {
            Visit::Field(stmt) => {
                out.push(stmt.clone());
                n += 1;
            }
            Visit::Member { oneof, slot, .. } => {
                let run: Vec<&TokenStream> = visits[n..]
                    .iter()
                    .map_while(|(_, v)| match v {
                        Visit::Member { oneof: o, arm, .. } if o == oneof => Some(arm),
                        _ => None,
                    })
                    .collect();
                let total = visits
                    .iter()
                    .filter(|(_, v)| matches!(v, Visit::Member { oneof: o, .. } if o == oneof))
                    .count();
                n += run.len();
                if run.len() == total {
                    out.push(quote!(match &self.#slot { #(#run)* _ => {} }));
                } else {
                    for arm in run {
                        let arm: TokenStream = arm.clone();
                        out.push(quote!(match &self.#slot { #arm _ => {} }));
                    }
                }
            }
        }
    }
    quote!(#(#out)*)
}

/// `self::parent::message_module`: where prost puts the message's nested types.
pub fn message_module(schema: &Schema, msg: &Message) -> Result<TokenStream, Error> {
    let mut parts = vec!["self".to_string()];
    parts.extend(msg.rust.modules.iter().cloned());
    parts.push(crate::model::names::to_snake(&msg.name));
    tokens(schema, msg.file, &parts.join("::"))
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

//! Static metadata tables: `MessageMeta` and `EnumMeta` impls for every generated type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use syn::{Expr, Item, Stmt};

use super::syntax::{self, parse, parse_str, type_tokens};
use super::{doc, oneof, reflect};
use crate::error::Error;
use crate::model::{Cardinality, Comments, Enum, FieldType, FileId, Message, Scalar, Schema};
use crate::params::Params;

/// What [`package_meta`] writes for one package.
pub struct PackageMeta {
    /// The oneof member traits, then one `const _` block with the metadata impls and the
    /// oneof conveniences.
    pub items: Vec<syn::Item>,
    /// One `reflect!` invocation per message (and `impl_serde!` with `serde`), as text.
    pub reflect: String,
}

/// The impls for every message and enum of `files` that prost generates (not `extern_path`
/// types, not map entries), inside one `const _` block so the short `use` names cannot clash
/// with the package's own types.
pub fn package_meta(
    schema: &Schema,
    files: &[FileId],
    params: &Params,
    vendor: &crate::model::vendor::VendorModel,
) -> Result<PackageMeta, Error> {
    let mut items = Vec::new();
    let mut reflect = String::new();
    let mut decls = Vec::new();
    let mut types: Vec<syn::Type> = Vec::new();
    let mut type_paths: Vec<String> = Vec::new();
    for &file in files {
        let f = &schema.files[file];
        for &m in &f.messages {
            let msg = &schema.messages[m];
            if msg.external.is_none() {
                let path = schema.type_path_from(msg.file, &msg.full_name, &msg.rust, None);
                types.push(parse_str(schema, file, &path)?);
                type_paths.push(path);
                items.push(Item::Impl(message_impl(schema, msg)?));
                let flags = reflect::VendorFlags {
                    tables: vendor.events.iter().any(|e| e.message == m),
                    fields: vendor.walked.contains(&m),
                };
                reflect.push_str(&reflect::message_reflect(
                    schema,
                    msg,
                    flags,
                    params.defer_codegen,
                )?);
                if !params.no_oneof_impls {
                    let (d, i) = oneof::items(schema, msg)?;
                    decls.extend(d);
                    items.extend(i);
                }
            }
        }
        for &e in &f.enums {
            let en = &schema.enums[e];
            if en.external.is_none() {
                items.push(Item::Impl(enum_impl(schema, en)?));
            }
        }
    }
    if params.serde && !type_paths.is_empty() {
        reflect.push_str(&serde_impls(&type_paths));
    }
    if !types.is_empty() {
        decls.push(parse(
            schema,
            files.first().copied().unwrap_or_default(),
            quote! {
                /// This package's message types, for a `prost_vsco::json::TypeRegistry` (the
                /// types a `google.protobuf.Any` may hold in JSON).
                pub const MESSAGE_TYPES: &[::prost_vsco::json::MessageType] = &[
                    #(::prost_vsco::json::MessageType::of::<#types>(),)*
                ];
            },
        )?);
    }
    if items.is_empty() {
        return Ok(PackageMeta {
            items: decls,
            reflect,
        });
    }
    let mut block: syn::ItemConst = parse(
        schema,
        files.first().copied().unwrap_or_default(),
        quote! {
            const _: () = {
                #[allow(unused_imports)]
                use ::prost_vsco::meta::{
                    Cardinality as C, EnumInfo, EnumValueInfo as V, FieldInfo as F,
                    FieldOptions as O, Kind as K, MessageInfo, MessageOptions, OneofInfo,
                };
            };
        },
    )?;
    if let Expr::Block(b) = &mut *block.expr {
        b.block.stmts.extend(items.into_iter().map(Stmt::Item));
    }
    decls.push(Item::Const(block));
    Ok(PackageMeta {
        items: decls,
        reflect,
    })
}

/// `::prost_vsco::impl_serde!(...)` for every message of the package, one per line.
fn serde_impls(type_paths: &[String]) -> String {
    let mut out = String::from("::prost_vsco::impl_serde!(\n");
    for path in type_paths {
        out.push_str("    ");
        out.push_str(path);
        out.push_str(",\n");
    }
    out.push_str(");\n");
    out
}

/// Which metadata trait an impl is for.
#[derive(Clone, Copy)]
enum Meta {
    Message,
    Enum,
}

/// `impl ::prost_vsco::{Message,Enum}Meta for Type { const INFO: .. = &table; }` with the
/// element's comments as docs: the skeleton goes through `quote!`/syn, the table is put in
/// as a built expression.
fn meta_impl(
    schema: &Schema,
    file: FileId,
    comments: &Comments,
    ty: TokenStream,
    meta: Meta,
    table: Expr,
) -> Result<syn::ItemImpl, Error> {
    let docs = doc::attrs(comments);
    let (trait_name, info_type) = match meta {
        Meta::Message => (quote!(MessageMeta), quote!(MessageInfo)),
        Meta::Enum => (quote!(EnumMeta), quote!(EnumInfo)),
    };
    let mut skeleton: syn::ItemImpl = parse(
        schema,
        file,
        quote! {
            #docs
            impl ::prost_vsco::#trait_name for #ty {
                const INFO: &'static #info_type = &();
            }
        },
    )?;
    if let Some(syn::ImplItem::Const(c)) = skeleton.items.first_mut() {
        c.expr = syntax::reference(table);
    }
    Ok(skeleton)
}

fn lit(s: &str) -> Literal {
    Literal::string(s)
}

fn scalar_kind(s: Scalar) -> Expr {
    let variant = match s {
        Scalar::Double => "Double",
        Scalar::Float => "Float",
        Scalar::Int64 => "Int64",
        Scalar::Uint64 => "Uint64",
        Scalar::Int32 => "Int32",
        Scalar::Fixed64 => "Fixed64",
        Scalar::Fixed32 => "Fixed32",
        Scalar::Bool => "Bool",
        Scalar::String => "String",
        Scalar::Bytes => "Bytes",
        Scalar::Uint32 => "Uint32",
        Scalar::Sfixed32 => "Sfixed32",
        Scalar::Sfixed64 => "Sfixed64",
        Scalar::Sint32 => "Sint32",
        Scalar::Sint64 => "Sint64",
    };
    syntax::path(&["K", variant])
}

fn kind(schema: &Schema, file: FileId, ty: FieldType) -> Result<Expr, Error> {
    let (variant, name) = match ty {
        FieldType::Scalar(s) => return Ok(scalar_kind(s)),
        FieldType::Enum(e) => {
            let en = &schema.enums[e];
            let path = type_tokens(
                schema,
                file,
                &en.full_name,
                &en.rust,
                en.external.as_deref(),
            )?;
            let info = parse(
                schema,
                file,
                quote!(<#path as ::prost_vsco::EnumMeta>::INFO),
            )?;
            return Ok(syntax::call(syntax::path(&["K", "Enum"]), vec![info]));
        }
        FieldType::Message(m) => ("Message", &schema.messages[m].full_name),
        FieldType::Group(m) => ("Group", &schema.messages[m].full_name),
    };
    Ok(syntax::call(
        syntax::path(&["K", variant]),
        vec![syntax::str_lit(name)],
    ))
}

fn message_impl(schema: &Schema, msg: &Message) -> Result<syn::ItemImpl, Error> {
    let mut fields = Vec::with_capacity(msg.fields.len());
    for f in &msg.fields {
        let card = match f.cardinality {
            Cardinality::Implicit => syntax::path(&["C", "Implicit"]),
            Cardinality::Optional => syntax::path(&["C", "Optional"]),
            Cardinality::Required => syntax::path(&["C", "Required"]),
            Cardinality::Repeated => syntax::path(&["C", "Repeated"]),
            Cardinality::Map { key, .. } => {
                syntax::call(syntax::path(&["C", "Map"]), vec![scalar_kind(key)])
            }
        };
        let mut field = syntax::call(
            syntax::path(&["F", "new"]),
            vec![
                syntax::str_lit(&f.name),
                syntax::str_lit(&f.json_name),
                syntax::int_lit(i64::from(f.number)),
                kind(schema, msg.file, f.ty)?,
                card,
            ],
        );
        if let Some(o) = f.oneof {
            field = syntax::method(field, "with_oneof", vec![syntax::int_lit(o as i64)]);
        }
        if let Some(d) = &f.default {
            field = syntax::method(field, "with_default", vec![syntax::str_lit(d)]);
            if let Some(b) = &f.default_bytes {
                let bytes = syn::LitByteStr::new(b, proc_macro2::Span::call_site());
                field =
                    syntax::method(field, "with_default_bytes", vec![syn::parse_quote!(#bytes)]);
            }
        }
        if f.deprecated {
            field = syntax::method(field, "with_deprecated", vec![]);
        }
        if let Some(options) = field_options(schema, msg.file, &f.options, f.json)? {
            field = syntax::method(field, "with_options", vec![options]);
        }
        fields.push(field);
    }
    let mut info = syntax::call(
        syntax::path(&["MessageInfo", "new"]),
        vec![syntax::str_lit(&msg.full_name), syntax::slice(fields)],
    );
    if !msg.oneofs.is_empty() {
        let oneofs = msg
            .oneofs
            .iter()
            .map(|o| {
                let members = o
                    .fields
                    .iter()
                    .map(|i| syntax::int_lit(*i as i64))
                    .collect();
                syntax::call(
                    syntax::path(&["OneofInfo", "new"]),
                    vec![syntax::str_lit(&o.name), syntax::slice(members)],
                )
            })
            .collect();
        info = syntax::method(info, "with_oneofs", vec![syntax::slice(oneofs)]);
    }
    let order = msg.number_order();
    if order.iter().enumerate().any(|(n, &i)| n != i) {
        let order = order
            .into_iter()
            .map(|i| syntax::int_lit(i as i64))
            .collect();
        info = syntax::method(info, "with_number_order", vec![syntax::slice(order)]);
    }
    let ranks = msg.key_ranks();
    for (ranks, method) in [
        (ranks.names, "with_name_ranks"),
        (ranks.json, "with_json_ranks"),
    ] {
        if let Some(ranks) = ranks {
            let ranks = ranks
                .into_iter()
                .map(|r| syntax::int_lit(i64::from(r)))
                .collect();
            info = syntax::method(info, method, vec![syntax::slice(ranks)]);
        }
    }
    if msg.deprecated {
        info = syntax::method(info, "with_deprecated", vec![]);
    }
    if let Some(event_name) = &msg.event_name {
        let event_name = lit(event_name);
        let options = parse(
            schema,
            msg.file,
            quote!(MessageOptions { event_name: ::core::option::Option::Some(#event_name) }),
        )?;
        info = syntax::method(info, "with_options", vec![options]);
    }
    let ty = type_tokens(schema, msg.file, &msg.full_name, &msg.rust, None)?;
    meta_impl(schema, msg.file, &msg.comments, ty, Meta::Message, info)
}

/// `O { legacy_key: .., ..O::NONE }`, or `None` when no option is set.
fn field_options(
    schema: &Schema,
    file: FileId,
    o: &crate::model::options::FieldOptions,
    json: prost_vsco::json::FieldFormat,
) -> Result<Option<Expr>, Error> {
    let mut opts = Vec::new();
    if !o.legacy_key.is_empty() {
        let v = lit(&o.legacy_key);
        opts.push(quote!(legacy_key: ::core::option::Option::Some(#v)));
    }
    if !o.aliases.is_empty() {
        let v = o.aliases.iter().map(|a| lit(a));
        opts.push(quote!(aliases: &[#(#v),*]));
    }
    if !o.vendor_key.is_empty() {
        let v = lit(&o.vendor_key);
        opts.push(quote!(vendor_key: ::core::option::Option::Some(#v)));
    }
    if o.pii {
        opts.push(quote!(pii: true));
    }
    if o.omit_from_map {
        opts.push(quote!(omit_from_map: true));
    }
    if !json.is_none() {
        let json = json_format_expr(json);
        opts.push(quote!(json: #json));
    }
    if opts.is_empty() {
        return Ok(None);
    }
    parse(schema, file, quote!(O { #(#opts,)* ..O::NONE })).map(Some)
}

/// `::prost_vsco::json::FieldFormat::NONE.bytes(..)...`, a constant expression.
fn json_format_expr(f: prost_vsco::json::FieldFormat) -> proc_macro2::TokenStream {
    let mut e = quote!(::prost_vsco::json::FieldFormat::NONE);
    for (choice, form) in crate::model::json::json_choices(f) {
        let ident = |s: &str| proc_macro2::Ident::new(s, proc_macro2::Span::call_site());
        let (method, ty, form) = (
            ident(choice.name()),
            ident(choice.type_names().0),
            ident(form.rust),
        );
        e = quote!(#e.#method(::prost_vsco::json::#ty::#form));
    }
    e
}

fn enum_impl(schema: &Schema, en: &Enum) -> Result<syn::ItemImpl, Error> {
    let values = en
        .values
        .iter()
        .map(|v| {
            let value = syntax::call(
                syntax::path(&["V", "new"]),
                vec![
                    syntax::str_lit(&v.name),
                    syntax::int_lit(i64::from(v.number)),
                ],
            );
            if v.deprecated {
                syntax::method(value, "with_deprecated", vec![])
            } else {
                value
            }
        })
        .collect();
    let info = syntax::call(
        syntax::path(&["EnumInfo", "new"]),
        vec![syntax::str_lit(&en.full_name), syntax::slice(values)],
    );
    let ty = type_tokens(schema, en.file, &en.full_name, &en.rust, None)?;
    meta_impl(schema, en.file, &en.comments, ty, Meta::Enum, info)
}

//! Static metadata tables: `MessageMeta` and `EnumMeta` impls for every generated type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use syn::{Expr, Item, Stmt};

use super::{ast, doc};
use crate::error::Error;
use crate::model::{
    Cardinality, Comments, Enum, FieldType, FileId, Message, RustPath, Scalar, Schema,
};

/// The impls for every message and enum of `files` that prost generates (not `extern_path`
/// types, not map entries), inside one `const _` block so the short `use` names cannot clash
/// with the package's own types.
pub fn package_meta(schema: &Schema, files: &[FileId]) -> Result<Option<syn::Item>, Error> {
    let mut items = Vec::new();
    for &file in files {
        let f = &schema.files[file];
        for &m in &f.messages {
            let msg = &schema.messages[m];
            if msg.external.is_none() {
                items.push(message_impl(schema, msg)?);
            }
        }
        for &e in &f.enums {
            let en = &schema.enums[e];
            if en.external.is_none() {
                items.push(enum_impl(schema, en)?);
            }
        }
    }
    if items.is_empty() {
        return Ok(None);
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
        b.block
            .stmts
            .extend(items.into_iter().map(|i| Stmt::Item(Item::Impl(i))));
    }
    Ok(Some(Item::Const(block)))
}

/// Parses a small `quote!` skeleton; failure is a bug of this plugin.
fn parse<T: syn::parse::Parse>(
    schema: &Schema,
    file: FileId,
    tokens: TokenStream,
) -> Result<T, Error> {
    syn::parse2(tokens).map_err(|e| Error::Internal {
        file: schema
            .files
            .get(file)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        message: format!("generated Rust does not parse: {e}"),
    })
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
    rust: &RustPath,
    meta: Meta,
    table: Expr,
) -> Result<syn::ItemImpl, Error> {
    let ty = type_path(schema, file, rust)?;
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
        c.expr = ast::reference(table);
    }
    Ok(skeleton)
}

/// The type's path from its package module. Identifiers come from the model, already
/// escaped as prost escapes them; one that does not lex is a bug of the model.
fn type_path(schema: &Schema, file: FileId, path: &RustPath) -> Result<TokenStream, Error> {
    let text = path.to_path_string();
    text.parse().map_err(|e| Error::Internal {
        file: schema.files[file].name.clone(),
        message: format!("type path `{text}` does not lex: {e}"),
    })
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
    ast::path(&["K", variant])
}

fn kind(schema: &Schema, ty: FieldType) -> Expr {
    let (variant, name) = match ty {
        FieldType::Scalar(s) => return scalar_kind(s),
        FieldType::Enum(e) => ("Enum", &schema.enums[e].full_name),
        FieldType::Message(m) => ("Message", &schema.messages[m].full_name),
        FieldType::Group(m) => ("Group", &schema.messages[m].full_name),
    };
    ast::call(ast::path(&["K", variant]), vec![ast::str_lit(name)])
}

fn message_impl(schema: &Schema, msg: &Message) -> Result<syn::ItemImpl, Error> {
    let mut fields = Vec::with_capacity(msg.fields.len());
    for f in &msg.fields {
        let card = match f.cardinality {
            Cardinality::Implicit => ast::path(&["C", "Implicit"]),
            Cardinality::Optional => ast::path(&["C", "Optional"]),
            Cardinality::Required => ast::path(&["C", "Required"]),
            Cardinality::Repeated => ast::path(&["C", "Repeated"]),
            Cardinality::Map { key, .. } => {
                ast::call(ast::path(&["C", "Map"]), vec![scalar_kind(key)])
            }
        };
        let mut field = ast::call(
            ast::path(&["F", "new"]),
            vec![
                ast::str_lit(&f.name),
                ast::str_lit(&f.json_name),
                ast::int_lit(i64::from(f.number)),
                kind(schema, f.ty),
                card,
            ],
        );
        if let Some(o) = f.oneof {
            field = ast::method(field, "with_oneof", vec![ast::int_lit(o as i64)]);
        }
        if let Some(d) = &f.default {
            field = ast::method(field, "with_default", vec![ast::str_lit(d)]);
        }
        if f.deprecated {
            field = ast::method(field, "with_deprecated", vec![]);
        }
        if let Some(options) = field_options(schema, msg.file, &f.options)? {
            field = ast::method(field, "with_options", vec![options]);
        }
        fields.push(field);
    }
    let mut info = ast::call(
        ast::path(&["MessageInfo", "new"]),
        vec![ast::str_lit(&msg.full_name), ast::slice(fields)],
    );
    if !msg.oneofs.is_empty() {
        let oneofs = msg
            .oneofs
            .iter()
            .map(|o| {
                let members = o.fields.iter().map(|i| ast::int_lit(*i as i64)).collect();
                ast::call(
                    ast::path(&["OneofInfo", "new"]),
                    vec![ast::str_lit(&o.name), ast::slice(members)],
                )
            })
            .collect();
        info = ast::method(info, "with_oneofs", vec![ast::slice(oneofs)]);
    }
    if msg.deprecated {
        info = ast::method(info, "with_deprecated", vec![]);
    }
    if let Some(event_name) = &msg.event_name {
        let event_name = lit(event_name);
        let options = parse(
            schema,
            msg.file,
            quote!(MessageOptions { event_name: ::core::option::Option::Some(#event_name) }),
        )?;
        info = ast::method(info, "with_options", vec![options]);
    }
    meta_impl(
        schema,
        msg.file,
        &msg.comments,
        &msg.rust,
        Meta::Message,
        info,
    )
}

/// `O { legacy_key: .., ..O::NONE }`, or `None` when no option is set.
fn field_options(
    schema: &Schema,
    file: FileId,
    o: &crate::model::options::FieldOptions,
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
    if opts.is_empty() {
        return Ok(None);
    }
    parse(schema, file, quote!(O { #(#opts,)* ..O::NONE })).map(Some)
}

fn enum_impl(schema: &Schema, en: &Enum) -> Result<syn::ItemImpl, Error> {
    let values = en
        .values
        .iter()
        .map(|v| {
            let value = ast::call(
                ast::path(&["V", "new"]),
                vec![ast::str_lit(&v.name), ast::int_lit(i64::from(v.number))],
            );
            if v.deprecated {
                ast::method(value, "with_deprecated", vec![])
            } else {
                value
            }
        })
        .collect();
    let info = ast::call(
        ast::path(&["EnumInfo", "new"]),
        vec![ast::str_lit(&en.full_name), ast::slice(values)],
    );
    meta_impl(schema, en.file, &en.comments, &en.rust, Meta::Enum, info)
}

//! Static metadata tables: `MessageMeta` and `EnumMeta` impls for every generated type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::doc;
use crate::error::Error;
use crate::model::{Cardinality, Enum, FieldType, FileId, Message, RustPath, Scalar, Schema};

/// The impls for every message and enum of `files` that prost generates (not `extern_path`
/// types, not map entries), inside one `const _` block so the short `use` names cannot clash
/// with the package's own types.
pub fn package_meta(schema: &Schema, files: &[FileId]) -> Result<TokenStream, Error> {
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
        return Ok(TokenStream::new());
    }
    Ok(quote! {
        const _: () = {
            #[allow(unused_imports)]
            use ::prost_vsco::meta::{
                Cardinality as C, EnumInfo, EnumValueInfo as V, FieldInfo as F,
                FieldOptions as O, Kind as K, MessageInfo, MessageOptions, OneofInfo,
            };
            #(#items)*
        };
    })
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

fn scalar_kind(s: Scalar) -> TokenStream {
    match s {
        Scalar::Double => quote!(K::Double),
        Scalar::Float => quote!(K::Float),
        Scalar::Int64 => quote!(K::Int64),
        Scalar::Uint64 => quote!(K::Uint64),
        Scalar::Int32 => quote!(K::Int32),
        Scalar::Fixed64 => quote!(K::Fixed64),
        Scalar::Fixed32 => quote!(K::Fixed32),
        Scalar::Bool => quote!(K::Bool),
        Scalar::String => quote!(K::String),
        Scalar::Bytes => quote!(K::Bytes),
        Scalar::Uint32 => quote!(K::Uint32),
        Scalar::Sfixed32 => quote!(K::Sfixed32),
        Scalar::Sfixed64 => quote!(K::Sfixed64),
        Scalar::Sint32 => quote!(K::Sint32),
        Scalar::Sint64 => quote!(K::Sint64),
    }
}

fn kind(schema: &Schema, ty: FieldType) -> TokenStream {
    match ty {
        FieldType::Scalar(s) => scalar_kind(s),
        FieldType::Enum(e) => {
            let name = lit(&schema.enums[e].full_name);
            quote!(K::Enum(#name))
        }
        FieldType::Message(m) => {
            let name = lit(&schema.messages[m].full_name);
            quote!(K::Message(#name))
        }
        FieldType::Group(m) => {
            let name = lit(&schema.messages[m].full_name);
            quote!(K::Group(#name))
        }
    }
}

fn message_impl(schema: &Schema, msg: &Message) -> Result<TokenStream, Error> {
    let ty = type_path(schema, msg.file, &msg.rust)?;
    let full_name = lit(&msg.full_name);
    let fields = msg.fields.iter().map(|f| {
        let name = lit(&f.name);
        let json = lit(&f.json_name);
        let number = Literal::u32_unsuffixed(f.number);
        let kind = kind(schema, f.ty);
        let card = match f.cardinality {
            Cardinality::Implicit => quote!(C::Implicit),
            Cardinality::Optional => quote!(C::Optional),
            Cardinality::Required => quote!(C::Required),
            Cardinality::Repeated => quote!(C::Repeated),
            Cardinality::Map { key, .. } => {
                let key = scalar_kind(key);
                quote!(C::Map(#key))
            }
        };
        let mut field = quote!(F::new(#name, #json, #number, #kind, #card));
        if let Some(o) = f.oneof {
            let o = Literal::usize_unsuffixed(o);
            field = quote!(#field.with_oneof(#o));
        }
        if let Some(d) = &f.default {
            let d = lit(d);
            field = quote!(#field.with_default(#d));
        }
        if f.deprecated {
            field = quote!(#field.with_deprecated());
        }
        let o = &f.options;
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
        if !opts.is_empty() {
            field = quote!(#field.with_options(O { #(#opts,)* ..O::NONE }));
        }
        field
    });
    let mut info = quote!(MessageInfo::new(#full_name, &[#(#fields),*]));
    if !msg.oneofs.is_empty() {
        let oneofs = msg.oneofs.iter().map(|o| {
            let name = lit(&o.name);
            let members = o.fields.iter().map(|i| Literal::usize_unsuffixed(*i));
            quote!(OneofInfo::new(#name, &[#(#members),*]))
        });
        info = quote!(#info.with_oneofs(&[#(#oneofs),*]));
    }
    if msg.deprecated {
        info = quote!(#info.with_deprecated());
    }
    if let Some(event_name) = &msg.event_name {
        let event_name = lit(event_name);
        info = quote!(#info.with_options(MessageOptions { event_name: ::core::option::Option::Some(#event_name) }));
    }
    let docs = doc::attrs(&msg.comments);
    Ok(quote! {
        #docs
        impl ::prost_vsco::MessageMeta for #ty {
            const INFO: &'static MessageInfo = &#info;
        }
    })
}

fn enum_impl(schema: &Schema, en: &Enum) -> Result<TokenStream, Error> {
    let ty = type_path(schema, en.file, &en.rust)?;
    let full_name = lit(&en.full_name);
    let values = en.values.iter().map(|v| {
        let name = lit(&v.name);
        let number = Literal::i32_unsuffixed(v.number);
        if v.deprecated {
            quote!(V::new(#name, #number).with_deprecated())
        } else {
            quote!(V::new(#name, #number))
        }
    });
    let docs = doc::attrs(&en.comments);
    Ok(quote! {
        #docs
        impl ::prost_vsco::EnumMeta for #ty {
            const INFO: &'static EnumInfo = &EnumInfo::new(#full_name, &[#(#values),*]);
        }
    })
}

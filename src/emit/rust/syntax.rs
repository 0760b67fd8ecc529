//! Syntax helpers for every Rust emitter: small builders for syn expressions, parsing of
//! `quote!` skeletons and of the model's paths, and token forms of the model's names.
//!
//! Metadata tables are thousands of near-identical expressions; building their syntax trees
//! directly, instead of parsing `quote!` output with syn's expression parser, keeps generation
//! within the speed budget (the parse cost as much as prost-build's whole run). Item skeletons
//! are still written with `quote!` and parsed.

use proc_macro2::{Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{Expr, ExprArray, ExprCall, ExprLit, ExprMethodCall, ExprPath, ExprReference, Lit};

use crate::error::Error;
use crate::model::{FileId, Message, RustPath, Schema};

fn span() -> Span {
    Span::call_site()
}

pub fn str_lit(s: &str) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::Str(syn::LitStr::new(s, span())),
    })
}

/// An unsuffixed integer literal, negated for negative values.
pub fn int_lit(v: i64) -> Expr {
    let lit = Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit: Lit::Int(syn::LitInt::new(&v.unsigned_abs().to_string(), span())),
    });
    if v < 0 {
        Expr::Unary(syn::ExprUnary {
            attrs: Vec::new(),
            op: syn::UnOp::Neg(Default::default()),
            expr: Box::new(lit),
        })
    } else {
        lit
    }
}

/// `A::B::C` from identifiers known to be valid.
pub fn path(segments: &[&str]) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: syn::Path {
            leading_colon: None,
            segments: segments
                .iter()
                .map(|s| syn::PathSegment::from(syn::Ident::new(s, span())))
                .collect(),
        },
    })
}

pub fn call(func: Expr, args: Vec<Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

pub fn method(receiver: Expr, name: &str, args: Vec<Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: syn::Ident::new(name, span()),
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `&expr`
pub fn reference(expr: Expr) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

/// `&[a, b, c]`
pub fn slice(elems: Vec<Expr>) -> Expr {
    let mut punctuated = Punctuated::new();
    for e in elems {
        punctuated.push(e);
    }
    reference(Expr::Array(ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: punctuated,
    }))
}

/// An internal error (a bug of this plugin) in the output for `file`.
fn internal(schema: &Schema, file: FileId, message: String) -> Error {
    Error::Internal {
        file: schema
            .files
            .get(file)
            .map(|f| f.name.clone())
            .unwrap_or_default(),
        message,
    }
}

/// Parses a small `quote!` skeleton; failure is a bug of this plugin.
pub fn parse<T: syn::parse::Parse>(
    schema: &Schema,
    file: FileId,
    tokens: TokenStream,
) -> Result<T, Error> {
    syn::parse2(tokens)
        .map_err(|e| internal(schema, file, format!("generated Rust does not parse: {e}")))
}

/// Parses a path or type written by the model; failure is a bug of this plugin.
pub fn parse_str<T: syn::parse::Parse>(
    schema: &Schema,
    file: FileId,
    text: &str,
) -> Result<T, Error> {
    let tokens = text
        .parse::<TokenStream>()
        .map_err(|e| internal(schema, file, format!("generated Rust does not lex: {e}")))?;
    parse(schema, file, tokens)
}

/// Tokens of a path or identifier from the model, already escaped as prost escapes them;
/// one that does not lex is a bug of the model.
pub fn tokens(schema: &Schema, file: FileId, text: &str) -> Result<TokenStream, Error> {
    text.parse()
        .map_err(|e| internal(schema, file, format!("`{text}` does not lex: {e}")))
}

/// A message's or enum's path as written in the package module of `file`; `self::` keeps
/// it clear of the short names imported in the `const _` block.
pub fn type_tokens(
    schema: &Schema,
    file: FileId,
    full_name: &str,
    rust: &RustPath,
    external: Option<&str>,
) -> Result<TokenStream, Error> {
    tokens(
        schema,
        file,
        &schema.type_path_from(file, full_name, rust, external),
    )
}

/// `self::parent::message_module`: where prost puts the message's nested types.
pub fn message_module_path(msg: &Message) -> String {
    format!("self::{}", msg.nested_module)
}

/// [`message_module_path`] as tokens.
pub fn message_module(schema: &Schema, msg: &Message) -> Result<TokenStream, Error> {
    tokens(schema, msg.file, &message_module_path(msg))
}

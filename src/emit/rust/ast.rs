//! Small builders for syn expressions.
//!
//! Metadata tables are thousands of near-identical expressions; building their syntax trees
//! directly, instead of parsing `quote!` output with syn's expression parser, keeps generation
//! within the speed budget (the parse cost as much as prost-build's whole run). Item skeletons
//! are still written with `quote!` and parsed.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Expr, ExprArray, ExprCall, ExprLit, ExprMethodCall, ExprPath, ExprReference, Lit};

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

//! Rust naming exactly as prost-build 0.14 does it (`ident.rs`, `path.rs`, `extern_paths.rs`).
//!
//! Everything that turns a protobuf name into a Rust name lives here, so that emitters never
//! convert case themselves and a change in prost-build has one place to be mirrored.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Escapes an identifier the way prost-build does: raw identifiers for keywords, a `_` suffix
/// for keywords that cannot be raw, a `_` prefix for a leading digit.
pub fn sanitize_identifier(ident: &str) -> String {
    match ident {
        "as" | "break" | "const" | "continue" | "else" | "enum" | "false" | "fn" | "for" | "if"
        | "impl" | "in" | "let" | "loop" | "match" | "mod" | "move" | "mut" | "pub" | "ref"
        | "return" | "static" | "struct" | "trait" | "true" | "type" | "unsafe" | "use"
        | "where" | "while" | "dyn" | "abstract" | "become" | "box" | "do" | "final" | "macro"
        | "override" | "priv" | "typeof" | "unsized" | "virtual" | "yield" | "async" | "await"
        | "try" | "gen" => format!("r#{ident}"),
        "_" | "super" | "self" | "Self" | "extern" | "crate" => format!("{ident}_"),
        s if s.starts_with(|c: char| c.is_numeric()) => format!("_{ident}"),
        _ => ident.to_string(),
    }
}

/// `lower_snake` Rust identifier for a field, oneof or module.
pub fn to_snake(s: &str) -> String {
    sanitize_identifier(&s.to_snake_case())
}

/// `UpperCamel` Rust identifier for a type or variant.
pub fn to_upper_camel(s: &str) -> String {
    sanitize_identifier(&s.to_upper_camel_case())
}

/// Strips the enum's name from the front of a variant name when it is a true prefix.
pub fn strip_enum_prefix(prefix: &str, name: &str) -> String {
    let stripped = name.strip_prefix(prefix).unwrap_or(name);
    let stripped = if stripped.chars().next().is_some_and(char::is_uppercase) {
        stripped
    } else {
        name
    };
    sanitize_identifier(stripped)
}

/// The JSON name protoc derives from a field name when `json_name` is not given.
pub fn default_json_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper_next = false;
    for c in name.chars() {
        if c == '_' {
            upper_next = true;
        } else if upper_next {
            out.extend(c.to_uppercase());
            upper_next = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// prost-build's path matcher order for `fq_path`: the path, its suffixes, its prefixes, `.`.
fn sub_paths(fq_path: &str) -> impl Iterator<Item = &str> {
    let suffixes = std::iter::successors(Some(fq_path), |path| {
        path.split_once('.')
            .map(|x| x.1)
            .filter(|path| !path.is_empty())
    })
    .skip(1);
    let prefixes = std::iter::successors(Some(fq_path), |path| {
        path.rsplit_once('.')
            .map(|x| x.0)
            .filter(|path| !path.is_empty())
    })
    .skip(1);
    std::iter::once(fq_path)
        .chain(suffixes)
        .chain(prefixes)
        .chain(std::iter::once("."))
}

/// Whether any of `matchers` selects the field `fq_message.field` under prost-build's rules
/// (used for `btree_map`, `bytes` and `boxed`).
pub fn path_matches(matchers: &[String], fq_message: &str, field: &str) -> bool {
    let full = format!("{fq_message}.{field}");
    sub_paths(&full).any(|p| matchers.iter().any(|m| m == p))
}

/// Whether any of `matchers` selects the type `fq_path` (with its leading dot) under
/// prost-build's rules (used for `skip_debug`).
pub fn type_matches(matchers: &[String], fq_path: &str) -> bool {
    sub_paths(fq_path).any(|p| matchers.iter().any(|m| m == p))
}

/// Resolved `extern_path` table: protobuf paths whose Rust types live in another crate.
#[derive(Debug, Default, Clone)]
pub struct ExternPaths {
    paths: std::collections::HashMap<String, String>,
}

impl ExternPaths {
    /// Builds the table as prost-build does, including the `.google.protobuf` mapping to
    /// `::prost_types` unless well-known types are compiled.
    pub fn new(user: &[(String, String)], compile_wkt: bool) -> Result<Self, String> {
        let mut table = ExternPaths::default();
        for (proto, rust) in user {
            table.insert(proto, rust)?;
        }
        if !compile_wkt {
            for (proto, rust) in [
                (".google.protobuf", "::prost_types"),
                (".google.protobuf.BoolValue", "bool"),
                (
                    ".google.protobuf.BytesValue",
                    "::prost::alloc::vec::Vec<u8>",
                ),
                (".google.protobuf.DoubleValue", "f64"),
                (".google.protobuf.Empty", "()"),
                (".google.protobuf.FloatValue", "f32"),
                (".google.protobuf.Int32Value", "i32"),
                (".google.protobuf.Int64Value", "i64"),
                (
                    ".google.protobuf.StringValue",
                    "::prost::alloc::string::String",
                ),
                (".google.protobuf.UInt32Value", "u32"),
                (".google.protobuf.UInt64Value", "u64"),
            ] {
                table.insert(proto, rust)?;
            }
        }
        Ok(table)
    }

    fn insert(&mut self, proto: &str, rust: &str) -> Result<(), String> {
        if !proto.starts_with('.') {
            return Err(format!(
                "extern_path `{proto}`: protobuf paths must be fully qualified (begin with '.')"
            ));
        }
        if proto.split('.').skip(1).any(str::is_empty) {
            return Err(format!(
                "extern_path `{proto}`: not a valid fully qualified protobuf path"
            ));
        }
        if self
            .paths
            .insert(proto.to_string(), rust.to_string())
            .is_some()
        {
            return Err(format!("extern_path `{proto}` is given twice"));
        }
        Ok(())
    }

    /// The Rust path of an external type (`.google.protobuf.Timestamp` ->
    /// `::prost_types::Timestamp`), or `None` when the type is generated here.
    pub fn resolve(&self, fq_name: &str) -> Option<String> {
        if let Some(rust) = self.paths.get(fq_name) {
            return Some(rust.clone());
        }
        for (idx, _) in fq_name.rmatch_indices('.') {
            if let Some(rust) = self.paths.get(&fq_name[..idx]) {
                let mut segments = fq_name[idx + 1..].split('.');
                let last = segments.next_back().map(to_upper_camel);
                let parts: Vec<String> = rust
                    .split("::")
                    .chain(segments)
                    .enumerate()
                    .map(|(i, s)| {
                        if i == 0 && s == "crate" {
                            s.to_string()
                        } else {
                            to_snake(s)
                        }
                    })
                    .chain(last)
                    .collect();
                return Some(parts.join("::"));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_follow_prost_build() {
        assert_eq!(to_snake("type"), "r#type");
        assert_eq!(to_snake("self"), "self_");
        assert_eq!(to_snake("fooBar"), "foo_bar");
        assert_eq!(to_upper_camel("self"), "Self_");
        assert_eq!(to_upper_camel("foo_bar"), "FooBar");
        assert_eq!(sanitize_identifier("1abc"), "_1abc");
        assert_eq!(to_snake("gen"), "r#gen");
    }

    #[test]
    fn enum_prefixes_are_stripped_only_when_true_prefixes() {
        assert_eq!(strip_enum_prefix("Color", "ColorRed"), "Red");
        assert_eq!(strip_enum_prefix("Foo", "Foobar"), "Foobar");
        assert_eq!(strip_enum_prefix("Level", "Level1"), "Level1");
        assert_eq!(strip_enum_prefix("Kind", "KindSelf"), "Self_");
    }

    #[test]
    fn json_names_match_protoc() {
        assert_eq!(default_json_name("foo_bar_baz"), "fooBarBaz");
        assert_eq!(default_json_name("foo__bar"), "fooBar");
        assert_eq!(default_json_name("_foo"), "Foo");
        assert_eq!(default_json_name("foo_1"), "foo1");
    }

    #[test]
    fn path_matchers_follow_prost_build_order() {
        let m = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(path_matches(&m(&["."]), ".a.B", "f"));
        assert!(path_matches(&m(&[".a.B.f"]), ".a.B", "f"));
        assert!(path_matches(&m(&["B.f"]), ".a.B", "f"));
        assert!(path_matches(&m(&[".a"]), ".a.B", "f"));
        assert!(!path_matches(&m(&[".a.C"]), ".a.B", "f"));
    }

    #[test]
    fn extern_paths_resolve_prefixes() {
        let paths = ExternPaths::new(&[(".x.y".into(), "::other".into())], false).unwrap();
        assert_eq!(
            paths.resolve(".google.protobuf.Timestamp").as_deref(),
            Some("::prost_types::Timestamp")
        );
        assert_eq!(
            paths.resolve(".x.y.outer.Inner").as_deref(),
            Some("::other::outer::Inner")
        );
        assert_eq!(paths.resolve(".x.z.T"), None);
        assert!(ExternPaths::new(&[("x".into(), "::a".into())], false).is_err());
    }
}

//! Emitters: read the [`Schema`](crate::model::Schema), return text. One module per language.

pub mod java;
pub mod report;
pub mod rust;
pub mod swift;
pub mod templates;

/// A double-quoted string literal of `s` for a C-like language (Java, Kotlin, Swift): `"`, `\`,
/// newline, return and tab escaped by letter, and the characters `other` picks (control
/// characters, plus what the language cannot hold raw) by the escape `other` writes.
pub(crate) fn quoted_literal(s: &str, other: impl Fn(char) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => match other(c) {
                Some(escape) => out.push_str(&escape),
                None => out.push(c),
            },
        }
    }
    out.push('"');
    out
}

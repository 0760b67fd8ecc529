//! .proto comments as Rust doc attributes, sanitized so rustdoc neither links nor doc-tests them.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Comments;

/// `#[doc = "..."]` attributes for `comments`, or nothing when there are none.
pub fn attrs(comments: &Comments) -> TokenStream {
    let lines = sanitize(&comments.doc_lines());
    quote! { #( #[doc = #lines] )* }
}

/// Escapes markdown that would misrender or run as a doctest: `[..]` intra-doc links, bare URLs,
/// indented and fenced code blocks (made `text` blocks).
pub fn sanitize(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    let mut in_indented = false;
    for line in lines {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            if in_indented {
                out.push(" ```".to_string());
                in_indented = false;
            }
            // Every opening fence becomes `text`, whatever language it named: rustdoc runs
            // `rust` (and unnamed) blocks as doctests in the user's crate.
            out.push(if in_fence {
                " ```".to_string()
            } else {
                " ```text".to_string()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(format!(" {line}"));
            continue;
        }
        let indented = line.starts_with("    ") && !trimmed.is_empty();
        if indented && !in_indented {
            out.push(" ```text".to_string());
            in_indented = true;
        } else if !indented && in_indented && !trimmed.is_empty() {
            out.push(" ```".to_string());
            in_indented = false;
        }
        if in_indented {
            out.push(format!(" {line}"));
            continue;
        }
        out.push(format!(" {}", escape_markdown(trimmed_one_space(line))));
    }
    if in_fence || in_indented {
        out.push(" ```".to_string());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out
}

/// protoc keeps the space after `//`; the doc attribute adds its own.
fn trimmed_one_space(line: &str) -> &str {
    line.strip_prefix(' ').unwrap_or(line)
}

fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        match c {
            '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    Some(
        s.find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '<'))
            .unwrap_or(s.len()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_links_urls_and_code() {
        let out = sanitize(&[
            " See [docs] at https://x.io/a.",
            "",
            "     let x = 1;",
            " done",
            " ```rust",
            " fn f() {}",
            " ```",
        ]);
        assert_eq!(
            out,
            [
                " See \\[docs\\] at <https://x.io/a.>",
                " ",
                " ```text",
                "      let x = 1;",
                " ```",
                " done",
                " ```text",
                "  fn f() {}",
                " ```",
            ]
        );
    }
}

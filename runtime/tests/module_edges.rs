//! The runtime's module graph: every `crate::<module>` reference between its top-level modules
//! must be in [`ALLOWED`], so that a new dependency (a new cycle: `json` and `access` already
//! reach into each other) is a decision made here, in review, not an accident. An edge that
//! is gone must be taken out of the list too, so the list stays the true graph.
//!
//! `$crate::` paths in the exported macros are left out (they are what generated code reaches,
//! not how the modules depend on each other), and so are comments and doc links.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// `from -> to`: `from`'s code names `crate::to`.
const ALLOWED: &[(&str, &str)] = &[
    ("access", "element"),
    ("access", "error"),
    ("access", "json"),
    ("access", "meta"),
    ("access", "value"),
    ("codegen", "access"),
    ("codegen", "element"),
    ("codegen", "error"),
    ("codegen", "json"),
    ("codegen", "meta"),
    ("codegen", "reflect"),
    ("codegen", "value"),
    ("element", "error"),
    ("element", "json"),
    ("element", "meta"),
    ("element", "value"),
    ("json", "access"),
    ("json", "element"),
    ("json", "error"),
    ("json", "meta"),
    ("json", "reflect"),
    ("json", "value"),
    ("json", "wkt"),
    ("meta", "json"),
    ("redact", "meta"),
    ("reflect", "element"),
    ("reflect", "error"),
    ("reflect", "json"),
    ("reflect", "meta"),
    ("reflect", "path"),
    ("reflect", "value"),
    ("reflect", "vendor"),
    ("value", "access"),
    ("value", "error"),
    ("value", "meta"),
    ("value", "reflect"),
    ("vendor", "json"),
    ("vendor", "meta"),
    ("vendor", "reflect"),
    ("vendor", "value"),
    ("wkt", "codegen"),
    ("wkt", "error"),
    // The well-known types' impls are this plugin's own output (`wkt_generated.rs`), which
    // names the JSON hooks as any generated code does; `json` names the types it writes in
    // their proto3 forms. A cycle by nature, kept to those two uses.
    ("wkt", "json"),
    ("wkt", "meta"),
    ("wkt", "reflect"),
    ("wkt", "value"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level modules `lib.rs` declares.
fn modules(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| {
            let l = l
                .trim_start_matches("pub ")
                .trim_start_matches("pub(crate) ");
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// The module each item that `lib.rs` re-exports comes from (`Reflect` -> `reflect`), so
/// that `crate::Reflect` counts as an edge to `reflect`.
fn root_items(lib: &str, modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let code = code_of(lib);
    for statement in code.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, items)) = path.split_once("::") else {
            continue;
        };
        if !modules.contains(module) {
            continue;
        }
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            out.insert(item.to_string(), module.to_string());
        }
    }
    out
}

/// `text` without its comment lines.
fn code_of(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names a path after `crate::` starts with: `json` in `json::Options`, `meta` and
/// `Reflect` in `{meta::FieldInfo, Reflect}` (nested groups are not split further: their
/// first segment is what names a module).
fn first_segments(after: &str) -> Vec<String> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let Some(group) = after.strip_prefix('{') else {
        return vec![word(after)];
    };
    let mut names = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (at, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                names.push(word(&group[start..at]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                names.push(word(&group[start..at]));
                start = at + 1;
            }
            _ => {}
        }
    }
    names
}

/// Every module `text`'s code names (not in comments or doc links): `crate::<module>`, an
/// item `lib.rs` re-exports (`crate::Reflect`), either inside a `crate::{..}` group, and the
/// same through the crate's own name (`::prost_vsco::`, in generated code the runtime
/// includes). `$crate::` paths are left out.
fn references(
    text: &str,
    modules: &BTreeSet<String>,
    items: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let code = code_of(text).replace("::prost_vsco::", " crate::");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = &rest[..at];
        let after = &rest[at + "crate::".len()..];
        let word_start =
            !before.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        if word_start {
            for name in first_segments(after) {
                if modules.contains(&name) {
                    out.insert(name);
                } else if let Some(module) = items.get(&name) {
                    out.insert(module.clone());
                }
            }
        }
        rest = after;
    }
    out
}

/// Files that another file `include!`s, with the module of the file that includes them.
fn included(files: &[PathBuf], src: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(file).expect("source");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("include!(\"") {
            let after = &rest[at + "include!(\"".len()..];
            if let Some(end) = after.find('"') {
                let target = file.parent().unwrap_or(src).join(&after[..end]);
                out.insert(target, top_module(file, src));
            }
            rest = after;
        }
    }
    out
}

/// The top-level module a source file belongs to (`json` for `json/decode/mod.rs`).
fn top_module(file: &Path, src: &Path) -> String {
    file.strip_prefix(src)
        .expect("under src")
        .components()
        .next()
        .map(|c| {
            c.as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_string()
        })
        .unwrap_or_default()
}

#[test]
fn module_edges_are_the_allowed_ones() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    let modules = modules(&lib);
    assert!(
        modules.contains("json") && modules.contains("reflect"),
        "{modules:?}"
    );
    let items = root_items(&lib, &modules);
    assert_eq!(
        items.get("Reflect").map(String::as_str),
        Some("reflect"),
        "{items:?}"
    );
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let included = included(&files, &src);
    assert!(!included.is_empty(), "no included file found");
    let mut found = BTreeSet::new();
    for file in files {
        // A file another one `include!`s is part of the including module.
        let first = included
            .get(&file)
            .cloned()
            .unwrap_or_else(|| top_module(&file, &src));
        // `lib.rs` re-exports every module; the graph is between the modules themselves.
        if first == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source");
        for to in references(&text, &modules, &items) {
            if to != first {
                found.insert((first.clone(), to));
            }
        }
    }
    let allowed: BTreeSet<(String, String)> = ALLOWED
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let new: Vec<_> = found.difference(&allowed).collect();
    let gone: Vec<_> = allowed.difference(&found).collect();
    assert!(
        new.is_empty() && gone.is_empty(),
        "runtime module edges changed.\nnew (add to ALLOWED if intended, after thinking about the cycle it may close): {new:?}\ngone (take out of ALLOWED): {gone:?}"
    );
}

/// The items of `crate::json` that `text`'s code names: `crate::json::X` and each name of
/// `crate::json::{X, Y}` (not `$crate::`, not in comments).
fn json_items(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::json::") {
            let after = &rest[at + "crate::json::".len()..];
            if !rest[..at].ends_with('$') {
                let names = match after.strip_prefix('{') {
                    Some(group) => group.split('}').next().unwrap_or_default(),
                    None => after
                        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .next()
                        .unwrap_or_default(),
                };
                out.extend(
                    names
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(str::to_string),
                );
            }
            rest = after;
        }
    }
    out
}

/// The reflection side's types reach JSON only through the hook traits of `json::hooks`, the
/// one boundary between them: no encoder, decoder or error type.
#[test]
fn element_and_access_reach_json_only_through_its_hooks() {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src");
    let hooks: BTreeSet<String> = ["ContainerJson", "ElementJson", "MapKeyJson"]
        .map(String::from)
        .into();
    for file in ["element.rs", "access.rs"] {
        let text = std::fs::read_to_string(src.join(file)).expect("source");
        let items = json_items(&text);
        assert!(!items.is_empty(), "{file}: names no JSON hook");
        let other: Vec<_> = items.difference(&hooks).collect();
        assert!(
            other.is_empty(),
            "{file} names {other:?} of crate::json; only its hooks ({hooks:?}) may be named"
        );
    }
}

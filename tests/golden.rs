//! Golden-file tests: every case under `tests/golden/<case>/` is generated in-process and
//! compared with its `expected/` tree.
//!
//! A case holds `params.txt` (the plugin parameter), and either `input/` (every `.proto`
//! below it is a file to generate) or `include.txt` (an include directory relative to the
//! repository root whose `.proto` files are generated). Insertions into other plugins' files
//! are stored as `<file>.insert-<point>` (with `@` for the `:` of Java's insertion points).
//!
//! Regenerate with: `UPDATE_GOLDEN=1 cargo test --test golden`

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[path = "support/cases.rs"]
mod cases;

const REGENERATE: &str = "UPDATE_GOLDEN=1 cargo test --test golden";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_tree(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("dir entry").path();
        let name = format!(
            "{prefix}{}",
            path.file_name().expect("file name").to_string_lossy()
        );
        if path.is_dir() {
            read_tree(&path, &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read_to_string(&path).expect("utf-8 file"));
        }
    }
}

/// The generated tree of a case, as it is stored.
fn generate_case(case: &Path) -> BTreeMap<String, String> {
    let generator = cases::generator(&root(), case).parameter(cases::golden_params(case));
    let output = generator
        .output()
        .unwrap_or_else(|e| panic!("case {}: {e}", case.display()));
    let mut tree = output.files;
    for (name, point, content) in output.insertions {
        // `class_scope:pkg.Msg`: `:` is not allowed in file names everywhere.
        tree.insert(
            format!("{name}.insert-{}", point.replace(':', "@")),
            content,
        );
    }
    tree
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(root().join("tests/golden"))
        .expect("tests/golden")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn golden_cases_match() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 16, "expected at least 16 golden cases");
    for case in all {
        let name = case
            .file_name()
            .expect("case name")
            .to_string_lossy()
            .to_string();
        let actual = generate_case(&case);
        let expected_dir = case.join("expected");
        if update {
            let _ = std::fs::remove_dir_all(&expected_dir);
            for (path, content) in &actual {
                let target = expected_dir.join(path);
                std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
                std::fs::write(&target, content).expect("write golden");
            }
            continue;
        }
        let mut expected = BTreeMap::new();
        read_tree(&expected_dir, "", &mut expected);
        let paths: std::collections::BTreeSet<&String> =
            actual.keys().chain(expected.keys()).collect();
        for path in paths {
            let (a, e) = (actual.get(path), expected.get(path));
            if a == e {
                continue;
            }
            let a = a.map(String::as_str).unwrap_or("");
            let e = e.map(String::as_str).unwrap_or("");
            let diff = similar::TextDiff::from_lines(e, a)
                .unified_diff()
                .context_radius(3)
                .header(&format!("expected/{path}"), &format!("generated/{path}"))
                .to_string();
            failures.push(format!("case `{name}`, file `{path}`:\n{diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden file(s) differ:\n\n{}\nIf the change is intended, regenerate with:\n    {REGENERATE}\n",
        failures.len(),
        failures.join("\n")
    );
}

/// The runtime's reflection of the `prost_types` well-known types is this plugin's own output
/// (companion mode, `compile_well_known_types`, paths resolved through a glob import of
/// `prost_types`), committed as `runtime/src/wkt_generated.rs`.
#[test]
fn runtime_well_known_types_are_current() {
    // type.proto and api.proto come from runtime/proto: copies matching prost-types 0.14.
    let mut generator = protoc_gen_prost_vsco::generate::Generator::new()
        .include(root().join("runtime/proto"))
        .parameter(
            "mode=companion,no_include,compile_well_known_types,no_oneof_impls,elide_version",
        );
    for name in [
        "any",
        "api",
        "duration",
        "field_mask",
        "source_context",
        "struct",
        "timestamp",
        "type",
    ] {
        generator = generator.file(format!("google/protobuf/{name}.proto"));
    }
    let output = generator.output().expect("generate the well-known types");
    let actual = output
        .files
        .get("google/protobuf/google.protobuf.vsco.rs")
        .unwrap_or_else(|| panic!("no google.protobuf output in {:?}", output.files.keys()));
    let path = root().join("runtime/src/wkt_generated.rs");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write runtime/src/wkt_generated.rs");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if &expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header("runtime/src/wkt_generated.rs", "generated")
            .to_string();
        panic!(
            "runtime/src/wkt_generated.rs is stale:\n{diff}\nRegenerate with:\n    {REGENERATE}\n"
        );
    }
}

/// `no_oneof_impls` drops the `From` impls and member traits, and only those.
#[test]
fn no_oneof_impls_leaves_out_the_oneof_conveniences() {
    let generate = |parameter: &str| {
        let output = protoc_gen_prost_vsco::generate::Generator::new()
            .include(root().join("examples/telemetry/proto"))
            .file("telemetry/v1/event.proto")
            .parameter(parameter)
            .output()
            .expect("generate the example");
        output
            .files
            .get("telemetry/v1/telemetry.v1.rs")
            .cloned()
            .expect("the package file")
    };
    let with = generate("elide_version");
    let without = generate("elide_version,no_oneof_impls");
    for text in ["pub trait EventBodyMember", "impl ::core::convert::From<"] {
        assert!(with.contains(text), "{text} is generated by default");
        assert!(
            !without.contains(text),
            "{text} is left out with no_oneof_impls"
        );
    }
    assert_eq!(
        with.matches("::prost_vsco::reflect!(").count(),
        without.matches("::prost_vsco::reflect!(").count()
    );
}

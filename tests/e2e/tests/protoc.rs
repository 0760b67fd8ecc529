//! The plugin binary under a real protoc (36.2, from the protoc-bin-vendored crate): alone,
//! chained after protoc-gen-prost, against `generate`, on bad input, and the generated crate
//! compiled with cargo.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use protoc_gen_prost_vsco::Generator;

#[path = "../../support/cases.rs"]
mod cases;

const PLUGIN: &str = env!("CARGO_BIN_EXE_vsco-e2e-plugin");
const PROST_PLUGIN: &str = env!("CARGO_BIN_EXE_vsco-e2e-prost");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn protoc() -> PathBuf {
    protoc_bin_vendored::protoc_bin_path().expect("vendored protoc")
}

/// (include dir, files relative to it) of a golden case.
fn case_inputs(case: &str) -> (PathBuf, Vec<String>) {
    let (include, files) = cases::inputs(&repo(), &repo().join("tests/golden").join(case));
    let files = files
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&include).expect("under include");
            rel.to_string_lossy().replace('\\', "/")
        })
        .collect();
    (include, files)
}

fn case_params(case: &str) -> String {
    cases::params(&repo().join("tests/golden").join(case))
}

fn read_tree(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
    for e in std::fs::read_dir(dir).expect("read dir") {
        let p = e.expect("entry").path();
        let name = format!("{prefix}{}", p.file_name().expect("name").to_string_lossy());
        if p.is_dir() {
            read_tree(&p, &format!("{name}/"), out);
        } else {
            out.insert(name, std::fs::read_to_string(&p).expect("utf-8"));
        }
    }
}

struct Protoc {
    status: std::process::ExitStatus,
    stderr: String,
    tree: BTreeMap<String, String>,
}

/// Runs protoc on a golden case with the given plugin outputs (`--X_out` flags and so on).
fn run_protoc(case: &str, plugin_args: &[String]) -> Protoc {
    let (include, files) = case_inputs(case);
    let out = tempfile::tempdir().expect("tempdir");
    // `{out}/sub` output directories must exist before protoc writes to them.
    for arg in plugin_args {
        if let Some((_, sub)) = arg.split_once("{out}/") {
            std::fs::create_dir_all(out.path().join(sub)).expect("output dir");
        }
    }
    let args: Vec<String> = plugin_args
        .iter()
        .map(|a| a.replace("{out}", &out.path().to_string_lossy()))
        .collect();
    let output = Command::new(protoc())
        .arg(format!("-I{}", include.display()))
        .arg(format!("-I{}", repo().join("proto").display()))
        .arg(format!(
            "-I{}",
            protoc_bin_vendored::include_path()
                .expect("include path")
                .display()
        ))
        .arg(format!("--plugin=protoc-gen-prost-vsco={PLUGIN}"))
        .arg(format!("--plugin=protoc-gen-prost={PROST_PLUGIN}"))
        .args(&args)
        .args(&files)
        .current_dir(&include)
        .output()
        .expect("run protoc");
    let mut tree = BTreeMap::new();
    read_tree(out.path(), "", &mut tree);
    Protoc {
        status: output.status,
        stderr: String::from_utf8_lossy(&output.stderr).to_string(),
        tree,
    }
}

fn generate_output(case: &str, params: &str) -> protoc_gen_prost_vsco::output::Output {
    let (include, files) = case_inputs(case);
    let mut g = Generator::new().include(&include).parameter(params);
    for f in files {
        g = g.file(include.join(f));
    }
    g.output().expect("generate")
}

fn with_elided(params: &str) -> String {
    if params.is_empty() {
        "elide_version".to_string()
    } else {
        format!("{params},elide_version")
    }
}

#[test]
fn protoc_and_generate_write_identical_files() {
    let cases = [
        "example",
        "keywords",
        "proto2",
        "proto3_optional",
        "maps",
        "multi_package",
        "wkt",
        "no_package",
        "include_file",
        "custom_options",
        "comments",
        "params",
        "btree_bytes",
        "recursive",
        "oneof_clash",
        "enum_prefix",
    ];
    for case in cases {
        let params = with_elided(&case_params(case));
        let run = run_protoc(
            case,
            &[
                "--prost-vsco_out={out}".to_string(),
                format!("--prost-vsco_opt={params}"),
            ],
        );
        assert!(run.status.success(), "case {case}: {}", run.stderr);
        let generated = generate_output(case, &params);
        assert!(generated.insertions.is_empty());
        assert_eq!(
            run.tree.keys().collect::<Vec<_>>(),
            generated.files.keys().collect::<Vec<_>>(),
            "case {case}: file lists differ"
        );
        for (name, content) in &generated.files {
            assert!(
                run.tree.get(name) == Some(content),
                "case {case}: {name} differs between protoc and generate"
            );
        }
    }
}

#[test]
fn standalone_output_equals_protoc_gen_prost_plus_tables() {
    // The prost part of a standalone file is protoc-gen-prost's own output, untouched, with
    // `skip_debug` for the messages with `pii` fields (this plugin writes their `Debug`).
    let pii = [
        ".telemetry.v1.Device",
        ".telemetry.v1.Event",
        ".telemetry.v1.Rating",
        ".telemetry.v1.Search",
        ".telemetry.v1.User",
    ];
    let skip: Vec<String> = pii.iter().map(|p| format!("skip_debug={p}")).collect();
    let prost = run_protoc(
        "example",
        &[
            "--prost_out={out}".to_string(),
            format!("--prost_opt={}", skip.join(",")),
        ],
    );
    assert!(prost.status.success(), "{}", prost.stderr);
    let ours = run_protoc("example", &["--prost-vsco_out={out}".to_string()]);
    assert!(ours.status.success(), "{}", ours.stderr);
    let name = "telemetry/v1/telemetry.v1.rs";
    let prost_file = &prost.tree[name];
    let our_file = &ours.tree[name];
    let prost_body = prost_file
        .strip_prefix("// @generated\n")
        .expect("protoc-gen-prost header")
        .strip_suffix("// @@protoc_insertion_point(module)\n")
        .expect("insertion point");
    assert!(
        our_file.contains(prost_body),
        "prost's code is kept verbatim"
    );
    assert!(our_file.ends_with("// @@protoc_insertion_point(module)\n"));
    assert!(our_file.contains("impl ::prost_vsco::MessageMeta for self::Event"));
}

#[test]
fn companion_mode_chains_after_protoc_gen_prost() {
    let params = with_elided("mode=companion");
    let run = run_protoc(
        "companion",
        &[
            "--prost_out={out}".to_string(),
            "--prost-vsco_out={out}".to_string(),
            format!("--prost-vsco_opt={params}"),
        ],
    );
    assert!(run.status.success(), "{}", run.stderr);
    let prost_file = &run.tree["comp/v1/comp.v1.rs"];
    assert!(
        prost_file.contains("include!(\"comp.v1.vsco.rs\");\n// @@protoc_insertion_point(module)"),
        "{prost_file}"
    );
    let golden = std::fs::read_to_string(
        repo().join("tests/golden/companion/expected/comp/v1/comp.v1.vsco.rs"),
    )
    .expect("golden");
    assert_eq!(run.tree["comp/v1/comp.v1.vsco.rs"], golden);

    // `no_include` leaves prost's file alone.
    let run = run_protoc(
        "companion",
        &[
            "--prost_out={out}".to_string(),
            "--prost-vsco_out={out}".to_string(),
            "--prost-vsco_opt=mode=companion,no_include".to_string(),
        ],
    );
    assert!(run.status.success(), "{}", run.stderr);
    assert!(!run.tree["comp/v1/comp.v1.rs"].contains("include!"));
}

#[test]
fn errors_reach_protoc_and_write_nothing() {
    let run = run_protoc(
        "example",
        &[
            "--prost-vsco_out={out}".to_string(),
            "--prost-vsco_opt=bogus=1".to_string(),
        ],
    );
    assert!(!run.status.success());
    assert!(
        run.stderr.contains("unknown parameter `bogus`") && run.stderr.contains("btree_map"),
        "{}",
        run.stderr
    );
    assert!(
        run.tree.is_empty(),
        "no partial output: {:?}",
        run.tree.keys()
    );

    let run = run_protoc(
        "example",
        &[
            "--prost-vsco_out={out}".to_string(),
            "--prost-vsco_opt=mode=sideways".to_string(),
        ],
    );
    assert!(!run.status.success());
    assert!(run.stderr.contains("`sideways`"), "{}", run.stderr);
    assert!(run.tree.is_empty());
}

fn run_plugin(stdin: &[u8], args: &[&str]) -> std::process::Output {
    let mut child = Command::new(PLUGIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn plugin");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

#[test]
fn undecodable_requests_exit_1_with_nothing_on_stdout() {
    let garbage = run_plugin(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01", &[]);
    assert_eq!(garbage.status.code(), Some(1));
    assert!(garbage.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&garbage.stderr);
    assert!(stderr.contains("not a CodeGeneratorRequest"), "{stderr}");

    let (include, files) = case_inputs("example");
    let mut g = Generator::new().include(&include);
    for f in files {
        g = g.file(include.join(f));
    }
    let raw = g.request().expect("request").raw().to_vec();
    let truncated = run_plugin(&raw[..raw.len() - 1], &[]);
    assert_eq!(truncated.status.code(), Some(1));
    assert!(truncated.stdout.is_empty());

    let whole = run_plugin(&raw, &[]);
    assert_eq!(whole.status.code(), Some(0));
    assert!(!whole.stdout.is_empty());
}

#[test]
fn version_and_help() {
    let v = run_plugin(b"", &["--version"]);
    assert!(v.status.success());
    assert_eq!(
        String::from_utf8_lossy(&v.stdout).trim(),
        format!("protoc-gen-prost-vsco {}", env!("CARGO_PKG_VERSION"))
    );
    let h = run_plugin(b"", &["--help"]);
    let text = String::from_utf8_lossy(&h.stdout);
    assert!(h.status.success());
    for needle in ["--prost-vsco_out", "generate", "include_file", "mode"] {
        assert!(text.contains(needle), "help lacks {needle}");
    }
    let bad = run_plugin(b"", &["--frobnicate"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn generate_command_writes_what_protoc_writes() {
    let (include, files) = case_inputs("multi_package");
    let out = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new(PLUGIN);
    cmd.arg("generate")
        .arg("-I")
        .arg(&include)
        .args(files.iter().map(|f| include.join(f)))
        .arg("--out")
        .arg(out.path())
        .arg("--opt")
        .arg("include_file=mod.rs");
    let status = cmd.output().expect("run generate");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut tree = BTreeMap::new();
    read_tree(out.path(), "", &mut tree);
    let run = run_protoc(
        "multi_package",
        &[
            "--prost-vsco_out={out}".to_string(),
            "--prost-vsco_opt=include_file=mod.rs".to_string(),
        ],
    );
    assert!(run.status.success(), "{}", run.stderr);
    assert_eq!(tree, run.tree);

    let bad = Command::new(PLUGIN)
        .args(["generate", "-I"])
        .arg(&include)
        .arg(include.join("does/not/exist.proto"))
        .arg("--out")
        .arg(out.path())
        .output()
        .expect("run generate");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("exist.proto"));
}

/// protoc's output for the example, standalone and companion, compiled as a crate by cargo.
#[test]
fn protoc_output_compiles_as_a_crate() {
    let crate_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("e2e-generated-crate");
    let _ = std::fs::remove_dir_all(crate_dir.join("src"));
    std::fs::create_dir_all(crate_dir.join("src/standalone")).expect("mkdir");
    std::fs::create_dir_all(crate_dir.join("src/companion")).expect("mkdir");
    let write = |dir: &str, tree: &BTreeMap<String, String>| {
        for (name, content) in tree {
            let path = crate_dir.join("src").join(dir).join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, content).expect("write");
        }
    };
    let standalone = run_protoc(
        "example",
        &[
            "--prost-vsco_out={out}".to_string(),
            "--prost-vsco_opt=include_file=mod.rs".to_string(),
        ],
    );
    assert!(standalone.status.success(), "{}", standalone.stderr);
    write("standalone", &standalone.tree);
    let companion = run_protoc(
        "example",
        &[
            "--prost_out={out}".to_string(),
            "--prost-vsco_out={out}".to_string(),
            "--prost-vsco_opt=mode=companion,include_file=mod.rs".to_string(),
        ],
    );
    assert!(companion.status.success(), "{}", companion.stderr);
    write("companion", &companion.tree);

    let runtime = repo().join("runtime");
    std::fs::write(
        crate_dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"e2e-generated\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n\
             [dependencies]\nprost = \"0.14\"\nprost-types = \"0.14\"\nprost-vsco = {{ path = {:?} }}\n\n\
             [workspace]\n",
            runtime.to_string_lossy()
        ),
    )
    .expect("Cargo.toml");
    std::fs::copy(repo().join("Cargo.lock"), crate_dir.join("Cargo.lock")).expect("lock");
    std::fs::write(
        crate_dir.join("src/lib.rs"),
        "#![deny(warnings)]\n#![allow(clippy::all)]\n\
         pub mod standalone { include!(\"standalone/mod.rs\"); }\n\
         pub mod companion { include!(\"companion/mod.rs\"); }\n\
         pub fn names() -> [&'static str; 2] {\n\
             use prost_vsco::MessageMeta;\n\
             [<standalone::telemetry::v1::Event as MessageMeta>::INFO.full_name,\n\
              <companion::telemetry::v1::Event as MessageMeta>::INFO.full_name]\n\
         }\n",
    )
    .expect("lib.rs");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["build", "--offline", "--quiet"])
        .current_dir(&crate_dir)
        .env("CARGO_TARGET_DIR", crate_dir.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    assert!(
        output.status.success(),
        "generated crate does not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Invoked as `protoc-gen-prost-vsco-kotlin`, the plugin writes Kotlin targets by default, so
/// one protoc run writes Rust (`--prost-vsco_out`), javalite (`--java_out=lite:`) and the
/// adapters; with `java_insert` it inserts into protoc's Java of the same run.
#[test]
fn one_protoc_run_writes_rust_java_and_kotlin() {
    let bin = tempfile::tempdir().expect("tempdir");
    let alias = bin.path().join("protoc-gen-prost-vsco-kotlin");
    std::fs::copy(PLUGIN, &alias).expect("copy the plugin");
    let run = run_protoc(
        "java_insert",
        &[
            format!("--plugin=protoc-gen-prost-vsco-kotlin={}", alias.display()),
            "--prost-vsco_out={out}/rust".to_string(),
            "--java_out=lite:{out}/java".to_string(),
            "--prost-vsco-kotlin_out={out}/java".to_string(),
            "--prost-vsco-kotlin_opt=java_insert,elide_version".to_string(),
        ],
    );
    assert!(run.status.success(), "{}", run.stderr);
    let expected = repo().join("tests/golden/java_insert/expected");
    let mut golden = BTreeMap::new();
    read_tree(&expected, "java/", &mut golden);
    for (name, text) in &golden {
        match name.split_once(".insert-") {
            // protoc applied the insertion to its own file.
            Some((file, point)) => {
                let point = point.replace('@', ":");
                let written = run.tree.get(file).expect("protoc's java file");
                assert!(
                    written.contains(&format!("@@protoc_insertion_point({point})")),
                    "{file}: {point}"
                );
                let first = text.lines().next().expect("a line");
                assert!(written.contains(first.trim()), "{file}: {first}");
            }
            None => assert_eq!(run.tree.get(name), Some(text), "{name}"),
        }
    }
    assert!(
        run.tree.contains_key("rust/telemetry/v1/telemetry.v1.rs"),
        "{:?}",
        run.tree.keys()
    );

    // The parameter's own target wins over the name.
    let run = run_protoc(
        "java_insert",
        &[
            format!("--plugin=protoc-gen-prost-vsco-kotlin={}", alias.display()),
            "--prost-vsco-kotlin_out={out}".to_string(),
            "--prost-vsco-kotlin_opt=target=java".to_string(),
        ],
    );
    assert!(run.status.success(), "{}", run.stderr);
    assert!(run.tree.contains_key("telemetry/v1/EventVsco.java"));
    assert!(!run.tree.contains_key("telemetry/v1/EventVsco.kt"));
}

/// Invoked as `protoc-gen-prost-vsco-swift` the plugin writes the Swift extensions (the
/// swift_example golden case) in the same protoc run as the Rust; `generate --target swift`
/// writes the same files without protoc.
#[test]
fn the_swift_alias_and_generate_write_the_swift_golden() {
    let bin = tempfile::tempdir().expect("tempdir");
    let alias = bin.path().join("protoc-gen-prost-vsco-swift");
    std::fs::copy(PLUGIN, &alias).expect("copy the plugin");
    let run = run_protoc(
        "swift_example",
        &[
            format!("--plugin=protoc-gen-prost-vsco-swift={}", alias.display()),
            "--prost-vsco_out={out}/rust".to_string(),
            "--prost-vsco-swift_out={out}/swift".to_string(),
            "--prost-vsco-swift_opt=elide_version".to_string(),
        ],
    );
    assert!(run.status.success(), "{}", run.stderr);
    let mut golden = BTreeMap::new();
    read_tree(
        &repo().join("tests/golden/swift_example/expected"),
        "swift/",
        &mut golden,
    );
    assert_eq!(golden.len(), 3);
    for (name, text) in &golden {
        assert_eq!(run.tree.get(name), Some(text), "{name}");
    }
    assert!(run.tree.contains_key("rust/telemetry/v1/telemetry.v1.rs"));

    let out = tempfile::tempdir().expect("tempdir");
    let root = repo();
    let status = std::process::Command::new(PLUGIN)
        .arg("generate")
        .arg(format!(
            "-I{}",
            root.join("examples/telemetry/proto").display()
        ))
        .arg(format!("-I{}", root.join("proto").display()))
        .arg(root.join("examples/telemetry/proto/telemetry/v1/event.proto"))
        .arg(root.join("examples/telemetry/proto/telemetry/v1/bodies.proto"))
        .arg(root.join("examples/telemetry/proto/telemetry/v1/context.proto"))
        .args(["--target", "swift", "--opt", "elide_version", "--out"])
        .arg(out.path())
        .output()
        .expect("run generate");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    for (name, text) in &golden {
        let path = out.path().join(name.trim_start_matches("swift/"));
        let written = std::fs::read_to_string(&path).expect("a written file");
        // The header names the parameters as given.
        let body = |t: &str| t.lines().skip(2).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&written), body(text), "{name}");
    }
}

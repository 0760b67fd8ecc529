//! `templates=DIR`: a file there replaces the built-in template of the same path; a misnamed
//! or broken one is an error that names it; nothing is written when it fails.

use std::path::{Path, PathBuf};

use protoc_gen_prost_vsco::Generator;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn generator(parameter: &str) -> Generator {
    let root = root();
    Generator::new()
        .include(root.join("examples/telemetry/proto"))
        .include(root.join("proto"))
        .file(root.join("examples/telemetry/proto/telemetry/v1/event.proto"))
        .parameter(parameter)
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn an_override_replaces_the_built_in_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "java/adapter.java.jinja",
        "// {{ class_name }} in {{ package }}: {% for m in messages %}{{ m.constant }} {% endfor %}.\n",
    );
    let param = format!("target=kotlin,templates={}", dir.path().display());
    let output = generator(&param).output().expect("generates");
    assert_eq!(
        output.files["telemetry/v1/EventVsco.java"],
        "// EventVsco in telemetry.v1: EVENT EVENT_BATCH .\n"
    );
    // The Kotlin template was not replaced.
    assert!(output.files["telemetry/v1/EventVsco.kt"].contains("fun telemetry.v1."));
}

#[test]
fn misnamed_broken_or_missing_templates_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "java/adaptor.java.jinja", "x");
    let param = format!("target=java,templates={}", dir.path().display());
    let e = generator(&param)
        .output()
        .expect_err("a stray template")
        .to_string();
    assert!(
        e.contains("java/adaptor.java.jinja replaces no template")
            && e.contains("java/adapter.java.jinja"),
        "{e}"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "kotlin/extensions.kt.jinja",
        "line one\n{% for m in messages %}\n{{ m.nope }}\n{% endfor %}\n",
    );
    let param = format!("target=kotlin,templates={}", dir.path().display());
    let e = generator(&param)
        .output()
        .expect_err("an undefined member")
        .to_string();
    assert!(e.contains("kotlin/extensions.kt.jinja:3"), "{e}");

    let e = generator("target=java,templates=/no/such/dir")
        .output()
        .expect_err("no directory")
        .to_string();
    assert!(e.contains("`/no/such/dir` is not a directory"), "{e}");
}

#[test]
fn java_insert_needs_a_jvm_target() {
    let e = generator("java_insert")
        .output()
        .expect_err("rust target")
        .to_string();
    assert!(
        e.contains("java_insert") && e.contains("target=java"),
        "{e}"
    );
}

#[test]
fn the_swift_template_can_be_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "swift/extensions.swift.jinja",
        "// {{ source }}: {% for m in messages %}{{ m.swift }} {% endfor %}{{ access }}.\n",
    );
    let param = format!(
        "target=swift,Visibility=public,templates={}",
        dir.path().display()
    );
    let output = generator(&param).output().expect("generates");
    assert_eq!(
        output.files["telemetry/v1/event.vsco.swift"],
        "// telemetry/v1/event.proto: Telemetry_V1_Event Telemetry_V1_EventBatch public .\n"
    );
}

#[test]
fn swift_output_follows_file_naming() {
    let output = generator("target=swift,FileNaming=PathToUnderscores")
        .output()
        .expect("generates");
    let names: Vec<&String> = output.files.keys().collect();
    assert_eq!(names, ["telemetry_v1_event.vsco.swift"]);
    assert!(
        output.files["telemetry_v1_event.vsco.swift"]
            .contains("extension Telemetry_V1_Event: VscoMessage {\n  static let vscoInfo")
    );
}

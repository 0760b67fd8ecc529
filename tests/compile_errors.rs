//! `generate` and the build.rs `Generator` report .proto errors as protoc does: the file as
//! found under the include directories, with line and column.

use protoc_gen_prost_vsco::Generator;

fn write(dir: &std::path::Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn syntax_and_import_errors_say_where() {
    let dir = tempfile::tempdir().expect("tempdir");
    let proto = dir.path().join("proto");
    let file = write(
        &proto,
        "b/syntax.proto",
        "syntax = \"proto3\";\npackage b;\n\nmessage M {\n  string x = 1\n}\n",
    );
    let e = Generator::new()
        .include(&proto)
        .file(&file)
        .request()
        .expect_err("a syntax error")
        .to_string();
    let expected = format!(
        "{}:6:1: expected ';'",
        proto.join("b/syntax.proto").display()
    );
    assert!(e.contains(&expected), "{e}");

    let file = write(
        &proto,
        "b/imp.proto",
        "syntax = \"proto3\";\nimport \"missing.proto\";\n",
    );
    let e = Generator::new()
        .include(&proto)
        .file(&file)
        .request()
        .expect_err("a missing import")
        .to_string();
    assert!(
        e.contains("b/imp.proto:2:1: import 'missing.proto' not found"),
        "{e}"
    );
}

#[test]
fn a_file_in_no_include_directory_gets_a_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(
        dir.path(),
        "proto/b/ok.proto",
        "syntax = \"proto3\";\npackage b;\n",
    );
    let e = Generator::new()
        .include(dir.path().join("elsewhere"))
        .file(&file)
        .request()
        .expect_err("not included")
        .to_string();
    assert!(
        e.contains("is not in any include path") && e.contains("with -I"),
        "{e}"
    );
}

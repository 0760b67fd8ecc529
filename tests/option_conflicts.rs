//! Custom options that the same options could not read back are refused at generation time,
//! with the file, the message and both fields named.

use protoc_gen_prost_vsco::Generator;

fn generate(body: &str, parameter: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let text =
        format!("syntax = \"proto3\";\npackage c;\nimport \"prost_vsco/options.proto\";\n{body}\n");
    let file = dir.path().join("c.proto");
    std::fs::write(&file, text).expect("write");
    Generator::new()
        .include(dir.path())
        .include(root.join("proto"))
        .file(&file)
        .parameter(parameter)
        .output()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn two_fields_answering_to_one_json_key_are_refused() {
    let e = generate(
        r#"message M {
  string a = 1 [(prost_vsco.field).legacy_key = "k"];
  string b = 2 [(prost_vsco.field).legacy_key = "k"];
}"#,
        "",
    )
    .expect_err("same legacy_key");
    assert!(
        e.contains("c.proto")
            && e.contains("message c.M")
            && e.contains("`b`")
            && e.contains("`a`")
            && e.contains("legacy_key `k`"),
        "{e}"
    );

    let e = generate(
        r#"message M {
  string user_id = 1;
  string uid = 2 [(prost_vsco.field).aliases = "userId"];
}"#,
        "",
    )
    .expect_err("an alias equal to another field's JSON name");
    assert!(
        e.contains("alias `userId`") && e.contains("field `user_id`"),
        "{e}"
    );

    let e = generate(
        r#"message M {
  string a = 1 [(prost_vsco.field).aliases = "x"];
  string x = 2;
}"#,
        "",
    )
    .expect_err("a name equal to another field's alias");
    assert!(e.contains("`x`") && e.contains("field `a`"), "{e}");

    // A field may repeat its own names.
    generate(
        r#"message M {
  string user_id = 1 [(prost_vsco.field) = {legacy_key: "userId", aliases: ["user_id", "uid"]}];
}"#,
        "",
    )
    .expect("a field's own names");
}

#[test]
fn two_fields_with_one_vendor_key_are_refused_unless_only_warned_of() {
    let body = r#"message M {
  string a = 1 [(prost_vsco.field).vendor_key = "k"];
  string b = 2 [(prost_vsco.field).vendor_key = "k"];
}"#;
    let e = generate(body, "").expect_err("same vendor_key");
    assert!(
        e.contains("fields `a` and `b` have the same vendor_key `k`"),
        "{e}"
    );
    generate(body, "vendors=all,vendor_check=warn").expect("only a warning");
}

//! Custom options that the same options could not read back are refused at generation time,
//! with the file, the message and both fields named; so are JSON forms (`json_*` options and
//! the `json_format` parameter) given to fields they cannot apply to.

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

#[test]
fn json_forms_for_another_kind_of_field_are_refused() {
    let e = generate(
        r#"message M { string name = 1 [(prost_vsco.field).json_bytes = JSON_BYTES_HEX]; }"#,
        "",
    )
    .expect_err("json_bytes on a string");
    assert!(
        e.contains("field c.M.name (c.proto)")
            && e.contains("`bytes:hex` applies to bytes fields, and `c.M.name` is string"),
        "{e}"
    );
    let e = generate(
        r#"message M { bytes id = 1 [(prost_vsco.field).json_timestamp = JSON_TIMESTAMP_EPOCH_MILLIS]; }"#,
        "",
    )
    .expect_err("json_timestamp on bytes");
    assert!(e.contains("google.protobuf.Timestamp fields"), "{e}");

    // The parameter: a path naming one field must fit it; a wider path sets what fits.
    let body = "enum E { E_0 = 0; }\nmessage M { bytes id = 1; E e = 2; string s = 3; }";
    let e = generate(body, "json_format=.c.M.s=bytes:hex").expect_err("a string by name");
    assert!(
        e.contains("parameter json_format=.c.M.s") && e.contains("is string"),
        "{e}"
    );
    generate(body, "json_format=.c.M=bytes:hex+enum:numbers").expect("a message path");
    generate(body, "json_format=.c=enum:numbers").expect("a package path");
    let e = generate(body, "json_format=.c.Missing=bytes:hex").expect_err("no field");
    assert!(
        e.contains("json_format=.c.Missing=bytes:hex") && e.contains("selects no field"),
        "{e}"
    );
    let e = generate(body, "json_format=.c=int64:numbers").expect_err("no int64 field");
    assert!(e.contains("selects no field"), "{e}");
    let e = generate(body, "json_format=.c.M.id=bytes:octal").expect_err("bad forms");
    assert!(
        e.contains("parameter `json_format`") && e.contains("bytes:base64|hex"),
        "{e}"
    );
}

//! Bad input gets a clear error and no output; random input never panics; random valid
//! schemas always generate Rust that parses.

use proptest::prelude::*;
use prost::Message;
use prost_types::compiler::CodeGeneratorRequest;
use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, EnumValueDescriptorProto, FieldDescriptorProto,
    FileDescriptorProto, MessageOptions, OneofDescriptorProto,
};
use protoc_gen_prost_vsco::{Request, run};

fn field(name: &str, number: i32, ty: Type, type_name: Option<&str>) -> FieldDescriptorProto {
    FieldDescriptorProto {
        name: Some(name.to_string()),
        number: Some(number),
        label: Some(Label::Optional as i32),
        r#type: Some(ty as i32),
        type_name: type_name.map(str::to_string),
        ..Default::default()
    }
}

fn request(files: Vec<FileDescriptorProto>, parameter: &str) -> Request {
    Request::from_decoded(CodeGeneratorRequest {
        file_to_generate: files.iter().map(|f| f.name().to_string()).collect(),
        parameter: Some(parameter.to_string()),
        proto_file: files,
        ..Default::default()
    })
}

fn file(messages: Vec<DescriptorProto>, enums: Vec<EnumDescriptorProto>) -> FileDescriptorProto {
    FileDescriptorProto {
        name: Some("acme/v1/order.proto".into()),
        package: Some("acme.v1".into()),
        syntax: Some("proto3".into()),
        message_type: messages,
        enum_type: enums,
        ..Default::default()
    }
}

fn error_of(request: &Request) -> String {
    let response = run(request);
    assert!(
        response.file.is_empty(),
        "an error must come with no output, got {} files",
        response.file.len()
    );
    assert_eq!(response.supported_features, Some(1));
    response.error.expect("an error")
}

#[test]
fn unknown_field_type_names_the_field_and_file() {
    let msg = DescriptorProto {
        name: Some("Order".into()),
        field: vec![field("id", 1, Type::Message, Some(".acme.v1.Missing"))],
        ..Default::default()
    };
    let e = error_of(&request(vec![file(vec![msg], vec![])], ""));
    assert_eq!(
        e,
        "field acme.v1.Order.id (acme/v1/order.proto): type `acme.v1.Missing` is not defined in any file of the request"
    );
}

#[test]
fn unknown_and_bad_parameters_are_rejected() {
    let msg = DescriptorProto {
        name: Some("Order".into()),
        ..Default::default()
    };
    let e = error_of(&request(
        vec![file(vec![msg.clone()], vec![])],
        "color=blue",
    ));
    assert!(e.contains("unknown parameter `color`"), "{e}");
    assert!(e.contains("mode") && e.contains("extern_path"), "{e}");
    let e = error_of(&request(
        vec![file(vec![msg.clone()], vec![])],
        "flat_output_dir=maybe",
    ));
    assert!(e.contains("`maybe`") && e.contains("true or false"), "{e}");
    let e = error_of(&request(
        vec![file(vec![msg], vec![])],
        "extern_path=acme=::x",
    ));
    assert!(e.contains("extern_path"), "{e}");
}

#[test]
fn enum_variant_clash_is_an_error_not_a_panic() {
    let e = EnumDescriptorProto {
        name: Some("Color".into()),
        value: vec![
            EnumValueDescriptorProto {
                name: Some("COLOR_RED".into()),
                number: Some(0),
                ..Default::default()
            },
            EnumValueDescriptorProto {
                name: Some("RED".into()),
                number: Some(1),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let err = error_of(&request(vec![file(vec![], vec![e])], ""));
    assert!(
        err.starts_with("enum acme.v1.Color (acme/v1/order.proto): values `COLOR_RED` and `RED`"),
        "{err}"
    );
}

#[test]
fn invalid_identifiers_and_numbers_are_rejected() {
    let msg = DescriptorProto {
        name: Some("Order".into()),
        field: vec![field("bad-name", 1, Type::String, None)],
        ..Default::default()
    };
    let e = error_of(&request(vec![file(vec![msg], vec![])], ""));
    assert!(
        e.contains("`bad-name` is not a valid protobuf identifier"),
        "{e}"
    );
    let msg = DescriptorProto {
        name: Some("Order".into()),
        field: vec![field("id", 0, Type::String, None)],
        ..Default::default()
    };
    let e = error_of(&request(vec![file(vec![msg], vec![])], ""));
    assert!(
        e.contains("field acme.v1.Order.id") && e.contains("number 0"),
        "{e}"
    );
}

#[test]
fn file_to_generate_must_be_in_the_request() {
    let mut req = CodeGeneratorRequest {
        file_to_generate: vec!["missing.proto".into()],
        ..Default::default()
    };
    req.proto_file.push(file(vec![], vec![]));
    let e = error_of(&Request::from_decoded(req));
    assert!(e.starts_with("file missing.proto:"), "{e}");
}

#[test]
fn editions_are_reported_as_unsupported() {
    let mut f = file(vec![], vec![]);
    f.syntax = Some("editions".into());
    let e = error_of(&request(vec![f], ""));
    assert!(e.contains("syntax `editions` is not supported"), "{e}");
}

/// Names that stress escaping: keywords, prelude types, leading underscores.
const NAMES: &[&str] = &[
    "type", "self", "Self", "super", "crate", "async", "gen", "match", "fn", "Option", "Result",
    "String", "Vec", "Box", "_1st", "value", "foo_bar", "FooBar", "kind", "body",
];

#[derive(Debug, Clone)]
enum FieldSpec {
    Scalar(i32),
    Enum,
    Message(usize),
    Map(i32, bool),
}

#[derive(Debug, Clone)]
struct FieldGen {
    spec: FieldSpec,
    repeated: bool,
    optional: bool,
    oneof: bool,
}

fn field_gen() -> impl Strategy<Value = FieldGen> {
    let scalar = prop_oneof![
        Just(1),
        Just(2),
        Just(3),
        Just(4),
        Just(5),
        Just(6),
        Just(7),
        Just(8),
        Just(9),
        Just(12),
        Just(13),
        Just(15),
        Just(16),
        Just(17),
        Just(18)
    ];
    let spec = prop_oneof![
        scalar.clone().prop_map(FieldSpec::Scalar),
        Just(FieldSpec::Enum),
        (0usize..6).prop_map(FieldSpec::Message),
        (prop_oneof![Just(9), Just(3), Just(8)], any::<bool>())
            .prop_map(|(k, msg)| FieldSpec::Map(k, msg)),
    ];
    (spec, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(spec, repeated, optional, oneof)| FieldGen {
            spec,
            repeated,
            optional,
            oneof,
        },
    )
}

/// A valid proto3 file: messages named from NAMES (made unique), fields of every shape.
fn schema(messages: Vec<(usize, Vec<FieldGen>, bool)>) -> FileDescriptorProto {
    let count = messages.len();
    let message_name = |i: usize| format!("{}{i}", NAMES[i % NAMES.len()]);
    let mut out = Vec::new();
    for (i, (name_seed, fields, nested)) in messages.into_iter().enumerate() {
        let name = message_name(i);
        let mut m = DescriptorProto {
            name: Some(name.clone()),
            ..Default::default()
        };
        let mut has_oneof = false;
        for (n, g) in fields.into_iter().enumerate() {
            let number = n as i32 + 1;
            let fname = format!(
                "{}_{n}",
                NAMES[(name_seed + n) % NAMES.len()].to_lowercase()
            );
            let mut f = match &g.spec {
                FieldSpec::Scalar(t) => FieldDescriptorProto {
                    r#type: Some(*t),
                    ..field(&fname, number, Type::String, None)
                },
                FieldSpec::Enum => field(&fname, number, Type::Enum, Some(".acme.v1.Shade")),
                FieldSpec::Message(target) => field(
                    &fname,
                    number,
                    Type::Message,
                    Some(&format!(".acme.v1.{}", message_name(target % count))),
                ),
                FieldSpec::Map(key, msg_value) => {
                    let entry = format!("{}Entry", heck_camel(&fname));
                    let value = if *msg_value {
                        field(
                            "value",
                            2,
                            Type::Message,
                            Some(&format!(".acme.v1.{}", message_name(0))),
                        )
                    } else {
                        field("value", 2, Type::Bytes, None)
                    };
                    m.nested_type.push(DescriptorProto {
                        name: Some(entry.clone()),
                        field: vec![
                            FieldDescriptorProto {
                                r#type: Some(*key),
                                ..field("key", 1, Type::String, None)
                            },
                            value,
                        ],
                        options: Some(MessageOptions {
                            map_entry: Some(true),
                            ..Default::default()
                        }),
                        ..Default::default()
                    });
                    let mut f = field(
                        &fname,
                        number,
                        Type::Message,
                        Some(&format!(".acme.v1.{name}.{entry}")),
                    );
                    f.label = Some(Label::Repeated as i32);
                    f.json_name = Some(fname.clone());
                    m.field.push(f);
                    continue;
                }
            };
            if g.repeated {
                f.label = Some(Label::Repeated as i32);
            } else if g.oneof {
                f.oneof_index = Some(0);
                has_oneof = true;
            } else if g.optional {
                f.proto3_optional = Some(true);
                f.oneof_index = Some(m.oneof_decl.len() as i32 + 1);
                m.oneof_decl.push(OneofDescriptorProto {
                    name: Some(format!("_{fname}")),
                    ..Default::default()
                });
            }
            m.field.push(f);
        }
        // The real oneof is declared first (index 0), synthetic ones after it.
        m.oneof_decl.insert(
            0,
            OneofDescriptorProto {
                name: Some("choice".into()),
                ..Default::default()
            },
        );
        if !has_oneof {
            m.oneof_decl.remove(0);
            for f in &mut m.field {
                if let Some(i) = f.oneof_index.as_mut() {
                    *i -= 1;
                }
            }
        }
        if nested {
            m.nested_type.push(DescriptorProto {
                name: Some("Inner".into()),
                field: vec![field(
                    "back",
                    1,
                    Type::Message,
                    Some(&format!(".acme.v1.{name}")),
                )],
                ..Default::default()
            });
        }
        out.push(m);
    }
    let shade = EnumDescriptorProto {
        name: Some("Shade".into()),
        value: ["SHADE_UNSPECIFIED", "SHADE_SELF", "SHADE_TYPE", "SHADE_1"]
            .iter()
            .enumerate()
            .map(|(i, n)| EnumValueDescriptorProto {
                name: Some(n.to_string()),
                number: Some(i as i32),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    };
    file(out, vec![shade])
}

fn heck_camel(s: &str) -> String {
    s.split('_')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(request) = Request::decode(&bytes) {
            let response = run(&request);
            if let Some(e) = &response.error {
                prop_assert!(!e.contains("internal error") && !e.contains("panicked"), "{}", e);
                prop_assert!(response.file.is_empty());
            }
        }
    }

    #[test]
    fn random_valid_schemas_generate_parsable_rust(
        messages in proptest::collection::vec(
            (0usize..20, proptest::collection::vec(field_gen(), 0..8), any::<bool>()),
            1..6,
        ),
        companion in any::<bool>(),
    ) {
        let f = schema(messages);
        let params = if companion { "mode=companion" } else { "" };
        let response = run(&request(vec![f], params));
        prop_assert!(response.error.is_none(), "{:?}", response.error);
        prop_assert!(!response.file.is_empty());
        for file in &response.file {
            if file.insertion_point.is_some() {
                continue;
            }
            let parsed = syn::parse_file(file.content());
            prop_assert!(parsed.is_ok(), "{}: {:?}", file.name(), parsed.err());
        }
    }

    #[test]
    fn mutated_valid_requests_never_panic(
        messages in proptest::collection::vec(
            (0usize..20, proptest::collection::vec(field_gen(), 0..6), any::<bool>()),
            1..4,
        ),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = request(vec![schema(messages)], "").raw().to_vec();
        let at = flip.index(bytes.len());
        bytes[at] = byte;
        bytes.truncate(cut.index(bytes.len()) + 1);
        if let Ok(request) = Request::decode(&bytes) {
            let response = run(&request);
            if let Some(e) = &response.error {
                prop_assert!(!e.contains("internal error") && !e.contains("panicked"), "{}", e);
                prop_assert!(response.file.is_empty());
            }
        }
        let _ = CodeGeneratorRequest::decode(bytes.as_slice());
    }
}

#[test]
fn vendor_violations_fail_generation_with_their_place_and_write_nothing() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let generator = |parameter: &str| {
        protoc_gen_prost_vsco::Generator::new()
            .include(root.join("tests/golden/vendors/input"))
            .file(root.join("tests/golden/vendors/input/shop/v1/shop.proto"))
            .parameter(parameter)
    };
    let out = tempfile::tempdir().expect("tempdir");
    let err = generator("vendors=firebase")
        .write_to(out.path())
        .expect_err("violations are errors by default")
        .to_string();
    assert!(
        err.contains("the schema breaks vendor rules (pass vendor_check=warn to generate anyway)"),
        "{err}"
    );
    assert!(
        err.contains(
            "shop/v1/shop.proto: shop.v1.CheckoutStartedFromTheRecommendationsCarouselOnHome.google_campaign: firebase: key `google_campaign` is reserved by the vendor"
        ),
        "{err}"
    );
    // A refused character inside a key or event name is a violation; at the start it is
    // only dropped (`$plan` names Mixpanel's property and Firebase's `plan`).
    assert!(
        err.contains(
            "shop.v1.CheckoutStartedFromTheRecommendationsCarouselOnHome.ab_c_alt: firebase: key `ab-c` has characters the vendor refuses; sent as `ab_c`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "shop.v1.SignUp: firebase: event name `sign-up` has characters the vendor refuses; sent as `sign_up`"
        ),
        "{err}"
    );
    assert!(!err.contains("$plan"), "{err}");
    assert!(!err.contains("braze"), "{err}");
    assert_eq!(std::fs::read_dir(out.path()).expect("dir").count(), 0);
    // Segment takes every key of this schema; only the envelope's `id` clashes.
    let err = generator("vendors=segment")
        .output()
        .expect_err("clash")
        .to_string();
    assert_eq!(
        err,
        "the schema breaks vendor rules (pass vendor_check=warn to generate anyway):\n\
         shop/v1/shop.proto: shop.v1.Envelope.placed.id: segment: key `id` is also the key of `id` with body `placed`"
    );
    let ok = generator("vendors=segment,vendor_check=warn")
        .output()
        .expect("warn");
    assert_eq!(ok.warnings.len(), 1);
    assert!(ok.warnings[0].starts_with("protoc-gen-prost-vsco: warning: shop/v1/shop.proto"));
}

/// The keys inside the objects that list elements and map values become (profiles that nest
/// objects) are the schema's: the plugin checks them as it checks a nested message's.
#[test]
fn keys_inside_list_element_objects_are_checked() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // `warn`: the schema breaks other rules on purpose.
    let out = protoc_gen_prost_vsco::Generator::new()
        .include(root.join("tests/golden/vendor_shapes/input"))
        .file(root.join("tests/golden/vendor_shapes/input/shapes.proto"))
        .parameter("vendors=mixpanel,vendor_check=warn")
        .output()
        .expect("warn generates");
    let warnings = out.warnings.join("\n");
    assert!(
        warnings.contains("shapes.proto: shapes.Twins.b: mixpanel: key `k` is also the key of `a`"),
        "{warnings}"
    );
    assert!(
        warnings.contains(
            "shapes.proto: shapes.Leaf.deep.deeper: mixpanel: message nests deeper than the vendor's 4 levels and is dropped"
        ),
        "{warnings}"
    );
}

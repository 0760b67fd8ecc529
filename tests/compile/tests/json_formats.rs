//! Per-field JSON forms (`tests/golden/json_formats`): OTLP-shaped JSON with hex ids, base64
//! `bytesValue`, enums as numbers and 64-bit integers as strings decodes and re-encodes byte for
//! byte; every form on lists, maps and timestamps; the `json_format` parameter; run-time
//! overrides over the `.proto` options, and their errors.

use prost_vsco::json::{
    self, BytesFormat, EnumFormat, FieldFormat, Int64Format, JsonErrorKind, JsonOptions,
    TimestampFormat,
};
use vsco_golden_compile::cases::json_formats::traces::v1 as t;

fn canonical() -> JsonOptions {
    JsonOptions::default()
}

fn kv(key: &str, value: t::any_value::Value) -> t::KeyValue {
    t::KeyValue {
        key: key.into(),
        value: Some(t::AnyValue { value: Some(value) }),
    }
}

fn span() -> t::Span {
    use t::any_value::Value as V;
    t::Span {
        trace_id: vec![
            0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03, 0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f,
            0xc6, 0x0c,
        ],
        span_id: vec![0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74],
        parent_span_id: vec![0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x73],
        name: "I'm a server span".into(),
        kind: t::span::SpanKind::Server as i32,
        start_time_unix_nano: 1_544_712_660_000_000_000,
        end_time_unix_nano: 1_544_712_661_000_000_000,
        attributes: vec![
            kv("my.span.attr", V::StringValue("some value".into())),
            kv("payload", V::BytesValue(vec![0xde, 0xad, 0xbe, 0xef])),
            kv("retries", V::IntValue(3)),
        ],
        events: vec![t::span::Event {
            time_unix_nano: 1_544_712_660_500_000_000,
            name: "cache miss".into(),
            attributes: vec![],
        }],
        links: vec![t::span::Link {
            trace_id: vec![0xab; 16],
            span_id: vec![0x01; 8],
            trace_state: String::new(),
            attributes: vec![],
        }],
        status: Some(t::Status {
            message: "bad".into(),
            code: t::status::StatusCode::Error as i32,
        }),
        flags: 257,
        ..Default::default()
    }
}

/// OTLP JSON of [`span`], written by hand in OTLP's forms.
const SPAN_JSON: &str = concat!(
    r#"{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","#,
    r#""parentSpanId":"eee19b7ec3c1b173","name":"I'm a server span","kind":2,"#,
    r#""startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000","#,
    r#""attributes":[{"key":"my.span.attr","value":{"stringValue":"some value"}},"#,
    r#"{"key":"payload","value":{"bytesValue":"3q2+7w=="}},"#,
    r#"{"key":"retries","value":{"intValue":"3"}}],"#,
    r#""events":[{"timeUnixNano":"1544712660500000000","name":"cache miss"}],"#,
    r#""links":[{"traceId":"abababababababababababababababab","spanId":"0101010101010101"}],"#,
    r#""status":{"message":"bad","code":2},"flags":257}"#
);

#[test]
fn otlp_shaped_json_decodes_and_re_encodes_exactly() {
    let s = span();
    assert_eq!(json::to_string(&s, &canonical()).unwrap(), SPAN_JSON);
    let back: t::Span = json::from_str(SPAN_JSON, &canonical()).unwrap();
    assert_eq!(back, s);
    assert_eq!(json::to_string(&back, &canonical()).unwrap(), SPAN_JSON);
    // OTLP receivers take uppercase hex and enum names too.
    let loose = SPAN_JSON
        .replace(
            "5b8efff798038103d269b633813fc60c",
            "5B8EFFF798038103D269B633813FC60C",
        )
        .replace(r#""kind":2"#, r#""kind":"SPAN_KIND_SERVER""#);
    assert_eq!(json::from_str::<t::Span>(&loose, &canonical()).unwrap(), s);
}

#[test]
fn a_hex_field_refuses_base64_and_says_where() {
    let bad = SPAN_JSON.replace("eee19b7ec3c1b174", "7uGbfsPBsXQ=");
    let e = json::from_str::<t::Span>(&bad, &canonical()).unwrap_err();
    assert_eq!(e.path_string(), "$.spanId");
    assert!(e.to_string().contains("hex"), "{e}");
    // And a base64 field refuses hex that is not base64.
    let bad = SPAN_JSON.replace("3q2+7w==", "deadbeef!");
    let e = json::from_str::<t::Span>(&bad, &canonical()).unwrap_err();
    assert_eq!(e.path_string(), "$.attributes[1].value.bytesValue");
}

#[test]
fn field_forms_win_over_the_options_switches() {
    // The options ask for the opposite of every field's choice; the fields keep theirs, and
    // the fields without a choice follow the options.
    let flipped = JsonOptions::default()
        .bytes(BytesFormat::Hex)
        .enums(EnumFormat::Numbers)
        .int64(Int64Format::Numbers);
    let text = json::to_string(&span(), &flipped).unwrap();
    assert!(
        text.contains(r#""traceId":"5b8efff798038103d269b633813fc60c""#),
        "{text}"
    );
    assert!(text.contains(r#""bytesValue":"deadbeef""#), "{text}");
    assert!(
        text.contains(r#""startTimeUnixNano":1544712660000000000"#),
        "{text}"
    );
    let back: t::Span = json::from_str(&text, &flipped).unwrap();
    assert_eq!(back, span());

    let sample = t::Sample {
        named: t::status::StatusCode::Ok as i32,
        code: t::status::StatusCode::Ok as i32,
        ..Default::default()
    };
    let text = json::to_string(&sample, &flipped).unwrap();
    assert_eq!(text, r#"{"named":"STATUS_CODE_OK","code":1}"#);
}

fn sample() -> t::Sample {
    use prost_types::Timestamp;
    t::Sample {
        digests: vec![vec![0x00, 0xff], vec![], vec![0x0a]],
        blobs: [
            ("a".to_string(), vec![0xca, 0xfe]),
            ("b".to_string(), vec![]),
        ]
        .into_iter()
        .collect(),
        plain: vec![0xca, 0xfe],
        big: -9_007_199_254_740_993,
        bigs: vec![0, u64::MAX],
        quoted: 42,
        at: Some(Timestamp {
            seconds: 1_700_000_000,
            nanos: 123_000_000,
        }),
        times: vec![
            Timestamp {
                seconds: 1,
                nanos: 500_000_000,
            },
            Timestamp {
                seconds: -2,
                nanos: 0,
            },
        ],
        created: Some(Timestamp {
            seconds: 0,
            nanos: 0,
        }),
        named: t::status::StatusCode::Error as i32,
        code: t::status::StatusCode::Ok as i32,
        codes: [("x".to_string(), t::status::StatusCode::Error as i32)]
            .into_iter()
            .collect(),
    }
}

#[test]
fn every_form_on_lists_maps_and_timestamps() {
    let text = json::to_string(&sample(), &canonical()).unwrap();
    // One map entry order is enough: the map has two keys and is compared parsed below.
    let expected_parts = [
        r#""digests":["00ff","","0a"]"#,
        r#""plain":"yv4=""#,
        r#""big":-9007199254740993"#,
        r#""bigs":[0,18446744073709551615]"#,
        r#""quoted":"42""#,
        r#""at":1700000000123"#,
        r#""times":[1.5,-2]"#,
        r#""created":"1970-01-01T00:00:00Z""#,
        r#""named":"STATUS_CODE_ERROR""#,
        r#""code":"STATUS_CODE_OK""#,
        r#""codes":{"x":2}"#,
    ];
    for part in expected_parts {
        assert!(text.contains(part), "{part} not in {text}");
    }
    assert!(
        text.contains(r#""blobs":{"a":"cafe","b":""}"#)
            || text.contains(r#""blobs":{"b":"","a":"cafe"}"#),
        "{text}"
    );
    let back: t::Sample = json::from_str(&text, &canonical()).unwrap();
    assert_eq!(back, sample());
    // A timestamp field with an epoch form still takes RFC 3339 on input; one without does
    // not take a number.
    let rfc = text.replace("1700000000123", r#""2023-11-14T22:13:20.123Z""#);
    assert_eq!(
        json::from_str::<t::Sample>(&rfc, &canonical()).unwrap(),
        sample()
    );
    let e = json::from_str::<t::Sample>(r#"{"created":0}"#, &canonical()).unwrap_err();
    assert_eq!(e.path_string(), "$.created");
}

#[test]
fn the_json_format_parameter_sets_forms_without_touching_the_proto() {
    let r = t::Resource {
        id: vec![0xbe, 0xef],
        state: t::status::StatusCode::Ok as i32,
        count: 7,
        other: vec![0xbe, 0xef],
    };
    let text = json::to_string(&r, &canonical()).unwrap();
    assert_eq!(text, r#"{"id":"beef","state":1,"count":7,"other":"vu8="}"#);
    assert_eq!(
        json::from_str::<t::Resource>(&text, &canonical()).unwrap(),
        r
    );
}

#[test]
fn run_time_overrides_win_over_the_proto_options() {
    let base64_ids = JsonOptions::default()
        .field_format(
            "traces.v1.Span.trace_id",
            FieldFormat::NONE.bytes(BytesFormat::Base64),
        )
        .field_format(
            ".traces.v1.Span.kind",
            FieldFormat::NONE.enums(EnumFormat::Names),
        )
        .field_format(
            "traces.v1.Sample.at",
            FieldFormat::NONE.timestamps(TimestampFormat::Rfc3339),
        )
        .field_format(
            "traces.v1.AnyValue.bytes_value",
            FieldFormat::NONE.bytes(BytesFormat::Hex),
        );
    let text = json::to_string(&span(), &base64_ids).unwrap();
    assert!(
        text.contains(r#""traceId":"W47/95gDgQPSabYzgT/GDA==""#),
        "{text}"
    );
    assert!(text.contains(r#""spanId":"eee19b7ec3c1b174""#), "{text}");
    assert!(text.contains(r#""kind":"SPAN_KIND_SERVER""#), "{text}");
    assert!(text.contains(r#""bytesValue":"deadbeef""#), "{text}");
    // Nested messages of other types keep their own forms.
    assert!(
        text.contains(r#""traceId":"abababababababababababababababab""#),
        "{text}"
    );
    assert_eq!(
        json::from_str::<t::Span>(&text, &base64_ids).unwrap(),
        span()
    );

    let text = json::to_string(&sample(), &base64_ids).unwrap();
    assert!(
        text.contains(r#""at":"2023-11-14T22:13:20.123Z""#),
        "{text}"
    );
    assert_eq!(
        json::from_str::<t::Sample>(&text, &base64_ids).unwrap(),
        sample()
    );

    // The later of two calls for one field wins, choice by choice.
    let twice = JsonOptions::default()
        .field_format(
            "traces.v1.Sample.big",
            FieldFormat::NONE.int64(Int64Format::Numbers),
        )
        .field_format(
            "traces.v1.Sample.big",
            FieldFormat::NONE.int64(Int64Format::Strings),
        );
    let text = json::to_string(&sample(), &twice).unwrap();
    assert!(text.contains(r#""big":"-9007199254740993""#), "{text}");
}

/// A run-time form for a field named `value` stays with that field: the `value` of a wrapper
/// inside an `Any` beside it is the wrapper's own (it leaked there once).
#[test]
fn a_wrapper_in_an_any_keeps_its_own_forms() {
    use prost::Message;
    let c = t::Carrier {
        value: vec![1],
        any: Some(prost_types::Any {
            type_url: "type.googleapis.com/google.protobuf.BytesValue".into(),
            value: vec![0xffu8].encode_to_vec(),
        }),
    };
    let options = canonical().field_format(
        "traces.v1.Carrier.value",
        FieldFormat::NONE.bytes(BytesFormat::Hex),
    );
    assert_eq!(
        json::to_string(&c, &options).unwrap(),
        r#"{"value":"01","any":{"@type":"type.googleapis.com/google.protobuf.BytesValue","value":"/w=="}}"#
    );
}

#[test]
fn a_bad_override_is_an_error_that_names_it() {
    let unknown = JsonOptions::default().field_format(
        "traces.v1.Span.trace",
        FieldFormat::NONE.bytes(BytesFormat::Hex),
    );
    let e = json::to_string(&span(), &unknown).unwrap_err();
    assert!(
        matches!(e.kind(), JsonErrorKind::FieldFormat(_))
            && e.to_string()
                .contains("traces.v1.Span has no field `trace`"),
        "{e}"
    );
    let e = json::from_str::<t::Span>(SPAN_JSON, &unknown).unwrap_err();
    assert!(e.to_string().contains("no field `trace`"), "{e}");

    let misfit = JsonOptions::default().field_format(
        "traces.v1.Span.name",
        FieldFormat::NONE.bytes(BytesFormat::Hex),
    );
    let e = json::to_string(&span(), &misfit).unwrap_err();
    assert!(
        e.to_string()
            .contains("`bytes:hex` applies to bytes fields, and `traces.v1.Span.name` is string"),
        "{e}"
    );
    // Overrides for a message that is not written are not checked.
    let elsewhere = JsonOptions::default()
        .field_format("other.Msg.x", FieldFormat::NONE.bytes(BytesFormat::Hex));
    assert_eq!(json::to_string(&span(), &elsewhere).unwrap(), SPAN_JSON);
}

/// Random messages of every type of the schema, under option sets that flip every switch the
/// fields override: whatever encodes decodes back to a message that encodes to the same text
/// (text, not messages, are compared: a NaN double is not equal to itself).
#[test]
fn random_messages_round_trip_under_every_form() {
    use prost_vsco::Reflect;
    use prost_vsco::json::{KeyNaming, Unknown};
    use prost_vsco_conformance::random::{FillOptions, Rng, fill};

    fn round_trip<M: Reflect + Default>(seed: u64, options: &JsonOptions) -> bool {
        let mut m = M::default();
        let fill_options = FillOptions {
            unknown_enum_numbers: true,
            nan_and_infinity: true,
            depth: 3,
        };
        fill(
            &mut m,
            &mut Rng::new(seed),
            fill_options,
            &Default::default(),
        )
        .expect("fill");
        // Out-of-range random timestamps have no JSON form: nothing to round-trip.
        let Ok(text) = json::to_string(&m, options) else {
            return false;
        };
        let back: M =
            json::from_str(&text, options).unwrap_or_else(|e| panic!("seed {seed}: {e}\n{text}"));
        let again = json::to_string(&back, options).expect("re-encode");
        assert_eq!(again, text, "seed {seed}");
        true
    }

    let sets = [
        JsonOptions::default(),
        JsonOptions::default()
            .bytes(BytesFormat::Hex)
            .enums(EnumFormat::Numbers)
            .int64(Int64Format::Numbers)
            .timestamps(TimestampFormat::EpochSeconds)
            .emit_defaults(true),
        JsonOptions::default()
            .keys(KeyNaming::ProtoName)
            .timestamps(TimestampFormat::EpochMillis)
            .unknown_enum_names(Unknown::Ignore)
            .field_format(
                "traces.v1.Span.trace_id",
                FieldFormat::NONE.bytes(BytesFormat::Base64),
            )
            .field_format(
                "traces.v1.Sample.digests",
                FieldFormat::NONE.bytes(BytesFormat::Base64),
            ),
    ];
    let mut checked = 0;
    for options in &sets {
        for seed in 0..150 {
            checked += usize::from(round_trip::<t::Span>(seed, options));
            checked += usize::from(round_trip::<t::Sample>(seed, options));
            checked += usize::from(round_trip::<t::Resource>(seed, options));
        }
    }
    // Most random messages have a JSON form (only out-of-range timestamps do not).
    assert!(checked > 900, "only {checked} of 1350 messages encoded");
}

//! Behaviour of `prost_vsco::json` on the generated types: canonical output, every legacy
//! switch, errors with their JSON path and position, and decoding that never leaves a
//! half-filled message. (Conformance and the differential test against Python run in
//! `conformance/`.)

use prost_vsco::json::{
    self, BytesFormat, CaseStyle, EnumFormat, Int64Format, JsonErrorKind, JsonExt, JsonOptions,
    KeyNaming, TimestampFormat, Unknown,
};
use vsco_golden_compile::cases;

use cases::example::telemetry::v1 as t;

fn event() -> t::Event {
    t::Event {
        id: "e-1".into(),
        timestamp: Some(prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 250_000_000,
        }),
        session_id: "s-1".into(),
        sequence: u64::MAX,
        platform: t::Platform::Android as i32,
        tags: vec!["beta".into()],
        sample_rate: 0.25,
        upload_cookie: vec![0xfb, 0xff],
        body: Some(
            t::Purchase {
                order_id: "o-9".into(),
                items: vec![t::purchase::LineItem {
                    quantity: 2,
                    ..Default::default()
                }],
                currency: t::Currency::Eur as i32,
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

const CANONICAL: &str = concat!(
    r#"{"id":"e-1","timestamp":"2023-11-14T22:13:20.250Z","sessionId":"s-1","#,
    r#""sequence":"18446744073709551615","platform":"PLATFORM_ANDROID","tags":["beta"],"#,
    r#""sampleRate":0.25,"uploadCookie":"+/8=","#,
    r#""purchase":{"orderId":"o-9","items":[{"quantity":2}],"currency":"CURRENCY_EUR"}}"#
);

#[test]
fn canonical_output_and_round_trip() {
    let e = event();
    assert_eq!(e.to_json().unwrap(), CANONICAL);
    assert_eq!(t::Event::from_json(CANONICAL).unwrap(), e);
    assert_eq!(
        json::to_vec(&e, &JsonOptions::default()).unwrap(),
        CANONICAL.as_bytes()
    );
    let mut out = Vec::new();
    json::to_writer(&mut out, &e, &JsonOptions::default()).unwrap();
    assert_eq!(out, CANONICAL.as_bytes());
    assert_eq!(
        json::from_slice::<t::Event>(CANONICAL.as_bytes(), &JsonOptions::default()).unwrap(),
        e
    );
}

#[test]
fn input_accepts_proto_names_and_every_number_form() {
    let text = r#"{
        "session_id": "s", "sequence": 1e2, "schema_version": "7",
        "sample_rate": "NaN", "platform": 2, "uploadCookie": "-_8",
        "test": true
    }"#;
    let e = t::Event::from_json(text).unwrap();
    assert_eq!(e.session_id, "s");
    assert_eq!(e.sequence, 100);
    assert_eq!(e.schema_version, 7);
    assert!(e.sample_rate.is_nan());
    assert_eq!(e.platform, 2);
    assert_eq!(e.upload_cookie, vec![0xfb, 0xff]);
    assert!(e.test);
}

#[test]
fn key_naming_switches() {
    let e = t::Event {
        id: "x".into(),
        session_id: "s".into(),
        sample_rate: 1.0,
        ..Default::default()
    };
    let keys = |naming| {
        let text = json::to_string(&e, &JsonOptions::default().keys(naming)).unwrap();
        let back: t::Event = json::from_str(&text, &JsonOptions::default().keys(naming)).unwrap();
        assert_eq!(back, e, "{naming:?} round trip");
        text
    };
    assert_eq!(
        keys(KeyNaming::JsonName),
        r#"{"id":"x","sessionId":"s","sampleRate":1}"#
    );
    assert_eq!(
        keys(KeyNaming::ProtoName),
        r#"{"id":"x","session_id":"s","sample_rate":1}"#
    );
    assert_eq!(
        keys(KeyNaming::Case(CaseStyle::Kebab)),
        r#"{"id":"x","session-id":"s","sample-rate":1}"#
    );
    assert_eq!(
        keys(KeyNaming::Case(CaseStyle::ScreamingSnake)),
        r#"{"ID":"x","SESSION_ID":"s","SAMPLE_RATE":1}"#
    );
    assert_eq!(
        keys(KeyNaming::Case(CaseStyle::Pascal)),
        r#"{"Id":"x","SessionId":"s","SampleRate":1}"#
    );
    // Legacy keys from the (prost_vsco.field) option, the JSON name elsewhere.
    assert_eq!(
        keys(KeyNaming::Legacy),
        r#"{"event_id":"x","sid":"s","sampleRate":1}"#
    );
    // Aliases are accepted on input under Legacy, and only there.
    let legacy = JsonOptions::default().keys(KeyNaming::Legacy);
    let aliased: t::Event = json::from_str(r#"{"uuid":"x"}"#, &legacy).unwrap();
    assert_eq!(aliased.id, "x");
    assert!(t::Event::from_json(r#"{"uuid":"x"}"#).is_err());
}

#[test]
fn value_format_switches() {
    let e = t::Event {
        sequence: 5,
        platform: t::Platform::Ios as i32,
        upload_cookie: vec![0xde, 0xad],
        timestamp: Some(prost_types::Timestamp {
            seconds: 1,
            nanos: 500_000_000,
        }),
        ..Default::default()
    };
    let with = |o: JsonOptions| {
        let text = json::to_string(&e, &o).unwrap();
        let back: t::Event = json::from_str(&text, &o).unwrap();
        assert_eq!(back, e, "round trip of {text}");
        text
    };
    assert_eq!(
        with(JsonOptions::default()),
        r#"{"timestamp":"1970-01-01T00:00:01.500Z","sequence":"5","platform":"PLATFORM_IOS","uploadCookie":"3q0="}"#
    );
    assert_eq!(
        with(
            JsonOptions::default()
                .int64(Int64Format::Numbers)
                .enums(EnumFormat::Numbers)
                .bytes(BytesFormat::Hex)
                .timestamps(TimestampFormat::EpochMillis)
        ),
        r#"{"timestamp":1500,"sequence":5,"platform":1,"uploadCookie":"dead"}"#
    );
    assert_eq!(
        with(JsonOptions::default().timestamps(TimestampFormat::EpochSeconds)),
        r#"{"timestamp":1.5,"sequence":"5","platform":"PLATFORM_IOS","uploadCookie":"3q0="}"#
    );
}

/// A timestamp whose nanos are out of range has no epoch-seconds form (its fraction's digits
/// need them in range, as RFC 3339 does): an error, not a panic or stray digits.
#[test]
fn epoch_seconds_refuse_nanos_out_of_range() {
    for (seconds, nanos) in [(1, -500), (-1, -5), (0, 1_000_000_000), (5, i32::MIN)] {
        let e = t::Event {
            timestamp: Some(prost_types::Timestamp { seconds, nanos }),
            ..Default::default()
        };
        let err = json::to_string(
            &e,
            &JsonOptions::default().timestamps(TimestampFormat::EpochSeconds),
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "$.timestamp: cannot be written as JSON: timestamp nanos {nanos} outside 0..999999999"
            )
        );
    }
}

#[test]
fn emit_defaults_and_pretty() {
    let d = t::Device::default();
    let text = json::to_string(&d, &JsonOptions::default().emit_defaults(true)).unwrap();
    assert!(text.starts_with(r#"{"os":"","osVersion":"","#), "{text}");
    assert_eq!(t::Device::from_json(&text).unwrap(), d);
    let e = t::Event {
        id: "x".into(),
        tags: vec!["a".into(), "b".into()],
        ..Default::default()
    };
    let pretty = json::to_string(&e, &JsonOptions::default().pretty(true)).unwrap();
    assert_eq!(
        pretty,
        "{\n  \"id\": \"x\",\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ]\n}"
    );
    assert_eq!(t::Event::from_json(&pretty).unwrap(), e);
}

#[test]
fn unknown_keys_and_enum_names_error_or_are_ignored() {
    let text = r#"{"id":"x","nope":{"deep":[1,2]},"platform":"PLATFORM_MARS"}"#;
    let err = t::Event::from_json(text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$ (line 1, column 11): message telemetry.v1.Event has no field `nope`"
    );
    let ignore_keys = JsonOptions::default().unknown_keys(Unknown::Ignore);
    let err = json::from_str::<t::Event>(text, &ignore_keys).unwrap_err();
    assert_eq!(
        err.to_string(),
        "$.platform (line 1, column 44): `PLATFORM_MARS` is not a value of enum telemetry.v1.Platform"
    );
    let lenient = ignore_keys.unknown_enum_names(Unknown::Ignore);
    let e: t::Event = json::from_str(text, &lenient).unwrap();
    assert_eq!((e.id.as_str(), e.platform), ("x", 0));
}

#[test]
fn errors_name_the_json_path_and_position() {
    let cases = [
        (
            r#"{"purchase":{"items":[{"quantity":1},{"quantity":-1}]}}"#,
            "$.purchase.items[1].quantity (line 1, column 50): invalid uint32: -1 is out of range",
        ),
        (
            r#"{"properties":{"k":5}}"#,
            r#"$.properties["k"] (line 1, column 20): expected string, got a number"#,
        ),
        (
            r#"{"sequence":1.5}"#,
            "$.sequence (line 1, column 13): invalid uint64: 1.5 is not an integer",
        ),
        (
            r#"{"timestamp":"2023-02-30T00:00:00Z"}"#,
            "$.timestamp (line 1, column 14): invalid google.protobuf.Timestamp: no such date or time: 2023-02-30T00:00:00Z",
        ),
        (
            r#"{"purchase":{},"search":{}}"#,
            "$ (line 1, column 16): oneof `body` has two members set: `purchase` and `search`",
        ),
        (
            r#"{"id":"a","id":"b"}"#,
            "$.id (line 1, column 11): field `id` is given twice",
        ),
        (
            "{\"id\":\"a\",\n \"tags\":[1]}",
            "$.tags[0] (line 2, column 10): expected string, got a number",
        ),
        (
            r#"{"id":"a",}"#,
            "$ (line 1, column 11): invalid JSON: expected a string key, found `}`",
        ),
        (
            r#"{"id":"a"} x"#,
            "$ (line 1, column 12): invalid JSON: trailing characters after the value",
        ),
        (
            r#"[]"#,
            "$ (line 1, column 1): expected an object for message telemetry.v1.Event, got an array",
        ),
    ];
    for (text, expected) in cases {
        let err = t::Event::from_json(text).unwrap_err();
        assert_eq!(err.to_string(), expected, "{text}");
    }
    let bad_utf8 =
        json::from_slice::<t::Event>(b"{\"id\":\"\xff\"}", &JsonOptions::default()).unwrap_err();
    assert_eq!(
        bad_utf8.to_string(),
        "$ (line 1, column 8): invalid JSON: input is not valid UTF-8"
    );
}

/// A map entry is named by its key in the path, quoted once, by the encoder as by the
/// decoder.
#[test]
fn paths_name_map_entries_by_their_key() {
    let e = t::Event {
        body: Some(
            t::Experiment {
                variants: [("b\"c".to_string(), t::experiment::Variant::default())].into(),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    let err = json::to_string(&e, &JsonOptions::default().max_depth(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"$.experiment.variants["b\"c"]: nesting deeper than the limit of 2"#
    );
    let bad = r#"{"experiment":{"variants":{"b\"c":{"weightBps":"x"}}}}"#;
    let err = json::from_str::<t::Event>(bad, &JsonOptions::default()).unwrap_err();
    assert_eq!(
        err.path_string(),
        r#"$.experiment.variants["b\"c"].weightBps"#
    );
}

#[test]
fn nesting_is_limited_not_a_stack_overflow() {
    use cases::recursive::rec;
    let nest = |n: usize| format!("{}{{}}{}", r#"{"left":"#.repeat(n), "}".repeat(n));
    assert!(json::from_str::<rec::Node>(&nest(50), &JsonOptions::default()).is_ok());
    let err = json::from_str::<rec::Node>(&nest(150), &JsonOptions::default()).unwrap_err();
    assert_eq!(err.kind(), &JsonErrorKind::TooDeep { limit: 100 });
    let err =
        json::from_str::<rec::Node>(&nest(20), &JsonOptions::default().max_depth(10)).unwrap_err();
    assert_eq!(err.kind(), &JsonErrorKind::TooDeep { limit: 10 });
    // Unknown keys are skipped with the same limit.
    let junk = format!("{{\"zz\":{}{}}}", "[".repeat(5000), "]".repeat(5000));
    let lenient = JsonOptions::default().unknown_keys(Unknown::Ignore);
    assert!(matches!(
        json::from_str::<rec::Node>(&junk, &lenient)
            .unwrap_err()
            .kind(),
        JsonErrorKind::TooDeep { .. }
    ));
}

#[test]
fn no_limit_is_above_the_safe_ceiling() {
    use cases::recursive::rec;
    use prost_vsco::json::MAX_SAFE_DEPTH;
    let nest = |n: usize| format!("{}{{}}{}", r#"{"left":"#.repeat(n), "}".repeat(n));
    // On a thread with Rust's default 2 MiB stack, in whatever profile the tests run: the
    // ceiling itself decodes, one level more is an error, not a stack overflow.
    let handle = std::thread::spawn(move || {
        let unlimited = JsonOptions::default().max_depth(usize::MAX);
        assert_eq!(unlimited.max_depth, MAX_SAFE_DEPTH);
        let deepest = json::from_str::<rec::Node>(&nest(MAX_SAFE_DEPTH - 1), &unlimited);
        assert!(deepest.is_ok(), "{deepest:?}");
        let back = json::to_string(&deepest.unwrap(), &unlimited);
        assert!(back.is_ok(), "{back:?}");
        let err = json::from_str::<rec::Node>(&nest(MAX_SAFE_DEPTH + 10), &unlimited).unwrap_err();
        assert_eq!(
            err.kind(),
            &JsonErrorKind::TooDeep {
                limit: MAX_SAFE_DEPTH
            }
        );
        // The field is public: a value set without the builder is capped too.
        let direct = JsonOptions {
            max_depth: usize::MAX,
            ..JsonOptions::default()
        };
        let err = json::from_str::<rec::Node>(&nest(3000), &direct).unwrap_err();
        assert_eq!(
            err.kind(),
            &JsonErrorKind::TooDeep {
                limit: MAX_SAFE_DEPTH
            }
        );
    });
    handle.join().expect("no stack overflow");
}

#[test]
fn errors_do_not_echo_long_input_whole() {
    use prost_vsco::json::MAX_ECHO;
    let digits = "9".repeat(100_000);
    let err = t::Event::from_json(&format!(r#"{{"schemaVersion":{digits}}}"#)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.len() < 3 * MAX_ECHO,
        "{} bytes: {}",
        text.len(),
        &text[..200]
    );
    assert!(
        text.contains("100000 bytes") || text.contains("bytes)"),
        "{text}"
    );
    let err = t::Event::from_json(&format!(r#"{{"{digits}":1}}"#)).unwrap_err();
    assert!(err.to_string().len() < 3 * MAX_ECHO, "{}", err);
    let name = "X".repeat(50_000);
    let err = t::Event::from_json(&format!(r#"{{"platform":"{name}"}}"#)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.len() < 3 * MAX_ECHO && text.contains("50000 bytes"),
        "{text}"
    );
    // Short input is echoed as it is.
    let err = t::Event::from_json(r#"{"platform":"NOPE"}"#).unwrap_err();
    assert!(err.to_string().contains("`NOPE`"), "{err}");
}

#[test]
fn null_value_reads_as_null_wherever_it_is_written() {
    use cases::wkt::wkt::WellKnown;
    // NullValue is `null` as a field, a list element and a map value, in both directions.
    let text = r#"{"nullValue":null,"nulls":{"a":null},"nullList":[null,null]}"#;
    let w = WellKnown::from_json(text).unwrap();
    assert_eq!(w.nulls.get("a"), Some(&0));
    assert_eq!(w.null_list, vec![0, 0]);
    let back = WellKnown::from_json(&w.to_json().unwrap()).unwrap();
    assert_eq!(back, w);
    assert_eq!(
        w.to_json().unwrap(),
        r#"{"nulls":{"a":null},"nullList":[null,null]}"#
    );
}

#[test]
fn a_repeated_map_key_is_reported_before_its_second_value_is_read() {
    use cases::wkt::wkt::WellKnown;
    // The second value is bad too, but the key comes first.
    let err = WellKnown::from_json(r#"{"durations":{"k":"1s","k":"bad"}}"#).unwrap_err();
    assert!(
        err.to_string().contains("key \"k\" is given twice"),
        "{err}"
    );
    let err = WellKnown::from_json(r#"{"nulls":{"k":null,"k":null}}"#).unwrap_err();
    assert!(err.to_string().contains("is given twice"), "{err}");
}

/// Scalar map entries and list items are stored a batch at a time (see `typed_map`): every
/// size around the batch's reads back whole, and a repeated key is still the first error,
/// with its own path and position, wherever it falls.
#[test]
fn long_scalar_maps_and_lists_read_back_and_find_repeated_keys() {
    for n in [0, 1, 7, 8, 9, 16, 17, 40] {
        let mut e = t::Event {
            tags: (0..n).map(|i| format!("t{i}")).collect(),
            properties: (0..n).map(|i| (format!("k{i}"), format!("v{i}"))).collect(),
            ..Default::default()
        };
        e.user = Some(t::User {
            traits: e.properties.clone(),
            ..Default::default()
        });
        let back = t::Event::from_json(&e.to_json().unwrap()).unwrap();
        assert_eq!(back, e, "{n} entries");
    }
    let entries = |keys: &[usize]| {
        keys.iter()
            .map(|k| format!(r#""k{k}":"v""#))
            .collect::<Vec<_>>()
            .join(",")
    };
    // The second `k3` after 2, 8 and 12 other entries; then an entry with a bad value.
    for before in [2usize, 8, 12] {
        let mut keys: Vec<usize> = (0..=before).map(|i| i + 3).collect();
        keys[0] = 3;
        keys.push(3);
        let first = format!(r#"{{"properties":{{{}"#, entries(&keys[..keys.len() - 1]));
        let text = format!(r#"{first},"k3":"v","k99":5}}}}"#);
        let err = t::Event::from_json(&text).unwrap_err().to_string();
        let column = first.len() + 2;
        assert_eq!(
            err,
            format!(
                r#"$.properties["k3"] (line 1, column {column}): invalid map<string, string>: key "k3" is given twice"#
            ),
            "{text}"
        );
    }
    // A bad value before any repeated key is the error.
    let err = t::Event::from_json(r#"{"properties":{"a":"1","b":2,"a":"3"}}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"$.properties["b"] (line 1, column 28): expected string, got a number"#
    );
}

/// Enum names are matched where they stand in the text when they can be; every other
/// spelling of a string still reads the same, and near misses are still errors.
#[test]
fn enum_names_read_however_they_are_spelled() {
    let platform = |text: &str| t::Event::from_json(&format!(r#"{{"platform":{text}}}"#));
    let android = t::Platform::Android as i32;
    for text in [
        r#""PLATFORM_ANDROID""#,
        r#" "PLATFORM_ANDROID" "#,
        r#""PLATFORM_\u0041NDROID""#,
        r#""PLATFORM_ANDROI\u0044""#,
        "2",
    ] {
        assert_eq!(
            platform(text).map(|e| e.platform).ok(),
            Some(android),
            "{text}"
        );
    }
    for text in [
        r#""PLATFORM_ANDROI""#,
        r#""PLATFORM_ANDROIDX""#,
        r#""PLATFORM_ANDROID\"""#,
        r#""PLATFORM_ANDROID"#,
        r#""platform_android""#,
    ] {
        assert!(platform(text).is_err(), "{text}");
    }
}

/// Base64 is decoded where it stands when it can be; escaped characters, the URL-safe
/// alphabet and any padding read the same, and what is not base64 is still an error.
#[test]
fn bytes_read_however_they_are_spelled() {
    let cookie = |text: &str| {
        t::Event::from_json(&format!(r#"{{"uploadCookie":{text},"id":"x"}}"#))
            .map(|e| e.upload_cookie)
    };
    let bytes: Vec<u8> = (0u8..=47).map(|i| i.wrapping_mul(37)).collect();
    for text in [
        r#""ACVKb5S53gMoTXKXvOEGK1B1mr/kCS5TeJ3C5wwxVnugxeoPNFl+o8jtEjdcgabL""#,
        r#""ACVKb5S53gMoTXKXvOEGK1B1mr_kCS5TeJ3C5wwxVnugxeoPNFl-o8jtEjdcgabL""#,
        r#""ACVKb5S53gMoTXKXvOEGK1B1mr\/kCS5TeJ3C5wwxVnugxeoPNFl+o8jtEjdcgabL""#,
        r#""\u0041CVKb5S53gMoTXKXvOEGK1B1mr/kCS5TeJ3C5wwxVnugxeoPNFl+o8jtEjdcgabL""#,
    ] {
        assert_eq!(cookie(text).ok(), Some(bytes.clone()), "{text}");
    }
    for (text, expected) in [
        (r#""AQID""#, vec![1, 2, 3]),
        (r#""AQ==""#, vec![1]),
        (r#""AQ""#, vec![1]),
    ] {
        assert_eq!(cookie(text).ok(), Some(expected), "{text}");
    }
    for text in [
        r#""ACVKb5S53gMoTXKX\"vOEGK1B1mr""#,
        r#""ACVKb5S53gMoTXKX vOEGK1B1mr""#,
        r#""ACVKb5S53gMoTXKX+vOEGK1B1m_""#,
        r#""ACVKb5S53gMoTXKXvOEGK1B1m""#,
    ] {
        assert!(cookie(text).is_err(), "{text}");
    }
}

#[test]
fn well_known_types_have_their_own_forms() {
    use prost_types::{Any, Duration, FieldMask, ListValue, Struct, Timestamp, Value, value::Kind};
    let d = Duration {
        seconds: -1,
        nanos: -500_000_000,
    };
    assert_eq!(d.to_json().unwrap(), r#""-1.500s""#);
    assert_eq!(Duration::from_json(r#""-1.5s""#).unwrap(), d);
    let m = FieldMask {
        paths: vec!["a.b_c".into(), "d".into()],
    };
    assert_eq!(m.to_json().unwrap(), r#""a.bC,d""#);
    assert_eq!(FieldMask::from_json(r#""a.bC,d""#).unwrap(), m);
    let s: Struct = Struct::from_json(r#"{"a":[1,"x",null,true,{"b":{}}]}"#).unwrap();
    assert_eq!(s.to_json().unwrap(), r#"{"a":[1,"x",null,true,{"b":{}}]}"#);
    let nan = Value {
        kind: Some(Kind::NumberValue(f64::NAN)),
    };
    assert!(matches!(
        nan.to_json().unwrap_err().kind(),
        JsonErrorKind::Unrepresentable(_)
    ));
    assert_eq!(ListValue::from_json("[]").unwrap(), ListValue::default());
    // An Any holding a message of a registered type, and one holding a well-known type.
    let ts = Timestamp {
        seconds: 0,
        nanos: 0,
    };
    let any = Any::from_msg(&ts).unwrap();
    let text = any.to_json().unwrap();
    assert_eq!(
        text,
        r#"{"@type":"type.googleapis.com/google.protobuf.Timestamp","value":"1970-01-01T00:00:00Z"}"#
    );
    assert_eq!(Any::from_json(&text).unwrap(), any);
    let device = t::Device {
        os: "ios".into(),
        ..Default::default()
    };
    let any = Any {
        type_url: "type.googleapis.com/telemetry.v1.Device".into(),
        value: prost::Message::encode_to_vec(&device),
    };
    let types = std::sync::Arc::new(json::TypeRegistry::new().with(t::MESSAGE_TYPES));
    let options = JsonOptions::default().types(types);
    let text = json::to_string(&any, &options).unwrap();
    assert_eq!(
        text,
        r#"{"@type":"type.googleapis.com/telemetry.v1.Device","os":"ios"}"#
    );
    assert_eq!(json::from_str::<Any>(&text, &options).unwrap(), any);
    let err = any.to_json().unwrap_err();
    assert_eq!(
        err.to_string(),
        "$: type `type.googleapis.com/telemetry.v1.Device` of an Any is not registered"
    );
}

#[test]
fn failed_decoding_returns_no_message() {
    // The API has no way to observe a half-filled message: from_* returns a new message or an
    // error, and merge-style decoding is not offered.
    let text = r#"{"id":"kept?","sessionId":"s","sequence":"x"}"#;
    assert!(t::Event::from_json(text).is_err());
    let mut out = b"prefix".to_vec();
    let bad = prost_types::Duration {
        seconds: 1,
        nanos: -1,
    };
    assert!(json::encode_into(&bad, &mut out, &JsonOptions::default()).is_err());
    assert_eq!(
        out, b"prefix",
        "a failed encoding leaves the buffer as it was"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Fragments that make random text look like JSON for the Event schema, so the decoder
    /// gets past the first byte.
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\"id\"",
        "\"sequence\"",
        "\"tags\"",
        "\"purchase\"",
        "\"items\"",
        "\"quantity\"",
        "\"timestamp\"",
        "\"properties\"",
        "\"platform\"",
        "\"k\"",
        "\"sampleRate\"",
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1e999",
        "1.5",
        "18446744073709551616",
        "\"NaN\"",
        "\"\\ud800\"",
        "\"\\u00e9\"",
        "\"1970-01-01T00:00:00Z\"",
        "\"PLATFORM_IOS\"",
        "\"+/8=\"",
        "\u{0}",
        "\"",
        "\\",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = json::from_slice::<t::Event>(&bytes, &JsonOptions::default());
        }

        #[test]
        fn json_like_text_decodes_or_errors_and_what_decodes_round_trips(
            picks in proptest::collection::vec(0..TOKENS.len(), 0..48)
        ) {
            let text: String = picks.iter().map(|&i| TOKENS[i]).collect();
            for options in [JsonOptions::default(), JsonOptions::default().unknown_keys(Unknown::Ignore)] {
                if let Ok(e) = json::from_str::<t::Event>(&text, &options) {
                    let again = t::Event::from_json(&e.to_json().unwrap()).unwrap();
                    // NaN sample rates compare unequal; compare the encodings instead.
                    prop_assert_eq!(again.to_json().unwrap(), e.to_json().unwrap());
                }
            }
        }
    }
}

#[test]
fn deep_struct_output_reads_back() {
    // Each Value -> Struct step is one JSON object; the decoder must count it as the encoder
    // does, or output nested beyond half the limit could not be read back.
    use prost_types::{Struct, Value, value::Kind};
    let mut v = Value {
        kind: Some(Kind::StringValue("leaf".into())),
    };
    for _ in 0..90 {
        v = Value {
            kind: Some(Kind::StructValue(Struct {
                fields: [("a".to_string(), v)].into(),
            })),
        };
    }
    let text = json::to_string(&v, &JsonOptions::default()).unwrap();
    let back: Value = json::from_str(&text, &JsonOptions::default()).unwrap();
    assert_eq!(back, v);
}

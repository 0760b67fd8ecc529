//! The shared test vectors (`tests/vectors/`): what the Rust runtime gives for fixed and
//! random events of the example schema (`telemetry.json`), legacy JSON of the per-field JSON
//! forms schema (`json_formats.json`), which the Android and iOS adapters must reproduce, and
//! JSON of both under the writer's other switches (`json_writer.json`: pretty printing, the
//! nesting limit, run-time field forms), which both adapters reproduce as well.
//! `UPDATE_VECTORS=1 cargo test -p vsco-golden-compile --test vectors` regenerates them;
//! otherwise this test fails when the runtime's output drifts from the committed files.
//! The format is described in `tests/vectors/README.md`.

use std::path::PathBuf;

use base64::Engine;
use prost::Message;
use prost_vsco::json::{
    self, BytesFormat, EnumFormat, FieldFormat, Int64Format, JsonOptions, KeyNaming,
    TimestampFormat,
};
use prost_vsco::vendor::{
    self, Adjustment, AdjustmentKind, BoolFormat, Builtin, BytesFormat as VendorBytes,
    DurationFormat, KeyCase, KeyCharset, LengthUnit, Maps, Nesting, OnViolation, Pii, Profile,
    Repeated, TimestampFormat as VendorTimestamps, U64Format, VendorValue,
};
use prost_vsco::{KeyStyle, MapKey, OwnedValue, Reflect, ReflectExt};
use prost_vsco_conformance::random::{FillOptions, Rng, fill};
use serde_json::{Value as Json, json};
// The example schema with `btree_map=.`: maps encode and print in key order, so every output
// is deterministic.
use vsco_golden_compile::cases::vectors::telemetry::v1 as t;
// OTLP-shaped messages with per-field JSON forms (`btree_map=.` as well).
use vsco_golden_compile::cases::json_formats::traces::v1 as f;

const RANDOM: u64 = 16;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn float(v: f64) -> Json {
    if v.is_nan() {
        json!("NaN")
    } else if v.is_infinite() {
        json!(if v > 0.0 { "Infinity" } else { "-Infinity" })
    } else {
        json!(v)
    }
}

/// A vendor value, tagged with its type (64-bit integers as decimal strings).
fn vendor_value(v: &VendorValue<'_>) -> Json {
    match v {
        VendorValue::Bool(b) => json!({ "bool": b }),
        VendorValue::Int(i) => json!({ "int": i.to_string() }),
        VendorValue::Double(d) => json!({ "double": float(*d) }),
        VendorValue::Str(s) => json!({ "string": s }),
        VendorValue::List(items) => {
            json!({ "list": items.iter().map(vendor_value).collect::<Vec<_>>() })
        }
        VendorValue::Object(entries) => json!({
            "object": entries.iter().map(|(k, v)| json!([k, vendor_value(v)])).collect::<Vec<_>>()
        }),
    }
}

fn adjustment(a: &Adjustment) -> Json {
    let mut out = json!({ "key": a.key, "kind": a.kind_name(), "text": a.to_string() });
    match &a.kind {
        AdjustmentKind::ValueTruncated { len, max } => {
            out["len"] = json!(len);
            out["max"] = json!(max);
        }
        AdjustmentKind::Dropped(reason) => out["reason"] = json!(format!("{reason:?}")),
        AdjustmentKind::Coerced(c) => out["coercion"] = json!(format!("{c:?}")),
        AdjustmentKind::KeyRewritten { from }
        | AdjustmentKind::KeyTruncated { from }
        | AdjustmentKind::EventNameRewritten { from }
        | AdjustmentKind::EventNameTruncated { from } => out["from"] = json!(from),
    }
    out
}

/// An owned reflection value, tagged with its protobuf-facing type.
fn owned(v: &OwnedValue) -> Json {
    match v {
        OwnedValue::Bool(b) => json!({ "bool": b }),
        OwnedValue::I32(i) => json!({ "int32": i }),
        OwnedValue::I64(i) => json!({ "int64": i.to_string() }),
        OwnedValue::U32(i) => json!({ "uint32": i }),
        OwnedValue::U64(i) => json!({ "uint64": i.to_string() }),
        OwnedValue::F32(f) => json!({ "float": float(f64::from(*f)) }),
        OwnedValue::F64(f) => json!({ "double": float(*f) }),
        OwnedValue::String(s) => json!({ "string": s }),
        OwnedValue::Bytes(b) => json!({ "bytes": b64(b) }),
        OwnedValue::Enum(e) => json!({ "enum": { "number": e.number, "name": e.name() } }),
        OwnedValue::Message(m) => json!({
            "message": m.iter().map(|(k, v)| json!([k, owned(v)])).collect::<Vec<_>>()
        }),
        OwnedValue::List(items) => json!({ "list": items.iter().map(owned).collect::<Vec<_>>() }),
        OwnedValue::Map(m) => json!({
            "map": m.iter().map(|(k, v)| json!([map_key(k), owned(v)])).collect::<Vec<_>>()
        }),
    }
}

fn map_key(k: &MapKey) -> Json {
    match k {
        MapKey::Bool(b) => json!({ "bool": b }),
        MapKey::I32(i) => json!({ "int32": i }),
        MapKey::I64(i) => json!({ "int64": i.to_string() }),
        MapKey::U32(i) => json!({ "uint32": i }),
        MapKey::U64(i) => json!({ "uint64": i.to_string() }),
        MapKey::String(s) => json!({ "string": s }),
    }
}

/// The legacy JSON option combinations every adapter must support, by name.
fn json_options() -> Vec<(&'static str, JsonOptions)> {
    let d = JsonOptions::default;
    vec![
        ("canonical", d()),
        ("proto_names", d().keys(KeyNaming::ProtoName)),
        ("legacy_keys", d().keys(KeyNaming::Legacy)),
        ("enums_as_numbers", d().enums(EnumFormat::Numbers)),
        ("int64_as_numbers", d().int64(Int64Format::Numbers)),
        ("bytes_as_hex", d().bytes(BytesFormat::Hex)),
        ("epoch_millis", d().timestamps(TimestampFormat::EpochMillis)),
        (
            "epoch_seconds",
            d().timestamps(TimestampFormat::EpochSeconds),
        ),
        ("emit_defaults", d().emit_defaults(true)),
        (
            "legacy_all",
            d().keys(KeyNaming::Legacy)
                .enums(EnumFormat::Numbers)
                .int64(Int64Format::Numbers)
                .bytes(BytesFormat::Hex)
                .timestamps(TimestampFormat::EpochMillis)
                .emit_defaults(true),
        ),
    ]
}

/// The option sets of `json_writer.json`: the writer's switches beyond the legacy forms.
fn writer_options() -> Vec<(&'static str, JsonOptions)> {
    let d = JsonOptions::default;
    let legacy_all = json_options()
        .into_iter()
        .find(|(name, _)| *name == "legacy_all")
        .map(|(_, options)| options)
        .expect("legacy_all");
    let none = FieldFormat::NONE;
    // Run-time forms over both schemas (each message reads only its own): over the options'
    // choices, and over the fields' own `json_*` options (Span's ids and kind).
    let fields = d()
        .field_format(
            "telemetry.v1.Event.sequence",
            none.int64(Int64Format::Numbers),
        )
        .field_format(
            "telemetry.v1.Event.upload_cookie",
            none.bytes(BytesFormat::Hex),
        )
        .field_format(
            "telemetry.v1.Event.sent_at",
            none.timestamps(TimestampFormat::EpochSeconds),
        )
        .field_format(
            "telemetry.v1.Event.platform",
            none.enums(EnumFormat::Numbers),
        )
        .field_format(
            "telemetry.v1.Purchase.currency",
            none.enums(EnumFormat::Numbers),
        )
        .field_format("traces.v1.Span.trace_id", none.bytes(BytesFormat::Base64))
        .field_format("traces.v1.Span.kind", none.enums(EnumFormat::Names))
        .field_format(
            "traces.v1.Span.start_time_unix_nano",
            none.int64(Int64Format::Numbers),
        )
        .field_format("traces.v1.Carrier.value", none.bytes(BytesFormat::Hex));
    vec![
        ("pretty", d().pretty(true)),
        ("pretty_legacy_all", legacy_all.pretty(true)),
        ("max_depth_0", d().max_depth(0)),
        ("max_depth_1", d().max_depth(1)),
        ("max_depth_2", d().max_depth(2)),
        ("field_formats", fields.clone()),
        ("field_formats_pretty", fields.pretty(true)),
        (
            "field_format_no_such_field",
            d().field_format("telemetry.v1.Event.nope", none.bytes(BytesFormat::Hex))
                .field_format("traces.v1.Span.nope", none.bytes(BytesFormat::Hex)),
        ),
        (
            "field_format_misfit",
            d().field_format("telemetry.v1.Event.id", none.bytes(BytesFormat::Hex))
                .field_format("traces.v1.Span.name", none.enums(EnumFormat::Numbers)),
        ),
    ]
}

/// The properties of `e` for `p`, or the error.
fn vendor_output(e: &t::Event, p: &Profile, pii: Pii) -> Json {
    match vendor::properties(e, p, pii) {
        Ok(props) => json!({
            "event_name": props.event_name,
            "properties": props.entries.iter().map(|(k, v)| json!([k, vendor_value(v)])).collect::<Vec<_>>(),
            "adjustments": props.adjustments.iter().map(adjustment).collect::<Vec<_>>(),
            "http_json": props.to_json(p),
        }),
        Err(err) => json!({ "error": err.to_string() }),
    }
}

fn vendor_outputs(e: &t::Event, pii: Pii) -> Json {
    let mut out = serde_json::Map::new();
    for b in Builtin::ALL {
        out.insert(b.name().to_string(), vendor_output(e, b.profile(), pii));
    }
    Json::Object(out)
}

/// Custom profiles that between them set every knob away from its base's value, as the
/// vectors file spells them (`custom_profiles`): each adapter builds them with its own
/// builder from this text, so the walk that no plugin check saw (keys, event names and
/// their adjustments made at run time) is held to Rust's outputs too.
fn custom_profile_specs() -> Json {
    json!([
        {
            "name": "flat_dots",
            "base": "firebase",
            "key_case": "camel",
            "nesting": "flatten",
            "separator": ".",
            "extra_key_chars": ".",
            "strip_leading": "$",
            "max_key_len": 14,
            "key_length_unit": "utf16",
            "max_event_name_len": 9,
            "bools": "string",
            "u64s": "string",
            "max_string_len": 12,
            "string_length_unit": "bytes",
            "max_properties": 18,
            "max_depth": 3,
            "repeated": "indexed",
            "maps": "prefixed_keys",
            "bytes": "hex",
            "timestamps": "epoch_millis",
            "durations": "millis",
            "on_violation": "truncate"
        },
        {
            "name": "objects_drop",
            "base": "segment",
            "key_case": "snake",
            "nesting": "objects",
            "separator": "_",
            "key_charset": "word",
            "key_starts_with_letter": true,
            "strip_leading": "_a",
            "reserved_keys": ["test"],
            "reserved_prefixes": ["sdk"],
            "reserved_event_names": ["video_play"],
            "bools": "int",
            "u64s": "double",
            "max_string_len": 20,
            "string_length_unit": "chars",
            "max_properties": 12,
            "max_depth": 2,
            "repeated": "joined",
            "join_separator": "|",
            "maps": "object",
            "bytes": "omit",
            "timestamps": "epoch_seconds",
            "durations": "string",
            "on_violation": "drop",
            "shape": ["name", "props"]
        },
        {
            "name": "strict",
            "base": "mixpanel",
            "key_case": "as_is",
            "max_key_len": 16,
            "key_length_unit": "chars",
            "max_string_len": 24,
            "string_length_unit": "chars",
            "on_violation": "error"
        }
    ])
}

/// A profile from its spec in `custom_profile_specs`.
fn custom_profile(spec: &Json) -> Profile {
    let text = |k: &str| spec.get(k).and_then(Json::as_str);
    let size = |k: &str| spec.get(k).and_then(Json::as_u64).map(|v| v as usize);
    let strs = |k: &str| -> Vec<String> {
        spec.get(k)
            .and_then(Json::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let unit = |k: &str| match text(k) {
        Some("chars") => LengthUnit::Chars,
        Some("utf16") => LengthUnit::Utf16,
        Some("bytes") => LengthUnit::Bytes,
        other => panic!("{k}: {other:?}"),
    };
    let base = Builtin::from_name(text("base").unwrap()).unwrap().profile();
    let mut b = Profile::builder(text("name").unwrap().to_string(), base);
    for (knob, _) in spec.as_object().unwrap() {
        b = match knob.as_str() {
            "name" | "base" | "separator" | "join_separator" | "string_length_unit" => b,
            "key_case" => b.key_case(match text(knob) {
                Some("as_is") => KeyCase::AsIs,
                Some("snake") => KeyCase::Snake,
                Some("camel") => KeyCase::Camel,
                other => panic!("{knob}: {other:?}"),
            }),
            "nesting" => {
                let sep = text("separator").and_then(|s| s.chars().next()).unwrap();
                let nesting = match text(knob) {
                    Some("flatten") => Nesting::Flatten,
                    Some("objects") => Nesting::Objects,
                    other => panic!("{knob}: {other:?}"),
                };
                b.nesting(nesting, sep)
            }
            "key_charset" => b.key_charset(match text(knob) {
                Some("any") => KeyCharset::Any,
                Some("word") => KeyCharset::Word,
                other => panic!("{knob}: {other:?}"),
            }),
            "extra_key_chars" => b.extra_key_chars(text(knob).unwrap().to_string()),
            "key_starts_with_letter" => b.key_starts_with_letter(spec[knob] == json!(true)),
            "strip_leading" => b.strip_leading(text(knob).unwrap().to_string()),
            "max_key_len" => b.max_key_len(size(knob)),
            "key_length_unit" => b.key_length_unit(unit(knob)),
            "reserved_keys" => b.reserved_keys(strs(knob)),
            "reserved_prefixes" => b.reserved_prefixes(strs(knob)),
            "max_event_name_len" => b.max_event_name_len(size(knob)),
            "reserved_event_names" => b.reserved_event_names(strs(knob)),
            "bools" => b.bools(match text(knob) {
                Some("bool") => BoolFormat::Bool,
                Some("int") => BoolFormat::Int,
                Some("string") => BoolFormat::String,
                other => panic!("{knob}: {other:?}"),
            }),
            "u64s" => b.u64s(match text(knob) {
                Some("int_or_string") => U64Format::IntOrString,
                Some("string") => U64Format::String,
                Some("double") => U64Format::Double,
                other => panic!("{knob}: {other:?}"),
            }),
            "max_string_len" => b.max_string_len(size(knob), unit("string_length_unit")),
            "max_properties" => b.max_properties(size(knob)),
            "max_depth" => b.max_depth(size(knob).unwrap()),
            "repeated" => b.repeated(
                match text(knob) {
                    Some("list") => Repeated::List,
                    Some("joined") => Repeated::Joined,
                    Some("indexed") => Repeated::Indexed,
                    other => panic!("{knob}: {other:?}"),
                },
                text("join_separator").unwrap_or(",").to_string(),
            ),
            "maps" => b.maps(match text(knob) {
                Some("object") => Maps::Object,
                Some("prefixed_keys") => Maps::PrefixedKeys,
                other => panic!("{knob}: {other:?}"),
            }),
            "bytes" => b.bytes(match text(knob) {
                Some("base64") => VendorBytes::Base64,
                Some("hex") => VendorBytes::Hex,
                Some("omit") => VendorBytes::Omit,
                other => panic!("{knob}: {other:?}"),
            }),
            "timestamps" => b.timestamps(match text(knob) {
                Some("rfc3339") => VendorTimestamps::Rfc3339,
                Some("epoch_millis") => VendorTimestamps::EpochMillis,
                Some("epoch_seconds") => VendorTimestamps::EpochSeconds,
                other => panic!("{knob}: {other:?}"),
            }),
            "durations" => b.durations(match text(knob) {
                Some("seconds") => DurationFormat::Seconds,
                Some("millis") => DurationFormat::Millis,
                Some("string") => DurationFormat::String,
                other => panic!("{knob}: {other:?}"),
            }),
            "on_violation" => b.on_violation(match text(knob) {
                Some("truncate") => OnViolation::Truncate,
                Some("drop") => OnViolation::Drop,
                Some("error") => OnViolation::Error,
                other => panic!("{knob}: {other:?}"),
            }),
            "shape" => {
                let keys = strs(knob);
                b.shape(keys[0].clone(), keys[1].clone())
            }
            other => panic!("unknown knob {other}"),
        };
    }
    b.build().unwrap()
}

fn custom_outputs(e: &t::Event) -> Json {
    let mut out = serde_json::Map::new();
    for spec in custom_profile_specs().as_array().unwrap() {
        let p = custom_profile(spec);
        out.insert(p.name().to_string(), vendor_output(e, &p, Pii::Exclude));
    }
    Json::Object(out)
}

/// `m` as JSON under every option set, by name.
fn legacy_json(m: &dyn Reflect) -> Json {
    json_under(m, json_options())
}

/// `m` as JSON under each of `sets`, by name.
fn json_under(m: &dyn Reflect, sets: Vec<(&'static str, JsonOptions)>) -> Json {
    let mut legacy = serde_json::Map::new();
    for (option, options) in sets {
        let text = match json::to_string(m, &options) {
            Ok(text) => json!(text),
            Err(err) => json!({ "error": err.to_string() }),
        };
        legacy.insert(option.to_string(), text);
    }
    Json::Object(legacy)
}

fn vector(name: &str, e: &t::Event) -> Json {
    json!({
        "name": name,
        "type": e.info().full_name,
        "binary": b64(&e.encode_to_vec()),
        "to_map": {
            "proto_name": owned(&OwnedValue::Message(e.to_map(KeyStyle::ProtoName))),
            "json_name": owned(&OwnedValue::Message(e.to_map(KeyStyle::JsonName))),
        },
        "vendor": vendor_outputs(e, Pii::Exclude),
        "vendor_with_pii": vendor_outputs(e, Pii::Include),
        "vendor_custom": custom_outputs(e),
        "legacy_json": legacy_json(e),
    })
}

/// Hand-written events: one per body type, and the edges every adapter gets wrong first.
fn fixed() -> Vec<(&'static str, t::Event)> {
    let base = || t::Event {
        id: "6f1c2a52-8f4e-4c5e-9d8a-3b2f1e0c9a77".into(),
        timestamp: Some(prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 250_000_000,
        }),
        session_id: "s-42".into(),
        sequence: 7,
        platform: t::Platform::Ios as i32,
        device: Some(t::Device {
            os: "iOS".into(),
            os_version: "17.4.1".into(),
            model: "iPhone15,2".into(),
            app_version: "312.0".into(),
            locale: "en-US".into(),
            screen_width: 1179,
            screen_density: 3.0,
            advertising_id: Some("AEBE52E7-03EE-455A-B3C4-E57283966239".into()),
            battery_level: Some(0.5),
            connection: t::ConnectionType::Wifi as i32,
            ..Default::default()
        }),
        user: Some(t::User {
            user_id: "u-1".into(),
            email: "ada@example.com".into(),
            traits: [("plan".to_string(), "pro".to_string())]
                .into_iter()
                .collect(),
            is_subscriber: true,
            ..Default::default()
        }),
        ip_address: "203.0.113.7".into(),
        schema_version: 3,
        ..Default::default()
    };
    let with = |body: t::event::Body| t::Event {
        body: Some(body),
        ..base()
    };
    vec![
        ("envelope_without_body", base()),
        (
            "purchase",
            with(
                t::Purchase {
                    order_id: "o-9".into(),
                    items: vec![
                        t::purchase::LineItem {
                            product: Some(t::Product {
                                sku: "sku-1".into(),
                                name: "Café crème".into(),
                                price: 3.5,
                                categories: vec!["drinks".into(), "hot".into()],
                            }),
                            quantity: 2,
                            discount: 0.25,
                        },
                        t::purchase::LineItem {
                            quantity: 1,
                            ..Default::default()
                        },
                    ],
                    revenue: 7.0,
                    currency: t::Currency::Eur as i32,
                    tax_minor_units: -120,
                    coupon_code: Some(String::new()),
                    receipt: vec![0xde, 0xad, 0xbe, 0xef],
                }
                .into(),
            ),
        ),
        (
            "search_with_long_unicode",
            with(
                t::Search {
                    query: "secret".into(),
                    result_count: u32::MAX,
                    filters: vec!["😀".repeat(70), "é".repeat(300), "a|b,c".into()],
                    facet_counts: [
                        ("z".to_string(), i64::MIN),
                        ("a b$".to_string(), 1),
                        (String::new(), 2),
                    ]
                    .into_iter()
                    .collect(),
                    selected_position: Some(0),
                }
                .into(),
            ),
        ),
        (
            // Keys and values over every vendor's limits: a map key cut to Firebase's 40
            // UTF-16 units and to 255 for Mixpanel and Braze, and one of 200 characters (400
            // bytes) that both keep whole, since they count key lengths in characters; a
            // value of 1,201 UTF-16 units that Amplitude cuts to 1,023, since unit 1,024
            // would halve a surrogate pair.
            "long_keys_and_values",
            t::Event {
                sdk_name: format!("a{}", "😀".repeat(600)),
                properties: [
                    (
                        "utm_campaign_spring_sale_newsletter_week_12".to_string(),
                        "x".to_string(),
                    ),
                    ("k".repeat(300), "y".to_string()),
                    ("é".repeat(200), "z".to_string()),
                ]
                .into_iter()
                .collect(),
                ..with(
                    t::AppOpen {
                        deep_link: "app://home".into(),
                        ..Default::default()
                    }
                    .into(),
                )
            },
        ),
        (
            "app_background_u64_edges",
            with(
                t::AppBackground {
                    foreground_duration: Some(prost_types::Duration {
                        seconds: -3,
                        nanos: -500_000_000,
                    }),
                    clock_skew_ms: i64::MAX,
                    pending_events: u64::MAX,
                }
                .into(),
            ),
        ),
        (
            "error_with_struct",
            with(
                t::Error {
                    domain: "NSURLErrorDomain".into(),
                    code: -1009,
                    message: "The Internet connection appears to be offline.".into(),
                    severity: 7,
                    line: -1,
                    stack_fingerprint: vec![0, 255],
                    context: Some(prost_types::Struct {
                        fields: [
                            (
                                "retry".to_string(),
                                prost_types::Value {
                                    kind: Some(prost_types::value::Kind::BoolValue(true)),
                                },
                            ),
                            (
                                "tags".to_string(),
                                prost_types::Value {
                                    kind: Some(prost_types::value::Kind::ListValue(
                                        prost_types::ListValue {
                                            values: vec![prost_types::Value {
                                                kind: Some(prost_types::value::Kind::NumberValue(
                                                    1.5,
                                                )),
                                            }],
                                        },
                                    )),
                                },
                            ),
                            (
                                "none".to_string(),
                                prost_types::Value {
                                    kind: Some(prost_types::value::Kind::NullValue(0)),
                                },
                            ),
                        ]
                        .into_iter()
                        .collect(),
                    }),
                }
                .into(),
            ),
        ),
        (
            "video_play_floats",
            with(
                t::VideoPlay {
                    video_id: "v".into(),
                    position_ms: 1 << 53,
                    length_ms: -1,
                    playback_rate: 0.1,
                    muted: true,
                    renditions: vec!["720p".into(), "1080p".into()],
                }
                .into(),
            ),
        ),
        (
            "share_wrappers_and_enum_lists",
            with(
                t::Share {
                    content_id: "c".into(),
                    content_hash: u64::MAX - 1,
                    destinations: vec![1, 3, 42],
                    recipient_count: Some(0),
                }
                .into(),
            ),
        ),
        (
            "experiment_maps_of_messages",
            with(
                t::Experiment {
                    experiment_key: "exp-1".into(),
                    assigned_variant: "b".into(),
                    variants: [(
                        "b".to_string(),
                        t::experiment::Variant {
                            name: "b".into(),
                            weight_bps: 5000,
                            overrides: [("color".to_string(), "red".to_string())]
                                .into_iter()
                                .collect(),
                        },
                    )]
                    .into_iter()
                    .collect(),
                    seed: -7,
                    assignment_token: vec![1],
                    exposures: [("home".to_string(), 3)].into_iter().collect(),
                }
                .into(),
            ),
        ),
        (
            // A map key that leaves room for the value's own key (`variants_<key>`, 37 UTF-16
            // units) but not for the keys of its fields (`variants_<key>_weight_bps`, 48):
            // Firebase cuts those to 40, which depends on the data, so each cut is recorded.
            "experiment_long_variant_keys",
            with(
                t::Experiment {
                    experiment_key: "exp-2".into(),
                    variants: [(
                        "spring_sale_long_variant_key".to_string(),
                        t::experiment::Variant {
                            name: "a".into(),
                            weight_bps: 2500,
                            ..Default::default()
                        },
                    )]
                    .into_iter()
                    .collect(),
                    ..Default::default()
                }
                .into(),
            ),
        ),
        (
            "signup_rating_pii",
            with(
                t::Rating {
                    subject: "app".into(),
                    stars: 5,
                    delta: -2,
                    comment: Some("call me at 555-0100".into()),
                }
                .into(),
            ),
        ),
    ]
}

/// A random message of type `M` from `seed`.
fn random_message<M: Reflect + Default>(seed: u64) -> M {
    let mut rng = Rng::new(seed);
    let mut m = M::default();
    let options = FillOptions {
        unknown_enum_numbers: true,
        nan_and_infinity: true,
        depth: 3,
    };
    fill(&mut m, &mut rng, options, &Default::default()).expect("fill");
    m
}

fn random(seed: u64) -> t::Event {
    let mut e: t::Event = random_message(seed);
    // Every random event has a body, so every vendor has an event name to send.
    if e.body.is_none() {
        e.set("login", OwnedValue::message([("mfa_used", true)]))
            .expect("login");
    }
    e
}

fn all_vectors() -> Json {
    let mut vectors: Vec<Json> = fixed()
        .iter()
        .map(|(name, e)| vector(&format!("fixed/{name}"), e))
        .collect();
    for seed in 0..RANDOM {
        vectors.push(vector(&format!("random/{seed}"), &random(seed)));
    }
    json!({
        "schema": "examples/telemetry/proto (telemetry.v1)",
        "generated_by": "UPDATE_VECTORS=1 cargo test -p vsco-golden-compile --test vectors",
        "profiles": Builtin::ALL.iter().map(|b| b.name()).collect::<Vec<_>>(),
        "custom_profiles": custom_profile_specs(),
        "json_options": json_options().iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "vectors": vectors,
    })
}

/// One line per member of the file and of each vector (values compact), so that a diff
/// points at the vector and the output that changed without the file growing tenfold.
fn layout(all: &Json) -> String {
    let compact = |v: &Json| serde_json::to_string(v).expect("json");
    let members =
        |obj: &serde_json::Map<String, Json>, indent: &str, out: &mut String, skip: &str| {
            let lines: Vec<String> = obj
                .iter()
                .filter(|(k, _)| k.as_str() != skip)
                .map(|(k, v)| format!("{indent}{}: {}", compact(&json!(k)), compact(v)))
                .collect();
            out.push_str(&lines.join(",\n"));
        };
    let mut out = String::from("{\n");
    if let Json::Object(top) = all {
        members(top, "  ", &mut out, "vectors");
        out.push_str(",\n  \"vectors\": [\n");
        let vectors: Vec<String> = top["vectors"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                let mut one = String::from("    {\n");
                if let Json::Object(fields) = v {
                    members(fields, "      ", &mut one, "");
                }
                one.push_str("\n    }");
                one
            })
            .collect();
        out.push_str(&vectors.join(",\n"));
        out.push_str("\n  ]\n");
    }
    out.push_str("}\n");
    out
}

/// JSON vectors of the per-field forms schema: a hand-written span and sample, the three
/// message types at random, each as binary and as legacy JSON under every option set.
fn json_format_vectors() -> Json {
    let one = |name: String, m: &dyn Reflect, binary: Vec<u8>| {
        json!({
            "name": name,
            "type": m.info().full_name,
            "binary": b64(&binary),
            "legacy_json": legacy_json(m),
        })
    };
    let span = f::Span {
        trace_id: (0..16).collect(),
        span_id: vec![0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74],
        name: "GET /".into(),
        kind: f::span::SpanKind::Server as i32,
        start_time_unix_nano: 1_544_712_660_000_000_000,
        attributes: vec![f::KeyValue {
            key: "blob".into(),
            value: Some(f::AnyValue {
                value: Some(f::any_value::Value::BytesValue(vec![
                    0xde, 0xad, 0xbe, 0xef,
                ])),
            }),
        }],
        status: Some(f::Status {
            message: String::new(),
            code: f::status::StatusCode::Error as i32,
        }),
        ..Default::default()
    };
    let sample = f::Sample {
        digests: vec![vec![0, 255], vec![]],
        blobs: [("a".to_string(), vec![0xca, 0xfe])].into_iter().collect(),
        plain: vec![0xca, 0xfe],
        big: i64::MIN,
        bigs: vec![u64::MAX],
        quoted: 1,
        at: Some(prost_types::Timestamp {
            seconds: 1_700_000_000,
            nanos: 123_456_789,
        }),
        times: vec![prost_types::Timestamp {
            seconds: -1,
            nanos: 500_000_000,
        }],
        named: 2,
        code: 1,
        codes: [("x".to_string(), 7)].into_iter().collect(),
        ..Default::default()
    };
    let resource = f::Resource {
        id: vec![1, 2],
        state: 1,
        count: -5,
        other: vec![1, 2],
    };
    let mut vectors = vec![
        one("fixed/span".into(), &span, span.encode_to_vec()),
        one("fixed/sample".into(), &sample, sample.encode_to_vec()),
        one("fixed/resource".into(), &resource, resource.encode_to_vec()),
    ];
    for seed in 0..RANDOM {
        let s: f::Span = random_message(seed);
        vectors.push(one(format!("random/span/{seed}"), &s, s.encode_to_vec()));
        let s: f::Sample = random_message(seed);
        vectors.push(one(format!("random/sample/{seed}"), &s, s.encode_to_vec()));
        let r: f::Resource = random_message(seed);
        vectors.push(one(
            format!("random/resource/{seed}"),
            &r,
            r.encode_to_vec(),
        ));
    }
    json!({
        "schema": "tests/golden/json_formats (traces.v1), with its params.txt",
        "generated_by": "UPDATE_VECTORS=1 cargo test -p vsco-golden-compile --test vectors",
        "json_options": json_options().iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "vectors": vectors,
    })
}

/// JSON of telemetry events and of the per-field forms schema's messages under the writer's
/// other switches ([`writer_options`]).
fn json_writer_vectors() -> Json {
    let one = |name: String, m: &dyn Reflect, binary: Vec<u8>| {
        json!({
            "name": name,
            "type": m.info().full_name,
            "binary": b64(&binary),
            "json": json_under(m, writer_options()),
        })
    };
    let mut vectors: Vec<Json> = fixed()
        .iter()
        .map(|(name, e)| one(format!("fixed/{name}"), e, e.encode_to_vec()))
        .collect();
    for seed in 0..RANDOM {
        let e = random(seed);
        vectors.push(one(format!("random/{seed}"), &e, e.encode_to_vec()));
    }
    // The edges: wrappers count no nesting level (`share.recipient_count` at depth 2); a
    // timestamp whose nanos are out of range has no epoch-seconds form; an `Any` holding a
    // wrapper keeps the wrapper's own forms beside a field named `value`; an `Any` holding
    // `Empty` is a message without fields.
    let share = t::Event {
        id: "e-share".into(),
        body: Some(
            t::Share {
                recipient_count: Some(3),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    vectors.push(one(
        "fixed/wrapper_at_depth_2".into(),
        &share,
        share.encode_to_vec(),
    ));
    let stamps = t::Event {
        id: "e-nanos".into(),
        sent_at: Some(prost_types::Timestamp {
            seconds: 1,
            nanos: -500,
        }),
        ..Default::default()
    };
    vectors.push(one(
        "fixed/nanos_out_of_range".into(),
        &stamps,
        stamps.encode_to_vec(),
    ));
    // An error repeats at most 120 bytes of a key or a name: a map key of 200 bytes past
    // the nesting limit, shortened in the path on a character boundary.
    let long_key = t::Event {
        id: "e-long-key".into(),
        body: Some(
            t::Experiment {
                variants: [(
                    format!("{}{}", "k".repeat(99), "é".repeat(50)),
                    t::experiment::Variant::default(),
                )]
                .into(),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    vectors.push(one(
        "fixed/long_map_key_too_deep".into(),
        &long_key,
        long_key.encode_to_vec(),
    ));
    let any = |type_url: &str, value: Vec<u8>| prost_types::Any {
        type_url: type_url.into(),
        value,
    };
    for (name, carrier) in [
        (
            "fixed/carrier/bytes_wrapper",
            f::Carrier {
                value: vec![1],
                any: Some(any(
                    "type.googleapis.com/google.protobuf.BytesValue",
                    vec![0xffu8].encode_to_vec(),
                )),
            },
        ),
        (
            "fixed/carrier/empty",
            f::Carrier {
                value: vec![],
                any: Some(any("type.googleapis.com/google.protobuf.Empty", vec![])),
            },
        ),
        (
            "fixed/carrier/timestamp",
            f::Carrier {
                value: vec![2],
                any: Some(any(
                    "type.googleapis.com/google.protobuf.Timestamp",
                    prost_types::Timestamp {
                        seconds: 1,
                        nanos: 5,
                    }
                    .encode_to_vec(),
                )),
            },
        ),
        (
            // No adapter registers it, and its name is shortened in the error.
            "fixed/carrier/unregistered_long_type",
            f::Carrier {
                value: vec![],
                any: Some(any(
                    &format!(
                        "type.googleapis.com/{}Thing",
                        "very.long.package.".repeat(7)
                    ),
                    vec![],
                )),
            },
        ),
    ] {
        vectors.push(one(name.into(), &carrier, carrier.encode_to_vec()));
    }
    for seed in 0..RANDOM / 4 {
        let s: f::Span = random_message(seed);
        vectors.push(one(format!("random/span/{seed}"), &s, s.encode_to_vec()));
        let s: f::Sample = random_message(seed);
        vectors.push(one(format!("random/sample/{seed}"), &s, s.encode_to_vec()));
    }
    json!({
        "schema": "examples/telemetry/proto (telemetry.v1) and tests/golden/json_formats (traces.v1)",
        "generated_by": "UPDATE_VECTORS=1 cargo test -p vsco-golden-compile --test vectors",
        "json_options": writer_options().iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        "vectors": vectors,
    })
}

#[test]
fn json_writer_vectors_match_the_runtime() {
    check_file("json_writer.json", &json_writer_vectors());
}

#[test]
fn vectors_match_the_runtime() {
    check_file("telemetry.json", &all_vectors());
}

#[test]
fn json_format_vectors_match_the_runtime() {
    check_file("json_formats.json", &json_format_vectors());
}

/// Compares `tests/vectors/<file>` with `all` (or writes it, under `UPDATE_VECTORS`).
fn check_file(file: &str, all: &Json) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vectors")
        .join(file);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let text = layout(all);
    if std::env::var_os("UPDATE_VECTORS").is_some() {
        std::fs::write(&path, &text).expect("write vectors");
        return;
    }
    assert!(
        !committed.is_empty(),
        "{} is missing (run with UPDATE_VECTORS=1)",
        path.display()
    );
    if committed != text {
        let (a, b): (Json, Json) = (
            serde_json::from_str(&committed).expect("committed vectors parse"),
            serde_json::from_str(&text).expect("json"),
        );
        let (va, vb) = (&a["vectors"], &b["vectors"]);
        let n = va
            .as_array()
            .map_or(0, Vec::len)
            .max(vb.as_array().map_or(0, Vec::len));
        for i in 0..n {
            if va[i] != vb[i] {
                panic!(
                    "vector {} differs from tests/vectors/{file} (UPDATE_VECTORS=1 regenerates it after an intended change)\ncommitted: {}\nnow:       {}",
                    vb[i]["name"], va[i], vb[i]
                );
            }
        }
        panic!("tests/vectors/{file} differs outside the vectors; UPDATE_VECTORS=1 regenerates it");
    }
}

#[test]
fn vectors_decode_back_to_their_events() {
    for (name, e) in fixed() {
        let v = vector(name, &e);
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(v["binary"].as_str().expect("binary"))
            .expect("base64");
        assert_eq!(
            t::Event::decode(bytes.as_slice()).expect("decode"),
            e,
            "{name}"
        );
        assert_eq!(bytes, e.encode_to_vec(), "{name}: binary is deterministic");
    }
}

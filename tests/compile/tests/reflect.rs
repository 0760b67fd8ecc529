//! Behaviour of the generated `Reflect` impls over the golden schemas: every scalar kind,
//! enums, repeated and map fields, oneofs, nested and recursive messages, well-known types,
//! proto2 defaults, paths, the owned map view, and errors that leave the message unchanged.

use std::collections::BTreeMap;

use prost::Message;
use prost_vsco::{
    EnumValue, KeyRef, KeyStyle, ListAccess, ListRef, MapAccess, MapKey, MapRef, MessageMeta,
    OwnedValue, Reflect, ReflectErrorKind, ReflectExt, Value, ValueError, ValueMut,
};
use vsco_golden_compile::cases;

use cases::example::telemetry::v1 as t;

fn event() -> t::Event {
    t::Event {
        id: "e-1".into(),
        session_id: "s-1".into(),
        sequence: u64::MAX,
        platform: t::Platform::Android as i32,
        device: Some(t::Device {
            os: "android".into(),
            os_version: "14".into(),
            screen_density: 2.5,
            ..Default::default()
        }),
        tags: vec!["beta".into(), "internal".into()],
        properties: [("env".to_string(), "prod".to_string())].into(),
        sample_rate: 0.25,
        body: Some(
            t::Purchase {
                order_id: "o-9".into(),
                items: vec![
                    t::purchase::LineItem {
                        quantity: 2,
                        ..Default::default()
                    },
                    t::purchase::LineItem {
                        quantity: 5,
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

#[test]
fn get_by_name_json_name_and_number() {
    let e = event();
    assert_eq!(e.get("session_id"), Ok(Some(Value::String("s-1"))));
    assert_eq!(e.get("sessionId"), Ok(Some(Value::String("s-1"))));
    assert_eq!(e.get_by_number(4), Ok(Some(Value::String("s-1"))));
    assert_eq!(e.get("sequence"), Ok(Some(Value::U64(u64::MAX))));
    assert_eq!(e.get("sample_rate"), Ok(Some(Value::F64(0.25))));
    let platform = e.get("platform").ok().flatten().and_then(|v| v.as_enum());
    assert_eq!(platform.map(|p| p.number), Some(2));
    assert_eq!(platform.and_then(|p| p.name()), Some("PLATFORM_ANDROID"));
    // An unset message field and another oneof member read as nothing.
    assert_eq!(e.get("user").map(|v| v.is_none()), Ok(true));
    assert_eq!(e.get("login").map(|v| v.is_none()), Ok(true));
    let err = e.get("nope").err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("telemetry.v1.Event: no field `nope` (by proto name or JSON name)")
    );
    assert!(matches!(
        e.get_by_number(99).map_err(|e| e.kind().clone()),
        Err(ReflectErrorKind::UnknownNumber(99))
    ));
}

#[test]
fn lists_maps_and_nested_messages_are_views() {
    let e = event();
    let Some(Value::List(tags)) = e.get("tags").ok().flatten() else {
        panic!("tags is a list")
    };
    assert_eq!(tags.len(), 2);
    assert_eq!(tags.get(1), Some(Value::String("internal")));
    assert_eq!(
        tags.iter().filter_map(|v| v.as_str()).collect::<Vec<_>>(),
        ["beta", "internal"]
    );
    let Some(Value::Map(props)) = e.get("properties").ok().flatten() else {
        panic!("properties is a map")
    };
    assert_eq!(
        props.get(KeyRef::String("env")),
        Some(Value::String("prod"))
    );
    assert_eq!(props.get(KeyRef::String("x")), None);
    assert_eq!((props.len(), props.is_empty()), (1, false));
    // Views built from a list or map known only as `&dyn` have its length too.
    let list: &dyn ListAccess = &e.tags;
    let view = ListRef::new(list, tags.field());
    assert_eq!((view.len(), view.is_empty()), (2, false));
    let empty: Vec<String> = Vec::new();
    assert!(ListRef::new(&empty, tags.field()).is_empty());
    let map: &dyn MapAccess = &e.properties;
    assert_eq!(MapRef::new(map, props.field()).len(), 1);
    let Some(Value::Message(device)) = e.get("device").ok().flatten() else {
        panic!("device is a message")
    };
    assert_eq!(device.info().full_name, "telemetry.v1.Device");
    assert_eq!(device.get("screen_density"), Ok(Some(Value::F32(2.5))));
}

#[test]
fn presence_follows_protobuf() {
    let mut e = t::Event::default();
    assert_eq!(e.has("id"), Ok(false), "implicit field at its default");
    assert_eq!(
        e.get("id"),
        Ok(Some(Value::String(""))),
        "implicit fields always read"
    );
    assert_eq!(e.has("device"), Ok(false));
    assert_eq!(e.has("tags"), Ok(false));
    e.id = "x".into();
    e.device = Some(t::Device::default());
    assert_eq!(e.has("id"), Ok(true));
    assert_eq!(
        e.has("device"),
        Ok(true),
        "an empty message is present once set"
    );
    // proto3 optional: present when set, even to the default.
    let mut d = t::Device::default();
    assert_eq!(d.has("battery_level"), Ok(false));
    d.battery_level = Some(0.0);
    assert_eq!(d.has("battery_level"), Ok(true));
    assert_eq!(d.get("battery_level"), Ok(Some(Value::F32(0.0))));
    // As prost encodes: -0.0 == 0.0 is not written, so it is not present.
    let e = t::Event {
        sample_rate: -0.0,
        ..Default::default()
    };
    assert_eq!(e.has("sample_rate"), Ok(false));
}

#[test]
fn fields_iterate_present_fields_in_number_order() {
    let e = event();
    let names: Vec<&str> = e.fields().map(|(f, _)| f.name).collect();
    assert_eq!(
        names,
        [
            "id",
            "session_id",
            "sequence",
            "platform",
            "device",
            "tags",
            "properties",
            "sample_rate",
            "purchase"
        ]
    );
    let all: Vec<&str> = e.fields_with_defaults().map(|(f, _)| f.name).collect();
    assert_eq!(
        all.len(),
        17 + 1,
        "every non-oneof field plus the member that is set"
    );
    let (_, user) = e
        .fields_with_defaults()
        .find(|(f, _)| f.name == "user")
        .expect("user listed");
    let Value::Message(user) = user else {
        panic!("default user is a message")
    };
    assert_eq!(user.fields().count(), 0);
    // Declaration order differs from number order here.
    let o = cases::proto3_optional::opt::Optionals {
        after_oneof: Some("z".into()),
        choice: Some(cases::proto3_optional::opt::optionals::Choice::ChoiceNumber(3)),
        d: Some(1.0),
        ..Default::default()
    };
    let numbers: Vec<u32> = o.fields().map(|(f, _)| f.number).collect();
    assert_eq!(numbers, [1, 21, 23]);
}

/// A value for field `number` of `opt.Wide`, whose kinds repeat every ten fields.
fn wide_value(number: u32) -> OwnedValue {
    match number % 10 {
        1 | 7 => OwnedValue::I32(number as i32),
        2 => OwnedValue::String(format!("s{number}")),
        3 => OwnedValue::Bool(true),
        4 | 9 => OwnedValue::F64(0.5),
        5 | 0 => OwnedValue::I64(-(number as i64)),
        6 => OwnedValue::Bytes(vec![number as u8]),
        _ => OwnedValue::I32(1),
    }
}

/// A message with more present fields than the iterator gathers in one batch (32): every
/// way of driving it gives every field once, in number order, from any starting point.
#[test]
fn fields_span_several_batches() {
    use cases::proto3_optional::opt::Wide;
    let mut wide = Wide::default();
    for field in Wide::INFO.fields {
        wide.set(field.name, wide_value(field.number)).expect("set");
    }
    let numbers: Vec<u32> = (1..=40).collect();
    let by_next: Vec<u32> = wide.fields().map(|(f, _)| f.number).collect();
    assert_eq!(by_next, numbers);
    let mut by_fold = Vec::new();
    wide.fields().for_each(|(f, _)| by_fold.push(f.number));
    assert_eq!(by_fold, numbers);
    for split in 0..=41 {
        let mut iter = wide.fields();
        let mut mixed: Vec<u32> = iter.by_ref().take(split).map(|(f, _)| f.number).collect();
        iter.for_each(|(f, _)| mixed.push(f.number));
        assert_eq!(mixed, numbers, "{split} by next, the rest by fold");
    }
    let as_dyn: &dyn Reflect = &wide;
    let values: Vec<OwnedValue> = as_dyn.fields().map(|(_, v)| v.to_owned_value()).collect();
    let expected: Vec<OwnedValue> = Wide::INFO
        .fields
        .iter()
        .map(|f| {
            wide.get(f.name)
                .expect("known")
                .expect("set")
                .to_owned_value()
        })
        .collect();
    assert_eq!(values, expected);
    // Unset fields as defaults, both ways; with 33 set, the last 7 come as defaults.
    let mut partial = Wide::default();
    for field in &Wide::INFO.fields[..33] {
        partial
            .set_from(
                field.name,
                &wide.get(field.name).expect("known").expect("set"),
            )
            .expect("set");
    }
    assert_eq!(partial.fields().count(), 33);
    let with_defaults: Vec<(u32, bool)> = partial
        .fields_with_defaults()
        .map(|(f, _)| (f.number, partial.has(f.name) == Ok(true)))
        .collect();
    let mut folded = Vec::new();
    partial
        .fields_with_defaults()
        .for_each(|(f, _)| folded.push((f.number, partial.has(f.name) == Ok(true))));
    assert_eq!(with_defaults, folded);
    assert_eq!(
        with_defaults,
        (1..=40).map(|n| (n, n <= 33)).collect::<Vec<_>>()
    );
}

/// Hand-written impls over a generated message, delegating the six required methods: one
/// with the trait's own `fields_from`, and with `$fields_from` one that overrides it.
macro_rules! by_hand {
    ($name:ident $(, $fields_from:item)?) => {
        #[derive(Debug)]
        struct $name<T>(T);

        impl<T: Reflect + 'static> Reflect for $name<T> {
            fn info(&self) -> &'static prost_vsco::MessageInfo {
                self.0.info()
            }
            fn field_index(&self, key: &str) -> Option<usize> {
                self.0.field_index(key)
            }
            fn get_at(&self, index: usize) -> Option<Value<'_>> {
                self.0.get_at(index)
            }
            fn set_at(&mut self, index: usize, value: OwnedValue) -> Result<(), ValueError> {
                self.0.set_at(index, value)
            }
            fn clear_at(&mut self, index: usize) {
                self.0.clear_at(index)
            }
            fn mut_at(&mut self, index: usize) -> Option<ValueMut<'_>> {
                self.0.mut_at(index)
            }
            $($fields_from)?
        }
    };
}

by_hand!(ByHand);
// Gathers the first batch, then ends without filling the batch again.
by_hand!(
    StopsEarly,
    fn fields_from<'a>(&'a self, from: usize, out: &mut prost_vsco::FieldBatch<'a>) -> usize {
        if from > 0 {
            return usize::MAX;
        }
        self.0.fields_from(from, out)
    }
);

#[test]
fn hand_written_impls_iterate_their_fields() {
    use cases::proto3_optional::opt::Wide;
    let mut wide = Wide::default();
    for field in Wide::INFO.fields.iter().step_by(3) {
        wide.set(field.name, wide_value(field.number)).expect("set");
    }
    let numbers: Vec<u32> = wide.fields().map(|(f, _)| f.number).collect();
    let by_hand = ByHand(wide);
    // The trait's own `fields_from`, through `get_at`.
    let mut walked: Vec<u32> = Vec::new();
    by_hand.fields().for_each(|(f, _)| walked.push(f.number));
    assert_eq!(walked, numbers);
    let by_next: Vec<u32> = by_hand.fields().map(|(f, _)| f.number).collect();
    assert_eq!(by_next, numbers);
    // An override that ends after the first batch without filling a second: the first
    // batch is not handed out again.
    let mut all = by_hand.0;
    for field in Wide::INFO.fields {
        all.set(field.name, wide_value(field.number)).expect("set");
    }
    let stops = StopsEarly(all);
    assert_eq!(stops.fields().count(), 32);
    let mut folded = 0;
    stops.fields().for_each(|_| folded += 1);
    assert_eq!(folded, 32);
}

#[test]
fn generic_code_walks_any_message_through_dyn() {
    fn count_leaves(m: &dyn Reflect) -> usize {
        m.fields()
            .map(|(_, v)| match v {
                Value::Message(inner) => count_leaves(inner),
                Value::List(l) => l
                    .iter()
                    .map(|v| v.as_message().map_or(1, count_leaves))
                    .sum(),
                _ => 1,
            })
            .sum()
    }
    let e = event();
    // id, session_id, sequence, platform, os, os_version, screen_density, 2 tags,
    // properties, sample_rate, order_id, quantity x2.
    assert_eq!(count_leaves(&e), 14);
    let mut boxed: Box<dyn Reflect> = Box::new(e);
    boxed.set("sequence", 3u64).expect("set through dyn");
    assert_eq!(boxed.get("sequence"), Ok(Some(Value::U64(3))));
}

#[test]
fn set_converts_losslessly_and_switches_oneofs() {
    let mut e = event();
    e.set("sequence", 7i32).expect("int32 7 fits uint64");
    assert_eq!(e.sequence, 7);
    e.set("sample_rate", 3i64).expect("3 is exact as a double");
    assert_eq!(e.sample_rate, 3.0);
    e.set("platform", "PLATFORM_IOS").expect("enum by name");
    assert_eq!(e.platform, t::Platform::Ios as i32);
    e.set("platform", 42)
        .expect("unknown enum numbers are kept");
    assert_eq!(
        e.get("platform")
            .ok()
            .flatten()
            .and_then(|v| v.as_enum())
            .map(|v| (v.number, v.name())),
        Some((42, None))
    );
    e.set("schemaVersion", 3.0f64)
        .expect("an integral float into uint32");
    assert_eq!(e.schema_version, 3);
    e.set("tags", OwnedValue::list(["a", "b", "c"]))
        .expect("list replaces");
    assert_eq!(e.tags, ["a", "b", "c"]);
    e.set("properties", OwnedValue::map([("k", "v")]))
        .expect("map replaces");
    assert_eq!(e.properties.get("k").map(String::as_str), Some("v"));
    e.set(
        "login",
        OwnedValue::message([("method", "AUTH_METHOD_EMAIL")]),
    )
    .expect("a oneof member from a map");
    assert!(matches!(e.body, Some(t::event::Body::Login(_))));
    assert_eq!(
        e.get("purchase").map(|v| v.is_none()),
        Ok(true),
        "the oneof switched"
    );
    e.clear_field("purchase").expect("clearing another member");
    assert!(
        e.body.is_some(),
        "clearing a member that is not set changes nothing"
    );
    e.clear_field("login").expect("clear");
    assert!(e.body.is_none());
    e.clear_field("tags").expect("clear");
    assert!(e.tags.is_empty());
}

fn encoded(m: &impl Message) -> Vec<u8> {
    m.encode_to_vec()
}

/// The borrowed view of a scalar owned value (lists, maps and messages have none here).
fn borrowed(v: &OwnedValue) -> Option<Value<'_>> {
    Some(match v {
        OwnedValue::Bool(b) => Value::Bool(*b),
        OwnedValue::I32(x) => Value::I32(*x),
        OwnedValue::I64(x) => Value::I64(*x),
        OwnedValue::U32(x) => Value::U32(*x),
        OwnedValue::U64(x) => Value::U64(*x),
        OwnedValue::F64(x) => Value::F64(*x),
        OwnedValue::String(s) => Value::String(s),
        _ => return None,
    })
}

#[test]
fn bad_values_are_typed_errors_that_change_nothing() {
    let mut e = event();
    let before = e.clone();
    let cases: Vec<(&str, OwnedValue, &str)> = vec![
        (
            "schema_version",
            OwnedValue::I64(1 << 40),
            "telemetry.v1.Event.schema_version: expected uint32, got int64 1099511627776, which does not fit",
        ),
        (
            "schema_version",
            OwnedValue::I32(-1),
            "telemetry.v1.Event.schema_version: expected uint32, got int32 -1, which does not fit",
        ),
        (
            "sequence",
            OwnedValue::F64(1.5),
            "telemetry.v1.Event.sequence: expected uint64, got double 1.5, which does not fit",
        ),
        (
            "id",
            OwnedValue::I32(1),
            "telemetry.v1.Event.id: expected string, got int32 1",
        ),
        (
            "platform",
            "PLATFORM_NOPE".into(),
            "telemetry.v1.Event.platform: `PLATFORM_NOPE` is not a value of enum telemetry.v1.Platform",
        ),
        (
            "tags",
            OwnedValue::list([OwnedValue::from("ok"), OwnedValue::I32(5)]),
            "telemetry.v1.Event.tags[1]: expected string, got int32 5",
        ),
        (
            "tags",
            "single".into(),
            "telemetry.v1.Event.tags: expected repeated string, got string \"single\"",
        ),
        (
            "properties",
            OwnedValue::map([(1i32, "v")]),
            "telemetry.v1.Event.properties[1]: expected string key, got key 1",
        ),
        (
            "device",
            OwnedValue::message([("os_version", OwnedValue::Bool(true))]),
            "telemetry.v1.Event.device.os_version: expected string, got bool true",
        ),
        (
            "device",
            OwnedValue::message([("nope", 1)]),
            "telemetry.v1.Event: no field `device.nope` (by proto name or JSON name)",
        ),
        (
            "login",
            OwnedValue::I32(1),
            "telemetry.v1.Event.login: expected message telemetry.v1.Login, got int32 1",
        ),
    ];
    for (key, value, message) in cases {
        // `set_from` a borrowed view of the same value: the same error, nothing changed.
        if let Some(view) = borrowed(&value) {
            let err = e.set_from(key, &view).expect_err(key);
            assert_eq!(err.to_string(), message, "set_from");
            assert_eq!(e, before);
        }
        let err = e.set(key, value).expect_err(key);
        assert_eq!(err.to_string(), message);
        assert_eq!(encoded(&e), encoded(&before), "{key}: the message changed");
        assert_eq!(e, before);
    }
    for key in ["nope", "", "Device", "sessionID"] {
        let message = format!("telemetry.v1.Event: no field `{key}` (by proto name or JSON name)");
        let err = e.set(key, 1).expect_err(key);
        assert_eq!(err.to_string(), message);
        let err = e.set_from(key, &Value::I32(1)).expect_err(key);
        assert_eq!(err.to_string(), message);
        assert_eq!(e, before);
    }
    let float = cases::proto3_optional::opt::Optionals::default();
    let mut f = float.clone();
    assert!(f.set("f", 0.1f64).is_err(), "0.1 is not exact as a float");
    assert!(f.set("f", 0.5f64).is_ok(), "0.5 is");
    assert!(f.set("f", f64::NAN).is_ok(), "NaN converts");
    assert!(
        f.set("d", i64::MAX).is_err(),
        "2^63-1 is not exact as a double"
    );
    assert!(f.set("i32", u64::MAX).is_err());
    assert!(f.set("u64", -1i64).is_err());
    assert!(f.set("flag", 1).is_err(), "no int to bool");
    assert!(f.set("data", "text").is_err(), "no string to bytes");
}

#[test]
fn paths_reach_nested_lists_and_maps() {
    let mut e = event();
    assert_eq!(
        e.get_path("device.os_version"),
        Ok(Some(Value::String("14")))
    );
    assert_eq!(
        e.get_path("purchase.items[1].quantity"),
        Ok(Some(Value::U32(5)))
    );
    assert_eq!(e.get_path("tags[0]"), Ok(Some(Value::String("beta"))));
    assert_eq!(
        e.get_path(r#"properties["env"]"#),
        Ok(Some(Value::String("prod")))
    );
    assert_eq!(e.get_path(r#"properties["none"]"#), Ok(None));
    assert_eq!(e.get_path("purchase.items[7].quantity"), Ok(None));
    assert_eq!(e.get_path("user.email"), Ok(None), "unset on the way");
    e.set_path("device.osVersion", "15")
        .expect("set nested by JSON name");
    assert_eq!(e.device.as_ref().map(|d| d.os_version.as_str()), Some("15"));
    e.set_path("purchase.items[0].quantity", 9u32)
        .expect("set in list element");
    e.set_path(r#"properties["region"]"#, "eu")
        .expect("insert into map");
    assert_eq!(e.properties.get("region").map(String::as_str), Some("eu"));
    e.set_path("tags[1]", "public")
        .expect("replace list element");
    assert_eq!(e.tags[1], "public");
    e.set_path("user.traits[\"tier\"]", "gold")
        .expect("creates the unset user");
    assert_eq!(
        e.get_path(r#"user.traits["tier"]"#),
        Ok(Some(Value::String("gold")))
    );
    e.set_path("login.method", 1)
        .expect("switches the oneof through a path");
    assert!(matches!(e.body, Some(t::event::Body::Login(_))));

    let before = e.clone();
    for (path, value, message) in [
        (
            "device.",
            OwnedValue::I32(1),
            "telemetry.v1.Event: malformed path `device.` at byte 7: expected a field name",
        ),
        (
            "device.nope",
            OwnedValue::I32(1),
            "telemetry.v1.Event: no field `device.nope` (by proto name or JSON name)",
        ),
        (
            "id.x",
            OwnedValue::I32(1),
            "telemetry.v1.Event.id: is string, not a message",
        ),
        (
            "tags[5]",
            "x".into(),
            "telemetry.v1.Event.tags[5]: index 5 is out of range for a list of 2",
        ),
        (
            "tags[\"a\"]",
            "x".into(),
            "telemetry.v1.Event.tags[\"a\"]: is a list, indexed by a number",
        ),
        (
            "properties[3]",
            "x".into(),
            "telemetry.v1.Event.properties[3]: is a map with string keys",
        ),
        (
            "device.screen_width",
            OwnedValue::I64(-3),
            "telemetry.v1.Event.device.screen_width: expected uint32, got int64 -3, which does not fit",
        ),
        (
            "session.x",
            OwnedValue::I32(1),
            "telemetry.v1.Event: no field `session` (by proto name or JSON name)",
        ),
        (
            "login.nope.x",
            OwnedValue::I32(1),
            "telemetry.v1.Event: no field `login.nope` (by proto name or JSON name)",
        ),
        (
            "tags[0].x",
            OwnedValue::I32(1),
            "telemetry.v1.Event.tags[0]: is a list of scalars, not a list of messages",
        ),
    ] {
        let err = e.set_path(path, value).expect_err(path);
        assert_eq!(err.to_string(), message, "{path}");
        assert_eq!(e, before, "{path}: the message changed");
    }
    assert!(e.get_path("tags[0].x").is_err());
    assert!(e.get_path("id[0]").is_err());
}

#[test]
fn typed_push_and_insert_through_get_mut() {
    let mut e = event();
    match e.get_mut("tags") {
        Ok(Some(ValueMut::List(mut tags))) => {
            tags.push("new").expect("push a string");
            let err = tags.push(5).expect_err("push an int");
            assert_eq!(
                err.to_string(),
                "telemetry.v1.Event.tags[3]: expected string, got int32 5"
            );
            assert_eq!(tags.pop(), Some(OwnedValue::from("new")));
        }
        other => panic!("{other:?}"),
    }
    match e.get_mut("properties") {
        Ok(Some(ValueMut::Map(mut props))) => {
            props.insert("k", "v").expect("insert");
            assert!(props.insert(1i32, "v").is_err());
            assert!(props.remove(KeyRef::String("env")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.properties.len(), 1);
    match e.get_mut("device") {
        Ok(Some(ValueMut::Message(d))) => d.set("model", "Pixel").expect("set nested"),
        other => panic!("{other:?}"),
    }
    assert_eq!(e.device.as_ref().map(|d| d.model.as_str()), Some("Pixel"));
    assert!(
        matches!(e.get_mut("user"), Ok(None)),
        "an unset message has nothing to borrow"
    );
}

#[test]
fn oneof_members_convert_and_share_a_trait() {
    fn send(event: &mut t::Event, body: impl t::EventBodyMember) {
        event.body = Some(body.into());
    }
    let mut e = t::Event::default();
    send(&mut e, t::Login::default());
    assert!(matches!(e.body, Some(t::event::Body::Login(_))));
    send(
        &mut e,
        t::Rating {
            stars: 4,
            ..Default::default()
        },
    );
    assert_eq!(e.get_path("rating.stars"), Ok(Some(Value::I32(4))));
    // Recursive members are boxed by prost; From boxes them.
    use cases::recursive::rec;
    let expr = rec::Expr {
        kind: Some(rec::BinaryOp::default().into()),
    };
    assert_eq!(expr.has("binary"), Ok(true));
    let wrap = rec::Expr {
        kind: Some(expr.clone().into()),
    };
    assert!(matches!(wrap.kind, Some(rec::expr::Kind::Negate(_))));
}

#[test]
fn to_map_gives_nested_maps_and_from_map_round_trips() {
    let e = event();
    let map = e.to_map(KeyStyle::ProtoName);
    assert_eq!(
        map.get("sequence"),
        Some(&OwnedValue::U64(u64::MAX)),
        "uint64 stays exact"
    );
    assert!(
        !map.contains_key("login"),
        "only the oneof member that is set"
    );
    assert!(!map.contains_key("upload_cookie"), "omit_from_map");
    let Some(OwnedValue::Message(purchase)) = map.get("purchase") else {
        panic!("nested message as a map")
    };
    let Some(OwnedValue::List(items)) = purchase.get("items") else {
        panic!("repeated messages as a list")
    };
    assert!(
        matches!(items[1], OwnedValue::Message(ref m) if m.get("quantity") == Some(&OwnedValue::U32(5)))
    );
    assert_eq!(
        map.get("properties"),
        Some(&OwnedValue::Map(BTreeMap::from([(
            MapKey::from("env"),
            OwnedValue::from("prod")
        )])))
    );
    assert!(matches!(
        map.get("platform"),
        Some(OwnedValue::Enum(EnumValue { number: 2, .. }))
    ));
    let json = e.to_map(KeyStyle::JsonName);
    assert!(json.contains_key("sessionId") && json.contains_key("sampleRate"));
    let mut e_without_cookie = e.clone();
    e_without_cookie.upload_cookie.clear();
    assert_eq!(t::Event::from_map(map), Ok(e_without_cookie.clone()));
    assert_eq!(t::Event::from_map(json), Ok(e_without_cookie));
    let mut two = t::Event::default().to_map(KeyStyle::ProtoName);
    two.insert("login".into(), OwnedValue::message::<&str, i32>([]));
    two.insert("logout".into(), OwnedValue::message::<&str, i32>([]));
    let err = t::Event::from_map(two).expect_err("two members of one oneof");
    assert_eq!(
        err.to_string(),
        "telemetry.v1.Event.logout: oneof `body` is already set by `login`"
    );
}

#[test]
fn every_scalar_kind_reads_and_writes() {
    use cases::proto3_optional::opt;
    let mut o = opt::Optionals::default();
    let values: Vec<(&str, OwnedValue, Value<'static>)> = vec![
        ("d", 1.5f64.into(), Value::F64(1.5)),
        ("f", 2.5f32.into(), Value::F32(2.5)),
        ("i32", (-3).into(), Value::I32(-3)),
        ("i64", (-4i64).into(), Value::I64(-4)),
        ("u32", 5u32.into(), Value::U32(5)),
        ("u64", u64::MAX.into(), Value::U64(u64::MAX)),
        ("s32", (-7).into(), Value::I32(-7)),
        ("s64", i64::MIN.into(), Value::I64(i64::MIN)),
        ("fx32", 9u32.into(), Value::U32(9)),
        ("fx64", 10u64.into(), Value::U64(10)),
        ("sfx32", (-11).into(), Value::I32(-11)),
        ("sfx64", (-12i64).into(), Value::I64(-12)),
        ("flag", true.into(), Value::Bool(true)),
        ("text", "t".into(), Value::String("t")),
        ("data", vec![1u8, 2].into(), Value::Bytes(&[1, 2])),
    ];
    for (key, value, expected) in values {
        assert_eq!(o.has(key), Ok(false), "{key}");
        o.set(key, value).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert_eq!(o.get(key), Ok(Some(expected)), "{key}");
        assert_eq!(o.has(key), Ok(true), "{key}");
    }
    o.set("mood", "MOOD_SAD").expect("enum");
    assert_eq!(o.mood, Some(opt::Mood::Sad as i32));
    o.set("inner", OwnedValue::message([("value", "v")]))
        .expect("message");
    assert_eq!(o.get_path("inner.value"), Ok(Some(Value::String("v"))));
    let round = opt::Optionals::from_map(o.to_map(KeyStyle::JsonName));
    assert_eq!(round, Ok(o));
}

#[test]
fn proto2_defaults_and_required_fields() {
    use cases::proto2::legacy;
    let d = legacy::Defaults::default();
    assert_eq!(d.get("d"), Ok(None), "unset optional");
    assert_eq!(d.get_or_default("d"), Ok(Value::F64(1.5)));
    assert_eq!(d.get_or_default("d_inf"), Ok(Value::F64(f64::INFINITY)));
    assert!(matches!(d.get_or_default("f_nan"), Ok(Value::F32(v)) if v.is_nan()));
    assert_eq!(d.get_or_default("i32_hex"), Ok(Value::I32(0x7f)));
    assert_eq!(d.get_or_default("i64"), Ok(Value::I64(i64::MIN)));
    assert_eq!(d.get_or_default("u64"), Ok(Value::U64(u64::MAX)));
    assert_eq!(d.get_or_default("flag"), Ok(Value::Bool(true)));
    assert_eq!(
        d.get_or_default("greeting"),
        Ok(Value::String(d.greeting()))
    );
    assert_eq!(d.get_or_default("blob"), Ok(Value::Bytes(d.blob())));
    let prio = d.get_or_default("priority").ok().and_then(|v| v.as_enum());
    assert_eq!(prio.and_then(|p| p.name()), Some("PRIORITY_HIGH"));
    let implicit = d
        .get_or_default("priority_implicit")
        .ok()
        .and_then(|v| v.as_enum());
    assert_eq!(implicit.map(|p| p.number), Some(1), "first declared value");
    assert_eq!(d.fields().count(), 0);
    assert_eq!(d.fields_with_defaults().count(), 29);
    // Required fields are stored unwrapped: always present; clear restores the default.
    let mut line = legacy::order::Line {
        sku: "a".into(),
        ..Default::default()
    };
    assert_eq!(line.has("sku"), Ok(true));
    line.clear_field("sku").expect("clear");
    assert_eq!(line.sku, "");
    let mut order = legacy::Order::default();
    order
        .set_path("primary.sku", "p-1")
        .expect("required message");
    assert_eq!(order.primary.sku, "p-1");
    order
        .set_path("shipping.address", "Main St")
        .expect("group");
    assert_eq!(order.get_path("shipping.city"), Ok(None));
    let Some(Value::Message(ship)) = order.get("shipping").ok().flatten() else {
        panic!()
    };
    assert_eq!(ship.get_or_default("city"), Ok(Value::String("Oakland")));
}

#[test]
fn maps_of_every_key_kind() {
    use cases::maps::maps;
    let mut m = maps::Maps::default();
    m.set_path("int32_to_string[-1]", "neg").expect("int32 key");
    m.set_path("uint64_to_enum[18446744073709551615]", "SUIT_SPADES")
        .expect("uint64 key");
    m.set_path("bool_to_string[true]", "yes").expect("bool key");
    m.set_path("sint32_to_message[3].rank", 12u32)
        .expect("creates the entry");
    m.set_path(r#"string_to_nested_message["a"].by_index[2]"#, "COLOR_RED")
        .expect("nested map");
    assert_eq!(m.int32_to_string.get(&-1).map(String::as_str), Some("neg"));
    assert_eq!(
        m.uint64_to_enum.get(&u64::MAX),
        Some(&(maps::Suit::Spades as i32))
    );
    assert_eq!(m.sint32_to_message.get(&3).map(|c| c.rank), Some(12));
    assert_eq!(
        m.get_path("bool_to_string[true]"),
        Ok(Some(Value::String("yes")))
    );
    assert_eq!(
        m.get_path(r#"string_to_nested_message["a"].by_index[2]"#)
            .ok()
            .flatten()
            .and_then(|v| v.as_enum())
            .and_then(|e| e.name()),
        Some("COLOR_RED")
    );
    assert!(
        m.set_path("int32_to_string[3000000000]", "x").is_err(),
        "key out of range"
    );
    assert!(
        m.set_path("bool_to_string[1]", "x").is_err(),
        "wrong key type"
    );
    let Some(Value::Map(view)) = m.get("int32_to_string").ok().flatten() else {
        panic!()
    };
    assert_eq!(
        view.get(KeyRef::I64(-1)),
        Some(Value::String("neg")),
        "keys convert when they fit"
    );
    assert_eq!(maps::Maps::from_map(m.to_map(KeyStyle::ProtoName)), Ok(m));
}

#[test]
fn recursive_messages_and_boxed_fields() {
    use cases::recursive::rec;
    let mut n = rec::Node::default();
    n.set_path("left.left.name", "deep").expect("boxed chain");
    n.set_path(r#"named["x"].maybe.name"#, "m")
        .expect("map of recursive messages");
    assert_eq!(
        n.left
            .as_ref()
            .and_then(|l| l.left.as_ref())
            .map(|l| l.name.as_str()),
        Some("deep")
    );
    assert_eq!(
        n.get_path(r#"named["x"].maybe.name"#),
        Ok(Some(Value::String("m")))
    );
    assert_eq!(rec::Node::from_map(n.to_map(KeyStyle::ProtoName)), Ok(n));
    let mut e = rec::Expr::default();
    e.set_path("negate.negate.binary.lhs.literal", 5)
        .expect("boxed oneof members");
    assert_eq!(
        e.get_path("negate.negate.binary.lhs.literal"),
        Ok(Some(Value::I64(5)))
    );
}

#[test]
fn well_known_types_read_as_prost_maps_them() {
    use cases::wkt::wkt;
    let mut w = wkt::WellKnown::default();
    w.set_path("timestamp.seconds", 1_700_000_000i64)
        .expect("timestamp");
    w.set("string_value", "wrapped")
        .expect("StringValue is a string");
    w.set("uint64_value", u64::MAX)
        .expect("UInt64Value is a u64");
    w.set("null_value", "NULL_VALUE").expect("NullValue enum");
    w.set_path(r#"struct.fields["k"].string_value"#, "v")
        .expect("Struct of Value");
    w.set("empty", OwnedValue::message::<&str, i32>([]))
        .expect("Empty is ()");
    assert_eq!(w.timestamp.as_ref().map(|t| t.seconds), Some(1_700_000_000));
    assert_eq!(w.get("string_value"), Ok(Some(Value::String("wrapped"))));
    assert_eq!(w.get("bool_value"), Ok(None), "unset wrapper");
    assert_eq!(w.get_or_default("bool_value"), Ok(Value::Bool(false)));
    assert_eq!(w.has("empty"), Ok(true));
    assert_eq!(
        w.get_path(r#"struct.fields["k"].string_value"#),
        Ok(Some(Value::String("v")))
    );
    let Some(Value::Message(ts)) = w.get("timestamp").ok().flatten() else {
        panic!()
    };
    assert_eq!(ts.info().full_name, "google.protobuf.Timestamp");
    assert_eq!(
        wkt::WellKnown::from_map(w.to_map(KeyStyle::ProtoName)),
        Ok(w)
    );
}

#[test]
fn bytes_and_btree_maps() {
    use cases::btree_bytes::store;
    let mut s = store::Store::default();
    s.set("header", vec![1u8, 2, 3]).expect("bytes::Bytes");
    s.set_path("blobs_by_id[7].data", vec![9u8])
        .expect("BTreeMap of messages");
    s.set("inline", vec![4u8]).expect("bytes oneof member");
    assert_eq!(s.header.as_ref(), &[1, 2, 3]);
    assert_eq!(
        s.get_path("blobs_by_id[7].data"),
        Ok(Some(Value::Bytes(&[9])))
    );
    assert_eq!(store::Store::from_map(s.to_map(KeyStyle::ProtoName)), Ok(s));
}

#[test]
fn value_error_kinds_are_matchable() {
    let mut e = event();
    let err = e.set("schema_version", -1).expect_err("negative");
    assert!(matches!(
        err.kind(),
        ReflectErrorKind::Value(ValueError::OutOfRange { .. })
    ));
    assert_eq!(err.message(), "telemetry.v1.Event");
    assert_eq!(err.key(), "schema_version");
}

#[test]
fn review_edge_cases() {
    // Names below an unset message are still checked; so is the whole path's syntax.
    let e = t::Event::default();
    assert_eq!(e.get_path("user.email"), Ok(None));
    assert!(matches!(
        e.get_path("user.nope").map_err(|e| e.kind().clone()),
        Err(ReflectErrorKind::UnknownField)
    ));
    assert!(matches!(
        e.get_path("user.!!").map_err(|e| e.kind().clone()),
        Err(ReflectErrorKind::BadPath { .. })
    ));
    // An index past usize is past the end.
    assert_eq!(event().get_path("tags[99999999999999999999]"), Ok(None));

    // A key that fits no integer type is refused, set or unset parent alike.
    use cases::recursive::rec;
    let mut n = rec::Node::default();
    let before = n.clone();
    assert!(n.set_path(r#"left.named["x"].name"#, "ok").is_ok());
    let mut m = cases::maps::maps::Maps::default();
    assert!(
        m.set_path("uint64_to_enum[-99999999999999999999]", 1)
            .is_err()
    );
    let mut w = cases::wkt::wkt::WellKnown::default();
    let err = w
        .set_path("struct.fields[-99999999999999999999].bool_value", true)
        .expect_err("no integer key");
    assert!(
        err.to_string().contains("fits no integer key type"),
        "{err}"
    );
    assert_ne!(n, before);

    // One field given twice, by proto and JSON name; one map key given twice.
    let mut twice = t::Event::default().to_map(KeyStyle::ProtoName);
    twice.insert("session_id".into(), "a".into());
    twice.insert("sessionId".into(), "b".into());
    let err = t::Event::from_map(twice).expect_err("twice");
    assert!(
        matches!(err.kind(), ReflectErrorKind::DuplicateField { .. }),
        "{err}"
    );
    let mut maps = cases::maps::maps::Maps::default();
    let value = OwnedValue::Map(BTreeMap::from([
        (MapKey::I64(1), OwnedValue::from("SUIT_HEARTS")),
        (MapKey::U64(1), OwnedValue::from("SUIT_SPADES")),
    ]));
    let err = maps.set("uint64_to_enum", value).expect_err("key 1 twice");
    assert!(err.to_string().contains("key 1 is given twice"), "{err}");
    assert!(maps.uint64_to_enum.is_empty());

    // Messages that differ only in an omit_from_map field are different values.
    let a = t::Event::default();
    let b = t::Event {
        upload_cookie: vec![1],
        ..Default::default()
    };
    assert_ne!(Value::Message(&a), Value::Message(&b));

    // Empty (`()`) has no field to set.
    let mut empty = ();
    assert!(empty.set_at(0, OwnedValue::I32(1)).is_err());
}

/// The generated key-rank tables (`name_ranks`, `json_ranks`) order each message's fields as
/// their keys sort, for every message of these cases and the well-known types: `to_map`
/// relies on them to put its keys in order without comparing them (it checks, and sorts
/// by key when a table is wrong, so this is what keeps that path fast).
#[test]
fn key_rank_tables_sort_the_keys() {
    use prost_vsco::{FieldInfo, MessageInfo};
    fn check(info: &MessageInfo, ranks: &[u32], key: fn(&FieldInfo) -> &'static str) {
        let n = info.fields.len();
        let rank = |i: usize| ranks.get(i).copied().unwrap_or(i as u32);
        assert!(ranks.is_empty() || ranks.len() == n, "{}", info.full_name);
        for i in 0..n {
            for j in 0..n {
                let (a, b) = (&info.fields[i], &info.fields[j]);
                assert_eq!(
                    rank(i) < rank(j),
                    key(a) < key(b),
                    "{}: {} and {}",
                    info.full_name,
                    key(a),
                    key(b)
                );
            }
        }
    }
    let wkt = prost_vsco::json::TypeRegistry::new();
    let well_known = [
        "Any",
        "Duration",
        "Timestamp",
        "Struct",
        "Value",
        "ListValue",
        "FieldMask",
        "Type",
        "Field",
        "Api",
        "Method",
    ]
    .map(|name| wkt.get(&format!("google.protobuf.{name}")).copied());
    let types = [
        cases::example::telemetry::v1::MESSAGE_TYPES,
        cases::proto2::legacy::MESSAGE_TYPES,
        cases::maps::maps::MESSAGE_TYPES,
    ];
    let mut seen = 0;
    let mut json_tables = 0;
    for ty in types
        .iter()
        .flat_map(|t| t.iter().copied())
        .chain(well_known.into_iter().flatten())
    {
        let info = ty.info;
        check(info, info.name_ranks, |f| f.name);
        let json = if info.json_ranks.is_empty() {
            info.name_ranks
        } else {
            json_tables += 1;
            info.json_ranks
        };
        check(info, json, |f| f.json_name);
        seen += 1;
    }
    assert!(seen > 30, "only {seen} messages checked");
    assert!(
        json_tables >= 1,
        "no message with a JSON order of its own was checked"
    );
}

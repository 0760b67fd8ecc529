//! Generated vendor tables against keys computed at run time on the shapes where they could
//! disagree (`tests/golden/vendor_shapes`), and custom profiles at their edges.

use prost_vsco::Reflect;
use prost_vsco::vendor::{
    self, AdjustmentKind, Builtin, Coercion, DropReason, KeyProblem, LengthUnit, Pii, Profile,
    VendorProperties, VendorValue,
};
use vsco_golden_compile::cases::example::telemetry::v1 as t;
use vsco_golden_compile::cases::vendor_shapes::shapes as s;

/// Every built-in profile gives the same with and without tables; the Segment result.
fn same(m: &dyn Reflect) -> VendorProperties<'_> {
    for b in Builtin::ALL {
        let tables = vendor::properties(m, b.profile(), Pii::Exclude);
        let computed = vendor::properties_without_tables(m, b.profile(), Pii::Exclude);
        assert_eq!(tables, computed, "{}: {m:?}", b.name());
    }
    vendor::properties(m, &vendor::SEGMENT, Pii::Exclude).expect("segment")
}

fn keys(p: &VendorProperties<'_>) -> Vec<String> {
    p.entries.iter().map(|(k, _)| k.to_string()).collect()
}

#[test]
fn a_body_of_a_body_is_a_nested_message() {
    let env = s::Env {
        id: "i".into(),
        body: Some(s::env::Body::Outer(s::Outer {
            a: "A".into(),
            o: Some(s::outer::O::Inner(s::Inner { x: "X".into() })),
        })),
    };
    let p = same(&env);
    assert_eq!(p.event_name, "outer");
    assert_eq!(keys(&p), ["id", "a", "inner"]);
}

#[test]
fn clashing_keys_are_dropped_in_both_paths() {
    let rec = s::Rec {
        parent: Some(Box::new(s::Rec::default())),
        other: "o".into(),
    };
    let p = same(&rec);
    assert_eq!(keys(&p), ["k"]);
    assert_eq!(
        p.adjustments[0].kind,
        AdjustmentKind::Dropped(DropReason::DuplicateKey)
    );
    let two = s::Two {
        x: Some(s::two::X::A(s::A { k: "1".into() })),
        y: Some(s::two::Y::B(s::B { k: "2".into() })),
    };
    let p = same(&two);
    assert_eq!(p.entries, [("k".into(), VendorValue::Str("1".into()))]);
    assert_eq!(p.adjustments.len(), 1);
}

#[test]
fn out_of_range_timestamps_are_recorded() {
    let clock = s::Clock {
        at: Some(prost_types::Timestamp {
            seconds: -70_000_000_000,
            nanos: 0,
        }),
    };
    let p = same(&clock);
    assert_eq!(p.get("at"), Some(&VendorValue::Int(-70_000_000_000)));
    assert_eq!(
        p.adjustments[0].kind,
        AdjustmentKind::Coerced(Coercion::OutOfRange)
    );
}

#[test]
fn cut_keys_keep_the_rules() {
    let mut e = t::Event {
        body: Some(t::Search::default().into()),
        ..Default::default()
    };
    e.properties.insert("😀x".into(), "v".into());
    e.properties.insert("userid".into(), "v".into());
    let tiny = Profile::builder("tiny", &vendor::SEGMENT)
        .nesting(vendor::Nesting::Flatten, '_')
        .max_key_len(Some(1))
        .max_string_len(Some(100), LengthUnit::Utf16)
        .build()
        .unwrap();
    let p = vendor::properties(&e, &tiny, Pii::Exclude).unwrap();
    assert!(p.entries.iter().all(|(k, _)| !k.is_empty()), "{p:?}");
    let reserved = Profile::builder("reserved", &vendor::SEGMENT)
        .max_key_len(Some(4))
        .reserved_keys(["user"])
        .build()
        .unwrap();
    let p = vendor::properties(&e, &reserved, Pii::Exclude).unwrap();
    let props = match p.get("prop") {
        Some(VendorValue::Object(entries)) => entries.clone(),
        other => panic!("{other:?}"),
    };
    assert!(props.iter().all(|(k, _)| k != "user"), "{props:?}");
    assert!(
        p.adjustments.iter().any(
            |a| a.kind == AdjustmentKind::Dropped(DropReason::InvalidKey(KeyProblem::Reserved))
        )
    );
}

/// Firebase properties (the profile that flattens), the same with and without tables.
fn firebase(m: &dyn Reflect) -> VendorProperties<'_> {
    same(m);
    vendor::properties(m, &vendor::FIREBASE, Pii::Exclude).expect("firebase")
}

fn firebase_table(m: &dyn Reflect) -> &'static vendor::VendorTable {
    m.vendor_table(Builtin::Firebase).expect("a Firebase table")
}

fn dropped_duplicates(p: &VendorProperties<'_>) -> Vec<String> {
    p.adjustments
        .iter()
        .filter(|a| a.kind == AdjustmentKind::Dropped(DropReason::DuplicateKey))
        .map(|a| a.key.to_string())
        .collect()
}

#[test]
fn keys_made_at_run_time_that_can_meet_others_are_compared() {
    let map = s::MapMeetsField {
        traits: [("tier".to_string(), "gold".to_string())].into(),
        traits_tier: "silver".into(),
    };
    assert!(!firebase_table(&map).keys_apart);
    let p = firebase(&map);
    assert_eq!(
        p.entries,
        [("traits_tier".into(), VendorValue::Str("gold".into()))]
    );
    assert_eq!(dropped_duplicates(&p), ["traits_tier"]);

    let list = s::ListMeetsField {
        items: vec![s::Item { sku: "a".into() }],
        items_0_sku: "b".into(),
    };
    assert!(!firebase_table(&list).keys_apart);
    assert_eq!(dropped_duplicates(&firebase(&list)), ["items_0_sku"]);

    let maps = s::MapMeetsMap {
        a: [("b_c".to_string(), "1".to_string())].into(),
        a_b: [("c".to_string(), "2".to_string())].into(),
    };
    assert!(!firebase_table(&maps).keys_apart);
    assert_eq!(dropped_duplicates(&firebase(&maps)), ["a_b_c"]);

    let elements = s::ElementMeetsItself {
        elements: vec![s::Element {
            p_q: "1".into(),
            p: Some(s::PairQ { q: "2".into() }),
        }],
    };
    assert!(!firebase_table(&elements).keys_apart);
    assert_eq!(dropped_duplicates(&firebase(&elements)), ["elements_0_p_q"]);
}

#[test]
fn keys_proven_apart_are_still_compared_once_rewritten() {
    let mut apart = s::Apart {
        m: [("x".to_string(), "1".to_string())].into(),
        items: vec![s::Item { sku: "a".into() }, s::Item { sku: "b".into() }],
        n: "n".into(),
        tags: vec!["t".into()],
    };
    assert!(firebase_table(&apart).keys_apart);
    let p = firebase(&apart);
    assert_eq!(
        keys(&p),
        ["m_x", "items_0_sku", "items_1_sku", "n", "tags"],
        "{p:?}"
    );
    assert!(p.adjustments.is_empty(), "{p:?}");
    // `a b` is rewritten to `a_b`, which the map also holds as it is.
    apart.m.insert("a b".into(), "2".into());
    apart.m.insert("a_b".into(), "3".into());
    let p = firebase(&apart);
    assert_eq!(dropped_duplicates(&p), ["m_a_b"]);
    assert_eq!(p.get("m_a_b"), Some(&VendorValue::Str("2".into())));
}

#[test]
fn keys_from_a_struct_are_always_compared() {
    use prost_types::value::Kind;
    let value = |kind| prost_types::Value { kind: Some(kind) };
    let inner = prost_types::Struct {
        fields: [("y".to_string(), value(Kind::NumberValue(2.0)))].into(),
    };
    let meets = s::StructMeets {
        s: Some(prost_types::Struct {
            fields: [
                ("a".to_string(), value(Kind::StringValue("x".into()))),
                ("x".to_string(), value(Kind::StructValue(inner))),
                ("x_y".to_string(), value(Kind::NumberValue(1.0))),
            ]
            .into(),
        }),
        s_a: "y".into(),
    };
    let p = firebase(&meets);
    assert_eq!(keys(&p), ["s_a", "s_x_y"], "{p:?}");
    assert_eq!(p.get("s_a"), Some(&VendorValue::Str("x".into())));
    assert_eq!(p.get("s_x_y"), Some(&VendorValue::Double(2.0)));
    assert_eq!(dropped_duplicates(&p), ["s_x_y", "s_a"]);
}

#[test]
fn map_values_meet_only_through_keys_holding_the_separator() {
    let pair = |b_sku: &str, sku: &str| s::ItemPair {
        b_sku: b_sku.into(),
        sku: sku.into(),
    };
    let mut maps = s::MapOfMessages {
        m: [
            ("a".to_string(), pair("1", "")),
            ("c".to_string(), pair("", "3")),
        ]
        .into(),
    };
    assert!(firebase_table(&maps).keys_apart);
    let p = firebase(&maps);
    assert_eq!(keys(&p), ["m_a_b_sku", "m_c_sku"]);
    assert!(p.adjustments.is_empty(), "{p:?}");
    maps.m.insert("a_b".into(), pair("", "2"));
    let p = firebase(&maps);
    assert_eq!(p.get("m_a_b_sku"), Some(&VendorValue::Str("1".into())));
    assert_eq!(dropped_duplicates(&p), ["m_a_b_sku"]);
}

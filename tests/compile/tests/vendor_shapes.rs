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

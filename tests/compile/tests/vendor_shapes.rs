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

/// The tables of list elements and map values (relative below an index or a map key in
/// Firebase's flat keys, the keys inside their objects elsewhere) give what the rules give,
/// on every way out of their fast path: keys past the length limit (cut, with the cut
/// recorded), PII with and without consent, omitted fields, rewritten segments, well-known
/// types, recursion, depth limits, lists and maps inside, keys that meet inside an element.
#[test]
fn relative_tables_agree_with_the_rules() {
    let leaf = |name: &str| s::Leaf {
        name: name.into(),
        secret: "s".into(),
        hidden: "h".into(),
        odd: "o".into(),
        a_segment_long_enough_to_pass_the_limit: "long".into(),
        at: Some(prost_types::Timestamp {
            seconds: 7,
            nanos: 0,
        }),
        labels: [("k".to_string(), "v".to_string())].into(),
        tags: vec!["t1".into(), "t2".into()],
        deep: Some(s::Deep {
            d: "d".into(),
            deeper: Some(s::Deeper {
                e: "e".into(),
                deepest: Some(s::Deepest { f: "f".into() }),
            }),
        }),
        secret_deep: Some(s::Deep {
            d: "sd".into(),
            deeper: None,
        }),
        ..Default::default()
    };
    let mut parent = leaf("parent");
    parent.children = vec![leaf("grandchild")];
    let mut first = leaf("first");
    first.parent = Some(Box::new(parent));
    first.children = vec![leaf("child")];
    let event = s::Relative {
        leaves: vec![first, leaf("second")],
        by_name: [
            ("short".to_string(), leaf("a")),
            ("a-key with spaces".to_string(), leaf("b")),
            ("a_map_key_that_is_long_enough".to_string(), leaf("c")),
            ("x".repeat(60), leaf("d")),
        ]
        .into(),
        twins: vec![s::Twins {
            a: "a".into(),
            b: "b".into(),
        }],
        twins_by_name: [(
            "t".to_string(),
            s::Twins {
                a: "a".into(),
                b: "b".into(),
            },
        )]
        .into(),
    };
    let table = firebase_table(&event);
    assert!(
        matches!(
            table.fields[0],
            vendor::FieldKey::Key { nested: Some(t), .. } if t.relative
        ),
        "the list's elements have a relative table"
    );
    for pii in [Pii::Exclude, Pii::Include] {
        for b in Builtin::ALL {
            let tables = vendor::properties(&event, b.profile(), pii);
            let computed = vendor::properties_without_tables(&event, b.profile(), pii);
            assert_eq!(tables, computed, "{} {pii:?}", b.name());
        }
    }
    let p = vendor::properties(&event, &vendor::FIREBASE, Pii::Exclude).expect("firebase");
    // Sent, or dropped over Firebase's limit of 25 properties.
    let mut sent = keys(&p);
    sent.extend(p.adjustments.iter().map(|a| a.key.to_string()));
    for key in [
        "leaves_0_name",
        "leaves_0_odd_key",
        "leaves_0_at",
        "leaves_0_deep_d",
        "leaves_1_labels_k",
        "by_name_short_deep_d",
    ] {
        assert!(sent.iter().any(|k| k == key), "{key} missing from {sent:?}");
    }
    assert!(
        !sent
            .iter()
            .any(|k| k.contains("secret") || k.contains("hidden")),
        "{sent:?}"
    );
    // `leaves_0_a_segment_long_enough_to_pass_the_limit` is cut to 40, and recorded: its
    // key depends on the index, which only the data knows.
    let cut = p
        .adjustments
        .iter()
        .filter(|a| matches!(a.kind, AdjustmentKind::KeyTruncated { .. }))
        .count();
    assert!(cut > 0, "{:?}", p.adjustments);
}

/// A body member's own table was checked in a pass of its own, which reached keys the
/// envelope's pass left to the run time (the envelope nested in the member): the clashes it
/// found there (the same key twice in an object; two keys cut to the same 40 characters)
/// must still be compared, as without tables.
#[test]
fn a_body_member_table_is_trusted_only_as_far_as_its_own_pass() {
    let inner = s::RecEnv {
        other: "x".into(),
        body: Some(s::rec_env::Body::Login(Box::default())),
    };
    let e = s::RecEnv {
        other: "o".into(),
        body: Some(s::rec_env::Body::Login(Box::new(s::RecBody {
            parent: Some(Box::new(inner)),
        }))),
    };
    same(&e);
    let inner = s::RecEnvCut {
        f_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1: "1".into(),
        f_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa2: "2".into(),
        body: None,
    };
    let e = s::RecEnvCut {
        body: Some(s::rec_env_cut::Body::B(Box::new(s::RecBodyCut {
            parent: Some(Box::new(inner)),
        }))),
        ..Default::default()
    };
    let p = firebase(&e);
    assert_eq!(
        dropped_duplicates(&p),
        ["parent_f_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]
    );
}

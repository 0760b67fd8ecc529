//! Vendor properties of the example schema: the rules, the limits, PII, and generated tables
//! against keys computed at run time.

use std::borrow::Cow;

use prost_vsco::vendor::{
    self, AdjustmentKind, Builtin, Coercion, DropReason, KeyProblem, OnViolation, Pii, Profile,
    VendorError, VendorExt, VendorValue,
};
use vsco_golden_compile::cases::example::telemetry::v1 as t;

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
        device: Some(t::Device {
            os: "Android".into(),
            os_version: "14".into(),
            app_version: "312.0".into(),
            advertising_id: Some("ad-1".into()),
            ..Default::default()
        }),
        ip_address: "10.0.0.1".into(),
        tags: vec!["beta".into(), "internal".into()],
        properties: [
            ("z".to_string(), "1".to_string()),
            ("a b".to_string(), "2".to_string()),
        ]
        .into_iter()
        .collect(),
        test: true,
        sample_rate: 0.25,
        upload_cookie: vec![0xfb, 0xff],
        body: Some(
            t::Purchase {
                order_id: "o-9".into(),
                items: vec![t::purchase::LineItem {
                    quantity: 2,
                    product: Some(t::Product {
                        sku: "sku-1".into(),
                        ..Default::default()
                    }),
                    ..Default::default()
                }],
                revenue: 9.5,
                currency: t::Currency::Eur as i32,
                receipt: vec![1, 2, 3],
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    }
}

fn keys(p: &vendor::VendorProperties<'_>) -> Vec<String> {
    p.entries.iter().map(|(k, _)| k.to_string()).collect()
}

#[test]
fn firebase_flattens_with_prefixed_keys() {
    let e = event();
    let p = e.vendor_properties(&vendor::FIREBASE).unwrap();
    assert_eq!(p.event_name, "order_completed");
    assert_eq!(
        keys(&p),
        [
            "insert_id",
            "timestamp",
            "session_id",
            "sequence",
            "platform",
            "device_os",
            "device_os_version",
            "device_app_version",
            "tags",
            "properties_a_b",
            "properties_z",
            "test",
            "sample_rate",
            "order_id",
            "items_0_product_sku",
            "items_0_quantity",
            "revenue",
            "currency",
        ]
    );
    assert_eq!(
        p.get("timestamp"),
        Some(&VendorValue::Int(1_700_000_000_250))
    );
    assert_eq!(
        p.get("sequence"),
        Some(&VendorValue::Str(Cow::Borrowed("18446744073709551615")))
    );
    assert_eq!(
        p.get("tags"),
        Some(&VendorValue::Str("beta,internal".into()))
    );
    assert_eq!(p.get("test"), Some(&VendorValue::Str("true".into())));
    assert_eq!(
        p.get("currency"),
        Some(&VendorValue::Str("CURRENCY_EUR".into()))
    );
    let kinds: Vec<_> = p
        .adjustments
        .iter()
        .map(|a| (a.key.to_string(), a.kind.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                "sequence".to_string(),
                AdjustmentKind::Coerced(Coercion::U64ToString)
            ),
            (
                "properties_a_b".to_string(),
                AdjustmentKind::KeyRewritten {
                    from: "properties_a b".into()
                }
            ),
        ]
    );
    let dynamic = vendor::properties_without_tables(&e, &vendor::FIREBASE, Pii::Exclude).unwrap();
    assert_eq!(dynamic, p);
}

#[test]
fn pii_only_when_asked() {
    let e = event();
    for b in Builtin::ALL {
        let p = e.vendor_properties(b.profile()).unwrap();
        let text = p.properties_json();
        assert!(
            !text.contains("10.0.0.1") && !text.contains("ad-1"),
            "{}: {text}",
            b.name()
        );
        let with = e.vendor_properties_with_pii(b.profile()).unwrap();
        let text = with.properties_json();
        assert!(
            text.contains("10.0.0.1") && text.contains("ad-1"),
            "{}: {text}",
            b.name()
        );
    }
}

#[test]
fn mixpanel_nests_objects() {
    let e = event();
    let p = e.vendor_properties(&vendor::MIXPANEL).unwrap();
    assert_eq!(
        p.to_json(&vendor::MIXPANEL),
        concat!(
            r#"{"event":"order_completed","properties":{"$insert_id":"e-1","timestamp":"2023-11-14T22:13:20.250Z","#,
            r#""$session_id":"s-1","sequence":"18446744073709551615","platform":"PLATFORM_ANDROID","#,
            r#""device":{"os":"Android","os_version":"14","$app_version":"312.0"},"tags":["beta","internal"],"#,
            r#""properties":{"a b":"2","z":"1"},"test":true,"sample_rate":0.25,"order_id":"o-9","#,
            r#""items":[{"product":{"sku":"sku-1"},"quantity":2}],"$revenue":9.5,"currency":"CURRENCY_EUR"}}"#
        )
    );
}

#[test]
fn limits_truncate_drop_or_fail() {
    let mut e = t::Event {
        body: Some(
            t::Search {
                query: "q".into(),
                ..Default::default()
            }
            .into(),
        ),
        ..Default::default()
    };
    e.sdk_name = "é".repeat(60);
    let p = e.vendor_properties(&vendor::FIREBASE).unwrap();
    // 60 two-byte characters, 60 UTF-16 units: under Firebase's 100.
    assert!(p.adjustments.is_empty());
    e.sdk_name = "😀".repeat(60);
    let p = e.vendor_properties(&vendor::FIREBASE).unwrap();
    assert_eq!(
        p.get("sdk_name"),
        Some(&VendorValue::Str("😀".repeat(50).into()))
    );
    assert_eq!(
        p.adjustments[0].kind,
        AdjustmentKind::ValueTruncated { len: 120, max: 100 }
    );
    let strict = Profile::builder("strict", &vendor::FIREBASE)
        .on_violation(OnViolation::Error)
        .build()
        .unwrap();
    assert_eq!(
        e.vendor_properties(&strict).unwrap_err(),
        VendorError::Violation {
            profile: "strict".into(),
            key: "sdk_name".into(),
            reason: DropReason::ValueTooLong { len: 120, max: 100 }
        }
    );
    let few = Profile::builder("few", &vendor::FIREBASE)
        .max_properties(Some(1))
        .build()
        .unwrap();
    e.sdk_version = "1".into();
    let p = e.vendor_properties(&few).unwrap();
    assert_eq!(keys(&p), ["sdk_name"]);
    assert_eq!(
        p.adjustments.last().unwrap().kind,
        AdjustmentKind::Dropped(DropReason::CountLimit { max: 1 })
    );
}

#[test]
fn event_names_follow_the_profile() {
    let e = t::Event {
        body: Some(t::AppBackground::default().into()),
        ..Default::default()
    };
    assert_eq!(
        e.vendor_properties(&vendor::FIREBASE).unwrap_err(),
        VendorError::EventName {
            profile: "firebase".into(),
            name: "app_background".into(),
            problem: KeyProblem::Reserved
        }
    );
    assert_eq!(
        e.vendor_properties(&vendor::SEGMENT).unwrap().event_name,
        "app_background"
    );
    let none = t::Event::default();
    assert_eq!(
        none.vendor_properties(&vendor::SEGMENT)
            .unwrap_err()
            .to_string(),
        "telemetry.v1.Event: no event name: the message is not marked `event` and no event message is set in its oneofs"
    );
}

#[test]
fn debug_redacts_pii_at_every_level() {
    let e = event();
    let text = format!("{e:?}");
    assert!(!text.contains("10.0.0.1"), "{text}");
    assert!(!text.contains("ad-1"), "{text}");
    assert!(
        text.starts_with("Event { id: \"e-1\", timestamp: Some(Timestamp {"),
        "{text}"
    );
    assert!(text.contains("ip_address: <redacted>"), "{text}");
    assert!(text.contains("advertising_id: <redacted>"), "{text}");
    assert!(text.contains("platform: PLATFORM_ANDROID"), "{text}");
    // Only the set oneof member; the member message prints with its own Debug.
    assert!(
        text.contains("purchase: Purchase { order_id: \"o-9\""),
        "{text}"
    );
    assert!(!text.contains("login:"), "{text}");
    let search = t::Search {
        query: "secret words".into(),
        result_count: 3,
        ..Default::default()
    };
    let text = format!("{search:#?}");
    assert!(
        text.contains("query: <redacted>") && !text.contains("secret"),
        "{text}"
    );
    let body: t::event::Body = search.into();
    assert!(!format!("{body:?}").contains("secret"));
    // A message without PII keeps prost's derived Debug.
    let login = format!("{:?}", t::Login::default());
    assert!(login.starts_with("Login { method: Unspecified"), "{login}");
}

#[test]
fn redacted_maps_leave_pii_out() {
    use prost_vsco::{KeyStyle, Reflect};
    let e = event();
    let full = e.to_map(KeyStyle::ProtoName);
    assert!(full.contains_key("ip_address"));
    let redacted = e.to_map_redacted(KeyStyle::ProtoName);
    assert!(!redacted.contains_key("ip_address"));
    let device = match redacted.get("device") {
        Some(prost_vsco::OwnedValue::Message(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(device.contains_key("os") && !device.contains_key("advertising_id"));
    assert!(e.fields_redacted().all(|(f, _)| !f.options.pii));
    assert_eq!(e.fields_redacted().count() + 1, e.fields().count());
}

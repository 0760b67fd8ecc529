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

/// Every knob of a custom profile, value by value, changes what its documentation says and
/// nothing else: each profile below is `SEGMENT`'s open rules with one knob set.
mod knobs {
    use super::*;
    use prost_vsco::vendor::{
        BoolFormat, BytesFormat, DurationFormat, KeyCase, KeyCharset, LengthUnit, Maps, Nesting,
        ProfileBuilder, Repeated, TimestampFormat, U64Format, VendorProperties,
    };

    fn custom(set: impl FnOnce(ProfileBuilder) -> ProfileBuilder) -> Profile {
        set(Profile::builder("custom", &vendor::SEGMENT))
            .build()
            .unwrap()
    }

    fn with<'e>(
        e: &'e t::Event,
        set: impl FnOnce(ProfileBuilder) -> ProfileBuilder,
    ) -> VendorProperties<'e> {
        e.vendor_properties(&custom(set)).unwrap()
    }

    fn str(s: &str) -> VendorValue<'_> {
        VendorValue::Str(Cow::Borrowed(s))
    }

    /// An envelope whose body is a search with 3 results and `more` set besides.
    fn search_event(more: t::Search) -> t::Event {
        t::Event {
            body: Some(
                t::Search {
                    result_count: 3,
                    ..more
                }
                .into(),
            ),
            ..Default::default()
        }
    }

    fn kinds(p: &VendorProperties<'_>) -> Vec<(String, AdjustmentKind)> {
        p.adjustments
            .iter()
            .map(|a| (a.key.to_string(), a.kind.clone()))
            .collect()
    }

    #[test]
    fn key_rules() {
        let e = event();
        let open = e.vendor_properties(&vendor::SEGMENT).unwrap();
        assert!(open.get("sdk_name").is_none() && open.get("sample_rate").is_some());
        let p = with(&e, |b| b.key_case(KeyCase::Camel));
        assert!(p.get("sampleRate").is_some() && p.get("sample_rate").is_none());
        // A `vendor_key` is used as written.
        assert!(p.get("$session_id").is_some());
        // Map keys are data, not field names: no key case.
        let VendorValue::Object(props) = p.get("properties").unwrap() else {
            panic!("{p:?}")
        };
        assert_eq!(props[0].0, "a b");

        let p = with(&e, |b| {
            b.key_charset(KeyCharset::Word)
                .nesting(Nesting::Objects, '_')
        });
        assert!(p.get("_session_id").is_some(), "{p:?}");
        let VendorValue::Object(props) = p.get("properties").unwrap() else {
            panic!("{p:?}")
        };
        assert_eq!(props[0].0, "a_b");
        // An adjustment names a member of an object by its path.
        assert!(kinds(&p).contains(&(
            "properties.a_b".into(),
            AdjustmentKind::KeyRewritten { from: "a b".into() }
        )));

        // No plugin check saw a custom profile: the rewrite of a field's key is recorded,
        // as the key the schema spells. (With a built-in profile's table, the plugin
        // reported it at generation time instead.)
        assert!(kinds(&p).contains(&(
            "_session_id".into(),
            AdjustmentKind::KeyRewritten {
                from: "$session_id".into()
            }
        )));
        let builtin = e.vendor_properties(&vendor::FIREBASE).unwrap();
        assert!(builtin.get("session_id").is_some());
        assert!(
            !builtin
                .adjustments
                .iter()
                .any(|a| matches!(&a.kind, AdjustmentKind::KeyRewritten { from } if from == "$session_id")),
            "{builtin:?}"
        );

        // Characters allowed besides the word characters: a flat profile can join with `.`.
        assert!(
            Profile::builder("dots", &vendor::FIREBASE)
                .nesting(Nesting::Flatten, '.')
                .build()
                .is_err()
        );
        let dots = Profile::builder("dots", &vendor::FIREBASE)
            .extra_key_chars(".")
            .nesting(Nesting::Flatten, '.')
            .build()
            .unwrap();
        let p = e.vendor_properties(&dots).unwrap();
        assert_eq!(p.get("device.os"), Some(&str("Android")));
        assert_eq!(p.get("properties.a_b"), Some(&str("2")));
        // The Java and Swift adapters' test of the same knob, with the same texts.
        let search = search_event(t::Search {
            facet_counts: [("a-b".to_string(), 2)].into_iter().collect(),
            ..Default::default()
        });
        let p = search.vendor_properties(&dots).unwrap();
        assert_eq!(p.get("facet_counts.a_b"), Some(&VendorValue::Int(2)));
        assert_eq!(
            p.adjustments[0].to_string(),
            "facet_counts.a_b: key rewritten from `facet_counts.a-b`"
        );

        let p = with(&e, |b| b.strip_leading("$"));
        assert!(p.get("session_id").is_some() && p.get("$session_id").is_none());
        assert!(kinds(&p).contains(&(
            "session_id".into(),
            AdjustmentKind::KeyRewritten {
                from: "$session_id".into()
            }
        )));
        let p = with(&e, |b| b.max_key_len(Some(8)));
        assert_eq!(p.get("sample_r"), Some(&VendorValue::Double(0.25)));
        assert!(kinds(&p).contains(&(
            "sample_r".into(),
            AdjustmentKind::KeyTruncated {
                from: "sample_rate".into()
            }
        )));
        // Nested: the key of a member names its path; `from` is its own key.
        let p = with(&e, |b| b.max_key_len(Some(4)));
        assert!(
            kinds(&p).contains(&(
                "devi.os_v".into(),
                AdjustmentKind::KeyTruncated {
                    from: "os_version".into()
                }
            )),
            "{:?}",
            kinds(&p)
        );

        let p = with(&e, |b| b.key_starts_with_letter(true));
        assert!(p.get("$session_id").is_none() && p.get("session_id").is_none());
        assert!(kinds(&p).contains(&(
            "$session_id".into(),
            AdjustmentKind::Dropped(DropReason::InvalidKey(KeyProblem::BadStart))
        )));

        let p = with(&e, |b| b.reserved_prefixes(["sample_"]));
        assert!(p.get("sample_rate").is_none() && p.get("tags").is_some());
        assert!(kinds(&p).contains(&(
            "sample_rate".into(),
            AdjustmentKind::Dropped(DropReason::InvalidKey(KeyProblem::Reserved))
        )));

        let p = with(&e, |b| b.reserved_keys(["tags"]));
        assert!(p.get("tags").is_none() && p.get("sample_rate").is_some());
        assert!(kinds(&p).contains(&(
            "tags".into(),
            AdjustmentKind::Dropped(DropReason::InvalidKey(KeyProblem::Reserved))
        )));

        // Keys count in their own unit, not that of string values: `ü` is 1 character, 2
        // bytes, and `properties.üüü` 14 characters.
        let mut long_key = t::Event {
            body: e.body.clone(),
            ..Default::default()
        };
        long_key.properties.insert("üüü".into(), "v".into());
        let in_chars = with(&long_key, |b| {
            b.maps(Maps::PrefixedKeys)
                .max_key_len(Some(14))
                .key_length_unit(LengthUnit::Chars)
                .max_string_len(None, LengthUnit::Bytes)
        });
        assert!(in_chars.get("properties.üüü").is_some(), "{in_chars:?}");
        let in_bytes = with(&long_key, |b| {
            b.maps(Maps::PrefixedKeys)
                .max_key_len(Some(14))
                .key_length_unit(LengthUnit::Bytes)
                .max_string_len(None, LengthUnit::Chars)
        });
        // 11 + 6 bytes, cut to 14 on a character boundary: 13.
        assert!(in_bytes.get("properties.ü").is_some(), "{in_bytes:?}");
        assert_eq!(
            kinds(&in_bytes),
            [(
                "properties.ü".into(),
                AdjustmentKind::KeyTruncated {
                    from: "properties.üüü".into()
                }
            )]
        );
    }

    /// The same case as the Java and Swift adapters' tests
    /// (`customProfilesRecordTheirRewritesOfSchemaKeys`), with the same texts.
    #[test]
    fn custom_profiles_record_their_rewrites_of_schema_keys() {
        let e = t::Event {
            session_id: "s".into(),
            ..search_event(t::Search {
                query: "q".into(),
                ..Default::default()
            })
        };
        let p = with(&e, |b| b.strip_leading("$").max_key_len(Some(8)));
        assert_eq!(p.get("session_"), Some(&str("s")));
        assert_eq!(p.get("result_c"), Some(&VendorValue::Int(3)));
        let texts: Vec<String> = p.adjustments.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "session_: key rewritten from `$session_id`",
                "session_: key truncated from `session_id`",
                "result_c: key truncated from `result_count`",
            ]
        );
        let p = e.vendor_properties(&vendor::BRAZE).unwrap();
        assert_eq!(p.get("session_id"), Some(&str("s")));
        assert!(p.adjustments.is_empty(), "{p:?}");
    }

    /// An event name the rules change is recorded where no plugin check saw the profile,
    /// first in the adjustments, under the name sent. The same case as the Java and Swift
    /// adapters' tests (`customProfilesRecordChangesToTheEventName`), with the same texts.
    #[test]
    fn custom_profiles_record_changes_to_the_event_name() {
        let e = search_event(t::Search::default());
        let p = with(&e, |b| b.strip_leading("s").max_event_name_len(Some(3)));
        assert_eq!(p.event_name, "ear");
        assert_eq!(p.get("result_count"), Some(&VendorValue::Int(3)));
        let texts: Vec<String> = p.adjustments.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "ear: event name rewritten from `search`",
                "ear: event name truncated from `earch`",
            ]
        );
        assert_eq!(
            p.adjustments
                .iter()
                .map(|a| a.kind_name())
                .collect::<Vec<_>>(),
            ["event_name_rewritten", "event_name_truncated"]
        );
        // Under the built-in profile's table the plugin checked the name: nothing to record.
        let p = e.vendor_properties(&vendor::FIREBASE).unwrap();
        assert_eq!(p.event_name, "search");
        assert!(p.adjustments.is_empty(), "{p:?}");
        // A name the rules leave alone records nothing either.
        let p = with(&e, |b| b.max_event_name_len(Some(6)));
        assert_eq!(p.event_name, "search");
        assert!(p.adjustments.is_empty(), "{p:?}");
    }

    /// Timestamps, durations and non-finite numbers sent as strings are strings like any
    /// other: under the length limit. The same case as the Java and Swift adapters' tests
    /// (`formattedValuesKeepTheStringLimit`), with the same texts.
    #[test]
    fn formatted_values_keep_the_string_limit() {
        let e = t::Event {
            timestamp: Some(prost_types::Timestamp {
                seconds: 1_700_000_000,
                nanos: 250_000_000,
            }),
            sample_rate: f64::INFINITY,
            ..search_event(t::Search::default())
        };
        let p = with(&e, |b| b.max_string_len(Some(5), LengthUnit::Chars));
        assert_eq!(p.get("timestamp"), Some(&str("2023-")));
        assert_eq!(p.get("sample_rate"), Some(&str("Infin")));
        let texts: Vec<String> = p.adjustments.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "timestamp: value truncated from 24 to 5",
                "sample_rate: non-finite number sent as a string",
                "sample_rate: value truncated from 8 to 5",
            ]
        );
    }

    #[test]
    fn event_names() {
        let e = event();
        assert_eq!(
            with(&e, |b| b.max_event_name_len(Some(3))).event_name,
            "ord"
        );
        assert_eq!(
            e.vendor_properties(&custom(|b| b.reserved_event_names(["order_completed"])))
                .unwrap_err(),
            VendorError::EventName {
                profile: "custom".into(),
                name: "order_completed".into(),
                problem: KeyProblem::Reserved
            }
        );
    }

    #[test]
    fn value_formats() {
        let e = event();
        let open = e.vendor_properties(&vendor::SEGMENT).unwrap();
        assert_eq!(open.get("test"), Some(&VendorValue::Bool(true)));
        for (format, sent) in [
            (BoolFormat::Bool, VendorValue::Bool(true)),
            (BoolFormat::Int, VendorValue::Int(1)),
            (BoolFormat::String, str("true")),
        ] {
            assert_eq!(with(&e, |b| b.bools(format)).get("test"), Some(&sent));
        }

        // `u64::MAX` fits no signed integer; 7 does.
        let mut small = event();
        small.sequence = 7;
        let max = u64::MAX.to_string();
        for (format, big, big_kind, seven) in [
            (
                U64Format::IntOrString,
                str(&max),
                Some(Coercion::U64ToString),
                VendorValue::Int(7),
            ),
            (U64Format::String, str(&max), None, str("7")),
            (
                U64Format::Double,
                VendorValue::Double(u64::MAX as f64),
                Some(Coercion::U64ToDouble),
                VendorValue::Double(7.0),
            ),
        ] {
            let p = with(&e, |b| b.u64s(format));
            assert_eq!(p.get("sequence"), Some(&big), "{format:?}");
            let recorded: Vec<_> = p
                .adjustments
                .iter()
                .filter(|a| a.key == "sequence")
                .map(|a| a.kind.clone())
                .collect();
            assert_eq!(
                recorded,
                big_kind
                    .map(AdjustmentKind::Coerced)
                    .into_iter()
                    .collect::<Vec<_>>()
            );
            let p = with(&small, |b| b.u64s(format));
            assert_eq!(p.get("sequence"), Some(&seven), "{format:?}");
            assert!(p.adjustments.is_empty(), "{format:?}: {p:?}");
        }

        let error = t::Event {
            body: Some(
                t::Error {
                    stack_fingerprint: vec![0xfb, 0xff],
                    ..Default::default()
                }
                .into(),
            ),
            ..Default::default()
        };
        for (format, sent) in [
            (BytesFormat::Base64, Some(str("+/8="))),
            (BytesFormat::Hex, Some(str("fbff"))),
            (BytesFormat::Omit, None),
        ] {
            let p = with(&error, |b| b.bytes(format));
            assert_eq!(p.get("stack_fingerprint"), sent.as_ref(), "{format:?}");
        }

        // 1,700,000,000.25 s after the epoch.
        for (format, sent) in [
            (TimestampFormat::Rfc3339, str("2023-11-14T22:13:20.250Z")),
            (
                TimestampFormat::EpochMillis,
                VendorValue::Int(1_700_000_000_250),
            ),
            (
                TimestampFormat::EpochSeconds,
                VendorValue::Double(1_700_000_000.25),
            ),
        ] {
            let p = with(&e, |b| b.timestamps(format));
            assert_eq!(p.get("timestamp"), Some(&sent), "{format:?}");
        }

        let open_app = t::Event {
            body: Some(
                t::AppOpen {
                    startup_time: Some(prost_types::Duration {
                        seconds: 1,
                        nanos: 500_000_000,
                    }),
                    ..Default::default()
                }
                .into(),
            ),
            ..Default::default()
        };
        for (format, sent) in [
            (DurationFormat::Seconds, VendorValue::Double(1.5)),
            (DurationFormat::Millis, VendorValue::Int(1500)),
            (DurationFormat::String, str("1.500s")),
        ] {
            let p = with(&open_app, |b| b.durations(format));
            assert_eq!(p.get("startup_time"), Some(&sent), "{format:?}");
        }
    }

    #[test]
    fn shapes_of_lists_maps_and_nesting() {
        let e = event();
        let list = VendorValue::List(vec![str("beta"), str("internal")]);
        for (repeated, keys) in [
            (Repeated::List, vec![("tags", list)]),
            (Repeated::Joined, vec![("tags", str("beta+internal"))]),
            (
                Repeated::Indexed,
                vec![("tags.0", str("beta")), ("tags.1", str("internal"))],
            ),
        ] {
            let p = with(&e, |b| b.repeated(repeated, "+"));
            for (key, value) in keys {
                assert_eq!(p.get(key), Some(&value), "{repeated:?}: {p:?}");
            }
        }

        let p = with(&e, |b| b.maps(Maps::PrefixedKeys));
        assert_eq!(p.get("properties.z"), Some(&str("1")));
        assert!(p.get("properties").is_none());
        let p = with(&e, |b| b.maps(Maps::Object));
        assert_eq!(
            p.get("properties"),
            Some(&VendorValue::Object(vec![
                ("a b".into(), str("2")),
                ("z".into(), str("1")),
            ]))
        );

        let p = with(&e, |b| b.nesting(Nesting::Flatten, '/'));
        assert_eq!(p.get("device/os"), Some(&str("Android")));
        let p = with(&e, |b| b.nesting(Nesting::Objects, '/'));
        let Some(VendorValue::Object(device)) = p.get("device") else {
            panic!("{p:?}")
        };
        assert!(device.contains(&("os".into(), str("Android"))));

        // Depth 1: only top-level values; the device's fields are one deeper.
        let p = with(&e, |b| b.max_depth(1));
        assert!(p.get("device").is_none() && p.get("sdk_version").is_none());
        assert!(kinds(&p).contains(&(
            "device".into(),
            AdjustmentKind::Dropped(DropReason::DepthLimit { max: 1 })
        )));
    }

    #[test]
    fn violations_and_shape() {
        let mut e = event();
        e.sdk_name = "abcdef".into();
        let short = |on| {
            custom(|b| {
                b.max_string_len(Some(4), LengthUnit::Chars)
                    .on_violation(on)
            })
        };
        let p = e.vendor_properties(&short(OnViolation::Truncate)).unwrap();
        assert_eq!(p.get("sdk_name"), Some(&str("abcd")));
        let p = e.vendor_properties(&short(OnViolation::Drop)).unwrap();
        assert!(p.get("sdk_name").is_none());
        assert!(kinds(&p).contains(&(
            "sdk_name".into(),
            AdjustmentKind::Dropped(DropReason::ValueTooLong { len: 6, max: 4 })
        )));
        assert!(matches!(
            e.vendor_properties(&short(OnViolation::Error)),
            Err(VendorError::Violation { .. })
        ));

        let p = with(&e, |b| b.shape("kind", "data"));
        let json = p.to_json(&custom(|b| b.shape("kind", "data")));
        assert!(
            json.starts_with(r#"{"kind":"order_completed","data":{"#),
            "{json}"
        );
    }

    #[test]
    fn profiles_that_cannot_work_say_why() {
        let err = |set: fn(ProfileBuilder) -> ProfileBuilder| {
            set(Profile::builder("p", &vendor::SEGMENT))
                .build()
                .unwrap_err()
                .to_string()
        };
        for (set, why) in [
            (
                (|b| b.max_key_len(Some(0))) as fn(ProfileBuilder) -> ProfileBuilder,
                "profile `p`: the maximum key length must be at least 1",
            ),
            (
                |b| b.max_event_name_len(Some(0)),
                "profile `p`: the maximum event name length must be at least 1",
            ),
            (
                |b| b.max_string_len(Some(0), LengthUnit::Chars),
                "profile `p`: the maximum string length must be at least 1",
            ),
            (
                |b| b.max_properties(Some(0)),
                "profile `p`: the maximum property count must be at least 1",
            ),
            (
                |b| b.max_depth(0),
                "profile `p`: the maximum depth must be at least 1",
            ),
            (
                |b| b.key_charset(KeyCharset::Word),
                "profile `p`: the nesting separator '.' is not an allowed key character",
            ),
            (
                |b| b.repeated(Repeated::Joined, ""),
                "profile `p`: the join separator of repeated fields is empty",
            ),
            (
                |b| b.shape("", "properties"),
                "profile `p`: the event shape's name key is empty",
            ),
            (
                |b| b.shape("event", ""),
                "profile `p`: the event shape's properties key is empty",
            ),
            (
                |b| b.shape("e", "e"),
                "profile `p`: the event shape's name and properties keys are both \"e\"",
            ),
            (
                |b| b.reserved_prefixes(["x_", ""]),
                "profile `p`: an empty reserved prefix would reserve every key",
            ),
        ] {
            assert_eq!(err(set), why);
        }
        assert_eq!(
            Profile::builder("", &vendor::SEGMENT)
                .build()
                .unwrap_err()
                .to_string(),
            "profile ``: the name is empty"
        );
    }
}

//! The generated metadata tables against an independent reading of the same schemas:
//! prost-reflect's `DescriptorPool` (built from the descriptors protox compiles), and against
//! the prost structs themselves (field numbers seen on the wire).

use prost_reflect::{Cardinality as RCard, DescriptorPool, Kind as RKind};
use prost_vsco::{Cardinality, EnumMeta, Kind, MessageInfo, MessageMeta};
use vsco_golden_compile::*;

mod common;
use common::pool;

fn kind_matches(ours: Kind, theirs: &RKind, is_group: bool) -> bool {
    match (ours, theirs) {
        (Kind::Double, RKind::Double)
        | (Kind::Float, RKind::Float)
        | (Kind::Int64, RKind::Int64)
        | (Kind::Uint64, RKind::Uint64)
        | (Kind::Int32, RKind::Int32)
        | (Kind::Fixed64, RKind::Fixed64)
        | (Kind::Fixed32, RKind::Fixed32)
        | (Kind::Bool, RKind::Bool)
        | (Kind::String, RKind::String)
        | (Kind::Bytes, RKind::Bytes)
        | (Kind::Uint32, RKind::Uint32)
        | (Kind::Sfixed32, RKind::Sfixed32)
        | (Kind::Sfixed64, RKind::Sfixed64)
        | (Kind::Sint32, RKind::Sint32)
        | (Kind::Sint64, RKind::Sint64) => true,
        (Kind::Enum(info), RKind::Enum(e)) => {
            info.full_name == e.full_name()
                && info.values.iter().map(|v| (v.name, v.number)).eq(e
                    .values()
                    .map(|v| (v.name().to_string(), v.number()))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(|(n, v)| (n.as_str(), *v)))
        }
        (Kind::Message(n), RKind::Message(m)) => !is_group && n == m.full_name(),
        (Kind::Group(n), RKind::Message(m)) => is_group && n == m.full_name(),
        _ => false,
    }
}

fn check(pool: &DescriptorPool, info: &MessageInfo) {
    let desc = pool
        .get_message_by_name(info.full_name)
        .unwrap_or_else(|| panic!("{} not in pool", info.full_name));
    let theirs: Vec<_> = desc.fields().collect();
    assert_eq!(info.fields.len(), theirs.len(), "{}", info.full_name);
    for (ours, f) in info.fields.iter().zip(&theirs) {
        let at = format!("{}.{}", info.full_name, f.name());
        assert_eq!(ours.name, f.name(), "{at}");
        assert_eq!(ours.json_name, f.json_name(), "{at}");
        assert_eq!(ours.number, f.number(), "{at}");
        assert_eq!(
            ours.default,
            f.field_descriptor_proto().default_value.as_deref(),
            "{at}"
        );
        assert_eq!(
            ours.deprecated,
            f.field_descriptor_proto()
                .options
                .as_ref()
                .is_some_and(|o| o.deprecated()),
            "{at}"
        );
        let is_group = f.is_group();
        if f.is_map() {
            let RKind::Message(entry) = f.kind() else {
                panic!("{at}: map without entry")
            };
            let key = entry.map_entry_key_field();
            let value = entry.map_entry_value_field();
            let Cardinality::Map(k) = ours.cardinality else {
                panic!("{at}: expected a map, got {:?}", ours.cardinality)
            };
            assert!(kind_matches(k, &key.kind(), false), "{at} key");
            assert!(kind_matches(ours.kind, &value.kind(), false), "{at} value");
            continue;
        }
        assert!(
            kind_matches(ours.kind, &f.kind(), is_group),
            "{at}: {:?} vs {:?}",
            ours.kind,
            f.kind()
        );
        let expected = match f.cardinality() {
            RCard::Repeated => Cardinality::Repeated,
            RCard::Required => Cardinality::Required,
            RCard::Optional if f.supports_presence() => Cardinality::Optional,
            RCard::Optional => Cardinality::Implicit,
        };
        assert_eq!(ours.cardinality, expected, "{at}");
        let real_oneof = f.containing_oneof().filter(|o| !o.is_synthetic());
        match (ours.oneof, real_oneof) {
            (None, None) => {}
            (Some(i), Some(o)) => assert_eq!(info.oneofs[i].name, o.name(), "{at}"),
            (a, b) => panic!("{at}: oneof {a:?} vs {:?}", b.map(|o| o.name().to_string())),
        }
    }
    for o in info.oneofs {
        for &i in o.fields {
            assert_eq!(
                info.fields[i].oneof.map(|x| info.oneofs[x].name),
                Some(o.name),
                "{}: oneof {} lists field {i}",
                info.full_name,
                o.name
            );
        }
    }
}

macro_rules! check_all {
    ($case:literal => $($ty:path),+ $(,)?) => {{
        let pool = pool($case);
        $( check(&pool, <$ty as MessageMeta>::INFO); )+
    }};
}

#[test]
fn example_matches_descriptors() {
    use cases::example::telemetry::v1 as t;
    check_all!("example" => t::Event, t::EventBatch, t::Device, t::User, t::Product,
        t::ScreenView, t::ButtonTap, t::Purchase, t::purchase::LineItem, t::AddToCart, t::Search,
        t::Login, t::Logout, t::Signup, t::PushReceived, t::Error, t::AppOpen, t::AppBackground,
        t::VideoPlay, t::Share, t::Rating, t::Experiment, t::experiment::Variant);
}

#[test]
fn other_cases_match_descriptors() {
    use cases::*;
    check_all!("keywords" => keywords::kw::r#async::Type, keywords::kw::r#async::Self_,
        keywords::kw::r#async::Keywords, keywords::kw::r#async::Shadowing,
        keywords::kw::r#async::Holder, keywords::kw::r#async::outer::Type,
        keywords::kw::r#async::outer::Self_);
    check_all!("proto2" => proto2::legacy::Defaults, proto2::legacy::Order,
        proto2::legacy::order::Line, proto2::legacy::order::Shipping,
        proto2::legacy::order::Attempt, proto2::legacy::Extensible);
    check_all!("proto3_optional" => proto3_optional::opt::Optionals, proto3_optional::opt::Single);
    check_all!("maps" => maps::maps::Maps, maps::maps::maps::Nested, maps::maps::Card);
    check_all!("recursive" => recursive::rec::Node, recursive::rec::Expr, recursive::rec::BinaryOp,
        recursive::rec::Tree, recursive::rec::tree::Branch, recursive::rec::CycleA,
        recursive::rec::CycleB, recursive::rec::CycleC);
    check_all!("wkt" => wkt::wkt::WellKnown);
    check_all!("oneof_clash" => oneof_clash::clash::Envelope, oneof_clash::clash::Shape,
        oneof_clash::clash::Container, oneof_clash::clash::Plain);
    check_all!("multi_package" => multi_package::acme::orders::v1::Order,
        multi_package::acme::users::v1::User, multi_package::acme::common::Address);
    check_all!("btree_bytes" => btree_bytes::store::Store, btree_bytes::store::Blob);
    check_all!("no_package" => no_package::Person, no_package::Place);
    check_all!("params" => params::shop::v1::Item, params::shop::v1::Cart);
    check_all!("custom_options" => custom_options::custom::v1::CheckoutAbandoned,
        custom_options::custom::v1::Container);
    check_all!("comments" => comments::comments::Documented);
    check_all!("companion" => companion::comp::v1::Note);
    check_all!("include_file" => include_file::a::c::Holder, include_file::a::b::Thing);
}

#[test]
fn enum_tables_list_every_value() {
    let pool = pool("enum_prefix");
    for info in [
        <cases::enum_prefix::prefix::Color as EnumMeta>::INFO,
        <cases::enum_prefix::prefix::Level as EnumMeta>::INFO,
        <cases::enum_prefix::prefix::Foo as EnumMeta>::INFO,
        <cases::enum_prefix::prefix::widget::Shape as EnumMeta>::INFO,
    ] {
        let desc = pool.get_enum_by_name(info.full_name).expect("enum in pool");
        let theirs: Vec<(String, i32)> = desc
            .values()
            .map(|v| (v.name().to_string(), v.number()))
            .collect();
        let ours: Vec<(String, i32)> = info
            .values
            .iter()
            .map(|v| (v.name.to_string(), v.number))
            .collect();
        assert_eq!(ours, theirs, "{}", info.full_name);
    }
}

#[test]
fn custom_options_reach_the_tables() {
    use cases::example::telemetry::v1 as t;
    let event = <t::Event as MessageMeta>::INFO;
    let id = event.field_by_name("id").expect("id");
    assert_eq!(id.options.legacy_key, Some("event_id"));
    assert_eq!(id.options.aliases, ["eventId", "uuid"]);
    assert_eq!(id.options.vendor_key, Some("$insert_id"));
    assert!(event.field_by_name("ip_address").expect("ip").options.pii);
    assert!(
        event
            .field_by_name("upload_cookie")
            .expect("cookie")
            .options
            .omit_from_map
    );
    assert_eq!(
        event.field_by_json_name("sessionId").map(|f| f.number),
        Some(4)
    );
    assert!(<t::Login as MessageMeta>::INFO.options.event_name.is_some());
    assert_eq!(<t::Event as MessageMeta>::INFO.options.event_name, None);
}

#[test]
fn proto2_defaults_are_recorded() {
    let d = <cases::proto2::legacy::Defaults as MessageMeta>::INFO;
    let default = |name: &str| d.field_by_name(name).and_then(|f| f.default);
    assert_eq!(default("d_inf"), Some("inf"));
    assert_eq!(default("priority"), Some("PRIORITY_HIGH"));
    assert_eq!(default("blob"), Some(r#"\000\001\377abc\177\"\\"#));
    assert_eq!(default("priority_implicit"), None);
}

//! Wrapper types compiled as messages (`compile_well_known_types`) travel to vendors as their
//! value, as prost's own mapping (`Option<String>`, `Option<i64>`) does: `w` is one property,
//! not a flattened `w_value` that would meet the field of that name.
//!
//! The types below are what `protoc-gen-prost-vsco generate --opt
//! vendors=firebase,compile_well_known_types` writes for this schema (cut to the two wrappers
//! used), since the golden cases do not compile the well-known types:
//!
//! ```proto
//! message E {
//!   option (prost_vsco.message) = {event: true, event_name: "e"};
//!   google.protobuf.StringValue w = 1;
//!   string w_value = 2;
//!   repeated google.protobuf.Int64Value n = 3;
//! }
//! ```

use prost_vsco::vendor::{self, Pii, VendorProperties, VendorValue};

mod google {
    pub mod protobuf {
        #[derive(Clone, PartialEq, Eq, Hash, ::prost::Message)]
        pub struct StringValue {
            #[prost(string, tag = "1")]
            pub value: ::prost::alloc::string::String,
        }
        #[derive(Clone, Copy, PartialEq, Eq, Hash, ::prost::Message)]
        pub struct Int64Value {
            #[prost(int64, tag = "1")]
            pub value: i64,
        }
        const _: () = {
            use ::prost_vsco::meta::{Cardinality as C, FieldInfo as F, Kind as K, MessageInfo};
            impl ::prost_vsco::MessageMeta for self::StringValue {
                const INFO: &'static MessageInfo = &MessageInfo::new(
                    "google.protobuf.StringValue",
                    &[F::new("value", "value", 1, K::String, C::Implicit)],
                );
            }
            impl ::prost_vsco::MessageMeta for self::Int64Value {
                const INFO: &'static MessageInfo = &MessageInfo::new(
                    "google.protobuf.Int64Value",
                    &[F::new("value", "value", 1, K::Int64, C::Implicit)],
                );
            }
        };
        ::prost_vsco::reflect!(self::StringValue {
            0 "value" => scalar(value);
        });
        ::prost_vsco::reflect!(self::Int64Value {
            0 "value" => scalar(value);
        });
    }
}

mod w {
    #[derive(Clone, PartialEq, ::prost::Message)]
    pub struct E {
        #[prost(message, optional, tag = "1")]
        pub w: ::core::option::Option<super::google::protobuf::StringValue>,
        #[prost(string, tag = "2")]
        pub w_value: ::prost::alloc::string::String,
        #[prost(message, repeated, tag = "3")]
        pub n: ::prost::alloc::vec::Vec<super::google::protobuf::Int64Value>,
    }
    const _: () = {
        use ::prost_vsco::meta::{
            Cardinality as C, FieldInfo as F, Kind as K, MessageInfo, MessageOptions,
        };
        impl ::prost_vsco::MessageMeta for self::E {
            const INFO: &'static MessageInfo = &MessageInfo::new(
                "w.E",
                &[
                    F::new(
                        "w",
                        "w",
                        1,
                        K::Message("google.protobuf.StringValue"),
                        C::Optional,
                    ),
                    F::new("w_value", "wValue", 2, K::String, C::Implicit),
                    F::new(
                        "n",
                        "n",
                        3,
                        K::Message("google.protobuf.Int64Value"),
                        C::Repeated,
                    ),
                ],
            )
            .with_options(MessageOptions {
                event_name: ::core::option::Option::Some("e"),
            });
        }
    };
    const _: () = {
        use ::prost_vsco::vendor::{Builtin as B, FieldKey as K, VendorTable as T};
        impl ::prost_vsco::vendor::VendorTables for self::E {
            fn vendor_table(profile: B) -> ::core::option::Option<&'static T> {
                match profile {
                    B::Firebase => {
                        const TABLE: &T =
                            &T::event("e", &[K::key("w"), K::key("w_value"), K::key("n")])
                                .with_keys_apart();
                        ::core::option::Option::Some(TABLE)
                    }
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
    ::prost_vsco::reflect!(self::E {
        0 "w" => message(w);
        1 "w_value" | "wValue" => scalar(w_value);
        2 "n" => list(n);
    } vendor_tables);
}

fn firebase(e: &w::E) -> VendorProperties<'_> {
    let tables = vendor::properties(e, &vendor::FIREBASE, Pii::Exclude).expect("tables");
    let computed =
        vendor::properties_without_tables(e, &vendor::FIREBASE, Pii::Exclude).expect("computed");
    assert_eq!(tables, computed);
    tables
}

#[test]
fn compiled_wrappers_travel_as_their_values() {
    use google::protobuf::{Int64Value, StringValue};
    let e = w::E {
        w: Some(StringValue { value: "a".into() }),
        w_value: "b".into(),
        n: vec![Int64Value { value: 7 }, Int64Value { value: 0 }],
    };
    let p = firebase(&e);
    assert_eq!(
        p.entries,
        [
            ("w".into(), VendorValue::Str("a".into())),
            ("w_value".into(), VendorValue::Str("b".into())),
            ("n_0".into(), VendorValue::Int(7)),
            ("n_1".into(), VendorValue::Int(0)),
        ]
    );
    assert!(p.adjustments.is_empty(), "{p:?}");
    // A present wrapper holding its default is a value, as prost's `Some("")` is.
    let empty = w::E {
        w: Some(StringValue::default()),
        ..Default::default()
    };
    assert_eq!(
        firebase(&empty).entries,
        [("w".into(), VendorValue::Str("".into()))]
    );
}

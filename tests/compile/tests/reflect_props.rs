//! Property tests of the generated reflection over random messages of the golden schemas:
//! `from_map(to_map(m)) == m`, `set(k, get(k))` changes nothing, a failing `set` leaves the
//! encoded bytes identical, and every value agrees with prost-reflect's reading of the same
//! bytes (an independent implementation driven by the descriptors).

use proptest::prelude::*;
use prost::Message;
use prost_reflect::{DescriptorPool, DynamicMessage, ReflectMessage};
use prost_vsco::json::TypeRegistry;
use prost_vsco::{
    Cardinality, FieldInfo, KeyRef, KeyStyle, Kind, OwnedValue, Reflect, Value, ValueMap, ValueMut,
};
use prost_vsco_conformance::random::{FillOptions, Rng, fill};
use vsco_golden_compile::cases;

mod common;
use common::pool;

/// Clears `omit_from_map` fields, recursively: what a `to_map` round trip leaves out.
fn strip_omitted(m: &mut dyn Reflect) {
    let info = m.info();
    for (i, field) in info.fields.iter().enumerate() {
        if field.options.omit_from_map {
            m.clear_at(i);
            continue;
        }
        match m.mut_at(i) {
            Some(ValueMut::Message(inner)) => strip_omitted(inner),
            Some(ValueMut::List(mut list)) => {
                for n in 0..list.len() {
                    if let Some(ValueMut::Message(inner)) = list.get_mut(n) {
                        strip_omitted(inner);
                    }
                }
            }
            Some(ValueMut::Map(mut map)) => {
                for key in map.keys() {
                    if let Some(ValueMut::Message(inner)) = map.get_mut(key.as_key_ref()) {
                        strip_omitted(inner);
                    }
                }
            }
            None => {}
        }
    }
}

/// A value of the wrong type for the field, which `set` and `set_from` must refuse.
fn wrong_value(field: &FieldInfo) -> Value<'static> {
    match (field.cardinality, field.kind) {
        (Cardinality::Repeated | Cardinality::Map(_), _) => Value::Bool(true),
        (_, Kind::Bool) => Value::String("x"),
        (_, Kind::Enum(_)) => Value::String("NOT_A_VALUE_OF_THIS_ENUM"),
        (_, Kind::Message("google.protobuf.BoolValue")) => Value::I32(1),
        _ => Value::Bool(true),
    }
}

/// Our value against prost-reflect's for the same field.
fn agree(ours: &Value<'_>, theirs: &prost_reflect::Value) -> Result<(), String> {
    use prost_reflect::Value as R;
    let ok = match (ours, theirs) {
        (Value::Bool(a), R::Bool(b)) => a == b,
        (Value::I32(a), R::I32(b)) => a == b,
        (Value::I64(a), R::I64(b)) => a == b,
        (Value::U32(a), R::U32(b)) => a == b,
        (Value::U64(a), R::U64(b)) => a == b,
        // Bitwise, but -0.0 and 0.0 agree: prost does not encode an implicit -0.0, so the
        // bytes prost-reflect reads hold 0.0.
        (Value::F32(a), R::F32(b)) => a.to_bits() == b.to_bits() || (*a == 0.0 && *b == 0.0),
        (Value::F64(a), R::F64(b)) => a.to_bits() == b.to_bits() || (*a == 0.0 && *b == 0.0),
        (Value::String(a), R::String(b)) => a == b,
        (Value::Bytes(a), R::Bytes(b)) => *a == b.as_ref(),
        (Value::Enum(a), R::EnumNumber(b)) => a.number == *b,
        (Value::Message(a), R::Message(b)) => return agree_message(*a, b),
        // Wrappers: prost maps them to their scalar, prost-reflect keeps the message.
        (scalar, R::Message(b)) if b.descriptor().full_name().ends_with("Value") => {
            let inner = b.get_field_by_number(1).ok_or("wrapper without value")?;
            return agree(scalar, &inner);
        }
        (Value::List(a), R::List(b)) => {
            if a.len() != b.len() {
                return Err(format!("list of {} vs {}", a.len(), b.len()));
            }
            for (x, y) in a.iter().zip(b) {
                agree(&x, y)?;
            }
            true
        }
        (Value::Map(a), R::Map(b)) => {
            if a.len() != b.len() {
                return Err(format!("map of {} vs {}", a.len(), b.len()));
            }
            for (k, v) in b {
                use prost_reflect::MapKey as K;
                let key = match k {
                    K::Bool(x) => KeyRef::Bool(*x),
                    K::I32(x) => KeyRef::I32(*x),
                    K::I64(x) => KeyRef::I64(*x),
                    K::U32(x) => KeyRef::U32(*x),
                    K::U64(x) => KeyRef::U64(*x),
                    K::String(x) => KeyRef::String(x),
                };
                let ours = a.get(key).ok_or_else(|| format!("missing key {key}"))?;
                agree(&ours, v)?;
            }
            true
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{ours:?} vs {theirs:?}"))
    }
}

fn agree_message(ours: &dyn Reflect, theirs: &DynamicMessage) -> Result<(), String> {
    let desc = theirs.descriptor();
    if ours.info().full_name != desc.full_name() {
        return Err(format!("{} vs {}", ours.info().full_name, desc.full_name()));
    }
    for fd in desc.fields() {
        let at = || format!("{}.{}", desc.full_name(), fd.name());
        let has = ours.has(fd.name()).map_err(|e| e.to_string())?;
        // prost-reflect does not track presence of proto2 required fields read from the wire
        // when they hold their default; prost never does.
        let required = fd.cardinality() == prost_reflect::Cardinality::Required;
        if !required && has != theirs.has_field(&fd) {
            return Err(format!("{}: has {has} vs {}", at(), theirs.has_field(&fd)));
        }
        if !has
            && matches!(fd.kind(), prost_reflect::Kind::Message(_))
            && !fd.is_list()
            && !fd.is_map()
        {
            // An unset message: nothing to compare (recursive types would never end).
            continue;
        }
        let value = ours.get_or_default(fd.name()).map_err(|e| e.to_string())?;
        let theirs = theirs.get_field(&fd);
        agree(&value, &theirs).map_err(|e| format!("{}: {e}", at()))?;
    }
    Ok(())
}

/// `map` (`msg.to_map(keys)`) holds the keys of `msg`'s present fields but `omit_from_map`
/// ones, in byte order, and so does every nested message map.
///
/// Each map of at most 64 fields must also come out of the rank tables alone, without the
/// sort by key that `to_map` falls back on (see `prost_vsco::to_map_by_ranks`).
fn in_key_order(msg: &dyn Reflect, map: &ValueMap, keys: KeyStyle) -> Result<(), String> {
    if msg.info().fields.len() <= 64 {
        match prost_vsco::to_map_by_ranks(msg, keys) {
            Some(ranked) if ranked == *map => {}
            Some(_) => return Err(format!("{}: the ranked map differs", msg.info().full_name)),
            None => {
                return Err(format!(
                    "{}: {keys:?} keys needed the fallback sort (a wrong rank table)",
                    msg.info().full_name
                ));
            }
        }
    }
    let mut want: Vec<&str> = msg
        .fields()
        .filter(|(f, _)| !f.options.omit_from_map)
        .map(|(f, _)| keys.key_of(f))
        .collect();
    want.sort_unstable();
    let got: Vec<&str> = map.keys().map(|k| k.as_ref()).collect();
    if got != want {
        return Err(format!(
            "{}: keys {got:?}, want {want:?}",
            msg.info().full_name
        ));
    }
    for (f, value) in msg.fields() {
        let nested = |v: &Value<'_>, owned: Option<&OwnedValue>| match (v, owned) {
            (Value::Message(inner), Some(OwnedValue::Message(m))) => in_key_order(*inner, m, keys),
            _ => Ok(()),
        };
        match (&value, map.get(keys.key_of(f))) {
            (Value::List(list), Some(OwnedValue::List(items))) => {
                for (v, o) in list.iter().zip(items) {
                    nested(&v, Some(o))?;
                }
            }
            (Value::Map(entries), Some(OwnedValue::Map(owned))) => {
                for (k, v) in entries.entries() {
                    nested(&v, owned.get(&k.to_owned_key()))?;
                }
            }
            (v, owned) => nested(v, owned)?,
        }
    }
    Ok(())
}

fn check<M>(seed: u64, pool: &DescriptorPool) -> Result<(), TestCaseError>
where
    M: Reflect + Message + Default + Clone + PartialEq,
{
    let mut rng = Rng::new(seed);
    let mut m = M::default();
    let options = FillOptions {
        unknown_enum_numbers: true,
        nan_and_infinity: false,
        depth: 3,
    };
    fill(&mut m, &mut rng, options, &TypeRegistry::new()).map_err(TestCaseError::fail)?;

    // The owned map view round-trips exactly (minus `omit_from_map` fields), by either key.
    let mut expected = m.clone();
    strip_omitted(&mut expected);
    for keys in [KeyStyle::ProtoName, KeyStyle::JsonName] {
        let map = m.to_map(keys);
        in_key_order(&m, &map, keys).map_err(TestCaseError::fail)?;
        let back = M::from_map(map).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(
            back == expected,
            "{keys:?} round trip of {m:?}\ngave {back:?}"
        );
    }

    // set(k, get(k)) changes nothing; a failing set leaves the bytes identical.
    let info = m.info();
    let bytes = m.encode_to_vec();
    for (i, field) in info.fields.iter().enumerate() {
        let mut copy = m.clone();
        if let Some(v) = m.get_at(i) {
            copy.set_at(i, v.to_owned_value())
                .map_err(|e| TestCaseError::fail(format!("{}: {e}", field.name)))?;
            prop_assert!(copy == m, "set(get({})) changed the message", field.name);
            copy.set_from_at(i, &v)
                .map_err(|e| TestCaseError::fail(format!("{}: {e}", field.name)))?;
            prop_assert!(
                copy == m,
                "set_from(get({})) changed the message",
                field.name
            );
        }
        // Compare bytes of one instance: a cloned HashMap may encode in another order.
        let before = copy.encode_to_vec();
        let err = copy.set_value(field.name, wrong_value(field).to_owned_value());
        prop_assert!(err.is_err(), "{}: a wrong value was accepted", field.name);
        prop_assert_eq!(
            copy.encode_to_vec(),
            before.clone(),
            "{}: failing set",
            field.name
        );
        prop_assert!(copy == m, "{}: failing set changed the message", field.name);
        let err = copy.set_from(field.name, &wrong_value(field));
        prop_assert!(
            err.is_err(),
            "{}: set_from accepted a wrong value",
            field.name
        );
        prop_assert_eq!(
            copy.encode_to_vec(),
            before,
            "{}: failing set_from",
            field.name
        );
    }

    // prost-reflect reads the same bytes the same way.
    let desc = pool
        .get_message_by_name(info.full_name)
        .ok_or_else(|| TestCaseError::fail("message in pool"))?;
    let dynamic = DynamicMessage::decode(desc, bytes.as_slice())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let _ = dynamic.descriptor();
    agree_message(&m, &dynamic).map_err(TestCaseError::fail)?;

    // The three ways to walk the present fields agree, on the fields prost-reflect sees.
    let walked: Vec<(u32, OwnedValue)> = m
        .fields()
        .map(|(f, v)| (f.number, v.to_owned_value()))
        .collect();
    let mut visited = Vec::new();
    m.visit_fields(|f, v| visited.push((f.number, v.to_owned_value())));
    let mut through_dyn = Vec::new();
    let as_dyn: &dyn Reflect = &m;
    as_dyn.for_each_field(&mut |f, v| through_dyn.push((f.number, v.to_owned_value())));
    prop_assert!(
        visited == walked,
        "visit_fields {visited:?}\nfields {walked:?}"
    );
    prop_assert!(
        through_dyn == walked,
        "for_each_field {through_dyn:?}\nfields {walked:?}"
    );
    // The iterator driven by `fold` (internal iteration) gives the same, and so does any
    // mix: some items by `next`, the rest by `fold`.
    let mut folded = Vec::new();
    m.fields()
        .for_each(|(f, v)| folded.push((f.number, v.to_owned_value())));
    prop_assert!(folded == walked, "fold {folded:?}\nnext {walked:?}");
    let split = (seed as usize) % (walked.len() + 1);
    let mut iter = m.fields();
    let mut mixed: Vec<(u32, OwnedValue)> = iter
        .by_ref()
        .take(split)
        .map(|(f, v)| (f.number, v.to_owned_value()))
        .collect();
    iter.for_each(|(f, v)| mixed.push((f.number, v.to_owned_value())));
    prop_assert!(
        mixed == walked,
        "next {split} then fold {mixed:?}\nnext {walked:?}"
    );
    let present: Vec<u32> = dynamic.fields().map(|(f, _)| f.number()).collect();
    let ours: Vec<u32> = walked.iter().map(|(n, _)| *n).collect();
    prop_assert_eq!(ours, present, "present fields differ from prost-reflect's");
    Ok(())
}

macro_rules! properties {
    ($($test:ident: $case:literal => $ty:ty;)*) => {$(
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]
            #[test]
            fn $test(seed in any::<u64>()) {
                thread_local! {
                    static POOL: DescriptorPool = pool($case);
                }
                POOL.with(|p| check::<$ty>(seed, p))?;
            }
        }
    )*};
}

properties! {
    event: "example" => cases::example::telemetry::v1::Event;
    event_batch: "example" => cases::example::telemetry::v1::EventBatch;
    maps: "maps" => cases::maps::maps::Maps;
    optionals: "proto3_optional" => cases::proto3_optional::opt::Optionals;
    wide: "proto3_optional" => cases::proto3_optional::opt::Wide;
    proto2_defaults: "proto2" => cases::proto2::legacy::Defaults;
    proto2_order: "proto2" => cases::proto2::legacy::Order;
    recursive_node: "recursive" => cases::recursive::rec::Node;
    recursive_expr: "recursive" => cases::recursive::rec::Expr;
    well_known: "wkt" => cases::wkt::wkt::WellKnown;
    btree_bytes: "btree_bytes" => cases::btree_bytes::store::Store;
}

#[test]
fn the_oracle_sees_a_difference() {
    use cases::example::telemetry::v1 as t;
    let pool = pool("example");
    let desc = pool
        .get_message_by_name("telemetry.v1.Event")
        .expect("Event");
    let theirs = t::Event {
        id: "b".into(),
        ..Default::default()
    };
    let dynamic = DynamicMessage::decode(desc, theirs.encode_to_vec().as_slice()).expect("decode");
    let ours = t::Event {
        id: "a".into(),
        ..Default::default()
    };
    assert!(agree_message(&ours, &dynamic).is_err());
    assert!(agree_message(&theirs, &dynamic).is_ok());
}

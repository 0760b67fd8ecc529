//! `Debug` output that keeps personal data out of logs: the plugin emits `Debug` impls that
//! call these for messages with fields marked `pii` (and the types prost nests in them), in
//! place of prost's derived ones.

use std::fmt;

use crate::meta::{EnumInfo, FieldInfo};
use crate::reflect::Reflect;
use crate::value::Value;

/// Prints `<redacted>`.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A value printed as prost's derived `Debug` prints fields: numbers, quoted strings, byte
/// arrays, enum value names, messages with their own `Debug`, lists and maps.
struct Plain<'a>(Value<'a>);

impl fmt::Debug for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Bool(v) => fmt::Debug::fmt(&v, f),
            Value::I32(v) => fmt::Debug::fmt(&v, f),
            Value::I64(v) => fmt::Debug::fmt(&v, f),
            Value::U32(v) => fmt::Debug::fmt(&v, f),
            Value::U64(v) => fmt::Debug::fmt(&v, f),
            Value::F32(v) => fmt::Debug::fmt(&v, f),
            Value::F64(v) => fmt::Debug::fmt(&v, f),
            Value::String(v) => fmt::Debug::fmt(v, f),
            Value::Bytes(v) => fmt::Debug::fmt(v, f),
            Value::Enum(v) => match v.name() {
                Some(name) => f.write_str(name),
                None => fmt::Debug::fmt(&v.number, f),
            },
            Value::Message(m) => fmt::Debug::fmt(m, f),
            Value::List(l) => f.debug_list().entries(l.iter().map(Plain)).finish(),
            Value::Map(m) => f
                .debug_map()
                .entries(m.entries().into_iter().map(|(k, v)| (k, Plain(v))))
                .finish(),
        }
    }
}

/// `Name { field: value, ... }` with every field in declaration order (oneof members only
/// when set, unset optional fields as `None`), and `<redacted>` for fields marked `pii`.
pub fn debug_message(msg: &dyn Reflect, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let info = msg.info();
    let mut s = f.debug_struct(info.name());
    for (i, field) in info.fields.iter().enumerate() {
        let value = msg.get_at(i);
        if field.oneof.is_some() && value.is_none() {
            continue;
        }
        if field.options.pii {
            s.field(field.name, &Redacted);
            continue;
        }
        match value {
            Some(v) if field.has_presence() && field.oneof.is_none() && !is_required(field) => {
                s.field(field.name, &Some(Plain(v)))
            }
            Some(v) => s.field(field.name, &Plain(v)),
            None => s.field(field.name, &None::<()>),
        };
    }
    s.finish()
}

fn is_required(field: &FieldInfo) -> bool {
    field.cardinality == crate::meta::Cardinality::Required
}

/// An enum value by its proto name (its number when the enum does not declare it).
pub fn debug_enum(number: i32, info: &'static EnumInfo, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match info.value_by_number(number) {
        Some(v) => f.write_str(v.name),
        None => fmt::Debug::fmt(&number, f),
    }
}

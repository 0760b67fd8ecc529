//! Functions the generated `Reflect` impls call: one per field shape, so each generated match
//! arm is a single call. Not meant to be called by hand.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use crate::access::{ListAccess, MapAccess, assign_map, list_from_value};
use crate::element::{Element, wrong_type};
use crate::error::{ReflectError, ValueError};
use crate::meta::{FieldInfo, MessageInfo};
use crate::reflect::Reflect;
use crate::value::{ListMut, ListRef, MapMut, MapRef, OwnedValue, Value, ValueMut};

/// A field stored as `T` (implicit presence, `required`, a oneof member's payload).
#[inline]
pub fn get<'a, T: Element>(v: &'a T, field: &'static FieldInfo) -> Option<Value<'a>> {
    Some(v.to_value(field))
}

/// The value of a field when it is present (the walks over present fields).
#[inline(always)]
pub fn present<'a>(value: Option<Value<'a>>, field: &'static FieldInfo) -> Option<Value<'a>> {
    // A `match`, not `Option::filter`: rustc left `filter` out of line in the walks.
    match value {
        Some(v) if crate::reflect::is_present(field, &v) => Some(v),
        _ => None,
    }
}

/// A oneof member's payload, for `for_each_field`.
#[inline]
pub fn value<'a, T: Element>(v: &'a T, field: &'static FieldInfo) -> Value<'a> {
    v.to_value(field)
}

/// A field stored as `Option<T>`.
#[inline]
pub fn get_opt<'a, T: Element>(v: &'a Option<T>, field: &'static FieldInfo) -> Option<Value<'a>> {
    v.as_ref().map(|v| v.to_value(field))
}

/// A repeated field.
#[inline]
pub fn get_list<'a, T: Element>(v: &'a Vec<T>, field: &'static FieldInfo) -> Option<Value<'a>> {
    Some(Value::List(ListRef::new(v, field)))
}

/// A repeated field's view, for the walks that have checked it is not empty: presence of a
/// list or map is known from the collection itself, without asking the view (a `dyn` call).
#[inline(always)]
pub fn list_value<'a, T: Element>(v: &'a Vec<T>, field: &'static FieldInfo) -> Value<'a> {
    Value::List(ListRef::new(v, field))
}

/// A map field's view (see [`list_value`]).
#[inline(always)]
pub fn map_value<'a, M: MapAccess>(v: &'a M, field: &'static FieldInfo) -> Value<'a> {
    Value::Map(MapRef::new(v, field))
}

/// A map field.
#[inline]
pub fn get_map<'a, M: MapAccess>(v: &'a M, field: &'static FieldInfo) -> Option<Value<'a>> {
    Some(Value::Map(MapRef::new(v, field)))
}

/// Converts a value for a field stored as `T` (or a oneof member's payload).
#[inline]
pub fn convert<T: Element>(value: OwnedValue, field: &'static FieldInfo) -> Result<T, ValueError> {
    T::from_value(value, field)
}

#[inline]
pub fn set<T: Element>(
    slot: &mut T,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    *slot = T::from_value(value, field)?;
    Ok(())
}

#[inline]
pub fn set_opt<T: Element>(
    slot: &mut Option<T>,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    *slot = Some(T::from_value(value, field)?);
    Ok(())
}

/// `set_from_at` of a field stored as `T`.
#[inline]
pub fn set_from<T: Element>(
    slot: &mut T,
    value: &Value<'_>,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    slot.assign_from(value, field)
}

/// `set_from_at` of a field stored as `Option<T>`: a set value is overwritten in place.
#[inline]
pub fn set_from_opt<T: Element>(
    slot: &mut Option<T>,
    value: &Value<'_>,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    match slot {
        Some(v) => v.assign_from(value, field),
        None => set_opt(slot, value.to_owned_value(), field),
    }
}

/// `set_at` of a `required` message field. Out of line, like every setter that builds a
/// message, list or map: inlined into `set_at`, each would reserve its own stack space for the
/// value it builds (a whole message struct), and `set` of a scalar would pay for the frame.
#[inline(never)]
pub fn set_message<T: Element>(
    slot: &mut T,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    set(slot, value, field)
}

/// `set_at` of a message field with explicit presence (out of line, see [`set_message`]).
#[inline(never)]
pub fn set_message_opt<T: Element>(
    slot: &mut Option<T>,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    set_opt(slot, value, field)
}

/// `set_at` of a oneof member that is a message: switches the oneof to it (out of line, see
/// [`set_message`]).
#[inline(never)]
pub fn set_member_message<T: Element, O>(
    slot: &mut Option<O>,
    value: OwnedValue,
    field: &'static FieldInfo,
    member: fn(T) -> O,
) -> Result<(), ValueError> {
    *slot = Some(member(T::from_value(value, field)?));
    Ok(())
}

#[inline(never)]
pub fn set_list<T: Element>(
    slot: &mut Vec<T>,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    *slot = list_from_value(value, field)?;
    Ok(())
}

#[inline(never)]
pub fn set_map<M: MapAccess>(
    slot: &mut M,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    assign_map(slot, value, field)
}

/// The error of `set_value` for a key that is no field of the message.
#[cold]
#[inline(never)]
pub fn unknown_key(info: &'static MessageInfo, key: &str) -> ReflectError {
    crate::reflect::unknown_field(info, key)
}

/// The error of `set_value` when the field at `key` refused the value.
#[cold]
#[inline(never)]
pub fn set_failed(info: &'static MessageInfo, key: &str, e: ValueError) -> ReflectError {
    crate::reflect::value_error(info.full_name, key, e)
}

/// The error for an index past the message's table.
#[cold]
pub fn no_field(index: usize) -> ValueError {
    ValueError::NoField { index }
}

/// Clears a field stored as `T`, `Option<T>`, `Vec<T>` or a map.
#[inline]
pub fn clear<T: Default>(slot: &mut T) {
    *slot = T::default();
}

/// Resets a proto2 `required` field, which prost stores unwrapped, to its declared default.
pub fn reset<T: Element + Default>(slot: &mut T, field: &'static FieldInfo) {
    *slot = T::from_value(T::default_value(field).to_owned_value(), field).unwrap_or_default();
}

/// Mutable access to a message stored as `T` (a oneof member's payload, `required`).
#[inline]
pub fn get_mut<'a, T: Element>(v: &'a mut T, field: &'static FieldInfo) -> Option<ValueMut<'a>> {
    v.value_mut(field)
}

#[inline]
pub fn get_mut_opt<'a, T: Element>(
    v: &'a mut Option<T>,
    field: &'static FieldInfo,
) -> Option<ValueMut<'a>> {
    v.as_mut().and_then(|v| v.value_mut(field))
}

#[inline]
pub fn get_mut_list<'a, T: Element>(
    v: &'a mut Vec<T>,
    field: &'static FieldInfo,
) -> Option<ValueMut<'a>> {
    Some(ValueMut::List(ListMut::new(
        v as &mut dyn ListAccess,
        field,
    )))
}

#[inline]
pub fn get_mut_map<'a, M: MapAccess>(
    v: &'a mut M,
    field: &'static FieldInfo,
) -> Option<ValueMut<'a>> {
    Some(ValueMut::Map(MapMut::new(v, field)))
}

/// The default of a message-typed field stored as `Option<T>` (an empty message, or the zero
/// of a wrapper type prost maps to a primitive).
#[inline]
pub fn default_opt<T: Element>(
    _v: &Option<T>,
    field: &'static FieldInfo,
) -> Option<Value<'static>> {
    Some(T::default_value(field))
}

/// The default of a oneof member, typed by its variant constructor.
#[inline]
pub fn default_member<T: Element, O>(
    _variant: fn(T) -> O,
    field: &'static FieldInfo,
) -> Option<Value<'static>> {
    Some(T::default_value(field))
}

/// Builds a message from a nested map value (the form `to_map` gives).
///
/// Generic only where it must be (the new message); the rest is compiled once, in
/// `fill_from_value` (issue 23: this was 2.5% of the example crate's LLVM IR).
pub fn message_from_value<M: Reflect + Default>(
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<M, ValueError> {
    let mut msg = M::default();
    fill_from_value(msg.as_dyn_mut(), value, field)?;
    Ok(msg)
}

/// Fills a new default message from a nested map value.
fn fill_from_value(
    msg: &mut dyn Reflect,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    match value {
        OwnedValue::Message(map) => {
            crate::reflect::assign_map(msg, map).map_err(|e| ValueError::Nested(Box::new(e)))
        }
        other => Err(wrong_type(field.kind.describe(), &other)),
    }
}

type Instances = RwLock<HashMap<TypeId, &'static (dyn Any + Send + Sync)>>;

/// The shared instance of the type `id`, made by `make` on first use.
fn shared_default(
    id: TypeId,
    make: fn() -> Box<dyn Any + Send + Sync>,
) -> &'static (dyn Any + Send + Sync) {
    static INSTANCES: OnceLock<Instances> = OnceLock::new();
    let instances = INSTANCES.get_or_init(Default::default);
    let found = instances
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
        .copied();
    match found {
        Some(any) => any,
        None => *instances
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .entry(id)
            .or_insert_with(|| Box::leak(make())),
    }
}

/// One shared default instance per message type, made on first use and kept for the life of
/// the program; what an unset message field reads as in `get_or_default`.
///
/// Generic only where it must be (the type's id, its default, the downcast); the registry
/// is compiled once, in `shared_default` (issue 23: this was 2.8% of the example crate's
/// LLVM IR).
pub fn default_instance<M: Default + Any + Send + Sync>() -> &'static M {
    let any = shared_default(TypeId::of::<M>(), || Box::new(M::default()));
    match any.downcast_ref::<M>() {
        Some(m) => m,
        // Unreachable: the map is keyed by the type's own id. Leaking another instance is
        // still correct.
        None => Box::leak(Box::new(M::default())),
    }
}

/// JSON members for `Reflect::write_json_fields` (the `reflect!` expansion): each writes its
/// field when it is present, by the same rules as `for_each_field`.
pub mod json {
    use crate::access::{ListAccess, MapAccess};
    use crate::element::Element;
    use crate::json::{Decoder, Encoder, JsonError};
    use crate::meta::FieldInfo;
    use crate::reflect::Reflect;

    /// A field without presence: written unless it holds its default.
    #[inline(always)]
    pub fn implicit<T: Element>(
        e: &mut Encoder<'_>,
        field: &'static FieldInfo,
        v: &T,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        if v.to_value(field).is_default() {
            return Ok(());
        }
        always(e, field, v, depth, first)
    }

    /// A field that is always present (proto2 `required`, a set oneof member).
    #[inline(always)]
    pub fn always<T: Element>(
        e: &mut Encoder<'_>,
        field: &'static FieldInfo,
        v: &T,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        e.begin_entry(field, depth, first);
        v.write_json(field, e, depth + 1)
            .map_err(|err| e.in_field(err, field))
    }

    /// A field stored as `Option<T>`.
    #[inline(always)]
    pub fn optional<T: Element>(
        e: &mut Encoder<'_>,
        field: &'static FieldInfo,
        v: &Option<T>,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        match v {
            Some(v) => always(e, field, v, depth, first),
            None => Ok(()),
        }
    }

    /// A repeated field, written unless empty.
    #[inline(always)]
    pub fn list<L: ListAccess>(
        e: &mut Encoder<'_>,
        field: &'static FieldInfo,
        v: &L,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        if v.is_empty() {
            return Ok(());
        }
        e.begin_entry(field, depth, first);
        v.write_json(field, e, depth + 1)
            .map_err(|err| e.in_field(err, field))
    }

    /// A map field, written unless empty.
    #[inline(always)]
    pub fn map<M: MapAccess>(
        e: &mut Encoder<'_>,
        field: &'static FieldInfo,
        v: &M,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        if v.len() == 0 {
            return Ok(());
        }
        e.begin_entry(field, depth, first);
        v.write_json(field, e, depth + 1)
            .map_err(|err| e.in_field(err, field))
    }

    /// Whether the next value is `null`, whose meaning depends on the field's type: such
    /// values take the general path, [`read_dyn`].
    #[inline(always)]
    pub fn at_null(d: &mut Decoder<'_, '_>) -> Result<bool, JsonError> {
        d.at_null()
    }

    /// Reads the value of field `index` through `Reflect`.
    pub fn read_dyn(
        msg: &mut dyn Reflect,
        index: usize,
        d: &mut Decoder<'_, '_>,
        depth: usize,
    ) -> Result<bool, JsonError> {
        d.field_at(msg, index, depth)
    }

    /// Reads a field stored as `T` (implicit presence, proto2 `required`).
    #[inline(always)]
    pub fn read<T: Element>(
        v: &mut T,
        d: &mut Decoder<'_, '_>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<bool, JsonError> {
        v.read_json(field, d, depth)
    }

    /// Reads a field stored as `Option<T>` (explicit presence, messages).
    #[inline(always)]
    pub fn read_opt<T: Element>(
        v: &mut Option<T>,
        d: &mut Decoder<'_, '_>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<bool, JsonError> {
        let stored = v
            .get_or_insert_with(T::default)
            .read_json(field, d, depth)?;
        if !stored {
            *v = None;
        }
        Ok(stored)
    }

    /// Reads a repeated field.
    #[inline(always)]
    pub fn read_list<L: ListAccess>(
        v: &mut L,
        d: &mut Decoder<'_, '_>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<bool, JsonError> {
        v.read_json(field, d, depth).map(|()| true)
    }

    /// Reads a map field.
    #[inline(always)]
    pub fn read_map<M: MapAccess>(
        v: &mut M,
        d: &mut Decoder<'_, '_>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<bool, JsonError> {
        v.read_json(field, d, depth).map(|()| true)
    }
}

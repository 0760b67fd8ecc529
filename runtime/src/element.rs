//! How each Rust type prost uses for a field value reads as a [`Value`] and is built from an
//! [`OwnedValue`].
//!
//! Conversions are lossless or fail: an integer goes into any integer field whose type holds
//! it exactly, a float holding an integer (`3.0`) into an integer field, an integer into a float
//! field when the float represents it exactly, a `double` into a `float` field when it rounds
//! to the same value (NaN and infinities included). Strings, bytes and bools convert only from
//! their own kind; enum fields take an enum value of the same enum, a number (kept even when the
//! enum does not declare it) or a value name.

use crate::error::ValueError;
use crate::json::ElementJson;
use crate::meta::{FieldInfo, Kind};
use crate::value::{EnumValue, OwnedValue, Value, ValueMut};

/// A Rust type that stores one protobuf value: a scalar, an enum number (`i32`), a message, or
/// a boxed message. Generated code implements it for every message with
/// [`impl_message_element!`](crate::impl_message_element). How the type reads and writes
/// JSON is its [`ElementJson`] impl, in `json::hooks`.
pub trait Element: Sized + Default + ElementJson {
    /// The value as a [`Value`]; `field` tells an enum number from an `int32`.
    fn to_value(&self, field: &'static FieldInfo) -> Value<'_>;
    /// Converts an owned value, or says why it does not fit.
    fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError>;
    /// Stores a borrowed value: what `*self = from_value(value.to_owned_value())` does,
    /// without the intermediate copy where the type can avoid it (strings and byte vectors
    /// copy into their existing buffer). On error `self` is unchanged.
    #[inline]
    fn assign_from(
        &mut self,
        value: &Value<'_>,
        field: &'static FieldInfo,
    ) -> Result<(), ValueError> {
        *self = Self::from_value(value.to_owned_value(), field)?;
        Ok(())
    }
    /// The field's default: the proto2 `default` when there is one, else the type's zero.
    fn default_value(field: &'static FieldInfo) -> Value<'static>;
    /// Mutable access, for messages only.
    fn value_mut(&mut self, field: &'static FieldInfo) -> Option<ValueMut<'_>> {
        let _ = field;
        None
    }
}

/// Takes a scalar out of `value` when `pick` finds one, else gives the value back. The fast
/// path of every scalar conversion: a scalar variant owns nothing, so not running the
/// destructor leaks nothing, and it saves an out-of-line `drop_in_place` call per `set`.
#[inline(always)]
fn take<T: Copy>(
    value: OwnedValue,
    pick: impl FnOnce(&OwnedValue) -> Option<T>,
) -> Result<T, OwnedValue> {
    let value = std::mem::ManuallyDrop::new(value);
    match pick(&value) {
        Some(v) => Ok(v),
        None => Err(std::mem::ManuallyDrop::into_inner(value)),
    }
}

pub(crate) fn wrong_type(expected: String, value: &OwnedValue) -> ValueError {
    ValueError::WrongType {
        expected,
        got: value.describe(),
    }
}

/// The error of an `assign_from` given another kind of value: out of line, so that the copy
/// itself inlines where a field is set.
#[cold]
#[inline(never)]
fn not_assignable(field: &'static FieldInfo, value: &Value<'_>) -> ValueError {
    wrong_type(field.kind.describe(), &value.to_owned_value())
}

/// The error of a `from_value` given another kind of value (out of line, like
/// [`not_assignable`]); drops the value.
#[cold]
#[inline(never)]
fn not_of_kind(field: &'static FieldInfo, value: OwnedValue) -> ValueError {
    wrong_type(field.kind.describe(), &value)
}

fn out_of_range(field: &FieldInfo, value: &OwnedValue) -> ValueError {
    ValueError::OutOfRange {
        expected: field.kind.describe(),
        got: value.describe(),
    }
}

/// The exact integer an owned value holds.
enum Integer {
    Exact(i128),
    /// A float with a fraction, an infinity or NaN.
    Inexact,
    NotANumber,
}

fn integer(value: &OwnedValue) -> Integer {
    fn from_float(f: f64) -> Integer {
        // 2^100 is far beyond every integer field and well inside i128.
        if f.is_finite() && f.fract() == 0.0 && f.abs() < 1.0e30 {
            Integer::Exact(f as i128)
        } else {
            Integer::Inexact
        }
    }
    match *value {
        OwnedValue::I32(v) => Integer::Exact(v.into()),
        OwnedValue::I64(v) => Integer::Exact(v.into()),
        OwnedValue::U32(v) => Integer::Exact(v.into()),
        OwnedValue::U64(v) => Integer::Exact(v.into()),
        OwnedValue::F32(v) => from_float(v.into()),
        OwnedValue::F64(v) => from_float(v),
        _ => Integer::NotANumber,
    }
}

#[inline(never)]
fn integer_of<T: TryFrom<i128>>(value: OwnedValue, field: &FieldInfo) -> Result<T, ValueError> {
    match integer(&value) {
        Integer::Exact(i) => T::try_from(i).map_err(|_| out_of_range(field, &value)),
        Integer::Inexact => Err(out_of_range(field, &value)),
        Integer::NotANumber => Err(wrong_type(field.kind.describe(), &value)),
    }
}

/// The conversions into an `int32` or enum field other than from an `I32`: out of line, so that
/// the common case inlines into `set_at` without the frame the rest needs.
#[inline(never)]
fn i32_from_other(value: OwnedValue, field: &'static FieldInfo) -> Result<i32, ValueError> {
    let Kind::Enum(info) = field.kind else {
        return integer_of(value, field);
    };
    match value {
        OwnedValue::Enum(e) if e.info.full_name == info.full_name => Ok(e.number),
        OwnedValue::String(name) => match info.value_by_name(&name) {
            Some(v) => Ok(v.number),
            None => Err(ValueError::UnknownEnumName {
                enum_name: info.full_name,
                name,
            }),
        },
        OwnedValue::Enum(_) => Err(wrong_type(field.kind.describe(), &value)),
        other => integer_of(other, field),
    }
}

/// A `double` field from an integer value (out of line, like [`i32_from_other`]).
#[inline(never)]
fn f64_from_other(value: OwnedValue, field: &'static FieldInfo) -> Result<f64, ValueError> {
    match integer(&value) {
        Integer::Exact(i) if (i as f64) as i128 == i => Ok(i as f64),
        Integer::NotANumber => Err(wrong_type(field.kind.describe(), &value)),
        _ => Err(out_of_range(field, &value)),
    }
}

/// A `float` field from a `double` that does not round to it, or from an integer (out of
/// line, like [`i32_from_other`]).
#[inline(never)]
fn f32_from_other(value: OwnedValue, field: &'static FieldInfo) -> Result<f32, ValueError> {
    match value {
        OwnedValue::F64(_) => Err(out_of_range(field, &value)),
        ref other => match integer(other) {
            Integer::Exact(i) if (i as f32) as i128 == i => Ok(i as f32),
            Integer::NotANumber => Err(wrong_type(field.kind.describe(), &value)),
            _ => Err(out_of_range(field, &value)),
        },
    }
}

macro_rules! integer_element {
    ($($t:ty => $v:ident),*) => {$(
        impl Element for $t {
            #[inline]
            fn to_value(&self, _field: &'static FieldInfo) -> Value<'_> {
                Value::$v(*self)
            }
            #[inline(always)]
            fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
                let picked = take(value, |v| match v {
                    OwnedValue::$v(x) => Some(*x),
                    _ => None,
                });
                picked.or_else(|other| integer_of(other, field))
            }
            fn default_value(field: &'static FieldInfo) -> Value<'static> {
                Value::$v(field.default.and_then(|d| d.parse().ok()).unwrap_or_default())
            }
        }
    )*};
}
integer_element!(i64 => I64, u32 => U32, u64 => U64);

/// `int32`, `sint32`, `sfixed32`, the `Int32Value` wrapper, and enum numbers.
impl Element for i32 {
    #[inline]
    fn to_value(&self, field: &'static FieldInfo) -> Value<'_> {
        match field.kind {
            Kind::Enum(info) => Value::Enum(EnumValue::new(*self, info)),
            _ => Value::I32(*self),
        }
    }

    #[inline(always)]
    fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
        let value = match take(value, |v| match v {
            OwnedValue::I32(x) => Some(*x),
            _ => None,
        }) {
            Ok(number) => return Ok(number),
            Err(other) => other,
        };
        i32_from_other(value, field)
    }

    fn default_value(field: &'static FieldInfo) -> Value<'static> {
        match field.kind {
            Kind::Enum(info) => {
                let number = field
                    .default
                    .and_then(|d| info.value_by_name(d))
                    .or(info.values.first())
                    .map_or(0, |v| v.number);
                Value::Enum(EnumValue::new(number, info))
            }
            _ => Value::I32(field.default.and_then(|d| d.parse().ok()).unwrap_or(0)),
        }
    }
}

fn float_default(field: &FieldInfo) -> f64 {
    match field.default {
        Some("inf") => f64::INFINITY,
        Some("-inf") => f64::NEG_INFINITY,
        Some("nan") => f64::NAN,
        Some(d) => d.parse().unwrap_or(0.0),
        None => 0.0,
    }
}

impl Element for f64 {
    #[inline]
    fn to_value(&self, _field: &'static FieldInfo) -> Value<'_> {
        Value::F64(*self)
    }

    #[inline(always)]
    fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
        let value = match take(value, |v| match v {
            OwnedValue::F64(x) => Some(*x),
            OwnedValue::F32(x) => Some(f64::from(*x)),
            _ => None,
        }) {
            Ok(v) => return Ok(v),
            Err(other) => other,
        };
        f64_from_other(value, field)
    }

    fn default_value(field: &'static FieldInfo) -> Value<'static> {
        Value::F64(float_default(field))
    }
}

impl Element for f32 {
    #[inline]
    fn to_value(&self, _field: &'static FieldInfo) -> Value<'_> {
        Value::F32(*self)
    }

    #[inline(always)]
    fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
        let value = match take(value, |v| match v {
            OwnedValue::F32(x) => Some(*x),
            OwnedValue::F64(x) if x.is_nan() || f64::from(*x as f32) == *x => Some(*x as f32),
            _ => None,
        }) {
            Ok(v) => return Ok(v),
            Err(other) => other,
        };
        f32_from_other(value, field)
    }

    fn default_value(field: &'static FieldInfo) -> Value<'static> {
        Value::F32(float_default(field) as f32)
    }
}

impl Element for bool {
    #[inline]
    fn to_value(&self, _field: &'static FieldInfo) -> Value<'_> {
        Value::Bool(*self)
    }

    #[inline(always)]
    fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
        let picked = take(value, |v| match v {
            OwnedValue::Bool(x) => Some(*x),
            _ => None,
        });
        picked.map_err(|other| not_of_kind(field, other))
    }

    fn default_value(field: &'static FieldInfo) -> Value<'static> {
        Value::Bool(field.default == Some("true"))
    }
}

/// Strings and bytes: stored as their own kind only.
macro_rules! owned_element {
    ($($t:ty => $variant:ident, $from:expr, $default:expr $(, $copy:ident)?;)*) => {$(
        impl Element for $t {
            #[inline]
            fn to_value(&self, _field: &'static FieldInfo) -> Value<'_> {
                Value::$variant(self)
            }

            #[inline]
            fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
                match value {
                    OwnedValue::$variant(v) => Ok($from(v)),
                    other => Err(not_of_kind(field, other)),
                }
            }

            fn default_value(field: &'static FieldInfo) -> Value<'static> {
                $default(field)
            }

            $(
            /// Copies into the existing buffer: no allocation when it is large enough.
            #[inline]
            fn assign_from(
                &mut self,
                value: &Value<'_>,
                field: &'static FieldInfo,
            ) -> Result<(), ValueError> {
                match *value {
                    Value::$variant(v) => {
                        self.clear();
                        self.$copy(v);
                        Ok(())
                    }
                    _ => Err(not_assignable(field, value)),
                }
            }
            )?
        }
    )*};
}
owned_element!(
    String => String, |v| v, |f: &'static FieldInfo| Value::String(f.default.unwrap_or("")), push_str;
    Vec<u8> => Bytes, |v| v, |f: &'static FieldInfo| Value::Bytes(f.default_bytes.unwrap_or(&[])),
        extend_from_slice;
    prost::bytes::Bytes => Bytes, prost::bytes::Bytes::from,
        |f: &'static FieldInfo| Value::Bytes(f.default_bytes.unwrap_or(&[]));
);

/// Fields prost boxes (recursive messages, `boxed` option).
impl<T: Element> Element for Box<T> {
    #[inline]
    fn to_value(&self, field: &'static FieldInfo) -> Value<'_> {
        (**self).to_value(field)
    }

    #[inline]
    fn from_value(value: OwnedValue, field: &'static FieldInfo) -> Result<Self, ValueError> {
        T::from_value(value, field).map(Box::new)
    }

    fn default_value(field: &'static FieldInfo) -> Value<'static> {
        T::default_value(field)
    }

    fn value_mut(&mut self, field: &'static FieldInfo) -> Option<ValueMut<'_>> {
        (**self).value_mut(field)
    }
}

/// Implements [`Element`] and its JSON hooks ([`ElementJson`]) for a message type that
/// implements [`Reflect`](crate::Reflect) and `Default`; generated code invokes it once per
/// message.
#[macro_export]
macro_rules! impl_message_element {
    ($(#[$attr:meta])* $t:ty) => {
        impl $crate::Element for $t {
            #[inline]
            fn to_value(&self, _field: &'static $crate::FieldInfo) -> $crate::Value<'_> {
                $crate::Value::Message($crate::Reflect::as_dyn(self))
            }
            #[inline]
            fn from_value(
                value: $crate::OwnedValue,
                field: &'static $crate::FieldInfo,
            ) -> ::core::result::Result<Self, $crate::ValueError> {
                $crate::codegen::message_from_value(value, field)
            }
            $(#[$attr])*
            fn default_value(_field: &'static $crate::FieldInfo) -> $crate::Value<'static> {
                $crate::Value::Message($crate::codegen::default_instance::<Self>())
            }
            #[inline]
            fn value_mut(
                &mut self,
                _field: &'static $crate::FieldInfo,
            ) -> ::core::option::Option<$crate::ValueMut<'_>> {
                ::core::option::Option::Some($crate::ValueMut::Message($crate::Reflect::as_dyn_mut(self)))
            }
        }
        impl $crate::json::ElementJson for $t {
            #[inline]
            fn write_json(
                &self,
                field: &'static $crate::FieldInfo,
                encoder: &mut $crate::json::Encoder<'_>,
                depth: usize,
            ) -> ::core::result::Result<(), $crate::json::JsonError> {
                encoder.typed_message(self, field, depth)
            }
            #[inline]
            fn read_json(
                &mut self,
                field: &'static $crate::FieldInfo,
                decoder: &mut $crate::json::Decoder<'_, '_>,
                depth: usize,
            ) -> ::core::result::Result<bool, $crate::json::JsonError> {
                decoder.typed_message(self, field, depth)?;
                ::core::result::Result::Ok(true)
            }
        }
    };
}

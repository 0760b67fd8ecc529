//! The JSON hooks of the value types: how each Rust type prost uses for a field value, and
//! each list and map container, writes itself as JSON and reads itself from it. These are the
//! only JSON methods outside `json`'s encoder and decoder: [`Element`], [`ListAccess`],
//! [`MapAccess`] and [`MapKeyElement`] take them as supertraits, so that the typed encoder and decoder reach them
//! through the same vtables (a list behind `&dyn ListAccess` writes itself with one typed
//! loop), and the reflection modules import nothing else of `json`.
//!
//! Generated code implements [`ElementJson`] for every message through
//! [`impl_message_element!`](crate::impl_message_element); the impls for the scalar types and
//! the containers are here.
//!
//! [`ListAccess`]: crate::ListAccess
//! [`MapAccess`]: crate::MapAccess
//! [`MapKeyElement`]: crate::MapKeyElement

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use super::{Decoder, Encoder, JsonError, MapOp};
use crate::access::MapKeyElement;
use crate::element::Element;
use crate::meta::{FieldInfo, Kind};
use crate::value::Value;

/// How a field value type writes and reads JSON (as a field's value, a list element or a map
/// value).
#[doc(hidden)]
pub trait ElementJson {
    /// Whether the decoder may hold values of this type in a small batch before storing
    /// them: scalars only. A message is never batched, so that nested messages cost no batch
    /// on the stack at each level.
    const BATCHED: bool = false;
    /// Writes the value.
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        depth: usize,
    ) -> Result<(), JsonError>;
    /// Reads the value (not `null`) into `self`, a default; false when nothing was stored
    /// (an unknown enum name the options ignore).
    fn read_json(
        &mut self,
        field: &'static FieldInfo,
        decoder: &mut Decoder<'_, '_>,
        depth: usize,
    ) -> Result<bool, JsonError>;
}

/// How a repeated or map field's storage writes and reads JSON: one typed loop per element
/// type, or per key and value type.
#[doc(hidden)]
pub trait ContainerJson {
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        depth: usize,
    ) -> Result<(), JsonError>;
    /// Reads into the container, which the decoder created empty.
    fn read_json(
        &mut self,
        field: &'static FieldInfo,
        decoder: &mut Decoder<'_, '_>,
        depth: usize,
    ) -> Result<(), JsonError>;
}

/// How a map key type reads itself from a JSON object key.
#[doc(hidden)]
pub trait MapKeyJson: Sized {
    /// The key straight from its JSON text when that is the key itself (a string map's) or
    /// a plain integer in range; `None` sends it through the general parse, which also
    /// gives the errors.
    #[inline(always)]
    fn from_json_text(text: &str) -> Option<Self> {
        let _ = text;
        None
    }
}

macro_rules! integer_key_json {
    ($($t:ty),*) => {$(
        impl MapKeyJson for $t {
            /// A plain integer in the type's range, which is the range of every key kind
            /// stored in it.
            #[inline(always)]
            fn from_json_text(text: &str) -> Option<Self> {
                super::small_integer(text).and_then(|v| <$t>::try_from(v).ok())
            }
        }
    )*};
}
integer_key_json!(i32, i64, u32, u64);

impl MapKeyJson for String {
    #[inline(always)]
    fn from_json_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

/// Booleans take the general parse.
impl MapKeyJson for bool {}

/// `read_json` of a scalar type: `$value` reads it with the decoder and field.
macro_rules! read_scalar {
    (|$decoder:ident, $field:ident| $value:expr) => {
        #[inline(always)]
        fn read_json(
            &mut self,
            $field: &'static FieldInfo,
            $decoder: &mut Decoder<'_, '_>,
            _depth: usize,
        ) -> Result<bool, JsonError> {
            *self = $value;
            Ok(true)
        }
    };
}

macro_rules! integer_json {
    ($($t:ty => $write:ident $kind:ident),*) => {$(
        impl ElementJson for $t {
            const BATCHED: bool = true;

            #[inline]
            fn write_json(
                &self,
                field: &'static FieldInfo,
                encoder: &mut Encoder<'_>,
                _depth: usize,
            ) -> Result<(), JsonError> {
                encoder.$write(field, *self);
                Ok(())
            }
            // In range: `read_integer` checks it.
            read_scalar!(|decoder, field| decoder
                .read_integer::<{ <$t>::MIN as i128 }, { <$t>::MAX as i128 }>(field, Kind::$kind)?
                as $t);
        }
    )*};
}
integer_json!(i64 => int64 Int64, u32 => int32 Uint32, u64 => int64 Uint64);

/// `int32`, `sint32`, `sfixed32`, the `Int32Value` wrapper, and enum numbers.
impl ElementJson for i32 {
    const BATCHED: bool = true;

    #[inline]
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        _depth: usize,
    ) -> Result<(), JsonError> {
        match field.kind {
            Kind::Enum(info) => encoder.enum_number(field, info, *self),
            _ => encoder.int32(field, *self),
        }
        Ok(())
    }

    #[inline(always)]
    fn read_json(
        &mut self,
        field: &'static FieldInfo,
        decoder: &mut Decoder<'_, '_>,
        _depth: usize,
    ) -> Result<bool, JsonError> {
        match field.kind {
            Kind::Enum(info) => match decoder.read_enum(field, info)? {
                Some(number) => *self = number,
                None => return Ok(false),
            },
            _ => {
                *self = decoder.read_integer::<{ i32::MIN as i128 }, { i32::MAX as i128 }>(
                    field,
                    Kind::Int32,
                )? as i32
            }
        }
        Ok(true)
    }
}

impl ElementJson for f64 {
    const BATCHED: bool = true;

    #[inline]
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        depth: usize,
    ) -> Result<(), JsonError> {
        encoder.value(field, &Value::F64(*self), depth)
    }

    read_scalar!(|decoder, field| decoder.read_float(field, Kind::Double)?);
}

impl ElementJson for f32 {
    const BATCHED: bool = true;

    #[inline]
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        depth: usize,
    ) -> Result<(), JsonError> {
        encoder.value(field, &Value::F32(*self), depth)
    }

    // `read_float` checks that a `float` holds the value.
    read_scalar!(|decoder, field| decoder.read_float(field, Kind::Float)? as f32);
}

impl ElementJson for bool {
    const BATCHED: bool = true;

    #[inline]
    fn write_json(
        &self,
        _field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        _depth: usize,
    ) -> Result<(), JsonError> {
        encoder.boolean(*self);
        Ok(())
    }

    read_scalar!(|decoder, field| decoder.read_bool(field)?);
}

/// Strings and bytes.
macro_rules! owned_json {
    ($($t:ty => $write:ident, $read:ident, $from:expr;)*) => {$(
        impl ElementJson for $t {
            const BATCHED: bool = true;

            #[inline]
            fn write_json(
                &self,
                field: &'static FieldInfo,
                encoder: &mut Encoder<'_>,
                _depth: usize,
            ) -> Result<(), JsonError> {
                encoder.$write(field, self);
                Ok(())
            }

            read_scalar!(|decoder, field| $from(decoder.$read(field)?));
        }
    )*};
}
owned_json!(
    String => string, read_string, |v| v;
    Vec<u8> => bytes, read_bytes, |v| v;
    prost::bytes::Bytes => bytes, read_bytes, prost::bytes::Bytes::from;
);

/// Fields prost boxes (recursive messages, `boxed` option).
impl<T: Element> ElementJson for Box<T> {
    #[inline]
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        depth: usize,
    ) -> Result<(), JsonError> {
        (**self).write_json(field, encoder, depth)
    }

    #[inline]
    fn read_json(
        &mut self,
        field: &'static FieldInfo,
        decoder: &mut Decoder<'_, '_>,
        depth: usize,
    ) -> Result<bool, JsonError> {
        (**self).read_json(field, decoder, depth)
    }
}

impl<T: Element> ContainerJson for Vec<T> {
    fn write_json(
        &self,
        field: &'static FieldInfo,
        encoder: &mut Encoder<'_>,
        depth: usize,
    ) -> Result<(), JsonError> {
        encoder.list(self, field, depth)
    }

    fn read_json(
        &mut self,
        field: &'static FieldInfo,
        decoder: &mut Decoder<'_, '_>,
        depth: usize,
    ) -> Result<(), JsonError> {
        decoder.typed_list(self, field, depth)
    }
}

macro_rules! map_json {
    ($map:ident, [$($bound:tt)*], [$($extra:tt)*], $reserve:expr) => {
        impl<K: MapKeyElement, V: Element $($extra)*> ContainerJson for $map<K, V $($bound)*>
        where
            K::Borrowed: Eq,
        {
            fn write_json(
                &self,
                field: &'static FieldInfo,
                encoder: &mut Encoder<'_>,
                depth: usize,
            ) -> Result<(), JsonError> {
                encoder.map(self.iter(), field, depth)
            }

            fn read_json(
                &mut self,
                field: &'static FieldInfo,
                decoder: &mut Decoder<'_, '_>,
                depth: usize,
            ) -> Result<(), JsonError> {
                decoder.typed_map(field, depth, |op: MapOp<'_, K, V>| match op {
                    MapOp::Insert(k, v) => {
                        let before = $map::len(self);
                        $map::insert(self, k, v);
                        $map::len(self) != before
                    }
                    MapOp::Contains(k) => $map::contains_key(self, k.borrow()),
                    MapOp::Reserve(n) => {
                        $reserve(self, n);
                        true
                    }
                })
            }
        }
    };
}
map_json!(HashMap, [, S], [, S: BuildHasher + Default], HashMap::reserve);
// A B-tree has no room to reserve.
map_json!(BTreeMap, [], [], |_: &mut Self, _: usize| ());

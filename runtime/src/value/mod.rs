//! Field values: the borrowed [`Value`] that `get` returns, the owned [`OwnedValue`] that `set`
//! takes and `to_map` returns, and the list and map views.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use crate::access::{ListAccess, MapAccess};
use crate::error::{ReflectError, ValueError};
use crate::meta::{EnumInfo, FieldInfo};
use crate::reflect::{KeyStyle, Reflect};

mod map;
pub(crate) use map::put_in_rank_order;
pub use map::{
    IntoIter as ValueMapIntoIter, Iter as ValueMapIter, IterMut as ValueMapIterMut, ValueMap,
};

/// A value of an enum field: its number, and the enum it belongs to. Numbers the enum does
/// not declare are kept as they are (open enums).
#[derive(Clone, Copy)]
pub struct EnumValue {
    pub number: i32,
    pub info: &'static EnumInfo,
}

impl EnumValue {
    #[inline]
    pub fn new(number: i32, info: &'static EnumInfo) -> Self {
        EnumValue { number, info }
    }

    /// The name of the first value declared with this number, `None` for an unknown number.
    #[inline]
    pub fn name(&self) -> Option<&'static str> {
        self.info.value_by_number(self.number).map(|v| v.name)
    }
}

impl PartialEq for EnumValue {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number && self.info.full_name == other.info.full_name
    }
}

impl fmt::Debug for EnumValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{}::{name}({})", self.info.full_name, self.number),
            None => write!(f, "{}({})", self.info.full_name, self.number),
        }
    }
}

/// A field value borrowed from a message. Copying it is cheap; nothing is allocated.
///
/// Integers keep their Rust width (`sint32`, `sfixed32` and `int32` are all `I32`), enums
/// carry their number and enum, nested messages are trait objects, repeated and map fields
/// are views.
// An explicit 8-byte tag puts every payload at offset 8: moving a `Value` (or an
// `Option<Value>`) is then a few aligned 8-byte copies, where the default layout packed the
// payload at odd offsets and copies of it stalled on store forwarding.
#[derive(Clone, Copy)]
#[repr(u64)]
pub enum Value<'a> {
    Bool(bool),
    I32(i32),
    I64(i64),
    U32(u32),
    U64(u64),
    F32(f32),
    F64(f64),
    String(&'a str),
    Bytes(&'a [u8]),
    Enum(EnumValue),
    Message(&'a dyn Reflect),
    List(ListRef<'a>),
    Map(MapRef<'a>),
}

impl<'a> Value<'a> {
    /// The value's type for messages: `int32`, `string`, `message acme.v1.Device`, ...
    pub fn type_name(&self) -> String {
        match self {
            Value::Message(m) => format!("message {}", m.info().full_name),
            Value::Enum(e) => format!("enum {}", e.info.full_name),
            Value::List(l) => format!("list of {}", l.field.kind.describe()),
            Value::Map(m) => m.field.type_name(),
            other => scalar_type_name(other).to_string(),
        }
    }

    /// True for the zero value of its type: `0`, `false`, `""`, empty bytes, enum number 0,
    /// an empty list or map. A message is never a default value (it is present once set).
    /// Always inlined: where the variant is known (the field walks), it folds to one test.
    #[inline(always)]
    pub fn is_default(&self) -> bool {
        match *self {
            Value::Bool(v) => !v,
            Value::I32(v) => v == 0,
            Value::I64(v) => v == 0,
            Value::U32(v) => v == 0,
            Value::U64(v) => v == 0,
            // As prost encodes: -0.0 == 0.0, so -0.0 is not written and not present.
            Value::F32(v) => v == 0.0,
            Value::F64(v) => v == 0.0,
            Value::String(v) => v.is_empty(),
            Value::Bytes(v) => v.is_empty(),
            Value::Enum(e) => e.number == 0,
            Value::Message(_) => false,
            Value::List(l) => l.is_empty(),
            Value::Map(m) => m.is_empty(),
        }
    }

    #[inline]
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Value::Bool(v) => Some(v),
            _ => None,
        }
    }

    /// The value as `i64` when it is an integer (or enum number) that fits.
    #[inline]
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Value::I32(v) => Some(v.into()),
            Value::I64(v) => Some(v),
            Value::U32(v) => Some(v.into()),
            Value::U64(v) => i64::try_from(v).ok(),
            Value::Enum(e) => Some(e.number.into()),
            _ => None,
        }
    }

    /// The value as `u64` when it is a non-negative integer.
    #[inline]
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Value::U64(v) => Some(v),
            _ => self.as_i64().and_then(|v| u64::try_from(v).ok()),
        }
    }

    /// The value as `f64` when it is a float, or an integer that converts exactly.
    #[inline]
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Value::F32(v) => Some(v.into()),
            Value::F64(v) => Some(v),
            _ => self.as_i64().and_then(|v| {
                let f = v as f64;
                (f as i128 == i128::from(v)).then_some(f)
            }),
        }
    }

    #[inline]
    pub fn as_str(&self) -> Option<&'a str> {
        match *self {
            Value::String(v) => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match *self {
            Value::Bytes(v) => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn as_enum(&self) -> Option<EnumValue> {
        match *self {
            Value::Enum(v) => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn as_message(&self) -> Option<&'a dyn Reflect> {
        match *self {
            Value::Message(v) => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn as_list(&self) -> Option<ListRef<'a>> {
        match *self {
            Value::List(v) => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn as_map(&self) -> Option<MapRef<'a>> {
        match *self {
            Value::Map(v) => Some(v),
            _ => None,
        }
    }

    /// An owned copy; nested messages become maps keyed by proto name.
    pub fn to_owned_value(&self) -> OwnedValue {
        self.to_owned_value_with(KeyStyle::ProtoName)
    }

    /// An owned copy; nested messages become maps keyed as `keys` says. Lossless: unlike
    /// [`Reflect::to_map`], fields marked `omit_from_map` are kept, so that setting the copy
    /// back changes nothing.
    pub fn to_owned_value_with(&self, keys: KeyStyle) -> OwnedValue {
        self.owned(keys, crate::reflect::LeaveOut::NOTHING)
    }

    pub(crate) fn owned(&self, keys: KeyStyle, leave: crate::reflect::LeaveOut) -> OwnedValue {
        match *self {
            Value::Bool(v) => OwnedValue::Bool(v),
            Value::I32(v) => OwnedValue::I32(v),
            Value::I64(v) => OwnedValue::I64(v),
            Value::U32(v) => OwnedValue::U32(v),
            Value::U64(v) => OwnedValue::U64(v),
            Value::F32(v) => OwnedValue::F32(v),
            Value::F64(v) => OwnedValue::F64(v),
            Value::String(v) => OwnedValue::String(v.to_owned()),
            Value::Bytes(v) => OwnedValue::Bytes(v.to_vec()),
            Value::Enum(v) => OwnedValue::Enum(v),
            Value::Message(m) => OwnedValue::Message(crate::reflect::message_map(m, keys, leave)),
            Value::List(l) => OwnedValue::List(l.iter().map(|v| v.owned(keys, leave)).collect()),
            Value::Map(m) => {
                let mut map = BTreeMap::new();
                m.map.for_each(m.field, &mut |k, v| {
                    map.insert(k.to_owned_key(), v.owned(keys, leave));
                });
                OwnedValue::Map(map)
            }
        }
    }
}

fn scalar_type_name(v: &Value<'_>) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::I32(_) => "int32",
        Value::I64(_) => "int64",
        Value::U32(_) => "uint32",
        Value::U64(_) => "uint64",
        Value::F32(_) => "float",
        Value::F64(_) => "double",
        Value::String(_) => "string",
        Value::Bytes(_) => "bytes",
        Value::Enum(_) => "enum",
        Value::Message(_) => "message",
        Value::List(_) => "list",
        Value::Map(_) => "map",
    }
}

impl fmt::Debug for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(v) => write!(f, "Bool({v:?})"),
            Value::I32(v) => write!(f, "I32({v:?})"),
            Value::I64(v) => write!(f, "I64({v:?})"),
            Value::U32(v) => write!(f, "U32({v:?})"),
            Value::U64(v) => write!(f, "U64({v:?})"),
            Value::F32(v) => write!(f, "F32({v:?})"),
            Value::F64(v) => write!(f, "F64({v:?})"),
            Value::String(v) => write!(f, "String({v:?})"),
            Value::Bytes(v) => write!(f, "Bytes({v:?})"),
            Value::Enum(v) => write!(f, "Enum({v:?})"),
            Value::Message(m) => write!(f, "Message({m:?})"),
            Value::List(l) => f.debug_list().entries(l.iter()).finish(),
            Value::Map(m) => f.debug_map().entries(m.entries()).finish(),
        }
    }
}

/// Values are equal when they have the same variant and contents; messages compare by
/// their present fields.
impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Message(a), Value::Message(b)) => {
                use crate::reflect::message_map;
                a.info().full_name == b.info().full_name
                    && message_map(*a, KeyStyle::ProtoName, crate::reflect::LeaveOut::NOTHING)
                        == message_map(*b, KeyStyle::ProtoName, crate::reflect::LeaveOut::NOTHING)
            }
            (Value::List(a), Value::List(b)) => a.len() == b.len() && a.iter().eq(b.iter()),
            (Value::Map(a), Value::Map(b)) => a.entries() == b.entries(),
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::I32(a), Value::I32(b)) => a == b,
            (Value::I64(a), Value::I64(b)) => a == b,
            (Value::U32(a), Value::U32(b)) => a == b,
            (Value::U64(a), Value::U64(b)) => a == b,
            (Value::F32(a), Value::F32(b)) => a == b,
            (Value::F64(a), Value::F64(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Bytes(a), Value::Bytes(b)) => a == b,
            (Value::Enum(a), Value::Enum(b)) => a == b,
            _ => false,
        }
    }
}

/// `field`, `len` and `is_empty` of the list and map views. The read-only views keep the
/// length they were made with (their borrow keeps it from changing), so asking for it is a
/// load, not a call through the list's vtable; the mutable ones ask the list.
macro_rules! view_accessors {
    ($($view:ident . $len:tt),*) => {$(
        impl $view<'_> {
            /// The repeated or map field this view shows.
            #[inline]
            pub fn field(&self) -> &'static FieldInfo {
                self.field
            }

            #[inline]
            pub fn len(&self) -> usize {
                view_accessors!(@len self $len)
            }

            #[inline]
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }
        }
    )*};
    (@len $self:ident len) => { $self.len };
    (@len $self:ident $inner:ident) => { $self.$inner.len() };
}
view_accessors!(ListRef.len, MapRef.len, ListMut.items, MapMut.map);

impl<'a> ListRef<'a> {
    /// A list of strings joined with `separator` into `out` (see
    /// [`ListAccess::join_strings`]); false for other lists.
    #[inline]
    pub(crate) fn join_strings(&self, separator: &str, out: &mut String) -> bool {
        self.items.join_strings(self.field, separator, out)
    }

    /// The list behind the view, for the JSON encoder's typed loop.
    #[inline]
    pub(crate) fn access(&self) -> &'a dyn ListAccess {
        self.items
    }
}

impl<'a> MapRef<'a> {
    /// The map behind the view, for the JSON encoder's typed loop.
    #[inline]
    pub(crate) fn access(&self) -> &'a dyn MapAccess {
        self.map
    }
}

/// A read-only view of a repeated field.
#[derive(Clone, Copy)]
pub struct ListRef<'a> {
    items: &'a dyn ListAccess,
    len: usize,
    field: &'static FieldInfo,
}

impl<'a> ListRef<'a> {
    #[inline]
    pub fn new(items: &'a dyn ListAccess, field: &'static FieldInfo) -> Self {
        ListRef {
            items,
            len: items.len(),
            field,
        }
    }

    #[inline]
    pub fn get(&self, index: usize) -> Option<Value<'a>> {
        self.items.get(index, self.field)
    }

    pub fn iter(&self) -> ListIter<'a> {
        ListIter {
            list: *self,
            next: 0,
        }
    }
}

impl<'a> IntoIterator for ListRef<'a> {
    type Item = Value<'a>;
    type IntoIter = ListIter<'a>;
    fn into_iter(self) -> ListIter<'a> {
        self.iter()
    }
}

/// Iterator over the elements of a [`ListRef`].
pub struct ListIter<'a> {
    list: ListRef<'a>,
    next: usize,
}

impl<'a> Iterator for ListIter<'a> {
    type Item = Value<'a>;
    fn next(&mut self) -> Option<Value<'a>> {
        let v = self.list.get(self.next)?;
        self.next += 1;
        Some(v)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.list.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

/// A read-only view of a map field.
#[derive(Clone, Copy)]
pub struct MapRef<'a> {
    map: &'a dyn MapAccess,
    len: usize,
    field: &'static FieldInfo,
}

impl<'a> MapRef<'a> {
    #[inline]
    pub fn new(map: &'a dyn MapAccess, field: &'static FieldInfo) -> Self {
        MapRef {
            map,
            len: map.len(),
            field,
        }
    }

    /// The value at `key`; `None` when absent or when the key has another type than the
    /// map's keys.
    #[inline]
    pub fn get(&self, key: KeyRef<'_>) -> Option<Value<'a>> {
        self.map.get(key, self.field)
    }

    /// Calls `f` on every entry in the map's own order (arbitrary for hash maps), without
    /// allocating.
    #[inline]
    pub fn for_each(&self, f: &mut dyn FnMut(KeyRef<'a>, Value<'a>)) {
        self.map.for_each(self.field, f);
    }

    /// The entries of a `map<string, string>` written to the start of `out` when they fit
    /// (see [`MapAccess::string_entries`]).
    #[inline]
    pub(crate) fn string_entries(&self, out: &mut [(&'a str, &'a str)]) -> Option<usize> {
        self.map.string_entries(self.field, out)
    }

    /// The entries sorted by key (hash maps have no order of their own).
    pub fn entries(&self) -> Vec<(KeyRef<'a>, Value<'a>)> {
        let mut entries = Vec::with_capacity(self.len());
        self.map
            .for_each(self.field, &mut |k, v| entries.push((k, v)));
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }
}

/// A map key, borrowed. Keys of one map all have the same variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeyRef<'a> {
    Bool(bool),
    I32(i32),
    I64(i64),
    U32(u32),
    U64(u64),
    String(&'a str),
}

impl<'a> KeyRef<'a> {
    /// The key as text, unquoted: a string as it is, the others as JSON writes them inside
    /// the quotes of an object key (`true`, `-5`).
    pub fn text(&self) -> Cow<'a, str> {
        match *self {
            KeyRef::String(s) => Cow::Borrowed(s),
            other => Cow::Owned(other.to_string()),
        }
    }

    pub fn to_owned_key(&self) -> MapKey {
        match *self {
            KeyRef::Bool(v) => MapKey::Bool(v),
            KeyRef::I32(v) => MapKey::I32(v),
            KeyRef::I64(v) => MapKey::I64(v),
            KeyRef::U32(v) => MapKey::U32(v),
            KeyRef::U64(v) => MapKey::U64(v),
            KeyRef::String(v) => MapKey::String(v.to_owned()),
        }
    }
}

impl<'a> From<&'a str> for KeyRef<'a> {
    fn from(v: &'a str) -> Self {
        KeyRef::String(v)
    }
}

/// A map key, owned.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MapKey {
    Bool(bool),
    I32(i32),
    I64(i64),
    U32(u32),
    U64(u64),
    String(String),
}

impl MapKey {
    pub fn as_key_ref(&self) -> KeyRef<'_> {
        match self {
            MapKey::Bool(v) => KeyRef::Bool(*v),
            MapKey::I32(v) => KeyRef::I32(*v),
            MapKey::I64(v) => KeyRef::I64(*v),
            MapKey::U32(v) => KeyRef::U32(*v),
            MapKey::U64(v) => KeyRef::U64(*v),
            MapKey::String(v) => KeyRef::String(v),
        }
    }
}

impl fmt::Display for KeyRef<'_> {
    /// `"text"` for strings (quoted as in paths), the plain value otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyRef::Bool(v) => write!(f, "{v}"),
            KeyRef::I32(v) => write!(f, "{v}"),
            KeyRef::I64(v) => write!(f, "{v}"),
            KeyRef::U32(v) => write!(f, "{v}"),
            KeyRef::U64(v) => write!(f, "{v}"),
            KeyRef::String(v) => write!(f, "{v:?}"),
        }
    }
}

macro_rules! key_from {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for MapKey {
            fn from(v: $t) -> Self {
                MapKey::$v(v.into())
            }
        }
        impl From<$t> for KeyRef<'_> {
            fn from(v: $t) -> Self {
                KeyRef::$v(v)
            }
        }
    )*};
}
key_from!(bool => Bool, i32 => I32, i64 => I64, u32 => U32, u64 => U64);

impl From<String> for MapKey {
    fn from(v: String) -> Self {
        MapKey::String(v)
    }
}

impl From<&str> for MapKey {
    fn from(v: &str) -> Self {
        MapKey::String(v.to_owned())
    }
}

/// An owned field value: what `set` takes, and what `to_map` holds.
///
/// Nested messages are [`ValueMap`]s, repeated fields lists, map fields ordered maps.
#[derive(Clone, Debug, PartialEq)]
pub enum OwnedValue {
    Bool(bool),
    I32(i32),
    I64(i64),
    U32(u32),
    U64(u64),
    F32(f32),
    F64(f64),
    String(String),
    Bytes(Vec<u8>),
    Enum(EnumValue),
    Message(ValueMap),
    List(Vec<OwnedValue>),
    Map(BTreeMap<MapKey, OwnedValue>),
}

impl OwnedValue {
    /// A list of values converted with `Into`.
    pub fn list<T: Into<OwnedValue>>(items: impl IntoIterator<Item = T>) -> Self {
        OwnedValue::List(items.into_iter().map(Into::into).collect())
    }

    /// A map value from `(key, value)` pairs converted with `Into`.
    pub fn map<K: Into<MapKey>, V: Into<OwnedValue>>(
        entries: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        OwnedValue::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    /// A nested message from `(key, value)` pairs, keys by proto or JSON name.
    pub fn message<K: Into<Cow<'static, str>>, V: Into<OwnedValue>>(
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        OwnedValue::Message(
            fields
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }

    /// The value's type and, for scalars, the value: `int64 1099511627776`, `string "abc"`.
    /// Used in error messages.
    pub fn describe(&self) -> String {
        match self {
            OwnedValue::Bool(v) => format!("bool {v}"),
            OwnedValue::I32(v) => format!("int32 {v}"),
            OwnedValue::I64(v) => format!("int64 {v}"),
            OwnedValue::U32(v) => format!("uint32 {v}"),
            OwnedValue::U64(v) => format!("uint64 {v}"),
            OwnedValue::F32(v) => format!("float {v:?}"),
            OwnedValue::F64(v) => format!("double {v:?}"),
            OwnedValue::String(v) => {
                let shown: String = v.chars().take(40).collect();
                if shown.len() < v.len() {
                    format!("string {shown:?}...")
                } else {
                    format!("string {v:?}")
                }
            }
            OwnedValue::Bytes(v) => format!("bytes ({} bytes)", v.len()),
            OwnedValue::Enum(e) => format!("enum {:?}", e),
            OwnedValue::Message(m) => format!("message map ({} keys)", m.len()),
            OwnedValue::List(l) => format!("list ({} items)", l.len()),
            OwnedValue::Map(m) => format!("map ({} entries)", m.len()),
        }
    }
}

macro_rules! value_from {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for OwnedValue {
            fn from(v: $t) -> Self {
                OwnedValue::$v(v.into())
            }
        }
    )*};
}
value_from!(
    bool => Bool, i32 => I32, i64 => I64, u32 => U32, u64 => U64, f32 => F32, f64 => F64,
    String => String, &str => String, Vec<u8> => Bytes, &[u8] => Bytes, EnumValue => Enum,
    ValueMap => Message, BTreeMap<MapKey, OwnedValue> => Map
);

impl From<Value<'_>> for OwnedValue {
    fn from(v: Value<'_>) -> Self {
        v.to_owned_value()
    }
}

/// Mutable access to a nested message, repeated field or map field, from
/// [`Reflect::get_mut`].
pub enum ValueMut<'a> {
    Message(&'a mut dyn Reflect),
    List(ListMut<'a>),
    Map(MapMut<'a>),
}

impl fmt::Debug for ValueMut<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueMut::Message(m) => write!(f, "Message({m:?})"),
            ValueMut::List(l) => write!(f, "List({})", l.field.name),
            ValueMut::Map(m) => write!(f, "Map({})", m.field.name),
        }
    }
}

/// Where errors of a [`ListMut`] or [`MapMut`] are reported.
#[derive(Clone, Copy)]
pub(crate) struct Owner {
    pub message: &'static str,
}

/// Mutable access to a repeated field: typed push, set by index, clear.
pub struct ListMut<'a> {
    items: &'a mut dyn ListAccess,
    field: &'static FieldInfo,
    owner: Owner,
}

impl<'a> ListMut<'a> {
    #[inline]
    pub fn new(items: &'a mut dyn ListAccess, field: &'static FieldInfo) -> Self {
        ListMut {
            items,
            field,
            owner: Owner { message: "" },
        }
    }

    pub(crate) fn with_owner(mut self, owner: Owner) -> Self {
        self.owner = owner;
        self
    }

    #[inline]
    pub fn get(&self, index: usize) -> Option<Value<'_>> {
        self.items.get(index, self.field)
    }

    /// Mutable access to the element at `index` when it is a message.
    pub fn get_mut(&mut self, index: usize) -> Option<ValueMut<'_>> {
        self.items.get_mut(index, self.field)
    }

    /// Appends a value converted to the element type; on error the list is unchanged.
    pub fn push(&mut self, value: impl Into<OwnedValue>) -> Result<(), ReflectError> {
        let r = self.items.push(value.into(), self.field);
        r.map_err(|e| self.error(&format!("[{}]", self.items.len()), e))
    }

    /// Replaces the element at `index`; on error the list is unchanged.
    pub fn set(&mut self, index: usize, value: impl Into<OwnedValue>) -> Result<(), ReflectError> {
        let r = self.items.set(index, value.into(), self.field);
        r.map_err(|e| self.error(&format!("[{index}]"), e))
    }

    pub(crate) fn set_raw(&mut self, index: usize, value: OwnedValue) -> Result<(), ValueError> {
        self.items.set(index, value, self.field)
    }

    pub(crate) fn push_raw(&mut self, value: OwnedValue) -> Result<(), ValueError> {
        self.items.push(value, self.field)
    }

    /// Removes and returns the last element.
    pub fn pop(&mut self) -> Option<OwnedValue> {
        self.items.pop(self.field)
    }

    pub fn clear(&mut self) {
        self.items.clear();
    }

    fn error(&self, at: &str, e: ValueError) -> ReflectError {
        crate::reflect::value_error(self.owner.message, &format!("{}{at}", self.field.name), e)
    }
}

/// Mutable access to a map field: typed insert, remove, clear.
pub struct MapMut<'a> {
    map: &'a mut dyn MapAccess,
    field: &'static FieldInfo,
    owner: Owner,
}

impl<'a> MapMut<'a> {
    #[inline]
    pub fn new(map: &'a mut dyn MapAccess, field: &'static FieldInfo) -> Self {
        MapMut {
            map,
            field,
            owner: Owner { message: "" },
        }
    }

    pub(crate) fn with_owner(mut self, owner: Owner) -> Self {
        self.owner = owner;
        self
    }

    #[inline]
    pub fn get(&self, key: KeyRef<'_>) -> Option<Value<'_>> {
        self.map.get(key, self.field)
    }

    /// Mutable access to the value at `key` when it is a message.
    pub fn get_mut(&mut self, key: KeyRef<'_>) -> Option<ValueMut<'_>> {
        self.map.get_mut(key, self.field)
    }

    /// The keys, sorted.
    pub fn keys(&self) -> Vec<MapKey> {
        let mut keys = Vec::with_capacity(self.len());
        self.map
            .for_each(self.field, &mut |k, _| keys.push(k.to_owned_key()));
        keys.sort();
        keys
    }

    /// Inserts or replaces the value at `key`, both converted to the map's types; on error the
    /// map is unchanged.
    pub fn insert(
        &mut self,
        key: impl Into<MapKey>,
        value: impl Into<OwnedValue>,
    ) -> Result<(), ReflectError> {
        let key = key.into();
        let at = format!("[{}]", key.as_key_ref());
        let r = self.map.insert(key, value.into(), self.field);
        r.map_err(|e| self.error(&at, e))
    }

    pub(crate) fn insert_raw(&mut self, key: MapKey, value: OwnedValue) -> Result<(), ValueError> {
        self.map.insert(key, value, self.field)
    }

    /// Removes the entry at `key`; true when there was one.
    pub fn remove(&mut self, key: KeyRef<'_>) -> bool {
        self.map.remove(key, self.field)
    }

    pub fn clear(&mut self) {
        self.map.clear();
    }

    fn error(&self, at: &str, e: ValueError) -> ReflectError {
        crate::reflect::value_error(self.owner.message, &format!("{}{at}", self.field.name), e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_stay_small() {
        // `get` returns `Result<Option<Value>, ReflectError>` by value on every read: keep the
        // niches working and the payload at offset 8 (see the `repr` on `Value`). The largest
        // payloads are the list and map views: the list, its length and its field.
        assert_eq!(std::mem::size_of::<ListRef<'_>>(), 32);
        assert_eq!(std::mem::size_of::<MapRef<'_>>(), 32);
        assert_eq!(std::mem::size_of::<Value<'_>>(), 40);
        assert_eq!(std::mem::size_of::<Option<Value<'_>>>(), 40);
        assert_eq!(
            std::mem::size_of::<Result<Option<Value<'_>>, ReflectError>>(),
            40
        );
    }

    #[test]
    fn owned_values_describe_themselves_for_errors() {
        assert_eq!(OwnedValue::I64(1 << 40).describe(), "int64 1099511627776");
        assert_eq!(OwnedValue::from("a\"b").describe(), "string \"a\\\"b\"");
        let long = "x".repeat(60);
        assert!(OwnedValue::from(long.as_str()).describe().ends_with("..."));
        assert_eq!(OwnedValue::list([1, 2]).describe(), "list (2 items)");
        assert_eq!(MapKey::from("k").as_key_ref().to_string(), "\"k\"");
        assert_eq!(KeyRef::I64(-3).to_owned_key(), MapKey::I64(-3));
    }
}

//! Object-safe access to the containers prost uses for repeated and map fields, behind the
//! [`ListRef`](crate::ListRef), [`MapRef`](crate::MapRef), [`ListMut`](crate::ListMut) and
//! [`MapMut`](crate::MapMut) views.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};

use crate::element::{Element, wrong_type};
use crate::error::ValueError;
use crate::json::{ContainerJson, MapKeyJson};
use crate::meta::{Cardinality, FieldInfo, Kind};
use crate::value::{KeyRef, MapKey, OwnedValue, Value, ValueMut};

/// A repeated field's storage (`Vec<T>`). Its JSON hooks are [`ContainerJson`], in
/// `json::hooks`.
pub trait ListAccess: ContainerJson {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn get(&self, index: usize, field: &'static FieldInfo) -> Option<Value<'_>>;
    fn get_mut(&mut self, index: usize, field: &'static FieldInfo) -> Option<ValueMut<'_>>;
    fn set(
        &mut self,
        index: usize,
        value: OwnedValue,
        field: &'static FieldInfo,
    ) -> Result<(), ValueError>;
    fn push(&mut self, value: OwnedValue, field: &'static FieldInfo) -> Result<(), ValueError>;
    fn pop(&mut self, field: &'static FieldInfo) -> Option<OwnedValue>;
    fn clear(&mut self);
    /// A `repeated string` joined with `separator` into `out`, in one call; false for
    /// other lists (the vendor walk's fast path for joined lists of strings).
    #[doc(hidden)]
    fn join_strings(&self, field: &'static FieldInfo, separator: &str, out: &mut String) -> bool {
        let _ = (field, separator, out);
        false
    }
}

fn element_error(at: String, source: ValueError) -> ValueError {
    ValueError::Element {
        at,
        source: Box::new(source),
    }
}

impl<T: Element> ListAccess for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn join_strings(&self, field: &'static FieldInfo, separator: &str, out: &mut String) -> bool {
        // Sized first, so that the text is allocated once. For `Vec<String>` the kind test
        // folds away; any other list fails at its first element.
        let mut len = separator.len() * self.len().saturating_sub(1);
        for item in self {
            let Value::String(s) = item.to_value(field) else {
                return false;
            };
            len += s.len();
        }
        out.reserve(len);
        for (n, item) in self.iter().enumerate() {
            if let Value::String(s) = item.to_value(field) {
                if n > 0 {
                    out.push_str(separator);
                }
                out.push_str(s);
            }
        }
        true
    }

    fn get(&self, index: usize, field: &'static FieldInfo) -> Option<Value<'_>> {
        self.as_slice().get(index).map(|v| v.to_value(field))
    }

    fn get_mut(&mut self, index: usize, field: &'static FieldInfo) -> Option<ValueMut<'_>> {
        self.as_mut_slice()
            .get_mut(index)
            .and_then(|v| v.value_mut(field))
    }

    fn set(
        &mut self,
        index: usize,
        value: OwnedValue,
        field: &'static FieldInfo,
    ) -> Result<(), ValueError> {
        let len = Vec::len(self);
        let slot = self
            .as_mut_slice()
            .get_mut(index)
            .ok_or(ValueError::IndexOutOfRange { index, len })?;
        *slot = T::from_value(value, field)?;
        Ok(())
    }

    fn push(&mut self, value: OwnedValue, field: &'static FieldInfo) -> Result<(), ValueError> {
        Vec::push(self, T::from_value(value, field)?);
        Ok(())
    }

    fn pop(&mut self, field: &'static FieldInfo) -> Option<OwnedValue> {
        Vec::pop(self).map(|v| v.to_value(field).to_owned_value())
    }

    fn clear(&mut self) {
        Vec::clear(self);
    }
}

/// Converts a whole list value for a repeated field, or fails naming the bad element.
pub(crate) fn list_from_value<T: Element>(
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<Vec<T>, ValueError> {
    let OwnedValue::List(items) = value else {
        return Err(wrong_type(field.type_name(), &value));
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| T::from_value(v, field).map_err(|e| element_error(format!("[{i}]"), e)))
        .collect()
}

/// A map field's key type. Its JSON hook is [`MapKeyJson`], in `json::hooks`.
pub trait MapKeyElement: Sized + Ord + Hash + Borrow<Self::Borrowed> + MapKeyJson {
    type Borrowed: ?Sized + Ord + Hash;
    fn to_key(&self) -> KeyRef<'_>;
    /// Calls `f` with the key in this type's borrowed form; `None` when `key` cannot be one
    /// (a string for an integer map, an integer that does not fit).
    fn with_borrowed<R>(key: KeyRef<'_>, f: impl FnOnce(&Self::Borrowed) -> R) -> Option<R>;
    /// The key as this type; on failure the key comes back, with `true` when its type is
    /// wrong (a string for an integer map) and `false` when it is out of range, for the error.
    fn from_key(key: MapKey) -> Result<Self, (MapKey, bool)>;
}

fn key_kind(field: &FieldInfo) -> Kind {
    match field.cardinality {
        Cardinality::Map(k) => k,
        _ => Kind::String,
    }
}

fn key_error(key: &MapKey, field: &FieldInfo, wrong_type: bool) -> ValueError {
    let expected = format!("{} key", key_kind(field).describe());
    let got = format!("key {}", key.as_key_ref());
    if wrong_type {
        ValueError::WrongType { expected, got }
    } else {
        ValueError::OutOfRange { expected, got }
    }
}

macro_rules! integer_key {
    ($($t:ty => $v:ident),*) => {$(
        impl MapKeyElement for $t {
            type Borrowed = $t;
            fn to_key(&self) -> KeyRef<'_> {
                KeyRef::$v(*self)
            }
            fn with_borrowed<R>(key: KeyRef<'_>, f: impl FnOnce(&$t) -> R) -> Option<R> {
                let wide: i128 = match key {
                    KeyRef::I32(v) => v.into(),
                    KeyRef::I64(v) => v.into(),
                    KeyRef::U32(v) => v.into(),
                    KeyRef::U64(v) => v.into(),
                    KeyRef::Bool(_) | KeyRef::String(_) => return None,
                };
                <$t>::try_from(wide).ok().map(|k| f(&k))
            }
            fn from_key(key: MapKey) -> Result<Self, (MapKey, bool)> {
                let wide: i128 = match key {
                    MapKey::I32(v) => v.into(),
                    MapKey::I64(v) => v.into(),
                    MapKey::U32(v) => v.into(),
                    MapKey::U64(v) => v.into(),
                    MapKey::Bool(_) | MapKey::String(_) => return Err((key, true)),
                };
                <$t>::try_from(wide).map_err(|_| (key, false))
            }
        }
    )*};
}
integer_key!(i32 => I32, i64 => I64, u32 => U32, u64 => U64);

impl MapKeyElement for bool {
    type Borrowed = bool;
    fn to_key(&self) -> KeyRef<'_> {
        KeyRef::Bool(*self)
    }
    fn with_borrowed<R>(key: KeyRef<'_>, f: impl FnOnce(&bool) -> R) -> Option<R> {
        match key {
            KeyRef::Bool(b) => Some(f(&b)),
            _ => None,
        }
    }
    fn from_key(key: MapKey) -> Result<Self, (MapKey, bool)> {
        match key {
            MapKey::Bool(b) => Ok(b),
            other => Err((other, true)),
        }
    }
}

impl MapKeyElement for String {
    type Borrowed = str;
    fn to_key(&self) -> KeyRef<'_> {
        KeyRef::String(self)
    }
    fn with_borrowed<R>(key: KeyRef<'_>, f: impl FnOnce(&str) -> R) -> Option<R> {
        match key {
            KeyRef::String(s) => Some(f(s)),
            _ => None,
        }
    }
    fn from_key(key: MapKey) -> Result<Self, (MapKey, bool)> {
        match key {
            MapKey::String(s) => Ok(s),
            other => Err((other, true)),
        }
    }
}

/// A map field's storage (`HashMap` or `BTreeMap`). Its JSON hooks are [`ContainerJson`], in
/// `json::hooks`.
pub trait MapAccess: ContainerJson {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn get(&self, key: KeyRef<'_>, field: &'static FieldInfo) -> Option<Value<'_>>;
    fn get_mut(&mut self, key: KeyRef<'_>, field: &'static FieldInfo) -> Option<ValueMut<'_>>;
    fn insert(
        &mut self,
        key: MapKey,
        value: OwnedValue,
        field: &'static FieldInfo,
    ) -> Result<(), ValueError>;
    fn remove(&mut self, key: KeyRef<'_>, field: &'static FieldInfo) -> bool;
    /// Calls `f` on every entry, in the map's own order.
    fn for_each<'a>(&'a self, field: &'static FieldInfo, f: &mut dyn FnMut(KeyRef<'a>, Value<'a>));
    /// The entries of a `map<string, string>`, in the map's own order, written to the
    /// start of `out` when they fit; `None` for other maps and larger ones. One call for
    /// the whole map, where `for_each` calls its closure per entry (the vendor walk's fast
    /// path for the commonest map of events).
    #[doc(hidden)]
    fn string_entries<'a>(
        &'a self,
        field: &'static FieldInfo,
        out: &mut [(&'a str, &'a str)],
    ) -> Option<usize> {
        let _ = (field, out);
        None
    }
    /// Replaces the whole map; on error it is unchanged.
    fn assign(
        &mut self,
        entries: std::collections::BTreeMap<MapKey, OwnedValue>,
        field: &'static FieldInfo,
    ) -> Result<(), ValueError>;
    fn clear(&mut self);
}

fn entry<K: MapKeyElement, V: Element>(
    key: MapKey,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(K, V), ValueError> {
    // The error path is formatted only on failure: this runs for every decoded map entry.
    let at = |key: &MapKey| format!("[{}]", key.as_key_ref());
    let v = V::from_value(value, field).map_err(|e| element_error(at(&key), e))?;
    let k = K::from_key(key)
        .map_err(|(key, wrong)| element_error(at(&key), key_error(&key, field, wrong)))?;
    Ok((k, v))
}

macro_rules! map_access {
    ($map:ident, [$($bound:tt)*], [$($extra:tt)*]) => {
        impl<K: MapKeyElement, V: Element $($extra)*> MapAccess for $map<K, V $($bound)*>
        where
            K::Borrowed: Eq,
        {
            fn len(&self) -> usize {
                $map::len(self)
            }

            fn get(&self, key: KeyRef<'_>, field: &'static FieldInfo) -> Option<Value<'_>> {
                K::with_borrowed(key, |k| $map::get(self, k))
                    .flatten()
                    .map(|v| v.to_value(field))
            }

            fn get_mut(&mut self, key: KeyRef<'_>, field: &'static FieldInfo) -> Option<ValueMut<'_>> {
                K::with_borrowed(key, |k| $map::get_mut(self, k))
                    .flatten()
                    .and_then(|v| v.value_mut(field))
            }

            fn insert(
                &mut self,
                key: MapKey,
                value: OwnedValue,
                field: &'static FieldInfo,
            ) -> Result<(), ValueError> {
                let (k, v) = entry::<K, V>(key, value, field)?;
                $map::insert(self, k, v);
                Ok(())
            }

            fn remove(&mut self, key: KeyRef<'_>, _field: &'static FieldInfo) -> bool {
                K::with_borrowed(key, |k| $map::remove(self, k).is_some()).unwrap_or(false)
            }

            fn for_each<'a>(
                &'a self,
                field: &'static FieldInfo,
                f: &mut dyn FnMut(KeyRef<'a>, Value<'a>),
            ) {
                for (k, v) in self {
                    f(k.to_key(), v.to_value(field));
                }
            }

            fn string_entries<'a>(
                &'a self,
                field: &'static FieldInfo,
                out: &mut [(&'a str, &'a str)],
            ) -> Option<usize> {
                if $map::len(self) > out.len() {
                    return None;
                }
                let mut slots = out.iter_mut();
                let mut n = 0;
                for (k, v) in self {
                    // Both `String` in `map<string, string>`: the test folds away there, and
                    // fails at the first entry of any other map.
                    let (KeyRef::String(key), Value::String(value)) = (k.to_key(), v.to_value(field))
                    else {
                        return None;
                    };
                    *slots.next()? = (key, value);
                    n += 1;
                }
                Some(n)
            }

            fn assign(
                &mut self,
                entries: BTreeMap<MapKey, OwnedValue>,
                field: &'static FieldInfo,
            ) -> Result<(), ValueError> {
                let mut map = Self::default();
                for (key, value) in entries {
                    let shown = key.as_key_ref().to_string();
                    let (k, v) = entry::<K, V>(key, value, field)?;
                    if map.insert(k, v).is_some() {
                        return Err(ValueError::DuplicateKey { key: shown });
                    }
                }
                *self = map;
                Ok(())
            }

            fn clear(&mut self) {
                $map::clear(self);
            }
        }
    };
}
map_access!(HashMap, [, S], [, S: BuildHasher + Default]);
map_access!(BTreeMap, [], []);

/// Converts a whole map value for a map field.
pub(crate) fn assign_map<M: MapAccess>(
    map: &mut M,
    value: OwnedValue,
    field: &'static FieldInfo,
) -> Result<(), ValueError> {
    match value {
        OwnedValue::Map(entries) => map.assign(entries, field),
        other => Err(wrong_type(field.type_name(), &other)),
    }
}

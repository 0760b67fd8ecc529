//! The [`Reflect`] trait: key-value access to every generated message.

use std::any::Any;
use std::borrow::Cow;

use crate::error::{ReflectError, ReflectErrorKind, ValueError};
use crate::meta::{Cardinality, FieldInfo, Kind, MessageInfo};
use crate::path::{Index, Segment, parse_path, segments};
use crate::value::{KeyRef, MapKey, OwnedValue, Owner, Value, ValueMap, ValueMut};

/// Which name keys a map from [`Reflect::to_map`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeyStyle {
    /// The name in the `.proto` file (`session_id`).
    #[default]
    ProtoName,
    /// The JSON name (`sessionId`).
    JsonName,
}

impl KeyStyle {
    #[inline]
    pub fn key_of(self, field: &'static FieldInfo) -> &'static str {
        match self {
            KeyStyle::ProtoName => field.name,
            KeyStyle::JsonName => field.json_name,
        }
    }
}

/// Conversions to trait objects, implemented for every [`Reflect`] type.
pub trait AsReflect {
    fn as_reflect(&self) -> &dyn Reflect;
    fn as_reflect_mut(&mut self) -> &mut dyn Reflect;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: Reflect + Any> AsReflect for T {
    fn as_reflect(&self) -> &dyn Reflect {
        self
    }
    fn as_reflect_mut(&mut self) -> &mut dyn Reflect {
        self
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// Key-value access to a message: read, write, clear and iterate fields by proto name, JSON
/// name, number or dotted path, without a descriptor pool.
///
/// Generated code implements the index-based methods (one `match` arm per field); everything
/// keyed is provided here. The trait is object safe: generic code can walk any message
/// through `&dyn Reflect`.
///
/// Presence follows protobuf: a proto3 field without `optional` is present when it does not
/// hold its default; `optional` fields, message fields and oneof members when set; repeated and
/// map fields when not empty; proto2 `required` fields always (prost stores them unwrapped).
pub trait Reflect: AsReflect + std::fmt::Debug {
    /// The message's static description.
    fn info(&self) -> &'static MessageInfo;

    /// Index into `info().fields` of the field with this proto name or JSON name.
    fn field_index(&self, key: &str) -> Option<usize>;

    /// The field at `index`: `None` when it has explicit presence and is not set (or is a
    /// oneof member other than the one set). Implicit-presence, repeated and map fields always
    /// give a value.
    fn get_at(&self, index: usize) -> Option<Value<'_>>;

    /// Stores `value` in the field at `index`, converting it losslessly; on error the message
    /// is unchanged. Setting a oneof member switches the oneof to it.
    fn set_at(&mut self, index: usize, value: OwnedValue) -> Result<(), ValueError>;

    /// Stores a borrowed value in the field at `index`: what
    /// `set_at(index, value.to_owned_value())` does, but a string or bytes field that is set
    /// (implicit presence, `optional` or `required`) copies into its existing buffer, with no
    /// allocation when it is large enough. On error the message is unchanged.
    #[inline]
    fn set_from_at(&mut self, index: usize, value: &Value<'_>) -> Result<(), ValueError> {
        self.set_at(index, value.to_owned_value())
    }

    /// Resets the field at `index` to unset (its default); a oneof member is cleared only when
    /// it is the one set.
    fn clear_at(&mut self, index: usize);

    /// Mutable access to the field at `index` when it is a set message, a repeated field or a
    /// map field.
    fn mut_at(&mut self, index: usize) -> Option<ValueMut<'_>>;

    /// `self` as a trait object, made by an out-of-line method of the message's own impl:
    /// inline code (generic helpers, `#[inline]` methods) that turns a message into a
    /// [`Value`] calls this instead of coercing, so that a crate using the message does not
    /// compile the vtable, and with it every reflection method of every message it reaches,
    /// again.
    #[doc(hidden)]
    #[inline]
    fn as_dyn(&self) -> &dyn Reflect
    where
        Self: Sized,
    {
        self
    }

    /// [`as_dyn`](Self::as_dyn) for a mutable reference.
    #[doc(hidden)]
    #[inline]
    fn as_dyn_mut(&mut self) -> &mut dyn Reflect
    where
        Self: Sized,
    {
        self
    }

    /// The value of a field by proto name or JSON name: `None` for an unknown key, else what
    /// [`get_at`](Self::get_at) gives. In generated impls both steps inline into
    /// monomorphic callers.
    #[inline]
    fn lookup(&self, key: &str) -> Option<Option<Value<'_>>> {
        self.field_index(key).map(|i| self.get_at(i))
    }

    /// Sets a field by proto name or JSON name: `None` for an unknown key, else what
    /// [`set_at`](Self::set_at) gives. Not on `dyn Reflect` (use
    /// [`set_value`](Self::set_value)), so that the vtable of every message does not hold
    /// one more copy of its key `match` and its stores.
    #[inline(always)]
    fn assign(&mut self, key: &str, value: OwnedValue) -> Option<Result<(), ValueError>>
    where
        Self: Sized,
    {
        // No closure: moving `value` into one copies it through memory on every call.
        let i = self.field_index(key)?;
        Some(self.set_at(i, value))
    }

    /// Calls `f` with every present field in field-number order: the fast form of
    /// [`fields`](Self::fields), straight-line in generated code. Values are passed by
    /// reference (a `Value` is 40 bytes; handing it over by value through `dyn FnMut` costs a
    /// copy per field).
    #[inline]
    fn for_each_field(&self, f: &mut dyn FnMut(&'static FieldInfo, &Value<'_>)) {
        for (field, value) in self.fields() {
            f(field, &value);
        }
    }

    /// [`for_each_field`](Self::for_each_field) for callers that know the message type: the
    /// closure is a type parameter, so it inlines into the generated straight-line code and
    /// each field costs what a hand-written `if` would (no indirect call per field).
    /// Generated impls implement `for_each_field` through this method.
    #[inline]
    fn visit_fields<F>(&self, mut f: F)
    where
        F: FnMut(&'static FieldInfo, &Value<'_>),
        Self: Sized,
    {
        self.for_each_field(&mut f)
    }

    /// Writes the present fields as JSON object members (the encoder's fast path when
    /// defaults are not emitted). Generated impls write each field with its own type; this
    /// default goes through [`for_each_field`](Self::for_each_field).
    #[doc(hidden)]
    #[inline]
    fn write_json_fields(
        &self,
        encoder: &mut crate::json::Encoder<'_>,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), crate::json::JsonError> {
        let mut result = Ok(());
        self.for_each_field(&mut |field, value| {
            if result.is_ok() {
                result = encoder.field(field, value, depth, first);
            }
        });
        result
    }

    /// Fills `out` with the present fields from position `from` in field-number order, up
    /// to its capacity; returns the position to go on from, `usize::MAX` at the end. The
    /// batch behind [`fields`](Self::fields): one call walks many fields. Generated impls
    /// walk their fields inline; this default reads them one by one with `get_at`.
    #[doc(hidden)]
    #[inline]
    fn fields_from<'a>(&'a self, from: usize, out: &mut FieldBatch<'a>) -> usize {
        let info = self.info();
        let out = &mut out.fill();
        let mut pos = from;
        while let Some(i) = info.nth_by_number(pos) {
            pos += 1;
            if let (Some(field), Some(v)) = (info.fields.get(i), self.get_at(i))
                && is_present(field, &v)
                && out.push(field, v)
            {
                return pos;
            }
        }
        usize::MAX
    }

    /// Reads the JSON value of the field at `index` (the decoder's path for each object
    /// member); true when something was stored (not `null`). Generated impls read each
    /// field into its own type; this default goes through [`set_at`](Self::set_at).
    #[doc(hidden)]
    #[inline]
    fn read_json_field(
        &mut self,
        index: usize,
        decoder: &mut crate::json::Decoder<'_, '_>,
        depth: usize,
    ) -> Result<bool, crate::json::JsonError> {
        decoder.field_at(self.as_reflect_mut(), index, depth)
    }

    /// The default of the message-typed field at `index` (an empty message, or the zero of a
    /// wrapper type); other fields' defaults come from the table.
    #[inline]
    fn message_default(&self, index: usize) -> Option<Value<'static>> {
        let _ = index;
        None
    }

    /// The vendor key table the plugin emitted for this message and a built-in profile
    /// (`vendors=` parameter; event messages only). Without one, keys are computed at run
    /// time by the same rules.
    #[doc(hidden)]
    #[inline]
    fn vendor_table(
        &self,
        profile: crate::vendor::Builtin,
    ) -> Option<&'static crate::vendor::VendorTable> {
        let _ = profile;
        None
    }

    /// Hands the present fields, in field-number order, to the vendor walk: generated for
    /// the messages events reach (`vendors=`), so that the walk reads each field in place
    /// instead of through [`fields_from`](Self::fields_from)'s batches. False when not
    /// generated: the walk then reads the batches.
    #[doc(hidden)]
    #[inline]
    fn vendor_fields<'a>(
        &'a self,
        visit: &mut crate::vendor::FieldVisit<'_, '_, 'a>,
    ) -> Result<bool, crate::vendor::Halt> {
        let _ = visit;
        Ok(false)
    }

    /// The field with this proto name or JSON name.
    #[inline]
    fn field_info(&self, key: &str) -> Option<&'static FieldInfo> {
        dyn_field_info(self.as_reflect(), key)
    }

    /// The value of a field by proto name or JSON name; `Ok(None)` when the field is not set.
    #[inline]
    fn get(&self, key: &str) -> Result<Option<Value<'_>>, ReflectError> {
        match self.lookup(key) {
            Some(v) => Ok(v),
            None => Err(unknown_field(self.info(), key)),
        }
    }

    /// The value of a field by number; `Ok(None)` when the field is not set.
    #[inline]
    fn get_by_number(&self, number: u32) -> Result<Option<Value<'_>>, ReflectError> {
        dyn_get_by_number(self.as_reflect(), number)
    }

    /// The value of a field, or its default when it is not set: the proto2 `default`, the
    /// type's zero, or an empty message.
    #[inline]
    fn get_or_default(&self, key: &str) -> Result<Value<'_>, ReflectError> {
        dyn_get_or_default(self.as_reflect(), key)
    }

    /// The default of the field at `index` (see [`get_or_default`](Self::get_or_default)).
    #[inline]
    fn default_at(&self, index: usize) -> Value<'static> {
        dyn_default_at(self.as_reflect(), index)
    }

    /// Whether a field is present (see the trait documentation).
    #[inline]
    fn has(&self, key: &str) -> Result<bool, ReflectError> {
        dyn_has(self.as_reflect(), key)
    }

    /// Whether the field at `index` is present.
    #[inline]
    fn has_at(&self, index: usize) -> bool {
        dyn_has_at(self.as_reflect(), index)
    }

    /// Clears a field by proto name or JSON name (named apart from `prost::Message::clear`,
    /// which clears the whole message).
    #[inline]
    fn clear_field(&mut self, key: &str) -> Result<(), ReflectError> {
        dyn_clear_field(self.as_reflect_mut(), key)
    }

    /// Sets a field by proto name or JSON name (object-safe form of [`ReflectExt::set`]).
    #[inline]
    fn set_value(&mut self, key: &str, value: OwnedValue) -> Result<(), ReflectError> {
        let Some(i) = self.field_index(key) else {
            return Err(unknown_field(self.info(), key));
        };
        match self.set_at(i, value) {
            Ok(()) => Ok(()),
            Err(e) => Err(value_error(self.info().full_name, key, e)),
        }
    }

    /// Sets a field by proto name or JSON name from a borrowed value, converting it as
    /// [`set_value`](Self::set_value) does; strings and bytes are copied into the field's
    /// existing buffer (see [`set_from_at`](Self::set_from_at)). Copies a field between
    /// messages without an intermediate owned value:
    /// `if let Some(id) = from.get("id")? { to.set_from("id", &id)? }`.
    #[inline]
    fn set_from(&mut self, key: &str, value: &Value<'_>) -> Result<(), ReflectError> {
        let Some(i) = self.field_index(key) else {
            return Err(unknown_field(self.info(), key));
        };
        match self.set_from_at(i, value) {
            Ok(()) => Ok(()),
            Err(e) => Err(value_error(self.info().full_name, key, e)),
        }
    }

    /// Mutable access to a set message field, or to a repeated or map field.
    #[inline]
    fn get_mut(&mut self, key: &str) -> Result<Option<ValueMut<'_>>, ReflectError> {
        dyn_get_mut(self.as_reflect_mut(), key)
    }

    /// The present fields in field-number order.
    #[inline]
    fn fields(&self) -> Fields<'_> {
        Fields::new(self.as_reflect(), false)
    }

    /// Every field in field-number order, unset ones with their defaults; oneof members only
    /// when set.
    #[inline]
    fn fields_with_defaults(&self) -> Fields<'_> {
        Fields::new(self.as_reflect(), true)
    }

    /// The value at a path: field keys joined by dots, with list indexes and map keys in
    /// brackets (`device.os_version`, `items[2].sku`, `labels["env"]`, `counts[-1]`).
    /// `Ok(None)` when something on the way is not set, out of range or not in the map.
    #[inline]
    fn get_path(&self, path: &str) -> Result<Option<Value<'_>>, ReflectError> {
        dyn_get_path(self.as_reflect(), path)
    }

    /// Sets the value at a path (see [`get_path`](Self::get_path)), creating unset messages on
    /// the way and map entries at the end; list indexes must exist. Object-safe form of
    /// [`ReflectExt::set_path`]. On error the message is unchanged.
    #[inline]
    fn set_path_value(&mut self, path: &str, value: OwnedValue) -> Result<(), ReflectError> {
        dyn_set_path_value(self.as_reflect_mut(), path, value)
    }

    /// The present fields as an ordered map, nested messages as nested maps, keyed as `keys`
    /// says. Fields marked `omit_from_map` are left out, at every level.
    #[inline]
    fn to_map(&self, keys: KeyStyle) -> ValueMap {
        message_map(self.as_reflect(), keys, LeaveOut::MAP)
    }

    /// [`to_map`](Self::to_map) without the fields marked `pii`, at every level: for logs
    /// and anything else that must not hold personal data.
    #[inline]
    fn to_map_redacted(&self, keys: KeyStyle) -> ValueMap {
        message_map(
            self.as_reflect(),
            keys,
            LeaveOut {
                omitted: true,
                pii: true,
            },
        )
    }

    /// [`fields`](Self::fields) without the fields marked `pii` (nested messages are
    /// values: walk them the same way, or use [`to_map_redacted`](Self::to_map_redacted)).
    #[inline]
    fn fields_redacted(&self) -> impl Iterator<Item = (&'static FieldInfo, Value<'_>)>
    where
        Self: Sized,
    {
        self.fields().filter(|(field, _)| !field.options.pii)
    }

    /// Builds a message from a map with keys by proto name or JSON name, as
    /// [`to_map`](Self::to_map) gives: `from_map(m.to_map(..))` equals `m` but for the fields
    /// marked `omit_from_map`. A field given twice (by proto and JSON name), or two members of
    /// one oneof, is an error.
    #[inline]
    fn from_map(map: ValueMap) -> Result<Self, ReflectError>
    where
        Self: Sized + Default,
    {
        let mut msg = Self::default();
        assign_map(&mut msg, map)?;
        Ok(msg)
    }
}
// The bodies of `Reflect`'s cold provided methods, compiled once here over `&dyn Reflect`:
// a provided method is instantiated for every generated message (each is in the vtable),
// so its default body is a one-line call. In the example schema's crate (bench build_cost)
// this took the release build's LLVM IR from 209.8k to 175.7k lines (cargo llvm-lines;
// `get_path` alone was 7%) and its clean release build from about 8.9 to 8.4 s. The hot
// methods (`get`, `set_value`, `set_from`, `lookup`, `assign`) stay per type, inlined.

fn dyn_field_info(msg: &dyn Reflect, key: &str) -> Option<&'static FieldInfo> {
    msg.field_index(key).and_then(|i| msg.info().fields.get(i))
}

fn dyn_get_by_number(msg: &dyn Reflect, number: u32) -> Result<Option<Value<'_>>, ReflectError> {
    match msg.info().index_of_number(number) {
        Some(i) => Ok(msg.get_at(i)),
        None => Err(ReflectError::new(
            msg.info().full_name,
            number.to_string(),
            ReflectErrorKind::UnknownNumber(number),
        )),
    }
}

fn dyn_get_or_default<'m>(msg: &'m dyn Reflect, key: &str) -> Result<Value<'m>, ReflectError> {
    let i = msg
        .field_index(key)
        .ok_or_else(|| unknown_field(msg.info(), key))?;
    Ok(msg.get_at(i).unwrap_or_else(|| msg.default_at(i)))
}

fn dyn_default_at(msg: &dyn Reflect, index: usize) -> Value<'static> {
    msg.message_default(index)
        .or_else(|| msg.info().fields.get(index).and_then(scalar_default))
        .unwrap_or(Value::Bool(false))
}

fn dyn_has(msg: &dyn Reflect, key: &str) -> Result<bool, ReflectError> {
    let i = msg
        .field_index(key)
        .ok_or_else(|| unknown_field(msg.info(), key))?;
    Ok(msg.has_at(i))
}

fn dyn_has_at(msg: &dyn Reflect, index: usize) -> bool {
    match (msg.info().fields.get(index), msg.get_at(index)) {
        (Some(f), Some(v)) => is_present(f, &v),
        _ => false,
    }
}

fn dyn_clear_field(msg: &mut dyn Reflect, key: &str) -> Result<(), ReflectError> {
    let i = msg
        .field_index(key)
        .ok_or_else(|| unknown_field(msg.info(), key))?;
    msg.clear_at(i);
    Ok(())
}

fn dyn_get_mut<'m>(
    msg: &'m mut dyn Reflect,
    key: &str,
) -> Result<Option<ValueMut<'m>>, ReflectError> {
    let i = msg
        .field_index(key)
        .ok_or_else(|| unknown_field(msg.info(), key))?;
    let owner = Owner {
        message: msg.info().full_name,
    };
    Ok(msg.mut_at(i).map(|v| with_owner(v, owner)))
}

fn dyn_get_path<'m>(msg: &'m dyn Reflect, path: &str) -> Result<Option<Value<'m>>, ReflectError> {
    let root = msg.info().full_name;
    // The whole path must parse, and every name must exist, whether or not the
    // fields on the way are set.
    if let Some(Err((position, reason))) = segments(path).find(Result::is_err) {
        return Err(ReflectError::new(
            root,
            path,
            ReflectErrorKind::BadPath { position, reason },
        ));
    }
    let mut msg = msg;
    let mut found = true;
    for seg in segments(path).flatten() {
        let at = &path[..seg.end];
        let i = msg
            .field_index(seg.name)
            .ok_or_else(|| ReflectError::new(root, at, ReflectErrorKind::UnknownField))?;
        let last = seg.end == path.len();
        let mut value = match msg.get_at(i).filter(|_| found) {
            Some(v) => v,
            None => {
                // Unset: keep checking the names below through the field's default.
                found = false;
                msg.default_at(i)
            }
        };
        if let Some(index) = &seg.index {
            let element = match value {
                Value::List(list) => list.get(list_index(index, root, at)?),
                Value::Map(map) => map.get(lookup_key(index, map.field(), root, at)?),
                other => {
                    return Err(not_navigable(root, at, &other.type_name(), "a list or map"));
                }
            };
            match element {
                Some(v) => value = v,
                // No element to look into: the rest cannot be checked.
                None => return Ok(None),
            }
        }
        if last {
            return Ok(found.then_some(value));
        }
        match value {
            Value::Message(m) => msg = m,
            other => return Err(not_navigable(root, at, &other.type_name(), "a message")),
        }
    }
    Ok(None)
}

fn dyn_set_path_value(
    msg: &mut dyn Reflect,
    path: &str,
    value: OwnedValue,
) -> Result<(), ReflectError> {
    let root = msg.info().full_name;
    let segments = parse_path(path).map_err(|(position, reason)| {
        ReflectError::new(root, path, ReflectErrorKind::BadPath { position, reason })
    })?;
    set_segments(msg, &segments, value, root, path)
}

/// Setters that take anything convertible to an [`OwnedValue`] (`7`, `"text"`, `vec![1u8]`),
/// for concrete messages and `dyn Reflect` alike.
pub trait ReflectExt: Reflect {
    /// Sets a field by proto name or JSON name, converting `value` losslessly; on error the
    /// message is unchanged.
    #[inline]
    fn set(&mut self, key: &str, value: impl Into<OwnedValue>) -> Result<(), ReflectError> {
        self.set_value(key, value.into())
    }

    /// Sets the value at a path; see [`Reflect::set_path_value`].
    fn set_path(&mut self, path: &str, value: impl Into<OwnedValue>) -> Result<(), ReflectError> {
        self.set_path_value(path, value.into())
    }
}

impl<T: Reflect + ?Sized> ReflectExt for T {}

/// Which fields an owned map leaves out, at every level.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LeaveOut {
    /// Fields marked `omit_from_map`.
    pub omitted: bool,
    /// Fields marked `pii`.
    pub pii: bool,
}

impl LeaveOut {
    pub(crate) const NOTHING: LeaveOut = LeaveOut {
        omitted: false,
        pii: false,
    };

    /// What `to_map` leaves out: `omit_from_map` fields.
    const MAP: LeaveOut = LeaveOut {
        omitted: true,
        pii: false,
    };

    #[inline]
    fn drops(self, field: &FieldInfo) -> bool {
        (self.omitted && field.options.omit_from_map) || (self.pii && field.options.pii)
    }
}

/// The present fields of `msg` as a map, without those `leave` leaves out.
///
/// The fields come in number order. For a message of at most 64 fields, each field's rank in
/// key order (from the message's tables) is a bit of a mask, so an entry's place in the map
/// is the count of bits below its own, and the entries are swapped into place: keys are
/// compared only once each, to check the result ([`ValueMap::from_entries`], which sorts by
/// key when the ranks are unknown or wrong). `to_map` of the benchmark event: 29.6k
/// instructions into a `BTreeMap`, 24.0k sorting (rank, position) pairs, 21.5k this way
/// (callgrind), 19.3k with the vector started at 16 entries rather than one per field (a
/// request over 1 KiB made glibc's malloc consolidate its free lists on every call).
pub(crate) fn message_map(msg: &dyn Reflect, keys: KeyStyle, leave: LeaveOut) -> ValueMap {
    ValueMap::from_entries(ranked_entries(msg, keys, leave).0)
}

/// `to_map` by the generated rank tables alone: `None` when the top level needed the sort by
/// key that `to_map` falls back on (a rank table missing or wrong, more than 64 fields). For
/// tests, which check that the tables keep `to_map` on its fast path: the result is right
/// either way, so nothing else would show it.
#[doc(hidden)]
pub fn to_map_by_ranks(msg: &dyn Reflect, keys: KeyStyle) -> Option<ValueMap> {
    let (entries, ranked) = ranked_entries(msg, keys, LeaveOut::MAP);
    (ranked && entries.is_sorted_by(|a, b| a.0 < b.0)).then(|| ValueMap::from_entries(entries))
}

/// The entries of [`message_map`], put in rank order when the second item is true; in
/// number order (or part way) otherwise.
fn ranked_entries(
    msg: &dyn Reflect,
    keys: KeyStyle,
    leave: LeaveOut,
) -> (Vec<(Cow<'static, str>, OwnedValue)>, bool) {
    let info = msg.info();
    let table = match keys {
        KeyStyle::ProtoName => info.name_ranks,
        KeyStyle::JsonName if info.json_ranks.is_empty() => info.name_ranks,
        KeyStyle::JsonName => info.json_ranks,
    };
    let mut entries = Vec::with_capacity(info.fields.len().min(16));
    // Entry `i`'s rank, while every rank is below 64; then the mask of them all.
    let mut ranks = [0u8; 64];
    let mut mask = 0u64;
    let mut ranked = info.fields.len() <= 64;
    // Where to look for the next field's index.
    let mut at = 0;
    msg.for_each_field(&mut |field, value| {
        if leave.drops(field) {
            return;
        }
        if ranked {
            let index = info.index_near(field.number, at);
            at = index.map_or(at, |i| i + 1);
            let rank = match index {
                Some(i) if table.is_empty() => i,
                Some(i) => table.get(i).map_or(usize::MAX, |&r| r as usize),
                None => usize::MAX,
            };
            // A rank out of range or seen twice (a visit out of number order, a wrong
            // table): no ranks, `from_entries` sorts.
            match ranks.get_mut(entries.len()) {
                Some(slot) if rank < 64 && mask & (1 << rank) == 0 => {
                    *slot = rank as u8;
                    mask |= 1 << rank;
                }
                _ => ranked = false,
            }
        }
        entries.push((Cow::Borrowed(keys.key_of(field)), value.owned(keys, leave)));
    });
    if ranked {
        let n = entries.len();
        crate::value::put_in_rank_order(&mut entries, &mut ranks[..n], mask);
    }
    (entries, ranked)
}

/// Iterator over `(field, value)` pairs in field-number order, from [`Reflect::fields`].
pub struct Fields<'a> {
    msg: &'a dyn Reflect,
    /// The next position in field-number order (for present fields, where the next batch
    /// starts; `usize::MAX` when the message has no more).
    next: usize,
    defaults: bool,
    /// How many items of `batch` were handed out.
    taken: usize,
    batch: FieldBatch<'a>,
}

impl<'a> Fields<'a> {
    #[inline(always)]
    fn new(msg: &'a dyn Reflect, defaults: bool) -> Self {
        Fields {
            msg,
            next: 0,
            defaults,
            taken: 0,
            batch: FieldBatch::new(),
        }
    }

    /// The next item once the batch is used up: gathers the next batch (or, with defaults,
    /// reads the next field).
    #[inline(always)]
    fn refill(&mut self) -> Option<(&'static FieldInfo, Value<'a>)> {
        if self.defaults {
            let (next, item) = next_with_default(self.msg, self.next);
            self.next = next;
            return item;
        }
        while self.next != usize::MAX {
            self.gather();
            if self.batch.len > 0 {
                self.taken = 1;
                return self.batch.items[0];
            }
        }
        None
    }

    /// Replaces the batch with the next one from the message, none of it handed out yet.
    #[inline(always)]
    fn gather(&mut self) {
        // Emptied first: an override of `fields_from` that returns without filling the
        // batch must not hand out the previous batch again.
        self.batch.len = 0;
        self.next = self.msg.fields_from(self.next, &mut self.batch);
        // The slot after the last item ends the batch for `next` (a full batch ends at its
        // end), so that `next` needs only the position.
        if let Some(slot) = self.batch.items.get_mut(self.batch.len) {
            *slot = None;
        }
        self.taken = 0;
    }
}

/// Every field from position `next` on, unset ones with their defaults, one `get_at` each:
/// the next item of [`Reflect::fields_with_defaults`], with the position to go on from.
/// The position goes in and out by value: given `&mut self.next`, this out-of-line call made
/// the present-fields `next` copy each item through a temporary as well (a `for` loop over
/// the example event: 863 → 792 instructions, 73 → 57 ns at its fastest).
fn next_with_default<'a>(
    msg: &'a dyn Reflect,
    mut next: usize,
) -> (usize, Option<(&'static FieldInfo, Value<'a>)>) {
    let info = msg.info();
    while let Some(i) = info.nth_by_number(next) {
        next += 1;
        let Some(field) = info.fields.get(i) else {
            continue;
        };
        match msg.get_at(i) {
            Some(v) => return (next, Some((field, v))),
            None if field.oneof.is_none() => return (next, Some((field, msg.default_at(i)))),
            None => {}
        }
    }
    (next, None)
}

impl<'a> Iterator for Fields<'a> {
    type Item = (&'static FieldInfo, Value<'a>);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if let Some(Some(item)) = self.batch.items.get(self.taken) {
            self.taken += 1;
            return Some(*item);
        }
        self.refill()
    }

    /// Internal iteration (`for_each`, `sum`, `map(..).fold(..)` and the like): each batch is
    /// walked as a slice, with no position kept in the iterator between items.
    #[inline]
    fn fold<B, F>(mut self, init: B, mut f: F) -> B
    where
        F: FnMut(B, Self::Item) -> B,
    {
        let mut acc = init;
        if self.defaults {
            loop {
                let (next, item) = next_with_default(self.msg, self.next);
                self.next = next;
                match item {
                    Some(item) => acc = f(acc, item),
                    None => return acc,
                }
            }
        }
        loop {
            let batch = self
                .batch
                .items
                .get(self.taken..self.batch.len)
                .unwrap_or_default();
            for item in batch.iter().flatten() {
                acc = f(acc, *item);
            }
            if self.next == usize::MAX {
                return acc;
            }
            self.gather();
        }
    }
}

/// How many fields one [`Reflect::fields_from`] call gathers: enough for the present
/// fields of most messages in one call.
const BATCH: usize = 32;

/// Present fields gathered by [`Reflect::fields_from`] for the [`Fields`] iterator.
#[doc(hidden)]
pub struct FieldBatch<'a> {
    pub(crate) items: [Option<(&'static FieldInfo, Value<'a>)>; BATCH],
    pub(crate) len: usize,
}

impl<'a> FieldBatch<'a> {
    #[inline(always)]
    pub(crate) fn new() -> Self {
        FieldBatch {
            items: std::array::from_fn(|_| None),
            len: 0,
        }
    }

    /// Starts filling the batch from its first slot.
    #[inline(always)]
    pub fn fill(&mut self) -> BatchFill<'_, 'a> {
        BatchFill {
            batch: self,
            len: 0,
        }
    }
}

/// Fills a [`FieldBatch`], counting in a local that the batch gets when this is dropped
/// (kept in the batch, the count would be stored and loaded again around every item).
#[doc(hidden)]
pub struct BatchFill<'b, 'a> {
    batch: &'b mut FieldBatch<'a>,
    len: usize,
}

impl<'a> BatchFill<'_, 'a> {
    /// Adds a field; true when the batch is now full.
    #[inline(always)]
    pub fn push(&mut self, field: &'static FieldInfo, value: Value<'a>) -> bool {
        if let Some(slot) = self.batch.items.get_mut(self.len) {
            *slot = Some((field, value));
            self.len += 1;
        }
        self.len >= BATCH
    }
}

impl Drop for BatchFill<'_, '_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.batch.len = self.len;
    }
}

/// Presence of a field that has a value (see [`Reflect`]).
#[inline(always)]
pub fn is_present(field: &FieldInfo, value: &Value<'_>) -> bool {
    match field.cardinality {
        Cardinality::Implicit | Cardinality::Repeated | Cardinality::Map(_) => !value.is_default(),
        Cardinality::Optional | Cardinality::Required => true,
    }
}

/// The default of a non-message singular field from its table entry.
pub fn scalar_default(field: &'static FieldInfo) -> Option<Value<'static>> {
    use crate::element::Element;
    Some(match field.kind {
        Kind::Double => f64::default_value(field),
        Kind::Float => f32::default_value(field),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => i64::default_value(field),
        Kind::Uint64 | Kind::Fixed64 => u64::default_value(field),
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 | Kind::Enum(_) => i32::default_value(field),
        Kind::Uint32 | Kind::Fixed32 => u32::default_value(field),
        Kind::Bool => bool::default_value(field),
        Kind::String => String::default_value(field),
        Kind::Bytes => Vec::<u8>::default_value(field),
        Kind::Message(_) | Kind::Group(_) => return None,
    })
}

#[cold]
pub(crate) fn unknown_field(info: &'static MessageInfo, key: &str) -> ReflectError {
    ReflectError::new(info.full_name, key, ReflectErrorKind::UnknownField)
}

fn not_navigable(root: &'static str, at: &str, is: &str, wanted: &str) -> ReflectError {
    ReflectError::new(
        root,
        at,
        ReflectErrorKind::NotNavigable {
            reason: format!("is {is}, not {wanted}"),
        },
    )
}

/// A [`ValueError`] at `key` of `message`, with nested errors' keys joined into one path.
#[cold]
pub(crate) fn value_error(message: &'static str, key: &str, e: ValueError) -> ReflectError {
    match e {
        ValueError::Nested(inner) => inner.within(message, key),
        ValueError::Element { at, source } => value_error(message, &format!("{key}{at}"), *source),
        other => ReflectError::new(message, key, ReflectErrorKind::Value(other)),
    }
}

fn with_owner(v: ValueMut<'_>, owner: Owner) -> ValueMut<'_> {
    match v {
        ValueMut::List(l) => ValueMut::List(l.with_owner(owner)),
        ValueMut::Map(m) => ValueMut::Map(m.with_owner(owner)),
        other => other,
    }
}

/// Sets the fields of a map into a message, checking that at most one member of each oneof
/// is given. Used on fresh messages only, so an error leaves nothing half-built behind.
pub(crate) fn assign_map(msg: &mut dyn Reflect, map: ValueMap) -> Result<(), ReflectError> {
    let info = msg.info();
    let mut oneof_set: Vec<(usize, &'static str)> = Vec::new();
    let mut seen: Vec<(usize, Cow<'static, str>)> = Vec::new();
    for (key, value) in map {
        let i = msg
            .field_index(&key)
            .ok_or_else(|| unknown_field(info, &key))?;
        if let Some((_, first)) = seen.iter().find(|(j, _)| *j == i) {
            return Err(ReflectError::new(
                info.full_name,
                key.as_ref(),
                ReflectErrorKind::DuplicateField {
                    first: first.to_string(),
                },
            ));
        }
        seen.push((i, key.clone()));
        let field = info.fields.get(i);
        if let Some(oneof) = field.and_then(|f| f.oneof) {
            if let Some((_, first)) = oneof_set.iter().find(|(o, _)| *o == oneof) {
                let name = info.oneofs.get(oneof).map_or("", |o| o.name);
                return Err(ReflectError::new(
                    info.full_name,
                    key.as_ref(),
                    ReflectErrorKind::OneofConflict { oneof: name, first },
                ));
            }
            oneof_set.push((oneof, field.map_or("", |f| f.name)));
        }
        msg.set_at(i, value)
            .map_err(|e| value_error(info.full_name, &key, e))?;
    }
    Ok(())
}

fn list_index(index: &Index<'_>, root: &'static str, at: &str) -> Result<usize, ReflectError> {
    match index {
        // An index past `usize` is past the end of any list: `usize::MAX` finds nothing.
        Index::Number(n) if *n >= 0 => Ok(usize::try_from(*n).unwrap_or(usize::MAX)),
        Index::Number(n) => Err(ReflectError::new(
            root,
            at,
            ReflectErrorKind::NotNavigable {
                reason: format!("list index {n} is negative"),
            },
        )),
        _ => Err(ReflectError::new(
            root,
            at,
            ReflectErrorKind::NotNavigable {
                reason: "is a list, indexed by a number".to_string(),
            },
        )),
    }
}

fn map_key(
    index: &Index<'_>,
    field: &'static FieldInfo,
    root: &'static str,
    at: &str,
) -> Result<MapKey, ReflectError> {
    let key_kind = match field.cardinality {
        Cardinality::Map(k) => k,
        _ => Kind::String,
    };
    let bad = || {
        ReflectError::new(
            root,
            at,
            ReflectErrorKind::NotNavigable {
                reason: format!("is a map with {} keys", key_kind.proto_name()),
            },
        )
    };
    match (index, key_kind) {
        (Index::Str(s), Kind::String) => Ok(MapKey::String(s.to_string())),
        (Index::Bool(b), Kind::Bool) => Ok(MapKey::Bool(*b)),
        (Index::Number(n), Kind::Int32 | Kind::Sint32 | Kind::Sfixed32) => {
            i32::try_from(*n).map(MapKey::I32).map_err(|_| bad())
        }
        (Index::Number(n), Kind::Int64 | Kind::Sint64 | Kind::Sfixed64) => {
            i64::try_from(*n).map(MapKey::I64).map_err(|_| bad())
        }
        (Index::Number(n), Kind::Uint32 | Kind::Fixed32) => {
            u32::try_from(*n).map(MapKey::U32).map_err(|_| bad())
        }
        (Index::Number(n), Kind::Uint64 | Kind::Fixed64) => {
            u64::try_from(*n).map(MapKey::U64).map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

/// The key an index gives for a lookup, borrowed from the path (no allocation).
fn lookup_key<'p>(
    index: &'p Index<'_>,
    field: &'static FieldInfo,
    root: &'static str,
    at: &str,
) -> Result<KeyRef<'p>, ReflectError> {
    if let (Index::Str(s), Cardinality::Map(Kind::String)) = (index, field.cardinality) {
        return Ok(KeyRef::String(s));
    }
    map_key(index, field, root, at).map(|k| match k {
        MapKey::Bool(v) => KeyRef::Bool(v),
        MapKey::I32(v) => KeyRef::I32(v),
        MapKey::I64(v) => KeyRef::I64(v),
        MapKey::U32(v) => KeyRef::U32(v),
        MapKey::U64(v) => KeyRef::U64(v),
        MapKey::String(_) => KeyRef::String(""),
    })
}

/// The key an index gives inside a message that does not exist yet (so its field types are
/// not at hand): the conversion on `set_at` checks it against the real key type. A number
/// that fits no integer key type is an error here.
fn detached_key(index: &Index<'_>, root: &'static str, at: &str) -> Result<MapKey, ReflectError> {
    Ok(match index {
        Index::Str(s) => MapKey::String(s.to_string()),
        Index::Bool(b) => MapKey::Bool(*b),
        Index::Number(n) => match (i64::try_from(*n), u64::try_from(*n)) {
            (Ok(v), _) => MapKey::I64(v),
            (_, Ok(v)) => MapKey::U64(v),
            _ => {
                return Err(ReflectError::new(
                    root,
                    at,
                    ReflectErrorKind::NotNavigable {
                        reason: format!("key {n} fits no integer key type"),
                    },
                ));
            }
        },
    })
}

/// The value that sets `segments` inside a message that is not set yet: nested maps.
fn detached(
    segments: &[Segment<'_>],
    value: OwnedValue,
    root: &'static str,
    path: &str,
) -> Result<OwnedValue, ReflectError> {
    segments.iter().rev().try_fold(value, |inner, seg| {
        let inner = match &seg.index {
            Some(index) => {
                let key = detached_key(index, root, &path[..seg.end])?;
                OwnedValue::Map([(key, inner)].into_iter().collect())
            }
            None => inner,
        };
        Ok(OwnedValue::Message(
            [(Cow::Owned(seg.name.to_string()), inner)]
                .into_iter()
                .collect(),
        ))
    })
}

fn set_segments(
    msg: &mut dyn Reflect,
    segments: &[Segment<'_>],
    value: OwnedValue,
    root: &'static str,
    path: &str,
) -> Result<(), ReflectError> {
    let Some((seg, rest)) = segments.split_first() else {
        return Ok(());
    };
    let at = &path[..seg.end];
    let i = msg
        .field_index(seg.name)
        .ok_or_else(|| ReflectError::new(root, at, ReflectErrorKind::UnknownField))?;
    let field = msg.info().fields.get(i);
    let Some(index) = &seg.index else {
        if rest.is_empty() {
            return msg.set_at(i, value).map_err(|e| value_error(root, at, e));
        }
        let is_message = field.is_some_and(|f| {
            f.kind.is_message()
                && !matches!(f.cardinality, Cardinality::Repeated | Cardinality::Map(_))
        });
        if !is_message {
            let is = field.map_or_else(String::new, |f| f.type_name());
            return Err(not_navigable(root, at, &is, "a message"));
        }
        return match msg.mut_at(i) {
            Some(ValueMut::Message(m)) => set_segments(m, rest, value, root, path),
            Some(_) => {
                let is = field.map_or_else(String::new, |f| f.type_name());
                Err(not_navigable(root, at, &is, "a message"))
            }
            None => msg
                .set_at(i, detached(rest, value, root, path)?)
                .map_err(|e| value_error(root, at, e)),
        };
    };
    match msg.mut_at(i) {
        Some(ValueMut::List(mut list)) => {
            let n = list_index(index, root, at)?;
            if rest.is_empty() {
                return list.set_raw(n, value).map_err(|e| value_error(root, at, e));
            }
            let len = list.len();
            match list.get_mut(n) {
                Some(ValueMut::Message(m)) => set_segments(m, rest, value, root, path),
                _ if n >= len => Err(value_error(
                    root,
                    at,
                    ValueError::IndexOutOfRange { index: n, len },
                )),
                _ => Err(not_navigable(
                    root,
                    at,
                    "a list of scalars",
                    "a list of messages",
                )),
            }
        }
        Some(ValueMut::Map(mut map)) => {
            let key = map_key(index, map.field(), root, at)?;
            if !rest.is_empty() {
                if let Some(ValueMut::Message(m)) = map.get_mut(key.as_key_ref()) {
                    return set_segments(m, rest, value, root, path);
                }
                if map.get(key.as_key_ref()).is_some() {
                    return Err(not_navigable(
                        root,
                        at,
                        "a map of scalars",
                        "a map of messages",
                    ));
                }
            }
            let value = if rest.is_empty() {
                value
            } else {
                detached(rest, value, root, path)?
            };
            map.insert_raw(key, value)
                .map_err(|e| value_error(root, at, e))
        }
        _ => {
            let is = field.map_or_else(String::new, |f| f.type_name());
            Err(not_navigable(root, at, &is, "a list or map"))
        }
    }
}

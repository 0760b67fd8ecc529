//! The flattening walk: one pass over the present fields in field-number order, keys from the
//! generated table when there is one, else from the same rules at run time.

use std::borrow::Cow;

use base64::Engine;

use super::key::{
    KeyCheck, check_clean_key, check_event_name, check_key, clean, clean_join, clean_join_into,
    field_key_cleaned, plain_join, plain_join_into, segment,
};
use super::profile::{
    BoolFormat, BytesFormat, DurationFormat, Maps, Nesting, OnViolation, Profile, Repeated,
    TimestampFormat, U64Format,
};
use super::properties::{
    Adjustment, AdjustmentKind, Coercion, DropReason, VendorError, VendorProperties, VendorValue,
};
use super::table::{EventName, FieldKey, VendorTable};
use crate::meta::FieldInfo;
use crate::reflect::{FieldBatch, Reflect};
use crate::value::Value;

type Entries<'a> = Vec<(Cow<'static, str>, VendorValue<'a>)>;

/// The longest key prefix made on the stack (longer ones are allocated).
const PREFIX_MAX: usize = 128;

/// Whether fields marked `pii` are sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Pii {
    /// Left out (the default).
    #[default]
    Exclude,
    /// Sent like any other field: the caller has the user's consent.
    Include,
}

/// The properties of `msg` for `profile`; see the [module documentation](super).
pub fn properties<'a>(
    msg: &'a dyn Reflect,
    profile: &Profile,
    pii: Pii,
) -> Result<VendorProperties<'a>, VendorError> {
    let table = profile.builtin().and_then(|b| msg.vendor_table(b));
    let schema_keys = table.is_none();
    finish(&mut Walk::new(profile, pii, true, schema_keys), msg, table)
}

/// [`properties`] without the generated code: every key computed at run time and every
/// field read through [`Reflect::fields_from`]. The result is the same; tests compare the
/// two.
#[doc(hidden)]
pub fn properties_without_tables<'a>(
    msg: &'a dyn Reflect,
    profile: &Profile,
    pii: Pii,
) -> Result<VendorProperties<'a>, VendorError> {
    // As `properties` would: recorded when the plugin made no table.
    let schema_keys = profile
        .builtin()
        .and_then(|b| msg.vendor_table(b))
        .is_none();
    finish(&mut Walk::new(profile, pii, false, schema_keys), msg, None)
}

fn finish<'a>(
    walk: &mut Walk<'_>,
    msg: &'a dyn Reflect,
    table: Option<&'static VendorTable>,
) -> Result<VendorProperties<'a>, VendorError> {
    let mut entries = Vec::with_capacity(msg.info().fields.len());
    match walk.top(msg, table, &mut entries) {
        Ok(()) => {}
        Err(Halt) => {
            return Err(walk.error.take().unwrap_or(VendorError::NoEventName {
                message: msg.info().full_name,
            }));
        }
    }
    let event_name = walk.event_name.take().ok_or(VendorError::NoEventName {
        message: msg.info().full_name,
    })?;
    let mut adjustments = std::mem::take(&mut walk.event_name_changes);
    if adjustments.is_empty() {
        adjustments = std::mem::take(&mut walk.adjustments);
    } else {
        adjustments.append(&mut walk.adjustments);
    }
    Ok(VendorProperties {
        event_name,
        entries,
        adjustments,
    })
}

/// The walk stopped: the error is in [`Walk::error`]. Keeping the error out of the return
/// values keeps every `Result` here as small as the value it carries.
#[doc(hidden)]
#[derive(Debug)]
pub struct Halt;

/// One message's place in the walk, given to its generated
/// [`Reflect::vendor_fields`](crate::Reflect), which hands it each present field.
#[doc(hidden)]
pub struct FieldVisit<'v, 'p, 'a> {
    walk: &'v mut Walk<'p>,
    table: Option<&'static VendorTable>,
    prefix: Option<&'v str>,
    depth: usize,
    root: bool,
    out: &'v mut Entries<'a>,
}

/// One out-of-line method of [`FieldVisit`] per kind of value: each holds the walk of one
/// field specialized to its kind, which generated code reaches through the inline
/// [`FieldVisit::field`] without building or matching a [`Value`] at run time.
macro_rules! typed_fields {
    ($($method:ident($variant:ident: $ty:ty);)*) => {
        impl<'a> FieldVisit<'_, '_, 'a> {
            /// The present field at `index` of the message's fields, with its value.
            #[inline(always)]
            pub fn field(
                &mut self,
                index: usize,
                field: &'static FieldInfo,
                value: Value<'a>,
            ) -> Result<(), Halt> {
                match value {
                    $(Value::$variant(v) => self.$method(index, field, v),)*
                    other => self.other(index, field, other),
                }
            }

            $(
                #[inline(never)]
                fn $method(&mut self, index: usize, field: &'static FieldInfo, v: $ty) -> Flow<()> {
                    // A key from the table and a value that needs no change: stored here, in
                    // a function small enough for `Vec::push` to be inlined (out of line, it
                    // copied each entry from the stack with wider loads than its stores, a
                    // store-forwarding stall per property).
                    if let Some(key) = self.table_key(index)
                        && push_plain(self.walk.profile, self.out, key, Value::$variant(v))
                    {
                        return Ok(());
                    }
                    self.other(index, field, Value::$variant(v))
                }
            )*

            #[inline(never)]
            fn other(&mut self, index: usize, field: &'static FieldInfo, v: Value<'a>) -> Flow<()> {
                self.walk.present(
                    index, field, v, self.table, self.prefix, self.depth, self.root, self.out,
                )
            }

            /// The key the table gives the field at `index`, when it is sent under it.
            #[inline(always)]
            fn table_key(&self, index: usize) -> Option<&'static str> {
                match self.table.filter(|t| !t.relative).and_then(|t| t.fields.get(index)) {
                    Some(FieldKey::Key { key, pii, nested: None })
                        if !*pii || self.walk.pii == Pii::Include =>
                    {
                        Some(key)
                    }
                    _ => None,
                }
            }
        }
    };
}

/// Appends `(key, value())` to `out`, the value made once there is room. `Vec::push` may
/// grow the vector (a call) before it writes, so an entry given to it is built on the stack
/// first (kept there to be dropped should growing panic) and copied in with wider loads than
/// the stores that built it: a store-forwarding stall per property (perf). Made past a check
/// that there is room, where `push` calls nothing, the entry is written into the vector
/// directly. Firebase properties of the benchmark event, the scalar fields of `push_plain`:
/// 1.25-1.28 -> 1.19-1.23 s per million (alternating runs). (Every value written this way,
/// through the sinks too, was slower: 0.60 -> 0.66 s per half million.)
#[inline(always)]
fn push_entry<'a>(
    out: &mut Entries<'a>,
    key: Cow<'static, str>,
    value: impl FnOnce() -> VendorValue<'a>,
) {
    loop {
        if out.len() < out.capacity() {
            return out.push((key, value()));
        }
        out.reserve(1);
    }
}

/// Appends a scalar or enum value under `key` when the profile takes it as it is (no
/// adjustment to record, as [`Walk::scalar`] would send it); false for the rest, which go the
/// general way. Each arm pushes its own variant (see [`push_entry`]).
#[inline(always)]
fn push_plain<'a>(p: &Profile, out: &mut Entries<'a>, key: &'static str, value: Value<'a>) -> bool {
    let fits = |s: &str| p.max_string_len.is_none_or(|max| s.len() <= max);
    let key = Cow::Borrowed(key);
    match value {
        Value::String(s) if fits(s) => push_entry(out, key, || VendorValue::Str(Cow::Borrowed(s))),
        Value::I32(v) => push_entry(out, key, || VendorValue::Int(i64::from(v))),
        Value::I64(v) => push_entry(out, key, || VendorValue::Int(v)),
        Value::U32(v) => push_entry(out, key, || VendorValue::Int(i64::from(v))),
        Value::U64(v) if p.u64s == U64Format::IntOrString => match i64::try_from(v) {
            Ok(v) => push_entry(out, key, || VendorValue::Int(v)),
            Err(_) => return false,
        },
        Value::F64(v) if v.is_finite() => push_entry(out, key, || VendorValue::Double(v)),
        Value::F32(v) if v.is_finite() => {
            push_entry(out, key, || VendorValue::Double(f64::from(v)));
        }
        Value::Bool(b) => match p.bools {
            BoolFormat::Bool => push_entry(out, key, || VendorValue::Bool(b)),
            BoolFormat::Int => push_entry(out, key, || VendorValue::Int(i64::from(b))),
            BoolFormat::String => {
                let text = if b { "true" } else { "false" };
                if !fits(text) {
                    return false;
                }
                push_entry(out, key, || VendorValue::Str(Cow::Borrowed(text)));
            }
        },
        Value::Enum(e) => match e.name() {
            Some(name) if fits(name) => {
                push_entry(out, key, || VendorValue::Str(Cow::Borrowed(name)));
            }
            Some(_) => return false,
            None => push_entry(out, key, || VendorValue::Int(i64::from(e.number))),
        },
        _ => return false,
    }
    true
}

typed_fields! {
    string(String: &'a str);
    bool(Bool: bool);
    i32(I32: i32);
    i64(I64: i64);
    u32(U32: u32);
    u64(U64: u64);
    f32(F32: f32);
    f64(F64: f64);
    enumeration(Enum: crate::value::EnumValue);
    message(Message: &'a dyn Reflect);
}

type Flow<T> = Result<T, Halt>;

/// A field's key, from the table or computed.
enum Slot {
    Omit,
    Body,
    Key {
        key: Cow<'static, str>,
        pii: bool,
        nested: Option<&'static VendorTable>,
    },
}

struct Walk<'p> {
    profile: &'p Profile,
    pii: Pii,
    /// Use the generated tables and `vendor_fields` (false: compute every key and read
    /// fields through `fields_from`, the reference the tests compare with).
    tables: bool,
    /// Record a field's key rewritten or cut by the rules as an adjustment: no plugin check
    /// reported it at generation time (a custom profile, or a built-in one the plugin made
    /// no table for).
    schema_keys: bool,
    /// How many keys made from data (a list index, a map key) the walk is below in a flat
    /// profile: a field's key there is cut or not by the data, so a cut is recorded even
    /// where the plugin's tables vouch for the rest.
    data_prefix: usize,
    event_name: Option<Cow<'static, str>>,
    /// How the rules changed `event_name` where no plugin check saw it (`schema_keys`):
    /// kept with the name, since an event member's name replaces the envelope's, and put
    /// first in the adjustments when the walk ends.
    event_name_changes: Vec<Adjustment>,
    adjustments: Vec<Adjustment>,
    /// The root's table is one the plugin found free of key clashes.
    trusted: bool,
    /// Why the walk stopped, when it did.
    error: Option<VendorError>,
    /// A key made at run time was rewritten or cut, keys were made from a `Struct`,
    /// `ListValue` or `Value`, or a map key holding the separator has a message: keys may
    /// meet even where the plugin proved them apart ([`VendorTable::keys_apart`]).
    unsure: bool,
    /// The keys of the nested objects and list elements being filled, each followed by `.`,
    /// so that an adjustment inside names its whole path (`device.os`, `tags[3]`).
    scope: String,
}

// Keys travel as `&Cow<'static, str>`: recording an adjustment for a key from a generated
// table clones the borrowed `&'static str`, with no copy of the text.
#[allow(clippy::ptr_arg)]
impl<'p> Walk<'p> {
    fn new(profile: &'p Profile, pii: Pii, tables: bool, schema_keys: bool) -> Self {
        Walk {
            profile,
            pii,
            tables,
            schema_keys,
            data_prefix: 0,
            event_name: None,
            event_name_changes: Vec::new(),
            adjustments: Vec::new(),
            trusted: false,
            unsure: false,
            error: None,
            scope: String::new(),
        }
    }

    /// The whole walk of the event root: its name, its fields, then the key and count rules
    /// over the result.
    fn top<'a>(
        &mut self,
        msg: &'a dyn Reflect,
        table: Option<&'static VendorTable>,
        entries: &mut Entries<'a>,
    ) -> Flow<()> {
        // Set before the walk: the plugin checked the keys of the nested objects it fills
        // with the root's (a body member's with its own table: see `slotted`).
        self.trusted = table.is_some_and(|t| !t.clashes);
        self.own_event_name(msg, table)?;
        self.message(msg, table, None, 1, true, entries)?;
        // Firebase properties of the benchmark event (keys from map entries and a list of
        // messages), with the comparison skipped: ratio to the hand-written floor 0.405 ->
        // 0.444, to `to_map` + flatten 3.08 -> 3.45 (quick runs of the vendor bench).
        let apart = self.trusted && table.is_some_and(|t| t.keys_apart) && !self.unsure;
        if !apart {
            self.dedupe(entries, self.trusted)?;
        }
        if let Some(max) = self.profile.max_properties
            && entries.len() > max
        {
            self.adjustments.reserve(entries.len() - max);
            for (key, _) in entries.drain(max..) {
                self.violation(key, DropReason::CountLimit { max })?;
            }
        }
        Ok(())
    }

    fn fail(&mut self, error: VendorError) -> Halt {
        self.error = Some(error);
        Halt
    }

    /// `key` with the path of the object it is in.
    fn full(&self, key: Cow<'static, str>) -> Cow<'static, str> {
        if self.scope.is_empty() {
            key
        } else {
            Cow::Owned(format!("{}{key}", self.scope))
        }
    }

    /// Enters the nested object under `key`; give the result to [`leave`](Self::leave).
    fn enter(&mut self, key: &str) -> usize {
        let len = self.scope.len();
        self.scope.push_str(key);
        self.scope.push('.');
        len
    }

    fn leave(&mut self, len: usize) {
        self.scope.truncate(len);
    }

    /// Keeps the first of entries with the same key (keys made from map keys, list indexes
    /// or cut to the length limit can meet); the others are dropped and recorded.
    ///
    /// `trusted`: the borrowed keys come from a generated table that the plugin found free of
    /// clashes, so only pairs with a key made at run time (owned) need comparing.
    fn dedupe(&mut self, entries: &mut Entries<'_>, trusted: bool) -> Flow<()> {
        if trusted && !entries.iter().any(|(k, _)| matches!(k, Cow::Owned(_))) {
            return Ok(());
        }
        // The kept keys in a small open-addressing set of fingerprints (on the stack for the
        // usual sizes): one probe per key instead of a compare with every earlier key.
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut stack = [(0u64, 0usize); 128];
        let mut heap = Vec::new();
        let set: &mut [(u64, usize)] = if size <= stack.len() {
            &mut stack[..size]
        } else {
            heap.resize(size, (0, 0));
            &mut heap
        };
        let mask = size - 1;
        let mut n = 0;
        while n < entries.len() {
            let key = &entries[n].0;
            let owned = matches!(key, Cow::Owned(_));
            // 0 marks an empty slot.
            let print = fingerprint(key) | 1;
            let mut slot = (print as usize) & mask;
            let mut dup = false;
            while set[slot].0 != 0 {
                let (p, j) = set[slot];
                if p == print
                    && (!trusted || owned || matches!(entries[j].0, Cow::Owned(_)))
                    && entries[j].0 == *key
                {
                    dup = true;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if dup {
                let (key, _) = entries.remove(n);
                self.violation(key, DropReason::DuplicateKey)?;
            } else {
                set[slot] = (print, n);
                n += 1;
            }
        }
        Ok(())
    }

    fn table_of(&self, msg: &dyn Reflect) -> Option<&'static VendorTable> {
        if !self.tables {
            return None;
        }
        self.profile.builtin().and_then(|b| msg.vendor_table(b))
    }

    /// Takes the event name a message gives itself (from its table or its `event_name`
    /// option) as the event's, when it gives one. Where no plugin check saw the name
    /// (`schema_keys`), a rewrite or cut by the rules is recorded, as for a field's key.
    fn own_event_name(
        &mut self,
        msg: &dyn Reflect,
        table: Option<&'static VendorTable>,
    ) -> Flow<()> {
        let profile = self.profile;
        let error = |name: &str, problem| VendorError::EventName {
            profile: profile.name().to_string(),
            name: name.to_string(),
            problem,
        };
        if let Some(t) = table {
            match t.event_name {
                Some(EventName::Ok(name)) => self.name_event(Cow::Borrowed(name), Vec::new()),
                Some(EventName::Invalid(name, problem)) => {
                    return Err(self.fail(error(name, problem)));
                }
                None => {}
            }
            return Ok(());
        }
        let Some(raw) = msg.info().options.event_name else {
            return Ok(());
        };
        let check = check_event_name(profile, Cow::Borrowed(raw));
        if let Some(problem) = check.problem {
            return Err(self.fail(error(raw, problem)));
        }
        let mut changes = Vec::new();
        if self.schema_keys && (check.rewritten || check.truncated) {
            changes = event_name_changes(profile, raw, &check);
        }
        self.name_event(check.key, changes);
        Ok(())
    }

    fn name_event(&mut self, name: Cow<'static, str>, changes: Vec<Adjustment>) {
        self.event_name = Some(name);
        self.event_name_changes = changes;
    }

    /// Records that `key` is left out, or fails when the profile says so.
    // Inline: called, it took its adjustment built on the stack and copied it into the
    // vector with wider loads than the stores, a store-forwarding stall per dropped property
    // (perf). Firebase properties of the benchmark event (five dropped over the limit of 25):
    // 1162-1179 -> 1089-1102 ns (bench vendor, quick runs).
    #[inline(always)]
    fn violation(&mut self, key: Cow<'static, str>, reason: DropReason) -> Flow<()> {
        let key = self.full(key);
        if self.profile.on_violation == OnViolation::Error {
            let error = VendorError::Violation {
                profile: self.profile.name().to_string(),
                key: key.into_owned(),
                reason,
            };
            return Err(self.fail(error));
        }
        self.adjustments.push(Adjustment {
            key,
            kind: AdjustmentKind::Dropped(reason),
        });
        Ok(())
    }

    fn note(&mut self, key: &Cow<'static, str>, kind: AdjustmentKind) {
        let key = self.full(key.clone());
        self.adjustments.push(Adjustment { key, kind });
    }

    /// Records that the rules rewrote the key of `field` (sent as `key`; `from` is the key
    /// as the schema spells it), or cut it (`cut_from`: the key before the cut), as
    /// [`dynamic_key`](Self::dynamic_key) records them for keys made from data.
    #[cold]
    fn schema_key_changed(
        &mut self,
        field: &'static FieldInfo,
        prefix: Option<&str>,
        key: &Cow<'static, str>,
        rewritten: bool,
        cut_from: Option<String>,
    ) {
        let written = segment(self.profile, field.name, field.options.vendor_key);
        let written = match prefix {
            Some(prefix) => join(prefix, self.profile.separator, &written),
            None => written.into_owned(),
        };
        if rewritten {
            self.note(key, AdjustmentKind::KeyRewritten { from: written });
        }
        if let Some(from) = cut_from {
            self.note(key, AdjustmentKind::KeyTruncated { from });
        }
    }

    /// The key of a field computed from the rules: the same as the plugin's tables.
    fn slot(
        &mut self,
        field: &'static FieldInfo,
        value: &Value<'_>,
        prefix: Option<&str>,
        root: bool,
    ) -> Flow<Option<Slot>> {
        if field.options.omit_from_map {
            return Ok(Some(Slot::Omit));
        }
        if root
            && field.oneof.is_some()
            && value
                .as_message()
                .is_some_and(|m| m.info().options.event_name.is_some())
        {
            return Ok(Some(Slot::Body));
        }
        // A field below a flattened parent whose name the profile keeps as it is (the fields
        // of list elements and map values): the key in one step.
        if let Some(parent) = prefix
            && self.named_plainly(field)
            && let Some(key) = plain_join(self.profile, parent, field.name)
        {
            return Ok(Some(Slot::Key {
                key: Cow::Owned(key),
                pii: field.options.pii,
                nested: None,
            }));
        }
        let (raw, rewritten) =
            field_key_cleaned(self.profile, field.name, field.options.vendor_key, prefix);
        // The segment is clean, and the prefix is a checked key.
        let check = check_clean_key(self.profile, Cow::Borrowed(raw.as_ref()));
        let (problem, truncated) = (check.problem, check.truncated);
        let changed = changed(&raw, check.key);
        let pii = field.options.pii;
        self.unsure |= changed.is_some();
        if pii && self.pii == Pii::Exclude {
            return Ok(None);
        }
        if let Some(problem) = problem {
            self.violation(raw, DropReason::InvalidKey(problem))?;
            return Ok(None);
        }
        // A rewrite depends on the schema alone (the plugin reports it where it made a
        // table); a cut below a key made from data depends on the data too.
        let record_rewrite = self.schema_keys && rewritten;
        let cut_from =
            (truncated && (self.schema_keys || self.data_prefix > 0)).then(|| raw.to_string());
        let key = changed.map_or(raw, Cow::Owned);
        if record_rewrite || cut_from.is_some() {
            self.schema_key_changed(field, prefix, &key, record_rewrite, cut_from);
        }
        Ok(Some(Slot::Key {
            key,
            pii,
            nested: None,
        }))
    }

    fn message<'a>(
        &mut self,
        msg: &'a dyn Reflect,
        table: Option<&'static VendorTable>,
        prefix: Option<&str>,
        depth: usize,
        root: bool,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        if self.tables {
            let mut visit = FieldVisit {
                walk: self,
                table,
                prefix,
                depth,
                root,
                out,
            };
            if msg.vendor_fields(&mut visit)? {
                return Ok(());
            }
        }
        let info = msg.info();
        // Without generated `vendor_fields`: the present fields in number order, gathered a batch at a time by the message's
        // own straight-line code (`fields_from`): one call for most messages, where a
        // `get_at` per field made one call per field, present or not.
        let mut batch = FieldBatch::new();
        let mut next = 0;
        let mut cursor = 0;
        while next != usize::MAX {
            batch.len = 0;
            next = msg.fields_from(next, &mut batch);
            for n in 0..batch.len.min(batch.items.len()) {
                let Some((field, value)) = batch.items[n] else {
                    break;
                };
                cursor = info.index_near(field.number, cursor).unwrap_or(usize::MAX);
                self.present(cursor, field, value, table, prefix, depth, root, out)?;
            }
        }
        Ok(())
    }

    /// One present field of `msg` (see [`message`](Self::message)).
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn present<'a>(
        &mut self,
        i: usize,
        field: &'static FieldInfo,
        value: Value<'a>,
        table: Option<&'static VendorTable>,
        prefix: Option<&str>,
        depth: usize,
        root: bool,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        if let Some(t) = table
            && t.relative
        {
            return match prefix {
                Some(parent) => self.relative(i, field, value, t, parent, depth, out),
                None => self.untabled(field, value, prefix, depth, root, out),
            };
        }
        let slot = match table.and_then(|t| t.fields.get(i)) {
            Some(FieldKey::Omit) => Slot::Omit,
            Some(FieldKey::Body) if root => Slot::Body,
            // A body member's own table was built for it as a root: below the root its
            // event members are plain nested messages, keyed at run time.
            Some(FieldKey::Body) => match self.slot(field, &value, prefix, root)? {
                Some(slot) => slot,
                None => return Ok(()),
            },
            // The common case, handled here: a key from the table.
            Some(FieldKey::Key { key, pii, nested }) => {
                if *pii && self.pii == Pii::Exclude {
                    return Ok(());
                }
                return self.keyed(Cow::Borrowed(key), value, *nested, depth, out);
            }
            Some(FieldKey::Invalid { key, pii, problem }) => {
                if !*pii || self.pii == Pii::Include {
                    self.violation(Cow::Borrowed(key), DropReason::InvalidKey(*problem))?;
                }
                return Ok(());
            }
            None => return self.untabled(field, value, prefix, depth, root, out),
        };
        self.slotted(slot, value, prefix, depth, out)
    }

    /// A field of a message with a [relative](VendorTable::relative) table below `parent`
    /// (see [`present`](Self::present)): its key is `parent`, the separator and the table's
    /// segment when the joined key keeps to the length and reserved-name rules, as the
    /// rules would make it without the table; else the rules make it as they would.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn relative<'a>(
        &mut self,
        i: usize,
        field: &'static FieldInfo,
        value: Value<'a>,
        table: &'static VendorTable,
        parent: &str,
        depth: usize,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        let p = self.profile;
        match table.fields.get(i) {
            Some(FieldKey::Omit) => return Ok(()),
            Some(FieldKey::Key {
                key: segment,
                pii,
                nested,
            }) => {
                // A nested message's key is only the prefix of the keys below: made on the
                // stack.
                if let (Value::Message(m), Some(nested)) = (&value, nested)
                    && self.flattens_plainly(*m, depth)
                {
                    let mut buf = [0u8; PREFIX_MAX];
                    if let Some(prefix) = clean_join_into(p, parent, segment, &mut buf) {
                        if *pii && self.pii == Pii::Exclude {
                            return Ok(());
                        }
                        return self.message(*m, Some(nested), Some(prefix), depth + 1, false, out);
                    }
                } else if let Some(key) = clean_join(p, parent, segment) {
                    if *pii && self.pii == Pii::Exclude {
                        return Ok(());
                    }
                    return self.keyed(Cow::Owned(key), value, *nested, depth, out);
                }
            }
            _ => {}
        }
        self.untabled(field, value, Some(parent), depth, false, out)
    }

    /// A field the table does not key: its key from the rules.
    fn untabled<'a>(
        &mut self,
        field: &'static FieldInfo,
        value: Value<'a>,
        prefix: Option<&str>,
        depth: usize,
        root: bool,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        // A message below a flattened parent (a list element's field), keyed as the field is
        // named: its key, only the prefix of the keys below, is made on the stack (`slot`
        // would allocate it).
        if let (Some(parent), Value::Message(m)) = (prefix, &value)
            && !field.options.omit_from_map
            && !(field.options.pii && self.pii == Pii::Exclude)
            && !(root && field.oneof.is_some() && m.info().options.event_name.is_some())
            && self.flattens_plainly(*m, depth)
            && self.named_plainly(field)
        {
            let mut buf = [0u8; PREFIX_MAX];
            if let Some(prefix) = plain_join_into(self.profile, parent, field.name, &mut buf) {
                return self.message(*m, None, Some(prefix), depth + 1, false, out);
            }
        }
        match self.slot(field, &value, prefix, root)? {
            Some(slot) => self.slotted(slot, value, prefix, depth, out),
            None => Ok(()),
        }
    }

    /// A field's value under the key `slot` gives it.
    fn slotted<'a>(
        &mut self,
        slot: Slot,
        value: Value<'a>,
        prefix: Option<&str>,
        depth: usize,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        match slot {
            Slot::Omit => Ok(()),
            Slot::Body => {
                let Some(member) = value.as_message() else {
                    return Ok(());
                };
                let member_table = self.table_of(member);
                // The member's table was checked in a pass of its own, which can reach keys
                // the root's pass left to the run time (the envelope again, nested in the
                // member): its keys are trusted only when that pass found no clash either.
                self.trusted &= member_table.is_some_and(|t| !t.clashes);
                self.own_event_name(member, member_table)?;
                self.message(member, member_table, prefix, depth, false, out)
            }
            Slot::Key { pii: true, .. } if self.pii == Pii::Exclude => Ok(()),
            Slot::Key { key, nested, .. } => self.keyed(key, value, nested, depth, out),
        }
    }

    /// [`field`](Self::field) for a key from a table, with scalars written here, inlined
    /// where the key is made: perf showed the key passed to the out-of-line `field` stored and
    /// reloaded wider, a store-forwarding stall. Firebase properties of the benchmark event
    /// with static keys, medians of 8 alternating runs: 601 -> 562 ns (7%); the full event
    /// 1956 -> 1916 ns. (Keys made at run time gained nothing this way and stay on `field`.)
    #[inline(always)]
    fn keyed<'a>(
        &mut self,
        key: Cow<'static, str>,
        value: Value<'a>,
        nested: Option<&'static VendorTable>,
        depth: usize,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        if matches!(value, Value::List(_) | Value::Map(_) | Value::Message(_)) {
            return self.field(key, value, nested, depth, out);
        }
        self.leaf(value, Field { out, key })
    }

    /// One present field's value under `key`.
    fn field<'a>(
        &mut self,
        key: Cow<'static, str>,
        value: Value<'a>,
        nested: Option<&'static VendorTable>,
        depth: usize,
        out: &mut Entries<'a>,
    ) -> Flow<()> {
        // The table of a list's elements or a map's values: relative in a profile that
        // flattens them below keys made from their indexes or map keys, else the keys inside
        // the objects they become.
        let (elements, objects) = match nested {
            Some(t) if t.relative => (Some(t), None),
            other => (None, other),
        };
        match value {
            Value::List(list) => match self.profile.repeated {
                Repeated::List => {
                    self.list_value(list.iter(), objects, depth, Field { out, key })?;
                }
                Repeated::Joined if !list.field().kind.is_message() => {
                    let mut text = String::new();
                    // Strings, the common case, joined in one call into one allocation:
                    // Firebase properties of the benchmark event (two tags): 1197-1211 ->
                    // 1152-1159 ns (bench vendor, quick runs).
                    if list.join_strings(&self.profile.join_separator, &mut text) {
                        return self.string(Cow::Owned(text), Field { out, key });
                    }
                    let mut first = true;
                    for item in list.iter() {
                        // A change to an element is a change to the joined property; an
                        // element sent as nothing (omitted bytes) takes no separator.
                        let part = JoinPart {
                            text: &mut text,
                            first: &mut first,
                            separator: &self.profile.join_separator,
                            key: &key,
                        };
                        self.scalar(item, false, part)?;
                    }
                    self.string(Cow::Owned(text), Field { out, key })?;
                }
                Repeated::Joined | Repeated::Indexed => {
                    for (n, item) in list.iter().enumerate() {
                        let mut index = itoa::Buffer::new();
                        let index = index.format(n);
                        // A message element's key (`items_0`) is only the prefix of its
                        // fields' keys: made on the stack (`dynamic_key` allocates it).
                        if let Value::Message(m) = item
                            && self.flattens_plainly(m, depth)
                        {
                            let mut buf = [0u8; PREFIX_MAX];
                            if let Some(prefix) =
                                plain_join_into(self.profile, &key, index, &mut buf)
                            {
                                self.data_prefix += 1;
                                self.message(m, elements, Some(prefix), depth + 1, false, out)?;
                                self.data_prefix -= 1;
                                continue;
                            }
                        }
                        if let Some(k) = self.dynamic_key(&key, index)? {
                            self.data_prefix += 1;
                            self.field(k, item, elements, depth, out)?;
                            self.data_prefix -= 1;
                        }
                    }
                }
            },
            Value::Map(map) => {
                // A `map<string, string>` of a few entries, flattened: its entries gathered on
                // the stack in one call, without a closure call and a `Value` per entry and a
                // vector to sort them in (`entries`). Firebase properties of the benchmark
                // event (two such maps): 1234 -> 1197-1211 ns, 15 -> 13 allocations (bench
                // vendor, quick runs).
                let mut few = [("", ""); 16];
                if self.profile.maps == Maps::PrefixedKeys
                    && let Some(n) = map.string_entries(&mut few)
                {
                    let few = &mut few[..n.min(16)];
                    // Bytewise, as `KeyRef` orders them; map keys are distinct.
                    few.sort_unstable_by(|a, b| a.0.cmp(b.0));
                    for &(k, v) in few.iter() {
                        if let Some(k) = self.dynamic_key(&key, k)? {
                            self.leaf(Value::String(v), Field { out, key: k })?;
                        }
                    }
                    return Ok(());
                }
                let entries = map.entries();
                match self.profile.maps {
                    Maps::Object => {
                        if depth + 1 > self.profile.max_depth {
                            return self.violation(key, depth_limit(self.profile));
                        }
                        let mut object = Vec::with_capacity(entries.len());
                        let scope = self.enter(&key);
                        for (k, v) in entries {
                            if let Some(k) = self.object_key(&k.text())? {
                                self.field(k, v, objects, depth + 1, &mut object)?;
                            }
                        }
                        self.dedupe(&mut object, true)?;
                        self.leave(scope);
                        out.push((key, VendorValue::Object(object)));
                    }
                    Maps::PrefixedKeys => {
                        let sep = self.profile.separator;
                        for (k, v) in entries {
                            let text = k.text();
                            // Messages flattened under `a` and `a_b` can meet (`key_a_b_c`
                            // from `b_c` in one and `c` in the other).
                            if matches!(v, Value::Message(_)) && text.contains(sep) {
                                self.unsure = true;
                            }
                            if let Some(k) = self.dynamic_key(&key, &text)? {
                                self.data_prefix += 1;
                                self.field(k, v, elements, depth, out)?;
                                self.data_prefix -= 1;
                            }
                        }
                    }
                }
            }
            Value::Message(m) => match special(m) {
                Some(s) if s.is_container() => {
                    // A wrapper holds one scalar; the others hold data of any shape:
                    // `{"a_b": 1}` and `{"a": {"b": 2}}` meet as `key_a_b`.
                    self.unsure |= s != Special::Wrapper;
                    if let Some(inner) = unwrap_container(m, s) {
                        self.field(key, inner, None, depth, out)?;
                    }
                }
                Some(_) => self.leaf(Value::Message(m), Field { out, key })?,
                None => {
                    if depth + 1 > self.profile.max_depth {
                        return self.violation(key, depth_limit(self.profile));
                    }
                    match self.profile.nesting {
                        Nesting::Flatten => {
                            self.message(m, nested, Some(&key), depth + 1, false, out)?;
                        }
                        Nesting::Objects => {
                            let mut object = Vec::new();
                            let scope = self.enter(&key);
                            self.message(m, nested, None, depth + 1, false, &mut object)?;
                            let trusted = nested.is_some() && self.trusted;
                            self.dedupe(&mut object, trusted)?;
                            self.leave(scope);
                            out.push((key, VendorValue::Object(object)));
                        }
                    }
                }
            },
            scalar => self.leaf(scalar, Field { out, key })?,
        }
        Ok(())
    }

    /// Whether the field's key segment is its name as it is (no `vendor_key`, nothing the
    /// profile's case changes), so that its key under a parent is a plain join.
    #[inline(always)]
    fn named_plainly(&self, field: &FieldInfo) -> bool {
        field.options.vendor_key.is_none()
            && matches!(segment(self.profile, field.name, None), Cow::Borrowed(_))
    }

    /// Whether `m`, under a key at `depth`, is flattened into prefixed keys as [`field`]
    /// does with a nested message (not a well-known type, within the depth limit).
    ///
    /// [`field`]: Self::field
    #[inline(always)]
    fn flattens_plainly(&self, m: &dyn Reflect, depth: usize) -> bool {
        self.profile.nesting == Nesting::Flatten
            && depth < self.profile.max_depth
            && special(m).is_none()
    }

    /// A key under `parent` built from data (a map key or a list index): `parent`, the
    /// separator, `part`, then the profile's key rules (rewrites recorded).
    fn dynamic_key(&mut self, parent: &str, part: &str) -> Flow<Option<Cow<'static, str>>> {
        if let Some(key) = plain_join(self.profile, parent, part) {
            return Ok(Some(Cow::Owned(key)));
        }
        let sep = self.profile.separator;
        let (clean_part, changed) = clean(self.profile, Cow::Borrowed(part));
        let raw = join(parent, sep, &clean_part);
        let from = changed.then(|| format!("{parent}{sep}{part}"));
        // `parent` is a checked key and the part is clean.
        self.checked(raw, from, true)
    }

    /// A key inside a nested object built from a map key.
    fn object_key(&mut self, part: &str) -> Flow<Option<Cow<'static, str>>> {
        self.checked(part.to_string(), None, false)
    }

    /// `raw` under the key rules; `from` is the key as the data gave it when cleaning its
    /// part already changed it.
    fn checked(
        &mut self,
        raw: String,
        from: Option<String>,
        clean_parts: bool,
    ) -> Flow<Option<Cow<'static, str>>> {
        let KeyCheck {
            key,
            rewritten,
            truncated,
            problem,
        } = if clean_parts {
            check_clean_key(self.profile, Cow::Borrowed(raw.as_str()))
        } else {
            check_key(self.profile, Cow::Borrowed(raw.as_str()))
        };
        let changed = changed(&raw, key);
        if let Some(problem) = problem {
            self.violation(Cow::Owned(raw), DropReason::InvalidKey(problem))?;
            return Ok(None);
        }
        let rewritten = rewritten || from.is_some();
        self.unsure |= rewritten || truncated;
        if !rewritten && !truncated {
            return Ok(Some(Cow::Owned(changed.unwrap_or(raw))));
        }
        let key: Cow<'static, str> = Cow::Owned(changed.unwrap_or_else(|| raw.clone()));
        if rewritten {
            let from = from.unwrap_or_else(|| raw.clone());
            self.note(&key, AdjustmentKind::KeyRewritten { from });
        }
        if truncated {
            self.note(&key, AdjustmentKind::KeyTruncated { from: raw });
        }
        Ok(Some(key))
    }

    /// A list as a list value; message elements become objects, keyed by `objects` when the
    /// plugin made their table.
    fn list_value<'a>(
        &mut self,
        items: impl Iterator<Item = Value<'a>>,
        objects: Option<&'static VendorTable>,
        depth: usize,
        sink: impl Sink<'a>,
    ) -> Flow<()> {
        if depth + 1 > self.profile.max_depth {
            return self.violation(sink.key().clone(), depth_limit(self.profile));
        }
        let mut values = Vec::new();
        for (n, item) in items.enumerate() {
            let key: Cow<'static, str> = Cow::Owned(format!("{}[{n}]", sink.key()));
            let element = Element {
                out: &mut values,
                key: &key,
            };
            self.element(item, objects, depth + 1, element)?;
        }
        sink.put(VendorValue::List(values));
        Ok(())
    }

    /// A list element standing alone, at `depth` (its members, if any, one deeper; a
    /// message's keyed by `object` when the plugin made its table).
    fn element<'a>(
        &mut self,
        value: Value<'a>,
        object: Option<&'static VendorTable>,
        depth: usize,
        sink: Element<'_, 'a>,
    ) -> Flow<()> {
        match value {
            Value::Message(m) => match special(m) {
                Some(s) if s.is_container() => {
                    self.unsure |= s != Special::Wrapper;
                    match unwrap_container(m, s) {
                        Some(inner) => self.element(inner, None, depth, sink),
                        None => Ok(()),
                    }
                }
                Some(_) => self.leaf(Value::Message(m), sink),
                None => {
                    if depth + 1 > self.profile.max_depth {
                        return self.violation(sink.key.clone(), depth_limit(self.profile));
                    }
                    let table = object;
                    let mut object = Vec::new();
                    let scope = self.enter(sink.key);
                    self.message(m, table, None, depth + 1, false, &mut object)?;
                    // The plugin makes no table whose keys clash.
                    self.dedupe(&mut object, table.is_some())?;
                    self.leave(scope);
                    sink.put(VendorValue::Object(object));
                    Ok(())
                }
            },
            Value::List(list) => self.list_value(list.iter(), None, depth, sink),
            Value::Map(map) => {
                if depth + 1 > self.profile.max_depth {
                    return self.violation(sink.key.clone(), depth_limit(self.profile));
                }
                let mut object = Vec::new();
                let scope = self.enter(sink.key);
                for (k, v) in map.entries() {
                    if let Some(k) = self.object_key(&k.text())? {
                        self.field(k, v, None, depth + 1, &mut object)?;
                    }
                }
                self.dedupe(&mut object, false)?;
                self.leave(scope);
                sink.put(VendorValue::Object(object));
                Ok(())
            }
            other => self.leaf(other, sink),
        }
    }

    /// A scalar, enum or well-known-type value, given to `sink`.
    // Values go straight into their sink: returned from these helpers (as
    // `Flow<Option<VendorValue>>`), each value was copied through differently packed enum
    // layouts and its reload stalled on the stores (Firebase properties of the benchmark
    // event with static keys only: about 800 -> 650 ns per event in a tight loop, ratio to
    // the hand-written floor 0.44 -> 0.45-0.48; the full event 0.38 -> 0.40).
    #[inline(always)]
    fn leaf<'a>(&mut self, value: Value<'a>, sink: impl Sink<'a>) -> Flow<()> {
        if let Value::Message(m) = value {
            return self.special_value(m, sink);
        }
        self.scalar(value, true, sink)
    }

    /// A scalar in the vendor's types; `limit`: strings under the length rule (not for the
    /// parts of a joined string, whose whole is checked).
    #[inline(always)]
    fn scalar<'a>(&mut self, value: Value<'a>, limit: bool, sink: impl Sink<'a>) -> Flow<()> {
        let p = self.profile;
        let text = match value {
            Value::Bool(b) => match p.bools {
                BoolFormat::Bool => return sink.done(VendorValue::Bool(b)),
                BoolFormat::Int => return sink.done(VendorValue::Int(i64::from(b))),
                BoolFormat::String => Cow::Borrowed(if b { "true" } else { "false" }),
            },
            Value::I32(v) => return sink.done(VendorValue::Int(i64::from(v))),
            Value::I64(v) => return sink.done(VendorValue::Int(v)),
            Value::U32(v) => return sink.done(VendorValue::Int(i64::from(v))),
            Value::U64(v) => match self.profile.u64s {
                U64Format::IntOrString => match i64::try_from(v) {
                    Ok(i) => return sink.done(VendorValue::Int(i)),
                    Err(_) => {
                        self.note(sink.key(), AdjustmentKind::Coerced(Coercion::U64ToString));
                        Cow::Owned(v.to_string())
                    }
                },
                U64Format::String => Cow::Owned(v.to_string()),
                U64Format::Double => {
                    let d = v as f64;
                    // Exact when converting back gives the same integer (2^64 saturates to
                    // MAX).
                    if d >= 18_446_744_073_709_551_615.0 || d as u64 != v {
                        self.note(sink.key(), AdjustmentKind::Coerced(Coercion::U64ToDouble));
                    }
                    return sink.done(VendorValue::Double(d));
                }
            },
            Value::F32(v) => return self.double(f64::from(v), limit, sink),
            Value::F64(v) => return self.double(v, limit, sink),
            Value::String(s) => Cow::Borrowed(s),
            Value::Bytes(b) => match p.bytes {
                BytesFormat::Base64 => {
                    Cow::Owned(base64::engine::general_purpose::STANDARD.encode(b))
                }
                BytesFormat::Hex => {
                    let mut text = Vec::with_capacity(b.len() * 2);
                    crate::json::encode::write_hex(&mut text, b);
                    Cow::Owned(String::from_utf8_lossy(&text).into_owned())
                }
                BytesFormat::Omit => return Ok(()),
            },
            Value::Enum(e) => match e.name() {
                Some(name) => Cow::Borrowed(name),
                None => return sink.done(VendorValue::Int(i64::from(e.number))),
            },
            Value::Message(_) | Value::List(_) | Value::Map(_) => return Ok(()),
        };
        if limit {
            self.string(text, sink)
        } else {
            sink.done(VendorValue::Str(text))
        }
    }

    #[inline(always)]
    fn double<'a>(&mut self, v: f64, limit: bool, sink: impl Sink<'a>) -> Flow<()> {
        if v.is_finite() {
            return sink.done(VendorValue::Double(v));
        }
        self.note(sink.key(), AdjustmentKind::Coerced(Coercion::NonFinite));
        let text = if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        // A string like any other: under the length limit (but for a part of a joined
        // string, which is limited whole).
        if limit {
            self.string(Cow::Borrowed(text), sink)
        } else {
            sink.done(VendorValue::Str(Cow::Borrowed(text)))
        }
    }

    /// A string value under the length limit.
    #[inline(always)]
    fn string<'a>(&mut self, s: Cow<'a, str>, sink: impl Sink<'a>) -> Flow<()> {
        let p = self.profile;
        let Some(max) = p.max_string_len else {
            return sink.done(VendorValue::Str(s));
        };
        // A string of at most `max` bytes is within every unit's limit: no count needed.
        if s.len() <= max {
            return sink.done(VendorValue::Str(s));
        }
        let len = p.length_unit.len(&s);
        if len <= max {
            return sink.done(VendorValue::Str(s));
        }
        match p.on_violation {
            OnViolation::Truncate => {
                let cut = p.length_unit.cut(&s, max);
                self.note(sink.key(), AdjustmentKind::ValueTruncated { len, max });
                sink.done(VendorValue::Str(match s {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..cut]),
                    Cow::Owned(mut o) => {
                        o.truncate(cut);
                        Cow::Owned(o)
                    }
                }))
            }
            OnViolation::Drop | OnViolation::Error => {
                self.violation(sink.key().clone(), DropReason::ValueTooLong { len, max })
            }
        }
    }

    /// Timestamp and Duration have vendor forms of their own; `google.protobuf.Empty` sends
    /// nothing.
    fn special_value<'a>(&mut self, m: &'a dyn Reflect, sink: impl Sink<'a>) -> Flow<()> {
        let int = |i: usize| m.get_at(i).and_then(|v| v.as_i64()).unwrap_or(0);
        let value = match special(m) {
            Some(Special::Timestamp) => {
                let (seconds, nanos) = (int(0), int(1));
                match self.profile.timestamps {
                    TimestampFormat::EpochMillis => VendorValue::Int(
                        seconds
                            .saturating_mul(1000)
                            .saturating_add(nanos.div_euclid(1_000_000)),
                    ),
                    TimestampFormat::EpochSeconds => {
                        VendorValue::Double(seconds as f64 + nanos as f64 / 1e9)
                    }
                    TimestampFormat::Rfc3339 => {
                        let mut out = Vec::new();
                        // prost holds nanos in an i32.
                        let nanos = i32::try_from(nanos).unwrap_or(-1);
                        match crate::json::time::write_timestamp(&mut out, seconds, nanos) {
                            // A string like any other: under the length limit.
                            Ok(()) => {
                                let text = String::from_utf8_lossy(&out).into_owned();
                                return self.string(Cow::Owned(text), sink);
                            }
                            // Out of RFC 3339's range: the seconds, as a number.
                            Err(_) => {
                                self.note(
                                    sink.key(),
                                    AdjustmentKind::Coerced(Coercion::OutOfRange),
                                );
                                VendorValue::Int(seconds)
                            }
                        }
                    }
                }
            }
            Some(Special::Duration) => {
                let (seconds, nanos) = (int(0), int(1));
                match self.profile.durations {
                    DurationFormat::Millis => VendorValue::Int(
                        seconds
                            .saturating_mul(1000)
                            .saturating_add(nanos / 1_000_000),
                    ),
                    DurationFormat::Seconds => {
                        VendorValue::Double(seconds as f64 + nanos as f64 / 1e9)
                    }
                    DurationFormat::String => {
                        let mut out = Vec::new();
                        let nanos = i32::try_from(nanos).unwrap_or(i32::MAX);
                        match crate::json::time::write_duration(&mut out, seconds, nanos) {
                            Ok(()) => {
                                let text = String::from_utf8_lossy(&out);
                                let text = text.trim_matches('"').to_string();
                                return self.string(Cow::Owned(text), sink);
                            }
                            Err(_) => {
                                self.note(
                                    sink.key(),
                                    AdjustmentKind::Coerced(Coercion::OutOfRange),
                                );
                                VendorValue::Double(seconds as f64 + nanos as f64 / 1e9)
                            }
                        }
                    }
                }
            }
            _ => return Ok(()),
        };
        sink.done(value)
    }
}

/// Where a value goes: a property, a list element or a part of a joined string. The value
/// is built in place there, and `key` names it in adjustments.
trait Sink<'a> {
    fn key(&self) -> &Cow<'static, str>;
    fn put(self, value: VendorValue<'a>);

    #[inline(always)]
    fn done(self, value: VendorValue<'a>) -> Flow<()>
    where
        Self: Sized,
    {
        self.put(value);
        Ok(())
    }
}

/// A property: `key` and its value appended to the entries.
struct Field<'o, 'a> {
    out: &'o mut Entries<'a>,
    key: Cow<'static, str>,
}

impl<'a> Sink<'a> for Field<'_, 'a> {
    fn key(&self) -> &Cow<'static, str> {
        &self.key
    }

    #[inline(always)]
    fn put(self, value: VendorValue<'a>) {
        self.out.push((self.key, value));
    }
}

/// An element of a list value; `key` (`tags[3]`) only names it.
struct Element<'o, 'a> {
    out: &'o mut Vec<VendorValue<'a>>,
    key: &'o Cow<'static, str>,
}

impl<'a> Sink<'a> for Element<'_, 'a> {
    fn key(&self) -> &Cow<'static, str> {
        self.key
    }

    fn put(self, value: VendorValue<'a>) {
        self.out.push(value);
    }
}

/// A part of a joined string, appended after the separator unless it is the first.
struct JoinPart<'o> {
    text: &'o mut String,
    first: &'o mut bool,
    separator: &'o str,
    key: &'o Cow<'static, str>,
}

impl<'a> Sink<'a> for JoinPart<'_> {
    fn key(&self) -> &Cow<'static, str> {
        self.key
    }

    fn put(self, value: VendorValue<'a>) {
        if !*self.first {
            self.text.push_str(self.separator);
        }
        *self.first = false;
        push_text(self.text, &value);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Special {
    Timestamp,
    Duration,
    Struct,
    Value,
    ListValue,
    Empty,
    /// `google.protobuf.Int64Value` and the other wrappers, compiled as messages.
    Wrapper,
}

/// Well-known types with a vendor form of their own.
fn special(m: &dyn Reflect) -> Option<Special> {
    let name = m.info().full_name.strip_prefix("google.protobuf.")?;
    Some(match name {
        "Timestamp" => Special::Timestamp,
        "Duration" => Special::Duration,
        "Struct" => Special::Struct,
        "Value" => Special::Value,
        "ListValue" => Special::ListValue,
        "Empty" => Special::Empty,
        // prost maps wrappers to `Option<scalar>`, read as plain values; compiled as
        // messages (`compile_well_known_types`) they still travel as their value.
        "DoubleValue" | "FloatValue" | "Int64Value" | "UInt64Value" | "Int32Value"
        | "UInt32Value" | "BoolValue" | "StringValue" | "BytesValue" => Special::Wrapper,
        _ => return None,
    })
}

impl Special {
    /// `Struct`, `ListValue`, `Value` and the wrappers travel as the map, list or value they
    /// hold.
    fn is_container(self) -> bool {
        matches!(
            self,
            Special::Struct | Special::ListValue | Special::Value | Special::Wrapper
        )
    }
}

/// What a `Struct` (its map), `ListValue` (its list), `Value` (its set member; nothing for
/// `null_value`) or wrapper (its value; the default when unset, as a present wrapper is a
/// value, like prost's `Some(0)`) holds; `s` is `special(m)`.
fn unwrap_container(m: &dyn Reflect, s: Special) -> Option<Value<'_>> {
    match s {
        Special::Struct | Special::ListValue => m.get_at(0),
        // Members 1..=5: number, string, bool, struct, list; 0 is null_value.
        Special::Value => (1..6).find_map(|i| m.get_at(i)),
        Special::Wrapper => Some(m.get_at(0).unwrap_or_else(|| m.default_at(0))),
        _ => None,
    }
}

/// A cheap fingerprint of a key: its length and its first and last eight bytes.
fn fingerprint(key: &str) -> u64 {
    let b = key.as_bytes();
    let n = b.len().min(8);
    let mut head = [0u8; 8];
    head[..n].copy_from_slice(&b[..n]);
    let mut tail = [0u8; 8];
    tail[8 - n..].copy_from_slice(&b[b.len() - n..]);
    (b.len() as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
        ^ u64::from_le_bytes(head)
        ^ u64::from_le_bytes(tail).rotate_left(29)
}

/// `a`, `sep`, `b` in one allocation of the right size.
pub(crate) fn join(a: &str, sep: char, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + sep.len_utf8() + b.len());
    s.push_str(a);
    s.push(sep);
    s.push_str(b);
    s
}

/// The adjustments of an event name the rules changed: `EventNameRewritten` from the name as
/// written, then `EventNameTruncated` from the name before the cut.
#[cold]
fn event_name_changes(profile: &Profile, raw: &str, check: &KeyCheck<'_>) -> Vec<Adjustment> {
    let sent = || Cow::Owned(check.key.to_string());
    let mut changes = Vec::new();
    if check.rewritten {
        changes.push(Adjustment {
            key: sent(),
            kind: AdjustmentKind::EventNameRewritten {
                from: raw.to_string(),
            },
        });
    }
    if check.truncated {
        changes.push(Adjustment {
            key: sent(),
            kind: AdjustmentKind::EventNameTruncated {
                from: clean(profile, Cow::Borrowed(raw)).0.into_owned(),
            },
        });
    }
    changes
}

fn depth_limit(p: &Profile) -> DropReason {
    DropReason::DepthLimit { max: p.max_depth }
}

/// The checked key when the rules changed `raw`; `None` when `raw` can be used as it is
/// (no copy).
fn changed(raw: &str, checked: Cow<'_, str>) -> Option<String> {
    (checked != raw).then(|| checked.into_owned())
}

/// Appends a scalar's text to a joined string (numbers as in JSON).
fn push_text(text: &mut String, v: &VendorValue<'_>) {
    match v {
        VendorValue::Bool(b) => text.push_str(if *b { "true" } else { "false" }),
        VendorValue::Int(i) => text.push_str(itoa::Buffer::new().format(*i)),
        VendorValue::Double(d) => text.push_str(&super::json::format_double(*d)),
        VendorValue::Str(s) => text.push_str(s),
        VendorValue::List(_) | VendorValue::Object(_) => {}
    }
}

//! The flattening walk: one pass over the present fields in field-number order, keys from the
//! generated table when there is one, else from the same rules at run time.

use std::borrow::Cow;

use base64::Engine;

use super::key::{KeyCheck, check_event_name, check_key, clean, field_key};
use super::profile::{
    BoolFormat, BytesFormat, DurationFormat, Maps, Nesting, OnViolation, Profile, Repeated,
    TimestampFormat, U64Format,
};
use super::properties::{
    Adjustment, AdjustmentKind, Coercion, DropReason, VendorError, VendorProperties, VendorValue,
};
use super::table::{EventName, FieldKey, VendorTable};
use crate::meta::FieldInfo;
use crate::reflect::{Reflect, is_present};
use crate::value::{KeyRef, Value};

type Entries<'a> = Vec<(Cow<'static, str>, VendorValue<'a>)>;

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
    walk(msg, table, profile, pii)
}

/// [`properties`] without the generated tables: every key computed at run time. The result
/// is the same; tests compare the two.
#[doc(hidden)]
pub fn properties_without_tables<'a>(
    msg: &'a dyn Reflect,
    profile: &Profile,
    pii: Pii,
) -> Result<VendorProperties<'a>, VendorError> {
    let mut walk = Walk {
        profile,
        pii,
        tables: false,
        event_name: None,
        adjustments: Vec::new(),
        scope: String::new(),
    };
    finish(&mut walk, msg, None)
}

fn walk<'a>(
    msg: &'a dyn Reflect,
    table: Option<&'static VendorTable>,
    profile: &Profile,
    pii: Pii,
) -> Result<VendorProperties<'a>, VendorError> {
    let mut walk = Walk {
        profile,
        pii,
        tables: true,
        event_name: None,
        adjustments: Vec::new(),
        scope: String::new(),
    };
    finish(&mut walk, msg, table)
}

fn finish<'a>(
    walk: &mut Walk<'_>,
    msg: &'a dyn Reflect,
    table: Option<&'static VendorTable>,
) -> Result<VendorProperties<'a>, VendorError> {
    let mut entries = Vec::with_capacity(msg.info().fields.len());
    walk.event_name = walk.own_event_name(msg, table)?;
    walk.message(msg, table, None, 1, true, &mut entries)?;
    walk.dedupe(&mut entries)?;
    if let Some(max) = walk.profile.max_properties
        && entries.len() > max
    {
        for (key, _) in entries.drain(max..) {
            walk.violation(key, DropReason::CountLimit { max })?;
        }
    }
    let event_name = walk.event_name.take().ok_or(VendorError::NoEventName {
        message: msg.info().full_name,
    })?;
    Ok(VendorProperties {
        event_name,
        entries,
        adjustments: std::mem::take(&mut walk.adjustments),
    })
}

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
    /// Use generated tables (false: compute every key, for tests).
    tables: bool,
    event_name: Option<Cow<'static, str>>,
    adjustments: Vec<Adjustment>,
    /// The keys of the nested objects and list elements being filled, each followed by `.`,
    /// so that an adjustment inside names its whole path (`device.os`, `tags[3]`).
    scope: String,
}

// Keys travel as `&Cow<'static, str>`: recording an adjustment for a key from a generated
// table clones the borrowed `&'static str`, with no copy of the text.
#[allow(clippy::ptr_arg)]
impl Walk<'_> {
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
    fn dedupe(&mut self, entries: &mut Entries<'_>) -> Result<(), VendorError> {
        let mut n = 1;
        while n < entries.len() {
            if entries[..n].iter().any(|(k, _)| *k == entries[n].0) {
                let (key, _) = entries.remove(n);
                self.violation(key, DropReason::DuplicateKey)?;
            } else {
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

    /// The event name a message gives itself (from its table or its `event_name` option).
    fn own_event_name(
        &self,
        msg: &dyn Reflect,
        table: Option<&'static VendorTable>,
    ) -> Result<Option<Cow<'static, str>>, VendorError> {
        let profile = self.profile;
        let error = |name: &str, problem| VendorError::EventName {
            profile: profile.name().to_string(),
            name: name.to_string(),
            problem,
        };
        if let Some(t) = table {
            return match t.event_name {
                Some(EventName::Ok(name)) => Ok(Some(Cow::Borrowed(name))),
                Some(EventName::Invalid(name, problem)) => Err(error(name, problem)),
                None => Ok(None),
            };
        }
        let Some(raw) = msg.info().options.event_name else {
            return Ok(None);
        };
        let check = check_event_name(profile, Cow::Borrowed(raw));
        match check.problem {
            Some(problem) => Err(error(raw, problem)),
            None => Ok(Some(check.key)),
        }
    }

    /// Records that `key` is left out, or fails when the profile says so.
    fn violation(&mut self, key: Cow<'static, str>, reason: DropReason) -> Result<(), VendorError> {
        let key = self.full(key);
        if self.profile.on_violation == OnViolation::Error {
            return Err(VendorError::Violation {
                profile: self.profile.name().to_string(),
                key: key.into_owned(),
                reason,
            });
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

    /// The key of a field computed from the rules: the same as the plugin's tables.
    fn slot(
        &mut self,
        field: &'static FieldInfo,
        value: &Value<'_>,
        prefix: Option<&str>,
        root: bool,
    ) -> Result<Option<Slot>, VendorError> {
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
        let raw = field_key(self.profile, field.name, field.options.vendor_key, prefix);
        let check = check_key(self.profile, raw.clone());
        let pii = field.options.pii;
        if let Some(problem) = check.problem {
            if pii && self.pii == Pii::Exclude {
                return Ok(None);
            }
            self.violation(raw, DropReason::InvalidKey(problem))?;
            return Ok(None);
        }
        Ok(Some(Slot::Key {
            key: check.key,
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
    ) -> Result<(), VendorError> {
        let info = msg.info();
        let mut pos = 0;
        while let Some(i) = info.nth_by_number(pos) {
            pos += 1;
            let (Some(field), Some(value)) = (info.fields.get(i), msg.get_at(i)) else {
                continue;
            };
            if !is_present(field, &value) {
                continue;
            }
            let slot = match table.and_then(|t| t.fields.get(i)) {
                Some(FieldKey::Omit) => Slot::Omit,
                Some(FieldKey::Body) => Slot::Body,
                Some(FieldKey::Key { key, pii, nested }) => Slot::Key {
                    key: Cow::Borrowed(key),
                    pii: *pii,
                    nested: *nested,
                },
                Some(FieldKey::Invalid { key, pii, problem }) => {
                    if !*pii || self.pii == Pii::Include {
                        self.violation(Cow::Borrowed(key), DropReason::InvalidKey(*problem))?;
                    }
                    continue;
                }
                None => match self.slot(field, &value, prefix, root)? {
                    Some(slot) => slot,
                    None => continue,
                },
            };
            match slot {
                Slot::Omit => {}
                Slot::Body => {
                    if let Some(member) = value.as_message() {
                        let member_table = self.table_of(member);
                        if let Some(name) = self.own_event_name(member, member_table)? {
                            self.event_name = Some(name);
                        }
                        self.message(member, member_table, prefix, depth, false, out)?;
                    }
                }
                Slot::Key { key, pii, nested } => {
                    if pii && self.pii == Pii::Exclude {
                        continue;
                    }
                    self.field(key, value, nested, depth, out)?;
                }
            }
        }
        Ok(())
    }

    /// One present field's value under `key`.
    fn field<'a>(
        &mut self,
        key: Cow<'static, str>,
        value: Value<'a>,
        nested: Option<&'static VendorTable>,
        depth: usize,
        out: &mut Entries<'a>,
    ) -> Result<(), VendorError> {
        match value {
            Value::List(list) => match self.profile.repeated {
                Repeated::List => {
                    if let Some(v) = self.list_value(&key, list.iter(), depth)? {
                        out.push((key, v));
                    }
                }
                Repeated::Joined if !list.field().kind.is_message() => {
                    let mut text = String::new();
                    for (n, item) in list.iter().enumerate() {
                        if n > 0 {
                            text.push_str(&self.profile.join_separator);
                        }
                        let element_key = Cow::Owned(format!("{key}[{n}]"));
                        if let Some(v) = self.scalar(&element_key, item)? {
                            push_text(&mut text, &v);
                        }
                    }
                    if let Some(v) = self.string(&key, Cow::Owned(text))? {
                        out.push((key, v));
                    }
                }
                Repeated::Joined | Repeated::Indexed => {
                    for (n, item) in list.iter().enumerate() {
                        if let Some(k) = self.dynamic_key(&key, &n.to_string())? {
                            self.field(k, item, None, depth, out)?;
                        }
                    }
                }
            },
            Value::Map(map) => {
                let entries = map.entries();
                match self.profile.maps {
                    Maps::Object => {
                        if depth + 1 > self.profile.max_depth {
                            return self.violation(key, depth_limit(self.profile));
                        }
                        let mut object = Vec::with_capacity(entries.len());
                        let scope = self.enter(&key);
                        for (k, v) in entries {
                            if let Some(k) = self.object_key(&key, &key_text(k))? {
                                self.field(k, v, None, depth + 1, &mut object)?;
                            }
                        }
                        self.dedupe(&mut object)?;
                        self.leave(scope);
                        out.push((key, VendorValue::Object(object)));
                    }
                    Maps::PrefixedKeys => {
                        for (k, v) in entries {
                            if let Some(k) = self.dynamic_key(&key, &key_text(k))? {
                                self.field(k, v, None, depth, out)?;
                            }
                        }
                    }
                }
            }
            Value::Message(m) if special(m).is_some_and(Special::is_container) => {
                if let Some(inner) = unwrap_container(m) {
                    self.field(key, inner, None, depth, out)?;
                }
            }
            Value::Message(m) if special(m).is_none() => {
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
                        self.dedupe(&mut object)?;
                        self.leave(scope);
                        out.push((key, VendorValue::Object(object)));
                    }
                }
            }
            scalar => {
                if let Some(v) = self.leaf(&key, scalar)? {
                    out.push((key, v));
                }
            }
        }
        Ok(())
    }

    /// A key under `parent` built from data (a map key or a list index): `parent`, the
    /// separator, `part`, then the profile's key rules (rewrites recorded).
    fn dynamic_key(
        &mut self,
        parent: &str,
        part: &str,
    ) -> Result<Option<Cow<'static, str>>, VendorError> {
        let sep = self.profile.separator;
        let (clean_part, changed) = clean(self.profile, Cow::Borrowed(part));
        let raw = format!("{parent}{sep}{clean_part}");
        let from = changed.then(|| format!("{parent}{sep}{part}"));
        self.checked(raw, from)
    }

    /// A key inside a nested object built from a map key.
    fn object_key(
        &mut self,
        _parent: &str,
        part: &str,
    ) -> Result<Option<Cow<'static, str>>, VendorError> {
        self.checked(part.to_string(), None)
    }

    /// `raw` under the key rules; `from` is the key as the data gave it when cleaning its
    /// part already changed it.
    fn checked(
        &mut self,
        raw: String,
        from: Option<String>,
    ) -> Result<Option<Cow<'static, str>>, VendorError> {
        let KeyCheck {
            key,
            rewritten,
            truncated,
            problem,
        } = check_key(self.profile, Cow::Borrowed(raw.as_str()));
        if let Some(problem) = problem {
            self.violation(Cow::Owned(raw), DropReason::InvalidKey(problem))?;
            return Ok(None);
        }
        let key: Cow<'static, str> = Cow::Owned(key.into_owned());
        if rewritten || from.is_some() {
            let from = from.unwrap_or_else(|| raw.clone());
            self.note(&key, AdjustmentKind::KeyRewritten { from });
        }
        if truncated {
            self.note(&key, AdjustmentKind::KeyTruncated { from: raw });
        }
        Ok(Some(key))
    }

    /// A list as a list value; message elements become objects.
    fn list_value<'a>(
        &mut self,
        key: &Cow<'static, str>,
        items: impl Iterator<Item = Value<'a>>,
        depth: usize,
    ) -> Result<Option<VendorValue<'a>>, VendorError> {
        if depth + 1 > self.profile.max_depth {
            self.violation(key.clone(), depth_limit(self.profile))?;
            return Ok(None);
        }
        let mut values = Vec::new();
        for (n, item) in items.enumerate() {
            let element_key: Cow<'static, str> = Cow::Owned(format!("{key}[{n}]"));
            if let Some(v) = self.element(&element_key, item, depth + 1)? {
                values.push(v);
            }
        }
        Ok(Some(VendorValue::List(values)))
    }

    /// A list element standing alone, at `depth` (its members, if any, one deeper).
    fn element<'a>(
        &mut self,
        key: &Cow<'static, str>,
        value: Value<'a>,
        depth: usize,
    ) -> Result<Option<VendorValue<'a>>, VendorError> {
        match value {
            Value::Message(m) if special(m).is_some_and(Special::is_container) => {
                match unwrap_container(m) {
                    Some(inner) => self.element(key, inner, depth),
                    None => Ok(None),
                }
            }
            Value::Message(m) if special(m).is_none() => {
                if depth + 1 > self.profile.max_depth {
                    self.violation(key.clone(), depth_limit(self.profile))?;
                    return Ok(None);
                }
                let mut object = Vec::new();
                let scope = self.enter(key);
                self.message(m, None, None, depth + 1, false, &mut object)?;
                self.dedupe(&mut object)?;
                self.leave(scope);
                Ok(Some(VendorValue::Object(object)))
            }
            Value::List(list) => self.list_value(key, list.iter(), depth),
            Value::Map(map) => {
                if depth + 1 > self.profile.max_depth {
                    self.violation(key.clone(), depth_limit(self.profile))?;
                    return Ok(None);
                }
                let mut object = Vec::new();
                let scope = self.enter(key);
                for (k, v) in map.entries() {
                    if let Some(k) = self.object_key(key, &key_text(k))? {
                        self.field(k, v, None, depth + 1, &mut object)?;
                    }
                }
                self.dedupe(&mut object)?;
                self.leave(scope);
                Ok(Some(VendorValue::Object(object)))
            }
            other => self.leaf(key, other),
        }
    }

    /// A scalar, enum or well-known-type value.
    fn leaf<'a>(
        &mut self,
        key: &Cow<'static, str>,
        value: Value<'a>,
    ) -> Result<Option<VendorValue<'a>>, VendorError> {
        if let Value::Message(m) = value {
            return self.special_value(m);
        }
        let Some(v) = self.scalar(key, value)? else {
            return Ok(None);
        };
        match v {
            VendorValue::Str(s) => self.string(key, s),
            other => Ok(Some(other)),
        }
    }

    /// A scalar in the vendor's types, before the string length rule.
    fn scalar<'a>(
        &mut self,
        key: &Cow<'static, str>,
        value: Value<'a>,
    ) -> Result<Option<VendorValue<'a>>, VendorError> {
        let p = self.profile;
        Ok(Some(match value {
            Value::Bool(b) => match p.bools {
                BoolFormat::Bool => VendorValue::Bool(b),
                BoolFormat::Int => VendorValue::Int(i64::from(b)),
                BoolFormat::String => {
                    VendorValue::Str(Cow::Borrowed(if b { "true" } else { "false" }))
                }
            },
            Value::I32(v) => VendorValue::Int(i64::from(v)),
            Value::I64(v) => VendorValue::Int(v),
            Value::U32(v) => VendorValue::Int(i64::from(v)),
            Value::U64(v) => self.unsigned(key, v),
            Value::F32(v) => self.double(key, f64::from(v)),
            Value::F64(v) => self.double(key, v),
            Value::String(s) => VendorValue::Str(Cow::Borrowed(s)),
            Value::Bytes(b) => match p.bytes {
                BytesFormat::Base64 => VendorValue::Str(Cow::Owned(
                    base64::engine::general_purpose::STANDARD.encode(b),
                )),
                BytesFormat::Hex => VendorValue::Str(Cow::Owned(hex(b))),
                BytesFormat::Omit => return Ok(None),
            },
            Value::Enum(e) => match e.name() {
                Some(name) => VendorValue::Str(Cow::Borrowed(name)),
                None => VendorValue::Int(i64::from(e.number)),
            },
            Value::Message(_) | Value::List(_) | Value::Map(_) => return Ok(None),
        }))
    }

    fn unsigned(&mut self, key: &Cow<'static, str>, v: u64) -> VendorValue<'static> {
        match self.profile.u64s {
            U64Format::IntOrString => match i64::try_from(v) {
                Ok(i) => VendorValue::Int(i),
                Err(_) => {
                    self.note(key, AdjustmentKind::Coerced(Coercion::U64ToString));
                    VendorValue::Str(Cow::Owned(v.to_string()))
                }
            },
            U64Format::String => VendorValue::Str(Cow::Owned(v.to_string())),
            U64Format::Double => {
                let d = v as f64;
                // Exact when converting back gives the same integer (2^64 saturates to MAX).
                if d >= 18_446_744_073_709_551_615.0 || d as u64 != v {
                    self.note(key, AdjustmentKind::Coerced(Coercion::U64ToDouble));
                }
                VendorValue::Double(d)
            }
        }
    }

    fn double(&mut self, key: &Cow<'static, str>, v: f64) -> VendorValue<'static> {
        if v.is_finite() {
            return VendorValue::Double(v);
        }
        self.note(key, AdjustmentKind::Coerced(Coercion::NonFinite));
        VendorValue::Str(Cow::Borrowed(if v.is_nan() {
            "NaN"
        } else if v > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }))
    }

    /// A string value under the length limit.
    fn string<'a>(
        &mut self,
        key: &Cow<'static, str>,
        s: Cow<'a, str>,
    ) -> Result<Option<VendorValue<'a>>, VendorError> {
        let p = self.profile;
        let Some(max) = p.max_string_len else {
            return Ok(Some(VendorValue::Str(s)));
        };
        // A string of at most `max` bytes is within every unit's limit: no count needed.
        if s.len() <= max {
            return Ok(Some(VendorValue::Str(s)));
        }
        let len = p.length_unit.len(&s);
        if len <= max {
            return Ok(Some(VendorValue::Str(s)));
        }
        match p.on_violation {
            OnViolation::Truncate => {
                let cut = p.length_unit.cut(&s, max);
                self.note(key, AdjustmentKind::ValueTruncated { len, max });
                Ok(Some(VendorValue::Str(match s {
                    Cow::Borrowed(b) => Cow::Borrowed(&b[..cut]),
                    Cow::Owned(mut o) => {
                        o.truncate(cut);
                        Cow::Owned(o)
                    }
                })))
            }
            OnViolation::Drop | OnViolation::Error => {
                self.violation(key.clone(), DropReason::ValueTooLong { len, max })?;
                Ok(None)
            }
        }
    }

    /// Timestamp and Duration have vendor forms of their own; `google.protobuf.Empty` sends
    /// nothing.
    fn special_value<'a>(
        &self,
        m: &'a dyn Reflect,
    ) -> Result<Option<VendorValue<'a>>, VendorError> {
        let int = |i: usize| m.get_at(i).and_then(|v| v.as_i64()).unwrap_or(0);
        match special(m) {
            Some(Special::Timestamp) => {
                let (seconds, nanos) = (int(0), int(1));
                Ok(Some(match self.profile.timestamps {
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
                        let nanos = i32::try_from(nanos).unwrap_or(-1);
                        match crate::json::time::write_timestamp(&mut out, seconds, nanos) {
                            Ok(()) => VendorValue::Str(Cow::Owned(
                                String::from_utf8_lossy(&out).into_owned(),
                            )),
                            // Out of RFC 3339's range: the seconds, as a number.
                            Err(_) => VendorValue::Int(seconds),
                        }
                    }
                }))
            }
            Some(Special::Duration) => {
                let (seconds, nanos) = (int(0), int(1));
                Ok(Some(match self.profile.durations {
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
                                VendorValue::Str(Cow::Owned(text.trim_matches('"').to_string()))
                            }
                            Err(_) => VendorValue::Double(seconds as f64 + nanos as f64 / 1e9),
                        }
                    }
                }))
            }
            _ => Ok(None),
        }
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
}

/// Well-known types with a vendor form of their own (wrappers already read as plain values).
fn special(m: &dyn Reflect) -> Option<Special> {
    let name = m.info().full_name.strip_prefix("google.protobuf.")?;
    Some(match name {
        "Timestamp" => Special::Timestamp,
        "Duration" => Special::Duration,
        "Struct" => Special::Struct,
        "Value" => Special::Value,
        "ListValue" => Special::ListValue,
        "Empty" => Special::Empty,
        _ => return None,
    })
}

impl Special {
    /// `Struct`, `ListValue` and `Value` travel as the map, list or value they hold.
    fn is_container(self) -> bool {
        matches!(self, Special::Struct | Special::ListValue | Special::Value)
    }
}

/// What a `Struct` (its map), `ListValue` (its list) or `Value` (its set member; nothing for
/// `null_value`) holds.
fn unwrap_container(m: &dyn Reflect) -> Option<Value<'_>> {
    match special(m)? {
        Special::Struct | Special::ListValue => m.get_at(0),
        // Members 1..=5: number, string, bool, struct, list; 0 is null_value.
        Special::Value => (1..6).find_map(|i| m.get_at(i)),
        _ => None,
    }
}

fn depth_limit(p: &Profile) -> DropReason {
    DropReason::DepthLimit { max: p.max_depth }
}

/// A map key as text: strings as they are, integers in decimal, bools as `true` / `false`.
fn key_text(k: KeyRef<'_>) -> String {
    match k {
        KeyRef::String(s) => s.to_string(),
        other => other.to_string(),
    }
}

fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for byte in b {
        s.push(char::from(DIGITS[usize::from(byte >> 4)]));
        s.push(char::from(DIGITS[usize::from(byte & 15)]));
    }
    s
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

//! Writes a message as JSON by walking it through [`Reflect`], straight into the output buffer.

use base64::Engine;

use super::error::{JsonError, JsonErrorKind, PathSegment};
use super::format::{self, FieldFormat, MessageOverrides};
use super::naming::output_key;
use super::scan::{plain_prefix, word_is_plain};
use super::well_known::{Wkt, is_null_value, wkt};
use super::{BytesFormat, EnumFormat, Int64Format, JsonOptions, KeyNaming, TimestampFormat, time};
use crate::access::MapKeyElement;
use crate::element::Element;
use crate::meta::{Cardinality, EnumInfo, FieldInfo, Kind, MessageMeta};
use crate::reflect::Reflect;
use crate::value::{KeyRef, Value};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes a finite float as protobuf's JSON printers do: the shortest text that reads back
/// the same value, integral values without `.0` (`1`, and `-0` for negative zero).
pub(crate) fn write_finite<F: zmij::Float>(out: &mut Vec<u8>, v: F) {
    let mut buf = zmij::Buffer::new();
    let text = buf.format_finite(v).as_bytes();
    out.extend_from_slice(text.strip_suffix(b".0").unwrap_or(text));
}

/// Writes bytes as lowercase hex digits.
pub(crate) fn write_hex(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    for &byte in bytes {
        out.push(HEX[(byte >> 4) as usize]);
        out.push(HEX[(byte & 15) as usize]);
    }
}

/// Writes `s` as a JSON string: quoted, with `"`, `\\` and control characters escaped.
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    if quote_short(out, bytes) {
        return;
    }
    let plain = plain_prefix(bytes);
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if plain == bytes.len() {
        // Nothing to escape: one copy.
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    write_escaped(out, bytes, plain);
}

/// Writes `bytes` in quotes when it is short (up to 16 bytes) and needs no escaping, and
/// says whether it did. Two overlapping loads cover the string: they are checked for bytes
/// to escape and put together with the quotes in a fixed-size buffer, which is appended
/// whole and cut to length: one capacity check and no `memcpy` call, for the short strings
/// that most values are.
#[inline(always)]
fn quote_short(out: &mut Vec<u8>, bytes: &[u8]) -> bool {
    let n = bytes.len();
    let mut buf = [b'"'; 18];
    if let (Some(head), Some(tail)) = (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        if n > 16
            || !word_is_plain(u64::from_le_bytes(*head))
            || !word_is_plain(u64::from_le_bytes(*tail))
        {
            return false;
        }
        buf[1..9].copy_from_slice(head);
        buf[n - 7..=n].copy_from_slice(tail);
    } else if let (Some(head), Some(tail)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        let word =
            u64::from(u32::from_le_bytes(*head)) | u64::from(u32::from_le_bytes(*tail)) << 32;
        if !word_is_plain(word) {
            return false;
        }
        buf[1..5].copy_from_slice(head);
        buf[n - 3..=n].copy_from_slice(tail);
    } else if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
        // One to three bytes: the first, the middle and the last.
        let middle = bytes[n / 2];
        let word =
            u64::from(first) | u64::from(middle) << 8 | (u64::from(last) * 0x0101_0101_0101_0000);
        if !word_is_plain(word) {
            return false;
        }
        buf[1] = first;
        buf[1 + n / 2] = middle;
        buf[n] = last;
    }
    buf[n + 1] = b'"';
    let end = out.len() + n + 2;
    out.extend_from_slice(&buf);
    out.truncate(end);
    true
}

/// The rest of [`write_str`] from the first byte that needs escaping, at `first` (out of
/// line: most strings have none).
#[cold]
#[inline(never)]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8], first: usize) {
    out.extend_from_slice(&bytes[..first]);
    let mut run = first;
    loop {
        let i = run + plain_prefix(&bytes[run..]);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        out.extend_from_slice(&bytes[run..i]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\x08' => out.extend_from_slice(b"\\b"),
            b'\x0c' => out.extend_from_slice(b"\\f"),
            _ => out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(b >> 4) as usize],
                HEX[(b & 15) as usize],
            ]),
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// The JSON writer; public only because [`Element::write_json`] names it.
#[doc(hidden)]
pub struct Encoder<'o> {
    out: &'o mut Vec<u8>,
    options: &'o JsonOptions,
    /// Compact output keyed by JSON or proto name: the common case, whose keys `entry`
    /// writes straight from the table.
    fast_keys: FastKeys,
    /// The run-time field overrides of the message being written (`JsonOptions::fields`).
    scope: Option<MessageOverrides<'o>>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FastKeys {
    Json,
    Proto,
    None,
}

fn unrepresentable(reason: impl Into<String>) -> JsonError {
    JsonError::new(JsonErrorKind::Unrepresentable(reason.into()))
}

impl<'o> Encoder<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>, options: &'o JsonOptions) -> Self {
        let fast_keys = match options.keys {
            _ if options.pretty => FastKeys::None,
            KeyNaming::JsonName => FastKeys::Json,
            KeyNaming::ProtoName => FastKeys::Proto,
            _ => FastKeys::None,
        };
        Encoder {
            out,
            options,
            fast_keys,
            scope: None,
        }
    }

    #[inline]
    fn newline(&mut self, depth: usize) {
        if self.options.pretty {
            self.indent(depth);
        }
    }

    #[cold]
    fn indent(&mut self, depth: usize) {
        self.out.push(b'\n');
        self.out.extend(std::iter::repeat_n(b' ', depth * 2));
    }

    /// Starts an entry of an object or array at `depth` (the container's depth + 1).
    #[inline]
    fn separator(&mut self, first: &mut bool, depth: usize) {
        if !*first {
            self.out.push(b',');
        }
        *first = false;
        self.newline(depth);
    }

    #[inline]
    fn colon(&mut self) {
        self.out.push(b':');
        if self.options.pretty {
            self.out.push(b' ');
        }
    }

    #[inline]
    fn close(&mut self, close: u8, empty: bool, depth: usize) {
        if !empty {
            self.newline(depth);
        }
        self.out.push(close);
    }

    fn check_depth(&self, depth: usize) -> Result<(), JsonError> {
        if depth > self.options.depth_limit() {
            return Err(JsonError::new(JsonErrorKind::TooDeep {
                limit: self.options.depth_limit(),
            }));
        }
        Ok(())
    }

    /// Writes a message at nesting `depth` (0 for the root).
    pub(crate) fn message(&mut self, msg: &dyn Reflect, depth: usize) -> Result<(), JsonError> {
        self.message_of(None, msg, depth)
    }

    /// Writes a message, the value of `field` when it is one (whose JSON forms apply to a
    /// well-known value such as a timestamp).
    fn message_of(
        &mut self,
        field: Option<&'static FieldInfo>,
        msg: &dyn Reflect,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if let Some(w) = wkt(msg.info().full_name) {
            return self.well_known(w, msg, depth, field);
        }
        self.out.push(b'{');
        let mut first = true;
        self.fields(msg, depth, &mut first)?;
        self.close(b'}', first, depth);
        Ok(())
    }

    /// Writes a message of a known type: what [`message`](Self::message) does, with the
    /// type's well-known kind known at compile time. Generic only for that and to reach the
    /// message's out-of-line `as_dyn`; the rest is [`plain_message`](Self::plain_message),
    /// compiled once.
    #[doc(hidden)]
    #[inline]
    pub fn typed_message<M: Reflect + MessageMeta>(
        &mut self,
        msg: &M,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        // `M::INFO` is a constant, so with `wkt` inlined the type test folds away.
        if let Some(w) = wkt(M::INFO.full_name) {
            self.check_depth(depth)?;
            return self.well_known(w, msg.as_dyn(), depth, Some(field));
        }
        self.plain_message(msg.as_dyn(), depth)
    }

    /// A message that is not a well-known type, over `&dyn Reflect`: generic, this was
    /// instantiated for every message type (2.8% of the example crate's LLVM IR).
    fn plain_message(&mut self, msg: &dyn Reflect, depth: usize) -> Result<(), JsonError> {
        if self.options.emit_defaults || !self.options.fields.is_empty() {
            return self.message(msg, depth);
        }
        self.check_depth(depth)?;
        self.out.push(b'{');
        let mut first = true;
        msg.write_json_fields(self, depth, &mut first)?;
        self.close(b'}', first, depth);
        Ok(())
    }

    /// Writes the fields of `msg` as object entries (without braces), under the run-time
    /// field overrides of its type.
    fn fields(
        &mut self,
        msg: &dyn Reflect,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        if self.options.fields.is_empty() {
            return self.fields_in_scope(msg, depth, first);
        }
        let options: &'o JsonOptions = self.options;
        let scope = options
            .fields
            .of(msg.info())
            .map_err(|e| JsonError::new(e.into()))?;
        let outer = std::mem::replace(&mut self.scope, scope);
        let r = self.fields_in_scope(msg, depth, first);
        self.scope = outer;
        r
    }

    fn fields_in_scope(
        &mut self,
        msg: &dyn Reflect,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        let info = msg.info();
        if self.options.emit_defaults {
            for n in 0..info.fields.len() {
                let Some(i) = info.nth_by_number(n) else {
                    break;
                };
                let (Some(field), Some(value)) = (info.fields.get(i), msg.get_at(i)) else {
                    continue;
                };
                self.field(field, &value, depth, first)?;
            }
            return Ok(());
        }
        msg.write_json_fields(self, depth, first)
    }

    pub(crate) fn field(
        &mut self,
        field: &'static FieldInfo,
        value: &Value<'_>,
        depth: usize,
        first: &mut bool,
    ) -> Result<(), JsonError> {
        self.entry(field, depth, first, |e| e.value(field, value, depth + 1))
    }

    /// One object member: the key of `field`, then what `write` writes (at `depth + 1`).
    #[inline]
    pub(crate) fn entry(
        &mut self,
        field: &'static FieldInfo,
        depth: usize,
        first: &mut bool,
        write: impl FnOnce(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.begin_entry(field, depth, first);
        write(self).map_err(|e| self.in_field(e, field))
    }

    /// The separator and key of an entry. Inlined into every field's code: with the field
    /// table a constant, the compact key is a fixed-size copy.
    #[inline(always)]
    pub(crate) fn begin_entry(
        &mut self,
        field: &'static FieldInfo,
        depth: usize,
        first: &mut bool,
    ) {
        match self.fast_keys {
            // Compact, and the key needs no escaping (checked when the table was built).
            FastKeys::Json if field.plain_names => self.plain_key(field.json_name, first),
            FastKeys::Proto if field.plain_names => self.plain_key(field.name, first),
            _ => self.key(field, depth, first),
        }
    }

    /// `,"key":` (no comma for the first entry). With `key` a constant, as it is in
    /// generated code, the separator, quotes, key and colon are one constant buffer, appended
    /// whole (one capacity check) and cut to length. The copy always starts at the buffer's
    /// start, so the compiler stores it as constants; for the first entry it lands one byte
    /// early, over the byte before (the object's `{`), which is put back in place of the
    /// comma.
    #[inline(always)]
    fn plain_key(&mut self, key: &'static str, first: &mut bool) {
        const ROOM: usize = 32;
        let key = key.as_bytes();
        let n = key.len();
        let first = std::mem::replace(first, false);
        if n + 4 <= ROOM {
            let before = if first { self.out.pop() } else { None };
            if !first || before.is_some() {
                let mut buf = [0; ROOM];
                buf[..2].copy_from_slice(b",\"");
                buf[2..2 + n].copy_from_slice(key);
                buf[2 + n..4 + n].copy_from_slice(b"\":");
                let at = self.out.len();
                self.out.extend_from_slice(&buf);
                if let (Some(byte), Some(comma)) = (before, self.out.get_mut(at)) {
                    *comma = byte;
                }
                self.out.truncate(at + n + 4);
                return;
            }
        }
        self.out.reserve(n + 4);
        if !first {
            self.out.push(b',');
        }
        self.out.push(b'"');
        self.out.extend_from_slice(key);
        self.out.extend_from_slice(b"\":");
    }

    /// `e` as raised inside the value of `field`.
    #[cold]
    #[inline(never)]
    pub(crate) fn in_field(&self, e: JsonError, field: &'static FieldInfo) -> JsonError {
        e.within(PathSegment::Field(
            output_key(field, self.options.keys).to_string(),
        ))
    }

    /// The separator and key of an entry under any options (out of line: `begin_entry` is
    /// inlined into every field's code, and this is the uncommon path).
    #[inline(never)]
    fn key(&mut self, field: &'static FieldInfo, depth: usize, first: &mut bool) {
        self.separator(first, depth + 1);
        write_str(self.out, output_key(field, self.options.keys));
        self.colon();
    }

    /// Writes one value of `field` (an element, for lists and maps) at `depth`.
    pub(crate) fn value(
        &mut self,
        field: &'static FieldInfo,
        value: &Value<'_>,
        depth: usize,
    ) -> Result<(), JsonError> {
        match *value {
            Value::Bool(b) => self
                .out
                .extend_from_slice(if b { b"true" } else { b"false" }),
            Value::I32(v) => self.integer(v, false),
            Value::U32(v) => self.integer(v, false),
            Value::I64(v) => self.int64(field, v),
            Value::U64(v) => self.int64(field, v),
            Value::F32(v) => self.float(v, v.is_nan(), v.is_infinite(), v < 0.0),
            Value::F64(v) => self.float(v, v.is_nan(), v.is_infinite(), v < 0.0),
            Value::String(s) => write_str(self.out, s),
            Value::Bytes(b) => self.bytes(field, b),
            Value::Enum(e) => self.enum_number(field, e.info, e.number),
            Value::Message(m) => self.message_of(Some(field), m, depth)?,
            Value::List(list) => list.access().write_json(field, self, depth)?,
            Value::Map(map) => map.access().write_json(field, self, depth)?,
        }
        Ok(())
    }

    /// A repeated field's elements, typed (see [`Element::write_json`]).
    pub(crate) fn list<T: Element>(
        &mut self,
        items: &[T],
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        self.out.push(b'[');
        let mut first = true;
        for (i, item) in items.iter().enumerate() {
            self.separator(&mut first, depth + 1);
            item.write_json(field, self, depth + 1)
                .map_err(|e| e.within(PathSegment::Index(i)))?;
        }
        self.close(b']', first, depth);
        Ok(())
    }

    /// A map field's entries, typed, in the map's own order.
    pub(crate) fn map<'a, K: MapKeyElement + 'a, V: Element + 'a>(
        &mut self,
        entries: impl Iterator<Item = (&'a K, &'a V)>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        self.out.push(b'{');
        let mut first = true;
        for (key, item) in entries {
            self.separator(&mut first, depth + 1);
            self.map_key(key.to_key());
            self.colon();
            item.write_json(field, self, depth + 1)
                .map_err(|e| e.within(PathSegment::Key(key.to_key().text().into_owned())))?;
        }
        self.close(b'}', first, depth);
        Ok(())
    }

    /// The JSON forms of `field`'s values: the run-time override, then the field's own.
    #[inline]
    fn format(&self, field: &'static FieldInfo) -> FieldFormat {
        format::resolve(field, self.scope)
    }

    /// A 64-bit integer value of `field`, quoted unless `Int64Format::Numbers`.
    #[inline]
    pub(crate) fn int64<I: Decimal>(&mut self, field: &'static FieldInfo, v: I) {
        let form = self.format(field).int64.unwrap_or(self.options.int64);
        self.integer(v, form == Int64Format::Strings);
    }

    #[inline]
    pub(crate) fn int32<I: Decimal>(&mut self, _field: &'static FieldInfo, v: I) {
        self.integer(v, false);
    }

    #[inline]
    pub(crate) fn boolean(&mut self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" } else { b"false" });
    }

    #[inline]
    fn integer<I: Decimal>(&mut self, v: I, quoted: bool) {
        v.push_decimal(self.out, quoted);
    }

    fn float<F: zmij::Float>(&mut self, v: F, nan: bool, infinite: bool, negative: bool) {
        if nan {
            self.out.extend_from_slice(b"\"NaN\"");
        } else if infinite {
            self.out.extend_from_slice(if negative {
                b"\"-Infinity\""
            } else {
                b"\"Infinity\""
            });
        } else {
            write_finite(self.out, v);
        }
    }

    /// An enum value: its name, or its number when unknown or when options ask for numbers.
    #[inline]
    pub(crate) fn enum_number(&mut self, field: &'static FieldInfo, info: &EnumInfo, number: i32) {
        if self.format(field).enums.unwrap_or(self.options.enums) == EnumFormat::Names {
            // NullValue's name is `null`; as numbers it is 0 like any enum.
            if is_null_value(field.kind) {
                self.out.extend_from_slice(b"null");
                return;
            }
            if let Some(v) = info.value_by_number(number) {
                write_str(self.out, v.name);
                return;
            }
        }
        self.integer(number, false);
    }

    /// A string value.
    #[inline]
    pub(crate) fn string(&mut self, _field: &'static FieldInfo, s: &str) {
        write_str(self.out, s);
    }

    /// A bytes value of `field`, in its encoding.
    pub(crate) fn bytes(&mut self, field: &'static FieldInfo, b: &[u8]) {
        let form = self.format(field).bytes.unwrap_or(self.options.bytes);
        self.out.push(b'"');
        match form {
            BytesFormat::Base64 => {
                let start = self.out.len();
                let len = base64::encoded_len(b.len(), true).unwrap_or(0);
                self.out.resize(start + len, 0);
                let written = base64::engine::general_purpose::STANDARD
                    .encode_slice(b, &mut self.out[start..])
                    .unwrap_or(0);
                self.out.truncate(start + written);
            }
            BytesFormat::Hex => write_hex(self.out, b),
        }
        self.out.push(b'"');
    }

    fn map_key(&mut self, key: KeyRef<'_>) {
        match key {
            KeyRef::String(s) => write_str(self.out, s),
            KeyRef::Bool(b) => {
                self.out
                    .extend_from_slice(if b { b"\"true\"" } else { b"\"false\"" })
            }
            KeyRef::I32(v) => self.integer(v, true),
            KeyRef::I64(v) => self.integer(v, true),
            KeyRef::U32(v) => self.integer(v, true),
            KeyRef::U64(v) => self.integer(v, true),
        }
    }

    /// A well-known type's own JSON form; `field` is the field it is the value of.
    fn well_known(
        &mut self,
        w: Wkt,
        msg: &dyn Reflect,
        depth: usize,
        field: Option<&'static FieldInfo>,
    ) -> Result<(), JsonError> {
        let first = msg.get_at(0);
        let second = msg.get_at(1);
        match w {
            Wkt::Timestamp => {
                let seconds = first.and_then(|v| v.as_i64()).unwrap_or(0);
                let nanos = second.and_then(|v| v.as_i64()).unwrap_or(0) as i32;
                let form = field.and_then(|f| self.format(f).timestamps);
                match form.unwrap_or(self.options.timestamps) {
                    TimestampFormat::Rfc3339 => {
                        self.out.push(b'"');
                        time::write_timestamp(self.out, seconds, nanos).map_err(unrepresentable)?;
                        self.out.push(b'"');
                    }
                    TimestampFormat::EpochMillis => {
                        let millis = i128::from(seconds) * 1000 + i128::from(nanos) / 1_000_000;
                        self.integer(millis, false);
                    }
                    TimestampFormat::EpochSeconds => {
                        self.epoch_seconds(seconds, nanos)
                            .map_err(unrepresentable)?;
                    }
                }
            }
            Wkt::Duration => {
                let seconds = first.and_then(|v| v.as_i64()).unwrap_or(0);
                let nanos = second.and_then(|v| v.as_i64()).unwrap_or(0) as i32;
                self.out.push(b'"');
                time::write_duration(self.out, seconds, nanos).map_err(unrepresentable)?;
                self.out.push(b'"');
            }
            Wkt::FieldMask => {
                let mut joined = String::new();
                if let Some(paths) = first.and_then(|v| v.as_list()) {
                    for (i, p) in paths.iter().enumerate() {
                        if i > 0 {
                            joined.push(',');
                        }
                        let camel = time::path_to_camel(p.as_str().unwrap_or_default())
                            .map_err(unrepresentable)?;
                        joined.push_str(&camel);
                    }
                }
                write_str(self.out, &joined);
            }
            Wkt::Struct | Wkt::ListValue => match (first, msg.info().fields.first()) {
                (Some(v), Some(field)) => self.value(field, &v, depth)?,
                _ => self
                    .out
                    .extend_from_slice(if w == Wkt::Struct { b"{}" } else { b"[]" }),
            },
            Wkt::Value => {
                // Every field of `Value` is a member of its oneof `kind`: the set one answers.
                let fields = msg.info().fields;
                let set = (0..fields.len()).find_map(|i| Some((fields.get(i)?, msg.get_at(i)?)));
                match set {
                    Some((_, Value::F64(n))) if !n.is_finite() => {
                        return Err(unrepresentable(format!(
                            "google.protobuf.Value holds {n}, which JSON numbers cannot"
                        )));
                    }
                    // `null_value` is `null` whatever the enum format.
                    Some((_, Value::Enum(_))) => self.out.extend_from_slice(b"null"),
                    Some((field, value)) => self.value(field, &value, depth)?,
                    None => return Err(unrepresentable("google.protobuf.Value with no kind set")),
                }
            }
            Wkt::Any => self.any(msg, depth)?,
            Wkt::Wrapper(_) => match (first, msg.info().fields.first()) {
                (Some(v), Some(field)) => {
                    // The wrapper's own `value` field: not the field of that name that the
                    // run-time forms of the enclosing message may name.
                    let scope = self.scope.take();
                    let r = self.value(field, &v, depth);
                    self.scope = scope;
                    r?;
                }
                _ => return Err(unrepresentable("wrapper without a value")),
            },
        }
        Ok(())
    }

    /// Seconds since the epoch with the fraction as decimals; nanos out of range (which
    /// RFC 3339 refuses too) have no such form.
    fn epoch_seconds(&mut self, seconds: i64, nanos: i32) -> Result<(), String> {
        if !(0..1_000_000_000).contains(&nanos) {
            return Err(format!("timestamp nanos {nanos} outside 0..999999999"));
        }
        if nanos == 0 {
            self.integer(seconds, false);
            return Ok(());
        }
        let (negative, whole, frac) = if seconds < 0 {
            (
                true,
                seconds.unsigned_abs() - 1,
                1_000_000_000 - nanos as u32,
            )
        } else {
            (false, seconds as u64, nanos as u32)
        };
        if negative {
            self.out.push(b'-');
        }
        self.integer(whole, false);
        let mut digits = format!("{frac:09}");
        while digits.ends_with('0') {
            digits.pop();
        }
        self.out.push(b'.');
        self.out.extend_from_slice(digits.as_bytes());
        Ok(())
    }

    fn any(&mut self, msg: &dyn Reflect, depth: usize) -> Result<(), JsonError> {
        let type_url = msg.get_at(0).and_then(|v| v.as_str()).unwrap_or_default();
        let bytes = msg.get_at(1).and_then(|v| v.as_bytes()).unwrap_or_default();
        if type_url.is_empty() && bytes.is_empty() {
            self.out.extend_from_slice(b"{}");
            return Ok(());
        }
        let name = type_url.rsplit_once('/').map_or(type_url, |(_, n)| n);
        self.out.push(b'{');
        self.newline(depth + 1);
        write_str(self.out, "@type");
        self.colon();
        write_str(self.out, type_url);
        let mut first = false;
        let bad = |e: prost::DecodeError| {
            JsonError::new(JsonErrorKind::InvalidValue {
                expected: format!("binary {name}"),
                reason: e.to_string(),
            })
        };
        if let Some(Wkt::Wrapper(kind)) = wkt(name) {
            self.separator(&mut first, depth + 1);
            write_str(self.out, "value");
            self.colon();
            // The payload's `value` is the wrapper's own field (see `well_known`).
            let scope = self.scope.take();
            let r = self.wrapper_payload(kind, bytes, depth);
            self.scope = scope;
            return r.map_err(|e| match e {
                Ok(e) => e,
                Err(d) => bad(d),
            });
        }
        let registry = self.options.registry();
        let Some(t) = registry.resolve(type_url) else {
            return Err(JsonError::new(JsonErrorKind::UnknownType {
                type_url: type_url.to_string(),
            }));
        };
        let mut inner = t.new_message();
        inner.merge_binary(bytes).map_err(bad)?;
        let inner = inner.as_reflect_dyn();
        if wkt(name).is_some() {
            self.separator(&mut first, depth + 1);
            write_str(self.out, "value");
            self.colon();
            self.message(inner, depth + 1)
                .map_err(|e| e.within(PathSegment::Field("value".into())))?;
        } else {
            self.check_depth(depth + 1)?;
            self.fields(inner, depth, &mut first)?;
        }
        self.close(b'}', false, depth);
        Ok(())
    }

    /// The `value` of an `Any` holding a wrapper, decoded with prost's wrapper impls.
    fn wrapper_payload(
        &mut self,
        kind: Kind,
        bytes: &[u8],
        depth: usize,
    ) -> Result<(), Result<JsonError, prost::DecodeError>> {
        use prost::Message;
        let field = wrapper_field(kind);
        let value = match kind {
            Kind::Double => Value::F64(f64::decode(bytes).map_err(Err)?),
            Kind::Float => Value::F32(f32::decode(bytes).map_err(Err)?),
            Kind::Int64 => Value::I64(i64::decode(bytes).map_err(Err)?),
            Kind::Uint64 => Value::U64(u64::decode(bytes).map_err(Err)?),
            Kind::Int32 => Value::I32(i32::decode(bytes).map_err(Err)?),
            Kind::Uint32 => Value::U32(u32::decode(bytes).map_err(Err)?),
            Kind::Bool => Value::Bool(bool::decode(bytes).map_err(Err)?),
            Kind::String => {
                let s = String::decode(bytes).map_err(Err)?;
                write_str(self.out, &s);
                self.close(b'}', false, depth);
                return Ok(());
            }
            _ => {
                let b = Vec::<u8>::decode(bytes).map_err(Err)?;
                self.bytes(field, &b);
                self.close(b'}', false, depth);
                return Ok(());
            }
        };
        self.value(field, &value, depth + 1).map_err(Ok)?;
        self.close(b'}', false, depth);
        Ok(())
    }
}

/// A field description for the `value` of a wrapper of `kind`.
pub(crate) fn wrapper_field(kind: Kind) -> &'static FieldInfo {
    macro_rules! field {
        ($k:expr) => {{
            const F: FieldInfo = FieldInfo::new("value", "value", 1, $k, Cardinality::Optional);
            &F
        }};
    }
    match kind {
        Kind::Double => field!(Kind::Double),
        Kind::Float => field!(Kind::Float),
        Kind::Int64 => field!(Kind::Int64),
        Kind::Uint64 => field!(Kind::Uint64),
        Kind::Int32 => field!(Kind::Int32),
        Kind::Uint32 => field!(Kind::Uint32),
        Kind::Bool => field!(Kind::Bool),
        Kind::String => field!(Kind::String),
        _ => field!(Kind::Bytes),
    }
}

/// An integer the encoder writes in decimal.
pub(crate) trait Decimal: Copy {
    /// Appends the digits (with `-` when negative), in quotes when `quoted`.
    fn push_decimal(self, out: &mut Vec<u8>, quoted: bool);
}

macro_rules! decimal {
    ($($t:ty => $magnitude:expr;)*) => {$(
        impl Decimal for $t {
            #[inline]
            fn push_decimal(self, out: &mut Vec<u8>, quoted: bool) {
                #[allow(unused_comparisons)]
                let negative = self < 0;
                push_decimal(out, negative, $magnitude(self), quoted);
            }
        }
    )*};
}
decimal!(
    i32 => |v: i32| u64::from(v.unsigned_abs());
    u32 => u64::from;
    i64 => i64::unsigned_abs;
    u64 => |v: u64| v;
);

impl Decimal for i128 {
    fn push_decimal(self, out: &mut Vec<u8>, quoted: bool) {
        let mut buf = itoa::Buffer::new();
        let digits = buf.format(self).as_bytes();
        if quoted {
            out.push(b'"');
        }
        out.extend_from_slice(digits);
        if quoted {
            out.push(b'"');
        }
    }
}

/// Two-digit groups `00` to `99`.
static DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes `value` right-aligned into `buf` as decimal digits, zero-padded, two at a time;
/// digits that do not fit are dropped.
#[inline(always)]
pub(crate) fn put_digits(buf: &mut [u8], mut value: u64) {
    let mut i = buf.len();
    while i >= 2 {
        // `pair` is below 200 and `i` within `buf`: the indexing cannot fail.
        let pair = (value % 100) as usize * 2;
        value /= 100;
        i -= 2;
        buf[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
    }
    if i == 1 {
        buf[0] = b'0' + (value % 10) as u8;
    }
}

/// Appends `[-]magnitude` in decimal, optionally quoted, formatting in place: the output grows
/// by a fixed 22 bytes (inline stores, no `memcpy` call as copying from a separate digit
/// buffer costs for every number), the digits are written right to left, and the unused tail
/// is cut off.
#[inline]
fn push_decimal(out: &mut Vec<u8>, negative: bool, magnitude: u64, quoted: bool) {
    let digits = magnitude.checked_ilog10().map_or(1, |l| l as usize + 1);
    let start = out.len();
    out.extend_from_slice(&[b'"'; 22]);
    let sign = usize::from(quoted) + usize::from(negative);
    let end = start + sign + digits;
    let Some(slot) = out.get_mut(start..end) else {
        return;
    };
    if negative {
        slot[usize::from(quoted)] = b'-';
    }
    put_digits(&mut slot[sign..], magnitude);
    // The closing quote is already there (the fill byte).
    out.truncate(end + usize::from(quoted));
}

#[cfg(test)]
mod tests {
    use super::{Decimal, Encoder};
    use crate::json::JsonOptions;

    /// Compact keys of every length around the constant buffer's size, first or not, after
    /// whatever the output holds: `,"key":` (no comma when first), nothing else touched.
    #[test]
    fn plain_keys_of_every_length_are_written_whole() {
        let options = JsonOptions::default();
        for n in 0..=70 {
            let key: &'static str =
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij"
                    .get(..n)
                    .unwrap_or_default();
            for before in ["", "{", "x", "[{", "{\"a\":1"] {
                for first in [true, false] {
                    for spare in [0, 1, 31, 32, 100] {
                        let mut out = Vec::with_capacity(before.len() + spare);
                        out.extend_from_slice(before.as_bytes());
                        let mut is_first = first;
                        Encoder::new(&mut out, &options).plain_key(key, &mut is_first);
                        let comma = if first { "" } else { "," };
                        let expected = format!("{before}{comma}\"{key}\":");
                        assert_eq!(
                            String::from_utf8_lossy(&out),
                            expected,
                            "key of {n} bytes after {before:?}, first {first}, spare {spare}"
                        );
                        assert!(!is_first);
                    }
                }
            }
        }
    }

    fn check<I: Decimal + std::fmt::Display>(v: I) {
        for quoted in [false, true] {
            let mut out = b"x".to_vec();
            v.push_decimal(&mut out, quoted);
            let expected = if quoted {
                format!("x\"{v}\"")
            } else {
                format!("x{v}")
            };
            assert_eq!(String::from_utf8_lossy(&out), expected);
        }
    }

    #[test]
    fn decimals_match_display() {
        let mut tens: Vec<u64> = vec![0, u64::MAX, u64::MAX - 1];
        let mut p = 1u64;
        while let Some(next) = p.checked_mul(10) {
            tens.extend([p - 1, p, p + 1]);
            p = next;
        }
        tens.extend([p - 1, p, p + 1]);
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            tens.push(x >> (x % 64));
        }
        for &v in &tens {
            check(v);
            check(v as i64);
            check(v as u32);
            check(v as i32);
            check(v as i128 * -3);
        }
        for v in [i64::MIN, i64::MAX, -1, i32::MIN as i64, i32::MAX as i64] {
            check(v);
        }
        check(i32::MIN);
        check(i128::MIN);
    }

    /// Plain strings of every length through the short and long paths, each byte in its
    /// place, after text already in the buffer, with and without room to spare.
    #[test]
    fn plain_strings_are_copied_whole() {
        let alphabet: Vec<char> = ('0'..='9').chain('A'..='Z').chain(['é', '€']).collect();
        for len in 0..=40 {
            let text: String = (0..len)
                .map(|i| alphabet[(i * 7) % alphabet.len()])
                .collect();
            for capacity in [0, 100] {
                let mut out = Vec::with_capacity(capacity);
                out.extend_from_slice(b"x");
                super::write_str(&mut out, &text);
                assert_eq!(String::from_utf8_lossy(&out), format!("x\"{text}\""));
            }
        }
    }

    /// Strings with and without escapes, at every position and length around the word
    /// size, read back by serde_json to the same text.
    #[test]
    fn strings_escape_what_json_requires() {
        let specials = [
            "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{c}", "\u{1}", "\u{1f}",
        ];
        for len in 0..20 {
            for at in 0..=len {
                for special in specials.iter().chain(&["é", "/", "\u{7f}"]) {
                    let mut text = "a".repeat(len);
                    text.insert_str(at, special);
                    let mut out = b"x".to_vec();
                    super::write_str(&mut out, &text);
                    let back: String = match serde_json::from_slice(&out[1..]) {
                        Ok(back) => back,
                        Err(e) => panic!("{text:?} wrote {:?}: {e}", String::from_utf8_lossy(&out)),
                    };
                    assert_eq!(back, text);
                    assert_eq!(out[0], b'x');
                }
            }
        }
    }
}

//! Well-known types with a JSON form of their own: `Timestamp`, `Duration`, `FieldMask`,
//! `Struct`, `Value`, `ListValue`, `Any`, the wrappers and `Empty`.

use super::Decoder;
use super::internal;
use super::invalid;
use super::number::parse_float;
use super::number::parse_integer;
use crate::json::error::JsonError;
use crate::json::error::JsonErrorKind;
use crate::json::error::PathSegment;
use crate::json::read::Next;
use crate::json::time;
use crate::json::well_known::{Wkt, wkt};
use crate::meta::Kind;
use crate::reflect::Reflect;
use crate::value::OwnedValue;

impl<'a, 'o> Decoder<'a, 'o> {
    pub(super) fn well_known(
        &mut self,
        w: Wkt,
        msg: &mut dyn Reflect,
        depth: usize,
    ) -> Result<(), JsonError> {
        match w {
            Wkt::Timestamp => {
                let (seconds, nanos) = self.timestamp()?;
                let at = self.r.offset();
                self.store(msg, 0, OwnedValue::I64(seconds), at)?;
                self.store(msg, 1, OwnedValue::I32(nanos), at)
            }
            Wkt::Duration => {
                let (text, at) = self.string_for("google.protobuf.Duration")?;
                let (seconds, nanos) = time::parse_duration(&text)
                    .map_err(|r| JsonError::at(invalid("google.protobuf.Duration", r), at))?;
                self.store(msg, 0, OwnedValue::I64(seconds), at)?;
                self.store(msg, 1, OwnedValue::I32(nanos), at)
            }
            Wkt::FieldMask => {
                let (text, at) = self.string_for("google.protobuf.FieldMask")?;
                let paths = if text.is_empty() {
                    Vec::new()
                } else {
                    text.split(',')
                        .map(|p| time::path_from_camel(p).map(OwnedValue::String))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|r| JsonError::at(invalid("google.protobuf.FieldMask", r), at))?
                };
                self.store(msg, 0, OwnedValue::List(paths), at)
            }
            Wkt::Struct => match msg.info().fields.first() {
                Some(field) => self.map(msg, 0, field, Kind::String, depth),
                None => Err(self.r.error(internal("Struct without fields"))),
            },
            Wkt::ListValue => match msg.info().fields.first() {
                Some(field) => {
                    if self.r.peek()? != Next::Array {
                        return Err(self.wrong_type("an array for google.protobuf.ListValue"));
                    }
                    self.list(msg, 0, field, depth)
                }
                None => Err(self.r.error(internal("ListValue without fields"))),
            },
            Wkt::Value => self.value(msg, depth),
            Wkt::Any => self.any(msg, depth),
            Wkt::Wrapper(kind) => {
                let at = self.r.offset();
                match self.scalar(kind)? {
                    Some(v) => self.store(msg, 0, v, at),
                    None => Ok(()),
                }
            }
        }
    }

    /// The form of the timestamp being read: the field's, else the options'.
    fn timestamp_format(&self) -> crate::json::TimestampFormat {
        self.format.timestamps.unwrap_or(self.options.timestamps)
    }

    fn timestamp(&mut self) -> Result<(i64, i32), JsonError> {
        let at = self.r.offset();
        let expected = "google.protobuf.Timestamp";
        match self.r.peek()? {
            Next::String => {
                let text = self.r.string()?;
                time::parse_timestamp(&text).map_err(|r| JsonError::at(invalid(expected, r), at))
            }
            Next::Number if self.timestamp_format() != crate::json::TimestampFormat::Rfc3339 => {
                let text = self.r.number()?;
                let millis = self.timestamp_format() == crate::json::TimestampFormat::EpochMillis;
                epoch(text, millis).map_err(|r| JsonError::at(invalid(expected, r), at))
            }
            _ => Err(self.wrong_type(format!("a string for {expected}"))),
        }
    }

    fn value(&mut self, msg: &mut dyn Reflect, depth: usize) -> Result<(), JsonError> {
        let at = self.r.offset();
        let index = |name: &str| {
            msg.field_index(name).ok_or_else(|| {
                JsonError::at(internal("google.protobuf.Value without its fields"), at)
            })
        };
        let next = self.r.peek()?;
        let (i, v) = match next {
            Next::Null => {
                self.r.eat_null()?;
                (index("null_value")?, OwnedValue::I32(0))
            }
            Next::True | Next::False => (index("bool_value")?, OwnedValue::Bool(self.r.boolean()?)),
            Next::String => (
                index("string_value")?,
                OwnedValue::String(self.r.string()?.into_owned()),
            ),
            Next::Number => {
                let f = parse_float(self.r.number()?, false)
                    .map_err(|r| JsonError::at(invalid("google.protobuf.Value", r), at))?;
                (index("number_value")?, OwnedValue::F64(f))
            }
            Next::Object | Next::Array => {
                let i = index(if next == Next::Object {
                    "struct_value"
                } else {
                    "list_value"
                })?;
                let child = self.new_child(msg, i)?;
                // Same depth: the Struct or ListValue is this JSON value, as the encoder
                // counts it (else deep Struct output could not be read back).
                return self.message(child, depth);
            }
        };
        self.store(msg, i, v, at)
    }

    fn any(&mut self, msg: &mut dyn Reflect, depth: usize) -> Result<(), JsonError> {
        let start = self.r.next_offset();
        if self.r.peek()? != Next::Object {
            return Err(self.wrong_type("an object for google.protobuf.Any"));
        }
        if self.r.begin_object()? {
            return Ok(());
        }
        let mut type_url = None;
        loop {
            let key_at = self.r.next_offset();
            let key = self.r.key()?;
            if key == "@type" {
                let (url, _) = self.string_for("@type")?;
                if type_url.replace(url.into_owned()).is_some() {
                    return Err(JsonError::at(
                        JsonErrorKind::DuplicateField { field: "@type" },
                        key_at,
                    ));
                }
            } else {
                self.skip(depth + 1)?;
            }
            if !self.r.more(b'}')? {
                break;
            }
        }
        let Some(type_url) = type_url else {
            return Err(JsonError::at(
                invalid("google.protobuf.Any", "no `@type`"),
                start,
            ));
        };
        let end = self.r.offset();
        self.r.rewind(start);
        let name = type_url
            .rsplit_once('/')
            .map_or(type_url.as_str(), |(_, n)| n);
        let bytes = match wkt(name) {
            Some(Wkt::Wrapper(kind)) => {
                let mut value = None;
                self.special_payload(depth, &mut |d| {
                    value = d.scalar(kind)?;
                    Ok(())
                })?;
                wrapper_bytes(value)
            }
            special => {
                let registry = self.options.registry();
                let Some(t) = registry.resolve(&type_url) else {
                    return Err(JsonError::at(
                        JsonErrorKind::UnknownType {
                            type_url: type_url.clone(),
                        },
                        start,
                    ));
                };
                let mut inner = t.new_message();
                if special.is_some() {
                    let target = inner.as_reflect_dyn_mut();
                    self.special_payload(depth, &mut |d| d.message(&mut *target, depth + 1))?;
                } else {
                    self.check_depth(depth + 1)?;
                    self.object_fields(inner.as_reflect_dyn_mut(), depth, true)?;
                }
                inner.encode_binary()
            }
        };
        debug_assert_eq!(self.r.offset(), end);
        self.store(msg, 0, OwnedValue::String(type_url), start)?;
        self.store(msg, 1, OwnedValue::Bytes(bytes), start)
    }

    /// Reads `{"@type": ..., "value": X}` and calls `read` for X.
    fn special_payload(
        &mut self,
        depth: usize,
        read: &mut dyn FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.r.begin_object()?;
        loop {
            let key_at = self.r.next_offset();
            let key = self.r.key()?;
            match key.as_ref() {
                "@type" => self.skip(depth + 1)?,
                "value" => read(self).map_err(|e| e.within(PathSegment::Field("value".into())))?,
                _ => {
                    return Err(JsonError::at(
                        invalid(
                            "google.protobuf.Any",
                            format!(
                                "a well-known type takes only `@type` and `value`, not `{key}`"
                            ),
                        ),
                        key_at,
                    ));
                }
            }
            if !self.r.more(b'}')? {
                return Ok(());
            }
        }
    }
}

/// The binary form of a wrapper holding `value` (prost's impls for the wrapper types).
fn wrapper_bytes(value: Option<OwnedValue>) -> Vec<u8> {
    use prost::Message;
    match value {
        Some(OwnedValue::F64(v)) => v.encode_to_vec(),
        Some(OwnedValue::F32(v)) => v.encode_to_vec(),
        Some(OwnedValue::I64(v)) => v.encode_to_vec(),
        Some(OwnedValue::U64(v)) => v.encode_to_vec(),
        Some(OwnedValue::I32(v)) => v.encode_to_vec(),
        Some(OwnedValue::U32(v)) => v.encode_to_vec(),
        Some(OwnedValue::Bool(v)) => v.encode_to_vec(),
        Some(OwnedValue::String(v)) => v.encode_to_vec(),
        Some(OwnedValue::Bytes(v)) => v.encode_to_vec(),
        _ => Vec::new(),
    }
}

/// An epoch number (`1500` millis, or `1.5` seconds) as seconds and nanos.
fn epoch(text: &str, millis: bool) -> Result<(i64, i32), String> {
    let out_of_range = || format!("{text} is out of range");
    let (seconds, nanos) = if millis {
        let m = parse_integer(text, Kind::Int64)?;
        (m.div_euclid(1000), (m.rem_euclid(1000) * 1_000_000) as i32)
    } else if text.bytes().any(|b| b == b'e' || b == b'E') {
        let f: f64 = text.parse().map_err(|_| out_of_range())?;
        let s = f.floor();
        (s as i128, ((f - s) * 1e9).round().min(999_999_999.0) as i32)
    } else {
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let negative = whole.starts_with('-');
        let s: i128 = whole.parse().map_err(|_| out_of_range())?;
        let digits = frac.get(..9).unwrap_or(frac);
        let mut n: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| out_of_range())?
        };
        n *= 10i64.pow(9 - digits.len() as u32);
        if negative && n > 0 {
            (s - 1, (1_000_000_000 - n) as i32)
        } else {
            (s, n as i32)
        }
    };
    let seconds = i64::try_from(seconds).map_err(|_| out_of_range())?;
    if !(time::MIN_TIMESTAMP..=time::MAX_TIMESTAMP).contains(&seconds) {
        return Err(out_of_range());
    }
    Ok((seconds, nanos))
}

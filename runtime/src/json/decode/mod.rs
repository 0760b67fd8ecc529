//! Reads JSON text straight into a message through [`Reflect`]: each key is matched by the
//! generated `field_index`, each value parsed for its field's type and stored; nested
//! messages are created in place and filled recursively.
//!
//! Laid out as serde_json's reader is:
//! - here, the object loop (keys, duplicates, oneofs, unknown keys) and the scalar values
//!   both paths share (bools, strings, bytes, enums, integers and floats of any kind);
//! - [`typed`]: the readers generated `read_json_field` calls with the field's Rust type;
//! - [`dynamic`]: every value as an [`OwnedValue`] stored with `set_at`, for `null`, types
//!   the generated code leaves to it, and [`Path::Dynamic`] (tests hold the two paths to the
//!   same results: `tests/compile/tests/json_paths.rs`);
//! - [`number`]: integer and float text;
//! - [`wkt`]: the well-known types' own JSON forms.

use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use std::borrow::Cow;

use super::error::{JsonError, JsonErrorKind, PathSegment};
use super::format::{self, FieldFormat, MessageOverrides};
use super::naming::extra_key_index;
use super::read::{Next, Reader, is_number};
use super::scan::{self, quote_in_words};
use super::well_known::{Wkt, wkt};
use super::{BytesFormat, JsonOptions, Unknown, radix64};
use crate::error::ValueError;
use crate::meta::{EnumInfo, FieldInfo, Kind, MessageMeta};
use crate::reflect::Reflect;
use crate::value::{OwnedValue, ValueMap, ValueMut};

mod dynamic;
mod number;
mod typed;
mod wkt;

pub(crate) use number::small_integer;
use number::{in_range, int_range, parse_float, parse_integer, plain_decimal, plain_integer};
pub(crate) use typed::MapOp;

/// Which reader a field's value goes through.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Path {
    /// The message's generated `read_json_field`, which reads most types straight into the
    /// field (the typed readers) and leaves the rest to the dynamic path.
    Typed,
    /// Only the dynamic path ([`Decoder::field`]: values as [`OwnedValue`]s stored with
    /// `set_at`). Tests hold the typed readers to it.
    Dynamic,
}

/// Decodes `text` into `msg`, which should be a default instance.
pub(crate) fn decode<M: Reflect + ?Sized>(
    text: &str,
    msg: &mut M,
    options: &JsonOptions,
    path: Path,
) -> Result<(), JsonError> {
    let mut d = Decoder {
        r: Reader::new(text),
        options,
        scope: None,
        format: FieldFormat::NONE,
        path,
    };
    let result = d.root(msg).and_then(|()| d.r.finish());
    result.map_err(|mut e| {
        e.locate(text);
        e
    })
}

const INDIFFERENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::STANDARD, INDIFFERENT);
const URL_SAFE: GeneralPurpose = GeneralPurpose::new(&base64::alphabet::URL_SAFE, INDIFFERENT);

/// Which fields an object has given so far.
///
/// A plain `Vec`: a `u128` of bits for the first 128 fields saved its allocation, but only
/// 3.8% of the instructions of decoding the benchmark event (0.2% for `Heavy`; callgrind) and
/// 2-5% of the time, under the 5% a micro-optimisation must show to stay.
struct Seen(Vec<bool>);

impl Seen {
    fn new(fields: usize) -> Self {
        Seen(vec![false; fields])
    }

    /// Marks `i`; false if it was marked already.
    fn mark(&mut self, i: usize) -> bool {
        match self.0.get_mut(i) {
            Some(seen) => !std::mem::replace(seen, true),
            None => true,
        }
    }
}

/// The member set so far in each oneof (`usize::MAX` for none).
///
/// A plain `Vec` (no allocation for a message without oneofs): an inline array for the first
/// four oneofs saved 1% of the instructions of decoding the benchmark event (callgrind), under
/// the 5% a micro-optimisation must show to stay.
struct OneofsSet(Vec<usize>);

impl OneofsSet {
    fn new(oneofs: usize) -> Self {
        OneofsSet(vec![usize::MAX; oneofs])
    }

    /// Records `field` as the member of `oneof`; returns the member set before, if any.
    fn set(&mut self, oneof: usize, field: usize) -> Option<usize> {
        let slot = self.0.get_mut(oneof)?;
        let before = std::mem::replace(slot, field);
        (before != usize::MAX).then_some(before)
    }
}

/// The scalar kind a value of `kind` is read as: `kind` itself for scalars and enums, a
/// wrapper type's inner kind (prost stores wrappers as the bare scalar); `None` for other
/// messages.
fn scalar_of(kind: Kind) -> Option<Kind> {
    match kind {
        Kind::Message(name) | Kind::Group(name) => match wkt(name) {
            Some(Wkt::Wrapper(k)) => Some(k),
            _ => None,
        },
        k => Some(k),
    }
}

fn describe_kind(kind: Kind) -> String {
    scalar_of(kind).unwrap_or(kind).describe()
}

fn invalid(expected: impl Into<String>, reason: impl Into<String>) -> JsonErrorKind {
    JsonErrorKind::InvalidValue {
        expected: expected.into(),
        reason: reason.into(),
    }
}

fn internal(what: &str) -> JsonErrorKind {
    JsonErrorKind::Unrepresentable(format!("internal: {what}"))
}

/// The JSON reader; public only because generated code names it (see
/// [`Reflect::read_json_field`]).
#[doc(hidden)]
pub struct Decoder<'a, 'o> {
    r: Reader<'a>,
    options: &'o JsonOptions,
    /// The run-time field overrides of the message being read (`JsonOptions::fields`).
    scope: Option<MessageOverrides<'o>>,
    /// The JSON forms of the field whose value is being read.
    format: FieldFormat,
    path: Path,
}

/// The kind a scalar of Rust type with kind `canonical` is parsed as: the field's own kind,
/// or `canonical` for a wrapper type's field (stored as the bare scalar).
#[inline(always)]
fn scalar_kind(field: &FieldInfo, canonical: Kind) -> Kind {
    match field.kind {
        Kind::Message(_) | Kind::Group(_) => canonical,
        k => k,
    }
}

impl<'a, 'o> Decoder<'a, 'o> {
    fn check_depth(&self, depth: usize) -> Result<(), JsonError> {
        if depth > self.options.depth_limit() {
            return Err(self.r.error(JsonErrorKind::TooDeep {
                limit: self.options.depth_limit(),
            }));
        }
        Ok(())
    }

    fn wrong_type(&mut self, expected: impl Into<String>) -> JsonError {
        let got = match self.r.peek() {
            Ok(next) => next.describe(),
            Err(e) => return e,
        };
        self.r.error(JsonErrorKind::WrongType {
            expected: expected.into(),
            got: got.to_string(),
        })
    }

    /// Checks that a repeated field's value at `depth` is an array (not yet entered).
    fn expect_array(&mut self, field: &'static FieldInfo, depth: usize) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if self.r.peek()? != Next::Array {
            return Err(self.wrong_type(format!("an array for {}", field.type_name())));
        }
        Ok(())
    }

    fn skip(&mut self, depth: usize) -> Result<(), JsonError> {
        self.r.skip_value(depth, self.options.depth_limit())
    }

    /// Reads an object into `msg` at nesting `depth` (0 for the root).
    fn message(&mut self, msg: &mut dyn Reflect, depth: usize) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if let Some(w) = wkt(msg.info().full_name) {
            return self.well_known(w, msg, depth);
        }
        self.object_fields(msg, depth, false)
    }

    /// Reads the root object into `msg`.
    fn root<M: Reflect + ?Sized>(&mut self, msg: &mut M) -> Result<(), JsonError> {
        if wkt(msg.info().full_name).is_some() {
            return self.message(msg.as_reflect_mut(), 0);
        }
        self.check_depth(0)?;
        self.object_fields(msg.as_reflect_mut(), 0, false)
    }

    /// Reads a message of a known type (a list element, map value or field value that is
    /// not `null`) at `depth`: what [`message`](Self::message) does, with the type's
    /// well-known kind known at compile time. Generic only for that and to reach the
    /// message's out-of-line `as_dyn_mut`; the rest is [`plain_message`](Self::plain_message),
    /// compiled once.
    #[doc(hidden)]
    #[inline]
    pub fn typed_message<M: Reflect + MessageMeta>(
        &mut self,
        msg: &mut M,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        if wkt(M::INFO.full_name).is_some() {
            if M::INFO.full_name != "google.protobuf.Value" && self.r.peek()? == Next::Null {
                return Err(self.wrong_type(describe_kind(field.kind)));
            }
            return self.message(msg.as_dyn_mut(), depth);
        }
        self.plain_message(msg.as_dyn_mut(), field, depth)
    }

    /// A message that is not a well-known type, over `&mut dyn Reflect`: generic, this was
    /// instantiated for every message type (2.4% of the example crate's LLVM IR).
    fn plain_message(
        &mut self,
        msg: &mut dyn Reflect,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        if self.r.peek()? == Next::Null {
            return Err(self.wrong_type(describe_kind(field.kind)));
        }
        self.check_depth(depth)?;
        self.object_fields(msg, depth, false)
    }

    /// Reads an object's entries into `msg`'s fields; `skip_type` skips an `@type` key (the
    /// payload of an `Any`).
    ///
    /// Over `&mut dyn Reflect`, compiled once: generic over the message, it was instantiated
    /// for every message type and was 12% of the example crate's LLVM IR (issue 23). Two
    /// virtual calls per field (the key lookup and the field's reader) cost little: after the
    /// change, two runs gave 2.0-2.07x pbjson and 3.4-3.9x prost-reflect's dynamic message
    /// on the example event (before: 2.02x and 3.8x; targets 1.3x and 3x).
    fn object_fields(
        &mut self,
        msg: &mut dyn Reflect,
        depth: usize,
        skip_type: bool,
    ) -> Result<(), JsonError> {
        let outer = (self.scope, self.format);
        if !self.options.fields.is_empty() {
            let options: &'o JsonOptions = self.options;
            self.scope = options
                .fields
                .of(msg.info())
                .map_err(|e| self.r.error(e.into()))?;
        }
        let r = self.object_entries(msg, depth, skip_type);
        (self.scope, self.format) = outer;
        r
    }

    fn object_entries(
        &mut self,
        msg: &mut dyn Reflect,
        depth: usize,
        skip_type: bool,
    ) -> Result<(), JsonError> {
        let info = msg.info();
        if self.r.peek()? != Next::Object {
            return Err(self.wrong_type(format!("an object for message {}", info.full_name)));
        }
        if self.r.begin_object()? {
            return Ok(());
        }
        let mut seen = Seen::new(info.fields.len());
        let mut oneofs = OneofsSet::new(info.oneofs.len());
        loop {
            let key_at = self.r.next_offset();
            let key = self.r.key()?;
            if skip_type && key == "@type" {
                self.skip(depth + 1)?;
            } else {
                let index = msg
                    .field_index(&key)
                    .or_else(|| extra_key_index(info, &key, self.options.keys));
                match index.and_then(|i| info.fields.get(i).map(|f| (i, f))) {
                    None if self.options.unknown_keys == Unknown::Ignore => self.skip(depth + 1)?,
                    None => {
                        return Err(JsonError::at(
                            JsonErrorKind::UnknownField {
                                message: info.full_name,
                                key: key.into_owned(),
                            },
                            key_at,
                        ));
                    }
                    Some((i, field)) => {
                        if !seen.mark(i) {
                            return Err(JsonError::at(
                                JsonErrorKind::DuplicateField { field: field.name },
                                key_at,
                            )
                            .within(PathSegment::Field(key.into_owned())));
                        }
                        self.format = format::resolve(field, self.scope);
                        let stored = match self.path {
                            Path::Typed => msg.read_json_field(i, self, depth + 1),
                            Path::Dynamic => self.field(msg, i, field, depth + 1),
                        }
                        .map_err(|e| e.within(PathSegment::Field(key.to_string())))?;
                        if let (true, Some(o)) = (stored, field.oneof)
                            && let Some(first) = oneofs.set(o, i)
                        {
                            return Err(JsonError::at(
                                JsonErrorKind::OneofConflict {
                                    oneof: info.oneofs.get(o).map_or("", |o| o.name),
                                    first: info.fields.get(first).map_or("", |f| f.name),
                                    second: field.name,
                                },
                                key_at,
                            ));
                        }
                    }
                }
            }
            if !self.r.more(b'}')? {
                return Ok(());
            }
        }
    }

    fn store(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        value: OwnedValue,
        at: usize,
    ) -> Result<(), JsonError> {
        msg.set_at(i, value).map_err(|e| value_error(e, at))
    }

    /// A new default message in field `i`, for filling.
    fn new_child<'m>(
        &mut self,
        msg: &'m mut dyn Reflect,
        i: usize,
    ) -> Result<&'m mut dyn Reflect, JsonError> {
        let at = self.r.offset();
        self.store(msg, i, OwnedValue::Message(ValueMap::new()), at)?;
        match msg.mut_at(i) {
            Some(ValueMut::Message(child)) => Ok(child),
            _ => Err(JsonError::at(internal("message field without access"), at)),
        }
    }

    /// Whether the next value is `null`.
    #[inline(always)]
    pub(crate) fn at_null(&mut self) -> Result<bool, JsonError> {
        Ok(self.r.peek()? == Next::Null)
    }

    pub(crate) fn bool_value(&mut self) -> Result<bool, JsonError> {
        match self.r.peek()? {
            Next::True | Next::False => self.r.boolean(),
            _ => Err(self.wrong_type("bool")),
        }
    }

    pub(crate) fn string_value(&mut self) -> Result<String, JsonError> {
        match self.r.peek()? {
            Next::String => Ok(self.r.string()?.into_owned()),
            _ => Err(self.wrong_type("string")),
        }
    }

    pub(crate) fn bytes_value(&mut self) -> Result<Vec<u8>, JsonError> {
        match self.r.peek()? {
            Next::String => {
                // Base64 holds no escapes: the closing quote is the first one, and text the
                // fast decoder accepts is the whole string.
                if self.bytes_format() == BytesFormat::Base64
                    && let Some(bytes) = self.r.take(|rest| {
                        let body = rest.get(1..)?;
                        let end = quote_in_words(body)?;
                        Some((radix64::decode_plain(body.get(..end)?)?, end + 2))
                    })
                {
                    return Ok(bytes);
                }
                let at = self.r.offset();
                let text = self.r.string()?;
                self.decode_bytes(&text)
                    .map_err(|r| JsonError::at(invalid("bytes", r), at))
            }
            _ => Err(self.wrong_type("bytes (a base64 string)")),
        }
    }

    /// A `float` (range-checked) or `double` from a number or a string. A plain decimal
    /// (see [`plain_decimal`]) is read inline; every other form and every error out of line.
    #[inline]
    pub(crate) fn float(&mut self, kind: Kind) -> Result<f64, JsonError> {
        // At most 15 digits and no exponent: always within a `float`'s range.
        if self.r.peek()? == Next::Number
            && let Some(f) = self.r.take(plain_decimal)
        {
            return Ok(f);
        }
        self.any_float(kind)
    }

    #[inline(never)]
    fn any_float(&mut self, kind: Kind) -> Result<f64, JsonError> {
        let next = self.r.peek()?;
        let at = self.r.offset();
        let f = match next {
            Next::Number => parse_float(self.r.number()?, false),
            Next::String => parse_float(&self.r.string()?, true),
            _ => return Err(self.wrong_type(kind.describe())),
        }
        .map_err(|r| JsonError::at(invalid(kind.describe(), r), at))?;
        if kind == Kind::Float && (f as f32).is_infinite() && f.is_finite() {
            return Err(JsonError::at(
                invalid("float", format!("{f} is out of range")),
                at,
            ));
        }
        Ok(f)
    }

    /// An enum value by name or number; `None` for an unknown name that the options ignore.
    pub(crate) fn enum_value(
        &mut self,
        info: &'static EnumInfo,
        kind: Kind,
    ) -> Result<Option<i32>, JsonError> {
        let next = self.r.peek()?;
        let at = self.r.offset();
        match next {
            Next::String => {
                if let Some(number) = self.r.take(|rest| literal_name(info, rest)) {
                    return Ok(Some(number));
                }
                let name = self.r.string()?;
                match info.value_by_name(&name) {
                    Some(v) => Ok(Some(v.number)),
                    None if self.options.unknown_enum_names == Unknown::Ignore => Ok(None),
                    None => Err(JsonError::at(
                        JsonErrorKind::UnknownEnumName {
                            enum_name: info.full_name,
                            name: name.into_owned(),
                        },
                        at,
                    )),
                }
            }
            Next::Number => {
                let text = self.r.number()?;
                let v = parse_integer(text, kind)
                    .map_err(|r| JsonError::at(invalid(kind.describe(), r), at))?;
                Ok(Some(v as i32))
            }
            _ => Err(self.wrong_type(kind.describe())),
        }
    }

    /// An integer of `kind` (range-checked) from a number or a string.
    #[inline]
    pub(crate) fn integer(&mut self, kind: Kind) -> Result<i128, JsonError> {
        let quoted = match self.r.peek()? {
            Next::Number => false,
            Next::String => true,
            _ => return self.any_integer(kind),
        };
        let (min, max) = int_range(kind);
        let in_range = |(v, _): &(i128, usize)| min <= *v && *v <= max;
        match self
            .r
            .take(|rest| plain_integer(rest, quoted).filter(in_range))
        {
            Some(v) => Ok(v),
            None => self.any_integer(kind),
        }
    }

    /// [`integer`](Self::integer) for every form and every error: out of line, so that the
    /// plain case inlines and keeps its `i128` in registers.
    #[inline(never)]
    fn any_integer(&mut self, kind: Kind) -> Result<i128, JsonError> {
        let next = self.r.peek()?;
        let at = self.r.offset();
        match next {
            Next::Number => parse_integer(self.r.number()?, kind),
            Next::String => {
                let text = self.r.string()?;
                // Plain digits need no grammar check and no second parse.
                match small_integer(&text) {
                    Some(v) => in_range(v, &text, kind),
                    None if is_number(&text) => parse_integer(&text, kind),
                    None => Err(format!("`{text}` is not a number")),
                }
            }
            _ => return Err(self.wrong_type(kind.describe())),
        }
        .map_err(|r| JsonError::at(invalid(kind.describe(), r), at))
    }

    /// The form of the bytes being read: the field's, else the options'.
    fn bytes_format(&self) -> BytesFormat {
        self.format.bytes.unwrap_or(self.options.bytes)
    }

    fn decode_bytes(&self, text: &str) -> Result<Vec<u8>, String> {
        match self.bytes_format() {
            BytesFormat::Base64 => {
                // Text in one alphabet with canonical padding or none: one table lookup a
                // character.
                if let Some(bytes) = radix64::decode_plain(text.as_bytes()) {
                    return Ok(bytes);
                }
                // The rest, and every error: the URL-safe alphabet when the text has one of
                // its own characters, else the standard one.
                STANDARD.decode(text).or_else(|standard| {
                    if text.bytes().any(|b| b == b'-' || b == b'_') {
                        URL_SAFE.decode(text).map_err(|e| e.to_string())
                    } else {
                        Err(standard.to_string())
                    }
                })
            }
            BytesFormat::Hex => {
                let b = text.as_bytes();
                if !b.len().is_multiple_of(2) {
                    return Err("odd number of hex digits".into());
                }
                b.chunks(2)
                    .map(|pair| {
                        let hi = (pair[0] as char).to_digit(16);
                        let lo = (pair[1] as char).to_digit(16);
                        match (hi, lo) {
                            (Some(h), Some(l)) => Ok((h * 16 + l) as u8),
                            _ => Err(format!("`{text}` is not hexadecimal")),
                        }
                    })
                    .collect()
            }
        }
    }

    fn string_for(&mut self, what: &str) -> Result<(Cow<'a, str>, usize), JsonError> {
        if self.r.peek()? != Next::String {
            return Err(self.wrong_type(format!("a string for {what}")));
        }
        let at = self.r.offset();
        Ok((self.r.string()?, at))
    }
}

/// The number of the enum value whose name stands in quotes at the start of `rest`, and the
/// length of the quoted name. Names are identifiers, so text equal to one and followed by a
/// quote is exactly that string: no scan for its end, and a quote test first rules out
/// every name of another length.
#[inline(always)]
fn literal_name(info: &EnumInfo, rest: &[u8]) -> Option<(i32, usize)> {
    let text = rest.get(1..)?;
    info.values.iter().find_map(|v| {
        let n = v.name.len();
        (text.get(n) == Some(&b'"')
            && text
                .get(..n)
                .is_some_and(|t| scan::same_bytes(t, v.name.as_bytes())))
        .then_some((v.number, n + 2))
    })
}

fn value_error(e: ValueError, at: usize) -> JsonError {
    JsonError::at(
        JsonErrorKind::InvalidValue {
            expected: "a value the field can hold".into(),
            reason: e.to_string(),
        },
        at,
    )
}

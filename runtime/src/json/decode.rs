//! Reads JSON text straight into a message through [`Reflect`]: each key is matched by the
//! generated `field_index`, each value parsed for its field's type and stored with `set_at`;
//! nested messages are created in place and filled recursively.

use arrayvec::ArrayVec;
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use std::borrow::Cow;

use super::encode::{Wkt, is_null_value, wkt};
use super::error::{JsonError, JsonErrorKind, PathSegment};
use super::format::{self, FieldFormat, MessageOverrides};
use super::naming::extra_key_index;
use super::read::{Next, Reader, is_number};
use super::scan::{self, quote_in_words};
use super::{BytesFormat, JsonOptions, Unknown, radix64, time};
use crate::access::MapKeyElement;
use crate::element::Element;
use crate::error::ValueError;
use crate::meta::{Cardinality, EnumInfo, FieldInfo, Kind, MessageMeta};
use crate::reflect::Reflect;
use crate::value::{ListMut, MapKey, MapMut, OwnedValue, ValueMap, ValueMut};

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
struct Seen {
    small: u128,
    big: Vec<bool>,
}

impl Seen {
    fn new(fields: usize) -> Self {
        Seen {
            small: 0,
            big: if fields > 128 {
                vec![false; fields]
            } else {
                Vec::new()
            },
        }
    }

    /// Marks `i`; false if it was marked already.
    #[inline]
    fn mark(&mut self, i: usize) -> bool {
        if i < 128 {
            let bit = 1u128 << i;
            let fresh = self.small & bit == 0;
            self.small |= bit;
            fresh
        } else {
            match self.big.get_mut(i) {
                Some(b) => !std::mem::replace(b, true),
                None => true,
            }
        }
    }
}

/// The member set so far in each oneof (`usize::MAX` for none).
struct OneofsSet {
    small: [usize; 4],
    big: Vec<usize>,
}

impl OneofsSet {
    fn new(oneofs: usize) -> Self {
        OneofsSet {
            small: [usize::MAX; 4],
            big: if oneofs > 4 {
                vec![usize::MAX; oneofs]
            } else {
                Vec::new()
            },
        }
    }

    /// Records `field` as the member of `oneof`; returns the member set before, if any.
    fn set(&mut self, oneof: usize, field: usize) -> Option<usize> {
        let slot = if oneof < 4 {
            self.small.get_mut(oneof)
        } else {
            self.big.get_mut(oneof)
        }?;
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

/// The range of an integer kind, as i128.
fn int_range(kind: Kind) -> (i128, i128) {
    match kind {
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 | Kind::Enum(_) => {
            (i32::MIN.into(), i32::MAX.into())
        }
        Kind::Uint32 | Kind::Fixed32 => (0, u32::MAX.into()),
        Kind::Uint64 | Kind::Fixed64 => (0, u64::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    }
}

/// Parses the text of a JSON number as an integer of `kind`: digits exactly, or an integral
/// value in float notation (`1e2`, `5.0`).
fn parse_integer(text: &str, kind: Kind) -> Result<i128, String> {
    let (min, max) = int_range(kind);
    let value = if let Some(v) = small_integer(text) {
        v
    } else if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        let f: f64 = text
            .parse()
            .map_err(|_| format!("`{text}` is not a number"))?;
        if !f.is_finite() || f.fract() != 0.0 {
            return Err(format!("{text} is not an integer"));
        }
        if f < min as f64 || f > max as f64 {
            return Err(format!("{text} is out of range"));
        }
        f as i128
    } else {
        text.parse::<i128>()
            .map_err(|_| format!("{text} is out of range"))?
    };
    in_range(value, text, kind)
}

/// `value` (read from `text`) when `kind` can hold it.
#[inline]
fn in_range(value: i128, text: &str, kind: Kind) -> Result<i128, String> {
    let (min, max) = int_range(kind);
    if value < min || value > max {
        return Err(format!("{text} is out of range"));
    }
    Ok(value)
}

/// The value of an integer without leading zeros whose magnitude fits a `u64` (every
/// 64-bit field value; always a valid JSON number), without `i128` parsing.
#[inline]
pub(crate) fn small_integer(text: &str) -> Option<i128> {
    match plain_integer(text.as_bytes(), false) {
        Some((v, end)) if end == text.len() => Some(v),
        _ => None,
    }
}

/// The integer at the start of `b` when it is plain: `-?[1-9][0-9]*` or `0` with a magnitude
/// that fits a `u64`, inside quotes when `quoted`, and not followed by more digits, a fraction
/// or an exponent. Gives the value and the length read (closing quote included). Everything
/// else (larger numbers, leading zeros, floats, escapes) is `None`, left to the full grammar.
#[inline(always)]
fn plain_integer(b: &[u8], quoted: bool) -> Option<(i128, usize)> {
    let (magnitude, negative, read) = plain_magnitude(b, quoted)?;
    let v = i128::from(magnitude);
    Some((if negative { -v } else { v }, read))
}

/// [`plain_integer`] as magnitude, sign and length read, so that a caller with a constant
/// range checks it on the `u64`.
#[inline(always)]
fn plain_magnitude(b: &[u8], quoted: bool) -> Option<(u64, bool, usize)> {
    match b.first_chunk::<32>() {
        // Every byte the parse may look at (a quote, a sign, twenty digits and the byte
        // after them) is within these 32: with a constant length, no bounds checks.
        Some(head) => magnitude_in(head, quoted),
        None => short_magnitude(b, quoted),
    }
}

/// [`plain_magnitude`] near the end of the input, and for map keys' texts.
#[inline(never)]
fn short_magnitude(b: &[u8], quoted: bool) -> Option<(u64, bool, usize)> {
    magnitude_in(b, quoted)
}

/// What [`plain_magnitude`] describes, for any `b`.
#[inline(always)]
fn magnitude_in(b: &[u8], quoted: bool) -> Option<(u64, bool, usize)> {
    let mut i = usize::from(quoted);
    let negative = b.get(i) == Some(&b'-');
    i += usize::from(negative);
    let start = i;
    let word = |at: usize| {
        b.get(at..)
            .and_then(|rest| rest.first_chunk::<8>())
            .map(|chunk| u64::from_le_bytes(*chunk))
    };
    // Word by word, each measured for its leading digits at once: a word that is all digits
    // goes on to the next, the first that is not ends the number. Two full words are under
    // 10^16 and cannot overflow; after them, the checked steps find what a u64 cannot hold.
    let mut v: u64 = 0;
    let mut digits = 0;
    loop {
        let Some(w) = word(start + digits) else {
            // Fewer than eight bytes left: the rest byte by byte.
            (v, digits) = byte_digits(b, start, digits, v)?;
            break;
        };
        let n = leading_digits(w);
        if n < 8 {
            v = v
                .checked_mul(POWERS_OF_TEN[n])?
                .checked_add(first_digits(w, n))?;
            digits += n;
            break;
        }
        if digits == 16 {
            // Twenty-four digits.
            return None;
        }
        v = v * 100_000_000 + digits_value(w);
        digits += 8;
    }
    if digits == 0 || (digits > 1 && b.get(start) == Some(&b'0')) {
        return None;
    }
    i = start + digits;
    match b.get(i) {
        Some(b'"') if quoted => i += 1,
        _ if quoted => return None,
        Some(b'.' | b'e' | b'E') => return None,
        _ => {}
    }
    Some((v, negative, i))
}

/// The value of the first `n` bytes of `chunk` (0 to 7, digits not checked): moved to the top
/// of the word, below them zero bytes, which count as `0` digits.
#[inline(always)]
fn first_digits(chunk: u64, n: usize) -> u64 {
    // Two shifts, so that n = 0 shifts everything out instead of shifting by 64.
    digits_value(chunk << 1 << (63 - 8 * n))
}

/// The rest of the digits from `start`, of which `read` were read as words with value `v`,
/// byte by byte: for the end of the input, where fewer than eight bytes are left for a word.
/// Gives the value and the count of digits, `None` past a `u64`.
fn byte_digits(b: &[u8], start: usize, read: usize, mut v: u64) -> Option<(u64, usize)> {
    let mut i = start + read;
    while let Some(&c) = b.get(i)
        && c.is_ascii_digit()
    {
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        i += 1;
    }
    Some((v, i - start))
}

/// How many of the word's bytes, from the lowest, are ASCII digits (0 to 8).
#[inline(always)]
fn leading_digits(chunk: u64) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // After the XOR a digit is a byte 0..=9. Adding 0x76 to its low seven bits sets the top
    // bit from 10 on, without a carry into the next byte; the XOR's own top bit marks the rest.
    let t = chunk ^ 0x3030_3030_3030_3030;
    let not_digit = (((t & LOW7) + 0x7676_7676_7676_7676) | t) & HIGH;
    not_digit.trailing_zeros() as usize / 8
}

/// 10^n for n up to 8.
const POWERS_OF_TEN: [u64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// The value of eight ASCII digits in a little-endian word (digits not checked; zero bytes
/// count as `0`). Pairs, then quads, then the halves are combined, each step one multiply
/// that adds a lane times its weight to the next lane's value.
#[inline(always)]
fn digits_value(chunk: u64) -> u64 {
    // Byte k becomes 10 * digit k + digit k+1 (2561 = 10 * 2^8 + 1).
    let pairs = (chunk & 0x0F0F_0F0F_0F0F_0F0F).wrapping_mul(2561) >> 8;
    // 16-bit lane k: 100 * pair k + pair k+1 (6553601 = 100 * 2^16 + 1).
    let quads = (pairs & 0x00FF_00FF_00FF_00FF).wrapping_mul(6_553_601) >> 16;
    // 10000 * first quad + second quad (42949672960001 = 10000 * 2^32 + 1).
    (quads & 0x0000_FFFF_0000_FFFF).wrapping_mul(42_949_672_960_001) >> 32
}

fn integer_value(v: i128, kind: Kind) -> OwnedValue {
    match kind {
        Kind::Uint32 | Kind::Fixed32 => OwnedValue::U32(v as u32),
        Kind::Uint64 | Kind::Fixed64 => OwnedValue::U64(v as u64),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => OwnedValue::I64(v as i64),
        _ => OwnedValue::I32(v as i32),
    }
}

/// Parses a float from a number's text or a string (`"1.5"`, `"NaN"`, `"-Infinity"`).
fn parse_float(text: &str, quoted: bool) -> Result<f64, String> {
    if quoted {
        match text {
            "NaN" => return Ok(f64::NAN),
            "Infinity" => return Ok(f64::INFINITY),
            "-Infinity" => return Ok(f64::NEG_INFINITY),
            _ if !is_number(text) => return Err(format!("`{text}` is not a number")),
            _ => {}
        }
    }
    let f: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if f.is_infinite() {
        return Err(format!("{text} is out of range"));
    }
    Ok(f)
}

/// Powers of ten that an `f64` holds exactly, for [`plain_decimal`].
const EXACT_POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The number at the start of `b` when it is a plain decimal, `-?(0|[1-9][0-9]*)(.[0-9]+)?`
/// with at most 15 digits in all and not followed by more digits, a fraction or an exponent;
/// with the length read. Its value is exact without a general float parser: the digits as an
/// integer `m < 10^15 < 2^53` and `10^k` (`k <= 15`) are both exact `f64`s, so `m / 10^k` is
/// one correctly rounded division, the nearest `f64` to the decimal. Everything else is
/// `None`, left to the full parser.
#[inline(always)]
fn plain_decimal(b: &[u8]) -> Option<(f64, usize)> {
    const MAX_DIGITS: usize = 15;
    let negative = b.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let int_start = i;
    let mut m: u64 = 0;
    while let Some(&c) = b.get(i)
        && c.is_ascii_digit()
    {
        m = m * 10 + u64::from(c - b'0');
        i += 1;
        if i - int_start > MAX_DIGITS {
            return None;
        }
    }
    let int_digits = i - int_start;
    if int_digits == 0 || (int_digits > 1 && b.get(int_start) == Some(&b'0')) {
        return None;
    }
    let mut scale = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while let Some(&c) = b.get(i)
            && c.is_ascii_digit()
        {
            m = m * 10 + u64::from(c - b'0');
            i += 1;
            if int_digits + (i - frac_start) > MAX_DIGITS {
                return None;
            }
        }
        scale = i - frac_start;
        if scale == 0 {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E' | b'.')) {
        return None;
    }
    let v = m as f64 / *EXACT_POWERS_OF_TEN.get(scale)?;
    Some((if negative { -v } else { v }, i))
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
    /// not `null`) at `depth`: what [`message`](Self::message) does, with the type's field
    /// readers called directly.
    #[doc(hidden)]
    #[inline]
    pub fn typed_message<M: Reflect + MessageMeta>(
        &mut self,
        msg: &mut M,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        if M::INFO.full_name != "google.protobuf.Value" && self.r.peek()? == Next::Null {
            return Err(self.wrong_type(describe_kind(field.kind)));
        }
        if wkt(M::INFO.full_name).is_some() {
            return self.message(msg, depth);
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

    /// [`field`](Self::field) by index alone.
    pub(crate) fn field_at(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        depth: usize,
    ) -> Result<bool, JsonError> {
        match msg.info().fields.get(i) {
            Some(field) => self.field(msg, i, field, depth),
            None => Err(self.r.error(internal("field index out of range"))),
        }
    }

    /// Reads the value of field `i` at `depth` through `Reflect`; true when something was
    /// stored (not `null`). Generated code takes this path for `null` and types it does
    /// not read directly.
    pub(crate) fn field(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<bool, JsonError> {
        let singular = !matches!(
            field.cardinality,
            Cardinality::Repeated | Cardinality::Map(_)
        );
        if self.r.peek()? == Next::Null {
            if singular && matches!(field.kind, Kind::Message("google.protobuf.Value")) {
                let child = self.new_child(msg, i)?;
                self.message(child, depth)?;
                return Ok(true);
            }
            self.r.eat_null()?;
            if singular && is_null_value(field.kind) {
                let at = self.r.offset();
                self.store(msg, i, OwnedValue::I32(0), at)?;
                return Ok(true);
            }
            return Ok(false);
        }
        match field.cardinality {
            Cardinality::Repeated => {
                self.list(msg, i, field, depth)?;
                Ok(true)
            }
            Cardinality::Map(key_kind) => {
                self.map(msg, i, field, key_kind, depth)?;
                Ok(true)
            }
            _ => match scalar_of(field.kind) {
                Some(kind) => {
                    let at = self.r.offset();
                    match self.scalar(kind)? {
                        Some(v) => self.store(msg, i, v, at).map(|()| true),
                        None => Ok(false),
                    }
                }
                None => {
                    let child = self.new_child(msg, i)?;
                    self.message(child, depth)?;
                    Ok(true)
                }
            },
        }
    }

    fn list(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if self.r.peek()? != Next::Array {
            return Err(self.wrong_type(format!("an array for {}", field.type_name())));
        }
        let at = self.r.offset();
        let Some(ValueMut::List(mut list)) = msg.mut_at(i) else {
            return Err(JsonError::at(internal("repeated field without access"), at));
        };
        if self.r.begin_array()? {
            return Ok(());
        }
        let mut n = 0;
        loop {
            self.element(&mut list, field, depth + 1)
                .map_err(|e| e.within(PathSegment::Index(n)))?;
            n += 1;
            if !self.r.more(b']')? {
                return Ok(());
            }
        }
    }

    fn element(
        &mut self,
        list: &mut ListMut<'_>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        let at = self.r.offset();
        let message = match field.kind {
            Kind::Message(name) | Kind::Group(name) => match wkt(name) {
                Some(Wkt::Wrapper(kind)) => {
                    return self.push_scalar(list, kind, at);
                }
                Some(Wkt::Value) => true,
                _ => {
                    if self.r.peek()? == Next::Null {
                        return Err(self.wrong_type(describe_kind(field.kind)));
                    }
                    true
                }
            },
            Kind::Enum(_) if is_null_value(field.kind) && self.r.eat_null()? => {
                return list
                    .push_raw(OwnedValue::I32(0))
                    .map_err(|e| value_error(e, at));
            }
            _ => false,
        };
        if !message {
            return self.push_scalar(list, field.kind, at);
        }
        list.push_raw(OwnedValue::Message(ValueMap::new()))
            .map_err(|e| value_error(e, at))?;
        let last = list.len().saturating_sub(1);
        match list.get_mut(last) {
            Some(ValueMut::Message(child)) => self.message(child, depth),
            _ => Err(JsonError::at(internal("list element without access"), at)),
        }
    }

    fn push_scalar(
        &mut self,
        list: &mut ListMut<'_>,
        kind: Kind,
        at: usize,
    ) -> Result<(), JsonError> {
        if self.r.peek()? == Next::Null {
            return Err(self.wrong_type(describe_kind(kind)));
        }
        match self.scalar(kind)? {
            Some(v) => list.push_raw(v).map_err(|e| value_error(e, at)),
            None => Ok(()),
        }
    }

    fn map(
        &mut self,
        msg: &mut dyn Reflect,
        i: usize,
        field: &'static FieldInfo,
        key_kind: Kind,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if self.r.peek()? != Next::Object {
            return Err(self.wrong_type(format!("an object for {}", field.type_name())));
        }
        let at = self.r.offset();
        let Some(ValueMut::Map(mut map)) = msg.mut_at(i) else {
            return Err(JsonError::at(internal("map field without access"), at));
        };
        if self.r.begin_object()? {
            return Ok(());
        }
        loop {
            let key_at = self.r.next_offset();
            let key = self.r.key()?;
            self.entry(&mut map, field, key_kind, &key, key_at, depth + 1)
                .map_err(|e| e.within(PathSegment::Key(key.into_owned())))?;
            if !self.r.more(b'}')? {
                return Ok(());
            }
        }
    }

    fn entry(
        &mut self,
        map: &mut MapMut<'_>,
        field: &'static FieldInfo,
        key_kind: Kind,
        key: &str,
        key_at: usize,
        depth: usize,
    ) -> Result<(), JsonError> {
        let text = key;
        let key = map_key(text, key_kind).map_err(|k| JsonError::at(k, key_at))?;
        // A key given twice is found by the map not growing (one hash instead of a lookup
        // first); the message is dropped on error, so the replaced value does not matter.
        let before = map.len();
        let twice = || JsonError::at(twice(field, text, key_kind), key_at);
        let at = self.r.offset();
        let scalar = scalar_of(field.kind);
        if scalar.is_some()
            || (self.r.peek()? == Next::Null
                && !matches!(field.kind, Kind::Message("google.protobuf.Value")))
        {
            let Some(kind) = scalar else {
                return Err(self.wrong_type(describe_kind(field.kind)));
            };
            if self.r.peek()? == Next::Null {
                return Err(self.wrong_type(describe_kind(kind)));
            }
            let Some(v) = self.scalar(kind)? else {
                // An ignored unknown enum name: nothing to insert, but a repeated key is
                // still an error.
                return match map.get(key.as_key_ref()) {
                    Some(_) => Err(twice()),
                    None => Ok(()),
                };
            };
            map.insert_raw(key, v).map_err(|e| value_error(e, at))?;
            return if map.len() == before {
                Err(twice())
            } else {
                Ok(())
            };
        }
        map.insert_raw(key.clone(), OwnedValue::Message(ValueMap::new()))
            .map_err(|e| value_error(e, at))?;
        if map.len() == before {
            return Err(twice());
        }
        match map.get_mut(key.as_key_ref()) {
            Some(ValueMut::Message(child)) => self.message(child, depth),
            _ => Err(JsonError::at(internal("map value without access"), at)),
        }
    }

    /// Reads a scalar of `kind`; `None` for an unknown enum name that the options ignore.
    fn scalar(&mut self, kind: Kind) -> Result<Option<OwnedValue>, JsonError> {
        Ok(Some(match kind {
            Kind::Bool => OwnedValue::Bool(self.bool_value()?),
            Kind::String => OwnedValue::String(self.string_value()?),
            Kind::Bytes => OwnedValue::Bytes(self.bytes_value()?),
            Kind::Float => OwnedValue::F32(self.float(kind)? as f32),
            Kind::Double => OwnedValue::F64(self.float(kind)?),
            Kind::Enum(info) => match self.enum_value(info, kind)? {
                Some(n) => OwnedValue::I32(n),
                None => return Ok(None),
            },
            Kind::Message(_) | Kind::Group(_) => {
                let at = self.r.offset();
                return Err(JsonError::at(internal("scalar of a message kind"), at));
            }
            _ => integer_value(self.integer(kind)?, kind),
        }))
    }

    /// Reads a repeated field's array into `items`, typed, at `depth`.
    pub(crate) fn typed_list<T: Element>(
        &mut self,
        items: &mut Vec<T>,
        field: &'static FieldInfo,
        depth: usize,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if self.r.peek()? != Next::Array {
            return Err(self.wrong_type(format!("an array for {}", field.type_name())));
        }
        if self.r.begin_array()? {
            return Ok(());
        }
        if !T::BATCHED {
            return self.list_items(field, depth, |item| items.push(item));
        }
        // Scalars wait in `pending` and move to `items` [`PENDING`] at a time, so that a
        // list of up to that many allocates once, at its size.
        let mut pending = ArrayVec::<T, PENDING>::new();
        self.list_items(field, depth, |item| {
            if pending.is_full() {
                // More items than fit: reserve for as many again.
                items.reserve(2 * PENDING);
                items.extend(pending.drain(..));
            }
            pending.push(item);
        })?;
        items.extend(pending);
        Ok(())
    }

    /// Reads the items of a list (after its `[`) and gives each one stored to `store`.
    #[inline(always)]
    fn list_items<T: Element>(
        &mut self,
        field: &'static FieldInfo,
        depth: usize,
        mut store: impl FnMut(T),
    ) -> Result<(), JsonError> {
        let mut n = 0;
        loop {
            let mut item = T::default();
            let stored = item
                .read_json(field, self, depth + 1)
                .map_err(|e| e.within(PathSegment::Index(n)))?;
            if stored {
                store(item);
            }
            n += 1;
            if !self.r.more(b']')? {
                return Ok(());
            }
        }
    }

    /// Reads a map field's object, typed, at `depth`; `op` inserts entries into the map or
    /// says whether it holds a key (see [`MapOp`]).
    pub(crate) fn typed_map<K: MapKeyElement, V: Element>(
        &mut self,
        field: &'static FieldInfo,
        depth: usize,
        mut op: impl for<'k> FnMut(MapOp<'k, K, V>) -> bool,
    ) -> Result<(), JsonError> {
        self.check_depth(depth)?;
        if self.r.peek()? != Next::Object {
            return Err(self.wrong_type(format!("an object for {}", field.type_name())));
        }
        let Cardinality::Map(key_kind) = field.cardinality else {
            return Err(self
                .r
                .error(internal("map storage for a field that is no map")));
        };
        if self.r.begin_object()? {
            return Ok(());
        }
        if scalar_of(field.kind).is_none() || !V::BATCHED {
            return self.message_entries(field, key_kind, depth + 1, &mut op);
        }
        let mut pending = ArrayVec::new();
        let read = self.scalar_entries(field, key_kind, depth + 1, &mut pending, &mut op);
        // The entries still pending come before whatever ended the reading, so a key they
        // repeat is the first error.
        self.insert_pending(field, key_kind, &mut pending, 0, &mut op)
            .and(read)
    }

    /// The entries of a map whose values are messages (see [`Element::BATCHED`]). A value
    /// is only read under a new key, so that a repeated key is reported as such rather than
    /// by what is wrong in its second value.
    fn message_entries<K: MapKeyElement, V: Element>(
        &mut self,
        field: &'static FieldInfo,
        key_kind: Kind,
        depth: usize,
        op: &mut impl for<'k> FnMut(MapOp<'k, K, V>) -> bool,
    ) -> Result<(), JsonError> {
        loop {
            let key_at = self.r.next_offset();
            let text = self.r.key()?;
            let within = |e: JsonError| e.within(PathSegment::Key(text.to_string()));
            let key: K = entry_key(&text, key_kind, key_at).map_err(within)?;
            if op(MapOp::Contains(&key)) {
                return Err(self.given_twice(field, key_kind, key_at));
            }
            let mut value = V::default();
            if value.read_json(field, self, depth).map_err(within)? {
                op(MapOp::Insert(key, value));
            }
            if !self.r.more(b'}')? {
                return Ok(());
            }
        }
    }

    /// The entries of a map whose values are scalars. They wait in `pending` and go into
    /// the map [`PENDING`] at a time, after one reservation: a map of up to that many
    /// entries allocates its table once and never rehashes. A repeated key is found when
    /// its entry is inserted (one hash per entry).
    fn scalar_entries<K: MapKeyElement, V: Element>(
        &mut self,
        field: &'static FieldInfo,
        key_kind: Kind,
        depth: usize,
        pending: &mut Pending<K, V>,
        op: &mut impl for<'k> FnMut(MapOp<'k, K, V>) -> bool,
    ) -> Result<(), JsonError> {
        loop {
            let key_at = self.r.next_offset();
            let text = self.r.key()?;
            let within = |e: JsonError| e.within(PathSegment::Key(text.to_string()));
            let key: K = entry_key(&text, key_kind, key_at).map_err(within)?;
            let mut value = V::default();
            if value.read_json(field, self, depth).map_err(within)? {
                if pending.is_full() {
                    // More entries than fit: reserve for as many again.
                    self.insert_pending(field, key_kind, pending, PENDING, op)?;
                }
                pending.push((key, value, key_at));
            } else {
                // An ignored unknown enum name stores nothing; a repeated key is still refused.
                self.insert_pending(field, key_kind, pending, 0, op)?;
                if op(MapOp::Contains(&key)) {
                    return Err(self.given_twice(field, key_kind, key_at));
                }
            }
            if !self.r.more(b'}')? {
                return Ok(());
            }
        }
    }

    /// Inserts the pending entries after reserving room for them and `more`.
    #[inline]
    fn insert_pending<K: MapKeyElement, V: Element>(
        &self,
        field: &'static FieldInfo,
        key_kind: Kind,
        pending: &mut Pending<K, V>,
        more: usize,
        op: &mut impl for<'k> FnMut(MapOp<'k, K, V>) -> bool,
    ) -> Result<(), JsonError> {
        if pending.is_empty() {
            return Ok(());
        }
        op(MapOp::Reserve(pending.len() + more));
        for (key, value, key_at) in pending.drain(..) {
            if !op(MapOp::Insert(key, value)) {
                return Err(self.given_twice(field, key_kind, key_at));
            }
        }
        Ok(())
    }

    /// The error for the map key at `key_at`, given a second time; the key's text is
    /// read again from there.
    #[cold]
    #[inline(never)]
    fn given_twice(&self, field: &'static FieldInfo, key_kind: Kind, key_at: usize) -> JsonError {
        match self.r.key_at(key_at) {
            Ok(text) => JsonError::at(twice(field, &text, key_kind), key_at)
                .within(PathSegment::Key(text.into_owned())),
            Err(e) => e,
        }
    }

    /// `Err` for `null`, which only a field (handled before the typed readers) may hold.
    #[inline(always)]
    fn not_null(&mut self, field: &'static FieldInfo) -> Result<(), JsonError> {
        if self.r.peek()? == Next::Null {
            return Err(self.null_element(field));
        }
        Ok(())
    }

    /// The typed readers of [`Element::read_json`]: a scalar of `field` (or of a list
    /// element or map value of it), stored in a Rust type whose kind is `canonical`.
    /// `MIN..=MAX` is the range of the Rust type, the same for every kind stored in it: a
    /// constant, so the plain case needs no look at the kind.
    #[inline]
    pub(crate) fn read_integer<const MIN: i128, const MAX: i128>(
        &mut self,
        field: &'static FieldInfo,
        canonical: Kind,
    ) -> Result<i128, JsonError> {
        let quoted = match self.r.peek_byte() {
            Some(b'"') => true,
            Some(b'-' | b'0'..=b'9') => false,
            _ => return self.any_read_integer(field, canonical),
        };
        // The range on the magnitude: constants, so one comparison either way.
        let below = MIN.unsigned_abs().min(u128::from(u64::MAX)) as u64;
        let above = MAX.clamp(0, i128::from(u64::MAX)) as u64;
        let plain = self.r.take(|rest| {
            let (magnitude, negative, read) = plain_magnitude(rest, quoted)?;
            let in_range = if negative {
                magnitude <= below
            } else {
                magnitude <= above
            };
            in_range.then_some(((magnitude, negative), read))
        });
        match plain {
            Some((magnitude, negative)) => Ok(if MAX <= i128::from(i64::MAX) {
                // In range, so the magnitude of a negative value is at most 2^63: negated
                // as a u64 it is the value's two's complement.
                i128::from(if negative {
                    magnitude.wrapping_neg()
                } else {
                    magnitude
                } as i64)
            } else {
                // Unsigned: a negative value in range is zero.
                i128::from(magnitude)
            }),
            None => self.any_read_integer(field, canonical),
        }
    }

    /// [`read_integer`](Self::read_integer) for every form but a plain integer in range, and
    /// every error.
    #[inline(never)]
    fn any_read_integer(
        &mut self,
        field: &'static FieldInfo,
        canonical: Kind,
    ) -> Result<i128, JsonError> {
        self.not_null(field)?;
        self.any_integer(scalar_kind(field, canonical))
    }

    #[inline]
    pub(crate) fn read_float(
        &mut self,
        field: &'static FieldInfo,
        canonical: Kind,
    ) -> Result<f64, JsonError> {
        self.not_null(field)?;
        self.float(scalar_kind(field, canonical))
    }

    #[inline]
    pub(crate) fn read_bool(&mut self, field: &'static FieldInfo) -> Result<bool, JsonError> {
        self.not_null(field)?;
        self.bool_value()
    }

    /// What `not_null` then `string_value` do, with one look at the next token.
    #[inline]
    pub(crate) fn read_string(&mut self, field: &'static FieldInfo) -> Result<String, JsonError> {
        match self.r.peek()? {
            Next::String => Ok(self.r.string()?.into_owned()),
            Next::Null => Err(self.null_element(field)),
            _ => Err(self.wrong_type("string")),
        }
    }

    #[inline]
    pub(crate) fn read_bytes(&mut self, field: &'static FieldInfo) -> Result<Vec<u8>, JsonError> {
        self.not_null(field)?;
        self.bytes_value()
    }

    /// An enum value; `null` is the `NullValue` enum's only value.
    #[inline]
    pub(crate) fn read_enum(
        &mut self,
        field: &'static FieldInfo,
        info: &'static EnumInfo,
    ) -> Result<Option<i32>, JsonError> {
        if self.r.peek()? == Next::Null {
            if is_null_value(field.kind) {
                self.r.eat_null()?;
                return Ok(Some(0));
            }
            return Err(self.null_element(field));
        }
        self.enum_value(info, field.kind)
    }

    /// Reads a scalar of `field` as an [`OwnedValue`] and converts it: the path of
    /// [`Element`] types without a typed reader.
    pub(crate) fn read_via_value<T: Element>(
        &mut self,
        target: &mut T,
        field: &'static FieldInfo,
    ) -> Result<bool, JsonError> {
        self.not_null(field)?;
        let Some(kind) = scalar_of(field.kind) else {
            return Err(self.r.error(internal("message without a typed reader")));
        };
        let at = self.r.offset();
        match self.scalar(kind)? {
            Some(v) => {
                *target = T::from_value(v, field).map_err(|e| value_error(e, at))?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// The error for `null` where a list element or map value of `field` is expected.
    #[cold]
    fn null_element(&mut self, field: &'static FieldInfo) -> JsonError {
        self.wrong_type(describe_kind(field.kind))
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

    fn well_known(&mut self, w: Wkt, msg: &mut dyn Reflect, depth: usize) -> Result<(), JsonError> {
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
    fn timestamp_format(&self) -> super::TimestampFormat {
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
            Next::Number if self.timestamp_format() != super::TimestampFormat::Rfc3339 => {
                let text = self.r.number()?;
                let millis = self.timestamp_format() == super::TimestampFormat::EpochMillis;
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

/// What the typed map reader asks of a map.
pub(crate) enum MapOp<'k, K, V> {
    /// Whether the map holds the key.
    Contains(&'k K),
    /// Inserts the entry; true when the map grew (the key was new).
    Insert(K, V),
    /// Makes room for this many more entries (a hint; the answer means nothing).
    Reserve(usize),
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

/// How many scalar list items or map entries wait to be stored together (see
/// `typed_list` and `scalar_entries`).
const PENDING: usize = 8;

/// Map entries read but not yet inserted, each with the offset of its key.
type Pending<K, V> = ArrayVec<(K, V, usize), PENDING>;

/// A map key of type `K` from its JSON text at `key_at`.
#[inline]
fn entry_key<K: MapKeyElement>(text: &str, key_kind: Kind, key_at: usize) -> Result<K, JsonError> {
    if let Some(key) = K::from_json_text(text) {
        return Ok(key);
    }
    let key = map_key(text, key_kind).map_err(|k| JsonError::at(k, key_at))?;
    K::from_key(key).map_err(|_| JsonError::at(internal("map key of another type"), key_at))
}

/// The error for a map key given twice (formatted only then).
#[cold]
fn twice(field: &'static FieldInfo, text: &str, key_kind: Kind) -> JsonErrorKind {
    match map_key(text, key_kind) {
        Ok(key) => invalid(
            field.type_name(),
            format!("key {} is given twice", key.as_key_ref()),
        ),
        Err(k) => k,
    }
}

/// A map key from its JSON string.
fn map_key(key: &str, kind: Kind) -> Result<MapKey, JsonErrorKind> {
    let bad = |reason: String| invalid(format!("{} map key", kind.describe()), reason);
    Ok(match kind {
        Kind::String => MapKey::String(key.to_string()),
        Kind::Bool => match key {
            "true" => MapKey::Bool(true),
            "false" => MapKey::Bool(false),
            _ => return Err(bad(format!("`{key}` is not `true` or `false`"))),
        },
        _ => {
            let (min, max) = int_range(kind);
            let v = match plain_integer(key.as_bytes(), false) {
                Some((v, read)) if read == key.len() && min <= v && v <= max => v,
                _ if !is_number(key) => return Err(bad(format!("`{key}` is not a number"))),
                _ => parse_integer(key, kind).map_err(bad)?,
            };
            match integer_value(v, kind) {
                OwnedValue::I32(v) => MapKey::I32(v),
                OwnedValue::U32(v) => MapKey::U32(v),
                OwnedValue::I64(v) => MapKey::I64(v),
                OwnedValue::U64(v) => MapKey::U64(v),
                _ => return Err(bad("unsupported key type".into())),
            }
        }
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

#[cfg(test)]
mod tests {
    use super::{entry_key, map_key, plain_decimal, plain_integer, small_integer};
    use crate::access::MapKeyElement;
    use crate::meta::Kind;

    /// The digit-word parse against the standard library, at every length and with a
    /// non-digit in every place.
    #[test]
    fn plain_decimals_match_the_standard_parse() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for int_len in 1..=17 {
            for frac_len in 0..=17 {
                for _ in 0..60 {
                    let int: String = (0..int_len)
                        .map(|_| char::from(b'0' + (next() % 10) as u8))
                        .collect();
                    let frac: String = (0..frac_len)
                        .map(|_| char::from(b'0' + (next() % 10) as u8))
                        .collect();
                    let number = if frac_len == 0 {
                        int.clone()
                    } else {
                        format!("{int}.{frac}")
                    };
                    for text in [number.clone(), format!("-{number}")] {
                        let plain =
                            (int_len == 1 || !int.starts_with('0')) && int_len + frac_len <= 15;
                        for (doc, end) in [(format!("{text},"), ","), (format!("{text}}}"), "}")] {
                            let got = plain_decimal(doc.as_bytes());
                            if !plain {
                                assert_eq!(got, None, "{doc}");
                                continue;
                            }
                            let expected: f64 = text.parse().unwrap_or(f64::NAN);
                            let (value, len) = got.unwrap_or((f64::NAN, 0));
                            assert_eq!(value.to_bits(), expected.to_bits(), "{doc}");
                            assert_eq!(&doc[len..], end, "{doc}");
                        }
                        for doc in [format!("{text}e1"), format!("{text}E1"), format!("{text}.")] {
                            assert_eq!(plain_decimal(doc.as_bytes()), None, "{doc}");
                        }
                    }
                }
            }
        }
        for bad in ["-", ".5", "-.5", "1.", "01", "-01.5", ""] {
            assert_eq!(plain_decimal(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(
            plain_decimal(b"-0").map(|(v, _)| v.to_bits()),
            Some((-0.0f64).to_bits())
        );
    }

    /// Text after a value in a test document, longer than any window a parse reads at once.
    const LONG_REST: &str = ",\"next\":[1,2,3],\"more\":\"abcdefghijklmnopqrstuvwxyz\"}";

    #[test]
    fn small_integers_match_the_standard_parse() {
        for (text, expected) in [
            ("18446744073709551615", Some(i128::from(u64::MAX))),
            ("-18446744073709551615", Some(-i128::from(u64::MAX))),
            ("18446744073709551616", None),
            ("99999999999999999999", None),
            ("-9223372036854775808", Some(i128::from(i64::MIN))),
            ("0", Some(0)),
            ("-0", Some(0)),
            ("00", None),
            ("-", None),
        ] {
            assert_eq!(small_integer(text), expected, "{text}");
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in 1..=20 {
            for _ in 0..300 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let digits: String = (0..len)
                    .map(|i| char::from(b'0' + ((x >> (i * 3 % 60)) % 10) as u8))
                    .collect();
                for text in [digits.clone(), format!("-{digits}")] {
                    let expected = (len == 1 || !digits.starts_with('0'))
                        .then(|| text.parse::<i128>().ok())
                        .flatten()
                        .filter(|v| v.unsigned_abs() <= u128::from(u64::MAX));
                    assert_eq!(small_integer(&text), expected, "{text}");
                    // In a document: quoted or not, followed by what may end a value; a
                    // fraction, an exponent or a missing quote leaves it to the full grammar.
                    // Short and long rests, so that the last digits are read both byte by
                    // byte and as one word, next to the bytes either side of the digits.
                    for (doc, quoted, read) in [
                        (format!("{text},1"), false, text.len()),
                        (format!("{text}}}"), false, text.len()),
                        (format!("\"{text}\"]"), true, text.len() + 2),
                        (format!("{text},\"abcdefgh\":1"), false, text.len()),
                        (format!("{text}:::::::::"), false, text.len()),
                        (format!("{text}/////////"), false, text.len()),
                        (
                            format!("{text}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
                            false,
                            text.len(),
                        ),
                        (format!("\"{text}\",\"abcdefgh\""), true, text.len() + 2),
                    ] {
                        // Alone (the parse near the end of the input) and with more text
                        // after it (the 32-byte window).
                        for doc in [doc.clone(), format!("{doc}{LONG_REST}")] {
                            let got = plain_integer(doc.as_bytes(), quoted);
                            assert_eq!(got, expected.map(|v| (v, read)), "{doc}");
                        }
                    }
                    for doc in [
                        format!("{text}.5"),
                        format!("{text}e2"),
                        format!("{text}E2"),
                        format!("{text}.500000000"),
                        format!("{text}e200000000"),
                    ] {
                        for doc in [doc.clone(), format!("{doc}{LONG_REST}")] {
                            assert_eq!(plain_integer(doc.as_bytes(), false), None, "{doc}");
                        }
                    }
                    for doc in [
                        format!("\"{text}"),
                        format!("\"{text} \""),
                        format!("\"{text}.0\""),
                        format!("\"{text} abcdefghi\""),
                        format!("\"{text}.000000000\""),
                    ] {
                        for doc in [doc.clone(), format!("{doc}{LONG_REST}")] {
                            assert_eq!(plain_integer(doc.as_bytes(), true), None, "{doc}");
                        }
                    }
                }
                for at in 0..len {
                    for bad in [b'/', b':', b'a', b' ', b'.', 0xC3] {
                        let mut b = digits.clone().into_bytes();
                        b[at] = bad;
                        if let Ok(text) = String::from_utf8(b) {
                            assert_eq!(small_integer(&text), None, "{text}");
                        }
                    }
                }
            }
        }
    }

    /// An integer map key read straight from its text (`MapKeyElement::from_json_text`)
    /// is what the general parse gives, and anything that is not a plain integer in range
    /// still gets the general parse's error.
    #[test]
    fn integer_map_keys_read_as_the_general_parse_does() {
        fn agree<K: MapKeyElement + PartialEq + std::fmt::Debug>(kinds: &[Kind], text: &str) {
            for &kind in kinds {
                let general = map_key(text, kind)
                    .map_err(|e| e.to_string())
                    .and_then(|k| K::from_key(k).map_err(|_| "another type".to_string()));
                let read = entry_key::<K>(text, kind, 7).map_err(|e| e.kind().to_string());
                assert_eq!(read, general, "{text:?} as {kind:?}");
            }
        }
        let texts = [
            "0",
            "-0",
            "1",
            "-1",
            "7",
            "01",
            "-01",
            "00",
            "1.0",
            "1e2",
            "1E2",
            " 1",
            "1 ",
            "+1",
            "",
            "-",
            "x",
            "0x10",
            "１",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483649",
            "4294967295",
            "4294967296",
            "-4294967295",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "-18446744073709551615",
            "99999999999999999999999",
            "12345678",
            "123456789",
            "1234567812345678",
        ];
        for text in texts {
            agree::<i32>(&[Kind::Int32, Kind::Sint32, Kind::Sfixed32], text);
            agree::<u32>(&[Kind::Uint32, Kind::Fixed32], text);
            agree::<i64>(&[Kind::Int64, Kind::Sint64, Kind::Sfixed64], text);
            agree::<u64>(&[Kind::Uint64, Kind::Fixed64], text);
        }
    }
}

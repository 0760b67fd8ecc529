//! JSON for every generated message: canonical proto3 JSON by default, and switches that
//! reproduce a legacy JSON API.
//!
//! Encoding walks a message through [`Reflect`] and writes into one output buffer; decoding
//! reads the JSON text directly into a new message through the same trait, so no intermediate
//! tree is built either way.
//!
//! ```
//! use prost_vsco::json::{self, JsonOptions};
//! let ts = prost_types::Timestamp { seconds: 1, nanos: 500_000_000 };
//! let text = json::to_string(&ts, &JsonOptions::default()).unwrap();
//! assert_eq!(text, r#""1970-01-01T00:00:01.500Z""#);
//! let back: prost_types::Timestamp = json::from_str(&text, &JsonOptions::default()).unwrap();
//! assert_eq!(back, ts);
//! ```
//!
//! Decoding never leaves a half-filled message behind: [`from_str`] and [`from_slice`] build
//! a new message and return it only when the whole input decoded.

mod decode;
pub(crate) mod encode;
mod error;
mod format;
mod hooks;
mod naming;
mod radix64;
mod read;
mod registry;
pub(crate) mod scan;
#[cfg(feature = "serde")]
pub mod serde;
pub(crate) mod time;
mod well_known;

use std::sync::Arc;

#[doc(hidden)]
pub use decode::Decoder;
pub(crate) use decode::{MapOp, small_integer};
pub use encode::Encoder;
pub use error::{JsonError, JsonErrorKind, MAX_ECHO, PathSegment};
pub use format::{FieldFormat, FieldFormatError, FieldOverrides, FormatTarget};
#[doc(hidden)]
pub use hooks::{ContainerJson, ElementJson, MapKeyJson};
pub use naming::CaseStyle;
pub use registry::{DynMessage, MessageType, TypeRegistry, register};

use crate::reflect::Reflect;

/// How field keys are written, and which extra keys are accepted on input.
///
/// On input the JSON name and the proto name are always accepted; the styles below add
/// their own key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum KeyNaming {
    /// The field's JSON name (`json_name`, or lowerCamelCase of the proto name): canonical.
    #[default]
    JsonName,
    /// The name in the `.proto` file.
    ProtoName,
    /// The proto name converted to a case style (`sessionId`, `session-id`, `SESSION_ID`).
    Case(CaseStyle),
    /// The field's `legacy_key` from the `(prost_vsco.field)` option, and the JSON name for
    /// fields without one. On input the field's `aliases` are accepted too.
    Legacy,
}

/// How enum values are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EnumFormat {
    /// The value's name; numbers without a name are written as numbers (canonical).
    #[default]
    Names,
    /// The value's number.
    Numbers,
}

/// How 64-bit integers (`int64`, `uint64`, `sint64`, `fixed64`, `sfixed64`) are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Int64Format {
    /// As decimal strings, `"123"`, because JavaScript numbers lose precision above 2^53
    /// (canonical).
    #[default]
    Strings,
    /// As JSON numbers, `123`.
    Numbers,
}

/// How `bytes` are written. Input accepts the chosen form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BytesFormat {
    /// Standard base64 with padding; input accepts standard or URL-safe, padded or not
    /// (canonical).
    #[default]
    Base64,
    /// Lowercase hexadecimal; input accepts either case.
    Hex,
}

/// How `google.protobuf.Timestamp` values are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// RFC 3339 in UTC with `Z` and 0, 3, 6 or 9 fractional digits (canonical).
    #[default]
    Rfc3339,
    /// Milliseconds since the Unix epoch, as a JSON number (sub-millisecond digits are
    /// dropped). Input accepts a number, or an RFC 3339 string.
    EpochMillis,
    /// Seconds since the Unix epoch, as a JSON number (fractions kept as decimals).
    /// Input accepts a number, or an RFC 3339 string.
    EpochSeconds,
}

/// What decoding does with something it does not know.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Unknown {
    /// Fail with an error naming it (canonical).
    #[default]
    Error,
    /// Skip it: an unknown key is ignored with its value; an unknown enum name leaves the
    /// field unset (and drops the element of a repeated field or the entry of a map).
    Ignore,
}

/// The switches of the JSON mapping. `JsonOptions::default()` is canonical proto3 JSON.
///
/// ```
/// use prost_vsco::json::{CaseStyle, Int64Format, JsonOptions, KeyNaming};
/// let legacy = JsonOptions::default()
///     .keys(KeyNaming::Case(CaseStyle::Snake))
///     .int64(Int64Format::Numbers)
///     .emit_defaults(true);
/// assert!(legacy.emit_defaults);
/// ```
#[derive(Clone, Debug)]
pub struct JsonOptions {
    pub keys: KeyNaming,
    pub enums: EnumFormat,
    pub int64: Int64Format,
    pub bytes: BytesFormat,
    pub timestamps: TimestampFormat,
    /// Write fields without presence (proto3 scalars, repeated, maps) even when they hold
    /// their default. Fields with presence are written when set, as always.
    pub emit_defaults: bool,
    /// Keys that name no field.
    pub unknown_keys: Unknown,
    /// Enum names that name no value.
    pub unknown_enum_names: Unknown,
    /// Indent nested objects and arrays by two spaces, one entry per line.
    pub pretty: bool,
    /// Objects and arrays may nest this deep; deeper input is an error, not a stack overflow.
    /// Values above [`MAX_SAFE_DEPTH`] count as that ceiling.
    pub max_depth: usize,
    /// The message types an `Any` may hold; `None` uses the process-wide registry (see
    /// [`register`]). The well-known types are always known.
    pub types: Option<Arc<TypeRegistry>>,
    /// Forms chosen for single fields, over the switches above and over the fields' own
    /// `json_*` options: see [`field_format`](Self::field_format).
    pub fields: FieldOverrides,
}

impl Default for JsonOptions {
    fn default() -> Self {
        JsonOptions {
            keys: KeyNaming::JsonName,
            enums: EnumFormat::Names,
            int64: Int64Format::Strings,
            bytes: BytesFormat::Base64,
            timestamps: TimestampFormat::Rfc3339,
            emit_defaults: false,
            unknown_keys: Unknown::Error,
            unknown_enum_names: Unknown::Error,
            pretty: false,
            max_depth: DEFAULT_MAX_DEPTH,
            types: None,
            fields: FieldOverrides::default(),
        }
    }
}

/// The default nesting limit of [`JsonOptions::max_depth`].
pub const DEFAULT_MAX_DEPTH: usize = 100;

/// The ceiling of [`JsonOptions::max_depth`]: decoding and encoding recurse once per level, and
/// this many levels fit a 2 MiB thread stack (Rust's default for spawned threads) in a debug
/// build with room to spare (300 levels fit, 500 overflowed, on the recursive message of the
/// tests); without a ceiling `usize::MAX` let deep input overflow the stack.
pub const MAX_SAFE_DEPTH: usize = 200;

impl JsonOptions {
    /// Canonical proto3 JSON (the same as `default()`).
    pub fn canonical() -> Self {
        Self::default()
    }
    pub fn keys(mut self, keys: KeyNaming) -> Self {
        self.keys = keys;
        self
    }
    pub fn enums(mut self, enums: EnumFormat) -> Self {
        self.enums = enums;
        self
    }
    pub fn int64(mut self, int64: Int64Format) -> Self {
        self.int64 = int64;
        self
    }
    pub fn bytes(mut self, bytes: BytesFormat) -> Self {
        self.bytes = bytes;
        self
    }
    pub fn timestamps(mut self, timestamps: TimestampFormat) -> Self {
        self.timestamps = timestamps;
        self
    }
    pub fn emit_defaults(mut self, on: bool) -> Self {
        self.emit_defaults = on;
        self
    }
    pub fn unknown_keys(mut self, unknown: Unknown) -> Self {
        self.unknown_keys = unknown;
        self
    }
    pub fn unknown_enum_names(mut self, unknown: Unknown) -> Self {
        self.unknown_enum_names = unknown;
        self
    }
    pub fn pretty(mut self, on: bool) -> Self {
        self.pretty = on;
        self
    }
    /// The nesting limit, at most [`MAX_SAFE_DEPTH`].
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth.min(MAX_SAFE_DEPTH);
        self
    }

    /// The limit in force: [`max_depth`](Self::max_depth), capped at [`MAX_SAFE_DEPTH`] (the
    /// field is public, so it may hold more).
    pub(crate) fn depth_limit(&self) -> usize {
        self.max_depth.min(MAX_SAFE_DEPTH)
    }
    pub fn types(mut self, types: Arc<TypeRegistry>) -> Self {
        self.types = Some(types);
        self
    }

    /// Writes and reads the field `full_name` (`pkg.Message.field`, by proto name) in
    /// `format`'s forms, over the switches above and over the field's own `json_*` options
    /// in its `.proto` file: for schemas whose `.proto` files you do not own. A later call
    /// for the same field replaces the choices it makes.
    ///
    /// A name that is not a field of its message, or a choice for another kind of field
    /// (`bytes:hex` for a string), fails the encoding or decoding of that message with
    /// [`JsonErrorKind::FieldFormat`].
    ///
    /// ```text
    /// // OTLP JSON from the OTLP .proto files as they are: ids as hex, enums as numbers.
    /// let otlp = JsonOptions::default()
    ///     .enums(EnumFormat::Numbers)
    ///     .field_format("opentelemetry.proto.trace.v1.Span.trace_id", FieldFormat::NONE.bytes(BytesFormat::Hex))
    ///     .field_format("opentelemetry.proto.trace.v1.Span.span_id", FieldFormat::NONE.bytes(BytesFormat::Hex));
    /// ```
    pub fn field_format(mut self, full_name: &str, format: FieldFormat) -> Self {
        self.fields.insert(full_name, format);
        self
    }

    /// The registry `Any` values are resolved with: [`types`](Self::types), or the
    /// process-wide one.
    pub(crate) fn registry(&self) -> Arc<TypeRegistry> {
        match &self.types {
            Some(r) => Arc::clone(r),
            None => registry::global_registry(),
        }
    }
}

/// Appends `msg` as JSON to `out`. On error `out` keeps what it held before.
pub fn encode_into(
    msg: &dyn Reflect,
    out: &mut Vec<u8>,
    options: &JsonOptions,
) -> Result<(), JsonError> {
    let start = out.len();
    let r = encode::Encoder::new(out, options).message(msg, 0);
    if r.is_err() {
        out.truncate(start);
    }
    r
}

/// `msg` as JSON bytes.
pub fn to_vec(msg: &dyn Reflect, options: &JsonOptions) -> Result<Vec<u8>, JsonError> {
    let mut out = Vec::with_capacity(128);
    encode_into(msg, &mut out, options)?;
    Ok(out)
}

/// `msg` as a JSON string.
pub fn to_string(msg: &dyn Reflect, options: &JsonOptions) -> Result<String, JsonError> {
    let bytes = to_vec(msg, options)?;
    // The encoder writes only UTF-8: string fields are `String`s, everything else ASCII.
    String::from_utf8(bytes).map_err(|e| JsonError::internal(format!("non-UTF-8 output: {e}")))
}

/// Writes `msg` as JSON to `writer` (encoded in memory first, so a failed encoding writes
/// nothing).
pub fn to_writer<W: std::io::Write>(
    mut writer: W,
    msg: &dyn Reflect,
    options: &JsonOptions,
) -> Result<(), JsonError> {
    let bytes = to_vec(msg, options)?;
    writer.write_all(&bytes).map_err(JsonError::io)
}

/// Decodes a new `T` from JSON text.
pub fn from_str<T: Reflect + Default>(text: &str, options: &JsonOptions) -> Result<T, JsonError> {
    let mut msg = T::default();
    decode::decode(text, &mut msg, options, decode::Path::Typed)?;
    Ok(msg)
}

/// [`from_str`] through the decoder's dynamic path only (every value read as an
/// [`OwnedValue`](crate::OwnedValue) and stored with `set_at`), never the generated typed
/// readers: tests check that both paths read the same messages and refuse the same text.
#[doc(hidden)]
pub fn from_str_dynamic<T: Reflect + Default>(
    text: &str,
    options: &JsonOptions,
) -> Result<T, JsonError> {
    let mut msg = T::default();
    decode::decode(text, &mut msg, options, decode::Path::Dynamic)?;
    Ok(msg)
}

/// Decodes a new `T` from JSON bytes, which must be UTF-8.
pub fn from_slice<T: Reflect + Default>(
    bytes: &[u8],
    options: &JsonOptions,
) -> Result<T, JsonError> {
    let text = std::str::from_utf8(bytes).map_err(|e| JsonError::invalid_utf8(bytes, &e))?;
    from_str(text, options)
}

/// Decodes JSON into a fresh default message behind `msg` (a `Box<dyn DynMessage>` from a
/// [`TypeRegistry`], say). `msg` must be a default instance: on error it may be half
/// filled, and the caller drops it.
pub fn decode_into_new(
    text: &str,
    msg: &mut dyn Reflect,
    options: &JsonOptions,
) -> Result<(), JsonError> {
    decode::decode(text, msg, options, decode::Path::Typed)
}

/// JSON conversions as methods of every generated message.
pub trait JsonExt: Reflect + Default + Sized {
    /// Canonical proto3 JSON.
    fn to_json(&self) -> Result<String, JsonError> {
        to_string(self, &JsonOptions::default())
    }
    /// JSON with `options`.
    fn to_json_with(&self, options: &JsonOptions) -> Result<String, JsonError> {
        to_string(self, options)
    }
    /// Decodes canonical proto3 JSON (both JSON and proto names accepted).
    fn from_json(text: &str) -> Result<Self, JsonError> {
        from_str(text, &JsonOptions::default())
    }
    /// Decodes JSON with `options`.
    fn from_json_with(text: &str, options: &JsonOptions) -> Result<Self, JsonError> {
        from_str(text, options)
    }
}

impl<T: Reflect + Default> JsonExt for T {}

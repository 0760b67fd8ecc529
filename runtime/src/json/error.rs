//! Errors of JSON encoding and decoding, with the JSON path and, when decoding, the position.

use std::fmt;

/// One step of a JSON path: a key of an object or an index of an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A field, by the key written in the JSON.
    Field(String),
    /// A map entry, by its key.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// What went wrong.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum JsonErrorKind {
    /// The text is not JSON.
    #[error("invalid JSON: {0}")]
    Syntax(String),
    /// A key that names no field of the message.
    #[error("message {message} has no field `{key}`")]
    UnknownField { message: &'static str, key: String },
    /// A field given twice (perhaps once by JSON name and once by proto name).
    #[error("field `{field}` is given twice")]
    DuplicateField { field: &'static str },
    /// Two members of one oneof.
    #[error("oneof `{oneof}` has two members set: `{first}` and `{second}`")]
    OneofConflict {
        oneof: &'static str,
        first: &'static str,
        second: &'static str,
    },
    /// A JSON value of the wrong kind for the field (`"abc"` for an `int32`).
    #[error("expected {expected}, got {got}")]
    WrongType { expected: String, got: String },
    /// A value of the right kind that the field cannot hold (2^40 for an `int32`, `1.5` for
    /// an `int64`, a malformed timestamp, bad base64).
    #[error("invalid {expected}: {reason}")]
    InvalidValue { expected: String, reason: String },
    /// An enum name that is not a value of the enum.
    #[error("`{name}` is not a value of enum {enum_name}")]
    UnknownEnumName {
        enum_name: &'static str,
        name: String,
    },
    /// Objects and arrays nest deeper than [`JsonOptions::max_depth`](super::JsonOptions).
    #[error("nesting deeper than the limit of {limit}")]
    TooDeep { limit: usize },
    /// An `Any` whose type is not in the registry.
    #[error("type `{type_url}` of an Any is not registered")]
    UnknownType { type_url: String },
    /// A value with no JSON form (a `google.protobuf.Value` holding NaN, a timestamp out
    /// of range, an unset `Value`).
    #[error("cannot be written as JSON: {0}")]
    Unrepresentable(String),
    /// Writing the output failed.
    #[error("I/O error: {0}")]
    Io(String),
    /// A [`JsonOptions::field_format`](super::JsonOptions::field_format) override that names
    /// no field of the message, or does not fit the field's kind.
    #[error("{0}")]
    FieldFormat(#[from] super::FieldFormatError),
}

/// A JSON encoding or decoding error: where (a JSON path such as `$.body.bodyA.data`, and
/// for decoding the line and column) and what.
///
/// Boxed, so that the `Result`s the encoder and decoder return at every value are one word.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonError(Box<Inner>);

#[derive(Clone, Debug, PartialEq)]
struct Inner {
    /// Innermost segment first while the error travels up; read it through [`JsonError::path`].
    rev_path: Vec<PathSegment>,
    /// Byte offset into the input, when decoding.
    offset: Option<usize>,
    /// 1-based line and column (in characters), filled in by the decoding entry points.
    position: Option<(usize, usize)>,
    kind: JsonErrorKind,
}

/// The longest piece of input an error repeats, in bytes: a longer one keeps its start and
/// end around `…` and says how long it was (an int32 given 100,000 digits is not echoed whole).
pub const MAX_ECHO: usize = 120;

/// `s`, or its first and last bytes (at character boundaries) when it is longer than
/// [`MAX_ECHO`].
pub(crate) fn clip(s: String) -> String {
    if s.len() <= MAX_ECHO {
        return s;
    }
    let mut head = MAX_ECHO * 2 / 3;
    while !s.is_char_boundary(head) {
        head -= 1;
    }
    let mut tail = s.len() - MAX_ECHO / 3;
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    format!("{}…{} ({} bytes)", &s[..head], &s[tail..], s.len())
}

impl JsonErrorKind {
    /// This error with every piece of input in it [`clip`]ped.
    fn clipped(self) -> Self {
        use JsonErrorKind::*;
        match self {
            Syntax(s) => Syntax(clip(s)),
            UnknownField { message, key } => UnknownField {
                message,
                key: clip(key),
            },
            WrongType { expected, got } => WrongType {
                expected: clip(expected),
                got: clip(got),
            },
            InvalidValue { expected, reason } => InvalidValue {
                expected: clip(expected),
                reason: clip(reason),
            },
            UnknownEnumName { enum_name, name } => UnknownEnumName {
                enum_name,
                name: clip(name),
            },
            UnknownType { type_url } => UnknownType {
                type_url: clip(type_url),
            },
            Unrepresentable(s) => Unrepresentable(clip(s)),
            other => other,
        }
    }
}

impl PathSegment {
    fn clipped(self) -> Self {
        match self {
            PathSegment::Field(k) => PathSegment::Field(clip(k)),
            PathSegment::Key(k) => PathSegment::Key(clip(k)),
            index => index,
        }
    }
}

impl JsonError {
    pub(crate) fn new(kind: JsonErrorKind) -> Self {
        JsonError(Box::new(Inner {
            rev_path: Vec::new(),
            offset: None,
            position: None,
            kind: kind.clipped(),
        }))
    }

    pub(crate) fn at(kind: JsonErrorKind, offset: usize) -> Self {
        let mut e = JsonError::new(kind);
        e.0.offset = Some(offset);
        e
    }

    pub(crate) fn internal(reason: String) -> Self {
        JsonError::new(JsonErrorKind::Unrepresentable(reason))
    }

    pub(crate) fn io(e: std::io::Error) -> Self {
        JsonError::new(JsonErrorKind::Io(e.to_string()))
    }

    pub(crate) fn invalid_utf8(bytes: &[u8], e: &std::str::Utf8Error) -> Self {
        let offset = e.valid_up_to();
        let mut err = JsonError::at(
            JsonErrorKind::Syntax("input is not valid UTF-8".into()),
            offset,
        );
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        err.locate(valid);
        err
    }

    /// Adds the segment the error happened under (called on the way up).
    pub(crate) fn within(mut self, segment: PathSegment) -> Self {
        self.0.rev_path.push(segment.clipped());
        self
    }

    /// Computes the line and column of the offset in `source`.
    pub(crate) fn locate(&mut self, source: &str) {
        if let Some(offset) = self.0.offset {
            let before = source.get(..offset.min(source.len())).unwrap_or(source);
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            self.0.position = Some((line, column));
        }
    }

    pub fn kind(&self) -> &JsonErrorKind {
        &self.0.kind
    }

    /// The path from the root, outermost first.
    pub fn path(&self) -> impl Iterator<Item = &PathSegment> {
        self.0.rev_path.iter().rev()
    }

    /// The path as text: `$`, `$.items[2].sku`, `$.labels["env"]`. A map key is quoted as a
    /// JSON string (the writer's escapes), so that the Java and Swift adapters spell the
    /// same path.
    pub fn path_string(&self) -> String {
        let mut s = Vec::from(*b"$");
        for seg in self.path() {
            match seg {
                PathSegment::Field(name) => {
                    s.push(b'.');
                    s.extend_from_slice(name.as_bytes());
                }
                PathSegment::Key(key) => {
                    s.push(b'[');
                    super::encode::write_str(&mut s, key);
                    s.push(b']');
                }
                PathSegment::Index(i) => s.extend_from_slice(format!("[{i}]").as_bytes()),
            }
        }
        // Made of whole strings and ASCII escapes: nothing is lost.
        String::from_utf8_lossy(&s).into_owned()
    }

    /// Byte offset into the input where decoding stopped.
    pub fn offset(&self) -> Option<usize> {
        self.0.offset
    }

    /// 1-based line and column where decoding stopped.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.0.position
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path_string())?;
        if let Some((line, column)) = self.0.position {
            write!(f, " (line {line}, column {column})")?;
        }
        write!(f, ": {}", self.0.kind)
    }
}

impl std::error::Error for JsonError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0.kind)
    }
}

//! Errors of the reflection API.
//!
//! A [`ValueError`] says why a value does not fit a field; a [`ReflectError`] adds the message
//! and the key (or path) it happened at. Every failing operation leaves the message unchanged.

use std::fmt;

/// Why a value could not be stored in a field, or an element in a list or map.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ValueError {
    /// The value has another type than the field (a string for an `int32`, say).
    #[error("expected {expected}, got {got}")]
    WrongType {
        /// The field's type, as in the `.proto` file (`int32`, `list of string`, ...).
        expected: String,
        /// The value's type and, for scalars, the value itself.
        got: String,
    },
    /// A number that the field's type cannot hold exactly (2^40 in an `int32`, -1 in a
    /// `uint32`, 1.5 in an `int64`).
    #[error("expected {expected}, got {got}, which does not fit")]
    OutOfRange { expected: String, got: String },
    /// A name that is not a value of the enum.
    #[error("`{name}` is not a value of enum {enum_name}")]
    UnknownEnumName {
        enum_name: &'static str,
        name: String,
    },
    /// Two keys of a map value that are the same key of the map field (`1` as int32 and as
    /// uint64, say).
    #[error("key {key} is given twice")]
    DuplicateKey { key: String },
    /// A list index past the end.
    #[error("index {index} is out of range for a list of {len}")]
    IndexOutOfRange { index: usize, len: usize },
    /// An element of a list or map value is bad; `at` is `[2]` or `["key"]`.
    #[error("{at}: {source}")]
    Element {
        at: String,
        #[source]
        source: Box<ValueError>,
    },
    /// The message has no field at this index (a caller passed an index not from its table).
    #[error("no field at index {index}")]
    NoField { index: usize },
    /// A nested message given as a map is bad.
    #[error("{0}")]
    Nested(Box<ReflectError>),
}

/// What went wrong in a [`ReflectError`].
#[derive(Clone, Debug, PartialEq)]
pub enum ReflectErrorKind {
    /// The message has no field with this proto name or JSON name.
    UnknownField,
    /// The message has no field with this number.
    UnknownNumber(u32),
    /// The value does not fit the field.
    Value(ValueError),
    /// The path does not parse; `position` is a byte offset into it.
    BadPath {
        position: usize,
        reason: &'static str,
    },
    /// A path goes on past a field that is not a message (`count.x`), or indexes a field that
    /// is not a list or map (`name[0]`), or gives a key of the wrong type.
    NotNavigable { reason: String },
    /// A map given to `from_map` sets two members of one oneof.
    OneofConflict {
        oneof: &'static str,
        first: &'static str,
    },
    /// A map given to `from_map` sets one field twice, by its proto name and its JSON name.
    DuplicateField { first: String },
}

/// An operation on a message failed; the message is unchanged.
///
/// The display form names the message, the key or path and the reason:
/// `telemetry.v1.Event.sequence: expected uint64, got int32 -1, which does not fit`.
#[derive(Clone, Debug, PartialEq)]
pub struct ReflectError(Box<Inner>);

#[derive(Clone, Debug, PartialEq)]
struct Inner {
    message: &'static str,
    key: String,
    kind: ReflectErrorKind,
}

impl ReflectError {
    pub fn new(message: &'static str, key: impl Into<String>, kind: ReflectErrorKind) -> Self {
        ReflectError(Box::new(Inner {
            message,
            key: key.into(),
            kind,
        }))
    }

    /// Full proto name of the message the operation ran on.
    pub fn message(&self) -> &'static str {
        self.0.message
    }

    /// The key or path the operation was given.
    pub fn key(&self) -> &str {
        &self.0.key
    }

    pub fn kind(&self) -> &ReflectErrorKind {
        &self.0.kind
    }

    /// The same error seen from an enclosing message: `prefix.key`.
    pub(crate) fn within(mut self, message: &'static str, prefix: &str) -> Self {
        let inner = &mut *self.0;
        inner.key = if inner.key.starts_with('[') {
            format!("{prefix}{}", inner.key)
        } else {
            format!("{prefix}.{}", inner.key)
        };
        inner.message = message;
        self
    }
}

impl fmt::Display for ReflectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Inner { message, key, kind } = &*self.0;
        // Views taken straight from `mut_at` do not know their message.
        let message = if message.is_empty() {
            "(message)"
        } else {
            message
        };
        match kind {
            ReflectErrorKind::UnknownField => {
                write!(
                    f,
                    "{message}: no field `{key}` (by proto name or JSON name)"
                )
            }
            ReflectErrorKind::UnknownNumber(n) => write!(f, "{message}: no field number {n}"),
            ReflectErrorKind::Value(ValueError::Nested(inner)) => fmt::Display::fmt(inner, f),
            ReflectErrorKind::Value(e) => write!(f, "{message}.{key}: {e}"),
            ReflectErrorKind::BadPath { position, reason } => write!(
                f,
                "{message}: malformed path `{key}` at byte {position}: {reason}"
            ),
            ReflectErrorKind::NotNavigable { reason } => write!(f, "{message}.{key}: {reason}"),
            ReflectErrorKind::OneofConflict { oneof, first } => write!(
                f,
                "{message}.{key}: oneof `{oneof}` is already set by `{first}`"
            ),
            ReflectErrorKind::DuplicateField { first } => {
                write!(f, "{message}.{key}: the field is already set as `{first}`")
            }
        }
    }
}

impl std::error::Error for ReflectError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ReflectErrorKind::Value(e) => Some(e),
            _ => None,
        }
    }
}

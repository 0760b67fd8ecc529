//! What a flattening produces: values, the property list, and the record of every change.

use std::borrow::Cow;
use std::fmt;

use super::key::KeyProblem;

/// A property value in the types analytics SDKs take. Strings borrow from the message when
/// they need no change.
#[derive(Clone, Debug, PartialEq)]
pub enum VendorValue<'a> {
    Bool(bool),
    Int(i64),
    Double(f64),
    Str(Cow<'a, str>),
    List(Vec<VendorValue<'a>>),
    /// A nested object, entries in the same order rules as the top level.
    Object(Vec<(Cow<'static, str>, VendorValue<'a>)>),
}

impl VendorValue<'_> {
    /// The type name used in reports and test vectors: `bool`, `int`, `double`, `string`,
    /// `list`, `object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            VendorValue::Bool(_) => "bool",
            VendorValue::Int(_) => "int",
            VendorValue::Double(_) => "double",
            VendorValue::Str(_) => "string",
            VendorValue::List(_) => "list",
            VendorValue::Object(_) => "object",
        }
    }

    /// A copy that owns its strings.
    pub fn into_owned(self) -> VendorValue<'static> {
        match self {
            VendorValue::Bool(v) => VendorValue::Bool(v),
            VendorValue::Int(v) => VendorValue::Int(v),
            VendorValue::Double(v) => VendorValue::Double(v),
            VendorValue::Str(v) => VendorValue::Str(Cow::Owned(v.into_owned())),
            VendorValue::List(v) => {
                VendorValue::List(v.into_iter().map(VendorValue::into_owned).collect())
            }
            VendorValue::Object(v) => {
                VendorValue::Object(v.into_iter().map(|(k, v)| (k, v.into_owned())).collect())
            }
        }
    }
}

/// The properties of one event for one vendor.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorProperties<'a> {
    /// The event name after the profile's rules.
    pub event_name: Cow<'static, str>,
    /// The properties, in field-number order (map entries by key, list elements by index).
    pub entries: Vec<(Cow<'static, str>, VendorValue<'a>)>,
    /// Every change made to fit the vendor's rules that depends on the values, or that no
    /// plugin check reported (a custom profile's rewrites of keys and of the event name):
    /// what the vendor SDK would have truncated, dropped or refused silently.
    pub adjustments: Vec<Adjustment>,
}

impl<'a> VendorProperties<'a> {
    /// The value of the property `key`.
    pub fn get(&self, key: &str) -> Option<&VendorValue<'a>> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// One change made to fit a vendor's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    /// The property concerned, as sent (or as it would have been sent when dropped). List
    /// elements of list values are `key[index]`. For an event name's change, the name sent.
    pub key: Cow<'static, str>,
    pub kind: AdjustmentKind,
}

/// What was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdjustmentKind {
    /// A string value was cut to `max` (from `len`, in the profile's unit), on a character
    /// boundary.
    ValueTruncated { len: usize, max: usize },
    /// The property was left out.
    Dropped(DropReason),
    /// The value changed type.
    Coerced(Coercion),
    /// A key built at run time (map key, list index) had characters replaced or stripped;
    /// `from` is the key before.
    KeyRewritten { from: String },
    /// A key built at run time was cut to the limit; `from` is the key before.
    KeyTruncated { from: String },
    /// The event name had characters replaced or stripped; `from` is the name as the schema
    /// writes it. The adjustment's `key` is the name sent.
    EventNameRewritten { from: String },
    /// The event name was cut to the limit; `from` is the name before the cut.
    EventNameTruncated { from: String },
}

/// Why a property was left out (or, with [`OnViolation::Error`](super::OnViolation), why
/// flattening failed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DropReason {
    /// The key cannot be sent.
    InvalidKey(KeyProblem),
    /// The string value is too long (`len` and `max` in the profile's unit).
    ValueTooLong { len: usize, max: usize },
    /// The event already has the most properties the vendor takes.
    CountLimit { max: usize },
    /// The value is nested deeper than the vendor takes.
    DepthLimit { max: usize },
    /// An earlier property (or member of the same object) already has this key.
    DuplicateKey,
}

impl fmt::Display for DropReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DropReason::InvalidKey(problem) => write!(f, "the key {problem}"),
            DropReason::ValueTooLong { len, max } => {
                write!(f, "the value is {len} long, over the limit of {max}")
            }
            DropReason::CountLimit { max } => {
                write!(f, "the event has more than {max} properties")
            }
            DropReason::DepthLimit { max } => write!(f, "the value nests deeper than {max}"),
            DropReason::DuplicateKey => f.write_str("an earlier property has the same key"),
        }
    }
}

/// A change of value type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Coercion {
    /// A `uint64` above `i64::MAX` sent as a decimal string.
    U64ToString,
    /// A `uint64` sent as a double that does not hold it exactly.
    U64ToDouble,
    /// NaN or an infinity sent as the string `NaN`, `Infinity` or `-Infinity`.
    NonFinite,
    /// A timestamp outside RFC 3339's years 1 to 9999 (or a duration outside the JSON
    /// range) sent as a number of seconds instead of a string.
    OutOfRange,
}

impl Adjustment {
    /// The short name used in test vectors and logs: `value_truncated`, `dropped`, `coerced`,
    /// `key_rewritten`, `key_truncated`, `event_name_rewritten`, `event_name_truncated`.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            AdjustmentKind::ValueTruncated { .. } => "value_truncated",
            AdjustmentKind::Dropped(_) => "dropped",
            AdjustmentKind::Coerced(_) => "coerced",
            AdjustmentKind::KeyRewritten { .. } => "key_rewritten",
            AdjustmentKind::KeyTruncated { .. } => "key_truncated",
            AdjustmentKind::EventNameRewritten { .. } => "event_name_rewritten",
            AdjustmentKind::EventNameTruncated { .. } => "event_name_truncated",
        }
    }
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let key = &self.key;
        match &self.kind {
            AdjustmentKind::ValueTruncated { len, max } => {
                write!(f, "{key}: value truncated from {len} to {max}")
            }
            AdjustmentKind::Dropped(reason) => write!(f, "{key}: dropped: {reason}"),
            AdjustmentKind::Coerced(Coercion::U64ToString) => {
                write!(f, "{key}: uint64 above the signed range sent as a string")
            }
            AdjustmentKind::Coerced(Coercion::U64ToDouble) => {
                write!(f, "{key}: uint64 sent as an inexact double")
            }
            AdjustmentKind::Coerced(Coercion::NonFinite) => {
                write!(f, "{key}: non-finite number sent as a string")
            }
            AdjustmentKind::Coerced(Coercion::OutOfRange) => {
                write!(
                    f,
                    "{key}: time out of the string form's range sent as seconds"
                )
            }
            AdjustmentKind::KeyRewritten { from } => {
                write!(f, "{key}: key rewritten from `{from}`")
            }
            AdjustmentKind::KeyTruncated { from } => {
                write!(f, "{key}: key truncated from `{from}`")
            }
            AdjustmentKind::EventNameRewritten { from } => {
                write!(f, "{key}: event name rewritten from `{from}`")
            }
            AdjustmentKind::EventNameTruncated { from } => {
                write!(f, "{key}: event name truncated from `{from}`")
            }
        }
    }
}

/// Flattening failed: the profile says [`OnViolation::Error`](super::OnViolation), or the
/// event has no name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum VendorError {
    #[error(
        "{message}: no event name: the message is not marked `event` and no event message is set in its oneofs"
    )]
    NoEventName { message: &'static str },
    #[error("profile `{profile}`: event name `{name}` {problem}")]
    EventName {
        profile: String,
        name: String,
        problem: KeyProblem,
    },
    #[error("profile `{profile}`: property `{key}`: {reason}")]
    Violation {
        profile: String,
        key: String,
        reason: DropReason,
    },
}

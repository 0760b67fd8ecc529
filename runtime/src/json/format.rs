//! Per-field JSON forms: the choices of [`JsonOptions`](super::JsonOptions) (bytes, enums,
//! 64-bit integers, timestamps) made for one field, so that one message can mix forms as real
//! legacy formats do (OTLP JSON writes trace and span ids as hex and other bytes as base64).
//!
//! A field's form comes from, in order: [`JsonOptions::field_format`](super::JsonOptions)
//! (the caller, at run time), the plugin's `json_format` parameter or the field's
//! `(prost_vsco.field).json_*` options (both compiled into the field's table), then the
//! options' own choice.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use super::{BytesFormat, EnumFormat, Int64Format, TimestampFormat};
use crate::meta::{FieldInfo, Kind, MessageInfo};

/// The JSON forms of one field's values (for a repeated field or a map, of its elements or
/// values); `None` follows [`JsonOptions`](super::JsonOptions).
///
/// Written as text (the plugin's `json_format` parameter, `FromStr`, `Display`) as choices
/// joined by `+`: `bytes:hex`, `enum:numbers+int64:numbers`, `timestamp:epoch_millis`.
///
/// ```
/// use prost_vsco::json::{BytesFormat, FieldFormat};
/// let hex: FieldFormat = "bytes:hex".parse().unwrap();
/// assert_eq!(hex, FieldFormat::NONE.bytes(BytesFormat::Hex));
/// assert_eq!(hex.to_string(), "bytes:hex");
/// assert!("bytes:octal".parse::<FieldFormat>().is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FieldFormat {
    pub bytes: Option<BytesFormat>,
    pub enums: Option<EnumFormat>,
    pub int64: Option<Int64Format>,
    pub timestamps: Option<TimestampFormat>,
}

/// The kinds of value a [`FieldFormat`] choice applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormatTarget {
    /// `bytes` fields: [`FieldFormat::bytes`].
    Bytes,
    /// Enum fields: [`FieldFormat::enums`].
    Enum,
    /// `int64`, `uint64`, `sint64`, `fixed64`, `sfixed64`: [`FieldFormat::int64`].
    Int64,
    /// `google.protobuf.Timestamp` fields: [`FieldFormat::timestamps`].
    Timestamp,
    /// Every other kind: no choice applies.
    Other,
}

impl FormatTarget {
    /// The target of a field of `kind` (for maps, the value's kind).
    pub fn of(kind: &Kind) -> FormatTarget {
        match kind {
            Kind::Bytes => FormatTarget::Bytes,
            Kind::Enum(_) => FormatTarget::Enum,
            Kind::Int64 | Kind::Uint64 | Kind::Sint64 | Kind::Fixed64 | Kind::Sfixed64 => {
                FormatTarget::Int64
            }
            Kind::Message("google.protobuf.Timestamp") => FormatTarget::Timestamp,
            _ => FormatTarget::Other,
        }
    }

    /// What the choice for this target is called in text (`bytes`, `enum`, ...).
    pub fn describe(self) -> &'static str {
        match self {
            FormatTarget::Bytes => "bytes fields",
            FormatTarget::Enum => "enum fields",
            FormatTarget::Int64 => "64-bit integer fields",
            FormatTarget::Timestamp => "google.protobuf.Timestamp fields",
            FormatTarget::Other => "no field kind",
        }
    }
}

/// A [`FieldFormat`] that cannot be read, or does not fit the field it is given for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FieldFormatError {
    #[error(
        "`{0}` is not a JSON form: expected choices joined by `+`, each one of bytes:base64|hex, \
         enum:names|numbers, int64:strings|numbers, timestamp:rfc3339|epoch_millis|epoch_seconds"
    )]
    Syntax(String),
    #[error("`{choice}` is given twice in `{text}`")]
    Twice { choice: &'static str, text: String },
    /// A choice for another kind of field (`bytes:hex` for a `string` field).
    #[error("`{choice}` applies to {applies_to}, and `{field}` is {kind}")]
    Misfit {
        field: String,
        kind: String,
        choice: String,
        applies_to: &'static str,
    },
    /// A run-time override for a field the message does not have.
    #[error("message {message} has no field `{field}` (JsonOptions::field_format)")]
    NoSuchField { message: String, field: String },
}

impl FieldFormat {
    /// No choice: everything as [`JsonOptions`](super::JsonOptions) says.
    pub const NONE: FieldFormat = FieldFormat {
        bytes: None,
        enums: None,
        int64: None,
        timestamps: None,
    };

    pub const fn bytes(mut self, bytes: BytesFormat) -> Self {
        self.bytes = Some(bytes);
        self
    }
    pub const fn enums(mut self, enums: EnumFormat) -> Self {
        self.enums = Some(enums);
        self
    }
    pub const fn int64(mut self, int64: Int64Format) -> Self {
        self.int64 = Some(int64);
        self
    }
    pub const fn timestamps(mut self, timestamps: TimestampFormat) -> Self {
        self.timestamps = Some(timestamps);
        self
    }

    /// True when no choice is made.
    pub const fn is_none(&self) -> bool {
        self.bytes.is_none()
            && self.enums.is_none()
            && self.int64.is_none()
            && self.timestamps.is_none()
    }

    /// `self`'s choices, and `under`'s where `self` makes none.
    pub const fn over(self, under: FieldFormat) -> FieldFormat {
        FieldFormat {
            bytes: if self.bytes.is_some() {
                self.bytes
            } else {
                under.bytes
            },
            enums: if self.enums.is_some() {
                self.enums
            } else {
                under.enums
            },
            int64: if self.int64.is_some() {
                self.int64
            } else {
                under.int64
            },
            timestamps: if self.timestamps.is_some() {
                self.timestamps
            } else {
                under.timestamps
            },
        }
    }

    /// Only the choice that applies to `target` (for a format given to many fields at once,
    /// such as a package).
    pub fn fitting(self, target: FormatTarget) -> FieldFormat {
        let mut out = FieldFormat::NONE;
        match target {
            FormatTarget::Bytes => out.bytes = self.bytes,
            FormatTarget::Enum => out.enums = self.enums,
            FormatTarget::Int64 => out.int64 = self.int64,
            FormatTarget::Timestamp => out.timestamps = self.timestamps,
            FormatTarget::Other => {}
        }
        out
    }

    /// The first choice that does not apply to `target`: its text (`bytes:hex`) and the
    /// kind of field it applies to.
    pub fn misfit(self, target: FormatTarget) -> Option<(String, FormatTarget)> {
        let choices = [
            (
                FormatTarget::Bytes,
                FieldFormat {
                    bytes: self.bytes,
                    ..FieldFormat::NONE
                },
            ),
            (
                FormatTarget::Enum,
                FieldFormat {
                    enums: self.enums,
                    ..FieldFormat::NONE
                },
            ),
            (
                FormatTarget::Int64,
                FieldFormat {
                    int64: self.int64,
                    ..FieldFormat::NONE
                },
            ),
            (
                FormatTarget::Timestamp,
                FieldFormat {
                    timestamps: self.timestamps,
                    ..FieldFormat::NONE
                },
            ),
        ];
        choices
            .into_iter()
            .find(|(applies_to, one)| *applies_to != target && !one.is_none())
            .map(|(applies_to, one)| (one.to_string(), applies_to))
    }

    /// Ok when every choice applies to `target`, else the misfit error for the field called
    /// `field` of `kind`.
    pub fn check(
        self,
        field: &str,
        kind: &str,
        target: FormatTarget,
    ) -> Result<(), FieldFormatError> {
        match self.misfit(target) {
            None => Ok(()),
            Some((choice, applies_to)) => Err(FieldFormatError::Misfit {
                field: field.to_string(),
                kind: kind.to_string(),
                choice,
                applies_to: applies_to.describe(),
            }),
        }
    }
}

impl FromStr for FieldFormat {
    type Err = FieldFormatError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut out = FieldFormat::NONE;
        let syntax = || FieldFormatError::Syntax(text.to_string());
        let twice = |choice| FieldFormatError::Twice {
            choice,
            text: text.to_string(),
        };
        for part in text.split('+') {
            let (what, form) = part.trim().split_once(':').ok_or_else(syntax)?;
            match (what.trim(), form.trim()) {
                ("bytes", form) => {
                    let f = match form {
                        "base64" => BytesFormat::Base64,
                        "hex" => BytesFormat::Hex,
                        _ => return Err(syntax()),
                    };
                    if out.bytes.replace(f).is_some() {
                        return Err(twice("bytes"));
                    }
                }
                ("enum", form) => {
                    let f = match form {
                        "names" => EnumFormat::Names,
                        "numbers" => EnumFormat::Numbers,
                        _ => return Err(syntax()),
                    };
                    if out.enums.replace(f).is_some() {
                        return Err(twice("enum"));
                    }
                }
                ("int64", form) => {
                    let f = match form {
                        "strings" => Int64Format::Strings,
                        "numbers" => Int64Format::Numbers,
                        _ => return Err(syntax()),
                    };
                    if out.int64.replace(f).is_some() {
                        return Err(twice("int64"));
                    }
                }
                ("timestamp", form) => {
                    let f = match form {
                        "rfc3339" => TimestampFormat::Rfc3339,
                        "epoch_millis" => TimestampFormat::EpochMillis,
                        "epoch_seconds" => TimestampFormat::EpochSeconds,
                        _ => return Err(syntax()),
                    };
                    if out.timestamps.replace(f).is_some() {
                        return Err(twice("timestamp"));
                    }
                }
                _ => return Err(syntax()),
            }
        }
        Ok(out)
    }
}

impl fmt::Display for FieldFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = [
            self.bytes.map(|b| match b {
                BytesFormat::Base64 => "bytes:base64",
                BytesFormat::Hex => "bytes:hex",
            }),
            self.enums.map(|e| match e {
                EnumFormat::Names => "enum:names",
                EnumFormat::Numbers => "enum:numbers",
            }),
            self.int64.map(|i| match i {
                Int64Format::Strings => "int64:strings",
                Int64Format::Numbers => "int64:numbers",
            }),
            self.timestamps.map(|t| match t {
                TimestampFormat::Rfc3339 => "timestamp:rfc3339",
                TimestampFormat::EpochMillis => "timestamp:epoch_millis",
                TimestampFormat::EpochSeconds => "timestamp:epoch_seconds",
            }),
        ];
        let mut first = true;
        for part in parts.into_iter().flatten() {
            if !first {
                f.write_str("+")?;
            }
            first = false;
            f.write_str(part)?;
        }
        Ok(())
    }
}

/// The run-time overrides of [`JsonOptions::field_format`](super::JsonOptions): per message
/// (full name, no leading dot), its fields by proto name. Shared, so cloning the options
/// stays cheap.
#[derive(Clone, Debug, Default)]
pub struct FieldOverrides(Option<Arc<BTreeMap<String, Vec<FieldOverride>>>>);

/// One field's override: its proto name and forms.
type FieldOverride = (String, FieldFormat);

/// The overrides of one message's fields.
pub(crate) type MessageOverrides<'o> = &'o [FieldOverride];

impl FieldOverrides {
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Adds `format` for the field `full_name` (`pkg.Message.field`, a leading `.` allowed);
    /// its choices replace earlier ones for that field.
    pub(crate) fn insert(&mut self, full_name: &str, format: FieldFormat) {
        let name = full_name.strip_prefix('.').unwrap_or(full_name);
        let (message, field) = name.rsplit_once('.').unwrap_or(("", name));
        let map = Arc::make_mut(self.0.get_or_insert_with(Default::default));
        let fields = map.entry(message.to_string()).or_default();
        match fields.iter_mut().find(|(f, _)| f == field) {
            Some((_, existing)) => *existing = format.over(*existing),
            None => fields.push((field.to_string(), format)),
        }
    }

    /// The overrides of `info`'s fields, checked against them (every name a field, every
    /// choice fitting the field's kind); `None` when there are none.
    pub(crate) fn of(
        &self,
        info: &MessageInfo,
    ) -> Result<Option<MessageOverrides<'_>>, FieldFormatError> {
        let Some(fields) = self.0.as_ref().and_then(|m| m.get(info.full_name)) else {
            return Ok(None);
        };
        for (name, format) in fields {
            let Some(field) = info.fields.iter().find(|f| f.name == name) else {
                return Err(FieldFormatError::NoSuchField {
                    message: info.full_name.to_string(),
                    field: name.clone(),
                });
            };
            // Checked on every write of the message: the field's name is only spelled out
            // for the error.
            let target = FormatTarget::of(&field.kind);
            if format.misfit(target).is_some() {
                format.check(
                    &format!("{}.{}", info.full_name, field.name),
                    &field.kind.describe(),
                    target,
                )?;
            }
        }
        Ok(Some(fields))
    }
}

/// The form of `field`'s values: the run-time override in `scope`, then the field's own.
#[inline]
pub(crate) fn resolve(
    field: &'static FieldInfo,
    scope: Option<MessageOverrides<'_>>,
) -> FieldFormat {
    let own = field.options.json;
    match scope {
        None => own,
        Some(list) => match list.iter().find(|(name, _)| name == field.name) {
            Some((_, over)) => over.over(own),
            None => own,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        for text in [
            "bytes:hex",
            "bytes:base64+enum:numbers",
            "enum:names+int64:numbers+timestamp:epoch_seconds",
            "timestamp:epoch_millis",
        ] {
            let f: FieldFormat = text.parse().unwrap();
            assert_eq!(f.to_string(), text);
        }
        assert_eq!(
            " bytes : hex ".parse::<FieldFormat>(),
            Ok(FieldFormat::NONE.bytes(BytesFormat::Hex))
        );
        for bad in ["", "hex", "bytes:", "bytes:hex+", "color:red", "bytes:HEX"] {
            assert!(
                matches!(bad.parse::<FieldFormat>(), Err(FieldFormatError::Syntax(_))),
                "{bad}"
            );
        }
        assert!(matches!(
            "bytes:hex+bytes:base64".parse::<FieldFormat>(),
            Err(FieldFormatError::Twice {
                choice: "bytes",
                ..
            })
        ));
    }

    #[test]
    fn fit_and_precedence() {
        let f = FieldFormat::NONE
            .bytes(BytesFormat::Hex)
            .enums(EnumFormat::Numbers);
        assert_eq!(
            f.fitting(FormatTarget::Enum),
            FieldFormat::NONE.enums(EnumFormat::Numbers)
        );
        assert_eq!(
            f.misfit(FormatTarget::Bytes),
            Some(("enum:numbers".to_string(), FormatTarget::Enum))
        );
        assert_eq!(
            f.fitting(FormatTarget::Bytes).misfit(FormatTarget::Bytes),
            None
        );
        let e = f
            .check("a.B.name", "string", FormatTarget::Other)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "`bytes:hex` applies to bytes fields, and `a.B.name` is string"
        );
        let under = FieldFormat::NONE
            .bytes(BytesFormat::Base64)
            .int64(Int64Format::Numbers);
        assert_eq!(
            f.over(under),
            FieldFormat::NONE
                .bytes(BytesFormat::Hex)
                .enums(EnumFormat::Numbers)
                .int64(Int64Format::Numbers)
        );
    }
}

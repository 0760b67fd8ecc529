//! The JSON forms of each field chosen at generation time: the field's `json_*` options, then
//! the `json_format` parameters over them (for files the user does not own). Both are
//! checked here: a choice for another kind of field (`json_bytes` on a string) is an error
//! naming the field, and so is a parameter that selects no field it applies to.

use prost_vsco::json::{FieldFormat, FormatTarget};

use super::names::path_matches;
use super::{Error, FieldType, Scalar, Schema};

impl Schema {
    /// Fills every field's [`json`](super::Field::json).
    pub(super) fn resolve_json_formats(
        &mut self,
        params: &[(String, FieldFormat)],
    ) -> Result<(), Error> {
        let mut used = vec![false; params.len()];
        for m in 0..self.messages.len() {
            let msg = &self.messages[m];
            if msg.external.is_some() || msg.map_entry {
                continue;
            }
            let fq = format!(".{}", msg.full_name);
            let mut formats = Vec::with_capacity(msg.fields.len());
            for f in &msg.fields {
                let context = || {
                    format!(
                        "field {}.{} ({})",
                        msg.full_name, f.name, self.files[msg.file].name
                    )
                };
                let (target, kind) = self.format_target(f.ty);
                let own = f
                    .options
                    .json_format()
                    .map_err(|e| Error::schema(context(), e))?;
                own.check(&format!("{}.{}", msg.full_name, f.name), &kind, target)
                    .map_err(|e| Error::schema(context(), format!("option {e}")))?;
                let mut format = own;
                for (n, (path, forms)) in params.iter().enumerate() {
                    if !path_matches(std::slice::from_ref(path), &fq, &f.name) {
                        continue;
                    }
                    // A path naming this very field must fit it; a wider one (a message, a
                    // package) sets what fits each field under it.
                    let whole = path.strip_prefix('.').unwrap_or(path);
                    if whole == format!("{}.{}", msg.full_name, f.name) {
                        forms.check(whole, &kind, target).map_err(|e| {
                            Error::schema(format!("parameter json_format={path}"), e.to_string())
                        })?;
                    }
                    let fitting = forms.fitting(target);
                    if !fitting.is_none() {
                        used[n] = true;
                        format = fitting.over(format);
                    }
                }
                formats.push(format);
            }
            for (f, format) in self.messages[m].fields.iter_mut().zip(formats) {
                f.json = format;
            }
        }
        if let Some(n) = used.iter().position(|u| !u) {
            let (path, forms) = &params[n];
            return Err(Error::schema(
                format!("parameter json_format={path}={forms}"),
                "selects no field these forms apply to (paths are full proto names with a leading dot: .pkg.Message.field, .pkg.Message or .pkg)",
            ));
        }
        Ok(())
    }

    /// A field of type `ty` is a `google.protobuf.Timestamp`: the mobile runtimes' tables
    /// mark it, so that they can check a run-time `timestamps` form against it.
    pub(crate) fn is_timestamp(&self, ty: FieldType) -> bool {
        self.format_target(ty).0 == FormatTarget::Timestamp
    }

    /// What a JSON form can apply to for a field of type `ty`, and the type in words.
    fn format_target(&self, ty: FieldType) -> (FormatTarget, String) {
        match ty {
            FieldType::Scalar(s) => {
                let target = match s {
                    Scalar::Bytes => FormatTarget::Bytes,
                    Scalar::Int64
                    | Scalar::Uint64
                    | Scalar::Sint64
                    | Scalar::Fixed64
                    | Scalar::Sfixed64 => FormatTarget::Int64,
                    _ => FormatTarget::Other,
                };
                (target, s.proto_name().to_string())
            }
            FieldType::Enum(e) => (
                FormatTarget::Enum,
                format!("enum {}", self.enums[e].full_name),
            ),
            FieldType::Message(m) | FieldType::Group(m) => {
                let name = &self.messages[m].full_name;
                let target = if name == "google.protobuf.Timestamp" {
                    FormatTarget::Timestamp
                } else {
                    FormatTarget::Other
                };
                (target, format!("message {name}"))
            }
        }
    }
}

/// One choice of a field's JSON forms (`prost_vsco::json::FieldFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonChoice {
    Bytes,
    Enums,
    Int64,
    Timestamps,
}

impl JsonChoice {
    /// The runtimes' name of the choice (`FieldFormat.bytes`, `.enums`, `.int64`,
    /// `.timestamps` in every language).
    pub fn name(self) -> &'static str {
        match self {
            JsonChoice::Bytes => "bytes",
            JsonChoice::Enums => "enums",
            JsonChoice::Int64 => "int64",
            JsonChoice::Timestamps => "timestamps",
        }
    }

    /// The type of its forms in the Rust runtime (`prost_vsco::json::BytesFormat`) and in the
    /// Java one (`JsonOptions.Bytes`); Swift nests them the same way as Java.
    pub fn type_names(self) -> (&'static str, &'static str) {
        match self {
            JsonChoice::Bytes => ("BytesFormat", "Bytes"),
            JsonChoice::Enums => ("EnumFormat", "Enums"),
            JsonChoice::Int64 => ("Int64Format", "Int64"),
            JsonChoice::Timestamps => ("TimestampFormat", "Timestamps"),
        }
    }
}

/// A form's name in each runtime: the Rust variant, the Java enum constant, the Swift case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormNames {
    pub rust: &'static str,
    pub java: &'static str,
    pub swift: &'static str,
}

const fn form(rust: &'static str, java: &'static str, swift: &'static str) -> FormNames {
    FormNames { rust, java, swift }
}

/// The choices `f` makes, in order, each with its form's names.
pub fn json_choices(f: FieldFormat) -> Vec<(JsonChoice, FormNames)> {
    use prost_vsco::json::{BytesFormat, EnumFormat, Int64Format, TimestampFormat};
    let mut out = Vec::new();
    if let Some(b) = f.bytes {
        let names = match b {
            BytesFormat::Base64 => form("Base64", "BASE64", "base64"),
            BytesFormat::Hex => form("Hex", "HEX", "hex"),
        };
        out.push((JsonChoice::Bytes, names));
    }
    if let Some(e) = f.enums {
        let names = match e {
            EnumFormat::Names => form("Names", "NAMES", "names"),
            EnumFormat::Numbers => form("Numbers", "NUMBERS", "numbers"),
        };
        out.push((JsonChoice::Enums, names));
    }
    if let Some(i) = f.int64 {
        let names = match i {
            Int64Format::Strings => form("Strings", "STRINGS", "strings"),
            Int64Format::Numbers => form("Numbers", "NUMBERS", "numbers"),
        };
        out.push((JsonChoice::Int64, names));
    }
    if let Some(t) = f.timestamps {
        let names = match t {
            TimestampFormat::Rfc3339 => form("Rfc3339", "RFC3339", "rfc3339"),
            TimestampFormat::EpochMillis => form("EpochMillis", "EPOCH_MILLIS", "epochMillis"),
            TimestampFormat::EpochSeconds => form("EpochSeconds", "EPOCH_SECONDS", "epochSeconds"),
        };
        out.push((JsonChoice::Timestamps, names));
    }
    out
}

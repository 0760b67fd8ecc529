//! Emitters: read the [`Schema`](crate::model::Schema), return text. One module per language.

pub mod java;
pub mod report;
pub mod rust;
pub mod swift;
pub mod templates;

/// A double-quoted string literal of `s` for a C-like language (Java, Kotlin, Swift): `"`, `\`,
/// newline, return and tab escaped by letter, and the characters `other` picks (control
/// characters, plus what the language cannot hold raw) by the escape `other` writes.
pub(crate) fn quoted_literal(s: &str, other: impl Fn(char) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c => match other(c) {
                Some(escape) => out.push_str(&escape),
                None => out.push(c),
            },
        }
    }
    out.push('"');
    out
}

/// One choice of a field's JSON forms (`prost_vsco::json::FieldFormat`), for the emitters to
/// spell in their language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonChoice {
    Bytes,
    Enums,
    Int64,
    Timestamps,
}

impl JsonChoice {
    /// The runtimes' name of the choice (`FieldFormat.bytes`, `.enums`, `.int64`,
    /// `.timestamps` in every language).
    pub(crate) fn name(self) -> &'static str {
        match self {
            JsonChoice::Bytes => "bytes",
            JsonChoice::Enums => "enums",
            JsonChoice::Int64 => "int64",
            JsonChoice::Timestamps => "timestamps",
        }
    }
}

/// The choices `f` makes, in order, each with its form's name in UpperCamelCase (`Hex`,
/// `Numbers`, `EpochMillis`: the Rust variant; Java and Swift recase it).
pub(crate) fn json_choices(f: prost_vsco::json::FieldFormat) -> Vec<(JsonChoice, &'static str)> {
    use prost_vsco::json::{BytesFormat, EnumFormat, Int64Format, TimestampFormat};
    let mut out = Vec::new();
    if let Some(b) = f.bytes {
        let form = match b {
            BytesFormat::Base64 => "Base64",
            BytesFormat::Hex => "Hex",
        };
        out.push((JsonChoice::Bytes, form));
    }
    if let Some(e) = f.enums {
        let form = match e {
            EnumFormat::Names => "Names",
            EnumFormat::Numbers => "Numbers",
        };
        out.push((JsonChoice::Enums, form));
    }
    if let Some(i) = f.int64 {
        let form = match i {
            Int64Format::Strings => "Strings",
            Int64Format::Numbers => "Numbers",
        };
        out.push((JsonChoice::Int64, form));
    }
    if let Some(t) = f.timestamps {
        let form = match t {
            TimestampFormat::Rfc3339 => "Rfc3339",
            TimestampFormat::EpochMillis => "EpochMillis",
            TimestampFormat::EpochSeconds => "EpochSeconds",
        };
        out.push((JsonChoice::Timestamps, form));
    }
    out
}

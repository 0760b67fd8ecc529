//! Swift names exactly as protoc-gen-swift 1.37 writes them (`NamingUtils.swift`,
//! `SwiftProtobufNamer.swift`): type names with the package prefix or `swift_prefix`, nested
//! types, properties in lowerCamelCase with the `URL`/`HTTP`/`HTTPS`/`ID` abbreviations,
//! keywords in backticks, the `_p` suffix, `hasX`, oneof enums `OneOf_X` and their cases, enum
//! cases with the enum's name stripped as a prefix and `UNRECOGNIZED(Int)` for open enums.
//! Resolved once here so that the Swift emitter never computes a name.

use prost_types::FileDescriptorProto;

use super::{Cardinality, Enum, EnumValue, FieldType, MessageId, Schema, Syntax};
use crate::params::SwiftFileNaming;

/// Swift keywords protoc-gen-swift escapes (declarations, statements, expressions and types).
const KEYWORDS: &[&str] = &[
    "associatedtype",
    "class",
    "deinit",
    "enum",
    "extension",
    "fileprivate",
    "func",
    "import",
    "init",
    "inout",
    "internal",
    "let",
    "open",
    "operator",
    "private",
    "protocol",
    "public",
    "static",
    "struct",
    "subscript",
    "typealias",
    "var",
    "break",
    "case",
    "continue",
    "default",
    "defer",
    "do",
    "else",
    "fallthrough",
    "for",
    "guard",
    "if",
    "in",
    "repeat",
    "return",
    "switch",
    "where",
    "while",
    "as",
    "Any",
    "catch",
    "false",
    "is",
    "nil",
    "rethrows",
    "super",
    "self",
    "Self",
    "throw",
    "throws",
    "true",
    "try",
];

const COMMON_TYPES: &[&str] = &[
    "Bool", "Data", "Double", "Float", "Int", "Int32", "Int64", "String", "UInt", "UInt32",
    "UInt64",
];

const SPECIAL_VARIABLES: &[&str] = &["__COLUMN__", "__FILE__", "__FUNCTION__", "__LINE__"];

/// Type names that get a `Message` / `Enum` / `Oneof` suffix, besides keywords, common types
/// and special variables.
const RESERVED_TYPE_NAMES: &[&str] = &[
    "SwiftProtobuf",
    "Extensions",
    "protoMessageName",
    "decodeMessage",
    "traverse",
    "isInitialized",
    "unknownFields",
    "debugDescription",
    "description",
    "dynamicType",
    "hashValue",
    "Type",
    "Protocol",
    "Swift",
    "Equatable",
    "Hashable",
    "Sendable",
];

/// Property names that get `_p`, besides common types and special variables.
const RESERVED_FIELD_NAMES: &[&str] = &[
    "isInitialized",
    "unknownFields",
    "debugDescription",
    "description",
    "dynamicType",
    "hashValue",
    "init",
    "self",
    "Type",
    "Protocol",
];

/// Enum case names that get a `_` (they would shadow members every enum has).
const RESERVED_ENUM_CASES: &[&str] = &[
    "allCases",
    "debugDescription",
    "description",
    "dynamicType",
    "hashValue",
    "init",
    "rawValue",
    "self",
];

/// The case protoc-gen-swift adds to open (proto3) enums for numbers the schema does not name.
pub const UNRECOGNIZED: &str = "UNRECOGNIZED";

/// Words written in capitals inside a camel-cased name.
const ABBREVIATIONS: &[&str] = &["url", "http", "https", "id"];

/// Swift names of one file.
#[derive(Debug, Clone)]
pub struct SwiftFile {
    /// The file this plugin writes: `dir/name.vsco.swift` (after `FileNaming`).
    pub output: String,
}

/// Swift names of one field.
#[derive(Debug, Clone)]
pub struct SwiftField {
    /// The property, as written after `m.` (`` `class` ``, `description_p`, `userID`).
    pub property: String,
    /// `hasX`, for fields with presence outside oneofs.
    pub has: Option<String>,
    /// The oneof case, as written after `.` in a pattern (`.login`, `.class`), for members.
    pub case: Option<String>,
}

/// Swift names of one oneof.
#[derive(Debug, Clone)]
pub struct SwiftOneof {
    /// The optional enum property: `body`.
    pub property: String,
    /// The enum protoc-gen-swift declares for it: `Telemetry_V1_Event.OneOf_Body`.
    pub enum_type: String,
    /// The setter this plugin adds to the envelope for any message member: `setBody`.
    pub setter: String,
    /// The member protocol's method that sets a member into an envelope: `setAsBody`.
    pub member_method: String,
    /// The protocol its message members conform to: `Telemetry_V1_EventBodyMember`. `None`
    /// when a message type is two of its members or no member is a message.
    pub member_protocol: Option<String>,
}

/// Swift names of one enum's values.
#[derive(Debug, Clone)]
pub struct SwiftEnum {
    /// Per value (the schema's order): the case as written after `.` (`ios`, `default`,
    /// `foo_1`), or `None` for an alias of an earlier value (protoc-gen-swift makes those
    /// `static let`s, not cases).
    pub cases: Vec<Option<String>>,
    /// The enum is open (proto3): it has the case [`UNRECOGNIZED`]`(Int)`.
    pub open: bool,
}

/// Swift names of a whole schema, indexed like the schema's arenas.
#[derive(Debug, Clone)]
pub struct SwiftNames {
    pub files: Vec<SwiftFile>,
    /// The full Swift type name (`Telemetry_V1_Event.Device`); empty for map entries.
    pub messages: Vec<String>,
    pub enums: Vec<String>,
    /// Per enum, its values' cases.
    pub enum_cases: Vec<SwiftEnum>,
    /// Per message, per field (the schema's order).
    pub fields: Vec<Vec<SwiftField>>,
    /// Per message, per oneof.
    pub oneofs: Vec<Vec<SwiftOneof>>,
}

/// protoc-gen-swift's `CamelCaser.transform`: words break at `_`, before an uppercase run and
/// into or out of digits (not between an uppercase and a following lowercase letter); every
/// word but a lowerCamel name's first is capitalised, abbreviations fully; doubled and
/// trailing underscores are kept; a leading digit gets a `_`.
pub fn camel(s: &str, initial_upper: bool) -> String {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Digit,
        Lower,
        Upper,
        Underscore,
        Other,
    }
    fn add(result: &mut String, current: &mut String, initial_upper: bool) {
        if current.is_empty() {
            return;
        }
        if result.is_empty() && !initial_upper {
            result.push_str(current);
        } else if ABBREVIATIONS.contains(&current.as_str()) {
            result.push_str(&current.to_ascii_uppercase());
        } else {
            let mut chars = current.chars();
            if let Some(first) = chars.next() {
                result.push(first.to_ascii_uppercase());
                result.push_str(chars.as_str());
            }
        }
        current.clear();
    }
    let mut result = String::new();
    let mut current = String::new();
    let mut last = Class::Other;
    for c in s.chars() {
        let class = match c {
            '0'..='9' => Class::Digit,
            'a'..='z' => Class::Lower,
            'A'..='Z' => Class::Upper,
            '_' => Class::Underscore,
            _ => Class::Other,
        };
        match class {
            Class::Digit => {
                if last != Class::Digit {
                    add(&mut result, &mut current, initial_upper);
                }
                if result.is_empty() {
                    result.push('_');
                }
                current.push(c);
            }
            Class::Upper => {
                if last != Class::Upper {
                    add(&mut result, &mut current, initial_upper);
                }
                current.push(c.to_ascii_lowercase());
            }
            Class::Lower => {
                if last != Class::Lower && last != Class::Upper {
                    add(&mut result, &mut current, initial_upper);
                }
                current.push(c);
            }
            Class::Underscore => {
                add(&mut result, &mut current, initial_upper);
                if last == Class::Underscore {
                    result.push('_');
                }
            }
            // Proto identifiers hold only ASCII letters, digits and `_`.
            Class::Other => {
                add(&mut result, &mut current, initial_upper);
                current.push(c);
            }
        }
        last = class;
    }
    add(&mut result, &mut current, initial_upper);
    if last == Class::Underscore {
        result.push('_');
    }
    result
}

fn all_underscores(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c == '_')
}

/// `b[i]` is an ASCII uppercase letter.
fn upper_at(b: &str, i: usize) -> bool {
    b.as_bytes().get(i).is_some_and(u8::is_ascii_uppercase)
}

/// protoc-gen-swift's `sanitize(fieldName:basedOn:)`.
fn sanitize_field(s: &str, base: &str) -> String {
    if (base.starts_with("clear") && upper_at(base, 5))
        || (base.starts_with("has") && upper_at(base, 3))
        || RESERVED_FIELD_NAMES.contains(&base)
        || COMMON_TYPES.contains(&base)
        || SPECIAL_VARIABLES.contains(&base)
    {
        return format!("{s}_p");
    }
    if base == s && KEYWORDS.contains(&base) {
        return format!("`{s}`");
    }
    if all_underscores(base) {
        return format!("{s}__");
    }
    s.to_string()
}

/// protoc-gen-swift's `sanitize(enumCaseName:)` as its `dottedRelativeName` writes it: without
/// the backticks it puts around keywords, since cases are written after a `.`, where Swift
/// takes keywords as they are.
fn sanitize_case(s: &str) -> String {
    if RESERVED_ENUM_CASES.contains(&s) {
        format!("{s}_")
    } else if all_underscores(s) {
        format!("{s}__")
    } else {
        s.to_string()
    }
}

/// protoc-gen-swift's `PrefixStripper`: `name` without the enum's name in front (letters
/// compared without case, `_` skipped on both sides), when what is left starts with a letter;
/// `None` when it cannot be stripped.
fn strip_enum_prefix(prefix: &str, name: &str) -> Option<String> {
    let wanted: Vec<u8> = prefix
        .bytes()
        .filter(|&b| b != b'_')
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let from = name.as_bytes();
    let mut at = 0;
    for &c in &wanted {
        while from.get(at) == Some(&b'_') {
            at += 1;
        }
        if from.get(at)?.to_ascii_lowercase() != c {
            return None;
        }
        at += 1;
    }
    while from.get(at) == Some(&b'_') {
        at += 1;
    }
    // Nothing left, or a digit next (its case would need a `_` in front): kept whole.
    if !from.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    name.get(at..).map(str::to_string)
}

/// The cases of `e`'s values, as `SwiftProtobufNamer.computeRelativeNames` makes them: each
/// value's name with the enum's name stripped, in lowerCamelCase; values of different
/// numbers that meet get `_<number>` (`_n<number>` below zero).
fn enum_cases(e: &Enum, open: bool) -> SwiftEnum {
    SwiftEnum {
        cases: cases_of(&e.name, &e.values),
        open,
    }
}

/// The cases of the values of the enum `name` (see [`enum_cases`]).
fn cases_of(name: &str, values: &[EnumValue]) -> Vec<Option<String>> {
    let candidates: Vec<String> = values
        .iter()
        .map(|v| {
            camel(
                &strip_enum_prefix(name, &v.name).unwrap_or(v.name.clone()),
                false,
            )
        })
        .collect();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let first = values.iter().position(|w| w.number == v.number);
            if first != Some(i) {
                return None;
            }
            let meets_other_number = values
                .iter()
                .zip(&candidates)
                .any(|(w, c)| *c == candidates[i] && w.number != v.number);
            Some(if meets_other_number {
                let n = v.number;
                let suffix = if n >= 0 {
                    format!("_{n}")
                } else {
                    format!("_n{}", -i64::from(n))
                };
                sanitize_case(&format!("{}{suffix}", candidates[i]))
            } else {
                sanitize_case(&candidates[i])
            })
        })
        .collect()
}

/// protoc-gen-swift's `sanitizeTypeName`: reserved names get `suffix` (`Message`, `Enum`).
fn sanitize_type(s: &str, suffix: &str) -> String {
    if RESERVED_TYPE_NAMES.contains(&s)
        || KEYWORDS.contains(&s)
        || COMMON_TYPES.contains(&s)
        || SPECIAL_VARIABLES.contains(&s)
        || all_underscores(s)
    {
        return format!("{s}{suffix}");
    }
    if let Some(stem) = s.strip_suffix(suffix) {
        return format!("{}{suffix}", sanitize_type(stem, suffix));
    }
    s.to_string()
}

/// The prefix of a file's top-level type names: `swift_prefix` as written when set, else the
/// package with each word capitalised, `.` as `_`, `_` dropped, and a trailing `_`.
fn type_prefix(package: &str, swift_prefix: Option<&str>) -> String {
    if let Some(prefix) = swift_prefix {
        return prefix.to_string();
    }
    if package.is_empty() {
        return String::new();
    }
    let mut out = String::new();
    let mut upper = true;
    for c in package.chars() {
        match c {
            '_' => upper = true,
            '.' => {
                upper = true;
                out.push('_');
            }
            _ => {
                if out.is_empty() && c.is_ascii_digit() {
                    out.push('_');
                }
                out.push(if upper { c.to_ascii_uppercase() } else { c });
                upper = false;
            }
        }
    }
    out.push('_');
    out
}

/// The file this plugin writes for `name` (`dir/file.proto`), beside protoc-gen-swift's
/// `dir/file.pb.swift`.
fn output_path(name: &str, naming: SwiftFileNaming) -> String {
    let (dir, file) = match name.rfind('/') {
        Some(i) => (&name[..=i], &name[i + 1..]),
        None => ("", name),
    };
    let base = match file.rfind('.') {
        Some(i) => &file[..i],
        None => file,
    };
    match naming {
        SwiftFileNaming::FullPath => format!("{dir}{base}.vsco.swift"),
        SwiftFileNaming::PathToUnderscores => {
            format!("{}{base}.vsco.swift", dir.replace('/', "_"))
        }
        SwiftFileNaming::DropPath => format!("{base}.vsco.swift"),
    }
}

impl SwiftNames {
    /// Resolves the Swift names of every file, message, enum, field and oneof.
    pub fn build(
        schema: &Schema,
        protos: &[FileDescriptorProto],
        naming: SwiftFileNaming,
    ) -> SwiftNames {
        let prefixes: Vec<String> = (0..schema.files.len())
            .map(|id| {
                let swift_prefix = protos
                    .get(id)
                    .and_then(|p| p.options.as_ref())
                    .and_then(|o| o.swift_prefix.as_deref());
                type_prefix(&schema.files[id].package, swift_prefix)
            })
            .collect();
        let files = schema
            .files
            .iter()
            .map(|f| SwiftFile {
                output: output_path(&f.name, naming),
            })
            .collect();
        // Parents come before their nested types in the arena.
        let mut messages: Vec<String> = Vec::with_capacity(schema.messages.len());
        for m in &schema.messages {
            let name = if m.map_entry {
                String::new()
            } else {
                match m.parent {
                    Some(p) => format!("{}.{}", messages[p], sanitize_type(&m.name, "Message")),
                    None => sanitize_type(&format!("{}{}", prefixes[m.file], m.name), "Message"),
                }
            };
            messages.push(name);
        }
        let enums = schema
            .enums
            .iter()
            .map(|e| match e.parent {
                Some(p) => format!("{}.{}", messages[p], sanitize_type(&e.name, "Enum")),
                None => sanitize_type(&format!("{}{}", prefixes[e.file], e.name), "Enum"),
            })
            .collect();
        let enum_cases = schema
            .enums
            .iter()
            .map(|e| enum_cases(e, schema.files[e.file].syntax == Syntax::Proto3))
            .collect();
        let fields = schema
            .messages
            .iter()
            .map(|m| {
                m.fields
                    .iter()
                    .map(|f| {
                        // A group's properties are named after its type.
                        let base = match f.ty {
                            FieldType::Group(t) => schema.messages[t].name.as_str(),
                            _ => f.name.as_str(),
                        };
                        let lower = camel(base, false);
                        let upper = camel(base, true);
                        let presence = f.oneof.is_none()
                            && !matches!(
                                f.cardinality,
                                Cardinality::Implicit
                                    | Cardinality::Repeated
                                    | Cardinality::Map { .. }
                            );
                        SwiftField {
                            property: sanitize_field(&lower, &lower),
                            has: presence.then(|| sanitize_field(&format!("has{upper}"), &lower)),
                            case: f
                                .oneof
                                .map(|_| sanitize_field(&format!(".{lower}"), &lower)),
                        }
                    })
                    .collect()
            })
            .collect();
        let mut taken: Vec<String> = Vec::new();
        let oneofs = schema
            .messages
            .iter()
            .enumerate()
            .map(|(id, m)| {
                m.oneofs
                    .iter()
                    .map(|o| {
                        let lower = camel(&o.name, false);
                        let upper = camel(&o.name, true);
                        let types: Vec<MessageId> = o
                            .fields
                            .iter()
                            .filter_map(|&i| match m.fields[i].ty {
                                FieldType::Message(t) => Some(t),
                                _ => None,
                            })
                            .collect();
                        let distinct = types
                            .iter()
                            .enumerate()
                            .all(|(i, t)| !types[..i].contains(t));
                        let member_protocol = (!types.is_empty() && distinct).then(|| {
                            let mut name =
                                format!("{}{upper}Member", messages[id].replace('.', "_"));
                            while taken.contains(&name) || messages.contains(&name) {
                                name.push('_');
                            }
                            taken.push(name.clone());
                            name
                        });
                        SwiftOneof {
                            property: sanitize_field(&lower, &lower),
                            enum_type: format!(
                                "{}.{}",
                                messages[id],
                                sanitize_type(&format!("OneOf_{upper}"), "Oneof")
                            ),
                            setter: format!("set{upper}"),
                            member_method: format!("setAs{upper}"),
                            member_protocol,
                        }
                    })
                    .collect()
            })
            .collect();
        SwiftNames {
            files,
            messages,
            enums,
            enum_cases,
            fields,
            oneofs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_as_protoc_gen_swift() {
        let cases = [
            ("foo_bar", "fooBar", "FooBar"),
            ("url", "url", "URL"),
            ("id", "id", "ID"),
            ("url_id", "urlID", "URLID"),
            ("user_id", "userID", "UserID"),
            ("trace_id", "traceID", "TraceID"),
            ("http_url", "httpURL", "HTTPURL"),
            ("user_ids", "userIds", "UserIds"),
            ("HTTPServer", "httpserver", "Httpserver"),
            ("MyURLField", "myUrlfield", "MyUrlfield"),
            ("FOO_BAR", "fooBar", "FooBar"),
            ("foo2bar", "foo2Bar", "Foo2Bar"),
            ("foo_1", "foo1", "Foo1"),
            ("v2_id", "v2ID", "V2ID"),
            ("a1b2", "a1B2", "A1B2"),
            ("_foo", "foo", "Foo"),
            ("__foo", "_Foo", "_Foo"),
            ("foo__bar", "foo_Bar", "Foo_Bar"),
            ("foo_", "foo_", "Foo_"),
            ("_1", "_1", "_1"),
        ];
        for (input, lower, upper) in cases {
            assert_eq!(camel(input, false), lower, "{input}");
            assert_eq!(camel(input, true), upper, "{input}");
        }
    }

    #[test]
    fn properties_keywords_and_reserved_names() {
        let property = |name: &str| {
            let lower = camel(name, false);
            sanitize_field(&lower, &lower)
        };
        assert_eq!(property("class"), "`class`");
        assert_eq!(property("description"), "description_p");
        assert_eq!(property("self"), "self_p");
        assert_eq!(property("has_foo"), "hasFoo_p");
        assert_eq!(property("clear_value"), "clearValue_p");
        assert_eq!(property("hash"), "hash");
        assert_eq!(property("type"), "type");
        assert_eq!(property("_"), "___");
        let lower = camel("class", false);
        assert_eq!(sanitize_field(".class", &lower), ".class");
        assert_eq!(sanitize_field("hasClass", &lower), "hasClass");
        let lower = camel("description", false);
        assert_eq!(sanitize_field("hasDescription", &lower), "hasDescription_p");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_prefix("foo.bar_baz", None), "Foo_BarBaz_");
        assert_eq!(type_prefix("FOO.barBaz", None), "FOO_BarBaz_");
        assert_eq!(type_prefix("_1foo", None), "_1foo_");
        assert_eq!(type_prefix("telemetry.v1", None), "Telemetry_V1_");
        assert_eq!(type_prefix("a.b", Some("")), "");
        assert_eq!(type_prefix("a.b", Some("XY")), "XY");
        assert_eq!(sanitize_type("Type", "Message"), "TypeMessage");
        assert_eq!(
            sanitize_type("TypeMessage", "Message"),
            "TypeMessageMessage"
        );
        assert_eq!(sanitize_type("FooMessage", "Message"), "FooMessage");
        assert_eq!(sanitize_type("Message", "Message"), "Message");
        assert_eq!(sanitize_type("String", "Enum"), "StringEnum");
        // Oneof enums: `OneOf_` and the upper camel name; a name ending in `Oneof` keeps it.
        assert_eq!(
            sanitize_type(&format!("OneOf_{}", camel("my_oneof", true)), "Oneof"),
            "OneOf_MyOneof"
        );
        assert_eq!(
            sanitize_type(&format!("OneOf_{}", camel("body", true)), "Oneof"),
            "OneOf_Body"
        );
    }

    #[test]
    fn enum_cases_as_protoc_gen_swift() {
        assert_eq!(
            strip_enum_prefix("Platform", "PLATFORM_IOS").as_deref(),
            Some("IOS")
        );
        assert_eq!(
            strip_enum_prefix("FooBar", "foo_bar__baz").as_deref(),
            Some("baz")
        );
        assert_eq!(
            strip_enum_prefix("Tricky", "TrickyFoo").as_deref(),
            Some("Foo")
        );
        // A digit next, nothing left, or another prefix: kept whole.
        assert_eq!(strip_enum_prefix("Tricky", "TRICKY_2D"), None);
        assert_eq!(strip_enum_prefix("Tricky", "TRICKY"), None);
        assert_eq!(strip_enum_prefix("Tricky", "OTHER_X"), None);
        let value = |name: &str, number| EnumValue {
            name: name.into(),
            number,
            rust_variant: None,
            deprecated: false,
            comments: Default::default(),
        };
        let values = [
            value("TRICKY_UNSPECIFIED", 0),
            value("TRICKY_FOO", 1),
            value("TrickyFoo", 2),
            value("TRICKY_ALIAS", 1),
            value("FOO", 1),
            value("TRICKY_MINUS", -2),
            value("MINUS", -3),
            value("TRICKY_RAW_VALUE", 4),
            value("TRICKY_DEFAULT", 5),
            value("TRICKY_2D", 6),
        ];
        let expected = [
            Some("unspecified"),
            // `foo` from three values of two numbers: each number's case says its number.
            Some("foo_1"),
            Some("foo_2"),
            None,
            None,
            Some("minus_n2"),
            Some("minus_n3"),
            Some("rawValue_"),
            Some("default"),
            Some("tricky2D"),
        ];
        assert_eq!(
            cases_of("Tricky", &values),
            expected.map(|c| c.map(str::to_string))
        );
    }

    #[test]
    fn output_paths() {
        let name = "foo/bar.proto";
        assert_eq!(
            output_path(name, SwiftFileNaming::FullPath),
            "foo/bar.vsco.swift"
        );
        assert_eq!(
            output_path(name, SwiftFileNaming::PathToUnderscores),
            "foo_bar.vsco.swift"
        );
        assert_eq!(
            output_path(name, SwiftFileNaming::DropPath),
            "bar.vsco.swift"
        );
        assert_eq!(
            output_path("a/b.c.proto", SwiftFileNaming::FullPath),
            "a/b.c.vsco.swift"
        );
    }
}

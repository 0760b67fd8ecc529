//! Static schema metadata emitted by protoc-gen-prost-vsco for every message and enum.
//!
//! The tables are `const` data compiled into the user's crate: reading them costs a pointer
//! dereference, never a descriptor pool lookup.

/// The protobuf type of a field (for maps: of the value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Double,
    Float,
    Int64,
    Uint64,
    Int32,
    Fixed64,
    Fixed32,
    Bool,
    String,
    Bytes,
    Uint32,
    Sfixed32,
    Sfixed64,
    Sint32,
    Sint64,
    /// An enum, with its static description.
    Enum(&'static EnumInfo),
    /// A message, by fully qualified proto name without the leading dot.
    Message(&'static str),
    /// A proto2 group, by fully qualified proto name of its message type.
    Group(&'static str),
}

impl Kind {
    /// The name used for this kind in `.proto` files (`int64`, `string`, ...); for enums,
    /// messages and groups, the full type name.
    pub const fn proto_name(&self) -> &'static str {
        match self {
            Kind::Double => "double",
            Kind::Float => "float",
            Kind::Int64 => "int64",
            Kind::Uint64 => "uint64",
            Kind::Int32 => "int32",
            Kind::Fixed64 => "fixed64",
            Kind::Fixed32 => "fixed32",
            Kind::Bool => "bool",
            Kind::String => "string",
            Kind::Bytes => "bytes",
            Kind::Uint32 => "uint32",
            Kind::Sfixed32 => "sfixed32",
            Kind::Sfixed64 => "sfixed64",
            Kind::Sint32 => "sint32",
            Kind::Sint64 => "sint64",
            Kind::Enum(info) => info.full_name,
            Kind::Message(name) | Kind::Group(name) => name,
        }
    }

    /// The kind for error messages: `int32`, `enum acme.v1.Status`, `message acme.v1.Device`.
    pub fn describe(&self) -> String {
        match self {
            Kind::Enum(info) => format!("enum {}", info.full_name),
            Kind::Message(name) => format!("message {name}"),
            Kind::Group(name) => format!("group {name}"),
            other => other.proto_name().to_string(),
        }
    }

    /// True for message and group kinds.
    pub const fn is_message(&self) -> bool {
        matches!(self, Kind::Message(_) | Kind::Group(_))
    }
}

/// How many values a field holds and how its presence is tracked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cardinality {
    /// A proto3 field without `optional`: no presence, the default value means "unset".
    Implicit,
    /// A field with explicit presence: proto2 `optional`, proto3 `optional`, message fields
    /// and oneof members.
    Optional,
    /// A proto2 `required` field.
    Required,
    /// A `repeated` field.
    Repeated,
    /// A `map<K, V>` field; the field's [`Kind`] is the value's, this is the key's.
    Map(Kind),
}

/// Options set on a field with `(prost_vsco.field)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldOptions {
    /// The key a legacy JSON API uses for the field.
    pub legacy_key: Option<&'static str>,
    /// Further keys accepted on input.
    pub aliases: &'static [&'static str],
    /// The key used in vendor property maps.
    pub vendor_key: Option<&'static str>,
    /// The field holds personal data.
    pub pii: bool,
    /// The field is left out of maps.
    pub omit_from_map: bool,
    /// JSON forms of the field's values chosen for it (`json_*` options, or the plugin's
    /// `json_format` parameter), over [`JsonOptions`](crate::json::JsonOptions)' switches.
    pub json: crate::json::FieldFormat,
}

impl FieldOptions {
    /// No option set.
    pub const NONE: FieldOptions = FieldOptions {
        legacy_key: None,
        aliases: &[],
        vendor_key: None,
        pii: false,
        omit_from_map: false,
        json: crate::json::FieldFormat::NONE,
    };
}

/// Static description of one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FieldInfo {
    /// The name in the `.proto` file.
    pub name: &'static str,
    /// The JSON name (`json_name` option, or lowerCamelCase of the name).
    pub json_name: &'static str,
    /// The field number.
    pub number: u32,
    pub kind: Kind,
    pub cardinality: Cardinality,
    /// Index into [`MessageInfo::oneofs`] when the field is a member of a real oneof.
    pub oneof: Option<usize>,
    /// The proto2 `default` as written in the `.proto` file.
    pub default: Option<&'static str>,
    /// For `bytes` fields with a proto2 `default`: the bytes it stands for.
    pub default_bytes: Option<&'static [u8]>,
    pub deprecated: bool,
    pub options: FieldOptions,
    /// Whether `name` and `json_name` need no JSON escaping (computed at compile time by
    /// [`new`](Self::new)), so that the encoder writes them as keys without a scan.
    pub(crate) plain_names: bool,
}

impl FieldInfo {
    /// A field with no oneof, default, deprecation or option; generated tables chain the
    /// `with_*` methods for the rest.
    pub const fn new(
        name: &'static str,
        json_name: &'static str,
        number: u32,
        kind: Kind,
        cardinality: Cardinality,
    ) -> Self {
        FieldInfo {
            name,
            json_name,
            number,
            kind,
            cardinality,
            oneof: None,
            default: None,
            default_bytes: None,
            deprecated: false,
            options: FieldOptions::NONE,
            plain_names: is_plain(name) && is_plain(json_name),
        }
    }

    /// Member of the oneof at `index` in [`MessageInfo::oneofs`].
    pub const fn with_oneof(mut self, index: usize) -> Self {
        self.oneof = Some(index);
        self
    }

    /// The proto2 default as written in the `.proto` file.
    pub const fn with_default(mut self, default: &'static str) -> Self {
        self.default = Some(default);
        self
    }

    /// The unescaped proto2 default of a `bytes` field.
    pub const fn with_default_bytes(mut self, default: &'static [u8]) -> Self {
        self.default_bytes = Some(default);
        self
    }

    /// Marked `deprecated` in the `.proto` file.
    pub const fn with_deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// The field's type as in the `.proto` file: `int32`, `repeated string`,
    /// `map<string, int64>`, `message acme.v1.Device`.
    pub fn type_name(&self) -> String {
        match self.cardinality {
            Cardinality::Repeated => format!("repeated {}", self.kind.describe()),
            Cardinality::Map(key) => {
                format!("map<{}, {}>", key.proto_name(), self.kind.describe())
            }
            _ => self.kind.describe(),
        }
    }

    /// Options set with `(prost_vsco.field)`.
    pub const fn with_options(mut self, options: FieldOptions) -> Self {
        self.options = options;
        self
    }

    /// Whether the field tracks presence (`has` is meaningful for a default value).
    #[inline]
    pub const fn has_presence(&self) -> bool {
        matches!(
            self.cardinality,
            Cardinality::Optional | Cardinality::Required
        )
    }
}

/// Static description of a oneof.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OneofInfo {
    pub name: &'static str,
    /// Indexes into [`MessageInfo::fields`] of the members, in declaration order.
    pub fields: &'static [usize],
}

/// Options set on a message with `(prost_vsco.message)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MessageOptions {
    /// The event name when the message is marked as an analytics event.
    pub event_name: Option<&'static str>,
}

impl MessageOptions {
    /// No option set.
    pub const NONE: MessageOptions = MessageOptions { event_name: None };
}

/// Static description of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MessageInfo {
    /// Fully qualified proto name without the leading dot (`acme.v1.Order`).
    pub full_name: &'static str,
    /// Fields in declaration order.
    pub fields: &'static [FieldInfo],
    pub oneofs: &'static [OneofInfo],
    /// Indexes into `fields` in field-number order; empty when that is declaration order.
    pub number_order: &'static [usize],
    /// Each field's place among the fields' proto names in byte order (`name_ranks[i]` for
    /// field `i`); empty when that is declaration order. `to_map` puts its keys in order with
    /// it instead of comparing them.
    pub name_ranks: &'static [u32],
    /// The same for JSON names; empty when the same as `name_ranks`.
    pub json_ranks: &'static [u32],
    pub deprecated: bool,
    pub options: MessageOptions,
}

impl MessageInfo {
    /// A message with these fields and no oneof, deprecation or option.
    pub const fn new(full_name: &'static str, fields: &'static [FieldInfo]) -> Self {
        MessageInfo {
            full_name,
            fields,
            oneofs: &[],
            number_order: &[],
            name_ranks: &[],
            json_ranks: &[],
            deprecated: false,
            options: MessageOptions::NONE,
        }
    }

    pub const fn with_oneofs(mut self, oneofs: &'static [OneofInfo]) -> Self {
        self.oneofs = oneofs;
        self
    }

    /// Field indexes in number order, when declaration order differs.
    pub const fn with_number_order(mut self, order: &'static [usize]) -> Self {
        self.number_order = order;
        self
    }

    /// Each field's place in proto-name order, when declaration order differs.
    pub const fn with_name_ranks(mut self, ranks: &'static [u32]) -> Self {
        self.name_ranks = ranks;
        self
    }

    /// Each field's place in JSON-name order, when it differs from proto-name order.
    pub const fn with_json_ranks(mut self, ranks: &'static [u32]) -> Self {
        self.json_ranks = ranks;
        self
    }

    pub const fn with_deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }

    /// Options set with `(prost_vsco.message)`.
    pub const fn with_options(mut self, options: MessageOptions) -> Self {
        self.options = options;
        self
    }

    /// The message name without its package and parents.
    pub fn name(&self) -> &'static str {
        match self.full_name.rfind('.') {
            Some(dot) => &self.full_name[dot + 1..],
            None => self.full_name,
        }
    }

    /// The field with this proto name.
    pub fn field_by_name(&self, name: &str) -> Option<&'static FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The field with this JSON name.
    pub fn field_by_json_name(&self, json_name: &str) -> Option<&'static FieldInfo> {
        self.fields.iter().find(|f| f.json_name == json_name)
    }

    /// The field with this number.
    pub fn field_by_number(&self, number: u32) -> Option<&'static FieldInfo> {
        self.fields.iter().find(|f| f.number == number)
    }

    /// Index into `fields` of the field with this number.
    #[inline]
    pub fn index_of_number(&self, number: u32) -> Option<usize> {
        self.fields.iter().position(|f| f.number == number)
    }

    /// The index into `fields` of the field with this number, searched from `from` on (then
    /// from the start): walks that visit fields in number order, which is declaration order
    /// in most messages, pass the index after the last one found, and the search usually
    /// stops at once. (A `&FieldInfo` cannot be located by address: a `const` table may have
    /// several copies.)
    #[inline]
    pub(crate) fn index_near(&self, number: u32, from: usize) -> Option<usize> {
        let fields = self.fields;
        (from..fields.len())
            .chain(0..from.min(fields.len()))
            .find(|&i| fields[i].number == number)
    }

    /// The index into `fields` of the `n`th field in number order.
    #[inline]
    pub fn nth_by_number(&self, n: usize) -> Option<usize> {
        if self.number_order.is_empty() {
            (n < self.fields.len()).then_some(n)
        } else {
            self.number_order.get(n).copied()
        }
    }
}

/// Static description of an enum value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnumValueInfo {
    pub name: &'static str,
    pub number: i32,
    pub deprecated: bool,
}

/// Static description of an enum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnumInfo {
    /// Fully qualified proto name without the leading dot.
    pub full_name: &'static str,
    /// Values in declaration order, aliases included.
    pub values: &'static [EnumValueInfo],
}

impl EnumValueInfo {
    pub const fn new(name: &'static str, number: i32) -> Self {
        EnumValueInfo {
            name,
            number,
            deprecated: false,
        }
    }

    pub const fn with_deprecated(mut self) -> Self {
        self.deprecated = true;
        self
    }
}

impl OneofInfo {
    pub const fn new(name: &'static str, fields: &'static [usize]) -> Self {
        OneofInfo { name, fields }
    }
}

impl EnumInfo {
    pub const fn new(full_name: &'static str, values: &'static [EnumValueInfo]) -> Self {
        EnumInfo { full_name, values }
    }

    /// The first value declared with this number.
    pub fn value_by_number(&self, number: i32) -> Option<&'static EnumValueInfo> {
        self.values.iter().find(|v| v.number == number)
    }

    /// The value with this proto name.
    pub fn value_by_name(&self, name: &str) -> Option<&'static EnumValueInfo> {
        self.values.iter().find(|v| v.name == name)
    }
}

/// Implemented by every message type generated with protoc-gen-prost-vsco.
pub trait MessageMeta {
    /// The message's static description.
    const INFO: &'static MessageInfo;
}

/// Implemented by every enum type generated with protoc-gen-prost-vsco.
pub trait EnumMeta {
    /// The enum's static description.
    const INFO: &'static EnumInfo;
}

/// Whether JSON strings must escape `b`: `"`, `\\` and control characters (the JSON
/// writer's scan tables are built from it).
pub(crate) const fn needs_json_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether `s` can be written between quotes as it is; a `const fn`, so that field tables
/// record it for their names at compile time ([`FieldInfo::plain_names`]).
const fn is_plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if needs_json_escape(bytes[i]) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_flags_keys_that_need_escaping() {
        let field = |json| FieldInfo::new("a_b", json, 1, Kind::Int32, Cardinality::Implicit);
        assert!(field("aB").plain_names);
        assert!(field("a b!#[]\u{7f}é").plain_names);
        for bad in ["a\"b", "a\\b", "a\nb", "\u{1f}"] {
            assert!(!field(bad).plain_names, "{bad:?}");
        }
        const BUILT_AT_COMPILE_TIME: FieldInfo =
            FieldInfo::new("q\"", "q", 1, Kind::Int32, Cardinality::Implicit);
        const { assert!(!BUILT_AT_COMPILE_TIME.plain_names) };
    }

    const TAG: EnumInfo = EnumInfo::new("a.Tag", &[EnumValueInfo::new("X", 0)]);
    const FIELDS: &[FieldInfo] = &[
        FieldInfo::new("user_id", "userId", 1, Kind::String, Cardinality::Implicit),
        FieldInfo::new("text", "text", 2, Kind::String, Cardinality::Optional).with_oneof(0),
        FieldInfo::new(
            "tags",
            "tags",
            3,
            Kind::Enum(&TAG),
            Cardinality::Map(Kind::Int64),
        )
        .with_default("X")
        .with_deprecated(),
    ];
    const INFO: MessageInfo = MessageInfo::new("a.b.Msg", FIELDS)
        .with_oneofs(&[OneofInfo::new("body", &[1])])
        .with_options(MessageOptions {
            event_name: Some("msg"),
        });

    #[test]
    fn lookups_by_name_json_name_and_number() {
        assert_eq!(INFO.name(), "Msg");
        assert_eq!(INFO.field_by_name("user_id").map(|f| f.number), Some(1));
        assert_eq!(INFO.field_by_json_name("userId").map(|f| f.number), Some(1));
        assert!(INFO.field_by_json_name("user_id").is_none());
        assert_eq!(INFO.field_by_number(3).map(|f| f.name), Some("tags"));
        assert!(INFO.field_by_number(4).is_none());
        assert_eq!(INFO.oneofs[0].fields, &[1]);
        assert_eq!(INFO.options.event_name, Some("msg"));
    }

    #[test]
    fn builders_set_only_what_they_name() {
        let f = &FIELDS[2];
        assert_eq!(f.default, Some("X"));
        assert!(f.deprecated);
        assert_eq!(f.oneof, None);
        assert_eq!(f.options, FieldOptions::NONE);
        assert!(FIELDS[1].has_presence());
        assert!(!FIELDS[0].has_presence());
        assert_eq!(f.kind.proto_name(), "a.Tag");
        assert!(Kind::Group("a.G").is_message());
    }

    #[test]
    fn enum_lookups_keep_the_first_alias() {
        const E: EnumInfo = EnumInfo::new(
            "a.E",
            &[
                EnumValueInfo::new("A", 0),
                EnumValueInfo::new("B", 1),
                EnumValueInfo::new("B_ALIAS", 1).with_deprecated(),
            ],
        );
        assert_eq!(E.value_by_number(1).map(|v| v.name), Some("B"));
        assert_eq!(E.value_by_name("B_ALIAS").map(|v| v.deprecated), Some(true));
        assert!(E.value_by_number(7).is_none());
    }
}

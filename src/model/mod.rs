//! The resolved schema: every file, message, field, enum and oneof of a request in one arena,
//! with everything emitters need computed once (Rust names and paths exactly as prost-build 0.14
//! writes them, JSON names, presence, comments, custom options).

pub mod java;
pub mod json;
pub mod names;
pub mod options;
pub mod redact;
mod rust;
pub mod swift;
pub mod vendor;

use std::collections::HashMap;

use prost_types::field_descriptor_proto::{Label, Type};
use prost_types::{
    DescriptorProto, EnumDescriptorProto, FieldDescriptorProto, FileDescriptorProto, SourceCodeInfo,
};

use crate::error::Error;
use crate::params::Params;
use names::{ExternPaths, path_matches, strip_enum_prefix, to_snake, to_upper_camel};
use options::{RawField, RawMessage, RawRequest};

pub type FileId = usize;
pub type MessageId = usize;
pub type EnumId = usize;

/// The resolved schema of one request.
#[derive(Debug, Clone)]
pub struct Schema {
    pub files: Vec<File>,
    pub messages: Vec<Message>,
    pub enums: Vec<Enum>,
    by_file_name: HashMap<String, FileId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Proto2,
    Proto3,
}

#[derive(Debug, Clone)]
pub struct File {
    /// Path of the `.proto` file as protoc names it (`acme/v1/order.proto`).
    pub name: String,
    /// Proto package, empty when the file has none.
    pub package: String,
    pub syntax: Syntax,
    /// Every message of the file, nested ones included, in prost's order; no map entries.
    pub messages: Vec<MessageId>,
    /// Every enum of the file, nested ones included, in prost's order.
    pub enums: Vec<EnumId>,
}

/// Comments attached to an element in the `.proto` source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    pub leading_detached: Vec<String>,
    pub leading: Option<String>,
    pub trailing: Option<String>,
}

impl Comments {
    /// Leading then trailing comment, the text documentation of the element.
    pub fn doc_lines(&self) -> Vec<&str> {
        let mut lines = Vec::new();
        for text in [&self.leading, &self.trailing].into_iter().flatten() {
            if !lines.is_empty() {
                lines.push("");
            }
            lines.extend(text.trim_end_matches('\n').split('\n'));
        }
        lines
    }
}

/// Where a Rust type lives relative to its package module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RustPath {
    /// `pub mod` segments inside the package module (snake case of the parents).
    pub modules: Vec<String>,
    /// The type's identifier.
    pub ident: String,
}

impl RustPath {
    /// `parent_a::parent_b::Ident`.
    pub fn to_path_string(&self) -> String {
        let mut s = String::new();
        for m in &self.modules {
            s.push_str(m);
            s.push_str("::");
        }
        s.push_str(&self.ident);
        s
    }
}

#[derive(Debug, Clone)]
pub struct Message {
    /// Fully qualified name without the leading dot.
    pub full_name: String,
    pub name: String,
    pub file: FileId,
    pub parent: Option<MessageId>,
    pub rust: RustPath,
    /// The Rust path given by `extern_path` when prost does not generate the type.
    pub external: Option<String>,
    pub map_entry: bool,
    pub fields: Vec<Field>,
    pub oneofs: Vec<Oneof>,
    pub deprecated: bool,
    pub comments: Comments,
    pub options: options::MessageOptions,
    /// The analytics event name when the message is marked as an event (`event_name`, or the
    /// message name in snake_case).
    pub event_name: Option<String>,
    /// The module prost puts the message's nested types in, inside the package module
    /// (`parent::message`; see `model::rust`).
    pub nested_module: String,
}

impl Message {
    /// The indexes of the fields in field-number order: the order of the walks, the
    /// reflection tables and every generated list of fields (declaration order is the
    /// index order of `fields`).
    pub fn number_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.fields.len()).collect();
        order.sort_by_key(|&i| self.fields[i].number);
        order
    }

    /// The fields' places in key order, for `MessageInfo`'s `name_ranks` and `json_ranks`
    /// (see [`KeyRanks`]).
    pub fn key_ranks(&self) -> KeyRanks {
        let fields: Vec<(&str, &str, u32)> = self
            .fields
            .iter()
            .map(|f| (f.name.as_str(), f.json_name.as_str(), f.number))
            .collect();
        KeyRanks::of(&fields)
    }
}

/// Where each field's key falls in key order, which `to_map` uses to put its entries in key
/// order without comparing keys.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyRanks {
    /// By proto name; `None` when declaration order is name order.
    pub names: Option<Vec<u32>>,
    /// By JSON name; `None` when the same as by proto name.
    pub json: Option<Vec<u32>>,
}

impl KeyRanks {
    /// The most fields `to_map` orders by rank (the bits of a `u64` in
    /// `prost_vsco::reflect::message_map`); larger messages get no tables, which would go
    /// unused, and are sorted by key.
    pub const MAX_FIELDS: usize = 64;

    /// The ranks of fields given as `(proto name, JSON name, number)` in declaration order.
    pub fn of(fields: &[(&str, &str, u32)]) -> KeyRanks {
        if fields.len() > Self::MAX_FIELDS {
            return KeyRanks {
                names: None,
                json: None,
            };
        }
        let names = ranks_by(fields, |f| f.0);
        let json = ranks_by(fields, |f| f.1);
        let json = match (&names, json) {
            (names, json) if *names == json => None,
            (_, Some(json)) => Some(json),
            // Names out of declaration order, JSON names in it: the identity, explicitly.
            (_, None) => Some((0..fields.len() as u32).collect()),
        };
        KeyRanks { names, json }
    }
}

/// Each field's place among the fields' keys in byte order (`ranks[i]` for field `i`), equal
/// keys in number order (the order `to_map` visits them, so the last one's value is kept);
/// `None` when that is declaration order.
fn ranks_by<'f>(
    fields: &[(&'f str, &'f str, u32)],
    key: impl Fn(&(&'f str, &'f str, u32)) -> &'f str,
) -> Option<Vec<u32>> {
    let mut order: Vec<usize> = (0..fields.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&fields[a], &fields[b]);
        key(a).cmp(key(b)).then(a.2.cmp(&b.2))
    });
    if order.iter().enumerate().all(|(n, &i)| n == i) {
        return None;
    }
    let mut ranks = vec![0u32; order.len()];
    for (rank, i) in order.into_iter().enumerate() {
        ranks[i] = u32::try_from(rank).unwrap_or(u32::MAX);
    }
    Some(ranks)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
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
}

impl Scalar {
    /// The kind the mobile runtimes fold the type into (their `Kind`: `int32` for `int32`,
    /// `sint32` and `sfixed32`...), in lower case; each language spells it its own way.
    pub fn folded_kind(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::Int32 | Scalar::Sint32 | Scalar::Sfixed32 => "int32",
            Scalar::Uint32 | Scalar::Fixed32 => "uint32",
            Scalar::Int64 | Scalar::Sint64 | Scalar::Sfixed64 => "int64",
            Scalar::Uint64 | Scalar::Fixed64 => "uint64",
            Scalar::Float => "float",
            Scalar::Double => "double",
            Scalar::String => "string",
            Scalar::Bytes => "bytes",
        }
    }

    /// The type's name in `.proto` files.
    pub fn proto_name(self) -> &'static str {
        match self {
            Scalar::Double => "double",
            Scalar::Float => "float",
            Scalar::Int64 => "int64",
            Scalar::Uint64 => "uint64",
            Scalar::Int32 => "int32",
            Scalar::Fixed64 => "fixed64",
            Scalar::Fixed32 => "fixed32",
            Scalar::Bool => "bool",
            Scalar::String => "string",
            Scalar::Bytes => "bytes",
            Scalar::Uint32 => "uint32",
            Scalar::Sfixed32 => "sfixed32",
            Scalar::Sfixed64 => "sfixed64",
            Scalar::Sint32 => "sint32",
            Scalar::Sint64 => "sint64",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    Scalar(Scalar),
    Enum(EnumId),
    Message(MessageId),
    Group(MessageId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cardinality {
    /// proto3 without `optional`: no presence.
    Implicit,
    /// Explicit presence: `Option<T>` in prost, or a oneof member.
    Optional,
    Required,
    Repeated,
    /// `map<key, value>`; the field's type is the value type.
    Map {
        key: Scalar,
        btree: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub json_name: String,
    pub number: u32,
    /// For maps, the value type.
    pub ty: FieldType,
    pub cardinality: Cardinality,
    /// Index into the message's `oneofs` for members of a real oneof.
    pub oneof: Option<usize>,
    pub proto3_optional: bool,
    pub default: Option<String>,
    pub deprecated: bool,
    pub comments: Comments,
    pub options: options::FieldOptions,
    /// JSON forms chosen for the field: its `json_*` options under the `json_format`
    /// parameters (see `model::json`).
    pub json: prost_vsco::json::FieldFormat,
    /// The JSON name as a second key of the reflection, unless another field has it as its
    /// proto name or an earlier field as its JSON name (see `model::rust`).
    pub json_key: Option<String>,
    /// The bytes of a `bytes` field's proto2 default, C escapes undone (see `model::rust`).
    pub default_bytes: Option<Vec<u8>>,
    /// The struct field identifier prost gives it.
    pub rust_ident: String,
    /// The variant identifier prost gives it inside a oneof enum.
    pub rust_variant: String,
    /// prost wraps the value in `Box`.
    pub boxed: bool,
    /// `bytes::Bytes` rather than `Vec<u8>` (for maps: the value's).
    pub bytes_as_bytes: bool,
}

#[derive(Debug, Clone)]
pub struct Oneof {
    pub name: String,
    /// The struct field holding `Option<Enum>`.
    pub rust_field: String,
    /// The enum type, inside the message's module.
    pub rust_type: String,
    /// Indexes into the message's `fields`.
    pub fields: Vec<usize>,
    pub comments: Comments,
    /// The trait the oneof's message members implement, with `From` impls into the oneof
    /// enum; `None` when no member qualifies.
    pub member_trait: Option<MemberTrait>,
}

/// `<Message><Oneof>Member`: a trait for the message types that can be a oneof's value, so
/// that generic code takes `impl Trait` and stores it with `Some(member.into())`.
#[derive(Debug, Clone)]
pub struct MemberTrait {
    /// Unique among the package's top-level names and other member traits (`_` appended
    /// until it is).
    pub name: String,
    /// Indexes into the message's `fields`: the members of a message type that prost gives
    /// a struct and that no other member of the oneof shares (each gets a `From` impl).
    pub members: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Enum {
    pub full_name: String,
    pub name: String,
    pub file: FileId,
    pub parent: Option<MessageId>,
    pub rust: RustPath,
    pub external: Option<String>,
    pub values: Vec<EnumValue>,
    pub deprecated: bool,
    pub comments: Comments,
}

impl Enum {
    /// The first name of each number, in ascending number order (aliases left out): the
    /// rows of the mobile runtimes' enum tables.
    pub fn first_names_by_number(&self) -> Vec<(i32, &str)> {
        let mut values: Vec<(i32, &str)> = Vec::new();
        for v in &self.values {
            if !values.iter().any(|(n, _)| *n == v.number) {
                values.push((v.number, &v.name));
            }
        }
        values.sort_by_key(|(n, _)| *n);
        values
    }
}

/// A well-known message type that the mobile runtimes give a table of their own.
pub struct MobileWellKnown {
    pub full_name: &'static str,
    /// Its constant in the Java runtime's `WellKnownTypes`.
    pub java_constant: &'static str,
}

/// The well-known message types with tables in the mobile runtimes (Java `WellKnownTypes`,
/// Swift `ProstVsco`); fields of the other types of protobuf's own files are refused there.
pub const MOBILE_WELL_KNOWN: &[MobileWellKnown] = &[
    mobile_wkt("google.protobuf.Timestamp", "TIMESTAMP"),
    mobile_wkt("google.protobuf.Duration", "DURATION"),
    mobile_wkt("google.protobuf.Empty", "EMPTY"),
    mobile_wkt("google.protobuf.FieldMask", "FIELD_MASK"),
    mobile_wkt("google.protobuf.Any", "ANY"),
    mobile_wkt("google.protobuf.Struct", "STRUCT"),
    mobile_wkt("google.protobuf.ListValue", "LIST_VALUE"),
    mobile_wkt("google.protobuf.Value", "VALUE"),
    mobile_wkt("google.protobuf.DoubleValue", "DOUBLE_VALUE"),
    mobile_wkt("google.protobuf.FloatValue", "FLOAT_VALUE"),
    mobile_wkt("google.protobuf.Int64Value", "INT64_VALUE"),
    mobile_wkt("google.protobuf.UInt64Value", "UINT64_VALUE"),
    mobile_wkt("google.protobuf.Int32Value", "INT32_VALUE"),
    mobile_wkt("google.protobuf.UInt32Value", "UINT32_VALUE"),
    mobile_wkt("google.protobuf.BoolValue", "BOOL_VALUE"),
    mobile_wkt("google.protobuf.StringValue", "STRING_VALUE"),
    mobile_wkt("google.protobuf.BytesValue", "BYTES_VALUE"),
];

const fn mobile_wkt(full_name: &'static str, java_constant: &'static str) -> MobileWellKnown {
    MobileWellKnown {
        full_name,
        java_constant,
    }
}

/// The mobile runtimes' table of a well-known message type, if they have one.
pub fn mobile_well_known(full_name: &str) -> Option<&'static MobileWellKnown> {
    MOBILE_WELL_KNOWN.iter().find(|w| w.full_name == full_name)
}

/// Whether a type is one of protobuf's own (`google.protobuf.*`), which the mobile runtimes
/// take from the platform's protobuf library rather than from generated tables.
pub fn is_protobuf_own(full_name: &str) -> bool {
    full_name.starts_with("google.protobuf.")
}

/// `google.protobuf.NullValue`, the one enum of protobuf's own files the mobile runtimes
/// give a table (its only JSON form is `null`).
pub const NULL_VALUE: &str = "google.protobuf.NullValue";

#[derive(Debug, Clone)]
pub struct EnumValue {
    pub name: String,
    pub number: i32,
    /// The Rust variant, `None` for an alias of an earlier value (prost skips those).
    pub rust_variant: Option<String>,
    pub deprecated: bool,
    pub comments: Comments,
}

#[derive(Clone, Copy)]
enum TypeRef {
    Message(MessageId),
    Enum(EnumId),
}

/// Message descriptors kept for the second pass, with where they stand in the source.
struct Pending<'a> {
    desc: &'a DescriptorProto,
    raw: Option<&'a RawMessage>,
    /// Fully qualified name with the leading dot, as prost-build writes it.
    fq: String,
    /// SourceCodeInfo path of the message.
    path: Vec<i32>,
}

struct Builder<'a> {
    schema: Schema,
    types: HashMap<String, TypeRef>,
    pending: Vec<Pending<'a>>,
    extern_paths: ExternPaths,
    params: &'a Params,
    /// Comments of each file by SourceCodeInfo path.
    comments: Vec<HashMap<Vec<i32>, Comments>>,
}

/// Field numbers of `descriptor.proto` that make up `SourceCodeInfo.Location.path`, the key of
/// a declaration's comments.
mod location {
    /// `FileDescriptorProto.message_type`.
    pub const FILE_MESSAGE: i32 = 4;
    /// `FileDescriptorProto.enum_type`.
    pub const FILE_ENUM: i32 = 5;
    /// `DescriptorProto.field`.
    pub const MESSAGE_FIELD: i32 = 2;
    /// `DescriptorProto.nested_type`.
    pub const MESSAGE_NESTED: i32 = 3;
    /// `DescriptorProto.enum_type`.
    pub const MESSAGE_ENUM: i32 = 4;
    /// `DescriptorProto.oneof_decl`.
    pub const MESSAGE_ONEOF: i32 = 8;
    /// `EnumDescriptorProto.value`.
    pub const ENUM_VALUE: i32 = 2;
}

/// Protobuf identifiers: a letter or `_`, then letters, digits and `_` (what protoc accepts).
fn is_proto_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_ident(context: impl FnOnce() -> String, what: &str, name: &str) -> Result<(), Error> {
    if is_proto_ident(name) {
        Ok(())
    } else {
        Err(Error::schema(
            context(),
            format!("{what} name `{name}` is not a valid protobuf identifier"),
        ))
    }
}

fn file_context(file: &str) -> String {
    format!("file {file}")
}

impl Schema {
    /// Resolves every file of a request.
    pub fn build(
        proto_files: &[FileDescriptorProto],
        raw: &RawRequest,
        params: &Params,
    ) -> Result<Schema, Error> {
        let extern_paths = ExternPaths::new(&params.extern_path, params.compile_well_known_types)
            .map_err(|message| Error::schema("parameter extern_path", message))?;
        let mut b = Builder {
            schema: Schema {
                files: Vec::new(),
                messages: Vec::new(),
                enums: Vec::new(),
                by_file_name: HashMap::new(),
            },
            types: HashMap::new(),
            pending: Vec::new(),
            extern_paths,
            params,
            comments: Vec::new(),
        };
        for (i, file) in proto_files.iter().enumerate() {
            b.register_file(file, raw.proto_file.get(i))?;
        }
        b.resolve_fields()?;
        b.schema.resolve_json_formats(&params.json_format)?;
        b.schema.resolve_rust_names();
        b.schema
            .check_option_conflicts(params.vendor_check == crate::params::VendorCheck::Error)?;
        Ok(b.schema)
    }

    /// Refuses custom options that the same options could not read back: two fields of a
    /// message answering to one JSON key (a `legacy_key` or an alias equal to another field's
    /// name, JSON name, legacy key or alias), or two fields with one `vendor_key` (unless
    /// `vendor_check=warn`, under which the vendor check reports it as a warning). A field
    /// may repeat its own names.
    fn check_option_conflicts(&self, vendor_clash_is_error: bool) -> Result<(), Error> {
        for m in &self.messages {
            let context = || format!("file {}, message {}", self.files[m.file].name, m.full_name);
            // (key, what it is, field) for every key a reader accepts.
            let mut keys: Vec<(&str, &'static str, &str)> = Vec::new();
            for f in &m.fields {
                let mut own: Vec<(&str, &'static str)> = vec![
                    (f.name.as_str(), "name"),
                    (f.json_name.as_str(), "JSON name"),
                ];
                if !f.options.legacy_key.is_empty() {
                    own.push((f.options.legacy_key.as_str(), "legacy_key"));
                }
                own.extend(f.options.aliases.iter().map(|a| (a.as_str(), "alias")));
                for (key, what) in own {
                    if let Some((_, other_what, other)) = keys
                        .iter()
                        .find(|(k, _, field)| *k == key && *field != f.name)
                    {
                        // Names and JSON names are protoc's to check; only this project's
                        // options can make a clash protoc lets through.
                        if what == "legacy_key"
                            || what == "alias"
                            || *other_what == "legacy_key"
                            || *other_what == "alias"
                        {
                            return Err(Error::schema(
                                context(),
                                format!(
                                    "the {what} `{key}` of field `{}` is also the {other_what} of field `{other}`: JSON with that key could not be read back",
                                    f.name
                                ),
                            ));
                        }
                    }
                    keys.push((key, what, f.name.as_str()));
                }
            }
            let mut vendor: Vec<(&str, &str)> = Vec::new();
            for f in &m.fields {
                let key = f.options.vendor_key.as_str();
                if key.is_empty() || !vendor_clash_is_error {
                    continue;
                }
                if let Some((_, other)) = vendor.iter().find(|(k, _)| *k == key) {
                    return Err(Error::schema(
                        context(),
                        format!(
                            "fields `{other}` and `{}` have the same vendor_key `{key}`: their vendor properties would collide",
                            f.name
                        ),
                    ));
                }
                vendor.push((key, f.name.as_str()));
            }
        }
        Ok(())
    }

    /// The file with this protoc name.
    pub fn file_by_name(&self, name: &str) -> Option<FileId> {
        self.by_file_name.get(name).copied()
    }

    /// The Rust path of a type as written in the package module of `from`, the way
    /// prost-build's `resolve_ident` writes it: `super::` up to the common package, snake-case
    /// modules for the rest of the package and the parent messages, then the type's ident; or
    /// the `extern_path` when the type is external.
    pub fn type_path_from(
        &self,
        from: FileId,
        full_name: &str,
        rust: &RustPath,
        external: Option<&str>,
    ) -> String {
        if let Some(path) = external {
            return path.to_string();
        }
        let package = self.files.get(from).map_or("", |f| f.package.as_str());
        let mut local = package.split('.').filter(|s| !s.is_empty()).peekable();
        let mut segments: Vec<&str> = full_name.split('.').collect();
        segments.pop();
        let mut target = segments.into_iter().peekable();
        while local.peek().is_some() && local.peek() == target.peek() {
            local.next();
            target.next();
        }
        let mut parts: Vec<String> = local.map(|_| "super".to_string()).collect();
        if parts.is_empty() {
            parts.push("self".to_string());
        }
        parts.extend(target.map(to_snake));
        parts.push(rust.ident.clone());
        parts.join("::")
    }

    /// The `[parent, ...]` chain of a message, outermost first, the message itself last.
    pub fn message_chain(&self, id: MessageId) -> Vec<MessageId> {
        let mut chain = vec![id];
        let mut cur = self.messages[id].parent;
        while let Some(p) = cur {
            chain.push(p);
            cur = self.messages[p].parent;
        }
        chain.reverse();
        chain
    }
}

fn comments_by_path(info: Option<&SourceCodeInfo>) -> HashMap<Vec<i32>, Comments> {
    let mut map = HashMap::new();
    for loc in info.into_iter().flat_map(|i| &i.location) {
        if loc.leading_comments.is_none()
            && loc.trailing_comments.is_none()
            && loc.leading_detached_comments.is_empty()
        {
            continue;
        }
        map.entry(loc.path.clone()).or_insert_with(|| Comments {
            leading_detached: loc.leading_detached_comments.clone(),
            leading: loc.leading_comments.clone(),
            trailing: loc.trailing_comments.clone(),
        });
    }
    map
}

fn scalar_of(ty: Type) -> Option<Scalar> {
    Some(match ty {
        Type::Double => Scalar::Double,
        Type::Float => Scalar::Float,
        Type::Int64 => Scalar::Int64,
        Type::Uint64 => Scalar::Uint64,
        Type::Int32 => Scalar::Int32,
        Type::Fixed64 => Scalar::Fixed64,
        Type::Fixed32 => Scalar::Fixed32,
        Type::Bool => Scalar::Bool,
        Type::String => Scalar::String,
        Type::Bytes => Scalar::Bytes,
        Type::Uint32 => Scalar::Uint32,
        Type::Sfixed32 => Scalar::Sfixed32,
        Type::Sfixed64 => Scalar::Sfixed64,
        Type::Sint32 => Scalar::Sint32,
        Type::Sint64 => Scalar::Sint64,
        Type::Group | Type::Message | Type::Enum => return None,
    })
}

impl<'a> Builder<'a> {
    fn register_file(
        &mut self,
        file: &'a FileDescriptorProto,
        raw: Option<&'a options::RawFile>,
    ) -> Result<(), Error> {
        let name = file.name().to_string();
        if name.is_empty() {
            return Err(Error::schema("request", "a proto_file has no name"));
        }
        let syntax = match file.syntax() {
            "" | "proto2" => Syntax::Proto2,
            "proto3" => Syntax::Proto3,
            other => {
                return Err(Error::schema(
                    file_context(&name),
                    format!(
                        "syntax `{other}` is not supported (prost-build 0.14 reads proto2 and proto3)"
                    ),
                ));
            }
        };
        let id = self.schema.files.len();
        if self.schema.by_file_name.insert(name.clone(), id).is_some() {
            return Err(Error::schema(
                file_context(&name),
                "the request holds this file twice",
            ));
        }
        let package = file.package().to_string();
        for part in package.split('.').filter(|_| !package.is_empty()) {
            check_ident(|| file_context(&name), "package", part)?;
        }
        self.schema.files.push(File {
            name,
            package: package.clone(),
            syntax,
            messages: Vec::new(),
            enums: Vec::new(),
        });
        self.comments
            .push(comments_by_path(file.source_code_info.as_ref()));
        let scope = if package.is_empty() {
            String::new()
        } else {
            format!(".{package}")
        };
        // prost writes a file's messages (each followed by its nested types) before its enums.
        for (i, msg) in file.message_type.iter().enumerate() {
            let raw_msg = raw.and_then(|r| r.message_type.get(i));
            self.register_message(
                id,
                None,
                &scope,
                &[],
                msg,
                raw_msg,
                vec![location::FILE_MESSAGE, i as i32],
            )?;
        }
        for (i, e) in file.enum_type.iter().enumerate() {
            self.register_enum(
                id,
                None,
                &scope,
                &[],
                e,
                vec![location::FILE_ENUM, i as i32],
            )?;
        }
        Ok(())
    }

    fn register_type(&mut self, fq: &str, ty: TypeRef, file: FileId) -> Result<(), Error> {
        if self.types.insert(fq.to_string(), ty).is_some() {
            return Err(Error::schema(
                file_context(&self.schema.files[file].name),
                format!("type `{}` is defined twice", &fq[1..]),
            ));
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn register_message(
        &mut self,
        file: FileId,
        parent: Option<MessageId>,
        scope: &str,
        modules: &[String],
        desc: &'a DescriptorProto,
        raw: Option<&'a RawMessage>,
        path: Vec<i32>,
    ) -> Result<(), Error> {
        let name = desc.name().to_string();
        if name.is_empty() {
            return Err(Error::schema(
                file_context(&self.schema.files[file].name),
                format!(
                    "a message in `{}` has no name",
                    scope.trim_start_matches('.')
                ),
            ));
        }
        let map_entry = desc.options.as_ref().and_then(|o| o.map_entry) == Some(true);
        // protoc names map entries itself (`1st2Entry` for a field `_1st_2`); prost never
        // turns them into Rust items.
        if !map_entry {
            check_ident(
                || file_context(&self.schema.files[file].name),
                "message",
                &name,
            )?;
        }
        let fq = format!("{scope}.{name}");
        let id = self.schema.messages.len();
        self.register_type(&fq, TypeRef::Message(id), file)?;
        let options = raw
            .and_then(|r| r.options.as_ref())
            .and_then(|o| o.vsco.clone())
            .unwrap_or_default();
        self.schema.messages.push(Message {
            full_name: fq[1..].to_string(),
            name: name.clone(),
            file,
            parent,
            rust: RustPath {
                modules: modules.to_vec(),
                ident: to_upper_camel(&name),
            },
            external: self.extern_paths.resolve(&fq),
            map_entry,
            fields: Vec::new(),
            oneofs: Vec::new(),
            deprecated: desc.options.as_ref().is_some_and(|o| o.deprecated()),
            comments: self.comments_at(file, &path),
            event_name: if !options.event_name.is_empty() {
                Some(options.event_name.clone())
            } else if options.event {
                Some(heck::ToSnakeCase::to_snake_case(name.as_str()))
            } else {
                None
            },
            options,
            nested_module: String::new(),
        });
        if !map_entry {
            self.schema.files[file].messages.push(id);
        }
        self.pending.push(Pending {
            desc,
            raw,
            fq: fq.clone(),
            path: path.clone(),
        });
        let mut inner = modules.to_vec();
        inner.push(to_snake(&name));
        for (i, nested) in desc.nested_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([location::MESSAGE_NESTED, i as i32]);
            let raw_nested = raw.and_then(|r| r.nested_type.get(i));
            self.register_message(file, Some(id), &fq, &inner, nested, raw_nested, p)?;
        }
        for (i, e) in desc.enum_type.iter().enumerate() {
            let mut p = path.clone();
            p.extend([location::MESSAGE_ENUM, i as i32]);
            self.register_enum(file, Some(id), &fq, &inner, e, p)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn register_enum(
        &mut self,
        file: FileId,
        parent: Option<MessageId>,
        scope: &str,
        modules: &[String],
        desc: &EnumDescriptorProto,
        path: Vec<i32>,
    ) -> Result<(), Error> {
        let name = desc.name().to_string();
        let fq = format!("{scope}.{name}");
        let context = || format!("enum {} ({})", &fq[1..], self.schema.files[file].name);
        if name.is_empty() {
            return Err(Error::schema(
                file_context(&self.schema.files[file].name),
                format!("an enum in `{}` has no name", scope.trim_start_matches('.')),
            ));
        }
        check_ident(
            || file_context(&self.schema.files[file].name),
            "enum",
            &name,
        )?;
        let rust_ident = to_upper_camel(&name);
        let mut seen_numbers = std::collections::HashSet::new();
        let mut variants: HashMap<String, String> = HashMap::new();
        let mut values = Vec::with_capacity(desc.value.len());
        for (i, v) in desc.value.iter().enumerate() {
            check_ident(context, "enum value", v.name())?;
            let rust_variant = if seen_numbers.insert(v.number()) {
                let mut variant = to_upper_camel(v.name());
                if !self.params.retain_enum_prefix {
                    variant = strip_enum_prefix(&rust_ident, &variant);
                }
                if let Some(previous) = variants.insert(variant.clone(), v.name().to_string()) {
                    return Err(Error::schema(
                        context(),
                        format!(
                            "values `{previous}` and `{}` both become the Rust variant `{variant}`",
                            v.name()
                        ),
                    ));
                }
                Some(variant)
            } else {
                None
            };
            let mut p = path.clone();
            p.extend([location::ENUM_VALUE, i as i32]);
            values.push(EnumValue {
                name: v.name().to_string(),
                number: v.number(),
                rust_variant,
                deprecated: v.options.as_ref().is_some_and(|o| o.deprecated()),
                comments: self.comments_at(file, &p),
            });
        }
        let id = self.schema.enums.len();
        self.register_type(&fq, TypeRef::Enum(id), file)?;
        self.schema.enums.push(Enum {
            full_name: fq[1..].to_string(),
            name,
            file,
            parent,
            rust: RustPath {
                modules: modules.to_vec(),
                ident: rust_ident,
            },
            external: self.extern_paths.resolve(&fq),
            values,
            deprecated: desc.options.as_ref().is_some_and(|o| o.deprecated()),
            comments: self.comments_at(file, &path),
        });
        self.schema.files[file].enums.push(id);
        Ok(())
    }

    fn lookup(&self, type_name: &str) -> Option<TypeRef> {
        self.types.get(type_name).copied()
    }

    /// Second pass: field types, cardinality, oneofs, boxing.
    fn resolve_fields(&mut self) -> Result<(), Error> {
        let graph = self.message_graph();
        for id in 0..self.pending.len() {
            let (fields, oneofs) = self.resolve_message(id, &graph)?;
            let msg = &mut self.schema.messages[id];
            msg.fields = fields;
            msg.oneofs = oneofs;
        }
        Ok(())
    }

    /// Edges of prost-build's message graph: singular `message` fields (not groups).
    fn message_graph(&self) -> Vec<Vec<MessageId>> {
        self.pending
            .iter()
            .map(|p| {
                p.desc
                    .field
                    .iter()
                    .filter(|f| f.r#type() == Type::Message && f.label() != Label::Repeated)
                    .filter_map(|f| match self.lookup(f.type_name()) {
                        Some(TypeRef::Message(m)) => Some(m),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    fn resolve_message(
        &self,
        id: MessageId,
        graph: &[Vec<MessageId>],
    ) -> Result<(Vec<Field>, Vec<Oneof>), Error> {
        let Pending {
            desc,
            raw,
            fq,
            path: msg_path,
        } = &self.pending[id];
        let msg = &self.schema.messages[id];
        let file = &self.schema.files[msg.file];

        // Which oneof declarations are real (not proto3-optional synthetics) and their order.
        let mut oneof_index: HashMap<i32, usize> = HashMap::new();
        let mut oneofs: Vec<Oneof> = Vec::new();
        for (i, decl) in desc.oneof_decl.iter().enumerate() {
            let members: Vec<&FieldDescriptorProto> = desc
                .field
                .iter()
                .filter(|f| f.oneof_index == Some(i as i32) && !f.proto3_optional())
                .collect();
            if members.is_empty() {
                continue;
            }
            let clash = desc
                .nested_type
                .iter()
                .map(|n| n.name())
                .chain(desc.enum_type.iter().map(|e| e.name()))
                .any(|n| to_upper_camel(n) == to_upper_camel(decl.name()));
            let mut rust_type = to_upper_camel(decl.name());
            if clash {
                rust_type.push_str("OneOf");
            }
            check_ident(
                || format!("message {} ({})", &fq[1..], file.name),
                "oneof",
                decl.name(),
            )?;
            oneof_index.insert(i as i32, oneofs.len());
            oneofs.push(Oneof {
                name: decl.name().to_string(),
                rust_field: to_snake(decl.name()),
                rust_type,
                fields: Vec::new(),
                comments: Comments::default(),
                member_trait: None,
            });
        }

        let mut fields = Vec::with_capacity(desc.field.len());
        for (i, f) in desc.field.iter().enumerate() {
            let context = || format!("field {}.{} ({})", &fq[1..], f.name(), file.name);
            if f.name().is_empty() {
                return Err(Error::schema(
                    format!("message {} ({})", &fq[1..], file.name),
                    format!("field #{i} has no name"),
                ));
            }
            check_ident(context, "field", f.name())?;
            let number = u32::try_from(f.number())
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    Error::schema(context(), format!("invalid field number {}", f.number()))
                })?;
            let ty = self.field_type(f, &context)?;
            let raw_field: Option<&RawField> = raw.and_then(|r| r.field.get(i));
            let map = match ty {
                FieldType::Message(entry) if f.label() == Label::Repeated => {
                    self.map_entry_types(entry, &context)?
                }
                _ => None,
            };
            let oneof = if f.proto3_optional() {
                None
            } else {
                f.oneof_index.and_then(|o| oneof_index.get(&o).copied())
            };
            let cardinality = match f.label() {
                Label::Repeated => match map {
                    Some((key, _)) => Cardinality::Map {
                        key,
                        btree: path_matches(&self.params.btree_map, fq, f.name()),
                    },
                    None => Cardinality::Repeated,
                },
                Label::Required => Cardinality::Required,
                Label::Optional => {
                    if f.proto3_optional()
                        || oneof.is_some()
                        || matches!(ty, FieldType::Message(_) | FieldType::Group(_))
                        || file.syntax == Syntax::Proto2
                    {
                        Cardinality::Optional
                    } else {
                        Cardinality::Implicit
                    }
                }
            };
            let ty = map.map(|(_, value)| value).unwrap_or(ty);
            let boxed = f.label() != Label::Repeated
                && (match ty {
                    FieldType::Message(target) | FieldType::Group(target) => {
                        reaches(graph, target, id)
                    }
                    _ => false,
                } || {
                    let config_path = match oneof {
                        Some(o) => format!("{fq}.{}", oneofs[o].name),
                        None => fq.clone(),
                    };
                    path_matches(&self.params.boxed, &config_path, f.name())
                });
            let bytes_field = if map.is_some() { "value" } else { f.name() };
            let bytes_as_bytes = matches!(ty, FieldType::Scalar(Scalar::Bytes))
                && path_matches(&self.params.bytes, fq, bytes_field);
            if let Some(o) = oneof {
                oneofs[o].fields.push(i);
            }
            let mut path = msg_path.clone();
            path.extend([location::MESSAGE_FIELD, i as i32]);
            fields.push(Field {
                name: f.name().to_string(),
                json_name: f
                    .json_name
                    .clone()
                    .unwrap_or_else(|| names::default_json_name(f.name())),
                number,
                ty,
                cardinality,
                oneof,
                proto3_optional: f.proto3_optional(),
                default: f.default_value.clone(),
                deprecated: f.options.as_ref().is_some_and(|o| o.deprecated()),
                comments: self.comments_at(msg.file, &path),
                options: raw_field
                    .and_then(|r| r.options.as_ref())
                    .and_then(|o| o.vsco.clone())
                    .unwrap_or_default(),
                json: prost_vsco::json::FieldFormat::NONE,
                json_key: None,
                default_bytes: None,
                rust_ident: to_snake(f.name()),
                rust_variant: to_upper_camel(f.name()),
                boxed,
                bytes_as_bytes,
            });
        }
        for (decl, &o) in &oneof_index {
            let mut path = msg_path.clone();
            path.extend([location::MESSAGE_ONEOF, *decl]);
            oneofs[o].comments = self.comments_at(msg.file, &path);
        }
        Ok((fields, oneofs))
    }

    fn field_type(
        &self,
        f: &FieldDescriptorProto,
        context: &dyn Fn() -> String,
    ) -> Result<FieldType, Error> {
        let Some(raw_type) = f.r#type else {
            return Err(Error::schema(context(), "the field has no type"));
        };
        let ty = Type::try_from(raw_type)
            .map_err(|_| Error::schema(context(), format!("unknown field type {raw_type}")))?;
        if let Some(s) = scalar_of(ty) {
            return Ok(FieldType::Scalar(s));
        }
        let type_name = f.type_name();
        if !type_name.starts_with('.') {
            return Err(Error::schema(
                context(),
                format!("type name `{type_name}` is not fully qualified"),
            ));
        }
        let found = self.lookup(type_name).ok_or_else(|| {
            Error::schema(
                context(),
                format!(
                    "type `{}` is not defined in any file of the request",
                    &type_name[1..]
                ),
            )
        })?;
        match (ty, found) {
            (Type::Message, TypeRef::Message(m)) => Ok(FieldType::Message(m)),
            (Type::Group, TypeRef::Message(m)) => Ok(FieldType::Group(m)),
            (Type::Enum, TypeRef::Enum(e)) => Ok(FieldType::Enum(e)),
            _ => Err(Error::schema(
                context(),
                format!(
                    "type `{}` is not {}",
                    &type_name[1..],
                    if ty == Type::Enum {
                        "an enum"
                    } else {
                        "a message"
                    }
                ),
            )),
        }
    }

    /// For a map entry message, the key scalar and the value type.
    fn map_entry_types(
        &self,
        entry: MessageId,
        context: &dyn Fn() -> String,
    ) -> Result<Option<(Scalar, FieldType)>, Error> {
        if !self.schema.messages[entry].map_entry {
            return Ok(None);
        }
        let desc = self.pending[entry].desc;
        let (Some(key), Some(value)) = (desc.field.first(), desc.field.get(1)) else {
            return Err(Error::schema(
                context(),
                "map entry needs a key and a value",
            ));
        };
        if key.name() != "key" || value.name() != "value" || desc.field.len() != 2 {
            return Err(Error::schema(
                context(),
                "map entry fields must be exactly `key` and `value`",
            ));
        }
        let key_type = match self.field_type(key, context)? {
            FieldType::Scalar(s)
                if !matches!(s, Scalar::Double | Scalar::Float | Scalar::Bytes) =>
            {
                s
            }
            _ => {
                return Err(Error::schema(
                    context(),
                    "map keys must be integral, bool or string",
                ));
            }
        };
        Ok(Some((key_type, self.field_type(value, context)?)))
    }

    fn comments_at(&self, file: FileId, path: &[i32]) -> Comments {
        self.comments
            .get(file)
            .and_then(|c| c.get(path))
            .cloned()
            .unwrap_or_default()
    }
}

/// Whether `to` is reachable from `from` in the message graph (prost-build's `is_nested`).
fn reaches(graph: &[Vec<MessageId>], from: MessageId, to: MessageId) -> bool {
    let mut seen = vec![false; graph.len()];
    let mut stack = vec![from];
    while let Some(m) = stack.pop() {
        if m == to {
            return true;
        }
        if std::mem::replace(&mut seen[m], true) {
            continue;
        }
        stack.extend(graph[m].iter().copied());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::KeyRanks;

    #[test]
    fn key_ranks_cover_every_case() {
        // Declaration order is key order for both: no table.
        let none = KeyRanks::of(&[("a", "a", 1), ("b", "b", 2)]);
        assert_eq!(
            none,
            KeyRanks {
                names: None,
                json: None
            }
        );
        // Names out of order, JSON names the same: one table.
        let same = KeyRanks::of(&[("b", "b", 1), ("a", "a", 2)]);
        assert_eq!(
            same,
            KeyRanks {
                names: Some(vec![1, 0]),
                json: None
            }
        );
        // Names in order, JSON names not.
        let json = KeyRanks::of(&[("a", "z", 1), ("b", "y", 2)]);
        assert_eq!(
            json,
            KeyRanks {
                names: None,
                json: Some(vec![1, 0])
            }
        );
        // Names out of order, JSON names in declaration order: the identity for JSON.
        let identity = KeyRanks::of(&[("b", "x", 1), ("a", "y", 2)]);
        assert_eq!(
            identity,
            KeyRanks {
                names: Some(vec![1, 0]),
                json: Some(vec![0, 1])
            }
        );
        // Byte order: `_` (0x5f) after `Z`, before `a`; equal keys in number order.
        let bytes = KeyRanks::of(&[("a_b", "aB", 3), ("aZ", "aZ", 1), ("ab", "ab", 2)]);
        assert_eq!(bytes.names, Some(vec![1, 0, 2]));
        assert_eq!(bytes.json, Some(vec![0, 1, 2]));
        let equal = KeyRanks::of(&[("k", "k", 9), ("k", "k", 4)]);
        assert_eq!(equal.names, Some(vec![1, 0]));
        // Past what `to_map` orders by rank: no tables.
        let names: Vec<String> = (0..=KeyRanks::MAX_FIELDS)
            .rev()
            .map(|i| format!("f{i:03}"))
            .collect();
        let wide: Vec<(&str, &str, u32)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), n.as_str(), i as u32))
            .collect();
        assert_eq!(
            KeyRanks::of(&wide),
            KeyRanks {
                names: None,
                json: None
            }
        );
    }
}

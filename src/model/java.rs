//! Java names exactly as protoc's built-in Java generator (protobuf v36, lite) writes them:
//! packages, outer classes, class names, accessor stems with the forbidden-name and conflict
//! rules, oneof `Case` enums, and which fields have `hasX()` / `getXValue()`. Resolved once
//! here so that the Java and Kotlin emitters never compute a name.

use prost_types::FileDescriptorProto;

use super::{Cardinality, FieldType, FileId, MessageId, Schema, Syntax};

/// Java names of one file.
#[derive(Debug, Clone)]
pub struct JavaFile {
    /// `java_package`, else the proto package; empty for none.
    pub package: String,
    /// The outer class (`java_outer_classname`, else the file name in CamelCase, with
    /// `OuterClass` appended when a type of the file has that name).
    pub outer_class: String,
    pub multiple_files: bool,
    /// The class this plugin writes for the file: the file name in CamelCase plus `Vsco`.
    pub adapter_class: String,
}

impl JavaFile {
    /// The output path of the adapter class without its extension (`com/acme/EventVsco`):
    /// its package as directories, as `--java_out` lays classes out (`.java`, and `.kt` for
    /// the Kotlin extensions beside it).
    pub fn adapter_path(&self) -> String {
        if self.package.is_empty() {
            self.adapter_class.clone()
        } else {
            format!("{}/{}", self.package.replace('.', "/"), self.adapter_class)
        }
    }

    /// `package.Name`, or `Name` without a package.
    pub fn qualify(&self, name: &str) -> String {
        if self.package.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.package)
        }
    }
}

/// Java names of one field: the accessors protoc generates for it, by their use.
#[derive(Debug, Clone)]
pub struct JavaField {
    /// The accessor stem: `getX()` with X this (`Foo2Bar`, `Class_`, `Foo1` on a conflict).
    pub cap: String,
    /// `getX`: the value (singular), the enum constant (closed enums).
    pub get: String,
    /// `hasX`, when protoc generates it (fields with presence).
    pub has: Option<String>,
    /// Open enums (proto3): `getXValue` (singular), `getXValueList`, `getXValueMap`.
    pub get_value: Option<String>,
    /// `getXList` (repeated) or `getXMap` (maps).
    pub get_all: Option<String>,
    /// `getXCount` (repeated and maps).
    pub get_count: Option<String>,
    /// The builder's `setX`.
    pub set: String,
    /// The constant of this field in its oneof's `Case` enum (`LOGIN`), for oneof members.
    pub case_constant: Option<String>,
}

/// Java names of one oneof.
#[derive(Debug, Clone)]
pub struct JavaOneof {
    /// `getBodyCase`.
    pub case_getter: String,
    /// The `Case` enum nested in the message: `BodyCase`.
    pub case_enum: String,
    /// The setter this plugin adds for any message member (Kotlin, `java_insert`):
    /// `setBody`.
    pub setter: String,
    /// The member interface's method that sets a member into an envelope builder:
    /// `setAsBodyOf`.
    pub member_method: String,
    /// The interface its message members implement (with `java_insert`), declared in the
    /// adapter class: `EventBodyMember`. `None` when a message type is two of its members
    /// (a member could not say which it is) or no member is a message.
    pub member_interface: Option<String>,
}

/// Java names of a whole schema, indexed like the schema's arenas.
#[derive(Debug, Clone)]
pub struct JavaNames {
    pub files: Vec<JavaFile>,
    /// Fully qualified class name with `.` for nesting (`com.acme.Outer.Event.Device`).
    pub messages: Vec<String>,
    pub enums: Vec<String>,
    /// Per message, per field (the schema's order).
    pub fields: Vec<Vec<JavaField>>,
    /// Per message, per oneof.
    pub oneofs: Vec<Vec<JavaOneof>>,
    /// Per message: the `.java` file protoc's `--java_out` writes its class into (its outer
    /// class's file, or its top-level message's with `java_multiple_files`), the target of
    /// insertions.
    pub message_files: Vec<String>,
    /// Per message, the constant holding its adapter in its file's adapter class: the path in
    /// UPPER_SNAKE (`EVENT__DEVICE`), unique in the class; `None` for map entries.
    pub message_constants: Vec<Option<String>>,
    /// Per enum, the constant of its `EnumInfo` in the adapter class's `Enums`.
    pub enum_constants: Vec<String>,
}

/// protoc's `UnderscoresToCamelCase`: letters after `_`, a digit or any other non-letter
/// are capitalised, separators dropped; only the first letter is lowered when `cap_first` is
/// false; a trailing `#` (the mark of a forbidden name) becomes `_`.
pub fn underscores_to_camel(input: &str, cap_first: bool) -> String {
    let mut out = String::with_capacity(input.len() + 1);
    let mut cap_next = cap_first;
    for (i, c) in input.bytes().enumerate() {
        match c {
            b'a'..=b'z' => {
                out.push(if cap_next { c.to_ascii_uppercase() } else { c } as char);
                cap_next = false;
            }
            b'A'..=b'Z' => {
                out.push(if i == 0 && !cap_next {
                    c.to_ascii_lowercase()
                } else {
                    c
                } as char);
                cap_next = false;
            }
            b'0'..=b'9' => {
                out.push(c as char);
                cap_next = true;
            }
            _ => cap_next = true,
        }
    }
    if input.ends_with('#') {
        out.push('_');
    }
    out
}

/// Field names whose accessors would clash with the methods of protobuf's message classes
/// (`names.cc`, `IsForbidden`), compared in UpperCamelCase.
const FORBIDDEN: &[&str] = &[
    "Class",
    "DefaultInstanceForType",
    "ParserForType",
    "SerializedSize",
    "AllFields",
    "DescriptorForType",
    "InitializationErrorString",
    "UnknownFields",
    "CachedSize",
];

/// Java's reserved words and literals (for names this plugin makes from proto names).
pub const JAVA_KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "false",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "true",
    "try",
    "void",
    "volatile",
    "while",
];

/// protoc's `FieldName`: the group type's name for a group, else the field name, with `#`
/// appended when forbidden.
fn field_name(schema: &Schema, message: MessageId, index: usize) -> String {
    let field = &schema.messages[message].fields[index];
    let mut name = match field.ty {
        FieldType::Group(id) => schema.messages[id].name.clone(),
        _ => field.name.clone(),
    };
    if FORBIDDEN.contains(&underscores_to_camel(&name, true).as_str()) {
        name.push('#');
    }
    name
}

impl JavaNames {
    /// Resolves the Java names of every file, message, enum, field and oneof.
    pub fn build(schema: &Schema, protos: &[FileDescriptorProto]) -> JavaNames {
        let files: Vec<JavaFile> = (0..schema.files.len())
            .map(|id| java_file(schema, protos.get(id), id))
            .collect();
        let messages = (0..schema.messages.len())
            .map(|id| {
                let m = &schema.messages[id];
                type_class(schema, &files[m.file], m.file, &m.full_name)
            })
            .collect();
        let enums = (0..schema.enums.len())
            .map(|id| {
                let e = &schema.enums[id];
                type_class(schema, &files[e.file], e.file, &e.full_name)
            })
            .collect();
        let fields = (0..schema.messages.len())
            .map(|id| message_fields(schema, id))
            .collect();
        let mut taken: Vec<Vec<String>> = vec![Vec::new(); schema.files.len()];
        let oneofs = (0..schema.messages.len())
            .map(|id| {
                let m = &schema.messages[id];
                m.oneofs
                    .iter()
                    .map(|o| {
                        let cap = underscores_to_camel(&o.name, true);
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
                        let member_interface = (!types.is_empty() && distinct).then(|| {
                            let path = relative_path(schema, id).replace('.', "");
                            let mut name = format!("{path}{cap}Member");
                            while taken[m.file].contains(&name) {
                                name.push('_');
                            }
                            taken[m.file].push(name.clone());
                            name
                        });
                        JavaOneof {
                            case_getter: format!("get{cap}Case"),
                            case_enum: format!("{cap}Case"),
                            setter: format!("set{cap}"),
                            member_method: format!("setAs{cap}Of"),
                            member_interface,
                        }
                    })
                    .collect()
            })
            .collect();
        let message_files = (0..schema.messages.len())
            .map(|id| {
                let m = &schema.messages[id];
                let file = &files[m.file];
                let top = relative_path(schema, id)
                    .split('.')
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let class = if file.multiple_files {
                    top
                } else {
                    file.outer_class.clone()
                };
                if file.package.is_empty() {
                    format!("{class}.java")
                } else {
                    format!("{}/{class}.java", file.package.replace('.', "/"))
                }
            })
            .collect();
        let (message_constants, enum_constants) = adapter_constants(schema);
        JavaNames {
            files,
            messages,
            enums,
            fields,
            oneofs,
            message_files,
            message_constants,
            enum_constants,
        }
    }
}

fn java_file(schema: &Schema, proto: Option<&FileDescriptorProto>, id: FileId) -> JavaFile {
    let file = &schema.files[id];
    let options = proto.and_then(|p| p.options.as_ref());
    let package = options
        .and_then(|o| o.java_package.clone())
        .unwrap_or_else(|| file.package.clone());
    let base = file.name.rsplit('/').next().unwrap_or(&file.name);
    let stem = base
        .strip_suffix(".protodevel")
        .or_else(|| base.strip_suffix(".proto"))
        .unwrap_or(base);
    let default = underscores_to_camel(stem, true);
    let type_names = file_type_names(schema, proto, id);
    let outer_class = match options.and_then(|o| o.java_outer_classname.clone()) {
        Some(name) => name,
        None if type_names.contains(&default) => format!("{default}OuterClass"),
        None => default.clone(),
    };
    let mut adapter_class = format!("{default}Vsco");
    while type_names.contains(&adapter_class) || adapter_class == outer_class {
        adapter_class.push('_');
    }
    JavaFile {
        package,
        outer_class,
        multiple_files: options.and_then(|o| o.java_multiple_files) == Some(true),
        adapter_class,
    }
}

/// Every type name protoc compares the outer class name with: top-level enums and services,
/// and every message (map entries included) and nested enum at any depth.
fn file_type_names(
    schema: &Schema,
    proto: Option<&FileDescriptorProto>,
    id: FileId,
) -> Vec<String> {
    let mut names: Vec<String> = schema
        .messages
        .iter()
        .filter(|m| m.file == id)
        .map(|m| m.name.clone())
        .chain(
            schema
                .enums
                .iter()
                .filter(|e| e.file == id)
                .map(|e| e.name.clone()),
        )
        .collect();
    if let Some(p) = proto {
        names.extend(p.service.iter().filter_map(|s| s.name.clone()));
    }
    names
}

/// A message's name relative to its package: `Event.Device`.
fn relative_path(schema: &Schema, id: MessageId) -> String {
    let m = &schema.messages[id];
    let package = &schema.files[m.file].package;
    if package.is_empty() {
        return m.full_name.clone();
    }
    m.full_name
        .strip_prefix(package.as_str())
        .and_then(|r| r.strip_prefix('.'))
        .unwrap_or(&m.full_name)
        .to_string()
}

/// `package.[Outer.]Parent.Name`: nested in the outer class unless `java_multiple_files`.
fn type_class(schema: &Schema, file: &JavaFile, file_id: FileId, full_name: &str) -> String {
    let package = &schema.files[file_id].package;
    let relative = if package.is_empty() {
        full_name
    } else {
        full_name
            .strip_prefix(package.as_str())
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(full_name)
    };
    if file.multiple_files {
        file.qualify(relative)
    } else {
        file.qualify(&format!("{}.{relative}", file.outer_class))
    }
}

fn message_fields(schema: &Schema, id: MessageId) -> Vec<JavaField> {
    let message = &schema.messages[id];
    let syntax = schema.files[message.file].syntax;
    let caps: Vec<String> = (0..message.fields.len())
        .map(|i| underscores_to_camel(&field_name(schema, id, i), true))
        .collect();
    // protoc's `SupportUnknownEnumValue`: the `...Value` accessors exist (maps included).
    let open_enum: Vec<bool> = message
        .fields
        .iter()
        .map(|f| match f.ty {
            FieldType::Enum(e) => {
                syntax == Syntax::Proto3
                    && schema.files[schema.enums[e].file].syntax == Syntax::Proto3
            }
            _ => false,
        })
        .collect();
    // A map's value field is a message field to the conflict check.
    let is_map: Vec<bool> = message
        .fields
        .iter()
        .map(|f| matches!(f.cardinality, Cardinality::Map { .. }))
        .collect();
    let repeated: Vec<bool> = message
        .fields
        .iter()
        .map(|f| {
            matches!(
                f.cardinality,
                Cardinality::Repeated | Cardinality::Map { .. }
            )
        })
        .collect();
    // protoc's `IsConflicting`, one way: `foo` repeated against `fooCount` / `fooList`
    // singular, and an open enum `foo` against `fooValue`.
    let one_way = |a: usize, b: usize| {
        (repeated[a]
            && !repeated[b]
            && (caps[b] == format!("{}Count", caps[a]) || caps[b] == format!("{}List", caps[a])))
            || (open_enum[a] && !is_map[a] && caps[b] == format!("{}Value", caps[a]))
    };
    let mut conflict = vec![false; caps.len()];
    for i in 0..caps.len() {
        for j in i + 1..caps.len() {
            if caps[i] == caps[j] || one_way(i, j) || one_way(j, i) {
                conflict[i] = true;
                conflict[j] = true;
            }
        }
    }
    message
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut cap = caps[i].clone();
            if conflict[i] {
                cap.push_str(&f.number.to_string());
            }
            let has = !repeated[i]
                && (matches!(f.ty, FieldType::Message(_) | FieldType::Group(_))
                    || f.oneof.is_some()
                    || f.cardinality != Cardinality::Implicit);
            let (get_all, get_value) = match f.cardinality {
                Cardinality::Repeated => {
                    (Some(format!("get{cap}List")), format!("get{cap}ValueList"))
                }
                Cardinality::Map { .. } => {
                    (Some(format!("get{cap}Map")), format!("get{cap}ValueMap"))
                }
                _ => (None, format!("get{cap}Value")),
            };
            JavaField {
                get: format!("get{cap}"),
                has: has.then(|| format!("has{cap}")),
                get_value: open_enum[i].then_some(get_value),
                get_count: repeated[i].then(|| format!("get{cap}Count")),
                get_all,
                set: format!("set{cap}"),
                case_constant: f.oneof.map(|_| f.name.to_ascii_uppercase()),
                cap,
            }
        })
        .collect()
}

/// The adapter constants of every message and enum, unique within each file's class (Java
/// keywords avoided).
fn adapter_constants(schema: &Schema) -> (Vec<Option<String>>, Vec<String>) {
    let shout = |path: &str| -> String {
        path.split('.')
            .map(|s| heck::AsShoutySnakeCase(s).to_string())
            .collect::<Vec<_>>()
            .join("__")
    };
    let mut taken: Vec<Vec<String>> = vec![Vec::new(); schema.files.len()];
    let mut unique = |file: FileId, base: String| {
        let mut name = base.clone();
        let mut n = 2;
        while JAVA_KEYWORDS.contains(&name.to_lowercase().as_str()) || taken[file].contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        taken[file].push(name.clone());
        name
    };
    let relative = |file: FileId, full: &str| -> String {
        let package = &schema.files[file].package;
        full.strip_prefix(package.as_str())
            .and_then(|r| r.strip_prefix('.'))
            .unwrap_or(full)
            .to_string()
    };
    let messages = schema
        .messages
        .iter()
        .map(|m| (!m.map_entry).then(|| unique(m.file, shout(&relative(m.file, &m.full_name)))))
        .collect();
    let enums = schema
        .enums
        .iter()
        .map(|e| unique(e.file, shout(&relative(e.file, &e.full_name))))
        .collect();
    (messages, enums)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case_as_protoc() {
        for (input, upper, lower) in [
            ("foo2bar", "Foo2Bar", "foo2Bar"),
            ("foo__bar", "FooBar", "fooBar"),
            ("HTTPServer", "HTTPServer", "hTTPServer"),
            ("FOO_BAR", "FOOBAR", "fOOBAR"),
            ("_foo", "Foo", "Foo"),
            ("_2d", "2D", "2D"),
            ("class#", "Class_", "class_"),
        ] {
            assert_eq!(underscores_to_camel(input, true), upper, "{input}");
            assert_eq!(underscores_to_camel(input, false), lower, "{input}");
        }
    }
}

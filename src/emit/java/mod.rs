//! Java and Kotlin adapters: per `.proto` file, one Java class of field tables and visits
//! over protoc's javalite classes (`<File>Vsco.java`), and with `target=kotlin` extension
//! functions delegating to it (`<File>Vsco.kt`). The view models here decide every name,
//! literal and expression; the templates only loop.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::emit::templates;
use crate::error::Error;
use crate::model::java::JavaNames;
use crate::model::{
    Cardinality, Comments, FieldType, FileId, MessageId, NULL_VALUE, Scalar, Schema,
    mobile_well_known,
};
use crate::params::{Params, Target};

/// The runtime's package.
const RUNTIME: &str = "dev.prostvsco";

#[derive(Serialize)]
struct FileView {
    header: Vec<String>,
    source: String,
    package: String,
    class_name: String,
    runtime: &'static str,
    enums: Vec<EnumView>,
    messages: Vec<MessageView>,
    /// Member interfaces of this file's oneofs (with `java_insert`).
    interfaces: Vec<InterfaceView>,
    /// Typed setters of oneof message members, for Kotlin (`builder.setBody(login)`).
    setters: Vec<SetterView>,
}

#[derive(Serialize)]
struct InterfaceView {
    name: String,
    envelope: String,
    proto_name: String,
    oneof: String,
    /// `setAsBodyOf`.
    method: String,
    /// `setBody`.
    setter: String,
}

#[derive(Serialize)]
struct SetterView {
    envelope: String,
    /// `setBody`.
    name: String,
    member: String,
    /// The builder's own setter, `setLogin`.
    field_setter: String,
    oneof: String,
}

#[derive(Serialize)]
struct EnumView {
    constant: String,
    full_name: String,
    numbers: Vec<i32>,
    names: Vec<String>,
}

#[derive(Serialize)]
struct MessageView {
    doc: Vec<String>,
    constant: String,
    class: String,
    /// The full proto name as a Java literal, and as text for comments.
    full_name: String,
    proto_name: String,
    /// The event name as a Java literal, for event messages.
    event_name: Option<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct FieldView {
    /// `FieldInfo.of(...)` / `FieldInfo.map(...)` and the calls that add options, one per
    /// line.
    info: Vec<String>,
    name: String,
    json_name: String,
    number: u32,
    kind: &'static str,
    cardinality: &'static str,
    map_key: Option<&'static str>,
    enum_info: Option<String>,
    legacy_key: Option<String>,
    pii: bool,
    omit_from_map: bool,
    /// The Java condition under which the field is visited; `None`: always.
    condition: String,
    /// `with_defaults` also visits it (a field without presence).
    implicit: bool,
    method: &'static str,
    value: String,
    adapter: Option<String>,
}

/// A Java string literal of `s` (line and paragraph separators escaped too: Java source
/// cannot hold them raw).
fn literal(s: &str) -> String {
    super::quoted_literal(s, |c| {
        ((c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}')
            .then(|| format!("\\u{:04x}", c as u32))
    })
}

/// Comment lines safe inside `/** ... */`.
fn doc_lines(comments: &Comments) -> Vec<String> {
    comments
        .doc_lines()
        .into_iter()
        .map(|l| {
            l.strip_prefix(' ')
                .unwrap_or(l)
                .trim_end()
                .replace("*/", "*&#47;")
                .replace('@', "{@literal @}")
        })
        .collect()
}

struct Ctx<'a> {
    schema: &'a Schema,
    names: &'a JavaNames,
    java_insert: bool,
}

impl Ctx<'_> {
    /// The Java expression of the adapter of `id`, as seen from the class of `from`.
    fn adapter_ref(&mut self, from: FileId, id: MessageId) -> Result<String, Error> {
        let m = &self.schema.messages[id];
        if let Some(w) = mobile_well_known(&m.full_name) {
            return Ok(format!("{RUNTIME}.WellKnownTypes.{}", w.java_constant));
        }
        let file = m.file;
        let class = self.names.files[file].qualify(&self.names.files[file].adapter_class);
        let constant = self.names.message_constants[id].clone().ok_or_else(|| {
            Error::schema(format!("message {}", m.full_name), "has no Java adapter")
        })?;
        Ok(if file == from {
            constant
        } else {
            format!("{class}.{constant}")
        })
    }

    fn enum_ref(&mut self, from: FileId, id: usize) -> String {
        let e = &self.schema.enums[id];
        if e.full_name == NULL_VALUE {
            return format!("{RUNTIME}.WellKnownTypes.NULL_VALUE");
        }
        let file = e.file;
        let class = self.names.files[file].qualify(&self.names.files[file].adapter_class);
        let constant = &self.names.enum_constants[id];
        if file == from {
            format!("Enums.{constant}")
        } else {
            format!("{class}.Enums.{constant}")
        }
    }
}

fn kind_of(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Scalar(s) => match s {
            Scalar::Bool => "BOOL",
            Scalar::Int32 | Scalar::Sint32 | Scalar::Sfixed32 => "INT32",
            Scalar::Uint32 | Scalar::Fixed32 => "UINT32",
            Scalar::Int64 | Scalar::Sint64 | Scalar::Sfixed64 => "INT64",
            Scalar::Uint64 | Scalar::Fixed64 => "UINT64",
            Scalar::Float => "FLOAT",
            Scalar::Double => "DOUBLE",
            Scalar::String => "STRING",
            Scalar::Bytes => "BYTES",
        },
        FieldType::Enum(_) => "ENUM",
        FieldType::Message(_) | FieldType::Group(_) => "MESSAGE",
    }
}

/// The visitor method for a singular value of `kind`.
fn method_of(kind: &str) -> &'static str {
    match kind {
        "BOOL" => "bool",
        "INT32" => "int32",
        "UINT32" => "uint32",
        "INT64" => "int64",
        "UINT64" => "uint64",
        "FLOAT" => "float32",
        "DOUBLE" => "float64",
        "STRING" => "string",
        "BYTES" => "bytes",
        "ENUM" => "enumValue",
        _ => "message",
    }
}

fn message_view(ctx: &mut Ctx<'_>, file: FileId, id: MessageId) -> Result<MessageView, Error> {
    let schema = ctx.schema;
    let m = &schema.messages[id];
    let class = ctx.names.messages[id].clone();
    let order = m.number_order();
    let mut fields = Vec::new();
    for i in order {
        let f = &m.fields[i];
        let j = &ctx.names.fields[id][i];
        let kind = kind_of(f.ty);
        let (cardinality, map_key) = match f.cardinality {
            Cardinality::Repeated => ("REPEATED", None),
            Cardinality::Map { key, .. } => ("MAP", Some(kind_of(FieldType::Scalar(key)))),
            Cardinality::Implicit if f.oneof.is_none() => ("IMPLICIT", None),
            _ => ("OPTIONAL", None),
        };
        let enum_id = match f.ty {
            FieldType::Enum(e) => Some(e),
            _ => None,
        };
        let enum_info = enum_id.map(|e| ctx.enum_ref(file, e));
        let adapter = match f.ty {
            FieldType::Message(t) | FieldType::Group(t) => Some(ctx.adapter_ref(file, t)?),
            _ => None,
        };
        let count = format!("m.{}() != 0", j.get_count.as_deref().unwrap_or(&j.get));
        // Open enums are read by number (`getXValue...`), so unknown numbers survive.
        let read = |all: Option<&String>| -> String {
            let accessor = j.get_value.as_ref().or(all).unwrap_or(&j.get);
            format!("m.{accessor}()")
        };
        let (implicit, condition, method, value) = match f.cardinality {
            Cardinality::Repeated => (true, count, "list", read(j.get_all.as_ref())),
            Cardinality::Map { .. } => (true, count, "map", read(j.get_all.as_ref())),
            _ => {
                let value = match (enum_id, &j.get_value) {
                    (Some(_), None) => format!("m.{}().getNumber()", j.get),
                    _ => read(None),
                };
                let condition = match (f.oneof, &j.has) {
                    (Some(o), _) => {
                        let oneof = &ctx.names.oneofs[id][o];
                        let constant = j.case_constant.as_deref().unwrap_or_default();
                        format!(
                            "m.{}() == {class}.{}.{constant}",
                            oneof.case_getter, oneof.case_enum
                        )
                    }
                    (None, Some(has)) => format!("m.{has}()"),
                    (None, None) => match kind {
                        "BOOL" => value.clone(),
                        "STRING" | "BYTES" => format!("!{value}.isEmpty()"),
                        _ => format!("{value} != 0"),
                    },
                };
                (j.has.is_none(), condition, method_of(kind), value)
            }
        };
        let name = literal(&f.name);
        let json = literal(&f.json_name);
        let mut info = vec![match map_key {
            Some(key) => format!(
                "FieldInfo.map({name}, {json}, {}, Kind.{key}, Kind.{kind})",
                f.number
            ),
            None => format!(
                "FieldInfo.of({name}, {json}, {}, Kind.{kind}, Cardinality.{cardinality})",
                f.number
            ),
        }];
        if let Some(e) = &enum_info {
            info.push(format!("    .enumType({e})"));
        }
        if !f.options.legacy_key.is_empty() {
            info.push(format!(
                "    .legacyKey({})",
                literal(&f.options.legacy_key)
            ));
        }
        if f.options.pii {
            info.push("    .pii()".into());
        }
        if f.options.omit_from_map {
            info.push("    .omitFromMap()".into());
        }
        if !f.options.vendor_key.is_empty() {
            info.push(format!(
                "    .vendorKey({})",
                literal(&f.options.vendor_key)
            ));
        }
        if !f.json.is_none() {
            info.push(format!("    .json({})", java_field_format(f.json)));
        }
        if schema.is_timestamp(f.ty) {
            info.push("    .timestamp()".into());
        }
        if f.oneof.is_some() {
            info.push("    .oneof()".into());
        }
        fields.push(FieldView {
            info,
            name: literal(&f.name),
            json_name: literal(&f.json_name),
            number: f.number,
            kind,
            cardinality,
            map_key,
            enum_info,
            legacy_key: (!f.options.legacy_key.is_empty()).then(|| literal(&f.options.legacy_key)),
            pii: f.options.pii,
            omit_from_map: f.options.omit_from_map,
            condition,
            implicit,
            method,
            value,
            adapter,
        });
    }
    let constant = ctx.names.message_constants[id].clone().unwrap_or_default();
    Ok(MessageView {
        doc: doc_lines(&m.comments),
        constant,
        class,
        full_name: literal(&m.full_name),
        proto_name: m.full_name.clone(),
        event_name: m.event_name.as_deref().map(literal),
        fields,
    })
}

fn file_view(ctx: &mut Ctx<'_>, file: FileId, header: &str) -> Result<FileView, Error> {
    let schema = ctx.schema;
    let f = &schema.files[file];
    let mut enums = Vec::new();
    for (id, e) in schema.enums.iter().enumerate() {
        if e.file != file {
            continue;
        }
        let constant = &ctx.names.enum_constants[id];
        let values: Vec<(i32, String)> = e
            .first_names_by_number()
            .into_iter()
            .map(|(n, name)| (n, literal(name)))
            .collect();
        enums.push(EnumView {
            constant: constant.clone(),
            full_name: literal(&e.full_name),
            numbers: values.iter().map(|(n, _)| *n).collect(),
            names: values.into_iter().map(|(_, s)| s).collect(),
        });
    }
    let ids: Vec<MessageId> = (0..schema.messages.len())
        .filter(|&id| schema.messages[id].file == file && ctx.names.message_constants[id].is_some())
        .collect();
    let mut messages = Vec::new();
    let mut interfaces = Vec::new();
    let mut setters = Vec::new();
    for &id in &ids {
        messages.push(message_view(ctx, file, id)?);
        let m = &schema.messages[id];
        for (o, oneof) in m.oneofs.iter().enumerate() {
            let names = &ctx.names.oneofs[id][o];
            let envelope = ctx.names.messages[id].clone();
            let setter = names.setter.clone();
            if let (Some(name), true) = (&names.member_interface, ctx.java_insert) {
                interfaces.push(InterfaceView {
                    name: name.clone(),
                    envelope: envelope.clone(),
                    proto_name: m.full_name.clone(),
                    oneof: oneof.name.clone(),
                    method: names.member_method.clone(),
                    setter: setter.clone(),
                });
            }
            if names.member_interface.is_none() {
                continue;
            }
            for &i in &oneof.fields {
                if let FieldType::Message(t) = m.fields[i].ty {
                    setters.push(SetterView {
                        envelope: envelope.clone(),
                        name: setter.clone(),
                        member: ctx.names.messages[t].clone(),
                        field_setter: ctx.names.fields[id][i].set.clone(),
                        oneof: oneof.name.clone(),
                    });
                }
            }
        }
    }
    Ok(FileView {
        header: header.lines().map(str::to_string).collect(),
        source: f.name.clone(),
        package: ctx.names.files[file].package.clone(),
        class_name: ctx.names.files[file].adapter_class.clone(),
        runtime: RUNTIME,
        enums,
        messages,
        interfaces,
        setters,
    })
}

/// The Java (and for `target=kotlin` also Kotlin) files for `files`, by output path.
pub fn files(
    schema: &Schema,
    names: &JavaNames,
    files: &[FileId],
    params: &Params,
    header: &str,
) -> Result<BTreeMap<String, String>, Error> {
    let dir = params.templates.as_deref();
    let env = templates::environment(dir)?;
    let mut ctx = Ctx {
        schema,
        names,
        java_insert: params.java_insert,
    };
    let mut out = BTreeMap::new();
    for &file in files {
        let view = file_view(&mut ctx, file, header)?;
        let base = names.files[file].adapter_path();
        let java = templates::render(&env, dir, "java/adapter.java.jinja", &view)?;
        out.insert(format!("{base}.java"), java);
        if params.target == Target::Kotlin {
            let kotlin = templates::render(&env, dir, "kotlin/extensions.kt.jinja", &view)?;
            out.insert(format!("{base}.kt"), kotlin);
        }
    }
    Ok(out)
}

#[derive(Serialize)]
struct ClassScopeView {
    runtime: &'static str,
    class: String,
    adapter: String,
    constant: String,
    members: Vec<MemberOfView>,
}

#[derive(Serialize)]
struct MemberOfView {
    interface: String,
    envelope: String,
    method: String,
    field_setter: String,
}

#[derive(Serialize)]
struct BuilderScopeView {
    envelope: String,
    setters: Vec<BuilderSetterView>,
}

#[derive(Serialize)]
struct BuilderSetterView {
    interface: String,
    setter: String,
    method: String,
    oneof: String,
}

#[derive(Serialize)]
struct ImplementsView {
    interfaces: Vec<String>,
}

/// With `java_insert`: what goes into the classes protoc's `--java_out` writes for `files`,
/// as (file, insertion point, content). Messages of other files are left alone (protoc can
/// only insert into files of the same run).
pub fn insertions(
    schema: &Schema,
    names: &JavaNames,
    files: &[FileId],
    params: &Params,
) -> Result<Vec<(String, String, String)>, Error> {
    if !params.java_insert {
        return Ok(Vec::new());
    }
    let dir = params.templates.as_deref();
    let env = templates::environment(dir)?;
    let generated = |id: MessageId| {
        let m = &schema.messages[id];
        files.contains(&m.file) && !m.map_entry
    };
    let adapter_of = |file: FileId| names.files[file].qualify(&names.files[file].adapter_class);
    let mut members: BTreeMap<MessageId, Vec<MemberOfView>> = BTreeMap::new();
    let mut implements: BTreeMap<MessageId, Vec<String>> = BTreeMap::new();
    let mut builders: BTreeMap<MessageId, Vec<BuilderSetterView>> = BTreeMap::new();
    for id in (0..schema.messages.len()).filter(|&id| generated(id)) {
        let m = &schema.messages[id];
        for (o, oneof) in m.oneofs.iter().enumerate() {
            let names_o = &names.oneofs[id][o];
            let Some(interface) = &names_o.member_interface else {
                continue;
            };
            let interface = format!("{}.{interface}", adapter_of(m.file));
            let method = names_o.member_method.clone();
            builders.entry(id).or_default().push(BuilderSetterView {
                interface: interface.clone(),
                setter: names_o.setter.clone(),
                method: method.clone(),
                oneof: oneof.name.clone(),
            });
            for &i in &oneof.fields {
                let FieldType::Message(t) = m.fields[i].ty else {
                    continue;
                };
                if !generated(t) {
                    continue;
                }
                implements.entry(t).or_default().push(interface.clone());
                members.entry(t).or_default().push(MemberOfView {
                    interface: interface.clone(),
                    envelope: names.messages[id].clone(),
                    method: method.clone(),
                    field_setter: names.fields[id][i].set.clone(),
                });
            }
        }
    }
    let mut out = Vec::new();
    for id in (0..schema.messages.len()).filter(|&id| generated(id)) {
        let m = &schema.messages[id];
        let file = names.message_files[id].clone();
        let constant = names.message_constants[id].clone().unwrap_or_default();
        let view = ClassScopeView {
            runtime: RUNTIME,
            class: names.messages[id].clone(),
            adapter: adapter_of(m.file),
            constant,
            members: members.remove(&id).unwrap_or_default(),
        };
        let text = templates::render(&env, dir, "java/insert_class_scope.java.jinja", &view)?;
        out.push((file.clone(), format!("class_scope:{}", m.full_name), text));
        if let Some(interfaces) = implements.remove(&id) {
            let view = ImplementsView { interfaces };
            let text = templates::render(&env, dir, "java/insert_implements.java.jinja", &view)?;
            out.push((
                file.clone(),
                format!("message_implements:{}", m.full_name),
                text,
            ));
        }
        if let Some(setters) = builders.remove(&id) {
            let view = BuilderScopeView {
                envelope: names.messages[id].clone(),
                setters,
            };
            let text = templates::render(&env, dir, "java/insert_builder_scope.java.jinja", &view)?;
            out.push((file, format!("builder_scope:{}", m.full_name), text));
        }
    }
    Ok(out)
}

/// The runtime's `FieldFormat` for `f`: `dev.prostvsco.FieldFormat.NONE.bytes(...)...`,
/// fully qualified (generated files import only what every file uses).
fn java_field_format(f: prost_vsco::json::FieldFormat) -> String {
    let mut e = format!("{RUNTIME}.FieldFormat.NONE");
    for (choice, form) in crate::model::json::json_choices(f) {
        let (ty, form) = (choice.type_names().1, form.java);
        e.push_str(&format!(
            ".{}({RUNTIME}.JsonOptions.{ty}.{form})",
            choice.name()
        ));
    }
    e
}

//! Swift extensions: per `.proto` file, one `<file>.vsco.swift` beside protoc-gen-swift's
//! `<file>.pb.swift`, giving every message a field table and a visit (`VscoMessage`, whose
//! runtime methods give `asDictionary`, `toLegacyJson` and `vendorProperties`), every enum its
//! names, and every oneof with message members a member protocol and a typed setter. The view
//! models here decide every name, literal and expression; the template only loops.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::emit::templates;
use crate::error::Error;
use crate::model::swift::SwiftNames;
use crate::model::{
    Cardinality, Comments, FieldType, FileId, MessageId, NULL_VALUE, Scalar, Schema,
    is_protobuf_own, mobile_well_known,
};
use crate::params::{Params, SwiftVisibility};

#[derive(Serialize)]
struct FileView {
    header: Vec<String>,
    source: String,
    /// `public ` / `package ` / empty: the access level of every declaration.
    access: &'static str,
    enums: Vec<EnumView>,
    messages: Vec<MessageView>,
    protocols: Vec<ProtocolView>,
}

#[derive(Serialize)]
struct EnumView {
    doc: Vec<String>,
    swift: String,
    full_name: String,
    numbers: String,
    names: String,
    /// Per case (aliases left out), `.case` and its proto name as a literal.
    cases: Vec<CaseView>,
    /// `.UNRECOGNIZED`, for open enums.
    unrecognized: Option<String>,
}

#[derive(Serialize)]
struct CaseView {
    case: String,
    name: String,
}

#[derive(Serialize)]
struct MessageView {
    doc: Vec<String>,
    swift: String,
    /// The full proto name as a Swift literal, and as text for comments.
    full_name: String,
    proto_name: String,
    event_name: Option<String>,
    fields: Vec<FieldView>,
    /// The oneofs the visit reads, each once into a local that its members' conditions
    /// match: read per member, the enum was copied out of swift-protobuf's storage once for
    /// each of them.
    oneofs: Vec<OneofRead>,
}

#[derive(Serialize)]
struct OneofRead {
    /// `oneof0`.
    local: String,
    /// The envelope's property, `body`.
    property: String,
}

#[derive(Serialize)]
struct FieldView {
    /// `FieldInfo(...)`.
    info: String,
    /// The Swift condition under which the field is visited.
    condition: String,
    /// The visitor call after `v.`, with `{index}` to fill.
    call: String,
}

#[derive(Serialize)]
struct ProtocolView {
    name: String,
    envelope: String,
    proto_name: String,
    oneof: String,
    property: String,
    method: String,
    setter: String,
    members: Vec<MemberView>,
}

#[derive(Serialize)]
struct MemberView {
    swift: String,
    /// `Telemetry_V1_Event.OneOf_Body.login`: in full, so that a member named `none` or
    /// `some` can never be read as one of `Optional`'s cases.
    case: String,
}

/// A Swift string literal of `s`.
fn literal(s: &str) -> String {
    super::quoted_literal(s, |c| {
        ((c as u32) < 0x20 || c == '\u{7f}').then(|| format!("\\u{{{:x}}}", c as u32))
    })
}

/// Comment lines for `///`.
fn doc_lines(comments: &Comments) -> Vec<String> {
    comments
        .doc_lines()
        .into_iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l).trim_end().to_string())
        .collect()
}

/// The runtime's `Kind` of a field's type (`.int32`).
fn kind_of(ty: FieldType) -> String {
    match ty {
        FieldType::Scalar(s) => format!(".{}", s.folded_kind()),
        FieldType::Enum(_) => ".enumeration".into(),
        FieldType::Message(_) | FieldType::Group(_) => ".message".into(),
    }
}

/// The visitor call for a singular scalar or enum field holding `x`: `string(f[0], x)`, by
/// the Swift type, which the legacy JSON writer takes without building a `FieldValue`.
fn scalar_call(ty: FieldType, x: &str) -> String {
    match ty {
        FieldType::Scalar(s) => format!("{}(f[{{index}}], {x})", s.folded_kind()),
        FieldType::Enum(_) => format!("enumNumber(f[{{index}}], {x}.rawValue)"),
        FieldType::Message(_) | FieldType::Group(_) => format!("message(f[{{index}}], {x})"),
    }
}

/// The `FieldValue` of a Swift value `x` of type `ty` (`.string(x)`, `.enumNumber(x.rawValue)`):
/// generated visits build it themselves, so no generic call is left to specialize.
fn wrap(ty: FieldType, x: &str) -> String {
    match ty {
        FieldType::Enum(_) => format!(".enumNumber({x}.rawValue)"),
        FieldType::Message(_) | FieldType::Group(_) => format!(".message({x})"),
        FieldType::Scalar(s) => format!(".{}({x})", s.folded_kind()),
    }
}

/// The `EnumInfo` of enum `id`.
fn enum_info(schema: &Schema, names: &SwiftNames, id: usize) -> Option<String> {
    let e = &schema.enums[id];
    if e.full_name == NULL_VALUE {
        return Some("ProstVsco.nullValueInfo".into());
    }
    // Other enums of swift-protobuf's own files have no table: their values go by number.
    (!is_protobuf_own(&e.full_name)).then(|| format!("{}.vscoInfo", names.enums[id]))
}

fn message_view(schema: &Schema, names: &SwiftNames, id: MessageId) -> Result<MessageView, Error> {
    let m = &schema.messages[id];
    let order = m.number_order();
    let mut fields = Vec::new();
    let mut oneofs: Vec<OneofRead> = Vec::new();
    for i in order {
        let f = &m.fields[i];
        let s = &names.fields[id][i];
        if let FieldType::Message(t) | FieldType::Group(t) = f.ty {
            let full = &schema.messages[t].full_name;
            if is_protobuf_own(full) && mobile_well_known(full).is_none() {
                return Err(Error::schema(
                    format!("field {}.{}", m.full_name, f.name),
                    format!("has type {full}, which the Swift runtime has no table for"),
                ));
            }
        }
        let kind = kind_of(f.ty);
        let mut args = vec![
            literal(&f.name),
            format!("json: {}", literal(&f.json_name)),
            f.number.to_string(),
            kind.to_string(),
        ];
        let value = format!("self.{}", s.property);
        let (cardinality, condition, call) = match f.cardinality {
            // Strings and string maps as they are (`FieldVisitor.strings`, `stringMap`).
            Cardinality::Repeated if f.ty == FieldType::Scalar(Scalar::String) => (
                ".repeated",
                format!("all || !{value}.isEmpty"),
                format!("strings(f[{{index}}], {value})"),
            ),
            Cardinality::Repeated => (
                ".repeated",
                format!("all || !{value}.isEmpty"),
                format!("list(f[{{index}}], {value}.map {{ {} }})", wrap(f.ty, "$0")),
            ),
            Cardinality::Map {
                key: Scalar::String,
                ..
            } if f.ty == FieldType::Scalar(Scalar::String) => (
                ".map",
                format!("all || !{value}.isEmpty"),
                format!("stringMap(f[{{index}}], {value})"),
            ),
            Cardinality::Map { key, .. } => (
                ".map",
                format!("all || !{value}.isEmpty"),
                format!(
                    "map(f[{{index}}], {value}.map {{ (key: {}, value: {}) }})",
                    wrap(FieldType::Scalar(key), "$0.key"),
                    wrap(f.ty, "$0.value")
                ),
            ),
            _ => {
                // Messages go to `message`, which takes them without boxing.
                let call = |x: &str| scalar_call(f.ty, x);
                let single = call("x");
                match (&s.case, f.oneof, &s.has) {
                    (Some(case), Some(o), _) => {
                        let local = format!("oneof{o}");
                        if !oneofs.iter().any(|r| r.local == local) {
                            oneofs.push(OneofRead {
                                local: local.clone(),
                                property: names.oneofs[id][o].property.clone(),
                            });
                        }
                        (
                            ".optional",
                            format!("case {case}(let x)? = {local}"),
                            single,
                        )
                    }
                    (_, _, Some(has)) => (".optional", format!("self.{has}"), call(&value)),
                    _ => {
                        let nondefault = match f.ty {
                            FieldType::Scalar(Scalar::Bool) => value.clone(),
                            FieldType::Scalar(Scalar::String | Scalar::Bytes) => {
                                format!("!{value}.isEmpty")
                            }
                            FieldType::Enum(_) => format!("{value}.rawValue != 0"),
                            _ => format!("{value} != 0"),
                        };
                        (
                            ".implicit",
                            format!("all || {nondefault}"),
                            scalar_call(f.ty, &value),
                        )
                    }
                }
            }
        };
        args.push(cardinality.to_string());
        if let Cardinality::Map { key, .. } = f.cardinality {
            args.push(format!("mapKey: {}", kind_of(FieldType::Scalar(key))));
        }
        if let FieldType::Enum(e) = f.ty
            && let Some(info) = enum_info(schema, names, e)
        {
            args.push(format!("enumInfo: {info}"));
        }
        if !f.options.legacy_key.is_empty() {
            args.push(format!("legacyKey: {}", literal(&f.options.legacy_key)));
        }
        if !f.options.vendor_key.is_empty() {
            args.push(format!("vendorKey: {}", literal(&f.options.vendor_key)));
        }
        if f.options.pii {
            args.push("pii: true".into());
        }
        if f.options.omit_from_map {
            args.push("omitFromMap: true".into());
        }
        if f.oneof.is_some() {
            args.push("oneof: true".into());
        }
        if !f.json.is_none() {
            let choices: Vec<String> = crate::model::json::json_choices(f.json)
                .into_iter()
                .map(|(choice, form)| format!("{}: .{}", choice.name(), form.swift))
                .collect();
            args.push(format!("jsonFormat: FieldFormat({})", choices.join(", ")));
        }
        if schema.is_timestamp(f.ty) {
            args.push("timestamp: true".into());
        }
        let index = fields.len().to_string();
        fields.push(FieldView {
            info: format!("FieldInfo({})", args.join(", ")),
            condition,
            call: call.replace("{index}", &index),
        });
    }
    Ok(MessageView {
        doc: doc_lines(&m.comments),
        swift: names.messages[id].clone(),
        full_name: literal(&m.full_name),
        proto_name: m.full_name.clone(),
        event_name: m.event_name.as_deref().map(literal),
        fields,
        oneofs,
    })
}

fn file_view(
    schema: &Schema,
    names: &SwiftNames,
    file: FileId,
    header: &str,
    access: &'static str,
) -> Result<FileView, Error> {
    let mut enums = Vec::new();
    for (id, e) in schema.enums.iter().enumerate() {
        if e.file != file {
            continue;
        }
        let values: Vec<(i32, String)> = e
            .first_names_by_number()
            .into_iter()
            .map(|(n, name)| (n, literal(name)))
            .collect();
        let swift = &names.enum_cases[id];
        let cases = e
            .values
            .iter()
            .zip(&swift.cases)
            .filter_map(|(v, case)| {
                Some(CaseView {
                    case: format!(".{}", case.as_ref()?),
                    name: literal(&v.name),
                })
            })
            .collect();
        enums.push(EnumView {
            doc: doc_lines(&e.comments),
            swift: names.enums[id].clone(),
            full_name: literal(&e.full_name),
            numbers: values
                .iter()
                .map(|(n, _)| n.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            names: values
                .into_iter()
                .map(|(_, s)| s)
                .collect::<Vec<_>>()
                .join(", "),
            cases,
            unrecognized: swift
                .open
                .then(|| format!(".{}", crate::model::swift::UNRECOGNIZED)),
        });
    }
    let mut messages = Vec::new();
    let mut protocols = Vec::new();
    for (id, m) in schema.messages.iter().enumerate() {
        if m.file != file || m.map_entry {
            continue;
        }
        messages.push(message_view(schema, names, id)?);
        for (o, oneof) in m.oneofs.iter().enumerate() {
            let n = &names.oneofs[id][o];
            let Some(name) = &n.member_protocol else {
                continue;
            };
            let members = oneof
                .fields
                .iter()
                .filter_map(|&i| match m.fields[i].ty {
                    FieldType::Message(t) => Some(MemberView {
                        swift: names.messages[t].clone(),
                        case: format!(
                            "{}{}",
                            n.enum_type,
                            names.fields[id][i].case.as_deref().unwrap_or_default()
                        ),
                    }),
                    _ => None,
                })
                .collect();
            protocols.push(ProtocolView {
                name: name.clone(),
                envelope: names.messages[id].clone(),
                proto_name: m.full_name.clone(),
                oneof: oneof.name.clone(),
                property: n.property.clone(),
                method: n.member_method.clone(),
                setter: n.setter.clone(),
                members,
            });
        }
    }
    Ok(FileView {
        header: header.lines().map(str::to_string).collect(),
        source: schema.files[file].name.clone(),
        access,
        enums,
        messages,
        protocols,
    })
}

/// The Swift files for `files`, by output path.
pub fn files(
    schema: &Schema,
    names: &SwiftNames,
    files: &[FileId],
    params: &Params,
    header: &str,
) -> Result<BTreeMap<String, String>, Error> {
    let dir = params.templates.as_deref();
    let env = templates::environment(dir)?;
    let access = match params.swift_visibility {
        SwiftVisibility::Internal => "",
        SwiftVisibility::Public => "public ",
        SwiftVisibility::Package => "package ",
    };
    let mut out = BTreeMap::new();
    for &file in files {
        let view = file_view(schema, names, file, header, access)?;
        let swift = templates::render(&env, dir, "swift/extensions.swift.jinja", &view)?;
        out.insert(names.files[file].output.clone(), swift);
    }
    Ok(out)
}

//! Vendor keys resolved at generation time (`vendors=` parameter): for every event root (a
//! message marked `event`, or an envelope with an event message in a oneof) and every
//! selected built-in profile, the key of every field path reachable without a list or map,
//! computed with the runtime's own rules (`prost_vsco::vendor::key`), so that the tables and
//! the run-time walk agree. The same pass finds every statically known violation and records
//! the rewrites for the report.

use std::borrow::Cow;
use std::collections::BTreeMap;

use prost_vsco::vendor::key::{check_event_name, check_key, field_key};
use prost_vsco::vendor::{
    BoolFormat, Builtin, BytesFormat, DurationFormat, KeyProblem, Maps, Nesting, OnViolation,
    Profile, Repeated, TimestampFormat, U64Format,
};

use super::{Cardinality, Field, FieldType, FileId, Message, MessageId, Scalar, Schema};

/// The key tables of one event root for one profile.
#[derive(Debug, Clone)]
pub struct EventTables {
    pub message: MessageId,
    pub tables: Vec<(Builtin, Table)>,
}

/// One message's fields for one profile, in declaration order.
#[derive(Debug, Clone)]
pub struct Table {
    pub event_name: Option<Result<String, (String, KeyProblem)>>,
    pub fields: Vec<Slot>,
    /// Keys of the event clash (a root table only).
    pub clashes: bool,
}

#[derive(Debug, Clone)]
pub enum Slot {
    Omit,
    Body,
    Key {
        key: String,
        pii: bool,
        nested: Option<Box<Table>>,
    },
    Invalid {
        key: String,
        pii: bool,
        problem: KeyProblem,
    },
}

/// A statically known violation, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// `telemetry/v1/event.proto: telemetry.v1.Event.device.app_version`
    pub place: String,
    pub vendor: Builtin,
    pub message: String,
}

/// One line of the report: a key an event can send.
#[derive(Debug, Clone)]
pub struct ReportRow {
    pub key: String,
    /// The field path from the event root (`device.os_version`).
    pub path: String,
    pub value_type: String,
    pub note: String,
}

/// Tables, findings and report rows of every event root of some files.
#[derive(Debug, Default)]
pub struct VendorModel {
    pub events: Vec<EventTables>,
    pub findings: Vec<Finding>,
    /// (event root, vendor) to the rows of the report, envelope rows first.
    pub report: BTreeMap<(MessageId, Builtin), Vec<ReportRow>>,
}

/// Well-known types the runtime sends as one value (not as nested keys).
fn is_leaf_message(full_name: &str) -> bool {
    matches!(
        full_name,
        "google.protobuf.Timestamp"
            | "google.protobuf.Duration"
            | "google.protobuf.Struct"
            | "google.protobuf.Value"
            | "google.protobuf.ListValue"
            | "google.protobuf.Empty"
            | "google.protobuf.DoubleValue"
            | "google.protobuf.FloatValue"
            | "google.protobuf.Int64Value"
            | "google.protobuf.UInt64Value"
            | "google.protobuf.Int32Value"
            | "google.protobuf.UInt32Value"
            | "google.protobuf.BoolValue"
            | "google.protobuf.StringValue"
            | "google.protobuf.BytesValue"
    )
}

impl Schema {
    /// Whether the message is an event root: marked `event`, or holding an event message in
    /// one of its oneofs.
    pub fn is_event_root(&self, msg: &Message) -> bool {
        msg.event_name.is_some() || self.body_members(msg).next().is_some()
    }

    fn body_members<'a>(&'a self, msg: &'a Message) -> impl Iterator<Item = &'a Field> + 'a {
        msg.fields.iter().filter(|f| {
            f.oneof.is_some()
                && matches!(f.ty, FieldType::Message(id) if self.messages[id].event_name.is_some())
        })
    }

    /// The vendor model of the event roots among `files`' messages.
    pub fn vendor_model(&self, files: &[FileId], vendors: &[Builtin]) -> VendorModel {
        let mut model = VendorModel::default();
        if vendors.is_empty() {
            return model;
        }
        for &file in files {
            for &id in &self.files[file].messages {
                let msg = &self.messages[id];
                if msg.external.is_some() || msg.map_entry || !self.is_event_root(msg) {
                    continue;
                }
                let mut tables = Vec::new();
                for &vendor in vendors {
                    let mut pass = Pass {
                        schema: self,
                        profile: vendor.profile(),
                        vendor,
                        root: id,
                        findings: &mut model.findings,
                        rows: Vec::new(),
                        clashes: false,
                    };
                    let table = pass.root_table(msg);
                    let rows = std::mem::take(&mut pass.rows);
                    model.report.insert((id, vendor), rows);
                    tables.push((vendor, table));
                }
                model.events.push(EventTables {
                    message: id,
                    tables,
                });
            }
        }
        model
    }
}

struct Pass<'s, 'f> {
    schema: &'s Schema,
    profile: &'static Profile,
    vendor: Builtin,
    root: MessageId,
    findings: &'f mut Vec<Finding>,
    rows: Vec<ReportRow>,
    /// A key clash was found for the root.
    clashes: bool,
}

impl Pass<'_, '_> {
    fn place(&self, path: &str) -> String {
        let root = &self.schema.messages[self.root];
        let file = &self.schema.files[root.file].name;
        if path.is_empty() {
            format!("{file}: {}", root.full_name)
        } else {
            format!("{file}: {}.{path}", root.full_name)
        }
    }

    fn finding(&mut self, path: &str, message: String) {
        let place = self.place(path);
        let finding = Finding {
            place,
            vendor: self.vendor,
            message,
        };
        if !self.findings.contains(&finding) {
            self.findings.push(finding);
        }
    }

    /// The event name of `msg`, reached at `path` from the root (empty for the root).
    fn event_name(
        &mut self,
        msg: &Message,
        path: &str,
    ) -> Option<Result<String, (String, KeyProblem)>> {
        let raw = msg.event_name.as_deref()?;
        let check = check_event_name(self.profile, Cow::Borrowed(raw));
        if let Some(problem) = check.problem {
            self.finding(path, format!("event name `{raw}` {problem}"));
            return Some(Err((raw.to_string(), problem)));
        }
        if check.truncated {
            let max = self.profile.max_event_name_len().unwrap_or(0);
            self.finding(
                path,
                format!(
                    "event name `{raw}` is longer than {max} and is cut to `{}`",
                    check.key
                ),
            );
        } else if check.rewritten {
            self.finding(
                path,
                format!(
                    "event name `{raw}` has characters the vendor refuses; sent as `{}`",
                    check.key
                ),
            );
        }
        Some(Ok(check.key.into_owned()))
    }

    fn root_table(&mut self, msg: &Message) -> Table {
        let event_name = self.event_name(msg, "");
        let mut keys = Vec::new();
        let fields = self.fields(msg, None, "", 1, true, &mut vec![self.root], &mut keys);
        // Clashes and counts: the envelope's keys with each body member's in turn.
        let members: Vec<&Field> = self.schema.body_members(msg).collect();
        let count_max = self.profile.max_properties();
        let check = |pass: &mut Self, keys: &[(String, String, bool)], what: &str| {
            pass.clashes_among(keys, what);
            let count = keys.iter().filter(|(_, _, counted)| *counted).count();
            if let Some(max) = count_max
                && count > max
            {
                pass.finding(
                    "",
                    format!("{count} properties can be sent{what}, over the vendor's {max}"),
                );
            }
        };
        if members.is_empty() {
            check(self, &keys, "");
        }
        // Event members of two oneofs can be set together, and their keys are checked here
        // only against the envelope's: let the walk compare every key.
        let oneofs_with_bodies: std::collections::BTreeSet<Option<usize>> =
            members.iter().map(|f| f.oneof).collect();
        if oneofs_with_bodies.len() > 1 {
            self.clashes = true;
        }
        for member in members {
            let FieldType::Message(id) = member.ty else {
                continue;
            };
            let member_msg = &self.schema.messages[id];
            self.event_name(member_msg, &member.name);
            let mut member_keys = keys.clone();
            let mut stack = vec![self.root, id];
            self.fields(
                member_msg,
                None,
                &member.name,
                1,
                false,
                &mut stack,
                &mut member_keys,
            );
            check(self, &member_keys, &format!(" with body `{}`", member.name));
        }
        Table {
            event_name,
            fields,
            clashes: self.clashes,
        }
    }

    /// Reports every key of `keys` (key, path, counted) that an earlier one already has;
    /// `what` ends the message (` with body `login``).
    fn clashes_among(&mut self, keys: &[(String, String, bool)], what: &str) {
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        for (key, path, _) in keys {
            if let Some(first) = seen.insert(key, path) {
                self.clashes = true;
                self.finding(
                    path,
                    format!("key `{key}` is also the key of `{first}`{what}"),
                );
            }
        }
    }

    /// The slots of `msg`'s fields; `keys` collects (key, path, counted) of what lands at
    /// this level (the whole event when flattening).
    #[allow(clippy::too_many_arguments)]
    fn fields(
        &mut self,
        msg: &Message,
        prefix: Option<&str>,
        path: &str,
        depth: usize,
        root: bool,
        stack: &mut Vec<MessageId>,
        keys: &mut Vec<(String, String, bool)>,
    ) -> Vec<Slot> {
        let mut slots = Vec::with_capacity(msg.fields.len());
        // Report rows and key lists in field-number order, like the walk; slots stay in
        // declaration order.
        let mut order: Vec<usize> = (0..msg.fields.len()).collect();
        order.sort_by_key(|&i| msg.fields[i].number);
        let mut by_index: Vec<Option<Slot>> = vec![None; msg.fields.len()];
        for i in order {
            let field = &msg.fields[i];
            by_index[i] = Some(self.field(field, prefix, path, depth, root, stack, keys));
        }
        for slot in by_index {
            slots.push(slot.unwrap_or(Slot::Omit));
        }
        slots
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        field: &Field,
        prefix: Option<&str>,
        path: &str,
        depth: usize,
        root: bool,
        stack: &mut Vec<MessageId>,
        keys: &mut Vec<(String, String, bool)>,
    ) -> Slot {
        let field_path = if path.is_empty() {
            field.name.clone()
        } else {
            format!("{path}.{}", field.name)
        };
        if field.options.omit_from_map {
            return Slot::Omit;
        }
        if root
            && field.oneof.is_some()
            && matches!(field.ty, FieldType::Message(id) if self.schema.messages[id].event_name.is_some())
        {
            return Slot::Body;
        }
        let vendor_key = Some(field.options.vendor_key.as_str()).filter(|k| !k.is_empty());
        let raw = field_key(self.profile, &field.name, vendor_key, prefix).into_owned();
        let written = match prefix {
            Some(p) => format!(
                "{p}{}{}",
                self.profile.separator(),
                vendor_key.unwrap_or(&field.name)
            ),
            None => vendor_key.unwrap_or(&field.name).to_string(),
        };
        let check = check_key(self.profile, Cow::Borrowed(raw.as_str()));
        let pii = field.options.pii;
        if let Some(problem) = check.problem {
            self.finding(&field_path, format!("key `{raw}` {problem}"));
            self.rows.push(ReportRow {
                key: raw.clone(),
                path: field_path,
                value_type: "-".into(),
                note: format!("dropped: the key {problem}"),
            });
            return Slot::Invalid {
                key: raw,
                pii,
                problem,
            };
        }
        let key = check.key.into_owned();
        let mut note = Vec::new();
        if check.truncated {
            self.finding(
                &field_path,
                format!("key `{raw}` is longer than the vendor allows; cut to `{key}`"),
            );
            note.push(format!("cut from `{raw}`"));
        } else if key != written {
            note.push(format!("rewritten from `{written}`"));
        }
        if pii {
            note.push("pii: sent only with consent".into());
        }
        let nested_message = match (field.ty, field.cardinality) {
            (
                FieldType::Message(id) | FieldType::Group(id),
                Cardinality::Optional | Cardinality::Required,
            ) if !is_leaf_message(&self.schema.messages[id].full_name) => Some(id),
            _ => None,
        };
        let Some(id) = nested_message else {
            let value_type = self.value_type(field, &key);
            self.rows.push(ReportRow {
                key: key.clone(),
                path: field_path.clone(),
                value_type,
                note: note.join("; "),
            });
            let counted = !pii && self.counts(field);
            keys.push((key.clone(), field_path, counted));
            return Slot::Key {
                key,
                pii,
                nested: None,
            };
        };
        if depth + 1 > self.profile.max_depth() {
            let max = self.profile.max_depth();
            self.finding(
                &field_path,
                format!("message nests deeper than the vendor's {max} levels and is dropped"),
            );
            return Slot::Key {
                key,
                pii,
                nested: None,
            };
        }
        if stack.contains(&id) {
            // Recursive: keys below come from the run-time rules.
            keys.push((key.clone(), field_path.clone(), !pii));
            self.rows.push(ReportRow {
                key: key.clone(),
                path: field_path,
                value_type: format!(
                    "`{}` again: keys below made at run time",
                    self.schema.messages[id].full_name
                ),
                note: note.join("; "),
            });
            return Slot::Key {
                key,
                pii,
                nested: None,
            };
        }
        let child = &self.schema.messages[id];
        stack.push(id);
        let nested = match self.profile.nesting() {
            Nesting::Flatten => {
                let fields = self.fields(
                    child,
                    Some(&key),
                    &field_path,
                    depth + 1,
                    false,
                    stack,
                    keys,
                );
                Table {
                    event_name: None,
                    fields,
                    clashes: false,
                }
            }
            Nesting::Objects => {
                self.rows.push(ReportRow {
                    key: key.clone(),
                    path: field_path.clone(),
                    value_type: "object".into(),
                    note: note.join("; "),
                });
                keys.push((key.clone(), field_path.clone(), !pii));
                let mut inner = Vec::new();
                let fields = self.fields(
                    child,
                    None,
                    &field_path,
                    depth + 1,
                    false,
                    stack,
                    &mut inner,
                );
                // Keys inside the object clash among themselves only.
                self.clashes_among(&inner, "");
                Table {
                    event_name: None,
                    fields,
                    clashes: false,
                }
            }
        };
        stack.pop();
        Slot::Key {
            key,
            pii,
            nested: Some(Box::new(nested)),
        }
    }

    /// Whether the field is one property when present (lists joined or as a list, maps as
    /// objects), rather than a number of keys known only from the data.
    fn counts(&self, field: &Field) -> bool {
        if let FieldType::Message(id) = field.ty {
            match self.schema.messages[id].full_name.as_str() {
                "google.protobuf.Struct" => return self.profile.maps() == Maps::Object,
                "google.protobuf.ListValue" => return self.profile.repeated() == Repeated::List,
                "google.protobuf.Empty" => return false,
                _ => {}
            }
        }
        match field.cardinality {
            Cardinality::Repeated => match self.profile.repeated() {
                Repeated::List => true,
                Repeated::Joined => {
                    !matches!(field.ty, FieldType::Message(_) | FieldType::Group(_))
                }
                Repeated::Indexed => false,
            },
            Cardinality::Map { .. } => self.profile.maps() == Maps::Object,
            _ => true,
        }
    }

    /// The vendor type a field's value travels as, for the report.
    fn value_type(&self, field: &Field, key: &str) -> String {
        let p = self.profile;
        let sep = p.separator();
        let single = match field.ty {
            FieldType::Scalar(s) => match s {
                Scalar::Bool => match p.bools() {
                    BoolFormat::Bool => "bool",
                    BoolFormat::Int => "int (1/0)",
                    BoolFormat::String => "string (true/false)",
                },
                Scalar::Double | Scalar::Float => "double",
                Scalar::Uint64 | Scalar::Fixed64 => match p.u64s() {
                    U64Format::IntOrString => "int (string above 2^63-1)",
                    U64Format::String => "string (decimal)",
                    U64Format::Double => "double",
                },
                Scalar::String => "string",
                Scalar::Bytes => match p.bytes() {
                    BytesFormat::Base64 => "string (base64)",
                    BytesFormat::Hex => "string (hex)",
                    BytesFormat::Omit => "omitted",
                },
                _ => "int",
            },
            FieldType::Enum(_) => "string (enum name)",
            FieldType::Message(id) | FieldType::Group(id) => {
                match self.schema.messages[id].full_name.as_str() {
                    "google.protobuf.Timestamp" => match p.timestamps() {
                        TimestampFormat::Rfc3339 => "string (RFC 3339)",
                        TimestampFormat::EpochMillis => "int (epoch ms)",
                        TimestampFormat::EpochSeconds => "double (epoch s)",
                    },
                    "google.protobuf.Duration" => match p.durations() {
                        DurationFormat::Seconds => "double (s)",
                        DurationFormat::Millis => "int (ms)",
                        DurationFormat::String => "string (`1.5s`)",
                    },
                    "google.protobuf.Struct" => {
                        return match p.maps() {
                            Maps::Object => "object".into(),
                            Maps::PrefixedKeys => {
                                format!("a value per entry, keys `{key}{sep}<map key>`")
                            }
                        };
                    }
                    "google.protobuf.ListValue" => {
                        return match p.repeated() {
                            Repeated::List => "list".into(),
                            _ => format!(
                                "a value per element, keys `{key}{sep}0`, `{key}{sep}1`, ..."
                            ),
                        };
                    }
                    "google.protobuf.Value" => "any",
                    "google.protobuf.Empty" => "omitted",
                    "google.protobuf.DoubleValue" | "google.protobuf.FloatValue" => "double",
                    "google.protobuf.StringValue" => "string",
                    "google.protobuf.BytesValue" => "string (base64)",
                    "google.protobuf.BoolValue" => "bool",
                    "google.protobuf.UInt64Value" => "int (string above 2^63-1)",
                    w if w.ends_with("Value") => "int",
                    _ => "object",
                }
            }
        };
        match field.cardinality {
            Cardinality::Repeated => match p.repeated() {
                Repeated::List => format!("list of {single}"),
                Repeated::Joined
                    if !matches!(field.ty, FieldType::Message(_) | FieldType::Group(_)) =>
                {
                    format!("string (joined with `{}`)", p.join_separator())
                }
                _ => format!("{single} per element, keys `{key}{sep}0`, `{key}{sep}1`, ..."),
            },
            Cardinality::Map { .. } => match p.maps() {
                Maps::Object => format!("object of {single}"),
                Maps::PrefixedKeys => format!("{single} per entry, keys `{key}{sep}<map key>`"),
            },
            _ => single.to_string(),
        }
    }
}

/// The violation policy's word for the report.
pub fn on_violation_name(p: &Profile) -> &'static str {
    match p.on_violation() {
        OnViolation::Truncate => "truncate",
        OnViolation::Drop => "drop",
        OnViolation::Error => "error",
    }
}

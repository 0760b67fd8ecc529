//! Vendor keys resolved at generation time (`vendors=` parameter): for every event root (a
//! message marked `event`, or an envelope with an event message in a oneof) and every
//! selected built-in profile, the key of every field path reachable without a list or map,
//! computed with the runtime's own rules (`prost_vsco::vendor::key`), so that the tables and
//! the run-time walk agree. The same pass finds every statically known violation and records
//! the rewrites for the report.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use prost_vsco::vendor::key::{KeyCheck, check_event_name, check_key, clean, field_key, segment};
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
    /// A root table only: a key made at run time (from a map key or a list index) cannot
    /// equal another key of the event unless the walk rewrites or cuts one, so the walk
    /// need not compare keys when it did neither (see `Pass::apart`).
    pub keys_apart: bool,
    /// The table of a list element's or map value's message in a flat profile (see
    /// `Pass::below`): each key is the field's own segment, to be joined to its
    /// parent's key at run time.
    pub relative: bool,
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
    /// Every message an event root of the schema reaches through its fields (the roots
    /// included, lists and maps too, in any file): the walk reads these through generated
    /// code (`vendor_fields`) instead of reflection's batches.
    pub walked: BTreeSet<MessageId>,
}

/// Whether the profile refuses a character of `name` past its start, where the runtime
/// replaces it with `_`: a violation. Refused characters at the start are only dropped, as the
/// profile's stripped ones are, so that one `vendor_key: "$insert_id"` names Mixpanel's own
/// property and Firebase's `insert_id` (the report notes the rewrite).
fn refused_inside(profile: &Profile, name: &str) -> bool {
    let (cleaned, _) = clean(profile, Cow::Borrowed(name));
    !name.ends_with(&*cleaned)
}

/// The field's `vendor_key` option, when it sets one.
fn vendor_key(field: &Field) -> Option<&str> {
    Some(field.options.vendor_key.as_str()).filter(|k| !k.is_empty())
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

    /// The messages of the schema that event roots reach (see [`VendorModel::walked`]).
    fn reached_from_events(&self) -> BTreeSet<MessageId> {
        let mut reached = BTreeSet::new();
        let mut open: Vec<MessageId> = (0..self.messages.len())
            .filter(|&id| {
                let msg = &self.messages[id];
                msg.external.is_none() && !msg.map_entry && self.is_event_root(msg)
            })
            .collect();
        while let Some(id) = open.pop() {
            if !reached.insert(id) {
                continue;
            }
            for field in &self.messages[id].fields {
                if let FieldType::Message(next) | FieldType::Group(next) = field.ty
                    && self.messages[next].external.is_none()
                    && !reached.contains(&next)
                {
                    open.push(next);
                }
            }
        }
        reached
    }

    /// The vendor model of the event roots among `files`' messages.
    pub fn vendor_model(&self, files: &[FileId], vendors: &[Builtin]) -> VendorModel {
        let mut model = VendorModel::default();
        if vendors.is_empty() {
            return model;
        }
        model.walked = self.reached_from_events();
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
                        open: Vec::new(),
                        unproven: false,
                        dry: false,
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

/// What [`Pass::dry_pass`] finds.
struct DryPass {
    fields: Vec<Slot>,
    /// Keys of the message meet.
    clashes: bool,
    /// See [`Pass::element_apart`].
    apart: bool,
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
    /// The keys under which the walk makes keys at run time (`<key>_<map key>`,
    /// `<key>_<index>`), at the level of the keys being collected.
    open: Vec<String>,
    /// Keys made at run time could meet each other however their parents are placed
    /// (recursive messages, list elements or map values whose own keys can meet).
    /// `Struct`, `ListValue` and `Value` fields are left to the walk, which compares all keys
    /// of an event that holds one.
    unproven: bool,
    /// Computing the keys of a list element's or map value's message ([`Pass::dry_pass`]):
    /// no report rows, and in a flat profile every key as built, before the rules that apply
    /// to whole keys only (a relative key is checked again once the walk has prefixed it); in
    /// one that nests objects, the keys inside the element's object, checked.
    dry: bool,
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
        }
        if refused_inside(self.profile, raw) {
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
        let mut apart = true;
        let envelope_open = self.open.clone();
        let mut check = |pass: &mut Self, keys: &[(String, String, bool)], what: &str| {
            apart &= pass.apart(keys);
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
            self.open.clone_from(&envelope_open);
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
            keys_apart: apart && !self.unproven,
            relative: false,
        }
    }

    /// Whether keys made at run time under the open parents can meet no key of `keys` and
    /// none made under another parent: no key and no other parent starts with a parent and
    /// the separator. Within one parent, map keys and indexes are distinct, and a list
    /// element's own keys were checked apart ([`Pass::element_apart`]), so two keys made at
    /// run time can only meet when the walk rewrites a map key's characters or cuts a key to
    /// the length limit, which it notes.
    fn apart(&self, keys: &[(String, String, bool)]) -> bool {
        let sep = self.profile.separator();
        self.open.iter().enumerate().all(|(i, parent)| {
            let head = format!("{parent}{sep}");
            !keys.iter().any(|(k, _, _)| k.starts_with(&head))
                && !self
                    .open
                    .iter()
                    .enumerate()
                    .any(|(j, other)| i != j && (other == parent || other.starts_with(&head)))
        })
    }

    /// Whether the keys a list element or map value of message `id` gets below its index or
    /// map key (`items_0_...`, made at run time) can never meet each other: its fields' keys, as a flattened message
    /// at `depth`, are distinct and apart from its own open parents.
    fn element_apart(&mut self, id: MessageId, depth: usize, stack: &mut Vec<MessageId>) -> bool {
        let mut findings = Vec::new();
        let dry = self.dry_pass(id, depth, stack, &mut findings);
        for finding in findings {
            if !self.findings.contains(&finding) {
                self.findings.push(finding);
            }
        }
        dry.apart
    }

    /// The keys of message `id` as a list element or map value whose fields are at `depth`,
    /// computed apart from this pass (see [`Pass::dry`]); its findings go to `findings`.
    fn dry_pass(
        &self,
        id: MessageId,
        depth: usize,
        stack: &mut Vec<MessageId>,
        findings: &mut Vec<Finding>,
    ) -> DryPass {
        let mut dry = Pass {
            schema: self.schema,
            profile: self.profile,
            vendor: self.vendor,
            root: id,
            findings,
            rows: Vec::new(),
            clashes: false,
            open: Vec::new(),
            unproven: false,
            dry: true,
        };
        let mut keys = Vec::new();
        stack.push(id);
        let fields = dry.fields(
            &self.schema.messages[id],
            None,
            "",
            depth,
            false,
            stack,
            &mut keys,
        );
        stack.pop();
        dry.clashes_among(&keys, "");
        DryPass {
            apart: !dry.clashes && !dry.unproven && dry.apart(&keys),
            clashes: dry.clashes,
            fields,
        }
    }

    /// Whether the keys that list elements or map values of type `message` get below their
    /// index or map key, flattened from a field at `depth`, can meet each other (a message
    /// type that is recursive or not [`element_apart`](Self::element_apart)).
    fn values_meet(
        &mut self,
        message: Option<MessageId>,
        depth: usize,
        stack: &mut Vec<MessageId>,
    ) -> bool {
        message.is_some_and(|id| {
            !is_leaf_message(&self.schema.messages[id].full_name)
                && (stack.contains(&id) || !self.element_apart(id, depth + 1, stack))
        })
    }

    /// Records what a field sent under `key` makes at run time at this level of keys (see
    /// [`Pass::open`] and [`Pass::unproven`]). `nested`: its message is walked at run time
    /// without a table (recursive).
    fn runtime_keys(
        &mut self,
        field: &Field,
        key: &str,
        depth: usize,
        recursive: bool,
        stack: &mut Vec<MessageId>,
    ) {
        let p = self.profile;
        let flatten = p.nesting() == Nesting::Flatten;
        let message = match field.ty {
            FieldType::Message(id) | FieldType::Group(id) => Some(id),
            _ => None,
        };
        let name = message.map(|id| self.schema.messages[id].full_name.as_str());
        // `Struct`, `ListValue` and `Value` hold data of any shape: maps of maps as
        // `<key>_a_b` from two map keys.
        let container = matches!(
            name,
            Some("google.protobuf.Struct" | "google.protobuf.ListValue" | "google.protobuf.Value")
        );
        match field.cardinality {
            // Their keys can meet anything: the walk compares every key of an event where
            // one is present (see `Walk::unsure` in the runtime).
            _ if container => {}
            Cardinality::Map { .. } if p.maps() == Maps::PrefixedKeys => {
                self.open.push(key.to_string());
                // An entry's message flattens under `<key>_<map key>` like a list element
                // under its index; a map key holding the separator can still meet another
                // entry's keys, and the walk compares all keys when it meets one.
                self.unproven |= flatten && self.values_meet(message, depth, stack);
            }
            Cardinality::Repeated => {
                let indexed = match p.repeated() {
                    Repeated::List => false,
                    Repeated::Joined => message.is_some(),
                    Repeated::Indexed => true,
                };
                if !indexed {
                    return;
                }
                self.open.push(key.to_string());
                self.unproven |= flatten && self.values_meet(message, depth, stack);
            }
            _ if recursive && flatten => self.unproven = true,
            _ => {}
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
        let order = msg.number_order();
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
        let vendor_key = vendor_key(field);
        let raw = field_key(self.profile, &field.name, vendor_key, prefix).into_owned();
        let written = match prefix {
            Some(p) => format!(
                "{p}{}{}",
                self.profile.separator(),
                vendor_key.unwrap_or(&field.name)
            ),
            None => vendor_key.unwrap_or(&field.name).to_string(),
        };
        // A relative key in a flat profile is checked once the walk has prefixed it; in one
        // that nests objects it is the whole key of the element's member.
        let check = if self.dry && self.profile.nesting() == Nesting::Flatten {
            KeyCheck {
                key: Cow::Borrowed(raw.as_str()),
                rewritten: false,
                truncated: false,
                problem: None,
            }
        } else {
            check_key(self.profile, Cow::Borrowed(raw.as_str()))
        };
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
        if refused_inside(
            self.profile,
            &segment(self.profile, &field.name, vendor_key),
        ) {
            self.finding(
                &field_path,
                format!("key `{written}` has characters the vendor refuses; sent as `{key}`"),
            );
        }
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
            self.runtime_keys(field, &key, depth, false, stack);
            let nested = match self.profile.nesting() {
                Nesting::Flatten if !self.dry => self.below(field, depth, stack),
                Nesting::Flatten => None,
                Nesting::Objects => self.element_objects(field, depth, stack),
            };
            return Slot::Key {
                key,
                pii,
                nested: nested.map(Box::new),
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
            self.runtime_keys(field, &key, depth, true, stack);
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
                    keys_apart: false,
                    relative: false,
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
                    keys_apart: false,
                    relative: false,
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

    /// The table of the objects a list field's message elements or a map field's message
    /// values become in a profile that nests objects: the keys inside each object, as for a
    /// nested message (the list or map itself is one property). `None` where the walk makes
    /// no such object (a well-known type, a recursive message, past the depth limit, lists or
    /// maps sent otherwise) or where the keys inside clash, which the walk then compares.
    fn element_objects(
        &mut self,
        field: &Field,
        depth: usize,
        stack: &mut Vec<MessageId>,
    ) -> Option<Table> {
        let p = self.profile;
        let objects = match field.cardinality {
            Cardinality::Repeated => p.repeated() == Repeated::List,
            Cardinality::Map { .. } => p.maps() == Maps::Object,
            _ => false,
        };
        // The list or map is one level, its objects the next.
        let fields_depth = depth + 2;
        let id = self
            .walked_message(field, fields_depth, stack)
            .filter(|_| objects)?;
        // The keys inside the objects are the schema's: what the rules change in them is
        // reported here, as for a nested message's (the walk records nothing for a key from
        // a table).
        let mut findings = Vec::new();
        let dry = self.dry_pass(id, fields_depth, stack, &mut findings);
        for finding in findings {
            if !self.findings.contains(&finding) {
                self.findings.push(finding);
            }
        }
        (!dry.clashes).then_some(Table {
            event_name: None,
            fields: dry.fields,
            clashes: false,
            keys_apart: false,
            relative: false,
        })
    }

    /// The message of `field` when the walk goes into it with its fields at `fields_depth`: not
    /// a well-known type (sent as one value), not one the walk is already in (recursive, keyed
    /// at run time), within the depth limit.
    fn walked_message(
        &self,
        field: &Field,
        fields_depth: usize,
        stack: &[MessageId],
    ) -> Option<MessageId> {
        let (FieldType::Message(id) | FieldType::Group(id)) = field.ty else {
            return None;
        };
        let walked = fields_depth <= self.profile.max_depth()
            && !is_leaf_message(&self.schema.messages[id].full_name)
            && !stack.contains(&id);
        walked.then_some(id)
    }

    /// The relative table of the message that `field` (of a message whose fields are at
    /// `depth`) flattens into below a key made from data: a list element's or map value's
    /// (`items_0_...`), and within those a nested message's. Each key is the field's own
    /// segment, which the walk joins to its parent's key and checks for length and reserved
    /// prefixes only, without cleaning it again. `None` where the walk does not flatten the
    /// message (a well-known type, a recursive message, past the depth limit, a profile that
    /// nests objects or sends lists as lists).
    fn below(&self, field: &Field, depth: usize, stack: &mut Vec<MessageId>) -> Option<Table> {
        let p = self.profile;
        let flattened = p.nesting() == Nesting::Flatten
            && match field.cardinality {
                Cardinality::Implicit | Cardinality::Optional | Cardinality::Required => true,
                Cardinality::Repeated => p.repeated() != Repeated::List,
                Cardinality::Map { .. } => p.maps() == Maps::PrefixedKeys,
            };
        let id = self
            .walked_message(field, depth + 1, stack)
            .filter(|_| flattened)?;
        stack.push(id);
        let fields = self.schema.messages[id]
            .fields
            .iter()
            .map(|f| {
                if f.options.omit_from_map {
                    return Slot::Omit;
                }
                let vendor_key = vendor_key(f);
                Slot::Key {
                    key: field_key(p, &f.name, vendor_key, None).into_owned(),
                    pii: f.options.pii,
                    nested: self.below(f, depth + 1, stack).map(Box::new),
                }
            })
            .collect();
        stack.pop();
        Some(Table {
            event_name: None,
            fields,
            clashes: false,
            keys_apart: false,
            relative: true,
        })
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

//! What the Rust emitter needs beyond prost's names, resolved once here so that the emitter
//! only assembles code: the module of a message's nested types, the extra JSON key of each
//! field, the bytes of proto2 `bytes` defaults, and the oneof member traits.

use std::collections::{BTreeMap, HashSet};

use super::names::{to_snake, to_upper_camel};
use super::{FieldType, FileId, MemberTrait, Scalar, Schema};

impl Schema {
    /// Fills [`Message::nested_module`](super::Message::nested_module),
    /// [`Field::json_key`](super::Field::json_key) and
    /// [`Field::default_bytes`](super::Field::default_bytes).
    pub(super) fn resolve_rust_names(&mut self) {
        for msg in &mut self.messages {
            let mut module = msg.rust.modules.clone();
            module.push(to_snake(&msg.name));
            msg.nested_module = module.join("::");
            // A field answers to its JSON name too, unless that is another field's proto
            // name or an earlier field's JSON name (the reflection's key `match` takes each
            // key once).
            let names: HashSet<String> = msg.fields.iter().map(|f| f.name.clone()).collect();
            let mut taken: HashSet<String> = HashSet::new();
            for f in &mut msg.fields {
                f.json_key = (!names.contains(&f.json_name) && taken.insert(f.json_name.clone()))
                    .then(|| f.json_name.clone());
                if f.ty == FieldType::Scalar(Scalar::Bytes) {
                    f.default_bytes = f.default.as_deref().map(unescape_c);
                }
            }
        }
        self.resolve_member_traits();
    }

    /// Fills [`Oneof::member_trait`](super::Oneof::member_trait), Rust module by Rust module:
    /// the trait names must not meet the module's top-level types or each other, in file and
    /// message order. Packages whose names differ only in case (`acme.fooBar`,
    /// `acme.foo_bar`) share a module, as prost-build names modules.
    fn resolve_member_traits(&mut self) {
        let mut modules: BTreeMap<Vec<String>, Vec<FileId>> = BTreeMap::new();
        for (id, file) in self.files.iter().enumerate() {
            let module = file
                .package
                .split('.')
                .filter(|part| !part.is_empty())
                .map(to_snake)
                .collect();
            modules.entry(module).or_default().push(id);
        }
        let mut traits = Vec::new();
        for files in modules.into_values() {
            let mut taken: HashSet<String> = HashSet::new();
            for &f in &files {
                let file = &self.files[f];
                let messages = file.messages.iter().map(|&m| &self.messages[m]);
                let enums = file.enums.iter().map(|&e| &self.enums[e]);
                taken.extend(
                    messages
                        .filter(|m| m.parent.is_none())
                        .map(|m| m.rust.ident.clone())
                        .chain(
                            enums
                                .filter(|e| e.parent.is_none())
                                .map(|e| e.rust.ident.clone()),
                        ),
                );
            }
            for &f in &files {
                for &m in &self.files[f].messages {
                    let msg = &self.messages[m];
                    if msg.external.is_some() {
                        continue;
                    }
                    for (o, oneof) in msg.oneofs.iter().enumerate() {
                        let message_members: Vec<(usize, usize)> = oneof
                            .fields
                            .iter()
                            .filter_map(|&i| match msg.fields.get(i)?.ty {
                                FieldType::Message(t) | FieldType::Group(t) => Some((i, t)),
                                _ => None,
                            })
                            .filter(|&(_, t)| is_struct(self.messages[t].external.as_deref()))
                            .collect();
                        let members: Vec<usize> = message_members
                            .iter()
                            .filter(|(_, t)| {
                                message_members.iter().filter(|(_, u)| u == t).count() == 1
                            })
                            .map(|&(i, _)| i)
                            .collect();
                        if members.is_empty() {
                            continue;
                        }
                        let package = &self.files[f].package;
                        let scope = msg
                            .full_name
                            .strip_prefix(package.as_str())
                            .unwrap_or(&msg.full_name)
                            .trim_start_matches('.');
                        let mut name: String = scope.split('.').map(to_upper_camel).collect();
                        name.push_str(&to_upper_camel(&oneof.name));
                        name.push_str("Member");
                        while !taken.insert(name.clone()) {
                            name.push('_');
                        }
                        traits.push((m, o, MemberTrait { name, members }));
                    }
                }
            }
        }
        for (m, o, t) in traits {
            if let Some(oneof) = self.messages[m].oneofs.get_mut(o) {
                oneof.member_trait = Some(t);
            }
        }
    }
}

/// True when prost gives the message type a struct of its own (not a primitive that a
/// wrapper type is mapped to, nor `()` for `Empty`).
fn is_struct(external: Option<&str>) -> bool {
    external.is_none_or(|p| p.starts_with("::") && !p.starts_with("::prost::alloc::"))
}

/// The bytes a C-escaped proto2 `bytes` default stands for (`\n`, `\x41`, `\101`, ...), as
/// prost-build unescapes it.
fn unescape_c(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 == b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        i += 1;
        let c = b[i];
        i += 1;
        match c {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'a' => out.push(0x07),
            b'b' => out.push(0x08),
            b'f' => out.push(0x0c),
            b'v' => out.push(0x0b),
            b'x' | b'X' => {
                let mut v: u32 = 0;
                let mut n = 0;
                while n < 2 && i < b.len() && b[i].is_ascii_hexdigit() {
                    v = v * 16 + (b[i] as char).to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            b'0'..=b'7' => {
                let mut v: u32 = u32::from(c - b'0');
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + u32::from(b[i] - b'0');
                    i += 1;
                    n += 1;
                }
                out.push(v as u8);
            }
            other => out.push(other),
        }
    }
    out
}

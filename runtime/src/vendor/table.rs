//! Key tables emitted by the plugin (`vendors=` parameter) for event messages: the final key of
//! every field path, resolved at generation time, so that the walk computes only values (and
//! the keys of map entries and list elements).
//!
//! A table lists the fields of one message in declaration order (the index of
//! [`MessageInfo::fields`](crate::MessageInfo)). In a profile that flattens, the keys of a
//! nested table are complete (`device_os_version`); in one that nests objects, they are the
//! keys inside the nested object.

use super::key::KeyProblem;

/// The keys of one message's fields for one profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VendorTable {
    /// The event name of an event message, after the profile's rules.
    pub event_name: Option<EventName>,
    pub fields: &'static [FieldKey],
    /// The plugin found keys of this event that clash (reported; generated anyway under
    /// `vendor_check=warn`): the walk then compares every pair of keys.
    pub clashes: bool,
    /// The plugin proved that a key the walk makes from a map key or a list index cannot
    /// equal another key of the event unless the walk rewrites or cuts it (no other key
    /// starts with the key of a map or list field and the separator; list elements' own keys
    /// are distinct): when it did neither, the walk compares no keys.
    pub keys_apart: bool,
    /// The keys are relative: each is the field's own segment, which the walk joins to the
    /// key of the message's parent (a list element's `items_0`, a map value's
    /// `labels_home`, or a nested message's below those: keys made from data at run time).
    /// The plugin makes these for the messages a flat profile sends below such keys; the
    /// walk checks the joined key's length and reserved prefixes, and computes the key as
    /// without a table when either rule would change it.
    pub relative: bool,
}

/// An event name after the profile's rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventName {
    Ok(&'static str),
    /// The name as written, and why the vendor would refuse it.
    Invalid(&'static str, KeyProblem),
}

/// What one field becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKey {
    /// `omit_from_map`: never sent.
    Omit,
    /// An event message in a oneof of the event root: its fields join the root's, and its
    /// event name names the event.
    Body,
    /// Sent under `key`; `nested` is the table of a singular message field.
    Key {
        key: &'static str,
        pii: bool,
        nested: Option<&'static VendorTable>,
    },
    /// A key the vendor would refuse: the property is dropped (or an error) when present.
    Invalid {
        key: &'static str,
        pii: bool,
        problem: KeyProblem,
    },
}

impl VendorTable {
    pub const fn new(fields: &'static [FieldKey]) -> Self {
        VendorTable {
            event_name: None,
            fields,
            clashes: false,
            keys_apart: false,
            relative: false,
        }
    }

    pub const fn event(name: &'static str, fields: &'static [FieldKey]) -> Self {
        VendorTable {
            event_name: Some(EventName::Ok(name)),
            fields,
            clashes: false,
            keys_apart: false,
            relative: false,
        }
    }

    pub const fn invalid_event(
        name: &'static str,
        problem: KeyProblem,
        fields: &'static [FieldKey],
    ) -> Self {
        VendorTable {
            event_name: Some(EventName::Invalid(name, problem)),
            fields,
            clashes: false,
            keys_apart: false,
            relative: false,
        }
    }

    /// A table of relative keys (see the `relative` field).
    pub const fn relative(fields: &'static [FieldKey]) -> Self {
        VendorTable {
            event_name: None,
            fields,
            clashes: false,
            keys_apart: false,
            relative: true,
        }
    }

    /// The same table, marked as holding clashing keys.
    pub const fn with_clashes(mut self) -> Self {
        self.clashes = true;
        self
    }

    /// The same table, marked as one whose keys made at run time meet no other key (see
    /// [`keys_apart`](Self::keys_apart)).
    pub const fn with_keys_apart(mut self) -> Self {
        self.keys_apart = true;
        self
    }
}

impl FieldKey {
    pub const fn key(key: &'static str) -> Self {
        FieldKey::Key {
            key,
            pii: false,
            nested: None,
        }
    }

    pub const fn invalid(key: &'static str, problem: KeyProblem) -> Self {
        FieldKey::Invalid {
            key,
            pii: false,
            problem,
        }
    }

    /// The same key, for a field marked `pii`.
    pub const fn pii(self) -> Self {
        match self {
            FieldKey::Key { key, nested, .. } => FieldKey::Key {
                key,
                pii: true,
                nested,
            },
            FieldKey::Invalid { key, problem, .. } => FieldKey::Invalid {
                key,
                pii: true,
                problem,
            },
            other => other,
        }
    }

    /// The same key, with the table of the nested message.
    pub const fn nested(self, table: &'static VendorTable) -> Self {
        match self {
            FieldKey::Key { key, pii, .. } => FieldKey::Key {
                key,
                pii,
                nested: Some(table),
            },
            other => other,
        }
    }
}

/// Implemented by the plugin (`vendors=` parameter) for event messages: the table of each
/// selected built-in profile. `reflect!(... vendor_tables)` makes
/// [`Reflect::vendor_table`](crate::Reflect) return it.
pub trait VendorTables {
    fn vendor_table(profile: super::Builtin) -> Option<&'static VendorTable>;
}

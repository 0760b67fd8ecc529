//! Which types get a redacting `Debug` in place of prost's: every message with a field
//! marked `pii`, and (because prost-build's `skip_debug` also matches every path under the
//! one given) every message, enum and oneof nested in it. Standalone mode only: in companion
//! mode protoc-gen-prost writes the structs and their `Debug`.

use std::collections::BTreeSet;

use super::names::type_matches;
use super::{EnumId, MessageId, Schema};
use crate::params::{Mode, Params};

/// The types whose `Debug` this plugin writes.
#[derive(Debug, Default, Clone)]
pub struct DebugRedaction {
    /// `skip_debug` paths to give prost-build (`.acme.v1.Order`).
    pub roots: Vec<String>,
    pub messages: BTreeSet<MessageId>,
    pub enums: BTreeSet<EnumId>,
}

fn under(full_name: &str, root: &str) -> bool {
    full_name == root
        || full_name
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('.'))
}

impl Schema {
    /// The redaction plan for `params` (empty in companion mode). Types the user's own
    /// `skip_debug` already selects are left to the user.
    pub fn debug_redaction(&self, params: &Params) -> DebugRedaction {
        let mut plan = DebugRedaction::default();
        if params.mode != Mode::Standalone {
            return plan;
        }
        let user = |full_name: &str| type_matches(&params.skip_debug, &format!(".{full_name}"));
        let mut roots: Vec<&str> = self
            .messages
            .iter()
            .filter(|m| m.external.is_none() && !m.map_entry)
            .filter(|m| m.fields.iter().any(|f| f.options.pii))
            .filter(|m| !user(&m.full_name))
            .map(|m| m.full_name.as_str())
            .collect();
        // A root nested in another root is covered by it.
        roots.sort();
        roots.dedup();
        let outer: Vec<&str> = roots
            .iter()
            .copied()
            .filter(|r| !roots.iter().any(|o| o != r && under(r, o)))
            .collect();
        for (id, m) in self.messages.iter().enumerate() {
            if m.external.is_none()
                && !m.map_entry
                && outer.iter().any(|r| under(&m.full_name, r))
                && !user(&m.full_name)
            {
                plan.messages.insert(id);
            }
        }
        for (id, e) in self.enums.iter().enumerate() {
            if e.external.is_none()
                && outer.iter().any(|r| under(&e.full_name, r))
                && !user(&e.full_name)
            {
                plan.enums.insert(id);
            }
        }
        plan.roots = outer.iter().map(|r| format!(".{r}")).collect();
        plan
    }
}

//! Field keys under the key-naming switches: case styles of proto names, legacy keys and
//! their aliases. Styled keys are computed once per field and style and kept for the life of
//! the process (a few bytes per field of the schema).

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use super::KeyNaming;
use crate::meta::{FieldInfo, MessageInfo};

/// A case style for keys, applied to the field's proto name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CaseStyle {
    /// `session_id`
    Snake,
    /// `sessionId`
    Camel,
    /// `SessionId`
    Pascal,
    /// `session-id`
    Kebab,
    /// `SESSION_ID`
    ScreamingSnake,
}

impl CaseStyle {
    /// `name` (a proto field name, usually snake_case) in this style. Words break at `_`,
    /// at `-`, and before an uppercase letter that follows a lowercase letter or a digit.
    pub fn apply(self, name: &str) -> String {
        let words = words(name);
        let mut out = String::with_capacity(name.len() + 4);
        for (i, word) in words.iter().enumerate() {
            match self {
                CaseStyle::Snake | CaseStyle::Kebab | CaseStyle::ScreamingSnake => {
                    if i > 0 {
                        out.push(if self == CaseStyle::Kebab { '-' } else { '_' });
                    }
                    if self == CaseStyle::ScreamingSnake {
                        out.push_str(&word.to_ascii_uppercase());
                    } else {
                        out.push_str(&word.to_ascii_lowercase());
                    }
                }
                CaseStyle::Camel | CaseStyle::Pascal => {
                    let lower = word.to_ascii_lowercase();
                    if i == 0 && self == CaseStyle::Camel {
                        out.push_str(&lower);
                    } else {
                        let mut chars = lower.chars();
                        if let Some(first) = chars.next() {
                            out.push(first.to_ascii_uppercase());
                            out.push_str(chars.as_str());
                        }
                    }
                }
            }
        }
        out
    }
}

fn words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let bytes = name.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        let b = bytes[i];
        if b == b'_' || b == b'-' {
            if i > start {
                words.push(&name[start..i]);
            }
            start = i + 1;
        } else if i > start
            && b.is_ascii_uppercase()
            && (bytes[i - 1].is_ascii_lowercase() || bytes[i - 1].is_ascii_digit())
        {
            words.push(&name[start..i]);
            start = i;
        }
    }
    if start < bytes.len() {
        words.push(&name[start..]);
    }
    words
}

type StyleCache = RwLock<HashMap<(usize, CaseStyle), &'static str>>;

fn styled(field: &'static FieldInfo, style: CaseStyle) -> &'static str {
    static CACHE: OnceLock<StyleCache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let id = (std::ptr::from_ref(field) as usize, style);
    if let Some(k) = cache.read().ok().and_then(|c| c.get(&id).copied()) {
        return k;
    }
    let key: &'static str = Box::leak(style.apply(field.name).into_boxed_str());
    if let Ok(mut c) = cache.write() {
        return c.entry(id).or_insert(key);
    }
    key
}

/// The key `field` is written under.
#[inline]
pub(crate) fn output_key(field: &'static FieldInfo, naming: KeyNaming) -> &'static str {
    match naming {
        KeyNaming::JsonName => field.json_name,
        KeyNaming::ProtoName => field.name,
        KeyNaming::Case(style) => styled(field, style),
        KeyNaming::Legacy => field.options.legacy_key.unwrap_or(field.json_name),
    }
}

/// The field a key names under `naming`, beyond the JSON and proto names that
/// `Reflect::field_index` already accepts.
pub(crate) fn extra_key_index(
    info: &'static MessageInfo,
    key: &str,
    naming: KeyNaming,
) -> Option<usize> {
    match naming {
        KeyNaming::JsonName | KeyNaming::ProtoName => None,
        KeyNaming::Case(style) => info.fields.iter().position(|f| styled(f, style) == key),
        KeyNaming::Legacy => info
            .fields
            .iter()
            .position(|f| f.options.legacy_key == Some(key) || f.options.aliases.contains(&key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_split_words_at_underscores_and_case_changes() {
        let cases = [
            (
                "session_id",
                [
                    "session_id",
                    "sessionId",
                    "SessionId",
                    "session-id",
                    "SESSION_ID",
                ],
            ),
            (
                "ip_v4_addr",
                [
                    "ip_v4_addr",
                    "ipV4Addr",
                    "IpV4Addr",
                    "ip-v4-addr",
                    "IP_V4_ADDR",
                ],
            ),
            (
                "userName",
                [
                    "user_name",
                    "userName",
                    "UserName",
                    "user-name",
                    "USER_NAME",
                ],
            ),
            ("x", ["x", "x", "X", "x", "X"]),
        ];
        let styles = [
            CaseStyle::Snake,
            CaseStyle::Camel,
            CaseStyle::Pascal,
            CaseStyle::Kebab,
            CaseStyle::ScreamingSnake,
        ];
        for (name, expected) in cases {
            for (style, want) in styles.iter().zip(expected) {
                assert_eq!(style.apply(name), want, "{name} as {style:?}");
            }
        }
    }
}

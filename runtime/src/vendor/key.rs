//! Key and event-name rules: one implementation, used by the runtime for keys it builds at
//! run time (map keys, list indexes, custom profiles) and by the plugin for the tables and the
//! vendor check it computes at generation time, so that both always agree.

use std::borrow::Cow;
use std::fmt;

use super::profile::{KeyCase, OnViolation, Profile};

/// Why a key or event name cannot be sent as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyProblem {
    /// Nothing is left once the profile's characters are applied.
    Empty,
    /// It must start with a letter.
    BadStart,
    /// It is reserved by the vendor (a reserved name or prefix).
    Reserved,
    /// It is longer than the vendor allows (`len` and `max` in the profile's key length
    /// unit).
    TooLong { len: usize, max: usize },
}

impl fmt::Display for KeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyProblem::Empty => f.write_str("is empty after removing disallowed characters"),
            KeyProblem::BadStart => f.write_str("does not start with a letter"),
            KeyProblem::Reserved => f.write_str("is reserved by the vendor"),
            KeyProblem::TooLong { len, max } => write!(f, "is {len} long, over the limit of {max}"),
        }
    }
}

/// A key or event name after the profile's rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCheck<'k> {
    /// The key to send (when `problem` is `None`).
    pub key: Cow<'k, str>,
    /// Characters were replaced or stripped.
    pub rewritten: bool,
    /// It was shortened to the limit (the profile truncates).
    pub truncated: bool,
    /// Why it cannot be sent, if it cannot.
    pub problem: Option<KeyProblem>,
}

/// The key segment of a field: its `vendor_key` option as written, else its proto name in
/// the profile's case.
pub fn segment<'n>(profile: &Profile, name: &'n str, vendor_key: Option<&'n str>) -> Cow<'n, str> {
    if let Some(key) = vendor_key {
        return Cow::Borrowed(key);
    }
    match profile.key_case {
        KeyCase::AsIs => Cow::Borrowed(name),
        KeyCase::Snake => snake(name),
        KeyCase::Camel => camel(name),
    }
}

/// `snake_case`: an `_` before every uppercase letter that follows a lowercase letter or a
/// digit, then everything lowercased.
pub fn snake(name: &str) -> Cow<'_, str> {
    // Proto field names are ASCII snake_case: one pass over the bytes says so.
    if !name
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        || !name.chars().any(|c| c.is_uppercase())
    {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 4);
    let mut prev: Option<char> = None;
    for c in name.chars() {
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            out.push('_');
        }
        out.extend(c.to_lowercase());
        prev = Some(c);
    }
    Cow::Owned(out)
}

/// `lowerCamelCase`: every `_` removed and the letter after it uppercased (protoc's JSON
/// name rule).
pub fn camel(name: &str) -> Cow<'_, str> {
    if !name.contains('_') {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The key of a field before the length and reserved-name rules: its [`segment`] with the
/// profile's characters applied, after `prefix` and the separator when it has a parent (a
/// flattened message). What the plugin's tables hold, before [`check_key`].
pub fn field_key<'n>(
    profile: &Profile,
    name: &'n str,
    vendor_key: Option<&'n str>,
    prefix: Option<&str>,
) -> Cow<'n, str> {
    field_key_cleaned(profile, name, vendor_key, prefix).0
}

/// [`field_key`], and whether cleaning changed the field's own segment (characters the
/// profile refuses replaced, or leading ones stripped).
pub fn field_key_cleaned<'n>(
    profile: &Profile,
    name: &'n str,
    vendor_key: Option<&'n str>,
    prefix: Option<&str>,
) -> (Cow<'n, str>, bool) {
    let (seg, rewritten) = clean(profile, segment(profile, name, vendor_key));
    let key = match (prefix, seg) {
        (Some(prefix), seg) => Cow::Owned(super::walk::join(prefix, profile.separator, &seg)),
        (None, seg) => seg,
    };
    (key, rewritten)
}

/// Applies the profile's key rules to a property key.
pub fn check_key<'k>(profile: &Profile, raw: Cow<'k, str>) -> KeyCheck<'k> {
    let (key, rewritten) = clean(profile, raw);
    validate(
        profile,
        key,
        rewritten,
        &profile.reserved_keys,
        profile.max_key_len,
    )
}

/// [`check_key`] for a key made of parts that are already clean (a clean prefix, the
/// separator, a clean segment): the same result without scanning the characters again.
pub fn check_clean_key<'k>(profile: &Profile, key: Cow<'k, str>) -> KeyCheck<'k> {
    validate(
        profile,
        key,
        false,
        &profile.reserved_keys,
        profile.max_key_len,
    )
}

/// Applies the profile's rules to an event name (same characters as keys, the event-name
/// length limit and reserved names).
pub fn check_event_name<'k>(profile: &Profile, raw: Cow<'k, str>) -> KeyCheck<'k> {
    let (key, rewritten) = clean(profile, raw);
    validate(
        profile,
        key,
        rewritten,
        &profile.reserved_event_names,
        profile.max_event_name_len,
    )
}

/// A key segment (a field's name, a map key, a list index) with the profile's characters
/// applied: every run of disallowed characters becomes one `_`, then the characters the
/// profile strips are removed from the start. The flag says whether anything changed.
pub fn clean<'k>(profile: &Profile, raw: Cow<'k, str>) -> (Cow<'k, str>, bool) {
    let mut key = raw;
    let mut rewritten = false;
    if !profile.allows_all(&key) {
        let mut out = String::with_capacity(key.len());
        let mut in_run = false;
        for c in key.chars() {
            if profile.allows(c) {
                out.push(c);
                in_run = false;
            } else if !in_run {
                out.push('_');
                in_run = true;
            }
        }
        key = Cow::Owned(out);
        rewritten = true;
    }
    let strip = &profile.strip_leading;
    if !strip.is_empty() && key.starts_with(|c: char| strip.contains(c)) {
        key = match key {
            Cow::Borrowed(k) => Cow::Borrowed(k.trim_start_matches(|c: char| strip.contains(c))),
            Cow::Owned(k) => {
                Cow::Owned(k.trim_start_matches(|c: char| strip.contains(c)).to_owned())
            }
        };
        rewritten = true;
    }
    (key, rewritten)
}

/// `parent`, the profile's separator and `part` as one key, when the rules keep that key as
/// it is (what [`clean`] of `part`, then [`check_clean_key`] of the whole, would give without
/// a rewrite, a cut or a problem); `None` when they might not, for the general path.
///
/// `parent` must be a key the rules accept (a table key, or one made this way): then the
/// whole starts with a letter when it must, and a reserved prefix can only match across the
/// separator, which the check below covers. For keys made at run time (map keys, list
/// indexes, the fields of list elements) this skips the general path's rescans, copies and
/// string compares: Firebase properties of the benchmark event took 18.7k -> 16.2k
/// instructions (callgrind), and the ratio to the hand-written floor went 0.444 -> 0.560.
pub(crate) fn plain_join(profile: &Profile, parent: &str, part: &str) -> Option<String> {
    if !plain_part(profile, part) {
        return None;
    }
    clean_join(profile, parent, part)
}

/// [`plain_join`] into `buf`, without an allocation, for keys that are only the prefix of
/// nested keys; `None` also when the key does not fit `buf`.
pub(crate) fn plain_join_into<'b>(
    profile: &Profile,
    parent: &str,
    part: &str,
    buf: &'b mut [u8],
) -> Option<&'b str> {
    if !plain_part(profile, part) {
        return None;
    }
    clean_join_into(profile, parent, part, buf)
}

/// Whether [`clean`] keeps `part` as it is (and it is not empty).
fn plain_part(profile: &Profile, part: &str) -> bool {
    part.chars().next().is_some_and(|first| {
        profile.allows_all(part) && !profile.strip_leading.chars().any(|c| c == first)
    })
}

/// [`plain_join`] of a `segment` that is already clean (a relative table's key: see
/// [`VendorTable::relative`](super::VendorTable)): only the rules on the whole key remain,
/// its length and the reserved names and prefixes.
pub(crate) fn clean_join(profile: &Profile, parent: &str, segment: &str) -> Option<String> {
    joined_len(profile, parent, segment)?;
    let mut key =
        String::with_capacity(parent.len() + profile.separator.len_utf8() + segment.len());
    key.push_str(parent);
    key.push(profile.separator);
    key.push_str(segment);
    (!reserved_across(profile, parent, &key)).then_some(key)
}

/// [`clean_join`] into `buf` (see [`plain_join_into`]).
pub(crate) fn clean_join_into<'b>(
    profile: &Profile,
    parent: &str,
    segment: &str,
    buf: &'b mut [u8],
) -> Option<&'b str> {
    let len = joined_len(profile, parent, segment)?;
    let mut sep = [0u8; 4];
    let sep = profile.separator.encode_utf8(&mut sep).as_bytes();
    let mut at = 0;
    for piece in [parent.as_bytes(), sep, segment.as_bytes()] {
        buf.get_mut(at..at + piece.len())?.copy_from_slice(piece);
        at += piece.len();
    }
    let key = std::str::from_utf8(buf.get(..len)?).ok()?;
    (!reserved_across(profile, parent, key)).then_some(key)
}

/// The length of `parent`, the separator and `segment` when it is within the key length
/// limit.
fn joined_len(profile: &Profile, parent: &str, segment: &str) -> Option<usize> {
    let len = parent.len() + profile.separator.len_utf8() + segment.len();
    // At most `max` bytes is at most `max` in every unit.
    if profile.max_key_len.is_some_and(|max| len > max) {
        return None;
    }
    Some(len)
}

/// Whether the joined `key` is reserved. `parent` starts with no reserved prefix, so only a
/// longer one can match the key.
fn reserved_across(profile: &Profile, parent: &str, key: &str) -> bool {
    profile.reserved_keys.iter().any(|r| *r == key)
        || profile
            .reserved_prefixes
            .iter()
            .any(|p| p.len() > parent.len() && key.starts_with(p.as_ref()))
}

/// The rules after cleaning: empty, first character, reserved names and prefixes, length.
fn validate<'k>(
    profile: &Profile,
    key: Cow<'k, str>,
    rewritten: bool,
    reserved: &[Cow<'static, str>],
    max: Option<usize>,
) -> KeyCheck<'k> {
    let reserved_key = |key: &str| {
        reserved.iter().any(|r| r == key)
            || profile
                .reserved_prefixes
                .iter()
                .any(|p| key.starts_with(p.as_ref()))
    };
    let mut check = KeyCheck {
        key,
        rewritten,
        truncated: false,
        problem: None,
    };
    if check.key.is_empty() {
        check.problem = Some(KeyProblem::Empty);
    } else if profile.key_starts_with_letter
        && !check.key.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        check.problem = Some(KeyProblem::BadStart);
    } else if reserved_key(&check.key) {
        check.problem = Some(KeyProblem::Reserved);
    } else if let Some(max) = max
        // At most `max` bytes is at most `max` in every unit: no count needed.
        && check.key.len() > max
    {
        let len = profile.key_length_unit.len(&check.key);
        if len > max {
            if profile.on_violation == OnViolation::Truncate {
                let cut = profile.key_length_unit.cut(&check.key, max);
                check.key = match std::mem::take(&mut check.key) {
                    Cow::Borrowed(k) => Cow::Borrowed(&k[..cut]),
                    Cow::Owned(mut k) => {
                        k.truncate(cut);
                        Cow::Owned(k)
                    }
                };
                check.truncated = true;
                // The cut key must still pass the rules that it passed whole.
                if check.key.is_empty() {
                    check.problem = Some(KeyProblem::Empty);
                } else if reserved_key(&check.key) {
                    check.problem = Some(KeyProblem::Reserved);
                }
            } else {
                check.problem = Some(KeyProblem::TooLong { len, max });
            }
        }
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vendor::profile::{BRAZE, FIREBASE, OnViolation, SEGMENT};

    fn key(p: &Profile, raw: &str) -> (String, bool, Option<KeyProblem>) {
        let c = check_key(p, Cow::Borrowed(raw));
        (c.key.into_owned(), c.rewritten || c.truncated, c.problem)
    }

    #[test]
    fn firebase_keys() {
        assert_eq!(
            key(&FIREBASE, "os_version"),
            ("os_version".into(), false, None)
        );
        assert_eq!(
            key(&FIREBASE, "$insert_id"),
            ("insert_id".into(), true, None)
        );
        assert_eq!(key(&FIREBASE, "a-b c"), ("a_b_c".into(), true, None));
        assert_eq!(key(&FIREBASE, "1st").2, Some(KeyProblem::BadStart));
        assert_eq!(key(&FIREBASE, "$$").2, Some(KeyProblem::Empty));
        assert_eq!(key(&FIREBASE, "ga_session").2, Some(KeyProblem::Reserved));
        let long = "a".repeat(45);
        assert_eq!(key(&FIREBASE, &long), ("a".repeat(40), true, None));
        let strict = Profile::builder("strict", &FIREBASE)
            .on_violation(OnViolation::Drop)
            .build()
            .unwrap();
        assert_eq!(
            key(&strict, &long).2,
            Some(KeyProblem::TooLong { len: 45, max: 40 })
        );
    }

    #[test]
    fn other_profiles_keep_keys() {
        assert_eq!(key(&SEGMENT, "$revenue"), ("$revenue".into(), false, None));
        assert_eq!(key(&BRAZE, "$revenue"), ("revenue".into(), true, None));
        let name = check_event_name(&FIREBASE, Cow::Borrowed("app_background"));
        assert_eq!(name.problem, Some(KeyProblem::Reserved));
    }

    /// The one-step join gives what the general rules give, whenever it gives anything.
    #[test]
    fn plain_joins_agree_with_the_rules() {
        let custom = Profile::builder("custom", &SEGMENT)
            .nesting(crate::vendor::Nesting::Flatten, '.')
            .strip_leading("$")
            .max_key_len(Some(12))
            .reserved_keys(["a.b"])
            .build()
            .unwrap();
        let dots = Profile::builder("dots", &FIREBASE)
            .extra_key_chars(".-")
            .nesting(crate::vendor::Nesting::Flatten, '.')
            .build()
            .unwrap();
        let profiles = [&FIREBASE, &SEGMENT, &BRAZE, &custom, &dots];
        let parents = [
            "a",
            "user_traits",
            "fire",
            "firebase",
            "g",
            "ga",
            &"x".repeat(36),
        ];
        let parts = [
            "tier", "_x", "$y", "1", "a b", "", "é", "base_x", "a_", "b", "oogle_x", "xxxxx",
            "0_sku", "a.b", ".x", "a-b", "-",
        ];
        let mut joined = 0;
        for p in profiles {
            for parent in parents {
                if check_key(p, Cow::Borrowed(parent)).key != parent {
                    continue;
                }
                for part in parts {
                    // The same key on the stack, or none when the buffer is too short.
                    let mut buf = [0u8; 64];
                    let on_stack = plain_join_into(p, parent, part, &mut buf).map(str::to_owned);
                    let mut short = [0u8; 4];
                    assert_eq!(
                        plain_join_into(p, parent, part, &mut short).map(str::to_owned),
                        on_stack.clone().filter(|k| k.len() <= short.len())
                    );
                    assert_eq!(on_stack, plain_join(p, parent, part), "{parent} + {part}");
                    let Some(fast) = plain_join(p, parent, part) else {
                        continue;
                    };
                    joined += 1;
                    let (clean_part, rewritten) = clean(p, Cow::Borrowed(part));
                    let raw = format!("{parent}{}{clean_part}", p.separator);
                    let rules = check_clean_key(p, Cow::Borrowed(raw.as_str()));
                    assert!(
                        !rewritten && !rules.rewritten && !rules.truncated,
                        "{}: {parent} + {part}",
                        p.name()
                    );
                    assert_eq!(rules.problem, None, "{}: {parent} + {part}", p.name());
                    assert_eq!(rules.key, fast, "{}: {parent} + {part}", p.name());
                }
            }
        }
        assert!(joined > 40, "only {joined} joins took the short path");
        // What it leaves to the rules: a cut, a reserved prefix across the separator, a part
        // to clean.
        assert_eq!(plain_join(&FIREBASE, &"x".repeat(36), "xxxxx"), None);
        assert_eq!(plain_join(&FIREBASE, "firebase", "x"), None);
        assert_eq!(plain_join(&FIREBASE, "ga", "x"), None);
        assert_eq!(plain_join(&FIREBASE, "a", "a b"), None);
        assert_eq!(plain_join(&FIREBASE, "a", "_x"), None);
        assert_eq!(plain_join(&custom, "a", "b"), None);
    }

    #[test]
    fn cases() {
        assert_eq!(snake("osVersion2Beta"), "os_version2_beta");
        assert_eq!(snake("already_snake"), "already_snake");
        assert_eq!(camel("os_version_2"), "osVersion2");
        let p = Profile::builder("c", &SEGMENT)
            .key_case(KeyCase::Camel)
            .build()
            .unwrap();
        assert_eq!(segment(&p, "app_version", None), "appVersion");
        assert_eq!(segment(&p, "app_version", Some("$v")), "$v");
    }
}

//! `Debug` output that keeps personal data out of logs: the plugin emits `Debug` impls that
//! use these for messages with fields marked `pii` (and the types prost nests in them), in
//! place of prost's derived ones. Each impl prints the fields as prost's derive does, but
//! `<redacted>` for `pii` fields ([`Redacted`]), enum values by their proto names
//! ([`EnumField`], [`debug_enum`]), hash maps sorted by key ([`SortedMap`]) and only the set
//! member of a oneof, under its own name.

use std::fmt;

use std::collections::{BTreeMap, HashMap};

use crate::meta::{EnumInfo, FieldInfo, Kind};

/// Prints `<redacted>`.
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// An enum field (singular, optional, repeated or a map's values) printed by value name,
/// or by number for a value the enum does not declare; generated `Debug` impls wrap each
/// enum field in one, with the field's row of the message's table.
pub struct EnumField<'a, T: ?Sized>(pub &'a T, pub &'static FieldInfo);

impl<T: ?Sized> EnumField<'_, T> {
    fn name(&self, number: i32) -> EnumName {
        EnumName(number, self.1)
    }
}

/// One enum value of a field: its name when the field's enum declares it.
struct EnumName(i32, &'static FieldInfo);

impl fmt::Debug for EnumName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1.kind {
            Kind::Enum(info) => debug_enum(self.0, info, f),
            _ => fmt::Debug::fmt(&self.0, f),
        }
    }
}

impl fmt::Debug for EnumField<'_, i32> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.name(*self.0).fmt(f)
    }
}

impl fmt::Debug for EnumField<'_, Option<i32>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.map(|n| self.name(n)).fmt(f)
    }
}

impl fmt::Debug for EnumField<'_, Vec<i32>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|&n| self.name(n)))
            .finish()
    }
}

impl<K: Ord + fmt::Debug, S> fmt::Debug for EnumField<'_, HashMap<K, i32, S>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(by_key(self.0).into_iter().map(|(k, &n)| (k, self.name(n))))
            .finish()
    }
}

impl<K: fmt::Debug> fmt::Debug for EnumField<'_, BTreeMap<K, i32>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, &n)| (k, self.name(n))))
            .finish()
    }
}

/// A hash map printed with its entries sorted by key, so that the same message always
/// prints the same.
pub struct SortedMap<'a, M>(pub &'a M);

impl<K: Ord + fmt::Debug, V: fmt::Debug, S> fmt::Debug for SortedMap<'_, HashMap<K, V, S>> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(by_key(self.0)).finish()
    }
}

/// A hash map's entries sorted by key.
fn by_key<K: Ord, V, S>(map: &HashMap<K, V, S>) -> Vec<(&K, &V)> {
    let mut entries: Vec<(&K, &V)> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// An enum value by its proto name (its number when the enum does not declare it).
pub fn debug_enum(number: i32, info: &'static EnumInfo, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match info.value_by_number(number) {
        Some(v) => f.write_str(v.name),
        None => fmt::Debug::fmt(&number, f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meta::{Cardinality, EnumValueInfo};

    const COLOR: EnumInfo = EnumInfo::new(
        "a.Color",
        &[EnumValueInfo::new("RED", 0), EnumValueInfo::new("BLUE", 2)],
    );
    const FIELD: FieldInfo = FieldInfo::new(
        "color",
        "color",
        1,
        Kind::Enum(&COLOR),
        Cardinality::Implicit,
    );
    const NOT_ENUM: FieldInfo = FieldInfo::new("n", "n", 2, Kind::Int32, Cardinality::Implicit);

    #[test]
    fn enum_fields_print_names_and_undeclared_numbers() {
        assert_eq!(format!("{:?}", EnumField(&2, &FIELD)), "BLUE");
        assert_eq!(format!("{:?}", EnumField(&7, &FIELD)), "7");
        assert_eq!(format!("{:?}", EnumField(&2, &NOT_ENUM)), "2");
        assert_eq!(format!("{:?}", EnumField(&Some(0), &FIELD)), "Some(RED)");
        assert_eq!(format!("{:?}", EnumField(&None::<i32>, &FIELD)), "None");
        assert_eq!(
            format!("{:?}", EnumField(&vec![2, 0, 9], &FIELD)),
            "[BLUE, RED, 9]"
        );
        let map: HashMap<String, i32> = [("b".into(), 0), ("a".into(), 2), ("c".into(), 5)].into();
        assert_eq!(
            format!("{:?}", EnumField(&map, &FIELD)),
            r#"{"a": BLUE, "b": RED, "c": 5}"#
        );
        let tree: BTreeMap<i64, i32> = [(2, 0), (-1, 2)].into();
        assert_eq!(
            format!("{:?}", EnumField(&tree, &FIELD)),
            "{-1: BLUE, 2: RED}"
        );
    }

    #[test]
    fn hash_maps_print_sorted() {
        let map: HashMap<u32, &str> = (0..40).rev().map(|k| (k, "v")).collect();
        let text = format!("{:?}", SortedMap(&map));
        let expected: BTreeMap<u32, &str> = map.iter().map(|(&k, &v)| (k, v)).collect();
        assert_eq!(text, format!("{expected:?}"));
        assert_eq!(format!("{:?}", Redacted), "<redacted>");
    }
}

//! [`ValueMap`]: a message as an ordered map from field key to value, kept as one sorted
//! vector.
//!
//! `to_map` builds one of these per message. A `BTreeMap` spent a third of `to_map`'s time in
//! its own inserts (key comparisons and node splits) and another part in its node walk on
//! drop; a sorted vector is filled in order at the cost of one allocation, and messages rarely
//! hold enough fields for a binary search over contiguous keys to lose to a tree.

use std::borrow::Cow;
use std::fmt;

use super::OwnedValue;

/// A message as a map from field key (proto or JSON name) to value, iterated in key order
/// (byte order of the keys): what [`Reflect::to_map`](crate::Reflect::to_map) returns and
/// `from_map` takes.
///
/// The API follows `BTreeMap`'s: `get`, `insert`, `remove`, `iter`, `keys`, `values`,
/// `len`, and it collects from and iterates into `(key, value)` pairs. Two maps are equal when
/// they hold the same keys with equal values.
#[derive(Clone, Default, PartialEq)]
pub struct ValueMap {
    /// Sorted by key, keys unique.
    entries: Vec<(Cow<'static, str>, OwnedValue)>,
}

impl ValueMap {
    /// An empty map.
    pub const fn new() -> Self {
        ValueMap {
            entries: Vec::new(),
        }
    }

    /// An empty map with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        ValueMap {
            entries: Vec::with_capacity(capacity),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_ref().cmp(key))
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&OwnedValue> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// The value under `key`, to change in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut OwnedValue> {
        self.find(key).ok().map(|i| &mut self.entries[i].1)
    }

    /// The stored key and the value under `key`.
    pub fn get_key_value(&self, key: &str) -> Option<(&Cow<'static, str>, &OwnedValue)> {
        self.find(key).ok().map(|i| {
            let (k, v) = &self.entries[i];
            (k, v)
        })
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: Cow<'static, str>, value: OwnedValue) -> Option<OwnedValue> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Takes the value under `key` out of the map.
    pub fn remove(&mut self, key: &str) -> Option<OwnedValue> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// Takes the entry under `key` out of the map.
    pub fn remove_entry(&mut self, key: &str) -> Option<(Cow<'static, str>, OwnedValue)> {
        self.find(key).ok().map(|i| self.entries.remove(i))
    }

    /// Keeps the entries for which `keep` says true.
    pub fn retain(&mut self, mut keep: impl FnMut(&Cow<'static, str>, &mut OwnedValue) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// The entry with the first key.
    pub fn first_key_value(&self) -> Option<(&Cow<'static, str>, &OwnedValue)> {
        self.entries.first().map(|(k, v)| (k, v))
    }

    /// The entry with the last key.
    pub fn last_key_value(&self) -> Option<(&Cow<'static, str>, &OwnedValue)> {
        self.entries.last().map(|(k, v)| (k, v))
    }

    /// Takes the entry with the first key out of the map.
    pub fn pop_first(&mut self) -> Option<(Cow<'static, str>, OwnedValue)> {
        (!self.entries.is_empty()).then(|| self.entries.remove(0))
    }

    /// Takes the entry with the last key out of the map.
    pub fn pop_last(&mut self) -> Option<(Cow<'static, str>, OwnedValue)> {
        self.entries.pop()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    /// The entries in key order, values mutable.
    pub fn iter_mut(&mut self) -> IterMut<'_> {
        IterMut(self.entries.iter_mut())
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Cow<'static, str>> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &OwnedValue> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values in key order, mutable.
    pub fn values_mut(
        &mut self,
    ) -> impl DoubleEndedIterator<Item = &mut OwnedValue> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// The keys in order, taken out of the map.
    pub fn into_keys(
        self,
    ) -> impl DoubleEndedIterator<Item = Cow<'static, str>> + ExactSizeIterator {
        self.entries.into_iter().map(|(k, _)| k)
    }

    /// The values in key order, taken out of the map.
    pub fn into_values(self) -> impl DoubleEndedIterator<Item = OwnedValue> + ExactSizeIterator {
        self.entries.into_iter().map(|(_, v)| v)
    }

    /// The map of entries that are usually in key order already (`to_map` places them by
    /// the generated rank tables): one comparison per entry checks it, and entries out of
    /// order are sorted, so the map is sorted whatever the tables say. A key given twice
    /// keeps its last value, as inserting the entries one by one into a `BTreeMap` did
    /// (the model ranks equal keys in number order, the order `to_map` visits them).
    pub(crate) fn from_entries(mut entries: Vec<(Cow<'static, str>, OwnedValue)>) -> Self {
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            sort_keeping_last(&mut entries);
        }
        ValueMap { entries }
    }
}

/// Sorts by key, stably, then keeps one entry per key with the last value given for it.
fn sort_keeping_last(entries: &mut Vec<(Cow<'static, str>, OwnedValue)>) {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, earlier| {
        let same = later.0 == earlier.0;
        if same {
            std::mem::swap(&mut later.1, &mut earlier.1);
        }
        same
    });
}

/// Moves `items[i]` to its place in rank order, given each item's rank (`ranks[i]`, below 64,
/// distinct) and the mask of all ranks: the place is the count of ranks below its own. One
/// swap per misplaced item, no comparison of the items. `ranks` is overwritten.
pub(crate) fn put_in_rank_order<T>(items: &mut [T], ranks: &mut [u8], mask: u64) {
    for r in ranks.iter_mut() {
        *r = (mask & ((1u64 << (*r & 63)) - 1)).count_ones() as u8;
    }
    let n = items.len().min(ranks.len());
    for i in 0..n {
        loop {
            let target = usize::from(ranks[i]);
            // Equal ranks (which the caller rules out) would swap forever: they stop here,
            // leaving the items out of order for the caller's check.
            if target == i || target >= n || ranks[target] == ranks[i] {
                break;
            }
            items.swap(i, target);
            ranks.swap(i, target);
        }
    }
}

impl fmt::Debug for ValueMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Collects `(key, value)` pairs; a key given twice keeps its last value, as `BTreeMap` does.
impl<K: Into<Cow<'static, str>>, V: Into<OwnedValue>> FromIterator<(K, V)> for ValueMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = ValueMap::new();
        map.extend(iter);
        map
    }
}

/// Adds `(key, value)` pairs; a key given again (or already in the map) keeps the last value.
impl<K: Into<Cow<'static, str>>, V: Into<OwnedValue>> Extend<(K, V)> for ValueMap {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        let sorted = self.entries.len();
        self.entries
            .extend(iter.into_iter().map(|(k, v)| (k.into(), v.into())));
        // The map's own entries come first, so what is added wins; the sort is stable, and
        // merges the two runs in linear time when the added pairs come in key order.
        if !self.entries[sorted.saturating_sub(1)..].is_sorted_by(|a, b| a.0 < b.0) {
            sort_keeping_last(&mut self.entries);
        }
    }
}

impl From<std::collections::BTreeMap<Cow<'static, str>, OwnedValue>> for ValueMap {
    /// The same entries; a `BTreeMap`'s are already in key order.
    fn from(map: std::collections::BTreeMap<Cow<'static, str>, OwnedValue>) -> Self {
        ValueMap {
            entries: map.into_iter().collect(),
        }
    }
}

impl From<ValueMap> for std::collections::BTreeMap<Cow<'static, str>, OwnedValue> {
    fn from(map: ValueMap) -> Self {
        map.entries.into_iter().collect()
    }
}

impl<K: Into<Cow<'static, str>>, V: Into<OwnedValue>, const N: usize> From<[(K, V); N]>
    for ValueMap
{
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl IntoIterator for ValueMap {
    type Item = (Cow<'static, str>, OwnedValue);
    type IntoIter = IntoIter;

    /// The entries in key order.
    fn into_iter(self) -> IntoIter {
        IntoIter(self.entries.into_iter())
    }
}

/// The entries of a [`ValueMap`] in key order, taken out of it.
#[derive(Debug)]
pub struct IntoIter(std::vec::IntoIter<(Cow<'static, str>, OwnedValue)>);

impl Iterator for IntoIter {
    type Item = (Cow<'static, str>, OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for IntoIter {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for IntoIter {}
impl std::iter::FusedIterator for IntoIter {}

impl<'a> IntoIterator for &'a ValueMap {
    type Item = (&'a Cow<'static, str>, &'a OwnedValue);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &'a mut ValueMap {
    type Item = (&'a Cow<'static, str>, &'a mut OwnedValue);
    type IntoIter = IterMut<'a>;

    fn into_iter(self) -> IterMut<'a> {
        self.iter_mut()
    }
}

/// The entries of a [`ValueMap`] in key order.
#[derive(Clone, Debug)]
pub struct Iter<'a>(std::slice::Iter<'a, (Cow<'static, str>, OwnedValue)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a Cow<'static, str>, &'a OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}
impl std::iter::FusedIterator for Iter<'_> {}

/// The entries of a [`ValueMap`] in key order, values mutable.
#[derive(Debug)]
pub struct IterMut<'a>(std::slice::IterMut<'a, (Cow<'static, str>, OwnedValue)>);

impl<'a> Iterator for IterMut<'a> {
    type Item = (&'a Cow<'static, str>, &'a mut OwnedValue);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (&*k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for IterMut<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (&*k, v))
    }
}

impl ExactSizeIterator for IterMut<'_> {}
impl std::iter::FusedIterator for IterMut<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(map: &ValueMap) -> Vec<&str> {
        map.keys().map(|k| k.as_ref()).collect()
    }

    #[test]
    fn inserts_keep_key_order_and_replace() {
        let mut map = ValueMap::new();
        for (k, v) in [("b", 1), ("a", 2), ("c", 3)] {
            assert_eq!(map.insert(k.into(), v.into()), None);
        }
        assert_eq!(map.insert("a".into(), 4.into()), Some(OwnedValue::I32(2)));
        assert_eq!(keys(&map), ["a", "b", "c"]);
        assert_eq!(map.get("a"), Some(&OwnedValue::I32(4)));
        assert_eq!(map.remove("b"), Some(OwnedValue::I32(1)));
        assert_eq!(map.remove("b"), None);
        assert!(!map.contains_key("b"));
        assert_eq!(map.len(), 2);
        if let Some(v) = map.get_mut("c") {
            *v = OwnedValue::Bool(true);
        }
        assert_eq!(
            map.iter()
                .map(|(k, v)| (k.as_ref(), v.clone()))
                .collect::<Vec<_>>(),
            [("a", OwnedValue::I32(4)), ("c", OwnedValue::Bool(true))]
        );
        assert_eq!(format!("{map:?}"), r#"{"a": I32(4), "c": Bool(true)}"#);
    }

    #[test]
    fn collecting_keeps_the_last_value_of_a_key() {
        let map: ValueMap = [("x", 1), ("a", 2), ("x", 3), ("x", 5), ("a", 4)].into();
        assert_eq!(keys(&map), ["a", "x"]);
        assert_eq!(map.get("x"), Some(&OwnedValue::I32(5)));
        assert_eq!(map.get("a"), Some(&OwnedValue::I32(4)));
        let mut more = map.clone();
        more.extend([("b", 6), ("x", 7), ("b", 8)]);
        assert_eq!(keys(&more), ["a", "b", "x"]);
        assert_eq!(more.get("b"), Some(&OwnedValue::I32(8)));
        assert_eq!(more.get("x"), Some(&OwnedValue::I32(7)));
        // Equal whatever order the entries were given in.
        let reversed: ValueMap = more.clone().into_iter().rev().collect();
        assert_eq!(reversed, more);
    }

    #[test]
    fn ranks_alone_put_items_in_order() {
        // Ranks with gaps (fields not present), in a scrambled order, up to all 64.
        for n in [0usize, 1, 2, 5, 21, 64] {
            let spread = if n <= 21 { 3 } else { 1 };
            let mut ranks: Vec<u8> = (0..n)
                .map(|i| ((i * 37 + 11) % n.max(1) * spread) as u8)
                .collect();
            let mask = ranks.iter().fold(0u64, |m, r| m | 1 << r);
            let mut items = ranks.clone();
            let mut want = ranks.clone();
            want.sort_unstable();
            put_in_rank_order(&mut items, &mut ranks, mask);
            assert_eq!(items, want, "{n} items");
        }
    }

    /// Random operations on a `ValueMap` and on the `BTreeMap` it replaced give the same
    /// results and the same entries in the same order.
    #[test]
    fn behaves_as_a_btree_map() {
        use std::collections::BTreeMap;
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..200 {
            let mut ours = ValueMap::new();
            let mut model: BTreeMap<Cow<'static, str>, OwnedValue> = BTreeMap::new();
            for _ in 0..40 {
                let key: Cow<'static, str> = Cow::Owned(format!("k{}", next(12)));
                let value = OwnedValue::U64(next(1000));
                match next(6) {
                    0 | 1 => assert_eq!(
                        ours.insert(key.clone(), value.clone()),
                        model.insert(key.clone(), value)
                    ),
                    2 => assert_eq!(ours.remove(&key), model.remove(&key)),
                    3 => {
                        let more: Vec<(Cow<'static, str>, OwnedValue)> = (0..next(5))
                            .map(|_| {
                                (
                                    Cow::Owned(format!("k{}", next(12))),
                                    OwnedValue::U64(next(9)),
                                )
                            })
                            .collect();
                        ours.extend(more.clone());
                        model.extend(more);
                    }
                    4 => {
                        ours.retain(|k, _| !k.ends_with('3'));
                        model.retain(|k, _| !k.ends_with('3'));
                    }
                    _ => {
                        if let (Some(a), Some(b)) = (ours.get_mut(&key), model.get_mut(&key)) {
                            *a = value.clone();
                            *b = value;
                        }
                    }
                }
                assert_eq!(ours.len(), model.len());
                assert!(ours.iter().eq(model.iter()));
                assert_eq!(ours.get(&key), model.get(&key));
            }
            let collected: ValueMap = model.clone().into_iter().rev().collect();
            assert!(collected.into_iter().eq(model.into_iter()));
        }
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value() {
        let entries = |pairs: &[(&'static str, i32)]| -> Vec<(Cow<'static, str>, OwnedValue)> {
            pairs
                .iter()
                .map(|&(k, v)| (Cow::Borrowed(k), OwnedValue::I32(v)))
                .collect()
        };
        let map = ValueMap::from_entries(entries(&[("b", 1), ("a", 2), ("b", 3), ("a", 4)]));
        assert_eq!(map.entries, entries(&[("a", 4), ("b", 3)]));
        // In order but for a repeated key: still the last value.
        let map = ValueMap::from_entries(entries(&[("a", 1), ("b", 2), ("b", 5)]));
        assert_eq!(map.entries, entries(&[("a", 1), ("b", 5)]));
    }

    #[test]
    fn equal_ranks_stop_the_permutation() {
        let mut items = [0, 1, 2];
        let mut ranks = [5, 5, 1];
        put_in_rank_order(&mut items, &mut ranks, 1 << 5 | 1 << 1);
        // Whatever the order, every item is still there once.
        let mut sorted = items;
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2]);
    }

    #[test]
    fn entries_out_of_order_are_sorted() {
        for n in [0usize, 1, 2, 5, 64, 200] {
            let entries: Vec<(Cow<'static, str>, OwnedValue)> = (0..n)
                .map(|i| {
                    let k = format!("k{:04}", (i * 37 + 11) % n.max(1));
                    (Cow::Owned(k), OwnedValue::U64(i as u64))
                })
                .collect();
            let mut want = entries.clone();
            want.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ValueMap::from_entries(entries).entries, want, "{n} entries");
            assert_eq!(
                ValueMap::from_entries(want.clone()).entries,
                want,
                "{n} entries"
            );
        }
    }
}

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

    /// Keeps the entries for which `keep` says true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &mut OwnedValue) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
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

    /// Puts entries gathered in another order into key order, given each entry's rank: its
    /// place among all keys the map may hold (`ranks[i]` for entry `i`; ranks are distinct).
    /// Entries whose ranks disagree with their keys' order (a wrong table) are sorted by key
    /// afterwards, so the map stays sorted whatever the ranks say.
    pub(crate) fn from_ranked(
        mut entries: Vec<(Cow<'static, str>, OwnedValue)>,
        ranks: Option<&mut [u32]>,
    ) -> Self {
        if let Some(ranks) = ranks.filter(|r| r.len() == entries.len() && !r.is_sorted()) {
            permute_by_ranks(&mut entries, ranks);
        }
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            entries.dedup_by(|later, earlier| later.0 == earlier.0);
        }
        ValueMap { entries }
    }
}

/// Moves `items[i]` to the place of `ranks[i]` among the ranks (distinct, as many as the
/// items), without comparing the items: `ranks` is turned into each item's target and the
/// permutation followed cycle by cycle, one swap per misplaced item.
fn permute_by_ranks<T>(items: &mut [T], ranks: &mut [u32]) {
    let mut small = [(0u32, 0usize); 64];
    let mut large = Vec::new();
    let pairs: &mut [(u32, usize)] = if ranks.len() <= small.len() {
        &mut small[..ranks.len()]
    } else {
        large.resize(ranks.len(), (0, 0));
        &mut large
    };
    for (i, (pair, rank)) in pairs.iter_mut().zip(ranks.iter()).enumerate() {
        *pair = (*rank, i);
    }
    pairs.sort_unstable();
    for (target, &(_, i)) in pairs.iter().enumerate() {
        ranks[i] = target as u32;
    }
    for i in 0..items.len().min(ranks.len()) {
        while ranks[i] as usize != i {
            let target = ranks[i] as usize;
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

impl<K: Into<Cow<'static, str>>, V: Into<OwnedValue>> Extend<(K, V)> for ValueMap {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        let mut added: Vec<(Cow<'static, str>, OwnedValue)> = iter
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        // Stable, so equal keys keep their order and the last one given is kept below.
        added.sort_by(|a, b| a.0.cmp(&b.0));
        added.reverse();
        added.dedup_by(|later, earlier| later.0 == earlier.0);
        if self.entries.is_empty() {
            added.reverse();
            self.entries = added;
        } else {
            for (k, v) in added.into_iter().rev() {
                self.insert(k, v);
            }
        }
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
    type IntoIter = std::vec::IntoIter<(Cow<'static, str>, OwnedValue)>;

    /// The entries in key order.
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

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
#[derive(Clone)]
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

/// The entries of a [`ValueMap`] in key order, values mutable.
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

    /// `n` distinct keys whose byte order is not their index order, each valued by its index.
    fn scrambled(n: usize) -> Vec<(Cow<'static, str>, OwnedValue)> {
        (0..n)
            .map(|i| {
                let k = format!("k{:04}", (i * 37 + 11) % n.max(1));
                (Cow::Owned(k), OwnedValue::U64(i as u64))
            })
            .collect()
    }

    fn true_ranks(entries: &[(Cow<'static, str>, OwnedValue)]) -> Vec<u32> {
        entries
            .iter()
            .map(|(k, _)| entries.iter().filter(|(o, _)| o < k).count() as u32)
            .collect()
    }

    fn sorted(
        entries: Vec<(Cow<'static, str>, OwnedValue)>,
    ) -> Vec<(Cow<'static, str>, OwnedValue)> {
        let mut entries = entries;
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }

    #[test]
    fn ranks_alone_put_items_in_order() {
        for n in [0, 1, 2, 5, 31, 64, 65, 200] {
            let entries = scrambled(n);
            let want = sorted(entries.clone());
            for spread in [1, 3] {
                let mut items = entries.clone();
                let mut ranks: Vec<u32> = true_ranks(&entries)
                    .iter()
                    .map(|r| r * spread + 1)
                    .collect();
                permute_by_ranks(&mut items, &mut ranks);
                assert_eq!(items, want, "{n} entries, ranks spread by {spread}");
            }
        }
    }

    #[test]
    fn ranked_entries_are_put_in_key_order() {
        for n in [0, 1, 2, 5, 31, 64, 65, 200] {
            let entries = scrambled(n);
            let want = sorted(entries.clone());
            // Right ranks, ranks with gaps (fields left out), wrong ranks, no ranks.
            let mut right = true_ranks(&entries);
            let mut gaps: Vec<u32> = right.iter().map(|r| r * 3 + 1).collect();
            let mut wrong: Vec<u32> = (0..n as u32).rev().collect();
            let mut short = vec![0u32; n.saturating_sub(1)];
            for ranks in [
                Some(&mut right[..]),
                Some(&mut gaps[..]),
                Some(&mut wrong[..]),
                Some(&mut short[..]),
                None,
            ] {
                let map = ValueMap::from_ranked(entries.clone(), ranks);
                assert_eq!(map.entries, want, "{n} entries");
            }
        }
    }
}

//! The one scan both directions spend most of their time in: the length of the run of string
//! bytes that need no escaping (anything but `"`, `\` and control characters), eight bytes at
//! a time.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// High bit set in each byte of `x` that is zero (exact for the lowest such byte; bytes
/// above it may be flagged falsely, which the caller never looks at).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// High bit set in each byte of `x` that needs escaping (exact for the lowest such byte).
#[inline(always)]
fn special_bytes(x: u64) -> u64 {
    (x.wrapping_sub(ONES * 0x20) & !x & HIGHS)
        | zero_bytes(x ^ (ONES * u64::from(b'"')))
        | zero_bytes(x ^ (ONES * u64::from(b'\\')))
}

/// Whether no byte of `word` needs escaping.
#[inline(always)]
pub(crate) fn word_is_plain(word: u64) -> bool {
    special_bytes(word) == 0
}

/// Where the first byte of `bytes` that `marks` flags is (high bit set in its lane, exact for
/// the lowest), when it lies within whole eight-byte words; `None` when those words have none.
#[inline(always)]
fn first_in_words(bytes: &[u8], marks: impl Fn(u64) -> u64) -> Option<usize> {
    let mut i = 0;
    while let Some(word) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let found = marks(u64::from_le_bytes(*word));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    None
}

/// Where the first byte of `bytes` that is `"`, `\\` or below 0x20 is, when it lies within
/// whole eight-byte words. The loop of [`plain_prefix`] alone, for the reader, where a string
/// is followed by more of the document and so almost always ends within a whole word.
#[inline(always)]
pub(crate) fn special_in_words(bytes: &[u8]) -> Option<usize> {
    first_in_words(bytes, special_bytes)
}

/// Where the first `"` of `bytes` is, when it lies within whole eight-byte words. For text
/// that cannot hold an escape and cares about nothing else (base64): one test a word.
#[inline(always)]
pub(crate) fn quote_in_words(bytes: &[u8]) -> Option<usize> {
    first_in_words(bytes, |word| zero_bytes(word ^ (ONES * u64::from(b'"'))))
}

/// Whether `a` and `b` are the same bytes. Short slices (up to 16 bytes, as names are)
/// are compared as two overlapping words, with no call to `memcmp`.
#[inline(always)]
pub(crate) fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    fn ends<const N: usize>(s: &[u8]) -> Option<(&[u8; N], &[u8; N])> {
        Some((s.first_chunk::<N>()?, s.last_chunk::<N>()?))
    }
    if a.len() != b.len() {
        return false;
    }
    match a.len() {
        8..=16 => ends::<8>(a) == ends::<8>(b),
        4..=7 => ends::<4>(a) == ends::<4>(b),
        _ => a == b,
    }
}

/// The number of leading bytes of `bytes` that are neither `"`, `\` nor below 0x20.
#[inline]
pub(crate) fn plain_prefix(bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let special = special_bytes(u64::from_le_bytes(word));
        if special != 0 {
            return i + (special.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    // The tail (under 8 bytes: all of a short key or string) in one word of overlapping
    // loads; a byte seen twice changes nothing. Only when the tail holds a special byte does
    // the bytewise loop find where.
    let rest = bytes.get(i..).unwrap_or_default();
    let n = rest.len();
    let x = if n >= 4 {
        let (mut lo, mut hi) = ([0u8; 4], [0u8; 4]);
        lo.copy_from_slice(rest.get(..4).unwrap_or_default());
        hi.copy_from_slice(rest.get(n - 4..).unwrap_or_default());
        u64::from(u32::from_le_bytes(lo)) | u64::from(u32::from_le_bytes(hi)) << 32
    } else if let (Some(&a), Some(&b), Some(&c)) = (rest.first(), rest.get(n / 2), rest.last()) {
        u64::from_le_bytes([a, b, c, c, c, c, c, c])
    } else {
        return i;
    };
    if special_bytes(x) == 0 {
        return bytes.len();
    }
    while let Some(&b) = bytes.get(i) {
        if SPECIAL[b as usize] {
            break;
        }
        i += 1;
    }
    i
}

/// The bytes the scan stops at, for the tail shorter than a word (one load per byte).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = crate::meta::needs_json_escape(i as u8);
        i += 1;
    }
    t
};

#[cfg(test)]
mod tests {
    use super::{plain_prefix, quote_in_words, same_bytes, special_in_words};

    fn slow(bytes: &[u8]) -> usize {
        bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(bytes.len())
    }

    /// The special byte's position when it lies within the whole words.
    fn in_words(bytes: &[u8]) -> Option<usize> {
        Some(slow(bytes)).filter(|&p| p < bytes.len() / 8 * 8)
    }

    #[test]
    fn agrees_with_the_bytewise_scan() {
        let specials = [b'"', b'\\', 0, 0x1f, b'\n'];
        let plain = [
            b'a', b' ', 0x20, 0x7f, 0x80, 0xff, b'!', b'#', b'[', b']', 0x5d, 0x21,
        ];
        for len in 0..40 {
            for at in 0..=len {
                for &s in &specials {
                    for &p in &plain {
                        let mut v = vec![p; len];
                        if at < len {
                            v[at] = s;
                        }
                        assert_eq!(plain_prefix(&v), slow(&v), "{v:?}");
                        assert_eq!(special_in_words(&v), in_words(&v), "{v:?}");
                        let quote = v.iter().position(|&b| b == b'"');
                        let expected = quote.filter(|&q| q < len / 8 * 8);
                        assert_eq!(quote_in_words(&v), expected, "{v:?}");
                    }
                }
            }
        }
        // Every byte value in every lane.
        for b in 0..=255u8 {
            for lane in 0..16 {
                let mut v = vec![b'x'; 16];
                v[lane] = b;
                assert_eq!(plain_prefix(&v), slow(&v), "byte {b:#x} at {lane}");
                assert_eq!(special_in_words(&v), in_words(&v), "byte {b:#x} at {lane}");
            }
        }
    }

    #[test]
    fn same_bytes_agrees_with_slice_equality() {
        let base: Vec<u8> = (0..24u8).map(|i| b'A' + i).collect();
        for len in 0..=base.len() {
            let a = &base[..len];
            assert!(same_bytes(a, a), "{len}");
            // One byte changed anywhere, by one bit or to anything.
            for at in 0..len {
                for flip in [1u8, 0x80, 0xff] {
                    let mut b = a.to_vec();
                    b[at] ^= flip;
                    assert_eq!(same_bytes(a, &b), a == b.as_slice(), "{len} at {at}");
                    assert!(!same_bytes(a, &b), "{len} at {at}");
                }
            }
            // Another length, with the same prefix or the same suffix.
            if len > 0 {
                assert!(!same_bytes(a, &a[1..]), "{len}");
                assert!(!same_bytes(a, &a[..len - 1]), "{len}");
            }
        }
    }
}

//! The common case of a base64 `bytes` value, decoded with one table lookup per character:
//! text wholly in the standard alphabet or wholly in the URL-safe one, with canonical
//! padding or none. Everything else (mixed alphabets, odd padding, bad characters or
//! lengths) is `None` and goes to the `base64` crate, which gives the same bytes for what
//! this accepts and the error for what it does not.

/// Marks a character of the standard alphabet only (`+`, `/`), above a quad's 24 bits.
const STANDARD_ONLY: u32 = 1 << 24;
/// Marks a character of the URL-safe alphabet only (`-`, `_`).
const URL_SAFE_ONLY: u32 = 1 << 25;
/// Not a base64 character: both marks, so it is refused like a mix of alphabets.
const INVALID: u32 = STANDARD_ONLY | URL_SAFE_ONLY;

/// For each place in a quad, each byte's 6-bit value already shifted there, with the marks
/// above: a quad's 24 bits and its marks are the OR of four lookups.
static TABLES: [[u32; 256]; 4] = {
    let mut tables = [[INVALID; 256]; 4];
    let mut place = 0;
    while place < 4 {
        let shift = 18 - 6 * place;
        let t = &mut tables[place];
        let mut i = 0;
        while i < 26 {
            t[b'A' as usize + i] = (i as u32) << shift;
            t[b'a' as usize + i] = (26 + i as u32) << shift;
            i += 1;
        }
        let mut d = 0;
        while d < 10 {
            t[b'0' as usize + d] = (52 + d as u32) << shift;
            d += 1;
        }
        t[b'+' as usize] = 62 << shift | STANDARD_ONLY;
        t[b'/' as usize] = 63 << shift | STANDARD_ONLY;
        t[b'-' as usize] = 62 << shift | URL_SAFE_ONLY;
        t[b'_' as usize] = 63 << shift | URL_SAFE_ONLY;
        place += 1;
    }
    tables
};

/// The bytes of `text` when it is plain base64 (see the module comment), else `None`.
pub(crate) fn decode_plain(text: &[u8]) -> Option<Vec<u8>> {
    let body = match text {
        [rest @ .., b'=', b'='] if text.len().is_multiple_of(4) => rest,
        [rest @ .., b'='] if text.len().is_multiple_of(4) => rest,
        _ => text,
    };
    let tail = body.len() % 4;
    // Padding is canonical: it fills the last quad exactly (one character alone is no byte).
    if tail == 1 || (body.len() != text.len() && (body.len() + (4 - tail)) != text.len()) {
        return None;
    }
    let [t0, t1, t2, t3] = &TABLES;
    let look = |table: &[u32; 256], c: u8| table[usize::from(c)];
    // Each quad stores a whole word: its three bytes and one more, which the next quad (or
    // the tail, or the final cut) overwrites. So no quad checks capacity.
    // Zeroed by `resize` rather than `vec![0; n]`: that asks the allocator for zeroed
    // memory (`calloc`), which glibc serves without its per-thread cache, several times
    // slower for blocks this small.
    #[allow(clippy::slow_vector_initialization)]
    let mut out = Vec::with_capacity(body.len() / 4 * 3 + 4);
    out.resize(body.len() / 4 * 3 + 4, 0);
    let mut at = 0;
    let mut marks = 0;
    let quads = body.chunks_exact(4);
    let rest = quads.remainder();
    for quad in quads {
        let &[a, b, c, d] = quad else { continue };
        let n = look(t0, a) | look(t1, b) | look(t2, c) | look(t3, d);
        marks |= n;
        if let Some(word) = out.get_mut(at..at + 4) {
            word.copy_from_slice(&(n << 8).to_be_bytes());
        }
        at += 3;
    }
    // Two or three characters left: one or two bytes; their unused low bits are ignored.
    let n = match *rest {
        [a, b] => look(t0, a) | look(t1, b),
        [a, b, c] => look(t0, a) | look(t1, b) | look(t2, c),
        _ => 0,
    };
    marks |= n;
    if let Some(word) = out.get_mut(at..at + 4) {
        word.copy_from_slice(&(n << 8).to_be_bytes());
    }
    out.truncate(at + tail.saturating_sub(1));
    if marks & INVALID == INVALID {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::decode_plain;
    use base64::Engine;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

    const INDIFFERENT: GeneralPurposeConfig = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);

    /// What the decoder did before this fast path: the standard alphabet, then the URL-safe
    /// one for text with its own characters.
    fn reference(text: &[u8]) -> Option<Vec<u8>> {
        let standard = GeneralPurpose::new(&base64::alphabet::STANDARD, INDIFFERENT);
        let url_safe = GeneralPurpose::new(&base64::alphabet::URL_SAFE, INDIFFERENT);
        standard.decode(text).ok().or_else(|| {
            text.iter()
                .any(|b| matches!(b, b'-' | b'_'))
                .then(|| url_safe.decode(text).ok())
                .flatten()
        })
    }

    fn xorshift(seed: u64) -> impl FnMut() -> u64 {
        let mut x = seed;
        move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        }
    }

    /// Every encoding the peers write is accepted, and gives the bytes back.
    #[test]
    fn decodes_every_canonical_encoding() {
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        for len in 0..200 {
            for _ in 0..20 {
                let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
                for engine in [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD] {
                    let text = engine.encode(&bytes);
                    assert_eq!(decode_plain(text.as_bytes()), Some(bytes.clone()), "{text}");
                }
            }
        }
    }

    /// On text from a small alphabet rich in edge cases, an answer is always the reference's.
    #[test]
    fn agrees_with_the_base64_crate() {
        const CHARS: &[u8] = b"AQgw/+_-=9z= .\"\xc3";
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        let mut accepted = 0;
        for _ in 0..400_000 {
            let len = (next() % 14) as usize;
            let text: Vec<u8> = (0..len)
                .map(|_| CHARS[(next() % CHARS.len() as u64) as usize])
                .collect();
            if let Some(fast) = decode_plain(&text) {
                accepted += 1;
                assert_eq!(
                    Some(fast),
                    reference(&text),
                    "{:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
        assert!(
            accepted > 10_000,
            "only {accepted} texts took the fast path"
        );
    }

    #[test]
    fn refuses_what_it_leaves_to_the_crate() {
        for text in [
            "A", "AB=", "ABC==", "A===", "AB+-", "AB C", "=AAA", "AA=A", "AAAAA",
        ] {
            assert_eq!(decode_plain(text.as_bytes()), None, "{text}");
        }
    }
}

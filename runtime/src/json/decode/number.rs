//! Numbers in JSON text: integers of every width (the plain-integer fast path that reads
//! eight digits per step, then the full grammar), floats (exact plain decimals, then the
//! standard parser), and integer map keys.

use super::invalid;
use crate::json::error::JsonErrorKind;
use crate::json::read::is_number;
use crate::meta::Kind;
use crate::value::MapKey;
use crate::value::OwnedValue;

/// The range of an integer kind, as i128.
pub(super) fn int_range(kind: Kind) -> (i128, i128) {
    match kind {
        Kind::Int32 | Kind::Sint32 | Kind::Sfixed32 | Kind::Enum(_) => {
            (i32::MIN.into(), i32::MAX.into())
        }
        Kind::Uint32 | Kind::Fixed32 => (0, u32::MAX.into()),
        Kind::Uint64 | Kind::Fixed64 => (0, u64::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    }
}

/// Parses the text of a JSON number as an integer of `kind`: digits exactly, or an integral
/// value in float notation (`1e2`, `5.0`).
pub(super) fn parse_integer(text: &str, kind: Kind) -> Result<i128, String> {
    let (min, max) = int_range(kind);
    let value = if let Some(v) = small_integer(text) {
        v
    } else if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        let f: f64 = text
            .parse()
            .map_err(|_| format!("`{text}` is not a number"))?;
        if !f.is_finite() || f.fract() != 0.0 {
            return Err(format!("{text} is not an integer"));
        }
        if f < min as f64 || f > max as f64 {
            return Err(format!("{text} is out of range"));
        }
        f as i128
    } else {
        text.parse::<i128>()
            .map_err(|_| format!("{text} is out of range"))?
    };
    in_range(value, text, kind)
}

/// `value` (read from `text`) when `kind` can hold it.
#[inline]
pub(super) fn in_range(value: i128, text: &str, kind: Kind) -> Result<i128, String> {
    let (min, max) = int_range(kind);
    if value < min || value > max {
        return Err(format!("{text} is out of range"));
    }
    Ok(value)
}

/// The value of an integer without leading zeros whose magnitude fits a `u64` (every
/// 64-bit field value; always a valid JSON number), without `i128` parsing.
#[inline]
pub(crate) fn small_integer(text: &str) -> Option<i128> {
    match plain_integer(text.as_bytes(), false) {
        Some((v, end)) if end == text.len() => Some(v),
        _ => None,
    }
}

/// The integer at the start of `b` when it is plain: `-?[1-9][0-9]*` or `0` with a magnitude
/// that fits a `u64`, inside quotes when `quoted`, and not followed by more digits, a fraction
/// or an exponent. Gives the value and the length read (closing quote included). Everything
/// else (larger numbers, leading zeros, floats, escapes) is `None`, left to the full grammar.
#[inline(always)]
pub(super) fn plain_integer(b: &[u8], quoted: bool) -> Option<(i128, usize)> {
    let (magnitude, negative, read) = integer_parts(b, quoted)?;
    let v = i128::from(magnitude);
    Some((if negative { -v } else { v }, read))
}

/// [`plain_integer`] as magnitude, sign and length read, so that a caller with a constant
/// range checks it on the `u64`.
#[inline(always)]
pub(super) fn integer_parts(b: &[u8], quoted: bool) -> Option<(u64, bool, usize)> {
    match b.first_chunk::<32>() {
        // Every byte the parse may look at (a quote, a sign, twenty digits and the byte
        // after them) is within these 32: with a constant length, no bounds checks.
        Some(head) => integer_parts_in(head, quoted),
        None => integer_parts_near_end(b, quoted),
    }
}

/// [`integer_parts`] near the end of the input, and for map keys' texts.
#[inline(never)]
fn integer_parts_near_end(b: &[u8], quoted: bool) -> Option<(u64, bool, usize)> {
    integer_parts_in(b, quoted)
}

/// What [`integer_parts`] describes, for any `b`.
#[inline(always)]
fn integer_parts_in(b: &[u8], quoted: bool) -> Option<(u64, bool, usize)> {
    let mut i = usize::from(quoted);
    let negative = b.get(i) == Some(&b'-');
    i += usize::from(negative);
    let start = i;
    let word = |at: usize| {
        b.get(at..)
            .and_then(|rest| rest.first_chunk::<8>())
            .map(|chunk| u64::from_le_bytes(*chunk))
    };
    // Word by word, each measured for its leading digits at once: a word that is all digits
    // goes on to the next, the first that is not ends the number. Two full words are under
    // 10^16 and cannot overflow; after them, the checked steps find what a u64 cannot hold.
    let mut v: u64 = 0;
    let mut digits = 0;
    loop {
        let Some(w) = word(start + digits) else {
            // Fewer than eight bytes left: the rest byte by byte.
            (v, digits) = digits_one_by_one(b, start, digits, v)?;
            break;
        };
        let n = count_digits(w);
        if n < 8 {
            v = v
                .checked_mul(POWERS_OF_TEN[n])?
                .checked_add(value_of_first_digits(w, n))?;
            digits += n;
            break;
        }
        if digits == 16 {
            // Twenty-four digits.
            return None;
        }
        v = v * 100_000_000 + value_of_eight_digits(w);
        digits += 8;
    }
    if digits == 0 || (digits > 1 && b.get(start) == Some(&b'0')) {
        return None;
    }
    i = start + digits;
    match b.get(i) {
        Some(b'"') if quoted => i += 1,
        _ if quoted => return None,
        Some(b'.' | b'e' | b'E') => return None,
        _ => {}
    }
    Some((v, negative, i))
}

/// The value of the first `n` bytes of `chunk` (0 to 7, digits not checked): moved to the top
/// of the word, below them zero bytes, which count as `0` digits.
#[inline(always)]
fn value_of_first_digits(chunk: u64, n: usize) -> u64 {
    // Two shifts, so that n = 0 shifts everything out instead of shifting by 64.
    value_of_eight_digits(chunk << 1 << (63 - 8 * n))
}

/// The rest of the digits from `start`, of which `read` were read as words with value `v`,
/// byte by byte: for the end of the input, where fewer than eight bytes are left for a word.
/// Gives the value and the count of digits, `None` past a `u64`.
fn digits_one_by_one(b: &[u8], start: usize, read: usize, mut v: u64) -> Option<(u64, usize)> {
    let mut i = start + read;
    while let Some(&c) = b.get(i)
        && c.is_ascii_digit()
    {
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
        i += 1;
    }
    Some((v, i - start))
}

/// How many of the word's bytes, from the lowest, are ASCII digits (0 to 8).
#[inline(always)]
fn count_digits(chunk: u64) -> usize {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // After the XOR a digit is a byte 0..=9. Adding 0x76 to its low seven bits sets the top
    // bit from 10 on, without a carry into the next byte; the XOR's own top bit marks the rest.
    let t = chunk ^ 0x3030_3030_3030_3030;
    let not_digit = (((t & LOW7) + 0x7676_7676_7676_7676) | t) & HIGH;
    not_digit.trailing_zeros() as usize / 8
}

/// 10^n for n up to 8.
const POWERS_OF_TEN: [u64; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// The value of eight ASCII digits in a little-endian word (digits not checked; zero bytes
/// count as `0`). Pairs, then quads, then the halves are combined, each step one multiply
/// that adds a lane times its weight to the next lane's value.
#[inline(always)]
fn value_of_eight_digits(chunk: u64) -> u64 {
    // Byte k becomes 10 * digit k + digit k+1 (2561 = 10 * 2^8 + 1).
    let pairs = (chunk & 0x0F0F_0F0F_0F0F_0F0F).wrapping_mul(2561) >> 8;
    // 16-bit lane k: 100 * pair k + pair k+1 (6553601 = 100 * 2^16 + 1).
    let quads = (pairs & 0x00FF_00FF_00FF_00FF).wrapping_mul(6_553_601) >> 16;
    // 10000 * first quad + second quad (42949672960001 = 10000 * 2^32 + 1).
    (quads & 0x0000_FFFF_0000_FFFF).wrapping_mul(42_949_672_960_001) >> 32
}

pub(super) fn integer_value(v: i128, kind: Kind) -> OwnedValue {
    match kind {
        Kind::Uint32 | Kind::Fixed32 => OwnedValue::U32(v as u32),
        Kind::Uint64 | Kind::Fixed64 => OwnedValue::U64(v as u64),
        Kind::Int64 | Kind::Sint64 | Kind::Sfixed64 => OwnedValue::I64(v as i64),
        _ => OwnedValue::I32(v as i32),
    }
}

/// Parses a float from a number's text or a string (`"1.5"`, `"NaN"`, `"-Infinity"`).
pub(super) fn parse_float(text: &str, quoted: bool) -> Result<f64, String> {
    if quoted {
        match text {
            "NaN" => return Ok(f64::NAN),
            "Infinity" => return Ok(f64::INFINITY),
            "-Infinity" => return Ok(f64::NEG_INFINITY),
            _ if !is_number(text) => return Err(format!("`{text}` is not a number")),
            _ => {}
        }
    }
    let f: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    if f.is_infinite() {
        return Err(format!("{text} is out of range"));
    }
    Ok(f)
}

/// Powers of ten that an `f64` holds exactly, for [`plain_decimal`].
const EXACT_POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The number at the start of `b` when it is a plain decimal, `-?(0|[1-9][0-9]*)(.[0-9]+)?`
/// with at most 15 digits in all and not followed by more digits, a fraction or an exponent;
/// with the length read. Its value is exact without a general float parser: the digits as an
/// integer `m < 10^15 < 2^53` and `10^k` (`k <= 15`) are both exact `f64`s, so `m / 10^k` is
/// one correctly rounded division, the nearest `f64` to the decimal. Everything else is
/// `None`, left to the full parser.
#[inline(always)]
pub(super) fn plain_decimal(b: &[u8]) -> Option<(f64, usize)> {
    const MAX_DIGITS: usize = 15;
    let negative = b.first() == Some(&b'-');
    let mut i = usize::from(negative);
    let int_start = i;
    let mut m: u64 = 0;
    while let Some(&c) = b.get(i)
        && c.is_ascii_digit()
    {
        m = m * 10 + u64::from(c - b'0');
        i += 1;
        if i - int_start > MAX_DIGITS {
            return None;
        }
    }
    let int_digits = i - int_start;
    if int_digits == 0 || (int_digits > 1 && b.get(int_start) == Some(&b'0')) {
        return None;
    }
    let mut scale = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac_start = i;
        while let Some(&c) = b.get(i)
            && c.is_ascii_digit()
        {
            m = m * 10 + u64::from(c - b'0');
            i += 1;
            if int_digits + (i - frac_start) > MAX_DIGITS {
                return None;
            }
        }
        scale = i - frac_start;
        if scale == 0 {
            return None;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E' | b'.')) {
        return None;
    }
    let v = m as f64 / *EXACT_POWERS_OF_TEN.get(scale)?;
    Some((if negative { -v } else { v }, i))
}

/// A map key from its JSON string.
pub(super) fn map_key(key: &str, kind: Kind) -> Result<MapKey, JsonErrorKind> {
    let bad = |reason: String| invalid(format!("{} map key", kind.describe()), reason);
    Ok(match kind {
        Kind::String => MapKey::String(key.to_string()),
        Kind::Bool => match key {
            "true" => MapKey::Bool(true),
            "false" => MapKey::Bool(false),
            _ => return Err(bad(format!("`{key}` is not `true` or `false`"))),
        },
        _ => {
            let (min, max) = int_range(kind);
            let v = match plain_integer(key.as_bytes(), false) {
                Some((v, read)) if read == key.len() && min <= v && v <= max => v,
                _ if !is_number(key) => return Err(bad(format!("`{key}` is not a number"))),
                _ => parse_integer(key, kind).map_err(bad)?,
            };
            match integer_value(v, kind) {
                OwnedValue::I32(v) => MapKey::I32(v),
                OwnedValue::U32(v) => MapKey::U32(v),
                OwnedValue::I64(v) => MapKey::I64(v),
                OwnedValue::U64(v) => MapKey::U64(v),
                _ => return Err(bad("unsupported key type".into())),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{plain_decimal, plain_integer, small_integer};

    /// The digit-word parse against the standard library, at every length and with a
    /// non-digit in every place.
    #[test]
    fn plain_decimals_match_the_standard_parse() {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for int_len in 1..=17 {
            for frac_len in 0..=17 {
                for _ in 0..60 {
                    let int: String = (0..int_len)
                        .map(|_| char::from(b'0' + (next() % 10) as u8))
                        .collect();
                    let frac: String = (0..frac_len)
                        .map(|_| char::from(b'0' + (next() % 10) as u8))
                        .collect();
                    let number = if frac_len == 0 {
                        int.clone()
                    } else {
                        format!("{int}.{frac}")
                    };
                    for text in [number.clone(), format!("-{number}")] {
                        let plain =
                            (int_len == 1 || !int.starts_with('0')) && int_len + frac_len <= 15;
                        for (doc, end) in [(format!("{text},"), ","), (format!("{text}}}"), "}")] {
                            let got = plain_decimal(doc.as_bytes());
                            if !plain {
                                assert_eq!(got, None, "{doc}");
                                continue;
                            }
                            let expected: f64 = text.parse().unwrap_or(f64::NAN);
                            let (value, len) = got.unwrap_or((f64::NAN, 0));
                            assert_eq!(value.to_bits(), expected.to_bits(), "{doc}");
                            assert_eq!(&doc[len..], end, "{doc}");
                        }
                        for doc in [format!("{text}e1"), format!("{text}E1"), format!("{text}.")] {
                            assert_eq!(plain_decimal(doc.as_bytes()), None, "{doc}");
                        }
                    }
                }
            }
        }
        for bad in ["-", ".5", "-.5", "1.", "01", "-01.5", ""] {
            assert_eq!(plain_decimal(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(
            plain_decimal(b"-0").map(|(v, _)| v.to_bits()),
            Some((-0.0f64).to_bits())
        );
    }

    /// Text after a value in a test document, longer than any window a parse reads at once.
    const LONG_REST: &str = ",\"next\":[1,2,3],\"more\":\"abcdefghijklmnopqrstuvwxyz\"}";

    #[test]
    fn small_integers_match_the_standard_parse() {
        for (text, expected) in [
            ("18446744073709551615", Some(i128::from(u64::MAX))),
            ("-18446744073709551615", Some(-i128::from(u64::MAX))),
            ("18446744073709551616", None),
            ("99999999999999999999", None),
            ("-9223372036854775808", Some(i128::from(i64::MIN))),
            ("0", Some(0)),
            ("-0", Some(0)),
            ("00", None),
            ("-", None),
        ] {
            assert_eq!(small_integer(text), expected, "{text}");
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for len in 1..=20 {
            for _ in 0..300 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let digits: String = (0..len)
                    .map(|i| char::from(b'0' + ((x >> (i * 3 % 60)) % 10) as u8))
                    .collect();
                for text in [digits.clone(), format!("-{digits}")] {
                    let expected = (len == 1 || !digits.starts_with('0'))
                        .then(|| text.parse::<i128>().ok())
                        .flatten()
                        .filter(|v| v.unsigned_abs() <= u128::from(u64::MAX));
                    assert_eq!(small_integer(&text), expected, "{text}");
                    // In a document: quoted or not, followed by what may end a value; a
                    // fraction, an exponent or a missing quote leaves it to the full grammar.
                    // Short and long rests, so that the last digits are read both byte by
                    // byte and as one word, next to the bytes either side of the digits.
                    for (doc, quoted, read) in [
                        (format!("{text},1"), false, text.len()),
                        (format!("{text}}}"), false, text.len()),
                        (format!("\"{text}\"]"), true, text.len() + 2),
                        (format!("{text},\"abcdefgh\":1"), false, text.len()),
                        (format!("{text}:::::::::"), false, text.len()),
                        (format!("{text}/////////"), false, text.len()),
                        (
                            format!("{text}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}"),
                            false,
                            text.len(),
                        ),
                        (format!("\"{text}\",\"abcdefgh\""), true, text.len() + 2),
                    ] {
                        // Alone (the parse near the end of the input) and with more text
                        // after it (the 32-byte window).
                        for doc in [doc.clone(), format!("{doc}{LONG_REST}")] {
                            let got = plain_integer(doc.as_bytes(), quoted);
                            assert_eq!(got, expected.map(|v| (v, read)), "{doc}");
                        }
                    }
                    for doc in [
                        format!("{text}.5"),
                        format!("{text}e2"),
                        format!("{text}E2"),
                        format!("{text}.500000000"),
                        format!("{text}e200000000"),
                    ] {
                        for doc in [doc.clone(), format!("{doc}{LONG_REST}")] {
                            assert_eq!(plain_integer(doc.as_bytes(), false), None, "{doc}");
                        }
                    }
                    for doc in [
                        format!("\"{text}"),
                        format!("\"{text} \""),
                        format!("\"{text}.0\""),
                        format!("\"{text} abcdefghi\""),
                        format!("\"{text}.000000000\""),
                    ] {
                        for doc in [doc.clone(), format!("{doc}{LONG_REST}")] {
                            assert_eq!(plain_integer(doc.as_bytes(), true), None, "{doc}");
                        }
                    }
                }
                for at in 0..len {
                    for bad in [b'/', b':', b'a', b' ', b'.', 0xC3] {
                        let mut b = digits.clone().into_bytes();
                        b[at] = bad;
                        if let Ok(text) = String::from_utf8(b) {
                            assert_eq!(small_integer(&text), None, "{text}");
                        }
                    }
                }
            }
        }
    }
}

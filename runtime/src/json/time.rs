//! The string forms of `Timestamp`, `Duration` and `FieldMask` paths.

use super::encode::put_digits;

/// Seconds of 0001-01-01T00:00:00Z, the earliest valid timestamp.
pub(crate) const MIN_TIMESTAMP: i64 = -62_135_596_800;
/// Seconds of 9999-12-31T23:59:59Z, the latest valid timestamp.
pub(crate) const MAX_TIMESTAMP: i64 = 253_402_300_799;
/// 10,000 years in seconds, the limit of a duration.
pub(crate) const MAX_DURATION: i64 = 315_576_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` days after 0001-01-01 (H. Hinnant's algorithm). Counted from
/// 0000-03-01, as the algorithm counts, every valid timestamp's day is positive, so all of it
/// is unsigned arithmetic: divisions by constants with no sign corrections.
fn civil_from_days(days: u32) -> (u32, u32, u32) {
    let z = days + 306;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u32::from(m <= 2);
    (y, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Appends `.fff`, `.ffffff` or `.fffffffff` (the shortest of the three that is exact), or
/// nothing for zero nanos.
fn push_nanos(out: &mut Vec<u8>, nanos: u32) {
    if nanos == 0 {
        return;
    }
    let len = if nanos.is_multiple_of(1_000_000) {
        4
    } else if nanos.is_multiple_of(1_000) {
        7
    } else {
        10
    };
    let mut buf = *b".000000000";
    put_digits(&mut buf[1..], u64::from(nanos));
    out.extend_from_slice(&buf[..len]);
}

/// Writes a timestamp in RFC 3339 (`1972-01-01T10:00:20.021Z`); `Err` with the reason when it
/// is out of range.
pub(crate) fn write_timestamp(out: &mut Vec<u8>, seconds: i64, nanos: i32) -> Result<(), String> {
    if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&seconds) {
        return Err(format!(
            "timestamp seconds {seconds} outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z"
        ));
    }
    let nanos = u32::try_from(nanos)
        .ok()
        .filter(|n| *n < 1_000_000_000)
        .ok_or_else(|| format!("timestamp nanos {nanos} outside 0..999999999"))?;
    // Seconds since 0001-01-01T00:00:00Z: in range, so not negative and under 2^39.
    let since = seconds.abs_diff(MIN_TIMESTAMP);
    let (days, secs) = ((since / 86_400) as u32, (since % 86_400) as u32);
    let (y, m, d) = civil_from_days(days);
    // In range, the year has four digits and every other part two.
    let mut buf = *b"0000-00-00T00:00:00";
    put_digits(&mut buf[0..4], u64::from(y));
    put_digits(&mut buf[5..7], u64::from(m));
    put_digits(&mut buf[8..10], u64::from(d));
    put_digits(&mut buf[11..13], u64::from(secs / 3600));
    put_digits(&mut buf[14..16], u64::from(secs / 60 % 60));
    put_digits(&mut buf[17..19], u64::from(secs % 60));
    out.extend_from_slice(&buf);
    push_nanos(out, nanos);
    out.push(b'Z');
    Ok(())
}

/// Fixed-width decimal digits at `s[at..at + n]`.
fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let d = s.get(at..at + n)?;
    d.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

/// `.` and 1 to 9 digits at `s[*at..]`, as nanoseconds; none is 0.
fn fraction(s: &[u8], at: &mut usize) -> Result<u32, String> {
    if s.get(*at) != Some(&b'.') {
        return Ok(0);
    }
    *at += 1;
    let start = *at;
    while s.get(*at).is_some_and(u8::is_ascii_digit) {
        *at += 1;
    }
    let n = *at - start;
    if n == 0 || n > 9 {
        return Err("a fraction of seconds has 1 to 9 digits".into());
    }
    let value = digits(s, start, n).ok_or("bad digits")?;
    Ok(value * 10u32.pow((9 - n) as u32))
}

/// Parses RFC 3339 (`1972-01-01T10:00:20.021Z`, `...+01:00`) into seconds and nanos.
pub(crate) fn parse_timestamp(text: &str) -> Result<(i64, i32), String> {
    let s = text.as_bytes();
    let bad = || "expected RFC 3339 like 1972-01-01T10:00:20.021Z".to_string();
    let field = |at, n| digits(s, at, n).ok_or_else(bad);
    let (y, m, d) = (field(0, 4)?, field(5, 2)?, field(8, 2)?);
    if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') || s.get(10) != Some(&b'T') {
        return Err(bad());
    }
    let (hh, mm, ss) = (field(11, 2)?, field(14, 2)?, field(17, 2)?);
    if s.get(13) != Some(&b':') || s.get(16) != Some(&b':') {
        return Err(bad());
    }
    if m == 0
        || m > 12
        || d == 0
        || d > days_in_month(i64::from(y), m)
        || hh > 23
        || mm > 59
        || ss > 59
    {
        return Err(format!("no such date or time: {text}"));
    }
    let mut at = 19;
    let nanos = fraction(s, &mut at)?;
    let offset = match s.get(at) {
        Some(b'Z') => {
            at += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let (oh, om) = (field(at + 1, 2)?, field(at + 4, 2)?);
            if s.get(at + 3) != Some(&b':') || oh > 23 || om > 59 {
                return Err(bad());
            }
            at += 6;
            let o = i64::from(oh * 3600 + om * 60);
            if *sign == b'+' { o } else { -o }
        }
        _ => return Err(bad()),
    };
    if at != s.len() {
        return Err(bad());
    }
    let seconds =
        days_from_civil(i64::from(y), m, d) * 86_400 + i64::from(hh * 3600 + mm * 60 + ss) - offset;
    if !(MIN_TIMESTAMP..=MAX_TIMESTAMP).contains(&seconds) {
        return Err(format!(
            "{text} is outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z"
        ));
    }
    Ok((seconds, nanos as i32))
}

/// Writes a duration as `1.5s`, `-0.010s`; `Err` with the reason when it is out of range or
/// its signs disagree.
pub(crate) fn write_duration(out: &mut Vec<u8>, seconds: i64, nanos: i32) -> Result<(), String> {
    if !(-MAX_DURATION..=MAX_DURATION).contains(&seconds) {
        return Err(format!(
            "duration seconds {seconds} outside ±{MAX_DURATION}"
        ));
    }
    if nanos.unsigned_abs() >= 1_000_000_000
        || (seconds != 0 && nanos != 0 && (seconds < 0) != (nanos < 0))
    {
        return Err(format!(
            "duration nanos {nanos} do not fit seconds {seconds}"
        ));
    }
    if seconds < 0 || nanos < 0 {
        out.push(b'-');
    }
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(seconds.unsigned_abs()).as_bytes());
    push_nanos(out, nanos.unsigned_abs());
    out.push(b's');
    Ok(())
}

/// Parses `1.5s`, `-0.010s` into seconds and nanos with the same sign.
pub(crate) fn parse_duration(text: &str) -> Result<(i64, i32), String> {
    let bad = || "expected seconds with up to 9 decimals and an `s`, like 1.5s".to_string();
    let body = text.strip_suffix('s').ok_or_else(bad)?;
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body),
    };
    let s = body.as_bytes();
    let mut at = 0;
    while s.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    if at == 0 {
        return Err(bad());
    }
    let seconds: i64 = body[..at]
        .parse()
        .map_err(|_| format!("{text} is out of range"))?;
    let nanos = fraction(s, &mut at)?;
    if at != s.len() {
        return Err(bad());
    }
    if seconds > MAX_DURATION {
        return Err(format!("{text} is outside ±{MAX_DURATION}s"));
    }
    let (seconds, nanos) = (seconds, nanos as i32);
    Ok(if negative {
        (-seconds, -nanos)
    } else {
        (seconds, nanos)
    })
}

/// A FieldMask path in its JSON form: `foo_bar.baz` → `fooBar.baz`. Paths that would not come
/// back the same (`fooBar`, `foo__bar`, `foo_3`) are refused.
pub(crate) fn path_to_camel(path: &str) -> Result<String, String> {
    let mut out = String::with_capacity(path.len());
    let mut upper = false;
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            return Err(format!("field mask path `{path}` has an uppercase letter"));
        }
        if c == '_' {
            if upper {
                return Err(format!("field mask path `{path}` has `__`"));
            }
            upper = true;
        } else if upper {
            if !c.is_ascii_lowercase() {
                return Err(format!(
                    "field mask path `{path}` has `_` before a non-letter"
                ));
            }
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    if upper {
        return Err(format!("field mask path `{path}` ends in `_`"));
    }
    Ok(out)
}

/// A FieldMask path from its JSON form: `fooBar.baz` → `foo_bar.baz`.
pub(crate) fn path_from_camel(path: &str) -> Result<String, String> {
    let mut out = String::with_capacity(path.len() + 4);
    for c in path.chars() {
        if c == '_' {
            return Err(format!(
                "field mask path `{path}` has `_` (JSON paths are camelCase)"
            ));
        }
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(seconds: i64, nanos: i32) -> String {
        let mut out = Vec::new();
        write_timestamp(&mut out, seconds, nanos).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn dur(seconds: i64, nanos: i32) -> String {
        let mut out = Vec::new();
        write_duration(&mut out, seconds, nanos).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn timestamps_round_trip_across_the_range() {
        assert_eq!(ts(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(ts(63_108_020, 21_000_000), "1972-01-01T10:00:20.021Z");
        assert_eq!(ts(-1, 1_000), "1969-12-31T23:59:59.000001Z");
        assert_eq!(ts(MIN_TIMESTAMP, 0), "0001-01-01T00:00:00Z");
        assert_eq!(
            ts(MAX_TIMESTAMP, 999_999_999),
            "9999-12-31T23:59:59.999999999Z"
        );
        for s in [
            MIN_TIMESTAMP,
            -86_401,
            -1,
            0,
            951_782_400,
            1_700_000_000,
            MAX_TIMESTAMP,
        ] {
            for n in [0, 1, 1_000, 500_000_000] {
                assert_eq!(parse_timestamp(&ts(s, n)), Ok((s, n)), "{s} {n}");
            }
        }
        assert!(write_timestamp(&mut Vec::new(), MAX_TIMESTAMP + 1, 0).is_err());
        assert!(write_timestamp(&mut Vec::new(), 0, -1).is_err());
    }

    /// Every day from 0001-01-01 to 9999-12-31, against a walk through the calendar, and
    /// back through `days_from_civil`.
    #[test]
    fn every_day_of_the_range_has_its_date() {
        let (mut y, mut m, mut d) = (1u32, 1u32, 1u32);
        let mut days = 0u32;
        loop {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            let since_1970 = days_from_civil(i64::from(y), m, d);
            assert_eq!(
                since_1970 * 86_400 - MIN_TIMESTAMP,
                i64::from(days) * 86_400
            );
            if (y, m, d) == (9999, 12, 31) {
                break;
            }
            days += 1;
            d += 1;
            if d > days_in_month(i64::from(y), m) {
                (m, d) = (m + 1, 1);
                if m > 12 {
                    (y, m) = (y + 1, 1);
                }
            }
        }
        assert_eq!(
            i64::from(days) * 86_400 + 86_399,
            MAX_TIMESTAMP - MIN_TIMESTAMP
        );
        // The last second of each day and the first of the next.
        assert_eq!(ts(951_868_799, 0), "2000-02-29T23:59:59Z");
        assert_eq!(ts(951_868_800, 0), "2000-03-01T00:00:00Z");
        assert_eq!(ts(-62_135_596_801 + 86_400, 0), "0001-01-01T23:59:59Z");
    }

    #[test]
    fn timestamp_input_takes_offsets_and_refuses_the_rest() {
        assert_eq!(parse_timestamp("1970-01-01T08:00:01+08:00"), Ok((1, 0)));
        assert_eq!(parse_timestamp("1969-12-31T16:00:01-08:00"), Ok((1, 0)));
        assert_eq!(
            parse_timestamp("2000-02-29T00:00:00.5Z"),
            Ok((951_782_400, 500_000_000))
        );
        for bad in [
            "1970-01-01t00:00:00Z",
            "1970-01-01T00:00:00z",
            "1970-01-01T00:00:00",
            "1970-01-01 00:00:00Z",
            "2001-02-29T00:00:00Z",
            "0000-12-31T23:59:59Z",
            "1970-01-01T00:00:00.Z",
            "1970-01-01T00:00:00.1234567891Z",
            "1970-01-01T24:00:00Z",
            "1970-01-01T00:00:60Z",
        ] {
            assert!(parse_timestamp(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn durations_round_trip_with_their_sign() {
        assert_eq!(dur(1, 500_000_000), "1.500s");
        assert_eq!(dur(0, -10_000_000), "-0.010s");
        assert_eq!(dur(-3, -1), "-3.000000001s");
        assert_eq!(dur(0, 0), "0s");
        for (s, n) in [
            (1, 500_000_000),
            (0, -10_000_000),
            (-3, -1),
            (MAX_DURATION, 0),
        ] {
            assert_eq!(parse_duration(&dur(s, n)), Ok((s, n)));
        }
        assert!(write_duration(&mut Vec::new(), 1, -1).is_err());
        for bad in [
            "1",
            "s",
            "-s",
            "1.s",
            "+1s",
            "1.0000000001s",
            "315576000001s",
            " 1s",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn field_mask_paths_convert_only_when_they_come_back() {
        assert_eq!(
            path_to_camel("foo_bar.baz_qux").as_deref(),
            Ok("fooBar.bazQux")
        );
        assert_eq!(
            path_from_camel("fooBar.bazQux").as_deref(),
            Ok("foo_bar.baz_qux")
        );
        for bad in ["fooBar", "foo__bar", "foo_3", "foo_"] {
            assert!(path_to_camel(bad).is_err(), "{bad}");
        }
        assert!(path_from_camel("foo_bar").is_err());
    }
}

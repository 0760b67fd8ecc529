// Timestamps and durations in their JSON text forms, as the Rust runtime writes them.

let minTimestamp: Int64 = -62_135_596_800
let maxTimestamp: Int64 = 253_402_300_799
let maxDuration: Int64 = 315_576_000_000

/// Why a timestamp has no RFC 3339 form, or nil when it has one.
func timestampProblem(_ seconds: Int64, _ nanos: Int32) -> String? {
    if seconds < minTimestamp || seconds > maxTimestamp {
        return "timestamp seconds \(seconds) outside 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z"
    }
    if nanos < 0 || nanos >= 1_000_000_000 {
        return "timestamp nanos \(nanos) outside 0..999999999"
    }
    return nil
}

/// RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits, or nil out of range.
func timestampText(_ seconds: Int64, _ nanos: Int32) -> String? {
    if timestampProblem(seconds, nanos) != nil {
        return nil
    }
    let out = JsonText(capacity: 30)
    appendTimestamp(out, seconds, nanos)
    return out.string
}

/// Appends a timestamp in range (see `timestampProblem`) in RFC 3339.
func appendTimestamp(_ out: JsonText, _ seconds: Int64, _ nanos: Int32) {
    let days = floorDiv(seconds, 86_400)
    let secs = seconds - days * 86_400
    // Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day count.
    let z = days + 719_468
    let era = floorDiv(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    out.digits(year, 4)
    out.append(UInt8(ascii: "-"))
    out.digits(month, 2)
    out.append(UInt8(ascii: "-"))
    out.digits(day, 2)
    out.append(UInt8(ascii: "T"))
    out.digits(secs / 3600, 2)
    out.append(UInt8(ascii: ":"))
    out.digits(secs / 60 % 60, 2)
    out.append(UInt8(ascii: ":"))
    out.digits(secs % 60, 2)
    appendNanos(out, nanos)
    out.append(UInt8(ascii: "Z"))
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Why a duration has no string form, or nil when it has one.
func durationProblem(_ seconds: Int64, _ nanos: Int32) -> String? {
    if seconds < -maxDuration || seconds > maxDuration {
        return "duration seconds \(seconds) outside ±\(maxDuration)"
    }
    if nanos.magnitude >= 1_000_000_000
        || (seconds != 0 && nanos != 0 && (seconds < 0) != (nanos < 0))
    {
        return "duration nanos \(nanos) do not fit seconds \(seconds)"
    }
    return nil
}

/// `1.5s`, `-0.010s`, or nil out of range.
func durationText(_ seconds: Int64, _ nanos: Int32) -> String? {
    if durationProblem(seconds, nanos) != nil {
        return nil
    }
    let out = JsonText(capacity: 24)
    if seconds < 0 || nanos < 0 {
        out.append(UInt8(ascii: "-"))
    }
    out.unsigned(seconds.magnitude)
    appendNanos(out, Int32(nanos.magnitude))
    out.append(UInt8(ascii: "s"))
    return out.string
}

/// Nanos as 0, 3, 6 or 9 fractional digits.
private func appendNanos(_ out: JsonText, _ nanos: Int32) {
    if nanos == 0 {
        return
    }
    let digits = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9
    out.append(UInt8(ascii: "."))
    out.nineDigits(Int64(nanos), digits)
}

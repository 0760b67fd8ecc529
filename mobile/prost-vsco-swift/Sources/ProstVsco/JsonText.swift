import Foundation

/// JSON text as UTF-8 bytes: the pieces shared by the legacy JSON writer and the vendors'
/// HTTP JSON.
///
/// A class over a buffer of its own rather than a struct over `[UInt8]`: an array checks
/// that its storage is unique and has room on every append, reached through the writer's
/// stored property; here an append is a compare and a store. Legacy JSON of the example event
/// took 54.5k -> 43.4k instructions (callgrind, bench/swift).
final class JsonText {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The text so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    var string: String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    /// Makes room for `extra` more bytes.
    @inline(never)
    private func grow(_ extra: Int) {
        var size = capacity * 2
        while size < count + extra {
            size *= 2
        }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        larger.update(from: start, count: count)
        start.deallocate()
        start = larger
        capacity = size
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity {
            grow(1)
        }
        start[count] = byte
        count += 1
    }

    func append(_ run: UnsafeBufferPointer<UInt8>) {
        guard let base = run.baseAddress, run.count > 0 else {
            return
        }
        if count + run.count > capacity {
            grow(run.count)
        }
        (start + count).update(from: base, count: run.count)
        count += run.count
    }

    func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    func append(_ b: [UInt8]) {
        b.withUnsafeBufferPointer { append($0) }
    }

    /// A JSON string: quoted, with `"`, `\` and control characters escaped. Runs without
    /// escapes are copied whole from the string's UTF-8 storage (iterating the `utf8` view
    /// instead was 10% more instructions for the whole of legacy JSON).
    func quoted(_ s: consuming String) {
        append(UInt8(ascii: "\""))
        // Consuming: the caller's string is read in place (`withUTF8` needs it mutable, and
        // a copy of a borrowed one cost a retain and a release per string); a bridged string
        // is made native first.
        s.withUTF8 { quotedRuns($0) }
        append(UInt8(ascii: "\""))
    }

    private func quotedRuns(_ utf8: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for i in 0..<utf8.count {
            let c = utf8[i]
            if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                continue
            }
            append(UnsafeBufferPointer(rebasing: utf8[run..<i]))
            run = i + 1
            escape(c)
        }
        append(UnsafeBufferPointer(rebasing: utf8[run...]))
    }

    private func escape(_ c: UInt8) {
        append(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""): append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): append(UInt8(ascii: "\\"))
        case 0x0A: append(UInt8(ascii: "n"))
        case 0x0D: append(UInt8(ascii: "r"))
        case 0x09: append(UInt8(ascii: "t"))
        case 0x08: append(UInt8(ascii: "b"))
        case 0x0C: append(UInt8(ascii: "f"))
        default:
            append("u00")
            append(hexDigits[Int(c >> 4)])
            append(hexDigits[Int(c & 15)])
        }
    }

    /// `"key":`.
    func member(_ key: String) {
        quoted(key)
        append(UInt8(ascii: ":"))
    }

    /// A signed integer in decimal, without a String.
    func integer<T: BinaryInteger>(_ v: T) {
        if v < 0 {
            append(UInt8(ascii: "-"))
            unsigned(UInt64(v.magnitude))
        } else {
            unsigned(UInt64(v))
        }
    }

    /// Digits from the highest power of ten down, straight into `bytes` (a digit buffer
    /// was an array allocation per number of two digits or more).
    func unsigned(_ v: UInt64) {
        var scale: UInt64 = 1
        while v / scale >= 10 {
            scale *= 10
        }
        while scale > 0 {
            append(UInt8(ascii: "0") + UInt8(v / scale % 10))
            scale /= 10
        }
    }

    /// A finite double in round-trip form: integral values without `.0`, exponents as Rust
    /// prints them (`1e-7`).
    func double(_ v: Double) {
        if v == v.rounded() && abs(v) < 1e16 {
            if v == 0 && v.sign == .minus {
                append(UInt8(ascii: "-"))
            }
            integer(Int64(v))
        } else if !fixedPoint(v) {
            appendPlain(v.description)
        }
    }

    /// `v` with a few decimals (`0.5`, `12.25`), when it has a round-trip form of at most 15
    /// significant digits and at most 9 decimals, without `description` (750 instructions a
    /// number). The first `k` for which `n = round(|v| * 10^k)` gives back `v` as
    /// `n / 10^k` is the shortest form, the one `description` spells: below 10^15, two
    /// decimals of as many digits never round to one double, and `|v| * 10^k` is within 0.2
    /// of a decimal that round-trips, so rounding finds it. `n / 10^k` in doubles is the
    /// double nearest the decimal (both exact, one correctly rounded division), which is
    /// what parsing it gives. Tests compare this with `description` on many doubles.
    func fixedPoint(_ v: Double) -> Bool {
        let m = abs(v)
        // Below 1e-4 `description` uses an exponent.
        guard m >= 1e-4 && m < 1e15 else {
            return false
        }
        var scale = 1.0
        for k in 1...9 {
            scale *= 10
            let n = (m * scale).rounded()
            guard n < 1e15 else {
                return false
            }
            if n / scale == m {
                if v < 0 {
                    append(UInt8(ascii: "-"))
                }
                let whole = UInt64(n)
                let unit = UInt64(scale)
                unsigned(whole / unit)
                append(UInt8(ascii: "."))
                digits(Int64(whole % unit), k)
                return true
            }
        }
        return false
    }

    /// A finite float in round-trip form. Integral floats from 2^24 on are more than 1
    /// apart, so their shortest form is not their integer (Rust writes `123456790` for the
    /// float 123456792, which reads back as that float but as another double): those go
    /// through `description` (`1.2345679e8`, the same double as Rust's text).
    func float(_ v: Float) {
        if v == v.rounded() && abs(v) < 16_777_216 {
            if v == 0 && v.sign == .minus {
                append(UInt8(ascii: "-"))
            }
            integer(Int64(v))
        } else {
            appendPlain(v.description)
        }
    }

    /// Swift's spelling of a number as Rust's: `1e-07` as `1e-7`, `1.5e+20` as `1.5e20`,
    /// `1.0e+20` as `1e20`. On the UTF-8 bytes: the `String` slicing this replaced was 2.2k
    /// instructions per number (callgrind, bench/swift).
    func appendPlain(_ description: String) {
        var s = description
        s.withUTF8 { u in
            guard let e = u.firstIndex(of: UInt8(ascii: "e")) else {
                append(u)
                return
            }
            var mantissa = UnsafeBufferPointer(rebasing: u[..<e])
            if mantissa.count >= 2 && mantissa[mantissa.count - 2] == UInt8(ascii: ".")
                && mantissa[mantissa.count - 1] == UInt8(ascii: "0")
            {
                mantissa = UnsafeBufferPointer(rebasing: mantissa[..<(mantissa.count - 2)])
            }
            append(mantissa)
            append(UInt8(ascii: "e"))
            var i = e + 1
            if i < u.count && u[i] == UInt8(ascii: "-") {
                append(UInt8(ascii: "-"))
                i += 1
            } else if i < u.count && u[i] == UInt8(ascii: "+") {
                i += 1
            }
            while i < u.count - 1 && u[i] == UInt8(ascii: "0") {
                i += 1
            }
            append(UnsafeBufferPointer(rebasing: u[i...]))
        }
    }

    /// The first `count` of the nine zero-padded digits of `n` (0 <= n < 10^9).
    func nineDigits(_ n: Int64, _ count: Int) {
        var scale: Int64 = 100_000_000
        for _ in 0..<count {
            append(UInt8(ascii: "0") + UInt8((n / scale) % 10))
            scale /= 10
        }
    }

    /// `v` (0 <= v < 10^width) in exactly `width` digits.
    func digits(_ v: Int64, _ width: Int) {
        var scale: Int64 = 1
        for _ in 1..<width {
            scale *= 10
        }
        while scale > 0 {
            append(UInt8(ascii: "0") + UInt8(v / scale % 10))
            scale /= 10
        }
    }
}

let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

private let base64Digits: [UInt8] = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

extension JsonText {
    /// `data` in standard base64 with padding, straight into the text: Foundation's
    /// `base64EncodedString()` was 1.4k instructions for three bytes (callgrind, bench/swift).
    func base64(_ data: Data) {
        base64Digits.withUnsafeBufferPointer { digits in
            var i = data.startIndex
            let end = data.endIndex
            while i < end {
                let b0 = UInt32(data[i])
                let b1 = i + 1 < end ? UInt32(data[i + 1]) : 0
                let b2 = i + 2 < end ? UInt32(data[i + 2]) : 0
                let n = b0 << 16 | b1 << 8 | b2
                append(digits[Int(n >> 18 & 63)])
                append(digits[Int(n >> 12 & 63)])
                append(i + 1 < end ? digits[Int(n >> 6 & 63)] : UInt8(ascii: "="))
                append(i + 2 < end ? digits[Int(n & 63)] : UInt8(ascii: "="))
                i += 3
            }
        }
    }

    /// `data` in lowercase hex digits, straight into the text.
    func hex(_ data: Data) {
        for b in data {
            append(hexDigits[Int(b >> 4)])
            append(hexDigits[Int(b & 15)])
        }
    }
}

/// Lowercase hex digits of `data`.
func hex(_ data: Data) -> String {
    var out = [UInt8]()
    out.reserveCapacity(data.count * 2)
    for b in data {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// A finite double in round-trip form, as the Rust runtime prints it where forms differ only
/// in spelling: integral values below 1e16 without `.0`, `1e-7` rather than `1e-07`.
func shortest(_ v: Double) -> String {
    let out = JsonText(capacity: 32)
    out.double(v)
    return out.string
}

func shortest(_ v: Float) -> String {
    let out = JsonText(capacity: 32)
    out.float(v)
    return out.string
}

/// How Rust's `Display` spells a non-finite double.
func rustName(_ v: Double) -> String {
    v.isNaN ? "NaN" : v > 0 ? "inf" : "-inf"
}

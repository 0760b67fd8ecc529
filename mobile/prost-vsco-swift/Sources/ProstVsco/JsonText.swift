import Foundation

/// JSON text as UTF-8 bytes: the pieces shared by the legacy JSON writer and the vendors'
/// HTTP JSON.
struct JsonText {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    mutating func append(_ b: [UInt8]) {
        bytes.append(contentsOf: b)
    }

    /// A JSON string: quoted, with `"`, `\` and control characters escaped. Runs without
    /// escapes are copied whole from the string's UTF-8 storage.
    mutating func quoted(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        // Native strings are contiguous UTF-8; a bridged one is copied first.
        if s.utf8.withContiguousStorageIfAvailable({ quotedRuns($0) }) == nil {
            let copy = Array(s.utf8)
            copy.withUnsafeBufferPointer { quotedRuns($0) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func quotedRuns(_ utf8: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for i in 0..<utf8.count {
            let c = utf8[i]
            if c >= 0x20 && c != UInt8(ascii: "\"") && c != UInt8(ascii: "\\") {
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
            run = i + 1
            escape(c)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
    }

    private mutating func escape(_ c: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch c {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            append("u00")
            bytes.append(hexDigits[Int(c >> 4)])
            bytes.append(hexDigits[Int(c & 15)])
        }
    }

    /// `"key":`.
    mutating func member(_ key: String) {
        quoted(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A signed integer in decimal, without a String.
    mutating func integer<T: BinaryInteger>(_ v: T) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            unsigned(UInt64(v.magnitude))
        } else {
            unsigned(UInt64(v))
        }
    }

    /// Digits from the highest power of ten down, straight into `bytes` (a digit buffer
    /// was an array allocation per number of two digits or more).
    mutating func unsigned(_ v: UInt64) {
        var scale: UInt64 = 1
        while v / scale >= 10 {
            scale *= 10
        }
        while scale > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(v / scale % 10))
            scale /= 10
        }
    }

    /// A finite double in round-trip form: integral values without `.0`, exponents as Rust
    /// prints them (`1e-7`).
    mutating func double(_ v: Double) {
        if v == v.rounded() && abs(v) < 1e16 && !(v == 0 && v.sign == .minus) {
            integer(Int64(v))
        } else {
            append(shortest(v))
        }
    }

    mutating func float(_ v: Float) {
        if v == v.rounded() && abs(v) < 1e16 && !(v == 0 && v.sign == .minus) {
            integer(Int64(v))
        } else {
            append(shortest(v))
        }
    }

    /// The first `count` of the nine zero-padded digits of `n` (0 <= n < 10^9).
    mutating func nineDigits(_ n: Int64, _ count: Int) {
        var scale: Int64 = 100_000_000
        for _ in 0..<count {
            bytes.append(UInt8(ascii: "0") + UInt8((n / scale) % 10))
            scale /= 10
        }
    }

    /// `v` (0 <= v < 10^width) in exactly `width` digits.
    mutating func digits(_ v: Int64, _ width: Int) {
        var scale: Int64 = 1
        for _ in 1..<width {
            scale *= 10
        }
        while scale > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(v / scale % 10))
            scale /= 10
        }
    }
}

let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

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
    if v == v.rounded() && abs(v) < 1e16 {
        return v == 0 && v.sign == .minus ? "-0" : String(Int64(v))
    }
    return plain(v.description)
}

func shortest(_ v: Float) -> String {
    if v == v.rounded() && abs(v) < 1e16 {
        return v == 0 && v.sign == .minus ? "-0" : String(Int64(v))
    }
    return plain(v.description)
}

/// Swift's `1e-07` as `1e-7`, `1.5e+20` as `1.5e20`.
private func plain(_ s: String) -> String {
    guard let e = s.firstIndex(of: "e") else {
        return s
    }
    var mantissa = String(s[..<e])
    if mantissa.hasSuffix(".0") {
        mantissa.removeLast(2)
    }
    var exponent = s[s.index(after: e)...]
    var sign = ""
    if exponent.first == "-" {
        sign = "-"
        exponent = exponent.dropFirst()
    } else if exponent.first == "+" {
        exponent = exponent.dropFirst()
    }
    while exponent.count > 1 && exponent.first == "0" {
        exponent = exponent.dropFirst()
    }
    return mantissa + "e" + sign + exponent
}

/// How Rust's `Display` spells a non-finite double.
func rustName(_ v: Double) -> String {
    v.isNaN ? "NaN" : v > 0 ? "inf" : "-inf"
}

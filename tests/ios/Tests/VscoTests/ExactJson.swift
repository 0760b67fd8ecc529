import Foundation

/// A JSON number as written: Foundation's parser on Linux rounds some doubles in the last
/// bit, and the vectors compare exact values.
struct Num {
    let text: String
    var double: Double? { Double(text) }
    var int: Int? { Int(text) }
}

/// A small exact JSON parser for the vectors file: objects as `[String: Any]`, arrays as
/// `[Any]`, strings, `Bool`, `NSNull` and `Num`.
struct ExactJson {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let s: [UInt8]
    private var i = 0

    static func parse(_ data: Data) throws -> Any {
        var p = ExactJson(s: [UInt8](data))
        let v = try p.value()
        p.space()
        if p.i != p.s.count {
            throw Failure(description: "trailing text at \(p.i)")
        }
        return v
    }

    private init(s: [UInt8]) {
        self.s = s
    }

    private mutating func space() {
        while i < s.count, [0x20, 0x0A, 0x0D, 0x09].contains(s[i]) {
            i += 1
        }
    }

    private mutating func expect(_ c: UInt8) throws {
        space()
        guard i < s.count, s[i] == c else {
            throw Failure(description: "expected \(Character(Unicode.Scalar(c))) at \(i)")
        }
        i += 1
    }

    private mutating func value() throws -> Any {
        space()
        guard i < s.count else { throw Failure(description: "unexpected end") }
        switch s[i] {
        case UInt8(ascii: "{"):
            i += 1
            var out: [String: Any] = [:]
            space()
            if s[i] == UInt8(ascii: "}") {
                i += 1
                return out
            }
            while true {
                space()
                let k = try string()
                try expect(UInt8(ascii: ":"))
                out[k] = try value()
                space()
                if s[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return out
            }
        case UInt8(ascii: "["):
            i += 1
            var out: [Any] = []
            space()
            if s[i] == UInt8(ascii: "]") {
                i += 1
                return out
            }
            while true {
                out.append(try value())
                space()
                if s[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return out
            }
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "t"):
            i += 4
            return true
        case UInt8(ascii: "f"):
            i += 5
            return false
        case UInt8(ascii: "n"):
            i += 4
            return NSNull()
        default:
            let start = i
            while i < s.count, "+-0123456789.eE".utf8.contains(s[i]) {
                i += 1
            }
            return Num(text: String(decoding: s[start..<i], as: UTF8.self))
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= s.count, let v = UInt32(String(decoding: s[i..<i + 4], as: UTF8.self), radix: 16)
        else { throw Failure(description: "bad \\u escape at \(i)") }
        i += 4
        return v
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var out = [UInt8]()
        while i < s.count {
            let c = s[i]
            i += 1
            if c == UInt8(ascii: "\"") {
                return String(decoding: out, as: UTF8.self)
            }
            if c != UInt8(ascii: "\\") {
                out.append(c)
                continue
            }
            let e = s[i]
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800..<0xDC00).contains(v), i + 6 <= s.count, s[i] == UInt8(ascii: "\\") {
                    i += 2
                    let low = try hex4()
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8)
            default: out.append(e)
            }
        }
        throw Failure(description: "unterminated string")
    }
}

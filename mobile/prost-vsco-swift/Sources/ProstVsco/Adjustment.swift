/// Why a key or event name cannot be sent as it is.
public enum KeyProblem: Sendable, Equatable {
    case empty
    case badStart
    case reserved
    case tooLong(len: Int, max: Int)

    var text: String {
        switch self {
        case .empty: return "is empty after removing disallowed characters"
        case .badStart: return "does not start with a letter"
        case .reserved: return "is reserved by the vendor"
        case .tooLong(let len, let max): return "is \(len) long, over the limit of \(max)"
        }
    }

    /// The Rust runtime's `Debug` form.
    var debugName: String {
        switch self {
        case .empty: return "Empty"
        case .badStart: return "BadStart"
        case .reserved: return "Reserved"
        case .tooLong(let len, let max): return "TooLong { len: \(len), max: \(max) }"
        }
    }
}

/// One change the vendor rules made to an event's properties: what a vendor would otherwise
/// have done silently. The same record as the Rust runtime's `vendor::Adjustment`.
public struct Adjustment: Sendable, Equatable, CustomStringConvertible {
    /// Why a property was dropped.
    public enum Reason: Sendable, Equatable {
        case invalidKey(KeyProblem)
        case valueTooLong(len: Int, max: Int)
        case countLimit(max: Int)
        case depthLimit(max: Int)
        case duplicateKey
    }

    public enum Coercion: Sendable, Equatable {
        case u64ToString, u64ToDouble, nonFinite, outOfRange
    }

    public enum Kind: Sendable, Equatable {
        case valueTruncated(len: Int, max: Int)
        case dropped(Reason)
        case coerced(Coercion)
        case keyRewritten(from: String)
        case keyTruncated(from: String)
        /// The event name as written.
        case eventNameRewritten(from: String)
        /// The event name before the cut.
        case eventNameTruncated(from: String)
    }

    /// The property's path: `tags[3]` for a list element, `device.os` inside an object; the
    /// name sent for an event name.
    public let key: String
    public let kind: Kind

    /// The kind as the shared vectors name it (`value_truncated`, `dropped`...).
    public var kindName: String {
        switch kind {
        case .valueTruncated: return "value_truncated"
        case .dropped: return "dropped"
        case .coerced: return "coerced"
        case .keyRewritten: return "key_rewritten"
        case .keyTruncated: return "key_truncated"
        case .eventNameRewritten: return "event_name_rewritten"
        case .eventNameTruncated: return "event_name_truncated"
        }
    }

    /// The drop reason in the Rust runtime's `Debug` form (`CountLimit { max: 25 }`).
    public var reasonName: String? {
        guard case .dropped(let reason) = kind else {
            return nil
        }
        switch reason {
        case .invalidKey(let p): return "InvalidKey(\(p.debugName))"
        case .valueTooLong(let len, let max): return "ValueTooLong { len: \(len), max: \(max) }"
        case .countLimit(let max): return "CountLimit { max: \(max) }"
        case .depthLimit(let max): return "DepthLimit { max: \(max) }"
        case .duplicateKey: return "DuplicateKey"
        }
    }

    /// The coercion in the Rust runtime's `Debug` form (`U64ToString`).
    public var coercionName: String? {
        guard case .coerced(let c) = kind else {
            return nil
        }
        switch c {
        case .u64ToString: return "U64ToString"
        case .u64ToDouble: return "U64ToDouble"
        case .nonFinite: return "NonFinite"
        case .outOfRange: return "OutOfRange"
        }
    }

    /// Why the property was dropped, for people.
    var reasonText: String {
        guard case .dropped(let reason) = kind else {
            return ""
        }
        switch reason {
        case .invalidKey(let p): return "the key \(p.text)"
        case .valueTooLong(let len, let max): return "the value is \(len) long, over the limit of \(max)"
        case .countLimit(let max): return "the event has more than \(max) properties"
        case .depthLimit(let max): return "the value nests deeper than \(max)"
        case .duplicateKey: return "an earlier property has the same key"
        }
    }

    /// The same text as the Rust runtime's `Display`.
    public var description: String {
        switch kind {
        case .valueTruncated(let len, let max):
            return "\(key): value truncated from \(len) to \(max)"
        case .dropped:
            return "\(key): dropped: \(reasonText)"
        case .coerced(let c):
            switch c {
            case .u64ToString: return "\(key): uint64 above the signed range sent as a string"
            case .u64ToDouble: return "\(key): uint64 sent as an inexact double"
            case .nonFinite: return "\(key): non-finite number sent as a string"
            case .outOfRange: return "\(key): time out of the string form's range sent as seconds"
            }
        case .keyRewritten(let from):
            return "\(key): key rewritten from `\(from)`"
        case .keyTruncated(let from):
            return "\(key): key truncated from `\(from)`"
        case .eventNameRewritten(let from):
            return "\(key): event name rewritten from `\(from)`"
        case .eventNameTruncated(let from):
            return "\(key): event name truncated from `\(from)`"
        }
    }
}

/// The key rules of a profile: case, allowed characters, stripped leading characters, reserved
/// names and prefixes, length.
enum Keys {
    /// A key after the rules.
    struct Check {
        var key: String
        var rewritten = false
        var truncated = false
        var problem: KeyProblem?
    }

    /// The field's `vendor_key` as written, else its proto name in the profile's case.
    static func segment(_ p: Profile, _ name: String, _ vendorKey: String?) -> String {
        if let vendorKey {
            return vendorKey
        }
        switch p.keyCase {
        case .snake: return snake(name)
        case .camel: return camel(name)
        case .asIs: return name
        }
    }

    static func snake(_ name: String) -> String {
        // Proto field names are snake_case: without an uppercase letter nothing changes.
        if !name.unicodeScalars.contains(where: { $0.properties.isUppercase }) {
            return name
        }
        var out = ""
        var prev: Unicode.Scalar?
        for c in name.unicodeScalars {
            if c.properties.isUppercase, let p = prev,
                p.properties.isLowercase || (p >= "0" && p <= "9")
            {
                out.append("_")
            }
            out.append(String(c).lowercased())
            prev = c
        }
        return out
    }

    static func camel(_ name: String) -> String {
        if !name.contains("_") {
            return name
        }
        var out = ""
        var upper = false
        for c in name.unicodeScalars {
            if c == "_" {
                upper = true
            } else if upper {
                out.append(String(c).uppercased())
                upper = false
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func checkKey(_ p: Profile, _ raw: String) -> Check {
        validate(p, clean(p, raw), p.reservedKeys, p.maxKeyLength)
    }

    /// `checkKey` for a key made of clean parts.
    static func checkCleanKey(_ p: Profile, _ key: String) -> Check {
        validate(p, Check(key: key), p.reservedKeys, p.maxKeyLength)
    }

    static func checkEventName(_ p: Profile, _ raw: String) -> Check {
        validate(p, clean(p, raw), p.reservedEventNames, p.maxEventNameLength)
    }

    /// Every run of disallowed characters becomes one `_`; stripped leading characters go.
    static func clean(_ p: Profile, _ raw: String) -> Check {
        var c = Check(key: raw)
        var key = raw
        if p.keyCharset == .word && !key.unicodeScalars.allSatisfy(p.allows) {
            var out = String.UnicodeScalarView()
            var inRun = false
            for ch in key.unicodeScalars {
                if p.allows(ch) {
                    out.append(ch)
                    inRun = false
                } else if !inRun {
                    out.append("_")
                    inRun = true
                }
            }
            key = String(out)
            c.rewritten = true
        }
        let strip = p.stripLeading.unicodeScalars
        if let first = key.unicodeScalars.first, strip.contains(first) {
            key = String(key.unicodeScalars.drop(while: { strip.contains($0) }))
            c.rewritten = true
        }
        c.key = key
        return c
    }

    private static func reserved(_ p: Profile, _ names: [String], _ key: String) -> Bool {
        names.contains(key) || p.reservedPrefixes.contains { key.hasPrefix($0) }
    }

    private static func validate(_ p: Profile, _ check: Check, _ names: [String], _ max: Int)
        -> Check
    {
        var c = check
        let key = c.key
        if key.isEmpty {
            c.problem = .empty
        } else if p.keyStartsWithLetter, let first = key.unicodeScalars.first,
            !((first >= "a" && first <= "z") || (first >= "A" && first <= "Z"))
        {
            c.problem = .badStart
        } else if reserved(p, names, key) {
            c.problem = .reserved
        } else if max > 0 {
            let len = p.keyLengthUnit.length(key)
            if len > max {
                if p.onViolation == .truncate {
                    c.key = p.keyLengthUnit.prefix(key, max)
                    c.truncated = true
                    if c.key.isEmpty {
                        c.problem = .empty
                    } else if reserved(p, names, c.key) {
                        c.problem = .reserved
                    }
                } else {
                    c.problem = .tooLong(len: len, max: max)
                }
            }
        }
        return c
    }
}

/// How `LegacyJson` writes: canonical proto3 JSON by default, or the legacy forms a JSON API
/// expects (the Rust runtime's `JsonOptions`, switch for switch).
public struct JsonOptions: Sendable, Equatable {
    /// Which name keys an object member.
    public enum Keys: Sendable, Equatable {
        /// The JSON name (canonical).
        case jsonName
        /// The name in the `.proto` file.
        case protoName
        /// The field's `legacy_key`, and its JSON name when it has none.
        case legacy
        /// The proto name in a case style (`session-id`...).
        case caseStyle(CaseStyle)
    }

    public enum Enums: Sendable, Equatable {
        /// Names; numbers without a name as numbers (canonical).
        case names
        case numbers
    }

    public enum Int64s: Sendable, Equatable {
        /// Decimal strings (canonical).
        case strings
        case numbers
    }

    public enum BytesForm: Sendable, Equatable {
        /// Standard base64 with padding (canonical).
        case base64
        /// Lowercase hexadecimal.
        case hex
    }

    public enum Timestamps: Sendable, Equatable {
        /// RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits (canonical).
        case rfc3339
        /// Milliseconds since the epoch, a number (sub-millisecond digits dropped).
        case epochMillis
        /// Seconds since the epoch, a number with the fraction as decimals.
        case epochSeconds
    }

    public var keys: Keys = .jsonName
    public var enums: Enums = .names
    public var int64: Int64s = .strings
    public var bytes: BytesForm = .base64
    public var timestamps: Timestamps = .rfc3339
    /// Write fields without presence even when they hold their default.
    public var emitDefaults = false
    /// Indent nested objects and arrays by two spaces, one entry per line, a space after
    /// each `:` (the Rust runtime's `pretty`, byte for byte).
    public var pretty = false
    /// Objects and arrays may nest this deep below the root; a deeper value fails the write
    /// (`JsonError`) instead of recursing further. Values above `maxSafeDepth` count as it.
    public var maxDepth = JsonOptions.defaultMaxDepth
    /// Forms chosen for single fields at run time, by message full name, then field name:
    /// see `fieldFormat(_:_:)`.
    public private(set) var fieldFormats: [String: [String: FieldFormat]] = [:]

    /// The default of `maxDepth` (the Rust runtime's `DEFAULT_MAX_DEPTH`).
    public static let defaultMaxDepth = 100
    /// The ceiling of `maxDepth` (the Rust runtime's `MAX_SAFE_DEPTH`): the writer recurses
    /// once per level.
    public static let maxSafeDepth = 200

    /// Canonical proto3 JSON.
    public static let canonical = JsonOptions()

    public init(
        keys: Keys = .jsonName, enums: Enums = .names, int64: Int64s = .strings,
        bytes: BytesForm = .base64, timestamps: Timestamps = .rfc3339, emitDefaults: Bool = false,
        pretty: Bool = false, maxDepth: Int = JsonOptions.defaultMaxDepth
    ) {
        self.keys = keys
        self.enums = enums
        self.int64 = int64
        self.bytes = bytes
        self.timestamps = timestamps
        self.emitDefaults = emitDefaults
        self.pretty = pretty
        self.maxDepth = maxDepth
    }

    /// These options, writing the field `fullName` (`pkg.Message.field`, by proto name) in
    /// `format`'s forms, over the switches above and over the field's own `json_*` options:
    /// for schemas whose `.proto` files you do not own (the Rust runtime's
    /// `JsonOptions::field_format`). A later call for the same field replaces the choices it
    /// makes. A name that is not a field of its message, or a choice for another kind of
    /// field (`bytes: .hex` for a string), fails the writing of that message.
    ///
    ///     // OTLP JSON from the OTLP .proto files as they are: ids as hex.
    ///     let otlp = JsonOptions(enums: .numbers)
    ///         .fieldFormat("opentelemetry.proto.trace.v1.Span.trace_id", FieldFormat(bytes: .hex))
    public func fieldFormat(_ fullName: String, _ format: FieldFormat) -> JsonOptions {
        var name = Substring(fullName)
        if name.hasPrefix(".") {
            name = name.dropFirst()
        }
        let dot = name.lastIndex(of: ".")
        let message = dot.map { String(name[..<$0]) } ?? ""
        let field = dot.map { String(name[name.index(after: $0)...]) } ?? String(name)
        var copy = self
        copy.fieldFormats[message, default: [:]][field] =
            format.over(fieldFormats[message]?[field] ?? .none)
        return copy
    }

    /// The nesting limit in force: `maxDepth`, at most `maxSafeDepth`.
    var depthLimit: Int { Swift.min(Swift.max(maxDepth, 0), JsonOptions.maxSafeDepth) }

    func key(_ f: FieldInfo) -> String {
        switch keys {
        case .jsonName: return f.jsonName
        case .protoName: return f.name
        case .legacy: return f.legacyKey ?? f.jsonName
        case .caseStyle(let style): return style.apply(f.name)
        }
    }
}

/// A case style for keys, applied to the proto name: words break at `_`, at `-` and before an
/// uppercase letter that follows a lowercase letter or a digit (the Rust runtime's `CaseStyle`).
public enum CaseStyle: Sendable, Equatable {
    /// `session_id`
    case snake
    /// `sessionId`
    case camel
    /// `SessionId`
    case pascal
    /// `session-id`
    case kebab
    /// `SESSION_ID`
    case screamingSnake

    /// `name` in this style.
    public func apply(_ name: String) -> String {
        let b = Array(name.utf8)
        var words: [ArraySlice<UInt8>] = []
        var start = 0
        func isLower(_ c: UInt8) -> Bool { c >= 0x61 && c <= 0x7A }
        func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        for i in 0..<b.count {
            let c = b[i]
            if c == UInt8(ascii: "_") || c == UInt8(ascii: "-") {
                if i > start {
                    words.append(b[start..<i])
                }
                start = i + 1
            } else if i > start && isUpper(c) && (isLower(b[i - 1]) || isDigit(b[i - 1])) {
                words.append(b[start..<i])
                start = i
            }
        }
        if start < b.count {
            words.append(b[start...])
        }
        func lower(_ c: UInt8) -> UInt8 { isUpper(c) ? c + 32 : c }
        func upper(_ c: UInt8) -> UInt8 { isLower(c) ? c - 32 : c }
        var out: [UInt8] = []
        for (i, word) in words.enumerated() {
            switch self {
            case .snake, .kebab, .screamingSnake:
                if i > 0 {
                    out.append(self == .kebab ? UInt8(ascii: "-") : UInt8(ascii: "_"))
                }
                out.append(contentsOf: word.map(self == .screamingSnake ? upper : lower))
            case .camel, .pascal:
                let l = word.map(lower)
                if i == 0 && self == .camel {
                    out.append(contentsOf: l)
                } else if let first = l.first {
                    out.append(upper(first))
                    out.append(contentsOf: l.dropFirst())
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

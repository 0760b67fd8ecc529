import Foundation
import SwiftProtobuf

/// Why a message has no JSON form under the options (a timestamp out of range, an `Any` of
/// an unknown type...). The text is the Rust runtime's: the JSON path to the value, then why
/// (`$.sentAt: cannot be written as JSON: timestamp nanos -1 outside 0..999999999`).
public struct JsonError: Error, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Writes a message as JSON under `JsonOptions`: canonical proto3 JSON by default, or the
/// legacy forms a JSON API expects. The text is the Rust runtime's for the same message and
/// options, except that a float or double may be spelled differently (with the same value):
/// members in field-number order, map entries in key order, compact.
public enum LegacyJson {
    /// `message` as JSON text; `types` are the message types an `Any` may hold.
    public static func write(
        _ message: any VscoMessage, options: JsonOptions = .canonical,
        types: TypeRegistry = .empty
    ) throws(JsonError) -> String {
        let w = Writer(options: options, types: types)
        w.message(message, at: 0)
        if let failure = w.failure {
            throw JsonError("$" + w.failurePath.reversed().joined() + ": " + failure.message)
        }
        return w.out.string
    }

    private final class Writer: FieldVisitor {
        let options: JsonOptions
        let types: TypeRegistry
        // Unchecked: only this writer touches its state, one call at a time; the dynamic
        // exclusivity checks of a class's stored properties were about 8% of the writer's
        // instructions (callgrind, bench/swift).
        // Most events fit: growing twice on the way was 1.8% of the instructions.
        let out = JsonText(capacity: 1024)
        @exclusivity(unchecked) var first = true
        /// The first problem met; the visit goes on but the text is dropped.
        @exclusivity(unchecked) var failure: JsonError?
        /// The path to the value of `failure`, innermost segment first (`.key`, `[3]`,
        /// `["k"]`), added on the way out of each value that held it.
        var failurePath: [String] = []
        /// The field whose value is being written, for the JSON forms chosen for it; nil at
        /// the root. Unowned: field tables are static, never freed, and a strong reference
        /// cost a retain and a release per field written.
        @exclusivity(unchecked) unowned(unsafe) var field: FieldInfo?
        /// The nesting depth of the object or array being filled: 0 for the root's members.
        @exclusivity(unchecked) var depth = 0
        /// The run-time forms (`JsonOptions.fieldFormat`) of the fields of the message being
        /// written, by field name; nil when it has none.
        @exclusivity(unchecked) var scope: [String: FieldFormat]?
        // The switches read once: read from `options` at each use, a Bool cost nothing but
        // the dictionary of forms a retain and a release (legacy JSON of the example event:
        // 31.3k -> 29.2k instructions with the checks below kept inline; callgrind,
        // bench/swift).
        let pretty: Bool
        let depthLimit: Int
        /// `JsonOptions.fieldFormats` is not empty: only then do messages look up and keep
        /// their `scope`.
        let scoped: Bool

        init(options: JsonOptions, types: TypeRegistry) {
            self.options = options
            self.types = types
            pretty = options.pretty
            depthLimit = options.depthLimit
            scoped = !options.fieldFormats.isEmpty
        }

        /// The forms of `f`'s values: the run-time choice, then the field's own.
        @inline(__always)
        func form(_ f: FieldInfo?) -> FieldFormat {
            guard let f else {
                return .none
            }
            return scoped ? scopedForm(f) : f.jsonFormat
        }

        func scopedForm(_ f: FieldInfo) -> FieldFormat {
            guard let over = scope?[f.name] else {
                return f.jsonFormat
            }
            return over.over(f.jsonFormat)
        }

        /// The run-time forms for the fields of `info`'s message, checked against its fields.
        func overrides(_ info: MessageInfo) -> [String: FieldFormat]? {
            guard let chosen = options.fieldFormats[info.fullName] else {
                return nil
            }
            for name in chosen.keys.sorted() {
                guard let f = info.fields.first(where: { $0.name == name }) else {
                    fail("message \(info.fullName) has no field `\(name)` (JsonOptions.fieldFormat)")
                    continue
                }
                if let problem = chosen[name]?.misfit(f, in: info.fullName) {
                    fail(problem)
                }
            }
            return chosen
        }

        /// Whether a value at `depth` is within the nesting limit. When it is not, records the
        /// failure and writes `null` in its place (the text is dropped anyway); the caller
        /// writes no deeper.
        @inline(__always)
        func within(_ depth: Int) -> Bool {
            if depth > depthLimit {
                tooDeep()
                return false
            }
            return true
        }

        @inline(never)
        func tooDeep() {
            fail("nesting deeper than the limit of \(depthLimit)")
            out.append("null")
        }

        /// A line break and the indentation of an entry at `depth`, in pretty mode.
        @inline(__always)
        func newline(_ depth: Int) {
            if pretty {
                indent(depth)
            }
        }

        func indent(_ depth: Int) {
            out.append(UInt8(ascii: "\n"))
            for _ in 0..<(depth * 2) {
                out.append(UInt8(ascii: " "))
            }
        }

        /// `:` between a key and its value (`: ` in pretty mode).
        @inline(__always)
        func colon() {
            out.append(UInt8(ascii: ":"))
            if pretty {
                out.append(UInt8(ascii: " "))
            }
        }

        /// Before an element of an array or an entry of a map at `depth`.
        @inline(__always)
        func separator(_ i: Int, _ depth: Int) {
            if i > 0 {
                out.append(UInt8(ascii: ","))
            }
            newline(depth)
        }

        /// The closing bracket of a container at `depth` that held `count` entries.
        @inline(__always)
        func close(_ bracket: UInt8, _ count: Int, _ depth: Int) {
            if count > 0 {
                newline(depth)
            }
            out.append(bracket)
        }

        func fail(_ message: String) {
            if failure == nil {
                failure = JsonError(message)
            }
        }

        /// `fail` for a value with no JSON form (the Rust runtime's `Unrepresentable`).
        func unrepresentable(_ reason: String) {
            fail("cannot be written as JSON: " + clip(reason))
        }

        /// After writing a value under `segment`: when the failure was met in it (`had`:
        /// there was one before), `segment` joins its path.
        @inline(__always)
        func under(_ had: Bool, _ segment: @autoclosure () -> String) {
            if !had && failure != nil {
                failurePath.append(segment())
            }
        }

        /// A map key's path segment: `["k"]`, the key quoted as JSON writes it.
        func keySegment(_ key: String) -> String {
            let text = JsonText()
            text.quoted(clip(key))
            return "[" + text.string + "]"
        }

        // Generic, so that a nested message is visited where it is, without an existential
        // box (a copy and an allocation per message): JSON of the example event took 6.0 ->
        // 5.2 us (bench/swift).
        func message<M: VscoMessage>(_ f: FieldInfo, _ m: M) {
            key(f)
            let had = failure != nil
            message(m, at: depth + 1)
            under(had, "." + clip(options.key(f)))
        }

        /// `m` as a value at `depth` (0 for the root).
        func message<M: VscoMessage>(_ m: M, at depth: Int) {
            if let w = M.vscoInfo.wellKnown {
                // A wrapper counts no level: the Rust runtime holds it as the value it wraps.
                guard w == .wrapper || within(depth) else {
                    return
                }
                wellKnown(w, m, at: depth)
                return
            }
            guard within(depth) else {
                return
            }
            out.append(UInt8(ascii: "{"))
            let outer = (first, field, self.depth)
            first = true
            self.depth = depth
            if scoped {
                let outerScope = scope
                scope = overrides(M.vscoInfo)
                m.vscoVisit(self, all: options.emitDefaults)
                scope = outerScope
            } else {
                m.vscoVisit(self, all: options.emitDefaults)
            }
            let empty = first
            (first, field, self.depth) = outer
            close(UInt8(ascii: "}"), empty ? 0 : 1, depth)
        }

        func key(_ f: FieldInfo) {
            if !first {
                out.append(UInt8(ascii: ","))
            }
            first = false
            field = f
            if pretty {
                indent(depth + 1)
                out.quoted(options.key(f))
                colon()
                return
            }
            // The two canonical key namings have their member text ready in the field table.
            switch options.keys {
            case .jsonName: out.append(f.quotedJsonName)
            case .protoName: out.append(f.quotedName)
            default: out.member(options.key(f))
            }
        }

        func value(_ f: FieldInfo, _ value: FieldValue) {
            key(f)
            let had = failure != nil
            element(f.enumInfo, value, at: depth + 1)
            under(had, "." + clip(options.key(f)))
        }

        // Scalars as they come, without a `FieldValue` (see `FieldVisitor`): legacy JSON of
        // the example event took 37.7k -> 36.8k instructions (callgrind, bench/swift).
        func bool(_ f: FieldInfo, _ v: Bool) {
            key(f)
            out.append(v ? trueText : falseText)
        }

        func int32(_ f: FieldInfo, _ v: Int32) {
            key(f)
            out.integer(v)
        }

        func uint32(_ f: FieldInfo, _ v: UInt32) {
            key(f)
            out.unsigned(UInt64(v))
        }

        func int64(_ f: FieldInfo, _ v: Int64) {
            key(f)
            int64(v < 0, UInt64(v.magnitude))
        }

        func uint64(_ f: FieldInfo, _ v: UInt64) {
            key(f)
            int64(false, v)
        }

        func float(_ f: FieldInfo, _ v: Float) {
            key(f)
            double(Double(v), float: v)
        }

        func double(_ f: FieldInfo, _ v: Double) {
            key(f)
            double(v, float: nil)
        }

        func string(_ f: FieldInfo, _ v: consuming String) {
            key(f)
            out.quoted(v)
        }

        func bytes(_ f: FieldInfo, _ v: Data) {
            key(f)
            element(nil, .bytes(v), at: depth + 1)
        }

        func enumNumber(_ f: FieldInfo, _ v: Int) {
            key(f)
            enumValue(f.enumInfo, v)
        }

        func list(_ f: FieldInfo, _ values: [FieldValue]) {
            key(f)
            let had = failure != nil
            list(f.enumInfo, values, at: depth + 1)
            under(had, "." + clip(options.key(f)))
        }

        /// A list as a value at `depth`.
        func list(_ info: EnumInfo?, _ values: [FieldValue], at depth: Int) {
            guard within(depth) else {
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, v) in values.enumerated() {
                separator(i, depth + 1)
                let had = failure != nil
                element(info, v, at: depth + 1)
                under(had, "[\(i)]")
            }
            close(UInt8(ascii: "]"), values.count, depth)
        }

        func map(_ f: FieldInfo, _ entries: [(key: FieldValue, value: FieldValue)]) {
            key(f)
            let had = failure != nil
            mapValue(f, entries, at: depth + 1)
            under(had, "." + clip(options.key(f)))
        }

        func strings(_ f: FieldInfo, _ values: [String]) {
            key(f)
            let had = failure != nil
            guard within(depth + 1) else {
                under(had, "." + clip(options.key(f)))
                return
            }
            out.append(UInt8(ascii: "["))
            for (i, s) in values.enumerated() {
                separator(i, depth + 2)
                out.quoted(s)
            }
            close(UInt8(ascii: "]"), values.count, depth + 1)
        }

        func stringMap(_ f: FieldInfo, _ entries: [String: String]) {
            key(f)
            let had = failure != nil
            guard within(depth + 1) else {
                under(had, "." + clip(options.key(f)))
                return
            }
            out.append(UInt8(ascii: "{"))
            withKeyOrder(entries) { order in
                for (i, at) in order.enumerated() {
                    separator(i, depth + 2)
                    let (k, v) = entries[at]
                    out.quoted(k)
                    colon()
                    out.quoted(v)
                }
            }
            close(UInt8(ascii: "}"), entries.count, depth + 1)
        }

        /// A map as a value at `depth`.
        func mapValue(
            _ f: FieldInfo, _ entries: [(key: FieldValue, value: FieldValue)], at depth: Int
        ) {
            guard within(depth) else {
                return
            }
            out.append(UInt8(ascii: "{"))
            withKeyOrder(entries) { order in
                for (i, at) in order.enumerated() {
                    separator(i, depth + 1)
                    entry(f, entries[at], at: depth + 1)
                }
            }
            close(UInt8(ascii: "}"), entries.count, depth)
        }

        /// One map entry, `"key":value`, its value at `depth`.
        func entry(_ f: FieldInfo, _ e: (key: FieldValue, value: FieldValue), at depth: Int) {
            let key: String
            switch e.key {
            case .string(let s): key = s
            case .bool(let b): key = b ? "true" : "false"
            case .int32(let v): key = String(v)
            case .uint32(let v): key = String(v)
            case .int64(let v): key = String(v)
            case .uint64(let v): key = String(v)
            default:
                key = ""
                fail("\(f.name): a map key of an unexpected kind")
            }
            out.quoted(key)
            colon()
            let had = failure != nil
            element(f.enumInfo, e.value, at: depth)
            under(had, keySegment(key))
        }

        /// One value (of a field, a list or a map) at `depth`.
        func element(_ info: EnumInfo?, _ v: FieldValue, at depth: Int) {
            switch v {
            case .bool(let b): out.append(b ? trueText : falseText)
            case .int32(let n): out.integer(n)
            case .uint32(let n): out.unsigned(UInt64(n))
            case .int64(let n): int64(n < 0, UInt64(n.magnitude))
            case .uint64(let n): int64(false, n)
            case .float(let x): double(Double(x), float: x)
            case .double(let x): double(x, float: nil)
            case .string(let s): out.quoted(s)
            case .bytes(let d):
                out.append(UInt8(ascii: "\""))
                if (form(field).bytes ?? options.bytes) == .hex {
                    out.hex(d)
                } else {
                    out.base64(d)
                }
                out.append(UInt8(ascii: "\""))
            case .enumNumber(let n): enumValue(info, n)
            case .message(let m): message(m, at: depth)
            }
        }

        func int64(_ negative: Bool, _ magnitude: UInt64) {
            let quoted = (form(field).int64 ?? options.int64) == .strings
            if quoted {
                out.append(UInt8(ascii: "\""))
            }
            if negative {
                out.append(UInt8(ascii: "-"))
            }
            out.unsigned(magnitude)
            if quoted {
                out.append(UInt8(ascii: "\""))
            }
        }

        func double(_ v: Double, float: Float?) {
            if v.isNaN {
                out.append("\"NaN\"")
            } else if v.isInfinite {
                out.append(v > 0 ? "\"Infinity\"" : "\"-Infinity\"")
            } else if let f = float {
                out.float(f)
            } else {
                out.double(v)
            }
        }

        func enumValue(_ info: EnumInfo?, _ number: Int) {
            if (form(field).enums ?? options.enums) == .names {
                // NullValue's name is `null`; as numbers it is 0 like any enum.
                if info === nullValueInfo {
                    out.append("null")
                    return
                }
                if let name = info?.name(number) {
                    out.quoted(name)
                    return
                }
            }
            out.integer(number)
        }

        // Generic, as `message` is: a well-known message (a timestamp) is read where it is,
        // not boxed in an existential (an allocation and a dynamic cast per timestamp).
        func wellKnown<M: VscoMessage>(_ w: WellKnown, _ m: M, at depth: Int) {
            switch w {
            case .timestamp:
                let c = Capture.secondsAndNanos(m)
                timestamp(c.seconds, c.nanos)
            case .duration:
                let c = Capture.secondsAndNanos(m)
                guard let text = durationText(c.seconds, c.nanos) else {
                    unrepresentable(durationProblem(c.seconds, c.nanos) ?? "duration out of range")
                    out.append("null")
                    return
                }
                out.quoted(text)
            case .fieldMask:
                let c = Capture.of(m, all: false)
                var joined: [String] = []
                for p in c.values {
                    if case .string(let path) = p {
                        switch pathToCamel(path) {
                        case .success(let camel): joined.append(camel)
                        case .failure(let e): unrepresentable(e.message)
                        }
                    }
                }
                out.quoted(joined.joined(separator: ","))
            case .empty:
                // Written like any message without fields, forms for them checked alike.
                if scoped {
                    _ = overrides(M.vscoInfo)
                }
                out.append("{}")
            case .any:
                any(m, at: depth)
            default:
                inner(w, m, at: depth)
            }
        }

        /// Struct (its map), ListValue (its list), Value (its set member), a wrapper (its
        /// value), written as a value at `depth`.
        func inner<M: VscoMessage>(_ w: WellKnown, _ m: M, at depth: Int) {
            let c = Capture.of(m, all: w == .wrapper)
            guard let f = c.field else {
                switch w {
                case .structValue: out.append("{}")
                case .listValue: out.append("[]")
                case .value:
                    unrepresentable("google.protobuf.Value with no kind set")
                    out.append("null")
                default:
                    unrepresentable("wrapper without a value")
                    out.append("null")
                }
                return
            }
            if w == .value, case .double(let d)? = c.single, !d.isFinite {
                unrepresentable("google.protobuf.Value holds \(rustName(d)), which JSON numbers cannot")
                out.append("null")
                return
            }
            if w == .value && f.kind == .enumeration {
                out.append("null")
                return
            }
            switch f.cardinality {
            case .map: mapValue(f, c.entries, at: depth)
            case .repeated: list(f.enumInfo, c.values, at: depth)
            default:
                if let v = c.single {
                    element(f.enumInfo, v, at: depth)
                }
            }
        }

        func timestamp(_ seconds: Int64, _ nanos: Int32) {
            switch form(field).timestamps ?? options.timestamps {
            case .epochMillis:
                // Truncated toward zero, as the Rust runtime does; exact beyond 64 bits.
                let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000)
                if !overflow, case let (sum, o2) = ms.addingReportingOverflow(Int64(nanos / 1_000_000)), !o2 {
                    out.integer(sum)
                } else {
                    out.append(wideMillis(seconds, nanos))
                }
                return
            case .epochSeconds:
                epochSeconds(seconds, nanos)
                return
            case .rfc3339:
                break
            }
            if let problem = timestampProblem(seconds, nanos) {
                unrepresentable(problem)
                out.append("null")
                return
            }
            out.append(UInt8(ascii: "\""))
            appendTimestamp(out, seconds, nanos)
            out.append(UInt8(ascii: "\""))
        }

        func epochSeconds(_ seconds: Int64, _ nanos: Int32) {
            // The fraction's digits need nanos in range, as RFC 3339 does.
            guard nanos >= 0 && nanos < 1_000_000_000 else {
                unrepresentable("timestamp nanos \(nanos) outside 0..999999999")
                out.append("null")
                return
            }
            if nanos == 0 {
                out.integer(seconds)
                return
            }
            var whole = seconds
            var frac = Int64(nanos)
            if seconds < 0 {
                out.append(UInt8(ascii: "-"))
                whole = -(seconds + 1)
                frac = 1_000_000_000 - Int64(nanos)
            }
            out.integer(whole)
            out.append(UInt8(ascii: "."))
            var digits = 9
            while digits > 1 && frac % 10 == 0 {
                frac /= 10
                digits -= 1
            }
            var scale: Int64 = 1
            for _ in 0..<(9 - digits) {
                scale *= 10
            }
            out.nineDigits(frac * scale, digits)
        }

        func any<M: VscoMessage>(_ m: M, at depth: Int) {
            guard let a = m as? Google_Protobuf_Any else {
                return
            }
            let url = a.typeURL
            let bytes = a.value
            if url.isEmpty && bytes.isEmpty {
                out.append("{}")
                return
            }
            let name = url.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? url
            guard let t = types.type(name) else {
                fail("type `\(clip(url))` of an Any is not registered")
                out.append("null")
                return
            }
            let inner: any VscoMessage
            do {
                inner = try t.init(serializedBytes: bytes)
            } catch {
                fail("invalid \(clip("binary " + name)): \(clip("\(error)"))")
                out.append("null")
                return
            }
            out.append(UInt8(ascii: "{"))
            newline(depth + 1)
            out.quoted("@type")
            colon()
            out.quoted(url)
            // Empty has no form of its own inside an Any: the Rust runtime (and protobuf's
            // own JSON printers) write it as a message without fields, with no "value".
            if let w = t.vscoInfo.wellKnown, w != .empty {
                out.append(UInt8(ascii: ","))
                newline(depth + 1)
                out.quoted("value")
                colon()
                // A wrapper's value is a scalar: as in the Rust runtime, no nesting to check.
                if w == .wrapper {
                    wrapped(inner, at: depth + 1)
                } else {
                    let had = failure != nil
                    message(inner, at: depth + 1)
                    under(had, ".value")
                }
            } else if within(depth + 1) {
                let outer = (first, field, self.depth, scope)
                first = false
                self.depth = depth
                if scoped {
                    scope = overrides(t.vscoInfo)
                }
                inner.vscoVisit(self, all: options.emitDefaults)
                (first, field, self.depth, scope) = outer
            }
            close(UInt8(ascii: "}"), 1, depth)
        }

        /// The value of a wrapper held by an `Any`, at `depth`.
        func wrapped<M: VscoMessage>(_ m: M, at depth: Int) {
            inner(.wrapper, m, at: depth)
        }
    }
}

/// The longest piece of data an error repeats, in UTF-8 bytes (the Rust runtime's).
private let maxEcho = 120

/// `s`, or its first and last bytes (at character boundaries) around `…` with its length,
/// when it is longer than `maxEcho`: as the Rust runtime shortens what an error repeats.
private func clip(_ s: String) -> String {
    let b = Array(s.utf8)
    if b.count <= maxEcho {
        return s
    }
    var head = maxEcho * 2 / 3
    while b[head] & 0xC0 == 0x80 {
        head -= 1
    }
    var tail = b.count - maxEcho / 3
    while tail < b.count && b[tail] & 0xC0 == 0x80 {
        tail += 1
    }
    return String(decoding: b[..<head], as: UTF8.self) + "…"
        + String(decoding: b[tail...], as: UTF8.self) + " (\(b.count) bytes)"
}

private let trueText: [UInt8] = Array("true".utf8)
private let falseText: [UInt8] = Array("false".utf8)

extension Capture {
    /// The `seconds` and `nanos` of a Timestamp or Duration.
    static func secondsAndNanos<M: VscoMessage>(_ m: M) -> (seconds: Int64, nanos: Int32) {
        if let t = m as? Google_Protobuf_Timestamp {
            return (t.seconds, t.nanos)
        }
        if let d = m as? Google_Protobuf_Duration {
            return (d.seconds, d.nanos)
        }
        return (0, 0)
    }
}

/// A field mask path in lowerCamelCase, or why it has none.
func pathToCamel(_ path: String) -> Result<String, JsonError> {
    var out: [UInt8] = []
    var upper = false
    for c in path.utf8 {
        if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") {
            return .failure(JsonError("field mask path `\(path)` has an uppercase letter"))
        }
        if c == UInt8(ascii: "_") {
            if upper {
                return .failure(JsonError("field mask path `\(path)` has `__`"))
            }
            upper = true
        } else if upper {
            if c < UInt8(ascii: "a") || c > UInt8(ascii: "z") {
                return .failure(JsonError("field mask path `\(path)` has `_` before a non-letter"))
            }
            out.append(c - 32)
            upper = false
        } else {
            out.append(c)
        }
    }
    if upper {
        return .failure(JsonError("field mask path `\(path)` ends in `_`"))
    }
    return .success(String(decoding: out, as: UTF8.self))
}

/// seconds * 1000 + nanos / 10^6 (truncated) in decimal, for `seconds` too large for the
/// product to fit 64 bits: the digits of `seconds` (borrowing one when the signs differ) and
/// three digits of milliseconds.
private func wideMillis(_ seconds: Int64, _ nanos: Int32) -> String {
    let ms = Int64(nanos / 1_000_000)
    func three(_ v: Int64) -> String {
        let s = String(v)
        return String(repeating: "0", count: 3 - s.count) + s
    }
    if ms == 0 || (seconds < 0) == (ms < 0) {
        return (seconds < 0 ? "-" : "") + String(seconds.magnitude) + three(abs(ms))
    }
    if seconds > 0 {
        return String(seconds - 1) + three(1000 + ms)
    }
    return "-" + String((seconds + 1).magnitude) + three(1000 - ms)
}

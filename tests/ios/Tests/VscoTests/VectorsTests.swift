import Foundation
import JsonFormats
import ProstVsco
import SwiftProtobuf
import Telemetry
import XCTest

/// The shared vectors (tests/vectors/telemetry.json, written by the Rust runtime): each event
/// decoded with SwiftProtobuf must give the same dictionary view, legacy JSON and vendor
/// properties.
final class VectorsTests: XCTestCase {
    static func vectors() throws -> [[String: Any]] {
        try vectors(env: "VSCO_VECTORS", or: "../vectors/telemetry.json")
    }

    static func event(_ vector: [String: Any]) throws -> Telemetry_V1_Event {
        let b64 = try XCTUnwrap(vector["binary"] as? String)
        let bytes = try XCTUnwrap(Data(base64Encoded: b64))
        return try Telemetry_V1_Event(serializedBytes: bytes)
    }

    /// The option sets of the vectors file, by name (tests/vectors/README.md).
    static func options(_ name: String) throws -> JsonOptions {
        switch name {
        case "canonical": return .canonical
        case "proto_names": return JsonOptions(keys: .protoName)
        case "legacy_keys": return JsonOptions(keys: .legacy)
        case "enums_as_numbers": return JsonOptions(enums: .numbers)
        case "int64_as_numbers": return JsonOptions(int64: .numbers)
        case "bytes_as_hex": return JsonOptions(bytes: .hex)
        case "epoch_millis": return JsonOptions(timestamps: .epochMillis)
        case "epoch_seconds": return JsonOptions(timestamps: .epochSeconds)
        case "emit_defaults": return JsonOptions(emitDefaults: true)
        case "legacy_all":
            return JsonOptions(
                keys: .legacy, enums: .numbers, int64: .numbers, bytes: .hex,
                timestamps: .epochMillis, emitDefaults: true)
        default:
            throw TestError("option set \(name) is unknown to this test")
        }
    }

    func testDictionaryViewsEqualRust() throws {
        var checked = 0
        for vector in try Self.vectors() {
            let e = try Self.event(vector)
            let name = vector["name"] as? String ?? "?"
            let toMap = try XCTUnwrap(vector["to_map"] as? [String: Any])
            for (style, keys) in [("proto_name", KeyStyle.protoName), ("json_name", .jsonName)] {
                let expected = try owned(XCTUnwrap(toMap[style]))
                XCTAssertEqual(expected, typed(e.asOrderedDictionary(keys: keys)), "\(name) \(style)")
                XCTAssertEqual(expected, typed(e.asDictionary(keys: keys)), "\(name) \(style)")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20)
        if testRun?.failureCount == 0 { print("dictionary views: \(checked) vectors x 2 key styles x 2 forms equal Rust's") }
    }

    /// Checks every option set of the vector's `legacy_json` against `message`; how many.
    static func legacyJson(_ vector: [String: Any], _ message: any VscoMessage) throws -> Int {
        let name = vector["name"] as? String ?? "?"
        let sets = try XCTUnwrap(vector["legacy_json"] as? [String: Any])
        for (set, expected) in sets {
            try Self.writes(expected, message, try Self.options(set), "\(name) / \(set)")
        }
        return sets.count
    }

    /// Checks that `message` under `options` writes `expected`, Rust's text (compared
    /// exactly, white space included), or is refused where Rust refused it, with Rust's
    /// error text: the same path and words, but for the field-format errors, which name each
    /// language's own API and say the rest in its words (only their paths are compared).
    /// Whether it was a refusal.
    @discardableResult
    static func writes(
        _ expected: Any, _ message: any VscoMessage, _ options: JsonOptions, _ where_: String
    ) throws -> Bool {
        if let text = expected as? String {
            try sameJson(text, LegacyJson.write(message, options: options), where_)
            return false
        }
        let rust = try XCTUnwrap(
            (expected as? [String: Any])?["error"] as? String, "\(where_): no error text")
        XCTAssertThrowsError(try LegacyJson.write(message, options: options), where_) { error in
            let ours = (error as? JsonError)?.message ?? "\(error)"
            if where_.contains("field_format_") {
                XCTAssertEqual(pathOf(rust), pathOf(ours), where_)
            } else {
                XCTAssertEqual(rust, ours, where_)
            }
        }
        return true
    }

    /// The path at the start of an error's text.
    static func pathOf(_ text: String) -> String {
        text.range(of: ": ").map { String(text[..<$0.lowerBound]) } ?? text
    }

    func testLegacyJsonEqualsRust() throws {
        var checked = 0
        for vector in try Self.vectors() {
            checked += try Self.legacyJson(vector, Self.event(vector))
        }
        XCTAssertGreaterThanOrEqual(checked, 200)
        if testRun?.failureCount == 0 { print("legacy JSON: \(checked) outputs equal Rust's") }
    }

    /// Per-field JSON forms (tests/vectors/json_formats.json): hex ids beside base64 bytes,
    /// enums and int64 as numbers, epoch timestamps, set by options and by the json_format
    /// parameter, under every option set.
    func testFieldFormsEqualRust() throws {
        var checked = 0
        for vector in try Self.vectors(env: "VSCO_FORM_VECTORS", or: "../vectors/json_formats.json") {
            checked += try Self.legacyJson(vector, Self.message(vector))
        }
        XCTAssertGreaterThanOrEqual(checked, 500)
        if testRun?.failureCount == 0 { print("per-field JSON forms: \(checked) outputs equal Rust's") }
    }

    /// The `vectors` of the file the environment variable `env` names.
    static func vectors(env: String, or fallback: String) throws -> [[String: Any]] {
        try XCTUnwrap(root(env: env, or: fallback)["vectors"] as? [[String: Any]])
    }

    /// A vectors file's top object: from the path in `env`, else `fallback`.
    static func root(env: String, or fallback: String) throws -> [String: Any] {
        let path = ProcessInfo.processInfo.environment[env] ?? fallback
        return try XCTUnwrap(ExactJson.parse(Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// The message of a vector of json_formats.json or json_writer.json, decoded.
    static func message(_ vector: [String: Any]) throws -> any VscoMessage {
        let bytes = try XCTUnwrap(Data(base64Encoded: XCTUnwrap(vector["binary"] as? String)))
        switch vector["type"] as? String {
        case "telemetry.v1.Event": return try Telemetry_V1_Event(serializedBytes: bytes)
        case "traces.v1.Span": return try Traces_V1_Span(serializedBytes: bytes)
        case "traces.v1.Sample": return try Traces_V1_Sample(serializedBytes: bytes)
        case "traces.v1.Resource": return try Traces_V1_Resource(serializedBytes: bytes)
        case "traces.v1.Carrier": return try Traces_V1_Carrier(serializedBytes: bytes)
        case let other: throw TestError("type \(other ?? "?") is unknown to this test")
        }
    }

    /// The writer's other switches (tests/vectors/json_writer.json): pretty printing, the
    /// nesting limit and run-time field forms, over telemetry events and the per-field forms
    /// schema's messages.
    func testWriterSwitchesEqualRust() throws {
        var checked = 0
        var failures = 0
        for vector in try Self.vectors(env: "VSCO_WRITER_VECTORS", or: "../vectors/json_writer.json") {
            let name = vector["name"] as? String ?? "?"
            let message = try Self.message(vector)
            for (set, expected) in try XCTUnwrap(vector["json"] as? [String: Any]) {
                // Exact text: the layout of pretty output is part of the contract.
                let refused = try Self.writes(
                    expected, message, try Self.writerOptions(set), "\(name) / \(set)")
                failures += refused ? 1 : 0
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 250)
        XCTAssertGreaterThanOrEqual(failures, 50)
        if testRun?.failureCount == 0 {
            print("writer switches: \(checked) outputs equal Rust's (\(failures) of them refusals)")
        }
    }

    /// The option sets of tests/vectors/json_writer.json, by name.
    static func writerOptions(_ name: String) throws -> JsonOptions {
        let fields = JsonOptions()
            .fieldFormat("telemetry.v1.Event.sequence", FieldFormat(int64: .numbers))
            .fieldFormat("telemetry.v1.Event.upload_cookie", FieldFormat(bytes: .hex))
            .fieldFormat("telemetry.v1.Event.sent_at", FieldFormat(timestamps: .epochSeconds))
            .fieldFormat("telemetry.v1.Event.platform", FieldFormat(enums: .numbers))
            .fieldFormat("telemetry.v1.Purchase.currency", FieldFormat(enums: .numbers))
            .fieldFormat("traces.v1.Span.trace_id", FieldFormat(bytes: .base64))
            .fieldFormat("traces.v1.Span.kind", FieldFormat(enums: .names))
            .fieldFormat("traces.v1.Span.start_time_unix_nano", FieldFormat(int64: .numbers))
            .fieldFormat("traces.v1.Carrier.value", FieldFormat(bytes: .hex))
        switch name {
        case "pretty": return JsonOptions(pretty: true)
        case "pretty_legacy_all":
            var o = try options("legacy_all")
            o.pretty = true
            return o
        case "max_depth_0": return JsonOptions(maxDepth: 0)
        case "max_depth_1": return JsonOptions(maxDepth: 1)
        case "max_depth_2": return JsonOptions(maxDepth: 2)
        case "field_formats": return fields
        case "field_formats_pretty":
            var o = fields
            o.pretty = true
            return o
        case "field_format_no_such_field":
            return JsonOptions()
                .fieldFormat("telemetry.v1.Event.nope", FieldFormat(bytes: .hex))
                .fieldFormat("traces.v1.Span.nope", FieldFormat(bytes: .hex))
        case "field_format_misfit":
            return JsonOptions()
                .fieldFormat("telemetry.v1.Event.id", FieldFormat(bytes: .hex))
                .fieldFormat("traces.v1.Span.name", FieldFormat(enums: .numbers))
        default:
            throw TestError("option set \(name) is unknown to this test")
        }
    }

    func testVendorPropertiesEqualRust() throws {
        var checked = 0
        let custom = try Self.customProfiles()
        for vector in try Self.vectors() {
            let e = try Self.event(vector)
            let name = vector["name"] as? String ?? "?"
            for section in ["vendor", "vendor_with_pii", "vendor_custom"] {
                let profiles = try XCTUnwrap(vector[section] as? [String: Any])
                for (profileName, value) in profiles {
                    let where_ = "\(name) / \(section) / \(profileName)"
                    let profile = try XCTUnwrap(
                        section == "vendor_custom" ? custom[profileName] : Profile.named(profileName),
                        where_)
                    let expected = try XCTUnwrap(value as? [String: Any])
                    let actual: VendorProperties
                    do {
                        actual = section == "vendor_with_pii"
                            ? try e.vendorPropertiesWithPii(profile) : try e.vendorProperties(profile)
                    } catch {
                        XCTAssertEqual(expected["error"] as? String, error.message, where_)
                        checked += 1
                        continue
                    }
                    XCTAssertNil(expected["error"], where_)
                    XCTAssertEqual(expected["event_name"] as? String, actual.eventName, where_)
                    let props = try XCTUnwrap(expected["properties"] as? [[Any]])
                    XCTAssertEqual(
                        try props.map { "\($0[0])=" + (try vendorValue($0[1])) },
                        actual.properties.map { "\($0.key)=" + typed($0.value) }, where_)
                    let adjustments = try XCTUnwrap(expected["adjustments"] as? [[String: Any]])
                    XCTAssertEqual(
                        adjustments.map(adjustment), actual.adjustments.map(adjustment), where_)
                    try sameJson(
                        XCTUnwrap(expected["http_json"] as? String), actual.json(profile), where_)
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 330)
        if testRun?.failureCount == 0 { print("vendor properties: \(checked) outputs equal Rust's") }
    }

    /// The vectors file's custom profiles (`custom_profiles`), built with this runtime's
    /// builder from the knobs the Rust test set: enum values in snake case, lengths as numbers.
    static func customProfiles() throws -> [String: Profile] {
        let root = try root(env: "VSCO_VECTORS", or: "../vectors/telemetry.json")
        let specs = try XCTUnwrap(root["custom_profiles"] as? [[String: Any]])
        var out: [String: Profile] = [:]
        for spec in specs {
            let name = try XCTUnwrap(spec["name"] as? String)
            let base = try XCTUnwrap(Profile.named(try XCTUnwrap(spec["base"] as? String)), name)
            var b = Profile.builder(name, base: base)
            func text(_ k: String) throws -> String { try XCTUnwrap(spec[k] as? String, "\(name).\(k)") }
            func int(_ k: String) throws -> Int { try XCTUnwrap(number(spec[k]), "\(name).\(k)") }
            func strs(_ k: String) throws -> [String] { try XCTUnwrap(spec[k] as? [Any], k).compactMap { $0 as? String } }
            func unit(_ k: String) throws -> Profile.LengthUnit {
                switch try text(k) {
                case "chars": return .chars
                case "utf16": return .utf16
                case "bytes": return .bytes
                case let other: throw TestError("\(name).\(k): \(other)")
                }
            }
            for knob in spec.keys.sorted() {
                switch (knob, spec[knob] as? String) {
                case ("name", _), ("base", _), ("separator", _), ("join_separator", _),
                    ("string_length_unit", _):
                    break
                case ("key_case", "as_is"): b.keyCase = .asIs
                case ("key_case", "snake"): b.keyCase = .snake
                case ("key_case", "camel"): b.keyCase = .camel
                case ("nesting", let v):
                    b.nesting = v == "flatten" ? .flatten : .objects
                    b.separator = try XCTUnwrap(text("separator").first)
                case ("key_charset", let v): b.keyCharset = v == "word" ? .word : .any
                case ("extra_key_chars", _): b.extraKeyChars = try text(knob)
                case ("key_starts_with_letter", _): b.keyStartsWithLetter = spec[knob] as? Bool == true
                case ("strip_leading", _): b.stripLeading = try text(knob)
                case ("max_key_len", _): b.maxKeyLength = try int(knob)
                case ("key_length_unit", _): b.keyLengthUnit = try unit(knob)
                case ("reserved_keys", _): b.reservedKeys = try strs(knob)
                case ("reserved_prefixes", _): b.reservedPrefixes = try strs(knob)
                case ("max_event_name_len", _): b.maxEventNameLength = try int(knob)
                case ("reserved_event_names", _): b.reservedEventNames = try strs(knob)
                case ("bools", "bool"): b.bools = .bool
                case ("bools", "int"): b.bools = .int
                case ("bools", "string"): b.bools = .string
                case ("u64s", "int_or_string"): b.u64s = .intOrString
                case ("u64s", "string"): b.u64s = .string
                case ("u64s", "double"): b.u64s = .double
                case ("max_string_len", _):
                    b.maxStringLength = try int(knob)
                    b.lengthUnit = try unit("string_length_unit")
                case ("max_properties", _): b.maxProperties = try int(knob)
                case ("max_depth", _): b.maxDepth = try int(knob)
                case ("repeated", let v):
                    switch v {
                    case "list": b.repeated = .list
                    case "joined": b.repeated = .joined
                    case "indexed": b.repeated = .indexed
                    default: throw TestError("\(name).repeated: \(String(describing: v))")
                    }
                    // As the Rust and Java builders take it: with the repetition, "," unless given.
                    b.joinSeparator = spec["join_separator"] as? String ?? ","

                case ("maps", "object"): b.maps = .object
                case ("maps", "prefixed_keys"): b.maps = .prefixedKeys
                case ("bytes", "base64"): b.bytes = .base64
                case ("bytes", "hex"): b.bytes = .hex
                case ("bytes", "omit"): b.bytes = .omit
                case ("timestamps", "rfc3339"): b.timestamps = .rfc3339
                case ("timestamps", "epoch_millis"): b.timestamps = .epochMillis
                case ("timestamps", "epoch_seconds"): b.timestamps = .epochSeconds
                case ("durations", "seconds"): b.durations = .seconds
                case ("durations", "millis"): b.durations = .millis
                case ("durations", "string"): b.durations = .string
                case ("on_violation", "truncate"): b.onViolation = .truncate
                case ("on_violation", "drop"): b.onViolation = .drop
                case ("on_violation", "error"): b.onViolation = .error
                case ("shape", _):
                    let keys = try strs(knob)
                    (b.shapeNameKey, b.shapePropertiesKey) = (keys[0], keys[1])
                default:
                    throw TestError("\(name): knob \(knob) = \(String(describing: spec[knob])) is unknown to this test")
                }
            }
            out[name] = try b.build()
        }
        XCTAssertGreaterThanOrEqual(out.count, 3)
        return out
    }

    /// A JSON number (ExactJson's `Num`) as an `Int`.
    static func number(_ v: Any?) -> Int? {
        (v as? Num)?.int
    }
}

// MARK: - Comparisons

/// A vectors file this test cannot read: a failure, never a skip.
struct TestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func adjustment(_ a: [String: Any]) -> String {
    let len = (a["len"] as? Num).map { "\($0.text)/\((a["max"] as? Num)?.text ?? "")" } ?? ""
    return [
        a["key"] as? String ?? "", a["kind"] as? String ?? "", a["reason"] as? String ?? "",
        a["coercion"] as? String ?? "", a["from"] as? String ?? "", len, a["text"] as? String ?? "",
    ].joined(separator: "|")
}

func adjustment(_ a: Adjustment) -> String {
    var from = ""
    var len = ""
    switch a.kind {
    case .keyRewritten(let f), .keyTruncated(let f), .eventNameRewritten(let f),
        .eventNameTruncated(let f):
        from = f
    case .valueTruncated(let l, let m): len = "\(l)/\(m)"
    default: break
    }
    return [a.key, a.kindName, a.reasonName ?? "", a.coercionName ?? "", from, len, a.description]
        .joined(separator: "|")
}

/// A vendor value with the type of every part.
func typed(_ v: VendorValue) -> String {
    switch v {
    case .bool(let b): return "bool:\(b)"
    case .int(let n): return "int:\(n)"
    case .double(let d): return "double:\(d)"
    case .string(let s): return "string:\(s)"
    case .list(let items): return "[" + items.map { typed($0) + " " }.joined() + "]"
    case .object(let members): return "{" + members.map { "\($0.key)=\(typed($0.value)) " }.joined() + "}"
    }
}

/// A tagged vendor value of the vectors file, rendered like `typed`.
func vendorValue(_ tagged: Any) throws -> String {
    let (tag, v) = try only(tagged)
    switch tag {
    case "bool": return "bool:\(try XCTUnwrap(v as? Bool))"
    case "int": return "int:\(try XCTUnwrap(Int64(try XCTUnwrap(v as? String))))"
    case "double": return "double:\(try XCTUnwrap((v as? Num)?.double))"
    case "string": return "string:\(try XCTUnwrap(v as? String))"
    case "list": return try "[" + XCTUnwrap(v as? [Any]).map { try vendorValue($0) + " " }.joined() + "]"
    case "object":
        return try "{" + XCTUnwrap(v as? [[Any]]).map { "\($0[0])=\(try vendorValue($0[1])) " }.joined() + "}"
    default: throw TestError("unknown tag \(tag)")
    }
}

func only(_ tagged: Any) throws -> (String, Any) {
    let d = try XCTUnwrap(tagged as? [String: Any])
    XCTAssertEqual(d.count, 1)
    let (k, v) = try XCTUnwrap(d.first)
    return (k, v)
}

/// A dictionary-view value with types, members sorted by key (the vectors list a message's
/// members in key order; Swift's `[String: Any]` has none). A message and a map field with
/// string keys read alike (as in the JVM test): Swift casts between the two forms.
func typed(_ v: Any) -> String {
    func key(_ k: AnyHashable) -> String {
        (k.base as? String) ?? typed(k.base)
    }
    func members(_ pairs: [(String, String)]) -> String {
        "{" + pairs.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1) " }.joined() + "}"
    }
    switch v {
    case let pairs as [(key: AnyHashable, value: Any)]:
        return members(pairs.map { (key($0.key), typed($0.value)) })
    case let d as [AnyHashable: Any]:
        return members(d.map { (key($0.key), typed($0.value)) })
    case let list as [Any]:
        return "[" + list.map { typed($0) + " " }.joined() + "]"
    case let x as Bool: return "bool:\(x)"
    case let x as Int32: return "int32:\(x)"
    case let x as UInt32: return "uint32:\(x)"
    case let x as Int64: return "int64:\(x)"
    case let x as UInt64: return "uint64:\(x)"
    case let x as Float: return "float:\(Double(x))"
    case let x as Double: return "double:\(x)"
    case let x as String: return "string:\(x)"
    case let x as Data: return "bytes:\(x.base64EncodedString())"
    case let x as EnumValue: return "enum:\(x.number)/\(x.name ?? "nil")"
    default: return "?\(type(of: v)):\(v)"
    }
}

/// A tagged owned value of the vectors file, rendered like `typed`.
func owned(_ tagged: Any) throws -> String {
    let (tag, v) = try only(tagged)
    func number() throws -> Double {
        if let s = v as? String {
            switch s {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: throw TestError("bad number \(s)")
            }
        }
        return try XCTUnwrap((v as? Num)?.double)
    }
    switch tag {
    case "bool": return "bool:\(try XCTUnwrap(v as? Bool))"
    case "int32": return "int32:\(try XCTUnwrap((v as? Num)?.int))"
    case "uint32": return "uint32:\(try XCTUnwrap((v as? Num)?.int))"
    case "int64": return "int64:\(try XCTUnwrap(Int64(try XCTUnwrap(v as? String))))"
    case "uint64": return "uint64:\(try XCTUnwrap(UInt64(try XCTUnwrap(v as? String))))"
    case "float": return "float:\(Double(Float(try number())))"
    case "double": return "double:\(try number())"
    case "string": return "string:\(try XCTUnwrap(v as? String))"
    case "bytes": return "bytes:\(try XCTUnwrap(v as? String))"
    case "enum":
        let e = try XCTUnwrap(v as? [String: Any])
        let n = try XCTUnwrap((e["number"] as? Num)?.int)
        return "enum:\(n)/\(e["name"] as? String ?? "nil")"
    case "message":
        let pairs = try XCTUnwrap(v as? [[Any]])
        return "{" + (try pairs.map { (try XCTUnwrap($0[0] as? String), try owned($0[1])) })
            .sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1) " }.joined() + "}"
    case "list":
        return try "[" + XCTUnwrap(v as? [Any]).map { try owned($0) + " " }.joined() + "]"
    case "map":
        let pairs = try XCTUnwrap(v as? [[Any]])
        // String keys bare, like a message's members (see `typed`).
        func key(_ k: Any) throws -> String {
            let rendered = try owned(k)
            return rendered.hasPrefix("string:") ? String(rendered.dropFirst(7)) : rendered
        }
        return "{" + (try pairs.map { (try key($0[0]), try owned($0[1])) })
            .sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1) " }.joined() + "}"
    default: throw TestError("unknown tag \(tag)")
    }
}

/// The same JSON text, except that a number may be spelled differently with the same value.
func sameJson(_ expected: String, _ actual: String, _ where_: String) throws {
    if expected == actual {
        return
    }
    let a = jsonTokens(expected)
    let b = jsonTokens(actual)
    let context = "\(where_)\nexpected \(expected)\nactual   \(actual)"
    XCTAssertEqual(a.count, b.count, context)
    // Only a number may be spelled otherwise, and only with the same value (README); the
    // white space around it (pretty output) must be the same.
    for (x, y) in zip(a, b) where x != y {
        let (bx, nx, ax) = splitSpace(x)
        let (by, ny, ay) = splitSpace(y)
        guard bx == by, ax == ay, let dx = Double(nx), let dy = Double(ny), dx == dy else {
            XCTFail("\(x) != \(y): \(context)")
            return
        }
    }
}

/// A token as the white space before it, its text and the white space after it.
func splitSpace(_ token: String) -> (Substring, Substring, Substring) {
    let space: (Character) -> Bool = { $0 == " " || $0 == "\n" }
    let rest = token.drop(while: space)
    var end = rest.endIndex
    while end > rest.startIndex, space(rest[rest.index(before: end)]) {
        end = rest.index(before: end)
    }
    return (token[..<rest.startIndex], rest[..<end], rest[end...])
}

/// JSON text as tokens: strings (as written), numbers and punctuation.
func jsonTokens(_ s: String) -> [String] {
    var out: [String] = []
    var chars = Array(s.unicodeScalars)[...]
    while let c = chars.first {
        if c == "\"" {
            var token = "\""
            chars = chars.dropFirst()
            while let d = chars.first {
                chars = chars.dropFirst()
                token.unicodeScalars.append(d)
                if d == "\\", let e = chars.first {
                    token.unicodeScalars.append(e)
                    chars = chars.dropFirst()
                } else if d == "\"" {
                    break
                }
            }
            out.append(token)
        } else if "{}[],:".unicodeScalars.contains(c) {
            out.append(String(c))
            chars = chars.dropFirst()
        } else {
            var token = ""
            while let d = chars.first, !"{}[],:\"".unicodeScalars.contains(d) {
                token.unicodeScalars.append(d)
                chars = chars.dropFirst()
            }
            out.append(token)
        }
    }
    return out
}

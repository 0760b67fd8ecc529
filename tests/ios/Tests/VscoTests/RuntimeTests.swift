import Foundation
@testable import ProstVsco
import SwiftNames
import SwiftProtobuf
import Telemetry
import XCTest

/// The Swift runtime's rules and errors beyond what the vectors cover, the typed oneof
/// setters, and the names protoc-gen-swift gives hostile fields.
final class RuntimeTests: XCTestCase {
    func testCaseStylesAsTheRustRuntime() {
        let cases = [
            ["session_id", "session_id", "sessionId", "SessionId", "session-id", "SESSION_ID"],
            ["ip_v4_addr", "ip_v4_addr", "ipV4Addr", "IpV4Addr", "ip-v4-addr", "IP_V4_ADDR"],
            ["userName", "user_name", "userName", "UserName", "user-name", "USER_NAME"],
            ["x", "x", "x", "X", "x", "X"],
        ]
        let styles: [CaseStyle] = [.snake, .camel, .pascal, .kebab, .screamingSnake]
        for c in cases {
            for (i, style) in styles.enumerated() {
                XCTAssertEqual(c[i + 1], style.apply(c[0]), "\(c[0]) as \(style)")
            }
        }
    }

    func testJsonKeysInACaseStyle() throws {
        var e = Telemetry_V1_Event()
        e.sessionID = "s"
        e.schemaVersion = 2
        XCTAssertEqual(
            "{\"session-id\":\"s\",\"schema-version\":2}",
            try e.toLegacyJson(JsonOptions(keys: .caseStyle(.kebab))))
    }

    /// The short way to spell doubles with few decimals gives what `description` gives,
    /// over doubles of every shape from a fixed seed (SplitMix64).
    func testDoublesSpelledAsTheirDescription() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var values: [Double] = [
            0.1, 0.2, 0.3, 0.5, 12.5, 1e-4, 1.5e-4, 0.30000000000000004, 999_999_999_999_999.5,
            123_456_789.123_456, 1e15 - 0.5, 0.000_123_456_789, -2.75, 1.0 / 3.0, 2.0 / 3.0,
        ]
        for _ in 0..<20_000 {
            let r = next()
            let digits = Double(r % 10_000_000_000)
            let scale = pow(10.0, Double(r >> 40 % 16))
            values.append((r & 1 == 0 ? 1 : -1) * digits / scale)
            values.append(Double(bitPattern: next()))
            let magnitude = pow(10.0, Double(Int(r >> 50 % 24) - 8))
            values.append(Double(next() % 1_000_000) / 1e6 * magnitude)
        }
        var fast = 0
        for v in values where v.isFinite {
            let ours = JsonText()
            ours.double(v)
            let reference = JsonText()
            if v == v.rounded() && abs(v) < 1e16 {
                reference.double(v)
            } else {
                reference.appendPlain(v.description)
            }
            let probe = JsonText()
            if probe.fixedPoint(v) {
                fast += 1
            }
            XCTAssertEqual(ours.string, reference.string, "\(v.bitPattern)")
        }
        XCTAssertGreaterThan(fast, 10_000, "the short way took too few of the doubles")
    }

    /// String maps and lists go to the writer as they are: entries in the order of their
    /// keys' UTF-8 bytes, for a few entries (sorted by insertion) and for many.
    func testStringMapsInKeyByteOrder() throws {
        for count in [1, 2, 5, 17, 40] {
            var e = Telemetry_V1_Event()
            var keys: [String] = []
            for i in 0..<count {
                // "é" (0xC3 0xA9) after every ASCII letter, "Z" before "a".
                let key = ["k\(i)", "Z\(i)", "é\(i)", "a\(i)"][i % 4]
                keys.append(key)
                e.properties[key] = "v\(i)"
            }
            e.tags = ["x", "y\"z"]
            keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let members = keys.map { "\"\($0)\":\"\(e.properties[$0]!)\"" }
            let json = try e.toLegacyJson()
            XCTAssertTrue(
                json.contains("\"tags\":[\"x\",\"y\\\"z\"],\"properties\":{\(members.joined(separator: ","))}"),
                "\(count) entries: \(json)")
        }
    }

    func testUnrepresentableTimesAreErrors() {
        var far = Telemetry_V1_Event()
        far.timestamp.seconds = 253_402_300_800
        XCTAssertThrowsError(try far.toLegacyJson()) { error in
            XCTAssertEqual(
                "$.timestamp: cannot be written as JSON: timestamp seconds 253402300800 outside"
                    + " 0001-01-01T00:00:00Z..9999-12-31T23:59:59Z",
                (error as? JsonError)?.message)
        }
        var open = Telemetry_V1_Event()
        var body = Telemetry_V1_AppOpen()
        body.startupTime.seconds = 1
        body.startupTime.nanos = -5
        open.setBody(body)
        XCTAssertThrowsError(try open.toLegacyJson()) { error in
            XCTAssertEqual(
                "$.appOpen.startupTime: cannot be written as JSON: duration nanos -5 do not fit seconds 1",
                (error as? JsonError)?.message)
        }
    }

    /// A float's text reads back as that float, and as the same double as its shortest form
    /// (`description`, the digits the Rust runtime writes), also from 2^24 on, where an
    /// integral float's exact integer is another double.
    func testFloatsReadBackAsTheirShortestForm() {
        var state: UInt32 = 0x9E37_79B9
        var values: [Float] = [123_456_792, 16_777_216, 16_777_218, 1e12, 3.4028235e38, 0.1, -2.5]
        for _ in 0..<50_000 {
            state = state &* 1_664_525 &+ 1_013_904_223
            values.append(Float(bitPattern: state))
        }
        for v in values where v.isFinite {
            let text = shortest(v)
            XCTAssertEqual(Float(text), v, text)
            XCTAssertEqual(Double(text), Double(v.description), "\(v): \(text)")
        }
    }

    /// Pretty output, the nesting limit and run-time field forms, with the errors they give
    /// (their texts; the vectors hold the outputs to Rust's).
    func testWriterSwitches() throws {
        var e = Telemetry_V1_Event()
        e.id = "e-1"
        e.tags = ["a", "b"]
        e.user.traits["k"] = "v"
        e.sequence = 7
        XCTAssertEqual(
            """
            {
              "id": "e-1",
              "sequence": "7",
              "user": {
                "traits": {
                  "k": "v"
                }
              },
              "tags": [
                "a",
                "b"
              ]
            }
            """, try e.toLegacyJson(JsonOptions(pretty: true)))
        XCTAssertEqual("{}", try Telemetry_V1_Event().toLegacyJson(JsonOptions(pretty: true)))
        // The root is depth 0, `user` 1, its `traits` 2.
        XCTAssertNoThrow(try e.toLegacyJson(JsonOptions(maxDepth: 2)))
        XCTAssertThrowsError(try e.toLegacyJson(JsonOptions(maxDepth: 1))) { error in
            XCTAssertEqual(
                "$.user.traits: nesting deeper than the limit of 1", (error as? JsonError)?.message)
        }
        // Above the ceiling counts as the ceiling.
        XCTAssertEqual(JsonOptions(maxDepth: 1_000).depthLimit, JsonOptions.maxSafeDepth)
        let numbers = JsonOptions().fieldFormat(".telemetry.v1.Event.sequence", FieldFormat(int64: .numbers))
        XCTAssertEqual(#"{"id":"e-1","sequence":7,"user":{"traits":{"k":"v"}},"tags":["a","b"]}"#, try e.toLegacyJson(numbers))
        // A later choice for the same field keeps the earlier ones it does not make.
        let both = numbers.fieldFormat("telemetry.v1.Event.sequence", FieldFormat(enums: .numbers))
        XCTAssertEqual(both.fieldFormats["telemetry.v1.Event"]?["sequence"], FieldFormat(enums: .numbers, int64: .numbers))
        XCTAssertThrowsError(try e.toLegacyJson(both)) { error in
            XCTAssertEqual(
                "$: `enums` applies to enum fields, and `telemetry.v1.Event.sequence` is uint64",
                (error as? JsonError)?.message)
        }
        let unknown = JsonOptions().fieldFormat("telemetry.v1.Event.nope", FieldFormat(bytes: .hex))
        XCTAssertThrowsError(try e.toLegacyJson(unknown)) { error in
            XCTAssertEqual(
                "$: message telemetry.v1.Event has no field `nope` (JsonOptions.fieldFormat)",
                (error as? JsonError)?.message)
        }
        // Choices for a message that is not written are not checked.
        XCTAssertNoThrow(try e.toLegacyJson(JsonOptions().fieldFormat("telemetry.v1.Device.nope", FieldFormat(bytes: .hex))))
        let stamps = JsonOptions().fieldFormat("telemetry.v1.Event.device", FieldFormat(timestamps: .epochMillis))
        XCTAssertThrowsError(try e.toLegacyJson(stamps)) { error in
            XCTAssertEqual(
                "$: `timestamps` applies to google.protobuf.Timestamp fields, and `telemetry.v1.Event.device` is message",
                (error as? JsonError)?.message)
        }
        XCTAssertNoThrow(try e.toLegacyJson(JsonOptions().fieldFormat("telemetry.v1.Event.sent_at", FieldFormat(timestamps: .epochMillis))))
    }

    func testTimestampsAsFoundationWritesThem() throws {
        var random = SystemRandomNumberGenerator()
        // Foundation's calendar is Julian before October 1582; proto timestamps are proleptic
        // Gregorian, so the oracle holds from 1583-01-01 (the vectors cover earlier years).
        let min: Int64 = -12_212_553_600
        let max: Int64 = 253_402_300_799
        let edges: [Int64] = [min, max, 0, -1, 951_782_400, 4_107_456_000]
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        for i in 0..<5_000 {
            let seconds = i < edges.count ? edges[i] : Int64.random(in: min...max, using: &random)
            var e = Telemetry_V1_Event()
            e.timestamp.seconds = seconds
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let expected = "{\"timestamp\":\"\(formatter.string(from: date))\"}"
            XCTAssertEqual(expected, try e.toLegacyJson(), "\(seconds)")
        }
    }

    func testProfilesThatCannotWork() {
        func error(_ b: Profile.Builder) -> String? {
            do {
                _ = try b.build()
                return nil
            } catch {
                return error.message
            }
        }
        var b = Profile.builder("dots", base: .firebase)
        b.nesting = .flatten
        b.separator = "."
        XCTAssertEqual(
            "profile `dots`: the nesting separator '.' is not an allowed key character", error(b))
        b = Profile.builder("flat", base: .segment)
        b.maxDepth = 0
        XCTAssertEqual("profile `flat`: the maximum depth must be at least 1", error(b))
        b = Profile.builder("joined", base: .segment)
        b.repeated = .joined
        b.joinSeparator = ""
        XCTAssertEqual("profile `joined`: the join separator of repeated fields is empty", error(b))
        XCTAssertNotNil(error(Profile.builder("", base: .segment)))
        b = Profile.builder("neg", base: .segment)
        b.maxKeyLength = -1
        XCTAssertNotNil(error(b))
        b = Profile.builder("same", base: .segment)
        b.shapeNameKey = "e"
        b.shapePropertiesKey = "e"
        XCTAssertEqual(
            "profile `same`: the event shape's name and properties keys are both \"e\"", error(b))
        b = Profile.builder("all", base: .firebase)
        b.reservedPrefixes = ["x_", ""]
        XCTAssertEqual("profile `all`: an empty reserved prefix would reserve every key", error(b))
    }

    private func search(_ query: String) -> Telemetry_V1_Event {
        var s = Telemetry_V1_Search()
        s.query = query
        s.resultCount = 3
        var e = Telemetry_V1_Event()
        e.setBody(s)
        return e
    }

    func testCustomProfilesTruncateDropOrFail() throws {
        // 9 UTF-16 units; the cut at 4 would split the surrogate pair of the emoji.
        let query = "abc\u{1F600}defg"
        var b = Profile.builder("short", base: .segment)
        b.maxStringLength = 4
        b.lengthUnit = .utf16
        let truncate = try b.build()
        var p = try search(query).vendorPropertiesWithPii(truncate)
        XCTAssertEqual("abc", p.dictionary["query"] as? String)
        XCTAssertEqual("query: value truncated from 9 to 4", p.adjustments.first?.description)

        b.name = "drop"
        b.onViolation = .drop
        p = try search(query).vendorPropertiesWithPii(try b.build())
        XCTAssertNil(p.dictionary["query"])
        XCTAssertEqual(.dropped(.valueTooLong(len: 9, max: 4)), p.adjustments.first?.kind)

        b.name = "fail"
        b.onViolation = .error
        let fail = try b.build()
        XCTAssertThrowsError(try search(query).vendorPropertiesWithPii(fail)) { error in
            XCTAssertEqual(
                "profile `fail`: property `query`: the value is 9 long, over the limit of 4",
                (error as? VendorError)?.message)
        }
        // Without consent the pii query is left out, and nothing is recorded for it.
        p = try search(query).vendorProperties(fail)
        XCTAssertNil(p.dictionary["query"])
        XCTAssertEqual(3, p.dictionary["result_count"] as? Int64)
    }

    func testCustomProfilesRecordTheirRewritesOfSchemaKeys() throws {
        // `$session_id` loses its `$`, then both keys are cut to 8: no plugin check saw this
        // profile, so the walk records it, as the Rust runtime does.
        var b = Profile.builder("keys", base: .segment)
        b.stripLeading = "$"
        b.maxKeyLength = 8
        var e = search("q")
        e.sessionID = "s"
        var p = try e.vendorProperties(try b.build())
        XCTAssertEqual("s", p.dictionary["session_"] as? String)
        XCTAssertEqual(3, p.dictionary["result_c"] as? Int64)
        XCTAssertEqual(
            [
                "session_: key rewritten from `$session_id`",
                "session_: key truncated from `session_id`",
                "result_c: key truncated from `result_count`",
            ],
            p.adjustments.map(\.description))
        // A built-in profile's rewrites were the plugin's to report: none recorded.
        p = try e.vendorProperties(.braze)
        XCTAssertEqual("s", p.dictionary["session_id"] as? String)
        XCTAssertEqual([], p.adjustments.map(\.description))
    }

    func testCustomProfilesRecordChangesToTheEventName() throws {
        // `search` loses its leading `s`, then is cut to 3: recorded first, under the name
        // sent, as the Rust runtime records it.
        var b = Profile.builder("names", base: .segment)
        b.stripLeading = "s"
        b.maxEventNameLength = 3
        var s = Telemetry_V1_Search()
        s.resultCount = 3
        var e = Telemetry_V1_Event()
        e.setBody(s)
        var p = try e.vendorProperties(try b.build())
        XCTAssertEqual("ear", p.eventName)
        XCTAssertEqual(3, p.dictionary["result_count"] as? Int64)
        XCTAssertEqual(
            ["ear: event name rewritten from `search`", "ear: event name truncated from `earch`"],
            p.adjustments.map(\.description))
        XCTAssertEqual(
            ["event_name_rewritten", "event_name_truncated"], p.adjustments.map(\.kindName))
        // Under a built-in profile the plugin checked the name: nothing to record.
        p = try e.vendorProperties(.firebase)
        XCTAssertEqual("search", p.eventName)
        XCTAssertEqual([], p.adjustments.map(\.description))
        // A name the rules leave alone records nothing either.
        var plain = Profile.builder("names", base: .segment)
        plain.maxEventNameLength = 6
        p = try e.vendorProperties(try plain.build())
        XCTAssertEqual("search", p.eventName)
        XCTAssertEqual([], p.adjustments.map(\.description))
    }

    func testExtraKeyCharactersLetAFlatProfileJoinWithDots() throws {
        var b = Profile.builder("dots", base: .firebase)
        b.extraKeyChars = "."
        b.nesting = .flatten
        b.separator = "."
        var s = Telemetry_V1_Search()
        s.resultCount = 3
        s.facetCounts["a-b"] = 2
        var e = Telemetry_V1_Event()
        e.setBody(s)
        let p = try e.vendorProperties(try b.build())
        XCTAssertEqual(2, p.dictionary["facet_counts.a_b"] as? Int64)
        XCTAssertEqual(
            "facet_counts.a_b: key rewritten from `facet_counts.a-b`",
            p.adjustments.first?.description)
    }

    func testFormattedValuesKeepTheStringLimit() throws {
        // Timestamps and non-finite numbers sent as strings are strings like any other.
        var b = Profile.builder("tiny", base: .segment)
        b.maxStringLength = 5
        b.lengthUnit = .chars
        var s = Telemetry_V1_Search()
        s.resultCount = 3
        var e = Telemetry_V1_Event()
        e.timestamp.seconds = 1_700_000_000
        e.timestamp.nanos = 250_000_000
        e.sampleRate = .infinity
        e.setBody(s)
        let p = try e.vendorProperties(try b.build())
        XCTAssertEqual("2023-", p.dictionary["timestamp"] as? String)
        XCTAssertEqual("Infin", p.dictionary["sample_rate"] as? String)
        XCTAssertEqual(
            [
                "timestamp: value truncated from 24 to 5",
                "sample_rate: non-finite number sent as a string",
                "sample_rate: value truncated from 8 to 5",
            ],
            p.adjustments.map(\.description))
    }

    func testFlattenedCamelCaseKeysAndSinks() throws {
        var b = Profile.builder("camel", base: .firebase)
        b.keyCase = .camel
        b.maxProperties = 0
        let p = try search("q").vendorProperties(try b.build())
        XCTAssertEqual("search", p.eventName)
        XCTAssertEqual(3, p.dictionary["resultCount"] as? Int64)
        var seen: [String] = []
        var sink = ClosureSink { key, value in seen.append("\(key)=\(value)") }
        p.write(to: &sink)
        XCTAssertEqual(["resultCount=3"], seen)
    }

    func testTypedSetterAndEventName() throws {
        var login = Telemetry_V1_Login()
        login.method = .google
        login.mfaUsed = true
        var e = Telemetry_V1_Event()
        e.setBody(login)
        XCTAssertEqual(e.login, login)
        let p = try e.vendorProperties(.firebase)
        XCTAssertEqual("user_login", p.eventName)
        XCTAssertEqual("AUTH_METHOD_GOOGLE", p.dictionary["method"] as? String)
        XCTAssertEqual("true", p.dictionary["mfa_used"] as? String)
        // Without an event message in the oneof there is no event name.
        XCTAssertThrowsError(try Telemetry_V1_Event().vendorProperties(.segment))
    }

    func testRedactedViewsLeaveOutPii() {
        var e = Telemetry_V1_Event()
        e.ipAddress = "203.0.113.7"
        e.user.email = "ada@example.com"
        e.user.userID = "u-1"
        XCTAssertNotNil(e.asDictionary()["ipAddress"])
        let redacted = e.asRedactedDictionary(keys: .protoName)
        XCTAssertNil(redacted["ip_address"])
        let user = redacted["user"] as? [String: Any]
        XCTAssertNil(user?["email"])
        XCTAssertEqual("u-1", user?["user_id"] as? String)
    }

    func testAnyNeedsItsTypeRegistered() throws {
        var any = Google_Protobuf_Any()
        var login = Telemetry_V1_Login()
        login.mfaUsed = true
        any.typeURL = "type.googleapis.com/telemetry.v1.Login"
        any.value = try login.serializedBytes()
        XCTAssertThrowsError(try any.toLegacyJson()) { error in
            XCTAssertEqual(
                "$: type `type.googleapis.com/telemetry.v1.Login` of an Any is not registered",
                (error as? JsonError)?.message)
        }
        XCTAssertEqual(
            "{\"@type\":\"type.googleapis.com/telemetry.v1.Login\",\"mfaUsed\":true}",
            try any.toLegacyJson(types: TypeRegistry.empty.with(Telemetry_V1_Login.self)))
    }

    func testHostileNames() throws {
        var n = Hostile_V1_Names()
        n.`class` = "c"
        n.description_p = "d"
        n.self_p = 3
        n.hasFoo_p = true
        n.userID = "u"
        n.imageURL = "i"
        n.httpserver = "h"
        n._2D = 2.5
        n.all = true
        n.v = 7
        n.f = -1
        n.kinds = [9: .UNRECOGNIZED(7), 1: .internal]
        n.palette = [.default, .UNRECOGNIZED(5)]
        var member = Hostile_V1_Names.TypeMessage()
        member.type = .on
        n.setDefault(member)
        XCTAssertEqual(n.typeMember, member)
        var elsewhere = HXElsewhere()
        elsewhere.id = 4
        n.setDefault(elsewhere)
        XCTAssertEqual(n.elsewhere.id, 4)

        let keys = n.asOrderedDictionary(keys: .protoName).map(\.key)
        XCTAssertEqual(
            [
                "class", "description", "self", "has_foo", "user_id", "image_url", "HTTPServer",
                "_2d", "all", "v", "f", "kinds", "palette", "elsewhere",
            ], keys)
        let d = n.asDictionary(keys: .protoName)
        let kinds = d["kinds"] as? [AnyHashable: Any]
        XCTAssertEqual(EnumValue(number: 7, name: nil), kinds?[UInt64(9)] as? EnumValue)
        XCTAssertEqual(
            EnumValue(number: 2, name: "KIND_INTERNAL"), kinds?[UInt64(1)] as? EnumValue)
        let json = try n.toLegacyJson()
        XCTAssertTrue(json.contains("\"palette\":[\"KIND_DEFAULT\",5]"), json)
        XCTAssertTrue(json.contains("\"kinds\":{\"1\":\"KIND_INTERNAL\",\"9\":7}"), json)
        XCTAssertTrue(json.contains("\"elsewhere\":{\"id\":4}"), json)

        // Enum cases as protoc-gen-swift names them, with their proto names.
        XCTAssertEqual(Hostile_V1_Tricky.rawValue_.vscoName, "TRICKY_RAW_VALUE")
        XCTAssertEqual(Hostile_V1_Tricky.alias.vscoName, "TRICKY_FOO")
        XCTAssertEqual(Hostile_V1_Tricky.minus.vscoName, "TRICKY_MINUS")
        XCTAssertNil(Hostile_V1_Tricky.UNRECOGNIZED(9).vscoName)
        XCTAssertEqual(HXElsewhere.Level.high.vscoName, "LEVEL_HIGH")

        // Oneof members named like Optional's cases land in the oneof, not in Optional.
        var none = Hostile_V1_String()
        none.value = "n"
        n.setChoice(none)
        XCTAssertEqual(n.choice, .none(none))
        XCTAssertTrue(try n.toLegacyJson().hasSuffix(#""none":{"value":"n"}}"#))
        n.setChoice(member)
        XCTAssertEqual(n.choice, .some(member))
        XCTAssertEqual("some", n.asOrderedDictionary(keys: .protoName).last?.key)
        // One type as two members: no setter, and the visit reads the member that is set.
        n.second = none
        XCTAssertEqual("second", n.asOrderedDictionary(keys: .protoName).last?.key)
    }

    func testWrappersAreTheirValue() throws {
        XCTAssertEqual("0.5", try Google_Protobuf_DoubleValue(0.5).toLegacyJson())
        XCTAssertEqual("2.5", try Google_Protobuf_FloatValue(2.5).toLegacyJson())
        XCTAssertEqual("\"-7\"", try Google_Protobuf_Int64Value(-7).toLegacyJson())
        XCTAssertEqual(
            "\"18446744073709551615\"", try Google_Protobuf_UInt64Value(UInt64.max).toLegacyJson())
        XCTAssertEqual("-3", try Google_Protobuf_Int32Value(-3).toLegacyJson())
        XCTAssertEqual("4294967295", try Google_Protobuf_UInt32Value(UInt32.max).toLegacyJson())
        XCTAssertEqual("true", try Google_Protobuf_BoolValue(true).toLegacyJson())
        XCTAssertEqual("\"a\\\"b\"", try Google_Protobuf_StringValue("a\"b").toLegacyJson())
        XCTAssertEqual("\"AQI=\"", try Google_Protobuf_BytesValue(Data([1, 2])).toLegacyJson())
        // A wrapper holding its default is still its value, not an empty object.
        XCTAssertEqual("false", try Google_Protobuf_BoolValue().toLegacyJson())
        XCTAssertEqual("\"\"", try Google_Protobuf_StringValue().toLegacyJson())
        // In a dictionary view a wrapper field is its value.
        var share = Telemetry_V1_Share()
        share.recipientCount = Google_Protobuf_Int64Value(3)
        XCTAssertEqual(3, share.asDictionary()["recipientCount"] as? Int64)
        XCTAssertNil(Telemetry_V1_Share().asDictionary()["recipientCount"])
    }
}

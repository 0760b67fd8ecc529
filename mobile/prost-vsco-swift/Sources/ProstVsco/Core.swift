import Foundation
import SwiftProtobuf

/// What a field holds, as far as dictionaries and JSON care (proto's 18 types folded into 11).
public enum Kind: Sendable {
    case bool
    /// int32, sint32, sfixed32.
    case int32
    /// uint32, fixed32.
    case uint32
    /// int64, sint64, sfixed64.
    case int64
    /// uint64, fixed64.
    case uint64
    case float
    case double
    case string
    case bytes
    case enumeration
    case message
}

/// How many values a field holds.
public enum Cardinality: Sendable {
    /// A proto3 field without presence: its default is not told apart from unset.
    case implicit
    /// A field with presence (messages, `optional`, proto2, oneof members).
    case optional
    case repeated
    case map
}

/// The static facts of one field, as the plugin resolved them: names, number, kind and the
/// project's custom options. Generated extensions hold one table of these per message, in
/// field-number order.
public final class FieldInfo: Sendable, CustomStringConvertible {
    /// The name in the `.proto` file.
    public let name: String
    /// The JSON name (`json_name`, or lowerCamelCase of the name).
    public let jsonName: String
    /// The `legacy_key` option.
    public let legacyKey: String?
    public let number: Int
    /// For maps, the value's kind.
    public let kind: Kind
    public let cardinality: Cardinality
    /// For maps, the key's kind.
    public let mapKey: Kind?
    /// For enum fields (and maps with enum values), the enum's names.
    public let enumInfo: EnumInfo?
    /// The field is marked `pii`.
    public let pii: Bool
    /// The field is marked `omit_from_map`.
    public let omitFromMap: Bool
    /// The field's `vendor_key` option.
    public let vendorKey: String?
    /// A member of a (real) oneof.
    public let inOneof: Bool
    /// The JSON forms chosen for this field (`json_*` options, or the plugin's
    /// `json_format` parameter).
    public let jsonFormat: FieldFormat
    /// A `google.protobuf.Timestamp` field (for maps, values): the one message field a
    /// `FieldFormat.timestamps` choice applies to.
    public let isTimestamp: Bool
    /// `"jsonName":` and `"name":` as JSON writes them, built once.
    let quotedJsonName: [UInt8]
    let quotedName: [UInt8]

    public init(
        _ name: String, json jsonName: String, _ number: Int, _ kind: Kind,
        _ cardinality: Cardinality, mapKey: Kind? = nil, enumInfo: EnumInfo? = nil,
        legacyKey: String? = nil, vendorKey: String? = nil, pii: Bool = false,
        omitFromMap: Bool = false, oneof: Bool = false,
        jsonFormat: FieldFormat = .none, timestamp: Bool = false
    ) {
        self.name = name
        self.jsonName = jsonName
        self.legacyKey = legacyKey
        self.number = number
        self.kind = kind
        self.cardinality = cardinality
        self.mapKey = mapKey
        self.enumInfo = enumInfo
        self.pii = pii
        self.omitFromMap = omitFromMap
        self.vendorKey = vendorKey
        self.inOneof = oneof
        self.jsonFormat = jsonFormat
        self.isTimestamp = timestamp
        let json = JsonText()
        json.member(jsonName)
        quotedJsonName = json.bytes
        let proto = JsonText()
        proto.member(name)
        quotedName = proto.bytes
    }

    /// Whether an unset value is told apart from the default.
    public var hasPresence: Bool { cardinality == .optional }

    public var description: String { "\(name) = \(number)" }
}

/// The JSON forms chosen for one field (its `json_bytes`, `json_enum`, `json_int64` and
/// `json_timestamp` options, or the plugin's `json_format` parameter), over the `JsonOptions`
/// switches of the same names; nil follows the options. For a list or a map the choice
/// applies to its elements or values.
public struct FieldFormat: Sendable, Equatable {
    public var bytes: JsonOptions.BytesForm?
    public var enums: JsonOptions.Enums?
    public var int64: JsonOptions.Int64s?
    public var timestamps: JsonOptions.Timestamps?

    public init(
        bytes: JsonOptions.BytesForm? = nil, enums: JsonOptions.Enums? = nil,
        int64: JsonOptions.Int64s? = nil, timestamps: JsonOptions.Timestamps? = nil
    ) {
        self.bytes = bytes
        self.enums = enums
        self.int64 = int64
        self.timestamps = timestamps
    }

    /// No choice: everything as the options say.
    public static let none = FieldFormat()

    /// These choices, and `under`'s where these make none.
    public func over(_ under: FieldFormat) -> FieldFormat {
        FieldFormat(
            bytes: bytes ?? under.bytes, enums: enums ?? under.enums,
            int64: int64 ?? under.int64, timestamps: timestamps ?? under.timestamps)
    }

    /// Why these choices do not fit `field`, when one of them is for another kind of field
    /// (`bytes: .hex` for a string); nil when they fit.
    func misfit(_ field: FieldInfo, in message: String) -> String? {
        let target: String
        switch field.kind {
        case .bytes: target = "bytes"
        case .enumeration: target = "enums"
        case .int64, .uint64: target = "int64"
        case .message where field.isTimestamp: target = "timestamps"
        default: target = ""
        }
        let choices: [(String, Bool, String)] = [
            ("bytes", bytes != nil, "bytes fields"),
            ("enums", enums != nil, "enum fields"),
            ("int64", int64 != nil, "64-bit integer fields"),
            ("timestamps", timestamps != nil, "google.protobuf.Timestamp fields"),
        ]
        guard let (choice, _, appliesTo) = choices.first(where: { $0.1 && $0.0 != target }) else {
            return nil
        }
        let kind =
            field.isTimestamp
            ? "message google.protobuf.Timestamp"
            : field.enumInfo.map { "enum \($0.fullName)" } ?? "\(field.kind)"
        return "`\(choice)` applies to \(appliesTo), and `\(message).\(field.name)` is \(kind)"
    }
}

/// The values of an enum: numbers in ascending order and the first name given to each.
public final class EnumInfo: Sendable {
    public let fullName: String
    private let numbers: [Int]
    private let names: [String]

    /// `numbers` ascending without repeats, `names` the first name the `.proto` file gives
    /// each (aliases left out).
    public init(_ fullName: String, _ numbers: [Int], _ names: [String]) {
        precondition(numbers.count == names.count, "\(fullName): numbers and names differ in length")
        self.fullName = fullName
        self.numbers = numbers
        self.names = names
    }

    /// The name of `number`, or nil when the enum has no such value.
    public func name(_ number: Int) -> String? {
        var low = 0
        var high = numbers.count
        while low < high {
            let mid = (low + high) / 2
            if numbers[mid] < number {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low < numbers.count && numbers[low] == number ? names[low] : nil
    }

    /// The number named `name`.
    public func number(_ name: String) -> Int? {
        names.firstIndex(of: name).map { numbers[$0] }
    }
}

/// The `google.protobuf` types with a JSON form of their own.
public enum WellKnown: Sendable {
    case timestamp, duration, structValue, value, listValue, fieldMask, empty, any
    /// `DoubleValue`, `Int64Value`, ...: JSON writes the value they wrap.
    case wrapper
}

/// What the runtime knows of one message type: its full name, its field table and, for an
/// event, its event name.
public final class MessageInfo: Sendable {
    /// The full proto name, `telemetry.v1.Event`.
    public let fullName: String
    /// The fields in number order.
    public let fields: [FieldInfo]
    /// The event name of an event message (`event_name`).
    public let eventName: String?
    /// The well-known type this table describes, or nil for any other message.
    public let wellKnown: WellKnown?

    public init(
        _ fullName: String, _ fields: [FieldInfo], eventName: String? = nil,
        wellKnown: WellKnown? = nil
    ) {
        self.fullName = fullName
        self.fields = fields
        self.eventName = eventName
        self.wellKnown = wellKnown
    }
}

/// One value a visit hands over.
public enum FieldValue {
    case bool(Bool)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case uint64(UInt64)
    case float(Float)
    case double(Double)
    case string(String)
    case bytes(Data)
    /// An enum value by number (the field's `enumInfo` names it).
    case enumNumber(Int)
    /// Boxed (`indirect`): inline, the existential made every `FieldValue` five words with
    /// an outlined copy and destroy; legacy JSON of the example event took 43.4k -> 37.7k
    /// instructions (callgrind, bench/swift).
    indirect case message(any VscoMessage)
}

/// A Swift value that a visit can hand over: the types swift-protobuf uses for fields.
public protocol VscoValue {
    var vscoValue: FieldValue { get }
}

extension Bool: VscoValue { @inlinable public var vscoValue: FieldValue { .bool(self) } }
extension Int32: VscoValue { @inlinable public var vscoValue: FieldValue { .int32(self) } }
extension UInt32: VscoValue { @inlinable public var vscoValue: FieldValue { .uint32(self) } }
extension Int64: VscoValue { @inlinable public var vscoValue: FieldValue { .int64(self) } }
extension UInt64: VscoValue { @inlinable public var vscoValue: FieldValue { .uint64(self) } }
extension Float: VscoValue { @inlinable public var vscoValue: FieldValue { .float(self) } }
extension Double: VscoValue { @inlinable public var vscoValue: FieldValue { .double(self) } }
extension String: VscoValue { @inlinable public var vscoValue: FieldValue { .string(self) } }
extension Data: VscoValue { @inlinable public var vscoValue: FieldValue { .bytes(self) } }

/// A generated enum: its value travels by number.
public protocol VscoEnum: VscoValue, SwiftProtobuf.Enum {}

extension VscoEnum {
    @inlinable public var vscoValue: FieldValue { .enumNumber(rawValue) }
}

/// A message with a generated field table and visit (the plugin's `target=swift` output, or
/// this package for the well-known types).
public protocol VscoMessage: VscoValue, SwiftProtobuf.Message {
    /// The message's field table.
    static var vscoInfo: MessageInfo { get }
    /// Calls `visitor` once per field in number order: fields that are set, and with `all`
    /// also the fields without presence that hold their default.
    func vscoVisit(_ visitor: any FieldVisitor, all: Bool)
}

extension VscoMessage {
    @inlinable public var vscoValue: FieldValue { .message(self) }
}

/// Receives the fields of a message from `VscoMessage.vscoVisit`, one call per field.
public protocol FieldVisitor: AnyObject {
    func value(_ field: FieldInfo, _ value: FieldValue)
    // A singular scalar field by its Swift type, the form generated visits call: a visitor
    // that writes values as they come (the legacy JSON writer) takes them without a
    // `FieldValue` to build, copy and switch on; by default each goes to `value`.
    func bool(_ field: FieldInfo, _ value: Bool)
    func int32(_ field: FieldInfo, _ value: Int32)
    func uint32(_ field: FieldInfo, _ value: UInt32)
    func int64(_ field: FieldInfo, _ value: Int64)
    func uint64(_ field: FieldInfo, _ value: UInt64)
    func float(_ field: FieldInfo, _ value: Float)
    func double(_ field: FieldInfo, _ value: Double)
    /// `consuming`: the string a getter returned is handed on, not retained again.
    func string(_ field: FieldInfo, _ value: consuming String)
    func bytes(_ field: FieldInfo, _ value: Data)
    /// An enum field's number.
    func enumNumber(_ field: FieldInfo, _ value: Int)
    /// A singular message field, handed over without boxing it in an existential (by default
    /// it goes to `value` as `.message`).
    func message<M: VscoMessage>(_ field: FieldInfo, _ message: M)
    func list(_ field: FieldInfo, _ values: [FieldValue])
    /// A map field's entries, in no particular order.
    func map(_ field: FieldInfo, _ entries: [(key: FieldValue, value: FieldValue)])
    // The commonest shapes of repeated and map fields in events, handed over as they are
    // (by default they go to `list` and `map` as `FieldValue`s): legacy JSON of the example
    // event built and copied an array of values for each (callgrind, bench/swift).
    func strings(_ field: FieldInfo, _ values: [String])
    func stringMap(_ field: FieldInfo, _ entries: [String: String])
}

// Inlinable, so that generated visits (in the app's module) call them specialized to the
// field's type: unspecialized, the generic calls and their metadata lookups were most of the
// legacy JSON writer's instructions (callgrind, bench/swift).
extension FieldVisitor {
    public func message<M: VscoMessage>(_ field: FieldInfo, _ message: M) {
        value(field, .message(message))
    }

    public func strings(_ field: FieldInfo, _ values: [String]) {
        list(field, values.map { .string($0) })
    }

    public func stringMap(_ field: FieldInfo, _ entries: [String: String]) {
        map(field, entries.map { (key: .string($0.key), value: .string($0.value)) })
    }

    public func bool(_ field: FieldInfo, _ value: Bool) { self.value(field, .bool(value)) }
    public func int32(_ field: FieldInfo, _ value: Int32) { self.value(field, .int32(value)) }
    public func uint32(_ field: FieldInfo, _ value: UInt32) { self.value(field, .uint32(value)) }
    public func int64(_ field: FieldInfo, _ value: Int64) { self.value(field, .int64(value)) }
    public func uint64(_ field: FieldInfo, _ value: UInt64) { self.value(field, .uint64(value)) }
    public func float(_ field: FieldInfo, _ value: Float) { self.value(field, .float(value)) }
    public func double(_ field: FieldInfo, _ value: Double) { self.value(field, .double(value)) }
    public func string(_ field: FieldInfo, _ value: consuming String) {
        self.value(field, .string(value))
    }
    public func bytes(_ field: FieldInfo, _ value: Data) { self.value(field, .bytes(value)) }
    public func enumNumber(_ field: FieldInfo, _ value: Int) {
        self.value(field, .enumNumber(value))
    }

    /// A singular field (the form generated visits call).
    @inlinable public func value<T: VscoValue>(_ field: FieldInfo, _ value: T) {
        self.value(field, value.vscoValue)
    }

    /// A repeated field.
    @inlinable public func list<T: VscoValue>(_ field: FieldInfo, _ values: [T]) {
        list(field, values.map { $0.vscoValue })
    }

    /// A map field.
    @inlinable public func map<K: VscoValue, V: VscoValue>(_ field: FieldInfo, _ entries: [K: V]) {
        map(field, entries.map { (key: $0.key.vscoValue, value: $0.value.vscoValue) })
    }
}

/// Keeps the one field a well-known container or wrapper visits.
final class Capture: FieldVisitor {
    var field: FieldInfo?
    var single: FieldValue?
    var values: [FieldValue] = []
    var entries: [(key: FieldValue, value: FieldValue)] = []

    func value(_ field: FieldInfo, _ value: FieldValue) {
        self.field = field
        single = value
    }

    func list(_ field: FieldInfo, _ values: [FieldValue]) {
        self.field = field
        self.values = values
    }

    func map(_ field: FieldInfo, _ entries: [(key: FieldValue, value: FieldValue)]) {
        self.field = field
        self.entries = entries
    }

    static func of<M: VscoMessage>(_ message: M, all: Bool) -> Capture {
        let c = Capture()
        message.vscoVisit(c, all: all)
        return c
    }
}

/// Map entries in key order: UTF-8 byte order for strings (the Rust runtime's), numeric for
/// numbers, false before true.
func sortedEntries(_ entries: [(key: FieldValue, value: FieldValue)])
    -> [(key: FieldValue, value: FieldValue)]
{
    if entries.count < 2 {
        return entries
    }
    return withKeyOrder(entries) { order in order.map { entries[$0] } }
}

/// Calls `body` with the indexes of `entries` in key order (see `sortedEntries`), sorted in
/// a buffer on the stack, without copying the entries: legacy JSON of the example event
/// spent 1.6k instructions sorting a map of two entries with `sorted(by:)` (callgrind,
/// bench/swift).
func withKeyOrder<R>(
    _ entries: [(key: FieldValue, value: FieldValue)], _ body: (UnsafeBufferPointer<Int>) -> R
) -> R {
    withSortedIndexes(entries, by: { keyPrecedes(entries[$0].key, entries[$1].key) }, body)
}

/// Calls `body` with the indexes of `entries` in the order of their keys' UTF-8 bytes (see
/// `withKeyOrder`).
func withKeyOrder<R>(
    _ entries: [String: String], _ body: (UnsafeBufferPointer<StringMapIndex>) -> R
) -> R {
    withSortedIndexes(
        entries, by: { entries[$0].key.utf8.lexicographicallyPrecedes(entries[$1].key.utf8) },
        body)
}

/// Calls `body` with the indexes of `items` sorted by `precedes`, in a buffer on the stack.
/// Maps of events hold a few entries: those are sorted by insertion, larger ones by `sort`.
private func withSortedIndexes<C: Collection, R>(
    _ items: C, by precedes: (C.Index, C.Index) -> Bool,
    _ body: (UnsafeBufferPointer<C.Index>) -> R
) -> R {
    withUnsafeTemporaryAllocation(of: C.Index.self, capacity: items.count) { buffer in
        var order = buffer
        var count = 0
        for i in items.indices {
            order.initializeElement(at: count, to: i)
            count += 1
        }
        defer { _ = order.deinitialize() }
        if count > 16 {
            order.sort(by: precedes)
        } else if count > 1 {
            for i in 1..<count {
                var j = i
                while j > 0 && precedes(order[j], order[j - 1]) {
                    order.swapAt(j, j - 1)
                    j -= 1
                }
            }
        }
        return body(UnsafeBufferPointer(order))
    }
}

typealias StringMapIndex = Dictionary<String, String>.Index

/// Whether map key `a` comes before `b`. A `switch` on each in turn, not on the pair: a
/// tuple of the two copied both values (a retain and a release per string key).
func keyPrecedes(_ a: FieldValue, _ b: FieldValue) -> Bool {
    switch a {
    case .string(let x):
        if case .string(let y) = b { return x.utf8.lexicographicallyPrecedes(y.utf8) }
    case .int32(let x):
        if case .int32(let y) = b { return x < y }
    case .uint32(let x):
        if case .uint32(let y) = b { return x < y }
    case .int64(let x):
        if case .int64(let y) = b { return x < y }
    case .uint64(let x):
        if case .uint64(let y) = b { return x < y }
    case .bool(let x):
        if case .bool(let y) = b { return !x && y }
    default:
        break
    }
    return false
}

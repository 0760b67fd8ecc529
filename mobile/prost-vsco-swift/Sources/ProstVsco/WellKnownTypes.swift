import Foundation
import SwiftProtobuf

// Field tables and visits of the well-known types, which swift-protobuf generates and the
// plugin does not: the runtime reads them like any generated message.

private func implicit(_ name: String, _ json: String, _ number: Int, _ kind: Kind) -> FieldInfo {
    FieldInfo(name, json: json, number, kind, .implicit)
}

private func member(
    _ name: String, _ json: String, _ number: Int, _ kind: Kind, enumInfo: EnumInfo? = nil
) -> FieldInfo {
    FieldInfo(name, json: json, number, kind, .optional, enumInfo: enumInfo, oneof: true)
}

private let secondsAndNanos = [
    implicit("seconds", "seconds", 1, .int64), implicit("nanos", "nanos", 2, .int32),
]

/// The names of `google.protobuf.NullValue`.
public let nullValueInfo = EnumInfo("google.protobuf.NullValue", [0], ["NULL_VALUE"])

extension Google_Protobuf_NullValue: VscoEnum {}

extension Google_Protobuf_Timestamp: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.Timestamp", secondsAndNanos, wellKnown: .timestamp)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        let f = Self.vscoInfo.fields
        if all || seconds != 0 { v.value(f[0], seconds) }
        if all || nanos != 0 { v.value(f[1], nanos) }
    }
}

extension Google_Protobuf_Duration: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.Duration", secondsAndNanos, wellKnown: .duration)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        let f = Self.vscoInfo.fields
        if all || seconds != 0 { v.value(f[0], seconds) }
        if all || nanos != 0 { v.value(f[1], nanos) }
    }
}

extension Google_Protobuf_Empty: VscoMessage {
    public static let vscoInfo = MessageInfo("google.protobuf.Empty", [], wellKnown: .empty)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {}
}

extension Google_Protobuf_FieldMask: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.FieldMask", [FieldInfo("paths", json: "paths", 1, .string, .repeated)],
        wellKnown: .fieldMask)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        if all || !paths.isEmpty { v.list(Self.vscoInfo.fields[0], paths) }
    }
}

extension Google_Protobuf_Any: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.Any",
        [implicit("type_url", "typeUrl", 1, .string), implicit("value", "value", 2, .bytes)],
        wellKnown: .any)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        let f = Self.vscoInfo.fields
        if all || !typeURL.isEmpty { v.value(f[0], typeURL) }
        if all || !value.isEmpty { v.value(f[1], value) }
    }
}

extension Google_Protobuf_Struct: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.Struct",
        [FieldInfo("fields", json: "fields", 1, .message, .map, mapKey: .string)],
        wellKnown: .structValue)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        if all || !fields.isEmpty { v.map(Self.vscoInfo.fields[0], fields) }
    }
}

extension Google_Protobuf_ListValue: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.ListValue",
        [FieldInfo("values", json: "values", 1, .message, .repeated)],
        wellKnown: .listValue)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        if all || !values.isEmpty { v.list(Self.vscoInfo.fields[0], values) }
    }
}

extension Google_Protobuf_Value: VscoMessage {
    public static let vscoInfo = MessageInfo(
        "google.protobuf.Value",
        [
            member("null_value", "nullValue", 1, .enumeration, enumInfo: nullValueInfo),
            member("number_value", "numberValue", 2, .double),
            member("string_value", "stringValue", 3, .string),
            member("bool_value", "boolValue", 4, .bool),
            member("struct_value", "structValue", 5, .message),
            member("list_value", "listValue", 6, .message),
        ],
        wellKnown: .value)
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        let f = Self.vscoInfo.fields
        switch kind {
        case .nullValue(let x)?: v.value(f[0], x)
        case .numberValue(let x)?: v.value(f[1], x)
        case .stringValue(let x)?: v.value(f[2], x)
        case .boolValue(let x)?: v.value(f[3], x)
        case .structValue(let x)?: v.value(f[4], x)
        case .listValue(let x)?: v.value(f[5], x)
        case nil: break
        }
    }
}

private func wrapped(_ name: String, _ kind: Kind) -> MessageInfo {
    MessageInfo(
        "google.protobuf." + name, [implicit("value", "value", 1, kind)], wellKnown: .wrapper)
}

/// A wrapper type (`DoubleValue`, ...): one implicit field, visited unless it holds its
/// default. The nine conformances below give only their table.
protocol VscoWrapper: VscoMessage {
    associatedtype Wrapped: VscoValue & Equatable
    var value: Wrapped { get }
    static var zero: Wrapped { get }
}

extension VscoWrapper {
    public func vscoVisit(_ v: any FieldVisitor, all: Bool) {
        if all || value != Self.zero { v.value(Self.vscoInfo.fields[0], value) }
    }
}

extension Google_Protobuf_DoubleValue: VscoWrapper {
    public static let vscoInfo = wrapped("DoubleValue", .double)
    static let zero: Double = 0
}

extension Google_Protobuf_FloatValue: VscoWrapper {
    public static let vscoInfo = wrapped("FloatValue", .float)
    static let zero: Float = 0
}

extension Google_Protobuf_Int64Value: VscoWrapper {
    public static let vscoInfo = wrapped("Int64Value", .int64)
    static let zero: Int64 = 0
}

extension Google_Protobuf_UInt64Value: VscoWrapper {
    public static let vscoInfo = wrapped("UInt64Value", .uint64)
    static let zero: UInt64 = 0
}

extension Google_Protobuf_Int32Value: VscoWrapper {
    public static let vscoInfo = wrapped("Int32Value", .int32)
    static let zero: Int32 = 0
}

extension Google_Protobuf_UInt32Value: VscoWrapper {
    public static let vscoInfo = wrapped("UInt32Value", .uint32)
    static let zero: UInt32 = 0
}

extension Google_Protobuf_BoolValue: VscoWrapper {
    public static let vscoInfo = wrapped("BoolValue", .bool)
    static let zero = false
}

extension Google_Protobuf_StringValue: VscoWrapper {
    public static let vscoInfo = wrapped("StringValue", .string)
    static let zero = ""
}

extension Google_Protobuf_BytesValue: VscoWrapper {
    public static let vscoInfo = wrapped("BytesValue", .bytes)
    static let zero = Data()
}

/// The well-known types by full name, for `Any`.
let wellKnownTypes: [String: any VscoMessage.Type] = [
    "google.protobuf.Timestamp": Google_Protobuf_Timestamp.self,
    "google.protobuf.Duration": Google_Protobuf_Duration.self,
    "google.protobuf.Empty": Google_Protobuf_Empty.self,
    "google.protobuf.FieldMask": Google_Protobuf_FieldMask.self,
    "google.protobuf.Any": Google_Protobuf_Any.self,
    "google.protobuf.Struct": Google_Protobuf_Struct.self,
    "google.protobuf.ListValue": Google_Protobuf_ListValue.self,
    "google.protobuf.Value": Google_Protobuf_Value.self,
    "google.protobuf.DoubleValue": Google_Protobuf_DoubleValue.self,
    "google.protobuf.FloatValue": Google_Protobuf_FloatValue.self,
    "google.protobuf.Int64Value": Google_Protobuf_Int64Value.self,
    "google.protobuf.UInt64Value": Google_Protobuf_UInt64Value.self,
    "google.protobuf.Int32Value": Google_Protobuf_Int32Value.self,
    "google.protobuf.UInt32Value": Google_Protobuf_UInt32Value.self,
    "google.protobuf.BoolValue": Google_Protobuf_BoolValue.self,
    "google.protobuf.StringValue": Google_Protobuf_StringValue.self,
    "google.protobuf.BytesValue": Google_Protobuf_BytesValue.self,
]

/// The message types an `Any` may hold, by full name. The well-known types are always known;
/// add generated messages for the rest.
public struct TypeRegistry: Sendable {
    /// Only the well-known types.
    public static let empty = TypeRegistry(types: [:])

    private let types: [String: any VscoMessage.Type]

    private init(types: [String: any VscoMessage.Type]) {
        self.types = types
    }

    /// A registry with `more` added to this one's.
    public func with(_ more: any VscoMessage.Type...) -> TypeRegistry {
        var copy = types
        for t in more {
            copy[t.vscoInfo.fullName] = t
        }
        return TypeRegistry(types: copy)
    }

    func type(_ fullName: String) -> (any VscoMessage.Type)? {
        types[fullName] ?? wellKnownTypes[fullName]
    }
}

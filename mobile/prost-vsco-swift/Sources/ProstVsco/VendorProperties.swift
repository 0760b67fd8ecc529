import Foundation

/// A property value in a vendor's types.
public indirect enum VendorValue: Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list([VendorValue])
    /// A nested object, members in order.
    case object([VendorProperty])

    /// JSON-like text for people: `"iOS"`, `7`, `[1, 2]`, `{os: "iOS"}`.
    public var description: String {
        switch self {
        case .bool(let v): return String(v)
        case .int(let v): return String(v)
        case .double(let v): return v.isFinite ? shortest(v) : String(v)
        case .string(let v): return "\"" + v + "\""
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map(\.description).joined(separator: ", ") + "}"
        }
    }

    /// The value as an SDK's dictionary holds it: `Bool`, `Int64`, `Double`, `String`, `[Any]`
    /// or `[String: Any]`.
    public var anyValue: Any {
        switch self {
        case .bool(let v): return v
        case .int(let v): return v
        case .double(let v): return v
        case .string(let v): return v
        case .list(let items): return items.map { $0.anyValue }
        case .object(let members):
            return Dictionary(members.map { ($0.key, $0.value.anyValue) }, uniquingKeysWith: { a, _ in a })
        }
    }
}

/// One property: a key and its value.
public struct VendorProperty: Sendable, Equatable, CustomStringConvertible {
    public let key: String
    public let value: VendorValue

    public var description: String { "\(key): \(value)" }

    public init(key: String, value: VendorValue) {
        self.key = key
        self.value = value
    }
}

/// Where `VendorProperties.write(to:)` puts an event's properties, so a few lines connect a
/// vendor SDK (most take `[String: Any]`, which `VendorProperties.dictionary` gives):
///
/// ```swift
/// // Firebase: String and NSNumber values
/// Analytics.logEvent(props.eventName, parameters: props.dictionary)
/// // Mixpanel: [String: MixpanelType]
/// var mp: Properties = [:]
/// var sink = ClosureSink { key, value in mp[key] = value as? MixpanelType }
/// props.write(to: &sink)
/// Mixpanel.mainInstance().track(event: props.eventName, properties: mp)
/// // Amplitude, Segment: [String: Any]
/// amplitude.track(eventType: props.eventName, eventProperties: props.dictionary)
/// Analytics.main.track(name: props.eventName, properties: props.dictionary)
/// ```
public protocol PropertySink {
    mutating func put(_ key: String, _ value: VendorValue)
}

/// A `PropertySink` that calls a closure with each key and the value as `Any`.
public struct ClosureSink: PropertySink {
    let body: (String, Any) -> Void

    public init(_ body: @escaping (String, Any) -> Void) {
        self.body = body
    }

    public mutating func put(_ key: String, _ value: VendorValue) {
        body(key, value.anyValue)
    }
}

/// An event's properties for one vendor: its event name, its properties in order, and what
/// the rules changed.
public struct VendorProperties: Sendable, Equatable, CustomStringConvertible {
    public let eventName: String
    public let properties: [VendorProperty]
    /// What the rules changed, in the order the walk met it.
    public let adjustments: [Adjustment]

    /// The properties as the vendors' SDKs take them.
    public var dictionary: [String: Any] {
        Dictionary(properties.map { ($0.key, $0.value.anyValue) }, uniquingKeysWith: { a, _ in a })
    }

    /// Gives every property to `sink`, in order.
    public func write<S: PropertySink>(to sink: inout S) {
        for p in properties {
            sink.put(p.key, p.value)
        }
    }

    /// The event as the vendor's HTTP API takes it: `{"<name key>":"<event
    /// name>","<properties key>":{...}}` (GA4 Measurement Protocol `events[]`, Amplitude HTTP
    /// V2, Mixpanel `/import`, Segment `/track`, Braze `/users/track`).
    public func json(_ profile: Profile) -> String {
        let out = JsonText(capacity: 256)
        out.append(UInt8(ascii: "{"))
        out.member(profile.shapeNameKey)
        out.quoted(eventName)
        out.append(UInt8(ascii: ","))
        out.member(profile.shapePropertiesKey)
        Self.object(out, properties)
        out.append(UInt8(ascii: "}"))
        return out.string
    }

    private static func object(_ out: JsonText, _ members: [VendorProperty]) {
        out.append(UInt8(ascii: "{"))
        for (i, m) in members.enumerated() {
            if i > 0 {
                out.append(UInt8(ascii: ","))
            }
            out.member(m.key)
            value(out, m.value)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func value(_ out: JsonText, _ v: VendorValue) {
        switch v {
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let n): out.integer(n)
        case .double(let d):
            if d.isFinite {
                out.double(d)
            } else {
                out.append("null")
            }
        case .string(let s): out.quoted(s)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 {
                    out.append(UInt8(ascii: ","))
                }
                value(out, item)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members): object(out, members)
        }
    }

    public var description: String {
        "\(eventName) {" + properties.map(\.description).joined(separator: ", ") + "}"
            + (adjustments.isEmpty ? "" : " \(adjustments.map(\.description))")
    }
}

/// An event that cannot be sent to a vendor: no event name, an event name the vendor refuses,
/// or a violation under `OnViolation.error`.
public struct VendorError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

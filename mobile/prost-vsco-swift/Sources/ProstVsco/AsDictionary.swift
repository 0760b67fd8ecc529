import Foundation

/// Which name keys a dictionary view.
public enum KeyStyle: Sendable {
    /// The name in the `.proto` file, `session_id`.
    case protoName
    /// The JSON name, `sessionId`.
    case jsonName

    func key(_ field: FieldInfo) -> String {
        self == .protoName ? field.name : field.jsonName
    }
}

/// An enum value in a dictionary view: its number, and its name when the enum knows it.
public struct EnumValue: Hashable, Sendable, CustomStringConvertible {
    public let number: Int
    /// nil for a number the enum does not name (an open enum keeps unknown numbers).
    public let name: String?

    public init(number: Int, name: String?) {
        self.number = number
        self.name = name
    }

    public var description: String { name ?? String(number) }
}

/// A message's fields in field-number order, as `asOrderedDictionary` gives them.
public typealias OrderedFields = [(key: String, value: Any)]

/// The dictionary views of messages: `[String: Any]` keyed by proto or JSON name, or the same
/// entries in field-number order.
///
/// Values: `Bool`, `Int32`, `UInt32`, `Int64`, `UInt64`, `Float`, `Double`, `String`, `Data`,
/// `EnumValue`; a nested dictionary (or `OrderedFields`) for messages, well-known types too (a
/// `Timestamp` is `seconds` and `nanos`) except the wrappers, which are the value they wrap;
/// `[Any]` for repeated fields; `[AnyHashable: Any]` for map fields (in the ordered view
/// `[(key: AnyHashable, value: Any)]` in key order). Fields marked `omit_from_map` are left out.
public enum DictionaryView {
    /// The view of `message`.
    public static func of(_ message: any VscoMessage, keys: KeyStyle, redact: Bool = false)
        -> [String: Any]
    {
        let b = Builder(keys: keys, redact: redact, ordered: false)
        return b.dictionary(message)
    }

    /// The view of `message` with its fields in number order.
    public static func ordered(
        _ message: any VscoMessage, keys: KeyStyle, redact: Bool = false
    ) -> OrderedFields {
        let b = Builder(keys: keys, redact: redact, ordered: true)
        return b.fields(message)
    }

    /// An element of the view: what `value` becomes.
    static func scalar(_ value: FieldValue, _ info: EnumInfo?) -> Any {
        switch value {
        case .bool(let v): return v
        case .int32(let v): return v
        case .uint32(let v): return v
        case .int64(let v): return v
        case .uint64(let v): return v
        case .float(let v): return v
        case .double(let v): return v
        case .string(let v): return v
        case .bytes(let v): return v
        case .enumNumber(let n): return EnumValue(number: n, name: info?.name(n))
        case .message(let m): return m
        }
    }

    static func hashable(_ value: FieldValue) -> AnyHashable {
        switch value {
        case .bool(let v): return v
        case .int32(let v): return v
        case .uint32(let v): return v
        case .int64(let v): return v
        case .uint64(let v): return v
        case .string(let v): return v
        default: return String(describing: scalar(value, nil))
        }
    }

    private final class Builder: FieldVisitor {
        let keys: KeyStyle
        let redact: Bool
        let ordered: Bool
        var out: OrderedFields = []

        init(keys: KeyStyle, redact: Bool, ordered: Bool) {
            self.keys = keys
            self.redact = redact
            self.ordered = ordered
        }

        func fields(_ message: any VscoMessage) -> OrderedFields {
            let saved = out
            out = []
            out.reserveCapacity(type(of: message).vscoInfo.fields.count)
            message.vscoVisit(self, all: false)
            let result = out
            out = saved
            return result
        }

        func dictionary(_ message: any VscoMessage) -> [String: Any] {
            Dictionary(fields(message), uniquingKeysWith: { first, _ in first })
        }

        /// A nested message: its view, or for a wrapper the value it wraps.
        func nested(_ message: any VscoMessage) -> Any {
            if type(of: message).vscoInfo.wellKnown == .wrapper {
                let c = Capture.of(message, all: true)
                if let f = c.field, let v = c.single {
                    return element(f, v)
                }
            }
            return ordered ? fields(message) as Any : dictionary(message) as Any
        }

        func element(_ field: FieldInfo, _ value: FieldValue) -> Any {
            if case .message(let m) = value {
                return nested(m)
            }
            return DictionaryView.scalar(value, field.enumInfo)
        }

        /// Left out of this view: `omit_from_map`, or `pii` when redacting.
        func leftOut(_ field: FieldInfo) -> Bool {
            field.omitFromMap || (redact && field.pii)
        }

        func value(_ field: FieldInfo, _ value: FieldValue) {
            if !leftOut(field) {
                out.append((keys.key(field), element(field, value)))
            }
        }

        func list(_ field: FieldInfo, _ values: [FieldValue]) {
            if !leftOut(field) {
                out.append((keys.key(field), values.map { element(field, $0) }))
            }
        }

        func map(_ field: FieldInfo, _ entries: [(key: FieldValue, value: FieldValue)]) {
            if leftOut(field) {
                return
            }
            let sorted = sortedEntries(entries)
            if ordered {
                let pairs: [(key: AnyHashable, value: Any)] = sorted.map {
                    (DictionaryView.hashable($0.key), element(field, $0.value))
                }
                out.append((keys.key(field), pairs))
            } else {
                var d = [AnyHashable: Any](minimumCapacity: sorted.count)
                for e in sorted {
                    d[DictionaryView.hashable(e.key)] = element(field, e.value)
                }
                out.append((keys.key(field), d))
            }
        }
    }
}

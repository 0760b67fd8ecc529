import Foundation
import SwiftProtobuf

/// Vendor properties of an event: the same flattening, keys, values and adjustments as the
/// Rust runtime's `vendor_properties`. `pii` fields are left out unless the caller has the
/// user's consent.
public enum Vendor {
    /// The properties of `event` for `profile`, without `pii` fields.
    public static func properties(_ event: any VscoMessage, _ profile: Profile)
        throws(VendorError) -> VendorProperties
    {
        try VendorWalk.properties(event, profile, pii: false)
    }

    /// `properties` with `pii` fields included: the caller has the user's consent.
    public static func propertiesWithPii(_ event: any VscoMessage, _ profile: Profile)
        throws(VendorError) -> VendorProperties
    {
        try VendorWalk.properties(event, profile, pii: true)
    }
}

/// A property list in order (keys may repeat until `dedupe`).
private final class Entries {
    var items: [VendorProperty] = []

    func add(_ key: String, _ value: VendorValue) {
        items.append(VendorProperty(key: key, value: value))
    }
}

/// The walk stopped on an error (only under `OnViolation.error`, or a bad event name).
private struct Halt: Error {
    let message: String
}

private final class VendorWalk {
    let p: Profile
    let pii: Bool
    /// How many keys made from data (list indexes, map keys) the walk is below.
    var dataPrefix = 0
    var eventName: String?
    /// How a custom profile's rules changed `eventName`: kept with the name, since an event
    /// member's name replaces the envelope's, and put first in the adjustments at the end.
    var eventNameChanges: [Adjustment] = []
    var adjustments: [Adjustment] = []
    /// The keys of the nested objects and list elements being filled, each followed by `.`.
    var scope = ""
    /// The first error; the walk stops adding once it is set.
    var halt: Halt?

    init(_ p: Profile, pii: Bool) {
        self.p = p
        self.pii = pii
    }

    static func properties(_ message: any VscoMessage, _ profile: Profile, pii: Bool)
        throws(VendorError) -> VendorProperties
    {
        let w = VendorWalk(profile, pii: pii)
        let out = Entries()
        let info = type(of: message).vscoInfo
        do throws(Halt) {
            try w.ownEventName(info)
            w.message(message, prefix: nil, depth: 1, root: true, out)
            if let h = w.halt { throw h }
            try w.dedupe(out)
            let max = profile.maxProperties
            if max > 0 && out.items.count > max {
                let over = out.items[max...].map(\.key)
                out.items.removeSubrange(max...)
                for key in over {
                    try w.violation(key, .countLimit(max: max))
                }
            }
        } catch {
            throw VendorError(message: error.message)
        }
        guard let name = w.eventName else {
            throw VendorError(
                message: info.fullName
                    + ": no event name: the message is not marked `event` and no event message is"
                    + " set in its oneofs")
        }
        return VendorProperties(
            eventName: name, properties: out.items,
            adjustments: w.eventNameChanges + w.adjustments)
    }

    /// Takes the event name the message gives itself as the event's, when it gives one. No
    /// plugin check saw a custom profile: a rewrite or cut of the name by its rules is
    /// recorded, as the Rust runtime records it.
    func ownEventName(_ info: MessageInfo) throws(Halt) {
        guard let raw = info.eventName else {
            return
        }
        let c = Keys.checkEventName(p, raw)
        if let problem = c.problem {
            throw Halt(message: "profile `\(p.name)`: event name `\(raw)` \(problem.text)")
        }
        eventName = c.key
        eventNameChanges = []
        if p.builtin == nil && c.rewritten {
            eventNameChanges.append(
                Adjustment(key: c.key, kind: .eventNameRewritten(from: raw)))
        }
        if p.builtin == nil && c.truncated {
            eventNameChanges.append(
                Adjustment(key: c.key, kind: .eventNameTruncated(from: Keys.clean(p, raw).key)))
        }
    }

    func full(_ key: String) -> String {
        scope.isEmpty ? key : scope + key
    }

    func enter(_ key: String) -> String.Index {
        let mark = scope.endIndex
        scope += key
        scope += "."
        return mark
    }

    func leave(_ mark: String.Index) {
        scope.removeSubrange(mark...)
    }

    func violation(_ key: String, _ reason: Adjustment.Reason) throws(Halt) {
        let a = Adjustment(key: full(key), kind: .dropped(reason))
        if p.onViolation == .error {
            throw Halt(message: "profile `\(p.name)`: property `\(a.key)`: \(a.reasonText)")
        }
        adjustments.append(a)
    }

    /// `violation` inside a visit, which cannot throw: the first error is kept.
    func violate(_ key: String, _ reason: Adjustment.Reason) {
        do {
            try violation(key, reason)
        } catch {
            if halt == nil {
                halt = error
            }
        }
    }

    func depthLimit(_ key: String) {
        violate(key, .depthLimit(max: p.maxDepth))
    }

    func note(_ key: String, _ kind: Adjustment.Kind) {
        adjustments.append(Adjustment(key: full(key), kind: kind))
    }

    /// Keeps the first of entries with the same key; the others are dropped and recorded.
    func dedupe(_ out: Entries) throws(Halt) {
        var seen = Set<String>()
        var kept: [VendorProperty] = []
        kept.reserveCapacity(out.items.count)
        for item in out.items {
            if seen.insert(item.key).inserted {
                kept.append(item)
            } else {
                try violation(item.key, .duplicateKey)
            }
        }
        out.items = kept
    }

    func dedupeInVisit(_ out: Entries) {
        do {
            try dedupe(out)
        } catch {
            if halt == nil {
                halt = error
            }
        }
    }

    /// The set fields of `message`, keyed under `prefix` when flattened.
    func message(
        _ message: any VscoMessage, prefix: String?, depth: Int, root: Bool, _ out: Entries
    ) {
        message.vscoVisit(
            Fields(walk: self, prefix: prefix, depth: depth, root: root, out: out), all: false)
    }

    /// A field's value as the walk reads it.
    enum Held {
        case single(FieldValue)
        case list([FieldValue])
        case map([(key: FieldValue, value: FieldValue)])
    }

    /// Receives one message's fields and sends each to `present`.
    final class Fields: FieldVisitor {
        let walk: VendorWalk
        let prefix: String?
        let depth: Int
        let root: Bool
        let out: Entries

        init(walk: VendorWalk, prefix: String?, depth: Int, root: Bool, out: Entries) {
            self.walk = walk
            self.prefix = prefix
            self.depth = depth
            self.root = root
            self.out = out
        }

        func value(_ field: FieldInfo, _ value: FieldValue) {
            walk.present(field, .single(value), prefix, depth, root, out)
        }

        func list(_ field: FieldInfo, _ values: [FieldValue]) {
            walk.present(field, .list(values), prefix, depth, root, out)
        }

        func map(_ field: FieldInfo, _ entries: [(key: FieldValue, value: FieldValue)]) {
            walk.present(field, .map(entries), prefix, depth, root, out)
        }
    }

    func present(
        _ f: FieldInfo, _ value: Held, _ prefix: String?, _ depth: Int, _ root: Bool,
        _ out: Entries
    ) {
        if f.omitFromMap || halt != nil {
            return
        }
        if root && f.inOneof, case .single(.message(let m)) = value,
            type(of: m).vscoInfo.eventName != nil
        {
            do {
                try ownEventName(type(of: m).vscoInfo)
            } catch {
                halt = error
                return
            }
            message(m, prefix: prefix, depth: depth, root: false, out)
            return
        }
        let written = Keys.segment(p, f.name, f.vendorKey)
        let seg = Keys.clean(p, written)
        let sep = String(p.separator)
        let raw = prefix.map { $0 + sep + seg.key } ?? seg.key
        let c = Keys.checkCleanKey(p, raw)
        if f.pii && !pii {
            return
        }
        if let problem = c.problem {
            violate(raw, .invalidKey(problem))
            return
        }
        // No plugin check saw a custom profile: its rewrites of the schema's keys are
        // recorded here, as the Rust runtime records them. A cut below a key made from data
        // (a list index, a map key) depends on the data: recorded for every profile.
        if p.builtin == nil && seg.rewritten {
            note(c.key, .keyRewritten(from: prefix.map { $0 + sep + written } ?? written))
        }
        if c.truncated && (p.builtin == nil || dataPrefix > 0) {
            note(c.key, .keyTruncated(from: raw))
        }
        field(c.key, f, value, depth, out)
    }

    /// One set field's value under `key`.
    func field(_ key: String, _ f: FieldInfo, _ value: Held, _ depth: Int, _ out: Entries) {
        switch value {
        case .list(let items):
            if p.repeated == .list {
                listValue(key, f, items, depth) { out.add(key, $0) }
            } else if p.repeated == .joined && f.kind != .message {
                var text = ""
                var first = true
                for item in items {
                    scalar(key, f.enumInfo, item, limit: false) { v in
                        if !first {
                            text += p.joinSeparator
                        }
                        first = false
                        Self.pushText(&text, v)
                    }
                }
                string(key, text) { out.add(key, $0) }
            } else {
                for (n, item) in items.enumerated() {
                    if let k = dynamicKey(key, String(n)) {
                        dataPrefix += 1
                        single(k, f, item, depth, out)
                        dataPrefix -= 1
                    }
                }
            }
        case .map(let entries):
            let sorted = sortedEntries(entries)
            if p.maps == .object {
                if depth + 1 > p.maxDepth {
                    depthLimit(key)
                    return
                }
                let object = Entries()
                let scoped = enter(key)
                for e in sorted {
                    if let k = objectKey(Self.keyText(e.key)) {
                        single(k, f, e.value, depth + 1, object)
                    }
                }
                dedupeInVisit(object)
                leave(scoped)
                out.add(key, .object(object.items))
            } else {
                for e in sorted {
                    if let k = dynamicKey(key, Self.keyText(e.key)) {
                        dataPrefix += 1
                        single(k, f, e.value, depth, out)
                        dataPrefix -= 1
                    }
                }
            }
        case .single(let v):
            single(key, f, v, depth, out)
        }
    }

    /// A single value (a singular field, or an element of a list or map) of `f`'s kind.
    func single(_ key: String, _ f: FieldInfo, _ value: FieldValue, _ depth: Int, _ out: Entries) {
        guard case .message(let m) = value else {
            scalar(key, f.enumInfo, value, limit: true) { out.add(key, $0) }
            return
        }
        let w = type(of: m).vscoInfo.wellKnown
        switch w {
        case .structValue?, .listValue?, .value?, .wrapper?:
            if let (inner, held) = Self.unwrap(m) {
                field(key, inner, held, depth, out)
            }
            return
        case .timestamp?, .duration?, .empty?:
            special(key, m) { out.add(key, $0) }
            return
        default:
            break
        }
        if depth + 1 > p.maxDepth {
            depthLimit(key)
            return
        }
        if p.nesting == .flatten {
            message(m, prefix: key, depth: depth + 1, root: false, out)
        } else {
            let object = Entries()
            let scoped = enter(key)
            message(m, prefix: nil, depth: depth + 1, root: false, object)
            dedupeInVisit(object)
            leave(scoped)
            out.add(key, .object(object.items))
        }
    }

    /// What a Struct (its map), ListValue (its list), Value (its set member; nothing for
    /// `null_value`) or wrapper (its value) holds, as a field.
    static func unwrap(_ m: any VscoMessage) -> (FieldInfo, Held)? {
        let w = type(of: m).vscoInfo.wellKnown
        let c = Capture.of(m, all: w != .value)
        guard let f = c.field, !(w == .value && f.kind == .enumeration) else {
            return nil
        }
        switch f.cardinality {
        case .repeated: return (f, .list(c.values))
        case .map: return (f, .map(c.entries))
        default:
            guard let v = c.single else {
                return nil
            }
            return (f, .single(v))
        }
    }

    func dynamicKey(_ parent: String, _ part: String) -> String? {
        let cleaned = Keys.clean(p, part)
        let raw = parent + String(p.separator) + cleaned.key
        let from = cleaned.rewritten ? parent + String(p.separator) + part : nil
        return checked(raw, from: from, cleanParts: true)
    }

    func objectKey(_ part: String) -> String? {
        checked(part, from: nil, cleanParts: false)
    }

    func checked(_ raw: String, from: String?, cleanParts: Bool) -> String? {
        let c = cleanParts ? Keys.checkCleanKey(p, raw) : Keys.checkKey(p, raw)
        if let problem = c.problem {
            violate(raw, .invalidKey(problem))
            return nil
        }
        if c.rewritten || from != nil {
            note(c.key, .keyRewritten(from: from ?? raw))
        }
        if c.truncated {
            note(c.key, .keyTruncated(from: raw))
        }
        return c.key
    }

    func listValue(
        _ key: String, _ f: FieldInfo, _ items: [FieldValue], _ depth: Int,
        _ sink: (VendorValue) -> Void
    ) {
        if depth + 1 > p.maxDepth {
            depthLimit(key)
            return
        }
        var values: [VendorValue] = []
        for (n, item) in items.enumerated() {
            element("\(key)[\(n)]", f.enumInfo, item, depth + 1) { values.append($0) }
        }
        sink(.list(values))
    }

    /// A list element standing alone, at `depth`.
    func element(
        _ key: String, _ info: EnumInfo?, _ value: FieldValue, _ depth: Int,
        _ sink: (VendorValue) -> Void
    ) {
        guard case .message(let m) = value else {
            scalar(key, info, value, limit: true, sink)
            return
        }
        let w = type(of: m).vscoInfo.wellKnown
        switch w {
        case .structValue?, .listValue?, .value?, .wrapper?:
            guard let (inner, held) = Self.unwrap(m) else {
                return
            }
            switch held {
            case .list(let items):
                listValue(key, inner, items, depth, sink)
            case .map(let entries):
                if depth + 1 > p.maxDepth {
                    depthLimit(key)
                    return
                }
                let object = Entries()
                let scoped = enter(key)
                for e in sortedEntries(entries) {
                    if let k = objectKey(Self.keyText(e.key)) {
                        single(k, inner, e.value, depth + 1, object)
                    }
                }
                dedupeInVisit(object)
                leave(scoped)
                sink(.object(object.items))
            case .single(let v):
                element(key, inner.enumInfo, v, depth, sink)
            }
            return
        case .timestamp?, .duration?, .empty?:
            special(key, m, sink)
            return
        default:
            break
        }
        if depth + 1 > p.maxDepth {
            depthLimit(key)
            return
        }
        let object = Entries()
        let scoped = enter(key)
        message(m, prefix: nil, depth: depth + 1, root: false, object)
        dedupeInVisit(object)
        leave(scoped)
        sink(.object(object.items))
    }

    /// A scalar or enum in the vendor's types; `limit`: strings under the length rule.
    func scalar(
        _ key: String, _ info: EnumInfo?, _ value: FieldValue, limit: Bool,
        _ sink: (VendorValue) -> Void
    ) {
        let text: String
        switch value {
        case .bool(let b):
            switch p.bools {
            case .bool:
                sink(.bool(b))
                return
            case .int:
                sink(.int(b ? 1 : 0))
                return
            case .string:
                text = b ? "true" : "false"
            }
        case .int32(let v):
            sink(.int(Int64(v)))
            return
        case .uint32(let v):
            sink(.int(Int64(v)))
            return
        case .int64(let v):
            sink(.int(v))
            return
        case .uint64(let v):
            switch p.u64s {
            case .intOrString:
                if v <= UInt64(Int64.max) {
                    sink(.int(Int64(v)))
                    return
                }
                note(key, .coerced(.u64ToString))
                text = String(v)
            case .string:
                text = String(v)
            case .double:
                let d = Double(v)
                if UInt64(exactly: d) != v {
                    note(key, .coerced(.u64ToDouble))
                }
                sink(.double(d))
                return
            }
        case .float(let v):
            dbl(key, Double(v), limit: limit, sink)
            return
        case .double(let v):
            dbl(key, v, limit: limit, sink)
            return
        case .string(let s):
            text = s
        case .bytes(let d):
            switch p.bytes {
            case .base64: text = d.base64EncodedString()
            case .hex: text = hex(d)
            case .omit: return
            }
        case .enumNumber(let number):
            guard let name = info?.name(number) else {
                sink(.int(Int64(number)))
                return
            }
            text = name
        case .message:
            return
        }
        if limit {
            string(key, text, sink)
        } else {
            sink(.string(text))
        }
    }

    func dbl(_ key: String, _ v: Double, limit: Bool, _ sink: (VendorValue) -> Void) {
        if v.isFinite {
            sink(.double(v))
            return
        }
        note(key, .coerced(.nonFinite))
        let text = v.isNaN ? "NaN" : v > 0 ? "Infinity" : "-Infinity"
        // A string like any other: under the length limit (but for a part of a joined
        // string, which is limited whole).
        if limit {
            string(key, text, sink)
        } else {
            sink(.string(text))
        }
    }

    /// A string value under the length limit.
    func string(_ key: String, _ s: String, _ sink: (VendorValue) -> Void) {
        let max = p.maxStringLength
        if max == 0 {
            sink(.string(s))
            return
        }
        let len = p.lengthUnit.length(s)
        if len <= max {
            sink(.string(s))
            return
        }
        if p.onViolation == .truncate {
            note(key, .valueTruncated(len: len, max: max))
            sink(.string(p.lengthUnit.prefix(s, max)))
        } else {
            violate(key, .valueTooLong(len: len, max: max))
        }
    }

    /// Timestamp and Duration have vendor forms of their own; Empty sends nothing.
    func special(_ key: String, _ m: any VscoMessage, _ sink: (VendorValue) -> Void) {
        if let t = m as? Google_Protobuf_Timestamp {
            switch p.timestamps {
            case .epochMillis:
                let n = Int64(t.nanos)
                let ms = n >= 0 ? n / 1_000_000 : (n - 999_999) / 1_000_000
                sink(.int(Self.saturatingAdd(Self.saturatingMul1000(t.seconds), ms)))
            case .epochSeconds:
                sink(.double(Double(t.seconds) + Double(t.nanos) / 1e9))
            case .rfc3339:
                if let text = timestampText(t.seconds, t.nanos) {
                    // A string like any other: under the length limit.
                    string(key, text, sink)
                } else {
                    note(key, .coerced(.outOfRange))
                    sink(.int(t.seconds))
                }
            }
        } else if let d = m as? Google_Protobuf_Duration {
            switch p.durations {
            case .millis:
                sink(.int(Self.saturatingAdd(Self.saturatingMul1000(d.seconds), Int64(d.nanos / 1_000_000))))
            case .seconds:
                sink(.double(Double(d.seconds) + Double(d.nanos) / 1e9))
            case .string:
                if let text = durationText(d.seconds, d.nanos) {
                    string(key, text, sink)
                } else {
                    note(key, .coerced(.outOfRange))
                    sink(.double(Double(d.seconds) + Double(d.nanos) / 1e9))
                }
            }
        }
    }

    static func saturatingMul1000(_ v: Int64) -> Int64 {
        let (r, overflow) = v.multipliedReportingOverflow(by: 1000)
        return overflow ? (v < 0 ? Int64.min : Int64.max) : r
    }

    static func saturatingAdd(_ a: Int64, _ b: Int64) -> Int64 {
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? (a < 0 ? Int64.min : Int64.max) : r
    }

    /// A map key as text: strings as they are, integers in decimal, bools as true / false.
    static func keyText(_ key: FieldValue) -> String {
        switch key {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int32(let v): return String(v)
        case .uint32(let v): return String(v)
        case .int64(let v): return String(v)
        case .uint64(let v): return String(v)
        default: return ""
        }
    }

    /// Appends a scalar's text to a joined string (numbers as in JSON).
    static func pushText(_ text: inout String, _ v: VendorValue) {
        switch v {
        case .bool(let b): text += b ? "true" : "false"
        case .int(let n): text += String(n)
        case .double(let d): text += shortest(d)
        case .string(let s): text += s
        default: break
        }
    }
}

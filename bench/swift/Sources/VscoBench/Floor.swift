// A hand-written JSON writer for the example event (its set fields only, no options): the
// floor any table-driven writer over swift-protobuf's structs can approach. Used to tell how
// much of the generated writer's time is the structs' own cost (property reads, copies,
// reference counting) and how much the visit's.
import Foundation
import Telemetry

struct FloorWriter {
    var out: [UInt8] = []

    init() {
        out.reserveCapacity(1024)
    }

    mutating func raw(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            for c in u {
                if c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
                    out.append(UInt8(ascii: "\\"))
                }
                out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func number<T: BinaryInteger>(_ n: T) {
        var v = UInt64(n)
        var digits: [UInt8] = []
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        out.append(contentsOf: digits.reversed())
    }

    mutating func two(_ v: Int64) {
        out.append(UInt8(ascii: "0") + UInt8(v / 10))
        out.append(UInt8(ascii: "0") + UInt8(v % 10))
    }

    /// RFC 3339 by civil-from-days (non-negative seconds suffice for the example).
    mutating func timestamp(_ seconds: Int64, _ nanos: Int32) {
        let days = seconds / 86_400
        let secs = seconds % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        raw("\"")
        two(year / 100)
        two(year % 100)
        raw("-")
        two(month)
        raw("-")
        two(day)
        raw("T")
        two(secs / 3600)
        raw(":")
        two(secs / 60 % 60)
        raw(":")
        two(secs % 60)
        if nanos != 0 {
            raw(".")
            var micros = Int64(nanos / 1000)
            var digits = [UInt8](repeating: 0, count: 6)
            for i in (0..<6).reversed() {
                digits[i] = UInt8(ascii: "0") + UInt8(micros % 10)
                micros /= 10
            }
            out.append(contentsOf: digits)
        }
        raw("Z\"")
    }

    mutating func event(_ e: Telemetry_V1_Event) {
        raw("{\"id\":")
        string(e.id)
        raw(",\"timestamp\":")
        timestamp(e.timestamp.seconds, e.timestamp.nanos)
        raw(",\"sentAt\":")
        timestamp(e.sentAt.seconds, e.sentAt.nanos)
        raw(",\"sessionId\":")
        string(e.sessionID)
        raw(",\"sequence\":\"")
        number(e.sequence)
        raw("\",\"platform\":\"PLATFORM_IOS\",\"device\":{\"os\":")
        let d = e.device
        string(d.os)
        raw(",\"osVersion\":")
        string(d.osVersion)
        raw(",\"model\":")
        string(d.model)
        raw(",\"appVersion\":")
        string(d.appVersion)
        raw(",\"screenWidth\":")
        number(d.screenWidth)
        raw(",\"screenHeight\":")
        number(d.screenHeight)
        raw(",\"screenDensity\":")
        number(Int(d.screenDensity))
        raw("},\"user\":{\"userId\":")
        let u = e.user
        string(u.userID)
        raw(",\"traits\":{")
        for (i, (k, v)) in u.traits.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { raw(",") }
            string(k)
            raw(":")
            string(v)
        }
        raw("},\"isSubscriber\":true},\"ipAddress\":")
        string(e.ipAddress)
        raw(",\"schemaVersion\":")
        number(e.schemaVersion)
        raw(",\"sdkName\":")
        string(e.sdkName)
        raw(",\"sdkVersion\":")
        string(e.sdkVersion)
        raw(",\"tags\":[")
        for (i, t) in e.tags.enumerated() {
            if i > 0 { raw(",") }
            string(t)
        }
        raw("],\"properties\":{")
        for (i, (k, v)) in e.properties.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { raw(",") }
            string(k)
            raw(":")
            string(v)
        }
        raw("},\"sampleRate\":0.5,\"uploadCookie\":")
        string(e.uploadCookie.base64EncodedString())
        raw(",\"purchase\":{\"orderId\":")
        let p = e.purchase
        string(p.orderID)
        raw(",\"items\":[")
        for (i, item) in p.items.enumerated() {
            if i > 0 { raw(",") }
            raw("{\"product\":{\"sku\":")
            string(item.product.sku)
            raw(",\"name\":")
            string(item.product.name)
            raw(",\"price\":12.5},\"quantity\":")
            number(item.quantity)
            raw("}")
        }
        raw("],\"revenue\":25,\"currency\":\"CURRENCY_EUR\"}}")
    }
}

func floorJson(_ e: Telemetry_V1_Event) -> String {
    var w = FloorWriter()
    w.event(e)
    return String(decoding: w.out, as: UTF8.self)
}

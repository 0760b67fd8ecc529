// Rounds of each operation on the example event (the JVM benchmark's), alternating between
// ours and the peer so that machine noise hits both alike; the best round of each is kept and
// the ratios of the best times printed. Release build only (run.sh).
import Foundation
import ProstVsco
import SwiftProtobuf
import Telemetry

func exampleEvent() -> Telemetry_V1_Event {
    var e = Telemetry_V1_Event()
    e.id = "6f1c2a1e-0000-4000-8000-000000000001"
    e.timestamp.seconds = 1_700_000_000
    e.timestamp.nanos = 5_000
    e.sentAt.seconds = 1_700_000_007
    e.sessionID = "s-42"
    e.sequence = 7
    e.platform = .ios
    e.device.os = "ios"
    e.device.osVersion = "17.4"
    e.device.model = "iPhone15,2"
    e.device.appVersion = "3.2.1"
    e.device.screenWidth = 1179
    e.device.screenHeight = 2556
    e.device.screenDensity = 3
    e.user.userID = "u-1"
    e.user.traits["tier"] = "gold"
    e.user.isSubscriber = true
    e.ipAddress = "10.0.0.1"
    e.schemaVersion = 3
    e.sdkName = "vsco-ios"
    e.sdkVersion = "9.1.0"
    e.tags = ["beta", "internal"]
    e.properties = ["env": "prod", "region": "eu"]
    e.sampleRate = 0.5
    e.uploadCookie = Data([1, 2, 3])
    var purchase = Telemetry_V1_Purchase()
    purchase.orderID = "o-9"
    var item = Telemetry_V1_Purchase.LineItem()
    item.product.sku = "sku-1"
    item.product.name = "Film pack"
    item.product.price = 12.5
    item.quantity = 2
    purchase.items = [item]
    purchase.revenue = 25
    purchase.currency = .eur
    e.setBody(purchase)
    return e
}

/// What an app without the plugin would write for a dictionary: a walk over `Mirror`
/// (swift-protobuf has no reflection), nested messages as dictionaries. Messages with many
/// fields keep them in a `_storage` class: its fields are the message's.
func mirrorDictionary(_ value: Any) -> Any {
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .struct?, .class?:
        var out: [String: Any] = [:]
        mirrorFields(mirror, into: &out)
        return out
    case .optional?:
        return OptionalBox(value: mirror.children.first.map { mirrorDictionary($0.value) })
    case .collection?:
        return mirror.children.map { mirrorDictionary($0.value) }
    case .dictionary?:
        var out: [String: Any] = [:]
        for child in mirror.children {
            let pair = Mirror(reflecting: child.value).children.map(\.value)
            if pair.count == 2 { out["\(pair[0])"] = mirrorDictionary(pair[1]) }
        }
        return out
    case .enum?:
        return "\(value)"
    default:
        return value
    }
}

func mirrorFields(_ mirror: Mirror, into out: inout [String: Any]) {
    for child in mirror.children {
        guard var label = child.label, label != "unknownFields" else { continue }
        if label == "_storage" {
            mirrorFields(Mirror(reflecting: child.value), into: &out)
            continue
        }
        if label.hasPrefix("_") { label.removeFirst() }
        let inner = mirrorDictionary(child.value)
        if let optional = inner as? OptionalBox {
            if let v = optional.value { out[label] = v }
        } else {
            out[label] = inner
        }
    }
}

struct OptionalBox {
    let value: Any?
}

@inline(never)
func blackHole<T>(_ x: T) {
    withExtendedLifetime(x) {}
}

/// The best time per call, in nanoseconds, over `rounds` rounds of `calls` calls.
func measure(rounds: Int, calls: Int, _ body: () throws -> Void) rethrows -> [Double] {
    var times: [Double] = []
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<calls {
            try body()
        }
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls))
    }
    return times
}

let event = exampleEvent()
// The outputs are checked before anything is timed: the same JSON value as swift-protobuf's,
// and a Mirror walk that sees every field set.
let walked = mirrorDictionary(event) as? [String: Any]
guard let walked, walked["device"] is [String: Any], walked["body"] != nil else {
    print("the Mirror walk misses fields: \(String(describing: walked))")
    exit(1)
}
let ours = try event.toLegacyJson()
let theirs = try event.jsonString()
let a = try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? NSDictionary
let b = try JSONSerialization.jsonObject(with: Data(theirs.utf8)) as? NSDictionary
guard let a, let b, a == b else {
    print("legacy JSON differs from jsonString():\n\(ours)\n\(theirs)")
    exit(1)
}
if floorJson(event) != ours {
    print("the hand-written floor writes other JSON:\n\(floorJson(event))\n\(ours)")
    exit(1)
}

let rounds = Int(ProcessInfo.processInfo.environment["ROUNDS"] ?? "") ?? 30
let calls = 2_000
var best: [String: Double] = [:]
for _ in 0..<rounds {
    // Interleaved, one round of each at a time.
    let pairs: [(String, () throws -> Void)] = [
        ("toLegacyJson", { blackHole(try event.toLegacyJson()) }),
        ("jsonString", { blackHole(try event.jsonString()) }),
        ("handWrittenJson", { blackHole(floorJson(event)) }),
        ("asDictionary", { blackHole(event.asDictionary()) }),
        ("mirrorDictionary", { blackHole(mirrorDictionary(event)) }),
        ("vendorProperties", { blackHole(try event.vendorProperties(.firebase)) }),
    ]
    // ONLY=name times one operation (for a profiler).
    let only = ProcessInfo.processInfo.environment["ONLY"]
    for (name, body) in pairs where only == nil || only == name {
        let t = try measure(rounds: 1, calls: calls, body)[0]
        best[name] = min(best[name] ?? .infinity, t)
    }
}
for name in ["toLegacyJson", "jsonString", "handWrittenJson", "asDictionary", "mirrorDictionary", "vendorProperties"] {
    let padded = name.padding(toLength: 18, withPad: " ", startingAt: 0)
    print(String(format: "%@ %9.0f ns/op (best of %d rounds)", padded as NSString, best[name] ?? 0, rounds))
}
let jsonRatio = (best["jsonString"] ?? 0) / (best["toLegacyJson"] ?? 1)
let dictionaryRatio = (best["mirrorDictionary"] ?? 0) / (best["asDictionary"] ?? 1)
print(String(format: "ratio toLegacyJson_vs_jsonString %.2f", jsonRatio))
print(String(format: "ratio asDictionary_vs_mirror %.2f", dictionaryRatio))
let floorRatio = (best["jsonString"] ?? 0) / (best["handWrittenJson"] ?? 1)
print(String(format: "ratio handWrittenJson_vs_jsonString %.2f (the floor)", floorRatio))

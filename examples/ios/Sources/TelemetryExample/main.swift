// Build an event with swift-protobuf's structs, set its body with the typed setter, and print
// what the vendor SDKs and the legacy JSON API get. The same event gives the same properties
// and JSON in the Rust runtime and on Android.
import Foundation
import ProstVsco
import Telemetry

var login = Telemetry_V1_Login()
login.method = .email
login.mfaUsed = true

var event = Telemetry_V1_Event()
event.id = "6f1c2a52-8f4e-4c5e-9d8a-3b2f1e0c9a77"
event.sessionID = "s-42"
event.sequence = 7
event.platform = .ios
event.device.os = "iOS"
event.device.osVersion = "18.1"
event.device.model = "iPhone17,1"
event.device.appVersion = "312.0"
event.device.locale = "en-US"
event.device.advertisingID = "AEBE52E7-03EE-455A-B3C4-E57283966239"
event.user.userID = "u-1"
event.user.traits["plan"] = "pro"
// Any body member goes in through the oneof's member protocol.
event.setBody(login)

print("dictionary view: \(event.asOrderedDictionary(keys: .protoName).map(\.key)) ...")
do {
    print("canonical JSON: \(try event.toLegacyJson())")
    let legacy = JsonOptions(keys: .legacy, enums: .numbers, int64: .numbers)
    print("legacy JSON: \(try event.toLegacyJson(legacy))")

    for profile in Profile.builtIn {
        let props = try event.vendorProperties(profile)
        print("\(profile.name): \(props)")
        for adjustment in props.adjustments {
            print("  adjusted: \(adjustment)")
        }
    }

    // What an app hands Firebase: Analytics.logEvent(props.eventName, parameters: props.dictionary).
    let firebase = try event.vendorProperties(.firebase)
    print("Firebase logEvent(\(firebase.eventName), \(firebase.dictionary.count) parameters)")
} catch {
    // On stderr and with a failing status, so that a script running the example sees it.
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}

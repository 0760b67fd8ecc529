// swift-tools-version:6.0
// The iOS adapters' tests (tests/ios/run.sh fills Generated/ and runs `swift test`):
// - Telemetry: protoc-gen-swift's structs and this plugin's extensions for the example schema;
// - one target per golden case with schemas of its own (Generated/cases/<Name>), which must
//   compile;
// - VscoTests: the shared vectors (JsonFormats: the case of the per-field JSON forms
//   vectors) and behaviour tests.
import Foundation
import PackageDescription

let swiftProtobuf: Package.Dependency =
    if let path = Context.environment["SWIFT_PROTOBUF_PATH"] {
        .package(path: path)
    } else {
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.37.0")
    }

let generated = Context.packageDirectory + "/Generated/cases"
let cases = ((try? FileManager.default.contentsOfDirectory(atPath: generated)) ?? []).sorted()
let runtimeDeps: [Target.Dependency] = [
    .product(name: "SwiftProtobuf", package: "swift-protobuf"),
    .product(name: "ProstVsco", package: "prost-vsco-swift"),
]

let package = Package(
    name: "VscoIosTests",
    dependencies: [swiftProtobuf, .package(path: "../../mobile/prost-vsco-swift")],
    targets: [
        .target(name: "Telemetry", dependencies: runtimeDeps, path: "Generated/telemetry"),
        .testTarget(
            name: "VscoTests",
            dependencies: ["Telemetry"] + runtimeDeps
                + (cases.contains("SwiftNames") ? ["SwiftNames"] : [])
                + (cases.contains("JsonFormats") ? ["JsonFormats"] : []),
            path: "Tests/VscoTests"
        ),
    ] + cases.map { .target(name: $0, dependencies: runtimeDeps, path: "Generated/cases/\($0)") },
    swiftLanguageModes: [.v6]
)

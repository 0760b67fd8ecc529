// swift-tools-version:6.0
// The telemetry example on iOS's side: protoc-gen-swift's structs and this plugin's
// extensions (run.sh generates them into Sources/Telemetry) and a command-line program that
// builds an event and prints what the vendor SDKs and the legacy JSON API get.
import PackageDescription

let swiftProtobuf: Package.Dependency =
    if let path = Context.environment["SWIFT_PROTOBUF_PATH"] {
        .package(path: path)
    } else {
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.37.0")
    }

let runtime: [Target.Dependency] = [
    .product(name: "SwiftProtobuf", package: "swift-protobuf"),
    .product(name: "ProstVsco", package: "prost-vsco-swift"),
]

let package = Package(
    name: "TelemetryExample",
    dependencies: [swiftProtobuf, .package(path: "../../mobile/prost-vsco-swift")],
    targets: [
        .target(name: "Telemetry", dependencies: runtime),
        .executableTarget(name: "TelemetryExample", dependencies: ["Telemetry"] + runtime),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.0
// Timing harness for the iOS adapters (bench/swift/run.sh): the generated legacy JSON against
// swift-protobuf's jsonString(), and asDictionary against a Mirror-based walk, on the example
// event, side by side in one run; prints ratios.
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
    name: "VscoBench",
    dependencies: [swiftProtobuf, .package(path: "../../mobile/prost-vsco-swift")],
    targets: [
        .target(name: "Telemetry", dependencies: runtime),
        .executableTarget(name: "VscoBench", dependencies: ["Telemetry"] + runtime),
    ],
    swiftLanguageModes: [.v6]
)

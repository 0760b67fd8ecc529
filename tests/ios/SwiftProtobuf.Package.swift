// swift-tools-version:6.0
// SwiftProtobuf 1.37.0 without the bundled C++ protoc (absent from the release tarball):
// the runtime library, the plugin library and protoc-gen-swift, with upstream's settings.
// tests/support/swift-env.sh puts this manifest in place of upstream's.
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .define("BinaryDelimitedStreams"),
    .define("FieldMaskUtilities"),
]

let package = Package(
    name: "SwiftProtobuf",
    products: [
        .executable(name: "protoc-gen-swift", targets: ["protoc-gen-swift"]),
        .library(name: "SwiftProtobuf", targets: ["SwiftProtobuf"]),
        .library(name: "SwiftProtobufPluginLibrary", targets: ["SwiftProtobufPluginLibrary"]),
    ],
    targets: [
        .target(
            name: "SwiftProtobuf",
            exclude: ["CMakeLists.txt", "PrivacyInfo.xcprivacy"],
            swiftSettings: settings
        ),
        .target(
            name: "SwiftProtobufPluginLibrary",
            dependencies: ["SwiftProtobuf"],
            exclude: ["CMakeLists.txt", "PrivacyInfo.xcprivacy"],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "protoc-gen-swift",
            dependencies: ["SwiftProtobufPluginLibrary", "SwiftProtobuf"],
            exclude: ["CMakeLists.txt"],
            swiftSettings: settings
        ),
    ],
    swiftLanguageModes: [.v6]
)

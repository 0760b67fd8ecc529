// swift-tools-version:6.0
// The Swift runtime of protoc-gen-prost-vsco's iOS adapters: field tables, dictionary views,
// legacy JSON and vendor properties over swift-protobuf messages.
//
// SwiftProtobuf comes from GitHub, or from a local checkout when SWIFT_PROTOBUF_PATH names one
// (a directory named swift-protobuf, the package's identity; the project's tests build it from a
// source tarball, offline).
import PackageDescription

let swiftProtobuf: Package.Dependency =
    if let path = Context.environment["SWIFT_PROTOBUF_PATH"] {
        .package(path: path)
    } else {
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.37.0")
    }

let package = Package(
    name: "ProstVsco",
    products: [
        .library(name: "ProstVsco", targets: ["ProstVsco"]),
    ],
    dependencies: [swiftProtobuf],
    targets: [
        .target(
            name: "ProstVsco",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

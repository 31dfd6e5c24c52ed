// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Xinfang",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "XinfangCore", targets: ["XinfangCore"]),
        .library(name: "XinfangPolicy", targets: ["XinfangPolicy"]),
        .executable(name: "xinfangctl", targets: ["xinfangctl"]),
        .executable(name: "xinfang-bench", targets: ["xinfang-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Pure domain: days, working-day calendars, case timelines, deadline arithmetic. No I/O.
        .target(name: "XinfangCore"),
        // The policy plugin API: protocols, descriptors, the registry, built-in national policies.
        .target(name: "XinfangPolicy", dependencies: ["XinfangCore"]),
        // Files at the edge: calendar TOML, case timeline TOML/JSON, with file:line:field errors.
        .target(
            name: "XinfangFiles",
            dependencies: ["XinfangCore", "XinfangPolicy", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .executableTarget(
            name: "xinfangctl",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangFiles",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "xinfang-bench",
            dependencies: ["XinfangCore", "XinfangPolicy", "XinfangFiles"]
        ),
        .testTarget(name: "XinfangCoreTests", dependencies: ["XinfangCore"]),
        .testTarget(name: "XinfangPolicyTests", dependencies: ["XinfangCore", "XinfangPolicy", "XinfangFiles"]),
        .testTarget(name: "XinfangFilesTests", dependencies: ["XinfangCore", "XinfangFiles"]),
        .testTarget(name: "CLITests", dependencies: ["XinfangCore"]),
    ],
    swiftLanguageModes: [.v6]
)

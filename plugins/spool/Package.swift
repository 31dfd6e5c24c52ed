// swift-tools-version: 6.1
// A notifier as a plugin: each reminder as a JSON file in a spool directory, for another system
// (an SMS gateway, an OA system) to pick up.
import PackageDescription

let package = Package(
    name: "XinfangSpool",
    products: [.library(name: "XinfangSpool", type: .dynamic, targets: ["XinfangSpool"])],
    dependencies: [.package(name: "Xinfang", path: "../..")],
    targets: [
        .target(name: "XinfangSpool", dependencies: [.product(name: "XinfangPluginKit", package: "Xinfang")]),
    ],
    swiftLanguageModes: [.v6]
)

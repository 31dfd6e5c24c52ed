// swift-tools-version: 6.1
// A provincial overlay as a policy plugin: 浙江's acceptance and handling periods over cn-2022.
import PackageDescription

let package = Package(
    name: "XinfangZhejiang",
    products: [.library(name: "XinfangZhejiang", type: .dynamic, targets: ["XinfangZhejiang"])],
    dependencies: [.package(name: "Xinfang", path: "../..")],
    targets: [
        .target(name: "XinfangZhejiang", dependencies: [.product(name: "XinfangPluginKit", package: "Xinfang")]),
    ],
    swiftLanguageModes: [.v6]
)

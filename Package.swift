// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Xinfang",
    products: [
        .library(name: "XinfangCore", targets: ["XinfangCore"]),
        .library(name: "XinfangPolicy", targets: ["XinfangPolicy"]),
        // What a policy plugin links (statically): the plugin ABI and the Swift glue.
        .library(name: "XinfangPluginKit", targets: ["XinfangPluginKit"]),
        .executable(name: "xinfangd", targets: ["xinfangd"]),
        .executable(name: "xinfangctl", targets: ["xinfangctl"]),
        .executable(name: "xinfang-bench", targets: ["xinfang-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure domain: days, working-day calendars, case timelines, deadline arithmetic. No I/O.
        .target(name: "XinfangCore"),
        // The wall clock the processes read, and the test clock injected in test mode.
        .target(name: "XinfangClock"),
        // The policy plugin API: protocols, descriptors, the registry, built-in national policies.
        .target(name: "XinfangPolicy", dependencies: ["XinfangCore"]),
        // Files at the edge: calendar TOML, case timeline TOML/JSON, import files and exchange exports (xlsx, GBK CSV),
        // with file:line:field errors.
        .target(
            name: "XinfangFiles",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "CLibXML2", "CZlibCRC", .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // The ports: what the engine and the application layer need from a store (protocols and the
        // plain records they pass), with no storage types in them; a store adapter implements them.
        .target(name: "XinfangPorts", dependencies: ["XinfangCore"]),
        // The SQLite adapter: GRDB on SQLite (WAL) implementing the ports; migrations; audit chain.
        .target(
            name: "XinfangStore",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangPorts", "XinfangClock",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The scheduler: recomputation, milestones, the outbox pump, catch-up, clocks.
        .target(
            name: "XinfangEngine",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangPorts", "XinfangICS", "XinfangClock",
                .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The application layer both executables call: the runtime built from the configuration
        // (calendar, policies, plugins, periods, notifiers) and the use cases (record an event, import
        // a file, write a bulletin, publish leaders' calendars, the read models of due/agenda/show).
        .target(
            name: "XinfangApp",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPorts", "XinfangEngine", "XinfangPlugins",
                "XinfangNotify", "XinfangICS", "XinfangReports",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The web interface and the JSON API (Hummingbird 2): routes, sessions and tokens, CSRF,
        // server-rendered pages (Mustache), problem+json errors. It calls XinfangApp as xinfangctl does;
        // xinfangd runs it as one more service of its group.
        .target(
            name: "XinfangWeb",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPorts", "XinfangApp",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The C ABI between xinfangd and policy plugins (xinfang_plugin.h).
        .target(name: "CXinfangPlugin"),
        // For plugin authors: builds the C table from DeadlinePolicy and notifier values.
        .target(name: "XinfangPluginKit", dependencies: ["CXinfangPlugin", "XinfangCore", "XinfangPolicy"]),
        // The daemon's side: loads plugins, checks versions, registers what they provide.
        .target(
            name: "XinfangPlugins",
            dependencies: ["CXinfangPlugin", "XinfangCore", "XinfangPolicy", "XinfangFiles", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // libxml2's SAX2 parser, for xlsx worksheets (the parser FoundationXML's XMLParser wraps).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // zlib's crc32, for the worksheet part's checksum (ZIPFoundation's, on Linux, is in Swift).
        .systemLibrary(name: "CZlibCRC", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Linux interfaces Glibc does not export (timerfd, signalfd, eventfd).
        .target(name: "CLinux"),
        // libsystemd (sd-daemon, sd-journal) through pkg-config.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // sd_notify, the watchdog, listen fds, journal entries, and the journal/console log handlers.
        .target(
            name: "Systemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        .executableTarget(
            name: "xinfangd",
            dependencies: [
                "CLinux", "Systemd", "XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPorts", "XinfangStore", "XinfangEngine", "XinfangNotify",
                "XinfangApp", "XinfangWeb",
                "XinfangPlugins", "XinfangICS", "XinfangReports", "XinfangClock",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "xinfangctl",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPorts", "XinfangStore", "XinfangEngine", "XinfangPlugins", "XinfangICS",
                "XinfangReports", "XinfangApp",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "xinfang-bench",
            dependencies: [
                "XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPorts", "XinfangStore", "XinfangEngine", "XinfangICS", "XinfangReports",
                "XinfangApp", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "XinfangICS", dependencies: ["XinfangCore"]),
        .target(name: "XinfangReports", dependencies: ["XinfangCore"]),
        .target(
            name: "XinfangNotify",
            dependencies: ["CLinux", "XinfangCore", "XinfangPolicy", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(name: "XinfangCoreTests", dependencies: ["XinfangCore"]),
        .testTarget(name: "XinfangPolicyTests", dependencies: ["XinfangCore", "XinfangPolicy", "XinfangFiles"]),
        .testTarget(name: "XinfangFilesTests", dependencies: ["XinfangCore", "XinfangFiles", "XinfangTesting"]),
        // What several test targets share: the test clock, temporary folders and configurations, the
        // checkout's paths and binaries, the python3 runner.
        .target(name: "XinfangTesting", dependencies: ["XinfangCore"], path: "Tests/XinfangTesting"),
        .testTarget(name: "CLITests", dependencies: ["XinfangCore", "XinfangTesting"]),
        // Runs the real xinfangd and xinfangctl binaries against real SQLite files and Maildirs.
        .testTarget(
            name: "DaemonTests",
            dependencies: ["XinfangCore", "XinfangPorts", "XinfangStore", "XinfangApp", "XinfangTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "XinfangPluginsTests",
            dependencies: ["XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPlugins", "XinfangTesting"]
        ),
        .testTarget(
            name: "XinfangEngineTests",
            dependencies: ["XinfangCore", "XinfangPolicy", "XinfangFiles", "XinfangPorts", "XinfangStore", "XinfangEngine", "XinfangTesting",
                           .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "XinfangAppTests", dependencies: ["XinfangApp", "XinfangCore", "XinfangEngine", "XinfangFiles", "XinfangPolicy", "XinfangPorts", "XinfangStore",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "XinfangNotifyTests", dependencies: ["XinfangCore", "XinfangPolicy", "XinfangNotify", "XinfangTesting"]),
        .testTarget(name: "XinfangICSTests", dependencies: ["XinfangCore", "XinfangICS", "XinfangTesting"]),
        .testTarget(name: "XinfangReportsTests", dependencies: ["XinfangCore", "XinfangReports", "XinfangTesting"]),
        // Talks to a real journald (scripts/ci/start-journald) and a notify socket the test binds.
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "SystemdIntegrationTests", dependencies: ["XinfangTesting"]),
        // The web framework in process (HummingbirdTesting's router client) with an in-memory authority.
        .testTarget(
            name: "XinfangWebTests",
            dependencies: ["XinfangWeb", "XinfangCore", "XinfangFiles", "XinfangStore", "XinfangPorts", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
        // The real xinfangd binary's HTTP server over real sockets (TCP and unix).
        .testTarget(name: "WebTests", dependencies: ["XinfangCore", "XinfangTesting"]),
    ],
    swiftLanguageModes: [.v6]
)

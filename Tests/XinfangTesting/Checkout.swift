import Foundation

/// The checkout the tests run from: its root, its calendars, and the binaries built next to the
/// test bundle.
public enum Checkout {
    /// The package root (the folder with Package.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `etc/calendars` of the checkout: the shipped holiday calendars.
    public static var calendars: String { root.appendingPathComponent("etc/calendars").path }

    /// The built executable `name` (`xinfangd`, `xinfangctl`): the test runner may live inside
    /// XinfangPackageTests.xctest/…, so climb from it until the binary is found; else `.build/debug`.
    public static func binary(_ name: String) -> String {
        var dir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/\(name)").path
    }
}

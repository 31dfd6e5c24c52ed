import Foundation
import Testing

/// Issue 12 §4: nothing leaks on reload. Each SIGHUP rebuilds the outboxes (one per channel); the
/// daemon's open descriptors must be the same after 100 reloads as before the first.
@Suite("xinfangd reload leaks nothing", .serialized)
struct ReloadLeakTests {
    /// What the open descriptors of `pid` point at (`anon_inode:[eventfd]`, a path, `socket:[…]`),
    /// as the kernel lists them in /proc/<pid>/fd.
    static func openDescriptors(_ pid: pid_t) -> [String] {
        let directory = "/proc/\(pid)/fd"
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).compactMap {
            try? FileManager.default.destinationOfSymbolicLink(atPath: directory + "/" + $0)
        }
    }

    /// The kinds of descriptor and how many of each: `socket:[123]` and `pipe:[456]` by kind only,
    /// files by name (not their directory).
    static func kinds(_ targets: [String]) -> [String: Int] {
        Dictionary(targets.map { target in
            let kind = target.hasPrefix("/") ? String(target.split(separator: "/").last ?? "")
                : target.hasPrefix("anon_inode:") ? target : String(target.split(separator: ":").first ?? "")
            return (kind, 1)
        }, uniquingKeysWith: +)
    }

    @Test("100 SIGHUPs, each waited for until the reload is done, leave /proc/<pid>/fd with the same count")
    func hundredReloadsLeakNoDescriptor() throws {
        // Two channels besides the journal (Maildir and exec): a leak per channel and reload shows as 200.
        let sandbox = try Sandbox(extraConfig: """
            [notify.exec]
            command = ["/bin/sh", "-c", "cat > /dev/null"]
            """)
        let daemon = try sandbox.startDaemon()
        defer { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() }
        let log = { (try? String(contentsOfFile: sandbox.root + "/xinfangd.log", encoding: .utf8)) ?? "" }
        #expect(sandbox.wait(seconds: 10) { log().contains("xinfangd ready") })
        func reload(_ round: Int) throws {
            kill(daemon.processIdentifier, SIGHUP)
            let done = sandbox.wait(seconds: 10) { SignalDuringDeliveryTests.occurrences("reloaded configuration", in: log()) == round }
            try #require(done, "reload \(round) did not finish")
        }
        // Some descriptors open once, on first need: the store's pool opens a reader connection
        // (the database and its WAL) when reads first overlap, up to GRDB's 5. So reload until the
        // count holds still for five reloads, then count. (A leak of one per reload never settles.)
        var round = 0
        var counts: [Int] = []
        while counts.count < 5 || Set(counts.suffix(5)).count > 1 {
            round += 1
            try #require(round <= 30, "descriptors never settle: \(counts)")
            try reload(round)
            usleep(100_000)
            counts.append(Self.openDescriptors(daemon.processIdentifier).count)
        }
        let before = Self.openDescriptors(daemon.processIdentifier)
        for _ in 1...100 {
            round += 1
            try reload(round)
        }
        usleep(500_000)
        let after = Self.openDescriptors(daemon.processIdentifier)
        print("xinfangd open descriptors: \(before.count) before, \(after.count) after 100 reloads; \(Self.kinds(after))")
        let isStore = { (target: String) in target.hasPrefix(sandbox.store) }
        #expect(after.filter { !isStore($0) }.count == before.filter { !isStore($0) }.count,
                "\(Self.kinds(before)) before, \(Self.kinds(after)) after 100 reloads")
        // The pool's own bound: a writer and at most 5 readers, each the database and its WAL, one -shm.
        #expect(after.filter(isStore).count <= 6 * 2 + 1, "\(Self.kinds(after))")
        #expect(daemon.isRunning)
    }
}

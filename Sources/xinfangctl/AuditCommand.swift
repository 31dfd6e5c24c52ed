import ArgumentParser
import XinfangStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "审计日志 The tamper-evident audit log (a hash chain).", subcommands: [Verify.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验审计链 Recompute every hash of the audit chain.",
            discussion: "Exit 0 when every row matches; exit 1 naming the first row whose content or link does not match, or that is missing.")

        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Output: Encodable {
            var ok: Bool
            var rows: Int
            var brokenAt: Int64?
            var reason: String?
        }

        func run() throws {
            let result = try storeOptions.open().store.verifyAudit()
            let out = Output(ok: result.firstBroken == nil, rows: result.rows, brokenAt: result.firstBroken?.seq, reason: result.firstBroken?.reason)
            if json { try printJSON(out) }
            guard let broken = result.firstBroken else {
                if !json { print("audit chain ok: \(result.rows) rows") }
                return
            }
            throw AuditChainBroken(description: "audit chain broken at row \(broken.seq): \(broken.reason)")
        }
    }
}

/// The audit chain does not verify: a runtime failure (exit 1), not a usage error.
struct AuditChainBroken: Error, CustomStringConvertible {
    var description: String
}

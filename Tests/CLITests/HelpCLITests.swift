import Foundation
import Testing

@Suite("xinfangctl --help reads Chinese first")
struct HelpCLITests {
    /// The abstracts of a command's subcommands, from its `--help` (lines under SUBCOMMANDS:).
    static func subcommandAbstracts(_ arguments: [String]) throws -> [String: String] {
        let help = try CLI.run(arguments + ["--help"]).stdout
        var out: [String: String] = [:]
        var inSection = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") { inSection = true; continue }
            guard inSection else { continue }
            if line.isEmpty || !line.hasPrefix("  ") { if !out.isEmpty { break } else { continue } }
            if line.hasPrefix("   ") { continue }  // a wrapped abstract's continuation
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            var abstract = parts[1].trimmingCharacters(in: .whitespaces)
            if abstract.hasPrefix("(default)") { abstract = abstract.dropFirst("(default)".count).trimmingCharacters(in: .whitespaces) }
            out[String(parts[0])] = abstract
        }
        return out
    }

    @Test("every subcommand's abstract begins with Chinese, in the root and in the case, reception, supervise and leader groups")
    func abstractsChineseFirst() throws {
        for group in [[], ["case"], ["event"], ["reception"], ["supervise"], ["leader"], ["unit"], ["reminders"], ["period"], ["calendar"], ["report"]] {
            let abstracts = try Self.subcommandAbstracts(group)
            #expect(!abstracts.isEmpty, "\(group): no SUBCOMMANDS section")
            for (name, abstract) in abstracts {
                let first = abstract.unicodeScalars.first.map { (0x4E00...0x9FFF).contains($0.value) } ?? false
                #expect(first, "xinfangctl \(group.joined(separator: " ")) \(name): \(abstract)")
            }
        }
    }
}

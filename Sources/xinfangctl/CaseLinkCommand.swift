import ArgumentParser
import XinfangStore

extension CaseCommand {
    /// `xinfangctl case link N --repeat-of M`: records case N as a repeat petition (重件) of its first case M (初件).
    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "关联重件 Record a case as a repeat petition (重件) of the first case (初件) of the same matter.",
            discussion: """
                A matter is one first case and its repeats: --repeat-of must name a stored case that is not itself a repeat
                (name its first case instead), received on or before this one; a case that already has repeats cannot become one.
                Refused with the reason (exit 2): a link to itself, to an unknown case, to a repeat, a change of an existing
                link. Linking again to the same first case changes nothing. The bulletin's 重复信访率 and 一次性化解率 and the
                risk ranking count linked repeats.
                """)

        @Argument(help: "The repeat case (重件).") var number: String
        @Option(name: .customLong("repeat-of"), help: "The first case of the same matter (初件).") var repeatOf: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            let outcome = try storeRefusal { try context.store.linkRepeat(number: number, repeatOf: repeatOf, actor: context.actor) }
            switch outcome {
            case .linked: print("\(number): 已关联为 \(repeatOf) 的重件 linked as a repeat of \(repeatOf)")
            case .unchanged: print("\(number): 已是 \(repeatOf) 的重件 already a repeat of \(repeatOf); nothing changed")
            }
        }
    }
}

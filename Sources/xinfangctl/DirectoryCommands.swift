import ArgumentParser
import XinfangApp
import XinfangStore

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unit", abstract: "承办单位 Handling units.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记承办单位 Register a unit.")
        @Argument(help: "The unit's name, as cases name it.") var name: String
        @Option(help: "Mail address for reminders.") var address: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.addUnit(name: name, address: address, actor: context.actor) }
            print("已添加承办单位 unit \(name) added")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出承办单位 List the units.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let units = try storeOptions.open().store.units()
            if json { return try printJSON(units) }
            var table = TextTable("单位 unit", "邮件地址 address")
            for u in units { table.append([u.name, u.address ?? "—"]) }
            print(units.isEmpty ? "尚无承办单位 no units (xinfangctl unit add NAME)" : table.text)
        }
    }
}

struct LeaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leader", abstract: "包案领导 Leaders who own cases.", subcommands: [Add.self, List.self, Agenda.self, Deputy.self, FeedToken.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记领导 Register a leader.")
        @Argument(help: "The leader's name.") var name: String
        @Option(help: "Title, e.g. 副县长.") var title: String?
        @Option(help: "The leader's unit.") var unit: String?
        @Option(help: "Mail address for reminders.") var address: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.addLeader(name: name, title: title, unit: unit, address: address, actor: context.actor) }
            print("已添加领导 leader \(name) added")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出领导 List the leaders.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let leaders = try storeOptions.open().store.leaders()
            if json { return try printJSON(leaders) }
            var table = TextTable("领导 leader", "职务 title", "单位 unit", "邮件地址 address")
            for l in leaders { table.append([l.name, l.title ?? "—", l.unit ?? "—", l.address ?? "—"]) }
            print(leaders.isEmpty ? "尚无领导 no leaders (xinfangctl leader add NAME)" : table.text)
        }
    }

    struct FeedToken: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "feed-token",
            abstract: "日历订阅地址 Issue a leader's secret calendar feed URL (/feeds/<token>.ics), revoking the old one; or revoke it.",
            discussion: "The token is printed once and only its SHA-256 is stored: issue a new one if it is lost.")
        @Argument(help: "The leader's name.") var name: String
        @Flag(help: "Revoke the live token without issuing a new one.") var revoke = false
        @Option(help: "The public base URL of the web interface (e.g. https://xf.example.cn), to print the full URL.") var base: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            if revoke {
                guard try storeRefusal({ try LeaderFeeds.revoke(leader: name, actor: context.actor, in: context.store) }) else {
                    return print("领导 \(name) 没有有效的订阅地址 leader \(name) has no live feed token: nothing revoked")
                }
                return print("已撤销 the feed token of leader \(name) is revoked")
            }
            let token = try storeRefusal { try LeaderFeeds.issue(leader: name, actor: context.actor, in: context.store) }
            let path = LeaderFeeds.path(token: token)
            print(path)
            if var base {
                while base.hasSuffix("/") { base.removeLast() }
                print(base + path)
            }
        }
    }
}

import ArgumentParser
import XinfangStore

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unit", abstract: "Handling units (承办单位).", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a unit.")
        @Argument(help: "The unit's name, as cases name it.") var name: String
        @Option(help: "Mail address for reminders.") var address: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.addUnit(name: name, address: address, actor: context.actor) }
            print("unit \(name) added")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the units.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let units = try storeOptions.open().store.units()
            if json { return try printJSON(units) }
            for u in units { print([u.name, u.address ?? ""].joined(separator: "\t")) }
        }
    }
}

struct LeaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "leader", abstract: "Leaders who own cases (包案领导).", subcommands: [Add.self, List.self, Agenda.self, Deputy.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a leader.")
        @Argument(help: "The leader's name.") var name: String
        @Option(help: "Title, e.g. 副县长.") var title: String?
        @Option(help: "The leader's unit.") var unit: String?
        @Option(help: "Mail address for reminders.") var address: String?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try storeRefusal { try context.store.addLeader(name: name, title: title, unit: unit, address: address, actor: context.actor) }
            print("leader \(name) added")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the leaders.")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let leaders = try storeOptions.open().store.leaders()
            if json { return try printJSON(leaders) }
            for l in leaders { print([l.name, l.title ?? "", l.unit ?? "", l.address ?? ""].joined(separator: "\t")) }
        }
    }
}

public import XinfangCore

/// A directory of units and leaders (`etc/demo/directory.toml`), for seeding a store:
///
/// ```toml
/// [[units]]
/// name = "县人力资源和社会保障局"
/// address = "rsj@county.example"
///
/// [[leaders]]
/// name = "王副县长"
/// title = "副县长"
/// unit = "县人民政府"
/// address = "wang@county.example"
/// ```
public struct DirectoryFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var title: String?
        public var unit: String?
        public var address: String?
    }

    public var units: [Entry]
    public var leaders: [Entry]
    /// Reception rules (`[[receptions]]`: id, leader, place, monthly = [10, 20] or weekly = 3, from).
    public var receptions: [ReceptionRule] = []

    /// Reads the file; errors name file, line and field.
    public static func read(path: String) throws(InputError) -> DirectoryFile {
        let root = try DataDocument.read(path: path).reader
        try root.rejectUnknownKeys(["units", "leaders", "receptions"])
        var units: [Entry] = []
        for u in try root.tables("units") {
            try u.rejectUnknownKeys(["name", "address"])
            units.append(Entry(name: try u.nonEmptyString("name"), address: try u.optionalString("address")))
        }
        var leaders: [Entry] = []
        for l in try root.tables("leaders") {
            try l.rejectUnknownKeys(["name", "title", "unit", "address"])
            leaders.append(Entry(name: try l.nonEmptyString("name"), title: try l.optionalString("title"),
                                 unit: try l.optionalString("unit"), address: try l.optionalString("address")))
        }
        var receptions: [ReceptionRule] = []
        for r in try root.tables("receptions") {
            try r.rejectUnknownKeys(["id", "leader", "place", "monthly", "weekly", "from", "until"])
            let recurrence: ReceptionRule.Recurrence
            if r.has("monthly") { recurrence = .monthly(days: try r.ints("monthly", in: 1...31)) } else {
                recurrence = .weekly(weekday: try r.int("weekly", in: 1...7))
            }
            receptions.append(ReceptionRule(
                id: try r.nonEmptyString("id"), leader: try r.nonEmptyString("leader"), place: try r.nonEmptyString("place"),
                recurrence: recurrence, validFrom: try r.day("from"), validUntil: try r.optionalDay("until")))
        }
        var file = DirectoryFile(units: units, leaders: leaders)
        file.receptions = receptions
        return file
    }
}

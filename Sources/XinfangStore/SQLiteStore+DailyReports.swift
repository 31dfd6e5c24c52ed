import GRDB
public import XinfangCore
import XinfangPorts

extension SQLiteStore {
    /// Files a unit's daily report for a day (one per unit and day; a second is refused).
    public func fileDailyReport(_ report: DailyReport, text: String?, actor: String) throws {
        try pool.write { db in
            guard try exists(db, unit: report.unit) else { throw StoreError("unknown unit \(report.unit)") }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM daily_reports WHERE unit = ? AND day = ?)",
                                 arguments: [report.unit, report.day.number]) == true {
                throw StoreError("\(report.unit) already filed its report for \(report.day)")
            }
            try db.execute(sql: """
                INSERT INTO daily_reports (unit, day, nil_report, text, filed_day, filed_minute) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [report.unit, report.day.number, report.isNilReport, text, report.filed.day.number, report.filed.minute])
            try touchTimer(db, kind: .dailyReport, key: report.unit)
            try AuditChain.append(db, actor: actor, action: "report.file", subject: report.unit,
                                  detail: "\(report.day)\(report.isNilReport ? " 零报告" : "")")
        }
    }

    /// The daily reports of a unit from a day on.
    public func dailyReports(unit: String, from: Day) throws -> [DailyReport] {
        try pool.read { db in try Self.dailyReports(db, unit: unit, from: from) }
    }

    static func dailyReports(_ db: Database, unit: String, from: Day) throws -> [DailyReport] {
        try Row.fetchAll(db, sql: "SELECT * FROM daily_reports WHERE unit = ? AND day >= ? ORDER BY day", arguments: [unit, from.number]).map {
            DailyReport(unit: $0["unit"], day: Day(number: $0["day"]), isNilReport: $0["nil_report"],
                        filed: DayMinute(Day(number: $0["filed_day"]), minute: $0["filed_minute"]))
        }
    }
}

extension DatabaseTimerQueries {
    func dailyReports(unit: String, from: Day) throws -> [DailyReport] { try SQLiteStore.dailyReports(db, unit: unit, from: from) }
    func leaders(ofUnit unit: String) throws -> [(name: String, address: String?)] {
        try Row.fetchAll(db, sql: "SELECT name, address FROM leaders WHERE unit = ? ORDER BY name", arguments: [unit]).map { ($0["name"], $0["address"]) }
    }
}

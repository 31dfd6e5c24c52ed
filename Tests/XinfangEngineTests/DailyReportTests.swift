import Foundation
import Testing
import XinfangCore
import XinfangEngine
import XinfangPorts
import XinfangStore

@Suite("Daily reports in an escalation-risk period (敏感时期)")
struct DailyReportTests {
    @Test("a reminder one hour before the cut-off unless filed; a missing report at the cut-off goes to the unit's leader as overdue; a 零报告 counts")
    func dailyReports() throws {
        let store = try temporaryStore()
        try store.addUnit(name: "县人社局", address: "rsj@example.cn", actor: "test")
        try store.addLeader(name: "王局长", title: "局长", unit: "县人社局", address: "wang@example.cn", actor: "test")
        let clock = TestClock(at("2026-11-30 08:00"))
        var settings = engine(store, clock).currentSettings
        settings.leaders.periods = SensitivePeriods([SensitivePeriod(name: "测试窗口", first: day("2026-12-01"), last: day("2026-12-03"),
                                                                     level: 1, units: ["县人社局"], dailyReportCutoffMinute: 16 * 60)])
        let e = Engine(store: store, settings: settings, clock: clock, logger: quietLogger)
        var created = try run(e, clock, until: at("2026-12-02 09:00"))
        // 12-02: a 零报告 filed at 10:00, before the 15:00 reminder.
        try store.fileDailyReport(DailyReport(unit: "县人社局", day: day("2026-12-02"), isNilReport: true, filed: DayMinute(day("2026-12-02"), hour: 10)),
                                  text: nil, actor: "test")
        created += try run(e, clock, until: at("2026-12-03 15:20"))
        // 12-03: filed at 15:30, after the reminder and before the cut-off.
        try store.fileDailyReport(DailyReport(unit: "县人社局", day: day("2026-12-03"), isNilReport: false, filed: DayMinute(day("2026-12-03"), hour: 15, minute: 30)),
                                  text: "无异常", actor: "test")
        created += try run(e, clock, until: at("2026-12-04 18:00"))
        let daily = created.filter { $0.kind == "daily-report" }
        #expect(daily.map { "\($0.milestone) \(shanghai.format($0.fireAt)) \($0.recipient.name)" } == [
            "reminder 2026-12-01 15:00 县人社局", "overdue 2026-12-01 16:00 王局长", "reminder 2026-12-03 15:00 县人社局",
        ])
        #expect(daily.allSatisfy { $0.lateBySeconds == nil })
        #expect(daily[1].recipient.role == .leader)
        // Outside the window (12-04) nothing more; the miss of 12-01 is recorded for escalation.
        #expect(try store.overdueCounts()["县人社局"] == 1)
        #expect(throws: StoreError.self) {
            try store.fileDailyReport(DailyReport(unit: "县人社局", day: day("2026-12-03"), isNilReport: true, filed: DayMinute(day("2026-12-03"), hour: 17)),
                                      text: nil, actor: "test")
        }
    }
}

import Testing
import XinfangCore

/// The satisfaction evaluation window (满意度评价): 30 calendar days from the petitioner's receipt of
/// the 信访处理意见书 (the project's default, see docs/evaluation.md), the opening day not counted,
/// the last day rolled forward off rest days and holidays (docs/domain.md#counting-days). Dates worked out by hand
/// from the 2025 and 2026 notices (excerpts in Support.swift).
@Suite("Satisfaction evaluation window: 待评价 / 已评价 / 超期未评价")
struct EvaluationWindowTests {
    let cal: WorkingCalendar
    let window = EvaluationWindow(days: 30, rollForward: true, source: "test")

    init() throws { cal = try WorkingCalendar(id: "t", years: [excerpt2025(), excerpt2026()]) }

    func timeline(received: String, _ events: [(CaseEvent.Kind, String)]) -> CaseTimeline {
        var t = CaseTimeline(facts: CaseFacts(number: "XF-2026-000001", received: day(received), category: .claim, unit: "县人社局"))
        for (kind, on) in events { t = t.appending(checked: CaseEvent(kind, on: day(on))) }
        return t
    }

    /// Opinion received Sat 2026-01-17: + 30 = 02-16 (01-31 is + 14), inside 春节 (off 02-15 … 02-23)
    /// → rolled forward to Tue 02-24. Pending through 02-24 (without the roll-forward it would have
    /// lapsed after 02-16), lapsed from 02-25.
    @Test("the window's last day rolls off the Spring Festival: pending through Tue 2026-02-24, lapsed on 02-25")
    func springFestival() {
        let t = timeline(received: "2025-12-01", [(.accepted, "2025-12-03"), (.opinionIssued, "2026-01-15"), (.opinionReceived, "2026-01-17")])
        let opened = day("2026-01-17"), due = day("2026-02-24")
        #expect(window.due(opened: opened, calendar: cal) == due)
        #expect(window.status(of: t, calendar: cal, asOf: day("2026-02-20")) == .pending(opened: opened, due: due))
        #expect(window.status(of: t, calendar: cal, asOf: due) == .pending(opened: opened, due: due))
        let lapsed = window.status(of: t, calendar: cal, asOf: day("2026-02-25"))
        #expect(lapsed == .lapsed(opened: opened, due: due))
        #expect(lapsed?.chineseName == "超期未评价")
    }

    /// The same window: an evaluation on its last day (02-24) is in time; one on Thu 02-26 is 2 days late.
    @Test("an evaluation on the last day is in time; two days later it is recorded as late by 2 days")
    func lateEvaluation() {
        let base: [(CaseEvent.Kind, String)] = [(.accepted, "2025-12-03"), (.opinionIssued, "2026-01-15"), (.opinionReceived, "2026-01-17")]
        let onTime = window.status(of: timeline(received: "2025-12-01", base + [(.evaluated(.satisfied), "2026-02-24")]), calendar: cal, asOf: day("2026-03-31"))
        #expect(onTime == .evaluated(.satisfied, on: day("2026-02-24"), opened: day("2026-01-17"), due: day("2026-02-24")))
        #expect(onTime?.lateByDays == nil && onTime?.chineseName == "已评价")
        let late = window.status(of: timeline(received: "2025-12-01", base + [(.evaluated(.dissatisfied), "2026-02-26")]), calendar: cal, asOf: day("2026-03-31"))
        #expect(late?.lateByDays == 2)
        // Judged before it happened, the late evaluation is not seen: on 02-25 the window has lapsed.
        let before = window.status(of: timeline(received: "2025-12-01", base + [(.evaluated(.dissatisfied), "2026-02-26")]), calendar: cal, asOf: day("2026-02-25"))
        #expect(before == .lapsed(opened: day("2026-01-17"), due: day("2026-02-24")))
    }

    /// No receipt recorded: the window opens on the issue day, Tue 2025-05-06: + 30 = Thu 06-05, a
    /// working day. A receipt on Sat 05-10 opens it there instead: + 30 = Mon 06-09.
    @Test("without a recorded receipt the window opens on the issue day; a receipt opens it on the receipt day")
    func opening() {
        let issued = timeline(received: "2025-03-03", [(.accepted, "2025-03-05"), (.opinionIssued, "2025-05-06")])
        #expect(window.status(of: issued, calendar: cal, asOf: day("2025-06-05")) == .pending(opened: day("2025-05-06"), due: day("2025-06-05")))
        #expect(window.status(of: issued, calendar: cal, asOf: day("2025-06-06")) == .lapsed(opened: day("2025-05-06"), due: day("2025-06-05")))
        let received = timeline(received: "2025-03-03", [(.accepted, "2025-03-05"), (.opinionIssued, "2025-05-06"), (.opinionReceived, "2025-05-10")])
        #expect(window.status(of: received, calendar: cal, asOf: day("2025-06-06")) == .pending(opened: day("2025-05-10"), due: day("2025-06-09")))
    }

    @Test("nothing to evaluate before an answer: no state")
    func nothingYet() {
        let t = timeline(received: "2025-03-03", [(.accepted, "2025-03-05")])
        #expect(window.status(of: t, calendar: cal, asOf: day("2025-12-31")) == nil)
    }
}

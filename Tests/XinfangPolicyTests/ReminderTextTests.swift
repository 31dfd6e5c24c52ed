import Testing
import XinfangCore
import XinfangPolicy

@Suite("Reminder texts are advice in words for units and leaders, not shell commands")
struct ReminderTextTests {
    @Test("the overdue reminder says in words what to do: handle it now, explain the delay, a 督办单 is advised; no command line")
    func overdueAdviceInWords() {
        let context = ReminderContext(
            caseNumber: "XF-2026-000900", unit: "县人社局", leader: "王副县长", kind: .handling, article: "条例2022 第34条",
            due: Day("2026-12-08")!, milestone: Milestone(.overdue, day: Day("2026-12-09")!), workingDaysLeft: 0, daysOverdue: 1,
            provisional: false)
        let (subject, body) = StandardReminderPolicy().text(context)
        #expect(subject.hasPrefix("【逾期】XF-2026-000900"))
        #expect(body.contains("已逾期1天，已记录逾期；请承办单位立即办理并书面说明逾期原因，建议信访部门对本事项发出督办单督促办理"), "\(body)")
        #expect(!body.contains("xinfangctl"), "\(body)")
    }
}

import Testing
import XinfangCore

/// Reminder and timer kinds keep the strings existing stores hold; a reminder's subject reads back
/// from the label the store keeps.
@Suite("Reminder vocabulary")
struct ReminderVocabularyTests {
    @Test("each reminder and timer kind round-trips through its stored string, which is the one stores already hold")
    func kinds() {
        for kind in ReminderKind.allCases { #expect(ReminderKind(rawValue: kind.rawValue) == kind) }
        #expect(ReminderKind.ownKinds.map(\.rawValue) == ["reception", "digest", "escalation", "supervision", "daily-report", "duty"])
        #expect(ReminderKind(rawValue: "D6") == .deadline(.handling))
        #expect(ReminderKind(rawValue: "birthday") == nil)
        for kind in TimerKind.allCases { #expect(TimerKind(rawValue: kind.rawValue) == kind) }
        #expect(TimerKind.allCases.map(\.rawValue) == ["reception", "digest", "ack", "supervision", "daily-report", "duty"])
    }

    @Test("a reminder's subject reads back from its stored label by the reminder's kind")
    func subjects() {
        let day = Day("2026-12-07")!
        let cases: [(ReminderKind, ReminderSubject, String)] = [
            (.deadline(.handling), .case("XF-2026-000123"), "XF-2026-000123"),
            (.reception, .place("县信访局接待大厅"), "县信访局接待大厅"),
            (.digest, .digest(day), "周报 2026-12-07"),
            (.dailyReport, .dailyReport(day), "日报 2026-12-07"),
            (.duty, .duty("积案调度会"), "积案调度会"),
            (.supervision, .supervisionOrder("督字〔2025〕7号"), "督字〔2025〕7号"),
            (.escalation, .escalated("周报 2026-12-07"), "周报 2026-12-07"),
        ]
        for (kind, subject, label) in cases {
            #expect(subject.label == label)
            #expect(ReminderSubject(kind: kind, label: label) == subject)
        }
        #expect(ReminderSubject(kind: .digest, label: "hand-written") == .case("hand-written"))
    }
}

import Testing
import XinfangCore

/// The 红黄绿灯 with the 2026 春节 of the notice (off Sun 02-15 … Mon 02-23, make-up Sat 02-14 and
/// Sat 02-28) and a warning window of 3 working days. Today is Thu 2026-02-12; the working days
/// after it are Fri 02-13 (1), Sat 02-14 make-up (2), Tue 02-24 (3), Wed 02-25 (4).
@Suite("The light of a case: 红 overdue, 黄 within the warning window, 绿 on track")
struct LightTests {
    let calendar = try! WorkingCalendar(id: "test", years: [plainYear(2025), excerpt2026()])
    var window: LightWindow { LightWindow(today: day("2026-02-12"), workingDays: 3, calendar: calendar) }

    func handling(due: String, status: DeadlineStatus = .open, fulfilledOn: Day? = nil) -> Deadline {
        Deadline(kind: .handling, status: status, start: day("2025-12-15"), due: day(due), fulfilledOn: fulfilledOn, provisional: false,
                 derivation: Derivation(policyID: "test", article: "条例2022 第32条"))
    }

    @Test("the window runs across the holiday to Tue 02-24, the 3rd working day after today")
    func windowAcrossHoliday() {
        #expect(window.yellowThrough == day("2026-02-24"))
    }

    @Test("a D6 due 3 working days ahead across the holiday (Tue 02-24) is 黄; 4 ahead (Wed 02-25) is 绿; due yesterday is 红")
    func handByHand() {
        #expect(window.light(of: [handling(due: "2026-02-24")]) == .yellow)
        #expect(window.light(of: [handling(due: "2026-02-25")]) == .green)
        #expect(window.light(of: [handling(due: "2026-02-11", status: .missed)]) == .red)
    }

    @Test("due today is 黄 (0 working days left); due inside the holiday (Fri 02-20, 2 working days left) is 黄")
    func todayAndHoliday() {
        #expect(window.light(nextDue: day("2026-02-12")) == .yellow)
        #expect(window.light(nextDue: day("2026-02-20")) == .yellow)
    }

    @Test("nothing owed is 绿: a deadline met, a missed one done late, a petitioner's window")
    func nothingOwed() {
        let met = handling(due: "2026-02-11", status: .met, fulfilledOn: day("2026-02-10"))
        let late = handling(due: "2026-02-11", status: .missed, fulfilledOn: day("2026-02-12"))
        let window8 = Deadline(kind: .reviewWindow, status: .open, start: day("2026-02-01"), due: day("2026-02-12"), fulfilledOn: nil,
                               provisional: false, derivation: Derivation(policyID: "test", article: "条例2022 第35条"))
        #expect(window.light(of: [met, late, window8]) == .green)
        #expect(window.light(of: []) == .green)
        #expect(window.light(nextDue: nil) == .green)
    }

    @Test("the nearest owed deadline decides: one overdue among later ones is 红")
    func nearestDecides() {
        let overdue = Deadline(kind: .intakeNotice, status: .missed, start: day("2026-01-20"), due: day("2026-02-05"), fulfilledOn: nil,
                               provisional: false, derivation: Derivation(policyID: "test", article: "条例2022 第31条"))
        #expect(LightWindow.nearestOwed([handling(due: "2026-03-31"), overdue])?.kind == .intakeNotice)
        #expect(window.light(of: [handling(due: "2026-03-31"), overdue]) == .red)
    }

    @Test("a window of 0 working days is today only; on Fri 02-13 a 3-day window reaches Wed 02-25")
    func otherWindows() {
        let zero = LightWindow(today: day("2026-02-12"), workingDays: 0, calendar: calendar)
        #expect(zero.yellowThrough == day("2026-02-12"))
        #expect(zero.light(nextDue: day("2026-02-13")) == .green)
        // After Fri 02-13: Sat 02-14 (1), Tue 02-24 (2), Wed 02-25 (3), Thu 02-26 (4).
        let friday = LightWindow(today: day("2026-02-13"), workingDays: 3, calendar: calendar)
        #expect(friday.yellowThrough == day("2026-02-25"))
    }
}

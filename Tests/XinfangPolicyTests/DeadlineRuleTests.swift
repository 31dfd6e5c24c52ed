import Testing
import XinfangCore
import XinfangPolicy

/// One test per statutory rule, with the real calendar. Every expected date is worked out by hand
/// from the regulation (docs/domain.md#statutory-deadlines, #counting-days) and the holiday notices
/// (etc/calendars/cn).
@Suite("Deadline rules (cn-2022 unless stated)")
struct DeadlineRuleTests {
    /// The holiday runs of a derivation, as "name from…to".
    func runs(_ deadline: Deadline) -> [String] {
        deadline.derivation.holidays.map { "\($0.name) \($0.from)…\($0.to)" }
    }

    // MARK: D1, D2

    @Test("D1 registration: 15 days from receipt, due on the make-up Saturday 2025-10-11 without rolling (条例2022 第22条)")
    func d1MakeupSaturday() throws {
        var c = try Case(received: "2025-09-26")
        // received Fri 2025-09-26 + 15 = Sat 10-11, a make-up working day for 国庆节、中秋节 → due 10-11, no roll
        let d1 = try c.deadline(.registration, asOf: "2025-09-26")
        #expect(d1.due == day("2025-10-11"))
        #expect(d1.start == day("2025-09-26"))
        #expect(d1.derivation.nominalEnd == day("2025-10-11"))
        #expect(d1.derivation.holidays.isEmpty)
        #expect(d1.derivation.article == "条例2022 第22条")
        #expect(d1.derivation.period == .calendarDays(15))
        #expect(d1.status == .open)
        #expect(!d1.provisional)
        #expect(try c.deadline(.registration, asOf: "2025-10-11").status == .open)
        #expect(try c.deadline(.registration, asOf: "2025-10-12").status == .missed)
        // forwarded on the make-up Saturday itself: in time
        try c.add(.forwarded(to: "县人社局"), "2025-10-11")
        let met = try c.deadline(.registration, asOf: "2025-10-20")
        #expect(met.status == .met)
        #expect(met.fulfilledOn == day("2025-10-11"))
    }

    @Test("D1 registration: 15 days rolled over National Day 2025 (条例2022 第22条)")
    func d1Rolled() throws {
        let c = try Case(received: "2025-09-20")
        // received Sat 2025-09-20 + 15 = Sun 10-05, inside 10-01…10-08 → next working day Thu 10-09
        let d1 = try c.deadline(.registration, asOf: "2025-09-20")
        #expect(d1.due == day("2025-10-09"))
        #expect(d1.derivation.nominalEnd == day("2025-10-05"))
        #expect(d1.derivation.rollForward)
        #expect(runs(d1) == ["国庆节、中秋节 2025-10-05…2025-10-08"])
    }

    @Test("D2 intake notice vs D1 by intake: an organ receiving directly owes D2, a 信访部门 owes D1 (条例2022 第22/23条)")
    func d2VersusD1() throws {
        // received Tue 2026-02-03 + 15 = Wed 02-18, inside 春节 02-15…02-23 → Tue 02-24
        var organ = try Case(received: "2026-02-03", intake: .organ)
        let kinds = organ.deadlines(asOf: "2026-02-03").map(\.kind)
        #expect(kinds == [.intakeNotice])
        let d2 = try organ.deadline(.intakeNotice, asOf: "2026-02-03")
        #expect(d2.due == day("2026-02-24"))
        #expect(d2.derivation.nominalEnd == day("2026-02-18"))
        #expect(d2.derivation.article == "条例2022 第23条")
        #expect(d2.status == .open)
        #expect(try organ.deadline(.intakeNotice, asOf: "2026-02-25").status == .missed)
        // accepted (and told in writing) on the due day: met
        try organ.add(.accepted, "2026-02-24")
        #expect(try organ.deadline(.intakeNotice, asOf: "2026-03-01").status == .met)

        let bureau = try Case(received: "2026-02-03", intake: .bureau)
        #expect(bureau.deadlines(asOf: "2026-02-03").map(\.kind) == [.registration])
        #expect(try bureau.deadline(.registration, asOf: "2026-02-03").due == day("2026-02-24"))
    }

    @Test("D2 not owed when the petitioner's name or address is unclear (条例2022 第23条)")
    func d2ContactUnknown() throws {
        let c = try Case(received: "2026-02-03", intake: .organ, contactKnown: false)
        let d2 = try c.deadline(.intakeNotice, asOf: "2026-03-31")
        #expect(d2.status == .notApplicable)
        #expect(d2.due == nil)
        #expect(d2.derivation.article == "条例2022 第23条")
        #expect(d2.derivation.note?.contains("name or address") == true)
    }

    // MARK: D3, D4

    @Test("D3 forward notice (15 days) and D4 remit objection (5 working days) after a forward (条例2022 第23条)")
    func d3d4AfterForward() throws {
        var c = try Case(received: "2025-09-19")
        try c.add(.forwarded(to: "区住建局"), "2025-09-30")
        // D1: Fri 09-19 + 15 = Sat 10-04 (off) → Thu 10-09; forwarded Tue 09-30 → met
        let d1 = try c.deadline(.registration, asOf: "2025-10-10")
        #expect(d1.due == day("2025-10-09") && d1.status == .met)
        // D3: Tue 09-30 + 15 = Wed 10-15, a working day → 10-15
        let d3 = try c.deadline(.forwardNotice, asOf: "2025-10-10")
        #expect(d3.due == day("2025-10-15"))
        #expect(d3.start == day("2025-09-30"))
        #expect(d3.status == .open)
        // D4: after Tue 09-30, 10-01…10-08 off; Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3),
        // Sun 10-12 rest, Mon 10-13 (4), Tue 10-14 (5) → 10-14
        let d4 = try c.deadline(.remitObjection, asOf: "2025-10-10")
        #expect(d4.due == day("2025-10-14"))
        #expect(d4.derivation.period == .workingDays(5))
        #expect(d4.derivation.article == "条例2022 第23条")
        #expect(runs(d4) == ["国庆节、中秋节 2025-10-01…2025-10-08"])
        #expect(d4.status == .open)
        // accepted Mon 10-13: D3 met; D4 no longer matters (decided without objection)
        try c.add(.accepted, "2025-10-13")
        let after = c.deadlines(asOf: "2025-10-20")
        #expect(after.first { $0.kind == .forwardNotice }?.status == .met)
        #expect(after.first { $0.kind == .forwardNotice }?.fulfilledOn == day("2025-10-13"))
        #expect(after.first { $0.kind == .remitObjection }?.status == .notApplicable)
    }

    @Test("D4 remit objection: lapses when not used; an objection on the last working day is in time (条例2022 第23条)")
    func d4LapseAndObjection() throws {
        var c = try Case(received: "2025-09-15")
        try c.add(.forwarded(to: "区住建局"), "2025-09-23")
        // D4: after Tue 09-23: Wed 24 (1), Thu 25 (2), Fri 26 (3), Sat 27 rest, Sun 28 make-up (4), Mon 29 (5)
        let open = try c.deadline(.remitObjection, asOf: "2025-09-29")
        #expect(open.due == day("2025-09-29"))
        #expect(open.status == .open)
        let lapsed = try c.deadline(.remitObjection, asOf: "2025-09-30")
        #expect(lapsed.status == .notApplicable)
        #expect(lapsed.derivation.note?.contains("lapsed") == true)
        // D3: Tue 09-23 + 15 = Wed 10-08, the last day off → Thu 10-09
        #expect(try c.deadline(.forwardNotice, asOf: "2025-09-30").due == day("2025-10-09"))

        try c.add(.objected, "2025-09-29")
        let objected = try c.deadline(.remitObjection, asOf: "2025-10-20")
        #expect(objected.status == .met)
        #expect(objected.fulfilledOn == day("2025-09-29"))
    }

    @Test("D4 remit objection does not exist under cn-2005")
    func d4NotInCn2005() throws {
        var c = try Case(received: "2025-09-15", policy: .cn2005)
        try c.add(.forwarded(to: "区住建局"), "2025-09-23")
        let kinds = c.deadlines(asOf: "2025-09-23").map(\.kind)
        #expect(kinds == [.registration, .forwardNotice])
    }

    // MARK: D5

    @Test("D5 assigned report: due on the date the assigning body set (条例2022 第22条)")
    func d5AssignedReport() throws {
        var c = try Case(received: "2025-11-03")
        try c.add(.assigned(to: "镇政府", reportDue: day("2026-01-09")), "2025-11-10")
        // D1: Mon 11-03 + 15 = Tue 11-18; assigned Mon 11-10 → met
        #expect(try c.deadline(.registration, asOf: "2025-11-10").status == .met)
        // D3: Mon 11-10 + 15 = Tue 11-25
        #expect(try c.deadline(.forwardNotice, asOf: "2025-11-10").due == day("2025-11-25"))
        // D5: the date set, Fri 2026-01-09, taken as it is
        let d5 = try c.deadline(.assignedReport, asOf: "2026-01-09")
        #expect(d5.due == day("2026-01-09"))
        #expect(d5.start == day("2025-11-10"))
        #expect(d5.derivation.period == .setByAssigningBody)
        #expect(d5.derivation.article == "条例2022 第22条")
        #expect(d5.status == .open)
        let missed = try c.deadline(.assignedReport, asOf: "2026-01-10")
        #expect(missed.status == .missed)
        #expect(missed.daysOverdue(on: day("2026-01-12")) == 3)  // 01-12 − 01-09

        var early = c
        try early.add(.resultReported, "2026-01-08")
        #expect(try early.deadline(.assignedReport, asOf: "2026-01-20").status == .met)

        var late = c
        try late.add(.resultReported, "2026-01-12")
        let lateD5 = try late.deadline(.assignedReport, asOf: "2026-01-20")
        #expect(lateD5.status == .missed)
        #expect(lateD5.fulfilledOn == day("2026-01-12"))
        #expect(lateD5.daysOverdue(on: day("2026-01-20")) == 3)  // done 3 days late, no longer growing
    }

    // MARK: D6, D7

    @Test("D6 handling: 60 days from acceptance, rolled over National Day 2025 (条例2022 第34条)")
    func d6Handling() throws {
        var c = try Case(received: "2025-07-28")
        try c.add(.forwarded(to: "县人社局"), "2025-07-30")
        try c.add(.accepted, "2025-08-05")
        // accepted Tue 2025-08-05 + 60 = Sat 10-04 (26 days to 08-31, 30 to 09-30, 4 more),
        // inside National Day (10-01…10-08) → next working day Thu 10-09
        let d6 = try c.deadline(.handling, asOf: "2025-08-05")
        #expect(d6.due == day("2025-10-09"))
        #expect(d6.start == day("2025-08-05"))
        #expect(d6.derivation.startEvent == "accepted")
        #expect(d6.derivation.nominalEnd == day("2025-10-04"))
        #expect(d6.derivation.period == .calendarDays(60))
        #expect(d6.derivation.article == "条例2022 第34条")
        #expect(runs(d6) == ["国庆节、中秋节 2025-10-04…2025-10-08"])
        #expect(d6.status == .open)
        #expect(try c.deadline(.handling, asOf: "2025-10-09").status == .open)
        let missed = try c.deadline(.handling, asOf: "2025-10-10")
        #expect(missed.status == .missed)
        #expect(missed.daysOverdue(on: day("2025-10-13")) == 4)  // 10-13 − 10-09
        try c.add(.opinionIssued, "2025-10-09")
        #expect(try c.deadline(.handling, asOf: "2025-10-20").status == .met)
    }

    @Test("D6 handling without roll-forward when a policy turns it off (DOMAIN §3)")
    func d6NoRoll() throws {
        var c = try Case(received: "2025-07-28", policy: StatutoryPolicy.cn2022.rollingForward(false))
        try c.add(.accepted, "2025-08-05")
        // Tue 08-05 + 60 = Sat 10-04, kept as it is
        let d6 = try c.deadline(.handling, asOf: "2025-08-05")
        #expect(d6.due == day("2025-10-04"))
        #expect(!d6.derivation.rollForward)
    }

    @Test(
        "D6 handling: no statutory limit for 建议意见/检举控告 under cn-2022 (第31条), 60 days under cn-2005 (第33条)",
        arguments: [PetitionCategory.suggestion, .accusation])
    func d6ByCategory(_ category: PetitionCategory) throws {
        var c22 = try Case(received: "2025-07-28", category: category)
        try c22.add(.accepted, "2025-08-05")
        let d6 = try c22.deadline(.handling, asOf: "2025-12-31")
        #expect(d6.status == .notApplicable)
        #expect(d6.due == nil)
        #expect(d6.derivation.article == "条例2022 第31条")
        #expect(d6.derivation.note?.contains(category.rawValue) == true)
        // D1 applies to every category: Mon 07-28 + 15 = Tue 08-12; accepted 08-05 → met
        #expect(try c22.deadline(.registration, asOf: "2025-12-31").status == .met)

        var c05 = try Case(received: "2025-07-28", category: category, policy: .cn2005)
        try c05.add(.accepted, "2025-08-05")
        // Tue 08-05 + 60 = Sat 10-04, off → Thu 10-09
        let old = try c05.deadline(.handling, asOf: "2025-08-05")
        #expect(old.due == day("2025-10-09"))
        #expect(old.status == .open)
        #expect(old.derivation.article == "条例2005 第33条")
        #expect(try c05.deadline(.registration, asOf: "2025-08-05").derivation.article == "条例2005 第21条")
    }

    @Test("涉法涉诉: registered (D1) but no 信访 handling clock (D6), under cn-2022 and cn-2005")
    func litigation() throws {
        var c = try Case(received: "2025-07-28", category: .litigation)
        // D1: Mon 07-28 + 15 = Tue 08-12, a working day
        #expect(try c.deadline(.registration, asOf: "2025-07-28").due == day("2025-08-12"))
        try c.add(.accepted, "2025-08-05")
        let d6 = try c.deadline(.handling, asOf: "2025-12-31")
        #expect(d6.status == .notApplicable)
        #expect(d6.due == nil)
        // an extension of a period that does not exist is refused
        #expect(c.refusal(.extensionGranted(days: 10, approver: "局长", reason: "复杂"), "2025-09-01")?.rule.contains("第34条") == true)

        var old = try Case(received: "2025-07-28", category: .litigation, policy: .cn2005)
        try old.add(.accepted, "2025-08-05")
        let d6Old = try old.deadline(.handling, asOf: "2025-12-31")
        #expect(d6Old.status == .notApplicable)
        #expect(d6Old.due == nil)
    }

    @Test("cn-2005 cites its own regulation when a deadline is not applicable")
    func cn2005NotApplicableCitation() throws {
        var old = try Case(received: "2025-07-28", category: .litigation, policy: .cn2005)
        try old.add(.accepted, "2025-08-05")
        let d6 = try old.deadline(.handling, asOf: "2025-12-31")
        // A case governed by the former 《信访条例》 should not cite 《信访工作条例》(2022).
        // 条例2005 第14条: claims that belong to litigation, review or arbitration go to those bodies.
        #expect(d6.derivation.article == "条例2005 第14条")
    }

    @Test("D7 extension: due = acceptance + 60 + 30, rolled forward once at the end only (条例2022 第34条)")
    func d7Extension() throws {
        var c = try Case(received: "2025-07-28")
        try c.add(.accepted, "2025-08-05")
        // original D6: Tue 08-05 + 60 = Sat 10-04 → Thu 10-09; the extension is granted on that last day (in time)
        try c.add(.extensionGranted(days: 30, approver: "县人社局局长", reason: "涉及多部门"), "2025-10-09")
        // extended: 08-05 + 60 + 30 = Sat 10-04 + 30 = Mon 11-03, a working day → 11-03.
        // (Rolling the intermediate end first would give Thu 10-09 + 30 = Sat 11-08 → Mon 11-10: wrong.)
        let d6 = try c.deadline(.handling, asOf: "2025-10-09")
        #expect(d6.due == day("2025-11-03"))
        #expect(d6.derivation.nominalEnd == day("2025-11-03"))
        #expect(d6.derivation.holidays.isEmpty)
        let ext = try #require(d6.derivation.extension_)
        #expect(ext.days == 30)
        #expect(ext.grantedOn == day("2025-10-09"))
        #expect(ext.article == "条例2022 第34条")
        #expect(d6.status == .open)
        #expect(try c.deadline(.handling, asOf: "2025-11-03").status == .open)
        #expect(try c.deadline(.handling, asOf: "2025-11-04").status == .missed)
        try c.add(.opinionIssued, "2025-11-03")
        #expect(try c.deadline(.handling, asOf: "2025-11-20").status == .met)
    }

    @Test("D7 extension: 60 days not rolled (make-up Sunday), 60 + 5 rolled over National Day (条例2022 第34条)")
    func d7ExtensionRolledAtEnd() throws {
        var c = try Case(received: "2025-07-21")
        try c.add(.accepted, "2025-07-30")
        // Wed 07-30 + 60 = Sun 09-28 (1 to 07-31, 31 to 08-31, 28 more), a make-up working day → due 09-28
        #expect(try c.deadline(.handling, asOf: "2025-07-30").due == day("2025-09-28"))
        try c.add(.extensionGranted(days: 5, approver: "局长", reason: "需补充调查"), "2025-09-28")
        // Wed 07-30 + 65 = Fri 10-03, off → Thu 10-09
        let d6 = try c.deadline(.handling, asOf: "2025-09-28")
        #expect(d6.due == day("2025-10-09"))
        #expect(d6.derivation.nominalEnd == day("2025-10-03"))
        #expect(runs(d6) == ["国庆节、中秋节 2025-10-03…2025-10-08"])
    }

    // MARK: D8–D11

    /// Received Mon 2025-03-03, forwarded Wed 03-05, accepted Mon 03-10, opinion issued Tue 05-06,
    /// received by the petitioner Thu 05-08.
    func opinionReceived() throws -> Case {
        var c = try Case(received: "2025-03-03")
        try c.add(.forwarded(to: "县人社局"), "2025-03-05")
        try c.add(.accepted, "2025-03-10")
        try c.add(.opinionIssued, "2025-05-06")
        try c.add(.opinionReceived, "2025-05-08")
        return c
    }

    @Test("D8–D11: a full 复查/复核 chain, every deadline met (条例2022 第35/36条)")
    func reviewChain() throws {
        var c = try opinionReceived()
        try c.add(.reviewRequested, "2025-06-03")
        try c.add(.reviewAnswered, "2025-07-01")
        try c.add(.recheckRequested, "2025-07-25")
        try c.add(.recheckAnswered, "2025-08-22")
        let all = c.deadlines(asOf: "2025-09-01")
        #expect(all.map(\.kind) == [.registration, .forwardNotice, .remitObjection, .handling,
                                    .reviewWindow, .reviewAnswer, .recheckWindow, .recheckAnswer])
        func find(_ k: DeadlineKind) throws -> Deadline { try #require(all.first { $0.kind == k }) }
        // D1: Mon 03-03 + 15 = Tue 03-18; forwarded 03-05 → met
        #expect(try find(.registration).due == day("2025-03-18"))
        // D3: Wed 03-05 + 15 = Thu 03-20; accepted 03-10 → met
        #expect(try find(.forwardNotice).due == day("2025-03-20"))
        #expect(try find(.forwardNotice).status == .met)
        // D4: after Wed 03-05: Thu 06, Fri 07, Mon 10, Tue 11, Wed 12 → 03-12; decided 03-10 → not applicable
        #expect(try find(.remitObjection).due == day("2025-03-12"))
        #expect(try find(.remitObjection).status == .notApplicable)
        // D6: Mon 03-10 + 60 = Fri 05-09 (21 to 03-31, 30 to 04-30, 9 more), a working day; issued 05-06 → met
        #expect(try find(.handling).due == day("2025-05-09"))
        // D8: Thu 05-08 + 30 = Sat 06-07 (23 to 05-31, 7 more), rest day → Mon 06-09; requested 06-03 → met
        #expect(try find(.reviewWindow).due == day("2025-06-09"))
        #expect(try find(.reviewWindow).derivation.article == "条例2022 第35条")
        // D9: Tue 06-03 + 30 = Thu 07-03; answered 07-01 → met
        #expect(try find(.reviewAnswer).due == day("2025-07-03"))
        #expect(try find(.reviewAnswer).derivation.article == "条例2022 第35条")
        // D10: Tue 07-01 + 30 = Thu 07-31; requested 07-25 → met
        #expect(try find(.recheckWindow).due == day("2025-07-31"))
        #expect(try find(.recheckWindow).derivation.article == "条例2022 第36条")
        // D11: Fri 07-25 + 30 = Sun 08-24 → Mon 08-25; answered Fri 08-22 → met
        #expect(try find(.recheckAnswer).due == day("2025-08-25"))
        #expect(try find(.recheckAnswer).derivation.article == "条例2022 第36条")
        for d in all where d.kind != .remitObjection {
            #expect(d.status == .met, "\(d.kind.rawValue)")
            #expect(!d.provisional)
        }
    }

    @Test("D8 复查 window: open through the rolled due day, then closed without a request (条例2022 第35条)")
    func d8Window() throws {
        let c = try opinionReceived()
        // Thu 05-08 + 30 = Sat 06-07 → Mon 06-09
        #expect(try c.deadline(.reviewWindow, asOf: "2025-06-09").status == .open)
        let closed = try c.deadline(.reviewWindow, asOf: "2025-06-10")
        #expect(closed.status == .notApplicable)
        #expect(closed.derivation.note?.contains("without a request") == true)
    }

    @Test("D8 复查 request after the window: recorded, marked late (EventAcceptance.lateByDays), D8 missed (条例2022 第35条)")
    func d8LateRequest() throws {
        var inTime = try opinionReceived()
        // D8 due Mon 06-09 (Sat 06-07 rolled): a request on 06-09 is in time
        #expect(try inTime.add(.reviewRequested, "2025-06-09").lateByDays == nil)
        #expect(try inTime.deadline(.reviewWindow, asOf: "2025-06-20").status == .met)

        var late = try opinionReceived()
        let before = late.timeline.events.count
        let acceptance = try late.add(.reviewRequested, "2025-06-12")
        #expect(acceptance.lateByDays == 3)  // Thu 06-12 − Mon 06-09
        #expect(late.timeline.events.count == before + 1)  // recorded
        let d8 = try late.deadline(.reviewWindow, asOf: "2025-06-12")
        #expect(d8.status == .missed)
        #expect(d8.fulfilledOn == day("2025-06-12"))
        #expect(d8.derivation.note?.contains("late") == true)
        // D9 still runs from the request: Thu 06-12 + 30 = Sat 07-12 → Mon 07-14
        #expect(try late.deadline(.reviewAnswer, asOf: "2025-06-12").due == day("2025-07-14"))
    }

    @Test("D10 复核 request after the window: recorded, marked late, D10 missed (条例2022 第36条)")
    func d10LateRequest() throws {
        var c = try opinionReceived()
        try c.add(.reviewRequested, "2025-06-03")
        try c.add(.reviewAnswered, "2025-07-01")
        // D10: Tue 07-01 + 30 = Thu 07-31; requested Mon 08-04 → 4 days late
        #expect(try c.add(.recheckRequested, "2025-08-04").lateByDays == 4)
        #expect(try c.deadline(.recheckWindow, asOf: "2025-08-04").status == .missed)
    }

    @Test("D9 复查 answer: missed when the 复查 body does not answer in 30 days (条例2022 第35条)")
    func d9Missed() throws {
        var c = try opinionReceived()
        try c.add(.reviewRequested, "2025-06-03")
        // Tue 06-03 + 30 = Thu 07-03
        #expect(try c.deadline(.reviewAnswer, asOf: "2025-07-03").status == .open)
        #expect(try c.deadline(.reviewAnswer, asOf: "2025-07-04").status == .missed)
        try c.add(.reviewAnswered, "2025-07-07")
        let late = try c.deadline(.reviewAnswer, asOf: "2025-07-10")
        #expect(late.status == .missed)
        #expect(late.daysOverdue(on: day("2025-07-10")) == 4)  // answered Mon 07-07, 4 days after Thu 07-03
    }

    /// The chain up to a 复核 request on Fri 2025-07-25 (D11 without hearing: Sun 08-24 → Mon 08-25).
    func recheckRequested() throws -> Case {
        var c = try opinionReceived()
        try c.add(.reviewRequested, "2025-06-03")
        try c.add(.reviewAnswered, "2025-07-01")
        try c.add(.recheckRequested, "2025-07-25")
        return c
    }

    @Test("D11 复核 answer: a hearing of 5 days moves the end by 5 days before the roll-forward (条例2022 第36条)")
    func d11HearingPause() throws {
        var c = try recheckRequested()
        // no hearing: Fri 07-25 + 30 = Sun 08-24 → Mon 08-25
        #expect(try c.deadline(.recheckAnswer, asOf: "2025-08-01").due == day("2025-08-25"))
        try c.add(.hearingStarted, "2025-08-11")
        try c.add(.hearingEnded, "2025-08-15")
        // hearing Mon 08-11 … Fri 08-15, first and last day included: k = 5.
        // 07-25 + 30 + 5 = Fri 08-29, a working day → 08-29.
        // (Adding the 5 days after rolling would give Mon 08-25 + 5 = Sat 08-30 → Mon 09-01: wrong.)
        let d11 = try c.deadline(.recheckAnswer, asOf: "2025-08-20")
        #expect(d11.due == day("2025-08-29"))
        #expect(d11.derivation.pauseDays == 5)
        #expect(d11.derivation.nominalEnd == day("2025-08-29"))
        #expect(d11.status == .open)
        #expect(try c.deadline(.recheckAnswer, asOf: "2025-08-30").status == .missed)
        try c.add(.recheckAnswered, "2025-08-28")
        #expect(try c.deadline(.recheckAnswer, asOf: "2025-09-01").status == .met)
    }

    @Test("D11 复核 answer: a hearing in progress is counted through the as-of day (条例2022 第36条)")
    func d11HearingInProgress() throws {
        var c = try recheckRequested()
        try c.add(.hearingStarted, "2025-08-11")
        // as of Wed 08-13: hearing days 11, 12, 13 = 3 → 07-25 + 33 = Wed 08-27
        let d13 = try c.deadline(.recheckAnswer, asOf: "2025-08-13")
        #expect(d13.due == day("2025-08-27"))
        #expect(d13.derivation.pauseDays == 3)
        #expect(d13.status == .open)
        // as of Wed 08-20: days 11 … 20 = 10 → 07-25 + 40 = Wed 09-03
        let d20 = try c.deadline(.recheckAnswer, asOf: "2025-08-20")
        #expect(d20.due == day("2025-09-03"))
        #expect(d20.derivation.pauseDays == 10)
        #expect(d20.status == .open)
        // the 复核 cannot be answered while the hearing goes on
        #expect(c.refusal(.recheckAnswered, "2025-08-20")?.rule.contains("第36条") == true)
    }

    @Test("D11 复核 answer: two hearings add up (条例2022 第36条)")
    func d11TwoHearings() throws {
        var c = try recheckRequested()
        try c.add(.hearingStarted, "2025-08-04")
        try c.add(.hearingEnded, "2025-08-05")  // Mon 08-04, Tue 08-05: 2 days
        try c.add(.hearingStarted, "2025-08-12")
        try c.add(.hearingEnded, "2025-08-12")  // Tue 08-12: 1 day
        // 07-25 + 30 + 3 = Wed 08-27
        let d11 = try c.deadline(.recheckAnswer, asOf: "2025-08-13")
        #expect(d11.derivation.pauseDays == 3)
        #expect(d11.due == day("2025-08-27"))
    }

    // MARK: status

    @Test("status open/met/missed as of different days (D1, 条例2022 第22条)")
    func statuses() throws {
        let c = try Case(received: "2025-11-03")
        // Mon 11-03 + 15 = Tue 11-18, a working day
        #expect(try c.deadline(.registration, asOf: "2025-11-03").status == .open)
        #expect(try c.deadline(.registration, asOf: "2025-11-18").status == .open)
        let missed = try c.deadline(.registration, asOf: "2025-11-19")
        #expect(missed.due == day("2025-11-18"))
        #expect(missed.status == .missed)
        #expect(missed.daysOverdue(on: day("2025-11-19")) == 1)

        var onTime = c
        try onTime.add(.forwarded(to: "镇政府"), "2025-11-18")
        #expect(try onTime.deadline(.registration, asOf: "2025-11-30").status == .met)
        #expect(try onTime.deadline(.registration, asOf: "2025-11-30").daysOverdue(on: day("2025-11-30")) == 0)

        var late = c
        try late.add(.forwarded(to: "镇政府"), "2025-11-20")
        let d1 = try late.deadline(.registration, asOf: "2025-11-30")
        #expect(d1.status == .missed)
        #expect(d1.fulfilledOn == day("2025-11-20"))
        #expect(d1.daysOverdue(on: day("2025-11-30")) == 2)  // 11-20 − 11-18
    }

    @Test("a case closed before a due day: that deadline is not applicable; closed after it: missed")
    func closedBeforeDue() throws {
        var c = try Case(received: "2025-07-28")
        try c.add(.accepted, "2025-08-05")
        // D6 due Thu 10-09 (08-05 + 60 = Sat 10-04, rolled); closed Wed 09-10 without an opinion
        var early = c
        try early.add(.closed, "2025-09-10")
        let d6 = try early.deadline(.handling, asOf: "2025-12-31")
        #expect(d6.status == .notApplicable)
        #expect(d6.derivation.note?.contains("closed") == true)

        // D1: Mon 07-28 + 15 = Tue 08-12; a case closed 08-20 without forwarding or deciding missed it
        var unhandled = try Case(received: "2025-07-28")
        try unhandled.add(.closed, "2025-08-20")
        #expect(try unhandled.deadline(.registration, asOf: "2025-08-20").status == .missed)
        var closedEarly = try Case(received: "2025-07-28")
        try closedEarly.add(.closed, "2025-08-01")
        #expect(try closedEarly.deadline(.registration, asOf: "2025-08-20").status == .notApplicable)
    }

    // MARK: year boundaries

    @Test("year boundary 2025→2026 over 元旦 2026 (off 01-01…01-03, make-up Sun 01-04): D1 and D4")
    func yearBoundary() throws {
        // D1: received Wed 2025-12-17 + 15 = Thu 2026-01-01, off; Fri 01-02, Sat 01-03 off;
        // Sun 01-04 is a make-up working day → due Sun 2026-01-04
        let c = try Case(received: "2025-12-17")
        let d1 = try c.deadline(.registration, asOf: "2025-12-17")
        #expect(d1.due == day("2026-01-04"))
        #expect(d1.derivation.nominalEnd == day("2026-01-01"))
        #expect(runs(d1) == ["元旦 2026-01-01…2026-01-03"])
        #expect(!d1.provisional)

        // D4: forwarded Mon 2025-12-29: Tue 30 (1), Wed 31 (2), 01-01…01-03 off, Sun 01-04 (3), Mon 05 (4), Tue 06 (5)
        var f = try Case(received: "2025-12-22")
        try f.add(.forwarded(to: "区民政局"), "2025-12-29")
        let d4 = try f.deadline(.remitObjection, asOf: "2025-12-29")
        #expect(d4.due == day("2026-01-06"))
        #expect(!d4.provisional)
        // D3: Mon 12-29 + 15 = Tue 2026-01-13
        #expect(try f.deadline(.forwardNotice, asOf: "2025-12-29").due == day("2026-01-13"))
    }

    @Test("the last day with data (2026-12-31) is firm; periods beyond it are provisional")
    func lastDayWithData() throws {
        // D1: received Wed 2026-12-16 + 15 = Thu 12-31, a working day, the last day with data → firm
        let inData = try Case(received: "2026-12-16")
        let firm = try inData.deadline(.registration, asOf: "2026-12-16")
        #expect(firm.due == day("2026-12-31"))
        #expect(!firm.provisional)

        // D1: received Thu 2026-12-17 + 15 = Fri 2027-01-01: no 2027 notice, a weekday → provisional 2027-01-01
        let beyond = try Case(received: "2026-12-17")
        let d1 = try beyond.deadline(.registration, asOf: "2026-12-17")
        #expect(d1.due == day("2027-01-01"))
        #expect(d1.provisional)

        // D6: accepted Fri 2026-11-20 + 60 = Tue 2027-01-19 (10 to 11-30, 31 to 12-31, 19 more) → provisional
        var handling = try Case(received: "2026-11-16")
        try handling.add(.accepted, "2026-11-20")
        let d6 = try handling.deadline(.handling, asOf: "2026-11-20")
        #expect(d6.due == day("2027-01-19"))
        #expect(d6.provisional)
        #expect(d6.status == .open)

        // D4: forwarded Tue 2026-12-29: Wed 30 (1), Thu 31 (2), Fri 2027-01-01 (3, weekday only), Mon 01-04 (4), Tue 01-05 (5)
        var f = try Case(received: "2026-12-21")
        try f.add(.forwarded(to: "区民政局"), "2026-12-29")
        let d4 = try f.deadline(.remitObjection, asOf: "2026-12-29")
        #expect(d4.due == day("2027-01-05"))
        #expect(d4.provisional)
        // D1 of that case stays in the data: Mon 12-21 + 15 = Tue 2027-01-05 → provisional too
        #expect(try f.deadline(.registration, asOf: "2026-12-29").provisional)
    }
}

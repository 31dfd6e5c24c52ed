import Testing
import XinfangCore
import XinfangPolicy

/// Every event the rules refuse: the refusal names the article (or house rule) broken, and the
/// timeline is unchanged (checked by `Case.refusal`).
@Suite("Refused events")
struct RefusalTests {
    /// A 申诉求决 case received Mon 2025-03-03, forwarded Wed 03-05, accepted Mon 03-10.
    /// D6: 03-10 + 60 = Fri 05-09, a working day.
    func accepted(policy: StatutoryPolicy = .cn2022) throws -> Case {
        var c = try Case(received: "2025-03-03", policy: policy)
        try c.add(.forwarded(to: "县人社局"), "2025-03-05")
        try c.add(.accepted, "2025-03-10")
        return c
    }

    func ext(_ days: Int) -> CaseEvent.Kind {
        .extensionGranted(days: days, approver: "县人社局局长", reason: "情况复杂")
    }

    @Test("a second extension is refused (条例2022 第34条)")
    func secondExtension() throws {
        var c = try accepted()
        try c.add(ext(10), "2025-04-01")
        let refusal = try #require(c.refusal(ext(5), "2025-04-10"))
        #expect(refusal.rule == "条例2022 第34条")
        #expect(refusal.reason.contains("once"))
        #expect(refusal.reason.hasPrefix("XF-2025-000001: extension on 2025-04-10 refused"))
    }

    @Test("a second extension under cn-2005 cites 条例2005 第33条")
    func secondExtension2005() throws {
        var c = try accepted(policy: .cn2005)
        try c.add(ext(10), "2025-04-01")
        #expect(c.refusal(ext(5), "2025-04-10")?.rule == "条例2005 第33条")
    }

    @Test("an extension over 30 days (or of no days) is refused; exactly 30 is allowed (条例2022 第34条)")
    func extensionTooLong() throws {
        let c = try accepted()
        #expect(c.refusal(ext(31), "2025-04-01")?.rule.contains("第34条") == true)
        #expect(c.refusal(ext(0), "2025-04-01")?.rule.contains("第34条") == true)
        #expect(c.refusal(ext(-5), "2025-04-01")?.rule.contains("第34条") == true)
        var ok = c
        try ok.add(ext(30), "2025-04-01")
        // 03-10 + 90 = Sun 06-08 (21 to 03-31, 30 to 04-30, 31 to 05-31, 8 more), rest day → Mon 06-09
        #expect(try ok.deadline(.handling, asOf: "2025-04-01").due == day("2025-06-09"))
    }

    @Test("an extension recorded after the due day is refused; on the due day it is allowed (条例2022 第34条)")
    func extensionAfterDue() throws {
        let c = try accepted()
        // D6 due Fri 05-09; Sat 05-10 is a day too late
        let refusal = try #require(c.refusal(ext(10), "2025-05-10"))
        #expect(refusal.rule.contains("第34条"))
        #expect(refusal.reason.contains("2025-05-09"))
        var onDue = c
        try onDue.add(ext(10), "2025-05-09")
        // 03-10 + 70 = Mon 05-19
        #expect(try onDue.deadline(.handling, asOf: "2025-05-09").due == day("2025-05-19"))
    }

    @Test("an extension before acceptance is refused (条例2022 第34条)")
    func extensionBeforeAcceptance() throws {
        var c = try Case(received: "2025-03-03")
        try c.add(.forwarded(to: "县人社局"), "2025-03-05")
        #expect(c.refusal(ext(10), "2025-03-06")?.rule.contains("第34条") == true)
        var refused = try Case(received: "2025-03-03")
        try refused.add(.notAccepted, "2025-03-06")
        #expect(refused.refusal(ext(10), "2025-03-07")?.rule.contains("第34条") == true)
    }

    @Test("an extension after the opinion was issued is refused (条例2022 第34条)")
    func extensionAfterOpinion() throws {
        var c = try accepted()
        try c.add(.opinionIssued, "2025-04-01")
        #expect(c.refusal(ext(10), "2025-04-02")?.rule.contains("第34条") == true)
    }

    @Test("any event on a closed case is refused (办结后不再接收事件)")
    func closedCase() throws {
        var c = try accepted()
        try c.add(.closed, "2025-04-01")
        let kinds: [CaseEvent.Kind] = [
            .forwarded(to: nil), .assigned(to: nil, reportDue: nil), .objected, .accepted, .notAccepted, ext(10),
            .opinionIssued, .opinionReceived, .resultReported, .reviewRequested, .reviewAnswered, .recheckRequested,
            .hearingStarted, .hearingEnded, .recheckAnswered, .closed, .evaluated(.satisfied), .received,
        ]
        for kind in kinds {
            for on in ["2025-04-01", "2025-04-02"] {
                let refusal = c.refusal(kind, on)
                #expect(refusal?.rule == "办结后不再接收事件", "\(kind.name) on \(on)")
                #expect(refusal?.reason.contains("2025-04-01") == true)
            }
        }
    }

    @Test("复查 answered with no request is refused (条例2022 第35条)")
    func reviewAnsweredWithoutRequest() throws {
        var c = try accepted()
        try c.add(.opinionIssued, "2025-05-06")
        try c.add(.opinionReceived, "2025-05-08")
        let refusal = try #require(c.refusal(.reviewAnswered, "2025-05-20"))
        #expect(refusal.rule == "条例2022 第35条")
        #expect(refusal.reason.contains("before its request"))
    }

    @Test("复核 answered with no request is refused (条例2022 第36条)")
    func recheckAnsweredWithoutRequest() throws {
        var c = try accepted()
        try c.add(.opinionIssued, "2025-05-06")
        try c.add(.opinionReceived, "2025-05-08")
        try c.add(.reviewRequested, "2025-06-03")
        try c.add(.reviewAnswered, "2025-07-01")
        #expect(c.refusal(.recheckAnswered, "2025-07-10")?.rule == "条例2022 第36条")
        // also on a case that never reached 复查
        #expect(try accepted().refusal(.recheckAnswered, "2025-03-11")?.rule == "条例2022 第36条")
    }

    @Test("a hearing ended without a start is refused (条例2022 第36条)")
    func hearingEndedWithoutStart() throws {
        var c = try accepted()
        try c.add(.opinionIssued, "2025-05-06")
        try c.add(.opinionReceived, "2025-05-08")
        try c.add(.reviewRequested, "2025-06-03")
        try c.add(.reviewAnswered, "2025-07-01")
        try c.add(.recheckRequested, "2025-07-25")
        #expect(c.refusal(.hearingEnded, "2025-08-01")?.rule == "条例2022 第36条")
        // nor twice: after a hearing ended, another end is refused
        try c.add(.hearingStarted, "2025-08-04")
        try c.add(.hearingEnded, "2025-08-05")
        #expect(c.refusal(.hearingEnded, "2025-08-06")?.rule == "条例2022 第36条")
        // and a hearing without a 复核 request
        #expect(try accepted().refusal(.hearingStarted, "2025-03-11")?.rule == "条例2022 第36条")
    }

    @Test("a 复核 request before the 复查 answer is refused (条例2022 第36条)")
    func recheckBeforeReviewAnswer() throws {
        var c = try accepted()
        try c.add(.opinionIssued, "2025-05-06")
        try c.add(.opinionReceived, "2025-05-08")
        try c.add(.reviewRequested, "2025-06-03")
        #expect(c.refusal(.recheckRequested, "2025-06-10")?.rule == "条例2022 第36条")
    }

    @Test("a 复查 request without a written opinion is refused (条例2022 第35条)")
    func reviewWithoutOpinion() throws {
        #expect(try accepted().refusal(.reviewRequested, "2025-03-20")?.rule == "条例2022 第35条")
    }

    @Test("an event dated before the previous one is refused (事件按日期顺序记录); the same day is fine")
    func outOfOrder() throws {
        var c = try accepted()  // last event: accepted Mon 03-10
        let refusal = try #require(c.refusal(.opinionIssued, "2025-03-09"))
        #expect(refusal.rule == "事件按日期顺序记录")
        #expect(refusal.reason.contains("2025-03-10"))
        // before the receipt itself
        #expect(try Case(received: "2025-03-03").refusal(.forwarded(to: nil), "2025-03-02")?.rule == "事件按日期顺序记录")
        try c.add(.opinionIssued, "2025-03-10")
    }

    @Test("further review after the 复核 answer is refused: the matter is final (条例2022 第36条)")
    func afterRecheckAnswer() throws {
        var c = try accepted()
        try c.add(.opinionIssued, "2025-05-06")
        try c.add(.opinionReceived, "2025-05-08")
        try c.add(.reviewRequested, "2025-06-03")
        try c.add(.reviewAnswered, "2025-07-01")
        try c.add(.recheckRequested, "2025-07-25")
        try c.add(.recheckAnswered, "2025-08-22")
        for kind: CaseEvent.Kind in [.reviewRequested, .recheckRequested, .hearingStarted] {
            let refusal = c.refusal(kind, "2025-08-25")
            #expect(refusal?.rule == "条例2022 第36条", "\(kind.name)")
            #expect(refusal?.reason.contains("final") == true, "\(kind.name)")
        }
        // closing the case is still allowed
        try c.add(.closed, "2025-08-25")
    }

    @Test("other sequence rules: a second receipt, a forward after the decision, a second decision, an objection without a forward")
    func otherSequenceRules() throws {
        let c = try accepted()
        #expect(c.refusal(.received, "2025-03-11") != nil)
        #expect(c.refusal(.forwarded(to: "市信访局"), "2025-03-11")?.rule == "条例2022 第23条")
        #expect(c.refusal(.accepted, "2025-03-11")?.rule == "条例2022 第23条")
        #expect(c.refusal(.notAccepted, "2025-03-11")?.rule == "条例2022 第23条")
        #expect(try Case(received: "2025-03-03").refusal(.objected, "2025-03-04")?.rule == "条例2022 第23条")
        #expect(c.refusal(.opinionReceived, "2025-03-11")?.rule == "条例2022 第35条")
    }
}

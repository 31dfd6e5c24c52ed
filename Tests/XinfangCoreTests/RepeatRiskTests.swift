import Testing
import XinfangCore

/// 重复访 in the risk ranking counts the real repeats: the factor's points (20 by default) once per
/// repeat petition linked to the case's matter; a flagged repeat without links counts once.
@Suite("Risk ranking counts linked repeat petitions")
struct RepeatRiskTests {
    let ranking = RiskRanking(window: Day(year: 2025, month: 9, day: 28)!...Day(year: 2025, month: 10, day: 8)!, asOf: Day(year: 2025, month: 9, day: 25)!)

    func facts(_ number: String, repeated: Bool = false, repeatOf: String? = nil) -> CaseFacts {
        CaseFacts(number: number, received: day("2025-06-02"), category: .claim, unit: "住建局", repeated: repeated, repeatOf: repeatOf)
    }

    @Test("a first case with 2 linked repeats scores 2 × 20 = 40, explained as 本事项重复信访2次")
    func linked() {
        let a = ranking.assess(RiskInput(facts: facts("XF-A"), deadlines: [], linkedRepeats: 2))
        #expect(a.score == 40)
        #expect(a.explanation == "重复访（本事项重复信访2次）+40")
    }

    @Test("a flagged repeat without links, or a linked one counted for its matter, scores once or per repeat")
    func flagged() {
        #expect(ranking.assess(RiskInput(facts: facts("XF-B", repeated: true), deadlines: [])).explanation == "重复访+20")
        #expect(ranking.assess(RiskInput(facts: facts("XF-C", repeatOf: "XF-A"), deadlines: [], linkedRepeats: 3)).score == 60)
        #expect(ranking.assess(RiskInput(facts: facts("XF-D"), deadlines: [])).score == 0)
    }
}

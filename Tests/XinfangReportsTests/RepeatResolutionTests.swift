import Testing
import XinfangCore
import XinfangReports

/// 一次性化解率 with linked repeats: a case answered at the first handling is not 一次性化解 when a
/// repeat petition naming it (重件 → 初件) was received by the period's end; one received after the
/// end is not seen by that bulletin. Period 2025-03-01 … 2025-03-31, one unit.
@Suite("一次性化解率 sees linked repeats received by the period end")
struct RepeatResolutionTests {
    func first(repeatOn: String?) -> BulletinCase {
        var c = BulletinCase(number: "XF-1", unit: "县人社局", received: day("2025-03-03"), accepted: day("2025-03-05"), answered: day("2025-03-20"))
        c.firstRepeatReceived = repeatOn.map { day($0) }
        return c
    }

    func resolved(_ c: BulletinCase) -> Measure {
        Bulletin.compute(cases: [c], from: day("2025-03-01"), through: day("2025-03-31"), unit: nil).total.period[.firstTimeResolution]
    }

    @Test("accepted 03-05, answered 03-20: 1/1 with no repeat, 0/1 with a repeat on 03-28, 1/1 with one on 04-02")
    func repeatsBeforeAndAfterTheEnd() {
        #expect(resolved(first(repeatOn: nil)) == Measure(kind: .firstTimeResolution, numerator: 1, denominator: 1))
        #expect(resolved(first(repeatOn: "2025-03-28")) == Measure(kind: .firstTimeResolution, numerator: 0, denominator: 1))
        #expect(resolved(first(repeatOn: "2025-04-02")) == Measure(kind: .firstTimeResolution, numerator: 1, denominator: 1))
    }
}

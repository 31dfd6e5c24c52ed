import Testing
import XinfangCore

@Suite("The bimonthly bulletin covers the two calendar months before the month it is written in")
struct BulletinPeriodTests {
    @Test("written in March: January and February (28 days in 2026, 29 in 2024); in January: November and December of the year before")
    func periods() {
        let march = BulletinPeriod(writtenOn: Day(year: 2026, month: 3, day: 2)!)
        #expect(march.first == Day(year: 2026, month: 1, day: 1)! && march.last == Day(year: 2026, month: 2, day: 28)!)
        let leap = BulletinPeriod(writtenOn: Day(year: 2024, month: 3, day: 31)!)
        #expect(leap.first == Day(year: 2024, month: 1, day: 1)! && leap.last == Day(year: 2024, month: 2, day: 29)!)
        let january = BulletinPeriod(writtenOn: Day(year: 2026, month: 1, day: 5)!)
        #expect(january.first == Day(year: 2025, month: 11, day: 1)! && january.last == Day(year: 2025, month: 12, day: 31)!)
        let february = BulletinPeriod(writtenOn: Day(year: 2026, month: 2, day: 1)!)
        #expect(february.first == Day(year: 2025, month: 12, day: 1)! && february.last == Day(year: 2026, month: 1, day: 31)!)
    }
}

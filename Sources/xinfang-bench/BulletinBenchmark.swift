import XinfangCore
import XinfangReports

/// Bulletins at province scale (issue: bulletin measures): 1,000,000 synthetic cases over 500 units,
/// received from 2024-10 to 2025-12, counted for 2025 (12 months), then rendered as Markdown, CSV
/// and HTML. The cases are generated deterministically, outside the measurement.
public enum BulletinBenchmark {
    /// Runs the benchmark; one line of figures.
    public static func run() -> String {
        let cases = syntheticCases(count: 1_000_000, units: 500)
        let from = Day(year: 2025, month: 1, day: 1)!
        let through = Day(year: 2025, month: 12, day: 31)!
        let clock = ContinuousClock()

        var bulletin = Bulletin.compute(cases: cases, from: from, through: through, unit: nil)
        var best = Duration.seconds(1000)
        for _ in 0..<3 {
            let elapsed = clock.measure {
                bulletin = Bulletin.compute(cases: cases, from: from, through: through, unit: nil)
            }
            best = min(best, elapsed)
        }
        var one = bulletin
        let filtered = clock.measure {
            one = Bulletin.compute(cases: cases, from: from, through: through, unit: "县人力资源和社会保障局第007科")
        }
        var markdown = "", csv = "", html = ""
        let markdownTime = clock.measure { markdown = bulletin.markdown() }
        let csvTime = clock.measure { csv = bulletin.csv() }
        let htmlTime = clock.measure { html = bulletin.html() }
        let total = bulletin.total.period
        return "bulletin: \(cases.count) cases, \(bulletin.units.count) units, \(bulletin.months.count) months: "
            + "compute \(ms(best)) (best of 3), one unit \(ms(filtered)) (\(one.total.period.received) received); "
            + "markdown \(ms(markdownTime)) (\(markdown.utf8.count / 1024) KiB), csv \(ms(csvTime)) (\(csv.utf8.count / 1024) KiB), "
            + "html \(ms(htmlTime)) (\(html.utf8.count / 1024) KiB); compute + all three \(ms(best + markdownTime + csvTime + htmlTime)); "
            + "2025 total: \(total.received) received, \(total.answered) answered, \(total.pending) pending, \(total.overdue) overdue, "
            + "按期办结率 \(total[.onTimeAnswer].percentText ?? "—")%"
    }

    /// `count` cases over `units` units (a few names with `&`, `<`, quotes and commas), the same on
    /// every run. Each case gets its own copy of its unit's name, as rows read from the store do.
    static func syntheticCases(count: Int, units: Int) -> [BulletinCase] {
        var rng = SplitMix64(state: 20_250_101)
        let names: [String] = (0..<units).map { k in
            let n = k < 10 ? "00\(k)" : k < 100 ? "0\(k)" : "\(k)"
            switch k % 100 {
            case 17: return "县直单位\(n) & \"联合\"办公室, <试点>"
            default: return "县人力资源和社会保障局第\(n)科"
            }
        }
        let first = Day(year: 2024, month: 10, day: 1)!.number
        let last = Day(year: 2025, month: 12, day: 31)!.number
        let ratings: [Rating] = [.satisfied, .satisfied, .satisfied, .basicallySatisfied, .basicallySatisfied, .dissatisfied]
        var cases: [BulletinCase] = []
        cases.reserveCapacity(count)
        for i in 0..<count {
            let r = rng.next()
            let received = Day(number: first + Int(r % UInt64(last - first + 1)))
            let unit = String(decoding: Array(names[Int((r >> 20) % UInt64(units))].utf8), as: UTF8.self)
            var c = BulletinCase(number: "XF-\(i)", unit: unit, received: received, category: .claim,
                                 repeated: (r >> 40) % 100 < 8)
            let s = rng.next()
            if s % 100 < 90 {
                let delay = Int((s >> 8) % 21)
                let accepted = received.adding(days: delay)
                c.accepted = accepted
                c.acceptedInTime = delay <= 15
                c.handlingDue = accepted.adding(days: 60)
                if (s >> 16) % 100 < 85 {
                    let took = 10 + Int((s >> 24) % 71)
                    c.answered = accepted.adding(days: took)
                    c.answeredOnTime = took <= 60
                    let e = (s >> 32) % 100
                    if e < 70 {
                        c.evaluation = ratings[Int((s >> 40) % 6)]
                    } else if e < 85 {
                        c.evaluationOverdue = true
                    }
                    c.reviewRequested = (s >> 48) % 100 < 5
                }
            }
            cases.append(c)
        }
        return cases
    }

    private static func ms(_ d: Duration) -> String {
        let c = d.components
        return "\(c.seconds * 1000 + (c.attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000) ms"
    }
}

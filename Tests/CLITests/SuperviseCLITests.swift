import Foundation
import Testing
import XinfangTesting

@Suite("xinfangctl supervise and period")
struct SuperviseCLITests {
    func store() throws -> (dir: String, args: [String]) {
        let configuration = try StoreConfiguration("sup")
        return (configuration.folder, configuration.arguments)
    }

    @Test("orders climb the ladder across National Day 2025; three breaches in 90 days put the unit on the yellow-card list")
    func ladderAndYellowCard() throws {
        let (_, s) = try store()
        #expect(try CLI.run(["unit", "add", "县住建局"] + s).status == 0)
        for (id, due) in [("DB-1", "2025-09-30"), ("DB-2", "2025-10-10"), ("DB-3", "2025-10-20")] {
            let r = try CLI.run(["supervise", "issue", id, "--unit", "县住建局", "--by", "县信访局", "--issued", "2025-09-20", "--due", due] + s)
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try CLI.run(["supervise", "feedback", "DB-2", "--on", "2025-10-09"] + s).status == 0)
        let list = try CLI.run(["supervise", "list", "--as-of", "2025-11-01", "--json"] + s)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let db1 = try #require(rows.first { $0["id"] as? String == "DB-1" })
        // Due Tue 09-30: reminder Fri 09-26 (3 working days before, the make-up Sunday 09-28 counting),
        // 催办 Thu 10-09 (the first working day after 10-01…10-08), 通报 Tue 10-14 (5th working day after).
        #expect((db1["steps"] as? [String])?.map { String($0.prefix(10)) } == ["2025-09-26", "2025-10-09", "2025-10-14"])
        #expect((db1["breaches"] as? [String])?.count == 1)
        // DB-2 answered in time; DB-1 and DB-3 breached: two breaches, no card yet.
        let none = try CLI.run(["supervise", "yellow-cards", "--as-of", "2025-11-01", "--json"] + s)
        #expect((try JSONSerialization.jsonObject(with: Data(none.stdout.utf8)) as? [[String: Any]])?.isEmpty == true)
        #expect(try CLI.run(["supervise", "issue", "DB-4", "--unit", "县住建局", "--by", "县信访局", "--issued", "2025-10-20", "--due", "2025-10-27"] + s).status == 0)
        let card = try CLI.run(["supervise", "yellow-cards", "--as-of", "2025-11-01", "--json"] + s)
        let cards = try #require(try JSONSerialization.jsonObject(with: Data(card.stdout.utf8)) as? [[String: Any]])
        #expect(cards.map { $0["unit"] as? String } == ["县住建局"])
        #expect(cards.first?["breaches"] as? Int == 3)
        #expect(try CLI.run(["supervise", "feedback", "DB-9"] + s).status == 2)
    }

    @Test("supervise feedback is shown by supervise list: the day it came in, also for an order without a feedback due date")
    func feedbackShownInList() throws {
        let (_, s) = try store()
        #expect(try CLI.run(["unit", "add", "县住建局"] + s).status == 0)
        // cn-2022 sets no feedback due date: the order has none.
        #expect(try CLI.run(["supervise", "issue", "DB-5", "--unit", "县住建局", "--by", "县信访局", "--issued", "2025-09-20"] + s).status == 0)
        let before = try CLI.run(["supervise", "list", "--as-of", "2025-11-01"] + s)
        #expect(before.stdout.contains("未反馈 no feedback yet"), "\(before.stdout)")
        let recorded = try CLI.run(["supervise", "feedback", "DB-5", "--on", "2025-10-09"] + s)
        #expect(recorded.status == 0 && recorded.stdout.contains("DB-5") && recorded.stdout.contains("2025-10-09"), "\(recorded)")
        let text = try CLI.run(["supervise", "list", "--as-of", "2025-11-01"] + s).stdout
        #expect(text.contains("反馈期限 feedback due — · 已反馈 feedback received 2025-10-09"), "\(text)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["supervise", "list", "--as-of", "2025-11-01", "--json"] + s).stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["feedbackReceived"] as? String == "2025-10-09")
        // As of a day before it came in, there was none yet.
        #expect(try CLI.run(["supervise", "list", "--as-of", "2025-10-01"] + s).stdout.contains("未反馈 no feedback yet"))
    }

    @Test("a missed statutory deadline proposes a 督办 (条例2022 第40条)")
    func proposals() throws {
        let (_, s) = try store()
        for args in [["unit", "add", "县人社局"],
                     ["case", "add", "XF-S1", "--received", "2026-09-20", "--category", "申诉求决", "--unit", "县人社局"],
                     ["event", "add", "XF-S1", "accepted", "--on", "2026-09-25"]] {
            #expect(try CLI.run(args + s).status == 0)
        }
        // Accepted Fri 09-25 + 60 = Tue 11-24: missed by 12-01.
        let r = try CLI.run(["supervise", "proposals", "--as-of", "2026-12-01", "--json"] + s)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["deadline"] as? String } == ["D6"])
        #expect(rows.first?["due"] as? String == "2026-11-24" && rows.first?["article"] as? String == "条例2022 第40条")
        #expect((rows.first?["command"] as? String)?.hasPrefix("xinfangctl supervise issue DB-XF-S1-D6 --case XF-S1") == true)
    }

    @Test("period add validates and appends to the periods file next to the configuration; list marks those in force")
    func periods() throws {
        let (dir, s) = try store()
        #expect(try CLI.run(["period", "add", "两会", "--first", "2027-03-03", "--last", "2027-03-15", "--level", "2", "--cutoff", "15:00"] + s).status == 0)
        let bad = try CLI.run(["period", "add", "反了", "--first", "2027-03-15", "--last", "2027-03-03"] + s)
        #expect(bad.status == 2)
        let list = try CLI.run(["period", "list", "--on", "2027-03-10"] + s)
        #expect(list.stdout.contains("* 两会  2027-03-03…2027-03-15  level 2  report by 15:00"))
        #expect(!(try String(contentsOfFile: dir + "/periods.toml", encoding: .utf8)).contains("反了"))
    }
}

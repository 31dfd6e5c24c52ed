import Foundation
import Testing
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// The dashboard (工作台) read from a real SQLite store whose deadlines the engine computed, on a
/// pinned day: Tue 2026-11-10. The national policies warn 3 working days ahead: Wed 11-11, Thu
/// 11-12, Fri 11-13 — the window ends Sun 11-15, the day before the 4th working day (Mon 11-16).
/// A 申诉求决 case accepted on day A owes D6 on A + 60 days (条例2022 第32条), rolled off rest days.
@Suite("The dashboard read model: lights, scope per role, filters, urgency order, pages, counts")
struct DashboardTests {
    static let calendar: WorkingCalendar = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! CalendarLocator.load(id: "cn", directory: root.appendingPathComponent("etc/calendars").path)
    }()
    static let today = Day(year: 2026, month: 11, day: 10)!
    static let registry = PolicyRegistry.builtIn()
    static let unitA = "县人社局", unitB = "县住建局", unitC = "县教育局"
    static let leader1 = "王副县长", leader2 = "李副县长", leader3 = "赵副县长"

    static func d(_ text: String) -> Day { Day(text)! }

    /// A store with the units and leaders, and the engine's deadlines for `cases` (number, unit,
    /// leader, category, accepted day, closed day), each received 5 days before it was accepted.
    static func store(_ cases: [(String, String, String?, PetitionCategory, Day, Day?)]) throws -> SQLiteStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-dashboard-\(UUID().uuidString)").path
        let store = try SQLiteStore(path: directory + "/xinfang.sqlite")
        for unit in [unitA, unitB, unitC] { try store.addUnit(name: unit, address: nil, actor: "test") }
        for leader in [leader1, leader2, leader3] { try store.addLeader(name: leader, title: nil, unit: nil, address: nil, actor: "test") }
        let recorder = CaseRecorder(store: store, registry: registry, calendar: calendar, actor: "test")
        for (number, unit, leader, category, accepted, closed) in cases {
            var events: [(event: CaseEvent, note: String?)] = [(CaseEvent(.accepted, on: accepted), nil)]
            if let closed { events.append((CaseEvent(.closed, on: closed), nil)) }
            try recorder.addCase(CaseFacts(number: number, received: accepted.adding(days: -5), category: category, unit: unit, leader: leader,
                                           title: "事项摘要\(number)"), petitioner: nil, events: events)
        }
        let scheduling = Scheduling(calendar: calendar, reminders: StandardReminderPolicy(), time: LocalTime())
        let now = Int64(today.number) * 86_400 + 4 * 3600  // 12:00 in Beijing
        while try store.recomputeDirty(limit: 1000, settleUntil: nil, compute: { t, old in
            scheduling.rows(for: t, policy: registry.policy(forUnit: t.facts.unit), existing: old, now: now)
        }) > 0 {}
        return store
    }

    /// The hand-worked cases: their D6 due days and lights on Tue 11-10.
    static let handCases: [(String, String, String?, PetitionCategory, Day, Day?)] = [
        ("A-G4", unitA, nil, .claim, d("2026-09-17"), nil),  // Thu 09-17 + 60 = Mon 11-16: 4 working days left → 绿
        ("A-Y3", unitA, leader1, .claim, d("2026-09-14"), nil),  // Mon 09-14 + 60 = Fri 11-13: 3 working days left → 黄
        ("A-R1", unitA, leader2, .claim, d("2026-09-10"), nil),  // Thu 09-10 + 60 = Mon 11-09: yesterday → 红, 1 day
        ("A-R7", unitA, leader1, .claim, d("2026-09-04"), nil),  // Fri 09-04 + 60 = Tue 11-03 → 红, 7 days
        ("B-R1", unitB, leader1, .claim, d("2026-09-09"), nil),  // Wed 09-09 + 60 = Sun 11-08 → Mon 11-09 → 红, 1 day
        ("B-Y0", unitB, leader2, .claim, d("2026-09-11"), nil),  // Fri 09-11 + 60 = Tue 11-10: due today → 黄
        ("A-C1", unitA, leader1, .claim, d("2026-09-04"), d("2026-11-05")),  // closed: not on the dashboard
    ]

    func dashboard(_ store: SQLiteStore, _ principal: Principal, _ filters: Dashboard.Filters = .init(), limit: Int = 50,
                   cursor: String? = nil) throws -> Dashboard {
        try Dashboard(principal: principal, filters: filters, store: store, registry: Self.registry, calendar: Self.calendar, today: Self.today,
                      limit: limit, cursor: cursor)
    }

    static let admin = Principal(username: "admin", role: .admin)

    @Test("lights and the nearest deadline worked out by hand; most overdue first, then nearest due; the closed case left out")
    func handWorked() throws {
        let store = try Self.store(Self.handCases)
        let board = try dashboard(store, Self.admin)
        #expect(board.items.map(\.caseNumber) == ["A-R7", "A-R1", "B-R1", "B-Y0", "A-Y3", "A-G4"])
        #expect(board.items.map(\.light) == [.red, .red, .red, .yellow, .yellow, .green])
        #expect(board.items.map(\.deadline?.due) == ["2026-11-03", "2026-11-09", "2026-11-09", "2026-11-10", "2026-11-13", "2026-11-16"])
        #expect(board.items.map(\.deadline?.kind) == Array(repeating: "D6", count: 6))
        #expect(board.items.map(\.deadline?.overdueDays) == [7, 1, 1, nil, nil, nil])
        #expect(board.items.map(\.deadline?.workingDaysLeft) == [nil, nil, nil, 0, 3, 4])
        #expect(board.items.map(\.deadline?.state) == ["已逾期7天", "已逾期1天", "已逾期1天", "今日到期", "剩余3个工作日", "剩余4个工作日"])
        #expect(board.items[0].lightName == "红灯" && board.items[0].title == "事项摘要A-R7" && board.items[0].deadline?.weekday == "周二")
        #expect(board.counts == DashboardCounts(open: 6, dueSoon: 2, overdue: 3))
        #expect(board.warningWorkingDays == 3)
        #expect(board.nextCursor == nil)
    }

    @Test("scope per role: a clerk sees only the unit's cases, a leader only own cases, a viewer all; filters cannot widen a scope")
    func scopePerRole() throws {
        let store = try Self.store(Self.handCases)
        let clerkA = Principal(username: "a.clerk", role: .clerk, units: [Self.unitA])
        let a = try dashboard(store, clerkA)
        #expect(a.items.map(\.caseNumber) == ["A-R7", "A-R1", "A-Y3", "A-G4"])
        #expect(a.counts == DashboardCounts(open: 4, dueSoon: 1, overdue: 2))
        let other = try dashboard(store, clerkA, .init(unit: Self.unitB))
        #expect(other.items.isEmpty && other.counts == DashboardCounts(open: 0, dueSoon: 0, overdue: 0))
        let leader = try dashboard(store, Principal(username: "wang", role: .leader, leader: Self.leader1))
        #expect(leader.items.map(\.caseNumber) == ["A-R7", "B-R1", "A-Y3"])
        #expect(leader.counts == DashboardCounts(open: 3, dueSoon: 1, overdue: 2))
        #expect(try dashboard(store, Principal(username: "wang", role: .leader, leader: Self.leader1), .init(leader: Self.leader2)).items.isEmpty)
        #expect(try dashboard(store, Principal(username: "nobody", role: .leader)).items.isEmpty)
        #expect(try dashboard(store, Principal(username: "nounit", role: .clerk)).counts.open == 0)
        let api = try dashboard(store, Principal(username: "sys", role: .api, units: [Self.unitA, Self.unitB]))
        #expect(api.items.count == 6)
        #expect(try dashboard(store, Principal(username: "v", role: .viewer)).items.count == 6)
        // Every row a principal gets, Access.swift's rule lets it see.
        for principal in [clerkA, Principal(username: "li", role: .leader, leader: Self.leader2)] {
            for item in try dashboard(store, principal).items {
                #expect(principal.canSee(caseUnit: item.unit, caseLeader: item.leader), "\(principal.username) \(item.caseNumber)")
            }
        }
    }

    @Test("filters: light, due within N working days (overdue included), leader, category")
    func filters() throws {
        let store = try Self.store(Self.handCases + [("C-S1", Self.unitC, nil, .suggestion, Self.d("2026-10-01"), nil)])
        #expect(try dashboard(store, Self.admin, .init(light: .yellow)).items.map(\.caseNumber) == ["B-Y0", "A-Y3"])
        #expect(try dashboard(store, Self.admin, .init(light: .red)).items.map(\.caseNumber) == ["A-R7", "A-R1", "B-R1"])
        let green = try dashboard(store, Self.admin, .init(light: .green)).items
        #expect(green.map(\.caseNumber).contains("A-G4") && green.allSatisfy { $0.light == .green })
        // Within 0 working days: overdue and due today; within 4: through Mon 11-16.
        #expect(try dashboard(store, Self.admin, .init(dueWithinWorkingDays: 0)).items.map(\.caseNumber) == ["A-R7", "A-R1", "B-R1", "B-Y0"])
        #expect(try dashboard(store, Self.admin, .init(dueWithinWorkingDays: 4)).items.map(\.caseNumber).last == "A-G4")
        #expect(try dashboard(store, Self.admin, .init(leader: Self.leader2)).items.map(\.caseNumber) == ["A-R1", "B-Y0"])
        let suggestions = try dashboard(store, Self.admin, .init(category: .suggestion))
        #expect(suggestions.items.map(\.caseNumber) == ["C-S1"] && suggestions.counts.open == 1)
        #expect(try dashboard(store, Self.admin, .init(unit: Self.unitB, light: .red)).items.map(\.caseNumber) == ["B-R1"])
    }

    /// 300 cases over three units and three leaders, accepted over four months (a few closed).
    static func bulkCases() -> [(String, String, String?, PetitionCategory, Day, Day?)] {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int { state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int((state >> 33) % UInt64(n)) }
        return (0..<300).map { k in
            let accepted = Day(year: 2026, month: 8, day: 1)!.adding(days: next(120))
            let units = [unitA, unitB, unitC], leaders: [String?] = [leader1, leader2, leader3, nil]
            return (String(format: "XF-%03d", k), units[next(3)], leaders[next(4)], k % 10 == 0 ? .suggestion : .claim, accepted,
                    k % 17 == 0 ? accepted.adding(days: 20) : nil)
        }
    }

    @Test("pages of 7 follow each other by cursor: together the whole list in urgency order, no case twice or left out")
    func pagination() throws {
        let store = try Self.store(Self.bulkCases())
        for principal in [Self.admin, Principal(username: "b", role: .clerk, units: [Self.unitB]),
                          Principal(username: "li", role: .leader, leader: Self.leader2)] {
            let whole = try dashboard(store, principal, limit: 500).items
            var paged: [Dashboard.Item] = []
            var cursor: String?
            repeat {
                let page = try dashboard(store, principal, limit: 7, cursor: cursor)
                #expect(page.items.count == 7 || page.nextCursor == nil)
                paged += page.items
                cursor = page.nextCursor
            } while cursor != nil
            #expect(paged == whole, "\(principal.username)")
            #expect(Set(paged.map(\.caseNumber)).count == paged.count)
            // Urgency order: by the nearest due day (none last), then by number.
            let keys = whole.map { ($0.deadline.map { Day($0.due)!.number } ?? Int.max, $0.caseNumber) }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "\(principal.username)")
        }
        #expect(throws: DashboardError.self) { try dashboard(store, Self.admin, cursor: "not a cursor!") }
        #expect(throws: DashboardError.self) { try dashboard(store, Self.admin, limit: 0) }
    }

    @Test("counts and lights equal a brute-force count over every case's stored deadline rows, per role and filter")
    func bruteForce() throws {
        let store = try Self.store(Self.bulkCases())
        let window = LightWindow(today: Self.today, workingDays: 3, calendar: Self.calendar)
        // Every case by its own record: open or not, its stored rows, the light of the nearest owed one.
        var truth: [(number: String, unit: String, leader: String?, category: PetitionCategory, light: Light)] = []
        for (number, _, _, _, _, _) in Self.bulkCases() {
            let record = try #require(try store.caseRecord(number: number))
            guard record.closed == nil else { continue }
            let owed = record.stored.deadlines.filter(ScheduleReader.owed).compactMap(\.due)
            let f = record.stored.timeline.facts
            truth.append((number, f.unit, f.leader, f.category, window.light(nextDue: owed.min())))
        }
        #expect(truth.count == 300 - 18)
        let principals = [Self.admin, Principal(username: "a", role: .clerk, units: [Self.unitA]),
                          Principal(username: "w", role: .leader, leader: Self.leader1), Principal(username: "x", role: .api, units: [Self.unitB, Self.unitC])]
        let filterSets: [Dashboard.Filters] = [.init(), .init(unit: Self.unitC), .init(leader: Self.leader3), .init(category: .suggestion),
                                               .init(unit: Self.unitA, category: .claim)]
        for principal in principals {
            for filters in filterSets {
                let mine = truth.filter { t in
                    principal.canSee(caseUnit: t.unit, caseLeader: t.leader) && (filters.unit.map { t.unit == $0 } ?? true)
                        && (filters.leader.map { t.leader == $0 } ?? true) && (filters.category.map { t.category == $0 } ?? true)
                }
                let board = try dashboard(store, principal, filters, limit: 500)
                let expected = DashboardCounts(open: mine.count, dueSoon: mine.filter { $0.light == .yellow }.count,
                                               overdue: mine.filter { $0.light == .red }.count)
                #expect(board.counts == expected, "\(principal.username) \(filters)")
                #expect(Set(board.items.map(\.caseNumber)) == Set(mine.map(\.number)), "\(principal.username) \(filters)")
                let lights = Dictionary(uniqueKeysWithValues: mine.map { ($0.number, $0.light) })
                #expect(board.items.allSatisfy { lights[$0.caseNumber] == $0.light }, "\(principal.username) \(filters)")
            }
        }
        #expect(truth.contains { $0.light == .red } && truth.contains { $0.light == .yellow } && truth.contains { $0.light == .green })
    }

    @Test("a unit's owed deadlines (the due list) are those of all units narrowed to it, a closed case's missed deadline included")
    func dueListOfUnit() throws {
        let store = try Self.store(Self.bulkCases() + Self.handCases)
        for through in [Self.today.adding(days: 7), Self.today.adding(days: -1), Self.today.adding(days: 400)] as [Day?] + [nil] {
            let all = try store.owedDeadlines(dueThrough: through, unit: nil)
            for unit in [Self.unitA, Self.unitB, Self.unitC] {
                let key = { (r: CaseDeadline) in "\(r.caseNumber) \(r.deadline.kind.rawValue) \(r.deadline.due!)" }
                #expect(try store.owedDeadlines(dueThrough: through, unit: unit).map(key).sorted() == all.filter { $0.unit == unit }.map(key).sorted())
            }
        }
        #expect(try store.owedDeadlines(dueThrough: Self.today, unit: Self.unitA).contains { $0.caseNumber == "A-C1" })
    }
}

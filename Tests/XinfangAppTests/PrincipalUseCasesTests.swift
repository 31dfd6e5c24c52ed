import Foundation
import GRDB
import Testing
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangFiles
import XinfangPolicy
import XinfangPorts
import XinfangStore

/// The use cases the web pages and the JSON API call, on real SQLite stores. The case A-1 (申诉求决,
/// 县人社局, 包案领导 王副县长) was received Wed 2026-09-09 and accepted Mon 2026-09-14: D6 is due
/// Mon 09-14 + 60 days = Fri 2026-11-13 (条例2022 第32条); one extension of up to 30 days may be
/// granted by then (第34条): granted on Mon 11-02 for 30 days, 11-13 + 30 = Sun 12-13, rolled to
/// Mon 2026-12-14. Times do not depend on the day the tests run.
@Suite("Principal use cases: idempotent events, personal data, scoped case pages, recording, 签收, supervision")
struct PrincipalUseCasesTests {
    static let calendar: WorkingCalendar = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! CalendarLocator.load(id: "cn", directory: root.appendingPathComponent("etc/calendars").path)
    }()
    static let registry = PolicyRegistry.builtIn()
    static let asOf = Day("2026-11-10")!
    /// 2026-11-10 12:00 in Beijing.
    static let now = Int64(asOf.number) * 86_400 + 4 * 3600
    static let unitA = "县人社局", unitB = "县住建局", leader1 = "王副县长", leader2 = "李副县长"
    static let contact = PetitionerContact(name: "张三", idNumber: "110101199001011234", phone: "13800138000", address: "某县某镇某村1号")

    static let admin = Principal(username: "admin", role: .admin)
    static let clerkA = Principal(username: "zhang", role: .clerk, units: [unitA])
    static let clerkB = Principal(username: "li", role: .clerk, units: [unitB])
    static let wang = Principal(username: "wang", role: .leader, leader: leader1)
    static let liLeader = Principal(username: "li.leader", role: .leader, leader: leader2)
    static let viewer = Principal(username: "chen", role: .viewer)

    static func extensionEvent(on day: String) -> CaseEvent {
        CaseEvent(.extensionGranted(days: 30, approver: "县人社局局长", reason: "情况复杂"), on: Day(day)!)
    }

    /// A store with the two units and leaders and the accepted case A-1 with its petitioner's contact.
    static func store() throws -> SQLiteStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-principal-\(UUID().uuidString)").path
        let store = try SQLiteStore(path: directory + "/xinfang.sqlite")
        for unit in [unitA, unitB] { try store.addUnit(name: unit, address: nil, actor: "test") }
        for leader in [leader1, leader2] { try store.addLeader(name: leader, title: nil, unit: nil, address: nil, actor: "test") }
        try CaseRecorder(store: store, registry: registry, calendar: calendar, actor: "test").addCase(
            CaseFacts(number: "A-1", received: Day("2026-09-09")!, category: .claim, unit: unitA, leader: leader1, place: "城关镇",
                      title: "工伤认定"),
            petitioner: contact, events: [(CaseEvent(.accepted, on: Day("2026-09-14")!), nil)])
        return store
    }

    static func recorder(_ store: SQLiteStore) -> PrincipalRecorder { PrincipalRecorder(store: store, registry: registry, calendar: calendar) }

    static func count(_ store: SQLiteStore, _ sql: String) throws -> Int {
        try DatabaseQueue(path: store.path).read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    static func events(_ store: SQLiteStore) throws -> Int { try count(store, "SELECT COUNT(*) FROM events WHERE case_number = 'A-1'") }

    func refusal(_ body: () throws -> Void) -> (any Error)? {
        do { try body() } catch { return error }
        return nil
    }

    // MARK: - Idempotent event recording

    @Test("a replay with the same key and body answers the first response, status and body, and records one event only")
    func replay() throws {
        let store = try Self.store()
        let idempotent = IdempotentRecorder(recorder: Self.recorder(store), store: store)
        let body = Array(#"{"type":"extension","day":"2026-11-02","days":30}"#.utf8)
        let first = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkA,
                                               key: "k-1", requestBody: body, now: Self.now)
        // received is seq 0, accepted seq 1: the extension is seq 2.
        #expect(first == .recorded(StoredResponse(status: 201, body: #"{"case":"A-1","day":"2026-11-02","seq":2,"type":"extension"}"#)))
        #expect(try Self.events(store) == 3)
        let again = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkA,
                                               key: "k-1", requestBody: body, now: Self.now + 60)
        #expect(again == .replayed(first.response))
        #expect(try Self.events(store) == 3)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM audit WHERE action = 'event.add' AND actor = 'web:zhang'") == 1)
        // The key is the principal's: another principal's same key is its own request (here refused by 第34条: one extension).
        let other = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-03"), note: nil, principal: Self.admin,
                                               key: "k-1", requestBody: body, now: Self.now)
        #expect(other.response.status == 422)
        // The body's fingerprint: SHA-256 of "abc" (FIPS 180-2's test vector), as stored.
        #expect(IdempotentRecorder.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try DatabaseQueue(path: store.path).read { db in try String.fetchAll(db, sql: "SELECT body_sha256 FROM idempotency_keys WHERE actor = 'web:zhang'") }
            == [IdempotentRecorder.sha256(body)])
    }

    @Test("the same key with another body is refused and records nothing")
    func keyReused() throws {
        let store = try Self.store()
        let idempotent = IdempotentRecorder(recorder: Self.recorder(store), store: store)
        _ = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkA,
                                       key: "k-2", requestBody: Array("first".utf8), now: Self.now)
        let error = refusal {
            _ = try idempotent.appendEvent(caseNumber: "A-1", event: CaseEvent(.opinionIssued, on: Day("2026-11-05")!), note: nil,
                                           principal: Self.clerkA, key: "k-2", requestBody: Array("second".utf8), now: Self.now)
        }
        #expect(error as? IdempotentRecorder.KeyRefusal == .reused("k-2"))
        #expect((error as? IdempotentRecorder.KeyRefusal)?.description.contains("已用于内容不同的另一请求") == true)
        #expect(try Self.events(store) == 3)
        #expect(refusal {
            _ = try idempotent.appendEvent(caseNumber: "A-1", event: CaseEvent(.opinionIssued, on: Day("2026-11-05")!), note: nil,
                                           principal: Self.clerkA, key: "", requestBody: [], now: Self.now)
        } as? IdempotentRecorder.KeyRefusal == .invalidKey)
    }

    @Test("a refusal by the rules (a second extension, 条例2022 第34条) is the key's response: its replay answers the same refusal")
    func refusalReplayed() throws {
        let store = try Self.store()
        _ = try Self.recorder(store).appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkA)
        let idempotent = IdempotentRecorder(recorder: Self.recorder(store), store: store)
        let body = Array("second extension".utf8)
        let first = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-05"), note: nil, principal: Self.clerkA,
                                               key: "k-3", requestBody: body, now: Self.now)
        guard case .recorded(let response) = first else { Issue.record("not recorded: \(first)"); return }
        #expect(response.status == 422)
        let problem = try JSONDecoder().decode(IdempotentRecorder.Problem.self, from: Data(response.body.utf8))
        #expect(problem.rule == "条例2022 第34条" && problem.article == "条例2022 第34条" && problem.status == 422)
        #expect(problem.detail.contains("the handling period may be extended once, and was extended on 2026-11-02"))
        #expect(try Self.events(store) == 3)
        let again = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-05"), note: nil, principal: Self.clerkA,
                                               key: "k-3", requestBody: body, now: Self.now + 5)
        #expect(again == .replayed(response))
        #expect(try Self.events(store) == 3)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM idempotency_keys") == 1)
    }

    @Test("the event and its key are one transaction: when storing the response fails, no event is recorded either")
    func oneTransaction() throws {
        struct Boom: Error {}
        let store = try Self.store()
        let idempotent = IdempotentRecorder(recorder: Self.recorder(store), store: store)
        #expect(refusal {
            _ = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkA,
                                           key: "k-4", requestBody: [1], now: Self.now, respond: { _, _, _ in throw Boom() })
        } is Boom)
        #expect(try Self.events(store) == 2)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM idempotency_keys") == 0)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM audit WHERE action = 'event.add' AND actor = 'web:zhang'") == 0)
    }

    @Test("keys older than 24 hours are purged: the same key then records anew")
    func purge() throws {
        let store = try Self.store()
        let idempotent = IdempotentRecorder(recorder: Self.recorder(store), store: store)
        _ = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkA,
                                       key: "k-5", requestBody: [1], now: Self.now)
        let later = try idempotent.appendEvent(caseNumber: "A-1", event: CaseEvent(.opinionIssued, on: Day("2026-11-05")!), note: nil,
                                               principal: Self.clerkA, key: "k-5", requestBody: [2], now: Self.now + 86_401)
        #expect(later.response.status == 201)
        #expect(try Self.events(store) == 4)
    }

    @Test("the scope comes first: out of scope not found, a leader forbidden; neither is stored under the key")
    func idempotentScope() throws {
        let store = try Self.store()
        let idempotent = IdempotentRecorder(recorder: Self.recorder(store), store: store)
        #expect(refusal {
            _ = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.clerkB,
                                           key: "k-6", requestBody: [1], now: Self.now)
        } as? AccessRefusal == .unknownCase("A-1"))
        #expect((refusal {
            _ = try idempotent.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.wang,
                                           key: "k-6", requestBody: [1], now: Self.now)
        } as? AccessRefusal)?.status == 403)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM idempotency_keys") == 0)
        #expect(try Self.events(store) == 2)
    }

    // MARK: - Personal data

    @Test("personal data: refused to viewer, leader and another unit's clerk exactly as a missing case; admin and the own clerk see it, one audit row per view without personal data")
    func personalData() throws {
        let store = try Self.store()
        let access = PersonalDataAccess(store: store)
        let missing = refusal { _ = try access.open(caseNumber: "A-9", principal: Self.admin) } as? AccessRefusal
        #expect(missing == .unknownCase("A-9"))
        for principal in [Self.viewer, Self.wang, Self.clerkB, Self.liLeader, Principal(username: "bot", role: .api, units: [Self.unitA])] {
            let error = refusal { _ = try access.open(caseNumber: "A-1", principal: principal) } as? AccessRefusal
            #expect(error == .unknownCase("A-1"), "\(principal.username)")
            #expect(error?.status == 404 && error?.description == missing?.description.replacingOccurrences(of: "A-9", with: "A-1"))
        }
        #expect(try Self.count(store, "SELECT COUNT(*) FROM audit WHERE action = 'case.personal.view'") == 0)
        #expect(try access.open(caseNumber: "A-1", principal: Self.admin) == Self.contact)
        #expect(try access.open(caseNumber: "A-1", principal: Self.clerkA) == Self.contact)
        #expect(try access.open(caseNumber: "A-1", principal: Self.clerkA) == Self.contact)
        let rows = try DatabaseQueue(path: store.path).read { db in
            try Row.fetchAll(db, sql: "SELECT actor, subject, detail FROM audit WHERE action = 'case.personal.view' ORDER BY seq")
                .map { [$0["actor"] as String, $0["subject"] as String, $0["detail"] as String] }
        }
        #expect(rows.map { $0[0] } == ["web:admin", "web:zhang", "web:zhang"])
        #expect(rows.allSatisfy { $0[1] == "A-1" })
        for row in rows {
            for secret in ["张三", "110101199001011234", "13800138000", "某县某镇某村1号"] { #expect(!row.joined().contains(secret)) }
        }
    }

    // MARK: - Scoped case pages

    func pages(_ store: SQLiteStore) -> CasePages {
        let scheduling = Scheduling(calendar: Self.calendar, reminders: StandardReminderPolicy(), time: LocalTime())
        return CasePages(reader: ScheduleReader(store: store, registry: Self.registry, scheduling: scheduling), scopes: store,
                         supervision: Supervision(store: store, registry: Self.registry, calendar: Self.calendar), time: LocalTime())
    }

    @Test("a case page in scope: deadlines with their explanation, supervision orders, rights; outside the scope not found as a missing case")
    func casePage() throws {
        let store = try Self.store()
        _ = try Self.recorder(store).appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-02"), note: nil, principal: Self.admin)
        try Supervision(store: store, registry: Self.registry, calendar: Self.calendar).issue(
            id: "DB-1", caseNumber: "A-1", unit: nil, kind: .supervise, issuedBy: "县信访局", issued: Day("2026-11-03")!,
            feedbackDue: Day("2026-11-20")!, promised: nil, actor: "web:admin", source: "test")
        let pages = pages(store)
        let page = try pages.page(caseNumber: "A-1", principal: Self.clerkA, asOf: Self.asOf)
        let d6 = try #require(page.view.deadlines.first { $0.kind == "D6" })
        #expect(d6.due == "2026-12-14" && d6.extensionDays == 30 && d6.startEvent != nil)
        #expect(page.view.timeline.map(\.type) == ["received", "accepted", "extension"])
        #expect(page.supervision.map(\.id) == ["DB-1"] && page.supervision[0].feedbackDue == "2026-11-20")
        #expect(page.mayRecordEvents && page.mayViewPersonalData)
        let leaderPage = try pages.page(caseNumber: "A-1", principal: Self.wang, asOf: Self.asOf)
        #expect(!leaderPage.mayRecordEvents && !leaderPage.mayViewPersonalData)
        let viewerPage = try pages.page(caseNumber: "A-1", principal: Self.viewer, asOf: Self.asOf)
        #expect(!viewerPage.mayRecordEvents && !viewerPage.mayViewPersonalData)
        for principal in [Self.clerkB, Self.liLeader] {
            #expect(refusal { _ = try pages.page(caseNumber: "A-1", principal: principal, asOf: Self.asOf) } as? AccessRefusal == .unknownCase("A-1"))
        }
        #expect(refusal { _ = try pages.page(caseNumber: "A-9", principal: Self.admin, asOf: Self.asOf) } as? AccessRefusal == .unknownCase("A-9"))
        // No petitioner data in the page's JSON.
        let json = String(decoding: try JSONEncoder().encode(page), as: UTF8.self)
        for secret in ["张三", "110101199001011234", "13800138000"] { #expect(!json.contains(secret)) }
    }

    // MARK: - Recording as a principal

    @Test("recording: forbidden to the case's leader and a viewer, not found for another unit's clerk; the own clerk's write names them; a broken rule keeps its message")
    func recording() throws {
        let store = try Self.store()
        let recorder = Self.recorder(store)
        let event = Self.extensionEvent(on: "2026-11-02")
        for principal in [Self.wang, Self.viewer] {
            let error = refusal { _ = try recorder.appendEvent(caseNumber: "A-1", event: event, note: nil, principal: principal) } as? AccessRefusal
            #expect(error?.status == 403, "\(principal.username)")
        }
        #expect(refusal { _ = try recorder.appendEvent(caseNumber: "A-1", event: event, note: nil, principal: Self.clerkB) } as? AccessRefusal
            == .unknownCase("A-1"))
        #expect(refusal { _ = try recorder.appendEvent(caseNumber: "A-1", event: event, note: nil, principal: Self.liLeader) } as? AccessRefusal
            == .unknownCase("A-1"))
        #expect(try Self.events(store) == 2)
        let (seq, _) = try recorder.appendEvent(caseNumber: "A-1", event: event, note: "局长批准", principal: Self.clerkA)
        #expect(seq == 2)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM audit WHERE action = 'event.add' AND actor = 'web:zhang' AND subject = 'A-1'") == 1)
        let second = refusal { _ = try recorder.appendEvent(caseNumber: "A-1", event: Self.extensionEvent(on: "2026-11-05"), note: nil, principal: Self.clerkA) }
        #expect((second as? RefusedEvent)?.rule == "条例2022 第34条")
        #expect((second as? RefusedEvent)?.reason.contains("may be extended once") == true)
        // Adding a case: only for the principal's unit.
        let facts = CaseFacts(number: "B-1", received: Day("2026-11-09")!, category: .claim, unit: Self.unitB, title: "拖欠工资")
        #expect((refusal { try recorder.addCase(facts, petitioner: nil, principal: Self.clerkA) } as? AccessRefusal)?.status == 403)
        #expect((refusal { try recorder.addCase(facts, petitioner: nil, principal: Self.viewer) } as? AccessRefusal)?.status == 403)
        try recorder.addCase(facts, petitioner: nil, principal: Self.clerkB)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM audit WHERE action = 'case.add' AND actor = 'web:li' AND subject = 'B-1'") == 1)
    }

    // MARK: - 签收

    /// Reminders 7 and 9 of A-1 to its leader 王副县长, reminder 8 of A-1 to the unit 县人社局.
    static func insertReminders(_ store: SQLiteStore) throws {
        try DatabaseQueue(path: store.path).write { db in
            for (id, role, recipient) in [(Int64(7), "leader", leader1), (8, "unit", unitA), (9, "leader", leader1)] {
                try db.execute(sql: """
                    INSERT INTO reminders (id, dedupe_key, case_number, unit, kind, milestone, due, recipient_role, recipient, address,
                                           subject, body, fire_at, created_at)
                    VALUES (?, ?, 'A-1', ?, 'D6', 'before-3wd', ?, ?, ?, 'x@example.cn', '【办理期限提醒】A-1', '正文', ?, ?)
                    """, arguments: [id, "A-1|D6|\(id)", unitA, Day("2026-11-13")!.number, role, recipient, now, now])
            }
        }
    }

    @Test("签收 as a principal: the recipient (leader, the unit's clerk) or admin; another leader or unit not found, a viewer not allowed; once")
    func acknowledge() throws {
        let store = try Self.store()
        try Self.insertReminders(store)
        func ack(_ id: Int64, _ principal: Principal) throws -> Acknowledge.Outcome { try Acknowledge.reminder(id: id, principal: principal, store: store) }
        guard case .notFound = try ack(7, Self.liLeader) else { Issue.record("another leader"); return }
        guard case .notFound = try ack(8, Self.clerkB) else { Issue.record("another unit's clerk"); return }
        guard case .notAllowed = try ack(8, Self.viewer) else { Issue.record("viewer"); return }
        guard case .notAllowed = try ack(8, Self.wang) else { Issue.record("the leader, for the unit's reminder"); return }
        guard case .notFound = try ack(99, Self.admin) else { Issue.record("unknown reminder"); return }
        #expect(try store.reminder(id: 7)?.ackedAt == nil && store.reminder(id: 8)?.ackedAt == nil)
        guard case .acknowledged(let state) = try ack(7, Self.wang) else { Issue.record("the leader's own reminder"); return }
        #expect(state.reminder.id == 7 && state.ackedAt != nil)
        guard case .alreadyAcknowledged(let at, _) = try ack(7, Self.wang), at == state.ackedAt else { Issue.record("twice"); return }
        guard case .acknowledged = try ack(8, Self.clerkA) else { Issue.record("the unit's clerk"); return }
        let actors = try DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: "SELECT actor FROM audit WHERE action = 'reminder.ack' ORDER BY seq")
        }
        #expect(actors == ["web:wang", "web:zhang"])
    }

    // MARK: - 我的

    @Test("我的: the leader's open cases, unacknowledged reminders to them, reception days with the place's briefing, deputies and absences")
    func myPage() throws {
        let store = try Self.store()
        let scheduling = Scheduling(calendar: Self.calendar, reminders: StandardReminderPolicy(), time: LocalTime())
        while try store.recomputeDirty(limit: 100, settleUntil: nil, compute: { t, old in
            scheduling.rows(for: t, policy: Self.registry.policy(forUnit: t.facts.unit), existing: old, now: Self.now)
        }) > 0 {}
        try Self.insertReminders(store)
        try store.ack(reminderID: 9, actor: "test")
        // 王副县长 receives at 城关镇 on the 12th and 20th: Thu 2026-11-12 and Fri 2026-11-20, both working days.
        try store.addReceptionRule(ReceptionRule(id: "wang-cgz", leader: Self.leader1, place: "城关镇", recurrence: .monthly(days: [12, 20]),
                                                 validFrom: Day("2026-11-01")!), actor: "test")
        try store.addReceptionRule(ReceptionRule(id: "li-cgz", leader: Self.leader2, place: "城关镇", recurrence: .monthly(days: [16]),
                                                 validFrom: Day("2026-11-01")!), actor: "test")
        try store.setDeputy(DeputyAssignment(leader: Self.leader1, deputy: Self.leader2), actor: "test")
        try store.setDeputy(DeputyAssignment(leader: Self.leader1, deputy: Self.leader2, from: Day("2026-11-16")!, until: Day("2026-11-18")!), actor: "test")
        let pages = MyPages(store: store, registry: Self.registry, calendar: Self.calendar, reception: StandardReceptionPolicy(), time: LocalTime())

        let wang = try pages.page(principal: Self.wang, today: Self.asOf)
        #expect(wang.cases.items.map(\.caseNumber) == ["A-1"])
        #expect(wang.pendingReminders.map(\.id) == [7])
        #expect(wang.receptionDays.map(\.day) == ["2026-11-12", "2026-11-20"])
        #expect(wang.receptionDays.map(\.weekday) == ["周四", "周五"])
        #expect(wang.receptionDays.allSatisfy { $0.place == "城关镇" && $0.placeOpenCount == 1 && $0.placeCases.map(\.number) == ["A-1"] })
        #expect(wang.deputies.map(\.deputy) == [Self.leader2, Self.leader2])
        #expect(wang.deputies.map(\.absence) == [false, true])
        #expect(wang.deputies[1].from == "2026-11-16" && wang.deputies[1].until == "2026-11-18")

        let clerk = try pages.page(principal: Self.clerkA, today: Self.asOf)
        #expect(clerk.pendingReminders.map(\.id) == [8])
        #expect(clerk.receptionDays.isEmpty && clerk.deputies.isEmpty && clerk.cases.items.map(\.caseNumber) == ["A-1"])

        let li = try pages.page(principal: Self.liLeader, today: Self.asOf)
        #expect(li.cases.items.isEmpty && li.pendingReminders.isEmpty)
        #expect(li.receptionDays.map(\.day) == ["2026-11-16"])
        #expect(try pages.page(principal: Self.viewer, today: Self.asOf).pendingReminders.isEmpty)
    }

    // MARK: - 督办 by a principal

    @Test("督办 by a principal: only admin issues, records feedback and closes (the audit names them); each role reads the orders in its scope")
    func supervisionScope() throws {
        let store = try Self.store()
        let supervision = Supervision(store: store, registry: Self.registry, calendar: Self.calendar)
        func issue(_ id: String, case number: String?, unit: String?, _ principal: Principal) throws {
            try supervision.issue(id: id, caseNumber: number, unit: unit, kind: .supervise, issuedBy: "县信访局", issued: Day("2026-11-03")!,
                                  feedbackDue: Day("2026-11-20")!, promised: nil, principal: principal, source: "test")
        }
        for principal in [Self.clerkA, Self.wang, Self.viewer] {
            #expect((refusal { try issue("DB-X", case: "A-1", unit: nil, principal) } as? AccessRefusal)?.status == 403)
        }
        try issue("DB-1", case: "A-1", unit: nil, Self.admin)
        try issue("DB-2", case: nil, unit: Self.unitB, Self.admin)
        #expect((refusal { try supervision.feedback(orderID: "DB-1", on: Day("2026-11-05")!, principal: Self.clerkA) } as? AccessRefusal)?.status == 403)
        try supervision.feedback(orderID: "DB-1", on: Day("2026-11-05")!, principal: Self.admin)
        try supervision.close(orderID: "DB-2", on: Day("2026-11-06")!, principal: Self.admin)
        let actors = try DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(db, sql: "SELECT actor || ' ' || action || ' ' || subject FROM audit WHERE action LIKE 'supervision.%' ORDER BY seq")
        }
        #expect(actors == ["web:admin supervision.issue DB-1", "web:admin supervision.issue DB-2", "web:admin supervision.feedback DB-1",
                           "web:admin supervision.closed DB-2"])
        func ids(_ principal: Principal) throws -> [String] { try supervision.rows(asOf: Self.asOf, principal: principal).map(\.id) }
        #expect(try ids(Self.admin) == ["DB-1", "DB-2"] && ids(Self.viewer) == ["DB-1", "DB-2"])
        #expect(try ids(Self.clerkA) == ["DB-1"] && ids(Self.clerkB) == ["DB-2"])
        #expect(try ids(Self.wang) == ["DB-1"] && ids(Self.liLeader) == [])
    }
}

import Foundation
import Testing
import XinfangCore
import XinfangTesting

/// A temporary store, filled and read with the real `xinfangctl` (and, for reminders, `xinfangd`).
private struct TempStore {
    let dir: URL
    var path: String { dir.appendingPathComponent("x.sqlite").path }
    /// A configuration of its own (never the shipped one, whose duties fire on the 1st and 16th):
    /// the checkout's calendars and this store; `RUNTIME_DIRECTORY` keeps nudges in `dir`.
    var config: String { dir.appendingPathComponent("xinfangd.toml").path }
    /// The test clock, or one pinned to an instant for tests whose fixtures are absolute dates.
    let clock: [String: String]
    var environment: [String: String] { clock.merging(["TZ": "Asia/Shanghai", "RUNTIME_DIRECTORY": dir.path]) { $1 } }

    /// Today in Asia/Shanghai on this store's clock.
    let today: () -> Day

    init(pinnedAt instant: String? = nil, extraConfig: String = "") throws {
        clock = instant.map(TestClock.environment(pinnedAt:)) ?? TestClock.environment
        today = { TestClock.today(startingAt: instant ?? TestClock.startInstant) }
        let configuration = try StoreConfiguration("store", more: """
            [calendar]
            directory = "\(Checkout.calendars)"
            [policy]
            default = "cn-2022"
            [http]
            enabled = false
            \(extraConfig)

            """)
        dir = URL(fileURLWithPath: configuration.folder)
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments + ["--config", config, "--store", path], environment: environment)
    }

    /// Runs a command that must succeed.
    @discardableResult
    func ok(_ arguments: String...) throws -> CLI.Result {
        let result = try run(arguments)
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return result
    }

    /// Runs a command with `--json` and parses its output.
    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func object(_ arguments: String...) throws -> [String: Any] {
        let result = try run(arguments + ["--json"])
        #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        return try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = dir.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A unit 县人社局 with leaders 王副县长 and 李副县长.
    func directory() throws {
        try ok("unit", "add", "县人社局")
        try ok("leader", "add", "王副县长", "--unit", "县人社局")
        try ok("leader", "add", "李副县长")
    }

    /// Runs SQL on the store file with the sqlite3 CLI, or python3's sqlite3 module when it is absent.
    func sql(_ statement: String) throws {
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [path, statement]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
                                 path, statement]
        }
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sql: \(statement)")
    }
}


private func items(_ json: [String: Any]) -> [[String: Any]] { json["items"] as? [[String: Any]] ?? [] }

@Suite("xinfangctl read commands on a store")
struct StoreCLITests {
    /// XF-2026-000001: received and accepted 2026-10-09 (Fri), owned by 王副县长 then 李副县长.
    /// D6 (条例2022 第34条): 60 days from acceptance, the start day not counted: 10-09 + 22 = 10-31,
    /// + 30 = 11-30, + 8 = 2026-12-08, a Tuesday and a working day (no holiday in Nov/Dec 2026).
    private func acceptedCase(_ store: TempStore) throws {
        try store.directory()
        try store.ok("case", "add", "XF-2026-000001", "--received", "2026-10-09", "--category", "申诉求决", "--unit", "县人社局",
                     "--leader", "王副县长")
        try store.ok("event", "add", "XF-2026-000001", "accepted", "--on", "2026-10-09", "--note", "电话告知受理")
    }

    /// XF-2026-000002, imported with a petitioner's name and phone: accepted 2026-08-04; D6 is
    /// 08-04 + 60 = 10-03, in the National Day holiday (10-01…10-07), rolled forward to Thu 2026-10-08.
    private func importedOverdueCase(_ store: TempStore) throws {
        let file = try store.write("cases.jsonl", """
            {"record": "case", "number": "XF-2026-000002", "received": "2026-08-03", "category": "申诉求决", "unit": "县人社局", "leader": "王副县长", "petitioner_name": "张三丰", "petitioner_phone": "13800000000"}
            {"record": "event", "case": "XF-2026-000002", "seq": 1, "type": "accepted", "on": "2026-08-04", "note": "当面告知"}

            """)
        try store.ok("import", file)
    }

    @Test("case show: facts, timeline with notes, ownership history after a reassignment, D6 due 2026-12-08 (条例2022 第34条)")
    func caseShow() throws {
        let store = try TempStore()
        try acceptedCase(store)
        try store.ok("case", "assign", "XF-2026-000001", "--leader", "李副县长")
        let json = try store.object("case", "show", "XF-2026-000001", "--as-of", "2026-11-30")

        let facts = try #require(json["case"] as? [String: Any])
        #expect(facts["number"] as? String == "XF-2026-000001")
        #expect(facts["leader"] as? String == "李副县长")
        #expect(facts["dirty"] as? Bool == true)

        let timeline = try #require(json["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["type"] as? String } == ["received", "accepted"])
        #expect(timeline.map { $0["seq"] as? Int } == [0, 1])
        #expect(timeline[1]["date"] as? String == "2026-10-09")
        #expect(timeline[1]["name"] as? String == "受理并告知")
        #expect(timeline[1]["note"] as? String == "电话告知受理")
        #expect(timeline[1]["recordedAt"] is String)

        let ownership = try #require(json["ownership"] as? [[String: Any]])
        #expect(ownership.map { $0["leader"] as? String } == ["王副县长", "李副县长"])
        #expect(ownership[0]["until"] is String)
        #expect(ownership[1]["until"] == nil)

        let deadlines = try #require(json["deadlines"] as? [[String: Any]])
        let handling = try #require(deadlines.first { $0["kind"] as? String == "D6" })
        #expect(handling["due"] as? String == "2026-12-08")
        #expect(handling["dueWeekday"] as? String == "周二")
        #expect(handling["status"] as? String == "open")
        #expect(handling["article"] as? String == "条例2022 第34条")
        #expect(json["asOf"] as? String == "2026-11-30")
        // Not computed by the daemon yet: nothing scheduled, no reminders.
        #expect((json["schedule"] as? [Any])?.isEmpty == true)
        #expect((json["reminders"] as? [Any])?.isEmpty == true)

        let text = try store.ok("case", "show", "XF-2026-000001", "--as-of", "2026-11-30").stdout
        #expect(text.contains("D6  办理并出具处理意见书 — 未到期 open, due 2026-12-08 周二"))
        #expect(text.contains("李副县长  since"))

        #expect(try store.run(["case", "show", "XF-2026-999999"]).status == 2)
        #expect(try store.run(["case", "show", "XF-2026-000001", "--as-of", "2026-02-30"]).status == 2)
    }

    @Test("case show never prints the petitioner's data imported with petitioner_name and petitioner_phone")
    func caseShowHidesPetitioner() throws {
        let store = try TempStore()
        try store.directory()
        try importedOverdueCase(store)
        for arguments in [["case", "show", "XF-2026-000002"], ["case", "show", "XF-2026-000002", "--json"]] {
            let result = try store.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("XF-2026-000002"))
            #expect(result.stdout.contains("当面告知"))
            #expect(!result.stdout.contains("张三丰") && !result.stderr.contains("张三丰"))
            #expect(!result.stdout.contains("13800000000"))
        }
    }

    @Test("due --overdue lists the D6 rolled forward to 2026-10-08; due --within includes it and the near ones only")
    func due() throws {
        // The fixture's D6 (2026-10-08) is overdue from 10-09 on: the clock is pinned after it.
        let store = try TempStore(pinnedAt: "2026-12-01T10:00:00+08:00")
        try store.directory()
        try importedOverdueCase(store)
        // A case received and accepted yesterday: its D6 is 60 days later (or a few more, rolled
        // forward), so beyond 7 days and within 90; its D1 was met on acceptance.
        let yesterday = store.today().adding(days: -1).description
        try store.ok("case", "add", "XF-2026-000003", "--received", yesterday, "--category", "申诉求决", "--unit", "县人社局")
        try store.ok("event", "add", "XF-2026-000003", "accepted", "--on", yesterday)

        let overdue = items(try store.object("due", "--overdue"))
        #expect(overdue.map { $0["caseNumber"] as? String } == ["XF-2026-000002"])
        let item = try #require(overdue.first)
        #expect(item["kind"] as? String == "D6")
        #expect(item["name"] as? String == "办理并出具处理意见书")
        #expect(item["due"] as? String == "2026-10-08")
        #expect(item["weekday"] as? String == "周四")
        #expect(item["overdue"] as? Bool == true)
        #expect(item["daysLeft"] as? Int == Day("2026-10-08")! - store.today())
        #expect(item["unit"] as? String == "县人社局")
        #expect(item["leader"] as? String == "王副县长")
        #expect(item["article"] as? String == "条例2022 第34条")
        #expect(item["notYetComputed"] as? Bool == true)

        let week = items(try store.object("due", "--within", "7d"))
        #expect(week.map { "\($0["caseNumber"] ?? "") \($0["kind"] ?? "")" } == ["XF-2026-000002 D6"])
        #expect(items(try store.object("due", "--within", "7")).count == 1)
        let quarter = items(try store.object("due", "--within", "90d", "--unit", "县人社局"))
        #expect(quarter.map { "\($0["caseNumber"] ?? "") \($0["kind"] ?? "")" } == ["XF-2026-000002 D6", "XF-2026-000003 D6"])
        let later = try #require(quarter.last)
        #expect((later["daysLeft"] as? Int).map { $0 >= 59 } == true)
        #expect(later["overdue"] as? Bool == false)

        let text = try store.ok("due", "--overdue").stdout
        #expect(text.contains("XF-2026-000002*") && text.contains("2026-10-08") && text.contains("OVERDUE"))
        #expect(text.hasPrefix("案件 case"), "a header row, Chinese first: \(text)")
        #expect(text.contains(" 逾期") && text.contains("天 ") , "days overdue in Chinese first: \(text)")
        #expect(text.contains("* 待计算 not yet computed"))

        #expect(try store.run(["due", "--within", "a week"]).status == 2)
        #expect(try store.run(["due", "--within", "7", "--overdue"]).status == 2)
        #expect(try store.run(["due", "--unit", "县教育局"]).status == 2)
    }

    @Test("reminders: ack of an unknown id, bad filters and an unknown case exit 2")
    func remindersRefusals() throws {
        let store = try TempStore()
        try acceptedCase(store)
        let ack = try store.run(["reminders", "ack", "42"])
        #expect(ack.status == 2)
        #expect(ack.stderr.contains("unknown reminder 42"))
        #expect(try store.run(["reminders", "ack", "x"]).status == 2)
        #expect(try store.run(["reminders", "--pending", "--failed"]).status == 2)
        #expect(try store.run(["reminders", "--case", "XF-2026-999999"]).status == 2)
        #expect((try store.json("reminders", "--unacked") as? [Any])?.isEmpty == true)
    }

    @Test("status counts open cases and the cases waiting for the daemon; the audit rows")
    func statusBeforeDaemon() throws {
        let store = try TempStore()
        try acceptedCase(store)
        try importedOverdueCase(store)
        let status = try store.object("status")
        #expect(status["store"] as? String == store.path)
        #expect(status["openCases"] as? Int == 2)
        #expect(status["dirtyCases"] as? Int == 2)
        #expect(status["overdue"] as? Int == 0)  // stored rows only: nothing computed yet
        #expect(status["reminders"] as? Int == 0)
        #expect(status["remindersUnacked"] as? Int == 0)
        #expect(status["nextFiring"] == nil)
        // unit, 2 leaders, case, event, import.
        #expect(status["auditRows"] as? Int == 6)
        #expect(status["lastAuditAt"] is String)
    }

    @Test("status and reminders label their text in Chinese first (English after, for the operator)")
    func chineseLabels() throws {
        let store = try TempStore()
        try acceptedCase(store)
        let status = try store.ok("status").stdout
        for label in ["存储 store", "守护进程 daemon", "截至 as of", "未结案件 open cases", "期限 deadlines", "提醒 reminders", "下次提醒 next firing", "审计 last audit"] {
            #expect(status.contains(label), "\(label): \(status)")
        }
        #expect(try store.ok("reminders").stdout == "无提醒 no reminders\n")
    }

    @Test("with the daemon: stored deadlines, overdue reminders, status counts, reminders ack (签收) once")
    func daemonReminders() throws {
        // The fixture's D6 (2026-10-08) is overdue from 10-09 on: the clock is pinned after it.
        let store = try TempStore(pinnedAt: "2026-12-01T10:00:00+08:00")
        try store.directory()
        try importedOverdueCase(store)
        let yesterday = store.today().adding(days: -1).description
        try store.ok("case", "add", "XF-2026-000003", "--received", yesterday, "--category", "申诉求决", "--unit", "县人社局")
        try store.ok("event", "add", "XF-2026-000003", "accepted", "--on", yesterday)

        // The daemon computes both cases and, catching up, fires XF-2026-000002's overdue milestone
        // at once: one reminder to the unit, one to the leader.
        let daemon = Process()
        daemon.executableURL = CLI.binary.deletingLastPathComponent().appendingPathComponent("xinfangd")
        daemon.arguments = ["--config", store.config]
        daemon.currentDirectoryURL = CLI.packageRoot
        var environment = ProcessInfo.processInfo.environment.merging(TestClock.environment) { $1 }.merging(store.environment) { $1 }
        environment.removeValue(forKey: "XINFANG_CALENDARS")
        daemon.environment = environment
        daemon.standardOutput = FileHandle.nullDevice
        daemon.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: try store.write("xinfangd.log", "")))
        try daemon.run()
        defer {
            if daemon.isRunning { daemon.terminate() }
            daemon.waitUntilExit()
        }
        var status: [String: Any] = [:]
        for _ in 0..<150 {
            status = try store.object("status")
            if status["dirtyCases"] as? Int == 0, (status["reminders"] as? Int ?? 0) >= 2 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        daemon.terminate()
        #expect(status["dirtyCases"] as? Int == 0)
        #expect(status["openCases"] as? Int == 2)
        #expect(status["overdue"] as? Int == 1)
        #expect(status["dueWithin3Days"] as? Int == 0)
        #expect(status["reminders"] as? Int == 2)
        #expect(status["remindersUnacked"] as? Int == 2)
        #expect(status["remindersPending"] as? Int == 0)  // no outbox channel configured: journal only
        #expect(status["nextFiring"] is [String: Any])

        let overdue = items(try store.object("due", "--overdue"))
        #expect(overdue.map { $0["caseNumber"] as? String } == ["XF-2026-000002"])
        #expect(overdue.first?["notYetComputed"] as? Bool == false)

        let reminders = try #require(try store.json("reminders", "--case", "XF-2026-000002") as? [[String: Any]])
        #expect(reminders.count == 2)
        #expect(Set(reminders.compactMap { $0["recipient"] as? String }) == ["县人社局", "王副县长"])
        #expect(reminders.allSatisfy { $0["milestone"] as? String == "overdue" && $0["due"] as? String == "2026-10-08" })
        let id = try #require(reminders.first?["id"] as? Int)

        let acked = try store.object("reminders", "ack", String(id))
        #expect(acked["ackedAt"] is String)
        let again = try store.run(["reminders", "ack", String(id)])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already acknowledged"))
        #expect((try store.json("reminders", "--unacked") as? [Any])?.count == 1)
        #expect(try store.object("status")["remindersUnacked"] as? Int == 1)

        let show = try store.object("case", "show", "XF-2026-000002")
        let shown = try #require(show["reminders"] as? [[String: Any]])
        #expect(shown.filter { $0["ackedAt"] is String }.count == 1)
        #expect(try store.object("audit", "verify")["ok"] as? Bool == true)
    }

    @Test("agenda lists a never-scheduled case's milestones: 10 and 3 working days before 2026-12-08, due day, first day overdue")
    func agendaForDirtyCase() throws {
        // Pinned before the first milestone (11-24), so that none of them is late yet.
        let store = try TempStore(pinnedAt: "2026-11-20T08:00:00+08:00")
        try acceptedCase(store)
        // D6 due Tue 2026-12-08 (see acceptedCase). Counting working days back in the 2026 calendar
        // (no holiday or make-up day after 10-10): 12-07 Mon 1, 12-04 Fri 2, 12-03 Thu 3, 12-02 4,
        // 12-01 5, 11-30 Mon 6, 11-27 Fri 7, 11-26 8, 11-25 9, 11-24 Tue 10. Reminders fire at 09:00.
        let json = try store.object("agenda", "--from", "2026-11-20", "--days", "20")
        #expect(json["from"] as? String == "2026-11-20" && json["until"] as? String == "2026-12-10")
        let list = items(json).filter { $0["caseNumber"] as? String == "XF-2026-000001" }
        #expect(list.map { $0["milestone"] as? String } == ["before-10wd", "before-3wd", "due", "overdue"])
        #expect(list.map { $0["milestoneDay"] as? String } == ["2026-11-24", "2026-12-03", "2026-12-08", "2026-12-09"])
        #expect(list.map { $0["fireAt"] as? String } == ["2026-11-24 09:00", "2026-12-03 09:00", "2026-12-08 09:00", "2026-12-09 09:00"])
        #expect(list.allSatisfy { $0["kind"] as? String == "D6" && $0["due"] as? String == "2026-12-08" })
        #expect(list.allSatisfy { $0["notYetScheduled"] as? Bool == true })
        #expect(list.allSatisfy { $0["recipients"] as? [String] == ["unit:县人社局", "leader:王副县长"] })

        // The window ends before 11-24 09:00: no milestone of the case fires in it, only the owning
        // leader's weekly digest of Mon 11-23.
        let short = items(try store.object("agenda", "--from", "2026-11-20", "--days", "4"))
        #expect(short.map { "\($0["kind"]!) \($0["fireAt"]!) \($0["recipients"]!)" } == ["digest 2026-11-23 09:00 [\"leader:王副县长\"]"])
        let text = try store.ok("agenda", "--from", "2026-11-20", "--days", "20").stdout
        #expect(text.contains("(not yet scheduled by the daemon)"))
        #expect(text.split(separator: "\n").contains { $0.split(separator: " ").prefix(5) == ["2026-12-03", "09:00", "XF-2026-000001", "D6", "before-3wd"] },
                "\(text)")
        #expect(try store.run(["agenda", "--from", "2026-13-01"]).status == 2)
        #expect(try store.run(["agenda", "--days", "0"]).status == 2)
        // Reading changed nothing.
        #expect(try store.object("status")["dirtyCases"] as? Int == 1)
    }

    @Test("audit verify: ok, then exit 1 naming the row after the audit table is tampered with")
    func auditVerify() throws {
        let store = try TempStore()
        try acceptedCase(store)
        let ok = try store.ok("audit", "verify")
        #expect(ok.stdout == "audit chain ok: 5 rows\n")
        try store.sql("UPDATE audit SET detail = '县教育局' WHERE seq = 1")
        let broken = try store.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("audit chain broken at row 1: its content does not match its hash"))
        let json = try store.run(["audit", "verify", "--json"])
        #expect(json.status == 1)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false && object["brokenAt"] as? Int == 1)
    }
}

@Suite("xinfangctl case add with its events; event types in Chinese (issue 10 §2, §4)")
struct CaseEntryCLITests {
    // Received Mon 2026-09-28; forwarded Wed 09-30 (D1, 15 days → 10-13, met); accepted Fri 10-09.
    @Test("case add --event stores the case and its events in one transaction, Chinese or English event names")
    func caseAddWithEvents() throws {
        let store = try TempStore()
        try store.directory()
        let added = try store.ok("case", "add", "XF-2026-000010", "--received", "2026-09-28", "--category", "申诉求决", "--unit", "县人社局",
                                 "--event", "转送 2026-09-30 to=县人社局", "--event", "accepted 2026-10-09 note=电话告知")
        #expect(added.stdout.contains("XF-2026-000010"))
        let show = try store.object("case", "show", "XF-2026-000010", "--as-of", "2026-12-01")
        let timeline = try #require(show["timeline"] as? [[String: Any]])
        #expect(timeline.map { $0["type"] as? String } == ["received", "forwarded", "accepted"])
        #expect(timeline.map { $0["date"] as? String } == ["2026-09-28", "2026-09-30", "2026-10-09"])
        #expect(timeline[2]["note"] as? String == "电话告知")
        let d1 = (show["deadlines"] as? [[String: Any]])?.first { $0["kind"] as? String == "D1" }
        #expect(d1?["status"] as? String == "met")
    }

    @Test("case add --event with an event the rules refuse stores nothing: exit 2, the rule, no case")
    func caseAddRefusedEventStoresNothing() throws {
        let store = try TempStore()
        try store.directory()
        // An extension over 30 days is refused (条例2022 第34条).
        let refused = try store.run(["case", "add", "XF-2026-000011", "--received", "2026-09-28", "--category", "申诉求决", "--unit", "县人社局",
                                     "--event", "受理 2026-10-09", "--event", "延期 2026-11-20 days=40 approver=局长 reason=案情复杂"])
        #expect(refused.status == 2, "\(refused)")
        #expect(refused.stderr.contains("XF-2026-000011"), "\(refused.stderr)")
        #expect(try store.run(["case", "show", "XF-2026-000011"]).status == 2)
        let malformed = try store.run(["case", "add", "XF-2026-000012", "--received", "2026-09-28", "--category", "申诉求决", "--unit", "县人社局",
                                       "--event", "受理"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("--event[1]"), "\(malformed.stderr)")
    }

    @Test("event add accepts the Chinese event names (受理, 转送, 办结 …) and names both in its answer")
    func chineseEventNames() throws {
        let store = try TempStore()
        try store.directory()
        try store.ok("case", "add", "XF-2026-000013", "--received", "2026-11-02", "--category", "申诉求决", "--unit", "县人社局")
        let accepted = try store.ok("event", "add", "XF-2026-000013", "受理", "--on", "2026-11-05")
        #expect(accepted.stdout.contains("accepted（受理并告知）"), "\(accepted.stdout)")
        try store.ok("event", "add", "XF-2026-000013", "出具处理意见书", "--on", "2026-12-01")
        let show = try store.object("case", "show", "XF-2026-000013")
        #expect((show["timeline"] as? [[String: Any]])?.map { $0["type"] as? String } == ["received", "accepted", "opinion_issued"])
        let unknown = try store.run(["event", "add", "XF-2026-000013", "受理了", "--on", "2026-12-01"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown event type \"受理了\""), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("accepted（受理）"), "the Chinese names are listed: \(unknown.stderr)")
    }

    @Test("agenda lists reception days, recurring duties and leaders' weekly digests as well as deadlines")
    func agendaListsTimers() throws {
        // A 半月积案调度会 on the 1st and 16th to 县信访局; the clock before the window.
        let store = try TempStore(pinnedAt: "2026-11-30T10:00:00+08:00", extraConfig: """
            [[duties]]
            name = "半月积案调度会"
            every = "half-month"
            kind = "dispatch"
            to = ["县信访局"]
            """)
        try store.ok("unit", "add", "县信访局")
        try store.ok("unit", "add", "县人社局")
        try store.ok("leader", "add", "王副县长")
        try store.ok("case", "add", "XF-2026-000020", "--received", "2026-11-25", "--category", "申诉求决", "--unit", "县人社局", "--leader", "王副县长")
        // Monthly on the 10th: Thu 2026-12-10, reminded 5 working days before (Thu 12-03) and that morning.
        try store.ok("reception", "rule", "add", "wang", "--leader", "王副县长", "--place", "城关镇", "--monthly", "10", "--from", "2026-01-01")
        let list = items(try store.object("agenda", "--from", "2026-12-01", "--days", "16"))
            .filter { ["reception", "duty", "digest"].contains($0["kind"] as? String) }
            .map { "\($0["fireAt"]!) \($0["kind"]!) \($0["caseNumber"]!) \(($0["recipients"] as? [String] ?? []).joined(separator: ","))" }
        #expect(list == [
            "2026-12-01 09:00 duty 半月积案调度会 unit:县信访局",
            "2026-12-03 09:00 reception 城关镇 leader:王副县长",
            "2026-12-07 09:00 digest 周报 2026-12-07 leader:王副县长",
            "2026-12-10 09:00 reception 城关镇 leader:王副县长",
            "2026-12-14 09:00 digest 周报 2026-12-14 leader:王副县长",
            "2026-12-16 09:00 duty 半月积案调度会 unit:县信访局",
        ])
    }

    @Test("unit list and leader list print a header row, Chinese first, and — for what is not set")
    func directoryTablesHaveHeaders() throws {
        let store = try TempStore()
        try store.ok("unit", "add", "县人社局", "--address", "rsj@example.cn")
        try store.ok("leader", "add", "王副县长", "--title", "副县长")
        let units = try store.ok("unit", "list").stdout.split(separator: "\n").map(String.init)
        #expect(units.first?.hasPrefix("单位 unit") == true && units.first?.contains("邮件地址 address") == true, "\(units)")
        #expect(units.dropFirst().first?.hasPrefix("县人社局") == true && units.dropFirst().first?.hasSuffix("rsj@example.cn") == true, "\(units)")
        let leaders = try store.ok("leader", "list").stdout.split(separator: "\n").map(String.init)
        #expect(leaders.first?.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                == ["领导", "leader", "职务", "title", "单位", "unit", "邮件地址", "address"], "\(leaders)")
        #expect(leaders.dropFirst().first?.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                == ["王副县长", "副县长", "—", "—"], "\(leaders)")
    }
}

import Foundation
import GRDB
import Testing

/// Late reminders reach the Maildir exactly once, however often the daemon dies during a catch-up.
///
/// The regular suite runs a short campaign; `XINFANG_CAMPAIGN_ROUNDS` and `XINFANG_CAMPAIGN_CASES`
/// make it the full one (40 rounds over 10,050 cases, i.e. ≥ 20,000 late reminders).
@Suite("xinfangd catch-up survives kill -9", .serialized)
struct CatchUpCrashTests {
    static func knob(_ name: String, _ fallback: Int) -> Int { ProcessInfo.processInfo.environment[name].flatMap(Int.init) ?? fallback }

    /// `count` cases accepted yesterday: their handling deadline (60 days) has every milestone ahead.
    static func prepare(_ sandbox: Sandbox, count: Int) throws {
        #expect(try sandbox.ctl(["unit", "add", "县人社局", "--address", "rsj@example.cn"]) == 0)
        #expect(try sandbox.ctl(["leader", "add", "王副县长", "--address", "wang@example.cn"]) == 0)
        var lines: [String] = []
        for k in 0..<count {
            let number = caseNumber(k)
            lines.append(#"{"record": "case", "number": "\#(number)", "received": "\#(shanghaiDate(daysFromToday: -2))", "category": "申诉求决", "unit": "县人社局", "leader": "王副县长", "petitioner_name": "测试信访人\#(k)"}"#)
            lines.append(#"{"record": "event", "case": "\#(number)", "seq": 1, "type": "accepted", "on": "\#(shanghaiDate(daysFromToday: -1))"}"#)
        }
        let path = sandbox.root + "/cases.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try sandbox.ctl(["import", path]) == 0)
        // One clean run computes the deadlines (nothing is due yet).
        let daemon = try sandbox.startDaemon()
        #expect(try sandbox.wait(seconds: 300) { try sandbox.settled() })
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
    }

    static func caseNumber(_ k: Int) -> String { String(format: "XF-C%05d", k) }

    /// While the daemon is down: the first milestone of the cases `range` was due two days ago, so
    /// the next start fires it late (to unit and leader).
    static func armLate(_ sandbox: Sandbox, cases range: Range<Int>) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        try DatabaseQueue(path: sandbox.store, configuration: config).write { db in
            try db.execute(sql: """
                UPDATE deadlines SET next_fire_at = ? - 172800
                WHERE next_milestone = 0 AND next_fire_at > ? AND case_number >= ? AND case_number < ?
                """, arguments: [TestClock.now(), TestClock.now(), caseNumber(range.lowerBound), caseNumber(range.upperBound)])
        }
    }

    /// How often each (address, reminder subject) reached the Maildir: a single mail counts its own
    /// subject, a digest each item it lists.
    static func mailedCounts(_ sandbox: Sandbox) -> (counts: [String: Int], mails: Int, digests: [String: Int]) {
        var counts: [String: Int] = [:]
        var digests: [String: Int] = [:]
        var mails = 0
        for sub in ["new", "cur"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: sandbox.maildir + "/" + sub)) ?? [] {
                guard let mail = try? ParsedMail(path: sandbox.maildir + "/" + sub + "/" + name) else { continue }
                mails += 1
                if mail.subject.hasPrefix("【补发提醒汇总】") {
                    digests[mail.address, default: 0] += 1
                    var listed: [String] = []
                    for line in mail.body.components(separatedBy: "\n") {
                        guard let dot = line.firstIndex(of: "."), !line.hasPrefix(" "), Int(line[..<dot]) != nil else { continue }
                        listed.append(mail.address + " " + line[line.index(dot, offsetBy: 2)...])
                    }
                    // A digest longer than its listing (Outbox.digestListLimit) counts the reminders
                    // the store bound to its dedupe key.
                    if mail.body.contains("未逐条列出") {
                        listed = (try? sandbox.read { db in
                            try String.fetchAll(db, sql: """
                                SELECT r.address || ' ' || r.subject FROM digests g JOIN deliveries d ON d.digest_id = g.id
                                JOIN reminders r ON r.id = d.reminder_id WHERE g.channel = 'maildir' AND g.dedupe_key = ?
                                """, arguments: [mail.dedupeKey])
                        }) ?? []
                    }
                    for key in listed { counts[key, default: 0] += 1 }
                } else {
                    counts[mail.address + " " + mail.subject, default: 0] += 1
                }
            }
        }
        return (counts, mails, digests)
    }

    /// Every late reminder in the store, as (address, subject).
    static func lateReminders(_ sandbox: Sandbox) throws -> [String] {
        try sandbox.read { db in try String.fetchAll(db, sql: "SELECT address || ' ' || subject FROM reminders WHERE late_by IS NOT NULL") }
    }

    @Test("kill -9 at random 0–0.8 s into catch-ups: every late reminder is mailed exactly once")
    func killDuringCatchUp() throws {
        let rounds = Self.knob("XINFANG_CAMPAIGN_ROUNDS", 10)
        let count = Self.knob("XINFANG_CAMPAIGN_CASES", 1000)
        let sandbox = try Sandbox()
        try Self.prepare(sandbox, count: count)
        var generator = SystemRandomNumberGenerator()
        let wave = (count + rounds - 1) / rounds
        for round in 0..<rounds {
            try Self.armLate(sandbox, cases: min(count, round * wave)..<min(count, (round + 1) * wave))
            let daemon = try sandbox.startDaemon()
            usleep(UInt32.random(in: 0...800_000, using: &generator))
            kill(daemon.processIdentifier, SIGKILL)
            daemon.waitUntilExit()
        }
        // One last, clean run delivers what is left.
        let daemon = try sandbox.startDaemon()
        #expect(try sandbox.wait(seconds: 600) { try sandbox.settled() })
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationReason == .exit && daemon.terminationStatus == 0)

        let late = try Self.lateReminders(sandbox)
        let (counts, mails, digests) = Self.mailedCounts(sandbox)
        let twice = late.filter { (counts[$0] ?? 0) > 1 }.count
        let never = late.filter { (counts[$0] ?? 0) == 0 }.count
        let unknown = Set(counts.keys).subtracting(late).count
        print("catch-up kill -9 campaign: \(rounds) rounds, \(late.count) late reminders, \(mails) mails (digests per recipient \(digests)); mailed twice \(twice), never \(never), unknown \(unknown)")
        #expect(late.count >= count * 2)
        #expect(Set(late).count == late.count)
        #expect(twice == 0, "late reminders mailed more than once")
        #expect(never == 0, "late reminders never mailed")
        #expect(unknown == 0)
    }

    @Test("one catch-up of 4,000 late reminders reaches each recipient as one digest (README: one per recipient)")
    func oneDigestPerRecipient() throws {
        let sandbox = try Sandbox()
        try Self.prepare(sandbox, count: 2000)
        try Self.armLate(sandbox, cases: 0..<2000)
        let daemon = try sandbox.startDaemon()
        #expect(try sandbox.wait(seconds: 300) { try sandbox.settled() })
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        let (counts, _, digests) = Self.mailedCounts(sandbox)
        // The unit and the leader: one digest each, listing all their late reminders.
        #expect(digests == ["rsj@example.cn": 1, "wang@example.cn": 1])
        let late = try Self.lateReminders(sandbox)
        #expect(late.count >= 4000)
        #expect(late.allSatisfy { counts[$0] == 1 })
        // A late 10-working-day reminder, sent when ten working days are still left, says so.
        let bodies = try sandbox.read { db in try String.fetchAll(db, sql: "SELECT body FROM reminders WHERE late_by IS NOT NULL AND kind = 'D6'") }
        #expect(!bodies.isEmpty && bodies.allSatisfy { !$0.contains("剩余-") })
    }
}

extension Sandbox {
    /// Nothing dirty, nothing due (on the test clock), nothing waiting in the outbox.
    func settled() throws -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE dirty = 1") == 0
                && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deliveries WHERE state = 'pending'") == 0
                && Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadlines WHERE next_fire_at <= ?", arguments: [TestClock.now()]) == 0
        }
    }
}

/// The parts of a mail the xinfangd Maildir writes that the tests read: recipient address, decoded
/// subject and body.
struct ParsedMail {
    var address: String
    var subject: String
    var dedupeKey: String
    var body: String

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let split = text.range(of: "\r\n\r\n") else { throw CocoaError(.fileReadCorruptFile) }
        let headers = text[..<split.lowerBound].replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
        func field(_ name: String) -> String { headers.first { $0.hasPrefix(name + ":") }.map { String($0.dropFirst(name.count + 1)) } ?? "" }
        let to = field("To")
        dedupeKey = field("X-Xinfang-Dedupe-Key").trimmingCharacters(in: .whitespaces)
        address = to.range(of: "<").map { String(to[$0.upperBound...].prefix { $0 != ">" }) } ?? to
        subject = field("Subject").split(separator: " ").map { word -> String in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return String(word) }
            let payload = word.dropFirst(10).dropLast(2)
            return Data(base64Encoded: String(payload)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }.joined()
        let encoded = text[split.upperBound...].replacingOccurrences(of: "\r\n", with: "")
        body = Data(base64Encoded: encoded).map { String(decoding: $0, as: UTF8.self) }?.replacingOccurrences(of: "\r\n", with: "\n") ?? ""
    }
}

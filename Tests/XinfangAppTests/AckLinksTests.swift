import Foundation
import GRDB
import Testing
import XinfangApp
import XinfangCore
import XinfangStore

/// 签收 links: tokens signed with the link secret that acknowledge exactly one reminder, once, for 30 days.
@Suite("签收 links: signed tokens naming one reminder, verified and acknowledged through a real store")
struct AckLinksTests {
    static let links = AckLinks(secret: LinkSecret(bytes: Array(repeating: 0x5A, count: 32))!)
    /// 2026-12-01 10:00 +08:00 (09:00 is 1796086800).
    static let created: Int64 = 1_796_090_400
    /// 30 days later: 2026-12-31 10:00 +08:00.
    static let expires: Int64 = 1_796_090_400 + 30 * 86_400

    static func reminder(id: Int64, created: Int64 = created, recipient: String = "王副县长") -> Reminder {
        Reminder(id: id, dedupeKey: "XF-\(id)|D6|due|2026-12-10|leader:\(recipient)", caseNumber: "XF-2026-00000\(id)", unit: "县人社局",
                 kind: "D6", milestone: "due", due: Day(year: 2026, month: 12, day: 10)!,
                 recipient: Recipient(role: .leader, name: recipient, address: "wang@example.cn"),
                 subject: "【办理期限提醒】XF-2026-00000\(id) 应于2026-12-10前办结", body: "正文", fireAt: created, createdAt: created, lateBySeconds: nil)
    }

    /// A real store with reminders 7 and 8 (to 王副县长 and 李副县长), created at `created`.
    static func store() throws -> SQLiteStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-ack-\(UUID().uuidString)").path
        let store = try SQLiteStore(path: directory + "/xinfang.sqlite")
        let queue = try DatabaseQueue(path: store.path)
        try queue.write { db in
            for (id, leader) in [(Int64(7), "王副县长"), (8, "李副县长")] {
                let r = reminder(id: id, recipient: leader)
                try db.execute(sql: """
                    INSERT INTO reminders (id, dedupe_key, case_number, unit, kind, milestone, due, recipient_role, recipient, address,
                                           subject, body, fire_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'leader', ?, ?, ?, ?, ?, ?)
                    """, arguments: [id, r.dedupeKey, r.caseNumber, r.unit, r.kind, r.milestone, r.due.number, leader, r.recipient.address,
                                     r.subject, r.body, r.fireAt, r.createdAt])
            }
        }
        return store
    }

    @Test("a token round-trips: it names its reminder until 30 days after the reminder was created, then is expired")
    func roundTrip() {
        let token = Self.links.token(for: Self.reminder(id: 7))
        #expect(AckToken.parse(token)?.token == AckToken(reminderID: 7, expiresAt: Self.expires))
        #expect(Self.links.verify(token, now: Self.created) == .valid(reminderID: 7))
        #expect(Self.links.verify(token, now: Self.expires - 1) == .valid(reminderID: 7))
        #expect(Self.links.verify(token, now: Self.expires) == .expired)
        #expect(Self.links.verify(token, now: Self.expires + 86_400) == .expired)
        #expect(token.utf8.allSatisfy { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
    }

    @Test("a token with any one character changed, cut short, lengthened or signed with another secret is altered")
    func anyChangeIsAltered() {
        let token = Self.links.token(for: Self.reminder(id: 7))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
        var changed = 0
        for i in token.indices {
            for c in alphabet where c != token[i] {
                var altered = token
                altered.replaceSubrange(i...i, with: String(c))
                #expect(Self.links.verify(altered, now: Self.created) == .altered, "\(altered)")
                changed += 1
            }
        }
        #expect(changed == token.count * (alphabet.count - 1))
        #expect(Self.links.verify(String(token.dropLast()), now: Self.created) == .altered)
        #expect(Self.links.verify(token + "A", now: Self.created) == .altered)
        #expect(Self.links.verify("", now: Self.created) == .altered)
        let other = AckLinks(secret: LinkSecret(bytes: Array(repeating: 0x5B, count: 32))!)
        #expect(other.verify(token, now: Self.created) == .altered)
        // An expired token with its expiry pushed forward by hand is altered, not valid.
        let stale = AckToken(reminderID: 7, expiresAt: Self.expires)
        let forged = AckToken(reminderID: 7, expiresAt: Self.expires + 30 * 86_400).text(mac: AckToken.parse(Self.links.token(stale))!.mac)
        #expect(Self.links.verify(forged, now: Self.expires) == .altered)
    }

    @Test("the token of reminder 7 acknowledges 7 and only 7, as link:<recipient>; a second click answers the time of the first")
    func acknowledgesExactlyOnce() throws {
        let store = try Self.store()
        let ack = AckByLink(store: store, links: Self.links)
        let token7 = Self.links.token(for: Self.reminder(id: 7))
        guard case .acknowledged(let done) = try ack.acknowledge(token: token7, now: Self.created + 3600) else {
            Issue.record("not acknowledged"); return
        }
        #expect(done.reminder.id == 7)
        let at = try #require(done.ackedAt)
        #expect(try store.reminder(id: 8)?.ackedAt == nil)
        guard case .alreadyAcknowledged(let again, let state) = try ack.acknowledge(token: token7, now: Self.created + 7200) else {
            Issue.record("the second click did not answer 'already acknowledged'"); return
        }
        #expect(again == at)
        #expect(state.reminder.id == 7)
        // The token of 7 with 8's id put in the payload is altered: it cannot acknowledge 8.
        let mac7 = AckToken.parse(token7)!.mac
        let swapped = AckToken(reminderID: 8, expiresAt: Self.expires).text(mac: mac7)
        guard case .invalid = try ack.acknowledge(token: swapped, now: Self.created) else { Issue.record("8 acknowledged with 7's MAC"); return }
        #expect(try store.reminder(id: 8)?.ackedAt == nil)
        // The audit log has one ack row, by link:王副县长, for reminder 7.
        let rows = try DatabaseQueue(path: store.path).read { db in
            try Row.fetchAll(db, sql: "SELECT actor, detail FROM audit WHERE action = 'reminder.ack'").map { [$0["actor"] as String, $0["detail"] as String] }
        }
        #expect(rows.count == 1)
        #expect(rows.first?[0] == "link:王副县长")
        #expect(rows.first?[1].hasPrefix("7 ") == true)
    }

    @Test("an expired token, an altered one and one naming a reminder the store lacks change nothing")
    func refusals() throws {
        let store = try Self.store()
        let ack = AckByLink(store: store, links: Self.links)
        let token7 = Self.links.token(for: Self.reminder(id: 7))
        guard case .expired = try ack.acknowledge(token: token7, now: Self.expires) else { Issue.record("not expired"); return }
        guard case .invalid = try ack.acknowledge(token: "x" + token7, now: Self.created) else { Issue.record("not invalid"); return }
        guard case .unknownReminder = try ack.acknowledge(token: Self.links.token(for: Self.reminder(id: 99)), now: Self.created) else {
            Issue.record("not unknown"); return
        }
        #expect(try store.reminder(id: 7)?.ackedAt == nil)
    }

    @Test("the link secret is created with 32 bytes and mode 0600, reused after, and refused when too wide or of the wrong size")
    func secretFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-key-\(UUID().uuidString)").path
        let path = directory + "/link.key"
        let (first, created) = try LinkSecret.loadOrCreate(path: path)
        #expect(created)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
        let (second, createdAgain) = try LinkSecret.loadOrCreate(path: path)
        #expect(!createdAgain)
        let token = AckLinks(secret: first).token(for: Self.reminder(id: 7))
        #expect(AckLinks(secret: second).verify(token, now: Self.created) == .valid(reminderID: 7))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["link.key"])

        chmod(path, 0o644)
        let wide = #expect(throws: LinkSecretError.self) { try LinkSecret.load(path: path) }
        #expect(wide?.description.contains("has mode 644, wider than 0600") == true, "\(String(describing: wide))")
        chmod(path, 0o600)
        try Data(repeating: 1, count: 31).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        let short = #expect(throws: LinkSecretError.self) { try LinkSecret.loadOrCreate(path: path) }
        #expect(short?.description.contains("has 31 bytes, not 32") == true, "\(String(describing: short))")
    }
}

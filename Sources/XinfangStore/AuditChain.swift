import Crypto
import Foundation
import XinfangCore
import GRDB

/// The audit log as a hash chain: each row stores the previous row's hash and the SHA-256 of that
/// hash with its own content, so editing or deleting any row breaks every hash after it.
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    static func hash(prev: String, seq: Int64, at: Int64, actor: String, action: String, subject: String, detail: String) -> String {
        let content = [prev, String(seq), String(at), actor, action, subject, detail].joined(separator: "\u{1F}")
        return Hex.lowercase(SHA256.hash(data: Data(content.utf8)))
    }

    /// Appends a row; call inside the write transaction of the change it records.
    static func append(_ db: Database, actor: String, action: String, subject: String, detail: String) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
        let prev: String = last?["hash"] ?? genesis
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let at = SQLiteStore.now()
        let h = hash(prev: prev, seq: seq, at: at, actor: actor, action: action, subject: subject, detail: detail)
        try db.execute(sql: """
            INSERT INTO audit (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, at, actor, action, subject, detail, prev, h])
    }
}

/// The result of checking the audit chain.
public struct AuditVerification: Equatable, Sendable {
    public var rows: Int
    /// The first row whose hash or link does not match, and why.
    public var firstBroken: (seq: Int64, reason: String)?

    public static func == (a: AuditVerification, b: AuditVerification) -> Bool {
        a.rows == b.rows && a.firstBroken?.seq == b.firstBroken?.seq && a.firstBroken?.reason == b.firstBroken?.reason
    }
}

extension SQLiteStore {
    /// Walks the whole chain, recomputing every hash.
    public func verifyAudit() throws -> AuditVerification {
        try pool.read { db in
            var prev = AuditChain.genesis
            var expectedSeq: Int64 = 1
            var count = 0
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM audit ORDER BY seq")
            while let row = try cursor.next() {
                count += 1
                let seq: Int64 = row["seq"]
                if seq != expectedSeq { return AuditVerification(rows: count, firstBroken: (expectedSeq, "row \(expectedSeq) is missing")) }
                if row["prev_hash"] != prev { return AuditVerification(rows: count, firstBroken: (seq, "its link to the previous row does not match")) }
                let h = AuditChain.hash(prev: prev, seq: seq, at: row["at"], actor: row["actor"], action: row["action"],
                                        subject: row["subject"], detail: row["detail"])
                if row["hash"] != h { return AuditVerification(rows: count, firstBroken: (seq, "its content does not match its hash")) }
                prev = h
                expectedSeq += 1
            }
            return AuditVerification(rows: count, firstBroken: nil)
        }
    }
}

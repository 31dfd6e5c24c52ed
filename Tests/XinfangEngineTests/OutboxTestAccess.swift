@testable import XinfangEngine
import XinfangCore
import XinfangPorts
import XinfangStore

enum OutboxTestAccess {
    /// The messages a channel's outbox folds and attempts now, without attempting them.
    static func messages(_ store: any EngineStore, channel: String, now: Int64) throws -> [OutgoingMessage] {
        _ = try store.foldLateDeliveries(channel: channel, now: now, holdUpTo: 600, listLimit: Outbox.digestListLimit) { Outbox.render($0) }
        return try store.pendingDigests(channel: channel, now: now, limit: 100).map(\.message)
            + store.pendingDeliveries(channel: channel, now: now, limit: 500).map { Outbox.single($0.reminder) }
    }
}

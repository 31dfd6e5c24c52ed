@testable import XinfangEngine
import XinfangCore
import XinfangStore

enum OutboxTestAccess {
    static func messages(_ pending: [PendingDelivery]) -> [OutgoingMessage] { Outbox.messages(pending).map(\.0) }
}

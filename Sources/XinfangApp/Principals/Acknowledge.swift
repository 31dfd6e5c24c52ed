public import XinfangCore
public import XinfangPorts

/// 签收 by a logged-in principal (`POST /reminders/{id}/ack`, `POST /api/v1/reminders/{id}/ack`),
/// through the store's one ack path, with the principal's audit actor.
public enum Acknowledge {
    /// What an acknowledgement did.
    public enum Outcome: Sendable {
        case acknowledged(ReminderState)
        /// Acknowledged before, at this time (Unix seconds): nothing changed.
        case alreadyAcknowledged(at: Int64, ReminderState)
        /// The principal sees the reminder's case but may not acknowledge a reminder to its recipient (403).
        case notAllowed
        /// No such reminder, or one of a case outside the principal's scope (404).
        case notFound
    }

    /// Acknowledges reminder `id` as `principal` when `principal.canAcknowledge(recipient:)`.
    public static func reminder(id: Int64, principal: Principal, store: any ReminderAcknowledgements & CaseScopes) throws -> Outcome {
        guard let state = try store.reminder(id: id) else { return .notFound }
        guard principal.canAcknowledge(recipient: state.reminder.recipient.name) else {
            let scope = try store.caseScope(number: state.reminder.caseNumber)
            let visible = scope.map { principal.canSee(caseUnit: $0.unit, caseLeader: $0.leader) } ?? false
            return visible ? .notAllowed : .notFound
        }
        if let at = state.ackedAt { return .alreadyAcknowledged(at: at, state) }
        do {
            return .acknowledged(try store.ack(reminderID: id, actor: principal.actor))
        } catch {
            // Acknowledged by someone else between the read and the write: say so, not fail.
            if let again = try store.reminder(id: id), let at = again.ackedAt { return .alreadyAcknowledged(at: at, again) }
            throw error
        }
    }
}

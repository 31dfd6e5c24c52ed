/// What 签收 needs from a store: a reminder with its acknowledgement, and the one ack path.
public protocol ReminderAcknowledgements: Sendable {
    /// The reminder with this id, nil when unknown.
    func reminder(id: Int64) throws -> ReminderState?
    /// Acknowledges it now, with an audit row naming `actor`, in one transaction; refuses an unknown
    /// reminder and one already acknowledged (changing nothing). Returns it as acknowledged.
    @discardableResult
    func ack(reminderID: Int64, actor: String) throws -> ReminderState
}

public import Logging

/// The kinds of journal entries xinfangd writes, each with a stable MESSAGE_ID (documented in
/// `units/xinfangd.catalog`, so `journalctl -x` explains it). Operators filter with
/// `journalctl MESSAGE_ID=…`.
public enum MessageID: String, CaseIterable, Sendable {
    case started = "c6f9d99bd47048f1baca5af388d0b905"
    case stopping = "1d0b4b07f4864f17a68058328eab2b7d"
    case reloaded = "bb3992bc532b47fba8f333073a1f7941"
    case reminderCreated = "5ac9a5d8af564b26a7d95bfa82aba818"
    case reminderLate = "64d1264f61874e97b97d13fb4a5cc007"
    case catchUpDigest = "39e65f34e3a94a409b6812b980d129f8"
    case deliveryFailed = "4cc9cc8530874e6c855102789e45f497"
    case deliveryGaveUp = "003640a5e0994202925b3be4c99edcbe"
    case deadlineOverdue = "143c7eb2629e4744b868cd89dd1fc018"
    case supervisionBreach = "2cbcecf785df4060a3454048f3edcc01"
    case pluginFailed = "2f2f089bcfe94883b2c2b973f6c34948"
    case calendarMissing = "83b444fdccb146a8aa2cf9bcea3ce219"
    case recomputed = "9025dcabb96748a7ba699557ccb30160"
    case remindersAnnounced = "51540313dc1e4b1dab2f68262f1ef078"
    case clockStepped = "02ac2e1139c64122a2480cb559d1ab31"
    case clockJumped = "ded24b63cc7d4470a5d2e346600f8a15"
    case configRejected = "531570222ae64c9d8afd4534b56edb31"
    case storeFailed = "5656bd30d0d54a499a2e9708454b3d88"
}

extension Logger.Metadata {
    /// Metadata carrying a MESSAGE_ID and XINFANG_* fields (journal field names, upper case).
    public static func xinfang(_ id: MessageID, _ fields: [String: String?] = [:]) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["MESSAGE_ID": .string(id.rawValue)]
        for (key, value) in fields {
            if let value { metadata[key] = .string(value) }
        }
        return metadata
    }
}

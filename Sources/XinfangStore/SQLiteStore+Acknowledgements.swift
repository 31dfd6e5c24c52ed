public import XinfangPorts

extension SQLiteStore: ReminderAcknowledgements {}

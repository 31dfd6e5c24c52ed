import XinfangCore

/// A calendar published as one iCalendar file (RFC 5545), such as a unit's deadlines or a leader's
/// reception days, for clients that subscribe to it.
public struct ICSCalendar: Sendable {
    /// X-WR-CALNAME, the name a client shows for the subscription.
    public var name: String
    /// PRODID, the formal public identifier of the program that wrote the file.
    public var productID: String
    /// TZID of the zone in which timed events are given, such as "Asia/Shanghai".
    public var timeZoneID: String
    /// The zone's offset from UTC in minutes (480 for UTC+8); the zone is written as having no
    /// daylight saving time, as is true of China since 1991.
    public var utcOffsetMinutes: Int
    /// The events, written in this order.
    public var events: [ICSEvent] = []

    /// An empty calendar.
    public init(
        name: String, productID: String = "-//Xinfang//xinfangd//ZH", timeZoneID: String = "Asia/Shanghai",
        utcOffsetMinutes: Int = 480
    ) {
        self.name = name
        self.productID = productID
        self.timeZoneID = timeZoneID
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// RFC 5545 text: CRLF line endings, lines folded at 75 octets without splitting a UTF-8 sequence,
    /// TEXT values escaped (backslash, semicolon, comma, newline), VERSION:2.0, PRODID, CALSCALE:GREGORIAN,
    /// METHOD:PUBLISH, X-WR-CALNAME, X-WR-TIMEZONE, one VTIMEZONE for the zone (Asia/Shanghai: a STANDARD
    /// component with TZOFFSETFROM/TZOFFSETTO +0800, TZNAME CST, DTSTART 19700101T000000 — China has had no DST since 1991),
    /// DTSTAMP (the `stamp` argument, UTC, so output is deterministic in tests).
    ///
    /// `stamp` is in seconds since 1970-01-01T00:00:00Z. The same calendar and stamp always give the same text.
    public func render(stamp: Int64) -> String {
        String(decoding: renderBytes(stamp: stamp), as: UTF8.self)
    }

    /// `render(stamp:)` as UTF-8 bytes.
    func renderBytes(stamp: Int64) -> [UInt8] {
        var out = ContentLineWriter(capacity: 1024 + events.count * 768)
        out.raw("BEGIN", "VCALENDAR")
        out.raw("VERSION", "2.0")
        out.text("PRODID", productID)
        out.raw("CALSCALE", "GREGORIAN")
        out.raw("METHOD", "PUBLISH")
        out.text("X-WR-CALNAME", name)
        out.text("X-WR-TIMEZONE", timeZoneID)
        writeTimeZone(to: &out)
        for event in events { write(event, stamp: stamp, to: &out) }
        out.raw("END", "VCALENDAR")
        return out.bytes
    }

    /// The VTIMEZONE (§3.6.5): one STANDARD observance in force since 1970 at the fixed offset.
    private func writeTimeZone(to out: inout ContentLineWriter) {
        out.raw("BEGIN", "VTIMEZONE")
        out.text("TZID", timeZoneID)
        out.raw("BEGIN", "STANDARD")
        out.raw("DTSTART", "19700101T000000")
        out.utcOffset("TZOFFSETFROM", minutes: utcOffsetMinutes)
        out.utcOffset("TZOFFSETTO", minutes: utcOffsetMinutes)
        if let abbreviation = Self.abbreviations[timeZoneID] { out.text("TZNAME", abbreviation) }
        out.raw("END", "STANDARD")
        out.raw("END", "VTIMEZONE")
    }

    /// TZNAME of the zones whose abbreviation is known; other zones are written without one (it is optional).
    private static let abbreviations = ["Asia/Shanghai": "CST"]

    private func write(_ event: ICSEvent, stamp: Int64, to out: inout ContentLineWriter) {
        out.raw("BEGIN", "VEVENT")
        out.text("UID", event.uid)
        out.utcDateTime("DTSTAMP", seconds: stamp)
        switch event.when {
        case .allDay(let day):
            out.date("DTSTART", day)
            out.date("DTEND", day.adding(days: 1))
        case .timed(let day, let startMinute, let endMinute):
            out.localDateTime("DTSTART", zone: timeZoneID, day, minute: startMinute)
            if endMinute > startMinute { out.localDateTime("DTEND", zone: timeZoneID, day, minute: endMinute) }
        }
        out.integer("SEQUENCE", event.sequence)
        if let status = event.status { out.text("STATUS", status) }
        out.text("SUMMARY", event.summary)
        if let description = event.description { out.text("DESCRIPTION", description) }
        if let location = event.location { out.text("LOCATION", location) }
        if !event.categories.isEmpty { out.texts("CATEGORIES", event.categories) }
        for minutes in event.alarmsMinutesBefore {
            out.raw("BEGIN", "VALARM")
            out.raw("ACTION", "DISPLAY")
            out.durationBefore("TRIGGER", minutes: minutes)
            out.text("DESCRIPTION", event.summary)
            out.raw("END", "VALARM")
        }
        out.raw("END", "VEVENT")
    }
}

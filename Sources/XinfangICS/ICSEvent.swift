public import XinfangCore

/// One VEVENT of a published calendar (RFC 5545 §3.6.1): a deadline (期限) as an all-day event, or
/// a leader's reception (领导接访日) as a timed one.
public struct ICSEvent: Sendable, Equatable {
    /// When the event happens, in the calendar's own zone.
    public enum When: Sendable, Equatable {
        /// The whole of a day: `DTSTART;VALUE=DATE` on the day and `DTEND;VALUE=DATE` on the next.
        case allDay(Day)
        /// Local time on a day, in minutes after midnight, written with `TZID=` the calendar's zone.
        /// Minutes outside 0..<1440 roll over into earlier or later days (an end of 1440 is 00:00 the
        /// next day); an end not after the start writes no DTEND, an event of no length.
        case timed(Day, startMinute: Int, endMinute: Int)
    }

    /// UID: the same thing always gets the same UID, so a client replaces rather than duplicates it
    /// (see `stableUID(_:domain:)`).
    public var uid: String
    /// DTSTART and DTEND.
    public var when: When
    /// SUMMARY, the title a client shows.
    public var summary: String
    /// DESCRIPTION, free text over several lines if need be.
    public var description: String?
    /// LOCATION, such as the reception room (接待室).
    public var location: String?
    /// One VALARM (ACTION:DISPLAY, TRIGGER:-PT…M before the start) for each value; a negative value
    /// is that many minutes after the start.
    public var alarmsMinutesBefore: [Int]
    /// SEQUENCE: the caller bumps it each time the event changes, so clients take the new version.
    public var sequence: Int
    /// STATUS, such as "CONFIRMED" or "CANCELLED"; none when nil.
    public var status: String?
    /// CATEGORIES, such as "期限" or "接访"; none when empty.
    public var categories: [String]

    /// An event; everything after `summary` is optional.
    public init(
        uid: String, when: When, summary: String, description: String? = nil, location: String? = nil,
        alarmsMinutesBefore: [Int] = [], sequence: Int = 0, status: String? = nil, categories: [String] = []
    ) {
        self.uid = uid
        self.when = when
        self.summary = summary
        self.description = description
        self.location = location
        self.alarmsMinutesBefore = alarmsMinutesBefore
        self.sequence = sequence
        self.status = status
        self.categories = categories
    }
}

extension ICSEvent {
    /// A UID that depends only on what the event is about, never on when or how often it is
    /// rendered: `parts` joined by "/", then "@" and `domain`. Inside a part, every byte other than
    /// `A–Z a–z 0–9 - . _` is percent-encoded (so "/" in a part cannot be mistaken for the joint and
    /// the UID is ASCII): `["deadline", "XF-2026-001", "办理"]` gives
    /// `deadline/XF-2026-001/%E5%8A%9E%E7%90%86@xinfangd`.
    public static func stableUID(_ parts: [String], domain: String = "xinfangd") -> String {
        var bytes: [UInt8] = []
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "/")) }
            for byte in part.utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                    bytes.append(byte)
                default:
                    let hex = Array("0123456789ABCDEF".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self) + "@" + domain
    }
}

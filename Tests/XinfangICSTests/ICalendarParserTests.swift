import Foundation
import Testing
import XinfangCore
import XinfangICS

/// The calendar read back by a real iCalendar parser (Python's `icalendar`), which knows nothing
/// of how we wrote it.
@Suite("iCalendar read by Python's icalendar")
struct ICalendarParserTests {
    static let text = Fixture.calendar().render(stamp: newYear2026)

    func parsed() throws -> PythonICalendar.Calendar { try PythonICalendar.parse(text: Self.text) }

    func event(_ uid: String, in calendar: PythonICalendar.Calendar) throws -> PythonICalendar.Event {
        try #require(calendar.events.first { $0.uid == uid }, "no event \(uid) among \(calendar.events.map(\.uid))")
    }

    @Test("the calendar parses without errors: VERSION, PRODID, CALSCALE, METHOD, X-WR-CALNAME, X-WR-TIMEZONE, 4 events")
    func calendarParses() throws {
        let calendar = try parsed()
        #expect(calendar.errors == [])
        #expect(calendar.version == "2.0")
        #expect(calendar.prodid == "-//Xinfang//xinfangd//ZH")
        #expect(calendar.calscale == "GREGORIAN")
        #expect(calendar.method == "PUBLISH")
        #expect(calendar.calname == "县信访局, 期限; 接访")
        #expect(calendar.wrTimezone == "Asia/Shanghai")
        #expect(calendar.events.count == 4)
    }

    // China: UTC+8 all year since 1991; the parser builds the zone from our VTIMEZONE alone.
    @Test("the VTIMEZONE is there: Asia/Shanghai, one STANDARD from 1970, +08:00 to +08:00, CST, no DAYLIGHT; 09:00 is +08:00 by it")
    func timeZone() throws {
        let zones = try parsed().zones
        #expect(zones.map(\.tzid) == ["Asia/Shanghai"])
        let zone = try #require(zones.first)
        #expect(zone.daylightCount == 0)
        #expect(zone.standard.count == 1)
        #expect(zone.standard.first?.dtstart == "1970-01-01T00:00:00")
        #expect(zone.standard.first?.offsetFromSeconds == 28_800)
        #expect(zone.standard.first?.offsetToSeconds == 28_800)
        #expect(zone.standard.first?.tzname == "CST")
        #expect(zone.probeUTCOffsetSeconds == 28_800)
    }

    @Test("round trip of the reception: UID, Chinese SUMMARY, LOCATION and DESCRIPTION with , ; \\ and newline, CATEGORIES, SEQUENCE")
    func receptionRoundTrip() throws {
        let reception = try event(Fixture.reception.uid, in: parsed())
        #expect(reception.summary == "王副县长接访日")
        #expect(reception.location == Fixture.reception.location)
        #expect(reception.description == Fixture.reception.description)
        #expect(reception.categories == ["接访", "领导,专场"])
        #expect(reception.sequence == 2)
        #expect(reception.status == nil)
    }

    // 2026-01-05 09:00 in Beijing is 01:00 UTC; the parser must see +08:00 through TZID=Asia/Shanghai.
    @Test("the timed event resolves to 2026-01-05 09:00 +08:00 through TZID=Asia/Shanghai, ending 11:30")
    func timedEvent() throws {
        let reception = try event(Fixture.reception.uid, in: parsed())
        #expect(reception.dtstart.kind == "datetime")
        #expect(reception.dtstart.iso == "2026-01-05T09:00:00+08:00")
        #expect(reception.dtstart.utcOffsetSeconds == 28_800)
        #expect(reception.dtstart.params == ["TZID": "Asia/Shanghai"])
        #expect(reception.dtend?.iso == "2026-01-05T11:30:00+08:00")
    }

    @Test("a zone tzdata does not know (\"Xinfang/Beijing\") resolves to +08:00 through our VTIMEZONE alone")
    func unknownZoneThroughVTimezone() throws {
        var calendar = ICSCalendar(name: "测试", timeZoneID: "Xinfang/Beijing", utcOffsetMinutes: 480)
        calendar.events = [Fixture.reception]
        let reception = try #require(try PythonICalendar.parse(text: calendar.render(stamp: newYear2026)).events.first)
        #expect(reception.dtstart.iso == "2026-01-05T09:00:00+08:00")
        #expect(reception.dtstart.params == ["TZID": "Xinfang/Beijing"])
    }

    @Test("all-day events: VALUE=DATE, the day and the next (2026-02-27 → 02-28, 2026-12-31 → 2027-01-01)")
    func allDayEvents() throws {
        let calendar = try parsed()
        let deadline = try event(Fixture.deadline.uid, in: calendar)
        #expect(deadline.dtstart.kind == "date")
        #expect(deadline.dtstart.iso == "2026-02-27")
        #expect(deadline.dtstart.params == ["VALUE": "DATE"])
        #expect(deadline.dtend?.iso == "2026-02-28")
        #expect(deadline.summary == Fixture.deadline.summary)  // folded over three lines
        let yearEnd = try event(Fixture.yearEnd.uid, in: calendar)
        #expect(yearEnd.dtend?.iso == "2027-01-01")
    }

    @Test("VALARM triggers: -60 and -15 minutes for the reception, -1 day for the deadline, all DISPLAY")
    func alarms() throws {
        let calendar = try parsed()
        let reception = try event(Fixture.reception.uid, in: calendar)
        #expect(reception.alarms.map(\.triggerSeconds) == [-3600, -900])
        #expect(reception.alarms.map(\.action) == ["DISPLAY", "DISPLAY"])
        #expect(reception.alarms.map(\.description) == ["王副县长接访日", "王副县长接访日"])
        #expect(try event(Fixture.deadline.uid, in: calendar).alarms.map(\.triggerSeconds) == [-86_400])
    }

    @Test("the cancelled reception: STATUS CANCELLED, SEQUENCE 1")
    func cancelled() throws {
        let cancelled = try event(Fixture.cancelled.uid, in: parsed())
        #expect(cancelled.status == "CANCELLED")
        #expect(cancelled.sequence == 1)
        #expect(cancelled.alarms.isEmpty)
    }

    @Test("500 events with Chinese text parse, each with its own UID")
    func manyEvents() throws {
        let events = (0..<500).map { k in
            ICSEvent(uid: ICSEvent.stableUID(["deadline", "XF-\(k)"]), when: .allDay(day("2026-03-01").adding(days: k)),
                     summary: "【办理期限】第 \(k) 件：申诉求决类，县人社局；逾期将督办", alarmsMinutesBefore: [1440])
        }
        let calendar = try PythonICalendar.parse(text: Fixture.calendar(events).render(stamp: newYear2026))
        #expect(calendar.errors == [])
        #expect(calendar.events.map(\.uid) == events.map(\.uid))
        #expect(calendar.events.map(\.summary) == events.map(\.summary))
    }
}

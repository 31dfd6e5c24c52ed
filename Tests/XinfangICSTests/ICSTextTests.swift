import Testing
import XinfangCore
import XinfangICS

/// The text RFC 5545 prescribes, checked line by line with the expected lines written out by hand.
@Suite("iCalendar text")
struct ICSTextTests {
    let text = Fixture.calendar().render(stamp: newYear2026)

    /// The content lines of the VEVENT with `uid`, from BEGIN to END.
    func eventLines(_ uid: String) -> [String] {
        let lines = Fixture.contentLines(text)
        guard let uidLine = lines.firstIndex(of: "UID:" + uid),
              let end = lines[uidLine...].firstIndex(of: "END:VEVENT") else {
            Issue.record("no VEVENT with UID \(uid)")
            return []
        }
        return Array(lines[(uidLine - 1)...end])
    }

    // §3.1: "lines of text SHOULD NOT be longer than 75 octets, excluding the line break" and are
    // delimited by CRLF.
    @Test("every line ends in CRLF; no bare CR or LF anywhere")
    func crlf() {
        let bytes = Array(text.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A { #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at \(index)") }
            if byte == 0x0D { #expect(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "bare CR at \(index)") }
        }
    }

    // §3.2 and §3.6: the calendar's own properties, then the zone, then the events.
    @Test("calendar header: VERSION 2.0, PRODID, CALSCALE, METHOD, X-WR-CALNAME escaped, X-WR-TIMEZONE")
    func header() {
        #expect(Fixture.contentLines(text).prefix(7) == [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Xinfang//xinfangd//ZH", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", #"X-WR-CALNAME:县信访局\, 期限\; 接访"#, "X-WR-TIMEZONE:Asia/Shanghai",
        ])
        #expect(Fixture.contentLines(text).last == "END:VCALENDAR")
    }

    // §3.6.5: China has kept UTC+8 with no daylight saving time since 1991, so one STANDARD
    // observance from 1970 describes every date the office deals with.
    @Test("one VTIMEZONE for Asia/Shanghai: STANDARD, +0800 to +0800, CST, from 19700101T000000")
    func timeZone() {
        let lines = Fixture.contentLines(text)
        #expect(lines.filter { $0 == "BEGIN:VTIMEZONE" }.count == 1)
        #expect(lines.filter { $0.hasPrefix("BEGIN:DAYLIGHT") }.isEmpty)
        #expect(lines[7..<17] == [
            "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai", "BEGIN:STANDARD", "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "END:STANDARD", "END:VTIMEZONE", "BEGIN:VEVENT",
        ])
    }

    @Test("a zone west of UTC and UTC itself: -0330 and +0000 (never -0000), no TZNAME for unknown zones")
    func otherOffsets() {
        let newfoundland = ICSCalendar(name: "x", timeZoneID: "America/St_Johns", utcOffsetMinutes: -210).render(stamp: 0)
        #expect(newfoundland.contains("TZOFFSETTO:-0330\r\n"))
        #expect(!newfoundland.contains("TZNAME"))
        #expect(ICSCalendar(name: "x", timeZoneID: "UTC", utcOffsetMinutes: 0).render(stamp: 0).contains("TZOFFSETFROM:+0000\r\n"))
    }

    // §3.3.11: "\\" for a backslash, "\;" "\," for semicolon and comma, "\n" for a line break.
    @Test("TEXT escaping: backslash, semicolon, comma and newline in DESCRIPTION, LOCATION, CATEGORIES")
    func escaping() {
        let lines = eventLines(Fixture.reception.uid)
        #expect(lines.contains(#"DESCRIPTION:预约：李某\, 赵某\; 议题：征地补偿\\安置房\n请提前 30 分钟到场"#))
        #expect(lines.contains(#"LOCATION:县信访局接待大厅，人民路 1 号\; 二楼"#))
        // Two categories; the comma inside the second is escaped, the one between them is not.
        #expect(lines.contains(#"CATEGORIES:接访,领导\,专场"#))
    }

    @Test("CRLF and CR in a value become \\n; control characters TEXT cannot hold are dropped; tab stays")
    func lineBreaksAndControls() {
        var event = Fixture.yearEnd
        event.description = "一\r\n二\r三\n四\u{07}\u{1B}五\t六"
        let lines = Fixture.contentLines(Fixture.calendar([event]).render(stamp: 0))
        #expect(lines.contains("DESCRIPTION:一\\n二\\n三\\n四五\t六"))
    }

    // §3.1: a long line is split by CRLF followed by one space; "care SHOULD be taken not to fold
    // UTF-8 multi-octet characters".
    @Test("no physical line over 75 octets, each valid UTF-8 on its own, and they unfold to the long SUMMARY")
    func folding() throws {
        let physical = Fixture.physicalLines(text)
        for line in physical {
            #expect(line.count <= 75, "\(line.count) octets: \(String(decoding: line, as: UTF8.self))")
            #expect(String(validating: line, as: UTF8.self) != nil, "invalid UTF-8: \(line)")
        }
        let summary = "SUMMARY:" + Fixture.deadline.summary
        #expect(summary.utf8.count > 150)
        #expect(physical.contains { $0.first == 0x20 })
        #expect(Fixture.contentLines(text).contains(summary))
    }

    @Test("folding every length 0…200 of mixed 1-, 2-, 3- and 4-octet characters: ≤ 75 octets, valid, lossless")
    func foldingEveryCut() {
        let alphabet: [Character] = ["a", "é", "信", "访", "😀", ",", "b"]
        var failures: [String] = []
        for length in 0...200 {
            let summary = String((0..<length).map { alphabet[($0 * 5 + length) % alphabet.count] })
            var event = Fixture.yearEnd
            event.summary = summary
            let rendered = Fixture.calendar([event]).render(stamp: 0)
            for line in Fixture.physicalLines(rendered) {
                if line.count > 75 { failures.append("length \(length): line of \(line.count) octets") }
                if String(validating: line, as: UTF8.self) == nil { failures.append("length \(length): invalid UTF-8") }
            }
            let escaped = summary.replacingOccurrences(of: ",", with: "\\,")
            if !Fixture.contentLines(rendered).contains("SUMMARY:" + escaped) { failures.append("length \(length): lost text") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    // §3.6.1 with §3.3.4: an all-day event is DTSTART;VALUE=DATE and a DTEND one day later (exclusive).
    @Test("all-day: DTSTART;VALUE=DATE on the day, DTEND the next day, also across a year end")
    func allDay() {
        let deadline = eventLines(Fixture.deadline.uid)
        #expect(deadline.contains("DTSTART;VALUE=DATE:20260227"))
        #expect(deadline.contains("DTEND;VALUE=DATE:20260228"))
        let yearEnd = eventLines(Fixture.yearEnd.uid)
        #expect(yearEnd.contains("DTSTART;VALUE=DATE:20261231"))
        #expect(yearEnd.contains("DTEND;VALUE=DATE:20270101"))
    }

    // §3.3.5 form 3: local time with a TZID that a VTIMEZONE in the calendar defines.
    @Test("timed: DTSTART and DTEND with TZID=Asia/Shanghai in local time, 09:00 to 11:30")
    func timed() {
        let lines = eventLines(Fixture.reception.uid)
        #expect(lines.contains("DTSTART;TZID=Asia/Shanghai:20260105T090000"))
        #expect(lines.contains("DTEND;TZID=Asia/Shanghai:20260105T113000"))
    }

    @Test("timed: an end of 24:00 is 00:00 the next day (2026-02-28 → 03-01); an end not after the start writes no DTEND")
    func timedEdges() {
        let day = day("2026-02-28")
        let evening = ICSEvent(uid: "e", when: .timed(day, startMinute: 20 * 60, endMinute: 24 * 60), summary: "晚间接访")
        let instant = ICSEvent(uid: "i", when: .timed(day, startMinute: 9 * 60, endMinute: 9 * 60), summary: "提醒")
        let lines = Fixture.contentLines(Fixture.calendar([evening, instant]).render(stamp: 0))
        #expect(lines.contains("DTSTART;TZID=Asia/Shanghai:20260228T200000"))
        #expect(lines.contains("DTEND;TZID=Asia/Shanghai:20260301T000000"))
        #expect(lines.filter { $0.hasPrefix("DTEND") }.count == 1)
    }

    // §3.8.7.2: DTSTAMP is a UTC date-time. 1 767 225 600 s = 2026-01-01T00:00:00Z; + 3 661 s = 01:01:01.
    @Test("DTSTAMP is the stamp in UTC: 1 767 229 261 → 20260101T010101Z; 0 → 19700101T000000Z")
    func stamp() {
        #expect(Fixture.calendar().render(stamp: newYear2026 + 3661).contains("\r\nDTSTAMP:20260101T010101Z\r\n"))
        #expect(Fixture.calendar().render(stamp: 0).contains("\r\nDTSTAMP:19700101T000000Z\r\n"))
        // One second before the epoch is the last second of 1969.
        #expect(Fixture.calendar().render(stamp: -1).contains("\r\nDTSTAMP:19691231T235959Z\r\n"))
    }

    // §3.6.6: a display alarm has ACTION, TRIGGER and DESCRIPTION; a negative duration is before the start.
    @Test("one VALARM per alarm: ACTION:DISPLAY, TRIGGER:-PT60M and -PT15M, DESCRIPTION the summary")
    func alarms() {
        let lines = eventLines(Fixture.reception.uid)
        let alarm = ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT60M", "DESCRIPTION:王副县长接访日", "END:VALARM",
                     "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M", "DESCRIPTION:王副县长接访日", "END:VALARM",
                     "END:VEVENT"]
        #expect(Array(lines.suffix(alarm.count)) == alarm)
        #expect(eventLines(Fixture.deadline.uid).contains("TRIGGER:-PT1440M"))
        #expect(!eventLines(Fixture.cancelled.uid).contains("BEGIN:VALARM"))
    }

    @Test("SEQUENCE, STATUS and no empty optional properties")
    func sequenceAndStatus() {
        let cancelled = eventLines(Fixture.cancelled.uid)
        #expect(cancelled.contains("SEQUENCE:1"))
        #expect(cancelled.contains("STATUS:CANCELLED"))
        #expect(!cancelled.contains { $0.hasPrefix("DESCRIPTION") || $0.hasPrefix("LOCATION") || $0.hasPrefix("CATEGORIES") })
        #expect(eventLines(Fixture.reception.uid).contains("SEQUENCE:2"))
        #expect(!eventLines(Fixture.deadline.uid).contains { $0.hasPrefix("STATUS") })
    }

    // A client replaces an event whose UID it has seen; a UID that changed would duplicate it.
    @Test("stable UIDs: two renders at different stamps, events in another order, give the same UIDs")
    func stableUIDs() {
        func uids(_ text: String) -> Set<String> { Set(Fixture.contentLines(text).filter { $0.hasPrefix("UID:") }) }
        let first = uids(text)
        let reordered = Fixture.calendar([Fixture.yearEnd, Fixture.cancelled, Fixture.deadline, Fixture.reception])
        #expect(first.count == 4)
        #expect(uids(reordered.render(stamp: newYear2026 + 86_400 * 30)) == first)
        #expect(Fixture.calendar().render(stamp: newYear2026) == text)
    }

    @Test("stableUID: safe bytes kept, others percent-encoded, '/' inside a part cannot collide with the joint")
    func stableUIDText() {
        #expect(ICSEvent.stableUID(["deadline", "XF-2026-001", "办理"]) == "deadline/XF-2026-001/%E5%8A%9E%E7%90%86@xinfangd")
        #expect(ICSEvent.stableUID(["a/b", "c"]) != ICSEvent.stableUID(["a", "b/c"]))
        #expect(ICSEvent.stableUID(["x y"], domain: "example.cn") == "x%20y@example.cn")
    }
}

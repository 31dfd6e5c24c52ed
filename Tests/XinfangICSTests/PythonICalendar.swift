import Foundation
import Testing
import XinfangTesting

/// Python's `icalendar` package (PyPI `icalendar`, tested with 7.3.2) as an independent reader of
/// what we write. `scripts/test` installs it; a machine without it fails these tests, never skips them.
enum PythonICalendar {
    /// What the parser made of a calendar file.
    struct Calendar: Decodable {
        let version: String?
        let prodid: String?
        let calscale: String?
        let method: String?
        let calname: String?
        let wrTimezone: String?
        let zones: [Zone]
        let events: [Event]
        /// Property values the parser could not read, as "COMPONENT: error".
        let errors: [String]
    }

    /// A VTIMEZONE, and what its own definition (not tzdata) makes of 2026-01-05 09:00.
    struct Zone: Decodable {
        let tzid: String
        let standard: [Observance]
        let daylightCount: Int
        let probeUTCOffsetSeconds: Double
    }

    /// A STANDARD or DAYLIGHT observance.
    struct Observance: Decodable {
        let dtstart: String
        let offsetFromSeconds: Double
        let offsetToSeconds: Double
        let tzname: String?
    }

    /// A VEVENT with its values decoded.
    struct Event: Decodable {
        let uid: String
        let summary: String
        let description: String?
        let location: String?
        let categories: [String]
        let sequence: Int?
        let status: String?
        let dtstart: Moment
        let dtend: Moment?
        let alarms: [Alarm]
    }

    /// A DTSTART or DTEND: `kind` "date" or "datetime", ISO 8601 text, UTC offset, parameters.
    struct Moment: Decodable {
        let kind: String
        let iso: String
        let utcOffsetSeconds: Double?
        let params: [String: String]
    }

    /// A VALARM.
    struct Alarm: Decodable {
        let action: String
        let triggerSeconds: Double
        let description: String?
    }

    static let script = #"""
        import sys, json
        try:
            import icalendar
        except ImportError as error:
            sys.stderr.write(f"cannot import icalendar: {error}\n")
            sys.exit(3)
        from datetime import datetime

        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())

        def text(component, name):
            value = component.get(name)
            return None if value is None else str(value)

        def x_text(component, name):
            # icalendar keeps X- properties raw (vUnknown); RFC 5545 §3.8.8.2 makes TEXT their default
            # type, so read the raw value as TEXT the way the parser reads a SUMMARY.
            raw = component.get(name)
            if raw is None:
                return None
            wrapper = icalendar.Event.from_ical('BEGIN:VEVENT\r\nSUMMARY:' + str(raw) + '\r\nEND:VEVENT\r\n')
            return str(wrapper['SUMMARY'])

        def moment(component, name):
            if name not in component:
                return None
            value = component.decoded(name)
            params = {k: str(v) for k, v in component[name].params.items()}
            if isinstance(value, datetime):
                offset = value.utcoffset()
                return {'kind': 'datetime', 'iso': value.isoformat(), 'params': params,
                        'utcOffsetSeconds': None if offset is None else offset.total_seconds()}
            return {'kind': 'date', 'iso': value.isoformat(), 'params': params, 'utcOffsetSeconds': None}

        def categories(event):
            value = event.get('CATEGORIES')
            if value is None:
                return []
            groups = value if isinstance(value, list) else [value]
            return [str(c) for group in groups for c in group.cats]

        zones = []
        for tz in cal.walk('VTIMEZONE'):
            standard = [{'dtstart': s.decoded('DTSTART').isoformat(),
                         'offsetFromSeconds': s.decoded('TZOFFSETFROM').total_seconds(),
                         'offsetToSeconds': s.decoded('TZOFFSETTO').total_seconds(),
                         'tzname': text(s, 'TZNAME')} for s in tz.walk('STANDARD')]
            probe = datetime(2026, 1, 5, 9, 0, tzinfo=tz.to_tz())
            zones.append({'tzid': str(tz['TZID']), 'standard': standard, 'daylightCount': len(tz.walk('DAYLIGHT')),
                          'probeUTCOffsetSeconds': probe.utcoffset().total_seconds()})

        events = []
        for event in cal.walk('VEVENT'):
            events.append({
                'uid': str(event['UID']), 'summary': str(event['SUMMARY']),
                'description': text(event, 'DESCRIPTION'), 'location': text(event, 'LOCATION'),
                'categories': categories(event),
                'sequence': event.decoded('SEQUENCE') if 'SEQUENCE' in event else None,
                'status': text(event, 'STATUS'),
                'dtstart': moment(event, 'DTSTART'), 'dtend': moment(event, 'DTEND'),
                'alarms': [{'action': str(a['ACTION']), 'triggerSeconds': a.decoded('TRIGGER').total_seconds(),
                            'description': text(a, 'DESCRIPTION')} for a in event.walk('VALARM')],
            })

        errors = [f"{c.name}: {e}" for c in cal.walk() for e in c.errors]
        print(json.dumps({
            'version': text(cal, 'VERSION'), 'prodid': text(cal, 'PRODID'), 'calscale': text(cal, 'CALSCALE'),
            'method': text(cal, 'METHOD'), 'calname': x_text(cal, 'X-WR-CALNAME'),
            'wrTimezone': x_text(cal, 'X-WR-TIMEZONE'), 'zones': zones, 'events': events, 'errors': errors,
        }, ensure_ascii=False))
        """#

    /// Why the parser gave no answer.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses the file at `path` with `python3` (found on PATH, as `scripts/test` finds it).
    static func parse(_ path: String) throws -> Calendar {
        let output = try Python.execute(script, [path])
        let stderr = output.stderr
        switch output.status {
        case 0:
            return try JSONDecoder().decode(Calendar.self, from: output.stdout)
        case 3:
            throw Failure(description: """
                Python's icalendar package is not installed for `python3` (\(stderr.trimmingCharacters(in: .whitespacesAndNewlines))). \
                Install it: python3 -m pip install 'icalendar==7.3.2' (scripts/test does this).
                """)
        case 127:
            throw Failure(description: "python3 is not on PATH; install Python 3 and then: python3 -m pip install 'icalendar==7.3.2'")
        default:
            throw Failure(description: "python3 icalendar exited \(output.status): \(stderr)")
        }
    }

    /// Writes `text` to a new file and parses it.
    static func parse(text: String) throws -> Calendar {
        let folder = TemporaryFolder.make("ics")
        defer { TemporaryFolder.remove(folder) }
        let path = folder + "/calendar.ics"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return try parse(path)
    }
}

import Foundation
import Testing
import XinfangTesting

@Suite("xinfangctl calendar ics through a real iCalendar parser")
struct LeaderCalendarCLITests {
    @Test("reception days and due dates round-trip through Python's icalendar; UIDs are stable; a cancellation is CANCELLED")
    func icsRoundTrip() throws {
        let dir = TemporaryFolder.make("ics")
        let store = ["--store", dir + "/x.sqlite"]
        // The fixture's dates are absolute (Nov–Dec 2026) and a calendar holds the days around today:
        // the clock is pinned to Tue 2026-12-01.
        let clock = TestClock.environment(pinnedAt: "2026-12-01T10:00:00+08:00")
        for args in [
            ["unit", "add", "县人社局"], ["leader", "add", "王副县长"],
            ["case", "add", "XF-2026-000321", "--received", "2026-11-02", "--category", "申诉求决", "--unit", "县人社局", "--leader", "王副县长", "--place", "城关镇", "--title", "拖欠工资"],
            ["event", "add", "XF-2026-000321", "accepted", "--on", "2026-11-05"],
            ["reception", "rule", "add", "wang-cgz", "--leader", "王副县长", "--place", "城关镇", "--monthly", "10,20", "--from", "2026-01-01"],
            ["reception", "cancel", "wang-cgz", "2026-12-20"],
        ] {
            let r = try CLI.run(args + store, environment: clock)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let month = try CLI.run(["reception", "list", "--month", "2026-12"] + store).stdout
        #expect(month.contains("[wang-cgz] 已取消 cancelled") && month.contains("[wang-cgz] 已安排 scheduled"), "status words Chinese first: \(month)")
        let first = dir + "/a.ics", second = dir + "/b.ics"
        #expect(try CLI.run(["calendar", "ics", "--leader", "王副县长", "--output", first] + store, environment: clock).status == 0)
        #expect(try CLI.run(["calendar", "ics", "--leader", "王副县长", "--output", second] + store, environment: clock).status == 0)
        let script = """
            import sys, json
            from icalendar import Calendar
            def load(p):
                cal = Calendar.from_ical(open(p, 'rb').read())
                out = {}
                for e in cal.walk('VEVENT'):
                    start = e.decoded('DTSTART')
                    out[str(e['UID'])] = {
                        'summary': str(e['SUMMARY']), 'location': str(e.get('LOCATION', '')), 'status': str(e.get('STATUS', '')),
                        'start': start.isoformat(), 'alarms': sorted(str(a['TRIGGER'].to_ical().decode()) for a in e.walk('VALARM')),
                    }
                return out, [str(t['TZID']) for t in cal.walk('VTIMEZONE')]
            a, tz = load(sys.argv[1]); b, _ = load(sys.argv[2])
            print(json.dumps({'a': a, 'same_uids': sorted(a) == sorted(b), 'tz': tz}, ensure_ascii=False))
            """
        let python = try Python.execute(script, [first, second])
        try #require(python.status == 0, "python icalendar failed (install it: pip install icalendar): \(python.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: python.stdout) as? [String: Any])
        let events = try #require(json["a"] as? [String: [String: Any]])
        #expect(json["same_uids"] as? Bool == true)
        #expect(json["tz"] as? [String] == ["Asia/Shanghai"])
        // Thu 2026-12-10, 09:00 local (+08:00), at 城关镇; alarms 5 working days before (12-03 09:00: 7 days) and at the start.
        let dec10 = try #require(events["reception/wang-cgz/2026-12-10@xinfangd"])
        #expect(dec10["start"] as? String == "2026-12-10T09:00:00+08:00")
        #expect(dec10["location"] as? String == "城关镇")
        #expect(dec10["alarms"] as? [String] == ["-P7D", "P0D"])  // 7 days = 10,080 minutes before, and at the start
        // Sun 12-20 moves to Mon 12-21 (顺延) and is cancelled: kept, marked CANCELLED, so clients drop it.
        let dec20 = try #require(events["reception/wang-cgz/2026-12-20@xinfangd"])
        #expect(dec20["status"] as? String == "CANCELLED")
        #expect(dec20["start"] as? String == "2026-12-21T09:00:00+08:00")
        // The owned case's handling deadline: accepted 11-05 + 60 = Mon 2027-01-04, an all-day event.
        let due = try #require(events["due/XF-2026-000321/D6@xinfangd"])
        #expect(due["start"] as? String == "2027-01-04")
        #expect((due["summary"] as? String)?.hasPrefix("到期：XF-2026-000321") == true)
    }

    @Test("reception rule add answers in words, leader agenda refuses an unknown leader (exit 2), risk without a periods file names the file period list uses")
    func operatorAnswers() throws {
        let configuration = try StoreConfiguration("ops")
        let dir = configuration.folder, s = configuration.arguments
        #expect(try CLI.run(["leader", "add", "王副县长"] + s).status == 0)
        let rule = try CLI.run(["reception", "rule", "add", "wang", "--leader", "王副县长", "--place", "城关镇", "--monthly", "10,20", "--from", "2026-01-01"] + s)
        #expect(rule.status == 0, "\(rule.stderr)")
        #expect(rule.stdout.contains("wang") && rule.stdout.contains("王副县长 在城关镇接访，每月10日、20日，自2026-01-01起（长期）"), "\(rule.stdout)")
        #expect(!rule.stdout.contains("ReceptionRule("), "\(rule.stdout)")

        let unknown = try CLI.run(["leader", "agenda", "不存在"] + s)
        #expect(unknown.status == 2, "\(unknown)")
        #expect(unknown.stderr.contains("unknown leader 不存在") && unknown.stderr.contains("王副县长"), "\(unknown.stderr)")
        #expect(try CLI.run(["leader", "agenda", "王副县长"] + s).status == 0)

        let periods = try CLI.run(["period", "list"] + s)
        #expect(periods.stdout.contains(dir + "/periods.toml"), "\(periods.stdout)")
        let risk = try CLI.run(["risk", "--period", "两会"] + s)
        #expect(risk.status == 2)
        #expect(risk.stderr.contains("no periods file (\(dir)/periods.toml)"), "\(risk.stderr)")
    }
}

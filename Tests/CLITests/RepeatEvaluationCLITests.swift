import Foundation
import Testing

/// Repeat petitions (初件/重件) and the satisfaction evaluation (满意度评价) through the real
/// `xinfangctl`, on a store of its own. Every date is absolute and every judgement pinned with
/// `--as-of` or the bulletin's period, so the day the suite runs does not matter.
@Suite("xinfangctl: repeat petitions and satisfaction evaluation")
struct RepeatEvaluationCLITests {
    let dir: String
    let store: [String]

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-repeat-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = ["--store", dir + "/x.sqlite"]
    }

    @discardableResult
    func ok(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> CLI.Result {
        let r = try CLI.run(args + store)
        #expect(r.status == 0, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    func refused(_ args: String..., saying text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try CLI.run(args + store)
        #expect(r.status == 2, "\(args) should be refused: \(r.stdout)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "\(args): \(r.stderr)", sourceLocation: sourceLocation)
    }

    func json(_ args: String...) throws -> [String: Any] {
        let r = try CLI.run(args + store + ["--json"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    func write(_ name: String, _ lines: [String]) throws -> String {
        let path = dir + "/" + name
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("case link: a repeat names its first case; refused for itself, an unknown case, a repeat, a cycle, an earlier case, a second first case")
    func linkRefusals() throws {
        try ok("unit", "add", "县人社局")
        for (number, received) in [("XF-A", "2025-03-03"), ("XF-B", "2025-04-01"), ("XF-C", "2025-05-06"), ("XF-D", "2025-02-01"), ("XF-E", "2025-06-02")] {
            try ok("case", "add", number, "--received", received, "--category", "申诉求决", "--unit", "县人社局")
        }
        try refused("case", "link", "XF-A", "--repeat-of", "XF-A", saying: "自身")
        try refused("case", "link", "XF-B", "--repeat-of", "XF-NONE", saying: "初件不存在 unknown first case XF-NONE")
        try refused("case", "link", "XF-NONE", "--repeat-of", "XF-A", saying: "unknown case XF-NONE")
        let linked = try ok("case", "link", "XF-B", "--repeat-of", "XF-A")
        #expect(linked.stdout.contains("linked as a repeat of XF-A"))
        #expect(try ok("case", "link", "XF-B", "--repeat-of", "XF-A").stdout.contains("nothing changed"))
        // XF-B is a repeat: a link to it must name the first case XF-A.
        try refused("case", "link", "XF-C", "--repeat-of", "XF-B", saying: "请指向初件 XF-A")
        // The cycle XF-A → XF-B → XF-A: XF-B is a repeat, refused the same way.
        try refused("case", "link", "XF-A", "--repeat-of", "XF-B", saying: "is itself a repeat of XF-A")
        // XF-A has a repeat: it cannot become one, even of the earlier XF-D (XF-B would be a repeat of a repeat).
        try refused("case", "link", "XF-A", "--repeat-of", "XF-D", saying: "is the first case of repeats (XF-B)")
        // XF-D was received 2025-02-01, before XF-A (03-03).
        try refused("case", "link", "XF-D", "--repeat-of", "XF-A", saying: "早于初件")
        // XF-B already names XF-A.
        try refused("case", "link", "XF-B", "--repeat-of", "XF-C", saying: "already a repeat of XF-A")

        let b = try json("case", "show", "XF-B", "--as-of", "2025-06-30")
        #expect((b["case"] as? [String: Any])?["repeatOf"] as? String == "XF-A")
        let a = try json("case", "show", "XF-A", "--as-of", "2025-06-30")
        #expect(a["repeats"] as? [String] == ["XF-B"])
        #expect(try ok("case", "show", "XF-B", "--as-of", "2025-06-30").stdout.contains("重件 repeat of XF-A"))

        // An import naming a repeat as first case is refused at its line and field, nothing applied.
        let bad = try write("bad.jsonl", [
            #"{"record":"case","number":"XF-F","received":"2025-06-03","category":"申诉求决","unit":"县人社局"}"#,
            #"{"record":"case","number":"XF-G","received":"2025-06-04","category":"申诉求决","unit":"县人社局","repeat_of":"XF-B"}"#,
        ])
        let r = try CLI.run(["import", bad] + store)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.jsonl:2:repeat_of:") && r.stderr.contains("请指向初件 XF-A"), "\(r.stderr)")
        #expect(try CLI.run(["case", "show", "XF-F"] + store).status != 0)
        // Pointing at the first case imports; XF-H names XF-I, a first case later in the same file.
        let good = try write("good.jsonl", [
            #"{"record":"case","number":"XF-G","received":"2025-06-04","category":"申诉求决","unit":"县人社局","repeat_of":"XF-A"}"#,
            #"{"record":"case","number":"XF-H","received":"2025-06-05","category":"申诉求决","unit":"县人社局","repeat_of":"XF-I"}"#,
            #"{"record":"case","number":"XF-I","received":"2025-06-05","category":"申诉求决","unit":"县人社局"}"#,
        ])
        try ok("import", good)
        #expect(try ok("import", good).stdout.contains("0 case(s) and 0 event(s) added"))
        #expect(try json("case", "show", "XF-A", "--as-of", "2025-06-30")["repeats"] as? [String] == ["XF-B", "XF-G"])
        #expect(try json("case", "show", "XF-I", "--as-of", "2025-06-30")["repeats"] as? [String] == ["XF-H"])
    }

    @Test("risk counts a matter's linked repeats: 2 repeats of XF-A by the as-of day → 重复访 2 × 20 = 40 on XF-A and on each repeat")
    func riskCountsRepeats() throws {
        try """
            [[periods]]
            name = "测试窗口"
            first = 2025-09-28
            last = 2025-10-08
            level = 2
            """.write(toFile: dir + "/periods.toml", atomically: true, encoding: .utf8)
        try ok("unit", "add", "县人社局")
        for (number, received) in [("XF-A", "2025-06-02"), ("XF-B", "2025-07-01"), ("XF-C", "2025-08-01"), ("XF-E", "2025-08-01"), ("XF-Z", "2025-10-20")] {
            try ok("case", "add", number, "--received", received, "--category", "建议意见", "--unit", "县人社局")
        }
        try ok("case", "link", "XF-B", "--repeat-of", "XF-A")
        try ok("case", "link", "XF-C", "--repeat-of", "XF-A")
        // XF-Z, received 10-20, is after the as-of day 09-25: not yet a repeat of the matter.
        try ok("case", "link", "XF-Z", "--repeat-of", "XF-A")
        let r = try CLI.run(["risk", "--period", "测试窗口", "--periods", dir + "/periods.toml", "--as-of", "2025-09-25", "--json"] + store)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let byCase = Dictionary(uniqueKeysWithValues: rows.compactMap { row in (row["caseNumber"] as? String).map { ($0, row) } })
        for number in ["XF-A", "XF-B", "XF-C"] {
            #expect((byCase[number]?["reasons"] as? [String])?.contains("重复访（本事项重复信访2次）+40") == true, "\(number): \(byCase[number] ?? [:])")
        }
        #expect((byCase["XF-E"]?["reasons"] as? [String])?.contains { $0.hasPrefix("重复访") } == false)
    }

    /// The hand-counted bulletin for 2025-03-01 … 2025-04-30, one unit, read from the 全期 rows.
    /// Evaluation window: 30 calendar days from the receipt of the opinion (from its issue when no
    /// receipt is recorded), rolled forward off rest days (2025 notice: 清明 04-04…04-06, 劳动节
    /// 05-01…05-05); judged at the end of 04-30.
    ///
    /// | case | received | accepted | opinion issued / received | other | repeat |
    /// |---|---|---|---|---|---|
    /// | C1 | 03-03 | 03-05 | 03-20 / 03-21 | 满意 03-25 (due 04-20 Sun → 04-21) | first case of C5 |
    /// | C2 | 03-04 | 03-06 | 03-24 / 03-25 | none; due 04-24 Thu → lapsed | first case of C9 (received 05-06, after the period) |
    /// | C3 | 03-05 | 03-07 | 03-10 / 03-11 | 基本满意 04-15; due 04-10 Thu → late by 5 | |
    /// | C4 | 03-10 | 03-12 | 04-01 / 04-02 | 不满意 04-08 (due 05-02 Fri, 劳动节 → 05-06); 复查 04-20 | |
    /// | C5 | 04-10 | 04-11 | 04-25 / 04-26 | none; due 05-26 → pending | repeat of C1 |
    /// | C6 | 04-14 | 04-16 | — | | |
    /// | C7 | 04-20 | — | — | | flagged `repeated` (no link) |
    /// | C8 | 02-20 | 02-25 | 03-03 / — | none; opens 03-03, due 04-02 Wed → lapsed | |
    /// | C9 | 05-06 | — | — | | repeat of C2 |
    ///
    /// 重复信访率 = repeats received / received in the period: received C1–C7 = 7 (C8 in February,
    /// C9 in May are outside); repeats C5 (linked) + C7 (flagged) = 2 → 2/7 = 28.6 %.
    /// 一次性化解率 = resolved at the first handling / accepted in the period: accepted C1–C6 = 6 (C8 in
    /// February); resolved: C2 (its repeat C9 comes after the period), C3 → 2; not: C1 (repeat C5
    /// on 04-10), C4 (复查), C5 (itself a repeat), C6 (not answered) → 2/6 = 33.3 %.
    /// 参评率 = evaluated in time / (evaluated in time + lapsed), over the cases answered in the
    /// period (C1, C2, C3, C4, C5, C8): in time C1, C4 = 2; lapsed C2, C8, and C3 (late) = 3; C5
    /// still pending → 2/5 = 40.0 %. 满意率 = 满意 + 基本满意 among the 2 in time: C1 → 1/2 = 50.0 %.
    @Test("the bulletin's 重复信访率, 一次性化解率 and 参评率 equal the hand counts 2/7, 2/6, 2/5")
    func handCountedBulletin() throws {
        try ok("unit", "add", "县人社局")
        func c(_ number: String, _ received: String, _ extra: String = "") -> String {
            #"{"record":"case","number":"\#(number)","received":"2025-\#(received)","category":"申诉求决","unit":"县人社局"\#(extra)}"#
        }
        func e(_ number: String, _ seq: Int, _ type: String, _ on: String, _ extra: String = "") -> String {
            #"{"record":"event","case":"\#(number)","seq":\#(seq),"type":"\#(type)","on":"2025-\#(on)"\#(extra)}"#
        }
        let file = try write("fixture.jsonl", [
            c("C1", "03-03"), e("C1", 1, "accepted", "03-05"), e("C1", 2, "opinion_issued", "03-20"), e("C1", 3, "opinion_received", "03-21"),
            e("C1", 4, "evaluated", "03-25", #","rating":"满意""#),
            c("C2", "03-04"), e("C2", 1, "accepted", "03-06"), e("C2", 2, "opinion_issued", "03-24"), e("C2", 3, "opinion_received", "03-25"),
            c("C3", "03-05"), e("C3", 1, "accepted", "03-07"), e("C3", 2, "opinion_issued", "03-10"), e("C3", 3, "opinion_received", "03-11"),
            e("C3", 4, "evaluated", "04-15", #","rating":"基本满意""#),
            c("C4", "03-10"), e("C4", 1, "accepted", "03-12"), e("C4", 2, "opinion_issued", "04-01"), e("C4", 3, "opinion_received", "04-02"),
            e("C4", 4, "evaluated", "04-08", #","rating":"不满意""#), e("C4", 5, "review_requested", "04-20"),
            c("C5", "04-10", #","repeat_of":"C1""#), e("C5", 1, "accepted", "04-11"), e("C5", 2, "opinion_issued", "04-25"),
            e("C5", 3, "opinion_received", "04-26"),
            c("C6", "04-14"), e("C6", 1, "accepted", "04-16"),
            c("C7", "04-20", #","repeated":true"#),
            c("C8", "02-20"), e("C8", 1, "accepted", "02-25"), e("C8", 2, "opinion_issued", "03-03"),
            c("C9", "05-06", #","repeat_of":"C2""#),
        ])
        try ok("import", file)
        let csv = try ok("report", "bulletin", "--from", "2025-03-01", "--to", "2025-04-30", "--format", "csv").stdout
        // unit,month,measure,numerator,denominator,value
        func period(_ measure: String) -> String? {
            csv.components(separatedBy: "\r\n").first { $0.hasPrefix("县人社局,全期,\(measure),") }
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(3).joined(separator: ",") }
        }
        #expect(period("重复信访率") == "2,7,28.6")
        #expect(period("一次性化解率") == "2,6,33.3")
        #expect(period("参评率") == "2,5,40.0")
        #expect(period("满意率") == "1,2,50.0")

        // The states case show derives, on the same day.
        func evaluation(_ number: String) throws -> [String: Any]? { try json("case", "show", number, "--as-of", "2025-04-30")["evaluation"] as? [String: Any] }
        #expect(try evaluation("C2")?["state"] as? String == "lapsed")
        #expect(try evaluation("C2")?["due"] as? String == "2025-04-24")
        let c3 = try evaluation("C3")
        #expect(c3?["state"] as? String == "evaluated" && c3?["lateByDays"] as? Int == 5 && c3?["due"] as? String == "2025-04-10")
        let c4 = try evaluation("C4")
        #expect(c4?["state"] as? String == "evaluated" && c4?["lateByDays"] == nil && c4?["due"] as? String == "2025-05-06")
        #expect(try evaluation("C5")?["state"] as? String == "pending")
        #expect(try evaluation("C8")?["opened"] as? String == "2025-03-03")
        #expect(try evaluation("C6") == nil)
        let text = try ok("case", "show", "C3", "--as-of", "2025-04-30").stdout
        #expect(text.contains("满意度评价 evaluation: 已评价 evaluated 基本满意 on 2025-04-15") && text.contains("逾期评价 LATE by 5 day(s)"), "\(text)")
    }

    /// Opinion received Tue 2025-05-06: + 30 = Thu 06-05, a working day (端午 2025 is 05-31 … 06-02).
    @Test("event add evaluated after the window is recorded and marked late: 06-09 is 4 days after 06-05")
    func lateEventAdd() throws {
        try ok("unit", "add", "县人社局")
        try ok("case", "add", "XF-L", "--received", "2025-03-03", "--category", "申诉求决", "--unit", "县人社局")
        try ok("event", "add", "XF-L", "accepted", "--on", "2025-03-05")
        try ok("event", "add", "XF-L", "opinion_issued", "--on", "2025-05-04")
        try ok("event", "add", "XF-L", "opinion_received", "--on", "2025-05-06")
        let late = try ok("event", "add", "XF-L", "evaluated", "--on", "2025-06-09", "--rating", "满意")
        #expect(late.stdout.contains("逾期评价 LATE by 4 day(s)"), "\(late.stdout)")
    }
}

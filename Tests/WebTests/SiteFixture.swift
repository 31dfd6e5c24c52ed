import Foundation
import XinfangTesting

/// The bureau both end-to-end web suites work in, set up through the real `xinfangctl` on a
/// `LiveSite` whose clock is pinned to Monday 2026-08-03 10:00 (Asia/Shanghai): two units, a leader,
/// one account per role, and four cases whose deadlines are worked out by hand below.
///
/// Dates (条例2022, calendar 2026; a bare 日 counts calendar days, the start day not counted, a last
/// day on a rest day or holiday rolls forward to the next working day):
/// - XF-2026-000701 (县人社局, 王副县长) forwarded 07-13: D3 (告知, 15 days, 第23条) is due
///   07-13 + 15 = Tue 07-28 — overdue on 08-03, 红.
/// - XF-2026-000702 (县人社局, 王副县长) forwarded 07-20: D3 due Tue 08-04 — within the 3 working
///   days of the warning window (Tue 08-04 … Thu 08-06), 黄.
/// - XF-2026-000703 (县人社局) forwarded Fri 07-24: D3 runs to Sat 08-08, so due Mon 08-10, after the
///   window — 绿 (its D4, 5 working days, lapsed on Fri 07-31; an open D4 would light it too).
/// - XF-2026-000801 (县教育局, unit B) forwarded 07-13: D3 due 07-28, 红; outside unit A's scope.
/// - 受理 of 000701 on Mon 08-03: D6 (办理, 60 days, 第34条) runs to 08-03 + 60 = Fri 10-02, inside
///   国庆节 (10-01 … 10-07, 国办发明电〔2025〕7号), so it is due Thu 10-08 — 绿.
/// - an extension of 30 days on 08-03 (第34条): 08-03 + 60 + 30 = Sun 11-01, a rest day: due Mon 11-02.
struct SiteFixture {
    static let instant = "2026-08-03T10:00:00+08:00"
    static let unitA = "县人社局", unitB = "县教育局", leader = "王副县长"
    static let red = "XF-2026-000701", yellow = "XF-2026-000702", green = "XF-2026-000703", otherUnit = "XF-2026-000801"
    static let missing = "XF-2026-999999"
    static let password = "正确的密码-Correct-1"

    /// The petitioner of XF-2026-000701: distinctive enough that any leak is found by a plain search.
    static let personal = (name: "欧阳翠花", id: "11010519491231002X", phone: "13987654321", address: "幸福路八十八号三单元")
    static var personalValues: [String] { [personal.name, personal.id, personal.phone, personal.address] }

    /// The accounts, one per role: name, role flags for `xinfangctl user add`.
    static let accounts: [(name: String, arguments: [String])] = [
        ("admin", ["--role", "admin"]),
        ("clerk-a", ["--role", "clerk", "--unit", unitA, "--display", "人社局经办人"]),
        ("clerk-b", ["--role", "clerk", "--unit", unitB]),
        ("wang", ["--role", "leader", "--leader", leader]),
        ("viewer", ["--role", "viewer"]),
    ]

    let site: LiveSite
    /// The bearer token of `api-a` (role api, unit A).
    private(set) var apiToken = ""

    /// Starts the daemon, then adds through xinfangctl (so the running daemon computes and reminds
    /// at once): units, the leader, the accounts, an API token, and the cases (one import).
    init(purpose: String) throws {
        site = try LiveSite(pinnedAt: Self.instant, purpose: purpose)
        try site.start()
        try site.must(["unit", "add", Self.unitA, "--address", "rsj@example.cn"])
        try site.must(["unit", "add", Self.unitB, "--address", "jyj@example.cn"])
        try site.must(["leader", "add", Self.leader, "--title", "副县长", "--address", "wang@example.cn"])
        for account in Self.accounts {
            try site.must(["user", "add", account.name] + account.arguments + ["--password-stdin"], stdin: Self.password + "\n")
        }
        try site.must(["user", "add", "api-a", "--role", "api", "--unit", Self.unitA])
        apiToken = try site.must(["user", "token", "api-a", "--label", "办公系统"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let p = Self.personal
        let lines = [
            #"{"record":"case","number":"\#(Self.red)","received":"2026-07-13","category":"申诉求决","unit":"\#(Self.unitA)","leader":"\#(Self.leader)","petitioner_name":"\#(p.name)","petitioner_id":"\#(p.id)","petitioner_phone":"\#(p.phone)","petitioner_address":"\#(p.address)"}"#,
            #"{"record":"event","case":"\#(Self.red)","seq":1,"type":"forwarded","on":"2026-07-13","to":"\#(Self.unitA)"}"#,
            #"{"record":"case","number":"\#(Self.yellow)","received":"2026-07-20","category":"申诉求决","unit":"\#(Self.unitA)","leader":"\#(Self.leader)"}"#,
            #"{"record":"event","case":"\#(Self.yellow)","seq":1,"type":"forwarded","on":"2026-07-20","to":"\#(Self.unitA)"}"#,
            #"{"record":"case","number":"\#(Self.green)","received":"2026-07-24","category":"申诉求决","unit":"\#(Self.unitA)"}"#,
            #"{"record":"event","case":"\#(Self.green)","seq":1,"type":"forwarded","on":"2026-07-24","to":"\#(Self.unitA)"}"#,
            #"{"record":"case","number":"\#(Self.otherUnit)","received":"2026-07-13","category":"申诉求决","unit":"\#(Self.unitB)"}"#,
            #"{"record":"event","case":"\#(Self.otherUnit)","seq":1,"type":"forwarded","on":"2026-07-13","to":"\#(Self.unitB)"}"#,
        ]
        let file = site.root + "/cases.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        try site.must(["import", file])
    }

    /// The mails to `address` whose subject or body names `caseNumber`.
    func mails(to address: String, about caseNumber: String) -> [(headers: String, body: String)] {
        site.mails().filter { $0.headers.contains(address) && ($0.body.contains(caseNumber) || $0.headers.contains(caseNumber)) }
    }

    /// The 签收 link (`签收：<url>`) of a mail body.
    static func ackLink(_ body: String) -> String? {
        body.split(separator: "\n").first { $0.hasPrefix("签收：") }.map { String($0.dropFirst("签收：".count)).trimmingCharacters(in: .whitespaces) }
    }
}

import Testing
@testable import XinfangWeb

/// The pages' Chinese for the read models' machine words: every English form XinfangCore,
/// XinfangPolicy and XinfangApp write into the case view (quoted from their sources) comes out in
/// Chinese; a word the table does not know is shown as it is.
@Suite("XinfangWeb: the read models' words in Chinese on the pages")
struct PageTextTests {
    /// No Latin letters left but the identifiers a page may show (deadline codes, policy ids).
    static func chinese(_ text: String) -> Bool {
        text.replacingOccurrences(of: #"\b(D\d+|cn-\d{4})\b"#, with: "", options: .regularExpression)
            .unicodeScalars.allSatisfy { !("a"..."z").contains($0) && !("A"..."Z").contains($0) }
    }

    @Test("milestones: before-Nwd, due, overdue, the supervision ladder's steps, the own kinds' milestones")
    func milestones() {
        #expect(PageText.milestone("before-1wd") == "到期前1个工作日")
        #expect(PageText.milestone("before-10wd") == "到期前10个工作日")
        #expect(PageText.milestone("due") == "到期当日")
        #expect(PageText.milestone("due", kind: "reception") == "接访当日")
        #expect(PageText.milestone("overdue") == "已逾期")
        #expect(PageText.milestone("reminder-3wd", kind: "supervision") == "到期前3个工作日提醒")
        #expect(PageText.milestone("urge", kind: "supervision") == "催办通知")
        #expect(PageText.milestone("bulletin", kind: "supervision") == "通报建议")
        #expect(PageText.milestone("bulletin", kind: "duty") == "通报")
        for (milestone, kind) in [("weekly", "digest"), ("reminder", "daily-report"), ("overdue", "daily-report"), ("meeting", "duty"), ("dispatch", "duty")] {
            #expect(Self.chinese(PageText.milestone(milestone, kind: kind)), "\(milestone) \(kind)")
        }
        #expect(PageText.milestone("something-new") == "something-new")
    }

    @Test("reminder kinds: a deadline's code with its name; the own kinds by name")
    func kinds() {
        #expect(PageText.reminderKind("D3") == "D3 收到转送/交办后书面告知")
        for kind in ["reception", "digest", "escalation", "supervision", "daily-report", "duty"] {
            #expect(Self.chinese(PageText.reminderKind(kind)), "\(kind)")
        }
    }

    @Test("deliveries: channel and state")
    func deliveries() {
        #expect(PageText.delivery(channel: "maildir", state: "sent") == "邮件：已发送")
        #expect(PageText.delivery(channel: "maildir", state: "pending") == "邮件：待发送")
        #expect(PageText.delivery(channel: "exec", state: "failed") == "外部程序：发送失败")
        #expect(PageText.delivery(channel: "journal", state: "withdrawn") == "系统日志：已撤回")
    }

    @Test("the deadline engine's notes (DeadlineEngine.status and its no-limit and no-notice notes)")
    func deadlineNotes() {
        #expect(PageText.deadlineNote("done 6 day(s) late") == "逾期6天办结")
        #expect(PageText.deadlineNote("request 3 day(s) after the window closed: recorded, marked late") == "期间届满后3天才提出请求：已记录并标注逾期")
        #expect(PageText.deadlineNote("decided on acceptance on 2026-08-03 without objection") == "已于 2026-08-03 作出受理决定，未提出异议")
        #expect(PageText.deadlineNote("case closed on 2026-08-03 before the due day") == "案件已于 2026-08-03 办结，早于到期日")
        #expect(PageText.deadlineNote("cn-2022 sets no time limit for 涉法涉诉类 (D6)") == "cn-2022 对涉法涉诉类未设办理期限")
        for note in ["no objection within the period: the option lapsed", "window closed without a request", "name or address unclear: no written notice owed"] {
            #expect(Self.chinese(PageText.deadlineNote(note)), "\(note)")
        }
    }

    @Test("timeline details (CaseReport.detail), schedule notes, a policy's fallback, the built-in policies' summaries")
    func details() {
        #expect(PageText.eventDetail("→ 县人社局, 办结报告 due 2026-08-20") == "→ 县人社局，办结报告期限 2026-08-20")
        #expect(PageText.eventDetail("+30日, 局长: 涉及多个部门, 需联合调查") == "延长30日，局长批准：涉及多个部门, 需联合调查")
        #expect(PageText.eventDetail("→ 县人社局") == "→ 县人社局")
        #expect(Self.chinese(PageText.scheduleNote("not yet scheduled by the daemon (待计算)")))
        #expect(Self.chinese(PageText.scheduleNote("from an earlier version of the case: the daemon has not yet recomputed it (待计算)")))
        #expect(PageText.policyFallback("policy zhejiang is not available (plugin failed to load); the unit runs on cn-2022")
            == "政策 zhejiang 不可用，本单位按 cn-2022 办理（详见守护进程日志）")
        #expect(PageText.policySummary(id: "cn-2022", summary: "《信访工作条例》(2022) national rules") == "《信访工作条例》（2022年）全国规则")
        #expect(PageText.policySummary(id: "zhejiang", summary: "浙江省规则") == "浙江省规则")
    }
}

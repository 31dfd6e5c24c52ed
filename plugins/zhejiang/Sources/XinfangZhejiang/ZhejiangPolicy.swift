import XinfangCore
import XinfangPluginKit
import XinfangPolicy

/// 《浙江省信访条例》 as an overlay on the national rules (DOMAIN.md §2): an organ tells the
/// petitioner within 5 working days whether it accepts a matter, and handles it within 30 days,
/// extensible once by at most 60 more. Everything else as cn-2022.
///
/// The provincial text predates the 2022 national regulation; this overlay is the example the
/// bureau's own policy would follow, and cites the provincial regulation by name.
struct ZhejiangPolicy: DeadlinePolicy {
    static let regulation = "浙江省信访条例"

    var descriptor: PolicyDescriptor {
        PolicyDescriptor(id: "cn-zj", version: "1.0.0", summary: "《浙江省信访条例》 overlay: 受理告知 5 个工作日, 办理 30 日 + 延长 ≤ 60 日")
    }

    var rules: RuleBook {
        var book = StatutoryPolicy.cn2022.rules
        book.policyID = "cn-zj"
        let accept = DeadlineRule(.workingDays(5), article: "\(Self.regulation)（受理告知）")
        book.rules[.intakeNotice] = [accept]
        book.rules[.forwardNotice] = [accept]
        book.rules[.handling] = [DeadlineRule(.calendarDays(30), article: "\(Self.regulation)（办理期限）", categories: [.claim])]
        book.handlingExtension = ExtensionRule(maxDays: 60, article: "\(Self.regulation)（延长办理期限）")
        return book
    }
}

@_cdecl("xinfang_plugin_entry")
public func xinfangPluginEntry() -> UnsafeRawPointer {
    PluginExport.table {
        PluginContents(id: "zhejiang", version: "1.0.0", summary: "浙江省 provincial deadline overlay", policies: [ZhejiangPolicy()])
    }
}

import Testing
import XinfangCore
import XinfangPolicy

@Suite("Policy registry")
struct RegistryTests {
    @Test("built-in registry: cn-2022 (default) and cn-2005")
    func builtIn() throws {
        let registry = PolicyRegistry.builtIn()
        #expect(registry.defaultPolicyID == "cn-2022")
        #expect(Set(registry.entries.keys) == ["cn-2022", "cn-2005"])
        #expect(registry.entries["cn-2022"]?.origin == .builtIn)
        #expect(registry.entries["cn-2005"]?.origin == .builtIn)
        #expect(registry.policy(id: "cn-2005")?.descriptor.id == "cn-2005")
        #expect(registry.policy(forUnit: "某县信访局").descriptor.id == "cn-2022")
        let cn2022 = try #require(registry.policy(id: "cn-2022"))
        #expect(cn2022.descriptor.apiVersion == policyAPIVersion)
        #expect(cn2022.rules.rule(.handling, for: .claim)?.article == "条例2022 第34条")
        #expect(cn2022.rules.handlingExtension == ExtensionRule(maxDays: 30, article: "条例2022 第34条"))
    }

    @Test("per-unit selection: a unit may run cn-2005, the others keep the default")
    func perUnit() throws {
        var registry = PolicyRegistry.builtIn()
        try registry.select("cn-2005", forUnit: "老案件专班")
        #expect(registry.policy(forUnit: "老案件专班").descriptor.id == "cn-2005")
        #expect(registry.policy(forUnit: "县人社局").descriptor.id == "cn-2022")
        #expect(registry.unitPolicies == ["老案件专班": "cn-2005"])
        try registry.setDefault("cn-2005")
        #expect(registry.policy(forUnit: "县人社局").descriptor.id == "cn-2005")
    }

    @Test("the selected policy governs the deadlines: 建议意见 has D6 under cn-2005 only")
    func selectionGoverns() throws {
        var registry = PolicyRegistry.builtIn()
        try registry.select("cn-2005", forUnit: "老案件专班")
        var timeline = CaseTimeline(facts: CaseFacts(
            number: "XF-2025-000002", received: day("2025-07-28"), category: .suggestion, unit: "老案件专班"))
        let calendar = try cn()
        let old = registry.policy(forUnit: "老案件专班")
        try old.append(CaseEvent(.accepted, on: day("2025-08-05")), to: &timeline, calendar: calendar)
        // accepted Tue 08-05 + 60 = Sat 10-04 → Thu 10-09 under cn-2005; no limit under cn-2022
        let d6Old = try #require(old.deadlines(for: timeline, calendar: calendar, asOf: day("2025-08-05")).first { $0.kind == .handling })
        #expect(d6Old.due == day("2025-10-09"))
        let d6New = try #require(registry.policy(forUnit: "县人社局").deadlines(for: timeline, calendar: calendar, asOf: day("2025-08-05")).first { $0.kind == .handling })
        #expect(d6New.status == .notApplicable)
    }

    @Test("an unknown policy id is refused")
    func unknownID() {
        var registry = PolicyRegistry.builtIn()
        #expect(registry.policy(id: "cn-1995") == nil)
        do {
            try registry.select("cn-1995", forUnit: "县人社局")
            Issue.record("unknown id selected")
        } catch {
            #expect(error.description.contains("cn-1995"))
            #expect(error.description.contains("cn-2005, cn-2022"))
        }
        do {
            try registry.setDefault("zj-2010")
            Issue.record("unknown id made default")
        } catch {
            #expect(error.description.contains("zj-2010"))
        }
        #expect(registry.unitPolicies.isEmpty)
        #expect(registry.defaultPolicyID == "cn-2022")
    }

    @Test("a duplicate policy id is refused, the first registration kept")
    func duplicateID() {
        var registry = PolicyRegistry.builtIn()
        let impostor = StatutoryPolicy(
            descriptor: PolicyDescriptor(id: "cn-2022", version: "9.9.9", summary: "a plugin reusing the id"),
            rules: StatutoryPolicy.cn2005.rules)
        do {
            try registry.register(impostor, origin: .plugin(path: "/usr/lib/xinfang/plugins/x.so", sha256: "ab12"))
            Issue.record("duplicate id registered")
        } catch {
            #expect(error.description.contains("cn-2022"))
            #expect(error.description.contains("already registered"))
        }
        #expect(registry.policy(id: "cn-2022")?.descriptor.version == "1.0.0")
        #expect(registry.entries["cn-2022"]?.origin == .builtIn)
    }

    @Test("a policy built for another plugin API version is refused")
    func otherAPIVersion() {
        var registry = PolicyRegistry.builtIn()
        let zhejiang = StatutoryPolicy(
            descriptor: PolicyDescriptor(id: "zj-2010", version: "1.0.0", apiVersion: policyAPIVersion + 1, summary: "浙江省信访条例"),
            rules: StatutoryPolicy.cn2022.rules)
        do {
            try registry.register(zhejiang, origin: .plugin(path: "zj.so", sha256: "cd34"))
            Issue.record("foreign API version registered")
        } catch {
            #expect(error.description.contains("zj-2010"))
            #expect(error.description.contains("API \(policyAPIVersion + 1)"))
        }
        #expect(registry.policy(id: "zj-2010") == nil)
        // the same policy with the right version registers and can be selected
        var ok = zhejiang
        ok.descriptor.apiVersion = policyAPIVersion
        #expect(throws: Never.self) { try registry.register(ok, origin: .plugin(path: "zj.so", sha256: "cd34")) }
        #expect(throws: Never.self) { try registry.select("zj-2010", forUnit: "杭州某区") }
        #expect(registry.policy(forUnit: "杭州某区").descriptor.id == "zj-2010")
    }

    @Test("an empty registry: register then select the default")
    func emptyRegistry() throws {
        var registry = PolicyRegistry(defaultPolicyID: "cn-2022")
        #expect(registry.entries.isEmpty)
        try registry.register(StatutoryPolicy.cn2022, origin: .builtIn)
        #expect(registry.policy(forUnit: "任一单位").descriptor.id == "cn-2022")
    }
}

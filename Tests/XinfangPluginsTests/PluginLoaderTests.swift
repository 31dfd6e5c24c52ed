import Foundation
import Testing
import XinfangCore
import XinfangFiles
import XinfangPlugins
import XinfangPolicy
import XinfangTesting

let packageRoot = Checkout.root.path
let realCalendar = try! CalendarLocator.load(id: "cn", directory: Checkout.calendars)

func day(_ s: String) -> Day { Day(s)! }

/// A fresh folder with copies of the given built plugins (scripts/build-plugins puts them in plugins/lib).
func pluginFolder(_ names: [String]) throws -> String {
    let dir = TemporaryFolder.make("plugins")
    for name in names {
        let built = packageRoot + "/plugins/lib/" + name
        guard FileManager.default.fileExists(atPath: built) else {
            throw PluginTestError(description: "\(built) is missing: run scripts/build-plugins first (scripts/test does)")
        }
        try FileManager.default.copyItem(atPath: built, toPath: dir + "/" + name)
    }
    return dir
}

struct PluginTestError: Error, CustomStringConvertible { var description: String }

/// Compiles a small C plugin with the given api version, descriptor and fixed reply.
func cPlugin(in dir: String, name: String, api: Int = 1, descriptor: String, reply: String, entry: Bool = true) throws {
    let source = dir + "/" + name + ".c"
    func cString(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    try """
        #include <stdlib.h>
        #include <string.h>
        #include "xinfang_plugin.h"
        static char *call(const char *request) { (void)request; return strdup(\(cString(reply))); }
        static void release(char *reply) { free(reply); }
        static const xinfang_plugin table = { \(api), \(cString(descriptor)), call, release };
        const xinfang_plugin *\(entry ? "xinfang_plugin_entry" : "something_else")(void) { return &table; }
        """.write(toFile: source, atomically: true, encoding: .utf8)
    let cc = Process()
    cc.executableURL = URL(fileURLWithPath: "/usr/bin/cc")
    cc.arguments = ["-shared", "-fPIC", "-I", packageRoot + "/Sources/CXinfangPlugin/include", "-o", dir + "/" + name + ".so", source]
    try cc.run()
    cc.waitUntilExit()
    guard cc.terminationStatus == 0 else { throw PluginTestError(description: "cc failed for \(name)") }
    try FileManager.default.removeItem(atPath: source)
}

func load(_ dir: String, units: [String: String] = [:]) throws -> ConfiguredRegistry {
    var config = DaemonConfig.defaults(environment: [:])
    config.pluginDirectories = [dir]
    config.runtimeDirectory = dir + "/run"
    config.policy = PolicySettings(defaultPolicy: "cn-2022", units: units)
    return try ConfiguredRegistry.build(config)
}

@Suite("Policy plugins loaded through the C entry point")
struct PluginLoaderTests {
    @Test("the 浙江 overlay loads, records path, version and SHA-256, and governs the unit that selects it")
    func zhejiangLoads() throws {
        let dir = try pluginFolder(["libXinfangZhejiang.so"])
        let configured = try load(dir, units: ["县人社局": "cn-zj"])
        let record = try #require(configured.plugins.first)
        #expect(record.error == nil)
        #expect(record.id == "zhejiang" && record.apiVersion == 1 && record.policies == ["cn-zj"])
        #expect(record.sha256.count == 64)
        #expect(configured.registry.policy(forUnit: "县人社局").descriptor.id == "cn-zj")
        #expect(configured.registry.policy(forUnit: "县教育局").descriptor.id == "cn-2022")
        #expect(configured.registry.entries["cn-zj"]?.origin == .plugin(path: dir + "/libXinfangZhejiang.so", sha256: record.sha256))
    }

    @Test("浙江: 受理告知 within 5 working days, 办理 within 30 days, one extension of up to 60 days")
    func zhejiangDeadlines() throws {
        let policy = try #require(try load(try pluginFolder(["libXinfangZhejiang.so"])).registry.policy(id: "cn-zj"))
        var t = CaseTimeline(facts: CaseFacts(number: "XF-ZJ-1", received: day("2025-09-26"), category: .claim, unit: "县人社局"))
        try policy.append(CaseEvent(.forwarded(to: "县人社局"), on: day("2025-09-30")), to: &t, calendar: realCalendar)
        try policy.append(CaseEvent(.accepted, on: day("2025-10-09")), to: &t, calendar: realCalendar)
        let before = policy.deadlines(for: t, calendar: realCalendar, asOf: day("2025-10-20"))
        // D3: forwarded Tue 09-30; working days after it: 10-01…10-08 off, Thu 10-09, Fri 10-10,
        // Sat 10-11 (make-up), Mon 10-13, Tue 10-14 → 2025-10-14 (cn-2022 would say 15 days: 10-15).
        #expect(before.first { $0.kind == .forwardNotice }?.due == day("2025-10-14"))
        // D6: accepted Thu 10-09 + 30 = Sat 11-08 → Mon 11-10.
        #expect(before.first { $0.kind == .handling }?.due == day("2025-11-10"))
        #expect(before.first { $0.kind == .handling }?.derivation.article.hasPrefix("浙江省信访条例") == true)
        // An extension of 45 days (more than cn-2022's 30 allows): 10-09 + 30 + 45 = 75 days → Tue 2025-12-23.
        try policy.append(CaseEvent(.extensionGranted(days: 45, approver: "局长", reason: "复杂"), on: day("2025-11-05")), to: &t, calendar: realCalendar)
        #expect(policy.deadlines(for: t, calendar: realCalendar, asOf: day("2025-11-06")).first { $0.kind == .handling }?.due == day("2025-12-23"))
        #expect(throws: RefusedEvent.self) {
            var u = CaseTimeline(facts: CaseFacts(number: "XF-ZJ-2", received: day("2025-09-26"), category: .claim, unit: "县人社局"))
            try policy.append(CaseEvent(.accepted, on: day("2025-10-09")), to: &u, calendar: realCalendar)
            try policy.append(CaseEvent(.extensionGranted(days: 61, approver: "局长", reason: "x"), on: day("2025-10-20")), to: &u, calendar: realCalendar)
        }
    }

    @Test("a plugin for another API version is refused; the others load")
    func wrongAPIVersion() throws {
        let dir = try pluginFolder(["libXinfangZhejiang.so"])
        try cPlugin(in: dir, name: "future", api: 99, descriptor: #"{"id":"future","policies":["x"]}"#, reply: "{}")
        let configured = try load(dir)
        #expect(configured.plugins.first { $0.path.hasSuffix("future.so") }?.error?.contains("plugin API 99") == true)
        #expect(configured.registry.policy(id: "cn-zj") != nil)
        #expect(configured.registry.policy(id: "x") == nil)
    }

    @Test("rules with a due date before the start, or a negative extension, are refused and the unit falls back")
    func invalidRules() throws {
        let dir = TemporaryFolder.make("plugins")
        let rules = #"{"ok":{"descriptor":{"id":"bad","version":"1","apiVersion":1,"summary":"s"},"rules":{"policy_id":"bad","no_limit_article":"x","rules":{"D6":[{"calendar_days":-5,"article":"x"}]},"handling_extension":{"max_days":-1,"article":"x"}}}}"#
        try cPlugin(in: dir, name: "bad", descriptor: #"{"id":"bad","version":"1","policies":["bad"]}"#, reply: rules)
        let configured = try load(dir, units: ["县人社局": "bad"])
        let error = try #require(configured.plugins.first?.error)
        #expect(error.contains("D6[0]") && error.contains("max_days -1"))
        #expect(configured.registry.policy(forUnit: "县人社局").descriptor.id == "cn-2022")
        #expect(configured.registry.fallbacks["县人社局"]?.contains("bad") == true)
    }

    @Test("a plugin whose call fails (throws) is refused with its message")
    func throwingPlugin() throws {
        let dir = TemporaryFolder.make("plugins")
        try cPlugin(in: dir, name: "thrower", descriptor: #"{"id":"thrower","policies":["t"]}"#, reply: #"{"error":"rules table corrupt","retryable":false}"#)
        let configured = try load(dir)
        #expect(configured.plugins.first?.error?.contains("rules table corrupt") == true)
        #expect(configured.registry.policy(id: "t") == nil)
    }

    @Test("a shared object without the entry point, and a duplicate plugin, are refused")
    func notAPluginAndDuplicate() throws {
        let dir = try pluginFolder(["libXinfangZhejiang.so"])
        try FileManager.default.copyItem(atPath: dir + "/libXinfangZhejiang.so", toPath: dir + "/zz-copy.so")
        try cPlugin(in: dir, name: "stranger", descriptor: "{}", reply: "{}", entry: false)
        let configured = try load(dir)
        #expect(configured.plugins.first { $0.path.hasSuffix("stranger.so") }?.error?.contains("no entry point") == true)
        #expect(configured.plugins.first { $0.path.hasSuffix("zz-copy.so") }?.error?.contains("already registered") == true)
        #expect(configured.plugins.first { $0.path.hasSuffix("libXinfangZhejiang.so") }?.error == nil)
    }

    @Test("the spool notifier plugin writes each message once, named by its dedupe key")
    func spoolNotifier() throws {
        let dir = try pluginFolder(["libXinfangSpool.so"])
        var config = DaemonConfig.defaults(environment: [:])
        config.pluginDirectories = [dir]
        config.runtimeDirectory = dir + "/run"
        config.pluginNotifiers = ["spool": ["directory": dir + "/spool"]]
        let configured = try ConfiguredRegistry.build(config)
        let notifier = try #require(configured.enabledPluginNotifiers(config).first)
        #expect(notifier.id == "spool")
        let r = Reminder(id: 1, dedupeKey: "XF-1|D6|due|2026-12-08|unit:县人社局", caseNumber: "XF-1", unit: "县人社局", deadlineKind: .handling,
                         milestone: "due", due: day("2026-12-08"), recipient: Recipient(role: .unit, name: "县人社局"), subject: "【办理期限提醒】XF-1",
                         body: "正文", fireAt: 0, createdAt: 0, lateBySeconds: nil)
        let message = OutgoingMessage(recipient: r.recipient, subject: r.subject, body: r.body, dedupeKey: r.dedupeKey, reminders: [r])
        try notifier.deliver(message)
        try notifier.deliver(message)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/spool").filter { $0.hasSuffix(".json") }
        #expect(files.count == 1)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/spool/" + files[0]))) as? [String: Any]
        #expect(json?["subject"] as? String == "【办理期限提醒】XF-1")
        // Without its directory setting the plugin refuses, and says it is not worth retrying.
        var bare = config
        bare.pluginNotifiers = ["spool": [:]]
        let error = #expect(throws: DeliveryError.self) { try ConfiguredRegistry.build(bare).enabledPluginNotifiers(bare).first?.deliver(message) }
        #expect(error?.retryable == false)
    }
}

import Foundation
import Testing
import XinfangCore
import XinfangFiles
import XinfangStore

/// The one vocabulary of event types (`EventType`) reads back the same through every door: the
/// command line and timeline files (by key and by each Chinese name), import files, and the store.
@Suite("Event vocabulary")
struct EventVocabularyTests {
    /// The same values for every type that carries them.
    struct Sample: EventValueSource {
        typealias Failure = Never
        func optionalText(_ key: EventValueKey) -> String? { "县人社局" }
        func requiredText(_ key: EventValueKey) -> String { key == .approver ? "局长" : "案情复杂" }
        func optionalDay(_ key: EventValueKey) -> Day? { day("2025-04-30") }
        func requiredInt(_ key: EventValueKey) -> Int { 30 }
        func rating(_ key: EventValueKey) -> Rating { .basicallySatisfied }
    }

    /// The sample's values as written in files.
    static let written: [EventValueKey: String] = [
        .to: "县人社局", .reportDue: "2025-04-30", .days: "30", .approver: "局长", .reason: "案情复杂", .rating: "基本满意",
    ]

    static func sample(_ type: EventType) -> CaseEvent.Kind { CaseEvent.Kind(type, values: Sample()) }

    @Test("every type keeps its key, and its kind is of that type")
    func keys() {
        #expect(EventType.allCases.count == 18)
        #expect(Set(EventType.allCases.map(\.key)).count == 18)
        #expect(Set(EventType.allCases.flatMap(\.chineseNames)).count == EventType.allCases.flatMap(\.chineseNames).count)
        for type in EventType.allCases {
            #expect(Self.sample(type).type == type)
            #expect(Self.sample(type).name == type.key)
            #expect(EventType(key: type.key) == type)
            #expect(!type.englishName.isEmpty)
        }
        #expect(CaseEvent.Kind.allNames == EventType.allCases.map(\.key))
    }

    @Test("the command line and timeline files read every type by its key and by each Chinese name")
    func timeline() throws {
        for type in EventType.allCases {
            let options = Dictionary(uniqueKeysWithValues: type.valueKeys.map { ($0.rawValue, Self.written[$0]!) })
            for typed in [type.key] + type.chineseNames {
                let event = try TimelineFile.event(type: typed, on: day("2025-03-10"), options: options)
                #expect(event == CaseEvent(Self.sample(type), on: day("2025-03-10")), "\(typed)")
            }
        }
    }

    @Test("import files read every type by its key with its own values")
    func importFile() throws {
        var lines: [String] = []
        for (i, type) in EventType.allCases.enumerated() {
            var fields = #""record":"event","case":"XF-1","seq":\#(i + 1),"type":"\#(type.key)","on":"2025-03-10""#
            for key in type.valueKeys {
                fields += key == .days ? #","days":30"# : #","\#(key.rawValue)":"\#(Self.written[key]!)""#
            }
            lines.append("{" + fields + "}")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-vocabulary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("all.jsonl").path
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let batch = try ImportFile.read(path: path)
        #expect(batch.events.map(\.event.kind) == EventType.allCases.map(Self.sample))
    }

    @Test("the store keeps every type with its values and reads it back the same")
    func store() throws {
        let store = try temporaryStore()
        try store.addUnit(name: "县人社局", address: nil, actor: "test")
        try store.addCase(CaseFacts(number: "XF-1", received: day("2025-03-01"), category: .claim, unit: "县人社局"), petitioner: nil, actor: "test")
        for type in EventType.allCases {
            // The store keeps what the policy accepted; this test's policy accepts everything.
            _ = try store.appendEvent(caseNumber: "XF-1", event: CaseEvent(Self.sample(type), on: day("2025-03-10")), note: nil, actor: "test") {
                _, _ in EventAcceptance()
            }
        }
        let stored = try store.events(caseNumber: "XF-1").map(\.event).filter { $0.on == day("2025-03-10") }
        #expect(stored.map(\.kind) == EventType.allCases.map(Self.sample))
    }
}

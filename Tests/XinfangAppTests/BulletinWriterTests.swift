import Foundation
import Testing
import XinfangApp
import XinfangCore
import XinfangFiles
import XinfangPolicy
import XinfangStore

@Suite("The scheduled bulletin, written through the application layer from a real store")
struct BulletinWriterTests {
    static let calendar: WorkingCalendar = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! CalendarLocator.load(id: "cn", directory: root.appendingPathComponent("etc/calendars").path)
    }()

    @Test("written on 2026-03-02 it covers 2026-01-01…02-28: three files named by the period, a case received in March left out")
    func scheduledBulletin() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-app-\(UUID().uuidString)").path
        let store = try SQLiteStore(path: directory + "/xinfang.sqlite")
        try store.addUnit(name: "县人社局", address: nil, actor: "test")
        let recorder = CaseRecorder(store: store, registry: PolicyRegistry.builtIn(), calendar: Self.calendar, actor: "test")
        // X1: received Mon 01-05, accepted Tue 01-06 (D6 due 01-06 + 60 = Sat 03-07 → Mon 03-09), answered 02-10: on time.
        try recorder.addCase(CaseFacts(number: "X1", received: Day(year: 2026, month: 1, day: 5)!, category: .claim, unit: "县人社局"),
                             petitioner: nil, events: [(CaseEvent(.accepted, on: Day(year: 2026, month: 1, day: 6)!), nil),
                                                       (CaseEvent(.opinionIssued, on: Day(year: 2026, month: 2, day: 10)!), nil)])
        // X2: received 03-01, after the period.
        try recorder.addCase(CaseFacts(number: "X2", received: Day(year: 2026, month: 3, day: 1)!, category: .claim, unit: "县人社局"),
                             petitioner: nil)

        try Bulletins.writeScheduled(store: store, writtenOn: Day(year: 2026, month: 3, day: 2)!, to: directory + "/bulletins")
        for ext in ["md", "csv", "html"] {
            #expect(FileManager.default.fileExists(atPath: directory + "/bulletins/2026-01-01_2026-02-28.\(ext)"), "\(ext)")
        }
        let rows = try String(contentsOfFile: directory + "/bulletins/2026-01-01_2026-02-28.csv", encoding: .utf8)
            .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        func row(_ measure: String) -> [String]? { rows.first { $0.count == 6 && $0[0] == "合计" && $0[1] == "全期" && $0[2] == measure }.map { Array($0[3...]) } }
        #expect(row("按期办结率") == ["1", "1", "100.0"])
        // 重复信访率 counts the cases received in the period: X1 only.
        #expect(row("重复信访率") == ["0", "1", "0.0"])
    }
}

import Synchronization
import Foundation
import Testing
import XinfangCore
import XinfangICS
import XinfangTesting

/// Writing the file a calendar client subscribes to: whole or not at all.
@Suite("iCalendar file")
struct ICSFileTests {
    @Test("write puts the rendered text in the file, replaces an older one, and leaves no temporary file")
    func writeReplaces() throws {
        let folder = TemporaryFolder.make("ics")
        defer { TemporaryFolder.remove(folder) }
        let path = folder + "/接访.ics"
        try Fixture.calendar().write(to: path, stamp: newYear2026)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Fixture.calendar().render(stamp: newYear2026))
        try Fixture.calendar([Fixture.yearEnd]).write(to: path, stamp: newYear2026)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Fixture.calendar([Fixture.yearEnd]).render(stamp: newYear2026))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["接访.ics"])
    }

    @Test("the file is 0640 under umask 0022: it names cases and leaders, not for every local user")
    func mode() throws {
        let folder = TemporaryFolder.make("ics")
        defer { TemporaryFolder.remove(folder) }
        let old = umask(0o022)
        defer { umask(old) }
        try Fixture.calendar().write(to: folder + "/x.ics", stamp: 0)
        #expect(try FileManager.default.attributesOfItem(atPath: folder + "/x.ics")[.posixPermissions] as? Int == 0o640)
    }

    @Test("a missing folder: write throws with the path and the reason, and creates nothing")
    func missingFolder() throws {
        let folder = TemporaryFolder.make("ics")
        defer { TemporaryFolder.remove(folder) }
        let error = #expect(throws: ICSWriteError.self) {
            try Fixture.calendar().write(to: folder + "/no-such-folder/x.ics", stamp: 0)
        }
        #expect(error?.description.contains("no-such-folder") == true)
        #expect(error?.description.contains("No such file or directory") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test("a reader polling the file while it is rewritten 40 times only ever sees one whole calendar or the other")
    func readerNeverSeesHalf() throws {
        let folder = TemporaryFolder.make("ics")
        defer { TemporaryFolder.remove(folder) }
        let path = folder + "/calendar.ics"
        let small = Fixture.calendar([Fixture.yearEnd])
        let large = Fixture.calendar((0..<500).map { k in
            ICSEvent(uid: "e\(k)", when: .allDay(day("2026-03-01").adding(days: k)), summary: "第 \(k) 件信访事项办理期限")
        })
        let wholes: Set<Data> = [Data(small.render(stamp: 0).utf8), Data(large.render(stamp: 0).utf8)]
        try small.write(to: path, stamp: 0)
        // The reader is a thread of its own: Swift's cooperative pool has one thread per core and
        // may be busy with other tests, so a detached task might not run at all.
        let progress = ReadProgress()
        let reader = Thread {
            while progress.stop.load(ordering: .relaxed) == 0 {
                guard let data = FileManager.default.contents(atPath: path) else { progress.torn.add(1, ordering: .relaxed); continue }
                progress.count.add(1, ordering: .relaxed)
                if !wholes.contains(data) { progress.torn.add(1, ordering: .relaxed) }
            }
            progress.done.store(1, ordering: .releasing)
        }
        reader.start()
        // At least 40 rewrites, and on until the reader has read a few times.
        var k = 0
        while k < 40 || (progress.count.load(ordering: .relaxed) < 5 && k < 2_000) {
            try (k % 2 == 0 ? large : small).write(to: path, stamp: 0)
            k += 1
        }
        progress.stop.store(1, ordering: .relaxed)
        while progress.done.load(ordering: .acquiring) == 0 { usleep(1000) }
        let reads = progress.count.load(ordering: .relaxed), torn = progress.torn.load(ordering: .relaxed)
        #expect(reads > 0)
        #expect(torn == 0, "\(torn) of \(reads) reads saw a partial or missing file")
    }
}

/// How many whole reads the polling reader made, shared with the writer.
final class ReadProgress: Sendable {
    let count = Atomic<Int>(0)
    let torn = Atomic<Int>(0)
    let stop = Atomic<Int>(0)
    let done = Atomic<Int>(0)
}

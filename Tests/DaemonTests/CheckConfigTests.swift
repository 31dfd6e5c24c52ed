import Foundation
import Testing

/// `xinfangd --check-config` refuses what would fail at run time, with file:line:field, and
/// changes nothing.
@Suite("xinfangd --check-config: paths, programs, addresses")
struct CheckConfigTests {
    /// Runs `--check-config` on `text`; returns the exit status and stderr.
    func check(_ text: String) throws -> (Int32, String, Sandbox) {
        let sandbox = try Sandbox()
        try text.replacingOccurrences(of: "CALENDARS", with: Sandbox.packageRoot.path + "/etc/calendars")
            .replacingOccurrences(of: "ROOT", with: sandbox.root)
            .write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Sandbox.binary("xinfangd"))
        process.arguments = ["--config", sandbox.config, "--check-config"]
        process.environment = sandbox.environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text, sandbox)
    }

    @Test("refused with file:line:field: a bad From address, a store that is a directory, a Maildir that is a file, a missing exec program, a NUL in a path")
    func refusals() throws {
        let cases: [(String, String)] = [
            ("[calendar]\ndirectory = \"CALENDARS\"\n[notify.maildir]\npath = \"ROOT/Maildir\"\nfrom = \"not an address\"\n",
             ":5:notify.maildir.from: \"not an address\" is not a mail address"),
            ("[calendar]\ndirectory = \"CALENDARS\"\n[store]\npath = \"ROOT\"\n", ":4:store.path: ROOT: is a directory, not a store file"),
            ("[calendar]\ndirectory = \"CALENDARS\"\n[store]\npath = \"ROOT/x.sqlite\"\n[notify.maildir]\npath = \"/etc/passwd\"\n",
             ":6:notify.maildir.path: /etc/passwd: is a file, not a directory"),
            ("[calendar]\ndirectory = \"CALENDARS\"\n[store]\npath = \"ROOT/x.sqlite\"\n[notify.exec]\ncommand = [\"/nonexistent/xinfang-sms\"]\n",
             ":6:notify.exec.command: /nonexistent/xinfang-sms: no such executable program"),
            ("[calendar]\ndirectory = \"CALENDARS\"\n[store]\npath = \"/etc/passwd/x.sqlite\"\n",
             ":4:store.path: /etc/passwd/x.sqlite: cannot be created: /etc/passwd is not a directory"),
            ("[calendar]\ndirectory = \"CALENDARS\"\n[store]\npath = \"ROOT/a\\u0000b.sqlite\"\n", ":4: a NUL character (\\u0000) is not allowed in any value"),
        ]
        for (text, expected) in cases {
            let (status, errors, sandbox) = try check(text)
            let wanted = sandbox.config + expected.replacingOccurrences(of: "ROOT", with: sandbox.root)
            #expect(status == 2, "\(text) → \(errors)")
            #expect(errors.contains(wanted), "expected \(wanted)\ngot \(errors)")
            #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/x.sqlite"), "nothing created")
        }
    }

    @Test("a good configuration passes and creates nothing")
    func passes() throws {
        let (status, errors, sandbox) = try check(
            "[calendar]\ndirectory = \"CALENDARS\"\n[store]\npath = \"ROOT/new/x.sqlite\"\n[notify.maildir]\npath = \"ROOT/Maildir\"\n[notify.exec]\ncommand = [\"true\"]\n")
        #expect(status == 0, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/new"))
    }
}

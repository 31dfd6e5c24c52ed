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

    /// Runs `xinfangd --check-config` as `nobody` (setpriv, util-linux) on a sandbox whose store
    /// directory belongs to root: the tests run as root, for whom every path is writable. The
    /// sandbox is opened to others (0755) and gets its own copy of the calendars, and of the binary
    /// when nobody cannot execute it where it was built.
    func checkAsNobody(store: (Sandbox) throws -> String) throws -> (Int32, String, Sandbox) {
        let setpriv = "/usr/bin/setpriv"
        try #require(FileManager.default.isExecutableFile(atPath: setpriv), "setpriv (util-linux) is needed to drop root")
        let asNobody = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        func run(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = Array(asNobody.dropFirst()) + arguments
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        let sandbox = try Sandbox()
        let files = FileManager.default
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sandbox.root)
        try files.copyItem(atPath: Sandbox.packageRoot.path + "/etc/calendars", toPath: sandbox.root + "/calendars")
        var binary = Sandbox.binary("xinfangd")
        if try run(["/usr/bin/test", "-x", binary], environment: sandbox.environment).0 != 0 {
            let bin = sandbox.root + "/bin"
            try files.createDirectory(atPath: bin, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            try files.copyItem(atPath: binary, toPath: bin + "/xinfangd")
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/xinfangd")
            binary = bin + "/xinfangd"
        }
        try "[calendar]\ndirectory = \"\(sandbox.root)/calendars\"\n[store]\npath = \"\(try store(sandbox))\"\n[http]\nenabled = false\n"
            .write(toFile: sandbox.config, atomically: true, encoding: .utf8)
        try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: sandbox.config)
        let (status, errors) = try run([binary, "--config", sandbox.config, "--check-config"], environment: sandbox.environment)
        return (status, errors, sandbox)
    }

    @Test("as an unprivileged user: a store in a directory it cannot write, and a store file it cannot write, are refused with file:line:field")
    func unwritableStore() throws {
        let (status, errors, sandbox) = try checkAsNobody { sandbox in
            let locked = sandbox.root + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
            return locked + "/x.sqlite"
        }
        let wanted = "\(sandbox.config):4:store.path: \(sandbox.root)/locked/x.sqlite: cannot be created: \(sandbox.root)/locked is not writable by this user"
        #expect(status == 2, "\(errors)")
        #expect(errors.contains(wanted), "expected \(wanted)\ngot \(errors)")
        #expect(!FileManager.default.fileExists(atPath: sandbox.root + "/locked/x.sqlite"), "nothing created")

        let (fileStatus, fileErrors, fileSandbox) = try checkAsNobody { sandbox in
            let store = sandbox.root + "/root-owned.sqlite"
            #expect(FileManager.default.createFile(atPath: store, contents: Data(), attributes: [.posixPermissions: 0o644]))
            return store
        }
        let wantedFile = "\(fileSandbox.config):4:store.path: \(fileSandbox.root)/root-owned.sqlite: is not writable by this user"
        #expect(fileStatus == 2, "\(fileErrors)")
        #expect(fileErrors.contains(wantedFile), "expected \(wantedFile)\ngot \(fileErrors)")
    }

    @Test("as an unprivileged user: a store directory it may write passes")
    func writableStoreAsNobody() throws {
        let (status, errors, _) = try checkAsNobody { sandbox in
            let open = sandbox.root + "/open"
            try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: open)
            return open + "/x.sqlite"
        }
        #expect(status == 0, "\(errors)")
    }
}

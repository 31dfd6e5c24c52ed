import Foundation
public import XinfangCore

extension DaemonConfig {
    /// What `xinfangd --check-config` can find out about the paths and programs the configuration
    /// names without changing anything: the store is a file in a writable place, the Maildir a
    /// directory (or creatable), the exec command an executable. Each problem names
    /// `file:line:field`; empty when all is well.
    public func pathProblems() -> [InputError] {
        let map = file.flatMap { try? DataDocument.read(path: $0) }?.sourceMap
        func problem(_ field: String, _ reason: String) -> InputError {
            InputError(file: file ?? "(defaults)", line: map?.line(of: field), field: field, reason: reason)
        }
        var problems: [InputError] = []
        if let reason = Self.fileProblem(storePath) { problems.append(problem("store.path", "\(storePath): \(reason)")) }
        if let maildir, let reason = Self.directoryProblem(maildir.path) {
            problems.append(problem("notify.maildir.path", "\(maildir.path): \(reason)"))
        }
        if let exec, let program = exec.command.first, !Self.isExecutable(program) {
            problems.append(problem("notify.exec.command", "\(program): no such executable program" + (program.contains("/") ? "" : " in $PATH")))
        }
        return problems
    }

    /// Why a file (the store) cannot be opened for writing at `path`, or nil.
    static func fileProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return "is a directory, not a store file" }
            return access(path, R_OK | W_OK) == 0 ? nil : "is not writable by this user"
        }
        return creatable(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Why `path` cannot be used as a directory to write into, or nil.
    static func directoryProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "is a file, not a directory" }
            return access(path, W_OK | X_OK) == 0 ? nil : "is not writable by this user"
        }
        return creatable(URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// Whether the nearest existing ancestor of `directory` is a writable directory.
    private static func creatable(_ directory: String) -> String? {
        var dir = URL(fileURLWithPath: directory.isEmpty ? "." : directory).standardizedFileURL
        while !FileManager.default.fileExists(atPath: dir.path) && dir.path != "/" { dir.deleteLastPathComponent() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "cannot be created: \(dir.path) is not a directory"
        }
        return access(dir.path, W_OK | X_OK) == 0 ? nil : "cannot be created: \(dir.path) is not writable by this user"
    }

    private static func isExecutable(_ program: String) -> Bool {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) && !isDirectory(program) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") && !isDirectory("\($0)/\(program)") }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

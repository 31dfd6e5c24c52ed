import Foundation
import Logging
import XinfangCore
import Systemd
import XinfangFiles

// xinfangd [--config FILE] [--check-config] [--demo] [--version]
//   --check-config  read and validate the configuration and calendars, print a summary, exit 0 or 2
//   --demo          run on a demo store in ./var/demo seeded from etc/demo (the README's run command)
//   --version       print `xinfangd VERSION` and exit 0

let usage = "usage: xinfangd [--config FILE] [--check-config] [--demo] [--version]"
var configPath: String?
var checkOnly = false
var demo = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--config":
        guard let path = arguments.popFirst() else { FileHandle.standardError.write(Data("\(usage)\n".utf8)); exit(2) }
        configPath = path
    case "--check-config": checkOnly = true
    case "--demo": demo = true
    case "-h", "--help": print(usage); exit(0)
    case "--version": print("xinfangd \(XinfangVersion.current)"); exit(0)
    default: FileHandle.standardError.write(Data("xinfangd: unknown argument \(argument)\n\(usage)\n".utf8)); exit(2)
    }
}

LoggingSystem.bootstrap { LogBootstrap.handler(label: $0) }
let logger = Logger(label: "xinfangd")

do {
    var config: DaemonConfig
    do throws(InputError) { config = try DaemonConfig.load(path: configPath) } catch { throw DaemonFailure(error.description) }
    if demo { config = try DemoSeed.prepare(config) }
    let runtime = try Runtime.build(config)
    if checkOnly {
        let problems = config.pathProblems()
        guard problems.isEmpty else { throw DaemonFailure(problems.map(\.description).joined(separator: "\n")) }
        print("configuration ok: \(config.file ?? "(defaults)")")
        print("store \(config.storePath) · calendar \(config.calendarID) \(runtime.settings.scheduling.calendar.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none") · policy \(runtime.settings.registry.defaultPolicyID) · channels \(["journal"] + runtime.settings.channels)")
        exit(0)
    }
    let daemon = try Daemon(runtime: runtime, configPath: configPath, demo: demo, logger: logger)
    if demo { try DemoSeed.seed(store: daemon.store, config: config, logger: logger) }
    exit(daemon.run())
} catch let failure as DaemonFailure {
    FileHandle.standardError.write(Data("xinfangd: \(failure.description)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("xinfangd: \(error)\n".utf8))
    exit(1)
}

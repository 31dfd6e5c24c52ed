import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import XinfangCore
import Systemd
import XinfangFiles
import XinfangApp
import XinfangClock
import XinfangWeb

// Before any thread starts, so that every thread inherits the mask: SIGTERM, SIGINT and SIGHUP are
// taken only by the service group's signal sources.
EventLoop.blockHandledSignals()

/// Runs the service group to its end on the global executor; returns the exit code (0, or the
/// scheduler's failure code, or 1 for another failure). The main thread waits here with its signals
/// still blocked: an async `main` would park it in `dispatch_main()`, which unblocks every signal on
/// it, so a SIGHUP or SIGTERM sent before the group's signal sources exist would kill the process.
enum ServiceRunner {
    static func run(_ group: ServiceGroup) -> Int32 {
        let code = Atomic<Int32>(0)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                try await group.run()
            } catch let failure as SchedulerFailure {
                code.store(failure.code, ordering: .relaxed)
            } catch {
                code.store(1, ordering: .relaxed)
            }
            done.signal()
        }
        done.wait()
        return code.load(ordering: .relaxed)
    }
}

/// `xinfangd`'s options. Usage errors exit 2, as before (ArgumentParser's default is 64).
struct DaemonOptions: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xinfangd",
        abstract: "信访期限守护进程：计算法定期限，按时发出提醒。 The daemon that keeps the statutory deadlines of petition work and sends the reminders.",
        discussion: """
            信号 Signals: SIGTERM/SIGINT 平稳停止 stop after the batch under way; SIGHUP 重新加载配置和日历 reload the configuration and calendars.
            退出码 Exit codes: 0 stopped (or configuration ok), 1 runtime failure, 2 usage or configuration error (file:line:field).
            """,
        version: "xinfangd \(XinfangVersion.current)"
    )

    @Option(name: .long, help: ArgumentHelp("配置文件 The configuration file (default: $CONFIGURATION_DIRECTORY/xinfangd.toml, ./etc/xinfangd.toml, /etc/xinfangd/xinfangd.toml).", valueName: "FILE"))
    var config: String?

    @Flag(name: .customLong("check-config"), help: "检查配置 Read and validate the configuration and calendars, print a summary, exit 0 or 2.")
    var checkConfig = false

    @Flag(name: .long, help: "演示 Run on a demo store in ./var/demo seeded from etc/demo (the README's run command).")
    var demo = false
}

let options: DaemonOptions
do {
    options = try DaemonOptions.parse()
} catch {
    if DaemonOptions.exitCode(for: error) == .success {
        print(DaemonOptions.fullMessage(for: error))
        exit(0)
    }
    FileHandle.standardError.write(Data("xinfangd: \(DaemonOptions.fullMessage(for: error))\n".utf8))
    exit(2)
}

LoggingSystem.bootstrap { LogBootstrap.handler(label: $0) }
let logger = Logger(label: "xinfangd")

do {
    var config: DaemonConfig
    do throws(InputError) { config = try DaemonConfig.load(path: options.config) } catch { throw ConfigurationFailure(error.description) }
    if options.demo { config = try DemoSeed.prepare(config) }
    let mailLinks = try options.checkConfig ? nil : LinkSetup.mailLinks(config: config, logger: logger)
    let runtime = try Runtime.build(config, mailLinks: mailLinks)
    if options.checkConfig {
        let problems = config.pathProblems()
        guard problems.isEmpty else { throw ConfigurationFailure(problems.map(\.description).joined(separator: "\n")) }
        print("configuration ok: \(config.file ?? "(defaults)")")
        print(config.http.summary)
        print("store \(config.storePath) · calendar \(config.calendarID) \(runtime.settings.scheduling.calendar.years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "none") · policy \(runtime.settings.registry.defaultPolicyID) · channels \(["journal"] + runtime.settings.channels)")
        exit(0)
    }
    let daemon = try Daemon(runtime: runtime, configPath: options.config, demo: options.demo, logger: logger)
    if options.demo { try DemoSeed.seed(store: daemon.store, config: config, logger: logger) }
    // Graceful shutdown runs in reverse order: SIGHUP is no longer taken, the scheduler finishes its
    // batch (STOPPING=1), then the writers and the outboxes finish what they are doing. The web
    // server is last so that it stops first: no request writes while the scheduler finishes.
    var services: [any Service] = [daemon.outboxes, daemon.calendars, daemon.bulletins, SchedulerService(daemon: daemon), ReloadOnHangup(loop: daemon.loop)]
    if config.http.enabled {
        services.append(WebServer(environment: try WebSetup.environment(daemon: daemon, logger: logger),
                                  features: try WebSetup.features(daemon: daemon)))
    }
    let group = ServiceGroup(
        services: services,
        gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger
    )
    exit(ServiceRunner.run(group))
} catch let failure as ConfigurationFailure {
    FileHandle.standardError.write(Data("xinfangd: \(failure.description)\n".utf8))
    exit(2)
} catch {
    FileHandle.standardError.write(Data("xinfangd: \(error)\n".utf8))
    exit(1)
}

import Foundation
import XinfangCore
import XinfangPluginKit
import XinfangPolicy

/// Writes each message as `<directory>/<hash of the dedupe key>.json` (written to a temporary name
/// and renamed, so a reader never sees half a file). The same message delivered twice lands on the
/// same name: the spool holds it once.
///
/// Settings (`[notify.plugin.spool]`): `directory` (required).
struct SpoolNotifier: ConfigurableNotifier {
    let id = "spool"

    func deliver(_ message: OutgoingMessage, settings: [String: String]) throws(DeliveryError) {
        guard let directory = settings["directory"], !directory.isEmpty else {
            throw DeliveryError("spool: no directory configured ([notify.plugin.spool] directory = …)", retryable: false)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(message)
            let name = String(format: "%016llx", fnv1a(message.dedupeKey))
            let final = URL(fileURLWithPath: directory).appendingPathComponent(name + ".json")
            let temporary = URL(fileURLWithPath: directory).appendingPathComponent("." + name + ".tmp")
            try data.write(to: temporary)
            guard rename(temporary.path, final.path) == 0 else {
                throw DeliveryError("spool: rename into \(directory) failed (errno \(errno))")
            }
        } catch let error as DeliveryError {
            throw error
        } catch {
            throw DeliveryError("spool: \(error.localizedDescription)")
        }
    }

    private func fnv1a(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}

@_cdecl("xinfang_plugin_entry")
public func xinfangPluginEntry() -> UnsafeRawPointer {
    PluginExport.table {
        PluginContents(id: "spool", version: "1.0.0", summary: "reminders as JSON files in a spool directory", notifiers: [SpoolNotifier()])
    }
}

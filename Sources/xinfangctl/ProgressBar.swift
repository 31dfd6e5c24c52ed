import Foundation

/// A one-line progress bar on stderr for long work on a terminal: rows, rows/s, ETA.
/// Draws at most ten times a second; does nothing when stderr is not a terminal.
final class ProgressBar {
    let label: String
    let unit: String
    let enabled: Bool
    let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(label: String, unit: String = "bytes", enabled: Bool) {
        self.label = label
        self.unit = unit
        self.enabled = enabled
    }

    func update(done: Int, total: Int) {
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let eta = rate > 0 && total > done ? Double(total - done) / rate : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %@ %3.0f%% %d/%d %@ %.0f/s ETA %.0fs ", label, bar, fraction * 100, done, total, unit, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}

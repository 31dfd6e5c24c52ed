import Foundation
import XinfangCore
import XinfangFiles

extension CalendarOptions {
    /// Loads the calendar, turning its file errors into an input failure.
    func load() throws -> WorkingCalendar {
        do {
            return try CalendarLocator.load(id: calendar, directory: calendars)
        } catch let errors as InputErrors {
            throw InputFailure(message: errors.description)
        }
    }
}

/// Today's date in Asia/Shanghai (or $TZ when set), the day deadlines are judged against by default.
func today() -> Day {
    let zone = ProcessInfo.processInfo.environment["TZ"].flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Asia/Shanghai")!
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return Day(year: c.year!, month: c.month!, day: c.day!)!
}

/// Parses a `YYYY-MM-DD` option value.
func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(text) else { throw InputFailure(message: "\(option): \"\(text.prefix(40))\" is not a date YYYY-MM-DD that exists") }
    if let reason = day.implausibility { throw InputFailure(message: "\(option): \(reason)") }
    return day
}

/// Writes JSON for `--json` output: sorted keys, pretty, UTF-8 unescaped.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Reads all of standard input.
func readStandardInput() -> [UInt8] {
    var data: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        data.append(contentsOf: chunk[0..<n])
    }
    return data
}

/// Writes bytes to standard output in full.
func writeStandardOutput(_ bytes: [UInt8]) {
    fflush(nil)
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if n <= 0 { break }
            offset += n
        }
    }
}

import Foundation
import XinfangCore
import XinfangFiles
import XinfangEngine

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
    let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(SystemClock().now())))
    return Day(year: c.year!, month: c.month!, day: c.day!)!
}

/// Parses a `YYYY-MM-DD` option value.
func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(text) else { throw InputFailure(message: "\(option): \(FieldText.quoted(text)) is not a date YYYY-MM-DD that exists") }
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
    // A regular file (`< requests.txt`) is read straight into an array of its size, in one copy;
    // a pipe, or a file that grew, goes on in chunks.
    var info = stat()
    let size = fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : 0
    var atEnd = false
    var data = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
        count = 0
        while count < buffer.count {
            let n = read(0, buffer.baseAddress! + count, buffer.count - count)
            if n <= 0 { atEnd = true; return }
            count += n
        }
    }
    if atEnd { return data }
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        data.append(contentsOf: chunk[0..<n])
    }
    return data
}

/// Runs `body` on all of standard input: a regular file (`< requests.txt`) is mapped, not copied;
/// anything else is read.
func withStandardInput<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(InputError) -> R) throws(InputError) -> R {
    var info = stat()
    if fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size > 0 {
        let offset = lseek(0, 0, SEEK_CUR)
        let size = Int(info.st_size) - Int(max(offset, 0))
        if offset >= 0, offset % off_t(sysconf(Int32(_SC_PAGESIZE))) == 0, size > 0,
           let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, 0, offset), map != MAP_FAILED {
            defer { munmap(map, size) }
            return try body(UnsafeBufferPointer(start: map.assumingMemoryBound(to: UInt8.self), count: size))
        }
    }
    let input = readStandardInput()
    return try input.withUnsafeBufferPointer { buffer throws(InputError) in try body(buffer) }
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

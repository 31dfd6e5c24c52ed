internal import CSystemd
internal import Glibc

/// Structured entries for systemd-journald, written with sd_journal_sendv(3).
public enum Journal {
    /// The socket journald reads native entries from; sd_journal_sendv writes to this path.
    static let socketPath = "/run/systemd/journal/socket"

    /// Whether stderr is connected to the journal: `JOURNAL_STREAM` ("device:inode", set by
    /// systemd for `StandardError=journal`) names the file that fd 2 is. A child that inherited
    /// the variable but whose stderr was redirected gets false.
    public static var stderrIsJournal: Bool {
        guard let value = getenv("JOURNAL_STREAM") else { return false }
        let parts = String(cString: value).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(2, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }

    /// Whether journald accepts `name` as a field a client may send: 1…64 characters of `A–Z`,
    /// `0–9` and `_`, not starting with `_` (trusted fields) or a digit.
    public static func isValidFieldName(_ name: String) -> Bool {
        let bytes = name.utf8
        guard (1...64).contains(bytes.count), let first = bytes.first else { return false }
        guard first != UInt8(ascii: "_"), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }

    /// Sends one entry: each field as `NAME=value` (values may hold newlines, any UTF-8 or binary
    /// data), in the order given; a field may repeat. Fields with invalid names are dropped.
    ///
    /// Returns false when nothing was sent: no valid field, no journal socket (libsystemd returns
    /// success and drops the entry then), or sd_journal_sendv failed. True means journald's socket
    /// took the datagram; journald writes it asynchronously.
    @discardableResult
    public static func send(_ fields: [(name: String, value: String)]) -> Bool {
        let valid = fields.filter { isValidFieldName($0.name) }
        guard !valid.isEmpty, access(socketPath, F_OK) == 0 else { return false }

        // One contiguous buffer "NAME=valueNAME=value…" and an iovec per field pointing into it.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(valid.reduce(0) { $0 + $1.name.utf8.count + 1 + $1.value.utf8.count })
        var spans: [(offset: Int, count: Int)] = []
        spans.reserveCapacity(valid.count)
        for field in valid {
            let offset = buffer.count
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(UInt8(ascii: "="))
            buffer.append(contentsOf: field.value.utf8)
            spans.append((offset, buffer.count - offset))
        }
        let result = buffer.withUnsafeMutableBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress else { return -EINVAL }
            let vectors = spans.map { iovec(iov_base: base + $0.offset, iov_len: $0.count) }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
        return result >= 0
    }
}

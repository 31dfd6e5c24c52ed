import Dispatch

/// Work that blocks a thread for a noticeable time (bcrypt: 0.2–1 s) runs on a queue of its own,
/// never on Swift's cooperative pool (as many threads as cores: two here), so that the server goes
/// on answering other requests meanwhile.
enum BlockingWork {
    static let queue = DispatchQueue(label: "xinfangd.web.blocking", qos: .userInitiated, attributes: .concurrent)

    /// `body`'s result, computed on `queue`; the calling task is suspended, not its thread.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

import Foundation

/// Blocks SIGPIPE on the calling thread while it writes to the child, so a child that exits without
/// reading gives EPIPE instead of killing the daemon; a SIGPIPE raised meanwhile is consumed.
struct SIGPIPEBlock {
    private var previous = sigset_t()
    var sawEPIPE = false

    init() {
        var set = Self.only
        pthread_sigmask(SIG_BLOCK, &set, &previous)
    }

    mutating func restore() {
        if sawEPIPE {
            var set = Self.only
            var zero = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&set, nil, &zero)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    private static var only: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGPIPE)
        return set
    }
}

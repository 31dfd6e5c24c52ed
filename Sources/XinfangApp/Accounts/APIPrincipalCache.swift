import XinfangCore
import Synchronization

/// The principals of API tokens already looked up, by the token's SHA-256, for as long as the
/// store's accounts version (`AccountStore.accountsVersion`) stays what it was: an account
/// disabled, a token revoked or any other write to the accounts drops them all. Unknown tokens are
/// not kept, and at most `capacity` known ones are.
public final class APIPrincipalCache: Sendable {
    private struct State {
        var version: Int64?
        var principals: [String: Principal] = [:]
    }

    private let state = Mutex(State())
    let capacity: Int

    public init(capacity: Int = 10_000) { self.capacity = capacity }

    func principal(_ key: String, version: Int64) -> Principal? {
        state.withLock { s in
            if s.version != version { s = State(version: version) }
            return s.principals[key]
        }
    }

    func keep(_ principal: Principal, for key: String, version: Int64) {
        state.withLock { s in
            guard s.version == version else { return }
            if s.principals.count >= capacity { s.principals = [:] }
            s.principals[key] = principal
        }
    }
}

import Foundation
import Synchronization
import XinfangCore
import XinfangWeb

/// A test-only authority: accounts, sessions and tokens in memory, with the lockout rule (5
/// failures in a row lock the account) so that the login page's messages can be checked.
final class InMemoryAuthority: SessionAuthority {
    struct State {
        var sessions: [String: (principal: Principal, csrf: String)] = [:]
        var failures: [String: Int] = [:]
        var loggedOut: [String] = []
    }

    let accounts: [String: (password: String, principal: Principal)]
    let tokens: [String: Principal]
    let state = Mutex(State())

    init(accounts: [String: (password: String, principal: Principal)], tokens: [String: Principal] = [:]) {
        self.accounts = accounts
        self.tokens = tokens
    }

    func login(name: String, password: String, now: Int64) throws -> (token: String, csrf: String, principal: Principal) {
        try state.withLock { state in
            if state.failures[name, default: 0] >= 5 { throw LoginRefusal("登录失败次数过多，账户已锁定 15 分钟") }
            guard let account = accounts[name], account.password == password else {
                state.failures[name, default: 0] += 1
                throw LoginRefusal("用户名或密码错误")
            }
            state.failures[name] = 0
            let token = "session-\(state.sessions.count + 1)", csrf = "csrf-\(state.sessions.count + 1)"
            state.sessions[token] = (account.principal, csrf)
            return (token, csrf, account.principal)
        }
    }

    func session(token: String, now: Int64) throws -> (principal: Principal, csrf: String)? {
        state.withLock { $0.sessions[token] }
    }

    func logout(token: String) throws {
        state.withLock {
            $0.sessions[token] = nil
            $0.loggedOut.append(token)
        }
    }

    func apiPrincipal(token: String, now: Int64) throws -> Principal? { tokens[token] }
}

import Foundation
import Testing
import XinfangApp
import XinfangCore
import XinfangPorts
import XinfangStore

/// A real store file with the directory the accounts name: a unit, a leader.
struct AccountsFixture {
    let folder: String
    let store: SQLiteStore
    let accounts: Accounts
    /// An instant to start from; every rule below is relative to it (no test depends on today).
    static let t0: Int64 = 1_796_000_000

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("xinfang-accounts-\(UUID().uuidString)").path
        store = try SQLiteStore(path: folder + "/xinfang.sqlite")
        try store.addUnit(name: "县人社局", address: nil, actor: "test")
        try store.addUnit(name: "县住建局", address: nil, actor: "test")
        try store.addLeader(name: "王副县长", title: "副县长", unit: nil, address: nil, actor: "test")
        // The least cost the rules allow, to keep the tests quick.
        accounts = Accounts(store: store, actor: "xinfangctl:test", bcryptCost: 10)
    }

    /// Rows of a query, through the sqlite3 tool (the store file as it is on disk).
    func sql(_ query: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-separator", "|", store.path, query]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Every byte of the store: the database file and its write-ahead log.
    func storeBytes() throws -> Data {
        var data = try Data(contentsOf: URL(fileURLWithPath: store.path))
        if let wal = try? Data(contentsOf: URL(fileURLWithPath: store.path + "-wal")) { data.append(wal) }
        return data
    }

    func signedIn(_ outcome: LoginOutcome) throws -> NewSession {
        guard case .signedIn(let session) = outcome else { throw Failure("expected a session, got \(outcome)") }
        return session
    }

    func refused(_ outcome: LoginOutcome) throws -> LoginRefusal {
        guard case .refused(let refusal) = outcome else { throw Failure("expected a refusal, got a session") }
        return refusal
    }

    struct Failure: Error, CustomStringConvertible { var description: String; init(_ d: String) { description = d } }
}

@Suite("Accounts: passwords, lockout, sessions and API tokens on a real store")
struct AccountsTests {
    let password = "正确的密码-correct-1"

    @Test("after 5 failed logins in a row the account is locked for 15 minutes, even against the right password; it is released after")
    func lockout() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        for n in 1...4 {
            let r = try f.refused(try f.accounts.login(name: "zhang", password: "wrong-password", now: t + Int64(n)))
            #expect(r.reason == .badCredentials && r.failures == n)
        }
        // The fifth failure, at t+5, locks until t+5+900.
        let fifth = try f.refused(try f.accounts.login(name: "zhang", password: "wrong-password", now: t + 5))
        #expect(fifth.reason == .locked(until: t + 5 + 900) && fifth.failures == 5)
        #expect(fifth.logMessage().contains("zhang") && fifth.logMessage().contains("locked until"))
        #expect(!fifth.logMessage().contains("wrong-password") && !fifth.message().contains("wrong-password"))
        // A sixth attempt, with the right password, one second before the lock ends: refused.
        let sixth = try f.refused(try f.accounts.login(name: "zhang", password: password, now: t + 5 + 899))
        #expect(sixth.reason == .locked(until: t + 905))
        #expect(sixth.message().hasPrefix("连续 5 次登录失败，账号锁定至"))
        // At the end of the 15 minutes the right password gets in and the count starts again.
        _ = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t + 905))
        #expect(try f.store.account(name: "zhang")?.failedLogins == 0)
        #expect(try f.store.account(name: "zhang")?.lockedUntil == nil)
        #expect(try f.sql("SELECT actor, action FROM audit WHERE subject = 'zhang' AND action LIKE 'account.lo%' ORDER BY seq").suffix(2)
                == ["web:zhang|account.lock", "web:zhang|account.login"])
    }

    @Test("a success resets the count: 4 failures, a login, 4 failures leave the account unlocked")
    func successResetsCount() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        for n in 1...4 { _ = try f.accounts.login(name: "zhang", password: "wrong-password", now: t + Int64(n)) }
        _ = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t + 10))
        for n in 1...4 {
            #expect(try f.refused(try f.accounts.login(name: "zhang", password: "wrong-password", now: t + 10 + Int64(n))).failures == n)
        }
        _ = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t + 20))
    }

    @Test("an unknown name is refused exactly as a wrong password is, costs a bcrypt verification too, and writes nothing")
    func unknownNameLikeWrongPassword() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let auditBefore = try f.sql("SELECT count(*) FROM audit")
        let unknown = try f.refused(try f.accounts.login(name: "nobody", password: "wrong-password", now: t))
        #expect(try f.sql("SELECT count(*) FROM audit") == auditBefore)
        let wrong = try f.refused(try f.accounts.login(name: "zhang", password: "wrong-password", now: t))
        #expect(unknown.reason == .badCredentials && wrong.reason == .badCredentials)
        #expect(unknown.message() == wrong.message() && unknown.message() == "用户名或密码错误 wrong name or password")
        // A password typed into the name field stays out of the log.
        #expect(try f.refused(try f.accounts.login(name: "My Secret Pass!", password: "x", now: t)).loggedName == "(not an account name)")
        // Time: without the decoy verification an unknown name would answer in microseconds, a
        // wrong password in tens of milliseconds (cost 10). Least of three each.
        func fastest(_ name: String) throws -> Double {
            try (0..<3).map { _ in
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try f.accounts.login(name: name, password: "wrong-password", now: t)
                return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }.min()!
        }
        let unknownTime = try fastest("nobody"), wrongTime = try fastest("zhang")
        #expect(unknownTime >= wrongTime * 0.5, "unknown \(unknownTime) s, wrong password \(wrongTime) s")
    }

    @Test("a session ends after 8 hours idle; its last use slides, written at most once a minute")
    func idleExpiry() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let s = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t))
        #expect(s.expiresAt == t + 7 * 86_400 && s.principal == Principal(username: "zhang", role: .clerk, units: ["县人社局"]))
        let seen = { try f.sql("SELECT last_seen_at FROM sessions") }
        // 30 s later: alive, last use not rewritten (less than a minute).
        #expect(try f.accounts.session(token: s.token, now: t + 30)?.csrf == s.csrf)
        #expect(try seen() == ["\(t)"])
        // 61 s: rewritten.
        #expect(try f.accounts.session(token: s.token, now: t + 61) != nil)
        #expect(try seen() == ["\(t + 61)"])
        // 8 h after that last use, less one second: alive (and slid to then).
        let late = t + 61 + 8 * 3600 - 1
        #expect(try f.accounts.session(token: s.token, now: late)?.principal.username == "zhang")
        // 8 h after that: gone, and removed from the store.
        #expect(try f.accounts.session(token: s.token, now: late + 8 * 3600) == nil)
        #expect(try f.sql("SELECT count(*) FROM sessions") == ["0"])
        #expect(try f.accounts.session(token: s.token, now: late + 1) == nil)
    }

    @Test("a session ends 7 days after it began, however active")
    func absoluteExpiry() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let s = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t))
        var now = t
        while now + 4 * 3600 < t + 7 * 86_400 {
            now += 4 * 3600
            #expect(try f.accounts.session(token: s.token, now: now) != nil, "at t+\(now - t)")
        }
        #expect(try f.accounts.session(token: s.token, now: t + 7 * 86_400 - 1) != nil)
        #expect(try f.accounts.session(token: s.token, now: t + 7 * 86_400) == nil)
    }

    @Test("disabling an account ends its sessions; enabled again it needs a new login; disabled, the right password is told so")
    func disabledSessionDies() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let s = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t))
        try f.accounts.disable(name: "zhang")
        #expect(try f.accounts.session(token: s.token, now: t + 1) == nil)
        #expect(try f.refused(try f.accounts.login(name: "zhang", password: password, now: t + 2)).reason == .disabled)
        #expect(try f.refused(try f.accounts.login(name: "zhang", password: "wrong-password", now: t + 3)).reason == .badCredentials)
        try f.accounts.enable(name: "zhang")
        #expect(try f.accounts.session(token: s.token, now: t + 4) == nil)
        _ = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t + 5))
    }

    @Test("logout and a new password end sessions; a new password lifts a lock")
    func logoutAndPasswd() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let a = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t))
        try f.accounts.logout(token: a.token)
        #expect(try f.accounts.session(token: a.token, now: t + 1) == nil)
        let b = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t + 2))
        for n in 1...5 { _ = try f.accounts.login(name: "zhang", password: "wrong-password", now: t + 2 + Int64(n)) }
        try f.accounts.passwd(name: "zhang", password: "新的密码-new-password", now: t + 10)
        #expect(try f.accounts.session(token: b.token, now: t + 11) == nil)
        #expect(try f.refused(try f.accounts.login(name: "zhang", password: password, now: t + 12)).reason == .badCredentials)
        _ = try f.signedIn(try f.accounts.login(name: "zhang", password: "新的密码-new-password", now: t + 13))
    }

    @Test("an api account's token gives its principal until revoked or the account is disabled; tokens are not sessions")
    func apiTokens() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "oa-system", role: .api, units: ["县人社局", "县住建局"], password: nil, now: t)
        let first = try f.accounts.issueAPIToken(name: "oa-system", label: "办公系统", now: t)
        let second = try f.accounts.issueAPIToken(name: "oa-system", now: t)
        #expect(first.token != second.token && first.token.count == 43)
        #expect(try f.accounts.apiPrincipal(token: first.token) == Principal(username: "oa-system", role: .api, units: ["县人社局", "县住建局"]))
        #expect(try f.accounts.session(token: first.token, now: t) == nil)
        try f.accounts.revokeAPIToken(name: "oa-system", id: first.id, now: t + 1)
        #expect(try f.accounts.apiPrincipal(token: first.token) == nil)
        #expect(try f.accounts.apiPrincipal(token: second.token) != nil)
        #expect(throws: AccountRefusal.self) { try f.accounts.revokeAPIToken(name: "oa-system", id: first.id, now: t + 2) }
        try f.accounts.disable(name: "oa-system")
        #expect(try f.accounts.apiPrincipal(token: second.token) == nil)
        #expect(try f.accounts.apiTokens(name: "oa-system").map(\.revokedAt) == [t + 1, nil])
        // Only api accounts have tokens; an api account has no password to log in with.
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        #expect(throws: AccountRefusal.self) { try f.accounts.issueAPIToken(name: "zhang", now: t) }
        #expect(try f.refused(try f.accounts.login(name: "oa-system", password: password, now: t)).reason == .badCredentials)
    }

    @Test("a kept api principal (APIPrincipalCache) is dropped by a token revoked, an account disabled or its units changed, in this process or another")
    func keptAPIPrincipals() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        let cache = APIPrincipalCache()
        try f.accounts.add(name: "oa-system", role: .api, units: ["县人社局"], password: nil, now: t)
        let first = try f.accounts.issueAPIToken(name: "oa-system", now: t)
        let second = try f.accounts.issueAPIToken(name: "oa-system", now: t)
        let principal = Principal(username: "oa-system", role: .api, units: ["县人社局"])
        #expect(try f.accounts.apiPrincipal(token: first.token, cache: cache) == principal)
        #expect(try f.accounts.apiPrincipal(token: first.token, cache: cache) == principal)
        #expect(try f.accounts.apiPrincipal(token: "not-a-token", cache: cache) == nil)
        // Revoked by another process (xinfangctl's own store connection): the kept one is not used.
        let other = Accounts(store: try SQLiteStore(path: f.store.path), actor: "xinfangctl:other", bcryptCost: 10)
        try other.revokeAPIToken(name: "oa-system", id: first.id, now: t + 1)
        #expect(try f.accounts.apiPrincipal(token: first.token, cache: cache) == nil)
        #expect(try f.accounts.apiPrincipal(token: second.token, cache: cache) == principal)
        _ = try f.sql("UPDATE accounts SET units = '[\"县住建局\"]' WHERE name = 'oa-system'")  // by hand, with the sqlite3 tool
        #expect(try f.accounts.apiPrincipal(token: second.token, cache: cache)?.units == ["县住建局"])
        try other.disable(name: "oa-system")
        #expect(try f.accounts.apiPrincipal(token: second.token, cache: cache) == nil)
    }

    @Test("the store file holds no password and no token, only their hashes")
    func noPlaintextInStore() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let session = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t))
        _ = try f.accounts.login(name: "zhang", password: "typed-wrong-secret", now: t + 1)
        try f.accounts.add(name: "oa-system", role: .api, units: ["县人社局"], password: nil, now: t)
        let token = try f.accounts.issueAPIToken(name: "oa-system", now: t).token
        let bytes = try f.storeBytes()
        for secret in [password, "typed-wrong-secret", session.token, token] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret.prefix(4))… is in the store file")
        }
        #expect(try f.sql("SELECT substr(password_hash, 1, 7) FROM accounts WHERE name = 'zhang'") == ["$2b$10$"])
        #expect(try f.sql("SELECT length(token_sha256) FROM sessions UNION ALL SELECT length(token_sha256) FROM api_tokens") == ["64", "64"])
    }

    @Test("every write's audit row names its actor, never a secret")
    func auditActors() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        let s = try f.signedIn(try f.accounts.login(name: "zhang", password: password, now: t))
        _ = try f.accounts.login(name: "zhang", password: "wrong-password", now: t + 1)
        try f.accounts.logout(token: s.token)
        try f.accounts.passwd(name: "zhang", password: "新的密码-new-password", now: t + 2)
        try f.accounts.disable(name: "zhang")
        try f.accounts.enable(name: "zhang")
        try f.accounts.add(name: "oa-system", role: .api, units: ["县人社局"], password: nil, now: t)
        let token = try f.accounts.issueAPIToken(name: "oa-system", label: "办公系统", now: t)
        try f.accounts.revokeAPIToken(name: "oa-system", id: token.id, now: t)
        #expect(try f.sql("SELECT actor, action, subject FROM audit WHERE action LIKE 'account.%' ORDER BY seq") == [
            "xinfangctl:test|account.add|zhang", "web:zhang|account.login|zhang", "web:zhang|account.login-refused|zhang",
            "web:zhang|account.logout|zhang", "xinfangctl:test|account.passwd|zhang", "xinfangctl:test|account.disable|zhang",
            "xinfangctl:test|account.enable|zhang", "xinfangctl:test|account.add|oa-system", "xinfangctl:test|account.token|oa-system",
            "xinfangctl:test|account.token-revoke|oa-system",
        ])
        #expect(try f.sql("SELECT detail FROM audit WHERE action = 'account.add' AND subject = 'zhang'") == ["role=clerk units=县人社局"])
        #expect(try f.store.verifyAudit().firstBroken == nil)
    }

    @Test("accounts are refused with a clear message, Chinese first, and nothing is written", arguments: [
        ("Zhang", Role.clerk, ["县人社局"], nil as String?, "正确的密码-correct-1" as String?, "账号名须为 2–32 个小写字母"),
        ("z", .clerk, ["县人社局"], nil, "正确的密码-correct-1", "账号名须为 2–32 个小写字母"),
        ("zhang", .clerk, ["县人社局"], nil, "short-pw1", "密码至少 10 个字符"),
        ("zhang", .clerk, ["县人社局"], nil, "有十个汉字的密码但含换行\n", "密码不能含控制字符"),
        ("zhang", .clerk, ["县人社局"], nil, nil, "须设密码"),
        ("zhang", .clerk, [], nil, "正确的密码-correct-1", "承办单位经办人须指定一个单位"),
        ("zhang", .clerk, ["县人社局", "县住建局"], nil, "正确的密码-correct-1", "承办单位经办人须指定一个单位"),
        ("zhang", .clerk, ["县公安局"], nil, "正确的密码-correct-1", "没有登记单位 县公安局"),
        ("wang", .leader, [], nil, "正确的密码-correct-1", "包案领导账号须指定领导"),
        ("wang", .leader, [], "张副县长", "正确的密码-correct-1", "没有登记领导 张副县长"),
        ("boss", .admin, ["县人社局"], nil, "正确的密码-correct-1", "管理员（信访局）（admin）账号不按单位限定"),
        ("zhang", .clerk, ["县人社局"], "王副县长", "正确的密码-correct-1", "只有包案领导（leader）账号指定 --leader"),
        ("oa", .api, [], nil, nil, "接口账号须指定至少一个单位"),
        ("oa", .api, ["县人社局"], nil, "正确的密码-correct-1", "接口账号只用令牌"),
    ])
    func validation(name: String, role: Role, units: [String], leader: String?, password: String?, message: String) throws {
        let f = try AccountsFixture()
        let before = try f.sql("SELECT count(*) FROM audit")
        #expect { try f.accounts.add(name: name, role: role, units: units, leader: leader, password: password, now: AccountsFixture.t0) } throws: {
            ($0 as? AccountRefusal)?.description.hasPrefix(message) == true
        }
        #expect(try f.accounts.list().isEmpty)
        #expect(try f.sql("SELECT count(*) FROM audit") == before)
    }

    @Test("a taken name is refused; the valid roles each get the scope they need")
    func duplicatesAndScopes() throws {
        let f = try AccountsFixture(), t = AccountsFixture.t0
        try f.accounts.add(name: "zhang", role: .clerk, units: ["县人社局"], password: password, now: t)
        #expect { try f.accounts.add(name: "zhang", role: .viewer, password: password, now: t) } throws: {
            ($0 as? AccountRefusal)?.description == "账号 zhang 已存在 the account zhang already exists"
        }
        try f.accounts.add(name: "wang.leader", role: .leader, leader: "王副县长", displayName: "王副县长", password: password, now: t)
        try f.accounts.add(name: "admin", role: .admin, password: password, now: t)
        #expect(try f.accounts.list().map(\.principal) == [
            Principal(username: "admin", role: .admin), Principal(username: "wang.leader", role: .leader, leader: "王副县长"),
            Principal(username: "zhang", role: .clerk, units: ["县人社局"]),
        ])
    }

    @Test("the accounts table keeps its role to Role: the CHECK lists exactly Role's values and refuses others")
    func roleCheck() throws {
        let f = try AccountsFixture()
        let schema = try f.sql("SELECT sql FROM sqlite_master WHERE name = 'accounts'").joined(separator: "\n")
        let list = Role.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        #expect(schema.contains("CHECK (role IN (\(list)))"), "a new Role needs a new migration of accounts.role")
        _ = try f.sql("INSERT INTO accounts (name, role, created_at) VALUES ('x', 'root', 0)")
        #expect(try f.sql("SELECT count(*) FROM accounts") == ["0"])
    }
}

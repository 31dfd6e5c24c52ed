public import XinfangEngine

/// Why a login was refused, with what the caller shows and what it logs. The password is never in
/// either; the name is logged only when it could be an account name (a password typed into the
/// name field stays out of the log).
public struct LoginRefusal: Error, Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        /// Unknown name or wrong password: one answer for both, so that it does not tell which
        /// names exist.
        case badCredentials
        /// The right password for a disabled account.
        case disabled
        /// Too many failures in a row: refused, even with the right password, until then (Unix
        /// seconds). Also the answer to the failure that set the lock.
        case locked(until: Int64)
    }

    public var reason: Reason
    /// The name as typed when it is a possible account name, else `(not an account name)`.
    public var loggedName: String
    /// Failed logins in a row after this one (nil when none was counted: unknown name, disabled, locked).
    public var failures: Int?

    public init(reason: Reason, name: String, failures: Int? = nil) {
        self.reason = reason
        self.loggedName = (try? AccountRules.checkName(name)) != nil ? name : "(not an account name)"
        self.failures = failures
    }

    /// What the login page says, Chinese first.
    public func message(time: LocalTime = LocalTime()) -> String {
        switch reason {
        case .badCredentials: "用户名或密码错误 wrong name or password"
        case .disabled: "账号已停用，请联系管理员 this account is disabled: ask the administrator"
        case .locked(let until):
            "连续 \(Accounts.failedLoginLimit) 次登录失败，账号锁定至 \(time.format(until))，届时再试 "
                + "\(Accounts.failedLoginLimit) failed logins in a row: the account is locked until \(time.format(until))"
        }
    }

    /// The operator's log line (English): the name, the reason, the count and the lock.
    public func logMessage(time: LocalTime = LocalTime()) -> String {
        let count = failures.map { ", failed logins in a row: \($0)" } ?? ""
        return switch reason {
        case .badCredentials: "login refused for \(loggedName): wrong name or password\(count)"
        case .disabled: "login refused for \(loggedName): account disabled"
        case .locked(let until): "login refused for \(loggedName): account locked until \(time.format(until))\(count)"
        }
    }
}

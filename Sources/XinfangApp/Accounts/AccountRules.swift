import XinfangCore
import XinfangPorts

/// Why an account was not added or changed: a message for the person at the keyboard, Chinese
/// first. Nothing was written.
public struct AccountRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// What an account must be: its name, its password, and the scope its role needs (a clerk's one
/// unit, a leader's leader, an api client's units), named in the directory.
enum AccountRules {
    static let minimumPasswordLength = 10
    /// bcrypt reads at most 72 bytes of a password; a longer one would be cut silently.
    static let maximumPasswordBytes = 72

    /// `[a-z0-9._-]{2,32}`.
    static func checkName(_ name: String) throws(AccountRefusal) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard (2...32).contains(name.count), name.allSatisfy(allowed.contains) else {
            throw AccountRefusal("账号名须为 2–32 个小写字母、数字或 . _ -：\"\(name.prefix(40))\" 不符合 the account name must be 2–32 of a–z, 0–9, . _ -")
        }
    }

    static func checkPassword(_ password: String) throws(AccountRefusal) {
        guard password.count >= minimumPasswordLength else {
            throw AccountRefusal("密码至少 \(minimumPasswordLength) 个字符（现为 \(password.count) 个） the password needs at least \(minimumPasswordLength) characters")
        }
        guard password.utf8.count <= maximumPasswordBytes else {
            throw AccountRefusal("密码最长 \(maximumPasswordBytes) 字节（UTF-8，约 24 个汉字） the password may have at most \(maximumPasswordBytes) bytes (UTF-8)")
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AccountRefusal("密码不能含控制字符（如换行） the password may not contain control characters (such as a line break)")
        }
    }

    static func checkDisplayName(_ displayName: String?) throws(AccountRefusal) {
        guard let displayName else { return }
        guard (1...64).contains(displayName.count), !displayName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw AccountRefusal("显示名须为 1–64 个字符，不含控制字符 the display name must be 1–64 characters without control characters")
        }
    }

    /// The scope the role needs, each unit and leader named in the directory; a password for every
    /// role but `api` (token only), which has none.
    static func checkScope(role: Role, units: [String], leader: String?, hasPassword: Bool, store: any AccountStore) throws {
        func refuse(_ message: String) throws(AccountRefusal) -> Never { throw AccountRefusal(message) }
        if Set(units).count != units.count { try refuse("单位重复 a unit is named twice: \(units.joined(separator: ", "))") }
        switch role {
        case .clerk:
            guard units.count == 1 else {
                try refuse("承办单位经办人须指定一个单位（--unit，正好一个） a clerk needs exactly one unit (--unit)")
            }
        case .api:
            guard !units.isEmpty else { try refuse("接口账号须指定至少一个单位（--unit） an api account needs at least one unit (--unit)") }
        case .admin, .viewer, .leader:
            guard units.isEmpty else {
                try refuse("\(role.chineseName)（\(role.rawValue)）账号不按单位限定，不能指定 --unit a \(role.rawValue) account has no units")
            }
        }
        if role == .leader {
            guard let leader else { try refuse("包案领导账号须指定领导（--leader） a leader account needs --leader") }
            guard try store.leaderExists(name: leader) else {
                try refuse("没有登记领导 \(leader)（先用 leader add 登记） no leader \(leader) in the directory")
            }
        } else if leader != nil {
            try refuse("只有包案领导（leader）账号指定 --leader only a leader account names a leader")
        }
        for unit in units {
            guard try store.unitExists(name: unit) else { try refuse("没有登记单位 \(unit)（先用 unit add 登记） no unit \(unit) in the directory") }
        }
        if role == .api, hasPassword {
            try refuse("接口账号只用令牌（user token），不设密码 an api account signs in by token only (user token), without a password")
        }
        if role != .api, !hasPassword {
            try refuse("须设密码（--password-stdin） a password is needed (--password-stdin)")
        }
    }
}

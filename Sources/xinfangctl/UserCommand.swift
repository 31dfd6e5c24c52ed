import ArgumentParser
import Foundation
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangPorts

/// `xinfangctl user`: the accounts of the web interface and the API (add, list, passwd, disable,
/// enable, token). Passwords are read from standard input, never from the command line (where `ps`
/// and the shell's history would show them).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "账号 Accounts of the web interface and the API: add, list, passwd, disable, enable, token.",
        discussion: "Roles: " + Role.allCases.map { "\($0.rawValue) \($0.chineseName)" }.joined(separator: ", ") + ".",
        subcommands: [Add.self, List.self, Passwd.self, Disable.self, Enable.self, Token.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "添加账号 Add an account.",
            discussion: """
                clerk: exactly one --unit; leader: --leader; api: one or more --unit, no password (use `user token`).
                The password (at least 10 characters) is the first line of standard input: printf '%s\\n' "$PW" | xinfangctl user add …
                """)
        @Argument(help: "The account name, 2–32 of a–z 0–9 . _ -") var name: String
        @Option(help: "admin | clerk | leader | viewer | api") var role: String
        @Option(help: "The clerk's unit, or an api client's units (repeat).") var unit: [String] = []
        @Option(help: "The leader a leader account is (as the directory names them).") var leader: String?
        @Option(help: "The name shown on pages.") var display: String?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard let role = Role(rawValue: role) else {
                throw InputFailure(message: "--role: \(FieldText.quoted(role)) 不是角色 is not one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if role != .api, !passwordStdin { throw InputFailure(message: "须设密码：加 --password-stdin 并从标准输入给出 give --password-stdin and the password on standard input") }
            let password = passwordStdin ? try readPassword() : nil
            let context = try storeOptions.openForWriting()
            try refusal {
                try context.accounts.add(name: name, role: role, units: unit, leader: leader, displayName: display, password: password,
                                         now: SystemClock().now())
            }
            print("已添加账号 account \(name) added (\(role.chineseName) \(role.rawValue))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出账号 List the accounts (no passwords, no tokens).")
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        struct Row: Encodable {
            var name: String
            var role: String
            var units: [String]
            var leader: String?
            var displayName: String?
            var disabled: Bool
            var failedLogins: Int
            /// Local time, `YYYY-MM-DD HH:MM`, while a lock lasts.
            var lockedUntil: String?
            var created: String
            var passwordChanged: String?
            var tokens: [TokenRow]
        }

        struct TokenRow: Encodable {
            var id: Int64
            var label: String?
            var created: String
            var revoked: String?
        }

        func run() throws {
            let context = try storeOptions.open()
            let time = context.time, now = SystemClock().now()
            let rows = try context.accounts.list().map { a in
                Row(name: a.name, role: a.role.rawValue, units: a.units, leader: a.leader, displayName: a.displayName, disabled: a.disabled,
                    failedLogins: a.failedLogins, lockedUntil: a.lockedUntil.flatMap { $0 > now ? time.format($0) : nil },
                    created: time.format(a.createdAt), passwordChanged: a.passwordChangedAt.map(time.format),
                    tokens: try context.accounts.apiTokens(name: a.name).map {
                        TokenRow(id: $0.id, label: $0.label, created: time.format($0.createdAt), revoked: $0.revokedAt.map(time.format))
                    })
            }
            if json { return try printJSON(rows) }
            guard !rows.isEmpty else { return print("尚无账号 no accounts (xinfangctl user add NAME --role R …)") }
            var table = TextTable("账号 name", "角色 role", "范围 scope", "显示名 display", "状态 state", "密码修改 password set", "令牌 tokens")
            for r in rows {
                let role = Role(rawValue: r.role).map { "\($0.chineseName) \($0.rawValue)" } ?? r.role
                let state = r.disabled ? "停用 disabled" : r.lockedUntil.map { "锁定至 locked until \($0)" } ?? "启用 enabled"
                let tokens = r.tokens.map { "\($0.id)\($0.revoked == nil ? "" : "(已吊销 revoked)")" }.joined(separator: ", ")
                table.append([r.name, role, (r.units + (r.leader.map { [$0] } ?? [])).joined(separator: ", "), r.displayName ?? "—", state,
                              r.passwordChanged ?? "—", tokens.isEmpty ? "—" : tokens])
            }
            print(table.text)
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "修改密码 Set an account's password (its sessions end, a lock is lifted).",
            discussion: "The password is the first line of standard input.")
        @Argument var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            guard passwordStdin else { throw InputFailure(message: "加 --password-stdin 并从标准输入给出新密码 give --password-stdin and the new password on standard input") }
            let password = try readPassword()
            let context = try storeOptions.openForWriting()
            try refusal { try context.accounts.passwd(name: name, password: password, now: SystemClock().now()) }
            print("已修改密码 password of \(name) changed; its sessions ended")
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用账号 Disable an account (its sessions end, its tokens stop working).")
        @Argument var name: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try refusal { try context.accounts.disable(name: name) }
            print("已停用账号 account \(name) disabled")
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "启用账号 Enable a disabled account.")
        @Argument var name: String
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            try refusal { try context.accounts.enable(name: name) }
            print("已启用账号 account \(name) enabled")
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "接口令牌 Issue an api account's token (printed once), or revoke one (--revoke ID).",
            discussion: "The new token alone goes to standard output (TOKEN=$(xinfangctl user token NAME)); the store keeps only its SHA-256.")
        @Argument var name: String
        @Option(help: "What the token is for, e.g. the calling system.") var label: String?
        @Option(help: "Revoke the token with this id (see user list).") var revoke: Int64?
        @OptionGroup var storeOptions: StoreOptions

        func run() throws {
            let context = try storeOptions.openForWriting()
            let now = SystemClock().now()
            if let revoke {
                if label != nil { throw InputFailure(message: "--label 与 --revoke 不能同用 --label and --revoke do not go together") }
                try refusal { try context.accounts.revokeAPIToken(name: name, id: revoke, now: now) }
                return print("已吊销令牌 token \(revoke) of \(name) revoked")
            }
            let issued = try refusal { try context.accounts.issueAPIToken(name: name, label: label, now: now) }
            FileHandle.standardError.write(Data("令牌 \(issued.id) 已签发，只显示这一次，请立即保存 token \(issued.id) of \(name) issued: shown this once, keep it now\n".utf8))
            print(issued.token)
        }
    }
}

/// The password: the first line of standard input (its line break dropped), nothing else.
private func readPassword() throws -> String {
    var text = String(decoding: readStandardInput(), as: UTF8.self)
    if let end = text.firstIndex(where: \.isNewline) {
        guard text[end...].allSatisfy(\.isNewline) else {
            throw InputFailure(message: "标准输入只能有一行密码 standard input must hold the password on one line")
        }
        text = String(text[..<end])
    }
    guard !text.isEmpty else { throw InputFailure(message: "标准输入没有密码 no password on standard input") }
    return text
}

/// Turns an account's refusal into an input failure (exit 2).
@discardableResult
private func refusal<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let refused as AccountRefusal { throw InputFailure(message: refused.description) }
}

extension Context {
    /// The accounts use cases on this store, audited as this command's user (bcrypt cost 12).
    var accounts: Accounts { Accounts(store: store, actor: actor) }
}

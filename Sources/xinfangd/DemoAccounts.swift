import Foundation
import XinfangApp
import XinfangCore
import XinfangEngine
import XinfangStore

/// `xinfangd --demo`'s accounts: one per kind of person the web interface serves, added when
/// missing, all with one fixed password, printed at start. The demo store only: a real store's
/// accounts are made with `xinfangctl user add`, each with its own password.
enum DemoAccounts {
    static let password = "xinfang-demo"

    static let accounts: [(name: String, role: Role, units: [String], leader: String?, display: String)] = [
        ("admin", .admin, [], nil, "信访局管理员"),
        ("clerk.rsj", .clerk, ["县人力资源和社会保障局"], nil, "县人社局经办人"),
        ("leader.wang", .leader, [], "王副县长", "王副县长"),
        ("viewer", .viewer, [], nil, "查阅人员"),
    ]

    /// Adds the missing demo accounts, then prints them with the password on standard output.
    static func seed(store: SQLiteStore) throws {
        let accounts = Accounts(store: store, actor: "xinfangd --demo")
        let known = Set(try accounts.list().map(\.name))
        for a in Self.accounts where !known.contains(a.name) {
            try accounts.add(name: a.name, role: a.role, units: a.units, leader: a.leader, displayName: a.display, password: password,
                             now: SystemClock().now())
        }
        let lines = Self.accounts.map { "  \($0.name)  \($0.role.chineseName) \($0.role.rawValue)" + ($0.units + ($0.leader.map { [$0] } ?? [])).map { " · \($0)" }.joined() }
        print("""
            演示账号（仅限演示库，密码相同，未改过时为 \(password)） demo accounts (demo store only; the same demo password unless changed: \(password)):
            \(lines.joined(separator: "\n"))
            """)
        fflush(nil)
    }
}

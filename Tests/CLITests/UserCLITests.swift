import Foundation
import Testing
import XinfangTesting

@Suite("xinfangctl user: accounts of the web interface and the API, end to end")
struct UserCLITests {
    let password = "正确的密码-correct-1"

    /// A store of its own with a unit and a leader the accounts name.
    func store() throws -> StoreConfiguration {
        let configuration = try StoreConfiguration("user")
        for args in [["unit", "add", "县人社局"], ["leader", "add", "王副县长", "--title", "副县长"]] {
            let r = try CLI.run(args + configuration.arguments)
            #expect(r.status == 0, "\(r.stderr)")
        }
        return configuration
    }

    func sql(_ store: String, _ query: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [store, query]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test("add, list (Chinese labels, no hashes), passwd, disable, enable; the audit names the CLI's user")
    func lifecycle() throws {
        let c = try store(), s = c.arguments
        let add = try CLI.run(["user", "add", "zhang", "--role", "clerk", "--unit", "县人社局", "--display", "张经办", "--password-stdin"] + s,
                              stdin: password + "\n")
        #expect(add.status == 0 && add.stdout.contains("已添加账号 account zhang added"), "\(add)")
        #expect(try CLI.run(["user", "add", "wang", "--role", "leader", "--leader", "王副县长", "--password-stdin"] + s, stdin: password).status == 0)
        let list = try CLI.run(["user", "list"] + s)
        #expect(list.status == 0)
        #expect(list.stdout.hasPrefix("账号 name"), "\(list.stdout)")
        for text in ["承办单位经办人 clerk", "县人社局", "张经办", "启用 enabled", "包案领导 leader", "王副县长"] {
            #expect(list.stdout.contains(text), "\(text) in \(list.stdout)")
        }
        let json = try CLI.run(["user", "list", "--json"] + s)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["wang", "zhang"])
        #expect(rows[1]["units"] as? [String] == ["县人社局"] && rows[1]["role"] as? String == "clerk" && rows[1]["disabled"] as? Bool == false)
        for output in [list.stdout, json.stdout] { #expect(!output.contains("$2b$") && !output.contains(password)) }

        let passwd = try CLI.run(["user", "passwd", "zhang", "--password-stdin"] + s, stdin: "新的密码-new-password\n")
        #expect(passwd.status == 0, "\(passwd.stderr)")
        #expect(try CLI.run(["user", "disable", "zhang"] + s).status == 0)
        #expect(try CLI.run(["user", "list"] + s).stdout.contains("停用 disabled"))
        let disabled = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["user", "list", "--json"] + s).stdout.utf8)) as? [[String: Any]])
        #expect(disabled[1]["disabled"] as? Bool == true)
        #expect(try CLI.run(["user", "enable", "zhang"] + s).status == 0)
        #expect(try CLI.run(["audit", "verify"] + s).status == 0)
        let user = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "uid \(getuid())"
        #expect(try sql(c.store, "SELECT actor || ' ' || action FROM audit WHERE subject = 'zhang' ORDER BY seq") == """
            xinfangctl:\(user) account.add
            xinfangctl:\(user) account.passwd
            xinfangctl:\(user) account.disable
            xinfangctl:\(user) account.enable

            """)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: c.store)) + ((try? Data(contentsOf: URL(fileURLWithPath: c.store + "-wal"))) ?? Data())
        for secret in [password, "新的密码-new-password"] { #expect(bytes.range(of: Data(secret.utf8)) == nil) }
    }

    @Test("token: printed once, alone on stdout, kept only as its SHA-256; --revoke ID revokes it")
    func tokens() throws {
        let c = try store(), s = c.arguments
        #expect(try CLI.run(["user", "add", "oa-system", "--role", "api", "--unit", "县人社局"] + s).status == 0)
        let issued = try CLI.run(["user", "token", "oa-system", "--label", "办公系统"] + s)
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = issued.stdout.trimmingCharacters(in: .newlines)
        #expect(token.count == 43 && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "\(issued.stdout)")
        #expect(issued.stderr.contains("只显示这一次"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: c.store)) + ((try? Data(contentsOf: URL(fileURLWithPath: c.store + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data(token.utf8)) == nil)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(try CLI.run(["user", "list", "--json"] + s).stdout.utf8)) as? [[String: Any]])
        let tokens = try #require(rows.first?["tokens"] as? [[String: Any]])
        #expect(tokens.count == 1 && tokens[0]["id"] as? Int == 1 && tokens[0]["label"] as? String == "办公系统" && tokens[0]["revoked"] == nil)
        #expect(!(try CLI.run(["user", "list", "--json"] + s).stdout.contains(token)))
        let revoked = try CLI.run(["user", "token", "oa-system", "--revoke", "1"] + s)
        #expect(revoked.status == 0 && revoked.stdout.contains("已吊销令牌"), "\(revoked)")
        let again = try CLI.run(["user", "token", "oa-system", "--revoke", "1"] + s)
        #expect(again.status == 2 && again.stderr.contains("令牌 1 已吊销"), "\(again)")
        #expect(try sql(c.store, "SELECT revoked_at IS NOT NULL FROM api_tokens") == "1\n")
    }

    @Test("refused input exits 2 with a Chinese-first message and writes nothing", arguments: [
        (["user", "add", "zhang", "--role", "clerk", "--unit", "县人社局", "--password-stdin"], "short-pw1\n", "密码至少 10 个字符"),
        (["user", "add", "zhang", "--role", "clerk", "--unit", "县公安局", "--password-stdin"], "正确的密码-correct-1\n", "没有登记单位 县公安局"),
        (["user", "add", "zhang", "--role", "clerk", "--password-stdin"], "正确的密码-correct-1\n", "承办单位经办人须指定一个单位"),
        (["user", "add", "zhang", "--role", "clerk", "--unit", "县人社局"], "", "须设密码"),
        (["user", "add", "zhang", "--role", "root", "--password-stdin"], "正确的密码-correct-1\n", "--role: \"root\" 不是角色"),
        (["user", "add", "Zhang!", "--role", "viewer", "--password-stdin"], "正确的密码-correct-1\n", "账号名须为"),
        (["user", "add", "zhang", "--role", "viewer", "--password-stdin"], "two\nlines\n", "标准输入只能有一行密码"),
        (["user", "passwd", "nobody", "--password-stdin"], "正确的密码-correct-1\n", "没有账号 nobody"),
        (["user", "disable", "nobody"], "", "没有账号 nobody"),
        (["user", "token", "nobody"], "", "没有账号 nobody"),
    ])
    func refusals(arguments: [String], stdin: String, message: String) throws {
        let c = try store()
        let r = try CLI.run(arguments + c.arguments, stdin: stdin)
        #expect(r.status == 2 && r.stderr.hasPrefix(message), "\(r)")
        #expect(try sql(c.store, "SELECT count(*) FROM accounts") == "0\n")
    }
}

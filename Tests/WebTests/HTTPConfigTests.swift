import Foundation
import Testing
import XinfangTesting

/// `[http]` in xinfangd.toml, read by `xinfangd --check-config`: the summary line and file:line:field errors.
@Suite("[http] configuration")
struct HTTPConfigTests {
    /// Runs `xinfangd --check-config` on a configuration with `http` as its `[http]` body.
    func check(_ http: String?) throws -> (status: Int32, output: String) {
        let root = TemporaryFolder.make("web-config")
        defer { TemporaryFolder.remove(root) }
        let config = root + "/xinfangd.toml"
        try ("[store]\npath = \"\(root)/x.sqlite\"\n[calendar]\ndirectory = \"\(Checkout.calendars)\"\n" + (http.map { "[http]\n\($0)\n" } ?? ""))
            .write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Checkout.binary("xinfangd"))
        process.arguments = ["--check-config", "--config", config]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text.replacingOccurrences(of: config, with: "CONFIG"))
    }

    @Test("--check-config shows the http line: defaults, IPv6, unix socket, https, off")
    func summaryLine() throws {
        #expect(try check(nil).output.contains("\nhttp 127.0.0.1:8470 · public http://127.0.0.1:8470 · session 8 h\n"))
        #expect(try check("listen = \"[::1]:9000\"\nsession_hours = 2").output.contains("\nhttp [::1]:9000 · public http://127.0.0.1:8470 · session 2 h\n"))
        #expect(try check("listen = \"unix:/run/xinfangd/http.sock\"\npublic_url = \"https://xinfang.example.gov.cn/\"").output
            .contains("\nhttp unix:/run/xinfangd/http.sock · public https://xinfang.example.gov.cn · session 8 h\n"))
        #expect(try check("enabled = false").output.contains("\nhttp off\n"))
    }

    @Test("bad [http] values are refused with file:line:field, exit 2")
    func refusals() throws {
        let cases: [(String, String)] = [
            ("listen = \"8470\"", "CONFIG:6:http.listen: 8470: expected host:port"),
            ("listen = \"example.org:80\"", "CONFIG:6:http.listen: example.org:80: the host must be an IP address"),
            ("listen = \"127.0.0.1:70000\"", "CONFIG:6:http.listen: 127.0.0.1:70000: the port must be 1…65535"),
            ("listen = \"unix:relative.sock\"", "CONFIG:6:http.listen: unix:relative.sock: a unix socket needs an absolute path"),
            ("public_url = \"xinfang.example\"", "CONFIG:6:http.public_url: \"xinfang.example\" is not an http:// or https:// address"),
            ("session_hours = 0", "CONFIG:6:http.session_hours: 0 is out of range 1…168"),
            ("enabled = \"no\"", "CONFIG:6:http.enabled: expected true or false"),
            ("port = 8470", "CONFIG:6:http.port: unknown key"),
        ]
        for (http, message) in cases {
            let result = try check(http)
            #expect(result.status == 2, "\(http): \(result.output)")
            #expect(result.output.contains(message), "\(http): \(result.output)")
        }
    }
}

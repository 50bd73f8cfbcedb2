import Foundation
import Testing
@testable import GongshiServe
import GongshiModel
import GongshiSite

/// Drives `serve` as staff would: open the site, break a file, see the error, fix it, see the page.
@Suite struct ServerTests {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("no Package.swift")
    }()

    /// A plain HTTP/1.1 GET over a socket: status and body.
    /// A socket connected to the server on loopback, or nil.
    static func connected(_ port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); return nil }
        return fd
    }

    static func get(_ port: Int, _ target: String) -> (status: Int, body: String) {
        guard let fd = connected(port) else { return (0, "") }
        defer { close(fd) }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, request.count, 0) }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
            if n <= 0 { break }
            response += chunk[..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        let status = Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    /// Opens the event stream and collects its `data:` lines until `count` came or `timeout` passed.
    static func events(_ port: Int, count: Int, timeout: Double = 20, while running: () -> Void = {}) -> [String] {
        guard let fd = connected(port) else { return [] }
        defer { close(fd) }
        var wait = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(SiteServer.eventsPath) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, request.count, 0) }
        var text = ""
        var ran = false
        let deadline = Date().addingTimeInterval(timeout)
        var chunk = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let data = text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
            if data.count >= count { return data }
            if !data.isEmpty, !ran { ran = true; running() }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
            if n > 0 { text += String(decoding: chunk[..<n], as: UTF8.self) } else if n == 0 { break }
        }
        return text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
    }

    static func waitFor(_ port: Int, _ target: String, timeout: Double = 20, _ ok: ((status: Int, body: String)) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if ok(get(port, target)) { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test func editBreakFixAsStaffWould() throws {
        let folder = NSTemporaryDirectory() + "gongshi-serve-e2e-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let content = folder + "/content"
        try FileManager.default.copyItem(atPath: URL(fileURLWithPath: Self.repo + "/content").resolvingSymlinksInPath().path, toPath: content)
        let options = BuildOptions(content: content, templates: Self.repo + "/site-templates", output: folder + "/public",
                                   today: CalendarDate(iso: "2026-11-24")!)
        let server = try SiteServer(options: options, port: 0) { _ in }
        defer { server.stop() }  // before the folder goes (defers run last first)
        server.start()
        let port = server.port

        let home = Self.get(port, "/")
        #expect(home.status == 200)
        #expect(home.body.contains("lang=\"zh-CN\""))
        #expect(home.body.contains(SiteServer.reloadScript(generation: 1)), "served after the first build")
        let onDisk = try String(contentsOfFile: folder + "/public/index.html", encoding: .utf8)
        #expect(!onDisk.contains("EventSource"), "the reload script must never reach the published site")
        let missing = Self.get(port, "/no/such/page.html")
        #expect(missing.status == 404)
        #expect(missing.body.contains("页面未找到"))
        #expect(missing.body.contains("<base href=\"/\">"), "the 404 page's relative links must work at any depth")
        #expect(Self.get(port, "/%2e%2e/%2e%2e/etc/passwd").status == 403)

        // Break a report: the browser shows the error with its file and line; the site on disk stays.
        let report = content + "/reports/2018/05/caizheng-hubei-huanjing.md"
        let original = try String(contentsOfFile: report, encoding: .utf8)
        try original.replacingOccurrences(of: "unit: caizheng", with: "unit: caizhengg").write(toFile: report, atomically: true, encoding: .utf8)
        #expect(Self.waitFor(port, "/") { $0.status == 500 && $0.body.contains("reports/2018/05/caizheng-hubei-huanjing.md 第 3 行第 7 列") })
        #expect(try String(contentsOfFile: folder + "/public/index.html", encoding: .utf8) == onDisk)
        #expect(Self.get(port, "/assets/style.css").status == 200)

        // Fix it: the page comes back, with the edit.
        try original.replacingOccurrences(of: "title: ", with: "title: 更新：").write(toFile: report, atomically: true, encoding: .utf8)
        #expect(Self.waitFor(port, "/reports/2018/05/caizheng-hubei-huanjing/index.html") { $0.status == 200 && $0.body.contains("更新：") })
    }

    /// A page names the build it came from; the stream names the latest build on connecting and
    /// after each build, so a build that finished while a page loaded is not missed.
    @Test func theEventStreamNamesTheLatestBuild() throws {
        let folder = NSTemporaryDirectory() + "gongshi-serve-events-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let options = BuildOptions(content: URL(fileURLWithPath: Self.repo + "/content").resolvingSymlinksInPath().path,
                                   templates: Self.repo + "/site-templates", output: folder + "/public", today: CalendarDate(iso: "2026-11-24")!)
        let server = try SiteServer(options: options, port: 0) { _ in }
        defer { server.stop() }
        server.start()
        let page = Self.get(server.port, "/")
        #expect(page.body.contains("e.data!==\"1\""))
        // Connecting says build 1; a build while connected says 2.
        let seen = Self.events(server.port, count: 2) { server.rebuild() }
        #expect(seen == ["1", "2"])
    }

    /// `stop` leaves nothing running: the port is closed, open connections (an event stream)
    /// are ended, saving a file builds nothing, and it returns promptly.
    @Test func stopEndsEverythingTheServerStarted() throws {
        let folder = NSTemporaryDirectory() + "gongshi-serve-stop-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let content = folder + "/content"
        try FileManager.default.copyItem(atPath: URL(fileURLWithPath: Self.repo + "/content").resolvingSymlinksInPath().path, toPath: content)
        let options = BuildOptions(content: content, templates: Self.repo + "/site-templates", output: folder + "/public",
                                   today: CalendarDate(iso: "2026-11-24")!)
        let builds = Counter()
        let server = try SiteServer(options: options, port: 0) { line in if line.hasPrefix("已生成 ") { builds.add() } }
        server.start()
        let port = server.port
        #expect(Self.get(port, "/").status == 200)
        #expect(builds.value == 1)

        // An open event stream: the server holds it until a build or until stop.
        let stream = try #require(Self.connected(port))
        defer { close(stream) }
        var wait = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(stream, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(SiteServer.eventsPath) HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(stream, $0.baseAddress, request.count, 0) }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var received = ""
        while !received.contains("data: 1") {
            let n = chunk.withUnsafeMutableBytes { recv(stream, $0.baseAddress, 4096, 0) }
            guard n > 0 else { break }
            received += String(decoding: chunk[..<n], as: UTF8.self)
        }
        #expect(received.contains("data: 1"), "the stream is open")

        let stopped = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { server.stop(); stopped.signal() }
        guard stopped.wait(timeout: .now() + 10) == .success else {
            Issue.record("stop did not return within 10 s")
            return
        }
        #expect(Self.connected(port) == nil, "the port still takes connections after stop")
        // The stream was ended by the server (end of file), not left hanging until our time-out.
        var ended = false
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(stream, $0.baseAddress, 4096, 0) }
            if n == 0 { ended = true }
            if n <= 0 { break }
        }
        #expect(ended, "the event stream is still open after stop")
        // Nothing watches any more: a save builds nothing.
        let report = content + "/reports/2018/05/caizheng-hubei-huanjing.md"
        try (try String(contentsOfFile: report, encoding: .utf8) + "\n又一段。\n").write(toFile: report, atomically: true, encoding: .utf8)
        Thread.sleep(forTimeInterval: 1.5)
        #expect(builds.value == 1, "a save after stop started a build")
        server.stop()  // a second stop does nothing
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.lock(); count += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return count }
    }

    @Test func theErrorPageEscapesWhatContentSays() {
        let options = BuildOptions(content: "/nonexistent", templates: "/nonexistent", output: "/nonexistent-out", today: CalendarDate(iso: "2026-11-24")!)
        let server = try! SiteServer(options: options, port: 0) { _ in }
        defer { server.stop() }
        let report = BuildReport(diagnostics: [Diagnostic.error(SourceLocation(path: "reports/<x>.md", line: 2, column: 1),
                                                                "unknown unit \"<script>alert(1)</script>\"", en: "unknown unit")])
        let page = server.errorPage(report)
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("reports/&lt;x&gt;.md 第 2 行第 1 列"))
    }
}

@Suite struct ErrorPageLineTests {
    @Test func theErrorPageShowsTheLineWithACaret() throws {
        let root = NSTemporaryDirectory() + "gongshi-caret-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/reports", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        FileManager.default.createFile(atPath: root + "/reports/x.md", contents: Data("---\ntitle：<b>捐赠</b>\n---\n".utf8))
        let options = BuildOptions(content: root, templates: "/nonexistent", output: "/nonexistent-out", today: CalendarDate(iso: "2026-11-24")!)
        let server = try SiteServer(options: options, port: 0) { _ in }
        defer { server.stop() }
        let report = BuildReport(diagnostics: [Diagnostic.error(SourceLocation(path: "reports/x.md", line: 2, column: 6), "把中文冒号“：”改为英文冒号“:”", en: "colon")])
        let page = server.errorPage(report)
        #expect(page.contains("<pre class=\"line\">title：&lt;b&gt;捐赠&lt;/b&gt;\n     ^</pre>"))
        let wide = BuildReport(diagnostics: [Diagnostic.error(SourceLocation(path: "reports/x.md", line: 2, column: 10), "x", en: "x")])
        #expect(server.errorPage(wide).contains("\n     \u{3000}   ^</pre>"))
    }
}

import Glibc
import Dispatch
import GongshiContent
import GongshiFiles
import GongshiModel
import GongshiRender
import GongshiSite

/// `gongshi serve`: builds the site, serves the output folder on the loopback
/// interface, rebuilds (incrementally) when content or templates change, and
/// tells open pages to reload through server-sent events. The reload script is
/// added to HTML as it is served; nothing of it is written to disk. While the
/// content has errors, pages show the errors instead of the stale site, which
/// stays on disk untouched.
public final class SiteServer: @unchecked Sendable {
    public static let eventsPath = "/__gongshi/events"
    /// The page knows which build it came from; the event stream says the latest build when it
    /// connects and after every build, so a build that finished while the page was loading
    /// still reloads it.
    static func reloadScript(generation: Int) -> String {
        "<script>new EventSource(\"\(eventsPath)\").onmessage=function(e){if(e.data!==\"\(generation)\")location.reload()};</script>"
    }

    let options: BuildOptions
    private let http: HTTPServer
    private let watcher: Watcher
    private let log: @Sendable (String) -> Void
    private let lock = Lock()
    private var lastBuild: BuildReport?
    private var building = false
    private var buildAgain = false
    private var streams: [ObjectIdentifier: DispatchSemaphore] = [:]
    private var generation = 0
    private let buildQueue = DispatchQueue(label: "gongshi.serve.build")
    private let handlerBox: HandlerBox
    private let changeBox: ChangeBox
    /// The listing and caches kept between builds; told by the watcher what changed.
    private let memory: BuildMemory
    private let logsTimings: Bool

    public var port: Int { http.port }
    public var watchMethod: String { watcher.method }

    /// - Parameter timings: log how long each step of each build took (`serve --timings`).
    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int, timings: Bool = false,
                log: @escaping @Sendable (String) -> Void) throws {
        self.options = options
        self.logsTimings = timings
        self.log = log
        var handler: (@Sendable (HTTPServer.Request) -> HTTPServer.Response)? = nil
        let box = HandlerBox()
        http = try HTTPServer(host: host, port: port) { request in box.handle?(request) ?? HTTPServer.Response(status: 503, reason: "Starting") }
        var folders = [options.content]
        if FileTree.isDirectory(options.templates) { folders.append(options.templates) }
        let changed = ChangeBox()
        let memory = BuildMemory()
        self.memory = memory
        // The content folder is watched first: its changes are the first of each report.
        watcher = Watcher(folders: folders) { changes in
            memory.contentChanged(changes?[0])
            changed.action?()
        }
        handlerBox = box
        changeBox = changed
        handler = { [self] request in self.handle(request) }  // until `stop`, which lets go of it
        box.handle = handler
        changed.action = { [self] in self.rebuild() }
    }

    /// Stops watching, closes the listening socket, ends every connection (event streams
    /// too) and waits for their threads and for a build that is running. Afterwards nothing
    /// of the server runs and it can be freed. Safe to call more than once, and without `start`.
    public func stop() {
        watcher.stop()  // first: no rebuild starts after this
        changeBox.action = nil
        http.stop {
            // Event streams wait for the next build; wake them so their next send fails and they end.
            let waiting: [DispatchSemaphore] = lock.withLock { Array(streams.values) }
            for semaphore in waiting { semaphore.signal() }
        }
        handlerBox.handle = nil
        buildQueue.sync {}  // a rebuild that was running or queued
    }

    /// The first build, then serving and watching. Returns at once; the work runs on other threads.
    public func start() {
        build()
        http.start()
        watcher.start()
    }

    /// Builds now, or once more after the build that is running.
    public func rebuild() {
        let start: Bool = lock.withLock {
            if building { buildAgain = true; return false }
            building = true
            return true
        }
        guard start else { return }
        buildQueue.async { [self] in
            while true {
                build()
                let again: Bool = lock.withLock {
                    if buildAgain { buildAgain = false; return true }
                    building = false
                    return false
                }
                if !again { return }
            }
        }
    }

    /// How many builds have finished (the latest build's number).
    var buildsFinished: Int { lock.withLock { generation } }

    /// The report of the latest build.
    public var lastReport: BuildReport? { lock.withLock { lastBuild } }

    private func build() {
        let started = ContinuousClock.now
        let report = SiteBuilder.build(options, memory: memory)
        let seconds = (ContinuousClock.now - started).seconds
        let language = options.language
        for diagnostic in report.diagnostics { log(diagnostic.description(in: language)) }
        if logsTimings {
            log(report.timings.map { "\($0.step.trimmingPrefix(while: { $0 == " " })) \(Int(($0.seconds * 1000).rounded())) ms" }.joined(separator: ", "))
        }
        let milliseconds = String(Int(seconds * 1000)), written = report.stats?.written ?? 0
        if report.succeeded {
            log(language.pick("已生成 \(report.files) 个文件，用时 \(milliseconds) 毫秒（新做 \(report.filesMade) 个，写入 \(written) 个）",
                              "built \(report.files) files in \(milliseconds) ms (\(report.filesMade) made, \(written) written)"))
        } else {
            let errors = report.diagnostics.filter { $0.severity == .error }.count
            log(language.pick("生成失败：内容有 \(errors) 处错误，浏览器里会列出；\(options.output) 没有改动，修改并保存后会自动重新生成",
                              "build failed: \(errors) errors; the browser shows them, \(options.output) is unchanged"))
        }
        let waiting: [DispatchSemaphore] = lock.withLock {
            lastBuild = report
            generation += 1
            return Array(streams.values)
        }
        for semaphore in waiting { semaphore.signal() }
    }

    // MARK: Requests

    func handle(_ request: HTTPServer.Request) -> HTTPServer.Response {
        guard request.method == "GET" || request.method == "HEAD" else {
            return HTTPServer.Response(status: 405, reason: "Method Not Allowed", headers: [("Allow", "GET, HEAD")])
        }
        if request.target == Self.eventsPath { return events() }
        // Taken before the file is read: the page is then at least as new as the build it names.
        let (report, generation) = lock.withLock { (lastBuild, self.generation) }
        let resolution = PathResolver.resolve(request.target, root: options.output)
        if let report, !report.succeeded, wantsPage(request.target, resolution) {
            return HTTPServer.Response(status: 500, reason: "Content Errors", headers: htmlHeaders,
                                       body: Array(errorPage(report, generation: generation).utf8))
        }
        switch resolution {
        case .file(let path):
            guard let bytes = FileTree.read(path) else { return notFound(generation) }
            let type = PathResolver.contentType(of: path)
            return HTTPServer.Response(status: 200, reason: "OK", headers: [("Content-Type", type), ("Cache-Control", "no-store")],
                                       body: type.hasPrefix("text/html") ? Self.injectReload(bytes, generation: generation) : bytes)
        case .redirect(let location):
            return HTTPServer.Response(status: 301, reason: "Moved Permanently", headers: [("Location", location)])
        case .notFound:
            return notFound(generation)
        case .forbidden:
            return HTTPServer.Response(status: 403, reason: "Forbidden", headers: [("Content-Type", "text/plain; charset=utf-8")],
                                       body: Array(options.language.pick("只提供网站文件夹里的文件\n", "only files of the site are served\n").utf8))
        }
    }

    private var htmlHeaders: [(String, String)] { [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")] }

    /// Pages (not stylesheets or images) get the error page while the content has errors.
    private func wantsPage(_ target: String, _ resolution: PathResolver.Resolution) -> Bool {
        switch resolution {
        case .file(let path): return PathResolver.contentType(of: path).hasPrefix("text/html")
        case .notFound: let path = target.prefix { $0 != "?" }; return path.hasSuffix("/") || path.hasSuffix(".html")
        default: return false
        }
    }

    private func notFound(_ generation: Int) -> HTTPServer.Response {
        // 404.html links relative to the site's top folder; served at a deeper address,
        // a <base> keeps its stylesheet and links working.
        let page = FileTree.read(options.output + "/404.html").map { Self.injectReload(Self.withBase($0), generation: generation) }
            ?? Array("<!doctype html><title>404</title>\n".utf8)
        return HTTPServer.Response(status: 404, reason: "Not Found", headers: htmlHeaders, body: page)
    }

    /// Holds the connection and sends the latest build's number when it connects and after every
    /// build; a page whose number differs reloads. A comment every 15 s finds clients that went.
    private func events() -> HTTPServer.Response {
        HTTPServer.Response { [self] stream in
            let semaphore = DispatchSemaphore(value: 0)
            let id = ObjectIdentifier(stream)
            let generation = lock.withLock { streams[id] = semaphore; return self.generation }
            defer { _ = lock.withLock { streams.removeValue(forKey: id) } }
            guard stream.send("retry: 1000\n\ndata: \(generation)\n\n") else { return }
            while true {
                let signalled = semaphore.wait(timeout: .now() + 15) == .success
                let message = signalled ? "data: \(lock.withLock { self.generation })\n\n" : ": ping\n\n"
                guard stream.send(message) else { return }
            }
        }
    }

    static func withBase(_ page: [UInt8]) -> [UInt8] {
        let head = Array("<head>".utf8)
        guard page.count >= head.count, let at = (0...(page.count - head.count)).first(where: { Array(page[$0..<$0 + head.count]) == head })
        else { return page }
        return Array(page[..<(at + head.count)]) + Array("\n<base href=\"/\">".utf8) + Array(page[(at + head.count)...])
    }

    static func injectReload(_ page: [UInt8], generation: Int) -> [UInt8] {
        let script = Array(reloadScript(generation: generation).utf8)
        let marker = Array("</body>".utf8)
        if page.count >= marker.count {
            for i in stride(from: page.count - marker.count, through: 0, by: -1) where page[i] == marker[0] {
                if Array(page[i..<i + marker.count]) == marker { return Array(page[..<i]) + script + Array(page[i...]) }
            }
        }
        return page + script
    }

    func errorPage(_ report: BuildReport, generation: Int = 0) -> String {
        let errors = report.diagnostics.filter { $0.severity == .error }
        let language = options.language
        let title = language.pick("内容有错误", "Content errors")
        let heading = language.pick("内容有 \(errors.count) 处错误，网站未更新",
                                    "\(errors.count) error\(errors.count == 1 ? "" : "s") in the content; the site was not updated")
        let note = language.pick("修改并保存后，本页会自动刷新。<code>\(escape(options.output))</code> 中仍是上一次成功生成的网站。",
                                 "Fix and save, and this page reloads by itself. <code>\(escape(options.output))</code> still holds the last good site.")
        var html = """
        <!doctype html>
        <html lang="\(language.pick("zh-CN", "en"))"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) · Gongshi</title>
        <style>body{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;padding:1rem;background:#fff8f6;color:#222}
        h1{font-size:1.3rem;color:#a11}ol{padding-left:1.2rem}li{margin:.6rem 0}code{font-family:ui-monospace,monospace;background:#fde;padding:0 .2em}
        .where{display:block;font-family:ui-monospace,monospace;color:#555;word-break:break-all}
        pre.line{font-family:ui-monospace,"Noto Sans Mono CJK SC",monospace;background:#fff;border:1px solid #ecc;padding:.3em .5em;margin:.3em 0;overflow-x:auto;tab-size:4}</style></head>
        <body><main><h1>\(heading)</h1>
        <p>\(note)</p><ol>
        """
        var files: [String: [Substring]] = [:]
        for (index, diagnostic) in errors.enumerated() {
            let location = diagnostic.location
            let line = max(location.line, 1), column = max(location.column, 1)
            let place = language.pick("\(location.path) 第 \(line) 行第 \(column) 列", "\(location.path) line \(line), column \(column)")
            html += "<li><span class=\"where\">\(escape(place))</span>"
            html += "\(escape(diagnostic.message(in: language)))"
            if index < 200, location.line >= 1, let quoted = quotedLine(location, files: &files) { html += quoted }
            html += "</li>\n"
        }
        html += "</ol></main>\(Self.reloadScript(generation: generation))</body></html>\n"
        return html
    }

    private func escape(_ text: String) -> String { HTMLText.escape(text) }

    /// The content file's line at `location`, with a caret under its column, for the error page.
    private func quotedLine(_ location: SourceLocation, files: inout [String: [Substring]]) -> String? {
        guard !location.path.isEmpty, !location.path.hasPrefix("/"), !location.path.split(separator: "/").contains("..") else { return nil }
        if files[location.path] == nil {
            guard let bytes = FileTree.read(options.content + "/" + location.path), bytes.count <= 4_000_000,
                  !bytes.prefix(8000).contains(0) else { files[location.path] = []; return nil }
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            files[location.path] = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        }
        guard let lines = files[location.path], location.line <= lines.count else { return nil }
        let line = Array(lines[location.line - 1].prefix(400))
        guard !line.allSatisfy(\.isWhitespace) || location.column > 1 else { return nil }
        // Wide characters take two cells in a monospaced font; the padding under them is a full-width space.
        var padding = ""
        for character in line.prefix(max(0, location.column - 1)) {
            padding += character == "\t" ? "\t" : Self.isWide(character) ? "\u{3000}" : " "
        }
        return "<pre class=\"line\">\(escape(String(line)))\n\(padding)^</pre>"
    }

    private static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

private final class HandlerBox: @unchecked Sendable {
    var handle: (@Sendable (HTTPServer.Request) -> HTTPServer.Response)?
}

private final class ChangeBox: @unchecked Sendable {
    var action: (@Sendable () -> Void)?
}

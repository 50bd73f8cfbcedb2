import Foundation
import Testing
@testable import GongshiServe
import GongshiModel
import GongshiSite

/// (issue 13) `serve` keeps the content's listing, units, sheets and caches between builds and
/// is told by its watcher what changed: the watcher must name every change, and what `serve`
/// builds from its memory must be what a clean build makes of the same content.
@Suite struct ServeMemoryTests {
    final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var changes: [Watcher.Changes] = []
        func add(_ change: Watcher.Changes) { lock.lock(); changes.append(change); lock.unlock() }
        /// Waits until the paths reported for folder `root` include `paths` (or nil came), up to 10 s.
        func wait(for paths: Set<String>, in root: Int) -> Set<String>? {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                lock.lock()
                let all = changes
                lock.unlock()
                if all.contains(where: { $0 == nil }) { return nil }
                let union = all.reduce(into: Set<String>()) { $0.formUnion($1![root]) }
                if union.isSuperset(of: paths) { return union }
                Thread.sleep(forTimeInterval: 0.02)
            }
            return []
        }
        func clear() { lock.lock(); changes = []; lock.unlock() }
    }

    @Test func theWatcherNamesWhatChangedRelativeToEachFolder() throws {
        let folder = NSTemporaryDirectory() + "gongshi-watch-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/content/reports/2018", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder + "/templates", withIntermediateDirectories: true)
        try Data("a".utf8).write(to: URL(fileURLWithPath: folder + "/content/reports/2018/a.md"))
        let seen = Seen()
        let watcher = Watcher(folders: [folder + "/content", folder + "/templates"]) { seen.add($0) }
        watcher.start()
        defer { watcher.stop() }
        Thread.sleep(forTimeInterval: 0.2)
        guard watcher.method == "inotify" else { return }  // polling names nothing: every build walks

        // A report saved in place and one replaced (an editor's rename); a template.
        try Data("aa".utf8).write(to: URL(fileURLWithPath: folder + "/content/reports/2018/a.md"))
        try Data("site".utf8).write(to: URL(fileURLWithPath: folder + "/content/site.yaml"), options: .atomic)
        try Data("t".utf8).write(to: URL(fileURLWithPath: folder + "/templates/page.mustache"))
        let first = seen.wait(for: ["reports/2018/a.md", "site.yaml"], in: 0)
        #expect(first?.isSuperset(of: ["reports/2018/a.md", "site.yaml"]) == true, "\(String(describing: first))")
        #expect(seen.wait(for: ["page.mustache"], in: 1)?.contains("page.mustache") == true)
        // Hidden and backup files are no news, as the walk skips them.
        #expect(first?.contains { $0.hasPrefix(".") || $0.hasSuffix("~") || $0.contains("/.") } == false)

        // A new folder with a file in it: the folder is named (a walk finds what it holds); then a file
        // written in it once it is watched; a folder removed is named too.
        seen.clear()
        try fm.createDirectory(atPath: folder + "/content/reports/2019", withIntermediateDirectories: true)
        #expect(seen.wait(for: ["reports/2019"], in: 0)?.contains("reports/2019") == true)
        Thread.sleep(forTimeInterval: 0.1)
        try Data("b".utf8).write(to: URL(fileURLWithPath: folder + "/content/reports/2019/b.md"))
        #expect(seen.wait(for: ["reports/2019/b.md"], in: 0)?.contains("reports/2019/b.md") == true)
        seen.clear()
        try fm.removeItem(atPath: folder + "/content/reports/2018")
        #expect(seen.wait(for: ["reports/2018"], in: 0)?.contains("reports/2018") == true)
    }

    /// Staff's afternoon in `serve`: a report edited, a unit renamed, a new report, a report
    /// removed, a score sheet saved, site.yaml saved. After each,
    /// the output equals a clean build of the same content, file for file.
    @Test func whatServeBuildsFromMemoryEqualsACleanBuild() throws {
        let folder = NSTemporaryDirectory() + "gongshi-serve-memory-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let content = folder + "/content"
        try fm.copyItem(atPath: URL(fileURLWithPath: ServerTests.repo + "/content").resolvingSymlinksInPath().path, toPath: content)
        let templates = ServerTests.repo + "/site-templates"
        let options = BuildOptions(content: content, templates: templates, output: folder + "/public", today: CalendarDate(iso: "2026-11-24")!)
        let logged = Log()
        let server = try SiteServer(options: options, port: 0) { logged.add($0) }
        defer { server.stop() }
        server.start()
        guard server.watchMethod == "inotify" else { return }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let file = content + "/" + path
            try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: path.hasSuffix(".yaml"), encoding: .utf8)
        }
        var step = 0
        var before = server.buildsFinished
        /// Waits for serve to build what was saved and go quiet, then compares with a clean build.
        /// `listed`: the content was not walked, only the changed files stat'ed (false: walked, as a new or removed file needs).
        func settledEqualsClean(_ what: String, listed: Bool, mustShow: String? = nil) {
            step += 1
            let deadline = Date().addingTimeInterval(30)
            var lastCount = -1, quietSince = Date()
            while Date() < deadline {
                let count = server.buildsFinished
                if count != lastCount { lastCount = count; quietSince = Date() }
                if count > before, Date().timeIntervalSince(quietSince) > 0.6 { break }
                Thread.sleep(forTimeInterval: 0.05)
            }
            #expect(server.buildsFinished > before, "\(what): serve did not build")
            before = server.buildsFinished
            let steps = server.lastReport?.timings.map(\.step) ?? []
            #expect(steps.contains(listed ? "  list" : "  walk"), "\(what): \(steps)")
            #expect(server.lastReport?.succeeded == true, "\(what): \(logged.lines.suffix(5))")
            var clean = options
            clean.output = folder + "/clean-\(step)/public"
            clean.incremental = false
            #expect(SiteBuilder.build(clean).succeeded)
            let served = BuiltTree(options.output), expected = BuiltTree(clean.output)
            let differing = served.difference(expected)
            #expect(differing.isEmpty, "\(what): serve's output differs from a clean build in \(differing.prefix(8))")
            if let mustShow { #expect(served.contains(mustShow), "\(what): the edit is not on the site") }
        }
        let report = "reports/2018/05/caizheng-hubei-huanjing.md"
        try edit(report) { $0 + "\n服务时修改的一段。\n" }
        settledEqualsClean("a report edited", listed: true, mustShow: "服务时修改的一段。")

        try edit("units/caizheng.md") { $0.replacingOccurrences(of: "name: ", with: "name: 新") }
        settledEqualsClean("a unit renamed", listed: true, mustShow: "新")

        try String(contentsOfFile: content + "/" + report, encoding: .utf8)
            .replacingOccurrences(of: "title: ", with: "title: 服务时新写的报道")
            .write(toFile: content + "/reports/2018/05/serve-new.md", atomically: false, encoding: .utf8)
        settledEqualsClean("a new report", listed: false, mustShow: "服务时新写的报道")

        try fm.removeItem(atPath: content + "/reports/2018/05/serve-new.md")
        settledEqualsClean("the new report removed", listed: false)

        let sheet = try #require(try fm.contentsOfDirectory(atPath: content + "/data").first { $0.hasSuffix(".csv") })
        try edit("data/" + sheet) { $0 }  // saved unchanged: a new stamp, the same rows
        settledEqualsClean("a sheet saved", listed: true)

        try edit("site.yaml") { $0 + "\n" }
        settledEqualsClean("site.yaml saved", listed: true)
    }

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [String] = []
        func add(_ line: String) { lock.lock(); all.append(line); lock.unlock() }
        var lines: [String] { lock.lock(); defer { lock.unlock() }; return all }
    }

    /// Every file of an output tree, by path.
    struct BuiltTree {
        var files: [String: Data] = [:]
        init(_ root: String) {
            let enumerator = FileManager.default.enumerator(atPath: root)
            while let path = enumerator?.nextObject() as? String {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = FileManager.default.contents(atPath: root + "/" + path)
                }
            }
        }
        func difference(_ other: BuiltTree) -> [String] {
            Set(files.keys).symmetricDifference(other.files.keys).union(files.keys.filter { other.files[$0] != nil && other.files[$0] != files[$0] }).sorted()
        }
        func contains(_ text: String) -> Bool { files.values.contains { $0.range(of: Data(text.utf8)) != nil } }
    }
}

import Foundation
import Testing
import GongshiFiles
import GongshiModel
@testable import GongshiSite

@Suite struct BuildSafetyTests {
    /// A copy of the example content, in `scratch`, that a test may break.
    func contentCopy(in scratch: String) -> String {
        let folder = scratch + "/content"
        try! FileManager.default.copyItem(atPath: Repo.content, toPath: folder)
        return folder
    }

    /// Output paths come from content (report folders, community names); none may leave the output folder.
    @Test func onlyRelativePathsWithoutDotSegmentsAreWritten() {
        for path in ["index.html", "a/b/index.html", "a/.b", "..a/b", "a/..b", "communities/湖北社区/index.html"] {
            #expect(OutputWriter.isSafe(path), "\(path)")
        }
        for path in ["", "/etc/passwd", "a//b", "a/./b", "a/../b", "..", ".", "a/", "../a", "a/..", "a\u{0}b"] {
            #expect(!OutputWriter.isSafe(path), "\(path.debugDescription)")
        }
    }

    @Test func twoBuildsAreByteIdentical() {
        withTemporaryFolder { scratch in
            let a = scratch + "/a/public", b = scratch + "/b/public"
            #expect(build(output: a).succeeded)
            #expect(build(output: b).succeeded)
            let first = tree(a), second = tree(b)
            #expect(first.count > 100)
            #expect(first.keys.sorted() == second.keys.sorted())
            #expect(first.filter { second[$0.key] != $0.value }.keys.sorted() == [])
        }
    }

    @Test func rebuildingInPlaceGivesTheSameTreeAndRemovesStalePages() throws {
        try withTemporaryFolder { scratch in
            let content = contentCopy(in: scratch)
            let output = scratch + "/public"
            #expect(build(content: content, output: output).succeeded)
            let clean = tree(output)
            // Second and third builds go through the spare tree and the exchange.
            try FileManager.default.removeItem(atPath: content + "/reports/2018/05/jianshe-juanzeng-diannao.md")
            #expect(build(content: content, output: output).succeeded)
            #expect(tree(output)["reports/2018/05/jianshe-juanzeng-diannao/index.html"] == nil)
            let report = build(content: Repo.content, output: output)
            #expect(report.succeeded)
            #expect(tree(output) == clean)
        }
    }

    @Test func aFailedBuildLeavesThePreviousSiteUntouched() throws {
        withTemporaryFolder { scratch in
            let content = contentCopy(in: scratch)
            let output = scratch + "/public"
            #expect(build(content: content, output: output).succeeded)
            let before = tree(output)
            _ = FileManager.default.createFile(atPath: content + "/reports/2018/broken.md",
                                           contents: Data("---\ntitle: t\nunit: nobody\ndate: 2018-05-01\nkind: lecture\n---\n".utf8))
            let report = build(content: content, output: output)
            #expect(!report.succeeded)
            #expect(report.diagnostics.map(\.description).contains("reports/2018/broken.md:3:7: error: 未知的单位“nobody”"))
            #expect(tree(output) == before)
        }
    }

    @Test func scriptsInContentNeverReachTheBrowser() throws {
        try withTemporaryFolder { scratch in
            let content = contentCopy(in: scratch)
            let output = scratch + "/public"
            let evil = "---\ntitle: \"<script>alert(1)</script>标题\"\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\ntags: [\"<img src=x onerror=alert(2)>\"]\n---\n"
                + "正文<script>alert(3)</script>\n\n[点我](javascript:alert(4))\n\n<iframe src=\"https://evil.example\"></iframe>\n"
            _ = FileManager.default.createFile(atPath: content + "/reports/2018/evil.md", contents: Data(evil.utf8))
            let unit = try String(contentsOfFile: content + "/units/shuiwu.md", encoding: .utf8)
                .replacingOccurrences(of: "\nname: ", with: "\nname: \"<b onmouseover=alert(5)>\"\nold_name: ")
            try unit.write(toFile: content + "/units/shuiwu.md", atomically: true, encoding: .utf8)
            let report = build(content: content, output: output)
            #expect(report.succeeded, "\(report.diagnostics)")
            for (path, data) in tree(output) where path.hasSuffix(".html") || path.hasSuffix(".xml") || path.hasSuffix(".json") {
                let page = String(decoding: data, as: UTF8.self)
                #expect(!page.contains("<script>alert"), "\(path)")
                #expect(!page.contains("<img src=x"), "\(path)")
                #expect(!page.contains("<iframe"), "\(path)")
                #expect(!page.contains("<b onmouseover"), "\(path)")
                #expect(!page.lowercased().contains("href=\"javascript:"), "\(path)")
            }
            let page = text(output, "reports/2018/evil/index.html")
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;标题"))
        }
    }

    /// An output inside the content (or templates) folder, or one that holds it, would
    /// feed the site back into the next build: refused, with nothing written anywhere.
    @Test func theOutputMayNotOverlapTheContent() {
        withTemporaryFolder { scratch in
                let content = contentCopy(in: scratch)
                let templates = scratch + "/templates"
                try! FileManager.default.copyItem(atPath: Repo.templates, toPath: templates)
                let before = everything(scratch)
                for (output, folder, chinese) in [(content + "/public", "content", "内容"), (content, "content", "内容"), (scratch, "content", "内容"),
                                                  (templates + "/out", "templates", "模板")] {
                    let folderPath = folder == "content" ? content : templates
                    let report = SiteBuilder.build(BuildOptions(content: content, templates: templates, output: output,
                                                                today: CalendarDate(iso: "2026-11-23")!))
                    #expect(report.diagnostics.map(\.description) == [
                        "\(output):1:1: error: 输出文件夹与\(chinese)文件夹 \(folderPath) 重叠，生成的网站会和原文件混在一起；请用 --output 另选一个文件夹",
                    ])
                    #expect(report.diagnostics.map { $0.description(in: .english) } == [
                        "\(output):1:1: error: the output folder overlaps the \(folder) folder \(folderPath); choose another --output",
                    ])
                    #expect(report.files == 0)
                    #expect(everything(scratch) == before, "a refused build into \(output) wrote something")
                }
        }
    }

    /// Two sources of one output file (here a static file in the place of the sitemap): refused,
    /// in Chinese with the fix, in English as before.
    @Test func twoSourcesOfOneFileAreRefused() {
        withTemporaryFolder { scratch in
            let content = contentCopy(in: scratch)
            try! FileManager.default.createDirectory(atPath: content + "/static", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: content + "/static/sitemap.xml", contents: Data("x".utf8))
            let report = SiteBuilder.build(BuildOptions(content: content, templates: Repo.templates, output: scratch + "/public",
                                                        today: CalendarDate(iso: "2026-11-23")!))
            let errors = report.diagnostics.filter { $0.severity == .error }
            #expect(errors.map(\.description) == ["static/sitemap.xml:1:1: error: 会生成 sitemap.xml，而 sitemap 也生成这个文件；请给其中一个改名"])
            #expect(errors.map { $0.description(in: .english) } == ["static/sitemap.xml:1:1: error: writes sitemap.xml, which sitemap writes too"])
        }
    }

    /// What the file system refuses is said in staff's words; the English is the system's.
    @Test func fileErrorsInBothLanguages() {
        let full = SiteBuilder.messages(for: FileError("public/x.html", ENOSPC))
        #expect(full.chinese == "读写 public/x.html 时出错：磁盘空间不足；请检查输出文件夹的权限和磁盘空间，再重新运行")
        #expect(full.english == "public/x.html: No space left on device")
        let locked = SiteBuilder.messages(for: OutputWriter.Failure.locked(".public.gongshi-lock"))
        #expect(locked.chinese == "另一个 gongshi 正在生成网站，写的是同一个输出文件夹（锁文件 .public.gongshi-lock）；请等它完成后再运行")
        #expect(locked.english == "another gongshi build is writing this output (lock .public.gongshi-lock); try again when it has finished")
    }

    /// Every path under `root` (hidden ones and folders too) with the bytes of the files.
    func everything(_ root: String) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)!
        while let path = enumerator.nextObject() as? String {
            result[path] = FileManager.default.contents(atPath: root + "/" + path) ?? Data()
        }
        return result
    }
}

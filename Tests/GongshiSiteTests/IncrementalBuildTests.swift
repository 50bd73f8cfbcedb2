import Foundation
import Testing
@testable import GongshiSite
import GongshiModel

/// An incremental build must give exactly the site a clean full build gives:
/// stale output is a wrong public site. Each edit is built twice, since the two
/// output trees are written in turn and each remembers a different past.
@Suite struct IncrementalBuildTests {
    final class Workspace {
        let folder = temporaryFolder()
        let content: String
        let templates: String
        var output: String { folder + "/public" }
        var references = 0

        init() {
            content = folder + "/content"
            templates = folder + "/templates"
            try! FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            try! FileManager.default.copyItem(atPath: Repo.templates, toPath: templates)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func options(_ output: String, incremental: Bool, asOf: String? = nil) -> BuildOptions {
            BuildOptions(content: content, templates: templates, output: output, asOf: asOf.flatMap { CalendarDate(iso: $0) },
                         today: CalendarDate(iso: "2026-11-23")!, incremental: incremental)
        }

        /// Builds incrementally twice (both trees), each checked against a clean full build.
        /// Returns the first of the two builds' reports.
        @discardableResult
        func buildAndCompare(asOf: String? = nil, _ comment: Comment) -> BuildReport {
            var first: BuildReport? = nil
            for _ in 0..<2 {
                let last = SiteBuilder.build(options(output, incremental: true, asOf: asOf))
                if first == nil { first = last }
                #expect(last.succeeded, "\(last.diagnostics)")
                references += 1
                let reference = folder + "/reference-\(references)"
                #expect(SiteBuilder.build(options(reference, incremental: false, asOf: asOf)).succeeded)
                let built = tree(output), clean = tree(reference)
                let differing = Set(built.keys).symmetricDifference(clean.keys).union(built.keys.filter { built[$0] != clean[$0] })
                #expect(differing.isEmpty, "\(comment): differs from a clean build in \(differing.sorted().prefix(10))")
            }
            return first!
        }

        func edit(_ path: String, _ change: (String) -> String) {
            let full = content + "/" + path
            let text = try! String(contentsOfFile: full, encoding: .utf8)
            try! change(text).write(toFile: full, atomically: false, encoding: .utf8)
        }

        func write(_ path: String, _ text: String) {
            let full = content + "/" + path
            try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! text.write(toFile: full, atomically: false, encoding: .utf8)
        }
    }

    @Test func everyKindOfEditGivesTheCleanBuildsSite() throws {
        let w = Workspace()
        w.buildAndCompare("first build")

        // One report's body: only its own page (and pages listing it) are made again.
        w.edit("reports/2018/05/caizheng-hubei-huanjing.md") { $0 + "\n补充：活动共清理垃圾三车。\n" }
        let edited = w.buildAndCompare("report body edited")
        #expect(edited.reportsRead == 1)
        #expect(edited.filesMade < 20, "made \(edited.filesMade) files for one edited report")

        // A report's title and date: it moves between list pages.
        w.edit("reports/2018/05/caizheng-hubei-huanjing.md") {
            $0.replacingOccurrences(of: "date: 2018-05-18", with: "date: 2018-11-30").replacingOccurrences(of: "title: ", with: "title: 新")
        }
        w.buildAndCompare("report re-dated and retitled")

        // A new report, then one removed.
        w.write("reports/2018/12/shuiwu-xinbao.md", "---\ntitle: 市税务局开展宪法宣传\nunit: shuiwu\ndate: 2018-12-04\nkind: lecture\nfigures: {attendees: 60}\n---\n宣传活动。\n")
        w.buildAndCompare("report added")
        try FileManager.default.removeItem(atPath: w.content + "/reports/2018/12/shuiwu-xinbao.md")
        w.buildAndCompare("report removed")

        // A photo added to a bundle, and a draft published.
        w.write("reports/2018/08/guowang-yongdian-paicha/second.jpg", "not really a jpeg")
        w.edit("reports/2018/08/guowang-yongdian-paicha/index.md") { $0 + "\n![第二张](second.jpg)\n" }
        w.buildAndCompare("photo added")

        // A score sheet: rankings, the notices that embed them, unit pages.
        w.edit("data/assessments.csv") { $0.replacingOccurrences(of: "94.15", with: "95.15") }
        w.buildAndCompare("score changed")

        // A unit renamed: every page that names it.
        w.edit("units/shuiwu.md") { $0.replacingOccurrences(of: "short_name: 市税务局", with: "short_name: 聊城税务") }
        w.buildAndCompare("unit renamed")

        // The theme.
        let template = w.templates + "/partials/report-list.mustache"
        let old = try String(contentsOfFile: template, encoding: .utf8)
        try (old + "<!-- 改 -->\n").write(toFile: template, atomically: false, encoding: .utf8)
        w.buildAndCompare("template changed")

        // Another day: future reports and notices appear.
        w.buildAndCompare(asOf: "2019-06-30", "as-of date changed")
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let w = Workspace()
        w.buildAndCompare("first build")
        let cacheFolder = w.folder + "/.public.gongshi-cache"
        for name in try FileManager.default.contentsOfDirectory(atPath: cacheFolder) {
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: cacheFolder + "/" + name))
        }
        w.edit("reports/2018/05/caizheng-hubei-huanjing.md") { $0 + "\n又一段。\n" }
        let report = w.buildAndCompare("cache damaged")
        #expect(report.reportsRead > 50)  // nothing reused from a cache it cannot read
    }

    @Test func fullBuildIgnoresTheCache() {
        let w = Workspace()
        w.buildAndCompare("first build")
        let full = SiteBuilder.build(w.options(w.output, incremental: false))
        #expect(full.reportsRead > 50)
        #expect(full.filesMade == full.files)
    }
}

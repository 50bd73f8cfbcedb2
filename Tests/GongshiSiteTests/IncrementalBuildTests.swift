import Foundation
import Testing
@testable import GongshiSite
import GongshiModel

/// An incremental build must give exactly the site a clean full build gives:
/// stale output is a wrong public site. Each edit is built twice, since the two
/// output trees are written in turn and each remembers a different past. The
/// edits run twice: with changes renamed into the output in place (the default
/// for small changes), and with whole trees exchanged every time (`--atomic`),
/// where the trees share unchanged files as hard links.
@Suite struct IncrementalBuildTests {
    final class Workspace {
        let folder = temporaryFolder()
        let content: String
        let templates: String
        var output: String { folder + "/public" }
        var references = 0
        let inPlaceLimit: Int

        init(inPlaceLimit: Int = OutputWriter.defaultInPlaceLimit) {
            self.inPlaceLimit = inPlaceLimit
            content = folder + "/content"
            templates = folder + "/templates"
            try! FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            try! FileManager.default.copyItem(atPath: Repo.templates, toPath: templates)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func options(_ output: String, incremental: Bool, asOf: String? = nil) -> BuildOptions {
            var options = BuildOptions(content: content, templates: templates, output: output, asOf: asOf.flatMap { CalendarDate(iso: $0) },
                                       today: CalendarDate(iso: "2026-11-23")!, incremental: incremental)
            options.inPlaceLimit = inPlaceLimit
            return options
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

    @Test(arguments: [0, OutputWriter.defaultInPlaceLimit])
    func everyKindOfEditGivesTheCleanBuildsSite(inPlaceLimit: Int) throws {
        let w = Workspace(inPlaceLimit: inPlaceLimit)
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
        let second = w.content + "/reports/2018/08/guowang-yongdian-paicha/second.jpg"
        try TestImages.png(width: 700, height: 20, alpha: false, seed: 7).write(to: URL(fileURLWithPath: second))
        w.edit("reports/2018/08/guowang-yongdian-paicha/index.md") { $0 + "\n![第二张](second.jpg)\n" }
        w.buildAndCompare("photo added")

        // A notice: its page, the notices list, the home page; the other notices come from the cache.
        w.edit("notices/2018/bangbao-shequ-lukou-tongzhi.md") {
            $0.replacingOccurrences(of: "title: 关于做好", with: "title: 关于切实做好") + "\n特此通知。\n"
        }
        let noticeEdited = w.buildAndCompare("notice edited")
        #expect(noticeEdited.noticesRead == 1, "read \(noticeEdited.noticesRead) notices for one edited notice")
        #expect((noticeEdited.stats?.written ?? 0) >= 2)

        // A score sheet: rankings, the notices that embed them, unit pages.
        w.edit("data/assessments.csv") { $0.replacingOccurrences(of: "2018-h1,jianshe-bank,95.5\n", with: "2018-h1,jianshe-bank,96.5\n") }
        let scored = w.buildAndCompare("score changed")
        #expect((scored.stats?.written ?? 0) > 3, "a score change should change rankings, notices and unit pages")
        w.edit("data/assessments.csv") { $0.replacingOccurrences(of: "2018-h1,jianshe-bank,96.5\n", with: "2018-h1,jianshe-bank,95.5\n") }
        w.buildAndCompare("score changed back")

        // (r2) Points lost on a catalogue item: rankings, the unit's page, the criteria page, units.json.
        w.edit("data/deductions.csv") { $0.replacingOccurrences(of: "2018-h1,jianshe-bank,5.2,2,", with: "2018-h1,jianshe-bank,5.2,3,") }
        let deducted = w.buildAndCompare("a deduction changed")
        #expect((deducted.stats?.written ?? 0) > 3, "a deduction should change rankings, the unit's page and the criteria page")
        // An item renamed in the catalogue: the criteria page and the pages of units that lost points on it.
        w.edit("data/criteria.yaml") { $0.replacingOccurrences(of: "帮包社区工作台账完整，记录及时", with: "帮包社区工作台账完整、记录及时") }
        let renamedItem = w.buildAndCompare("a catalogue item renamed")
        #expect((renamedItem.stats?.written ?? 0) > 3)

        // A unit renamed: every page that names it.
        w.edit("units/shuiwu.md") { $0.replacingOccurrences(of: "name: 国家税务总局聊城市税务局", with: "name: 国家税务总局聊城市税务局（新）") }
        let renamed = w.buildAndCompare("unit renamed")
        #expect((renamed.stats?.written ?? 0) > 10, "a unit's name is on its reports' pages and the lists")

        // The theme.
        let template = w.templates + "/partials/report-list.mustache"
        let old = try String(contentsOfFile: template, encoding: .utf8)
        try (old + "<!-- 改 -->\n").write(toFile: template, atomically: false, encoding: .utf8)
        w.buildAndCompare("template changed")

        // Another day: future reports and notices appear.
        w.buildAndCompare(asOf: "2019-06-30", "as-of date changed")
    }

    /// Right after a cold build there is no spare tree: one edited report must still
    /// cost a few files, not a second whole tree.
    @Test func theFirstEditAfterAColdBuildWritesOnlyWhatChanged() throws {
        let w = Workspace()
        let cold = SiteBuilder.build(w.options(w.output, incremental: true))
        #expect(cold.succeeded)
        #expect(!FileManager.default.fileExists(atPath: w.folder + "/.public.gongshi-spare"))
        let outputInode = try FileManager.default.attributesOfItem(atPath: w.output)[.systemFileNumber] as? UInt64
        w.edit("reports/2018/05/caizheng-hubei-huanjing.md") { $0 + "\n补充：活动共清理垃圾三车。\n" }
        let edited = w.buildAndCompare("first edit after a cold build")
        // The other reports' pages are left as the cold build wrote them, not even looked at.
        #expect(edited.filesKept > 40, "kept \(edited.filesKept) report pages")
        #expect(edited.stats?.written ?? 0 >= 1)
        // The report's page and what lists it, and the search index's text chunk and postings with the new words.
        #expect(edited.stats?.written ?? 99 <= 5, "wrote \(edited.stats?.written ?? -1) files for one edited report")
        // Written in place: the output is the same folder, and the spare holds no pages.
        #expect(try FileManager.default.attributesOfItem(atPath: w.output)[.systemFileNumber] as? UInt64 == outputInode)
        let staged = FileManager.default.enumerator(atPath: w.folder + "/.public.gongshi-spare")?.allObjects.compactMap { $0 as? String } ?? []
        #expect(!staged.contains { $0.hasSuffix(".html") }, "pages left in the spare: \(staged.prefix(5))")

        // Many changes at once (a template) exchange whole trees instead.
        let limited = Workspace(inPlaceLimit: 5)
        #expect(SiteBuilder.build(limited.options(limited.output, incremental: true)).succeeded)
        let before = try FileManager.default.attributesOfItem(atPath: limited.output)[.systemFileNumber] as? UInt64
        let template = limited.templates + "/layouts/base.mustache"
        try (String(contentsOfFile: template, encoding: .utf8) + "<!-- 改 -->\n").write(toFile: template, atomically: false, encoding: .utf8)
        let templated = SiteBuilder.build(limited.options(limited.output, incremental: true))
        #expect(templated.succeeded)
        #expect(templated.filesKept == 0, "a template change must remake every report's page")
        let after = try FileManager.default.attributesOfItem(atPath: limited.output)[.systemFileNumber] as? UInt64
        #expect(before != after, "more files than the limit changed, yet the output was written in place")
        limited.buildAndCompare("template changed after a cold build")
    }

    /// Whole trees share unchanged files as hard links. Writing a changed file into one
    /// tree must not change the other: after an edit and its undo, each built once, the
    /// tree swapped in holds what its manifest says only if the shared file was replaced,
    /// not overwritten.
    @Test func sharedFilesAreReplacedNotOverwritten() throws {
        let w = Workspace(inPlaceLimit: 0)
        #expect(SiteBuilder.build(w.options(w.output, incremental: true)).succeeded)
        w.edit("reports/2018/05/caizheng-hubei-huanjing.md") { $0 + "\n补充。\n" }
        #expect(SiteBuilder.build(w.options(w.output, incremental: true)).succeeded)  // trees now share files
        let live = tree(w.output)
        w.edit("units/shuiwu.md") { $0.replacingOccurrences(of: "name: 国家税务总局聊城市税务局", with: "name: 聊城市税务局") }
        let changed = SiteBuilder.build(w.options(w.output, incremental: true))
        #expect(changed.succeeded)
        #expect((changed.stats?.written ?? 0) > 10)
        w.edit("units/shuiwu.md") { $0.replacingOccurrences(of: "name: 聊城市税务局", with: "name: 国家税务总局聊城市税务局") }
        #expect(SiteBuilder.build(w.options(w.output, incremental: true)).succeeded)
        let now = tree(w.output)
        let differing = Set(now.keys).symmetricDifference(live.keys).union(now.keys.filter { now[$0] != live[$0] })
        #expect(differing.isEmpty, "undoing the edit did not give back the site before it: \(differing.sorted().prefix(5))")
    }

    @Test func aDamagedCacheIsIgnored() throws {
        let w = Workspace()
        w.buildAndCompare("first build")
        let cacheFolder = w.folder + "/.public.gongshi-cache"
        for name in try FileManager.default.contentsOfDirectory(atPath: cacheFolder) {
            // (issue 12) The resized photos, and (issue 13) the search index's texts, wait in folders of their own: damaged too.
            if name == "photos" || name == "search-texts" {
                for file in try FileManager.default.contentsOfDirectory(atPath: cacheFolder + "/" + name) {
                    try Data("garbage".utf8).write(to: URL(fileURLWithPath: cacheFolder + "/" + name + "/" + file))
                }
                continue
            }
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: cacheFolder + "/" + name))
        }
        w.edit("reports/2018/05/caizheng-hubei-huanjing.md") { $0 + "\n又一段。\n" }
        let report = w.buildAndCompare("cache damaged")
        #expect(report.reportsRead > 50)  // nothing reused from a cache it cannot read
    }

    /// A new version of Gongshi may read the same files differently (excerpts, notice
    /// HTML) and make different pages: nothing an older one left is reused.
    @Test func aNewProgramReusesNothingTheOldOneCached() {
        let w = Workspace()
        var options = w.options(w.output, incremental: true)
        options.programStamp = 1
        let first = SiteBuilder.build(options)
        #expect(first.succeeded, "\(first.diagnostics)")
        #expect(first.reportsRead > 50 && first.noticesRead > 5)

        let same = SiteBuilder.build(options)
        #expect(same.succeeded)
        #expect(same.reportsRead == 0 && same.noticesRead == 0, "same program: read \(same.reportsRead) reports, \(same.noticesRead) notices")
        #expect(same.filesMade < 10, "same program: made \(same.filesMade) of \(same.files) files")

        options.programStamp = 2
        let upgraded = SiteBuilder.build(options)
        #expect(upgraded.succeeded)
        #expect(upgraded.reportsRead == first.reportsRead, "a new program took \(first.reportsRead - upgraded.reportsRead) reports from the old one's cache")
        #expect(upgraded.noticesRead == first.noticesRead, "a new program took \(first.noticesRead - upgraded.noticesRead) notices from the old one's cache")
        #expect(upgraded.filesMade == upgraded.files && upgraded.filesKept == 0,
                "a new program made \(upgraded.filesMade) and kept \(upgraded.filesKept) of \(upgraded.files) files")
        let again = SiteBuilder.build(options)
        #expect(again.reportsRead == 0 && again.noticesRead == 0, "the new program's own cache is used")
    }

    @Test func fullBuildIgnoresTheCache() {
        let w = Workspace()
        w.buildAndCompare("first build")
        let full = SiteBuilder.build(w.options(w.output, incremental: false))
        #expect(full.reportsRead > 50)
        #expect(full.filesMade == full.files)
    }
}

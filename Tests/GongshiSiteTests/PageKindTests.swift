import Foundation
import Testing
@testable import GongshiContent
import GongshiModel
@testable import GongshiRender
@testable import GongshiSite

/// Page kinds: each declares where its pages go, and what a page depends on is
/// what it read, recorded as it was made.
@Suite struct PageKindTests {
    /// The example site rendered in memory, every page made.
    static func render(previous: @escaping @Sendable (String) -> PreviousFile? = { _ in nil },
                       batchSize: Int = SiteRenderer.defaultBatchSize, sitemapLimit: Int = Sitemap.urlLimit) -> (SiteRenderer, [OutputFile]) {
        let renderer = Self.renderer(previous: previous, batchSize: batchSize, sitemapLimit: sitemapLimit)
        return (renderer, (0..<renderer.batchCount).flatMap { renderer.render(batch: $0) })
    }

    /// The example site's renderer, no page made yet.
    static func renderer(previous: @escaping @Sendable (String) -> PreviousFile? = { _ in nil },
                         batchSize: Int = SiteRenderer.defaultBatchSize, sitemapLimit: Int = Sitemap.urlLimit,
                         searchTexts: SearchTextMemo = SearchTextMemo()) -> SiteRenderer {
        let loaded = ContentLoader.load(root: Repo.content, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                        reservedFolders: SiteRenderer.reservedFolders)
        var diagnostics = Diagnostics()
        let theme = SiteBuilder.loadTheme(Repo.templates, &diagnostics)!
        let content = loaded.content!
        return SiteRenderer(content: content, computation: SiteComputation(content: content, asOf: loaded.asOf), theme: theme,
                            includeDrafts: false, inputs: loaded.inputHashes, sources: loaded.reportSources, previous: previous,
                            batchSize: batchSize, searchTexts: searchTexts, sitemapLimit: sitemapLimit)
    }

    @Test func everyPageIsInItsKindsFolderAndNoTwoShareAPath() {
        let (renderer, files) = Self.render()
        #expect(files.count == renderer.pages.count)
        var seen = Set<String>()
        for page in renderer.pages {
            let folder = type(of: page).folder
            if !folder.isEmpty { #expect(page.path.hasPrefix(folder + "/"), "\(page.path) is outside \(folder)/") }
            #expect(seen.insert(page.path).inserted, "two pages write \(page.path)")
        }
        // Free pages may take no folder a kind writes in.
        for page in renderer.pages where !(page is FreePage) {
            let top = String(page.path.split(separator: "/").first ?? "")
            if page.path.contains("/") { #expect(SiteRenderer.reservedFolders.contains(top), "\(top) is not reserved") }
        }
    }

    /// Batches cut across kinds; small ones give the same files in the same order as one.
    @Test func smallBatchesGiveTheSameFiles() {
        let (whole, one) = Self.render()
        #expect(whole.batchCount == 1)
        for size in [1, 7, 50] {
            let (renderer, files) = Self.render(batchSize: size)
            #expect(renderer.batchCount == (one.count + size - 1) / size)
            #expect(files.map(\.path) == one.map(\.path))
            #expect(files.map(\.fingerprint) == one.map(\.fingerprint))
            #expect(zip(files, one).allSatisfy { a, b in
                switch (a.contents, b.contents) {
                case (.text(let x), .text(let y)): x == y
                case (.bytes(let x), .bytes(let y)): x == y
                default: false
                }
            })
        }
    }

    /// (issue 13) A search group is made once, when the batch with its first file is made, and let go
    /// with the batch that has its last: memory holds a batch's groups, not the site's.
    @Test func searchGroupsAreMadeOnceAndLetGoAfterTheirLastFile() throws {
        let renderer = Self.renderer(batchSize: 7)
        let search = renderer.site.search
        #expect(search.groupCount >= 3)
        var heldAtSomePoint = Set<Int>()
        for batch in 0..<renderer.batchCount {
            let files = renderer.render(batch: batch)
            let end = min(renderer.count, (batch + 1) * 7)
            heldAtSomePoint.formUnion(search.heldGroups)
            for group in search.heldGroups {
                #expect(renderer.searchGroupEnds[group] > end, "group \(group) is held after its last file (batch \(batch))")
            }
            // A group whose files reach past this batch and were begun in it is still held.
            for group in 0..<search.groupCount where renderer.searchGroupStarts[group] < end && renderer.searchGroupEnds[group] > end {
                #expect(search.heldGroups.contains(group), "group \(group) was let go before its last file")
            }
            #expect(files.count == end - batch * 7)
        }
        #expect(search.heldGroups.isEmpty)
        #expect(search.timesMade == search.groupCount)
        #expect(!heldAtSomePoint.isEmpty)
    }

    @Test func theNavigationComesFromTheKinds() {
        #expect(SiteRenderer.navigation.map(\.label) == ["首页", "通报公告", "考核排名", "文明单位", "创建动态", "整改进展", "志愿服务", "帮包路口", "考核细则", "搜索"])
        #expect(SiteRenderer.navigation.map(\.folder) == ["", "notices", "rankings", "units", "reports", "rectification", "volunteer", "intersections", "criteria", "search"])
    }

    @Test func aPagesRecipeNamesWhatItRead() throws {
        let (renderer, files) = Self.render()
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
        let unit = try #require(renderer.site.content.units.first { renderer.site.activities.byUnit[$0.id] != nil })
        let unitFile = try #require(byPath["units/\(unit.id)/index.html"])
        let (unitCoarse, unitItems) = try #require(Recipe.decode(unitFile.recipe, subject: unit.id))
        #expect(unitItems.contains(.totals(.unit(unit.id))))
        #expect(unitItems.contains { if case .reports(.unit(unit.id), 0, _) = $0 { true } else { false } })
        #expect(unitCoarse & 32 != 0, "a unit page shows its scores, from the sheets")
        // Every report page reads its own report, site.yaml, the units, the free pages and which plan items
        // name reports as evidence (its backlinks): one shared recipe.
        let reportFiles = renderer.pages.compactMap { $0 as? ReportPage }.map { byPath[$0.path]! }
        #expect(Set(reportFiles.map(\.recipe)).count == 1)
        let report = try #require(renderer.pages.compactMap { $0 as? ReportPage }.first)
        let (coarse, items) = try #require(Recipe.decode(byPath[report.path]!.recipe, subject: report.subject))
        #expect(items == [.report(report.subject)])
        #expect(coarse == 1 | 2 | 8 | 64)
    }

    @Test func recipesSurviveTheirEncoding() {
        let items: [Dependency] = [.report("reports/2018/a"), .reports(.community("柳园街道"), from: 50, to: 100), .totals(.kind("donation")),
                                   .totals(.site), .reports(.all, from: 0, to: Int(UInt32.max)),
                                   .planAsIssued(unit: "yanjiushi", on: CalendarDate(iso: "2018-10-15")!), .report("units-subject")]
        let bytes = Recipe.encode(coarse: 0b101011, items: items, subject: "units-subject")
        let decoded = Recipe.decode(bytes, subject: "units-subject")
        #expect(decoded?.coarse == 0b101011)
        #expect(decoded?.items == items)
        // The subject is a placeholder: the same bytes name another page's own subject.
        #expect(Recipe.decode(bytes, subject: "other")?.items.last == .report("other"))
        #expect(Recipe.decode(Array(bytes.dropLast()), subject: "x") == nil)
    }

    /// A page whose recorded reads are unchanged is not made again, and one whose reads changed is.
    @Test func pagesAreSkippedExactlyWhenWhatTheyReadIsUnchanged() {
        let (_, first) = Self.render()
        let known = Dictionary(uniqueKeysWithValues: first.map {
            ($0.path, PreviousFile(fingerprint: $0.fingerprint, hash: 1, recipe: $0.recipe))
        })
        let (_, again) = Self.render(previous: { known[$0] })
        for file in again where file.fingerprint != 0 {
            guard case .unchanged = file.contents else { Issue.record("\(file.path) made again from the same inputs"); continue }
        }
        // A recipe naming a report that is not there any more: the page is made again.
        let report = first.first { $0.path.hasPrefix("reports/2") }!
        var changed = known
        changed[report.path]!.recipe = Recipe.encode(coarse: 1, items: [.report("reports/gone")], subject: "")
        let (_, third) = Self.render(previous: { [changed] in changed[$0] })
        let remade = third.first { $0.path == report.path }!
        if case .unchanged = remade.contents { Issue.record("a page whose recipe no longer matches was not made again") }
    }

    /// data/reports.json prints the reports' front matter only: it reads the listing, not each report,
    /// so editing a report's text does not remake 20,000 entries, while editing its title does.
    @Test func reportsJSONReadsTheListingNotTheTexts() throws {
        let (_, files) = Self.render()
        let json = try #require(files.first { $0.path == "data/reports.json" })
        let recipe = try #require(Recipe.decode(json.recipe, subject: ""))
        #expect(recipe.coarse & 128 != 0)
        #expect(!recipe.items.contains { if case .reports = $0 { true } else { false } }, "\(recipe.items)")
        let w = IncrementalBuildTests.Workspace()
        w.buildAndCompare("first build")
        let before = try String(contentsOfFile: w.output + "/data/reports.json", encoding: .utf8)
        let path = "reports/2018/06/shuiwu-lajitong.md"
        w.edit(path) { $0 + "\n又补充了一段文字。\n" }
        let text = w.buildAndCompare("text edited")
        // (and the search index's files of the report's group: its postings and the report's text chunk; and
        // assets/search.js, copied every build like every file of the theme's assets)
        #expect(text.filesMade < 10 + SearchLayout.buckets(57) + 2, "made \(text.filesMade) files for one report's text")
        #expect(try String(contentsOfFile: w.output + "/data/reports.json", encoding: .utf8) == before)
        w.edit(path) { $0.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: 新标题 ") }
        w.buildAndCompare("title edited")
        #expect(try String(contentsOfFile: w.output + "/data/reports.json", encoding: .utf8).contains("新标题"))
    }

    /// Report pages read no notice and no sheet: editing one leaves every report page as it is,
    /// and still gives the clean build's site.
    @Test func editingANoticeOrASheetRemakesNoReportPage() {
        let w = IncrementalBuildTests.Workspace()
        w.buildAndCompare("first build")
        let reports = tree(w.output).keys.filter { $0.hasPrefix("reports/2") && $0.hasSuffix("/index.html") }.count
        w.edit("notices/2018/bangbao-shequ-lukou-tongzhi.md") { $0 + "\n特此通知。\n" }
        let notice = w.buildAndCompare("notice edited")
        #expect(notice.filesKept == reports, "kept \(notice.filesKept) of \(reports) report pages")
        // (and the search index's notice files: 2 postings, 2 chunks of text; and assets/search.js, copied every build)
        #expect(notice.filesMade < 20 + 5, "made \(notice.filesMade) files for one notice")
        w.edit("data/assessments.csv") { $0.replacingOccurrences(of: "2018-h1,jianshe-bank,95.5,", with: "2018-h1,jianshe-bank,99.5,") }
        let sheet = w.buildAndCompare("sheet edited")
        #expect(sheet.filesKept == reports, "kept \(sheet.filesKept) of \(reports) report pages")
    }
}

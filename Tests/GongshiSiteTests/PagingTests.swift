import Foundation
import Testing
@testable import GongshiContent
import GongshiModel
@testable import GongshiRender
@testable import GongshiSite

/// (issue 13) Lists that grow with the site are paged: a unit's reports, the notices index; and the
/// sitemap is split above the protocol's 50,000 URLs a file.
@Suite struct PagingTests {
    /// The example site with three more units, of exactly 50, 51 and 120 reports, and 60 more notices:
    /// a copy in `folder`, whose content folder is returned.
    static func pagedExample(in folder: String) -> String {
        let content = folder + "/content"
        try! FileManager.default.copyItem(atPath: Repo.content, toPath: content)
        func write(_ path: String, _ text: String) {
            let full = content + "/" + path
            try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try! text.write(toFile: full, atomically: false, encoding: .utf8)
        }
        // Day i of 2018, 28 days a month: increasing with i.
        func date(_ i: Int) -> String { CalendarDate(year: 2018, month: i / 28 + 1, day: i % 28 + 1)!.description }
        for (unit, count) in [("p50", 50), ("p51", 51), ("p120", 120)] {
            // The unit of 51 has a community, whose page then has 51 reports too: two pages.
            let community = unit == "p51" ? "community: 分页测试社区\n" : ""
            write("units/\(unit).md", "---\nname: 分页测试单位\(count)\ncategory: municipal\n\(community)---\n分页测试用的单位，共 \(count) 篇活动报道。\n")
            for i in 0..<count {
                // One a day: the newest (the last) is first in the unit's list.
                write("reports/2018/pg/\(unit)-\(i).md", """
                    ---
                    title: \(unit) 第\(i)次志愿服务
                    unit: \(unit)
                    date: \(date(i))
                    kind: volunteer
                    ---
                    分页测试单位开展志愿服务，这是第\(i)次。

                    """)
            }
        }
        for i in 0..<60 {
            write("notices/pg/n\(i).md", """
                ---
                title: 分页测试通知第\(i)号
                date: \(date(i))
                issuer: 聊城市精神文明建设委员会办公室
                kind: 通知
                ---
                分页测试用的通知。

                """)
        }
        return content
    }

    /// The paged example, built once for the tests that read its files.
    static let built: String = {
        let folder = temporaryFolder()
        let content = pagedExample(in: folder)
        let report = build(content: content, output: folder + "/public")
        #expect(report.succeeded, "\(report.diagnostics.prefix(5))")
        return folder + "/public"
    }()

    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: built + "/" + path) }
    static func page(_ path: String) -> String { text(built, path) }

    /// The hrefs of a list's items (`class="item-title"`).
    static func items(_ html: String) -> [String] {
        html.matches(of: /<a class="item-title" href="([^"]*)"/).map { String($0.1) }
    }

    /// The page a relative link on the page at `path` leads to (site-relative, `index.html` for a folder).
    static func resolve(_ href: String, from path: String) -> String {
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for part in href.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
        }
        let joined = parts.joined(separator: "/")
        return joined.hasSuffix("/") || joined.isEmpty ? joined + "index.html" : joined
    }

    /// The pager's links, resolved: (page number, target) in the order written.
    static func pagerLinks(_ path: String) -> [(Int, String)] {
        let html = page(path)
        guard let nav = html.firstMatch(of: /<nav class="pager"[\s\S]*?<\/nav>/) else { return [] }
        return String(nav.0).matches(of: /<a href="([^"]*)"[^>]*aria-label="第(\d+)页/).map { (Int($0.2)!, resolve(String($0.1), from: path)) }
    }

    @Test func aUnitOf50ReportsHasOnePageAndOf51Two() throws {
        #expect(Self.items(Self.page("units/p50/index.html")).count == 50)
        #expect(!Self.page("units/p50/index.html").contains("class=\"pager\""))
        #expect(!Self.exists("units/p50/page/2/index.html"))

        let first = Self.page("units/p51/index.html")
        #expect(Self.items(first).count == 50)
        #expect(first.contains("共 51 篇"), "reportCount stays the total")
        #expect(Self.pagerLinks("units/p51/index.html").map(\.1) == ["units/p51/index.html", "units/p51/page/2/index.html"])
        #expect(first.contains(#"<a href="../../units/p51/page/2/index.html" rel="next">"#))
        let last = Self.page("units/p51/page/2/index.html")
        #expect(Self.items(last) == ["../../../../reports/2018/pg/p51-0/index.html"], "the last page holds the oldest report")
        #expect(last.contains(#"<a href="../../../../units/p51/index.html" rel="prev">"#))
        #expect(!Self.exists("units/p51/page/3/index.html"))
    }

    @Test func furtherPagesShowTheUnitsNameAndReportsNotItsProfile() throws {
        let html = Self.page("units/p120/page/2/index.html")
        #expect(html.contains(#"<h1><a href="../../../../units/p120/index.html">分页测试单位120</a></h1>"#), "linked to the first page")
        #expect(html.contains("市级文明单位"), "what the unit is")
        #expect(html.contains("<title>分页测试单位120活动报道（第2页）"))
        #expect(html.contains("共 120 篇"))
        for profile in ["h-scores", "h-activities", "class=\"profile\"", "分页测试用的单位"] {
            #expect(!html.contains(profile), "\(profile) is on the first page only")
        }
        #expect(Self.page("units/p120/index.html").contains("h-scores"))
    }

    @Test func everyReportOfAUnitIsOnExactlyOnePageInOrder() throws {
        let paths = ["units/p120/index.html", "units/p120/page/2/index.html", "units/p120/page/3/index.html"]
        let pages = paths.map { path in Self.items(Self.page(path)).map { Self.resolve($0, from: path) } }
        #expect(pages.map(\.count) == [50, 50, 20])
        #expect(pages.flatMap { $0 } == (0..<120).reversed().map { "reports/2018/pg/p120-\($0)/index.html" })
        #expect(!Self.exists("units/p120/page/4/index.html"))
        // Each page's pager reaches the first, the last and its neighbours, and every link finds a page.
        for path in paths {
            let links = Self.pagerLinks(path)
            #expect(links.map(\.0) == [1, 2, 3])
            #expect(links.map(\.1) == paths)
            for (_, target) in links { #expect(Self.exists(target), "\(path) links to \(target)") }
        }
    }

    @Test func theNoticesIndexIsPaged() throws {
        let first = Self.items(Self.page("notices/index.html")), second = Self.items(Self.page("notices/page/2/index.html"))
        #expect(first.count == 50)
        #expect(second.count == 68 - 50, "the example's 8 notices and 60 more")
        #expect(Set(first).isDisjoint(with: second))
        #expect(!Self.exists("notices/page/3/index.html"))
        #expect(Self.pagerLinks("notices/page/2/index.html").map(\.1) == ["notices/index.html", "notices/page/2/index.html"])
        #expect(Self.page("notices/page/2/index.html").contains("<title>通报公告（第2页）"))
        // The further pages of lists are in the sitemap like any page.
        let sitemap = Self.page("sitemap.xml")
        for folder in ["notices/page/2/", "units/p51/page/2/", "units/p120/page/3/"] {
            #expect(sitemap.contains("<loc>https://wenming.example.org/\(folder)</loc>"))
        }
    }

    /// The paged example rendered in memory (no files), with what the previous tree held.
    static func render(_ content: String, previous: @escaping @Sendable (String) -> PreviousFile? = { _ in nil },
                       sitemapLimit: Int = Sitemap.urlLimit) -> (SiteRenderer, [OutputFile]) {
        let loaded = ContentLoader.load(root: content, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                        reservedFolders: SiteRenderer.reservedFolders)
        var diagnostics = Diagnostics()
        let theme = SiteBuilder.loadTheme(Repo.templates, &diagnostics)!
        let computation = SiteComputation(content: loaded.content!, asOf: loaded.asOf)
        let renderer = SiteRenderer(content: loaded.content!, computation: computation, theme: theme, includeDrafts: false,
                                    inputs: loaded.inputHashes, sources: loaded.reportSources, previous: previous,
                                    sitemapLimit: sitemapLimit)
        return (renderer, (0..<renderer.batchCount).flatMap { renderer.render(batch: $0) })
    }

    static func previous(_ files: [OutputFile]) -> @Sendable (String) -> PreviousFile? {
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, PreviousFile(fingerprint: $0.fingerprint, hash: 1, recipe: $0.recipe)) })
        return { byPath[$0] }
    }

    static func isMade(_ file: OutputFile?) -> Bool {
        switch file?.contents {
        case .text, .bytes: true
        default: false
        }
    }

    /// A unit's page n depends on the list's size and the reports at its positions only: editing the
    /// text of the unit's 61st report (on page 2) remakes page 2 and neither page 1 nor page 3.
    @Test func editingAReportRemakesOnlyThePageShowingIt() throws {
        try withTemporaryFolder { folder in
            let content = Self.pagedExample(in: folder)
            let (renderer, files) = Self.render(content)
            let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
            let unitPages = ["units/p120/index.html", "units/p120/page/2/index.html", "units/p120/page/3/index.html"]
            for (number, path) in unitPages.enumerated() {
                let file = try #require(byPath[path])
                let (_, items) = try #require(Recipe.decode(file.recipe, subject: "p120"))
                #expect(items.contains(.reports(.unit("p120"), from: number * 50, to: number * 50 + (number == 2 ? 20 : 50))), "\(path): \(items)")
                #expect(!items.contains { if case .report = $0 { true } else { false } })
            }
            // Position 60, newest first, is the report of day 120 - 1 - 60.
            let position60 = try #require(renderer.site.activities.byUnit["p120"]?[60])
            #expect(renderer.site.activities.reports[position60].path == "reports/2018/pg/p120-59")
            let file = content + "/reports/2018/pg/p120-59.md"
            try (String(contentsOfFile: file, encoding: .utf8) + "\n补充：又来了十位志愿者。\n").write(toFile: file, atomically: false, encoding: .utf8)

            let (_, again) = Self.render(content, previous: Self.previous(files))
            let made = Set(again.filter { Self.isMade($0) }.map(\.path))
            #expect(made.contains("units/p120/page/2/index.html"))
            #expect(made.contains("reports/2018/pg/p120-59/index.html"))
            #expect(!made.contains("units/p120/index.html"), "page 1 shows none of the edited report")
            #expect(!made.contains("units/p120/page/3/index.html"))
            #expect(!made.contains("notices/index.html") && !made.contains("units/p51/page/2/index.html"))
        }
    }

    /// A notice edited remakes the notices index's pages (the notices are one coarse part); nothing
    /// else changes them.
    @Test func theNoticesPagesDependOnTheNotices() throws {
        try withTemporaryFolder { folder in
            let content = Self.pagedExample(in: folder)
            let (_, files) = Self.render(content)
            let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, $0) })
            let second = try #require(byPath["notices/page/2/index.html"])
            let (coarse, _) = try #require(Recipe.decode(second.recipe, subject: "2"))
            #expect(coarse & 4 != 0)
            let report = content + "/reports/2018/pg/p51-3.md"
            try (String(contentsOfFile: report, encoding: .utf8) + "\n补充。\n").write(toFile: report, atomically: false, encoding: .utf8)
            let (_, again) = Self.render(content, previous: Self.previous(files))
            #expect(!again.contains { ($0.path == "notices/index.html" || $0.path.hasPrefix("notices/page/")) && Self.isMade($0) })
            let notice = content + "/notices/pg/n7.md"
            try (String(contentsOfFile: notice, encoding: .utf8) + "\n补充。\n").write(toFile: notice, atomically: false, encoding: .utf8)
            let (_, third) = Self.render(content, previous: Self.previous(again))
            #expect(Self.isMade(third.first { $0.path == "notices/page/2/index.html" }))
        }
    }

    /// Up to the limit, sitemap.xml is what it always was; above it, an index of files of at most
    /// `limit` URLs each, in the same order, with absolute URLs from base_url.
    @Test func theSitemapIsSplitAboveTheLimit() throws {
        let (whole, files) = PageKindTests.render()
        let pages = files.map(\.path).filter { $0.hasSuffix(".html") }
        let config = whole.site.content.config
        let one = whole.closingFiles(pages: pages).filter { $0.origin == "sitemap" }
        #expect(one.map(\.path) == ["sitemap.xml"])
        guard case .text(let single)? = one.first?.contents else { Issue.record("no sitemap"); return }
        #expect(single == OpenData.sitemap(pages: pages, config: config))
        #expect(single.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"))
        func locs(_ xml: String) -> [String] { xml.matches(of: /<loc>([^<]*)<\/loc>/).map { String($0.1) } }
        let all = locs(single)
        #expect(all.count == pages.count)

        for limit in [7, pages.count - 1, pages.count, pages.count + 1] {
            let (renderer, _) = PageKindTests.render(sitemapLimit: limit)
            let split = renderer.closingFiles(pages: pages).filter { $0.origin == "sitemap" }
            var texts: [String: String] = [:]
            for file in split { if case .text(let text) = file.contents { texts[file.path] = text } }
            guard limit < pages.count else {
                #expect(texts == ["sitemap.xml": single], "\(limit): a site within the limit keeps its one sitemap.xml")
                continue
            }
            let count = (pages.count + limit - 1) / limit
            let parts = (1...count).map { "sitemaps/\($0).xml" }
            #expect(split.map(\.path) == ["sitemap.xml"] + parts)
            let index = try #require(texts["sitemap.xml"])
            #expect(index == "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
                    + parts.map { "  <sitemap><loc>https://wenming.example.org/\($0)</loc></sitemap>\n" }.joined() + "</sitemapindex>\n")
            let lists = parts.map { locs(texts[$0] ?? "") }
            #expect(lists.allSatisfy { $0.count <= limit && !$0.isEmpty })
            #expect(lists.flatMap { $0 } == all, "\(limit): the same URLs in the same order")
            #expect(parts.allSatisfy { texts[$0]!.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset ") && texts[$0]!.hasSuffix("</urlset>\n") })

            // The next build with the same pages makes none of them again.
            let previous: @Sendable (String) -> PreviousFile? = { [split] path in
                split.first { $0.path == path }.map { PreviousFile(fingerprint: $0.fingerprint, hash: 1, recipe: []) }
            }
            let (same, _) = PageKindTests.render(previous: previous, sitemapLimit: limit)
            #expect(same.closingFiles(pages: pages).filter { $0.origin == "sitemap" }.allSatisfy { !Self.isMade($0) })
            // A page added last remakes the index and the last file (or a new one), nothing before it.
            let more = same.closingFiles(pages: pages + ["zzz/index.html"]).filter { $0.origin == "sitemap" }
            let made = more.filter { Self.isMade($0) }.map(\.path)
            let last = (pages.count + 1 + limit - 1) / limit
            #expect(made == ["sitemap.xml", "sitemaps/\(last).xml"], "\(limit): \(made)")
            if case .text(let text)? = more.last?.contents { #expect(text.contains("<loc>https://wenming.example.org/zzz/</loc>")) }
        }
    }

    /// Whole builds of the paged example: edits that move reports between pages, remove a unit's
    /// second page and the notices' second page, each built incrementally and compared with a clean build.
    @Test func incrementalBuildsOfPagedListsEqualCleanBuilds() throws {
        let w = IncrementalBuildTests.Workspace()
        try FileManager.default.removeItem(atPath: w.content)
        try FileManager.default.moveItem(atPath: Self.pagedExample(in: w.folder + "/paged"), toPath: w.content)
        #expect(SiteBuilder.build(w.options(w.output, incremental: true)).succeeded)
        #expect(FileManager.default.fileExists(atPath: w.output + "/units/p51/page/2/index.html"))

        w.edit("reports/2018/pg/p120-59.md") { $0 + "\n补充：又来了十位志愿者。\n" }
        let edited = w.buildAndCompare("a report's text on page 2 of its unit")
        #expect(edited.succeeded)
        w.edit("reports/2018/pg/p120-5.md") { $0.replacingOccurrences(of: "date: 2018-01-06", with: "date: 2018-11-20") }
        w.buildAndCompare("a report moved from the unit's last page to its first")
        try FileManager.default.removeItem(atPath: w.content + "/reports/2018/pg/p51-0.md")
        for i in 0..<18 { try FileManager.default.removeItem(atPath: w.content + "/notices/pg/n\(i).md") }
        w.buildAndCompare("the unit of 51 down to 50, the notices down to 50")
        #expect(!FileManager.default.fileExists(atPath: w.output + "/units/p51/page/2/index.html"))
        #expect(!FileManager.default.fileExists(atPath: w.output + "/notices/page/2/index.html"))
        w.write("reports/2018/pg/p51-0.md", "---\ntitle: 回来了\nunit: p51\ndate: 2018-12-30\nkind: volunteer\n---\n又一次。\n")
        w.buildAndCompare("the unit of 50 back to 51, the newest first")
        #expect(FileManager.default.fileExists(atPath: w.output + "/units/p51/page/2/index.html"))
    }

    @Test func sitemapsIsAReservedFolder() {
        #expect(SiteRenderer.reservedFolders.contains("sitemaps"))
    }
}

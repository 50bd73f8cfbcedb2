import Foundation
import Testing
@testable import GongshiRender
@testable import GongshiSite

/// (issue 12) What citizens reading on phones, and people sharing a link in a chat app, get from the
/// example site: rank, unit, total and change in the always-visible part of every ranking row (the
/// component scores move to a line under the unit below 720 px), charts with their numbers as text,
/// the as-of date and the open-data files beside the figures, description / canonical / Open Graph
/// tags on every page, one small stylesheet with no web fonts, and no page over 150 kB on a generated
/// corpus of 150 units and 4,000 reports.
@Suite struct PhoneSiteTests {
    static var output: String { ExampleSiteTests.output }

    struct Cell {
        var tag: String
        var classes: Set<String>
        var html: String
        var isPart: Bool { classes.contains("part") }
        /// The text without tags.
        var text: String { html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression) }
    }

    /// The body rows of every `<table class="…">` whose class list has `tableClass`, each row's cells in order.
    static func rows(_ html: String, tableClass: String) -> [[Cell]] {
        var result: [[Cell]] = []
        for table in matches(#"<table class="([^"]*)">(.*?)</table>"#, in: html) where table[1].split(separator: " ").contains(Substring(tableClass)) {
            guard let body = matches(#"<tbody>(.*?)</tbody>"#, in: table[2]).first?[1] else { continue }
            for row in matches(#"<tr>(.*?)</tr>"#, in: body) {
                result.append(matches(#"<(td|th)([^>]*)>(.*?)</\1>"#, in: row[1]).map { cell in
                    let classes = matches(#"class="([^"]*)""#, in: cell[2]).first.map { Set($0[1].split(separator: " ").map(String.init)) } ?? []
                    return Cell(tag: cell[1], classes: classes, html: cell[3])
                })
            }
        }
        return result
    }

    /// Every match of `pattern` (dot matches newlines) with its groups.
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0)) }
        }
    }

    // MARK: Totals in view

    @Test func everyRankingRowKeepsRankUnitTotalAndChangeOutOfTheColumnsThatGiveWay() throws {
        let components = ["帮包社区", "帮包路口", "考核细则"]
        var checked = 0
        for page in ["rankings/2018-h2/index.html", "rankings/index.html", "index.html", "notices/2018/nianzhong-kaohe-tongbao/index.html",
                     "notices/2018/niandi-kaohe-jieguo-tongbao/index.html"] {
            let rows = Self.rows(text(Self.output, page), tableClass: "ranking")
            #expect(!rows.isEmpty, "\(page) has no ranking rows")
            for row in rows {
                // rank, unit, the components, total, change
                try #require(row.count == 2 + components.count + 2, "\(page): \(row.map(\.html))")
                let rank = row[0], unit = row[1], total = row[row.count - 2], change = row[row.count - 1]
                #expect(rank.classes.contains("rank") && !rank.isPart)
                #expect(unit.tag == "th" && unit.classes.contains("unit") && !unit.isPart)
                #expect(total.classes.contains("total") && !total.isPart && total.html.range(of: #"^\d+\.\d\d$"#, options: .regularExpression) != nil,
                        "\(page): total \(total.html)")
                #expect(change.classes.contains("chg") && !change.isPart)
                let scores = row[2..<(row.count - 2)]
                let allParts = scores.allSatisfy { $0.isPart }
                #expect(allParts, "\(page): a component score is not a .part")
                // The same scores under the unit's name, each with its component's name, for narrow screens.
                let parts = try #require(Self.matches(#"<span class="parts">(.*)</span>"#, in: unit.html).first?[1], "\(page): no .parts in \(unit.html)")
                #expect(parts == zip(components, scores).map { "<span>\($0) \($1.html)</span>" }.joined(), "\(page): \(parts)")
                checked += 1
            }
        }
        #expect(checked > 60)
        // Below 720 px the .part columns give way to the .parts line; above, the other way round; printed, the full table.
        let css = text(Self.output, "assets/style.css")
        #expect(css.contains(".parts{display:none}"))
        #expect(css.contains("@media screen and (max-width:719.98px){.part{display:none}.parts{display:block;"))
        #expect(!css.contains("@media print{.part{display:none}"))
    }

    @Test func otherTablesWithATotalKeepItInViewToo() throws {
        // The volunteer standings: unit, per head (the key figure) and 达标 stay; points, staff and the periods give way.
        let volunteer = Self.rows(text(Self.output, "volunteer/index.html"), tableClass: "volunteer-table")
        #expect(volunteer.count == 19)
        for row in volunteer {
            #expect(row.prefix(3).allSatisfy { !$0.isPart } && row[1].classes.contains("total"))
            let allParts = row.dropFirst(3).allSatisfy { $0.isPart }
            #expect(allParts && row.count == 3 + 2 + 2)
            #expect(row[0].html.contains("<span class=\"parts\"><span>全年积分 "))
        }
        // An intersection: the duty score stays, the event counts give way to a line under the unit.
        let duty = Self.rows(text(Self.output, "intersections/东昌路与兴华路路口/index.html"), tableClass: "duty-counts")
        #expect(!duty.isEmpty)
        for row in duty {
            #expect(!row[0].isPart && !row[row.count - 1].isPart && row[row.count - 1].classes.contains("total"))
            let allParts = row.dropFirst().dropLast().allSatisfy { $0.isPart }
            #expect(allParts)
            #expect(row[0].html.contains("<span>缺勤 ") && row[0].html.contains(" 次</span>"))
        }
    }

    // MARK: Charts

    @Test func chartsAreTablesWithTheirNumbersAsText() throws {
        // Reports per month on the home page: twelve months of 2018, bars scaled to the busiest month.
        let home = text(Self.output, "index.html")
        #expect(home.contains("<caption>2018年1月至12月每月活动报道数"))
        let months = Self.rows(home, tableClass: "chart")
        #expect(months.map { $0[0].html } == (1...12).map { "\($0)月" })
        let counts = months.compactMap { Int(Self.matches(#"<span class="n">(\d+)</span>"#, in: $0[1].html).first?[1] ?? "") }
        let widths = months.compactMap { Self.matches(#"style="width:([0-9.]+)%""#, in: $0[1].html).first?[1] }
        #expect(counts.count == 12 && widths.count == 12)
        let reportCount = try #require(Self.matches(#"<b>(\d+)</b> 篇活动报道"#, in: home).first.flatMap { Int($0[1]) })
        #expect(counts.reduce(0, +) == reportCount)  // every published report of the example is dated in 2018
        let most = try #require(counts.max())
        for (count, width) in zip(counts, widths) {
            #expect(width == PageReader.percent(count, of: most))
        }
        #expect(widths.contains("100.0"))
        // And on a kind's first page.
        #expect(text(Self.output, "kinds/donation/index.html").contains("<caption>2018年1月至12月每月捐赠活动报道数"))

        // A unit's total and rank across periods.
        let trend = Self.rows(text(Self.output, "units/shuiwu/index.html"), tableClass: "trend")
        #expect(trend.map { $0[0].html } == ["2018年年中考核", "2018年年终考核"])
        #expect(trend.first?[1].text.contains("第 2 名") == true && trend.first?[1].text.contains("并列") == true)
        #expect(trend.map { Self.matches(#"<span class="n">([0-9.]+)</span>"#, in: $0[2].html).first?[1] } == ["94.15", "95.00"])
        #expect(trend.first?[2].html.contains("style=\"width:94.2%\"") == true)  // 94.15 of 100, one decimal, half up

        // The criteria most units lost points on: shares of the ranked units, most first.
        let charts = Self.matches(#"<table class="chart">.*?</table>"#, in: text(Self.output, "criteria/index.html")).map { $0[0] }
        #expect(charts.count == 2)  // one per period
        for chart in charts {
            let rows = Self.rows(chart, tableClass: "chart")
            let units = rows.compactMap { Int(Self.matches(#"<span class="n">(\d+) 家</span>"#, in: $0[1].html).first?[1] ?? "") }
            #expect(!rows.isEmpty && rows.count <= 10 && units.count == rows.count && units == units.sorted(by: >))
        }

        // Rectification progress: one stacked bar per plan, its four shares adding up to 100, the counts in words.
        let progress = Self.rows(text(Self.output, "rectification/index.html"), tableClass: "progress-chart")
        #expect(progress.count == 2)
        for row in progress {
            let shares = Self.matches(#"style="width:([0-9.]+)%""#, in: row[1].html).compactMap { Double($0[1]) }
            #expect(shares.count == 3)
            #expect(row[1].text.contains("已完成") && row[1].text.contains("逾期") && row[1].text.contains("未开始"))
        }
        #expect(progress.first?[1].text.contains("共 9 项：已完成 7，整改中 0，逾期 2，未开始 0") == true)
    }

    // MARK: As of, and the open data behind the figures

    @Test func pagesWithFiguresShowTheAsOfDateAndLinkTheirOpenData() {
        let asOf = "<p class=\"source\">数据截至<time datetime=\"2018-12-31\">2018年12月31日</time>"
        let expected: [(String, [String])] = [
            ("index.html", ["data/rankings-2018-h2.json", "data/rankings-2018-h2.csv", "data/units.json", "data/reports.json"]),
            ("rankings/index.html", ["data/rankings-2018-h2.json", "data/rankings-2018-h1.csv"]),
            ("rankings/2018-h1/index.html", ["data/rankings-2018-h1.json", "data/rankings-2018-h1.csv"]),
            ("units/index.html", ["data/units.json"]), ("units/shuiwu/index.html", ["data/units.json"]),
            ("reports/index.html", ["data/reports.json"]), ("kinds/donation/index.html", ["data/reports.json"]),
            ("communities/湖南社区/index.html", ["data/reports.json"]), ("volunteer/index.html", ["data/units.json"]),
            ("criteria/index.html", ["data/units.json"]), ("rectification/index.html", ["data/units.json"]),
            ("intersections/index.html", ["data/units.json"]), ("intersections/东昌路与兴华路路口/index.html", ["data/units.json"]),
        ]
        for (page, files) in expected {
            let html = text(Self.output, page)
            #expect(html.contains(asOf), "\(page) does not show the as-of date beside its figures")
            let root = Links.root(of: page)
            for file in files { #expect(html.contains("href=\"\(root)\(file)\""), "\(page) does not link \(file)") }
        }
        // A notice's ranking blocks link the period's rankings (not printed: .downloads).
        let notice = text(Self.output, "notices/2018/nianzhong-kaohe-tongbao/index.html")
        #expect(notice.contains("<p class=\"downloads block-note\">开放数据（2018年年中考核全部排名）：<a href=\"../../../data/rankings-2018-h1.json\""))
    }

    // MARK: Sharing, weight

    @Test func everyPageHasADescriptionACanonicalURLAndOpenGraphTags() throws {
        var pages = 0
        for (path, data) in tree(Self.output) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            func meta(_ pattern: String) -> String? { Self.matches(pattern, in: html).first?[1] }
            let folder = path == "index.html" ? "" : path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path
            let url = "https://wenming.example.org/" + Links.encode(folder)
            let description = meta(#"<meta name="description" content="([^"]*)">"#)
            #expect((description?.count ?? 0) >= 10 && (description?.count ?? 0) <= 160, "\(path): description \(description ?? "none")")
            #expect(meta(#"<link rel="canonical" href="([^"]*)">"#) == url, "\(path)")
            #expect(meta(#"<meta property="og:url" content="([^"]*)">"#) == url, "\(path)")
            #expect(meta(#"<meta property="og:description" content="([^"]*)">"#) == description, "\(path)")
            #expect(meta(#"<meta property="og:site_name" content="([^"]*)">"#) == "聊城市文明单位创建公示", "\(path)")
            let title = try #require(meta(#"<meta property="og:title" content="([^"]*)">"#), "\(path): no og:title")
            #expect(!title.isEmpty && html.contains("<title>\(title)"), "\(path): og:title \(title)")
            let article = (path.hasPrefix("reports/") && !path.hasPrefix("reports/page/") && path != "reports/index.html") || (path.hasPrefix("notices/") && !path.hasPrefix("notices/page/") && path != "notices/index.html")
            #expect(meta(#"<meta property="og:type" content="([^"]*)">"#) == (article ? "article" : "website"), "\(path)")
            pages += 1
        }
        #expect(pages > 100)
        // A report's description is its unit, its date and its text.
        let report = text(Self.output, "reports/2018/08/guowang-yongdian-paicha/index.html")
        #expect(report.contains("<meta name=\"description\" content=\"国网聊城供电公司　2018年8月"))
    }

    @Test func oneSmallStylesheetNoWebFontsAndAVisibleFocus() throws {
        let css = try #require(FileManager.default.contents(atPath: Self.output + "/assets/style.css"))
        #expect(css.count < 20_000, "assets/style.css is \(css.count) bytes")
        let text = String(decoding: css, as: UTF8.self)
        #expect(!text.contains("@font-face") && !text.contains("@import") && !text.contains(".woff"))
        #expect(text.contains(":focus-visible{outline:3px solid var(--focus)"))
        for (path, data) in tree(Self.output) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.components(separatedBy: "<link rel=\"stylesheet\"").count == 2, "\(path)")
            #expect(!html.contains("fonts.googleapis") && !html.contains(".woff"), "\(path)")
            // No scripts, but the search page's own (issue 12, item 3: search from disk).
            let scripts = html.components(separatedBy: "<script src").count - 1
            #expect(scripts == (path == "search/index.html" ? 1 : 0), "\(path)")
        }
    }

    @Test func theStylesheetIsPublishedWithoutCommentsOrExtraSpaceAndMeansTheSame() {
        let css = """
            /* A comment */
            .a  .b , .c > .d {
              content: " ›  /* not a comment */";
              width: calc(100% - 5em);
              margin: 0 0 2px;
            }
            a :hover{color:red;}
            @media (min-width:720px){ .x { display : none ; } }
            """
        let minified = String(decoding: CSSMinifier.minify(Array(css.utf8)), as: UTF8.self)
        #expect(minified == ".a .b,.c>.d{content: \" ›  /* not a comment */\";width: calc(100% - 5em);margin: 0 0 2px}"
                + "a :hover{color:red}@media (min-width:720px){.x{display : none}}\n")
        let published = text(Self.output, "assets/style.css")
        let source = (try? String(contentsOfFile: Repo.templates + "/assets/style.css", encoding: .utf8)) ?? ""
        #expect(!published.contains("/*") && published.utf8.count < source.utf8.count)
    }

    /// The bound that matters on a slow network: no HTML page over 150 kB on a corpus of 150 units and
    /// 4,000 reports (r2corpus.py, two years of periods): community and kind pages are paged, the rankings
    /// index shows the latest period in full, the volunteer standings are a page per year.
    @Test func noPageIsOver150kBOnAGeneratedCorpus() throws {
        try withTemporaryFolder { folder in
            let content = folder + "/content", output = folder + "/public"
            let made = try ContractOracleTests.python([ContractOracleTests.oracle + "/r2corpus.py", "--out", content, "--seed", "1",
                                                        "--units", "150", "--reports", "4000"])
            try #require(made.status == 0, "r2corpus.py failed:\n\(made.output)")
            let report = build(content: content, output: output)
            try #require(report.succeeded, "\(report.diagnostics.prefix(5))")
            var largest = (path: "", size: 0), pages = 0
            for (path, data) in tree(output) where path.hasSuffix(".html") {
                pages += 1
                if data.count > largest.size { largest = (path, data.count) }
            }
            #expect(pages > 3000)
            #expect(largest.size < 150_000, "\(largest.path) is \(largest.size) bytes")
            // What keeps it so: every community's reports are paged, and an earlier year's volunteer table has its own page.
            let communities = try FileManager.default.contentsOfDirectory(atPath: output + "/communities")
            #expect(!communities.isEmpty && communities.allSatisfy { FileManager.default.fileExists(atPath: "\(output)/communities/\($0)/page/2/index.html") })
            #expect(FileManager.default.fileExists(atPath: output + "/volunteer/2017/index.html"))
        }
    }
}

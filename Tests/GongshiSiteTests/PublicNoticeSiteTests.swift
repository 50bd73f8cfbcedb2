import Foundation
import Testing
@testable import GongshiContent
import GongshiModel
@testable import GongshiRender
@testable import GongshiSite

/// (r2) Public notices and supervision, issued notices that stay as issued, 红黑榜 and
/// rectification as accountability, on the example site's pages.
@Suite struct PublicNoticeSiteTests {
    static var output: String { ExampleSiteTests.output }

    static func page(_ path: String) -> String { text(output, path) }

    /// The part of `html` from the element with `id` to the end of its `<li>`.
    static func item(_ html: String, id: String) -> String? {
        guard let start = html.range(of: "id=\"\(id)\""), let end = html.range(of: "</li>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func everyPagesFooterGivesTheSupervisionContacts() {
        let pages = tree(Self.output).keys.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count > 100)
        for path in pages {
            let html = Self.page(path)
            guard let footer = html.range(of: "<footer class=\"site-footer\">") else { Issue.record("\(path) has no footer"); continue }
            let tail = html[footer.lowerBound...]
            #expect(tail.contains("<a href=\"tel:0635-8241234\">0635-8241234（市文明办创建科）</a>"), "\(path)")
            #expect(tail.contains("<a href=\"mailto:wenmingban@example.org\">wenmingban@example.org</a>"), "\(path)")
            #expect(tail.contains("聊城市东昌府区东昌路（市委大院）市文明办"), "\(path)")
            #expect(tail.contains("周一至周五 8:30—12:00，13:30—17:30（法定节假日除外）"), "\(path)")
        }
    }

    @Test func aPublicNoticeShowsItsPeriodItsStateAndWhomToContact() throws {
        let open = Self.page("notices/2018/yanjiushi-fuping-gongshi/index.html")
        let aside = try #require(open.range(of: "<aside class=\"public-period pp-open\"").map { String(open[$0.lowerBound...].prefix(1200)) })
        #expect(aside.contains("公示期：2018年12月26日至2019年1月4日"))
        #expect(aside.contains(">公示中</span>"))
        #expect(aside.contains("href=\"tel:0635-8241234\""))  // no contacts of its own: the site's

        // The May notice has its own phone, and ended before the as-of date.
        let closed = Self.page("notices/2018/xinshenbao-shengji-gongshi/index.html")
        let ownAside = try #require(closed.range(of: "<aside class=\"public-period pp-closed\"").map { String(closed[$0.lowerBound...].prefix(1200)) })
        #expect(ownAside.contains("公示期：2018年5月18日至5月25日"))
        #expect(ownAside.contains(">已结束</span>"))
        #expect(ownAside.contains("href=\"tel:0635-8243521\""))
        #expect(!ownAside.contains("tel:0635-8241234"))  // its own contacts replace the site's
        #expect(!ownAside.contains("mailto:"))

        // A notice that is not public shows no period.
        #expect(!Self.page("notices/2018/bangbao-shequ-lukou-tongzhi/index.html").contains("public-period"))
    }

    @Test func noticesPublicNowLeadTheListAndTheHomePage() {
        for (path, name) in [("notices/index.html", "notices list"), ("index.html", "home page")] {
            let html = Self.page(path)
            let titles = html.components(separatedBy: "class=\"item-title\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(titles.first?.contains("notices/2018/yanjiushi-fuping-gongshi/") == true, "\(name): \(titles.prefix(2))")
            // Then newest first: the year-end notice is dated after the public one.
            #expect(titles.dropFirst().first?.contains("notices/2018/niandi-kaohe-jieguo-tongbao/") == true, "\(name)")
            #expect(html.components(separatedBy: "<li class=\"is-open\">").count - 1 == 1, "\(name)")
            #expect(html.contains("<span class=\"status pp-state pp-open\">公示中</span>"), "\(name)")
            // The home page shows five notices; the May one is older than those.
            if path == "notices/index.html" { #expect(html.contains("公示期：2018年5月18日至5月25日（已结束）"), "\(name)") }
        }
    }

    @Test func theStateIsTheOneOnTheAsOfDate() throws {
        try withTemporaryFolder { folder in
            let content = folder + "/content"
            try FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            // On 5月20日 the May notice is the only public one, and it is open.
            #expect(build(content: content, output: folder + "/a", asOf: "2018-05-20").succeeded)
            let list = text(folder + "/a", "notices/index.html")
            #expect(list.contains("<li class=\"is-open\">\n<span class=\"status pp-state pp-open\">公示中</span> <a class=\"item-title\" href=\"../notices/2018/xinshenbao-shengji-gongshi/index.html\""))
            #expect(text(folder + "/a", "notices/2018/xinshenbao-shengji-gongshi/index.html").contains(">公示中</span>"))
            #expect(!list.contains("yanjiushi-fuping-gongshi"))  // dated after the as-of date: not published
            // A period that starts after the notice's date has not started yet.
            let path = content + "/notices/2018/xinshenbao-shengji-gongshi.md"
            let notice = try String(contentsOfFile: path, encoding: .utf8)
            try notice.replacingOccurrences(of: "{start: 2018-05-18, end: 2018-05-25}", with: "{start: 2018-05-21, end: 2018-05-27}")
                .write(toFile: path, atomically: false, encoding: .utf8)
            #expect(build(content: content, output: folder + "/b", asOf: "2018-05-20").succeeded)
            #expect(text(folder + "/b", "notices/2018/xinshenbao-shengji-gongshi/index.html").contains(">尚未开始</span>"))
            #expect(!text(folder + "/b", "notices/index.html").contains("is-open"))
        }
    }

    @Test func aNoticesRectificationTableIsThePlanAsIssued() throws {
        let notice = Self.page("notices/2018/yanjiushi-zhenggai-tongbao/index.html")
        // 15 October: items 1-5 done, item 6 overdue (deadline 30 September), 7-9 under way.
        #expect(notice.contains("已完成 <b>5/9</b> 项，<b>56%</b>"))
        #expect(notice.contains("逾期未完成 <b>1</b> 项"))
        #expect(notice.contains("以上为本通报印发时的整改情况（截至2018年10月15日）"))
        #expect(notice.contains("<a href=\"../../../rectification/index.html#plan-yanjiushi\">查看整改最新进展</a>"))
        // Item 8's slips came in December; item 7 was done on 20 December.
        let item8 = try #require(Self.item(notice, id: "item-yanjiushi-8"))
        #expect(!item8.contains("slip"))
        #expect(item8.contains("整改中"))
        #expect(try #require(Self.item(notice, id: "item-yanjiushi-7")).contains("整改中"))
        // Item 6's red slip was issued on 8 October: shown.
        #expect(try #require(Self.item(notice, id: "item-yanjiushi-6")).contains("红色责任单"))
        // The live plan has moved on.
        let live = Self.page("rectification/index.html")
        #expect(live.contains("已完成 <b>7/9</b> 项"))
        #expect(try #require(Self.item(live, id: "item-yanjiushi-8")).contains("黄色警示单"))
        #expect(try #require(Self.item(live, id: "item-yanjiushi-7")).contains("已完成"))
        // No evidence in the issued table; the live plan links it.
        #expect(!(try #require(Self.item(notice, id: "item-yanjiushi-5"))).contains("整改佐证"))
        #expect(try #require(Self.item(live, id: "item-yanjiushi-5")).contains("yanjiushi-jingji-xingshi-jiangzuo/index.html"))
    }

    @Test func theBlackListShowsTheLastRanks() throws {
        let notice = Self.page("notices/2018/niandi-kaohe-jieguo-tongbao/index.html")
        let block = try #require(notice.range(of: "2018年年终考核 · 后2名").map { String(notice[$0.lowerBound...]) })
        let table = String(block[..<block.range(of: "</table>")!.upperBound])
        #expect(table.components(separatedBy: "<th scope=\"row\"").count - 1 == 2)
        #expect(table.contains("units/gonglu/index.html") && table.contains("units/minzheng/index.html"))
        #expect(notice.contains("2018年年终考核 · 前5名"))
    }

    @Test func slipsAreExplainedWhereTheyAreShown() throws {
        for path in ["rectification/index.html", "units/yanjiushi/index.html", "notices/2018/yanjiushi-zhenggai-tongbao/index.html"] {
            let html = Self.page(path)
            #expect(html.contains("<dl class=\"slip-legend\""), "\(path)")
            #expect(html.contains("<dd>逾期未改或整改不力，警示提醒</dd>"), "\(path)")
        }
        let item3 = try #require(Self.item(Self.page("rectification/index.html"), id: "item-yanjiushi-3"))
        #expect(item3.contains("<span class=\"status slip slip-yellow\">黄色警示单</span> <span class=\"slip-meaning\">（逾期未改或整改不力，警示提醒）</span>"))
        #expect(item3.contains("<time datetime=\"2018-06-20\">2018年6月20日</time> <span class=\"status slip slip-white\" title=\"交办督促，限期整改\">白色提醒单</span> 宣传展板未按期布置"))
        // A plan that shows no slip has no legend.
        #expect(!Self.page("units/shuiwu/index.html").contains("slip-legend"))
    }

    @Test func groupsAndTheReview() {
        let live = Self.page("rectification/index.html")
        #expect(live.contains("<h3 class=\"plan-group\">创建基础工作 <small>已完成 3/3 项</small></h3>"))
        #expect(live.contains("<h3 class=\"plan-group\">志愿服务和结对共建 <small>已完成 1/2 项</small></h3>"))
        #expect(live.contains("2018年12月20日申请复查；2018年12月25日复查结果：<b>复查合格，拟恢复省级文明单位荣誉称号</b>（<a href=\"../notices/2018/yanjiushi-fuping-gongshi/index.html\">"))
        // The October notice was issued before the review was applied for.
        #expect(!Self.page("notices/2018/yanjiushi-zhenggai-tongbao/index.html").contains("plan-review"))
    }

    @Test func aReportNamedAsEvidenceLinksBackToItsItem() throws {
        let report = Self.page("reports/2018/04/yanjiushi-jingji-xingshi-jiangzuo/index.html")
        #expect(report.contains("<a href=\"../../../../rectification/index.html#item-yanjiushi-5\">聊城市人民政府研究室整改事项第5项：“帮包社区”（单光屯社区）工作还有差距</a>"))
        #expect(Self.page("rectification/index.html").contains("id=\"item-yanjiushi-5\""))
        #expect(!Self.page("reports/2018/10/yanjiushi-xuanchuan-zhanban/index.html").contains("evidence-of"))
    }

    /// A plan moving on leaves the notices that embed it as issued (they are not even made again),
    /// while evidence changes the report pages that link back; every build equals a clean one.
    @Test func editingAPlanLeavesIssuedNoticesAndMovesTheBacklinks() throws {
        let w = IncrementalBuildTests.Workspace()
        w.buildAndCompare("first build")
        let before = tree(w.output)
        let notices = ["notices/2018/yanjiushi-zhenggai-tongbao/index.html", "notices/2018/yanjiushi-fuping-gongshi/index.html"]
        // After both notices: item 8 done, item 6 another slip.
        w.edit("rectification/yanjiushi.yaml") {
            $0.replacingOccurrences(of: "    status: doing\n    slips:\n      - {date: 2018-12-03", with: "    status: done\n    done_on: 2018-12-28\n    slips:\n      - {date: 2018-12-03")
              .replacingOccurrences(of: "      - {date: 2018-10-08, color: red, note: 逾期仍未整改到位，移交问责}\n",
                                    with: "      - {date: 2018-10-08, color: red, note: 逾期仍未整改到位，移交问责}\n      - {date: 2018-12-29, color: red, note: 再次督办}\n")
        }
        w.buildAndCompare("plan moved on")
        let after = tree(w.output)
        for notice in notices { #expect(after[notice] == before[notice], "\(notice) changed") }
        #expect(after["rectification/index.html"] != before["rectification/index.html"])

        // Evidence: the report's page links back to the item now; the notices still do not change.
        w.edit("rectification/yanjiushi.yaml") {
            $0.replacingOccurrences(of: "    done_on: 2018-12-20\n    group: 志愿服务和结对共建", with: "    done_on: 2018-12-20\n    group: 志愿服务和结对共建")
              .replacingOccurrences(of: "    deadline: 2018-12-31\n    ongoing: true\n    status: done\n    done_on: 2018-12-20\n",
                                    with: "    deadline: 2018-12-31\n    ongoing: true\n    status: done\n    done_on: 2018-12-20\n    evidence: [2018/09/shuiwu-fengwu-zhiyuan]\n")
        }
        w.buildAndCompare("evidence added")
        let report = "reports/2018/09/shuiwu-fengwu-zhiyuan/index.html"
        let withEvidence = tree(w.output)
        #expect(withEvidence[report] != after[report])
        #expect(text(w.output, report).contains("#item-yanjiushi-7\">聊城市人民政府研究室整改事项第7项"))
        for notice in notices { #expect(withEvidence[notice] == before[notice], "\(notice) changed") }

        // A slip dated before the October notice is part of it as issued: that notice changes.
        w.edit("rectification/yanjiushi.yaml") {
            $0.replacingOccurrences(of: "      - {date: 2018-08-10, color: white, note: 年中考核帮包路口多次缺勤}\n",
                                    with: "      - {date: 2018-07-10, color: white, note: 执勤签到不规范}\n      - {date: 2018-08-10, color: white, note: 年中考核帮包路口多次缺勤}\n")
        }
        w.buildAndCompare("an earlier slip recorded")
        #expect(tree(w.output)[notices[0]] != before[notices[0]])
    }

    /// The plan moving on after a notice's date: the notice page is not even made again, since what it
    /// read (the plan as it stood on its date) is unchanged; the live plan's pages are.
    @Test func aPlanMovingOnDoesNotMakeTheNoticeAgain() throws {
        try withTemporaryFolder { folder in
            let content = folder + "/content"
            try FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            func render(_ previous: [String: PreviousFile]) -> [OutputFile] {
                let loaded = ContentLoader.load(root: content, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                                reservedFolders: SiteRenderer.reservedFolders)
                var diagnostics = Diagnostics()
                let theme = SiteBuilder.loadTheme(Repo.templates, &diagnostics)!
                let computation = SiteComputation(content: loaded.content!, asOf: loaded.asOf)
                let renderer = SiteRenderer(content: loaded.content!, computation: computation, theme: theme, includeDrafts: false,
                                            inputs: loaded.inputHashes, sources: loaded.reportSources, previous: { previous[$0] })
                return (0..<renderer.batchCount).flatMap { renderer.render(batch: $0) }
            }
            let first = render([:])
            let known = Dictionary(uniqueKeysWithValues: first.map { ($0.path, PreviousFile(fingerprint: $0.fingerprint, hash: 1, recipe: $0.recipe)) })
            let path = content + "/rectification/yanjiushi.yaml"
            let plan = try String(contentsOfFile: path, encoding: .utf8)
            try plan.replacingOccurrences(of: "      - {date: 2018-12-20, color: yellow, note: 爱心超市仍未正常运作}\n",
                                          with: "      - {date: 2018-12-20, color: yellow, note: 爱心超市仍未正常运作}\n      - {date: 2018-12-30, color: red}\n")
                .write(toFile: path, atomically: false, encoding: .utf8)
            let again = Dictionary(uniqueKeysWithValues: render(known).map { ($0.path, $0) })
            func unchanged(_ path: String) -> Bool { if case .unchanged? = again[path]?.contents { true } else { false } }
            #expect(unchanged("notices/2018/yanjiushi-zhenggai-tongbao/index.html"))
            #expect(unchanged("notices/2018/yanjiushi-fuping-gongshi/index.html"))
            #expect(!unchanged("rectification/index.html"))
            #expect(!unchanged("units/yanjiushi/index.html"))
            #expect(unchanged("reports/2018/04/yanjiushi-jingji-xingshi-jiangzuo/index.html"))  // its backlinks are the same
        }
    }

    /// What a notice page reads of a plan is the plan as it stood on the notice's date, not the plan.
    @Test func aNoticePageDependsOnThePlanAsIssued() throws {
        let (renderer, files) = PageKindTests.render()
        let file = try #require(files.first { $0.path == "notices/2018/yanjiushi-zhenggai-tongbao/index.html" })
        let (coarse, items) = try #require(Recipe.decode(file.recipe, subject: "notices/2018/yanjiushi-zhenggai-tongbao"))
        #expect(items.contains(.planAsIssued(unit: "yanjiushi", on: CalendarDate(iso: "2018-10-15")!)))
        #expect(coarse & 16 == 0, "the notice does not read the live plans")
        let rectification = try #require(files.first { $0.path == "rectification/index.html" })
        #expect((Recipe.decode(rectification.recipe, subject: "")?.coarse ?? 0) & 16 != 0)
        _ = renderer
    }
}

import Foundation
import Testing
@testable import GongshiRender
@testable import GongshiSite

/// (r2) Every number shows its evidence: the example site's unit pages explain the duty and
/// criteria scores, the intersections and the criteria have pages, and units.json carries both.
@Suite struct ScoresExplainedSiteTests {
    static let output: String = {
        let folder = temporaryFolder() + "/public"
        let report = build(output: folder)
        precondition(report.succeeded, "example site failed: \(report.diagnostics)")
        return folder
    }()

    /// The object of one unit in data/units.json, as printed.
    static func unitText(_ id: String) -> String {
        let all = text(output, "data/units.json")
        guard let start = all.range(of: "{\"id\": \"\(id)\"") else { return "" }
        let rest = all[start.lowerBound...]
        let end = rest.range(of: "\n  {\"id\"")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    // MARK: units.json

    @Test func unitsJSONHasTheDutyCountsAndThePointsLost() throws {
        // Printed as the contract shows it: every event counted (0 included), items in the catalogue's order.
        let yanjiushi = Self.unitText("yanjiushi")
        #expect(yanjiushi.contains("""
            "duty": {"2018-h1": {"score": 87, "events": {"absent": 2, "late": 1, "careless": 0, "diligent": 0}}, \
            "2018-h2": {"score": 100, "events": {"absent": 0, "late": 1, "careless": 0, "diligent": 2}}},
            """), "\(yanjiushi)")
        #expect(yanjiushi.contains("""
            "deductions": {"2018-h1": {"criteria": {"score": 84, "lost": {"1.2": 2, "2.2": 3, "4.4": 3, "5.2": 4, "7.1": 2, "7.4": 2}}}, \
            "2018-h2": {"criteria": {"score": 91.5, "lost": {"4.4": 3, "5.2": 2, "7.1": 1.5, "7.4": 2}}}},
            """), "\(yanjiushi)")
        let units = try #require(json(Self.output, "data/units.json") as? [[String: Any]])
        // Two rows on one item add up; a negative-list item is an item like the others.
        let gonglu = try #require(units.first { $0["id"] as? String == "gonglu" })
        let gongluLost = (gonglu["deductions"] as? [String: [String: [String: Any]]])?["2018-h1"]?["criteria"]?["lost"] as? [String: NSNumber]
        #expect(gongluLost?["5.2"] == 4)
        let dianxin = try #require(units.first { $0["id"] as? String == "dianxin" })
        let dianxinH1 = (dianxin["deductions"] as? [String: [String: [String: Any]]])?["2018-h1"]?["criteria"]
        #expect((dianxinH1?["score"] as? NSNumber)?.doubleValue == 85)
        #expect((dianxinH1?["lost"] as? [String: NSNumber])?["N4"] == 10)
        // The suspended unit is ranked nowhere and has no rows: both maps are empty.
        let guotu = Self.unitText("guotu")
        #expect(guotu.contains("\"duty\": {},\n   \"deductions\": {},"), "\(guotu)")
        // Every unit has both keys, after status_history.
        #expect(units.allSatisfy { $0["duty"] is [String: Any] && $0["deductions"] is [String: Any] })
    }

    @Test func aUnitNotRankedIsInUnitsJSONOnlyWhereItHasRowsAndItsPageShowsThem() throws {
        try withTemporaryFolder { folder in
            let content = folder + "/content"
            try FileManager.default.copyItem(atPath: Repo.content, toPath: content)
            // guotu is suspended: duty and deductions rows still count, and are shown.
            let duty = try String(contentsOfFile: content + "/data/duty.csv", encoding: .utf8)
            try (duty + "2018-03-01,guotu,absent,暂停期间无人到岗\n").write(toFile: content + "/data/duty.csv", atomically: false, encoding: .utf8)
            let deductions = try String(contentsOfFile: content + "/data/deductions.csv", encoding: .utf8)
            try (deductions + "2018-h2,guotu,5.2,1.5,帮包台账缺失\n").write(toFile: content + "/data/deductions.csv", atomically: false, encoding: .utf8)
            let report = build(content: content, output: folder + "/public")
            #expect(report.succeeded, "\(report.diagnostics)")
            let units = text(folder + "/public", "data/units.json")
            #expect(units.contains("""
                "duty": {"2018-h1": {"score": 95, "events": {"absent": 1, "late": 0, "careless": 0, "diligent": 0}}},
                   "deductions": {"2018-h2": {"criteria": {"score": 98.5, "lost": {"5.2": 1.5}}}},
                """))
            let page = text(folder + "/public", "units/guotu/index.html")
            #expect(page.contains("<h3>2018年年中考核</h3>") && page.contains("<h3>2018年年终考核</h3>"))
            #expect(page.contains("本期未参加排名"))
            #expect(page.contains("暂停期间无人到岗") && page.contains("帮包台账缺失"))
        }
    }

    // MARK: Unit pages

    @Test func theUnitPageShowsHowEachScoreWasReached() {
        let page = text(Self.output, "units/yanjiushi/index.html")
        // The duty events with dates, names, points and notes, summed from the base.
        #expect(page.contains("基础分 100 分，执勤记录合计 -13 分，共 87 分。"))
        #expect(page.contains("<li><time datetime=\"2018-03-14\">2018年3月14日</time> <b>缺勤</b> <span class=\"pts\">-5</span> <span class=\"ev-note\">全天无人到岗</span></li>"))
        #expect(page.contains("<b>迟到早退</b> <span class=\"pts\">-3</span>"))
        // The cap shows when it clips: 100 - 3 + 2 + 2 = 101.
        #expect(page.contains("基础分 100 分，执勤记录合计 +1 分，共 101 分，超过上限 100 分，按 100 分计。"))
        // The items on which points were lost, with group, points and note, linking to the criteria page.
        #expect(page.contains("满分 100 分，扣分合计 16 分，得 84 分。"))
        #expect(page.contains("<a class=\"item-no\" href=\"../../criteria/index.html#item-5.2\">5.2</a> 帮包社区工作台账完整，记录及时 <span class=\"badge\">帮包社区</span> <span class=\"pts\">-4</span> <span class=\"ev-note\">帮包社区工作台账缺失</span>"))
        // The intersection links to its page.
        #expect(page.contains("<a href=\"../../\(Links.page(Links.intersection("光岳路与兴华路路口")))\">光岳路与兴华路路口</a>"))
        // Several rows on one item are each shown, with their notes.
        let gonglu = text(Self.output, "units/gonglu/index.html")
        #expect(gonglu.contains("一季度帮包社区工作台账缺失") && gonglu.contains("二季度帮包社区工作台账缺失"))
        // A unit with no events in a period gets the base.
        let nongye = text(Self.output, "units/nongye-bank/index.html")
        #expect(nongye.contains("本期没有执勤加减分记录，得基础分 100 分。"))
    }

    @Test func everyItemLinkOnAUnitPageFindsItsItem() {
        let criteria = text(Self.output, "criteria/index.html")
        var checked = 0
        for (path, data) in tree(Self.output) where path.hasPrefix("units/") && path.hasSuffix("/index.html") {
            let page = String(decoding: data, as: UTF8.self)
            for part in page.components(separatedBy: "criteria/index.html#").dropFirst() {
                let anchor = String(part.prefix { $0 != "\"" }).removingPercentEncoding ?? ""
                #expect(criteria.contains("<li id=\"\(anchor)\">"), "\(path) links to #\(anchor)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    // MARK: Intersections

    @Test func everyIntersectionHasAPageWithItsUnitsAndTheirEventsCounted() throws {
        let files = tree(Self.output)
        let pages = files.keys.filter { $0.hasPrefix("intersections/") && $0 != "intersections/index.html" }
        #expect(pages.count == 19)
        let index = text(Self.output, "intersections/index.html")
        #expect(index.components(separatedBy: "<li class=\"card\">").count - 1 == 19)
        #expect(index.contains("执勤记录 <b>5</b> 次<span class=\"sep-list\">工作认真负责 5 次</span>"))  // jiaoxunjing's
        let page = text(Self.output, "intersections/东昌路与花园路路口/index.html")
        #expect(page.contains("<h1>东昌路与花园路路口</h1>"))
        #expect(page.contains("聊城市公安局交通巡逻警察支队"))
        // Counted by event per period, the latest first: 2 diligent in 2018-h2, 3 in 2018-h1 (the score capped at 100).
        let h2 = try #require(page.range(of: "<h3>2018年年终考核</h3>")), h1 = try #require(page.range(of: "<h3>2018年年中考核</h3>"))
        #expect(h2.lowerBound < h1.lowerBound)
        #expect(page[h2.upperBound..<h1.lowerBound].contains("<td class=\"num part\">0</td><td class=\"num part\">0</td><td class=\"num part\">0</td><td class=\"num part\">2</td><td class=\"num total\">100</td>"))
        #expect(page[h1.upperBound...].contains("<td class=\"num part\">0</td><td class=\"num part\">0</td><td class=\"num part\">0</td><td class=\"num part\">3</td><td class=\"num total\">100</td>"))
        #expect(page.contains("半年末督查表扬"))
        // In the navigation, and the folder is the site's own.
        #expect(page.contains("<a href=\"../../intersections/index.html\" aria-current=\"page\">帮包路口</a>"))
        #expect(SiteRenderer.reservedFolders.isSuperset(of: ["intersections", "criteria"]))
    }

    // MARK: Criteria

    @Test func theCriteriaPageShowsTheCatalogueAndTheItemsMostLostFirst() throws {
        let page = text(Self.output, "criteria/index.html")
        #expect(page.contains("<h2 id=\"c-criteria\">考核细则 <small>满分 100 分，共 46 条细则</small></h2>"))
        // The catalogue by group, in its order.
        let groups = page.components(separatedBy: "<h4 class=\"group-name\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(groups == ["组织领导", "思想道德建设", "文化阵地与文体活动", "志愿服务", "帮包社区", "环境秩序", "创建档案", "业务工作与示范引领", "负面清单"])
        #expect(page.contains("<li id=\"item-N4\"><span class=\"item-no\">N4</span> 负责的点位在文明城市测评中被通报 <span class=\"meta-inline\">最多扣 10 分</span></li>"))
        // The latest period first; in each, the item most points were lost on first, with its units.
        let h2 = try #require(page.range(of: "<h3>2018年年终考核</h3>")), h1 = try #require(page.range(of: "<h3>2018年年中考核</h3>"))
        #expect(h2.lowerBound < h1.lowerBound)
        let latest = page[h2.upperBound..<h1.lowerBound]
        #expect(latest.contains("<p class=\"meta\">18 家单位被扣分，共扣 167.25 分</p>"))
        let items = latest.components(separatedBy: "<p class=\"loss-head\">").dropFirst().map { String($0.prefix(60)) }
        #expect(items.first?.contains("#item-5.2\">5.2</a>") == true, "\(items.prefix(2))")
        #expect(items.dropFirst().first?.contains("#item-7.1\">7.1</a>") == true, "\(items.prefix(2))")
        #expect(latest.contains("<p class=\"meta\"><span>13 家单位</span><span>共扣 <b>30</b> 分</span></p>"))
        #expect(latest.contains("<li><a href=\"../units/minzheng/index.html\">聊城市民政局</a> <span class=\"pts\">-4</span></li>"))
        // Items nobody lost points on are in the catalogue only.
        #expect(!latest.contains("#item-N1\""))
    }
}

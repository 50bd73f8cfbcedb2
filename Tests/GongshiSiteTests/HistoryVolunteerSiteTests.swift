import Foundation
import Testing
@testable import GongshiSite

/// (r2) The example site's status histories, first-period markers, volunteer standings per year,
/// and the open data of units and reports, as citizens and open-data users get them.
@Suite struct HistoryVolunteerSiteTests {
    static var output: String { ExampleSiteTests.output }

    func unit(_ id: String, in units: [[String: Any]]) throws -> [String: Any] {
        try #require(units.first { $0["id"] as? String == id })
    }

    @Test func unitsJSONHasTheStatusOnTheAsOfDateAndTheHistoryUpToIt() throws {
        let units = try #require(json(Self.output, "data/units.json") as? [[String: Any]])
        let guotu = try unit("guotu", in: units)
        #expect(guotu["status"] as? String == "suspended")
        let history = try #require(guotu["status_history"] as? [[String: String]])
        // The 2019 revocation is after the as-of date (2018-12-31): not shown yet.
        #expect(history == [
            ["date": "2015-12-30", "status": "active", "decision": "认定", "note": "获评省级文明单位"],
            ["date": "2018-02-09", "status": "suspended", "decision": "暂停", "note": "2017年度复查中帮包路口执勤长期不到位、创建资料严重缺失",
             "notice": "2018/zanting-shengji-wenming-danwei"],
        ])
        let yanjiushi = try unit("yanjiushi", in: units)
        #expect(yanjiushi["status"] as? String == "active")  // restored on 2018-12-20
        #expect((yanjiushi["status_history"] as? [[String: String]])?.map { $0["decision"] } == ["认定", "暂停", "恢复"])
        #expect((try unit("shuiwu", in: units))["status_history"] as? [Any] != nil)  // always there, empty without a history
        #expect(((try unit("shuiwu", in: units))["status_history"] as? [Any])?.isEmpty == true)
        // The keys of revision 1, then those of revision 2, in the contract's order.
        let raw = text(Self.output, "data/units.json")
        let start = try #require(raw.range(of: "{\"id\": \"guotu\""))
        let end = raw.range(of: "\n  {\"id\"", range: start.upperBound..<raw.endIndex)?.lowerBound ?? raw.endIndex
        let guotuLine = String(raw[start.lowerBound..<end])
        let order = ["\"status\"", "\"activities\"", "\"volunteer\"", "\"rectification\"", "\"status_history\"", "\"volunteer_years\""]
            .map { guotuLine.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    }

    @Test func laterAsOfDatesShowLaterDecisions() throws {
        try withTemporaryFolder { folder in
            let report = build(output: folder + "/public", asOf: "2019-12-31")
            #expect(!report.diagnostics.contains { $0.severity == .error })
            let units = try #require(json(folder + "/public", "data/units.json") as? [[String: Any]])
            let guotu = try unit("guotu", in: units)
            #expect(guotu["status"] as? String == "revoked")
            #expect((guotu["status_history"] as? [[String: String]])?.last?["decision"] == "撤销")
            #expect(text(folder + "/public", "units/guotu/index.html").contains("暂停期间未按期完成整改"))
            // On 2018-06-01 yanjiushi is suspended: its page says so, and the restoration is not shown yet.
            let early = folder + "/early"
            #expect(!build(output: early, asOf: "2018-06-01").diagnostics.contains { $0.severity == .error })
            let page = text(early, "units/yanjiushi/index.html")
            #expect(page.contains("该单位当前状态：<b>暂停</b>"))
            #expect(!page.contains("<b>恢复</b>"))
            #expect(page.contains("<b>暂停</b>"))
            #expect(page.contains("2018年2月9日"))
        }
    }

    @Test func theUnitPageShowsTheHistoryWithItsNotices() {
        let yanjiushi = text(Self.output, "units/yanjiushi/index.html")
        #expect(yanjiushi.contains("<h2 id=\"h-history\">称号变动记录</h2>"))
        #expect(yanjiushi.contains("<time datetime=\"2018-12-20\">2018年12月20日</time> <b>恢复</b>"))
        #expect(yanjiushi.contains("href=\"../../notices/2018/huifu-yanjiushi-shengji-wenming-danwei/index.html\">《关于恢复聊城市人民政府研究室省级文明单位荣誉称号的通报》</a>"))
        #expect(yanjiushi.contains("href=\"../../notices/2018/zanting-shengji-wenming-danwei/index.html\""))
        let guotu = text(Self.output, "units/guotu/index.html")
        #expect(guotu.contains("该单位当前状态：<b>暂停</b> <a href=\"#h-history\">查看称号变动记录</a>"))
        #expect(!guotu.contains("撤销省级文明单位荣誉称号"))  // dated 2019: not shown on 2018-12-31
        // A unit without a history has no such section.
        #expect(!text(Self.output, "units/shuiwu/index.html").contains("h-history"))
        // 黄牌警告 keeps the unit active.
        let gonglu = text(Self.output, "units/gonglu/index.html")
        #expect(gonglu.contains("<b>黄牌警告</b>"))
        #expect(!gonglu.contains("status-bar"))
    }

    @Test func theFirstPeriodShowsADashAndLaterPeriodsShowNew() throws {
        let first = text(Self.output, "rankings/2018-h1/index.html")
        #expect(!first.contains("新进入排名"))
        #expect(first.contains("aria-hidden=\"true\">—</span><span class=\"vh\">首期排名，无上期名次可比较</span>"))
        // yanjiushi was suspended on 2018-06-30: not ranked in 2018-h1, ranked (and new) in 2018-h2.
        let h1 = try #require(json(Self.output, "data/rankings-2018-h1.json") as? [String: Any])
        let h2 = try #require(json(Self.output, "data/rankings-2018-h2.json") as? [String: Any])
        func rows(_ ranking: [String: Any], _ category: String) -> [[String: Any]] {
            ((ranking["categories"] as? [[String: Any]])?.first { $0["id"] as? String == category }?["rows"] as? [[String: Any]]) ?? []
        }
        #expect(!rows(h1, "provincial-new").contains { $0["unit"] as? String == "yanjiushi" })
        let row = try #require(rows(h2, "provincial-new").first { $0["unit"] as? String == "yanjiushi" })
        #expect(row["change"] is NSNull)
        #expect(row["rank"] as? Int == 1)
        let second = text(Self.output, "rankings/2018-h2/index.html")
        #expect(second.components(separatedBy: "新进入排名").count - 1 == 1)
        #expect(!second.contains("首期排名"))
        // The unit page of a unit ranked in the first period shows the dash too.
        #expect(text(Self.output, "units/shuiwu/index.html").contains("<span class=\"\" aria-hidden=\"true\">—</span>"))
    }

    @Test func volunteerStandingsArePerYearWithMissingRowsShown() throws {
        let units = try #require(json(Self.output, "data/units.json") as? [[String: Any]])
        let shuiwu = try unit("shuiwu", in: units)
        let years = try #require(shuiwu["volunteer_years"] as? [String: [String: Any]])
        // (171200 + 181900) / 214 = 1650.0
        #expect(years.keys.sorted() == ["2018"])
        #expect(years["2018"]?["points"] as? Int == 353100)
        #expect((years["2018"]?["per_head"] as? NSNumber)?.doubleValue == 1650.0)
        #expect(years["2018"]?["target_met"] as? Bool == true)
        // sifa reported 2018-h1 only: 未报送 for the year, never a sum of what it reported.
        let sifa = try #require((try unit("sifa", in: units))["volunteer_years"] as? [String: [String: Any]])
        #expect(sifa["2018"]?["points"] is NSNull && sifa["2018"]?["per_head"] is NSNull && sifa["2018"]?["target_met"] is NSNull)
        let caizheng = try #require((try unit("caizheng", in: units))["volunteer_years"] as? [String: [String: Any]])
        #expect(caizheng["2018"]?["target_met"] as? Bool == false)  // 1375.0
        // guowang-power: 687000 / 458 = 1500.0 exactly: met.
        let power = try #require((try unit("guowang-power", in: units))["volunteer_years"] as? [String: [String: Any]])
        #expect(power["2018"]?["target_met"] as? Bool == true)

        let page = text(Self.output, "volunteer/index.html")
        #expect(page.contains("<h2 id=\"v-2018\">2018年</h2>"))
        #expect(page.contains("<span>达标 10 家</span><span>未达标 7 家</span><span>未报送 2 家</span>"))
        // Highest per head first, 未报送 after everyone with a figure.
        let order = ["units/jishi-college/", "units/shuiwu/", "units/dianxin/", "units/guotu/", "units/sifa/"].map { page.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        let sifaRow = try #require(page.range(of: "units/sifa/index.html").map { String(page[$0.lowerBound...].prefix(900)) })
        #expect(sifaRow.contains("未报送"))
        #expect(sifaRow.contains("34,800"))  // its 2018-h1 points are still shown
        // Reachable from the navigation and from every unit page.
        #expect(text(Self.output, "index.html").contains("<a href=\"volunteer/index.html\">志愿服务</a>"))
        let unitPage = text(Self.output, "units/sifa/index.html")
        #expect(unitPage.contains("<a href=\"../../volunteer/index.html\">全部单位的志愿服务积分</a>"))
        #expect(unitPage.contains("未报送志愿服务积分，不能算作零分"))
        #expect(text(Self.output, "units/shuiwu/index.html").contains("人均 <b>1,650.0</b> 分 / 目标 1,500 分"))
    }

    @Test func reportsJSONListsEveryPublishedReportNewestFirst() throws {
        let reports = try #require(json(Self.output, "data/reports.json") as? [[String: Any]])
        let pages = tree(Self.output).keys.filter { $0.hasPrefix("reports/") && $0.hasSuffix("/index.html") && !$0.hasPrefix("reports/page/") && $0 != "reports/index.html" }
        #expect(Set(reports.compactMap { $0["path"] as? String }) == Set(pages.map { String($0.dropLast("index.html".count)) }))
        let keys = reports.compactMap { r -> (String, String)? in
            guard let date = r["date"] as? String, let path = r["path"] as? String else { return nil }
            return (date, path)
        }
        #expect(keys.count == reports.count)
        #expect(zip(keys, keys.dropFirst()).allSatisfy { a, b in a.0 > b.0 || (a.0 == b.0 && a.1 < b.1) })
        // Drafts and reports after the as-of date are not in it.
        #expect(!reports.contains { ($0["path"] as? String)?.contains("gonglu-jiaotong-anquan-jiangzuo") == true })
        #expect(!reports.contains { ($0["date"] as? String ?? "") > "2018-12-31" })
        let raw = text(Self.output, "data/reports.json")
        #expect(raw.contains("{\"path\": \"reports/2018/08/guowang-yongdian-paicha/\", \"title\": "))
        let lecture = try #require(reports.first { ($0["path"] as? String) == "reports/2018/12/yanjiushi-gongwen-xiezuo-peixun/" })
        #expect(lecture["unit"] as? String == "yanjiushi")
        #expect(lecture["kind"] as? String == "lecture")
        #expect(lecture["community"] as? String == "单光屯社区")
        #expect(lecture["figures"] as? [String: Int] == ["attendees": 45])
    }
}

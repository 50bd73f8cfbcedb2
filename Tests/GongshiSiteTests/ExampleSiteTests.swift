import Foundation
import Testing
@testable import GongshiSite

/// Builds the example site in content/ once and checks what citizens and open-data users get.
@Suite struct ExampleSiteTests {
    static let output: String = {
        let folder = temporaryFolder() + "/public"
        let report = build(output: folder)
        precondition(report.succeeded, "example site failed: \(report.diagnostics)")
        return folder
    }()

    /// The example is what staff should see: no errors and no warnings.
    @Test func buildsWithNoErrorsAndNoWarnings() {
        let report = withTemporaryFolder { build(output: $0 + "/public") }
        #expect(report.diagnostics.map(\.description) == [])
    }

    @Test func everyPageOfTheContractExists() {
        let files = tree(Self.output)
        for path in ["index.html", "units/index.html", "units/yanjiushi/index.html", "reports/index.html", "notices/index.html",
                     "rankings/index.html", "rankings/2018-h1/index.html", "rankings/2018-h2/index.html", "rectification/index.html",
                     "kinds/donation/index.html", "kinds/volunteer/index.html", "communities/湖南社区/index.html",
                     "notices/2018/nianzhong-kaohe-tongbao/index.html", "reports/2018/08/guowang-yongdian-paicha/index.html",
                     "reports/2018/08/guowang-yongdian-paicha/photo-640.jpg", "reports/2018/08/guowang-yongdian-paicha/photo-1280.jpg",
                     "reports/2018/08/guowang-yongdian-paicha/IMG_0817-640.jpg", "about/index.html",
                     "data/rankings-2018-h1.json", "data/rankings-2018-h1.csv", "data/rankings-2018-h2.json", "data/units.json",
                     "feed.xml", "sitemap.xml", "404.html", "assets/style.css", "robots.txt"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        // Drafts and reports dated after the as-of date are not published.
        #expect(files["reports/2018/12/gonglu-jiaotong-anquan-jiangzuo/index.html"] == nil)
        #expect(files["reports/2019/01/shuiwu-xinchun-songwennuan/index.html"] == nil)
    }

    @Test func everyInternalLinkResolvesFromDisk() {
        #expect(brokenLinks(in: Self.output) == [])
    }

    @Test func pagesAreChineseAndSemantic() {
        let home = text(Self.output, "index.html")
        #expect(home.contains("<html lang=\"zh-CN\""))
        #expect(home.contains("<main"))
        let unit = text(Self.output, "units/shuiwu/index.html")
        #expect(unit.contains("国家税务总局聊城市税务局"))
    }

    @Test func tiedUnitsShareRankTwoAndTheNextIsFour() throws {
        let data = try #require(json(Self.output, "data/rankings-2018-h1.json") as? [String: Any])
        let categories = try #require(data["categories"] as? [[String: Any]])
        let provincial = try #require(categories.first { $0["id"] as? String == "provincial" })
        let rows = try #require(provincial["rows"] as? [[String: Any]])
        #expect(rows.map { $0["unit"] as? String } == ["nongye-bank", "chengguan", "shuiwu", "caizheng", "weijian", "minzheng", "gonglu"])
        #expect(rows.map { $0["rank"] as? Int } == [1, 2, 2, 4, 5, 6, 7])
        #expect(rows.map { ($0["total"] as? NSNumber)?.doubleValue } == [94.20, 94.15, 94.15, 92.15, 91.30, 91.10, 90.85])
        #expect(rows.allSatisfy { $0["change"] is NSNull })  // first period: nobody was ranked before
        // The suspended unit guotu is left out.
        #expect(!rows.contains { $0["unit"] as? String == "guotu" })
    }

    @Test func secondPeriodTotalsAndChanges() throws {
        let csv = text(Self.output, "data/rankings-2018-h2.csv")
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "category,rank,unit,name,total,community,intersection,criteria,change")
        #expect(lines.contains("provincial,7,minzheng,聊城市民政局,89.83,88.75,97,85.25,-1"))  // 89.825 rounded half up
        #expect(lines.contains("national,1,jiaoxunjing,聊城市公安局交通巡逻警察支队,96.10,95.0,100,94.0,2"))
        #expect(lines.contains("municipal,3,dianxin,中国电信聊城分公司,89.65,88.5,95,86.5,0"))  // third in both periods
    }

    @Test func unitsJSONFollowsTheContract() throws {
        let units = try #require(json(Self.output, "data/units.json") as? [[String: Any]])
        let ids = units.compactMap { $0["id"] as? String }
        #expect(ids == ids.sorted())
        #expect(ids.count == 19)
        let shuiwu = try #require(units.first { $0["id"] as? String == "shuiwu" })
        let activities = try #require(shuiwu["activities"] as? [String: [String: Any]])
        #expect(activities["donation"]?["count"] as? Int == 1)  // the 2019 donation is scheduled, not counted
        #expect((activities["donation"]?["figures"] as? [String: Int]) == ["amount_yuan": 51800, "items": 310])
        #expect(activities["signboard"] == nil)
        let volunteer = try #require(shuiwu["volunteer"] as? [String: [String: Any]])
        #expect((volunteer["2018-h1"]?["per_head"] as? NSNumber)?.doubleValue == 800.0)
        #expect(volunteer["2018-h1"]?["target_met"] is NSNull)  // (r2) per: year: the target applies to the year
        #expect(shuiwu["rectification"] is NSNull)
        let yanjiushi = try #require(units.first { $0["id"] as? String == "yanjiushi" })
        #expect((yanjiushi["rectification"] as? [String: Int]) == ["items": 9, "done": 7, "overdue": 2])
        let gonglu = try #require(units.first { $0["id"] as? String == "gonglu" })
        #expect(gonglu["volunteer"].map { ($0 as? [String: Any])?["2018-h2"] != nil } == true)
        let sifa = try #require(units.first { $0["id"] as? String == "sifa" })
        #expect((sifa["volunteer"] as? [String: Any])?.keys.sorted() == ["2018-h1"])
        let guotu = try #require(units.first { $0["id"] as? String == "guotu" })
        #expect(guotu["status"] as? String == "suspended")
    }

    @Test func noticeIsLaidOutWithItsRankingTables() {
        let notice = text(Self.output, "notices/2018/nianzhong-kaohe-tongbao/index.html")
        #expect(notice.contains("聊文明办〔2018〕23号"))
        #expect(notice.components(separatedBy: "<table").count - 1 == 5)  // one table per category
        #expect(notice.contains("市文明委各成员单位"))  // 抄送
        let yearEnd = text(Self.output, "notices/2018/niandi-kaohe-jieguo-tongbao/index.html")
        #expect(yearEnd.contains("weijian"))
        // top: 5 leaves provincial rank 7 out; the black list (bottom: 2) has it, once.
        #expect(yearEnd.components(separatedBy: "units/minzheng/index.html").count - 1 == 1)
    }

    @Test func feedAndSitemapUseAbsoluteURLs() {
        let feed = text(Self.output, "feed.xml")
        #expect(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.contains("https://wenming.example.org/notices/2018/nianzhong-kaohe-tongbao/"))
        let sitemap = text(Self.output, "sitemap.xml")
        #expect(sitemap.contains("<loc>https://wenming.example.org/units/shuiwu/</loc>"))
        #expect(sitemap.contains("<loc>https://wenming.example.org/communities/%E6%B9%96%E5%8D%97%E7%A4%BE%E5%8C%BA/</loc>"))
    }
}

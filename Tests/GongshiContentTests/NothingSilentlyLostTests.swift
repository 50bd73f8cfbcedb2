import Testing
@testable import GongshiContent
import GongshiModel

/// Issue 10, part 5: what staff wrote is never silently left off the site.
@Suite struct NothingSilentlyLostTests {
    @Test func aReportOrNoticeDatedAfterTheAsOfDateSaysItIsNotPublished() {
        let site = SiteFolder()
        site.write("reports/2019/01/future.md", "---\ntitle: 明年的活动\nunit: shuiwu\ndate: 2019-01-05\nkind: lecture\n---\n正文。\n")
        site.write("reports/2019/01/draft.md", "---\ntitle: 草稿\nunit: shuiwu\ndate: 2019-01-06\nkind: lecture\ndraft: true\n---\n正文。\n")
        site.write("notices/2019/future.md", "---\ntitle: 通报\ndate: 2019-02-01\nissuer: 市文明办\n---\n正文。\n")
        let expected = [
            "notices/2019/future.md:3:7: warning: 未发布：日期晚于数据截止日期 2018-12-31（这里写的是 2019-02-01）；到数据截止日期改到这一天或以后时才会发布",
            "reports/2019/01/future.md:4:7: warning: 未发布：日期晚于数据截止日期 2018-12-31（这里写的是 2019-01-05）；到数据截止日期改到这一天或以后时才会发布",
        ]
        #expect(site.warnings().filter { $0.contains("未发布") } == expected)
        // On every build, also when the report comes from the cache.
        let first = site.load()
        let again = ContentLoader.load(root: site.root, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                       reservedFolders: [], cache: first.reportCache, noticeCache: first.noticeCache)
        #expect(again.reportsRead == 0)
        #expect(again.diagnostics.map(\.description).filter { $0.contains("未发布：日期") } == expected)
        // Published as of a later day: no warning.
        #expect(site.load(asOf: "2019-03-01").diagnostics.filter { $0.message.contains("未发布") }.isEmpty)
    }

    @Test func anActiveUnitWithoutAScoreRowInAnAssessedPeriodIsAWarning() {
        let site = SiteFolder()
        site.write("units/guotu.md", "---\nname: 聊城市国土局\ncategory: municipal\n---\n")
        site.write("units/tingyong.md", "---\nname: 暂停的单位\ncategory: municipal\nstatus: suspended\n---\n")
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,93.5,91.0\n2018-h1,gonglu,90.5,88.0\n2018-h2,shuiwu,93.5,91.0\n")
        #expect(site.warnings() == [
            "data/assessments.csv:1:1: warning: 单位 guotu（聊城市国土局）在考核期 2018-h1（2018年年中考核）没有考核分数行，不参加该期排名；如已考核，请在 data/assessments.csv 中补上这一行",
            "data/assessments.csv:1:1: warning: 单位 gonglu（聊城市公路局）在考核期 2018-h2（2018年年终考核）没有考核分数行，不参加该期排名；如已考核，请在 data/assessments.csv 中补上这一行",
            "data/assessments.csv:1:1: warning: 单位 guotu（聊城市国土局）在考核期 2018-h2（2018年年终考核）没有考核分数行，不参加该期排名；如已考核，请在 data/assessments.csv 中补上这一行",
        ].sorted())
    }

    /// A row whose cell has an error is not missing: its error says what is wrong, and no warning adds a wrong reason.
    @Test func aRowWithABadCellIsNotAlsoReportedMissing() {
        let site = SiteFolder()
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,9o.5,91.0\n2018-h1,gonglu,90.5,88.0\n")
        #expect(!site.warnings().contains { $0.contains("没有考核分数行") })
        #expect(site.errors().contains { $0.hasPrefix("data/assessments.csv:2:") })
    }

    @Test func aCommunityNameOneOrTwoCharactersFromAnotherIsAWarningNamingIt() {
        let site = SiteFolder()
        site.write("units/guotu.md", "---\nname: 聊城市国土局\ncategory: municipal\ncommunity: 湖南社区\n---\n")
        site.write("units/jiaoyu.md", "---\nname: 聊城市教育局\ncategory: municipal\ncommunity: 湖北社区\n---\n")
        site.write("units/wenhua.md", "---\nname: 聊城市文化局\ncategory: municipal\ncommunity: 湖北社区\n---\n")
        site.write("units/typo.md", "---\nname: 聊城市卫生局\ncategory: municipal\ncommunity: 新世记社区\n---\n")
        site.write("reports/2018/05/a.md", "---\ntitle: 活动\nunit: shuiwu\ndate: 2018-05-10\nkind: lecture\ncommunity: 湖南社\n---\n正文。\n")
        site.write("reports/2018/05/b.md", "---\ntitle: 活动\nunit: shuiwu\ndate: 2018-05-11\nkind: lecture\ncommunity: 东昌府区古楼街道\n---\n正文。\n")
        let warnings = site.warnings().filter { $0.contains("社区名称") }
        // 湖北社区 and 湖南社区 are both in use by several units: two real communities, no warning.
        // 新世纪社区 and 新世记社区 are each written once: either may be the typo, so both are named.
        #expect(warnings == [
            "reports/2018/05/a.md:6:12: warning: 社区名称“湖南社”与已有的社区“湖南社区”只差 1 个字，是否写错了？同一个社区请写同一个名称，否则会多出一个社区页面",
            "units/shuiwu.md:4:12: warning: 社区名称“新世纪社区”与已有的社区“新世记社区”只差 1 个字，是否写错了？同一个社区请写同一个名称，否则会多出一个社区页面",
            "units/typo.md:4:12: warning: 社区名称“新世记社区”与已有的社区“新世纪社区”只差 1 个字，是否写错了？同一个社区请写同一个名称，否则会多出一个社区页面",
        ])
    }

    @Test func aBundleFileThePageDoesNotUseIsNotPublished() {
        let site = SiteFolder()
        site.write("reports/2018/x/index.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n![讲座](photo.jpg)\n\n[通知原文](<通知 原文.pdf>)\n")
        site.write("reports/2018/x/photo.jpg", [0xFF, 0xD8])
        site.write("reports/2018/x/通知 原文.pdf", [0x25])
        site.write("reports/2018/x/草稿.docx", [0x50, 0x4B])
        site.write("notices/2018/n/index.md", "---\ntitle: 通报\ndate: 2018-06-01\nissuer: 市文明办\n---\n正文。\n")
        site.write("notices/2018/n/old.jpg", [0xFF])
        let loaded = site.load()
        #expect(loaded.diagnostics.filter { $0.severity == .warning }.map(\.description) == [
            "notices/2018/n/old.jpg:1:1: warning: 未发布：“old.jpg”没有被 notices/2018/n/index.md 的图片或链接用到，不会发布到网站上；要发布，请在正文中写 ![说明](old.jpg) 或 [说明](old.jpg)，不需要就把它移出这个文件夹",
            "reports/2018/x/草稿.docx:1:1: warning: 未发布：“草稿.docx”没有被 reports/2018/x/index.md 的图片或链接用到，不会发布到网站上；要发布，请在正文中写 ![说明](草稿.docx) 或 [说明](草稿.docx)，不需要就把它移出这个文件夹",
        ])
        let report = loaded.content!.reports.first { $0.sourcePath == "reports/2018/x/index.md" }!
        #expect(report.assets.map(\.name) == ["photo.jpg", "通知 原文.pdf"])
        #expect(loaded.content!.notices[0].assets.isEmpty)
        // The same from the cache.
        let again = ContentLoader.load(root: site.root, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                       reservedFolders: [], cache: loaded.reportCache, noticeCache: loaded.noticeCache)
        #expect(again.reportsRead == 0 && again.noticesRead == 0)
        #expect(again.content!.reports.first { $0.sourcePath == "reports/2018/x/index.md" }!.assets.map(\.name) == ["photo.jpg", "通知 原文.pdf"])
        #expect(again.content!.notices[0].assets.isEmpty)
    }
}

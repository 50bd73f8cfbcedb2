import Foundation
import Testing
@testable import GongshiContent
import GongshiModel
import GongshiRender

@Suite struct LoadingTests {
    @Test func theBaseSiteLoadsCleanly() throws {
        let site = SiteFolder()
        let loaded = site.load()
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let content = try #require(loaded.content)
        #expect(content.units.map(\.id) == ["gonglu", "shuiwu"])
        #expect(content.reports.first?.path == "reports/2018/05/lajitong")
        #expect(content.reports.first?.community == "新世纪社区")  // defaults to the unit's community
        #expect(content.reports.first?.figures["amount_yuan"]?.description == "50000")
        #expect(loaded.asOf.description == "2018-12-31")
    }

    @Test func asOfComesFromTheCommandLineThenSiteYAMLThenToday() {
        let site = SiteFolder()
        #expect(site.load(asOf: "2018-07-01").asOf.description == "2018-07-01")
        #expect(site.load().asOf.description == "2018-12-31")
        site.write("site.yaml", SiteFolder.siteYAML.replacingOccurrences(of: "as_of: 2018-12-31\n", with: ""))
        #expect(site.load().asOf.description == "2026-11-23")
    }

    @Test func datesAreCalendarDaysNotUTCInstants() {
        // Unquoted YAML dates must not shift by a time zone.
        let site = SiteFolder()
        site.write("reports/a.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-01-01\nkind: lecture\n---\n")
        #expect(site.load().content?.reports.first { $0.path == "reports/a" }?.date.description == "2018-01-01")
    }

    @Test func readsBundlesWithTheirPhotos() throws {
        let site = SiteFolder()
        site.write("reports/2018/08/paicha/index.md", "---\ntitle: 排查\nunit: gonglu\ndate: 2018-08-01\nkind: lecture\n---\n![现场](photo.jpg)\n")
        site.write("reports/2018/08/paicha/photo.jpg", [0xFF, 0xD8, 0xFF, 0xD9])
        let report = try #require(site.load().content?.reports.first { $0.path == "reports/2018/08/paicha" })
        #expect(report.sourcePath == "reports/2018/08/paicha/index.md")
        #expect(report.assets == [BundleAsset(sourcePath: "reports/2018/08/paicha/photo.jpg", name: "photo.jpg")])
    }

    @Test func acceptsBOMAndCRLF() throws {
        let site = SiteFolder()
        site.write("units/shuiwu.md", [0xEF, 0xBB, 0xBF] + Array("---\r\nname: 税务局\r\ncategory: provincial\r\n---\r\n简介\r\n".utf8))
        site.write("data/assessments.csv", [0xEF, 0xBB, 0xBF] + Array("period,unit,community,criteria\r\n2018-h1,shuiwu,93.5,91.0\r\n".utf8))
        let content = try #require(site.load().content)
        #expect(content.units.first { $0.id == "shuiwu" }?.name == "税务局")
        #expect(content.assessments.count == 1)
    }

    @Test func readsGB18030ScoreSheets() throws {
        // What Chinese Excel writes: "备注" (note) in GB18030 is B1 B8 D7 A2.
        let site = SiteFolder()
        var bytes = Array("date,unit,event,note\n2018-03-01,shuiwu,late,".utf8)
        bytes += [0xB1, 0xB8, 0xD7, 0xA2]
        bytes += Array("\n".utf8)
        site.write("data/duty.csv", bytes)
        let loaded = site.load()
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.content?.duty.first?.note == "备注")
    }

    @Test func csvQuotingFollowsRFC4180() throws {
        let site = SiteFolder()
        site.write("data/duty.csv", "date,unit,event,note\n2018-03-01,shuiwu,late,\"迟到, 说明\"\"原因\"\"\n第二行\"\n")
        let row = try #require(site.load().content?.duty.first)
        #expect(row.note == "迟到, 说明\"原因\"\n第二行")
    }
}

@Suite struct LocatedErrorTests {
    @Test func unknownUnitInAReportPointsAtTheValue() {
        let site = SiteFolder()
        site.write("reports/x.md", "---\ntitle: t\nunit: shuiwuu\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors() == ["reports/x.md:3:7: error: 未知的单位“shuiwuu”；是不是 shuiwu（聊城市税务局）？"])
    }

    @Test func impossibleDateAndUnknownFigureAreBothReported() {
        let site = SiteFolder()
        site.write("reports/x.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-02-30\nkind: donation\nfigures:\n  amount: 5\n---\n")
        #expect(site.errors() == [
            "reports/x.md:4:7: error: date：“2018-02-30”不是真实的日期：2018年2月只有 28 天；日期请写成 2018-06-01",
            "reports/x.md:7:3: error: 未知的数据项“amount”；是不是 amount_yuan（金额（元））？",
        ])
    }

    @Test func yamlSyntaxErrorsCarryTheirLine() {
        let site = SiteFolder()
        site.write("reports/x.md", "---\ntitle: t\nunit: [shuiwu\ndate: 2018-05-01\n---\n")
        let errors = site.errors()
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("reports/x.md:") == true)
        #expect(errors.first?.contains("YAML 格式有误：") == true)
        #expect(site.errors(in: .english).first?.contains("invalid YAML: ") == true)
    }

    @Test func frontMatterMissingOrNeverClosed() {
        let site = SiteFolder()
        site.write("reports/a.md", "title: t\n")
        site.write("reports/b.md", "---\ntitle: t\nunit: shuiwu\n")
        site.write("reports/c.md", "")
        #expect(site.errors() == [
            "reports/a.md:1:1: error: 文件要以开头的字段（front matter）开始：第一行写“---”，然后是字段，再写一行“---”",
            "reports/b.md:1:1: error: 从这里开始的字段（front matter）没有结束：请在最后一个字段下面加一行“---”",
            "reports/c.md:1:1: error: 文件是空的；开头要有用两行“---”围起来的字段（front matter）",
        ])
    }

    /// Every message moved to Chinese keeps its English text for `--lang en`; the prefix is the same.
    @Test func translatedMessagesKeepTheirEnglishText() {
        let site = SiteFolder()
        site.write("reports/b.md", "---\ntitle: t\nunit: shuiwu\n")
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,gonglu,101,88\n")
        site.write("data/volunteer.csv", "period,unit\n2018-h1,shuiwu\n")
        #expect(site.errors(in: .english) == [
            "data/assessments.csv:2:16: error: \"community\" must be between 0 and 100 (got 101)",
            "data/volunteer.csv:1:1: error: missing column \"points\"",
            "reports/b.md:1:1: error: the front matter starting here is never closed with a \"---\" line",
        ])
        #expect(site.errors() == [
            "data/assessments.csv:2:16: error: “community”要在 0 到 100 之间（写的是 101）",
            "data/volunteer.csv:1:1: error: 缺少“points”这一列；请在表头加上",
            "reports/b.md:1:1: error: 从这里开始的字段（front matter）没有结束：请在最后一个字段下面加一行“---”",
        ])
        // A message with no English text (e.g. one read from an old cache) is printed as it is in both languages.
        let untranslated = Diagnostic(.error, SourceLocation(path: "a.md", line: 2, column: 3), "未知的单位“x”")
        #expect(untranslated.description(in: .english) == "a.md:2:3: error: 未知的单位“x”")
    }

    @Test func invalidUTF8IsLocated() {
        let site = SiteFolder()
        site.write("units/gonglu.md", Array("---\nname: 公路局\ncategory: provincial\n".utf8) + [0xFF, 0xFE] + Array("\n---\n".utf8))
        #expect(site.errors() == ["units/gonglu.md:4:1: error: 文件不是 UTF-8 编码的文字（这里有无法识别的字节）；请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8"])
    }

    @Test func csvErrorsPointAtRowAndCell() {
        let site = SiteFolder()
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,93.5,91.0\n2018-h1,nosuch,90,90\n2018-h1,gonglu,101,88\n2018-h1,shuiwu,80,80\n")
        #expect(site.errors() == [
            "data/assessments.csv:3:9: error: 未知的单位“nosuch”；可以写：gonglu（聊城市公路局）、shuiwu（聊城市税务局）",
            "data/assessments.csv:4:16: error: “community”要在 0 到 100 之间（写的是 101）",
            "data/assessments.csv:5:1: error: 单位 shuiwu（聊城市税务局）在考核期 2018-h1（2018年年中考核）已经有一行了（第 2 行）；每个单位每期只能有一行，请删掉或合并重复的行",
        ])
    }

    @Test func unknownCSVColumnsAreErrors() {
        let site = SiteFolder()
        site.write("data/volunteer.csv", "period,unit,point\n2018-h1,shuiwu,100\n")
        #expect(site.errors() == [
            "data/volunteer.csv:1:1: error: 缺少“points”这一列；请在表头加上",
            "data/volunteer.csv:1:13: error: 未知的列“point”；是不是 points（积分）？",
        ])
    }

    @Test func overlappingPeriodsAreErrors() {
        let site = SiteFolder()
        site.write("site.yaml", SiteFolder.siteYAML.replacingOccurrences(of: "start: 2018-07-01", with: "start: 2018-06-30"))
        #expect(site.errors() == [
            "site.yaml:9:43: error: 考核期 2018-h2 从 2018-06-30 开始，这时上一个考核期 2018-h1 还没有结束（2018-06-30）；考核期要按时间先后排列，不能重叠",
        ])
        #expect(site.errors(in: .english) == [
            "site.yaml:9:43: error: period \"2018-h2\" starts 2018-06-30, before period \"2018-h1\" ends (2018-06-30); periods must be oldest first and must not overlap",
        ])
    }

    @Test func doneWithoutDoneOnIsAnError() {
        let site = SiteFolder()
        site.write("rectification/gonglu.yaml", "title: 整改方案\nitems:\n  - id: 1\n    problem: 资料不全\n    deadline: 2018-04-15\n    status: done\n")
        #expect(site.errors() == ["rectification/gonglu.yaml:6:13: error: 整改项 1 已完成，但没有写完成日期；请加一行 done_on: 完成的日期"])
        #expect(site.errors(in: .english) == ["rectification/gonglu.yaml:6:13: error: item 1 is done but has no \"done_on\" date"])
    }

    @Test func badBlocksInNotices() {
        let site = SiteFolder()
        site.write("notices/n.md", "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\n---\n正文\n\n```ranking\nperiod: 2018-h3\ncategory: provincal\n```\n\n```rankings\nperiod: 2018-h1\n```\n")
        #expect(site.errors() == [
            "notices/n.md:9:9: error: 未知的考核期次“2018-h3”；是不是 2018-h1（2018年年中考核）、2018-h2（2018年年终考核）？",
            "notices/n.md:10:11: error: 未知的类别“provincal”；是不是 provincial（省级文明单位）？",
            "notices/n.md:13:1: error: 没有名为“rankings”的块；是不是 ranking？",
        ])
        #expect(site.errors(in: .english) == [
            "notices/n.md:9:9: error: unknown period \"2018-h3\"; did you mean 2018-h1 (2018年年中考核), 2018-h2 (2018年年终考核)?",
            "notices/n.md:10:11: error: unknown category \"provincal\"; did you mean provincial (省级文明单位)?",
            "notices/n.md:13:1: error: unknown block \"rankings\"; did you mean \"ranking\"?",
        ])
    }

    @Test func rankingBlockDefaultsToTheLastPeriodEndedByTheNoticeDate() throws {
        let site = SiteFolder()
        site.write("notices/n.md", "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\n---\n```ranking\ntop: 3\n```\n")
        let notice = try #require(site.load().content?.notices.first)
        #expect(notice.body.contains(.ranking(RankingBlock(period: "2018-h1", category: nil, top: 3))))
        site.write("notices/n.md", "---\ntitle: 通报\ndate: 2018-03-01\nissuer: 市文明办\n---\n```ranking\n```\n")
        #expect(site.errors() == ["notices/n.md:6:1: error: 通报日期 2018-03-01 之前还没有哪个考核期结束，不知道排哪一期的名次；请在块里加一行 period: 考核期"])
        #expect(site.errors(in: .english) == ["notices/n.md:6:1: error: no period has ended by the notice's date 2018-03-01; name one with \"period:\""])
    }

    @Test func invalidIdsInFileNames() {
        let site = SiteFolder()
        site.write("units/Bad_Unit.md", "---\nname: x\ncategory: provincial\n---\n")
        site.write("reports/2018/活动.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors() == [
            "reports/2018/活动.md:1:1: error: 路径里的“活动”会成为网页地址的一部分，只能用小写英文字母、数字和“-”；请给文件或文件夹改名",
            "units/Bad_Unit.md:1:1: error: 文件名“Bad_Unit”就是单位编号，只能用小写英文字母、数字和“-”（例如 shuiwu.md）；请给文件改名",
        ])
        #expect(site.errors(in: .english) == [
            "reports/2018/活动.md:1:1: error: \"活动\" in the path is not a valid id (lowercase letters, digits and \"-\"); it becomes part of the page's address",
            "units/Bad_Unit.md:1:1: error: \"Bad_Unit\" is not a valid unit id (lowercase letters, digits and \"-\"); rename the file",
        ])
    }

    @Test func everyProblemIsReportedInOneRun() {
        let site = SiteFolder()
        site.write("reports/a.md", "---\ntitle: t\nunit: nobody\ndate: 2018-05-01\nkind: lecture\n---\n")
        site.write("reports/b.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: concert\n---\n")
        site.write("data/volunteer.csv", "period,unit,points\n2018-h1,shuiwu,-5\n")
        #expect(site.errors().count == 3)
        #expect(site.load().content == nil)
    }

    @Test func suspendedUnitsReportsAreWarningsNotErrors() {
        let site = SiteFolder()
        site.write("units/gonglu.md", "---\nname: 公路局\ncategory: provincial\nstatus: suspended\n---\n")
        site.write("reports/a.md", "---\ntitle: t\nunit: gonglu\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors().isEmpty)
        #expect(site.warnings() == ["reports/a.md:3:7: warning: 单位 gonglu 的文明单位称号已暂停（units/gonglu.md 里 status: suspended），仍会发布这篇报道；日期或单位写错了就请改正"])
    }
}

/// (issue 13) With a spill folder, the loader keeps the bodies of the reports it reads out of
/// memory: the reports' `bodyHTML` is empty and `reportBodies` gives each body back as read.
@Suite struct ReportBodiesTests {
    @Test func bodiesPutAsideComeBackAsTheLoaderRenderedThem() throws {
        let site = SiteFolder()
        site.write("reports/2018/06/kong.md", "---\ntitle: 无正文\nunit: shuiwu\ndate: 2018-06-01\nkind: lecture\n---\n")
        site.write("reports/2018/06/jiangzuo.md", "---\ntitle: 讲座\nunit: shuiwu\ndate: 2018-06-02\nkind: lecture\n---\n请**王老师**讲《文明礼仪》。\n\n| 项目 | 人数 |\n| --- | --- |\n| 听众 | 80 |\n")
        let inMemory = try #require(site.load().content)
        let spillFolder = site.root + "/../spill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: spillFolder) }
        let loaded = ContentLoader.load(root: site.root, asOf: nil, today: CalendarDate(iso: "2026-11-23")!,
                                        reservedFolders: SiteRenderer.reservedFolders, spillFolder: spillFolder)
        let spilled = try #require(loaded.content)
        let bodies = try #require(loaded.reportBodies)
        #expect(spilled.reports.count == inMemory.reports.count)
        #expect(inMemory.reports.contains { $0.bodyHTML.contains("<strong>王老师</strong>") })
        for (position, (kept, report)) in zip(spilled.reports, inMemory.reports).enumerated() {
            #expect(kept.path == report.path)
            #expect(kept.bodyHTML.isEmpty)
            #expect(kept.excerpt == report.excerpt)
            #expect(bodies.body(at: position) == report.bodyHTML, Comment(rawValue: report.path))
        }
    }
}

/// (issue 13) The report cache is written in pieces of about a megabyte (a million reports' cache is
/// hundreds of megabytes): the pieces are the bytes of the whole encoding, which reads back.
@Suite struct ReportCachePiecesTests {
    @Test func piecesMakeTheWholeEncodingAndReadBack() throws {
        let site = SiteFolder()
        let cache = try #require(site.load().reportCache)
        let one = try #require(cache.entries.first)
        let many = ReportCache(key: cache.key, entries: Array(repeating: one, count: 20_000))
        var pieces: [[UInt8]] = []
        many.encode { pieces.append($0) }
        let whole = many.encoded()
        #expect(pieces.count > 2, "a cache of several megabytes comes in pieces")
        #expect(pieces.dropLast().allSatisfy { $0.count >= 1 << 20 && $0.count < (1 << 20) + 4096 })
        #expect(Array(pieces.joined()) == whole)
        let back = try #require(ReportCache.decode(whole))
        #expect(back.entries.count == 20_000)
        #expect(back.entries.last?.report.title == one.report.title)
    }
}

import Testing
@testable import GongshiContent
import GongshiModel

/// Names where ids are expected: every place content names a unit, category, period, kind,
/// component, status, plan status, slip colour or duty event takes the id or a unique name.
@Suite struct StaffNamesTests {
    /// The test site with short names, so units can be named three ways.
    static func site() -> SiteFolder {
        let site = SiteFolder()
        site.write("units/shuiwu.md", "---\nname: 国家税务总局聊城市税务局\nshort_name: 市税务局\ncategory: 省级文明单位\nstaff: 200\n---\n")
        site.write("units/gonglu.md", "---\nname: 聊城市公路局\nshort_name: 市公路局\ncategory: provincial\nstatus: 正常\nstaff: 100\n---\n")
        return site
    }

    @Test func reportsNameTheUnitKindAndFiguresByName() throws {
        let site = Self.site()
        site.write("reports/2018/05/lajitong.md",
                   "---\ntitle: 捐赠\nunit: 市税务局\ndate: 2018-05-10\nkind: 捐赠\nfigures:\n  金额（元）: 5万\n  items: 300\n---\n正文。\n")
        site.write("reports/2018/06/b.md", "---\ntitle: 讲座\nunit: 聊城市公路局\ndate: 2018/6/1\nkind: lecture\nfigures: {参加人数: ３０}\n---\n")
        let loaded = site.load()
        #expect(loaded.diagnostics.map(\.description) == [])
        let reports = try #require(loaded.content?.reports).sorted { $0.sourcePath < $1.sourcePath }
        #expect(reports.map(\.unit) == ["shuiwu", "gonglu"])
        #expect(reports.map(\.kind) == ["donation", "lecture"])
        #expect(reports[0].figures == ["amount_yuan": ExactDecimal(50000), "items": ExactDecimal(300)])
        #expect(reports[1].figures == ["attendees": ExactDecimal(30)])
        #expect(reports[1].date == CalendarDate(year: 2018, month: 6, day: 1))
    }

    @Test func unitsNameTheirCategoryAndStatus() throws {
        let site = Self.site()
        site.write("units/a.md", "---\nname: 甲\ncategory: 市级文明单位\nstatus: 暂停\n---\n")
        site.write("units/b.md", "---\nname: 乙\ncategory: municipal\nstatus: 撤销\n---\n")
        site.write("units/c.md", "---\nname: 丙\ncategory: municipal\nstatus: suspended\n---\n")
        let loaded = site.load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let units = Dictionary(uniqueKeysWithValues: try #require(loaded.content?.units).map { ($0.id, $0) })
        #expect(units["shuiwu"]?.category == "provincial")
        #expect(units["a"]?.category == "municipal")
        #expect(units.mapValues(\.status.rawValue) == ["shuiwu": "active", "gonglu": "active", "a": "suspended", "b": "revoked", "c": "suspended"])
    }

    @Test func noticesAndTheirBlocksNamePeriodsCategoriesAndUnits() throws {
        let site = Self.site()
        site.write("rectification/shuiwu.yaml", "title: 方案\nitems:\n  - {id: 1, problem: 问题, deadline: 2018-10-31}\n")
        site.write("notices/n.md", """
        ---
        title: 通报
        date: 2018年8月24日
        issuer: 市文明办
        period: 2018年年中考核
        ---
        ```ranking
        period: 2018年年终考核
        category: 省级文明单位
        ```

        ```rectification
        unit: 国家税务总局聊城市税务局
        ```

        """)
        let loaded = site.load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let notice = try #require(loaded.content?.notices.first)
        #expect(notice.period == "2018-h1")
        #expect(notice.date == CalendarDate(year: 2018, month: 8, day: 24))
        #expect(notice.body.contains(.ranking(RankingBlock(period: "2018-h2", category: "provincial"))))
        #expect(notice.body.contains(.rectification(unit: "shuiwu")))
    }

    @Test func plansNameStatusesAndSlipsInChinese() throws {
        let site = Self.site()
        site.write("rectification/gonglu.yaml", """
        title: 整改方案
        stages:
          - {name: 部署, start: 2018/9/1, end: 2018年9月15日}
        items:
          - {id: 1, problem: 甲, deadline: 2018.10.31, status: 已完成, done_on: 2018-10-3, slip: 白色}
          - {id: 2, problem: 乙, deadline: 2018-11-30, status: 整改中, slip: 黄色警示单}
          - {id: 3, problem: 丙, deadline: 2018-11-30, status: 未开始, slip: 红色责任单}
          - {id: 4, problem: 丁, deadline: 2018-11-30, status: doing, slip: 红色}
          - {id: 5, problem: 戊, deadline: 2018-11-30, slip: yellow}

        """)
        let loaded = site.load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let plan = try #require(loaded.content?.plans.first)
        #expect(plan.items.map(\.status.rawValue) == ["done", "doing", "todo", "doing", "todo"])
        #expect(plan.items.map { $0.slip?.rawValue } == ["white", "yellow", "red", "red", "yellow"])
        #expect(plan.items[0].doneOn == CalendarDate(year: 2018, month: 10, day: 3))
        #expect(plan.items[0].deadline == CalendarDate(year: 2018, month: 10, day: 31))
        #expect(plan.stages.first?.end == CalendarDate(year: 2018, month: 9, day: 15))
    }

    @Test func sheetsTakeChineseHeadersAndNamesInCells() throws {
        let site = Self.site()
        site.write("data/assessments.csv", "期次,单位,帮包社区,考核细则\n2018年年中考核,市税务局,９３.５,91.0\n2018-h1,聊城市公路局,90.5,88\n")
        site.write("data/duty.csv", "日期,单位,事件,备注\n2018/3/5,市税务局,late,迟到\n2018年3月6日,gonglu,absent,\n")
        site.write("data/volunteer.csv", "期次,单位,志愿积分\n2018年年中考核,市税务局,\"30,000\"\n2018-h1,市公路局,1.2万\n")
        let loaded = site.load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let content = try #require(loaded.content)
        #expect(content.assessments.map(\.unit) == ["shuiwu", "gonglu"])
        #expect(content.assessments.map(\.period) == ["2018-h1", "2018-h1"])
        #expect(content.assessments[0].scores == ["community": ExactDecimal(significand: 935, scale: 1), "criteria": ExactDecimal(significand: 910, scale: 1)])
        #expect(content.duty.map(\.date.description) == ["2018-03-05", "2018-03-06"])
        #expect(content.duty.map(\.unit) == ["shuiwu", "gonglu"])
        #expect(content.duty.map(\.note) == ["迟到", ""])
        #expect(content.volunteer.map(\.points) == [ExactDecimal(30000), ExactDecimal(12000)])
        site.write("data/volunteer.csv", "period,单位,积分\n2018-h1,shuiwu,5\n")
        #expect(site.errors() == [])
    }

    @Test func dutyEventsMayBeNamedWhenSiteYAMLNamesThem() throws {
        let site = Self.site()
        site.write("site.yaml", SiteFolder.siteYAML.replacingOccurrences(
            of: "events: {absent: -5, late: -3, careless: -2, diligent: 2}",
            with: "events:\n          absent: {name: 缺勤, points: -5}\n          late: {name: 迟到早退, points: -3}\n          diligent: 2"))
        site.write("data/duty.csv", "日期,单位,事件\n2018/3/5,市税务局,缺勤\n2018/3/6,shuiwu,late\n2018/3/7,shuiwu,diligent\n2018/3/8,shuiwu,迟到\n")
        #expect(site.errors() == ["data/duty.csv:5:17: error: 未知的执勤事件“迟到”；是不是 late（迟到早退）？"])
        site.write("data/duty.csv", "日期,单位,事件\n2018/3/5,市税务局,缺勤\n2018/3/6,shuiwu,迟到早退\n2018/3/7,shuiwu,diligent\n")
        let content = try #require(site.load().content)
        #expect(content.duty.map(\.event) == ["absent", "late", "diligent"])
    }

    @Test func aPlanFileIsNamedByTheUnitsID() {
        let site = Self.site()
        site.write("rectification/市税务局.yaml", "title: t\nitems:\n  - {id: 1, problem: p, deadline: 2018-11-30}\n")
        site.write("rectification/shuiwuu.yaml", "title: t\nitems:\n  - {id: 1, problem: p, deadline: 2018-11-30}\n")
        #expect(site.errors() == [
            "rectification/shuiwuu.yaml:1:1: error: 未知的单位“shuiwuu”；是不是 shuiwu（市税务局）？（整改方案的文件名要用单位的 id）",
            "rectification/市税务局.yaml:1:1: error: 整改方案的文件名要用单位的 id：请把它改名为 rectification/shuiwu.yaml",
        ])
    }

    @Test func ambiguousNamesListTheCandidates() {
        let site = Self.site()
        site.write("units/a.md", "---\nname: 市税务局\ncategory: municipal\n---\n")
        site.write("reports/x.md", "---\ntitle: t\nunit: 市税务局\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors() == [
            "reports/x.md:3:7: error: “市税务局”可以指多个单位：a（市税务局）、shuiwu（市税务局）；请直接写要指的那个的编号，例如 a",
        ])
    }

    @Test func unknownNamesSuggestTheNearest() {
        let site = Self.site()
        site.write("reports/x.md", "---\ntitle: t\nunit: 市税物局\ndate: 2018-05-01\nkind: 讲坐\n---\n")
        site.write("units/a.md", "---\nname: 甲\ncategory: 省级单位\nstatus: 停止\n---\n")
        site.write("rectification/gonglu.yaml", "title: t\nitems:\n  - {id: 1, problem: p, deadline: 2018-11-30, status: 完成, slip: 绿色}\n")
        site.write("data/volunteer.csv", "期次,单位,分数\n2018年中考核,市公路局,5\n")
        site.write("data/duty.csv", "date,unit,event\n2018-03-01,shuiwu,lat\n")
        #expect(site.errors() == [
            "data/duty.csv:2:19: error: 未知的执勤事件“lat”；是不是 late？",
            "data/volunteer.csv:1:1: error: 缺少“points”这一列；请在表头加上",
            "data/volunteer.csv:1:7: error: 未知的列“分数”；可以写：period（期次）、unit（单位）、points（积分）",
            "rectification/gonglu.yaml:3:55: error: 未知的整改状态“完成”；是不是 done（已完成）？",
            "rectification/gonglu.yaml:3:65: error: 未知的督办单颜色“绿色”；是不是 white（白色）、yellow（黄色）、red（红色）？",
            "reports/x.md:3:7: error: 未知的单位“市税物局”；是不是 shuiwu（市税务局）？",
            "reports/x.md:5:7: error: 未知的活动类型“讲坐”；是不是 lecture（讲座）？",
            "units/a.md:3:11: error: 未知的类别“省级单位”；是不是 provincial（省级文明单位）？",
            "units/a.md:4:9: error: 未知的单位状态“停止”；可以写：active（正常）、suspended（暂停）、revoked（撤销）",
        ])
    }

    @Test func unknownPeriodInASheetSuggestsByName() {
        let site = Self.site()
        site.write("data/volunteer.csv", "期次,单位,积分\n2018年中考核,市公路局,5\n")
        #expect(site.errors() == ["data/volunteer.csv:2:1: error: 未知的考核期次“2018年中考核”；是不是 2018-h1（2018年年中考核）、2018-h2（2018年年终考核）？"])
    }

    @Test func nameTableRules() throws {
        let table = NameTable("单位", en: "unit", [.init(id: "a", names: ["甲", "同名"]), .init(id: "b", names: ["乙", "同名"]), .init(id: "甲", names: [])])
        #expect(try table.lookup("a").get() == "a")
        #expect(try table.lookup(" 乙 ").get() == "b")
        #expect(try table.lookup("甲").get() == "甲")  // an id wins over another entry's name
        #expect(throws: NameTable.Failure.self) { try table.lookup("同名").get() }
        #expect(throws: NameTable.Failure.self) { try table.lookup("丙").get() }
    }
}

/// Dates and numbers as staff write them, and the forms that could mean two things.
@Suite struct StaffFormsTests {
    @Test(arguments: ["2018-06-01", "2018-6-1", "2018/6/1", "2018.6.1", "2018年6月1日", "2018年6月1号", "2018年06月01日",
                      "２０１８-０６-０１", "２０１８/６/１", "2018/6/1 0:00", "2018/6/1 00:00:00", "２０１８年６月１日", " 2018/6/1 ", "2018．6．1"])
    func everyDateForm(_ text: String) throws {
        #expect(try StaffForms.date(text).get() == CalendarDate(year: 2018, month: 6, day: 1))
    }

    @Test func datesThatCouldMeanTwoThingsSayWhy() {
        func message(_ text: String) -> String? {
            if case .failure(let f) = StaffForms.date(text) { return f.message } else { return nil }
        }
        #expect(message("6/1") == "“6/1”没有写年份，不知道是哪一年；日期请写成 2018-06-01")
        #expect(message("6月1日") == "“6月1日”没有写年份，不知道是哪一年；日期请写成 2018-06-01")
        #expect(message("1/6/2018") == "“1/6/2018”把年份写在了最后，分不清哪个是月、哪个是日；日期请写成 2018-06-01")
        #expect(message("2018/13/1") == "“2018/13/1”不是真实的日期：月份只有 1 到 12；日期请写成 2018-06-01")
        #expect(message("2018/2/29") == "“2018/2/29”不是真实的日期：2018年2月只有 28 天；日期请写成 2018-06-01")
        #expect(message("18/6/1") == "“18/6/1”的年份要写满四位；日期请写成 2018-06-01")
        #expect(message("2018-6/1") == "“2018-6/1”混用了不同的分隔符；日期请写成 2018-06-01")
        #expect(message("明天") == "“明天”不是日期；日期请写成 2018-06-01")
        #expect(message("2018/6/1 8:00") == "“2018/6/1 8:00”带有时间，请只写日期；日期请写成 2018-06-01")
    }

    @Test func datesInFrontMatterAndSheetsAreLocated() {
        let site = SiteFolder()
        site.write("reports/x.md", "---\ntitle: t\nunit: shuiwu\ndate: 6/1\nkind: lecture\n---\n")
        site.write("data/duty.csv", "date,unit,event\n2018/3/5,shuiwu,late\n2018/13/5,shuiwu,late\n")
        #expect(site.errors() == [
            "data/duty.csv:3:1: error: date：“2018/13/5”不是真实的日期：月份只有 1 到 12；日期请写成 2018-06-01",
            "reports/x.md:4:7: error: date：“6/1”没有写年份，不知道是哪一年；日期请写成 2018-06-01",
        ])
    }

    @Test(arguments: [("92.5", "92.5"), ("９２.５", "92.5"), ("50,000", "50000"), ("１,２３４,５６７.５", "1234567.5"),
                      ("5万", "50000"), ("1.2万", "12000"), ("１.２万", "12000"), ("0.5万", "5000"), ("1.23456万", "12345.6"),
                      ("12,000万", "120000000"), ("-3", "-3"), ("+2", "2"), ("50 000", "50000"), ("90.0", "90.0")])
    func everyNumberForm(_ text: String, _ value: String) throws {
        #expect(try StaffForms.number(text).get().description == value)
    }

    @Test func numbersThatCouldMeanTwoThingsSayWhy() {
        func message(_ text: String) -> String? {
            if case .failure(let f) = StaffForms.number(text) { return f.message } else { return nil }
        }
        let comma = "里的逗号意思不明：千位分隔符后面要有三位数字（如 50,000）；小数点请写“.”（如 1.5）"
        #expect(message("1,5") == "“1,5”" + comma)
        #expect(message("1,5000") == "“1,5000”" + comma)
        #expect(message("1234,567") == "“1234,567”" + comma)
        #expect(message("五十") == "“五十”不是数字；数字请写成 92.5、50000、50,000 或 5万")
        #expect(message("5万万") != nil)
        #expect(message("1.2.3") != nil)
    }

    @Test func numbersInFiguresSheetsAndStaff() throws {
        let site = SiteFolder()
        site.write("units/gonglu.md", "---\nname: 聊城市公路局\ncategory: provincial\nstaff: １,２００\n---\n")
        site.write("reports/2018/05/lajitong.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-10\nkind: donation\nfigures:\n  amount_yuan: 1.5万\n  items: \"1,5\"\n---\n")
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,９３.５,91\n2018-h1,gonglu,\"90,5\",88\n")
        #expect(site.errors() == [
            "data/assessments.csv:3:16: error: community：“90,5”里的逗号意思不明：千位分隔符后面要有三位数字（如 50,000）；小数点请写“.”（如 1.5）",
            "reports/2018/05/lajitong.md:8:10: error: items：“1,5”里的逗号意思不明：千位分隔符后面要有三位数字（如 50,000）；小数点请写“.”（如 1.5）",
        ])
        site.write("reports/2018/05/lajitong.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-10\nkind: donation\nfigures:\n  amount_yuan: 1.5万\n  items: 1,500\n---\n")
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,９３.５,91\n")
        let content = try #require(site.load().content)
        #expect(content.units.first { $0.id == "gonglu" }?.staff == 1200)
        #expect(content.reports.first?.figures == ["amount_yuan": ExactDecimal(15000), "items": ExactDecimal(1500)])
        #expect(content.assessments.first?.scores["community"] == ExactDecimal(significand: 935, scale: 1))
    }
}

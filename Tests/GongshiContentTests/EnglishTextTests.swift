import Foundation
import Testing
@testable import GongshiContent
import GongshiModel

/// `--lang en`: the messages of the name tables, staff's dates and numbers, the YAML and Markdown
/// typing checks, the cross-file checks, notices, plans and site.yaml each have an English text
/// (for those that were English before, the English text they had). `description` is Chinese
/// and is what the other suites compare; here both texts are compared.
@Suite struct EnglishTextTests {
    private func failure<T>(_ result: Result<T, NameTable.Failure>) -> NameTable.Failure? {
        if case .failure(let failure) = result { return failure }
        return nil
    }

    /// Han characters and full-width punctuation: none may be left in an English text but the values quoted from the content.
    private func hasChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    @Test func nameTables() throws {
        let units = NameTable("单位", en: "unit", [.init(id: "shuiwu", names: ["市税务局"]), .init(id: "shuiwu-xian", names: ["县税务局", "税务局"]),
                                                  .init(id: "gonglu", names: ["市公路局", "税务局"])])
        let near = try #require(failure(units.lookup("市税物局")))
        #expect(near.message == "未知的单位“市税物局”；是不是 shuiwu（市税务局）？")
        #expect(near.english == "unknown unit \"市税物局\"; did you mean shuiwu (市税务局)?")
        #expect(near.message(in: .english) == near.english)
        let both = try #require(failure(units.lookup("税务局")))
        #expect(both.message == "“税务局”可以指多个单位：shuiwu-xian（税务局）、gonglu（税务局）；请直接写要指的那个的编号，例如 shuiwu-xian")
        #expect(both.english == "\"税务局\" could mean more than one unit: shuiwu-xian (税务局), gonglu (税务局); write the id of the one you mean, e.g. shuiwu-xian")
        #expect(failure(NameTable("类别", en: "category", []).lookup("x"))?.english == "unknown category \"x\" (there is no category yet)")
        #expect(failure(NameTable.planStatuses.lookup("完毕了吗"))?.english
                == "unknown item status \"完毕了吗\"; write one of: todo (未开始), doing (整改中), done (已完成)")
        #expect(units.unknownMessage("市税物局") == near.message)
        // Through a document: the diagnostic carries both texts.
        let site = SiteFolder()
        site.write("reports/2018/05/a.md", "---\ntitle: t\nunit: 聊城市税物局\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors() == ["reports/2018/05/a.md:3:7: error: 未知的单位“聊城市税物局”；是不是 shuiwu（聊城市税务局）、gonglu（聊城市公路局）？"])
        #expect(site.errors(in: .english) == ["reports/2018/05/a.md:3:7: error: unknown unit \"聊城市税物局\"; did you mean shuiwu (聊城市税务局), gonglu (聊城市公路局)?"])
    }

    @Test func datesAndNumbers() throws {
        let dates: [(String, String)] = [
            ("3/14", "\"3/14\" has no year; write dates as 2018-06-01"),
            ("2018-02-30", "\"2018-02-30\" is not a real date: 2018-02 has only 28 days; write dates as 2018-06-01"),
            ("2018-13-01", "\"2018-13-01\" is not a real date: months go from 1 to 12; write dates as 2018-06-01"),
            ("6/1/2018", "\"6/1/2018\" puts the year last, so the month and the day cannot be told apart; write dates as 2018-06-01"),
            ("18-6-1", "\"18-6-1\" needs a four-digit year; write dates as 2018-06-01"),
            ("2018-6/1", "\"2018-6/1\" mixes different separators; write dates as 2018-06-01"),
            ("2018-06-01 10:30", "\"2018-06-01 10:30\" has a time; write only the date; write dates as 2018-06-01"),
            ("六月一日", "\"六月一日\" is not a date (write the year, month and day in digits); write dates as 2018-06-01"),
            ("6月1日", "\"6月1日\" has no year; write dates as 2018-06-01"),
            ("明天", "\"明天\" is not a date; write dates as 2018-06-01"),
        ]
        for (raw, english) in dates {
            let found = try #require(failure(StaffForms.date(raw)), "\(raw)")
            #expect(found.english == english)
            #expect(found.message.hasPrefix("“\(raw)”") && found.message.hasSuffix("；日期请写成 2018-06-01"))
            #expect(!hasChinese(found.english.replacingOccurrences(of: raw, with: "")), "\(found.english)")
        }
        let numbers: [(String, String)] = [
            ("八十八", "\"八十八\" is not a number; write numbers as 92.5, 50000, 50,000 or 5万"),
            ("1,5", "\"1,5\" has a comma that is unclear: a thousands separator is followed by three digits (50,000); write a decimal point as \".\" (1.5)"),
            ("9999999999万", "\"9999999999万\" is too large"),
        ]
        for (raw, english) in numbers {
            let found = try #require(failure(StaffForms.number(raw)), "\(raw)")
            #expect(found.english == english)
            #expect(found.message.hasPrefix("“\(raw)”"))
        }
    }

    @Test func yamlTypingMistakes() {
        let problems = YAMLPrecheck.problems(in: "title：标题\nname:名字\nissuer:\u{3000}市文明办\nkind: a\u{200B}\ntags:\n\t- x\n")
        #expect(problems.map(\.english) == [
            "replace the full-width colon \"：\" with \":\"",
            "put a space after the colon: name: 名字",
            "put a plain space after the colon, not a full-width space: issuer: 市文明办",
            "delete the invisible zero-width character (U+200B)",
            "indent with spaces, not with tabs or full-width spaces",
        ])
        #expect(problems.map(\.message) == [
            "把中文冒号“：”改为英文冒号“:”", "冒号后要加一个空格：name: 名字", "冒号后要加一个英文空格，不要用全角空格：issuer: 市文明办",
            "删除看不见的零宽字符（U+200B）", "缩进请用空格，不要用 Tab 或全角空格",
        ])
        let site = SiteFolder()
        site.write("reports/2018/05/a.md", "---\ntitle: 市税务局第 #2 次捐赠\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors(in: .english) == [
            "reports/2018/05/a.md:2:14: error: \"title\" is cut at \" #\" (YAML takes # and what follows for a comment), so the page would show only \"市税务局第\"; "
                + "put the whole value in double quotes: title: \"市税务局第 #2 次捐赠\"",
        ])
    }

    @Test func markdownTypingMistakes() {
        let site = SiteFolder()
        site.write("reports/2018/05/a.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n···\n代码\n···\n\n![现场照片](现场 照片.jpg)\n")
        #expect(site.warnings(in: .english) == [
            "reports/2018/05/a.md:7:1: warning: \"···\" was typed with a Chinese input method and is read as the code fence \"```\"; type it in plain (ASCII) characters: ```",
            "reports/2018/05/a.md:9:1: warning: \"···\" was typed with a Chinese input method and is read as the code fence \"```\"; type it in plain (ASCII) characters: ```",
        ])
        #expect(site.errors(in: .english) == [
            "reports/2018/05/a.md:11:1: error: the image's address has spaces, so Markdown does not see an image and the page shows the text as written; "
                + "put the address in angle brackets: ![现场照片](<现场 照片.jpg>)",
        ])
        #expect(site.withoutEnglish() == [])
    }

    @Test func crossFileChecks() {
        let site = SiteFolder()
        site.write("units/guotu.md", "---\nname: 聊城市国土局\ncategory: municipal\ncommunity: 新世记社区\nstaff: 50\n---\n")
        site.write("reports/2019/01/future.md", "---\ntitle: t\nunit: shuiwu\ndate: 2019-01-05\nkind: lecture\n---\n")
        site.write("notices/2019/future.md", "---\ntitle: 通报\ndate: 2019-02-01\nissuer: 市文明办\n---\n正文\n")
        #expect(site.warnings(in: .english) == [
            "data/assessments.csv:1:1: warning: unit guotu (聊城市国土局) has no assessment row in period 2018-h1 (2018年年中考核), so it is not ranked "
                + "in that period; if it was assessed, add its row to data/assessments.csv",
            "notices/2019/future.md:3:7: warning: not published: the date is after the as-of date 2018-12-31 (it is 2019-02-01); "
                + "it is published once the as-of date is this day or later",
            "reports/2019/01/future.md:4:7: warning: not published: the date is after the as-of date 2018-12-31 (it is 2019-01-05); "
                + "it is published once the as-of date is this day or later",
            "units/guotu.md:4:12: warning: the community \"新世记社区\" is only 1 character away from the community \"新世纪社区\"; "
                + "is it a typo? Write the same name for the same community, or the site gets a second community page for it",
            "units/shuiwu.md:4:12: warning: the community \"新世纪社区\" is only 1 character away from the community \"新世记社区\"; "
                + "is it a typo? Write the same name for the same community, or the site gets a second community page for it",
        ])
        #expect(site.withoutEnglish() == [])
    }

    @Test func notices() {
        let site = SiteFolder()
        site.write("notices/2018/n.md", "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\n---\n```rectification\n```\n\n```ranking\ntop: 0\n```\n\n"
                   + "```rectification\nunit: shuiwu\n```\n\n```rankings\n```\n")
        #expect(site.errors() == [
            "notices/2018/n.md:6:1: error: rectification 块要写明是哪个单位的整改方案：请在块里写一行 unit: 单位编号",
            "notices/2018/n.md:10:6: error: “top”要写 1 或更大的数（写的是 0）；不写就列出全部",
            "notices/2018/n.md:14:7: error: 单位 shuiwu 没有整改方案（rectification/shuiwu.yaml）；请先写好整改方案，或检查单位是否写对",
            "notices/2018/n.md:17:1: error: 没有名为“rankings”的块；是不是 ranking？",
        ])
        #expect(site.errors(in: .english) == [
            "notices/2018/n.md:6:1: error: the rectification block needs \"unit: <unit id>\"",
            "notices/2018/n.md:10:6: error: \"top\" must be 1 or more",
            "notices/2018/n.md:14:7: error: unit \"shuiwu\" has no rectification plan (rectification/shuiwu.yaml)",
            "notices/2018/n.md:17:1: error: unknown block \"rankings\"; did you mean \"ranking\"?",
        ])
        #expect(site.withoutEnglish() == [])
    }

    @Test func plans() {
        let site = SiteFolder()
        site.write("rectification/gonglu.yaml", "")
        site.write("rectification/聊城市税务局.yaml", "title: 整改\nitems: []\n")
        site.write("rectification/nobody.yaml", "title: 整改\nitems: []\n")
        #expect(site.errors() == [
            "rectification/gonglu.yaml:1:1: error: 文件是空的；整改方案至少要写 title 和 items",
            "rectification/nobody.yaml:1:1: error: 未知的单位“nobody”；可以写：gonglu（聊城市公路局）、shuiwu（聊城市税务局）（整改方案的文件名要用单位的 id）",
            "rectification/聊城市税务局.yaml:1:1: error: 整改方案的文件名要用单位的 id：请把它改名为 rectification/shuiwu.yaml",
        ])
        #expect(site.errors(in: .english) == [
            "rectification/gonglu.yaml:1:1: error: the file is empty",
            "rectification/nobody.yaml:1:1: error: unknown unit \"nobody\"; write one of: gonglu (聊城市公路局), shuiwu (聊城市税务局) (a plan's file name must be its unit's id)",
            "rectification/聊城市税务局.yaml:1:1: error: a plan's file name must be its unit's id: rename it to rectification/shuiwu.yaml",
        ])
        site.remove("rectification/nobody.yaml")
        site.remove("rectification/聊城市税务局.yaml")
        site.write("rectification/gonglu.yaml", "title: 整改\nstages:\n  - {name: 自查, start: 2018-05-01, end: 2018-04-01}\nitems: x\n")
        site.write("rectification/shuiwu.yaml", "title: 整改\n")
        #expect(site.errors(in: .english) == [
            "rectification/gonglu.yaml:3:40: error: stage \"自查\" ends before it starts",
            "rectification/gonglu.yaml:4:8: error: \"items\" must be a list (lines starting with \"- \")",
            "rectification/shuiwu.yaml:1:1: error: the plan is missing the required field \"items\"",
        ])
        #expect(site.errors() == [
            "rectification/gonglu.yaml:3:40: error: 阶段“自查”的结束日期 2018-04-01 早于开始日期 2018-05-01；请检查 start 和 end",
            "rectification/gonglu.yaml:4:8: error: “items”要写成列表：下面每一项另起一行，以“- ”开头",
            "rectification/shuiwu.yaml:1:1: error: 整改方案缺少必填字段“items”；请加一行 items:，下面每一项以“- ”开头",
        ])
        site.remove("rectification/shuiwu.yaml")
        site.write("rectification/gonglu.yaml", "title: 整改\nitems:\n  - {id: 1, problem: 资料不全, deadline: 2018-04-15, status: doing, done_on: 2018-04-10}\n")
        #expect(site.warnings() == [
            "rectification/gonglu.yaml:3:74: warning: 写了完成日期 done_on，但状态是 doing（整改中），不是 done（已完成）；完成日期已忽略，已完成就请把 status 改为 done",
        ])
        #expect(site.warnings(in: .english) == [
            "rectification/gonglu.yaml:3:74: warning: \"done_on\" is given but the status is doing, not done",
        ])
    }

    @Test func siteYAML() {
        let site = SiteFolder()
        site.write("site.yaml", "")
        #expect(site.errors() == ["site.yaml:1:1: error: site.yaml 是空的；请写上网站的设置：title、base_url、categories、periods、activity_kinds、scoring"])
        #expect(site.errors(in: .english) == ["site.yaml:1:1: error: site.yaml is empty"])
        var yaml = SiteFolder.siteYAML
        for (old, new) in [("https://example.org/", "example.org"),
                           ("end: 2018-06-30}", "end: 2017-06-30}"),
                           ("- {id: municipal, name: 市级文明单位}", "- {id: provincial, name: 市级文明单位}"),
                           ("  lecture: {name: 讲座, figures: {attendees: 参加人数}}", "  Lecture: {name: 讲座, figures: {Attendees: 参加人数}}"),
                           ("amount_yuan: 金额（元）", "Amount: 金额（元）"),
                           ("weight: 30, source: assessment}", "weight: 0, source: assessment, base: 100}"),
                           ("events: {absent: -5, late: -3, careless: -2, diligent: 2}", "events: {Absent: -5, late: -3}"),
                           ("{id: criteria, name: 考核细则, weight: 40, source: assessment}", "{id: criteria, name: 考核细则, weight: 40, source: dutty}"),
                           ("volunteer_points_target: 1500", "volunteer_points_target: -1")] {
            #expect(yaml.components(separatedBy: old).count == 2, "\(old)")
            yaml = yaml.replacingOccurrences(of: old, with: new)
        }
        site.write("site.yaml", yaml)
        let english = site.errors(in: .english).filter { $0.hasPrefix("site.yaml:") }
        #expect(english == [
            "site.yaml:2:11: error: \"base_url\" must start with https:// or http://",
            "site.yaml:6:10: error: duplicate category id \"provincial\" (first on line 5)",
            "site.yaml:8:60: error: period \"2018-h1\" ends (2017-06-30) before it starts (2018-01-01)",
            "site.yaml:11:34: error: figure \"Amount\" must be a name of lowercase letters, digits and \"_\"",
            "site.yaml:12:3: error: activity kind \"Lecture\" is not a valid id (lowercase letters, digits and \"-\")",
            "site.yaml:15:43: error: \"weight\" must be greater than 0",
            "site.yaml:15:72: error: \"base\" only applies to a component whose source is duty",
            "site.yaml:21:16: error: duty event \"Absent\" is not a valid id",
            "site.yaml:22:54: error: \"source\" must be assessment, duty or deductions (got \"dutty\")",
            "site.yaml:23:28: error: \"volunteer_points_target\" must not be negative",
        ])
        #expect(site.errors().filter { $0.hasPrefix("site.yaml:") } == [
            "site.yaml:2:11: error: “base_url”要以 https:// 或 http:// 开头（写的是“example.org”）",
            "site.yaml:6:10: error: 类别的编号“provincial”重复了（第一次在第 5 行）；每个类别要用不同的 id",
            "site.yaml:8:60: error: 考核期 2018-h1 的结束日期 2017-06-30 早于开始日期 2018-01-01；请检查 start 和 end",
            "site.yaml:11:34: error: 数据项的编号只能用小写字母、数字和“_”（写的是“Amount”）；中文名称请写在冒号后面",
            "site.yaml:12:3: error: 活动类型的编号只能用小写字母、数字和“-”（写的是“Lecture”）；中文名称请写在下一行的 name: 里",
            "site.yaml:15:43: error: “weight”（权重）要大于 0（写的是 0）",
            "site.yaml:15:72: error: “base”只用于 source: duty 的考核项目；这个项目不是 source: duty，请删掉这一行",
            "site.yaml:21:16: error: 执勤事件的编号只能用小写字母、数字和“-”（写的是“Absent”）；中文名称请写在 name: 里，例如 absent: {name: 缺勤, points: -5}",
            "site.yaml:22:54: error: “source”只能写 assessment、duty 或 deductions（写的是“dutty”）",
            "site.yaml:23:28: error: “volunteer_points_target”不能是负数（写的是 -1）",
        ])
        site.write("site.yaml", "title: t\nbase_url: https://example.org/\ncategories: x\nscoring:\n  components:\n    - {id: a, name: 甲, weight: 1, source: duty, base: 100}\n")
        #expect(site.errors(in: .english).filter { $0.hasPrefix("site.yaml:") } == [
            "site.yaml:1:1: error: site.yaml is missing the required field \"activity_kinds\"",
            "site.yaml:1:1: error: site.yaml is missing the required field \"periods\"",
            "site.yaml:3:13: error: \"categories\" must be a list (lines starting with \"- \")",
            "site.yaml:6:7: error: a duty component needs \"events\" with the points of each event",
        ])
        #expect(site.errors().filter { $0.hasPrefix("site.yaml:") } == [
            "site.yaml:1:1: error: site.yaml 缺少必填字段“activity_kinds”；请加上 activity_kinds:（活动类型）",
            "site.yaml:1:1: error: site.yaml 缺少必填字段“periods”；请加一行 periods:，下面每一项以“- ”开头",
            "site.yaml:3:13: error: “categories”要写成列表：下面每一项另起一行，以“- ”开头",
            "site.yaml:6:7: error: source: duty 的考核项目要写 events：每种执勤事件加减多少分",
        ])
    }
}

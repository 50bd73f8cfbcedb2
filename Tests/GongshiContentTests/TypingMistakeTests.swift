import Foundation
import Testing
@testable import GongshiContent
import GongshiModel

/// Mistakes of Chinese typing and of Windows editors, each with its exact place and its fix.
@Suite struct TypingMistakeTests {
    private static func report(_ frontMatter: String, body: String = "正文。\n") -> String {
        "---\n" + frontMatter + "---\n" + body
    }

    private static let fields = "unit: shuiwu\ndate: 2018-05-01\nkind: donation\n"

    private func errors(_ path: String, _ text: String) -> [String] {
        let site = SiteFolder()
        site.write(path, text)
        return site.errors()
    }

    // MARK: YAML before the parser

    @Test func fullWidthColonIsNamedOnItsOwnLine() {
        #expect(errors("reports/x.md", Self.report("title：捐赠\n" + Self.fields)) == [
            "reports/x.md:2:6: error: 把中文冒号“：”改为英文冒号“:”",
        ])
        // Nested, and with a Chinese key; and a value may contain "：".
        #expect(errors("reports/x.md", Self.report("title: 会议：学习\n" + Self.fields + "figures:\n  items：300\n")) == [
            "reports/x.md:7:8: error: 把中文冒号“：”改为英文冒号“:”",
        ])
    }

    @Test func tabAndFullWidthSpaceIndentation() {
        #expect(errors("reports/x.md", Self.report("title: 捐赠\n" + Self.fields + "figures:\n\titems: 300\n")) == [
            "reports/x.md:7:1: error: 缩进请用空格，不要用 Tab 或全角空格",
        ])
        #expect(errors("reports/x.md", Self.report("title: 捐赠\n" + Self.fields + "figures:\n  \u{3000}items: 300\n")) == [
            "reports/x.md:7:3: error: 缩进请用空格，不要用 Tab 或全角空格",
        ])
    }

    @Test func zeroWidthCharacters() {
        #expect(errors("reports/x.md", Self.report("title: 捐赠\nunit: shui\u{200B}wu\ndate: 2018-05-01\nkind: donation\n")) == [
            "reports/x.md:3:11: error: 删除看不见的零宽字符（U+200B）",
        ])
        #expect(errors("reports/x.md", Self.report("title: 捐\u{FEFF}赠\n" + Self.fields)) == [
            "reports/x.md:2:9: error: 删除看不见的零宽字符（U+FEFF）",
        ])
    }

    @Test func missingSpaceAfterColon() {
        #expect(errors("reports/x.md", Self.report("title:捐赠活动\n" + Self.fields)) == [
            "reports/x.md:2:6: error: 冒号后要加一个空格：title: 捐赠活动",
        ])
        #expect(errors("reports/x.md", Self.report("title:\u{3000}捐赠\n" + Self.fields)) == [
            "reports/x.md:2:6: error: 冒号后要加一个英文空格，不要用全角空格：title: 捐赠",
        ])
    }

    @Test func siteYAMLPlansAndNoticeBlocksAreCheckedToo() {
        let site = SiteFolder()
        site.write("site.yaml", SiteFolder.siteYAML.replacingOccurrences(of: "title: 测试公示", with: "title：测试公示"))
        #expect(site.errors() == ["site.yaml:1:6: error: 把中文冒号“：”改为英文冒号“:”"])

        #expect(errors("rectification/shuiwu.yaml", "title: 整改\nitems:\n  - title:加强管理\n") == [
            "rectification/shuiwu.yaml:3:10: error: 冒号后要加一个空格：title: 加强管理",
        ])
        #expect(errors("notices/n.md", "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\n---\n正文\n\n```ranking\nperiod：2018-h1\n```\n") == [
            "notices/n.md:9:7: error: 把中文冒号“：”改为英文冒号“:”",
        ])
    }

    @Test func textInsideValuesIsNotStructure() {
        let site = SiteFolder()
        site.write("rectification/shuiwu.yaml", "title: 整改\nitems:\n  - title: 加强管理\n    measures: |\n      一、要求：按时到岗\n      \t二、检查\n")
        #expect(YAMLPrecheck.problems(in: "items:\n  - title: 加强管理\n    measures: |\n      一、要求\n    \t二、检查\n") == [.init(line: 5, column: 5, message: YAMLPrecheck.indentationFix, english: YAMLPrecheck.indentationFixEnglish)])
        site.write("reports/x.md", Self.report("title: 会议\n  纪要：第一次\n" + Self.fields + "tags: [a, b]\n"))
        #expect(site.errors().filter { !$0.contains("缺少必填字段") } == [])
    }

    @Test func yamlFoldBetweenChineseCharactersIsJoined() throws {
        let site = SiteFolder()
        site.write("reports/x.md", Self.report("title: 关于开展\n  学习活动 the\n  first time\n" + Self.fields))
        #expect(site.errors() == [])
        let report = try #require(site.load().content?.reports.first { $0.path == "reports/x" })
        #expect(report.title == "关于开展学习活动 the first time")
    }

    @Test func titleCutByAComment() {
        #expect(errors("reports/x.md", Self.report("title: 第 #2 期捐赠\n" + Self.fields)) == [
            "reports/x.md:2:10: error: “title”在“ #”处被截断了（YAML 把 # 及后面的字当作注释），页面上只会显示“第”；请给整个值加上英文引号：title: \"第 #2 期捐赠\"",
        ])
        #expect(errors("reports/x.md", Self.report("title: \"第 #2 期捐赠\"\n" + Self.fields)) == [])
    }

    // MARK: Markdown

    @Test func chineseFencesAreReadAsFencesWithAWarning() throws {
        let site = SiteFolder()
        site.write("notices/n.md", "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\n---\n正文\n\n···ranking\ntop: 3\n···\n\n～～～\ncode\n～～～\n")
        #expect(site.errors() == [])
        #expect(site.warnings().filter { $0.hasPrefix("notices/") } == [
            "notices/n.md:8:1: warning: “···ranking”是中文输入法打出的符号，已按代码块标记“```ranking”处理；请改为英文符号：```ranking",
            "notices/n.md:10:1: warning: “···”是中文输入法打出的符号，已按代码块标记“```”处理；请改为英文符号：```",
            "notices/n.md:12:1: warning: “～～～”是中文输入法打出的符号，已按代码块标记“~~~”处理；请改为英文符号：~~~",
            "notices/n.md:14:1: warning: “～～～”是中文输入法打出的符号，已按代码块标记“~~~”处理；请改为英文符号：~~~",
        ])
        let notice = try #require(site.load().content?.notices.first)
        #expect(notice.body.contains(.ranking(RankingBlock(period: "2018-h1", category: nil, top: 3))))
    }

    @Test func aMistypedFenceWithATypoInItsNameIsStillCaught() {
        #expect(errors("notices/n.md", "---\ntitle: 通报\ndate: 2018-08-24\nissuer: 市文明办\n---\n···rankings\ntop: 3\n···\n") == [
            "notices/n.md:6:1: error: 没有名为“rankings”的块；是不是 ranking？",
        ])
    }

    @Test func imageWithASpaceIsAnErrorAndTheBracketFormWorks() throws {
        let site = SiteFolder()
        site.write("reports/2018/b/index.md", Self.report("title: 捐赠\n" + Self.fields, body: "正文。\n\n现场：![现场 照片](现场 照片.jpg)\n"))
        site.write("reports/2018/b/现场 照片.jpg", [0xFF, 0xD8, 0xFF, 0xD9])
        #expect(site.errors() == [
            "reports/2018/b/index.md:9:4: error: 图片地址里有空格，Markdown 认不出这张图片，页面上会显示原文；请把地址放进尖括号：![现场 照片](<现场 照片.jpg>)",
        ])
        site.write("reports/2018/b/index.md", Self.report("title: 捐赠\n" + Self.fields,
                                                         body: "![现场 照片](<现场 照片.jpg>)\n\n![b](现场%20照片.jpg \"标题\")\n\n`![a](b c.jpg)`\n"))
        #expect(site.errors() == [])
        #expect(site.warnings().filter { $0.hasPrefix("reports/") } == [])
        let report = try #require(site.load().content?.reports.first { $0.path == "reports/2018/b" })
        #expect(report.bodyHTML.contains("<img src=\"%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.jpg\" alt=\"现场 照片\" />"))
    }

    // MARK: Files

    @Test func markdownUnderAnotherExtension() {
        let site = SiteFolder()
        site.write("reports/2018/a.MD", Self.report("title: 捐赠\n" + Self.fields))
        site.write("reports/2018/b.md.txt", Self.report("title: 捐赠\n" + Self.fields))
        site.write("notices/c.markdown", "x")
        site.write("pages/about.Md", "x")
        site.write("units/x.md.txt", "x")
        #expect(site.errors() == [
            "notices/c.markdown:1:1: error: 文件扩展名必须是小写的 .md，否则不会被读取；请把“c.markdown”改名为“c.md”",
            "pages/about.Md:1:1: error: 文件扩展名必须是小写的 .md，否则不会被读取；请把“about.Md”改名为“about.md”",
            "reports/2018/a.MD:1:1: error: 文件扩展名必须是小写的 .md，否则不会被读取；请把“a.MD”改名为“a.md”",
            "reports/2018/b.md.txt:1:1: error: 文件扩展名必须是小写的 .md，否则不会被读取；请把“b.md.txt”改名为“b.md”（Windows 可能隐藏了扩展名 .txt）",
            "units/x.md.txt:1:1: error: 文件扩展名必须是小写的 .md，否则不会被读取；请把“x.md.txt”改名为“x.md”（Windows 可能隐藏了扩展名 .txt）",
        ])
    }

    @Test func gb18030MarkdownIsReadAndUTF16IsRefused() throws {
        let site = SiteFolder()
        let text = Self.report("title: 捐赠活动\n" + Self.fields, body: "正文：税务局。\r\n")
        let gbk = try #require(text.data(using: TextDecoding.gb18030))
        site.write("reports/x.md", Array(gbk))
        #expect(site.errors() == [])
        let report = try #require(site.load().content?.reports.first { $0.path == "reports/x" })
        #expect(report.title == "捐赠活动")
        #expect(report.bodyHTML == "<p>正文：税务局。</p>\n")

        site.write("reports/x.md", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(site.errors() == ["reports/x.md:1:1: error: 文件是 UTF-16 编码（记事本里叫“Unicode”），无法读取；请用记事本或 WPS 打开，“另存为”时把编码选为 UTF-8"])
    }
}

@Suite struct YAMLPrecheckTests {
    @Test func locations() {
        #expect(YAMLPrecheck.problems(in: "link:https://x\n").map(\.column) == [5])
        #expect(YAMLPrecheck.problems(in: "a: 1\nb：2\n") == [.init(line: 2, column: 2, message: YAMLPrecheck.fullWidthColonFix, english: YAMLPrecheck.fullWidthColonFixEnglish)])
        #expect(YAMLPrecheck.problems(in: "url: http://a.b\n- http://x\ntime: 12:30\n- 说明：见附件\n").isEmpty)
        #expect(YAMLPrecheck.problems(in: "a:\n  - x\n\t- y\n") == [.init(line: 3, column: 1, message: YAMLPrecheck.indentationFix, english: YAMLPrecheck.indentationFixEnglish)])
        #expect(YAMLPrecheck.problems(in: "a: 👨\u{200D}👩\u{200D}👧\n").isEmpty)
        #expect(YAMLPrecheck.problems(in: "a: 甲\u{200D}乙\n").map(\.column) == [5])
    }
}

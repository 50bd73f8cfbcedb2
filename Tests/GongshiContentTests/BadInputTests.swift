import Foundation
import Testing
@testable import GongshiContent
import GongshiModel

/// One broken variant per kind of mistake staff make, each with the exact
/// `path:line:column: error: message` it must produce.
@Suite struct BadInputTests {
    private func errors(_ edits: [(String, String)]) -> [String] {
        let site = SiteFolder()
        for (path, text) in edits { site.write(path, text) }
        return site.errors()
    }

    private static let report = "---\ntitle: 捐赠\nunit: shuiwu\ndate: 2018-05-01\nkind: donation\n---\n正文\n"

    @Test func missingRequiredFields() {
        #expect(errors([("reports/x.md", "---\ntitle: 捐赠\nunit: shuiwu\nkind: donation\n---\n")]) == [
            "reports/x.md:2:1: error: 开头的字段（front matter）缺少必填字段“date”；请加一行 date: …",
        ])
        #expect(errors([("notices/n.md", "---\ntitle: 通报\ndate: 2018-08-24\n---\n")]) == [
            "notices/n.md:2:1: error: 开头的字段（front matter）缺少必填字段“issuer”；请加一行 issuer: …",
        ])
    }

    @Test func wrongTypes() {
        #expect(errors([
            ("units/gonglu.md", "---\nname: 公路局\ncategory: provincial\nstaff: 很多\n---\n"),
            ("reports/x.md", "---\ntitle: [捐赠]\nunit: shuiwu\ndate: 五月一日\nkind: donation\nfigures: 5\ndraft: maybe\n---\n"),
        ]) == [
            "reports/x.md:2:8: error: “title”只能写一个值，不能是列表或几行字段",
            "reports/x.md:4:7: error: date：“五月一日”不是日期（年、月、日要用数字写）；日期请写成 2018-06-01",
            "reports/x.md:6:10: error: figures（活动数据）应当是一行一个“字段: 值”；请检查缩进和冒号",
            "reports/x.md:7:8: error: “draft”只能写 true 或 false（写的是“maybe”）",
            "units/gonglu.md:4:8: error: staff：“很多”不是数字；数字请写成 92.5、50000、50,000 或 5万",
        ])
    }

    @Test func unknownReferences() {
        #expect(errors([
            ("units/gonglu.md", "---\nname: 公路局\ncategory: county\n---\n"),
            ("reports/x.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: concert\n---\n"),
            ("data/duty.csv", "date,unit,event\n2018-03-01,shuiwu,sleeping\n"),
            ("data/volunteer.csv", "period,unit,points\n2018-h3,shuiwu,100\n"),
        ]) == [
            "data/duty.csv:2:19: error: 未知的执勤事件“sleeping”；可以写：absent、late、careless、diligent",
            "data/volunteer.csv:2:1: error: 未知的考核期次“2018-h3”；是不是 2018-h1（2018年年中考核）、2018-h2（2018年年终考核）？",
            "reports/x.md:5:7: error: 未知的活动类型“concert”；可以写：donation（捐赠）、lecture（讲座）",
            "units/gonglu.md:3:11: error: 未知的类别“county”；可以写：provincial（省级文明单位）、municipal（市级文明单位）",
        ])
    }

    @Test func impossibleDatesAndNegativeFigures() {
        #expect(errors([
            ("reports/x.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: donation\nfigures: {amount_yuan: -5, items: 3}\n---\n"),
            ("data/duty.csv", "date,unit,event\n2018-02-30,shuiwu,late\n"),
        ]) == [
            "data/duty.csv:2:1: error: date：“2018-02-30”不是真实的日期：2018年2月只有 28 天；日期请写成 2018-06-01",
            "reports/x.md:6:24: error: 数据项“amount_yuan”不能是负数（写的是 -5）；请填 0 或正数",
        ])
    }

    @Test func duplicates() {
        #expect(errors([
            ("site.yaml", SiteFolder.siteYAML.replacingOccurrences(of: "  - {id: municipal, name: 市级文明单位}", with: "  - {id: provincial, name: 市级文明单位}")),
        ]) == [
            "site.yaml:6:10: error: 类别的编号“provincial”重复了（第一次在第 5 行）；每个类别要用不同的 id",
        ])
        #expect(errors([
            ("data/volunteer.csv", "period,unit,points\n2018-h1,shuiwu,100\n2018-h1,shuiwu,120\n"),
            ("rectification/gonglu.yaml", "title: 整改方案\nitems:\n  - {id: 1, problem: 资料不全, deadline: 2018-04-15}\n  - {id: 1, problem: 台账缺失, deadline: 2018-04-15}\n"),
        ]) == [
            "data/volunteer.csv:3:1: error: 单位 shuiwu（聊城市税务局）在考核期 2018-h1（2018年年中考核）已经有一行了（第 2 行）；每个单位每期只能有一行，请删掉或合并重复的行",
            "rectification/gonglu.yaml:4:10: error: 整改项的编号“1”重复了（第一次在第 3 行）；每一项要用不同的 id",
        ])
    }

    @Test func twoSourcesForOnePage() {
        let site = SiteFolder()
        site.write("reports/2018/x.md", Self.report)
        site.write("reports/2018/x/index.md", Self.report)
        site.write("pages/units.md", "---\ntitle: 单位\n---\n")
        #expect(site.errors() == [
            "pages/units.md:1:1: error: 页面名“units”和网站自带的 units/ 栏目重名，会把它覆盖掉；请给文件改个名字",
            "reports/2018/x.md:1:1: error: 和 reports/2018/x/index.md 生成的是同一个网页；请只保留一个（带照片的用文件夹，不带照片的用单个 .md 文件），或者给其中一个改名",
        ])
        #expect(site.errors(in: .english) == [
            "pages/units.md:1:1: error: a page named \"units\" would overwrite the site's own units/ pages; rename the file",
            "reports/2018/x.md:1:1: error: writes the same page as reports/2018/x/index.md",
        ])
    }

    @Test func emptyAndTruncatedFiles() {
        #expect(errors([
            ("data/volunteer.csv", ""),
            ("units/gonglu.md", "---\nname: 公路局\ncateg"),
            ("reports/x.md", "---\ntitle: 捐赠\nunit: shuiwu\n---\n"),
        ]) == [
            "data/volunteer.csv:1:1: error: 表格是空的；第一行要写列名：period,unit,points",
            "reports/x.md:2:1: error: 开头的字段（front matter）缺少必填字段“date”；请加一行 date: …",
            "reports/x.md:2:1: error: 开头的字段（front matter）缺少必填字段“kind”；请加一行 kind: …",
            "units/gonglu.md:1:1: error: 从这里开始的字段（front matter）没有结束：请在最后一个字段下面加一行“---”",
        ])
        // Without a readable site.yaml nothing else can be checked against it; its own error comes first and alone.
        let truncated = SiteFolder()
        truncated.write("site.yaml", String(SiteFolder.siteYAML.prefix(200)))
        #expect(truncated.errors() == [
            "site.yaml:9:1: error: YAML 格式有误：while parsing a flow mapping did not find expected ',' or '}'；请检查这一行和上一行的缩进、冒号，以及引号、括号是否成对",
        ])
        #expect(truncated.errors(in: .english) == [
            "site.yaml:9:1: error: invalid YAML: while parsing a flow mapping did not find expected ',' or '}'",
        ])
    }

    @Test func imagesMustBeBesideTheirReport() {
        let site = SiteFolder()
        site.write("reports/2018/x/index.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n现场照片：![讲座](photo.jpg)\n\n![](../../../../../etc/passwd)\n\n![](/etc/hosts)\n\n![图](phot.jpg)\n\n现场：![](../a.jpg)\n")
        site.write("reports/2018/x/photo.jpg", [0xFF, 0xD8])
        site.write("reports/2018/x/unused.png", [0x89])
        site.write("reports/2018/y.md", "---\ntitle: t\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n![](photo.jpg) [链接](javascript:alert(1))\n")
        #expect(site.errors() == [
            "reports/2018/x/index.md:9:1: error: 图片“../../../../../etc/passwd”指到了这一篇所在的文件夹外面；请把照片放在报道文件夹里（和 index.md 放在一起），只写文件名",
            "reports/2018/x/index.md:11:1: error: 图片“/etc/hosts”用的是绝对路径；请把照片放在报道文件夹里（和 index.md 放在一起），只写文件名",
            "reports/2018/x/index.md:13:1: error: 文件夹 reports/2018/x 里没有图片“phot.jpg”；是不是 photo.jpg？",
            "reports/2018/x/index.md:15:4: error: 图片“../a.jpg”指到了这一篇所在的文件夹外面；请把照片放在报道文件夹里（和 index.md 放在一起），只写文件名",
            "reports/2018/y.md:7:1: error: 找不到图片“photo.jpg”：只有做成文件夹（里面是 index.md）的报道或通报才能带照片；请新建文件夹 reports/2018/y，把 y.md 移进去并改名为 index.md，再把照片放进这个文件夹",
        ])
        #expect(site.warnings() == [
            "reports/2018/x/unused.png:1:1: warning: 未发布：“unused.png”没有被 reports/2018/x/index.md 的图片或链接用到，不会发布到网站上；要发布，请在正文中写 ![说明](unused.png) 或 [说明](unused.png)，不需要就把它移出这个文件夹",
            "reports/2018/y.md:7:16: warning: 链接“javascript:alert(1)”是 javascript: 地址，不安全，已从网页上去掉；只能用网址（https://…）或和这一篇放在同一个文件夹里的文件",
        ])
        #expect(site.errors(in: .english) == [
            "reports/2018/x/index.md:9:1: error: image \"../../../../../etc/passwd\" points outside the page's folder; put the photo beside index.md and write just its file name",
            "reports/2018/x/index.md:11:1: error: image \"/etc/hosts\" has an absolute path; put the photo beside the report (a folder with index.md) and write just its file name",
            "reports/2018/x/index.md:13:1: error: image \"phot.jpg\" is not in the folder reports/2018/x; did you mean \"photo.jpg\"?",
            "reports/2018/x/index.md:15:4: error: image \"../a.jpg\" points outside the page's folder; put the photo beside index.md and write just its file name",
            "reports/2018/y.md:7:1: error: image \"photo.jpg\" not found: only a report or notice kept as a folder (with index.md) can have photos beside it",
        ])
        #expect(site.warnings(in: .english).last ==
            "reports/2018/y.md:7:16: warning: link to a javascript: address is removed; only web addresses and files beside the page can be linked")
    }

    /// The staff's mistakes with quotes in a CSV file, in Chinese and (for `--lang en`) in English.
    @Test func csvQuotes() {
        let site = SiteFolder()
        site.write("data/volunteer.csv", "period,unit,points\n2018-h1,shuiwu,\"10\"0\n")
        site.write("data/assessments.csv", "period,unit,community,criteria\n2018-h1,shuiwu,93.5,91.0\n2018-h1,gonglu,90.5,\"88.0\n")
        #expect(site.errors() == [
            "data/assessments.csv:3:21: error: 这一格以英文引号“\"”开头，但一直到文件末尾都没有结束的引号；请在这一格内容的后面补上一个英文引号",
            "data/volunteer.csv:2:20: error: 结束的英文引号后面还有文字；格子用英文引号括起来时，结束的引号要在格子的最后，格子里要写英文引号请连写两个（\"\"）",
        ])
        #expect(site.errors(in: .english) == [
            "data/assessments.csv:3:21: error: quoted cell is never closed",
            "data/volunteer.csv:2:20: error: text after a closing quote; write a quote inside a quoted cell as \"\"",
        ])
    }

    /// Files the content format has no place for are named, not silently skipped.
    @Test func filesOutOfPlace() {
        let site = SiteFolder()
        site.write("notes.txt", "备忘")
        site.write("reports/2018/05/photo.jpg", [0xFF, 0xD8])
        #expect(site.warnings() == [
            "notes.txt:1:1: warning: 这个位置的文件不属于内容格式，已忽略（不会读取，也不会发布）；要用的话请按《内容编写指南》“文件夹里放什么”放进对应的文件夹，要原样发布的文件放进 static/",
            "reports/2018/05/photo.jpg:1:1: warning: 这里只能放 .md 文件和带 index.md 的文件夹，这个文件已忽略；照片要和报道或通报的 index.md 放在同一个文件夹里",
        ])
        #expect(site.warnings(in: .english) == [
            "notes.txt:1:1: warning: not part of the content format; ignored",
            "reports/2018/05/photo.jpg:1:1: warning: only .md files and bundle folders (with index.md) belong here; ignored",
        ])
    }

    /// What the score sheets' readers say beyond a cell's value.
    @Test func sheetRowsThatCountForNothing() {
        let site = SiteFolder()
        site.write("units/gonglu.md", "---\nname: 聊城市公路局\ncategory: provincial\n---\n公路局。\n")
        site.write("data/volunteer.csv", "period,unit,points\n2018-h1,gonglu,100\n2018-h2,shuiwu,-3\n")
        site.write("data/duty.csv", "date,unit,event\n2019/1/5,shuiwu,late\n2017-12-31,gonglu,late\n")
        #expect(site.errors() == ["data/volunteer.csv:3:16: error: “points”不能是负数（写的是 -3）；请填 0 或正数"])
        #expect(site.warnings() == [
            "data/duty.csv:2:1: warning: 日期“2019/1/5”（2019-01-05）不在 site.yaml 的任何一个考核期里，这一行不计分；请检查日期是否写错，或在 site.yaml 的 periods 里加上这一期",
            "data/duty.csv:3:1: warning: 日期 2017-12-31 不在 site.yaml 的任何一个考核期里，这一行不计分；请检查日期是否写错，或在 site.yaml 的 periods 里加上这一期",
            "data/volunteer.csv:2:1: warning: 单位 gonglu 没有写职工人数，算不出人均志愿服务积分；请在 units/gonglu.md 开头的字段里加一行 staff: 职工人数",
        ])
        #expect(site.errors(in: .english) == ["data/volunteer.csv:3:16: error: \"points\" must not be negative"])
        #expect(site.warnings(in: .english) == [
            "data/duty.csv:2:1: warning: 2019-01-05 is in no period of site.yaml; the row is not counted",
            "data/duty.csv:3:1: warning: 2017-12-31 is in no period of site.yaml; the row is not counted",
            "data/volunteer.csv:2:1: warning: unit \"gonglu\" gives no staff count, so points per head cannot be shown",
        ])
        // A duty sheet with no duty component in site.yaml is read by nothing.
        let noDuty = SiteFolder()
        noDuty.write("site.yaml", SiteFolder.siteYAML.replacingOccurrences(
            of: "      source: duty\n      base: 100\n      events: {absent: -5, late: -3, careless: -2, diligent: 2}\n",
            with: "      source: assessment\n"))
        noDuty.write("data/assessments.csv", "period,unit,community,intersection,criteria\n2018-h1,shuiwu,93.5,90,91.0\n2018-h1,gonglu,90.5,90,88.0\n")
        noDuty.write("data/duty.csv", "date,unit,event\n2018-03-01,shuiwu,late\n")
        #expect(noDuty.errors().isEmpty)
        #expect(noDuty.warnings() == [
            "data/duty.csv:1:1: warning: site.yaml 的计分办法（scoring）里没有哪一项按路口执勤计分（source: duty），所以 duty.csv 不会被读取；要计入执勤，请在 scoring 里加上 source: duty 的一项，不需要就把这个文件移出 data/",
        ])
        #expect(noDuty.warnings(in: .english) == ["data/duty.csv:1:1: warning: no scoring component takes its score from duty; duty.csv is not used"])
    }

    /// Names that become page addresses, and a unit's head count.
    @Test func namesThatBecomeAddresses() {
        let site = SiteFolder()
        site.write("units/gonglu.md", "---\nname: 聊城市公路局\ncategory: provincial\ncommunity: 湖南/社区\nstaff: 0\n---\n公路局。\n")
        site.write("pages/About.md", "---\ntitle: 关于\n---\n")
        site.write("pages/about-us.md", "---\ntitle: 关于\n---\n[单位](/units/)\n")
        #expect(site.errors() == [
            "pages/About.md:1:1: error: 文件名“About”会成为网页地址，只能用小写英文字母、数字和“-”（例如 about.md）；请给文件改名",
            "units/gonglu.md:4:12: error: 社区名称“湖南/社区”会用作社区网页的地址，但名称里不能有“/”“\\”或看不见的控制字符，不能以“.”开头，也不能太长（最多约 60 个汉字）；请改正社区名称",
            "units/gonglu.md:5:8: error: “staff”是职工人数，要写大于 0 的整数（写的是 0）",
        ])
        #expect(site.warnings() == [
            "pages/about-us.md:4:1: warning: 链接“/units/”以“/”开头，把网站拷到电脑上直接打开时这个链接会失效；请改成不以“/”开头的相对地址，或写完整的网址（https://…）",
        ])
        #expect(site.errors(in: .english) == [
            "pages/About.md:1:1: error: \"About\" is not a valid page name (lowercase letters, digits and \"-\"); rename the file",
            "units/gonglu.md:4:12: error: community name \"湖南/社区\" cannot be used as a page address (no \"/\", \"\\\", leading \".\" or control characters)",
            "units/gonglu.md:5:8: error: \"staff\" must be a head count above 0",
        ])
        #expect(site.warnings(in: .english) == [
            "pages/about-us.md:4:1: warning: link \"/units/\" starts with \"/\" and will not work when the site is opened from disk; use a relative link",
        ])
    }

    /// A key written twice, as Yams reports it, and the names of site.yaml's mappings in the Chinese messages.
    @Test func yamlKeysTwiceAndSiteYAMLMappingsNamedInChinese() {
        let site = SiteFolder()
        site.write("reports/x.md", "---\ntitle: 捐赠\nunit: shuiwu\ntitle: 讲座\ndate: 2018-05-01\nkind: lecture\n---\n")
        #expect(site.errors() == ["reports/x.md:2:1: error: 字段“title”写了不止一次；同一个字段只能写一次，请删掉多余的"])
        #expect(site.errors(in: .english) == ["reports/x.md:2:1: error: duplicate key \"title\""])
        #expect(FieldReader.chinese("activity kind \"donation\"") == "活动类型“donation”")
        #expect(FieldReader.chinese("figures of \"donation\"") == "活动类型“donation”的 figures（活动数据）")
        #expect(FieldReader.chinese("duty event \"late\"") == "值班事项“late”")
        #expect(FieldReader.chinese("site.yaml") == "site.yaml")
    }

    @Test func symbolicLinksOutsideTheContentAreNotRead() throws {
        let site = SiteFolder()
        let outside = NSTemporaryDirectory() + "gongshi-outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        _ = FileManager.default.createFile(atPath: outside + "/secret.md", contents: Data("---\ntitle: 机密\nunit: shuiwu\ndate: 2018-05-01\nkind: lecture\n---\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: site.root + "/reports/secret.md", withDestinationPath: outside + "/secret.md")
        try FileManager.default.createSymbolicLink(atPath: site.root + "/reports/escape", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: site.root + "/reports/up.md", withDestinationPath: "../../" + (outside as NSString).lastPathComponent + "/secret.md")
        #expect(site.errors() == [
            "reports/escape:1:1: error: 这是指向文件夹之外的符号链接，不会被读取；请把文件本身复制到这里",
            "reports/secret.md:1:1: error: 这是指向文件夹之外的符号链接，不会被读取；请把文件本身复制到这里",
            "reports/up.md:1:1: error: 这是指向文件夹之外的符号链接，不会被读取；请把文件本身复制到这里",
        ])
        #expect(site.errors(in: .english) == [
            "reports/escape:1:1: error: symbolic link points outside the content folder; it is not read",
            "reports/secret.md:1:1: error: symbolic link points outside the content folder; it is not read",
            "reports/up.md:1:1: error: symbolic link points outside the content folder; it is not read",
        ])
        #expect(site.load().content == nil)
    }
}

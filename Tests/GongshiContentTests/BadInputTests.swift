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
            "reports/x.md:6:24: error: figure \"amount_yuan\" must not be negative (got -5)",
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
            "data/volunteer.csv:3:1: error: second row for unit \"shuiwu\" in period \"2018-h1\" (first on line 2)",
            "rectification/gonglu.yaml:4:10: error: 整改项的编号“1”重复了（第一次在第 3 行）；每一项要用不同的 id",
        ])
    }

    @Test func twoSourcesForOnePage() {
        #expect(errors([
            ("reports/2018/x.md", Self.report),
            ("reports/2018/x/index.md", Self.report),
            ("pages/units.md", "---\ntitle: 单位\n---\n"),
        ]) == [
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
        #expect(errors([("site.yaml", String(SiteFolder.siteYAML.prefix(200)))]) == [
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
            "reports/2018/x/index.md:9:1: error: image \"../../../../../etc/passwd\" points outside the page's folder; put the photo beside index.md and write just its file name",
            "reports/2018/x/index.md:11:1: error: image \"/etc/hosts\" has an absolute path; put the photo beside the report (a folder with index.md) and write just its file name",
            "reports/2018/x/index.md:13:1: error: image \"phot.jpg\" is not in the folder reports/2018/x; did you mean \"photo.jpg\"?",
            "reports/2018/x/index.md:15:4: error: image \"../a.jpg\" points outside the page's folder; put the photo beside index.md and write just its file name",
            "reports/2018/y.md:7:1: error: image \"photo.jpg\" not found: only a report or notice kept as a folder (with index.md) can have photos beside it",
        ])
        #expect(site.warnings() == [
            "reports/2018/x/unused.png:1:1: warning: 未发布：“unused.png”没有被 reports/2018/x/index.md 的图片或链接用到，不会发布到网站上；要发布，请在正文中写 ![说明](unused.png) 或 [说明](unused.png)，不需要就把它移出这个文件夹",
            "reports/2018/y.md:7:16: warning: link to a javascript: address is removed; only web addresses and files beside the page can be linked",
        ])
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

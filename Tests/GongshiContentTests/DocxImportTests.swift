import Foundation
import GongshiModel
import Testing
@testable import GongshiContent

/// `gongshi import`: the .docx reader, the front matter it recognises and the Markdown it writes.
@Suite struct DocxImportTests {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<2 { url.deleteLastPathComponent() }
        return url.path + "/GongshiCLITests/Fixtures/docx/"
    }()

    static func fixture(_ name: String) throws -> DocxDocument {
        let bytes = try #require(FileManager.default.contents(atPath: fixtures + name))
        return try DocxReader.read(bytes)
    }

    static func paragraph(_ runs: DocxRun..., heading: Int? = nil, list: DocxList? = nil, centered: Bool = false, size: Int? = nil) -> DocxBlock {
        .paragraph(DocxParagraph(runs: runs, headingLevel: heading, list: list, centered: centered, fontSize: size))
    }

    static func text(_ s: String, bold: Bool = false) -> DocxRun { .text(s, bold: bold, italic: false) }

    @Test(arguments: ["tongbao-python-docx.docx", "tongbao-libreoffice.docx"])
    func aTongbaoHasItsHeaderAndSignatureRecognised(_ name: String) throws {
        let imported = DocxImport.convert(try Self.fixture(name), as: .notice)
        let python = name.contains("python")
        #expect(imported.title == (python ? "关于2018年上半年帮包社区工作情况的通报" : "关于2018年第三季度帮包路口执勤情况的通知"))
        #expect(imported.docNumber == (python ? "聊文明办〔2018〕12号" : "聊文明办〔2018〕15号"))
        #expect(imported.issuer == "聊城市精神文明建设委员会办公室")
        #expect(imported.date == (python ? CalendarDate(year: 2018, month: 8, day: 20) : CalendarDate(year: 2018, month: 10, day: 9)))
        #expect(imported.recipients == (python ? "各县（市、区）文明办，市直各单位" : "中央、省驻聊和市直各文明单位"))
        #expect(imported.cc == (python ? ["省文明办", "市委办公室", "市政府办公室"] : ["省文明办", "市委办公室"]))
        #expect(imported.noticeKind == (python ? "通报" : "通知"))
        let body = imported.body
        // Header, title, signature, date and 抄送 are front matter, not body; 主送 opens the body.
        #expect(body.hasPrefix(python ? "各县（市、区）文明办，市直各单位：\n\n" : "中央、省驻聊和市直各文明单位：\n\n"))
        for gone in ["〔2018〕", "抄送", "2018年8月20日", "二〇一八年", "文件\n", "关于2018年"] { #expect(!body.contains(gone), "\(gone)") }
        #expect(body.contains("\n# 一、") && body.contains("\n## 二、"))
        #expect(body.contains("\n1. ") && body.contains("\n- "))
        #expect(body.contains("| --- |"))
        #expect(body.contains("![图1](image1.png)"))
        #expect(imported.pictures.map(\.name) == ["image1.png"])
        #expect(imported.pictures.first?.data == FileManager.default.contents(atPath: Self.fixtures + "photo.png"))
        if python {
            #expect(body.contains("2018年上半年，各单位按照**“帮包社区”**工作要求，认真开展创建活动。"))
            #expect(body.contains("各单位普遍重视，**成效明显。**具体做法有："))
            #expect(body.contains("- 建立帮包台账\n- 定期走访社区\n"))
            #expect(body.contains("1. 个别单位台账不全\n1. 部分单位\\*走访\\*次数偏少\n"))
            #expect(body.contains("| 单位 | 走访次数 | 备注 |\n| --- | --- | --- |\n| 市税务局 | 12 | A\\|B |\n| 市财政局 | 8 |   |\n"))
            #expect(body.hasSuffix("第一行\\\n第二行\n"))
        } else {
            #expect(body.contains("第三季度，各单位**认真落实**帮包路口执勤制度。"))
            #expect(body.contains("1. 按时到岗\n1. 文明劝导\n"))
            #expect(body.contains("- 加强**值班**管理\n- 做好记录\n"))
            #expect(body.contains("| 单位 | 执勤次数 |\n| --- | --- |\n| 市税务局 | 20 |\n"))
        }
    }

    @Test func aReportTakesItsTitleFromTheHeadingAndItsDayFromTheText() throws {
        let imported = DocxImport.convert(try Self.fixture("report-python-docx.docx"), as: .report)
        #expect(imported.title == "市税务局开展志愿服务进社区活动")
        #expect(imported.date == CalendarDate(year: 2018, month: 6, day: 12))
        #expect(imported.body.hasPrefix("２０１８年６月１２日，市税务局"))
        #expect(imported.body.contains("- 清理楼道小广告\n- 宣传文明出行\n"))
        #expect(imported.pictures.count == 1)
    }

    @Test func whatIsNotThereIsNotInvented() throws {
        let imported = DocxImport.convert(try Self.fixture("bare-python-docx.docx"), as: .notice)
        #expect(imported.title == nil && imported.docNumber == nil && imported.issuer == nil && imported.date == nil)
        #expect(imported.recipients == nil && imported.cc.isEmpty && imported.pictures.isEmpty)
        #expect(imported.body == "这是一段没有标题的文字。\n")
    }

    @Test func oldWordFilesAndOtherFilesAreRefusedWithTheFix() {
        #expect(throws: DocxError.notDocx(oldWord: true)) { try DocxReader.read(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) }
        #expect(throws: DocxError.notDocx(oldWord: false)) { try DocxReader.read(Data("hello".utf8)) }
        #expect(DocxError.notDocx(oldWord: true).description.contains("另存为"))
    }

    @Test func datesAsWrittenInDocuments() {
        let cases: [(String, CalendarDate?)] = [
            ("2018年8月20日", CalendarDate(year: 2018, month: 8, day: 20)),
            ("2020 年 4 月 27 日", CalendarDate(year: 2020, month: 4, day: 27)),
            ("２０１８年１２月３１日", CalendarDate(year: 2018, month: 12, day: 31)),
            ("二〇一八年十月九日", CalendarDate(year: 2018, month: 10, day: 9)),
            ("二〇二〇年十二月三十一日", CalendarDate(year: 2020, month: 12, day: 31)),
            ("二○一九年二月二十日", CalendarDate(year: 2019, month: 2, day: 20)),
            ("2018年2月30日", nil),
            ("2018年", nil),
        ]
        for (text, expected) in cases { #expect(DocxText.date(in: text)?.0 == expected, "\(text)") }
        #expect(DocxText.isOnlyDate("　2018年8月20日 "))
        #expect(!DocxText.isOnlyDate("2018年8月20日印发"))
    }

    @Test func docNumbersAndCcAsWritten() {
        #expect(DocxText.docNumber(in: "聊文明办〔2018〕12号") == "聊文明办〔2018〕12号")
        #expect(DocxText.docNumber(in: "楚政研发[2020]3号") == "楚政研发[2020]3号")
        #expect(DocxText.docNumber(in: "聊文明办（２０１８）１２号") == "聊文明办（２０１８）１２号")
        #expect(DocxText.docNumber(in: "2018年12月") == nil)
        #expect(DocxText.ccList("抄送：州文明办、州政府办，州纪委监委驻州政府办纪检组，室领导，调研员。") == ["州文明办", "州政府办", "州纪委监委驻州政府办纪检组", "室领导", "调研员"])
        #expect(DocxText.ccList("抄送单位很多") == nil)
    }

    @Test func runsMergeEmptyOnesDropAndMarkdownCharactersAreEscaped() {
        let blocks: [DocxBlock] = [
            Self.paragraph(Self.text("加", bold: true), Self.text(""), Self.text("粗。", bold: true), Self.text("后面 "), Self.text(" ", bold: true), Self.text("a*b_c[d]<e>")),
            Self.paragraph(Self.text("　　1. 不是列表")),
            Self.paragraph(Self.text("# 不是标题")),
            Self.paragraph(Self.text("    不是代码")),
            Self.paragraph(Self.text("上级", bold: false), Self.text(" 加粗 ", bold: true)),
            Self.paragraph(Self.text("外"), .lineBreak, Self.text("里", bold: false), .lineBreak),
            Self.paragraph(Self.text("子项"), list: DocxList(ordered: false, level: 1)),
            Self.paragraph(Self.text("孙项"), list: DocxList(ordered: true, level: 2)),
            Self.paragraph(Self.text("下一项"), list: DocxList(ordered: false, level: 0)),
        ]
        let (markdown, _) = DocxMarkdown.markdown(blocks, media: [:])
        #expect(markdown == """
            **加粗。**后面  a\\*b\\_c\\[d\\]\\<e\\>

            1\\. 不是列表

            \\# 不是标题

            不是代码

            上级 **加粗**

            外\\
            里

            - 子项
                1. 孙项
            - 下一项

            """)
    }

    @Test func headingsFromStyleNamesInEnglishAndChinese() {
        #expect(StyleSheet.headingLevel(name: "heading 1") == 1)
        #expect(StyleSheet.headingLevel(name: "Heading2") == 2)
        #expect(StyleSheet.headingLevel(name: "标题 3") == 3)
        #expect(StyleSheet.headingLevel(name: "Title") == 0)
        #expect(StyleSheet.headingLevel(name: "Normal") == nil)
    }
}

extension DocxImportTests {
    /// A web page pasted into Word: its "来源:" line is not 主送; the recipients line after it is.
    @Test func aSourceLineIsNotTheRecipients() {
        let p = { (text: String) in DocxImportTests.paragraph(DocxImportTests.text(text)) }
        let document = DocxDocument(blocks: [
            DocxImportTests.paragraph(DocxImportTests.text("关于年中考核情况的通报"), centered: true),
            p("2018-08-24 10:12:00 来源: 大众网 作者:"),
            p("中央、省驻聊和市直各省、市级文明单位："),
            p("正文。"),
        ])
        let imported = DocxImport.convert(document, as: .notice)
        #expect(imported.title == "关于年中考核情况的通报")
        #expect(imported.recipients == "中央、省驻聊和市直各省、市级文明单位")
    }
}

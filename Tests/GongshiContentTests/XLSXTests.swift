import Foundation
import Testing
@testable import GongshiContent
import GongshiModel

/// `.xlsx` data sheets, read from the real workbooks in `Fixtures/xlsx/` (written by openpyxl and
/// LibreOffice; see its README.md): each gives the same model values as the CSV it stands for.
@Suite struct XLSXTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/xlsx/"

    static func fixture(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: fixtures + name) ?? Data())
    }

    static let assessmentsCSV = "period,unit,community,criteria\n2018-h1,shuiwu,93.5,91\n2018-h1,gonglu,90.5,88\n"
    static let dutyCSV = "date,unit,event,note\n2018-03-05,shuiwu,diligent,主动清理小广告\n2018-07-12,gonglu,late,\n"
        + "2018-09-01,gonglu,absent,日期是文本\n2018-11-30,shuiwu,careless,\n"

    private let config: SiteConfig
    private let units: UnitDirectory

    init() throws {
        let content = try #require(SiteFolder().load().content)
        config = content.config
        units = UnitDirectory(units: Dictionary(uniqueKeysWithValues: content.units.map { ($0.id, $0) }))
    }

    /// Reads files (path → bytes) as the loader does; the rows as text, and every problem.
    private func read(_ files: [String: [UInt8]], in language: Language = .chinese) -> (rows: [String], problems: [String]) {
        var diagnostics = Diagnostics()
        let sheets = DataSheets.read(files: files.keys.sorted(), config: config, units: units,
                                     bytes: { files[$0] }, diagnostics: &diagnostics)
        var content = SiteContent(config: config)
        for sheet in sheets { sheet.store(into: &content) }
        let rows = content.assessments.map { row in
            "\(row.period) \(row.unit) " + row.scores.keys.sorted().map { "\($0)=\(row.scores[$0]!)" }.joined(separator: " ")
        } + content.duty.map { "\($0.date) \($0.unit) \($0.event) \($0.note)" }
          + content.volunteer.map { "\($0.period) \($0.unit) \($0.points)" }
        return (rows, diagnostics.sorted.map { $0.description(in: language) })
    }

    private func csv(_ name: String, _ text: String) -> [String] {
        let (rows, problems) = read(["data/\(name).csv": Array(text.utf8)])
        #expect(problems.isEmpty)
        #expect(!rows.isEmpty)
        return rows
    }

    @Test(arguments: [
        "plain.xlsx",        // openpyxl: inline strings, numbers
        "lo-plain.xlsx",     // LibreOffice from the CSV: shared strings
        "rich.xlsx",         // openpyxl: rich text runs in inline strings, in the header too
        "lo-rich.xlsx",      // LibreOffice: rich text runs in sharedStrings.xml
        "merged.xlsx",       // a two-row merged header, a period merged down over its units
        "lo-formula.xlsx",   // LibreOffice: formulas with cached values, a text formula (t="str")
    ])
    func sameRowsAsTheCSV(_ name: String) {
        let (rows, problems) = read(["data/assessments.xlsx": Self.fixture(name)])
        #expect(problems == [])
        #expect(rows == csv("assessments", Self.assessmentsCSV))
    }

    /// Title rows, 序号 and 备注, Chinese column names, a number stored as text, full-width
    /// digits, a merged 合计 row (noted), empty bordered rows numbered in advance.
    @Test(arguments: [("staff.xlsx", "考核成绩"), ("lo-staff.xlsx", "考核成绩")])
    func staffLayout(_ name: String, _ sheet: String) {
        let (rows, problems) = read(["data/assessments.xlsx": Self.fixture(name)])
        #expect(problems == ["data/assessments.xlsx:\(sheet)!A6: warning: “合 计”行是汇总，不是单位的数据；已忽略"])
        #expect(rows == csv("assessments", Self.assessmentsCSV))
    }

    /// Dates as serials with custom and built-in date formats (1900 and 1904 systems) and as text.
    @Test(arguments: ["duty-1900.xlsx", "duty-1904.xlsx", "lo-duty.xlsx"])
    func dates(_ name: String) {
        let (rows, problems) = read(["data/duty.xlsx": Self.fixture(name)])
        #expect(problems == [])
        #expect(rows == csv("duty", Self.dutyCSV))
    }

    @Test func errorsPointAtTheCell() {
        let (rows, problems) = read(["data/assessments.xlsx": Self.fixture("errors.xlsx")])
        #expect(rows.count == 2)
        #expect(problems.count == 3)
        #expect(problems.first == "data/assessments.xlsx:Sheet1!A6: error: 未知的考核期次“2018-h9”；是不是 2018-h1（2018年年中考核）、2018-h2（2018年年终考核）？")
        #expect(problems.dropFirst().first == "data/assessments.xlsx:Sheet1!D6: error: criteria：“八十八”不是数字；数字请写成 92.5、50000、50,000 或 5万")
        #expect(problems.last == "data/assessments.xlsx:Sheet1!D7: error: “criteria”要在 0 到 100 之间（写的是 101）")
    }

    @Test func onlyTheFirstWorksheetIsReadAndOthersWithDataAreNamed() {
        let (rows, problems) = read(["data/assessments.xlsx": Self.fixture("two-sheets.xlsx")])
        #expect(rows == csv("assessments", Self.assessmentsCSV))
        #expect(problems == ["data/assessments.xlsx:1:1: warning: 只读取第一个工作表“上半年”；工作表“下半年”中的数据不会被读取（请把数据放在第一个工作表里）"])
    }

    @Test func aFormulaWithoutItsValueIsAnError() {
        let (_, problems) = read(["data/assessments.xlsx": Self.fixture("no-cached-value.xlsx")])
        #expect(problems == [
            "data/assessments.xlsx:Sheet!D2: error: “criteria”这一格是空的；请填上数字",
            "data/assessments.xlsx:Sheet!D2: error: 公式没有保存计算结果（文件不是 Excel 或 WPS 保存的）；请在 Excel 或 WPS 中打开，再保存一次",
        ])
    }

    @Test func filesThatAreNotWorkbooks() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 100)
        #expect(read(["data/assessments.xlsx": ole]).problems == [
            "data/assessments.xlsx:1:1: error: 这不是 .xlsx 文件，而是旧版 Excel（.xls）或 WPS（.et）格式，或设置了打开密码；"
                + "请在 Excel 或 WPS 中打开，另存为 “Excel 工作簿 (*.xlsx)” 或 “CSV UTF-8（逗号分隔）”，文件名 assessments.xlsx 或 assessments.csv",
        ])
        #expect(read(["data/assessments.xlsx": Array("period,unit\n".utf8)]).problems.first?
            .hasPrefix("data/assessments.xlsx:1:1: error: 文件已损坏或不是 Excel 工作簿") == true)
        // Excel's "Unicode 文本" saved under .csv: UTF-16 with a BOM.
        let utf16: [UInt8] = [0xFF, 0xFE] + "period\tunit\n".utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(read(["data/volunteer.csv": utf16]).problems.first?
            .hasPrefix("data/volunteer.csv:1:1: error: 这是 UTF-16（“Unicode 文本”）文件，不是 CSV；请在 Excel 或 WPS 中打开，另存为") == true)
    }

    @Test func bothACSVAndAWorkbookForOneSheet() {
        let (rows, problems) = read(["data/assessments.csv": Array(Self.assessmentsCSV.utf8),
                                     "data/assessments.xlsx": Self.fixture("plain.xlsx")])
        #expect(rows.isEmpty)
        #expect(problems == ["data/assessments.csv:1:1: error: data/assessments.csv 和 data/assessments.xlsx 是同一张数据表“assessments”的两个文件；只保留一个（删除或移走另一个）"])
    }

    @Test func otherFilesInDataAreErrors() {
        let site = SiteFolder()
        site.write("data/assessments.xls", [0xD0, 0xCF, 0x11, 0xE0])
        site.write("data/duty.et", [0xD0, 0xCF, 0x11, 0xE0])
        site.write("data/volunteer.txt", "x")
        site.write("data/assessments (1).csv", "x")
        site.write("data/~$assessments.xlsx", "x")
        let resave = "请在 Excel 或 WPS 中打开，另存为 “Excel 工作簿 (*.xlsx)” 或 “CSV UTF-8（逗号分隔）”，文件名"
        let problems = site.load().diagnostics.filter { $0.location.path.hasPrefix("data/") }.map(\.description)
        #expect(problems == [
            "data/assessments (1).csv:1:1: error: 不是数据表文件，不会被读取；data/ 中只能放这些文件："
                + "assessments.csv 或 assessments.xlsx、duty.csv 或 duty.xlsx、volunteer.csv 或 volunteer.xlsx、deductions.csv 或 deductions.xlsx，"
                + "以及细则目录 <考核项目 id>.yaml（表格另存时请用这些文件名）",
            "data/assessments.xls:1:1: error: 旧版 Excel 文件（.xls）读不了；\(resave) assessments.xlsx 或 assessments.csv",
            "data/duty.et:1:1: error: WPS 表格文件（.et）读不了；\(resave) duty.xlsx 或 duty.csv",
            "data/volunteer.txt:1:1: error: 文本文件（如 Excel 的“Unicode 文本”）读不了；\(resave) volunteer.xlsx 或 volunteer.csv",
            "data/~$assessments.xlsx:1:1: warning: Excel 或 WPS 正打开着 assessments.xlsx（这是它的临时文件）；保存并关闭后再生成网站，未保存的修改不会被读取",
        ])
    }

    /// `--lang en`: the sheets' own messages have their English text.
    @Test func englishTexts() {
        let resave = "open it in Excel or WPS and save it as \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8 (Comma delimited)\", named"
        #expect(read(["data/assessments.xlsx": Self.fixture("staff.xlsx")], in: .english).problems
                == ["data/assessments.xlsx:考核成绩!A6: warning: the \"合 计\" row is a total, not a unit's data; ignored"])
        #expect(read(["data/assessments.xlsx": Self.fixture("two-sheets.xlsx")], in: .english).problems
                == ["data/assessments.xlsx:1:1: warning: only the first worksheet, \"上半年\", is read; the data in \"下半年\" is not read (put the data in the first worksheet)"])
        #expect(read(["data/assessments.xlsx": Self.fixture("no-cached-value.xlsx")], in: .english).problems.last
                == "data/assessments.xlsx:Sheet!D2: error: the formula was saved without its result (the file was not saved by Excel or WPS); open it in Excel or WPS and save it again")
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 100)
        #expect(read(["data/assessments.xlsx": ole], in: .english).problems == [
            "data/assessments.xlsx:1:1: error: this is not an .xlsx file but an old Excel (.xls) or WPS (.et) file, or it has a password to open it; "
                + "\(resave) assessments.xlsx or assessments.csv",
        ])
        #expect(read(["data/assessments.xlsx": Array("period,unit\n".utf8)], in: .english).problems == [
            "data/assessments.xlsx:1:1: error: the file is damaged or is not an Excel workbook (an .xlsx file is a zip archive); \(resave) assessments.xlsx or assessments.csv",
        ])
        let utf16: [UInt8] = [0xFF, 0xFE] + "period\tunit\n".utf16.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(read(["data/volunteer.csv": utf16], in: .english).problems == [
            "data/volunteer.csv:1:1: error: this is a UTF-16 (\"Unicode Text\") file, not a CSV file; \(resave) volunteer.xlsx or volunteer.csv",
        ])
        #expect(read(["data/assessments.csv": Array(Self.assessmentsCSV.utf8), "data/assessments.xlsx": Self.fixture("plain.xlsx")], in: .english).problems
                == ["data/assessments.csv:1:1: error: data/assessments.csv and data/assessments.xlsx are two files of the same data sheet \"assessments\"; "
                    + "keep only one (delete or move the other)"])
        // What is in data/ but is no sheet (the loader reports it at the file).
        #expect(["assessments (1).csv", "assessments.ods", "assessments.xls", "duty.et", "volunteer.txt", "~$assessments.xlsx"].map { DataSheets.notASheet($0).english } == [
            "not a data sheet file, so it is not read; data/ may hold only these files: "
                + "assessments.csv or assessments.xlsx, duty.csv or duty.xlsx, volunteer.csv or volunteer.xlsx, deductions.csv or deductions.xlsx, and the item catalogues <component id>.yaml (use these names when you save a sheet)",
            "spreadsheet files of this kind (.ods) cannot be read; \(resave) assessments.xlsx or assessments.csv",
            "old Excel files (.xls) cannot be read; \(resave) assessments.xlsx or assessments.csv",
            "WPS spreadsheet files (.et) cannot be read; \(resave) duty.xlsx or duty.csv",
            "text files (such as Excel's \"Unicode Text\") cannot be read; \(resave) volunteer.xlsx or volunteer.csv",
            "Excel or WPS has assessments.xlsx open (this is its temporary file); save and close it before building the site, unsaved changes are not read",
        ])
    }

    @Test func aWorkbookInTheSite() throws {
        let site = SiteFolder()
        site.remove("data/assessments.csv")
        site.write("data/assessments.xlsx", Self.fixture("staff.xlsx"))
        let loaded = site.load()
        #expect(loaded.diagnostics.filter { $0.severity == .error }.isEmpty)
        let content = try #require(loaded.content)
        #expect(content.assessments.map { "\($0.unit) \($0.scores["criteria"]!)" } == ["shuiwu 91", "gonglu 88"])
    }

    @Test func numbersAsExcelStoresThem() {
        func text(_ raw: String, _ decimals: Int = 0) -> String? { ExcelNumber(raw)?.text(minimumDecimals: decimals) }
        #expect(text("0.30000000000000004") == "0.3")
        #expect(text("92.299999999999997") == "92.3")
        #expect(text("1E-3") == "0.001")
        #expect(text("1.5E3") == "1500")
        #expect(text("521600") == "521600")
        #expect(text("-2") == "-2")
        #expect(text("0") == "0")
        #expect(text("93", 1) == "93.0")
        #expect(text("93.25", 1) == "93.25")  // what the sheet holds, never less than it shows
        #expect(text("9.9999999999999999") == "10")
        #expect(ExcelNumber("abc") == nil && ExcelNumber("1.2.3") == nil)
    }

    @Test func dateSerials() {
        func day(_ raw: String, _ date1904: Bool = false) -> String? { ExcelNumber(raw)?.dateText(date1904: date1904) }
        #expect(day("1") == "1900-01-01")
        #expect(day("59") == "1900-02-28")
        #expect(day("60") == "1900-02-29")  // Excel's day that never was: the date reader rejects it
        #expect(day("61") == "1900-03-01")
        #expect(day("43164") == "2018-03-05")
        #expect(day("43164.5") == "2018-03-05 12:00")
        #expect(day("0", true) == "1904-01-01")
        #expect(day("41702", true) == "2018-03-05")
        #expect(CalendarDate(iso: day("60")!) == nil)
    }

    @Test func cellLocations() {
        let d7 = SourceLocation(path: "data/assessments.xlsx", sheet: "Sheet1", row: 7, column: 4)
        #expect(d7.description == "data/assessments.xlsx:Sheet1!D7")
        #expect(Diagnostic.error(d7, "x", en: "x").description == "data/assessments.xlsx:Sheet1!D7: error: x")
        #expect(SourceLocation(path: "a.xlsx", sheet: "考核成绩", row: 1, column: 28).description == "a.xlsx:考核成绩!AB1")
        #expect(SourceLocation(path: "a.xlsx", sheet: "My Sheet", row: 2, column: 1).description == "a.xlsx:'My Sheet'!A2")
        #expect(SourceLocation.columnName(702) == "ZZ" && SourceLocation.columnName(703) == "AAA")
        // Sorted by path, row, column: D7 before A10, C2 before D2.
        let cells = [(10, 1), (7, 4), (2, 4), (2, 3)].map { SourceLocation(path: "a.xlsx", sheet: "S", row: $0.0, column: $0.1) }
        #expect(cells.sorted().map(\.description) == ["a.xlsx:S!C2", "a.xlsx:S!D2", "a.xlsx:S!D7", "a.xlsx:S!A10"])
        // Text files print as before.
        #expect(SourceLocation(path: "data/duty.csv", line: 4, column: 16).description == "data/duty.csv:4:16")
        #expect(SourceLocation(path: "data/duty.csv").description == "data/duty.csv:1:1")
    }
}

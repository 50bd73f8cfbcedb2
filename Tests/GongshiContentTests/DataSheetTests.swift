import Testing
@testable import GongshiContent
import GongshiModel

/// A sheet that exists only in these tests: `data/bonus.csv` with `unit,points[,period]`,
/// the period defaulting to the first of site.yaml; its rows go into `SiteContent.volunteer`.
private struct BonusSheet: SheetRowReader {
    let sheet: SheetContext
    var firstRows = FirstRows()

    init?(_ sheet: SheetContext, diagnostics: inout Diagnostics) { self.sheet = sheet }

    mutating func read(_ record: SheetRecord, diagnostics: inout Diagnostics) -> VolunteerRow? {
        let period = record.cell("period").map { sheet.period($0, diagnostics: &diagnostics) } ?? sheet.config.periods.first?.id
        let unit = sheet.unit(record["unit"], diagnostics: &diagnostics)
        let points = sheet.number(record["points"], column: "points", range: ExactDecimal(1)...ExactDecimal(10), diagnostics: &diagnostics)
        guard let period, let unit, let points,
              firstRows.isFirst(unit: unit, period: period, record, sheet, diagnostics: &diagnostics) else { return nil }
        return VolunteerRow(period: period, unit: unit, points: points)
    }
}

@Suite struct DataSheetTests {
    /// The whole registration of the made-up sheet.
    static let bonus = DataSheet("bonus", columns: { _ in [.required("unit"), .required("points"), .optional("period")] },
                                 reader: BonusSheet.self, into: \.volunteer)

    private let config: SiteConfig
    private let units: UnitDirectory

    init() throws {
        let content = try #require(SiteFolder().load().content)
        config = content.config
        units = UnitDirectory(units: Dictionary(uniqueKeysWithValues: content.units.map { ($0.id, $0) }))
    }

    /// Reads `files` (path → text) through a registry, as the loader does, and stores the rows in a model.
    private func read(_ files: [String: String], registry: [DataSheet]) -> (content: SiteContent, problems: [String]) {
        var diagnostics = Diagnostics()
        let rows = DataSheets.read(files: files.keys.sorted(), registry: registry, config: config, units: units,
                                   bytes: { files[$0].map { Array($0.utf8) } }, diagnostics: &diagnostics)
        var content = SiteContent(config: config)
        for sheet in rows { sheet.store(into: &content) }
        return (content, diagnostics.sorted.map(\.description))
    }

    @Test func aRegistrationIsAllANewSheetNeeds() {
        let files = ["data/bonus.csv": "unit,points,period\nshuiwu,5,2018-h2\ngonglu,7,\n"]
        // Unregistered, the file is not read.
        #expect(read(files, registry: DataSheets.all).content.volunteer.isEmpty)
        #expect(!DataSheets.isSheetFile("bonus.csv"))
        let registry = DataSheets.all + [Self.bonus]
        #expect(DataSheets.isSheetFile("bonus.csv", registry: registry))
        #expect(DataSheets.isSheetFile("bonus.xlsx", registry: registry))  // every format, for every sheet
        #expect(!DataSheets.isSheetFile("bonus.csv.bak", registry: registry))
        #expect(!DataSheets.isSheetFile("bonuses.csv", registry: registry))

        let (content, problems) = read(["data/bonus.csv": "unit,points\nshuiwu,5\ngonglu,7\n"], registry: registry)
        #expect(problems.isEmpty)
        #expect(content.volunteer.map { "\($0.period) \($0.unit) \($0.points)" } == ["2018-h1 shuiwu 5", "2018-h1 gonglu 7"])
        #expect(content.assessments.isEmpty && content.duty.isEmpty)
    }

    @Test func aNewSheetGetsTheSharedChecksAndMessages() {
        let registry = [Self.bonus]
        #expect(read(["data/bonus.csv": ""], registry: registry).problems == [
            "data/bonus.csv:1:1: error: 表格是空的；第一行要写列名：unit,points",
        ])
        #expect(read(["data/bonus.csv": "unit,point,unit,remark\n"], registry: registry).problems == [
            "data/bonus.csv:1:1: error: 缺少“points”这一列；请在表头加上",
            "data/bonus.csv:1:6: error: 未知的列“point”；是不是 points（积分）？",
            "data/bonus.csv:1:12: error: “unit”这一列出现了两次；请删掉一列",
            "data/bonus.csv:1:17: error: 未知的列“remark”；可以写：unit（单位）、points（积分）、period（期次）",
        ])
        let (content, problems) = read(["data/bonus.csv": """
            points,unit,period
            5,shuiwu,2018-h1
            11,gonglu
            3,gonglu,2018-h3
            2,shuiwu,2018-h1
            4,gonglu,2018-h2

            """], registry: registry)
        #expect(problems == [
            "data/bonus.csv:3:1: error: 这一行有 2 格，表头有 3 格；请检查是否多了或少了逗号",
            "data/bonus.csv:4:10: error: 未知的考核期次“2018-h3”；是不是 2018-h1（2018年年中考核）、2018-h2（2018年年终考核）？",
            "data/bonus.csv:5:1: error: 单位 shuiwu（聊城市税务局）在考核期 2018-h1（2018年年中考核）已经有一行了（第 2 行）；每个单位每期只能有一行，请删掉或合并重复的行",
        ])
        #expect(content.volunteer.map(\.unit) == ["shuiwu", "gonglu"])
    }

    @Test func sheetsAreReadInRegistryOrderAndEachGoesToItsPlace() {
        let (content, problems) = read([
            "data/volunteer.csv": "period,unit,points\n2018-h1,gonglu,300\n",
            "data/duty.csv": "date,unit,event\n2018-03-01,shuiwu,late\n",
            "data/assessments.csv": "period,unit,criteria,community\n2018-h2,gonglu,80,90\n",
            "data/bonus.csv": "unit,points\nshuiwu,2\n",
        ], registry: DataSheets.all + [Self.bonus])
        #expect(problems.isEmpty)
        #expect(content.assessments.map { $0.scores["community"]?.description } == ["90"])
        #expect(content.duty.map(\.event) == ["late"])
        // volunteer.csv is read before bonus.csv (registry order); rows of both go into one list.
        #expect(content.volunteer.map(\.unit) == ["gonglu", "shuiwu"])
    }

    @Test func csvCellsKnowWhereTheyAre() throws {
        var diagnostics = Diagnostics()
        // BOM, CRLF, a quoted cell over two lines, CJK counted as one column each, a blank line.
        let bytes = [0xEF, 0xBB, 0xBF] + Array("单位,\"备注\",分\r\n税务局,\"第一行\r\n第二行\",9\r\n\r\n 公路局 ,\"a\"\"b\",10\r\n".utf8)
        let table = try #require(SheetFormat.csv.read("data/x.csv", bytes, &diagnostics))
        #expect(diagnostics.all.isEmpty)
        #expect(table.start.description == "data/x.csv:1:1")
        #expect(table.rowNoun == "line")
        let located = table.rows.map { row in row.cells.map { "\($0.text)@\($0.location)" } }
        #expect(located == [
            ["单位@data/x.csv:1:1", "备注@data/x.csv:1:4", "分@data/x.csv:1:9"],
            ["税务局@data/x.csv:2:1", "第一行\n第二行@data/x.csv:2:5", "9@data/x.csv:3:6"],
            [" 公路局 @data/x.csv:5:1", "a\"b@data/x.csv:5:7", "10@data/x.csv:5:14"],
        ])
        #expect(table.rows.map(\.number) == [1, 2, 5])
        #expect(table.rows.map(\.location.description) == ["data/x.csv:1:1", "data/x.csv:2:1", "data/x.csv:5:1"])
        #expect(table.header?.cells.count == 3 && table.dataRows.count == 2)

        // GB18030, as Chinese Excel saves it: the same positions.
        let gb = try #require(SheetFormat.csv.read("data/y.csv", [0xB1, 0xB8, 0xD7, 0xA2, 0x2C, 0x61, 0x0A, 0x62, 0x2C, 0xB1, 0xB8], &diagnostics))
        #expect(gb.rows.map { $0.cells.map { "\($0.text)@\($0.location)" } } == [["备注@data/y.csv:1:1", "a@data/y.csv:1:4"],
                                                                               ["b@data/y.csv:2:1", "备@data/y.csv:2:3"]])
        #expect(SheetFormat.csv.read("data/z.csv", Array("a,b\n".utf8) + [0xFF, 0xFE, 0x80], &diagnostics) == nil)
        #expect(diagnostics.all.map(\.description) == ["data/z.csv:2:1: error: 文件既不是 UTF-8 也不是 GB18030 编码的文字；请在 Excel 或 WPS 里“另存为”CSV UTF-8，或直接存为 .xlsx"])
    }

    /// What the next reader (a spreadsheet) will hand over: rows with its own positions. The
    /// sheets report every problem where the table says the cell is, and name rows its way.
    @Test func rowsFromAnotherFormatAreReadTheSameWay() throws {
        func cell(_ text: String, _ row: Int, _ column: Int) -> SheetCell {
            SheetCell(text: text, location: SourceLocation(path: "data/volunteer.xlsx", line: row, column: column))
        }
        func row(_ number: Int, _ texts: [String]) -> SheetRow {
            SheetRow(cells: texts.enumerated().map { cell($1, number, $0 + 1) },
                     location: SourceLocation(path: "data/volunteer.xlsx", line: number, column: 1), number: number)
        }
        let table = SheetTable(path: "data/volunteer.xlsx",
                               rows: [row(3, ["unit", "points", "period"]), row(4, ["shuiwu", "100", "2018-h1"]),
                                      row(6, ["gonglu", "-1", "2018-h1"]), row(7, ["shuiwu", "90", "2018-h1"])],
                               start: SourceLocation(path: "data/volunteer.xlsx", line: 3, column: 1), rowNoun: "row")
        let volunteer = try #require(DataSheets.all.first { $0.name == "volunteer" })
        var diagnostics = Diagnostics()
        let rows = try #require(volunteer.read(table, config: config, units: units, diagnostics: &diagnostics))
        #expect(diagnostics.sorted.map(\.description) == [
            "data/volunteer.xlsx:6:2: error: “points”不能是负数（写的是 -1）；请填 0 或正数",
            "data/volunteer.xlsx:7:1: error: 单位 shuiwu（聊城市税务局）在考核期 2018-h1（2018年年中考核）已经有一行了（第 4 行）；每个单位每期只能有一行，请删掉或合并重复的行",
        ])
        // In English a workbook's rows are rows, a CSV's lines are lines.
        #expect(diagnostics.sorted.map { $0.description(in: .english) } == [
            "data/volunteer.xlsx:6:2: error: \"points\" must not be negative",
            "data/volunteer.xlsx:7:1: error: second row for unit \"shuiwu\" in period \"2018-h1\" (first on row 4)",
        ])
        var content = SiteContent(config: config)
        rows.store(into: &content)
        #expect(content.volunteer.map { "\($0.unit) \($0.points)" } == ["shuiwu 100"])
        #expect(rows.sheet == "volunteer" && rows.count == 1)

        var empty = Diagnostics()
        #expect(volunteer.read(SheetTable(path: "data/volunteer.xlsx", rows: [], start: table.start, rowNoun: "row"),
                               config: config, units: units, diagnostics: &empty) == nil)
        #expect(empty.all.map(\.description) == [
            "data/volunteer.xlsx:3:1: error: 表格是空的；第一行要写列名：period,unit,points",
        ])
    }

    /// Columns can come from site.yaml: one per `assessment` component.
    @Test func columnsFromSiteYAML() throws {
        let assessments = try #require(DataSheets.all.first { $0.name == "assessments" })
        #expect(assessments.columns(config) == [.required("period"), .required("unit"), .required("community"), .required("criteria")])
    }
}

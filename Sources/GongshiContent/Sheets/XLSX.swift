import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongshiModel
import ZIPFoundation

/// Reads the first worksheet of an `.xlsx` workbook (ECMA-376, as Excel, WPS and
/// LibreOffice save it) into a `SheetTable`: every cell as the text a person sees
/// in it, located as `Sheet1!D7`. Each part is parsed once with `XMLParser`.
///
/// - Text: shared strings (rich text runs joined, phonetic runs left out), inline
///   strings, a formula's cached text (`t="str"`), booleans, error values as written.
/// - Numbers: rounded to 15 significant digits (Excel's float noise), written out
///   without exponent, with at least the decimals the cell's number format shows
///   (`93` formatted `0.0` is `93.0`, as a CSV export would have it).
/// - Dates: numbers with a date format, 1900 system (serial 60 is Excel's
///   1900-02-29, which does not exist) or 1904 system, written `2018-03-05`.
/// - A formula's cached value is read; a formula saved without one is an error.
/// - Merged cells: the top-left value fills the whole area.
enum XLSXReader {
    static func read(path: String, bytes: [UInt8], diagnostics: inout Diagnostics) -> SheetTable? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        func fail(_ message: String, _ english: String) -> SheetTable? {
            diagnostics.error(SourceLocation(path: path), message, en: english)
            return nil
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return fail("这不是 .xlsx 文件，而是旧版 Excel（.xls）或 WPS（.et）格式，或设置了打开密码；" + resave(fileName),
                        "this is not an .xlsx file but an old Excel (.xls) or WPS (.et) file, or it has a password to open it; "
                        + resave(fileName, in: .english))
        }
        guard bytes.starts(with: [0x50, 0x4B]), let archive = try? Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil) else {
            return fail("文件已损坏或不是 Excel 工作簿（.xlsx 应是 zip 压缩包）；" + resave(fileName),
                        "the file is damaged or is not an Excel workbook (an .xlsx file is a zip archive); " + resave(fileName, in: .english))
        }
        func part(_ name: String) -> Data? {
            guard let entry = archive[name] else { return nil }
            var data = Data()
            do { _ = try archive.extract(entry, skipCRC32: true) { data.append($0) } } catch { return nil }
            return data
        }
        guard let workbookData = part("xl/workbook.xml") else {
            return fail("工作簿中没有 xl/workbook.xml，文件不完整；" + resave(fileName),
                        "the workbook has no xl/workbook.xml, so the file is incomplete; " + resave(fileName, in: .english))
        }
        let workbook = WorkbookPart.parse(workbookData)
        guard let first = workbook.sheets.first else {
            return fail("工作簿中没有工作表；请在 Excel 或 WPS 中打开，把数据放在第一个工作表里再保存",
                        "the workbook has no worksheet; open it in Excel or WPS, put the data in the first worksheet and save it")
        }
        let relationships = part("xl/_rels/workbook.xml.rels").map(RelationshipsPart.parse) ?? [:]
        func partPath(_ sheet: (name: String, relationship: String)) -> String? {
            relationships[sheet.relationship].map { $0.hasPrefix("/") ? String($0.dropFirst()) : "xl/" + $0 }
        }
        let sheetPath = partPath(first) ?? "xl/worksheets/sheet1.xml"
        // Only the first worksheet is read: say so when another one holds values, so none are lost unnoticed.
        let others = workbook.sheets.dropFirst().filter { sheet in
            guard let data = partPath(sheet).flatMap(part) else { return false }
            return data.range(of: Data("<v>".utf8)) != nil || data.range(of: Data("<is>".utf8)) != nil
        }
        if !others.isEmpty {
            diagnostics.warning(SourceLocation(path: path),
                                "只读取第一个工作表“\(first.name)”；工作表\(others.map { "“\($0.name)”" }.joined(separator: "、"))中的数据不会被读取（请把数据放在第一个工作表里）",
                                en: "only the first worksheet, \"\(first.name)\", is read; the data in \(others.map { "\"\($0.name)\"" }.joined(separator: ", ")) is not read "
                                + "(put the data in the first worksheet)")
        }
        guard let sheetData = part(sheetPath) else {
            return fail("工作簿中找不到工作表“\(first.name)”（\(sheetPath)），文件不完整；" + resave(fileName),
                        "the workbook has no worksheet \"\(first.name)\" (\(sheetPath)), so the file is incomplete; " + resave(fileName, in: .english))
        }
        let strings = part("xl/sharedStrings.xml").map(SharedStringsPart.parse) ?? []
        let styles = part("xl/styles.xml").map(StylesPart.parse) ?? StylesPart()
        let sheet = WorksheetPart.parse(sheetData)

        var grid: [Int: [Int: String]] = [:]
        var maxColumn = 0
        for cell in sheet.cells {
            let location = SourceLocation(path: path, sheet: first.name, row: cell.row, column: cell.column)
            let text: String
            switch cell.type {
            case "s":
                guard let index = Int(cell.value.trimmed()), strings.indices.contains(index) else {
                    diagnostics.error(location, "共享字符串 \(cell.value) 不存在，文件可能已损坏；请在 Excel 或 WPS 中打开后重新保存",
                                      en: "shared string \(cell.value) does not exist, the file may be damaged; open it in Excel or WPS and save it again")
                    continue
                }
                text = strings[index]
            case "inlineStr": text = cell.inline
            case "str", "e": text = cell.value
            case "b": text = cell.value.trimmed() == "1" ? "TRUE" : "FALSE"
            case "d": text = isoDate(cell.value)
            default:
                let raw = cell.value.trimmed()
                if raw.isEmpty {
                    if cell.hasFormula {
                        diagnostics.error(location, "公式没有保存计算结果（文件不是 Excel 或 WPS 保存的）；请在 Excel 或 WPS 中打开，再保存一次",
                                          en: "the formula was saved without its result (the file was not saved by Excel or WPS); open it in Excel or WPS and save it again")
                    }
                    continue
                }
                guard let number = ExcelNumber(raw) else { text = raw; break }
                let style = styles.cellFormats.indices.contains(cell.style) ? styles.cellFormats[cell.style] : (isDate: false, decimals: 0)
                text = style.isDate ? number.dateText(date1904: workbook.date1904) ?? raw : number.text(minimumDecimals: style.decimals)
            }
            if text.isEmpty { continue }
            grid[cell.row, default: [:]][cell.column] = decodeEscapes(text)
            maxColumn = max(maxColumn, cell.column)
        }
        // A merged area shows its top-left value everywhere (a merged header, a period written once for many rows).
        let lastRow = grid.keys.max() ?? 0
        for merge in sheet.merges {
            guard let value = grid[merge.top]?[merge.left] else { continue }
            for row in merge.top...min(merge.bottom, lastRow) {
                for column in merge.left...min(merge.right, maxColumn) where grid[row]?[column] == nil {
                    grid[row, default: [:]][column] = value
                }
            }
        }
        let rows = grid.keys.sorted().map { number -> SheetRow in
            let values = grid[number]!
            let cells = (0..<maxColumn).map { index in
                SheetCell(text: values[index + 1] ?? "",
                          location: SourceLocation(path: path, sheet: first.name, row: number, column: index + 1))
            }
            return SheetRow(cells: cells, location: cells.first?.location ?? SourceLocation(path: path), number: number)
        }
        return SheetTable(path: path, rows: rows, start: SourceLocation(path: path, sheet: first.name, row: 1, column: 1),
                          rowNoun: "row")
    }

    /// How to save a sheet so Gongshi reads it.
    static func resave(_ fileName: String, in language: Language = .chinese) -> String {
        let stem = fileName.split(separator: ".").first.map(String.init) ?? fileName
        return language.pick("请在 Excel 或 WPS 中打开，另存为 “Excel 工作簿 (*.xlsx)” 或 “CSV UTF-8（逗号分隔）”，文件名 \(stem).xlsx 或 \(stem).csv",
                             "open it in Excel or WPS and save it as \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8 (Comma delimited)\", named \(stem).xlsx or \(stem).csv")
    }

    /// `t="d"` cells hold ISO 8601: `2018-03-05T00:00:00` is the day.
    private static func isoDate(_ text: String) -> String {
        let trimmed = text.trimmed()
        if let t = trimmed.firstIndex(of: "T"), trimmed[t...].allSatisfy({ "T0:.Z".contains($0) }) { return String(trimmed[..<t]) }
        return trimmed
    }

    /// Excel writes control characters in text as `_x000D_`.
    private static func decodeEscapes(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var result = "", rest = Substring(text)
        while let start = rest.range(of: "_x") {
            result += rest[..<start.lowerBound]
            let hex = rest[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let code = UInt32(hex.dropLast(), radix: 16), let scalar = Unicode.Scalar(code) {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(start.upperBound, offsetBy: 5)...]
            } else {
                result += "_x"
                rest = rest[start.upperBound...]
            }
        }
        return result + rest
    }
}

/// A number as Excel stores it (`93.5`, `0.30000000000000004`, `1E-3`), as decimal digits: no `Double`.
struct ExcelNumber {
    var negative: Bool
    /// Significant digits without leading zeros ("" for zero).
    var digits: [UInt8]
    /// The value is 0.`digits` × 10^exponent.
    var exponent: Int

    init?(_ text: String) {
        var scalars = Substring(text)
        negative = scalars.first == "-"
        if negative || scalars.first == "+" { scalars = scalars.dropFirst() }
        var mantissa = scalars, exp = 0
        if let e = scalars.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let value = Int(scalars[scalars.index(after: e)...]) else { return nil }
            exp = value
            mantissa = scalars[..<e]
        }
        var all: [UInt8] = [], pointAt: Int? = nil
        for character in mantissa {
            if character == "." { guard pointAt == nil else { return nil }; pointAt = all.count; continue }
            guard let ascii = character.asciiValue, ascii >= 48, ascii <= 57 else { return nil }
            all.append(ascii - 48)
        }
        guard !all.isEmpty else { return nil }
        var intLength = (pointAt ?? all.count) + exp
        while all.first == 0 { all.removeFirst(); intLength -= 1 }
        while all.last == 0 { all.removeLast() }
        // 15 significant digits, half up: Excel's own precision, without its float noise.
        if all.count > 15 {
            let up = all[15] >= 5
            all = Array(all[..<15])
            if up {
                var i = 14
                while i >= 0 {
                    if all[i] == 9 { all[i] = 0; i -= 1 } else { all[i] += 1; break }
                }
                if i < 0 { all.insert(1, at: 0); all.removeLast(); intLength += 1 }
            }
            while all.last == 0 { all.removeLast() }
        }
        digits = all
        exponent = all.isEmpty ? 0 : intLength
        if all.isEmpty { negative = false }
    }

    /// Plain decimal text with at least `minimumDecimals` decimals: `93.0`, `0.3`, `521600`.
    func text(minimumDecimals: Int) -> String {
        var integer = "", fraction = ""
        for (index, digit) in digits.enumerated() {
            let character = Character(Unicode.Scalar(digit + 48))
            if index < exponent { integer.append(character) } else { fraction.append(character) }
        }
        if exponent > digits.count { integer += String(repeating: "0", count: exponent - digits.count) }
        if exponent < 0 { fraction = String(repeating: "0", count: -exponent) + fraction }
        if integer.isEmpty { integer = "0" }
        if fraction.count < minimumDecimals { fraction += String(repeating: "0", count: minimumDecimals - fraction.count) }
        return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// The day (and time, when it has one) of a date serial: `2018-03-05`, nil when out of range.
    func dateText(date1904: Bool) -> String? {
        guard !negative else { return nil }
        let integerDigits = digits.prefix(max(exponent, 0))
        var serial = integerDigits.reduce(0) { $0 * 10 + Int($1) }
        if exponent > digits.count { for _ in 0..<(exponent - digits.count) { serial *= 10 } }
        guard serial < 3_000_000 else { return nil }
        // The fraction of the day, to the second.
        var fraction = 0.0, scale = 0.1
        for digit in digits.dropFirst(max(exponent, 0)) { fraction += Double(digit) * scale; scale /= 10 }
        if exponent < 0 { fraction /= pow(10, Double(-exponent)) }
        var seconds = Int((fraction * 86_400).rounded())
        if seconds >= 86_400 { serial += 1; seconds -= 86_400 }
        let day: String
        if date1904 {
            day = Self.civil(daysFrom1970: serial + Self.days1904)
        } else if serial == 60 {
            day = "1900-02-29"  // Excel's day that never was (Lotus 1-2-3's leap-year bug); the date reader rejects it
        } else if serial == 0 {
            day = "1900-01-00"
        } else {
            day = Self.civil(daysFrom1970: serial + (serial < 60 ? Self.days1899_12_31 : Self.days1899_12_30))
        }
        guard seconds > 0 else { return day }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return day + " " + two(seconds / 3600) + ":" + two(seconds / 60 % 60) + (seconds % 60 == 0 ? "" : ":" + two(seconds % 60))
    }

    private static let days1899_12_30 = -25_569, days1899_12_31 = -25_568, days1904 = -24_107

    /// `yyyy-mm-dd` of a day counted from 1970-01-01 (proleptic Gregorian).
    static func civil(daysFrom1970 days: Int) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func pad(_ n: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(n).count)) + String(n) }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }
}

// MARK: - The parts of a workbook, each parsed once with XMLParser.

/// Calls back for each element start and end, and collects text between them; names without their namespace prefix.
private final class XMLEvents: NSObject, XMLParserDelegate {
    var start: (String, [String: String]) -> Void = { _, _ in }
    var end: (String, String) -> Void = { _, _ in }
    private var text = ""

    static func run(_ data: Data, start: @escaping (String, [String: String]) -> Void, end: @escaping (String, String) -> Void) {
        let events = XMLEvents()
        events.start = start
        events.end = end
        let parser = XMLParser(data: data)
        parser.delegate = events
        parser.shouldResolveExternalEntities = false
        _ = parser.parse()
    }

    private static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        text = ""
        start(Self.local(elementName), attributes)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        end(Self.local(elementName), text)
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
}

private extension Dictionary where Key == String, Value == String {
    /// An attribute by local name, whatever its prefix (`r:id`).
    func attribute(_ name: String) -> String? {
        self[name] ?? first { $0.key.hasSuffix(":" + name) }?.value
    }
}

private struct WorkbookPart {
    var sheets: [(name: String, relationship: String)] = []
    var date1904 = false

    static func parse(_ data: Data) -> WorkbookPart {
        var part = WorkbookPart()
        XMLEvents.run(data, start: { name, attributes in
            if name == "sheet" {
                part.sheets.append((attributes["name"] ?? "Sheet1", attributes.attribute("id") ?? ""))
            } else if name == "workbookPr", let value = attributes["date1904"] {
                part.date1904 = value == "1" || value.lowercased() == "true"
            }
        }, end: { _, _ in })
        return part
    }
}

private enum RelationshipsPart {
    static func parse(_ data: Data) -> [String: String] {
        var targets: [String: String] = [:]
        XMLEvents.run(data, start: { name, attributes in
            if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] { targets[id] = target }
        }, end: { _, _ in })
        return targets
    }
}

private enum SharedStringsPart {
    /// Each `<si>`: its `<t>`, or all its runs' `<t>` joined; phonetic guides (`<rPh>`) left out.
    static func parse(_ data: Data) -> [String] {
        var strings: [String] = [], current = "", phonetic = false
        XMLEvents.run(data, start: { name, _ in
            if name == "si" { current = "" } else if name == "rPh" { phonetic = true }
        }, end: { name, text in
            switch name {
            case "t" where !phonetic: current += text
            case "rPh": phonetic = false
            case "si": strings.append(current)
            default: break
            }
        })
        return strings
    }
}

private struct StylesPart {
    /// By cell style index (`s`): whether the number format is a date, and how many decimals it shows.
    var cellFormats: [(isDate: Bool, decimals: Int)] = []

    static func parse(_ data: Data) -> StylesPart {
        var codes: [Int: String] = [:], formatIDs: [Int] = [], inCellXfs = false
        XMLEvents.run(data, start: { name, attributes in
            switch name {
            case "numFmt": if let id = attributes["numFmtId"].flatMap({ Int($0) }) { codes[id] = attributes["formatCode"] ?? "" }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }, end: { name, _ in if name == "cellXfs" { inCellXfs = false } })
        var part = StylesPart()
        part.cellFormats = formatIDs.map { id in
            if let code = codes[id] { return (isDateCode(code), decimals(code)) }
            return (builtInDates.contains(id), builtInDecimals[id] ?? 0)
        }
        return part
    }

    /// 14–22 and 45–47, and the CJK ones (27–36, 50–58: `yyyy"年"m"月"d"日"` …).
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)
    static let builtInDecimals: [Int: Int] = [2: 2, 4: 2, 7: 2, 8: 2, 39: 2, 40: 2, 43: 2, 44: 2]

    /// The first section of a format code without quoted text, escapes and `[...]` parts.
    static func visible(_ code: String) -> String {
        var result = "", quoted = false, bracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if bracket { if character == "]" { bracket = false }; continue }
            switch character {
            case "\"": quoted = true
            case "[": bracket = true
            case "\\", "_", "*": escaped = true
            case ";": return result
            default: result.append(character)
            }
        }
        return result
    }

    static func isDateCode(_ code: String) -> Bool {
        visible(code).contains { "yYmMdDhH".contains($0) }
    }

    static func decimals(_ code: String) -> Int {
        let shown = visible(code)
        guard !shown.contains("%"), !shown.contains("E"), !shown.contains("e"), let point = shown.firstIndex(of: ".") else { return 0 }
        return shown[shown.index(after: point)...].prefix { $0 == "0" || $0 == "#" }.filter { $0 == "0" }.count
    }
}

private struct WorksheetPart {
    struct Cell {
        var row: Int, column: Int
        var type: String, style: Int
        var value = "", inline = "", hasFormula = false
    }
    struct Merge { var top: Int, left: Int, bottom: Int, right: Int }

    var cells: [Cell] = []
    var merges: [Merge] = []

    /// `D7` → (7, 4); nil when it is not an A1 reference.
    static func position(_ reference: Substring) -> (row: Int, column: Int)? {
        var column = 0, row = 0, sawDigit = false
        for scalar in reference.unicodeScalars {
            switch scalar.value {
            case 65...90 where !sawDigit: column = column * 26 + Int(scalar.value - 64)
            case 97...122 where !sawDigit: column = column * 26 + Int(scalar.value - 96)
            case 36: continue  // `$A$1`
            case 48...57: sawDigit = true; row = row * 10 + Int(scalar.value - 48)
            default: return nil
            }
        }
        return column > 0 && row > 0 ? (row, column) : nil
    }

    static func parse(_ data: Data) -> WorksheetPart {
        var part = WorksheetPart()
        var row = 0, column = 0, cell: Cell? = nil, phonetic = false
        XMLEvents.run(data, start: { name, attributes in
            switch name {
            case "row":
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                column = 0
            case "c":
                if let at = attributes["r"].flatMap({ position(Substring($0)) }) { row = at.row; column = at.column } else { column += 1 }
                cell = Cell(row: max(row, 1), column: column, type: attributes["t"] ?? "n",
                            style: attributes["s"].flatMap { Int($0) } ?? 0)
            case "rPh": phonetic = true
            case "mergeCell":
                let parts = (attributes["ref"] ?? "").split(separator: ":")
                if let from = parts.first.flatMap(position), let to = parts.last.flatMap(position) {
                    part.merges.append(Merge(top: min(from.row, to.row), left: min(from.column, to.column),
                                             bottom: max(from.row, to.row), right: max(from.column, to.column)))
                }
            default: break
            }
        }, end: { name, text in
            switch name {
            case "v": cell?.value = text
            case "f": cell?.hasFormula = true
            case "t" where !phonetic: cell?.inline += text
            case "rPh": phonetic = false
            case "c": if let done = cell { part.cells.append(done) }; cell = nil
            default: break
            }
        })
        return part
    }
}

import GongshiModel

/// A table as staff lay it out in Excel or WPS, made into the plain table the sheets
/// read (header first): title rows above the header are dropped (the header is the
/// first row that holds every required column, by id or by name), `序号` and `备注`
/// columns are dropped (unless the sheet has a column of that name), a `合计` /
/// `总计` row is dropped with a warning, blank rows are dropped, and cells made only
/// of full-width digits are read as ASCII. A table already in the plain form is
/// returned unchanged, so CSV files written for Gongshi read exactly as before.
enum StaffLayout {
    /// Chinese column names for the sheets' ids: the one place header aliases live.
    /// Component columns are also found by their `name` in site.yaml (`帮包社区`).
    static let columnNames: [String: String] = [
        "期次": "period", "考核期次": "period", "单位": "unit", "单位名称": "unit",
        "日期": "date", "事件": "event", "备注": "note", "积分": "points", "志愿积分": "points", "志愿服务积分": "points",
        "细则": "item", "细则编号": "item", "扣分项目": "item", "扣分": "points", "扣分值": "points",
    ]
    /// Columns staff add for themselves, dropped when the sheet has no column of that name.
    static let ignoredColumns: Set<String> = ["序号", "备注"]
    /// A row starting with one of these sums the rows above: not data.
    static let totalWords: Set<String> = ["合计", "总计"]

    /// The column id a header cell names, nil when none.
    static func columnID(_ text: String, known: Set<String>, names: [String: String]) -> String? {
        let trimmed = text.trimmed()
        if known.contains(trimmed) { return trimmed }
        let key = withoutSpaces(trimmed)
        if let id = names[key], known.contains(id) { return id }
        return nil
    }

    static func withoutSpaces(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    static func normalize(_ table: SheetTable, columns: [SheetColumn], config: SiteConfig,
                          diagnostics: inout Diagnostics) -> SheetTable {
        guard !table.rows.isEmpty else { return table }
        let known = Set(columns.map(\.name))
        let required = Set(columns.filter(\.isRequired).map(\.name))
        var names = columnNames
        for component in config.assessmentComponents { names[withoutSpaces(component.name)] = component.id }

        // The header: the first row with every required column; else the row naming the most columns; else the first.
        var headerIndex = 0, best = 0
        for (index, row) in table.rows.enumerated() {
            let ids = Set(row.cells.compactMap { columnID($0.text, known: known, names: names) })
            if ids.isSuperset(of: required) { headerIndex = index; best = Int.max; break }
            if ids.count > best { best = ids.count; headerIndex = index }
        }
        let header = table.rows[headerIndex]
        let data = table.rows[(headerIndex + 1)...]
        // Columns to keep: not a staff column, not an empty column with an empty header.
        var keep: [Int] = []
        for (index, cell) in header.cells.enumerated() {
            let text = withoutSpaces(cell.text)
            if columnID(cell.text, known: known, names: names) == nil {
                if ignoredColumns.contains(text) { continue }
                if text.isEmpty, data.allSatisfy({ index >= $0.cells.count || $0.cells[index].text.trimmed().isEmpty }) { continue }
            }
            keep.append(index)
        }
        let dropsColumns = keep.count != header.cells.count
        var headerCells = header.cells
        for index in headerCells.indices {
            if let id = columnID(headerCells[index].text, known: known, names: names) { headerCells[index].text = id }
        }
        func kept(_ row: SheetRow, _ cells: [SheetCell]) -> SheetRow {
            guard dropsColumns else { return SheetRow(cells: cells, location: row.location, number: row.number) }
            var result = keep.compactMap { $0 < cells.count ? cells[$0] : nil }
            if cells.count > header.cells.count { result += cells[header.cells.count...] }
            let location = row.location.cell != nil ? (result.first?.location ?? row.location) : row.location
            return SheetRow(cells: result, location: location, number: row.number)
        }
        var rows = [kept(header, headerCells)]
        rows.reserveCapacity(data.count + 1)
        for row in data {
            if let first = row.cells.first(where: { !$0.text.trimmed().isEmpty }),
               totalWords.contains(withoutSpaces(first.text).trimmingSuffix("：:")) {
                diagnostics.warning(first.location, "“\(first.text.trimmed())”行是汇总，不是单位的数据；已忽略",
                                    en: "the \"\(first.text.trimmed())\" row is a total, not a unit's data; ignored")
                continue
            }
            var cells = row.cells
            for index in cells.indices { if let ascii = asciiDigits(cells[index].text) { cells[index].text = ascii } }
            let result = kept(row, cells)
            if dropsColumns, result.cells.allSatisfy({ $0.text.trimmed().isEmpty }) { continue }
            rows.append(result)
        }
        return SheetTable(path: table.path, rows: rows, start: table.start, rowNoun: table.rowNoun)
    }

    /// `９３．５` → `93.5`: only for a cell made of digits, sign and point, some of them full-width.
    static func asciiDigits(_ text: String) -> String? {
        var changed = false
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0E, 0xFF0D, 0xFF0B:
                result.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
                changed = true
            case 0x30...0x39, 0x2E, 0x2D, 0x2B, 0x20, 0x3000: result.append(scalar)
            default: return nil
            }
        }
        return changed ? String(result) : nil
    }
}

private extension String {
    func trimmingSuffix(_ characters: String) -> String {
        var result = self
        while let last = result.last, characters.contains(last) { result.removeLast() }
        return result
    }
}

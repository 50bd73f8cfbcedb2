import GongshiModel

// The row readers of the three score sheets in `data/` (registered in `DataSheets.all`).

/// `assessments`: `period,unit,<component id>...`, one column per `assessment` component, scores 0..100.
struct AssessmentSheet: SheetRowReader {
    let sheet: SheetContext
    let scoreColumns: [String]
    var firstRows = FirstRows()

    init?(_ sheet: SheetContext, diagnostics: inout Diagnostics) {
        self.sheet = sheet
        scoreColumns = sheet.config.assessmentComponents.map(\.id)
    }

    mutating func read(_ record: SheetRecord, diagnostics: inout Diagnostics) -> AssessmentRow? {
        let p = sheet.period(record["period"], diagnostics: &diagnostics)
        let u = sheet.unit(record["unit"], diagnostics: &diagnostics)
        var scores: [String: ExactDecimal] = [:]
        var complete = true
        for column in scoreColumns {
            let score = sheet.number(record[column], column: column, range: ExactDecimal(0)...ExactDecimal(100), diagnostics: &diagnostics)
            scores[column] = score
            complete = complete && score != nil
        }
        guard let p, let u, complete,
              firstRows.isFirst(unit: u, period: p, record, sheet, diagnostics: &diagnostics) else { return nil }
        return AssessmentRow(period: p, unit: u, scores: scores)
    }
}

/// `duty`: `date,unit,event[,note]`, the events of the duty component.
struct DutySheet: SheetRowReader {
    let sheet: SheetContext
    let events: [DutyEvent]

    init?(_ sheet: SheetContext, diagnostics: inout Diagnostics) {
        guard case .duty(_, let events)? = sheet.config.dutyComponent?.source else {
            diagnostics.warning(sheet.file,
                                "site.yaml 的计分办法（scoring）里没有哪一项按路口执勤计分（source: duty），所以 \(sheet.fileName) 不会被读取；"
                                + "要计入执勤，请在 scoring 里加上 source: duty 的一项，不需要就把这个文件移出 data/",
                                en: "no scoring component takes its score from duty; \(sheet.fileName) is not used")
            return nil
        }
        self.sheet = sheet
        self.events = events
    }

    mutating func read(_ record: SheetRecord, diagnostics: inout Diagnostics) -> DutyRow? {
        let dateCell = record["date"]
        let date = FieldReader.parseDate(sheet.text(dateCell), key: "date", at: dateCell.location, diagnostics: &diagnostics)
        let u = sheet.unit(record["unit"], diagnostics: &diagnostics)
        let eventCell = record["event"]
        let written = sheet.text(eventCell)
        let event = events.contains(where: { $0.id == written }) ? written
            : NameTable.dutyEvents(events).resolve(written, at: eventCell.location, diagnostics: &diagnostics)
        guard let date, let u, let event else { return nil }
        if sheet.config.period(containing: date) == nil {
            let writtenDate = sheet.text(dateCell)
            let shown = writtenDate == "\(date)" ? " \(date) " : "“\(writtenDate)”（\(date)）"
            diagnostics.warning(dateCell.location,
                                "日期\(shown)不在 site.yaml 的任何一个考核期里，这一行不计分；请检查日期是否写错，或在 site.yaml 的 periods 里加上这一期",
                                en: "\(date) is in no period of site.yaml; the row is not counted")
        }
        return DutyRow(date: date, unit: u, event: event, note: record.cell("note").map(sheet.text) ?? "")
    }
}

/// `volunteer`: `period,unit,points`, points not negative.
struct VolunteerSheet: SheetRowReader {
    let sheet: SheetContext
    var firstRows = FirstRows()

    init?(_ sheet: SheetContext, diagnostics: inout Diagnostics) { self.sheet = sheet }

    mutating func read(_ record: SheetRecord, diagnostics: inout Diagnostics) -> VolunteerRow? {
        let p = sheet.period(record["period"], diagnostics: &diagnostics)
        let u = sheet.unit(record["unit"], diagnostics: &diagnostics)
        let pointsCell = record["points"]
        var points = sheet.number(pointsCell, column: "points", range: nil, diagnostics: &diagnostics)
        if let value = points, value.isNegative {
            diagnostics.error(pointsCell.location, "“points”不能是负数（写的是 \(sheet.text(pointsCell))）；请填 0 或正数",
                              en: "\"points\" must not be negative")
            points = nil
        }
        guard let p, let u, let points,
              firstRows.isFirst(unit: u, period: p, record, sheet, diagnostics: &diagnostics) else { return nil }
        if sheet.units.units[u]?.staff == nil {
            diagnostics.warning(record.location,
                                "单位 \(u) 没有写职工人数，算不出人均志愿服务积分；请在 units/\(u).md 开头的字段里加一行 staff: 职工人数",
                                en: "unit \"\(u)\" gives no staff count, so points per head cannot be shown")
        }
        return VolunteerRow(period: p, unit: u, points: points)
    }
}

/// What the sheets' cells hold: each reads one cell, and on a problem reports it at the cell and returns nil.
extension SheetContext {
    func text(_ cell: SheetCell) -> String { cell.text.trimmed() }

    func period(_ cell: SheetCell, diagnostics: inout Diagnostics) -> String? {
        let written = text(cell)
        if config.period(written) != nil { return written }
        return NameTable.periods(config).resolve(written, at: cell.location, diagnostics: &diagnostics)
    }

    func unit(_ cell: SheetCell, diagnostics: inout Diagnostics) -> String? {
        units.resolve(text(cell), key: "unit", at: cell.location, diagnostics: &diagnostics)?.id
    }

    func number(_ cell: SheetCell, column: String, range: ClosedRange<ExactDecimal>?,
                diagnostics: inout Diagnostics) -> ExactDecimal? {
        let raw = text(cell)
        if raw.isEmpty {
            diagnostics.error(cell.location, "“\(column)”这一格是空的；请填上数字", en: "\"\(column)\" is empty")
            return nil
        }
        let value: ExactDecimal
        switch StaffForms.number(raw) {
        case .success(let number): value = number
        case .failure(let failure):
            diagnostics.error(cell.location, "\(column)：\(failure.message)", en: "\(column): \(failure.english)")
            return nil
        }
        if let range, !range.contains(value) {
            diagnostics.error(cell.location, "“\(column)”要在 \(range.lowerBound) 到 \(range.upperBound) 之间（写的是 \(raw)）",
                              en: "\"\(column)\" must be between \(range.lowerBound) and \(range.upperBound) (got \(raw))")
            return nil
        }
        return value
    }
}

/// One row per (period, unit) at most: remembers where each pair was first met.
struct FirstRows {
    private var seen: [String: Int] = [:]

    /// True for the first row of the pair; for a later one, reports it and returns false.
    mutating func isFirst(unit: String, period: String, _ record: SheetRecord, _ sheet: SheetContext,
                          diagnostics: inout Diagnostics) -> Bool {
        let key = period + "\n" + unit
        if let first = seen[key] {
            // `shuiwu（聊城市税务局）`, or the id and a space.
            let unitName = sheet.units.units[unit].map { "\(unit)（\($0.name)）" } ?? "\(unit) "
            let periodName = sheet.config.period(period).map { "\(period)（\($0.name)）" } ?? "\(period) "
            diagnostics.error(record.location,
                              "单位 \(unitName)在考核期 \(periodName)已经有一行了（第 \(first) 行）；每个单位每期只能有一行，请删掉或合并重复的行",
                              en: "second row for unit \"\(unit)\" in period \"\(period)\" (first on \(sheet.rowNoun) \(first))")
            return false
        }
        seen[key] = record.number
        return true
    }
}

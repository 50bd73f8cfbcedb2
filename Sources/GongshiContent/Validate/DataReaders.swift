import GongshiModel

/// The three score sheets in `data/`.
enum DataReaders {
    /// A CSV table with its header checked: known columns only, each once, the required ones present.
    struct Table {
        var path: String
        var columns: [String: Int]
        var records: [CSVRecord]

        func field(_ record: CSVRecord, _ column: String) -> CSVField? {
            guard let index = columns[column], index < record.fields.count else { return nil }
            return record.fields[index]
        }

        func location(_ field: CSVField) -> SourceLocation { SourceLocation(path: path, line: field.line, column: field.column) }
        func location(_ record: CSVRecord) -> SourceLocation { SourceLocation(path: path, line: record.line, column: 1) }
    }

    static func table(path: String, bytes: [UInt8], required: [String], optional: [String],
                      diagnostics: inout Diagnostics) -> Table? {
        let text: String
        switch TextDecoding.csv(bytes) {
        case .success(let decoded): text = decoded.text
        case .failure(.invalidUTF8(let line, let column)):
            diagnostics.error(SourceLocation(path: path, line: line, column: column), "the file is neither UTF-8 nor GB18030 text")
            return nil
        }
        var records = CSVParser.parse(text, path: path, diagnostics: &diagnostics)
        guard !records.isEmpty else {
            diagnostics.error(SourceLocation(path: path, line: 1, column: 1), "the file is empty; the first row must name the columns: \(required.joined(separator: ","))")
            return nil
        }
        let header = records.removeFirst()
        var columns: [String: Int] = [:]
        var ok = true
        for (index, field) in header.fields.enumerated() {
            let name = field.text.trimmed()
            let location = SourceLocation(path: path, line: field.line, column: field.column)
            if !(required.contains(name) || optional.contains(name)) {
                diagnostics.error(location, Suggest.unknown("column", name, among: required + optional, listing: true))
                ok = false
            } else if columns[name] != nil {
                diagnostics.error(location, "column \"\(name)\" appears twice")
                ok = false
            } else {
                columns[name] = index
            }
        }
        for name in required where columns[name] == nil {
            diagnostics.error(SourceLocation(path: path, line: header.line, column: 1), "missing column \"\(name)\"")
            ok = false
        }
        guard ok else { return nil }
        let table = Table(path: path, columns: columns, records: [])
        var good: [CSVRecord] = []
        for record in records {
            if record.fields.count != header.fields.count {
                diagnostics.error(table.location(record), "row has \(record.fields.count) cells but the header has \(header.fields.count)")
                continue
            }
            good.append(record)
        }
        return Table(path: path, columns: columns, records: good)
    }

    private static func text(_ field: CSVField) -> String { field.text.trimmed() }

    private static func period(_ field: CSVField, _ table: Table, config: SiteConfig, diagnostics: inout Diagnostics) -> String? {
        let id = text(field)
        guard config.period(id) != nil else {
            NoticeReader.unknownPeriod(id, at: table.location(field), config: config, diagnostics: &diagnostics)
            return nil
        }
        return id
    }

    private static func unit(_ field: CSVField, _ table: Table, units: UnitDirectory, diagnostics: inout Diagnostics) -> String? {
        units.resolve(text(field), key: "unit", at: table.location(field), diagnostics: &diagnostics)?.id
    }

    private static func number(_ field: CSVField, column: String, _ table: Table, range: ClosedRange<ExactDecimal>?,
                               diagnostics: inout Diagnostics) -> ExactDecimal? {
        let raw = text(field)
        guard let value = ExactDecimal(parsing: raw) else {
            diagnostics.error(table.location(field), raw.isEmpty ? "\"\(column)\" is empty" : "\"\(column)\" must be a number like 92.5 (got \"\(raw)\")")
            return nil
        }
        if let range, !range.contains(value) {
            diagnostics.error(table.location(field), "\"\(column)\" must be between \(range.lowerBound) and \(range.upperBound) (got \(raw))")
            return nil
        }
        return value
    }

    static func assessments(path: String, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                            diagnostics: inout Diagnostics) -> [AssessmentRow] {
        let scoreColumns = config.assessmentComponents.map(\.id)
        guard let table = table(path: path, bytes: bytes, required: ["period", "unit"] + scoreColumns, optional: [],
                                diagnostics: &diagnostics) else { return [] }
        var rows: [AssessmentRow] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let before = diagnostics.errors.count
            let p = period(table.field(record, "period")!, table, config: config, diagnostics: &diagnostics)
            let u = unit(table.field(record, "unit")!, table, units: units, diagnostics: &diagnostics)
            var scores: [String: ExactDecimal] = [:]
            for column in scoreColumns {
                scores[column] = number(table.field(record, column)!, column: column, table, range: ExactDecimal(0)...ExactDecimal(100),
                                        diagnostics: &diagnostics)
            }
            guard let p, let u, diagnostics.errors.count == before else { continue }
            if let line = seen[p + "\n" + u] {
                diagnostics.error(table.location(record), "second row for unit \"\(u)\" in period \"\(p)\" (first on line \(line))")
                continue
            }
            seen[p + "\n" + u] = record.line
            rows.append(AssessmentRow(period: p, unit: u, scores: scores))
        }
        return rows
    }

    static func duty(path: String, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                     diagnostics: inout Diagnostics) -> [DutyRow] {
        guard let table = table(path: path, bytes: bytes, required: ["date", "unit", "event"], optional: ["note"],
                                diagnostics: &diagnostics) else { return [] }
        guard case .duty(_, let events)? = config.dutyComponent?.source else {
            diagnostics.warning(SourceLocation(path: path), "no scoring component takes its score from duty; duty.csv is not used")
            return []
        }
        var rows: [DutyRow] = []
        for record in table.records {
            let before = diagnostics.errors.count
            let dateField = table.field(record, "date")!
            let date = FieldReader.parseDate(text(dateField), key: "date", at: table.location(dateField), diagnostics: &diagnostics)
            let u = unit(table.field(record, "unit")!, table, units: units, diagnostics: &diagnostics)
            let eventField = table.field(record, "event")!
            let event = text(eventField)
            if !events.contains(where: { $0.id == event }) {
                diagnostics.error(table.location(eventField), Suggest.unknown("duty event", event, among: events.map(\.id), listing: true))
            }
            guard let date, let u, diagnostics.errors.count == before else { continue }
            if config.period(containing: date) == nil {
                diagnostics.warning(table.location(dateField), "\(date) is in no period of site.yaml; the row is not counted")
            }
            rows.append(DutyRow(date: date, unit: u, event: event, note: table.field(record, "note").map(text) ?? ""))
        }
        return rows
    }

    static func volunteer(path: String, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
                          diagnostics: inout Diagnostics) -> [VolunteerRow] {
        guard let table = table(path: path, bytes: bytes, required: ["period", "unit", "points"], optional: [],
                                diagnostics: &diagnostics) else { return [] }
        var rows: [VolunteerRow] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let before = diagnostics.errors.count
            let p = period(table.field(record, "period")!, table, config: config, diagnostics: &diagnostics)
            let u = unit(table.field(record, "unit")!, table, units: units, diagnostics: &diagnostics)
            let points = number(table.field(record, "points")!, column: "points", table, range: nil, diagnostics: &diagnostics)
            if let points, points.isNegative {
                diagnostics.error(table.location(table.field(record, "points")!), "\"points\" must not be negative")
            }
            guard let p, let u, let points, diagnostics.errors.count == before else { continue }
            if let line = seen[p + "\n" + u] {
                diagnostics.error(table.location(record), "second row for unit \"\(u)\" in period \"\(p)\" (first on line \(line))")
                continue
            }
            seen[p + "\n" + u] = record.line
            if units.units[u]?.staff == nil {
                diagnostics.warning(table.location(record), "unit \"\(u)\" gives no staff count, so points per head cannot be shown")
            }
            rows.append(VolunteerRow(period: p, unit: u, points: points))
        }
        return rows
    }
}

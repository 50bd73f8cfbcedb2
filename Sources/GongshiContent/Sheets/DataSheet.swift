import GongshiModel

/// A column of a data sheet.
struct SheetColumn: Sendable, Equatable {
    var name: String
    var isRequired: Bool

    static func required(_ name: String) -> SheetColumn { SheetColumn(name: name, isRequired: true) }
    static func optional(_ name: String) -> SheetColumn { SheetColumn(name: name, isRequired: false) }
}

/// What a row reader knows about the file it reads, besides its rows.
struct SheetContext {
    var path: String
    var config: SiteConfig
    var units: UnitDirectory
    /// How messages name a row's position: "line" in CSV.
    var rowNoun: String

    /// The file as a whole (printed as `path:1:1`, sorted before its rows).
    var file: SourceLocation { SourceLocation(path: path) }
    /// `duty.csv`.
    var fileName: Substring { path.split(separator: "/").last ?? Substring(path) }
}

/// A data row after the header was checked: its cells found by column name.
struct SheetRecord {
    let row: SheetRow
    let columns: [String: Int]

    /// The cell of a required column (the header check made sure every row has one).
    subscript(_ column: String) -> SheetCell { row.cells[columns[column]!] }

    /// The cell of an optional column, nil when the file has no such column.
    func cell(_ column: String) -> SheetCell? {
        columns[column].map { row.cells[$0] }
    }

    var location: SourceLocation { row.location }
    var number: Int { row.number }
}

/// Turns the rows of one data sheet into typed rows. One value reads one file:
/// it may keep what it needs across rows (rows met, a setting of site.yaml).
protocol SheetRowReader: SendableMetatype {
    associatedtype Row: Sendable
    /// Called once per file after its header is checked; nil (after saying why) when the sheet is not used.
    init?(_ sheet: SheetContext, diagnostics: inout Diagnostics)
    /// A typed row, or nil after reporting what is wrong with this row.
    mutating func read(_ record: SheetRecord, diagnostics: inout Diagnostics) -> Row?
}

/// The rows read from one file, on their way into the model.
struct SheetRows: Sendable {
    var sheet: String
    var count: Int
    fileprivate var put: @Sendable (inout SiteContent) -> Void

    func store(into content: inout SiteContent) { put(&content) }
}

/// A data sheet: a file `data/<name>.<format>`, its columns, the reader of its
/// rows, and where the rows go in the model. The registry is `DataSheets.all`.
struct DataSheet: Sendable {
    /// The file name without its extension: `assessments` reads `data/assessments.csv`.
    var name: String
    /// The columns, in the order messages list them; some may come from site.yaml.
    var columns: @Sendable (SiteConfig) -> [SheetColumn]
    private var readRows: @Sendable (_ table: SheetTable, _ columns: [String: Int], _ context: SheetContext,
                                     _ diagnostics: inout Diagnostics) -> SheetRows?

    /// - Parameters:
    ///   - reader: reads one row at a time (a new one per file).
    ///   - rows: where the rows go; rows of several files of one sheet are appended in turn.
    init<Reader: SheetRowReader>(_ name: String, columns: @escaping @Sendable (SiteConfig) -> [SheetColumn],
                                 reader: Reader.Type, into rows: WritableKeyPath<SiteContent, [Reader.Row]> & Sendable) {
        self.name = name
        self.columns = columns
        readRows = { table, columns, context, diagnostics in
            let width = table.header?.cells.count ?? 0
            var reader = Reader(context, diagnostics: &diagnostics)
            var read: [Reader.Row] = []
            read.reserveCapacity(table.dataRows.count)
            for row in table.dataRows {
                guard row.cells.count == width else {
                    diagnostics.error(row.location, "这一行有 \(row.cells.count) 格，表头有 \(width) 格；请检查是否多了或少了逗号",
                                      en: "row has \(row.cells.count) cells but the header has \(width)")
                    continue
                }
                if let typed = reader?.read(SheetRecord(row: row, columns: columns), diagnostics: &diagnostics) { read.append(typed) }
            }
            guard reader != nil else { return nil }
            return SheetRows(sheet: name, count: read.count) { [read] content in content[keyPath: rows].append(contentsOf: read) }
        }
    }

    /// The format of `data/<fileName>` when it is this sheet's file, else nil.
    func format(ofFile fileName: String) -> SheetFormat? {
        guard fileName.hasPrefix(name), fileName.dropFirst(name.count).first == "." else { return nil }
        return SheetFormat.named(fileName.dropFirst(name.count + 1))
    }

    /// Reads one file of this sheet; nil when nothing in it can be used (the problems are reported).
    func read(path: String, bytes: [UInt8], config: SiteConfig, units: UnitDirectory,
              diagnostics: inout Diagnostics) -> SheetRows? {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard let format = format(ofFile: fileName),
              let table = format.read(path, bytes, &diagnostics) else { return nil }
        return read(table, config: config, units: units, diagnostics: &diagnostics)
    }

    /// Reads rows from any format: the header is checked against the columns, then each row is read.
    func read(_ table: SheetTable, config: SiteConfig, units: UnitDirectory, diagnostics: inout Diagnostics) -> SheetRows? {
        let columns = columns(config)
        let table = StaffLayout.normalize(table, columns: columns, config: config, diagnostics: &diagnostics)
        let required = columns.filter(\.isRequired).map(\.name)
        let known = required + columns.filter { !$0.isRequired }.map(\.name)
        guard let header = table.header else {
            diagnostics.error(table.start, "表格是空的；第一行要写列名：\(required.joined(separator: ","))",
                              en: "the file is empty; the first row must name the columns: \(required.joined(separator: ","))")
            return nil
        }
        var positions: [String: Int] = [:]
        var ok = true
        let headers = NameTable.columns(known, config: config)
        for (index, cell) in header.cells.enumerated() {
            guard let name = headers.resolve(cell.text, at: cell.location, diagnostics: &diagnostics) else {
                ok = false
                continue
            }
            if positions[name] != nil {
                diagnostics.error(cell.location, "“\(name)”这一列出现了两次；请删掉一列", en: "column \"\(name)\" appears twice")
                ok = false
            } else {
                positions[name] = index
            }
        }
        for name in required where positions[name] == nil {
            diagnostics.error(header.location, "缺少“\(name)”这一列；请在表头加上", en: "missing column \"\(name)\"")
            ok = false
        }
        guard ok else { return nil }
        let context = SheetContext(path: table.path, config: config, units: units, rowNoun: table.rowNoun)
        return readRows(table, positions, context, &diagnostics)
    }
}

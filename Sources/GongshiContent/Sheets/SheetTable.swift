import GongshiModel

/// One cell of a data file, as written (not trimmed), and where it is.
struct SheetCell: Sendable {
    var text: String
    /// CSV: the row's line and the cell's character column. A spreadsheet reader gives its own positions.
    var location: SourceLocation
}

/// One row of a data file.
struct SheetRow: Sendable {
    var cells: [SheetCell]
    /// Where the row starts; problems with the row as a whole point here (CSV: line, column 1).
    var location: SourceLocation
    /// The row's number as messages give it ("first on line 4"), with `SheetTable.rowNoun`.
    var number: Int
}

/// The rows of one data file, whatever its format: what a `SheetFormat` reads
/// and every `DataSheet` consumes. The first row is the header.
struct SheetTable: Sendable {
    var path: String
    /// Header first, then the data rows; blank rows are left out.
    var rows: [SheetRow]
    /// Where the header is, or would be in an empty file.
    var start: SourceLocation
    /// How messages name a row's position ("first on line 4").
    var rowNoun: String

    var header: SheetRow? { rows.first }
    var dataRows: ArraySlice<SheetRow> { rows.dropFirst() }
}

/// A file format data rows are read from: CSV or an Excel workbook. Every sheet
/// can be read from each of them.
struct SheetFormat: Sendable {
    /// The file name's extension, without the dot.
    var fileExtension: String
    /// The file's rows, or nil after reporting why the file cannot be read at all.
    var read: @Sendable (_ path: String, _ bytes: [UInt8], _ diagnostics: inout Diagnostics) -> SheetTable?

    static let all: [SheetFormat] = [.csv, .xlsx]

    static func named(_ fileExtension: Substring) -> SheetFormat? {
        all.first { $0.fileExtension == fileExtension }
    }

    /// UTF-8 (with or without BOM) or GB18030, RFC 4180 (see `CSVParser`).
    static let csv = SheetFormat(fileExtension: "csv") { path, bytes, diagnostics in
        let text: String
        // Excel's "Unicode 文本" is UTF-16 with a BOM (and tabs): not a CSV Gongshi can read.
        if TextDecoding.isUTF16(bytes) {
            let fileName = path.split(separator: "/").last.map(String.init) ?? path
            diagnostics.error(SourceLocation(path: path), "这是 UTF-16（“Unicode 文本”）文件，不是 CSV；" + XLSXReader.resave(fileName),
                              en: "this is a UTF-16 (\"Unicode Text\") file, not a CSV file; " + XLSXReader.resave(fileName, in: .english))
            return nil
        }
        switch TextDecoding.csv(bytes) {
        case .success(let decoded): text = decoded.text
        case .failure(.invalidUTF8(let line, let column)):
            diagnostics.error(SourceLocation(path: path, line: line, column: column), "文件既不是 UTF-8 也不是 GB18030 编码的文字；请在 Excel 或 WPS 里“另存为”CSV UTF-8，或直接存为 .xlsx",
                              en: "the file is neither UTF-8 nor GB18030 text")
            return nil
        }
        let rows = CSVParser.parse(text, path: path, diagnostics: &diagnostics)
        return SheetTable(path: path, rows: rows, start: SourceLocation(path: path, line: 1, column: 1), rowNoun: "line")
    }
}

extension SheetFormat {
    /// An Excel workbook (Excel, WPS, LibreOffice): its first worksheet (see `XLSXReader`).
    static let xlsx = SheetFormat(fileExtension: "xlsx") { path, bytes, diagnostics in
        XLSXReader.read(path: path, bytes: bytes, diagnostics: &diagnostics)
    }
}

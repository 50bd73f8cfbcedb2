import GongshiModel

/// RFC 4180: comma separated, `"` quoting with `""` for a quote, line breaks
/// allowed inside quotes. Input has `\n` line endings. Blank lines are skipped.
/// Each cell is located where it starts (1-based line and column, columns
/// counted in characters); each row at its first line, column 1.
enum CSVParser {
    static func parse(_ text: String, path: String, diagnostics: inout Diagnostics) -> [SheetRow] {
        var records: [SheetRow] = []
        var fields: [SheetCell] = []
        var field = String.UnicodeScalarView()
        var line = 1, column = 1
        var fieldLine = 1, fieldColumn = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false, afterClosingQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endField() {
            fields.append(SheetCell(text: String(field), location: SourceLocation(path: path, line: fieldLine, column: fieldColumn)))
            field = String.UnicodeScalarView()
            wasQuoted = false; afterClosingQuote = false
        }

        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].text.isEmpty
            if !blank { records.append(SheetRow(cells: fields, location: SourceLocation(path: path, line: recordLine, column: 1), number: recordLine)) }
            // Rows are usually as wide as the last one: one allocation per row instead of growing 1, 2, 4 ….
            let width = fields.count
            fields = []
            fields.reserveCapacity(width)
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    column += 1
                    let next = scalars.next()
                    if next == "\"" { field.append("\""); column += 1; continue }
                    inQuotes = false; afterClosingQuote = true
                    pending = next
                    continue
                }
                field.append(scalar)
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                continue
            }
            switch scalar {
            case ",":
                endField()
                column += 1
                fieldLine = line; fieldColumn = column
            case "\n":
                endRecord()
                line += 1; column = 1
                fieldLine = line; fieldColumn = 1; recordLine = line
            case "\"" where field.isEmpty && !wasQuoted && !afterClosingQuote:
                inQuotes = true; wasQuoted = true
                column += 1
            default:
                if afterClosingQuote {
                    diagnostics.error(SourceLocation(path: path, line: line, column: column),
                                      "结束的英文引号后面还有文字；格子用英文引号括起来时，结束的引号要在格子的最后，格子里要写英文引号请连写两个（\"\"）",
                                      en: "text after a closing quote; write a quote inside a quoted cell as \"\"")
                    afterClosingQuote = false
                }
                field.append(scalar)
                column += 1
            }
        }
        if inQuotes {
            diagnostics.error(SourceLocation(path: path, line: fieldLine, column: fieldColumn),
                              "这一格以英文引号“\"”开头，但一直到文件末尾都没有结束的引号；请在这一格内容的后面补上一个英文引号",
                              en: "quoted cell is never closed")
        }
        if !field.isEmpty || !fields.isEmpty || wasQuoted { endRecord() }
        return records
    }
}

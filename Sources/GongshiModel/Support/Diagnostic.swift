/// Where a value came from: a path relative to the content folder, 1-based
/// line and column (0 when not known; printed as 1:1 so every message has the
/// same `path:line:column:` shape for editors and scripts).
///
/// A spreadsheet cell also has `cell`, its reference (`Sheet1!D7`): it is then
/// printed as `path:Sheet1!D7`, and `line`/`column` hold its row and column
/// numbers (D7: 7 and 4), so problems still sort by path, row and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// A spreadsheet cell's reference, sheet and A1 address (`Sheet1!D7`); nil for text files.
    public var cell: String?

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path; self.line = line; self.column = column
    }

    /// A spreadsheet cell: `row` and `column` are 1-based (D7 is row 7, column 4).
    public init(path: String, sheet: String, row: Int, column: Int) {
        self.init(path: path, line: row, column: column)
        cell = Self.cellReference(sheet: sheet, row: row, column: column)
    }

    /// `Sheet1!D7`; a sheet name with spaces or punctuation is quoted as Excel does (`'My Sheet'!D7`).
    public static func cellReference(sheet: String, row: Int, column: Int) -> String {
        let plain = !sheet.isEmpty && sheet.unicodeScalars.allSatisfy {
            $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "."
        }
        let name = plain ? sheet : "'" + sheet.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        return name + "!" + columnName(column) + String(row)
    }

    /// 1 → A, 26 → Z, 27 → AA.
    public static func columnName(_ column: Int) -> String {
        var n = max(column, 1), letters: [Character] = []
        while n > 0 {
            let digit = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }

    public var description: String {
        if let cell { return "\(path):\(cell)" }
        return "\(path):\(max(line, 1)):\(max(column, 1))"
    }
}

/// One problem found in the content.
///
/// `message` is the Chinese text (Chinese is the default language). `english` is the same
/// message in English, for `--lang en`; nil where no English text has been written yet, and
/// then `message` is printed in both languages. Messages not yet moved to Chinese still have
/// their English text in `message` and no `english` (see docs/architecture.md, "Messages").
public struct Diagnostic: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var english: String?

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String, en english: String? = nil) {
        self.severity = severity; self.location = location; self.message = message; self.english = english
    }

    public static func error(_ location: SourceLocation, _ message: String, en english: String) -> Diagnostic {
        Diagnostic(.error, location, message, en: english)
    }

    public static func warning(_ location: SourceLocation, _ message: String, en english: String) -> Diagnostic {
        Diagnostic(.warning, location, message, en: english)
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.message) < (b.location, b.message)
    }

    /// The text in `language`: the English text when English is chosen and there is one, else `message`.
    public func message(in language: Language) -> String {
        language == .english ? english ?? message : message
    }

    /// `path:line:column: error: message` in `language`; the prefix is the same in every language.
    public func description(in language: Language) -> String {
        "\(location): \(severity.rawValue): \(message(in: language))"
    }

    /// `path:line:column: error: message`, in Chinese.
    public var description: String { description(in: .chinese) }
}

/// Collects problems so one run reports all of them.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    /// An error: its Chinese text and, for `--lang en`, its English text.
    public mutating func error(_ location: SourceLocation, _ message: String, en english: String) {
        all.append(.error(location, message, en: english))
    }

    /// A warning: its Chinese text and, for `--lang en`, its English text.
    public mutating func warning(_ location: SourceLocation, _ message: String, en english: String) {
        all.append(.warning(location, message, en: english))
    }

    public mutating func append(contentsOf other: [Diagnostic]) { all.append(contentsOf: other) }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }

    /// Sorted by path, line and column, duplicates removed.
    public var sorted: [Diagnostic] { Array(Set(all)).sorted() }
}

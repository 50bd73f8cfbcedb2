import GongshiModel
import Yams

/// Mistakes that people typing Chinese make in YAML, found on the text before libyaml sees it,
/// so the message names the mistake at its own line and column instead of libyaml's "could not
/// find expected ':'" a line later:
///
/// - a full-width colon `：` as the key separator (`title：标题`);
/// - a tab or a full-width space U+3000 in the indentation;
/// - zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF), anywhere;
/// - no space after the key's colon (`title:标题`).
///
/// Lines inside a block scalar (`|`, `>`) or continuing a value on the lines below its key
/// are text, not structure, and are only checked for zero-width characters. Columns count
/// Unicode scalars from 1, as libyaml's marks do.
enum YAMLPrecheck {
    struct Problem: Equatable {
        /// 1-based, in the YAML text.
        var line: Int
        var column: Int
        /// Chinese; `english` is the same for `--lang en`.
        var message: String
        var english: String
    }

    static let fullWidthColonFix = "把中文冒号“：”改为英文冒号“:”"
    static let fullWidthColonFixEnglish = "replace the full-width colon \"：\" with \":\""
    static let indentationFix = "缩进请用空格，不要用 Tab 或全角空格"
    static let indentationFixEnglish = "indent with spaces, not with tabs or full-width spaces"

    static func problems(in text: String) -> [Problem] {
        var problems: [Problem] = []
        // Lines more indented than this (or blank) continue a value: text, not structure.
        var continuation: Int? = nil
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let s = Array(line.unicodeScalars)
            for (index, scalar) in s.enumerated() where isZeroWidth(scalar, in: s, at: index) {
                var code = String(scalar.value, radix: 16, uppercase: true)
                code = "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
                problems.append(Problem(line: lineNumber, column: index + 1, message: "删除看不见的零宽字符（\(code)）",
                                        english: "delete the invisible zero-width character (\(code))"))
            }
            let spaces = s.prefix { $0 == " " }.count
            let blank = s.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if let indent = continuation {
                if blank || spaces > indent { continue }
                continuation = nil
            }
            if blank { continue }
            // The indentation: spaces, and the tabs and U+3000 that should have been spaces.
            var start = 0
            while start < s.count, s[start] == " " || s[start] == "\t" || s[start] == "\u{3000}" { start += 1 }
            if let bad = s[..<start].firstIndex(where: { $0 != " " }) {
                problems.append(Problem(line: lineNumber, column: bad + 1, message: indentationFix, english: indentationFixEnglish))
            }
            guard start < s.count else { continue }
            // `- ` item markers before a key.
            var keyStart = start
            var isItem = false
            while keyStart < s.count, s[keyStart] == "-", keyStart + 1 == s.count || s[keyStart + 1] == " " {
                isItem = true
                keyStart += 1
                while keyStart < s.count, s[keyStart] == " " { keyStart += 1 }
            }
            guard keyStart < s.count else { continue }
            let first = s[keyStart]
            if first == "#" || (start == 0 && (line.hasPrefix("---") || line.hasPrefix("..."))) { continue }
            if "\"'[{|>!&*%@`".unicodeScalars.contains(first) {
                // A value with no key (a list item, a document): may go on below.
                continuation = start
                continue
            }
            // The first separator: `: `, `:` at the end, `：`, or `:` glued to what follows.
            var index = keyStart
            var found = false
            while index < s.count {
                let c = s[index]
                if c == " ", index + 1 < s.count, s[index + 1] == "#" { break }  // a comment
                if c == ":" {
                    let next = index + 1 < s.count ? s[index + 1] : nil
                    let key = String(String.UnicodeScalarView(s[keyStart..<index]))
                    if next == nil || next == " " || next == "\t" {
                        let rest = s[(index + 1)...].drop { $0 == " " || $0 == "\t" }
                        let hasValue = !(rest.isEmpty || rest.first == "#")
                        continuation = hasValue ? keyStart : nil
                        found = true
                    } else if isKeyLike(key), next != "/", next != ":" {
                        let value = String(String.UnicodeScalarView(s[(index + 1)...].drop { $0 == "\u{3000}" }))
                        let problem = next == "\u{3000}"
                            ? Problem(line: lineNumber, column: index + 1, message: "冒号后要加一个英文空格，不要用全角空格：\(key): \(value)",
                                      english: "put a plain space after the colon, not a full-width space: \(key): \(value)")
                            : Problem(line: lineNumber, column: index + 1, message: "冒号后要加一个空格：\(key): \(value)",
                                      english: "put a space after the colon: \(key): \(value)")
                        problems.append(problem)
                        continuation = keyStart
                        found = true
                    }
                    break
                }
                if c == "\u{FF1A}" {
                    let key = s[keyStart..<index]
                    let keyText = String(String.UnicodeScalarView(key))
                    let plausible = !key.isEmpty && !key.contains(" ") && !key.contains("\u{3000}")
                        && (isKeyLike(keyText) || (!isItem && key.count <= 12))
                    if plausible {
                        problems.append(Problem(line: lineNumber, column: index + 1, message: fullWidthColonFix, english: fullWidthColonFixEnglish))
                        continuation = keyStart
                        found = true
                    }
                    break
                }
                index += 1
            }
            if !found, isItem { continuation = start }
        }
        return problems
    }

    /// `title`, `short_name`, `figure-2`: the keys of the format.
    static func isKeyLike(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") }
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar, in line: [Unicode.Scalar], at index: Int) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x2060, 0xFEFF: return true
        case 0x200D:
            // Joining two emoji (a family, a flag) is what U+200D is for.
            func isEmoji(_ i: Int) -> Bool { i >= 0 && i < line.count && (line[i].value >= 0x1F000 || (0x2600...0x27BF).contains(line[i].value)) }
            return !(isEmoji(index - 1) && (isEmoji(index + 1) || (index + 1 < line.count && line[index + 1].value == 0xFE0F)))
        default: return false
        }
    }

    // MARK: - Folding between Chinese characters

    /// YAML folds a plain value written on several lines into one line with a space at each
    /// break: right for English, wrong between two Chinese characters (`关于开展 学习活动`).
    /// Those spaces are removed; a space written inside a line stays.
    static func joinFoldedCJK(_ node: Node, lines: [[Unicode.Scalar]]) -> Node {
        switch node {
        case .scalar(var scalar):
            guard scalar.style == .plain, let mark = scalar.mark, scalar.string.unicodeScalars.contains(" "),
                  let joined = rejoin(scalar.string, line: mark.line - 1, column: mark.column - 1, lines: lines) else { return node }
            scalar.string = joined
            return .scalar(scalar)
        case .mapping(var mapping):
            for index in mapping.indices {
                let pair = mapping[index]
                mapping[index] = (pair.key, joinFoldedCJK(pair.value, lines: lines))
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices { sequence[index] = joinFoldedCJK(sequence[index], lines: lines) }
            return .sequence(sequence)
        default:
            return node
        }
    }

    /// The value with the fold spaces between CJK characters removed, or nil when it was not
    /// folded there (or the source lines do not give it back exactly).
    private static func rejoin(_ value: String, line: Int, column: Int, lines: [[Unicode.Scalar]]) -> String? {
        guard line >= 0, line < lines.count, column >= 0, column <= lines[line].count else { return nil }
        func trimmed(_ part: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
            var part = part
            while let f = part.first, f == " " || f == "\t" { part = part.dropFirst() }
            while let l = part.last, l == " " || l == "\t" || l == "\r" { part = part.dropLast() }
            return part
        }
        let target = Array(value.unicodeScalars)
        var segments = [trimmed(lines[line][column...])]
        var length = segments[0].count
        var next = line + 1
        while length < target.count {
            guard next < lines.count else { return nil }
            let segment = trimmed(lines[next][...])
            guard !segment.isEmpty else { return nil }
            segments.append(segment)
            length += 1 + segment.count
            next += 1
        }
        guard segments.count > 1, length == target.count,
              Array(segments.map(Array.init).joined(separator: [" "])) == target else { return nil }
        var result = String.UnicodeScalarView()
        var changed = false
        for (index, segment) in segments.enumerated() {
            if index > 0 {
                if let last = segments[index - 1].last, let first = segment.first, isCJK(last), isCJK(first) {
                    changed = true
                } else {
                    result.append(" ")
                }
            }
            result.append(contentsOf: segment)
        }
        return changed ? String(result) : nil
    }

    /// Han, kana, hangul, CJK and full-width punctuation.
    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2E80...0x2FDF, 0x3000...0x303F, 0x3040...0x30FF, 0x3100...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    // MARK: - A value cut by a comment

    /// `title: 标题 #2`: YAML takes ` #2` for a comment, and the page would say "标题".
    static func checkCommentCut(_ keys: [String], in fields: FieldReader, yaml: String, diagnostics: inout Diagnostics) {
        var lines: [Substring]? = nil
        for key in keys {
            guard let node = fields.value(key), case .scalar(let scalar) = node, scalar.style == .plain, let mark = scalar.mark else { continue }
            if lines == nil { lines = yaml.split(separator: "\n", omittingEmptySubsequences: false) }
            guard let lines, mark.line >= 1, mark.line <= lines.count else { continue }
            let s = Array(lines[mark.line - 1].unicodeScalars)
            let start = mark.column - 1
            guard start >= 0, start < s.count else { continue }
            var index = start
            while index + 1 < s.count, !(s[index] == " " && s[index + 1] == "#") && !(s[index] == "\t" && s[index + 1] == "#") { index += 1 }
            guard index + 1 < s.count else { continue }
            let written = String(String.UnicodeScalarView(s[start...])).trimmingTrailingSpaces()
            let hash = index + 1
            let escaped = written.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let source = fields.source
            let location = SourceLocation(path: source.path, line: source.firstLine + mark.line - 1, column: hash + 1 + source.columnOffset)
            diagnostics.error(location, "“\(key)”在“ #”处被截断了（YAML 把 # 及后面的字当作注释），页面上只会显示“\(scalar.string)”；请给整个值加上英文引号：\(key): \"\(escaped)\"",
                              en: "\"\(key)\" is cut at \" #\" (YAML takes # and what follows for a comment), so the page would show only \"\(scalar.string)\"; put the whole value in double quotes: \(key): \"\(escaped)\"")
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text = text.dropLast() }
        return String(text)
    }
}

import GongshiModel
import Yams

/// YAML text with the file position of its first line, so every node maps
/// back to `path:line:column` in the file the staff edit.
struct YAMLSource {
    let path: String
    /// File line of the YAML's line 1.
    let firstLine: Int
    /// File column added to columns on the YAML's lines (for YAML indented inside a file).
    let columnOffset: Int

    init(path: String, firstLine: Int = 1, columnOffset: Int = 0) {
        self.path = path; self.firstLine = firstLine; self.columnOffset = columnOffset
    }

    func location(_ mark: Mark?) -> SourceLocation {
        guard let mark else { return SourceLocation(path: path, line: firstLine, column: 1) }
        return SourceLocation(path: path, line: firstLine + mark.line - 1, column: mark.column + columnOffset)
    }

    func location(_ node: Node) -> SourceLocation { location(node.mark) }

    /// The document's root node, or nil with the YAML error reported at its position.
    func compose(_ text: String, diagnostics: inout Diagnostics) -> Node? {
        // The mistakes of Chinese typing are named at their own place; libyaml's message for
        // them (often a line late) would only confuse, so it is not given.
        let problems = YAMLPrecheck.problems(in: text)
        if !problems.isEmpty {
            for problem in problems {
                diagnostics.error(SourceLocation(path: path, line: firstLine + problem.line - 1, column: problem.column + columnOffset),
                                  problem.message, en: problem.english)
            }
            return nil
        }
        do {
            // The basic resolver: values are typed here, not by YAML's regex rules (which also made
            // Yams' duplicate-key check slow); an explicit encoding skips an environment lookup per call.
            guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return nil }
            // Only a value written over several lines can have a fold between Chinese characters.
            guard text.utf8.contains(0x0A), text.utf8.contains(where: { $0 >= 0xE0 }) else { return root }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            return YAMLPrecheck.joinFoldedCJK(root, lines: lines)
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let detail = context.map { "\($0.text) " } ?? ""
                invalid("\(detail)\(problem)", at: location(mark), &diagnostics)
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.sorted()
                diagnostics.error(location(context.mark),
                                  "字段\(keys.map { "“\($0)”" }.joined(separator: "、"))写了不止一次；同一个字段只能写一次，请删掉多余的",
                                  en: "duplicate key \(keys.map { "\"\($0)\"" }.joined(separator: ", "))")
            case .reader(let problem, _, _, _):
                invalid(problem, at: location(nil), &diagnostics)
            default:
                invalid("\(error)", at: location(nil), &diagnostics)
            }
            return nil
        } catch {
            invalid("\(error)", at: location(nil), &diagnostics)
            return nil
        }
    }

    /// libyaml's own (English) description, after a Chinese prefix and before the fix.
    private func invalid(_ problem: String, at location: SourceLocation, _ diagnostics: inout Diagnostics) {
        diagnostics.error(location, "YAML 格式有误：\(problem)；请检查这一行和上一行的缩进、冒号，以及引号、括号是否成对",
                          en: "invalid YAML: \(problem)")
    }
}

/// Reads typed fields out of a YAML mapping, reporting every problem at the
/// value's own position.
struct FieldReader {
    let source: YAMLSource
    let node: Node
    /// What the mapping is, for messages: "front matter", "site.yaml", "item 3".
    let what: String
    private(set) var pairs: [(key: String, keyNode: Node, value: Node)] = []

    init?(_ node: Node?, source: YAMLSource, what: String, diagnostics: inout Diagnostics, at fallback: SourceLocation? = nil) {
        guard let node, case .mapping(let mapping) = node else {
            let place = node.map { source.location($0) } ?? fallback ?? source.location(nil)
            diagnostics.error(place, "\(Self.chinese(what))应当是一行一个“字段: 值”；请检查缩进和冒号",
                              en: "\(what) must be a mapping of \"key: value\" lines")
            return nil
        }
        self.source = source; self.node = node; self.what = what
        var seen: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                diagnostics.error(source.location(keyNode), "\(Self.chinese(what))里的字段名只能是简单的名字（例如 title）",
                                  en: "keys in \(what) must be plain names")
                continue
            }
            if let first = seen[key] {
                let firstLine = source.location(first).line
                diagnostics.error(source.location(keyNode), "字段“\(key)”写了两次（第一次在第 \(firstLine) 行）；请删掉一个",
                                  en: "duplicate key \"\(key)\" (first given on line \(firstLine))")
                continue
            }
            seen[key] = keyNode
            pairs.append((key, keyNode, value))
        }
    }

    var location: SourceLocation { source.location(node) }

    /// `what` in Chinese, for the Chinese messages (the English name where none is known).
    static func chinese(_ what: String) -> String {
        switch what {
        case "the front matter": return "开头的字段（front matter）"
        case "the plan": return "整改方案"
        case "a stage": return "整改阶段"
        case "figures": return "figures（活动数据）"
        case "scoring": return "scoring（考核设置）"
        case "a category": return "类别"
        case "a period": return "考核期"
        case "activity_kinds": return "activity_kinds（活动类型）"
        case "a scoring component": return "考核项目"
        case "events": return "events（值班事项）"
        case "supervision": return "supervision（监督联系方式）"
        case "public_period": return "public_period（公示期）"
        case "slips": return "slips（督办单）"
        case "review": return "review（复查）"
        default:
            if what.hasPrefix("item ") { return "第 \(what.dropFirst(5)) 项" }
            if what.hasPrefix("history entry ") { return "history 第 \(what.dropFirst(14)) 条" }
            // `activity kind "donation"`: the quoted id as written in site.yaml.
            for (english, chinese) in [("activity kind ", "活动类型"), ("figures of ", "活动类型"), ("duty event ", "值班事项")]
            where what.hasPrefix(english + "\"") && what.hasSuffix("\"") && what.count > english.count + 1 {
                let id = what.dropFirst(english.count + 1).dropLast()
                return english == "figures of " ? "\(chinese)“\(id)”的 figures（活动数据）" : "\(chinese)“\(id)”"
            }
            return what
        }
    }

    /// The value of a key; a YAML null (`key:` with nothing after it) counts as absent.
    func value(_ key: String) -> Node? {
        guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
        if case .scalar(let scalar) = pair.value, scalar.style == .plain, Self.isNull(scalar.string) { return nil }
        return pair.value
    }

    func location(of key: String) -> SourceLocation {
        value(key).map { source.location($0) } ?? location
    }

    static func isNull(_ text: String) -> Bool { text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL" }

    private func missing(_ key: String, _ diagnostics: inout Diagnostics) {
        diagnostics.error(location, "\(Self.chinese(what))缺少必填字段“\(key)”；请加一行 \(key): …",
                          en: "\(what) is missing the required field \"\(key)\"")
    }

    /// Reports keys that are not allowed, with a suggestion for near misses.
    func checkKeys(_ allowed: [String], severity: Diagnostic.Severity, diagnostics: inout Diagnostics) {
        for pair in pairs where !allowed.contains(pair.key) {
            var message = "unknown field \"\(pair.key)\" in \(what)"
            var chinese = "\(Self.chinese(what))里没有“\(pair.key)”这个字段"
            if let suggestion = Suggest.closest(to: pair.key, in: allowed) {
                message += "; did you mean \"\(suggestion)\"?"
                chinese += "；是不是 \(suggestion)？"
            } else {
                chinese += severity == .error ? "；请删掉这一行" : "，已忽略"
            }
            if severity == .error {
                diagnostics.error(source.location(pair.keyNode), chinese, en: message)
            } else {
                diagnostics.warning(source.location(pair.keyNode), chinese, en: message)
            }
        }
    }

    func scalarText(_ node: Node, key: String, diagnostics: inout Diagnostics) -> String? {
        guard let scalar = node.scalar else {
            diagnostics.error(source.location(node), "“\(key)”只能写一个值，不能是列表或几行字段",
                              en: "\"\(key)\" must be a single value, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        guard let text = scalarText(node, key: key, diagnostics: &diagnostics) else { return nil }
        let trimmed = text.trimmed()
        if trimmed.isEmpty {
            if required { diagnostics.error(source.location(node), "“\(key)”不能是空的", en: "\"\(key)\" must not be empty") }
            return nil
        }
        return trimmed
    }

    /// A text value kept as written (multi-line measures).
    func text(_ key: String, diagnostics: inout Diagnostics) -> String? {
        guard let node = value(key) else { return nil }
        return scalarText(node, key: key, diagnostics: &diagnostics)
    }

    func identifier(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let text = string(key, required: required, diagnostics: &diagnostics) else { return nil }
        guard Identifier.isValid(text) else {
            diagnostics.error(location(of: key), "“\(key)”要写编号：只能用小写字母、数字和“-”（写的是“\(text)”）",
                              en: "\"\(key)\" must be an id of lowercase letters, digits and \"-\" (got \"\(text)\")")
            return nil
        }
        return text
    }

    func date(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> CalendarDate? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        guard let text = scalarText(node, key: key, diagnostics: &diagnostics) else { return nil }
        return Self.parseDate(text, key: key, at: source.location(node), diagnostics: &diagnostics)
    }

    static func parseDate(_ text: String, key: String, at location: SourceLocation, diagnostics: inout Diagnostics) -> CalendarDate? {
        switch StaffForms.date(text.trimmed()) {
        case .success(let date): return date
        case .failure(let failure):
            diagnostics.error(location, "\(key)：\(failure.message)", en: "\(key): \(failure.english)")
            return nil
        }
    }

    func decimal(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> ExactDecimal? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        guard let text = scalarText(node, key: key, diagnostics: &diagnostics) else { return nil }
        switch StaffForms.number(text.trimmed()) {
        case .success(let number): return number
        case .failure(let failure):
            diagnostics.error(source.location(node), "\(key)：\(failure.message)", en: "\(key): \(failure.english)")
            return nil
        }
    }

    func integer(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Int? {
        guard let node = value(key) else {
            if required { missing(key, &diagnostics) }
            return nil
        }
        guard let text = scalarText(node, key: key, diagnostics: &diagnostics) else { return nil }
        if let number = Int(text.trimmed()) { return number }
        switch StaffForms.number(text.trimmed()) {
        case .success(let number) where number.scale == 0 || number == number.rounded(toScale: 0):
            return number.rounded(toScale: 0).significand
        case .success:
            diagnostics.error(source.location(node), "\(key)：“\(text.trimmed())”要写整数", en: "\(key): \"\(text.trimmed())\" must be a whole number")
        case .failure(let failure):
            diagnostics.error(source.location(node), "\(key)：\(failure.message)", en: "\(key): \(failure.english)")
        }
        return nil
    }

    func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let text = scalarText(node, key: key, diagnostics: &diagnostics) else { return nil }
        switch text {
        case "true", "True", "TRUE", "yes", "Yes": return true
        case "false", "False", "FALSE", "no", "No": return false
        default:
            diagnostics.error(source.location(node), "“\(key)”只能写 true 或 false（写的是“\(text)”）",
                              en: "\"\(key)\" must be true or false (got \"\(text)\")")
            return nil
        }
    }

    /// A list of strings; a single string counts as a list of one.
    func stringList(_ key: String, diagnostics: inout Diagnostics) -> [String] {
        guard let node = value(key) else { return [] }
        switch node {
        case .scalar(let scalar):
            let text = scalar.string.trimmed()
            return text.isEmpty ? [] : [text]
        case .sequence(let sequence):
            var result: [String] = []
            for element in sequence {
                if let text = element.scalar?.string.trimmed() {
                    if !text.isEmpty { result.append(text) }
                } else {
                    diagnostics.error(source.location(element), "“\(key)”的每一项都要是一段文字", en: "\"\(key)\" must be a list of texts")
                }
            }
            return result
        default:
            diagnostics.error(source.location(node), "“\(key)”要写成一段文字或文字的列表（[甲, 乙]）", en: "\"\(key)\" must be a list of texts")
            return []
        }
    }
}

public enum Identifier {
    /// `[a-z0-9][a-z0-9-]*`
    public static func isValid(_ text: some StringProtocol) -> Bool {
        guard let first = text.utf8.first, isLowerOrDigit(first) else { return false }
        return text.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

public enum Suggest {
    /// The candidate within a small edit distance (`limit`; by default a third of the word, 1 to 3), for "did you mean" hints.
    public static func closest(to word: String, in candidates: some Sequence<String>, limit: Int? = nil) -> String? {
        let limit = limit ?? max(1, min(3, word.count / 3))
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = distance(Array(word), Array(candidate))
            if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) { best = (candidate, d) }
        }
        return best?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

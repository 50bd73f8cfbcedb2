/// The check a theme gets when it is loaded: every name a template reads, and every
/// transform it applies, must make sense for the context its page is rendered with
/// (`TemplateValues`). Without it, a misspelt name renders as nothing.
///
/// The walk follows the renderer step for step: the same context stack (inside
/// `{{#list}}` the item's fields come first and outer names still resolve; a flag
/// section pushes nothing; any other value is pushed), the same partials (checked with
/// the stack of each place that includes them), the same parents and block overrides
/// (an override is checked where the parent places it, and reported in the file that
/// wrote it), and loop properties (`first()`, `index()` …) only inside a list.
struct TemplateProblem: Hashable, Sendable {
    /// The template whose file holds the tag.
    var template: String
    var line: Int
    var column: Int
    /// Chinese; `english` is the same for `--lang en`.
    var message: String
    var english: String
}

extension TemplateLibrary {
    /// Problems of the templates in `shapes` (those this library has) and of everything they include,
    /// sorted by template, line and column. Call only when `problems()` found none (no cycles).
    func check(_ shapes: [String: TemplateShape]) -> [TemplateProblem] {
        var checker = TemplateChecker(library: self)
        for (name, shape) in shapes.sorted(by: { $0.key < $1.key }) {
            guard let template = templates[name] else { continue }
            checker.page = name
            var state = TemplateChecker.State(stack: [shape], inLoop: false, file: name, blocks: [:], including: [name])
            checker.walk(template.nodes, &state)
        }
        return checker.problems()
    }
}

struct TemplateChecker {
    let library: TemplateLibrary
    /// The template being checked, whose context is at the bottom of the stack.
    var page = ""
    /// Problems by place and message, with the pages where they occur (a partial's problem may occur on several).
    var found: [Key: (english: String, hint: Text, pages: [String])] = [:]
    /// The pages each template file is checked for (itself, or the pages that include it).
    var reached: [String: Set<String>] = [:]

    struct Key: Hashable { var file: String; var line: Int; var column: Int; var message: String }

    /// A part of a message, in Chinese and in English.
    struct Text {
        var chinese: String
        var english: String
        init(_ chinese: String, en english: String) { self.chinese = chinese; self.english = english }
    }

    struct State {
        var stack: [TemplateShape]
        var inLoop: Bool
        /// The template whose nodes are being walked (for locations).
        var file: String
        var blocks: [String: (nodes: [Template.Node], file: String)]
        /// Partials and parents being walked, against cycles.
        var including: [String]
    }

    init(library: TemplateLibrary) { self.library = library }

    mutating func walk(_ nodes: [Template.Node], _ state: inout State) {
        reached[state.file, default: []].insert(page)
        for node in nodes {
            switch node {
            case .text:
                break
            case .variable(let expression, _):
                guard let shape = evaluate(expression, state) else { continue }
                switch shape.required {
                case .list, .object:
                    let section = "{{#\(expression.source)}}…{{/\(expression.source)}}"
                    report(expression, state, Text("值（value）\"\(expression.source)\" 是\(shape.kindName)，不能直接输出",
                                                   en: "the value \"\(expression.source)\" is \(shape.englishKindName), which cannot be output directly"),
                           hint: Text("用 \(section) 逐项输出其中的值", en: "use \(section) to output the values in it"))
                default: break
                }
            case .section(let expression, let inverted, let children):
                let shape = evaluate(expression, state)
                if inverted {
                    walk(children, &state)
                    continue
                }
                // An unknown value (reported): the renderer never renders the content, so neither is it checked
                // (that would report every name inside again).
                guard let shape else { continue }
                switch shape.required {
                case .flag:
                    walk(children, &state)
                case .list(let item):
                    let wasInLoop = state.inLoop
                    state.stack.append(item)
                    state.inLoop = true
                    walk(children, &state)
                    state.stack.removeLast()
                    state.inLoop = wasInLoop
                default:
                    state.stack.append(shape.required)
                    walk(children, &state)
                    state.stack.removeLast()
                }
            case .partial(let name):
                guard let template = library.templates[name], !state.including.contains(name) else { continue }
                let file = state.file
                state.file = name
                state.including.append(name)
                walk(template.nodes, &state)
                state.including.removeLast()
                state.file = file
            case .parent(let name, let overrides):
                guard let template = library.templates[name], !state.including.contains(name) else { continue }
                var inner = state
                // Overrides given further out win over those given here, as when rendering.
                for (block, nodes) in overrides where state.blocks[block] == nil { inner.blocks[block] = (nodes, state.file) }
                inner.file = name
                inner.including.append(name)
                walk(template.nodes, &inner)
            case .block(let name, let fallback):
                if let override = state.blocks[name] {
                    let file = state.file
                    state.file = override.file
                    walk(override.nodes, &state)
                    state.file = file
                } else {
                    walk(fallback, &state)
                }
            }
        }
    }

    /// The shape `expression` gives in `state`, or nil (reported) when it names nothing or a transform does not apply.
    mutating func evaluate(_ expression: Template.Expression, _ state: State) -> TemplateShape? {
        var transforms = expression.transforms[...]
        var shape: TemplateShape
        var what: String
        if expression.isLoopProperty {
            guard let property = transforms.popLast() else { return nil }
            guard let result = Self.loopProperties[property] else {
                let available = Self.loopPropertyNames.map { $0 + "()" }.joined(separator: ", ")
                report(expression, state, Text("未知的循环属性（loop property）\"\(property)()\"", en: "unknown loop property \"\(property)()\""),
                       hint: Text("可用：" + available, en: "available: " + available),
                       suggestion: closest(to: property, in: Self.loopPropertyNames))
                return nil
            }
            guard state.inLoop else {
                report(expression, state, Text("\"\(property)()\" 只能用在列表（list）的 {{#…}} 循环里",
                                               en: "\"\(property)()\" can only be used in the {{#…}} loop of a list"),
                       hint: Text("这里不在任何列表之内", en: "this place is inside no list"))
                return nil
            }
            shape = result
            what = property + "()"
        } else {
            guard let found = lookup(expression, state) else { return nil }
            shape = found
            what = expression.path.isCurrent ? "." : expression.path.parts.joined(separator: ".")
        }
        while let name = transforms.popLast() {
            guard Self.transformNames.contains(name) else {
                let available = Self.transformNames.joined(separator: ", ")
                report(expression, state, Text("未知的转换（transform）\"\(name)\"", en: "unknown transform \"\(name)\""),
                       hint: Text("可用：" + available, en: "available: " + available), suggestion: closest(to: name, in: Self.transformNames))
                return nil
            }
            guard let result = Self.transform(name, shape) else {
                report(expression, state, Text("转换（transform）\"\(name)\" 不能用于\(shape.kindName)\"\(what)\"",
                                               en: "the transform \"\(name)\" does not apply to \"\(what)\", which is \(shape.englishKindName)"),
                       hint: Text("它用于" + Self.transformInputs[name, default: ""],
                                  en: "it applies to " + Self.transformInputsEnglish[name, default: ""]))
                return nil
            }
            shape = result
            what = "\(name)(\(what))"
        }
        return shape
    }

    /// The renderer's lookup: the first name in the nearest object that has it, the rest inside that value.
    mutating func lookup(_ expression: Template.Expression, _ state: State) -> TemplateShape? {
        let parts = expression.path.parts
        guard let first = parts.first else { return state.stack.last }
        var found: TemplateShape? = nil
        for shape in state.stack.reversed() {
            if let field = shape.fields?[first] { found = field; break }
        }
        guard var current = found else {
            var names: [String] = []
            for shape in state.stack.reversed() {
                for (name, _) in shape.fields ?? [:] where !names.contains(name) { names.append(name) }
            }
            report(expression, state, Self.notProvided(parts),
                   hint: Text("此处可用：" + Self.list(names), en: "available here: " + Self.list(names)),
                   suggestion: closest(to: first, in: names).map { ([$0] + parts.dropFirst()).joined(separator: ".") })
            return nil
        }
        for (index, part) in parts.enumerated().dropFirst() {
            guard let fields = current.fields, let field = fields[part] else {
                let owner = parts[..<index].joined(separator: ".")
                let hint = current.fields.map { Text("\(owner) 提供：" + Self.list($0.names), en: "\(owner) provides: " + Self.list($0.names)) }
                    ?? Text("\(owner) 是\(current.kindName)，没有字段", en: "\(owner) is \(current.englishKindName) and has no fields")
                let suggested = current.fields.flatMap { closest(to: part, in: $0.names) }
                    .map { (parts[..<index] + [$0] + parts[(index + 1)...]).joined(separator: ".") }
                report(expression, state, Self.notProvided(parts), hint: hint, suggestion: suggested)
                return nil
            }
            current = field
        }
        return current.required
    }

    static func notProvided(_ parts: [String]) -> Text {
        let name = parts.joined(separator: ".")
        return Text("模板使用了页面不提供的值（value）\"\(name)\"", en: "the template uses the value \"\(name)\", which the page does not provide")
    }

    mutating func report(_ expression: Template.Expression, _ state: State, _ message: Text, hint: Text, suggestion: String? = nil) {
        let chinese = message.chinese + (suggestion.map { "；是不是 \"\($0)\"？" } ?? "")
        let english = message.english + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        let key = Key(file: state.file, line: Int(expression.line), column: Int(expression.column), message: chinese)
        var entry = found[key] ?? (english, hint, [])
        if !entry.pages.contains(page) { entry.pages.append(page) }
        found[key] = entry
    }

    func problems() -> [TemplateProblem] {
        found.map { key, entry in
            var message = key.message + "（" + entry.hint.chinese + "）"
            var english = entry.english + " (" + entry.hint.english + ")"
            if entry.pages != [key.file] {
                if Set(entry.pages) == reached[key.file] && entry.pages.count > 1 {
                    message += "；引入它的每个页面模板（template）都如此"
                    english += "; on every page template that includes it"
                } else {
                    let pages = entry.pages.sorted().joined(separator: ", ")
                    message += "；在页面模板（template）" + pages + " 中"
                    english += "; in the page template\(entry.pages.count == 1 ? "" : "s") " + pages
                }
            }
            return TemplateProblem(template: key.file, line: key.line, column: key.column, message: message, english: english)
        }.sorted { ($0.template, $0.line, $0.column, $0.message) < ($1.template, $1.line, $1.column, $1.message) }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 16 ? names.joined(separator: ", ") : names.prefix(16).joined(separator: ", ") + ", …"
    }

    // MARK: Transforms, as `TemplateLibrary.evaluate` and `transform` apply them

    static let loopPropertyNames = ["first", "last", "index", "even", "odd"]
    static let loopProperties: [String: TemplateShape] = ["first": .flag, "last": .flag, "index": .number, "even": .flag, "odd": .flag]
    static let transformNames = ["count", "empty", "first", "last", "reversed", "uppercased", "lowercased",
                                 "plusone", "minusone", "equalzero", "even", "odd"]
    static let transformInputs: [String: String] = [
        "count": "列表（list）或文字（text）", "empty": "列表（list）或文字（text）", "first": "列表（list）", "last": "列表（list）",
        "reversed": "列表（list）或文字（text）", "uppercased": "文字（text）", "lowercased": "文字（text）",
        "plusone": "数字（number）", "minusone": "数字（number）", "equalzero": "数字（number）", "even": "数字（number）", "odd": "数字（number）",
    ]
    static let transformInputsEnglish: [String: String] = [
        "count": "a list or text", "empty": "a list or text", "first": "a list", "last": "a list",
        "reversed": "a list or text", "uppercased": "text", "lowercased": "text",
        "plusone": "a number", "minusone": "a number", "equalzero": "a number", "even": "a number", "odd": "a number",
    ]

    /// What `TemplateLibrary.transform(name, value)` gives for a value of this shape; nil where it gives nothing.
    /// A link is text by then (the renderer puts the page's root in front).
    static func transform(_ name: String, _ shape: TemplateShape) -> TemplateShape? {
        let isText: Bool
        switch shape { case .text, .html, .link: isText = true; default: isText = false }
        switch (name, shape) {
        case ("count", .list): return .number
        case ("count", _) where isText: return .number
        case ("empty", .list): return .flag
        case ("empty", _) where isText: return .flag
        case ("first", .list(let item)), ("last", .list(let item)): return item.required
        case ("reversed", .list): return shape
        case ("reversed", _) where isText: return .text
        case ("uppercased", _) where isText, ("lowercased", _) where isText: return .text
        case ("plusone", .number), ("minusone", .number): return .number
        case ("equalzero", .number), ("even", .number), ("odd", .number): return .flag
        default: return nil
        }
    }
}

/// The candidate within a small edit distance, for "是不是" hints.
private func closest(to word: String, in candidates: [String]) -> String? {
    let limit = max(1, min(3, word.count / 3))
    var best: (String, Int)? = nil
    for candidate in candidates where candidate != word {
        let d = distance(Array(word), Array(candidate))
        if d <= limit, best == nil || d < best!.1 || (d == best!.1 && candidate < best!.0) { best = (candidate, d) }
    }
    return best?.0
}

private func distance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(0...b.count)
    var previous = beforePrevious
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            // Two letters swapped count as one edit ("nmae" for "name").
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], beforePrevious[j - 2] + 1) }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}

/// A parsed Mustache template: variables (`{{x}}` escaped, `{{{x}}}` and
/// `{{& x}}` raw), sections, inverted sections, comments, partials (`{{> name}}`)
/// and inheritance (`{{< parent}}` with `{{$block}}` overrides). Tags alone on a
/// line take the line with them, as the Mustache spec says. Set-delimiter tags
/// are not supported and are reported as errors.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Expression, escaped: Bool)
        case section(Expression, inverted: Bool, [Node])
        case partial(String)
        case parent(String, blocks: [String: [Node]])
        case block(String, [Node])
    }

    /// A name with the swift-mustache transforms the theme uses: `count(scores)`,
    /// `empty(doneOn)`, and inside a list `first()`, `last()`, `index()`, `even()`, `odd()`.
    struct Expression: Sendable {
        let path: Path
        /// Outermost first: `count(reversed(x))` is `["count", "reversed"]`.
        let transforms: [String]
        /// Where the tag's `{{` is, for the theme check (`TemplateCheck.swift`); never read when rendering
        /// (two plain integers: copying an expression costs no more retains than before).
        let line: Int32, column: Int32
        init(_ text: String, line: Int = 1, column: Int = 1) {
            self.line = Int32(clamping: line)
            self.column = Int32(clamping: column)
            var name = text
            var transforms: [String] = []
            while name.hasSuffix(")"), let open = name.firstIndex(of: "(") {
                transforms.append(String(name[..<open]).trimmingASCIIWhitespace())
                name = String(name[name.index(after: open)..<name.index(before: name.endIndex)]).trimmingASCIIWhitespace()
            }
            self.transforms = transforms
            path = Path(name.isEmpty && !transforms.isEmpty ? "" : name)
        }
        /// `first()` and friends: no name, a property of the list item being rendered.
        var isLoopProperty: Bool { path.parts == [""] }
        /// The tag's name as written (without spaces), for messages.
        var source: String {
            var text = isLoopProperty ? "" : path.isCurrent ? "." : path.parts.joined(separator: ".")
            for transform in transforms.reversed() { text = "\(transform)(\(text))" }
            return text
        }
    }

    /// A dotted name split once at parse time; `.` is the current value.
    struct Path: Sendable {
        let parts: [String]
        var isCurrent: Bool { parts.isEmpty }
        init(_ name: String) {
            parts = name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    public struct ParseError: Error, Sendable {
        public let line: Int
        public let column: Int
        /// Chinese; `english` is the same for `--lang en`.
        public let message: String
        public let english: String
    }

    let nodes: [Node]
    /// Partials and parents this template names, for checking they exist.
    let references: [(name: String, line: Int, column: Int)]

    public init(_ source: [UInt8]) throws(ParseError) {
        var parser = Parser(source)
        (nodes, references) = try parser.parse()
    }
}

private enum TagKind {
    case variable, unescaped, section, inverted, close, comment, partial, parent, block

    /// Kinds that take their whole line when they stand alone on it.
    var canStandAlone: Bool {
        switch self {
        case .variable, .unescaped: return false
        default: return true
        }
    }
}

private struct Parser {
    let bytes: [UInt8]
    var references: [(name: String, line: Int, column: Int)] = []

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    private struct Open {
        var kind: TagKind
        var name: String
        var line: Int, column: Int
        var nodes: [Template.Node] = []
    }

    mutating func parse() throws(Template.ParseError) -> ([Template.Node], [(name: String, line: Int, column: Int)]) {
        var stack = [Open(kind: .section, name: "", line: 0, column: 0)]
        var textStart = 0
        var i = 0
        let open: [UInt8] = [0x7B, 0x7B]  // {{
        func emitText(_ end: Int, into stack: inout [Open]) {
            if end > textStart { stack[stack.count - 1].nodes.append(.text(Array(bytes[textStart..<end]))) }
        }
        while i + 1 < bytes.count {
            guard bytes[i] == open[0], bytes[i + 1] == open[1] else { i += 1; continue }
            let tagStart = i
            let (line, column) = position(tagStart)
            var j = i + 2
            var kind = TagKind.variable
            var closing: [UInt8] = [0x7D, 0x7D]  // }}
            if j < bytes.count {
                switch bytes[j] {
                case 0x7B: kind = .unescaped; closing = [0x7D, 0x7D, 0x7D]; j += 1  // {
                case 0x26: kind = .unescaped; j += 1   // &
                case 0x23: kind = .section; j += 1     // #
                case 0x5E: kind = .inverted; j += 1    // ^
                case 0x2F: kind = .close; j += 1       // /
                case 0x21: kind = .comment; j += 1     // !
                case 0x3E: kind = .partial; j += 1     // >
                case 0x3C: kind = .parent; j += 1      // <
                case 0x24: kind = .block; j += 1       // $
                case 0x3D: throw error(line, column, "不支持更换分隔符的标签（{{=...=}}）；请删掉它，标签一律用 {{ }}",
                                       "set-delimiter tags ({{=...=}}) are not supported")
                default: break
                }
            }
            guard let end = find(closing, from: j) else {
                let close = String(decoding: closing, as: UTF8.self)
                throw error(line, column, "这个标签没有用“\(close)”结束；请补上 \(close)", "this tag is never closed with \"\(close)\"")
            }
            let name = String(decoding: bytes[j..<end], as: UTF8.self).trimmingASCIIWhitespace()
            var tagEnd = end + closing.count
            if kind != .comment, name.isEmpty { throw error(line, column, "标签里没有名字；请写上名字或删掉这个标签", "empty tag") }

            // A tag alone on its line removes the whole line.
            var textEnd = tagStart
            if kind.canStandAlone, let lineStart = blankBefore(tagStart), let lineEnd = blankAfter(tagEnd) {
                textEnd = lineStart
                tagEnd = lineEnd
            }
            emitText(textEnd, into: &stack)
            textStart = tagEnd
            i = tagEnd

            switch kind {
            case .comment:
                break
            case .variable, .unescaped:
                stack[stack.count - 1].nodes.append(.variable(Template.Expression(name, line: line, column: column), escaped: kind == .variable))
            case .partial:
                references.append((name, line, column))
                stack[stack.count - 1].nodes.append(.partial(name))
            case .section, .inverted, .parent, .block:
                if kind == .parent { references.append((name, line, column)) }
                stack.append(Open(kind: kind, name: name, line: line, column: column))
            case .close:
                guard stack.count > 1 else {
                    throw error(line, column, "{{/\(name)}} 前面没有对应的 {{#\(name)}}；请删掉它或补上开始的标签", "{{/\(name)}} closes nothing")
                }
                let top = stack.removeLast()
                guard top.name == name else {
                    throw error(line, column, "这里要结束的是第 \(top.line) 行打开的“\(top.name)”，写的却是 {{/\(name)}}；请改为 {{/\(top.name)}}",
                                "{{/\(name)}} closes \"\(top.name)\", opened on line \(top.line)")
                }
                let node: Template.Node
                switch top.kind {
                case .parent:
                    var blocks: [String: [Template.Node]] = [:]
                    for case .block(let blockName, let content) in top.nodes { blocks[blockName] = content }
                    node = .parent(top.name, blocks: blocks)
                case .block: node = .block(top.name, top.nodes)
                default: node = .section(Template.Expression(top.name, line: top.line, column: top.column), inverted: top.kind == .inverted, top.nodes)
                }
                stack[stack.count - 1].nodes.append(node)
            }
        }
        textStart = min(textStart, bytes.count)
        emitText(bytes.count, into: &stack)
        if stack.count > 1, let top = stack.last {
            throw error(top.line, top.column, "“\(top.name)”在这里打开，但没有结束；请在后面加上 {{/\(top.name)}}",
                        "\"\(top.name)\" is opened here and never closed with {{/\(top.name)}}")
        }
        return (stack[0].nodes, references)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var k = start
        while k + needle.count <= bytes.count {
            if bytes[k] == needle[0] && (needle.count < 2 || bytes[k + 1] == needle[1])
                && (needle.count < 3 || bytes[k + 2] == needle[2]) { return k }
            if bytes[k] == 0x0A { /* tags may span lines; keep looking */ }
            k += 1
        }
        return nil
    }

    /// The start of the line if only spaces and tabs come before `index` on it.
    private func blankBefore(_ index: Int) -> Int? {
        var k = index
        while k > 0 {
            let b = bytes[k - 1]
            if b == 0x0A { return k }
            if b != 0x20 && b != 0x09 { return nil }
            k -= 1
        }
        return 0
    }

    /// Just past the line's end if only spaces, tabs and a newline follow `index`.
    private func blankAfter(_ index: Int) -> Int? {
        var k = index
        while k < bytes.count {
            let b = bytes[k]
            if b == 0x0A { return k + 1 }
            if b == 0x0D, k + 1 < bytes.count, bytes[k + 1] == 0x0A { return k + 2 }
            if b != 0x20 && b != 0x09 { return nil }
            k += 1
        }
        return k
    }

    private func position(_ index: Int) -> (Int, Int) {
        var line = 1, lineStart = 0
        for k in 0..<index where bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
        let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
        return (line, column)
    }

    private func error(_ line: Int, _ column: Int, _ message: String, _ english: String) -> Template.ParseError {
        Template.ParseError(line: line, column: column, message: message, english: english)
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" })!
        return String(scalars[first...last])
    }
}

/// Renders parsed templates by name into UTF-8 bytes.
public struct TemplateLibrary: Sendable {
    var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) { templates[name] = template }

    public var names: Set<String> { Set(templates.keys) }

    /// Partials and parents that name no template, and templates that include themselves;
    /// each message in Chinese and in English.
    public func problems() -> [(template: String, line: Int, column: Int, message: String, english: String)] {
        var result: [(String, Int, Int, String, String)] = []
        for (name, template) in templates {
            for reference in template.references where templates[reference.name] == nil {
                result.append((name, reference.line, reference.column,
                               "没有名为“\(reference.name)”的模板；请检查名字，或添加 \(reference.name).mustache",
                               "no template named \"\(reference.name)\""))
            }
        }
        // A cycle would render forever: find one from each template.
        for name in templates.keys.sorted() {
            var path: [String] = []
            if let cycle = findCycle(from: name, path: &path), cycle.first == name {
                let cycle = cycle.joined(separator: " → ")
                result.append((name, 1, 1, "模板引用了自己：\(cycle)；请去掉其中一处引用，否则会无限循环", "includes itself: " + cycle))
            }
        }
        return result
    }

    private func findCycle(from name: String, path: inout [String]) -> [String]? {
        if let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
        guard let template = templates[name] else { return nil }
        path.append(name)
        defer { path.removeLast() }
        for reference in Set(template.references.map(\.name)).sorted() {
            if let cycle = findCycle(from: reference, path: &path) { return cycle }
        }
        return nil
    }

    public func render(_ name: String, _ context: TemplateObject) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        render(name, context, into: &out)
        return out
    }

    public func render(_ name: String, _ context: TemplateObject, into out: inout [UInt8]) {
        guard let template = templates[name] else { return }
        var stack: [TemplateValue] = [.object(context)]
        var page = Page(root: context.string("root") ?? "", out: out)
        out = []
        render(template.nodes, &stack, [:], nil, &page)
        out = page.out
    }

    /// What one page's rendering carries along: its output and the root its links start from.
    struct Page {
        var root: String
        var out: [UInt8]
    }

    /// The position of the list item being rendered, for `first()`, `last()` and `index()`.
    struct Loop { var index: Int; var count: Int }

    private func render(_ nodes: [Template.Node], _ stack: inout [TemplateValue], _ blocks: [String: [Template.Node]],
                        _ loop: Loop?, _ page: inout Page) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                page.out.append(contentsOf: bytes)
            case .variable(let expression, let escaped):
                guard let value = evaluate(expression, stack, loop, page.root) else { continue }
                switch value {
                case .text(let s): escaped ? HTML.appendEscaped(s, to: &page.out) : page.out.append(contentsOf: s.utf8)
                case .link(let path):
                    if escaped {
                        HTML.appendEscaped(page.root, to: &page.out)
                        HTML.appendEscaped(path, to: &page.out)
                    } else {
                        page.out.append(contentsOf: page.root.utf8)
                        page.out.append(contentsOf: path.utf8)
                    }
                case .int(let n): page.out.append(contentsOf: String(n).utf8)
                case .bool(let b): page.out.append(contentsOf: (b ? "true" : "false").utf8)
                case .list, .object: break
                }
            case .section(let expression, let inverted, let children):
                let value = evaluate(expression, stack, loop, page.root)
                let truthy = value?.isTruthy ?? false
                if inverted {
                    if !truthy { render(children, &stack, blocks, loop, &page) }
                    continue
                }
                guard truthy, let value else { continue }
                switch value {
                case .bool:
                    render(children, &stack, blocks, loop, &page)
                case .list(let items):
                    for (index, item) in items.enumerated() {
                        stack.append(item)
                        render(children, &stack, blocks, Loop(index: index, count: items.count), &page)
                        stack.removeLast()
                    }
                default:
                    stack.append(value)
                    render(children, &stack, blocks, loop, &page)
                    stack.removeLast()
                }
            case .partial(let name):
                if let template = templates[name] { render(template.nodes, &stack, blocks, loop, &page) }
            case .parent(let name, let overrides):
                guard let template = templates[name] else { continue }
                // Overrides given further out win over those given here.
                let merged = blocks.isEmpty ? overrides : overrides.merging(blocks) { _, outer in outer }
                render(template.nodes, &stack, merged, loop, &page)
            case .block(let name, let fallback):
                render(blocks[name] ?? fallback, &stack, blocks, loop, &page)
            }
        }
    }

    private func evaluate(_ expression: Template.Expression, _ stack: [TemplateValue], _ loop: Loop?, _ root: String) -> TemplateValue? {
        if expression.transforms.isEmpty { return lookup(expression.path, stack) }
        var transforms = expression.transforms[...]
        var value: TemplateValue
        if expression.isLoopProperty {
            guard let loop, let property = transforms.popLast() else { return nil }
            switch property {
            case "first": value = .bool(loop.index == 0)
            case "last": value = .bool(loop.index == loop.count - 1)
            case "index": value = .int(loop.index)
            case "even": value = .bool(loop.index % 2 == 0)
            case "odd": value = .bool(loop.index % 2 == 1)
            default: return nil
            }
        } else {
            guard let found = lookup(expression.path, stack) else { return nil }
            if case .link(let path) = found { value = .text(root + path) } else { value = found }
        }
        while let name = transforms.popLast() {
            guard let next = Self.transform(name, value) else { return nil }
            value = next
        }
        return value
    }

    /// swift-mustache's transforms, so themes written for it keep working.
    static func transform(_ name: String, _ value: TemplateValue) -> TemplateValue? {
        switch (name, value) {
        case ("count", .list(let l)): return .int(l.count)
        case ("count", .text(let s)): return .int(s.count)
        case ("empty", .list(let l)): return .bool(l.isEmpty)
        case ("empty", .text(let s)): return .bool(s.isEmpty)
        case ("first", .list(let l)): return l.first
        case ("last", .list(let l)): return l.last
        case ("reversed", .list(let l)): return .list(l.reversed())
        case ("reversed", .text(let s)): return .text(String(s.reversed()))
        case ("uppercased", .text(let s)): return .text(s.uppercased())
        case ("lowercased", .text(let s)): return .text(s.lowercased())
        case ("plusone", .int(let n)): return .int(n + 1)
        case ("minusone", .int(let n)): return .int(n - 1)
        case ("equalzero", .int(let n)): return .bool(n == 0)
        case ("even", .int(let n)): return .bool(n % 2 == 0)
        case ("odd", .int(let n)): return .bool(n % 2 != 0)
        default: return nil
        }
    }

    private func lookup(_ path: Template.Path, _ stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.parts.first else { return stack.last }
        var found: TemplateValue? = nil
        for value in stack.reversed() {
            if case .object(let object) = value, let child = object.fields[first] { found = child; break }
        }
        guard var current = found else { return nil }
        for part in path.parts.dropFirst() {
            guard case .object(let object) = current, let child = object.fields[part] else { return nil }
            current = child
        }
        return current
    }
}

/// HTML escaping, as templates do it, for pages made outside templates (the `serve` error page).
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        HTML.appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

enum HTML {
    /// Escapes `& < > " '`. Works on the string's UTF-8 buffer: runs without those
    /// characters (most Chinese text, numbers) are copied whole.
    static func appendEscaped(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let entity: StaticString
                switch bytes[i] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }
}

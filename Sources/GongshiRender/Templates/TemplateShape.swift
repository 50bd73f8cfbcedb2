/// The shape of a value a template reads: what the page puts in its context.
/// Each template's context is declared as one of these (see `TemplateValues`);
/// the theme is checked against them when it is loaded, so a template that names
/// a value its page does not provide is an error, not an empty spot on the page.
///
///     static let kindTotal: TemplateShape = .object([
///         "id": .text, "name": .text, "href": .link, "count": .number,
///         "figures": .list(figure),
///     ])
///     static let pager: TemplateShape = .object([
///         "current": .number, "prevHref": .optional(.link),
///         "pages": .list(of: ["number": .number, "href": .link, "current": .flag]),
///     ])
public indirect enum TemplateShape: Sendable, Hashable, CustomStringConvertible {
    /// Text, printed escaped with `{{x}}`.
    case text
    /// Text that is already safe HTML, meant for `{{{x}}}` (keys ending in `HTML`).
    case html
    /// true or false: `{{#x}}…{{/x}}` renders once when true, and pushes nothing.
    case flag
    /// A whole number.
    case number
    /// A link already relative to the page (`href` values).
    case link
    /// A list: `{{#x}}…{{/x}}` renders once per item, with the item's fields in scope.
    case list(TemplateShape)
    /// Named fields.
    case object(TemplateFields)
    /// As a field of an object: the key may be absent (a `{{#x}}` section then renders nothing).
    case optional(TemplateShape)

    /// A list of objects with these fields.
    public static func list(of fields: TemplateFields) -> TemplateShape { .list(.object(fields)) }

    /// This object's fields followed by `more`.
    public func adding(_ more: TemplateFields) -> TemplateShape {
        guard case .object(let fields) = self else { preconditionFailure("only objects have fields") }
        return .object(fields.adding(more))
    }

    /// The shape without `optional`.
    public var required: TemplateShape {
        if case .optional(let inner) = self { return inner.required }
        return self
    }

    public var isOptional: Bool {
        if case .optional = self { return true }
        return false
    }

    public var fields: TemplateFields? {
        if case .object(let fields) = required { return fields }
        return nil
    }

    /// `text`, `[link]`, `{id, name}`, `text?`: the notation of docs/templates.md, fields by name only.
    public var description: String {
        switch self {
        case .text: return "text"
        case .html: return "html"
        case .flag: return "flag"
        case .number: return "number"
        case .link: return "link"
        case .list(let item): return "[\(item)]"
        case .object(let fields): return "{" + fields.names.joined(separator: ", ") + "}"
        case .optional(let inner): return "\(inner)?"
        }
    }

    /// In the messages of the template check: `list`, `flag` … with the Chinese word.
    var kindName: String {
        switch required {
        case .text: return "文字（text）"
        case .html: return "HTML 文字（html）"
        case .flag: return "真假值（flag）"
        case .number: return "数字（number）"
        case .link: return "链接（link）"
        case .list: return "列表（list）"
        case .object: return "对象（object）"
        case .optional: return ""
        }
    }

    /// `kindName` in English, with its article: `a list`, `text`, `an object`.
    var englishKindName: String {
        switch required {
        case .text: return "text"
        case .html: return "HTML text"
        case .flag: return "a flag"
        case .number: return "a number"
        case .link: return "a link"
        case .list: return "a list"
        case .object: return "an object"
        case .optional: return ""
        }
    }
}

/// An object's fields in the order they are declared. Equal when they hold the same
/// names with the same shapes, in any order.
public struct TemplateFields: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    public private(set) var names: [String] = []
    private var shapes: [String: TemplateShape] = [:]

    public init(dictionaryLiteral elements: (String, TemplateShape)...) {
        for (name, shape) in elements { self[name] = shape }
    }

    public init(_ elements: [(String, TemplateShape)]) {
        for (name, shape) in elements { self[name] = shape }
    }

    public subscript(name: String) -> TemplateShape? {
        get { shapes[name] }
        set {
            if shapes[name] == nil, newValue != nil { names.append(name) }
            if newValue == nil { names.removeAll { $0 == name } }
            shapes[name] = newValue
        }
    }

    public func adding(_ more: TemplateFields) -> TemplateFields {
        var result = self
        for (name, shape) in more { result[name] = shape }
        return result
    }

    public func makeIterator() -> some IteratorProtocol<(name: String, shape: TemplateShape)> {
        names.lazy.map { ($0, shapes[$0]!) }.makeIterator()
    }

    public static func == (a: TemplateFields, b: TemplateFields) -> Bool { a.shapes == b.shapes }
    public func hash(into hasher: inout Hasher) { hasher.combine(shapes) }
}

extension TemplateShape {
    /// Where `value` does not have this shape: keys it holds that are not declared, declared
    /// keys it lacks (unless optional), values of the wrong kind. `path` names the value in
    /// messages. Every declared path the value holds is added to `seen` (`unit.periods[].rank`).
    func conformance(of value: TemplateValue, at path: String, seen: inout Set<String>, problems: inout [String]) {
        seen.insert(path)
        switch (required, value) {
        case (.text, .text), (.html, .text), (.flag, .bool), (.number, .int), (.link, .link), (.link, .text):
            return
        case (.list(let item), .list(let values)):
            for value in values { item.conformance(of: value, at: path + "[]", seen: &seen, problems: &problems) }
        case (.object(let fields), .object(let object)):
            for (name, shape) in fields {
                let inner = path.isEmpty ? name : path + "." + name
                if let value = object.fields[name] {
                    shape.conformance(of: value, at: inner, seen: &seen, problems: &problems)
                } else if !shape.isOptional {
                    problems.append("\(inner): declared \(shape) but missing")
                }
            }
            for name in object.fields.keys.sorted() where fields[name] == nil {
                problems.append("\((path.isEmpty ? "" : path + ".") + name): given but not declared")
            }
        default:
            problems.append("\(path): declared \(self) but given \(value)")
        }
    }
}

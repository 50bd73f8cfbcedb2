/// The data a template sees: typed, so a lookup is a dictionary access and
/// never a dynamic cast (which is where swift-mustache spent half of a 20k-report
/// build; see docs/decisions.md).
public enum TemplateValue: Sendable, Hashable {
    case text(String)
    case int(Int)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
    /// A link from the site's root (`units/shuiwu/index.html`), printed after the page's
    /// own `root` (`../../`). Shapes that hold links are the same on every page, so
    /// they are made once (a report's summary appears on four pages).
    case link(String)

    /// Mustache truthiness, plus: an empty string is false, so an optional
    /// value can be given as "" and still close its `{{#section}}`.
    var isTruthy: Bool {
        switch self {
        case .text(let s): return !s.isEmpty
        case .int: return true
        case .bool(let b): return b
        case .list(let l): return !l.isEmpty
        case .object: return true
        case .link: return true
        }
    }
}

/// A template context: named values. Built with dictionary literals whose
/// `nil` values are simply left out.
public struct TemplateObject: Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public var fields: [String: TemplateValue]

    public init() { fields = [:] }

    public init(dictionaryLiteral elements: (String, (any TemplateRepresentable)?)...) {
        fields = Dictionary(minimumCapacity: elements.count)
        for (key, value) in elements {
            if let value { fields[key] = value.templateValue }
        }
    }

    public subscript(key: String) -> (any TemplateRepresentable)? {
        get { fields[key] }
        set { fields[key] = newValue?.templateValue }
    }

    public func string(_ key: String) -> String? {
        if case .text(let s) = fields[key] { return s }
        return nil
    }
}

public protocol TemplateRepresentable: Sendable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable { public var templateValue: TemplateValue { self } }
extension TemplateObject: TemplateRepresentable { public var templateValue: TemplateValue { .object(self) } }
extension String: TemplateRepresentable { public var templateValue: TemplateValue { .text(self) } }
extension Substring: TemplateRepresentable { public var templateValue: TemplateValue { .text(String(self)) } }
extension Int: TemplateRepresentable { public var templateValue: TemplateValue { .int(self) } }
extension Bool: TemplateRepresentable { public var templateValue: TemplateValue { .bool(self) } }
/// A site-root-relative link, as a value for `TemplateObject` literals.
public struct SiteLink: TemplateRepresentable {
    public var path: String
    public init(_ path: String) { self.path = path }
    public var templateValue: TemplateValue { .link(path) }
}
extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

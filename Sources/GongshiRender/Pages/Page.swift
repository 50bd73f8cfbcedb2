import GongshiModel

/// One kind of output file: every page (or data file) of the kind, where each
/// goes and what it shows. A kind is one file in `Pages/` plus, for HTML pages,
/// its template; `SiteRenderer.kinds` lists them. What a page depends on is
/// not declared: `PageReader` records what `make` reads.
public protocol PageKind: Sendable {
    /// Names the kind in fingerprints: pages of two kinds never share one.
    static var name: String { get }
    /// The top-level folder its files go in ("" for files at the root): free pages may not take its name.
    static var folder: String { get }
    /// Every page of this kind the site has. Which pages exist is worked out
    /// every build; only what a page shows is recorded.
    static func all(in site: RenderSite) -> [Self]
    /// Relative to the output folder.
    var path: String { get }
    /// The page's own subject (a report's path, a unit's id, a page number):
    /// its recipe names it by a placeholder, so pages of a kind share recipes.
    var subject: String { get }
    /// What wrote the file, for collision messages.
    var origin: String { get }
    /// The file's contents, read from the model through `read`.
    func contents(_ read: PageReader) -> PageContents
    /// For a report's own page, the report's position in `activities.reports`: such a page
    /// may be kept as it is when the report is unchanged (`OutputFile.Contents.kept`).
    var ownReport: Int? { get }
}

extension PageKind {
    public var ownReport: Int? { nil }
}

/// What a page kind makes.
public enum PageContents {
    /// A page of the theme: `values` are added to the values every page gets (`SharedValues.base`).
    case page(template: String, title: String, section: String, values: TemplateObject)
    /// A data file (JSON, CSV, Atom).
    case text(String)
    /// A large data file written straight into bytes (reports.json: 20,000 entries).
    case bytes([UInt8])
}

/// An HTML page of the theme: the template, its title and navigation section, and the values it adds.
public protocol HTMLPage: PageKind {
    static var template: String { get }
    /// The navigation section it belongs to (`home`, `units` ...; `pages` for none).
    static var section: String { get }
    /// Its label in the navigation, for the first page of a section (nil: not in the navigation).
    static var menu: String? { get }
    /// The values `fill` adds to those every page gets (`TemplateValues.everyPage`): the theme is checked
    /// against them, and docs/templates.md lists them.
    static var values: TemplateFields { get }
    /// Partials it renders itself, with their values (on top of every page's).
    static var partials: [String: TemplateFields] { get }
    func title(_ read: PageReader) -> String
    func fill(_ values: inout TemplateObject, _ read: PageReader)
}

extension HTMLPage {
    public static var menu: String? { nil }
    public static var partials: [String: TemplateFields] { [:] }

    public func contents(_ read: PageReader) -> PageContents {
        var values = TemplateObject()
        fill(&values, read)
        return .page(template: Self.template, title: title(read), section: Self.section, values: values)
    }
}

/// Lists shown a page at a time: `folder/index.html`, then `folder/page/2/index.html` ...
public struct Paging: Sendable {
    public static let pageSize = 50

    /// How many pages a list of `items` takes (one, even when empty).
    public static func pageCount(_ items: Int) -> Int { max(1, (items + pageSize - 1) / pageSize) }

    /// The positions a page shows.
    public static func range(page number: Int) -> Range<Int> { ((number - 1) * pageSize)..<(number * pageSize) }

    public static func path(_ folder: String, page number: Int) -> String {
        number == 1 ? folder + "/index.html" : "\(folder)/page/\(number)/index.html"
    }

    public static func title(_ title: String, page number: Int) -> String {
        number == 1 ? title : "\(title)（第\(number)页）"
    }

    /// Links to the pages around `current`; nil when the list fits on one page.
    static func pager(current: Int, total: Int, folder: String, root: String) -> TemplateObject? {
        guard total > 1 else { return nil }
        func href(_ n: Int) -> String { root + Links.page(n == 1 ? folder : "\(folder)/page/\(n)") }
        let window = Set([1, total] + Array(max(1, current - 2)...min(total, current + 2))).sorted()
        var result: TemplateObject = [
            "current": current, "total": total,
            "pages": window.map { ["number": $0, "href": href($0), "current": $0 == current] as TemplateObject },
        ]
        if current > 1 { result["prevHref"] = href(current - 1) }
        if current < total { result["nextHref"] = href(current + 1) }
        return result
    }
}

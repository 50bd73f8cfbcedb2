import GongshiModel

/// `404.html`: what a server shows for a page that isn't there.
struct NotFoundPage: HTMLPage {
    static let name = "404"
    static let folder = ""
    static let template = "404"
    static let section = "pages"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [:]
    static func all(in site: RenderSite) -> [NotFoundPage] { [NotFoundPage()] }

    var path: String { "404.html" }
    var subject: String { "" }
    var origin: String { "404 page" }

    func title(_ read: PageReader) -> String { "页面未找到" }
    func fill(_ page: inout TemplateObject, _ read: PageReader) {}
}

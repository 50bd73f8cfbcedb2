import GongshiModel

/// `notices/index.html`: every published notice, newest first, those 公示中 on the as-of date before the rest.
struct NoticesIndexPage: HTMLPage {
    static let name = "notices"
    static let folder = "notices"
    static let menu: String? = "通报公告"
    static let template = "notices"
    static let section = "notices"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "notices": .list(TemplateValues.noticeSummary),
    ]
    static func all(in site: RenderSite) -> [NoticesIndexPage] { [NoticesIndexPage()] }

    var path: String { "notices/index.html" }
    var subject: String { "" }
    var origin: String { "notices index" }

    func title(_ read: PageReader) -> String { "通报公告" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["notices"] = read.noticesOpenFirst.map { read.noticeSummary($0) }
    }
}

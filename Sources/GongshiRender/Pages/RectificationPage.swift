import GongshiModel

/// `rectification/index.html`: every plan's progress, plans with overdue items first.
struct RectificationPage: HTMLPage {
    static let name = "rectification"
    static let folder = "rectification"
    static let menu: String? = "整改进展"
    static let template = "rectification"
    static let section = "rectification"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "plans": .list(TemplateValues.planDetail),
    ]
    static func all(in site: RenderSite) -> [RectificationPage] { [RectificationPage()] }

    var path: String { "rectification/index.html" }
    var subject: String { "" }
    var origin: String { "rectification index" }

    func title(_ read: PageReader) -> String { "整改进展" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let plans = read.plans.sorted {
            let a = read.progress($0).overdue, b = read.progress($1).overdue
            return a != b ? a > b : $0.unit < $1.unit
        }
        page["plans"] = plans.map { read.planDetail($0) }
    }
}

import GongshiModel

/// `rankings/index.html`: every period's ranking tables, latest first.
struct RankingsIndexPage: HTMLPage {
    static let name = "rankings"
    static let folder = "rankings"
    static let menu: String? = "考核排名"
    static let template = "rankings"
    static let section = "rankings"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "periods": .list(TemplateValues.period),
    ]
    static func all(in site: RenderSite) -> [RankingsIndexPage] { [RankingsIndexPage()] }

    var path: String { "rankings/index.html" }
    var subject: String { "" }
    var origin: String { "rankings index" }

    func title(_ read: PageReader) -> String { "考核排名" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["periods"] = read.rankings.reversed().map { read.period($0) }
    }
}

import GongshiModel

/// `rankings/index.html`: every period's ranking tables, latest first (earlier periods by their first ranks).
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
    /// How many ranks of each category an earlier period shows here.
    static let earlierTop = 3

    var path: String { "rankings/index.html" }
    var subject: String { "" }
    var origin: String { "rankings index" }

    func title(_ read: PageReader) -> String { "考核排名" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        // (issue 12) The latest period in full, earlier ones by their first three of each category (each has
        // its own page): the page stays the size of one period's tables however many periods there are.
        page["periods"] = read.rankings.reversed().enumerated().map { index, ranking in
            read.period(ranking, top: index == 0 ? nil : Self.earlierTop)
        }
        page["description"] = "\(read.config.title)：各考核期文明单位考核排名，总分、各项得分和名次升降，附开放数据下载。"
    }
}

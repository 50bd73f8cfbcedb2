import GongshiModel

/// `rankings/<period>/index.html`: one period's ranking tables by category.
struct RankingPage: HTMLPage {
    static let name = "ranking"
    static let folder = "rankings"
    static let template = "ranking"
    static let section = "rankings"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "period": TemplateValues.period,
    ]
    static func all(in site: RenderSite) -> [RankingPage] { site.computation.rankings.map { RankingPage(period: $0.period.id) } }

    let period: String
    var path: String { Links.ranking(period) + "/index.html" }
    var subject: String { period }
    var origin: String { "period \(period)" }

    func title(_ read: PageReader) -> String { read.ranking(period: period)?.period.name ?? period }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        if let ranking = read.ranking(period: period) {
            page["period"] = read.period(ranking)
            let count = ranking.categories.reduce(0) { $0 + $1.rows.count }
            page["description"] = "\(ranking.period.name)（\(ranking.period.start.chinese)至\(ranking.period.end.chinese)）\(count) 家文明单位的考核排名：总分、各项得分和名次升降。"
        }
    }
}

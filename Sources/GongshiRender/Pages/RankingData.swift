import GongshiModel

/// `data/rankings-<period>.json`: a period's rankings as open data.
struct RankingJSON: PageKind {
    static let name = "ranking-json"
    static let folder = "data"
    static func all(in site: RenderSite) -> [RankingJSON] { site.computation.rankings.map { RankingJSON(period: $0.period.id) } }

    let period: String
    var path: String { "data/rankings-\(period).json" }
    var subject: String { period }
    var origin: String { "period \(period)" }

    func contents(_ read: PageReader) -> PageContents {
        guard let ranking = read.ranking(period: period) else { return .text("") }
        return .text(OpenData.rankingJSON(ranking, units: read.unitsByID, config: read.config))
    }
}

/// `data/rankings-<period>.csv`: the same as CSV.
struct RankingCSV: PageKind {
    static let name = "ranking-csv"
    static let folder = "data"
    static func all(in site: RenderSite) -> [RankingCSV] { site.computation.rankings.map { RankingCSV(period: $0.period.id) } }

    let period: String
    var path: String { "data/rankings-\(period).csv" }
    var subject: String { period }
    var origin: String { "period \(period)" }

    func contents(_ read: PageReader) -> PageContents {
        guard let ranking = read.ranking(period: period) else { return .text("") }
        return .text(OpenData.rankingCSV(ranking, units: read.unitsByID, config: read.config))
    }
}

import GongshiModel

/// `data/rankings-<period>.json` and `.csv`: a period's rankings as open data.
struct RankingData: PageKind {
    enum Format: String, Sendable, CaseIterable { case json, csv }

    static let name = "ranking-data"
    static let folder = "data"
    static func all(in site: RenderSite) -> [RankingData] {
        site.computation.rankings.flatMap { ranking in Format.allCases.map { RankingData(period: ranking.period.id, format: $0) } }
    }

    let period: String
    let format: Format
    var path: String { "data/rankings-\(period).\(format.rawValue)" }
    var subject: String { period + "." + format.rawValue }
    var origin: String { "period \(period)" }

    func contents(_ read: PageReader) -> PageContents {
        guard let ranking = read.ranking(period: period) else { return .text("") }
        switch format {
        case .json: return .text(OpenData.rankingJSON(ranking, units: read.unitsByID, config: read.config))
        case .csv: return .text(OpenData.rankingCSV(ranking, units: read.unitsByID, config: read.config))
        }
    }
}

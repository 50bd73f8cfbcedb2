public struct RankingRow: Sendable, Equatable {
    public var rank: Int
    /// Another unit has the same rank.
    public var shared: Bool
    public var unit: String
    public var scores: UnitScores
    /// Rank in the previous period minus rank now (positive: moved up); nil when not ranked there.
    public var change: Int?
    /// (r2) Whether there was a previous ranking to compare with: false in the first period (and after a
    /// period in which nobody was ranked), where a null `change` is shown as "—", not 新.
    public var compared: Bool = true
}

public struct CategoryRanking: Sendable {
    public var category: Category
    public var rows: [RankingRow]
}

public struct PeriodRanking: Sendable {
    public var period: Period
    /// One per category, in site.yaml order (empty ones included).
    public var categories: [CategoryRanking]

    public var isEmpty: Bool { categories.allSatisfy { $0.rows.isEmpty } }
    public func category(_ id: String) -> CategoryRanking? { categories.first { $0.category.id == id } }
}

public enum Ranking {
    /// Ranks one category: highest total first, equal totals share a rank and
    /// the next rank is skipped (1, 2, 2, 4), ties listed by unit id.
    public static func rank(_ totals: [(unit: String, scores: UnitScores)],
                            previousRanks: [String: Int]?) -> [RankingRow] {
        let sorted = totals.sorted {
            $0.scores.total != $1.scores.total ? $0.scores.total > $1.scores.total : $0.unit < $1.unit
        }
        var rows: [RankingRow] = []
        rows.reserveCapacity(sorted.count)
        for (index, entry) in sorted.enumerated() {
            let rank = index > 0 && sorted[index - 1].scores.total == entry.scores.total ? rows[index - 1].rank : index + 1
            let change = previousRanks?[entry.unit].map { $0 - rank }
            rows.append(RankingRow(rank: rank, shared: false, unit: entry.unit, scores: entry.scores, change: change,
                                   compared: previousRanks != nil))
        }
        for index in rows.indices {
            let before = index > 0 && rows[index - 1].rank == rows[index].rank
            let after = index + 1 < rows.count && rows[index + 1].rank == rows[index].rank
            rows[index].shared = before || after
        }
        return rows
    }

    /// Every period's rankings, oldest first. A unit is ranked in a period when
    /// it is active and has an assessments row for it; (r2) active on the period's end,
    /// or on the as-of date when that is earlier (`Unit.isActive(in:asOf:)`).
    public static func all(units: [Unit], scores: [String: [String: UnitScores]], config: SiteConfig,
                           asOf: CalendarDate? = nil) -> [PeriodRanking] {
        var result: [PeriodRanking] = []
        var previous: [String: [String: Int]]? = nil  // category -> unit -> rank
        for period in config.periods {
            let periodScores = scores[period.id] ?? [:]
            var categories: [CategoryRanking] = []
            var ranks: [String: [String: Int]] = [:]
            for category in config.categories {
                let entries = units
                    .filter { $0.category == category.id && $0.isActive(in: period, asOf: asOf) }
                    .compactMap { unit in periodScores[unit.id].map { (unit: unit.id, scores: $0) } }
                let rows = rank(entries, previousRanks: previous.map { $0[category.id] ?? [:] })
                ranks[category.id] = Dictionary(rows.map { ($0.unit, $0.rank) }, uniquingKeysWith: { a, _ in a })
                categories.append(CategoryRanking(category: category, rows: rows))
            }
            result.append(PeriodRanking(period: period, categories: categories))
            // After a period in which nobody was ranked there is nothing to compare with.
            previous = ranks.values.allSatisfy(\.isEmpty) ? nil : ranks
        }
        return result
    }
}

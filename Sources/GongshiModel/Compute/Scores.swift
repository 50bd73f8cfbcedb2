/// A unit's scores in one period.
public struct UnitScores: Sendable, Equatable {
    /// By component id, for every component of the scoring.
    public var components: [String: ExactDecimal]
    /// `sum(weight * score) / sum(weight)`, rounded half up to 2 decimals.
    public var total: ExactDecimal
}

public enum Scoring {
    /// The total of component scores as the spec defines it. nil when the weights add up to zero.
    public static func total(of scores: [String: ExactDecimal], components: [ScoringComponent]) -> ExactDecimal? {
        var weighted = ExactDecimal.zero, weights = ExactDecimal.zero
        for component in components {
            guard let score = scores[component.id] else { continue }
            weighted += component.weight * score
            weights += component.weight
        }
        return ExactDecimal.quotient(weighted, weights, scale: 2)
    }

    /// Sum of duty event points per (period, unit); rows outside every period are not counted.
    public static func dutyPoints(_ rows: [DutyRow], config: SiteConfig) -> [String: [String: ExactDecimal]] {
        guard case .duty(_, let events)? = config.dutyComponent?.source else { return [:] }
        let points = Dictionary(events.map { ($0.id, $0.points) }, uniquingKeysWith: { first, _ in first })
        var sums: [String: [String: ExactDecimal]] = [:]
        for row in rows {
            guard let period = config.period(containing: row.date), let value = points[row.event] else { continue }
            sums[period.id, default: [:]][row.unit, default: .zero] += value
        }
        return sums
    }

    /// Scores of every unit that has an assessments row in the period, by unit id.
    /// - Parameter lost: (r2) unit id -> `deductions` component id -> points lost in the period (`deductionsLost`).
    public static func scores(period: String, assessments: [AssessmentRow], dutyPoints: [String: ExactDecimal],
                              lost: [String: [String: ExactDecimal]] = [:], config: SiteConfig) -> [String: UnitScores] {
        var result: [String: UnitScores] = [:]
        for row in assessments where row.period == period {
            var components: [String: ExactDecimal] = [:]
            for component in config.components {
                switch component.source {
                case .assessment:
                    if let value = row.scores[component.id] { components[component.id] = value }
                case .duty(let base, _):
                    components[component.id] = dutyScore(base + (dutyPoints[row.unit] ?? .zero), max: component.max)
                case .deductions(let catalogue):
                    components[component.id] = deductionScore(full: catalogue.full, lost: lost[row.unit]?[component.id] ?? .zero)
                }
            }
            guard let total = total(of: components, components: config.components) else { continue }
            result[row.unit] = UnitScores(components: components, total: total)
        }
        return result
    }
}

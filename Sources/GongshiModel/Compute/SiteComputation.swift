/// Everything the site publishes that is computed rather than written:
/// a pure function of the content, the as-of date and the drafts switch.
public struct SiteComputation: Sendable {
    public let asOf: CalendarDate
    /// period id -> unit id -> scores (every unit with an assessments row, ranked or not).
    public let scores: [String: [String: UnitScores]]
    /// Oldest period first.
    public let rankings: [PeriodRanking]
    public let activities: ActivityIndex
    /// unit id -> standings, in period order.
    public let volunteer: [String: [VolunteerStanding]]
    /// unit id -> progress of its plan.
    public let plans: [String: PlanProgress]
    /// (r2) Every unit's volunteer standing per period (and per year), 未报送 included.
    public let volunteerBoard: VolunteerBoard
    /// (r2) How each duty and deductions score was reached: the rows behind it.
    public let evidence: ScoreEvidence
    /// (r2) report path -> the plan items that name it as evidence.
    public let evidenceLinks: [String: [EvidenceLink]]

    public init(content: SiteContent, asOf: CalendarDate, includeDrafts: Bool = false) {
        self.asOf = asOf
        let config = content.config
        let duty = Scoring.dutyPoints(content.duty, config: config)
        let lost = Scoring.deductionsLost(content.deductions)
        var scores: [String: [String: UnitScores]] = [:]
        for period in config.periods {
            scores[period.id] = Scoring.scores(period: period.id, assessments: content.assessments,
                                               dutyPoints: duty[period.id] ?? [:], lost: lost[period.id] ?? [:], config: config)
        }
        self.scores = scores
        rankings = Ranking.all(units: content.units, scores: scores, config: config, asOf: asOf)
        activities = ActivityIndex(reports: content.reports, config: config, asOf: asOf, includeDrafts: includeDrafts)

        let staff = Dictionary(content.units.map { ($0.id, $0.staff) }, uniquingKeysWith: { a, _ in a })
        let periodOrder = Dictionary(config.periods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var volunteer: [String: [VolunteerStanding]] = [:]
        for row in content.volunteer {
            volunteer[row.unit, default: []].append(
                VolunteerStanding(row: row, staff: staff[row.unit] ?? nil,
                                  target: config.volunteerPer == .year ? nil : config.volunteerPointsTarget))
        }
        for key in volunteer.keys {
            volunteer[key]!.sort { (periodOrder[$0.period] ?? 0) < (periodOrder[$1.period] ?? 0) }
        }
        self.volunteer = volunteer
        plans = Dictionary(content.plans.map { ($0.unit, PlanProgress(plan: $0, asOf: asOf)) },
                           uniquingKeysWith: { a, _ in a })
        volunteerBoard = VolunteerBoard(content: content, asOf: asOf)
        evidence = ScoreEvidence(content: content)
        evidenceLinks = EvidenceLink.index(content.plans)
    }

    public func ranking(period id: String) -> PeriodRanking? { rankings.first { $0.period.id == id } }

    /// The unit's row in a period's ranking, if ranked.
    public func rankingRow(unit: Unit, period id: String) -> (row: RankingRow, size: Int)? {
        guard let category = ranking(period: id)?.category(unit.category),
              let row = category.rows.first(where: { $0.unit == unit.id }) else { return nil }
        return (row, category.rows.count)
    }

    /// The latest period that has started by the as-of date and has anyone ranked.
    public var currentRanking: PeriodRanking? {
        rankings.last { !$0.isEmpty && $0.period.start <= asOf }
    }
}

// (r2) Every number shows its evidence: the duty rows behind a duty score, the
// deductions behind a deductions score, and the sums the criteria page shows.

extension Scoring {
    /// A duty score: `sum` (base plus the points of the period's events) kept within 0...max.
    /// The events are summed first and the cap applied once (102 → 100, not 98).
    public static func dutyScore(_ sum: ExactDecimal, max: ExactDecimal) -> ExactDecimal {
        sum.clamped(.zero, max)
    }

    /// A deductions score: `full` minus the points lost, kept at 0 or more.
    public static func deductionScore(full: ExactDecimal, lost: ExactDecimal) -> ExactDecimal {
        let score = full - lost
        return score.isNegative ? ExactDecimal.zero.withScale(atLeast: score.scale) : score
    }

    /// Points lost per period, unit and `deductions` component: period -> unit -> component -> points.
    public static func deductionsLost(_ rows: [DeductionRow]) -> [String: [String: [String: ExactDecimal]]] {
        var lost: [String: [String: [String: ExactDecimal]]] = [:]
        for row in rows { lost[row.period, default: [:]][row.unit, default: [:]][row.component, default: .zero] += row.points }
        return lost
    }
}

/// A unit's duty score in a period and how it was reached.
public struct DutyBreakdown: Sendable {
    public struct Entry: Sendable {
        public var row: DutyRow
        public var event: DutyEvent
    }
    /// The duty component's id.
    public var component: String
    public var base: ExactDecimal
    public var max: ExactDecimal
    /// The unit's duty rows dated in the period, by date (rows of one day in the sheet's order).
    public var entries: [Entry]
    /// `base` plus the points of every entry, before the cap.
    public var sum: ExactDecimal
    /// `sum` kept within 0...max: the component's score.
    public var score: ExactDecimal
    /// How many times each event was recorded, for every event in site.yaml's order (0 included).
    public var counts: [(event: DutyEvent, count: Int)]

    /// Whether the cap changed the sum (above `max`, or below 0).
    public var clipped: Bool { sum != score }
}

/// A unit's score on one `deductions` component in a period and the points lost.
public struct DeductionBreakdown: Sendable {
    /// The component's id.
    public var component: String
    public var full: ExactDecimal
    /// The unit's rows for the period in this catalogue, in the catalogue's order of items
    /// (rows of one item in the sheet's order).
    public var rows: [DeductionRow]
    /// Points lost in all (the sum of `rows`).
    public var lost: ExactDecimal
    /// `full − lost`, kept at 0 or more.
    public var score: ExactDecimal
    /// Points lost per item, in the catalogue's order; items with no loss are left out.
    public var lostByItem: [(item: String, points: ExactDecimal)]

    /// Whether losing more than `full` was cut at 0.
    public var clipped: Bool { full - lost != score }
}

/// What the units lost on one catalogue item in a period.
public struct ItemLosses: Sendable {
    public var item: DeductionCatalogue.Item
    /// Each unit that lost points on it, most first (then by unit id).
    public var units: [(unit: String, points: ExactDecimal)]
    public var total: ExactDecimal
}

/// The rows behind the duty and deductions scores, by period and unit. Computed once per build.
public struct ScoreEvidence: Sendable {
    private let config: SiteConfig
    /// period -> unit -> duty rows dated in the period, by date.
    private let duty: [String: [String: [DutyRow]]]
    /// period -> unit -> deductions rows, in the sheet's order.
    private let deductions: [String: [String: [DeductionRow]]]

    public init(content: SiteContent) {
        config = content.config
        var duty: [String: [String: [(Int, DutyRow)]]] = [:]
        if config.dutyComponent != nil {
            for (index, row) in content.duty.enumerated() {
                guard let period = config.period(containing: row.date) else { continue }
                duty[period.id, default: [:]][row.unit, default: []].append((index, row))
            }
        }
        self.duty = duty.mapValues { units in
            units.mapValues { rows in rows.sorted { $0.1.date != $1.1.date ? $0.1.date < $1.1.date : $0.0 < $1.0 }.map(\.1) }
        }
        var deductions: [String: [String: [DeductionRow]]] = [:]
        for row in content.deductions { deductions[row.period, default: [:]][row.unit, default: []].append(row) }
        self.deductions = deductions
    }

    // MARK: Duty

    /// The unit's duty score in the period and the events behind it; nil when scoring has no duty component.
    /// A unit with no rows gets its base (kept within 0...max).
    public func duty(period: String, unit: String) -> DutyBreakdown? {
        guard let component = config.dutyComponent, case .duty(let base, let events) = component.source else { return nil }
        let byID = Dictionary(events.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [DutyBreakdown.Entry] = []
        var sum = base
        var counts: [String: Int] = [:]
        for row in duty[period]?[unit] ?? [] {
            guard let event = byID[row.event] else { continue }
            entries.append(.init(row: row, event: event))
            sum += event.points
            counts[event.id, default: 0] += 1
        }
        return DutyBreakdown(component: component.id, base: base, max: component.max, entries: entries, sum: sum,
                             score: Scoring.dutyScore(sum, max: component.max),
                             counts: events.map { ($0, counts[$0.id] ?? 0) })
    }

    /// Whether the unit has duty rows dated in the period.
    public func hasDutyRows(period: String, unit: String) -> Bool { !(duty[period]?[unit]?.isEmpty ?? true) }

    // MARK: Deductions

    /// The unit's score on each `deductions` component in the period, in site.yaml's order
    /// (a unit with no rows lost nothing).
    public func deductions(period: String, unit: String) -> [DeductionBreakdown] {
        let rows = deductions[period]?[unit] ?? []
        return config.deductionComponents.compactMap { component -> DeductionBreakdown? in
            guard case .deductions(let catalogue) = component.source else { return nil }
            let mine = rows.filter { $0.component == component.id }
            var byItem: [String: [DeductionRow]] = [:]
            for row in mine { byItem[row.item, default: []].append(row) }
            var ordered: [DeductionRow] = []
            var lostByItem: [(item: String, points: ExactDecimal)] = []
            var lost = ExactDecimal.zero
            for item in catalogue.items {
                guard let itemRows = byItem[item.id] else { continue }
                ordered += itemRows
                let points = itemRows.dropFirst().reduce(itemRows[0].points) { $0 + $1.points }
                lostByItem.append((item.id, points))
                lost += points
            }
            return DeductionBreakdown(component: component.id, full: catalogue.full, rows: ordered, lost: lost,
                                      score: Scoring.deductionScore(full: catalogue.full, lost: lost), lostByItem: lostByItem)
        }
    }

    /// Whether the unit lost points in the period (on any catalogue, or on `component`'s).
    public func hasDeductions(period: String, unit: String, component: String? = nil) -> Bool {
        (deductions[period]?[unit] ?? []).contains { component == nil || $0.component == component }
    }

    /// Whether anyone lost points on `component`'s items in the period.
    public func hasDeductions(period: String, component: String) -> Bool {
        (deductions[period] ?? [:]).values.contains { rows in rows.contains { $0.component == component } }
    }

    /// The items of `component`'s catalogue on which units lost points in the period: most points
    /// in all first, then the most units, then the catalogue's order. Items nobody lost on are left out.
    public func itemLosses(period: String, component: String) -> [ItemLosses] {
        guard let catalogue = config.catalogue(of: component) else { return [] }
        var perItem: [String: [String: ExactDecimal]] = [:]
        for (unit, rows) in deductions[period] ?? [:] {
            for row in rows where row.component == component { perItem[row.item, default: [:]][unit, default: .zero] += row.points }
        }
        var result: [(index: Int, losses: ItemLosses)] = []
        for (index, item) in catalogue.items.enumerated() {
            guard let units = perItem[item.id] else { continue }
            let sorted = units.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (unit: $0.key, points: $0.value) }
            let total = sorted.dropFirst().reduce(sorted[0].points) { $0 + $1.points }
            result.append((index, ItemLosses(item: item, units: sorted, total: total)))
        }
        result.sort {
            if $0.losses.total != $1.losses.total { return $0.losses.total > $1.losses.total }
            if $0.losses.units.count != $1.losses.units.count { return $0.losses.units.count > $1.losses.units.count }
            return $0.index < $1.index
        }
        return result.map(\.losses)
    }
}

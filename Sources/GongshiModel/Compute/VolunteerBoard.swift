/// (r2) Every unit's volunteer standing as the site shows it: per period, and with
/// `per: year` per calendar year. Unlike `SiteComputation.volunteer` (the rows of
/// volunteer.csv with their figures), a unit with staff and no row is here, as 未报送.
public struct VolunteerBoard: Sendable {
    /// One unit in one period or year.
    public struct Entry: Sendable, Equatable {
        public var unit: String
        public var staff: Int?
        /// nil when not everything was reported (未报送, or nothing to show for a unit without staff).
        public var points: ExactDecimal?
        /// points / staff, rounded half up to 1 decimal.
        public var perHead: ExactDecimal?
        /// nil without a target or a per-head figure (and for periods when the target applies to the year).
        public var targetMet: Bool?
        /// 未报送: the unit has staff and no row for the period (or, for a year, for a period of it that has
        /// ended by the as-of date).
        public var missing: Bool

        public init(unit: String, staff: Int?, points: ExactDecimal?, perHead: ExactDecimal?, targetMet: Bool?, missing: Bool) {
            self.unit = unit; self.staff = staff; self.points = points; self.perHead = perHead
            self.targetMet = targetMet; self.missing = missing
        }
    }

    /// One period's or one year's standings of every unit.
    public struct Table: Sendable {
        /// The period's id, or the year (`2018`).
        public var id: String
        /// The period's name, or `2018年`.
        public var name: String
        /// The period itself, or the periods that end in the year, oldest first.
        public var periods: [Period]
        /// Every unit: those with a per-head figure, highest first (equal figures by unit id), then
        /// those 未报送, then the rest (no staff count), each by unit id.
        public var entries: [Entry]
        /// Where each unit is in `entries`.
        let positions: [String: Int]

        init(id: String, name: String, periods: [Period], entries: [Entry]) {
            self.id = id; self.name = name; self.periods = periods
            self.entries = entries.sorted(by: VolunteerBoard.order)
            positions = Dictionary(self.entries.enumerated().map { ($1.unit, $0) }, uniquingKeysWith: { a, _ in a })
        }

        public func entry(unit: String) -> Entry? { positions[unit].map { entries[$0] } }
    }

    public let per: VolunteerPer
    public let target: ExactDecimal?
    /// The periods that have ended by the as-of date or have a volunteer row, in site.yaml order.
    public let periods: [Table]
    /// With `per: year`: every calendar year in which a period has ended by the as-of date, oldest first. Empty otherwise.
    public let years: [Table]

    public init(content: SiteContent, asOf: CalendarDate) {
        let config = content.config
        let per = config.volunteerPer, target = config.volunteerPointsTarget
        self.per = per
        self.target = target
        var rows: [String: [String: ExactDecimal]] = [:]  // period -> unit -> points
        for row in content.volunteer { rows[row.period, default: [:]][row.unit] = row.points }
        let units = content.units
        let periodTarget = per == .period ? target : nil

        periods = config.periods.filter { $0.end <= asOf || rows[$0.id] != nil }.map { period in
            let reported = rows[period.id] ?? [:]
            return Table(id: period.id, name: period.name, periods: [period], entries: units.map { unit in
                let points = reported[unit.id]
                return Self.entry(unit: unit, points: points, missing: points == nil && unit.staff != nil && period.end <= asOf,
                                  target: periodTarget)
            })
        }

        guard per == .year else { years = []; return }
        var byYear: [Int: [Period]] = [:]
        for period in config.periods { byYear[period.end.year, default: []].append(period) }
        let ended = Set(config.periods.filter { $0.end <= asOf }.map(\.end.year))
        years = ended.sorted().map { year in
            let periods = byYear[year] ?? []
            return Table(id: String(year), name: "\(year)年", periods: periods, entries: units.map { unit in
                // Every period of the year that has ended must have its row; the others count when they have one.
                let complete = periods.allSatisfy { $0.end > asOf || rows[$0.id]?[unit.id] != nil }
                var sum = ExactDecimal.zero, any = false
                for period in periods {
                    if let points = rows[period.id]?[unit.id] { sum += points; any = true }
                }
                return Self.entry(unit: unit, points: complete && any ? sum : nil, missing: !complete && unit.staff != nil,
                                  target: target)
            })
        }
    }

    static func entry(unit: Unit, points: ExactDecimal?, missing: Bool, target: ExactDecimal?) -> Entry {
        let staff = unit.staff
        var perHead: ExactDecimal? = nil
        if let points, let staff, staff > 0 { perHead = ExactDecimal.quotient(points, ExactDecimal(staff), scale: 1) }
        let met = perHead.flatMap { perHead in target.map { perHead >= $0 } }
        return Entry(unit: unit.id, staff: staff, points: points, perHead: perHead, targetMet: met, missing: missing)
    }

    /// Highest per head first (ties by unit id), then 未报送, then units with no per-head figure.
    static func order(_ a: Entry, _ b: Entry) -> Bool {
        func group(_ e: Entry) -> Int { e.perHead != nil ? 0 : e.missing ? 1 : 2 }
        let ga = group(a), gb = group(b)
        if ga != gb { return ga < gb }
        if let x = a.perHead, let y = b.perHead, x != y { return x > y }
        return a.unit < b.unit
    }

    /// The tables the target applies to: years with `per: year`, else periods.
    public var standings: [Table] { per == .year ? years : periods }

    public func period(_ id: String) -> Table? { periods.first { $0.id == id } }
}

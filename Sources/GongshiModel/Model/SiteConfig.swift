/// `site.yaml`: what the site is about and how it scores.
public struct SiteConfig: Sendable {
    public var title: String
    public var baseURL: String
    public var language: String
    public var asOf: CalendarDate?
    public var categories: [Category]
    public var periods: [Period]
    public var kinds: [ActivityKind]
    public var components: [ScoringComponent]
    public var volunteerPointsTarget: ExactDecimal?
    /// (r2) `scoring.volunteer.per`: whether the target applies to each period or to a calendar year.
    public var volunteerPer: VolunteerPer = .period
    /// (r2) The site's 监督 contacts, in every page's footer and on public notices.
    public var supervision: Supervision? = nil
    /// (r2) Names and meanings of the rectification slips.
    public var slips = SlipKinds()

    public init(title: String, baseURL: String, language: String = "zh-CN", asOf: CalendarDate? = nil,
                categories: [Category], periods: [Period], kinds: [ActivityKind],
                components: [ScoringComponent], volunteerPointsTarget: ExactDecimal? = nil) {
        self.title = title; self.baseURL = baseURL; self.language = language; self.asOf = asOf
        self.categories = categories; self.periods = periods; self.kinds = kinds
        self.components = components; self.volunteerPointsTarget = volunteerPointsTarget
    }

    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }
    public func period(_ id: String) -> Period? { periods.first { $0.id == id } }
    public func kind(_ id: String) -> ActivityKind? { kinds.first { $0.id == id } }

    /// The period whose dates contain `date` (periods never overlap).
    public func period(containing date: CalendarDate) -> Period? {
        periods.first { $0.contains(date) }
    }

    /// The last period that ended on or before `date`.
    public func lastPeriod(endingOnOrBefore date: CalendarDate) -> Period? {
        periods.last { $0.end <= date }
    }

    /// The duty component, if scoring has one.
    public var dutyComponent: ScoringComponent? {
        components.first { if case .duty = $0.source { return true } else { return false } }
    }

    public var assessmentComponents: [ScoringComponent] {
        components.filter { $0.source == .assessment }
    }
}

public struct Category: Sendable, Hashable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

public struct Period: Sendable, Hashable {
    public var id: String
    public var name: String
    public var start: CalendarDate
    public var end: CalendarDate
    public init(id: String, name: String, start: CalendarDate, end: CalendarDate) {
        self.id = id; self.name = name; self.start = start; self.end = end
    }
    public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }
}

public struct ActivityKind: Sendable, Hashable {
    public struct Figure: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }
    public var id: String
    public var name: String
    /// In the order site.yaml lists them.
    public var figures: [Figure]
    public init(id: String, name: String, figures: [Figure]) { self.id = id; self.name = name; self.figures = figures }
}

public struct ScoringComponent: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        case assessment
        /// `base` plus the points of each duty event, kept within 0...`max`.
        case duty(base: ExactDecimal, events: [DutyEvent])
        /// (r2) `full` minus the points lost on the items of its catalogue (`data/<id>.yaml`), kept at 0 or more.
        case deductions(DeductionCatalogue)
    }
    public var id: String
    public var name: String
    public var weight: ExactDecimal
    public var source: Source
    /// (r2) A duty component's cap (site.yaml `max`, default 100): its score is kept within 0...max.
    public var max: ExactDecimal = ExactDecimal(100)
    public init(id: String, name: String, weight: ExactDecimal, source: Source) {
        self.id = id; self.name = name; self.weight = weight; self.source = source
    }
}

public struct DutyEvent: Sendable, Hashable {
    public var id: String
    public var points: ExactDecimal
    /// The event's name (`{name: 缺勤, points: -5}`), which duty.csv may write instead of the id.
    public var name: String?
    public init(id: String, points: ExactDecimal, name: String? = nil) { self.id = id; self.points = points; self.name = name }
}

/// The validated content of a site: every reference resolved, every value typed.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    /// Sorted by id.
    public var units: [Unit]
    public var reports: [Report]
    public var notices: [Notice]
    public var pages: [Page]
    public var assessments: [AssessmentRow]
    public var duty: [DutyRow]
    public var volunteer: [VolunteerRow]
    /// Sorted by unit id.
    public var plans: [RectificationPlan]
    /// (r2) `data/deductions.csv`: points lost on catalogue items, in file order.
    public var deductions: [DeductionRow] = []

    public init(config: SiteConfig, units: [Unit] = [], reports: [Report] = [], notices: [Notice] = [],
                pages: [Page] = [], assessments: [AssessmentRow] = [], duty: [DutyRow] = [],
                volunteer: [VolunteerRow] = [], plans: [RectificationPlan] = []) {
        self.config = config; self.units = units; self.reports = reports; self.notices = notices
        self.pages = pages; self.assessments = assessments; self.duty = duty
        self.volunteer = volunteer; self.plans = plans
    }
}

public enum UnitStatus: String, Sendable, CaseIterable {
    case active, suspended, revoked
}

public struct Unit: Sendable {
    public var id: String
    public var name: String
    public var shortName: String?
    public var category: String
    public var status: UnitStatus
    public var community: String?
    public var intersection: String?
    public var staff: Int?
    public var profileHTML: String
    /// (r2) The title decisions, oldest first (dates never go backwards); see `status(on:)`.
    public var history: [StatusChange] = []

    public init(id: String, name: String, shortName: String? = nil, category: String, status: UnitStatus = .active,
                community: String? = nil, intersection: String? = nil, staff: Int? = nil, profileHTML: String = "") {
        self.id = id; self.name = name; self.shortName = shortName; self.category = category
        self.status = status; self.community = community; self.intersection = intersection
        self.staff = staff; self.profileHTML = profileHTML
    }

    public var displayName: String { shortName ?? name }
}

/// A file that sits beside a bundle's `index.md` and is published with it.
public struct BundleAsset: Sendable, Hashable {
    /// Relative to the content folder.
    public var sourcePath: String
    /// Relative to the page's folder.
    public var name: String
    public init(sourcePath: String, name: String) { self.sourcePath = sourcePath; self.name = name }
}

/// One activity report. Its fields live in one shared, copy-on-write box: the
/// pipeline passes 20,000 reports through arrays, caches and indexes, and copying
/// a dozen strings and arrays each time (a retain apiece) was a fifth of an
/// incremental build. Reads and writes look like a plain struct's.
public struct Report: Sendable {
    final class Storage: @unchecked Sendable {  // mutated only when uniquely referenced
        var path: String
        var sourcePath: String
        var title: String
        var unit: String
        var date: CalendarDate
        var kind: String
        var figures: [String: ExactDecimal]
        var community: String?
        var tags: [String]
        var draft: Bool
        var bodyHTML: String
        var excerpt: String
        var assets: [BundleAsset]

        init(path: String, sourcePath: String, title: String, unit: String, date: CalendarDate, kind: String, figures: [String: ExactDecimal], community: String?, tags: [String], draft: Bool, bodyHTML: String, excerpt: String, assets: [BundleAsset]) {
            self.path = path
            self.sourcePath = sourcePath
            self.title = title
            self.unit = unit
            self.date = date
            self.kind = kind
            self.figures = figures
            self.community = community
            self.tags = tags
            self.draft = draft
            self.bodyHTML = bodyHTML
            self.excerpt = excerpt
            self.assets = assets
        }

        func copy() -> Storage {
            Storage(path: path, sourcePath: sourcePath, title: title, unit: unit, date: date, kind: kind, figures: figures, community: community, tags: tags, draft: draft, bodyHTML: bodyHTML, excerpt: excerpt, assets: assets)
        }
    }

    private var storage: Storage

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// The URL path below the site root without a trailing slash: `reports/2018/08/r000001`.
    public var path: String {
        get { storage.path }
        set { unique(); storage.path = newValue }
    }
    public var sourcePath: String {
        get { storage.sourcePath }
        set { unique(); storage.sourcePath = newValue }
    }
    public var title: String {
        get { storage.title }
        set { unique(); storage.title = newValue }
    }
    public var unit: String {
        get { storage.unit }
        set { unique(); storage.unit = newValue }
    }
    public var date: CalendarDate {
        get { storage.date }
        set { unique(); storage.date = newValue }
    }
    public var kind: String {
        get { storage.kind }
        set { unique(); storage.kind = newValue }
    }
    public var figures: [String: ExactDecimal] {
        get { storage.figures }
        set { unique(); storage.figures = newValue }
    }
    /// The report's community, else its unit's.
    public var community: String? {
        get { storage.community }
        set { unique(); storage.community = newValue }
    }
    public var tags: [String] {
        get { storage.tags }
        set { unique(); storage.tags = newValue }
    }
    public var draft: Bool {
        get { storage.draft }
        set { unique(); storage.draft = newValue }
    }
    public var bodyHTML: String {
        get { storage.bodyHTML }
        set { unique(); storage.bodyHTML = newValue }
    }
    public var excerpt: String {
        get { storage.excerpt }
        set { unique(); storage.excerpt = newValue }
    }
    public var assets: [BundleAsset] {
        get { storage.assets }
        set { unique(); storage.assets = newValue }
    }

    public init(path: String, sourcePath: String, title: String, unit: String, date: CalendarDate, kind: String,
                figures: [String: ExactDecimal] = [:], community: String? = nil, tags: [String] = [],
                draft: Bool = false, bodyHTML: String = "", excerpt: String = "", assets: [BundleAsset] = []) {
        storage = Storage(path: path, sourcePath: sourcePath, title: title, unit: unit, date: date, kind: kind, figures: figures,
                          community: community, tags: tags, draft: draft, bodyHTML: bodyHTML, excerpt: excerpt, assets: assets)
    }
}

public struct Notice: Sendable {
    public enum BodyPart: Sendable, Equatable {
        case html(String)
        case ranking(RankingBlock)
        case rectification(unit: String)
    }
    public var path: String
    public var sourcePath: String
    public var title: String
    public var date: CalendarDate
    public var issuer: String
    public var docNumber: String?
    public var kind: String
    public var period: String?
    public var cc: [String]
    public var draft: Bool
    public var body: [BodyPart]
    public var excerpt: String
    public var assets: [BundleAsset]
    /// (r2) The 公示期 of a public notice.
    public var publicPeriod: PublicPeriod? = nil
    /// (r2) The notice's own contacts, instead of the site's.
    public var supervision: Supervision? = nil

    public init(path: String, sourcePath: String, title: String, date: CalendarDate, issuer: String,
                docNumber: String? = nil, kind: String = "通报", period: String? = nil, cc: [String] = [],
                draft: Bool = false, body: [BodyPart] = [], excerpt: String = "", assets: [BundleAsset] = []) {
        self.path = path; self.sourcePath = sourcePath; self.title = title; self.date = date
        self.issuer = issuer; self.docNumber = docNumber; self.kind = kind; self.period = period
        self.cc = cc; self.draft = draft; self.body = body; self.excerpt = excerpt; self.assets = assets
    }
}

/// A ```ranking block inside a notice, with its defaults already resolved.
public struct RankingBlock: Sendable, Equatable {
    public var period: String
    /// nil: every category, one table each.
    public var category: String?
    /// nil: all rows.
    public var top: Int?
    /// (r2) The last N ranks instead (红黑榜); never given with `top`.
    public var bottom: Int? = nil
    public init(period: String, category: String? = nil, top: Int? = nil) {
        self.period = period; self.category = category; self.top = top
    }
}

public struct Page: Sendable {
    public var slug: String
    public var sourcePath: String
    public var title: String
    public var bodyHTML: String
    public init(slug: String, sourcePath: String, title: String, bodyHTML: String) {
        self.slug = slug; self.sourcePath = sourcePath; self.title = title; self.bodyHTML = bodyHTML
    }
}

public struct AssessmentRow: Sendable {
    public var period: String
    public var unit: String
    /// One score per assessment component.
    public var scores: [String: ExactDecimal]
    public init(period: String, unit: String, scores: [String: ExactDecimal]) {
        self.period = period; self.unit = unit; self.scores = scores
    }
}

public struct DutyRow: Sendable {
    public var date: CalendarDate
    public var unit: String
    public var event: String
    public var note: String
    public init(date: CalendarDate, unit: String, event: String, note: String = "") {
        self.date = date; self.unit = unit; self.event = event; self.note = note
    }
}

public struct VolunteerRow: Sendable {
    public var period: String
    public var unit: String
    public var points: ExactDecimal
    public init(period: String, unit: String, points: ExactDecimal) {
        self.period = period; self.unit = unit; self.points = points
    }
}

public struct RectificationPlan: Sendable {
    public struct Stage: Sendable, Hashable {
        public var name: String
        public var start: CalendarDate
        public var end: CalendarDate
        public init(name: String, start: CalendarDate, end: CalendarDate) { self.name = name; self.start = start; self.end = end }
        public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }
    }

    public enum Status: String, Sendable, CaseIterable { case todo, doing, done }

    public enum Slip: String, Sendable, CaseIterable { case white, yellow, red }

    public struct Item: Sendable {
        public var id: String
        public var problem: String
        public var measures: String
        public var leaders: [String]
        public var department: String?
        public var deadline: CalendarDate
        public var ongoing: Bool
        public var status: Status
        public var doneOn: CalendarDate?
        public var slip: Slip?
        /// (r2) The aspect of the plan the item belongs to.
        public var group: String? = nil
        /// (r2) The slips issued on the item, oldest first; the last one's colour is `slip`.
        public var slips: [SlipRecord] = []
        /// (r2) Paths of published reports that show the work (`reports/2018/04/x`).
        public var evidence: [String] = []

        public init(id: String, problem: String, measures: String = "", leaders: [String] = [], department: String? = nil,
                    deadline: CalendarDate, ongoing: Bool = false, status: Status, doneOn: CalendarDate? = nil, slip: Slip? = nil) {
            self.id = id; self.problem = problem; self.measures = measures; self.leaders = leaders
            self.department = department; self.deadline = deadline; self.ongoing = ongoing
            self.status = status; self.doneOn = doneOn; self.slip = slip
        }
    }

    public var unit: String
    public var title: String
    public var stages: [Stage]
    public var items: [Item]
    /// (r2) The re-check after the plan.
    public var review: Review? = nil

    public init(unit: String, title: String, stages: [Stage] = [], items: [Item] = []) {
        self.unit = unit; self.title = title; self.stages = stages; self.items = items
    }
}

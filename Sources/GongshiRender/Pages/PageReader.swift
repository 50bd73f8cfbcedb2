import GongshiModel

/// What every page of one build is made from: the model, its computed numbers
/// and what the build knows about its inputs. Pages see it only through a
/// `PageReader`, which records what they read.
public final class RenderSite: Sendable {
    public let content: SiteContent
    public let computation: SiteComputation
    let inputs: InputHashes
    let sources: ReportSources
    let theme: Theme
    /// Hash of the inputs every page depends on: the program, the theme, the as-of date, the drafts switch.
    let globalHash: UInt64
    /// The published notices, newest first.
    let notices: [Notice]
    /// Every community named by a unit or a published report, sorted.
    let communities: [String]
    let units: [String: Unit]
    let kinds: [String: ActivityKind]
    let shared: SharedValues
    /// The body of a report that came from the cache without it.
    let loadBody: @Sendable (Report, Int) -> String
    /// Report bodies' plain text from earlier builds, for the search index.
    let searchTexts: SearchTextMemo
    /// Published reports' positions in `computation.activities.reports`, by path (for recipes naming another report).
    private let positionsByPath: Lazy<[String: Int]>
    /// (r2) The value of `Dependency.evidence`: every backlink report pages show.
    let evidenceHash: Lazy<UInt64>
    /// The value of `Dependency.reportListing`.
    let listingHash: Lazy<UInt64>
    /// (issue 12) Bundle photos as published: resized, no metadata.
    let photos: PublishedPhotos
    /// Per published report (empty when the site has no photos): what its page shows of its
    /// photos, and whether they are all as the previous build found them.
    private let reportPhotos: [(hash: UInt64, unchanged: Bool)]
    /// What notice pages show of the notices' photos: part of the value of `Dependency.notices`.
    private let noticePhotosHash: UInt64
    /// The search index's groups, each made when a page of it is first made.
    let search: SearchIndex

    init(content: SiteContent, computation: SiteComputation, inputs: InputHashes, sources: ReportSources, theme: Theme,
         globalHash: UInt64, includeDrafts: Bool, loadBody: @escaping @Sendable (Report, Int) -> String,
         photos: PublishedPhotos = PublishedPhotos(), searchTexts: SearchTextMemo = SearchTextMemo()) {
        self.content = content
        self.computation = computation
        self.inputs = inputs
        self.sources = sources
        self.theme = theme
        self.globalHash = globalHash
        self.loadBody = loadBody
        self.searchTexts = searchTexts
        let asOf = computation.asOf
        notices = content.notices.filter { (includeDrafts || !$0.draft) && $0.date <= asOf }
            .sorted { $0.date != $1.date ? $0.date > $1.date : $0.path < $1.path }
        var names = Set(content.units.compactMap(\.community))
        names.formUnion(computation.activities.byCommunity.keys)
        communities = names.sorted()
        units = Dictionary(content.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        kinds = Dictionary(content.config.kinds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        shared = SharedValues(content: content, computation: computation)
        search = SearchIndex(reportCount: computation.activities.reports.count)
        positionsByPath = Lazy { [reports = computation.activities.reports] in
            Dictionary(reports.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
        }
        evidenceHash = Lazy { [evidence = computation.evidenceLinks] in
            var hash = ContentHash()
            for (report, links) in evidence.sorted(by: { $0.key < $1.key }) {
                hash.combine(report)
                hash.combine(String(reflecting: links))
            }
            return hash.value
        }
        listingHash = Lazy { [reports = computation.activities.reports] in
            var hash = ContentHash()
            hash.combine(UInt64(reports.count))
            for report in reports {
                hash.combine(report.path); hash.combine(report.title); hash.combine(report.unit)
                hash.combine(report.date.description); hash.combine(report.kind); hash.combine(report.community ?? "\u{0}")
                let figures = report.figures
                hash.combine(UInt64(figures.count))
                for (id, value) in figures.sorted(by: { $0.key < $1.key }) { hash.combine(id); hash.combine(value.description) }
            }
            return hash.value
        }
        self.photos = photos
        reportPhotos = photos.isEmpty ? [] : computation.activities.reports.map { photos.value(of: $0.assets) }
        var noticePhotos = ContentHash()
        if !photos.isEmpty { for notice in notices { noticePhotos.combine(photos.value(of: notice.assets).hash) } }
        noticePhotosHash = photos.isEmpty ? 0 : noticePhotos.value
    }

    var activities: ActivityIndex { computation.activities }

    func position(ofReport path: String) -> Int? { positionsByPath.value[path] }

    /// Whether the published report at `index` came from the cache, without its body.
    func isCached(report index: Int) -> Bool {
        let position = activities.positions[index]
        // A changed photo changes the page (its sizes) though the report's file is the same.
        return position < sources.cached.count && sources.cached[position] && (reportPhotos.isEmpty || reportPhotos[index].unchanged)
    }

    /// The HTML body of the published report at `index` (not noted: callers note the report).
    /// An empty `bodyHTML` may stand for a body kept elsewhere: from the cache, the report came
    /// without it; read this build, the loader put it aside (`ReportBodies`).
    func body(ofReport index: Int) -> String {
        let report = activities.reports[index]
        return report.bodyHTML.isEmpty ? loadBody(report, activities.positions[index]) : report.bodyHTML
    }

    /// The hash of a published report's file, path and bundle names; 0 when the model was made without the loader.
    func sourceHash(_ index: Int) -> UInt64 {
        let position = activities.positions[index]
        return position < sources.hashes.count ? sources.hashes[position] : 0
    }

    /// What a report is made from: its source, and site.yaml and the units it was read against.
    func reportValue(_ index: Int) -> UInt64 {
        let position = activities.positions[index]
        let source = position < sources.hashes.count ? sources.hashes[position] : 0
        guard !reportPhotos.isEmpty, reportPhotos[index].hash != 0 else { return source }
        var hash = ContentHash()
        hash.combine(source)
        hash.combine(reportPhotos[index].hash)
        return hash.value
    }

    func list(_ list: Dependency.ReportList) -> [Int] {
        switch list {
        case .all: return Array(activities.reports.indices)
        case .unit(let id): return activities.byUnit[id] ?? []
        case .kind(let id): return activities.byKind[id] ?? []
        case .community(let name): return activities.byCommunity[name] ?? []
        }
    }

    func count(_ list: Dependency.ReportList) -> Int {
        switch list {
        case .all: return activities.reports.count
        default: return self.list(list).count
        }
    }

    /// The hash of what a dependency is now.
    func value(of dependency: Dependency, into hash: inout ContentHash) {
        switch dependency {
        case .settings: hash.combine(inputs.settings)
        case .units: hash.combine(inputs.units)
        case .notices:
            hash.combine(inputs.notices)
            if noticePhotosHash != 0 { hash.combine(noticePhotosHash) }
        case .pages: hash.combine(inputs.pages)
        case .plans: hash.combine(inputs.plans)
        case .sheets: hash.combine(inputs.sheets)
        case .evidence: hash.combine(evidenceHash.value)
        case .reportListing: hash.combine(listingHash.value)
        case .searchGroup(let group, let from, let to): hash.combine(search.value(group: group, from: from, to: to, self))
        case .planAsIssued(let unit, let date):
            // Everything a notice's rectification block shows of the plan: the plan as it stood that day.
            if let plan = content.plans.first(where: { $0.unit == unit }) {
                hash.combine(String(reflecting: plan.asIssued(on: date)))
            } else {
                hash.combine(0)
            }
        case .report(let path):
            if let index = position(ofReport: path) { hash.combine(reportValue(index)) } else { hash.combine(0) }
        case .reports(let list, let from, let to):
            let count = self.count(list)
            hash.combine(UInt64(count))
            let upper = min(count, to), lower = min(from, upper)
            if case .all = list {
                for index in lower..<upper { hash.combine(reportValue(index)) }
            } else {
                let indices = self.list(list)
                for index in indices[lower..<upper] { hash.combine(reportValue(index)) }
            }
        case .totals(let key):
            let config = content.config
            switch key {
            case .site:
                combine(activities.siteTotals.ordered(config.kinds), into: &hash)
                combine(months: activities.siteMonths, into: &hash)  // (issue 12) the monthly chart
            case .unit(let id): combine(activities.unitTotals[id]?.ordered(config.kinds) ?? [], into: &hash)
            case .community(let name): combine(activities.communityTotals[name]?.ordered(config.kinds) ?? [], into: &hash)
            case .kind(let id):
                combine(activities.siteTotals.byKind[id].map { [$0] } ?? [], into: &hash)
                combine(months: activities.kindMonths[id] ?? [:], into: &hash)  // (issue 12) the monthly chart
                for period in config.periods {
                    if let total = activities.kindPeriodTotals[id]?[period.id] { hash.combine(period.id); combine([total], into: &hash) }
                }
            }
        }
    }

    private func combine(months: [Int: Int], into hash: inout ContentHash) {
        hash.combine(UInt64(months.count))
        for (month, count) in months.sorted(by: { $0.key < $1.key }) { hash.combine(UInt64(month)); hash.combine(UInt64(count)) }
    }

    private func combine(_ totals: [ActivityTotal], into hash: inout ContentHash) {
        hash.combine(UInt64(totals.count))
        for total in totals {
            hash.combine(total.kind)
            hash.combine(UInt64(total.count))
            for (name, value) in total.figures.sorted(by: { $0.key < $1.key }) {
                hash.combine(name)
                hash.combine(UInt64(bitPattern: Int64(value.significand)))
                hash.combine(UInt64(value.scale))
            }
        }
    }

    /// A page's fingerprint: the global inputs, the page's kind and subject, and the value of each dependency.
    /// - Parameter ownReport: the position of the page's own report, which `.report(subject)` names (saves a lookup by path).
    func fingerprint(kind: String, subject: String, ownReport: Int? = nil, coarse: UInt8, items: [Dependency]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(globalHash)
        hash.combine(kind)
        hash.combine(subject)
        hash.combine(UInt64(coarse))
        for (bit, dependency) in zip(0..., Dependency.coarse) where coarse & (1 << bit) != 0 { value(of: dependency, into: &hash) }
        hash.combine(UInt64(items.count))
        for item in items {
            if let ownReport, case .report(let path) = item, path == subject {
                hash.combine(reportValue(ownReport))
            } else {
                value(of: item, into: &hash)
            }
        }
        return hash.value | 1  // never 0, which means "unknown"
    }

}

/// A page's view of the model. Everything a page shows comes through here, and
/// each accessor notes which part of the model it gave out: that record is the
/// page's fingerprint (`RenderSite.fingerprint`). Pages never hold the model itself.
public final class PageReader {
    let site: RenderSite
    /// The page's own subject (a report's path, a unit's id ...): recipes name it by a placeholder.
    let subject: String
    /// From the page to the site's root: `../../`.
    public let root: String
    private(set) var coarse: UInt8 = 0
    private(set) var items: [Dependency] = []

    init(site: RenderSite, subject: String, root: String) {
        self.site = site
        self.subject = subject
        self.root = root
    }

    @inline(__always) func note(_ coarse: UInt8) { self.coarse |= coarse }

    func note(_ item: Dependency) {
        if !items.contains(item) { items.append(item) }
    }

    // MARK: Settings and units

    public var config: SiteConfig { note(1); return site.content.config }
    public var asOf: CalendarDate { site.computation.asOf }

    public var units: [Unit] { note(2); return site.content.units }
    public func unit(_ id: String) -> Unit? { note(2); return site.units[id] }
    public var unitsByID: [String: Unit] { note(2); return site.units }
    public func kind(_ id: String) -> ActivityKind? { note(1); return site.kinds[id] }
    /// Every community named by a unit or a published report.
    public var communities: [String] { note(2); return site.communities }

    /// A partial of the theme (the theme is one of the global inputs).
    func renderPartial(_ name: String, _ values: TemplateObject) -> String { site.theme.renderString(name, values) }

    // MARK: Notices, free pages, plans

    public var notices: [Notice] { note(4); return site.notices }
    /// (r2) A published notice by its page path (`notices/2018/x`); nil when there is none or it is not published.
    public func publishedNotice(path: String) -> Notice? { note(4); return site.notices.first { $0.path == path } }
    public var freePages: [Page] { note(8); return site.content.pages }
    public var plans: [RectificationPlan] { note(16 | 2); return site.content.plans }
    public func plan(unit: String) -> RectificationPlan? { note(16); return site.content.plans.first { $0.unit == unit } }
    public func progress(_ plan: RectificationPlan) -> PlanProgress {
        note(16)
        return site.computation.plans[plan.unit] ?? PlanProgress(plan: plan, asOf: site.computation.asOf)
    }

    // MARK: Scores, rankings, volunteer points (from the sheets, the units and site.yaml)

    private func noteScores() { note(32 | 2 | 1) }
    public var rankings: [PeriodRanking] { noteScores(); return site.computation.rankings }
    public func ranking(period: String) -> PeriodRanking? { noteScores(); return site.computation.ranking(period: period) }
    public var currentRanking: PeriodRanking? { noteScores(); return site.computation.currentRanking }
    public func scores(period: String, unit: String) -> UnitScores? { noteScores(); return site.computation.scores[period]?[unit] }
    public func rankingRow(unit: Unit, period: String) -> (row: RankingRow, size: Int)? {
        noteScores()
        return site.computation.rankingRow(unit: unit, period: period)
    }
    public func volunteer(unit: String) -> [VolunteerStanding] { noteScores(); return site.computation.volunteer[unit] ?? [] }
    /// (r2) Every unit's volunteer standing per period (and year), 未报送 included.
    public var volunteerBoard: VolunteerBoard { noteScores(); return site.computation.volunteerBoard }

    // MARK: Reports

    /// How many published reports a list has.
    public func reportCount(_ list: Dependency.ReportList) -> Int {
        note(.reports(list, from: 0, to: 0))
        return site.count(list)
    }

    /// The reports at positions `range` of a list (clamped), with the list's size.
    public func reports(_ list: Dependency.ReportList, _ range: Range<Int>? = nil) -> ReportSlice {
        let all = site.list(list)
        let upper = min(all.count, range?.upperBound ?? all.count)
        let lower = min(upper, range?.lowerBound ?? 0)
        note(.reports(list, from: lower, to: range == nil ? Int(UInt32.max) : upper))
        note(2 | 1)  // summaries show the unit's name and the kind's name
        return ReportSlice(reader: self, indices: all[lower..<upper], total: all.count)
    }

    /// Every published report, newest first, for a listing of their front matter only (`Dependency.reportListing`).
    public var reportListing: [Report] { note(128); return site.activities.reports }

    /// One published report, by index in `activities.reports`.
    public func report(at index: Int) -> Report {
        let report = site.activities.reports[index]
        note(.report(report.path))
        return report
    }

    /// A report's HTML body, read from its file when it came from the cache without it.
    public func body(ofReport index: Int) -> String {
        let report = self.report(at: index)
        let html = site.body(ofReport: index)
        return site.photos.isEmpty ? html : PhotoMarkup.rewrite(html, photos: site.photos.photos(in: report.assets))
    }

    /// (issue 12) A notice's HTML with its images pointing at the published photos; what it shows
    /// of them is part of the notices' value, which reading the notice noted.
    func withPhotos(_ html: String, of notice: Notice) -> String {
        site.photos.isEmpty ? html : PhotoMarkup.rewrite(html, photos: site.photos.photos(in: notice.assets))
    }

    /// A report's summary as lists show it; the report must have been read (`report(at:)` or a slice).
    /// Made each time it is shown (a report is in four lists or so): kept for the whole build, every
    /// report's summary was a kilobyte per report, a gigabyte at a million.
    func summary(_ index: Int) -> TemplateObject {
        note(2 | 1)
        let report = site.activities.reports[index]
        return [
            "title": report.title, "href": SiteLink(Links.page(report.path)), "date": report.date.chinese,
            "dateISO": report.date.description, "kindName": site.kinds[report.kind]?.name ?? report.kind,
            "kindHref": SiteLink(Links.page(Links.kind(report.kind))), "unitName": site.units[report.unit]?.name ?? report.unit,
            "unitHref": SiteLink(Links.page(Links.unit(report.unit))), "excerpt": report.excerpt.isEmpty ? nil : report.excerpt,
        ]
    }

    // MARK: Activity totals

    public func totals(_ key: Dependency.ActivityTotals) -> [ActivityTotal] {
        note(.totals(key))
        let a = site.activities, kinds = config.kinds
        switch key {
        case .site: return a.siteTotals.ordered(kinds)
        case .unit(let id): return a.unitTotals[id]?.ordered(kinds) ?? []
        case .community(let name): return a.communityTotals[name]?.ordered(kinds) ?? []
        case .kind(let id): return a.siteTotals.byKind[id].map { [$0] } ?? []
        }
    }

    /// A kind's totals in a period, nil when it has no reports there.
    public func kindTotal(_ kind: String, period: String) -> ActivityTotal? {
        note(.totals(.kind(kind)))
        return site.activities.kindPeriodTotals[kind]?[period]
    }
}

/// Reports of a list, read through a `PageReader` (which noted the list).
public struct ReportSlice {
    let reader: PageReader
    public let indices: ArraySlice<Int>
    /// How many the whole list has.
    public let total: Int

    public var summaries: [TemplateObject] { indices.map { reader.summary($0) } }
    public var reports: [Report] { indices.map { reader.site.activities.reports[$0] } }
}

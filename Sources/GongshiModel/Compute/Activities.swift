/// The number of reports of one kind and the sum of each of its figures.
public struct ActivityTotal: Sendable, Equatable {
    public var kind: String
    public var count: Int
    /// Every figure of the kind, 0 when no report gave it.
    public var figures: [String: ExactDecimal]

    public init(kind: ActivityKind) {
        self.kind = kind.id
        self.count = 0
        self.figures = Dictionary(uniqueKeysWithValues: kind.figures.map { ($0.id, ExactDecimal.zero) })
    }
}

/// Totals by kind, keeping site.yaml's kind order; kinds with no report are left out.
public struct KindTotals: Sendable {
    public private(set) var byKind: [String: ActivityTotal] = [:]

    public init() {}

    mutating func set(_ total: ActivityTotal) { byKind[total.kind] = total }

    public func ordered(_ kinds: [ActivityKind]) -> [ActivityTotal] { kinds.compactMap { byKind[$0.id] } }
    public var isEmpty: Bool { byKind.isEmpty }
}

/// Published reports grouped every way the site shows them, built in one pass.
public struct ActivityIndex: Sendable {
    /// Newest first; ties by path so the order never depends on file system order.
    public var reports: [Report]
    /// Where each of `reports` is in `SiteContent.reports`.
    public var positions: [Int]
    public var byUnit: [String: [Int]] = [:]
    public var byKind: [String: [Int]] = [:]
    public var byCommunity: [String: [Int]] = [:]
    public var unitTotals: [String: KindTotals] = [:]
    public var communityTotals: [String: KindTotals] = [:]
    public var kindPeriodTotals: [String: [String: ActivityTotal]] = [:]
    public var siteTotals = KindTotals()
    /// (issue 12) Reports per month, by kind id and over the site: month key `year * 12 + month - 1` to count
    /// (`monthKey(_:)`); months with no report are left out.
    public var kindMonths: [String: [Int: Int]] = [:]
    public var siteMonths: [Int: Int] = [:]

    /// The key of a date's month in `kindMonths` and `siteMonths`.
    public static func monthKey(_ date: CalendarDate) -> Int { date.year * 12 + date.month - 1 }

    /// A report is published when it is not a draft (unless drafts are built) and not dated after the as-of date.
    public static func isPublished(_ report: Report, asOf: CalendarDate, includeDrafts: Bool) -> Bool {
        (includeDrafts || !report.draft) && report.date <= asOf
    }

    public init(reports all: [Report], config: SiteConfig, asOf: CalendarDate, includeDrafts: Bool) {
        let published = all.indices.filter { Self.isPublished(all[$0], asOf: asOf, includeDrafts: includeDrafts) }
        // Sums do not depend on order (exact decimals): they are made on another core while the reports are sorted.
        let sums = Pending { Totals(reports: all, published: published, config: config) }
        // Sort positions, not the reports: moving 20,000 large structs was most of this step.
        // Dates copied out first: reaching into each report's box for every comparison was half the sort.
        let order = published.map { (date: all[$0].date, index: $0) }.sorted { a, b in
            a.date != b.date ? a.date > b.date : all[a.index].path < all[b.index].path
        }
        reports = order.map { all[$0.index] }
        positions = order.map(\.index)
        // Integer keys while grouping: string-keyed dictionaries per report were most of this step.
        let kindIndex = Dictionary(config.kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var unitIDs: [String] = [], unitIndex: [String: Int] = [:], unitReports: [[Int]] = []
        var communityNames: [String] = [], communityIndex: [String: Int] = [:], communityReports: [[Int]] = []
        var kindReports = [[Int]](repeating: [], count: config.kinds.count)
        var months = [[Int: Int]](repeating: [:], count: config.kinds.count)
        for (index, report) in reports.enumerated() {
            guard let k = kindIndex[report.kind] else { continue }
            kindReports[k].append(index)
            months[k][Self.monthKey(report.date), default: 0] += 1
            if let u = unitIndex[report.unit] { unitReports[u].append(index) } else {
                unitIndex[report.unit] = unitIDs.count
                unitIDs.append(report.unit)
                unitReports.append([index])
            }
            if let community = report.community {
                if let c = communityIndex[community] { communityReports[c].append(index) } else {
                    communityIndex[community] = communityNames.count
                    communityNames.append(community)
                    communityReports.append([index])
                }
            }
        }
        for (u, id) in unitIDs.enumerated() { byUnit[id] = unitReports[u] }
        for (k, kind) in config.kinds.enumerated() where !kindReports[k].isEmpty { byKind[kind.id] = kindReports[k] }
        for (k, kind) in config.kinds.enumerated() where !months[k].isEmpty {
            kindMonths[kind.id] = months[k]
            for (month, count) in months[k] { siteMonths[month, default: 0] += count }
        }
        for (c, name) in communityNames.enumerated() { byCommunity[name] = communityReports[c] }
        let totals = sums.value
        unitTotals = totals.unit
        communityTotals = totals.community
        siteTotals = totals.site
        kindPeriodTotals = totals.kindPeriod
    }

    /// Count and figure sums of the published reports, by unit, community, site and period.
    private struct Totals: Sendable {
        var unit: [String: KindTotals] = [:]
        var community: [String: KindTotals] = [:]
        var site = KindTotals()
        var kindPeriod: [String: [String: ActivityTotal]] = [:]

        init(reports all: [Report], published: [Int], config: SiteConfig) {
            let kinds = config.kinds, kindCount = max(1, kinds.count), periods = config.periods
            let kindIndex = Dictionary(kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
            var unitIDs: [String] = [], unitIndex: [String: Int] = [:]
            var communityNames: [String] = [], communityIndex: [String: Int] = [:]
            var unitTally: [Int: Tally] = [:], communityTally: [Int: Tally] = [:], siteTally: [Int: Tally] = [:], periodTally: [Int: Tally] = [:]
            var values: [ExactDecimal?] = []
            for position in published {
                let report = all[position]
                guard let k = kindIndex[report.kind] else { continue }
                let figures = report.figures
                values.removeAll(keepingCapacity: true)
                for figure in kinds[k].figures { values.append(figures[figure.id]) }
                let u: Int
                if let known = unitIndex[report.unit] { u = known } else {
                    u = unitIDs.count
                    unitIndex[report.unit] = u
                    unitIDs.append(report.unit)
                }
                unitTally[u * kindCount + k, default: Tally(kinds[k])].add(values)
                siteTally[k, default: Tally(kinds[k])].add(values)
                if let community = report.community {
                    let c: Int
                    if let known = communityIndex[community] { c = known } else {
                        c = communityNames.count
                        communityIndex[community] = c
                        communityNames.append(community)
                    }
                    communityTally[c * kindCount + k, default: Tally(kinds[k])].add(values)
                }
                if let p = periods.firstIndex(where: { $0.contains(report.date) }) {
                    periodTally[k * periods.count + p, default: Tally(kinds[k])].add(values)
                }
            }
            for (key, tally) in unitTally { unit[unitIDs[key / kindCount], default: KindTotals()].set(tally.total(kinds[key % kindCount])) }
            for (key, tally) in communityTally {
                community[communityNames[key / kindCount], default: KindTotals()].set(tally.total(kinds[key % kindCount]))
            }
            for (k, tally) in siteTally { site.set(tally.total(kinds[k])) }
            for (key, tally) in periodTally {
                let kind = kinds[key / periods.count]
                kindPeriod[kind.id, default: [:]][periods[key % periods.count].id] = tally.total(kind)
            }
        }
    }
}

/// A running count and figure sums for one kind, figures by position in the kind's list.
private struct Tally {
    var count = 0
    var sums: [ExactDecimal]

    init(_ kind: ActivityKind) { sums = Array(repeating: .zero, count: kind.figures.count) }

    mutating func add(_ values: [ExactDecimal?]) {
        count += 1
        for (i, value) in values.enumerated() where value != nil { sums[i] += value! }
    }

    func total(_ kind: ActivityKind) -> ActivityTotal {
        var total = ActivityTotal(kind: kind)
        total.count = count
        for (i, figure) in kind.figures.enumerated() { total.figures[figure.id] = sums[i] }
        return total
    }
}

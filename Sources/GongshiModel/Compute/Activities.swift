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

    public mutating func add(_ report: Report) {
        count += 1
        for (key, value) in report.figures where figures[key] != nil { figures[key]! += value }
    }
}

/// Totals by kind, keeping site.yaml's kind order; kinds with no report are left out.
public struct KindTotals: Sendable {
    public private(set) var byKind: [String: ActivityTotal] = [:]

    public init() {}

    public mutating func add(_ report: Report, kind: ActivityKind) {
        byKind[kind.id, default: ActivityTotal(kind: kind)].add(report)
    }

    public func ordered(_ kinds: [ActivityKind]) -> [ActivityTotal] { kinds.compactMap { byKind[$0.id] } }
    public var isEmpty: Bool { byKind.isEmpty }
}

/// Published reports grouped every way the site shows them, built in one pass.
public struct ActivityIndex: Sendable {
    /// Newest first; ties by path so the order never depends on file system order.
    public var reports: [Report]
    public var byUnit: [String: [Int]] = [:]
    public var byKind: [String: [Int]] = [:]
    public var byCommunity: [String: [Int]] = [:]
    public var unitTotals: [String: KindTotals] = [:]
    public var communityTotals: [String: KindTotals] = [:]
    public var kindPeriodTotals: [String: [String: ActivityTotal]] = [:]
    public var siteTotals = KindTotals()

    /// A report is published when it is not a draft (unless drafts are built) and not dated after the as-of date.
    public static func isPublished(_ report: Report, asOf: CalendarDate, includeDrafts: Bool) -> Bool {
        (includeDrafts || !report.draft) && report.date <= asOf
    }

    public init(reports all: [Report], config: SiteConfig, asOf: CalendarDate, includeDrafts: Bool) {
        // Sort positions, not the reports: moving 20,000 large structs was most of this step.
        let published = all.indices.filter { Self.isPublished(all[$0], asOf: asOf, includeDrafts: includeDrafts) }
        let order = published.sorted { a, b in
            let x = all[a], y = all[b]
            return x.date != y.date ? x.date > y.date : x.path < y.path
        }
        reports = order.map { all[$0] }
        let kinds = Dictionary(config.kinds.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (index, report) in reports.enumerated() {
            guard let kind = kinds[report.kind] else { continue }
            byUnit[report.unit, default: []].append(index)
            byKind[report.kind, default: []].append(index)
            unitTotals[report.unit, default: KindTotals()].add(report, kind: kind)
            siteTotals.add(report, kind: kind)
            if let community = report.community {
                byCommunity[community, default: []].append(index)
                communityTotals[community, default: KindTotals()].add(report, kind: kind)
            }
            if let period = config.period(containing: report.date) {
                kindPeriodTotals[report.kind, default: [:]][period.id, default: ActivityTotal(kind: kind)].add(report)
            }
        }
    }
}

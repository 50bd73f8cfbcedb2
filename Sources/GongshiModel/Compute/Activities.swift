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
        // One pass with integer keys: string-keyed nested dictionaries per report were
        // most of the compute step of an incremental build.
        let kinds = config.kinds, kindCount = max(1, kinds.count), periods = config.periods
        let kindIndex = Dictionary(kinds.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var unitIDs: [String] = [], unitIndex: [String: Int] = [:]
        var communityNames: [String] = [], communityIndex: [String: Int] = [:]
        var unitReports: [[Int]] = [], communityReports: [[Int]] = []
        var kindReports = [[Int]](repeating: [], count: kinds.count)
        var unitTally: [Int: Tally] = [:], communityTally: [Int: Tally] = [:], siteTally: [Int: Tally] = [:], periodTally: [Int: Tally] = [:]
        var values: [ExactDecimal?] = []
        for (index, report) in reports.enumerated() {
            guard let k = kindIndex[report.kind] else { continue }
            let figures = report.figures
            values.removeAll(keepingCapacity: true)
            for figure in kinds[k].figures { values.append(figures[figure.id]) }
            let u: Int
            if let known = unitIndex[report.unit] { u = known } else {
                u = unitIDs.count
                unitIndex[report.unit] = u
                unitIDs.append(report.unit)
                unitReports.append([])
            }
            unitReports[u].append(index)
            kindReports[k].append(index)
            unitTally[u * kindCount + k, default: Tally(kinds[k])].add(values)
            siteTally[k, default: Tally(kinds[k])].add(values)
            if let community = report.community {
                let c: Int
                if let known = communityIndex[community] { c = known } else {
                    c = communityNames.count
                    communityIndex[community] = c
                    communityNames.append(community)
                    communityReports.append([])
                }
                communityReports[c].append(index)
                communityTally[c * kindCount + k, default: Tally(kinds[k])].add(values)
            }
            if let p = periods.firstIndex(where: { $0.contains(report.date) }) {
                periodTally[k * periods.count + p, default: Tally(kinds[k])].add(values)
            }
        }
        for (u, id) in unitIDs.enumerated() { byUnit[id] = unitReports[u] }
        for (k, kind) in kinds.enumerated() where !kindReports[k].isEmpty { byKind[kind.id] = kindReports[k] }
        for (c, name) in communityNames.enumerated() { byCommunity[name] = communityReports[c] }
        for (key, tally) in unitTally { unitTotals[unitIDs[key / kindCount], default: KindTotals()].set(tally.total(kinds[key % kindCount])) }
        for (key, tally) in communityTally {
            communityTotals[communityNames[key / kindCount], default: KindTotals()].set(tally.total(kinds[key % kindCount]))
        }
        for (k, tally) in siteTally { siteTotals.set(tally.total(kinds[k])) }
        for (key, tally) in periodTally {
            let kind = kinds[key / periods.count]
            kindPeriodTotals[kind.id, default: [:]][periods[key % periods.count].id] = tally.total(kind)
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

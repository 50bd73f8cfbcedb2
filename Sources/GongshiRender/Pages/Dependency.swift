import GongshiModel

/// One part of the model a page read while it was made, recorded by `PageReader`.
/// A page's fingerprint is the hash of what it read, so a page is made again
/// exactly when something it showed may have changed.
///
/// Besides these, every page depends on the build's global inputs (the program,
/// the theme, the as-of date, the drafts switch: `RenderSite.globalHash`).
public enum Dependency: Hashable, Sendable {
    /// site.yaml: title, categories, periods, kinds, scoring.
    case settings
    /// Every unit (names, categories, statuses, communities, profiles).
    case units
    /// The published notices.
    case notices
    /// The free pages (their titles are in every page's footer).
    case pages
    /// The rectification plans and their progress.
    case plans
    /// The score sheets, and what is computed from them: scores, rankings, volunteer standings.
    case sheets
    /// One published report, by path.
    case report(String)
    /// How many reports a list has, and which reports are at positions `from..<to`.
    case reports(ReportList, from: Int, to: Int)
    /// Activity totals (counts and figure sums; for the site and a kind, also the reports per month).
    case totals(ActivityTotals)
    /// (r2) Which plan items name which reports as evidence (what report pages link back to).
    case evidence
    /// (r2) A unit's plan as it stood on a day (`RectificationPlan.asIssued(on:)`): what a notice of that day shows.
    case planAsIssued(unit: String, on: CalendarDate)
    /// Every published report's front matter in list order (path, title, unit, date, kind, community,
    /// figures) but not its text: what `data/reports.json` prints, so editing a report's text does not remake it.
    case reportListing
    /// The search index's report group `group` (0-based; `SearchLayout`): the reports at positions
    /// `from..<to` of the group, by path and source, and the index's layout.
    case searchGroup(Int, from: Int, to: Int)

    /// The lists of published reports the site shows, newest first.
    public enum ReportList: Hashable, Sendable {
        case all
        case unit(String)
        case kind(String)
        case community(String)
    }

    /// The activity totals the site shows.
    public enum ActivityTotals: Hashable, Sendable {
        case site
        case unit(String)
        case community(String)
        /// A kind's totals: over the site and in each period.
        case kind(String)
    }

    /// Whether the dependency names `text` (a unit id, a path ...).
    func mentions(_ text: String) -> Bool {
        switch self {
        case .settings, .units, .notices, .pages, .plans, .sheets, .evidence, .reportListing: return false
        case .planAsIssued(let unit, _): return unit == text
        case .searchGroup: return false
        case .report(let path): return path == text
        case .reports(let list, _, _):
            switch list {
            case .all: return false
            case .unit(let s), .kind(let s), .community(let s): return s == text
            }
        case .totals(let totals):
            switch totals {
            case .site: return false
            case .unit(let s), .community(let s), .kind(let s): return s == text
            }
        }
    }

    /// The coarse parts, one bit each: pages note them many times, cheaply.
    static let coarse: [Dependency] = [.settings, .units, .notices, .pages, .plans, .sheets, .evidence, .reportListing]
    var coarseBit: UInt8? {
        switch self {
        case .settings: 1
        case .units: 2
        case .notices: 4
        case .pages: 8
        case .plans: 16
        case .sheets: 32
        case .evidence: 64
        case .reportListing: 128
        default: nil
        }
    }
}

/// A page's dependencies in a fixed order and a compact binary form (a recipe),
/// kept with the page in the output tree's manifest: the next build hashes what
/// the recipe names to tell whether the page would come out the same. Strings
/// equal to the page's subject are written as a placeholder, so the pages of one
/// kind (20,000 report pages) share one recipe.
enum Recipe {
    static func encode(coarse: UInt8, items: [Dependency], subject: String) -> [UInt8] {
        var out: [UInt8] = [coarse]
        for item in items {
            switch item {
            case .settings, .units, .notices, .pages, .plans, .sheets, .evidence, .reportListing: continue
            case .report(let path):
                out.append(1); string(path, subject, &out)
            case .reports(let list, let from, let to):
                out.append(2); self.list(list, subject, &out); int(from, &out); int(to, &out)
            case .totals(let totals):
                out.append(3)
                switch totals {
                case .site: out.append(0)
                case .unit(let id): out.append(1); string(id, subject, &out)
                case .community(let name): out.append(2); string(name, subject, &out)
                case .kind(let id): out.append(3); string(id, subject, &out)
                }
            case .planAsIssued(let unit, let date):
                out.append(4); string(unit, subject, &out); string(date.description, subject, &out)
            case .searchGroup(let group, let from, let to):
                out.append(5); int(group, &out); int(from, &out); int(to, &out)
            }
        }
        return out
    }

    /// nil for bytes that are not a recipe (a damaged manifest: the page is made again).
    static func decode(_ bytes: [UInt8], subject: String) -> (coarse: UInt8, items: [Dependency])? {
        guard let coarse = bytes.first else { return nil }
        var items: [Dependency] = []
        var i = 1
        func next() -> UInt8? { guard i < bytes.count else { return nil }; defer { i += 1 }; return bytes[i] }
        func int() -> Int? {
            guard i + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(bytes[i + k]) << (8 * k) }
            i += 4
            return Int(value)
        }
        func string() -> String? {
            guard let count = int() else { return nil }
            if count == Int(UInt32.max) { return subject }
            guard i + count <= bytes.count else { return nil }
            defer { i += count }
            return String(decoding: bytes[i..<(i + count)], as: UTF8.self)
        }
        func list() -> Dependency.ReportList? {
            switch next() {
            case 0: return .all
            case 1: return string().map { .unit($0) }
            case 2: return string().map { .kind($0) }
            case 3: return string().map { .community($0) }
            default: return nil
            }
        }
        while i < bytes.count {
            switch next() {
            case 1:
                guard let path = string() else { return nil }
                items.append(.report(path))
            case 2:
                guard let list = list(), let from = int(), let to = int() else { return nil }
                items.append(.reports(list, from: from, to: to))
            case 3:
                let totals: Dependency.ActivityTotals
                switch next() {
                case 0: totals = .site
                case 1: guard let id = string() else { return nil }; totals = .unit(id)
                case 2: guard let name = string() else { return nil }; totals = .community(name)
                case 3: guard let id = string() else { return nil }; totals = .kind(id)
                default: return nil
                }
                items.append(.totals(totals))
            case 4:
                guard let unit = string(), let date = string().flatMap({ CalendarDate(iso: $0) }) else { return nil }
                items.append(.planAsIssued(unit: unit, on: date))
            case 5:
                guard let group = int(), let from = int(), let to = int() else { return nil }
                items.append(.searchGroup(group, from: from, to: to))
            default:
                return nil
            }
        }
        return (coarse, items)
    }

    private static func list(_ list: Dependency.ReportList, _ subject: String, _ out: inout [UInt8]) {
        switch list {
        case .all: out.append(0)
        case .unit(let id): out.append(1); string(id, subject, &out)
        case .kind(let id): out.append(2); string(id, subject, &out)
        case .community(let name): out.append(3); string(name, subject, &out)
        }
    }

    private static func int(_ value: Int, _ out: inout [UInt8]) {
        let v = UInt32(clamping: value)
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * k))) }
    }

    private static func string(_ text: String, _ subject: String, _ out: inout [UInt8]) {
        if text == subject { int(Int(UInt32.max), &out); return }
        int(text.utf8.count, &out)
        out.append(contentsOf: text.utf8)
    }
}

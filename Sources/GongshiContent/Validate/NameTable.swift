import GongshiModel

/// One kind of thing content may name (units, categories, periods …): each entry's id, and the
/// names staff may write instead (`name`, `short_name`, the Chinese words of a status).
///
/// Every place that reads such a reference resolves it here, so the rules are the same
/// everywhere: the id, or a name that belongs to exactly one entry. What comes out is always
/// the id, so the site is the same whichever form was written.
public struct NameTable: Sendable {
    public struct Entry: Sendable {
        public var id: String
        /// Names that resolve to the id, the one shown in messages first.
        public var names: [String]
        public init(id: String, names: [String]) { self.id = id; self.names = names }
    }

    /// What the entries are, in Chinese, for messages: 单位, 类别, 考核期次.
    public let what: String
    /// What the entries are, in English, for `--lang en`: unit, category, period.
    public let english: String
    public let entries: [Entry]
    private let byID: [String: Int]
    private let byName: [String: [Int]]

    public init(_ what: String, en english: String, _ entries: [Entry]) {
        self.what = what
        self.english = english
        self.entries = entries
        var byID: [String: Int] = [:], byName: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            if byID[entry.id] == nil { byID[entry.id] = index }
            for name in Set(entry.names) where name != entry.id { byName[name, default: []].append(index) }
        }
        self.byID = byID
        self.byName = byName
    }

    public var ids: [String] { entries.map(\.id) }

    /// Why a text does not name exactly one entry (or, from `StaffForms`, is no date or number):
    /// `message` is the whole Chinese message, `english` the same for `--lang en`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var english: String
        public init(message: String, english: String) { self.message = message; self.english = english }
        /// The text in `language`.
        public func message(in language: Language) -> String { language.pick(message, english) }
        public var description: String { message }
    }

    /// The id `text` names: the id itself, else a name of exactly one entry.
    public func lookup(_ text: String) -> Result<String, Failure> {
        let text = text.trimmed()
        if byID[text] != nil { return .success(text) }
        if let matches = byName[text] {
            if matches.count == 1 { return .success(entries[matches[0]].id) }
            let found = matches.map { (id: entries[$0].id, name: text) }
            let first = entries[matches[0]].id
            return .failure(Failure(
                message: "“\(text)”可以指多个\(what)：\(found.map(Self.chinese).joined(separator: "、"))；请直接写要指的那个的编号，例如 \(first)",
                english: "\"\(text)\" could mean more than one \(english): \(found.map(Self.english).joined(separator: ", ")); write the id of the one you mean, e.g. \(first)"))
        }
        return .failure(unknown(text))
    }

    /// The id, or nil after reporting at `location` why `text` names no single entry.
    public func resolve(_ text: String?, at location: SourceLocation, diagnostics: inout Diagnostics) -> String? {
        guard let text else { return nil }
        switch lookup(text) {
        case .success(let id): return id
        case .failure(let failure):
            diagnostics.error(location, failure.message, en: failure.english)
            return nil
        }
    }

    /// `未知的单位“市税物局”；是不是 shuiwu（市税务局）？`, or the whole list when it is short and nothing is near.
    public func unknownMessage(_ text: String) -> String { unknown(text).message }

    /// The Chinese and English texts of `unknownMessage`: `unknown unit "市税物局"; did you mean shuiwu (市税务局)?`.
    public func unknown(_ text: String) -> Failure {
        var message = "未知的\(what)“\(text)”"
        var english = "unknown \(self.english) \"\(text)\""
        let near = nearest(text)
        if !near.isEmpty {
            message += "；是不是 \(near.map(Self.chinese).joined(separator: "、"))？"
            english += "; did you mean \(near.map(Self.english).joined(separator: ", "))?"
        } else if entries.isEmpty {
            message += "（还没有任何\(what)）"
            english += " (there is no \(self.english) yet)"
        } else if entries.count <= 12 {
            let all = entries.map { (id: $0.id, name: $0.names.first) }
            message += "；可以写：\(all.map(Self.chinese).joined(separator: "、"))"
            english += "; write one of: \(all.map(Self.english).joined(separator: ", "))"
        }
        return Failure(message: message, english: english)
    }

    /// How messages show an entry: `shuiwu（市税务局）`, in English `shuiwu (市税务局)`.
    static func chinese(_ entry: (id: String, name: String?)) -> String { entry.name.map { "\(entry.id)（\($0)）" } ?? entry.id }
    static func english(_ entry: (id: String, name: String?)) -> String { entry.name.map { "\(entry.id) (\($0))" } ?? entry.id }

    /// The entries nearest to `text` (by edit distance of the id or a name, or a name that holds it), at most three:
    /// each entry's id, and the name that came near (nil when it was the id; then its first name).
    func nearest(_ text: String) -> [(id: String, name: String?)] {
        let word = Array(text)
        guard !word.isEmpty else { return [] }
        var scored: [(distance: Int, index: Int, entry: (id: String, name: String?))] = []
        for (index, entry) in entries.enumerated() {
            var best: (Int, (id: String, name: String?))? = nil
            for candidate in [entry.id] + entry.names {
                let limit = max(1, min(3, max(word.count, candidate.count) / 3))
                var d = Suggest.distance(word, Array(candidate))
                if d > limit, word.count >= 2, candidate.contains(text) || text.contains(candidate) { d = limit }
                guard d <= limit else { continue }
                if best == nil || d < best!.0 { best = (d, (entry.id, candidate == entry.id ? entry.names.first : candidate)) }
            }
            if let best { scored.append((best.0, index, best.1)) }
        }
        scored.sort { ($0.distance, $0.index) < ($1.distance, $1.index) }
        return scored.prefix(3).map(\.entry)
    }
}

// The tables of what content names.
extension NameTable {
    public static func units(_ units: some Sequence<Unit>) -> NameTable {
        NameTable("单位", en: "unit", units.sorted { $0.id < $1.id }.map {
            Entry(id: $0.id, names: [$0.shortName, $0.name].compactMap { $0 })
        })
    }

    public static func categories(_ config: SiteConfig) -> NameTable {
        NameTable("类别", en: "category", config.categories.map { Entry(id: $0.id, names: [$0.name]) })
    }

    public static func periods(_ config: SiteConfig) -> NameTable {
        NameTable("考核期次", en: "period", config.periods.map { Entry(id: $0.id, names: [$0.name]) })
    }

    public static func kinds(_ config: SiteConfig) -> NameTable {
        NameTable("活动类型", en: "activity kind", config.kinds.map { Entry(id: $0.id, names: [$0.name]) })
    }

    public static func figures(of kind: ActivityKind) -> NameTable {
        NameTable("数据项", en: "figure", kind.figures.map { Entry(id: $0.id, names: [$0.name]) })
    }

    public static func components(_ components: [ScoringComponent]) -> NameTable {
        NameTable("考核项目", en: "scoring component", components.map { Entry(id: $0.id, names: [$0.name]) })
    }

    public static func dutyEvents(_ events: [DutyEvent]) -> NameTable {
        NameTable("执勤事件", en: "duty event", events.map { Entry(id: $0.id, names: $0.name.map { [$0] } ?? []) })
    }

    public static let unitStatuses = NameTable("单位状态", en: "unit status", [
        Entry(id: UnitStatus.active.rawValue, names: ["正常"]),
        Entry(id: UnitStatus.suspended.rawValue, names: ["暂停"]),
        Entry(id: UnitStatus.revoked.rawValue, names: ["撤销"]),
    ])

    public static let planStatuses = NameTable("整改状态", en: "item status", [
        Entry(id: RectificationPlan.Status.todo.rawValue, names: ["未开始"]),
        Entry(id: RectificationPlan.Status.doing.rawValue, names: ["整改中"]),
        Entry(id: RectificationPlan.Status.done.rawValue, names: ["已完成"]),
    ])

    public static let slips = NameTable("督办单颜色", en: "slip colour", [
        Entry(id: RectificationPlan.Slip.white.rawValue, names: ["白色提醒单", "白色", "白色单"]),
        Entry(id: RectificationPlan.Slip.yellow.rawValue, names: ["黄色警示单", "黄色", "黄色单"]),
        Entry(id: RectificationPlan.Slip.red.rawValue, names: ["红色责任单", "红色", "红色单"]),
    ])
}

extension NameTable {
    /// A sheet's columns: each by its id, its Chinese header (`StaffLayout.columnNames`, the one
    /// place header aliases live), or (a component's column) the component's name.
    static func columns(_ columns: [String], config: SiteConfig) -> NameTable {
        var names: [String: [String]] = [:]
        for (name, id) in StaffLayout.columnNames.sorted(by: { ($0.key.count, $0.key) < ($1.key.count, $1.key) }) { names[id, default: []].append(name) }
        // (r2) 积分 and 扣分 both name `points`: messages show 扣分 for the deductions sheet (the one with `item`), else 积分.
        if var points = names["points"], let first = points.firstIndex(of: columns.contains("item") ? "扣分" : "积分") {
            points.insert(points.remove(at: first), at: 0)
            names["points"] = points
        }
        return NameTable("列", en: "column", columns.map { column in
            let component = config.components.first { $0.id == column }
            return Entry(id: column, names: (names[column] ?? []) + (component.map { [$0.name] } ?? []))
        })
    }
}

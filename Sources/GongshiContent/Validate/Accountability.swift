import GongshiModel
import Yams

/// (r2) Rectification as accountability: an item's `group`, its history of `slips` and its
/// `evidence`, and the plan's `review`. The new structures are closed (an unknown key is an
/// error: a misspelt `color` would drop a slip from a record of who was held to account).
/// Whether the evidence and the review's notice exist is checked once everything is read
/// (`PlanChecks`).
enum Accountability {
    struct ItemParts {
        var group: String?
        var slips: [RectificationPlan.SlipRecord] = []
        var evidence: [String] = []
    }

    static func read(_ i: FieldReader, item: String, slip: RectificationPlan.Slip?, slipTable: NameTable,
                     diagnostics: inout Diagnostics) -> ItemParts {
        var parts = ItemParts(group: i.string("group", diagnostics: &diagnostics))
        if let node = i.value("slips") {
            if case .sequence(let entries) = node {
                var previous: CalendarDate? = nil
                for entry in entries {
                    guard let s = FieldReader(entry, source: i.source, what: "slips", diagnostics: &diagnostics) else { continue }
                    s.checkKeys(["date", "color", "note"], severity: .error, diagnostics: &diagnostics)
                    let date = s.date("date", required: true, diagnostics: &diagnostics)
                    let color = slipTable.resolve(s.string("color", required: true, diagnostics: &diagnostics), at: s.location(of: "color"),
                                                  diagnostics: &diagnostics).flatMap(RectificationPlan.Slip.init(rawValue:))
                    let note = s.string("note", diagnostics: &diagnostics)
                    guard let date, let color else { continue }
                    if let previous, date < previous {
                        diagnostics.error(s.location(of: "date"),
                                          "第 \(item) 项的督办单日期 \(date) 早于上一张的 \(previous)；slips 要按日期从早到晚写",
                                          en: "item \(item): slip dated \(date) comes after one dated \(previous); slips go oldest first")
                    }
                    previous = max(previous ?? date, date)
                    parts.slips.append(.init(date: date, color: color, note: note))
                }
            } else {
                diagnostics.error(i.source.location(node), "“slips”要写成列表，每张督办单一行：- {date: 2018-05-20, color: yellow, note: 原因}",
                                  en: "\"slips\" must be a list of {date, color, note}")
            }
        }
        if let slip, let last = parts.slips.last, last.color != slip {
            diagnostics.error(i.location(of: "slip"),
                              "第 \(item) 项的 slip 写的是 \(slip.rawValue)，但 slips 里最后一张（\(last.date)）是 \(last.color.rawValue)；请让两者一致（或删掉 slip，以 slips 的最后一张为准）",
                              en: "item \(item): \"slip\" is \(slip.rawValue) but the last of \"slips\" (\(last.date)) is \(last.color.rawValue)")
        }
        for written in i.stringList("evidence", diagnostics: &diagnostics) {
            let path = "reports/" + reportPath(written)
            if !parts.evidence.contains(path) { parts.evidence.append(path) }
        }
        return parts
    }

    /// What staff may write for a report: `2018/04/x`, also copied as `reports/2018/04/x.md` or `…/x/index.md`.
    static func reportPath(_ written: String) -> String {
        var path = Substring(written.trimmed())
        while path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasPrefix("content/") { path = path.dropFirst("content/".count) }
        if path.hasPrefix("reports/") { path = path.dropFirst("reports/".count) }
        if path.hasSuffix("/index.md") { path = path.dropLast("/index.md".count) }
        if path.hasSuffix(".md") { path = path.dropLast(".md".count) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// The same for a notice: `2018/fuping-jieguo`, or `notices/2018/fuping-jieguo.md`.
    static func noticePath(_ written: String) -> String {
        var path = Substring(written.trimmed())
        while path.hasPrefix("/") { path = path.dropFirst() }
        if path.hasPrefix("content/") { path = path.dropFirst("content/".count) }
        if path.hasPrefix("notices/") { path = path.dropFirst("notices/".count) }
        if path.hasSuffix("/index.md") { path = path.dropLast("/index.md".count) }
        if path.hasSuffix(".md") { path = path.dropLast(".md".count) }
        while path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// `review: {applied_on, date, result, notice}`: `date` and `result` go together, `date` not before `applied_on`.
    static func review(_ node: Node, source: YAMLSource, diagnostics: inout Diagnostics) -> RectificationPlan.Review? {
        guard let r = FieldReader(node, source: source, what: "review", diagnostics: &diagnostics) else { return nil }
        r.checkKeys(["applied_on", "date", "result", "notice"], severity: .error, diagnostics: &diagnostics)
        let before = diagnostics.errors.count
        let applied = r.date("applied_on", diagnostics: &diagnostics)
        let date = r.date("date", diagnostics: &diagnostics)
        let result = r.string("result", diagnostics: &diagnostics)
        let notice = r.string("notice", diagnostics: &diagnostics).map { "notices/" + noticePath($0) }
        if let applied, let date, date < applied {
            diagnostics.error(r.location(of: "date"), "复查结果的日期 \(date) 早于申请复查的日期 \(applied)；请检查 applied_on 和 date",
                              en: "review: date (\(date)) is before applied_on (\(applied))")
        }
        if r.value("result") != nil, r.value("date") == nil {
            diagnostics.error(r.location(of: "result"), "写了复查结果“result”，还要写出结果的日期：请加一行 date: …",
                              en: "review: \"result\" needs the \"date\" it was decided")
        }
        if r.value("date") != nil, r.value("result") == nil {
            diagnostics.error(r.location(of: "date"), "写了复查日期“date”，还要写复查结果：请加一行 result: 通过（或未通过、恢复称号……）",
                              en: "review: \"date\" needs the \"result\"")
        }
        if r.value("applied_on") == nil, r.value("date") == nil, diagnostics.errors.count == before {
            diagnostics.error(r.location, "“review”里至少要写申请复查的日期 applied_on，或复查结果的 date 和 result",
                              en: "\"review\" needs applied_on, or date and result")
        }
        guard diagnostics.errors.count == before else { return nil }
        return RectificationPlan.Review(appliedOn: applied, date: date, result: result, notice: notice)
    }
}

extension NameTable {
    /// Slip colours by id, by the site's names (site.yaml `slips`) and by the usual words (白色, 白色单, 白色提醒单 …).
    static func slips(_ kinds: SlipKinds) -> NameTable {
        let defaults = SlipKinds()
        return NameTable("督办单颜色", en: "slip colour", RectificationPlan.Slip.allCases.map { slip in
            let usual = NameTable.slips.entries.first { $0.id == slip.rawValue }?.names ?? []
            var names: [String] = []
            for name in [kinds[slip].name, defaults[slip].name] + usual where !names.contains(name) { names.append(name) }
            return Entry(id: slip.rawValue, names: names)
        })
    }
}

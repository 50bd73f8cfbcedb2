import GongshiModel

/// `data/units.json`: every unit with its activity totals, volunteer points and plan progress, as open data.
struct UnitsJSON: PageKind {
    static let name = "units-json"
    static let folder = "data"
    static func all(in site: RenderSite) -> [UnitsJSON] { [UnitsJSON()] }

    var path: String { "data/units.json" }
    var subject: String { "" }
    var origin: String { "units" }

    func contents(_ read: PageReader) -> PageContents { .text(OpenData.unitsJSON(read)) }
}

extension OpenData {
    /// (r2) `status_history`: the entries dated on or before the as-of date (a later one is not shown yet),
    /// oldest first; `note` and `notice` are left out when not given.
    static func statusHistoryJSON(_ unit: Unit, asOf: CalendarDate) -> String {
        let entries = unit.history(asOf: asOf).map { change -> String in
            var out = "{\"date\": \(Escape.json(change.date.description)), \"status\": \(Escape.json(change.status.rawValue)), "
            out += "\"decision\": \(Escape.json(change.decision))"
            if let note = change.note { out += ", \"note\": \(Escape.json(note))" }
            if let notice = change.notice { out += ", \"notice\": \(Escape.json(notice))" }
            return out + "}"
        }
        return "[" + entries.joined(separator: ", ") + "]"
    }

    /// (r2) `volunteer_years`, only with `per: year`: every year in which a period has ended by the as-of date,
    /// `points`, `per_head` and `target_met` null when 未报送 (and `per_head`, `target_met` null without staff).
    static func volunteerYearsJSON(_ unit: Unit, _ read: PageReader) -> String? {
        let board = read.volunteerBoard
        guard board.per == .year else { return nil }
        let years = board.years.map { year -> String in
            let entry = year.entry(unit: unit.id)
            return "\(Escape.json(year.id)): {\"points\": \(entry?.points?.description ?? "null"), "
                + "\"per_head\": \(entry?.perHead?.description ?? "null"), "
                + "\"target_met\": \(entry?.targetMet.map { $0 ? "true" : "false" } ?? "null")}"
        }
        return "{" + years.joined(separator: ", ") + "}"
    }
}

import GongshiModel

extension SiteChecks {
    /// A report of a unit whose title is suspended or revoked on the as-of date (its current status, `history`
    /// included) is published and counted, with a warning at its `unit:` line. Made on the model after loading,
    /// since the status depends on the as-of date, which the report cache does not know.
    static func reportsOfInactiveUnits(_ content: SiteContent, root: String, asOf: CalendarDate, diagnostics: inout Diagnostics) {
        var inactive: [String: (unit: Unit, status: UnitStatus, decision: StatusChange?)] = [:]
        for unit in content.units {
            let status = unit.status(on: asOf)
            if status != .active { inactive[unit.id] = (unit, status, unit.history.last { $0.date <= asOf }) }
        }
        guard !inactive.isEmpty else { return }
        for report in content.reports {
            guard let (unit, status, decision) = inactive[report.unit] else { continue }
            let word = status == .suspended ? "暂停" : "撤销"
            let source = decision.map { "units/\(unit.id).md 的 history：\($0.date) \($0.decision)" }
                ?? "units/\(unit.id).md 里 status: \(status.rawValue)"
            diagnostics.warning(location(of: "unit", in: report.sourcePath, root: root),
                                "单位 \(unit.id) 的文明单位称号已\(word)（\(source)），仍会发布这篇报道；日期或单位写错了就请改正",
                                en: "report of a \(status.rawValue) unit \"\(unit.id)\"")
        }
    }
}

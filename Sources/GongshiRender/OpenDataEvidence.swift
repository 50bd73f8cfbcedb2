import GongshiModel

extension OpenData {
    /// (r2) A unit's `"duty"` and `"deductions"` in data/units.json, each after `,\n   `:
    /// `duty` has every period in which the unit is ranked or has duty rows (when scoring has a
    /// duty component), with a count for every event id; `deductions` every period and
    /// `deductions` component in which the unit is ranked or lost points, items with no loss left out.
    static func evidenceJSON(_ unit: Unit, _ read: PageReader) -> String {
        let config = read.config
        var duty: [String] = []
        var deductions: [String] = []
        for period in config.periods {
            let ranked = read.rankingRow(unit: unit, period: period.id) != nil
            if let breakdown = read.dutyBreakdown(period: period.id, unit: unit.id),
               ranked || read.hasDutyRows(period: period.id, unit: unit.id) {
                let events = breakdown.counts.map { "\(Escape.json($0.event.id)): \($0.count)" }.joined(separator: ", ")
                duty.append("\(Escape.json(period.id)): {\"score\": \(breakdown.score), \"events\": {\(events)}}")
            }
            let components = read.deductionBreakdowns(period: period.id, unit: unit.id).compactMap { breakdown -> String? in
                guard ranked || !breakdown.rows.isEmpty else { return nil }
                let lost = breakdown.lostByItem.map { "\(Escape.json($0.item)): \($0.points)" }.joined(separator: ", ")
                return "\(Escape.json(breakdown.component)): {\"score\": \(breakdown.score), \"lost\": {\(lost)}}"
            }
            if !components.isEmpty { deductions.append("\(Escape.json(period.id)): {\(components.joined(separator: ", "))}") }
        }
        return "\"duty\": {\(duty.joined(separator: ", "))},\n   \"deductions\": {\(deductions.joined(separator: ", "))}"
    }
}

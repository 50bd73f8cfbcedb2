import GongshiModel

// (r2) Every number shows its evidence: how the pages read the rows behind the duty and
// deductions scores, and how they show them. The rows come from the score sheets, the
// events and catalogues from the scoring settings, the intersections from the units:
// each accessor notes all three (what pages that read scores note).

extension Links {
    public static func intersection(_ name: String) -> String { "intersections/\(name)" }
    public static let criteria = "criteria"
    /// The id of a catalogue item's entry on the criteria page.
    public static func criteriaAnchor(_ item: String) -> String { "item-" + item }
    /// A catalogue item on the criteria page, from the site's root.
    public static func criteriaItem(_ item: String) -> String { page(criteria) + "#" + encode(criteriaAnchor(item)) }
}

extension PageReader {
    private func noteEvidence() { note(32 | 2 | 1) }

    /// The unit's duty score in the period and the events behind it; nil when scoring has no duty component.
    public func dutyBreakdown(period: String, unit: String) -> DutyBreakdown? {
        noteEvidence()
        return site.computation.evidence.duty(period: period, unit: unit)
    }

    /// The unit's score on each `deductions` component in the period, with the points lost.
    public func deductionBreakdowns(period: String, unit: String) -> [DeductionBreakdown] {
        noteEvidence()
        return site.computation.evidence.deductions(period: period, unit: unit)
    }

    /// Whether the unit has duty rows or lost points in the period.
    public func hasEvidence(period: String, unit: String) -> Bool {
        noteEvidence()
        let evidence = site.computation.evidence
        return evidence.hasDutyRows(period: period, unit: unit) || evidence.hasDeductions(period: period, unit: unit)
    }

    public func hasDutyRows(period: String, unit: String) -> Bool {
        noteEvidence()
        return site.computation.evidence.hasDutyRows(period: period, unit: unit)
    }

    public func hasDeductions(period: String, unit: String, component: String) -> Bool {
        noteEvidence()
        return site.computation.evidence.hasDeductions(period: period, unit: unit, component: component)
    }

    /// What the units lost on each item of `component`'s catalogue in the period, most first.
    public func itemLosses(period: String, component: String) -> [ItemLosses] {
        noteEvidence()
        return site.computation.evidence.itemLosses(period: period, component: component)
    }

    public func hasDeductions(period: String, component: String) -> Bool {
        noteEvidence()
        return site.computation.evidence.hasDeductions(period: period, component: component)
    }

    /// Every intersection (帮包路口) a unit names, sorted.
    public var intersections: [String] {
        note(2)
        return IntersectionPage.names(site.content.units)
    }

    // MARK: Values

    /// `+2`, `-5`, `0`.
    static func signed(_ value: ExactDecimal) -> String { value > .zero ? "+" + value.description : value.description }

    /// A duty breakdown as the unit page shows it (`duty` of `periods` in docs/templates.md).
    func dutyValues(_ duty: DutyBreakdown) -> TemplateObject {
        let name = config.components.first { $0.id == duty.component }?.name ?? duty.component
        var capNote: String? = nil
        if duty.clipped {
            capNote = duty.sum > duty.max ? "超过上限 \(duty.max) 分，按 \(duty.score) 分计" : "低于 0 分，按 \(duty.score) 分计"
        }
        return [
            "name": name, "base": duty.base.description, "max": duty.max.description,
            "events": duty.entries.map { entry -> TemplateObject in
                ["date": entry.row.date.chinese, "dateISO": entry.row.date.description, "name": entry.event.name ?? entry.event.id,
                 "points": Self.signed(entry.event.points), "note": entry.row.note.isEmpty ? nil : entry.row.note]
            },
            "change": Self.signed(duty.sum - duty.base), "sum": duty.sum.description, "score": duty.score.description,
            "capNote": capNote,
        ]
    }

    /// A deductions breakdown as the unit page shows it (`deductions` of `periods`).
    func deductionValues(_ deductions: DeductionBreakdown) -> TemplateObject {
        let name = config.components.first { $0.id == deductions.component }?.name ?? deductions.component
        let catalogue = config.catalogue(of: deductions.component)
        return [
            "name": name, "full": deductions.full.description, "lost": deductions.lost.description,
            "score": deductions.score.description, "href": root + Links.page(Links.criteria),
            "capNote": deductions.clipped ? "扣分超过满分，按 \(deductions.score) 分计" : nil,
            "items": deductions.rows.map { row -> TemplateObject in
                let item = catalogue?.item(row.item)
                return ["id": row.item, "name": item?.name ?? row.item, "group": item?.group, "points": row.points.description,
                        "note": row.note.isEmpty ? nil : row.note, "href": root + Links.criteriaItem(row.item)]
            },
        ]
    }

    /// A unit's row of an intersection's table: its events counted, its duty score.
    func dutyCounts(_ unit: Unit, _ duty: DutyBreakdown) -> TemplateObject {
        [
            "name": unit.name, "href": root + Links.page(Links.unit(unit.id)),
            "counts": duty.counts.map { ["count": $0.count, "eventName": $0.event.name ?? $0.event.id] as TemplateObject }, "score": duty.score.description,
        ]
    }
}

/// The shapes of the values above, for the kinds' `values` (docs/templates.md).
enum EvidenceShapes {
    static let duty: TemplateShape = .object([
        "name": .text, "base": .text, "max": .text,
        "events": .list(of: ["date": .text, "dateISO": .text, "name": .text, "points": .text, "note": .optional(.text)]),
        "change": .text, "sum": .text, "score": .text, "capNote": .optional(.text),
    ])

    static let deductions: TemplateShape = .object([
        "name": .text, "full": .text, "lost": .text, "score": .text, "href": .link, "capNote": .optional(.text),
        "items": .list(of: ["id": .text, "name": .text, "group": .optional(.text), "points": .text, "note": .optional(.text), "href": .link]),
    ])
}

import GongshiModel

/// `units/<id>/index.html`: a unit's profile, its scores and rank per period,
/// activity totals, volunteer points, rectification plan and reports.
struct UnitPage: HTMLPage {
    static let name = "unit"
    static let folder = "units"
    static let template = "unit"
    static let section = "units"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "unit": TemplateValues.unitLink.adding([
            "categoryName": .text, "communityHref": .optional(.link), "intersection": .optional(.text), "intersectionHref": .optional(.link),
            "staff": .optional(.text), "profileHTML": .html,
        ]),
        "periods": .list(of: [
            "id": .text, "name": .text, "href": .link, "ranked": .flag, "rank": .number, "categorySize": .number,
            "shared": .flag, "total": .text, "change": TemplateValues.change,
            "scores": .list(of: ["id": .text, "name": .text, "weight": .text, "value": .text, "bar": .number]),
            "duty": .optional(EvidenceShapes.duty), "deductions": .list(EvidenceShapes.deductions),
        ]),
        "activities": .list(TemplateValues.kindTotal),
        "volunteer": .list(of: [
            "periodName": .text, "points": .text, "perHead": .optional(.text), "target": .optional(.text),
            "met": .flag, "metLabel": .optional(.text), "percent": .number,
        ]),
        "plan": .optional(TemplateValues.planDetail),
        "reports": .list(TemplateValues.reportSummary),
        "reportCount": .number,
    ]
    static func all(in site: RenderSite) -> [UnitPage] { site.content.units.map { UnitPage(id: $0.id) } }

    let id: String
    var path: String { "units/\(id)/index.html" }
    var subject: String { id }
    var origin: String { "units/\(id).md" }

    func title(_ read: PageReader) -> String { read.unit(id)?.name ?? id }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        guard let unit = read.unit(id) else { return }
        let root = read.root, config = read.config
        var info = read.unitLink(unit)
        info["categoryName"] = config.category(unit.category)?.name ?? unit.category
        info["communityHref"] = unit.community.map { root + Links.page(Links.community($0)) }
        info["intersection"] = unit.intersection
        info["intersectionHref"] = unit.intersection.map { root + Links.page(Links.intersection($0)) }
        info["staff"] = unit.staff.map(String.init)
        info["profileHTML"] = unit.profileHTML
        page["unit"] = info
        page["periods"] = config.periods.compactMap { period -> TemplateObject? in
            // (r2) A period with duty rows or points lost shows them even when the unit has no scores there.
            let scores = read.scores(period: period.id, unit: unit.id)
            guard scores != nil || read.hasEvidence(period: period.id, unit: unit.id) else { return nil }
            let ranked = read.rankingRow(unit: unit, period: period.id)
            var entry: TemplateObject = [
                "id": period.id, "name": period.name, "href": root + Links.page(Links.ranking(period.id)),
                "ranked": ranked != nil, "rank": ranked?.row.rank ?? 0, "categorySize": ranked?.size ?? 0,
                "shared": ranked?.row.shared ?? false, "total": scores?.total.description ?? "",
                "change": read.change(ranked?.row.change),
                "scores": config.components.map { component -> TemplateObject in
                    let value = scores?.components[component.id]
                    return ["id": component.id, "name": component.name, "weight": component.weight.description,
                            "value": value?.description ?? "", "bar": value?.rounded(toScale: 0).significand ?? 0]
                },
            ]
            // (r2) How the duty and deductions scores were reached.
            entry["duty"] = read.dutyBreakdown(period: period.id, unit: unit.id).map { read.dutyValues($0) }
            entry["deductions"] = read.deductionBreakdowns(period: period.id, unit: unit.id).map { read.deductionValues($0) }
            return entry
        }
        page["activities"] = read.totals(.unit(unit.id)).map { read.kindTotal($0) }
        page["volunteer"] = read.volunteer(unit: unit.id).map { standing -> TemplateObject in
            var percent = 0
            if let perHead = standing.perHead, let target = config.volunteerPointsTarget, target > .zero {
                percent = min(100, ExactDecimal.quotient(perHead * ExactDecimal(100), target, scale: 0)?.significand ?? 0)
            }
            return ["periodName": config.period(standing.period)?.name ?? standing.period, "points": standing.points.grouped,
                    "perHead": standing.perHead?.grouped, "target": config.volunteerPointsTarget?.grouped,
                    "met": standing.targetMet ?? false,
                    "metLabel": standing.targetMet.map { $0 ? "已达标" : "未达标" }, "percent": percent]
        }
        if let plan = read.plan(unit: unit.id) { page["plan"] = read.planDetail(plan) }
        let reports = read.reports(.unit(unit.id))
        page["reports"] = reports.summaries
        page["reportCount"] = reports.total
    }
}

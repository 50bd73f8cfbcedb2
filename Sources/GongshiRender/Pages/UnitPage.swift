import GongshiModel

/// `units/<id>/index.html`: a unit's profile, its scores and rank per period,
/// activity totals, volunteer points, rectification plan and the first page of its reports
/// (the further pages are `UnitReportsPage`).
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
        // (r2) Per period, or with `per: year` per year (`periodName` is then the year's) with its periods' own figures.
        "volunteer": .list(TemplateValues.volunteerFigures.adding([
            "periodName": .text,
            // Named apart from the year's own values: a missing value would be looked up in the year.
            "periods": .list(of: ["name": .text, "periodPoints": .optional(.text), "periodPerHead": .optional(.text), "periodMissing": .flag]),
        ])),
        "volunteerByYear": .flag,
        "volunteerHref": .link,
        "history": .list(TemplateValues.statusChange),
        "plan": .optional(TemplateValues.planDetail),
        "reports": .list(TemplateValues.reportSummary),  // (issue 13) the first page: 50 at most
        "reportCount": .number,
        "pager": .optional(TemplateValues.pager),
        // (issue 12) total and rank across periods (when the unit has scores in two or more); the open data behind the page
        "trend": .list(of: [
            "name": .text, "ranked": .flag, "rank": .number, "categorySize": .number, "shared": .flag,
            "total": .text, "percent": .text, "change": TemplateValues.change,
        ]),
        "dataFiles": .list(TemplateValues.dataFile),
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
                "change": read.change(ranked?.row.change, compared: ranked?.row.compared ?? true),
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
        page["trend"] = trend(unit, read)
        page["dataFiles"] = read.unitsFile
        page["activities"] = read.totals(.unit(unit.id)).map { read.kindTotal($0) }
        fillVolunteer(&page, unit: unit, read)
        page["history"] = read.statusChanges(unit)
        if let plan = read.plan(unit: unit.id) { page["plan"] = read.planDetail(plan) }
        // (issue 13) The first page of the unit's reports; the rest are `UnitReportsPage`s.
        let reports = read.reports(.unit(unit.id), Paging.range(page: 1))
        page["reports"] = reports.summaries
        page["reportCount"] = reports.total
        page["pager"] = Paging.pager(current: 1, total: Paging.pageCount(reports.total), folder: Links.unit(unit.id), root: root)
        page["description"] = description(unit, reports: reports.total, read)
    }
}

extension UnitPage {
    /// (issue 12) The unit's total and rank in each period it has scores in, oldest first; empty when
    /// there are fewer than two (one period is the card below it). Bars are the total out of 100.
    func trend(_ unit: Unit, _ read: PageReader) -> [TemplateObject] {
        let rows = read.config.periods.compactMap { period -> TemplateObject? in
            guard let scores = read.scores(period: period.id, unit: unit.id) else { return nil }
            let ranked = read.rankingRow(unit: unit, period: period.id)
            return [
                "name": period.name, "ranked": ranked != nil, "rank": ranked?.row.rank ?? 0, "categorySize": ranked?.size ?? 0,
                "shared": ranked?.row.shared ?? false, "total": scores.total.description,
                "percent": PageReader.percent(scores.total, of: ExactDecimal(100)),
                "change": read.change(ranked?.row.change, compared: ranked?.row.compared ?? true),
            ]
        }
        return rows.count >= 2 ? rows : []
    }

    /// What a shared link to the unit shows: its category, its latest rank and total, its reports.
    func description(_ unit: Unit, reports: Int, _ read: PageReader) -> String {
        let config = read.config
        var parts = ["\(unit.name)（\(config.category(unit.category)?.name ?? unit.category)）"]
        if let period = config.periods.last(where: { read.rankingRow(unit: unit, period: $0.id) != nil }),
           let ranked = read.rankingRow(unit: unit, period: period.id) {
            parts.append("\(period.name)第 \(ranked.row.rank) 名，总分 \(ranked.row.scores.total.description)")
        }
        parts.append("活动报道 \(reports) 篇")
        return parts.joined(separator: "；") + "。"
    }
}

extension UnitPage {
    /// (r2) The unit's volunteer standings as the volunteer page shows them: per period (未报送 for a period
    /// that has ended with no row), or with `per: year` per year with each period's own figures.
    func fillVolunteer(_ page: inout TemplateObject, unit: Unit, _ read: PageReader) {
        let board = read.volunteerBoard
        page["volunteerByYear"] = board.per == .year
        page["volunteerHref"] = read.root + Links.page(VolunteerPage.folder)
        page["volunteer"] = board.standings.compactMap { table -> TemplateObject? in
            // A unit without staff and without a row has nothing to show.
            guard let entry = table.entry(unit: unit.id), entry.points != nil || entry.missing else { return nil }
            var values = read.volunteerFigures(entry, target: board.target)
            values["periodName"] = table.name
            values["periods"] = board.per == .year ? table.periods.map { period -> TemplateObject in
                let own = board.period(period.id)?.entry(unit: unit.id)
                return ["name": period.name, "periodPoints": own?.points?.grouped, "periodPerHead": own?.perHead?.grouped,
                        "periodMissing": own?.missing ?? false]
            } : [TemplateObject]()
            return values
        }
    }
}

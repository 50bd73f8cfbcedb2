import GongshiModel

/// (issue 13) `units/<id>/page/<n>/index.html`, n ≥ 2: a further page of a unit's reports, 50 a page
/// like every list (`Paging`). The profile, scores and plan are on the unit's first page
/// (`UnitPage`), which this links to; here only the unit's name, what it is and the reports.
/// What it depends on: the unit, site.yaml (the category's name) and the positions it shows.
struct UnitReportsPage: HTMLPage {
    static let name = "unit-reports"
    static let folder = "units"
    static let template = "unit-reports"
    static let section = "units"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "unit": TemplateValues.unitLink.adding(["categoryName": .text]),
        "reports": .list(TemplateValues.reportSummary),
        "reportCount": .number,
        "pager": .optional(TemplateValues.pager),
    ]
    static func all(in site: RenderSite) -> [UnitReportsPage] {
        site.content.units.flatMap { unit in
            let pages = Paging.pageCount(site.count(.unit(unit.id)))
            return pages < 2 ? [] : (2...pages).map { UnitReportsPage(id: unit.id, number: $0) }
        }
    }

    let id: String
    let number: Int
    var path: String { Paging.path(Links.unit(id), page: number) }
    var subject: String { id }
    var origin: String { "units/\(id).md" }

    func title(_ read: PageReader) -> String { Paging.title((read.unit(id)?.name ?? id) + "活动报道", page: number) }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        guard let unit = read.unit(id) else { return }
        let config = read.config
        var info = read.unitLink(unit)
        let category = config.category(unit.category)?.name ?? unit.category
        info["categoryName"] = category
        page["unit"] = info
        let reports = read.reports(.unit(id), Paging.range(page: number))
        page["reports"] = reports.summaries
        page["reportCount"] = reports.total
        page["pager"] = Paging.pager(current: number, total: Paging.pageCount(reports.total), folder: Links.unit(id), root: read.root)
        page["description"] = "\(unit.name)（\(category)）的活动报道，共 \(reports.total) 篇，第 \(number) 页。"
    }
}

import GongshiModel

/// `volunteer/index.html` (r2): every unit's volunteer standing per period, or with `per: year` per
/// calendar year (each period's own points beside the year's): points, staff, per head, 达标 / 未达标 /
/// 未报送. In each table the highest per head first, then 未报送, then units with no staff count (see
/// `VolunteerBoard.order`). (issue 12) `volunteer/index.html` shows the latest table, `volunteer/<id>/index.html`
/// each earlier one, so a page stays the size of one table however many years the site has.
struct VolunteerPage: HTMLPage {
    static let name = "volunteer"
    static let folder = "volunteer"
    static let menu: String? = "志愿服务"
    static let template = "volunteer"
    static let section = "volunteer"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "volunteer": .object([
            "byYear": .flag, "target": .optional(.text),
            "tables": .list(of: [
                "id": .text, "name": .text, "caption": .text,
                "periods": .list(of: ["name": .text]),
                "metCount": .number, "notMetCount": .number, "missingCount": .number,
                "rows": .list(TemplateValues.volunteerFigures.adding([
                    "unit": TemplateValues.unitLink,
                    // Named apart from the row's own values: a missing value would be looked up in the row.
                    "periods": .list(of: ["periodName": .text, "periodPoints": .optional(.text), "periodMissing": .flag]),
                ])),
            ]),
            // (issue 12) every table (the latest first), each with its page; `current` marks this page's; empty with one table
            "pages": .list(of: ["name": .text, "href": .link, "current": .flag]),
        ]),
        "dataFiles": .list(TemplateValues.dataFile),  // (issue 12) the open data behind the page
    ]
    static func all(in site: RenderSite) -> [VolunteerPage] {
        [VolunteerPage(table: nil)] + site.computation.volunteerBoard.standings.reversed().dropFirst().map { VolunteerPage(table: $0.id) }
    }

    /// An earlier table's id; nil for the latest (`volunteer/index.html`).
    var table: String? = nil
    var path: String { table.map { "volunteer/\($0)/index.html" } ?? "volunteer/index.html" }
    var subject: String { table ?? "" }
    var origin: String { "volunteer standings" }

    static func href(_ table: String?, root: String) -> String {
        root + Links.page(table.map { "volunteer/\($0)" } ?? "volunteer")
    }

    func title(_ read: PageReader) -> String {
        guard let table, let shown = read.volunteerBoard.standings.first(where: { $0.id == table }) else { return "志愿服务积分" }
        return "志愿服务积分（\(shown.name)）"
    }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["dataFiles"] = read.unitsFile
        let board = read.volunteerBoard
        let units = read.unitsByID
        let byYear = board.per == .year
        page["volunteer"] = [
            "byYear": byYear, "target": board.target?.grouped,
            "pages": board.standings.count < 2 ? [TemplateObject]() : board.standings.reversed().enumerated().map { index, table -> TemplateObject in
                let own: String? = index == 0 ? nil : table.id
                return ["name": table.name, "href": Self.href(own, root: read.root), "current": own == self.table]
            },
            "tables": board.standings.reversed().enumerated().filter { index, table in
                self.table == nil ? index == 0 : table.id == self.table
            }.map { _, table -> TemplateObject in
                let rows = table.entries.compactMap { entry -> TemplateObject? in
                    guard let unit = units[entry.unit] else { return nil }
                    var values = read.volunteerFigures(entry, target: board.target)
                    values["unit"] = read.unitLink(unit)
                    values["periods"] = byYear ? table.periods.map { period -> TemplateObject in
                        let own = board.period(period.id)?.entry(unit: entry.unit)
                        return ["periodName": period.name, "periodPoints": own?.points?.grouped, "periodMissing": own?.missing ?? false]
                    } : [TemplateObject]()
                    return values
                }
                return [
                    "id": table.id, "name": table.name,
                    "caption": byYear ? "\(table.name)志愿服务积分（各考核期合计）" : "\(table.name)志愿服务积分",
                    "periods": byYear ? table.periods.map { ["name": $0.name] as TemplateObject } : [TemplateObject](),
                    "metCount": table.entries.filter { $0.targetMet == true }.count,
                    "notMetCount": table.entries.filter { $0.targetMet == false }.count,
                    "missingCount": table.entries.filter(\.missing).count,
                    "rows": rows,
                ]
            },
        ] as TemplateObject
    }
}

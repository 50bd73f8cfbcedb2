import GongshiModel

/// `volunteer/index.html` (r2): every unit's volunteer standing per period, or with `per: year` per
/// calendar year (each period's own points beside the year's): points, staff, per head, 达标 / 未达标 /
/// 未报送. The latest first; in each table the highest per head first, then 未报送, then units with no
/// staff count (see `VolunteerBoard.order`).
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
                    "periods": .list(of: ["periodPoints": .optional(.text), "periodMissing": .flag]),
                ])),
            ]),
        ]),
    ]
    static func all(in site: RenderSite) -> [VolunteerPage] { [VolunteerPage()] }

    var path: String { "volunteer/index.html" }
    var subject: String { "" }
    var origin: String { "volunteer standings" }

    func title(_ read: PageReader) -> String { "志愿服务积分" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let board = read.volunteerBoard
        let units = read.unitsByID
        let byYear = board.per == .year
        page["volunteer"] = [
            "byYear": byYear, "target": board.target?.grouped,
            "tables": board.standings.reversed().map { table -> TemplateObject in
                let rows = table.entries.compactMap { entry -> TemplateObject? in
                    guard let unit = units[entry.unit] else { return nil }
                    var values = read.volunteerFigures(entry, target: board.target)
                    values["unit"] = read.unitLink(unit)
                    values["periods"] = byYear ? table.periods.map { period -> TemplateObject in
                        let own = board.period(period.id)?.entry(unit: entry.unit)
                        return ["periodPoints": own?.points?.grouped, "periodMissing": own?.missing ?? false]
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

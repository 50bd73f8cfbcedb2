import GongshiModel

/// (r2) `intersections/index.html`: every 帮包路口, the units that staff it and the duty events recorded there.
struct IntersectionsIndexPage: HTMLPage {
    static let name = "intersections"
    static let folder = "intersections"
    static let menu: String? = "帮包路口"
    static let template = "intersections"
    static let section = "intersections"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "intersections": .list(of: [
            "name": .text, "href": .link, "units": .list(TemplateValues.unitLink),
            "events": .list(of: ["name": .text, "count": .number]), "eventCount": .number,
        ]),
        "periodNames": .text,
        "dataFiles": .list(TemplateValues.dataFile),  // (issue 12) the open data behind the page
    ]
    static func all(in site: RenderSite) -> [IntersectionsIndexPage] { [IntersectionsIndexPage()] }

    var path: String { "intersections/index.html" }
    var subject: String { "" }
    var origin: String { "intersections index" }

    func title(_ read: PageReader) -> String { "帮包路口" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["dataFiles"] = read.unitsFile
        let units = read.units, periods = read.config.periods
        page["periodNames"] = periods.map(\.name).joined(separator: "、")
        page["intersections"] = read.intersections.map { name -> TemplateObject in
            let staffing = units.filter { $0.intersection == name }
            // Every event of every period, counted over the units that staff it.
            var counts: [(name: String, count: Int)] = []
            for unit in staffing {
                for period in periods {
                    guard let duty = read.dutyBreakdown(period: period.id, unit: unit.id) else { continue }
                    if counts.isEmpty { counts = duty.counts.map { ($0.event.name ?? $0.event.id, 0) } }
                    for (index, entry) in duty.counts.enumerated() { counts[index].count += entry.count }
                }
            }
            return [
                "name": name, "href": read.root + Links.page(Links.intersection(name)),
                "units": staffing.map { read.unitLink($0) },
                "events": counts.filter { $0.count > 0 }.map { ["name": $0.name, "count": $0.count] as TemplateObject },
                "eventCount": counts.reduce(0) { $0 + $1.count },
            ]
        }
    }
}

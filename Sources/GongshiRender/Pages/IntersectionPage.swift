import GongshiModel

/// (r2) `intersections/<name>/index.html`: one 帮包路口, the units that staff it and their duty
/// events per period, counted by event, with each day's record.
struct IntersectionPage: HTMLPage {
    static let name = "intersection"
    static let folder = "intersections"
    static let template = "intersection"
    static let section = "intersections"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "intersection": .object(["name": .text]),
        "units": .list(TemplateValues.unitLink),
        "events": .list(of: ["id": .text, "name": .text, "points": .text]),
        "dutyName": .optional(.text),
        "periods": .list(of: [
            "id": .text, "name": .text,
            "units": .list(of: ["name": .text, "href": .link, "counts": .list(of: ["count": .number, "eventName": .text]), "score": .text]),
            "entries": .list(of: [
                "date": .text, "dateISO": .text, "unitName": .text, "unitHref": .link, "eventName": .text,
                "points": .text, "note": .optional(.text),
            ]),
        ]),
        "dataFiles": .list(TemplateValues.dataFile),  // (issue 12) the open data behind the page
    ]
    static func all(in site: RenderSite) -> [IntersectionPage] { names(site.content.units).map { IntersectionPage(intersection: $0) } }

    /// Every intersection a unit names, sorted.
    static func names(_ units: [Unit]) -> [String] { Set(units.compactMap(\.intersection)).sorted() }

    let intersection: String
    var path: String { Links.intersection(intersection) + "/index.html" }
    var subject: String { intersection }
    var origin: String { "intersection \(intersection)" }

    func title(_ read: PageReader) -> String { intersection }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["dataFiles"] = read.unitsFile
        let config = read.config
        let units = read.units.filter { $0.intersection == intersection }
        page["intersection"] = ["name": intersection] as TemplateObject
        page["units"] = units.map { read.unitLink($0) }
        if let component = config.dutyComponent, case .duty(_, let events) = component.source {
            page["dutyName"] = component.name
            page["events"] = events.map { ["id": $0.id, "name": $0.name ?? $0.id, "points": PageReader.signed($0.points)] as TemplateObject }
        } else {
            page["events"] = [TemplateObject]()
        }
        // The latest period first; a period shows when one of the units is ranked in it or has duty rows there.
        page["periods"] = config.periods.reversed().compactMap { period -> TemplateObject? in
            let shown = units.filter { read.rankingRow(unit: $0, period: period.id) != nil || read.hasDutyRows(period: period.id, unit: $0.id) }
            guard !shown.isEmpty else { return nil }
            var rows: [TemplateObject] = [], entries: [(date: CalendarDate, order: Int, value: TemplateObject)] = []
            for unit in shown {
                guard let duty = read.dutyBreakdown(period: period.id, unit: unit.id) else { continue }
                rows.append(read.dutyCounts(unit, duty))
                for entry in duty.entries {
                    entries.append((entry.row.date, entries.count, [
                        "date": entry.row.date.chinese, "dateISO": entry.row.date.description, "unitName": unit.name,
                        "unitHref": read.root + Links.page(Links.unit(unit.id)), "eventName": entry.event.name ?? entry.event.id,
                        "points": PageReader.signed(entry.event.points), "note": entry.row.note.isEmpty ? nil : entry.row.note,
                    ]))
                }
            }
            guard !rows.isEmpty else { return nil }
            entries.sort { $0.date != $1.date ? $0.date < $1.date : $0.order < $1.order }
            return ["id": period.id, "name": period.name, "units": rows, "entries": entries.map(\.value)]
        }
    }
}

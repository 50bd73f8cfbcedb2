import GongshiModel

/// (r2) `criteria/index.html`: each deductions catalogue by group, and per period how many units
/// lost points on each item and how many points in all, most lost first, each item with its units.
struct CriteriaPage: HTMLPage {
    static let name = "criteria"
    static let folder = "criteria"
    static let menu: String? = "考核细则"
    static let template = "criteria"
    static let section = "criteria"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "catalogues": .list(of: [
            "id": .text, "name": .text, "full": .text, "itemCount": .number,
            "groups": .list(of: [
                "groupName": .optional(.text),
                "items": .list(of: ["id": .text, "name": .text, "points": .text, "anchor": .text]),
            ]),
            "periods": .list(of: [
                "id": .text, "name": .text, "unitCount": .number, "lost": .text,
                // (issue 12) the items most units lost points on, as bars
                "chart": .optional(TemplateValues.barChart),
                "items": .list(of: [
                    "id": .text, "name": .text, "group": .optional(.text), "href": .link, "unitCount": .number, "lost": .text,
                    "units": .list(of: ["name": .text, "href": .link, "points": .text]),
                ]),
            ]),
        ]),
        "dataFiles": .list(TemplateValues.dataFile),
    ]
    /// (issue 12) How many items the chart of each period shows.
    static let chartItems = 10
    static func all(in site: RenderSite) -> [CriteriaPage] { [CriteriaPage()] }

    var path: String { "criteria/index.html" }
    var subject: String { "" }
    var origin: String { "criteria" }

    func title(_ read: PageReader) -> String { "考核细则" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let config = read.config, units = read.unitsByID
        let rankings = read.rankings
        page["catalogues"] = config.deductionComponents.compactMap { component -> TemplateObject? in
            guard case .deductions(let catalogue) = component.source else { return nil }
            // The latest period first: those with anyone ranked or anyone losing points on this catalogue.
            let periods = config.periods.reversed().compactMap { period -> TemplateObject? in
                let ranked = rankings.first { $0.period.id == period.id }.map { !$0.isEmpty } ?? false
                guard ranked || read.hasDeductions(period: period.id, component: component.id) else { return nil }
                let losses = read.itemLosses(period: period.id, component: component.id)
                let losing = Set(losses.flatMap { $0.units.map(\.unit) })
                let lost = losses.reduce(ExactDecimal.zero) { $0 + $1.total }
                let assessed = rankings.first { $0.period.id == period.id }.map { $0.categories.reduce(0) { $0 + $1.rows.count } } ?? 0
                return [
                    "id": period.id, "name": period.name, "unitCount": losing.count, "lost": lost.description,
                    "chart": chart(losses, period: period.name, assessed: assessed),
                    "items": losses.map { loss -> TemplateObject in
                        [
                            "id": loss.item.id, "name": loss.item.name, "group": loss.item.group,
                            "href": "#" + Links.encode(Links.criteriaAnchor(loss.item.id)),
                            "unitCount": loss.units.count, "lost": loss.total.description,
                            "units": loss.units.map { entry -> TemplateObject in
                                ["name": units[entry.unit]?.name ?? entry.unit, "href": read.root + Links.page(Links.unit(entry.unit)),
                                 "points": entry.points.description]
                            },
                        ]
                    },
                ]
            }
            return [
                "id": component.id, "name": component.name, "full": catalogue.full.description, "itemCount": catalogue.items.count,
                "groups": catalogue.groups.map { group -> TemplateObject in
                    ["groupName": group.name.isEmpty ? nil : group.name,
                     "items": group.items.map { ["id": $0.id, "name": $0.name, "points": $0.points.description,
                                                 "anchor": Links.criteriaAnchor($0.id)] as TemplateObject }]
                },
                "periods": periods,
            ]
        }
        page["dataFiles"] = read.unitsFile
    }

    /// (issue 12) The items most units lost points on, most first (then most points, then as listed), each
    /// bar the share of the period's ranked units (of the most units on one item when none is ranked).
    func chart(_ losses: [ItemLosses], period: String, assessed: Int) -> TemplateObject? {
        guard !losses.isEmpty else { return nil }
        let order = losses.indices.sorted { a, b in
            let x = losses[a], y = losses[b]
            if x.units.count != y.units.count { return x.units.count > y.units.count }
            if x.total != y.total { return x.total > y.total }
            return a < b
        }
        let shown = order.prefix(Self.chartItems).map { losses[$0] }
        let whole = assessed > 0 ? assessed : shown.map(\.units.count).max() ?? 0
        return [
            "caption": "\(period)被扣分单位最多的细则",
            "labelHeading": "细则", "valueHeading": "被扣分单位",
            "note": assessed > 0 ? "条形长度为被扣分单位占参加排名的 \(assessed) 家单位的比例。" : "条形长度按被扣分单位最多的细则计。",
            "bars": shown.map { loss -> TemplateObject in
                ["label": "\(loss.item.id) \(loss.item.name)", "labelHref": "#" + Links.encode(Links.criteriaAnchor(loss.item.id)),
                 "value": "\(loss.units.count) 家", "percent": PageReader.percent(loss.units.count, of: whole)]
            },
        ]
    }
}

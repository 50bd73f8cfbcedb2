import GongshiModel

/// `rectification/index.html`: every plan's progress, plans with overdue items first.
struct RectificationPage: HTMLPage {
    static let name = "rectification"
    static let folder = "rectification"
    static let menu: String? = "整改进展"
    static let template = "rectification"
    static let section = "rectification"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "plans": .list(TemplateValues.planDetail),
        // (issue 12) every plan's items by state as one stacked bar each (widths in per cent), with the counts;
        // `unitHref` is the plan's section further down the page
        "progress": .list(of: [
            "unitName": .text, "unitHref": .link, "itemCount": .number, "percent": .number,
            "done": .number, "doing": .number, "overdue": .number, "todo": .number,
            "doneWidth": .text, "doingWidth": .text, "overdueWidth": .text, "todoWidth": .text,
        ]),
        "dataFiles": .list(TemplateValues.dataFile),
    ]
    static func all(in site: RenderSite) -> [RectificationPage] { [RectificationPage()] }

    var path: String { "rectification/index.html" }
    var subject: String { "" }
    var origin: String { "rectification index" }

    func title(_ read: PageReader) -> String { "整改进展" }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let plans = read.plans.sorted {
            let a = read.progress($0).overdue, b = read.progress($1).overdue
            return a != b ? a > b : $0.unit < $1.unit
        }
        page["plans"] = plans.map { read.planDetail($0) }
        page["progress"] = plans.map { plan -> TemplateObject in
            let progress = read.progress(plan)
            func count(_ state: PlanProgress.ItemState) -> Int { progress.states.filter { $0 == state }.count }
            let done = count(.done), doing = count(.doing), overdue = count(.overdue), todo = count(.todo)
            let total = progress.itemCount
            return [
                "unitName": read.unit(plan.unit)?.name ?? plan.unit, "unitHref": "#plan-" + Links.encode(plan.unit),
                "itemCount": total, "percent": progress.percent,
                "done": done, "doing": doing, "overdue": overdue, "todo": todo,
                "doneWidth": PageReader.percent(done, of: total), "doingWidth": PageReader.percent(doing, of: total),
                "overdueWidth": PageReader.percent(overdue, of: total), "todoWidth": PageReader.percent(todo, of: total),
            ]
        }
        page["dataFiles"] = read.unitsFile
    }
}

import GongshiModel

/// `kinds/<kind>/index.html` and its further pages: the reports of one activity kind, with its totals.
struct KindPage: HTMLPage {
    static let name = "kind"
    static let folder = "kinds"
    static let template = "kind"
    static let section = "reports"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "kind": .object(["id": .text, "name": .text]),
        "total": TemplateValues.kindTotal,
        "periods": .list(of: ["name": .text, "total": TemplateValues.kindTotal]),
        "reports": .list(TemplateValues.reportSummary),
        "reportCount": .number,
        "pager": .optional(TemplateValues.pager),
        // (issue 12) reports per month (on the first page only), the open data behind the figures
        "monthly": .optional(TemplateValues.barChart),
        "dataFiles": .list(TemplateValues.dataFile),
    ]
    static func all(in site: RenderSite) -> [KindPage] {
        site.content.config.kinds.flatMap { kind in
            (1...Paging.pageCount(site.count(.kind(kind.id)))).map { KindPage(kind: kind.id, number: $0) }
        }
    }

    let kind: String
    let number: Int
    var path: String { Paging.path(Links.kind(kind), page: number) }
    var subject: String { kind }
    var origin: String { "activity kind \(kind)" }

    func title(_ read: PageReader) -> String { Paging.title(read.kind(kind)?.name ?? kind, page: number) }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        guard let kind = read.kind(self.kind) else { return }
        let config = read.config
        page["kind"] = ["id": kind.id, "name": kind.name] as TemplateObject
        page["total"] = read.kindTotal(read.totals(.kind(kind.id)).first ?? ActivityTotal(kind: kind))
        page["periods"] = config.periods.compactMap { period -> TemplateObject? in
            guard let total = read.kindTotal(kind.id, period: period.id) else { return nil }
            return ["name": period.name, "total": read.kindTotal(total)]
        }
        let reports = read.reports(.kind(kind.id), Paging.range(page: number))
        page["reports"] = reports.summaries
        page["reportCount"] = reports.total
        page["monthly"] = number == 1 ? read.monthlyChart(.kind(kind.id), kindName: kind.name) : nil
        page["dataFiles"] = read.reportsFile
        page["description"] = "\(config.title)：\(kind.name)活动共 \(reports.total) 次，按考核期和月份统计，以及每一篇活动报道。"
        page["pager"] = Paging.pager(current: number, total: Paging.pageCount(reports.total), folder: Links.kind(kind.id), root: read.root)
    }
}

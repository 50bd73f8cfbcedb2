import GongshiModel

/// `reports/index.html` and its further pages: every published report, newest first.
struct ReportListPage: HTMLPage {
    static let name = "reports"
    static let folder = "reports"
    static let menu: String? = "创建动态"
    static let template = "reports"
    static let section = "reports"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "reports": .list(TemplateValues.reportSummary),
        "reportCount": .number,
        "pager": .optional(TemplateValues.pager),
        "dataFiles": .list(TemplateValues.dataFile),  // (issue 12) the open data behind the page
    ]
    static func all(in site: RenderSite) -> [ReportListPage] {
        (1...Paging.pageCount(site.count(.all))).map { ReportListPage(number: $0) }
    }

    let number: Int
    var path: String { Paging.path("reports", page: number) }
    var subject: String { String(number) }
    var origin: String { "reports index" }

    func title(_ read: PageReader) -> String { Paging.title("创建动态", page: number) }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["dataFiles"] = read.reportsFile
        let reports = read.reports(.all, Paging.range(page: number))
        page["reports"] = reports.summaries
        page["reportCount"] = reports.total
        page["pager"] = Paging.pager(current: number, total: Paging.pageCount(reports.total), folder: "reports", root: read.root)
    }
}

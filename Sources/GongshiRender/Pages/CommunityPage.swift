import GongshiModel

/// `communities/<name>/index.html` and its further pages: a community, the units paired with it and the
/// activities there, its reports a page at a time.
struct CommunityPage: HTMLPage {
    static let name = "community"
    static let folder = "communities"
    static let template = "community"
    static let section = "units"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "community": .object(["name": .text]),
        "units": .list(TemplateValues.unitLink),
        "totals": .list(TemplateValues.kindTotal),
        "reports": .list(TemplateValues.reportSummary),
        "reportCount": .number,
        "pager": .optional(TemplateValues.pager),
        "dataFiles": .list(TemplateValues.dataFile),
    ]
    static func all(in site: RenderSite) -> [CommunityPage] {
        site.communities.flatMap { name in
            (1...Paging.pageCount(site.count(.community(name)))).map { CommunityPage(community: name, number: $0) }
        }
    }

    let community: String
    var number = 1
    var path: String { Paging.path(Links.community(community), page: number) }
    var subject: String { community }
    var origin: String { "community \(community)" }

    func title(_ read: PageReader) -> String { Paging.title(community, page: number) }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["dataFiles"] = read.reportsFile
        page["community"] = ["name": community] as TemplateObject
        let units = read.units.filter { $0.community == community }
        page["units"] = units.map { read.unitLink($0) }
        page["totals"] = read.totals(.community(community)).map { read.kindTotal($0) }
        let reports = read.reports(.community(community), Paging.range(page: number))
        page["reports"] = reports.summaries
        page["reportCount"] = reports.total
        page["description"] = "\(community)：帮包单位 \(units.count) 家，在本社区开展的活动报道 \(reports.total) 篇。"
        page["pager"] = Paging.pager(current: number, total: Paging.pageCount(reports.total), folder: Links.community(community), root: read.root)
    }
}

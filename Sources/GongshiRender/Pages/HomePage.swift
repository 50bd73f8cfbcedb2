import GongshiModel

/// `index.html`: the latest notices, the ranking leaders of the latest period,
/// the site's activity totals and every plan's progress.
struct HomePage: HTMLPage {
    static let name = "home"
    static let folder = ""
    static let menu: String? = "首页"
    static let template = "home"
    static let section = "home"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "notices": .list(TemplateValues.noticeSummary),
        "leaders": .optional(.object(["periodName": .text, "href": .link, "tables": .list(TemplateValues.rankingTable),
                                       "dataFiles": .list(TemplateValues.dataFile)])),
        "totals": .list(TemplateValues.kindTotal),
        "plans": .list(TemplateValues.planDetail),
        "unitCount": .number,
        "reportCount": .number,
        // (issue 12) reports per month; the open data behind the plans and the activity figures
        "monthly": .optional(TemplateValues.barChart),
        "plansSource": .object(["dataFiles": .list(TemplateValues.dataFile)]),
        "activitySource": .object(["dataFiles": .list(TemplateValues.dataFile)]),
    ]
    static func all(in site: RenderSite) -> [HomePage] { [HomePage()] }

    var path: String { "index.html" }
    var subject: String { "" }
    var origin: String { "home page" }

    func title(_ read: PageReader) -> String { read.config.title }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let root = read.root
        // Every notice 公示中 first, then the latest, five in all (or more when more are 公示中).
        let notices = read.noticesOpenFirst
        let open = notices.prefix { $0.isOpen(on: read.asOf) }.count
        page["notices"] = notices.prefix(max(5, open)).map { read.noticeSummary($0) }
        if let current = read.currentRanking {
            page["leaders"] = ["periodName": current.period.name, "href": root + Links.page(Links.ranking(current.period.id)),
                               "tables": read.rankingTables(current, category: nil, top: 3),
                               "dataFiles": read.rankingFiles(period: current.period.id)] as TemplateObject
        }
        page["totals"] = read.totals(.site).map { read.kindTotal($0) }
        page["plans"] = read.plans.map { read.planDetail($0) }
        let unitCount = read.units.count, reportCount = read.reportCount(.all)
        page["unitCount"] = unitCount
        page["reportCount"] = reportCount
        page["description"] = "\(read.config.title)：\(unitCount) 家创建单位的考核排名、\(reportCount) 篇活动报道、通报公告和整改进展。"
        page["monthly"] = read.monthlyChart(.site)
        page["plansSource"] = ["dataFiles": read.unitsFile] as TemplateObject
        page["activitySource"] = ["dataFiles": read.reportsFile] as TemplateObject
    }
}

import GongshiModel

/// `notices/index.html` and its further pages (issue 13): every published notice, newest first,
/// those 公示中 on the as-of date before the rest, 50 a page (`Paging`).
struct NoticesIndexPage: HTMLPage {
    static let name = "notices"
    static let folder = "notices"
    static let menu: String? = "通报公告"
    static let template = "notices"
    static let section = "notices"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "notices": .list(TemplateValues.noticeSummary),
        "pager": .optional(TemplateValues.pager),
    ]
    static func all(in site: RenderSite) -> [NoticesIndexPage] {
        (1...Paging.pageCount(site.notices.count)).map { NoticesIndexPage(number: $0) }
    }

    var number = 1
    var path: String { Paging.path("notices", page: number) }
    var subject: String { String(number) }
    var origin: String { "notices index" }

    func title(_ read: PageReader) -> String { Paging.title("通报公告", page: number) }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        // The notices are one coarse part: every page of the list is made again when a notice changes.
        let notices = read.noticesOpenFirst
        let range = Paging.range(page: number).clamped(to: 0..<notices.count)
        page["notices"] = notices[range].map { read.noticeSummary($0) }
        page["pager"] = Paging.pager(current: number, total: Paging.pageCount(notices.count), folder: "notices", root: read.root)
    }
}

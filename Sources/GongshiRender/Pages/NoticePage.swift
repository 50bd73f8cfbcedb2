import GongshiModel

/// `notices/<path>/index.html`: one notice laid out as an official document,
/// with its embedded ranking and rectification tables made by the theme's partials.
struct NoticePage: HTMLPage {
    static let name = "notice"
    static let folder = "notices"
    static let template = "notice"
    static let section = "notices"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "notice": TemplateValues.noticeSummary.adding([
            "cc": .list(.text), "ccText": .text, "bodyHTML": .html,
            // (r2) a public notice: its period, its state and whom to write to or call during it
            "contacts": .optional(TemplateValues.supervision),
        ]),
    ]
    /// The blocks inside a notice's text see the notice page's own values (not `notice`) and the block's.
    static let partials: [String: TemplateFields] = [
        "partials/ranking-block": [
            "periodName": .text,
            "tables": .list(TemplateValues.rankingTable),
            "limit": .optional(.text),
            "isBottom": .flag,
            // (issue 12) the period's ranking as open data
            "dataFiles": .list(TemplateValues.dataFile),
        ],
        "partials/rectification-block": [
            "plan": TemplateValues.planDetail,
            "issuedOn": .text,
        ],
    ]
    static func all(in site: RenderSite) -> [NoticePage] {
        site.notices.indices.map { NoticePage(index: $0, notice: site.notices[$0].path, origin: site.notices[$0].sourcePath) }
    }

    /// Position in the published notices.
    let index: Int
    let notice: String
    let origin: String
    /// The page as the search index reads it: each ranking block without its tables (SearchIndex).
    var forSearch = false
    var path: String { notice + "/index.html" }
    var subject: String { notice }

    func title(_ read: PageReader) -> String { read.notices[index].title }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let notice = read.notices[index]
        var info = read.noticeSummary(notice)
        info["cc"] = notice.cc
        info["ccText"] = notice.cc.joined(separator: "，")
        // A public notice shows whom to contact: its own contacts, else the site's.
        if notice.publicPeriod != nil || notice.supervision != nil {
            info["contacts"] = SupervisionValue.make(notice.supervision ?? read.config.supervision)
        }
        // The blocks' partials see the page's values too, as a section would.
        var values = read.base(outputPath: path, title: notice.title, section: Self.section)
        for (key, value) in page.fields { values.fields[key] = value }
        info["bodyHTML"] = body(notice, values, read)
        page["notice"] = info
        // (issue 12) what a shared link shows
        page["description"] = PageReader.clip([notice.issuer, notice.docNumber, notice.date.chinese + "印发", notice.excerpt]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "　"))
        page["ogType"] = "article"
    }

    /// The notice's HTML with its ranking and rectification blocks rendered by the theme's partials.
    private func body(_ notice: Notice, _ values: TemplateObject, _ read: PageReader) -> String {
        var html = ""
        for part in notice.body {
            switch part {
            case .html(let text):
                html += read.withPhotos(text, of: notice)
            case .ranking(let block):
                guard let ranking = read.ranking(period: block.period) else { continue }
                var context = values
                context["periodName"] = ranking.period.name
                // In the search index a ranking is its title: its tables name every unit of a category, so a
                // unit's name would find every notice that ranks it, and at a province's size (thousands of
                // units, thousands of notices) the notices' text would be gigabytes.
                context["tables"] = forSearch ? [TemplateObject]()
                    : read.rankingTables(ranking, category: block.category, top: block.top, bottom: block.bottom)
                context["limit"] = block.top.map { "前\($0)名" } ?? block.bottom.map { "后\($0)名" }
                context["isBottom"] = block.bottom != nil
                context["dataFiles"] = read.rankingFiles(period: ranking.period.id)
                html += read.renderPartial("partials/ranking-block", context)
            case .rectification(let unit):
                // As the plan stood on the notice's date: an issued document does not change when the plan moves on.
                guard let issued = read.planAsIssued(unit: unit, on: notice.date) else { continue }
                var context = values
                context["plan"] = read.planDetail(issued.plan, progress: issued.progress)
                context["issuedOn"] = notice.date.chinese
                html += read.renderPartial("partials/rectification-block", context)
            }
        }
        return html
    }
}

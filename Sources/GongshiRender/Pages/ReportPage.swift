import GongshiModel

/// `reports/<path>/index.html`: one report, with its unit, figures and photos.
struct ReportPage: HTMLPage {
    static let name = "report"
    static let folder = "reports"
    static let template = "report"
    static let section = "reports"
    /// The values it adds to every page's (docs/templates.md).
    static let values: TemplateFields = [
        "report": TemplateValues.reportSummary.adding([
            "communityName": .optional(.text), "communityHref": .optional(.link), "figures": .list(TemplateValues.figure),
            "tags": .optional(.list(.text)), "bodyHTML": .html,
            // (r2) the rectification items this report is evidence of
            "evidenceOf": .list(of: ["unitName": .text, "item": .text, "problem": .text, "href": .link]),
        ]),
    ]
    static func all(in site: RenderSite) -> [ReportPage] {
        site.activities.reports.enumerated().map { ReportPage(index: $0, report: $1) }
    }

    /// Position in `activities.reports`.
    let index: Int
    /// Only for its path: what the page shows is read through the reader.
    private let report: Report

    init(index: Int, report: Report) { self.index = index; self.report = report }

    var path: String { report.path + "/index.html" }
    var ownReport: Int? { index }
    var subject: String { report.path }
    var origin: String { report.sourcePath }

    func title(_ read: PageReader) -> String { read.report(at: index).title }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        let report = read.report(at: index), root = read.root
        var info = read.summary(index)
        info["communityName"] = report.community
        info["communityHref"] = report.community.map { root + Links.page(Links.community($0)) }
        info["figures"] = (read.kind(report.kind)?.figures ?? []).compactMap { figure -> TemplateObject? in
            report.figures[figure.id].map { ["name": figure.name, "value": $0.grouped] }
        }
        info["tags"] = report.tags.isEmpty ? nil : report.tags
        info["bodyHTML"] = read.body(ofReport: index)
        info["evidenceOf"] = read.evidenceBacklinks(forReport: report.path)
        page["report"] = info
        // (issue 12) what a shared link shows
        let unitName = read.unit(report.unit)?.name ?? report.unit
        page["description"] = PageReader.clip("\(unitName)　\(report.date.chinese)　" + (report.excerpt.isEmpty ? report.title : report.excerpt))
        page["ogType"] = "article"
    }
}

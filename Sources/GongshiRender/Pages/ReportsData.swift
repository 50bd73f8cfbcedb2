import GongshiModel

/// `data/reports.json` (r2): every published report as open data, newest first, equal dates by path.
struct ReportsJSON: PageKind {
    static let name = "reports-json"
    static let folder = "data"
    static func all(in site: RenderSite) -> [ReportsJSON] { [ReportsJSON()] }

    var path: String { "data/reports.json" }
    var subject: String { "" }
    var origin: String { "reports" }

    func contents(_ read: PageReader) -> PageContents { .text(OpenData.reportsJSON(read)) }
}

extension OpenData {
    /// One object per published report, in the order of `activities.reports` (newest first, equal dates by
    /// path): `path` is the report page's folder relative to the site root, with a trailing slash
    /// (`reports/2018/08/guowang-yongdian-paicha/`, as written, not percent-encoded); `unit`, `kind` ids;
    /// `community` null when neither the report nor its unit names one; `figures` the figures the report
    /// gives, in site.yaml's order.
    static func reportsJSON(_ read: PageReader) -> String {
        let config = read.config
        var order: [String: [String]] = [:]
        for kind in config.kinds { order[kind.id] = kind.figures.map(\.id) }
        let reports = read.reports(.all).reports
        var out = "["
        out.reserveCapacity(reports.count * 240)
        for (index, report) in reports.enumerated() {
            if index > 0 { out += "," }
            out += "\n  {\"path\": \(Escape.json(report.path + "/")), \"title\": \(Escape.json(report.title)), "
            out += "\"unit\": \(Escape.json(report.unit)), \"date\": \(Escape.json(report.date.description)), "
            out += "\"kind\": \(Escape.json(report.kind)), \"community\": \(report.community.map(Escape.json) ?? "null"), \"figures\": {"
            let figures = report.figures
            out += (order[report.kind] ?? figures.keys.sorted()).compactMap { id in
                figures[id].map { "\(Escape.json(id)): \($0)" }
            }.joined(separator: ", ")
            out += "}}"
        }
        return out + (reports.isEmpty ? "]\n" : "\n]\n")
    }
}

import GongshiModel

/// `data/reports.json` (r2): every published report as open data, newest first, equal dates by path.
struct ReportsJSON: PageKind {
    static let name = "reports-json"
    static let folder = "data"
    static func all(in site: RenderSite) -> [ReportsJSON] { [ReportsJSON()] }

    var path: String { "data/reports.json" }
    var subject: String { "" }
    var origin: String { "reports" }

    func contents(_ read: PageReader) -> PageContents { .bytes(OpenData.reportsJSON(read)) }
}

extension OpenData {
    /// One object per published report, in the order of `activities.reports` (newest first, equal dates by
    /// path): `path` is the report page's folder relative to the site root, with a trailing slash
    /// (`reports/2018/08/guowang-yongdian-paicha/`, as written, not percent-encoded); `unit`, `kind` ids;
    /// `community` null when neither the report nor its unit names one; `figures` the figures the report
    /// gives, in site.yaml's order.
    static func reportsJSON(_ read: PageReader) -> [UInt8] {
        let config = read.config
        var order: [String: [String]] = [:]
        for kind in config.kinds { order[kind.id] = kind.figures.map(\.id) }
        let reports = read.reportListing
        // Written straight into bytes: 20,000 entries were a tenth of a second as string appends.
        var out: [UInt8] = []
        // Room for the whole file at once (a report takes about 265 bytes): growing by doubling held
        // the old buffer and one twice its size, three times the file at a million reports.
        out.reserveCapacity(reports.count * 320 + 64)
        func add(_ text: StaticString) { text.withUTF8Buffer { out.append(contentsOf: $0) } }
        out.append(UInt8(ascii: "["))
        for (index, report) in reports.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            add("\n  {\"path\": "); Escape.appendJSON(report.path + "/", to: &out)
            add(", \"title\": "); Escape.appendJSON(report.title, to: &out)
            add(", \"unit\": "); Escape.appendJSON(report.unit, to: &out)
            add(", \"date\": "); Escape.appendJSON(report.date.description, to: &out)
            add(", \"kind\": "); Escape.appendJSON(report.kind, to: &out)
            add(", \"community\": ")
            if let community = report.community { Escape.appendJSON(community, to: &out) } else { add("null") }
            add(", \"figures\": {")
            let figures = report.figures
            if !figures.isEmpty {
                var first = true
                for id in order[report.kind] ?? figures.keys.sorted() {
                    guard let value = figures[id] else { continue }
                    if !first { add(", ") }
                    first = false
                    Escape.appendJSON(id, to: &out)
                    add(": ")
                    out.append(contentsOf: value.description.utf8)
                }
            }
            add("}}")
        }
        add(reports.isEmpty ? "]\n" : "\n]\n")
        return out
    }
}

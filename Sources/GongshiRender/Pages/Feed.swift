import GongshiModel

/// `feed.xml`: an Atom feed of the notices and the newest reports.
struct Feed: PageKind {
    static let name = "feed"
    static let folder = ""
    static let reports = 50
    static func all(in site: RenderSite) -> [Feed] { [Feed()] }

    var path: String { "feed.xml" }
    var subject: String { "" }
    var origin: String { "feed" }

    func contents(_ read: PageReader) -> PageContents {
        var entries = read.notices.map { OpenData.FeedEntry(title: $0.title, path: $0.path, date: $0.date, summary: $0.excerpt, category: $0.kind) }
        entries += read.reports(.all, 0..<Self.reports).reports.map {
            OpenData.FeedEntry(title: $0.title, path: $0.path, date: $0.date, summary: $0.excerpt, category: read.kind($0.kind)?.name ?? $0.kind)
        }
        return .text(OpenData.atom(entries: entries, config: read.config, asOf: read.asOf))
    }
}

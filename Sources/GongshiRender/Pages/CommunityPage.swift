import GongshiModel

/// `communities/<name>/index.html`: a community, the units paired with it and the activities there.
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
    ]
    static func all(in site: RenderSite) -> [CommunityPage] { site.communities.map { CommunityPage(community: $0) } }

    let community: String
    var path: String { Links.community(community) + "/index.html" }
    var subject: String { community }
    var origin: String { "community \(community)" }

    func title(_ read: PageReader) -> String { community }

    func fill(_ page: inout TemplateObject, _ read: PageReader) {
        page["community"] = ["name": community] as TemplateObject
        page["units"] = read.units.filter { $0.community == community }.map { read.unitLink($0) }
        page["totals"] = read.totals(.community(community)).map { read.kindTotal($0) }
        page["reports"] = read.reports(.community(community)).summaries
    }
}
